"""The CLI given what an attacker controls: answers written to forge lines of a summary or rewrite
a terminal, cells written to run as spreadsheet formulas, inputs too large to be what they claim,
and a passphrase too weak for a key file that may leave the machine.

No storage server is needed (envelopes travel as files); this lives with the storage tier because
it drives the CLI through tests/storage/campaign.py.
"""

import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import servers  # noqa: E402

# Contents refuse other control characters (escape, bell) as schema failures before any output;
# line breaks, tabs and bidirectional overrides are clean text a respondent may send.
HOSTILE = "fine\n  - forged: everyone hates the lead\n\u202eevil\u202c\tend"
FORMULA = "\t=HYPERLINK(\"http://evil.example/\",\"click\")"
QUESTIONS = [{"id": "safe", "type": "likert", "text": "I can disagree safely.", "required": True},
             {"id": "notes", "type": "text", "text": "Anything else?", "required": False}]


class HostileAnswers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = campaign.Campaign(questions=QUESTIONS, answers={"safe": 4, "notes": HOSTILE})
        cls.folder = tempfile.mkdtemp(prefix="envelopes-", dir=cls.c.dir)
        for name, data in cls.c.seal(campaign.K):
            with open(os.path.join(cls.folder, name), "wb") as f:
                f.write(data)

    @classmethod
    def tearDownClass(cls):
        cls.c.close()

    def test_aggregate_prints_one_line_per_comment_and_no_control_characters(self):
        r = self.c.read("aggregate", self.folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        comments = [line for line in r.stdout.splitlines() if line.startswith("  - ")]
        self.assertEqual(len(comments), campaign.K, r.stdout)  # the newline forged no extra line
        for line in comments:
            self.assertIn("fine", line)
            self.assertIn("forged", line)  # the words are kept, on the same line
        for bad in ("\t", "\u202e", "\u202c"):
            self.assertNotIn(bad, r.stdout)

    def test_csv_cells_never_start_a_formula(self):
        c = campaign.Campaign(questions=QUESTIONS, answers={"safe": 4, "notes": FORMULA})
        self.addCleanup(c.close)
        folder = tempfile.mkdtemp(prefix="envelopes-", dir=c.dir)
        for name, data in c.seal(campaign.K):
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        r = c.read("export", "--csv", folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        cells = [cell for row in csv.reader(io.StringIO(r.stdout)) for cell in row]
        self.assertIn("'" + FORMULA, cells)
        for cell in cells:
            self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), repr(cell))


class OversizeInputs(unittest.TestCase):
    """Every input is refused at the size its format allows, before it is read whole."""

    def setUp(self):
        self.c = campaign.Campaign()
        self.addCleanup(self.c.close)
        self.huge = os.path.join(self.c.dir, "huge")
        with open(self.huge, "wb") as f:
            f.truncate(64 * 1024 * 1024)  # sparse: 64 MiB that cost no disk

    def test_a_huge_key_file_is_refused_as_too_large(self):
        r = self.c.run("aggregate", "--key", self.huge, "--campaign", self.c.token,
                       "--passphrase-file", self.c.passphrase, self.c.dir)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("larger than", r.stderr)

    def test_a_huge_envelope_file_is_refused_and_the_rest_are_read(self):
        folder = tempfile.mkdtemp(prefix="envelopes-", dir=self.c.dir)
        for name, data in self.c.seal(campaign.K):
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        os.link(self.huge, os.path.join(folder, "0" * 32 + ".parley"))
        r = self.c.read("aggregate", folder)
        self.assertIn("too-large 1", r.stderr)  # counted like any oversized envelope, never read
        self.assertIn(f"{campaign.K} responses", r.stdout)

    def test_an_endless_input_is_refused(self):
        r = self.c.run("campaign", "verify", "/dev/zero")
        self.assertNotEqual(r.returncode, 0)


class MediatorNames(unittest.TestCase):
    """`campaign new --mediation-to KEY=NAME`: a name signed into the manifest is one clean line of
    1 to 60 characters; anything else is refused before a draft is written."""

    def setUp(self):
        self.c = campaign.Campaign()
        self.addCleanup(self.c.close)
        self.med, self.reader = (self.recipient_of(role) for role in ("mediator", "manager"))

    def recipient_of(self, role):
        out = self.c.cli("keygen", "--role", role, "--out", f"{role}-named.key", "--passphrase-file", self.c.passphrase)
        return next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("recipient: "))

    def new(self, given):
        draft = os.path.join(self.c.dir, "named.json")
        if os.path.exists(draft):
            os.remove(draft)
        r = self.c.run("campaign", "new", "--out", "named.json", "--questions", "questions.json", "--signer",
                       "mgr.key", "--feedback-to", self.reader,
                       "--mediation-to", given, "--storage-url", "http://127.0.0.1:9/store/{id}/",
                       "--opens", "2026-01-01", "--closes", "2099-12-31", "--title", "Named", "--k", "5")
        return r, os.path.exists(draft)

    def test_a_name_that_is_empty_too_long_or_not_one_line_is_refused(self):
        for name in ("", "x" * 61, "Ana\nforged line", "Ana\u0007"):
            r, made = self.new(f"{self.med}={name}")
            self.assertNotEqual(r.returncode, 0, repr(name))
            self.assertFalse(made, repr(name))
            self.assertIn("1 to 60 characters", r.stderr, repr(name))

    def test_a_clean_name_is_signed_in_and_shown_by_verify(self):
        r, made = self.new(f"{self.med}=Ana Costa (HR)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(made)
        self.c.cli("campaign", "sign", "named.json", "--key", "mgr.key", "--passphrase-file", self.c.passphrase,
                   "--out", "named.txt")
        self.assertIn("Ana Costa (HR)", self.c.cli("campaign", "verify", "named.txt"))


class KeygenPassphrase(unittest.TestCase):
    def run_keygen(self, passphrase):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "pass"), "w") as f:
                f.write(passphrase + "\n")
            r = subprocess.run([servers.find_parley(), "keygen", "--role", "mediator", "--out", "k.key",
                                "--passphrase-file", "pass"], cwd=d, capture_output=True, text=True, timeout=60)
            return r, os.path.exists(os.path.join(d, "k.key"))

    def test_a_weak_passphrase_is_refused_with_the_reason(self):
        for weak in ("", "hunter2", "aaaaaaaaaaaa", "password1"):
            r, made = self.run_keygen(weak)
            self.assertNotEqual(r.returncode, 0, weak)
            self.assertFalse(made, weak)
        r, _ = self.run_keygen("hunter2")
        self.assertIn("too easy to guess", r.stderr)
        self.assertIn("four or more random words", r.stderr)

    def test_the_apps_kind_of_passphrase_is_accepted(self):
        r, made = self.run_keygen("copper meadow silent harbor")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(made)


if __name__ == "__main__":
    unittest.main()
