"""A signed test campaign and envelopes sealed for it, all made by the native CLI, and the CLI's
view of them afterwards (which envelopes it opened, what the aggregate counts).

Every envelope carries the same answers (ANSWERS), so the aggregate of N envelopes must count
N for each chosen option; the envelopes themselves all differ (fresh keys and nonces).
"""

import collections
import json
import os
import shutil
import subprocess
import tempfile

import servers

QUESTIONS = [
    {"id": "safe", "type": "likert", "text": "I can disagree safely.", "required": True},
    {"id": "load", "type": "single", "text": "My workload is", "required": False,
     "options": ["Light", "Right", "Heavy"]},
]
ANSWERS = {"safe": 4, "load": 2}
EXPECTED_BINS = {"safe": "4", "load": "Heavy"}  # the count label each answer lands in
K = 5


class Campaign:
    """A manager key file and a signed campaign in a temporary folder; close() removes it.

    `questions` and `answers` replace QUESTIONS and ANSWERS (every sealed envelope carries the
    same answers). `storage` is the campaign's storage as `parley campaign new` takes it: ["--storage-url", URL]
    (http-put; {id} becomes the campaign id) or ["--s3-post", FILE]. By default an address where
    nothing listens: the envelopes then travel by other means (files, listing URLs).
    """

    def __init__(self, storage=None, questions=QUESTIONS, answers=ANSWERS):
        self.dir = tempfile.mkdtemp(prefix="parley-storage-campaign-")
        self.passphrase = os.path.join(self.dir, "pass")
        with open(self.passphrase, "w") as f:
            f.write("storage tests, not secret\n")
        out = self.cli("keygen", "--role", "manager", "--out", "mgr.key", "--passphrase-file", self.passphrase)
        recipient = next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("recipient: "))
        with open(os.path.join(self.dir, "questions.json"), "w") as f:
            json.dump(questions, f)
        with open(os.path.join(self.dir, "answers.json"), "w") as f:
            json.dump(answers, f)
        self.cli("campaign", "new", "--out", "draft.json", "--questions", "questions.json", "--signer", "mgr.key",
                 "--feedback-to", recipient, *(storage or ["--storage-url", "http://127.0.0.1:9/store/{id}/"]),
                 "--opens", "2026-01-01", "--closes", "2099-12-31", "--title", "Storage load", "--k", str(K))
        self.cli("campaign", "sign", "draft.json", "--key", "mgr.key", "--out", "token.txt",
                 "--passphrase-file", self.passphrase)
        self.token = os.path.join(self.dir, "token.txt")
        self.key = os.path.join(self.dir, "mgr.key")
        verified = json.loads(self.cli("campaign", "verify", "token.txt", "--json"))
        self.id = verified["id"]
        self.storage = verified["storage"]

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def cli(self, *args, env=None, ok=(0,)):
        r = subprocess.run([servers.find_parley(), *args], cwd=self.dir, capture_output=True, text=True,
                           timeout=600, env=env, stdin=subprocess.DEVNULL)
        if r.returncode not in ok:
            raise AssertionError(f"parley {' '.join(args[:2])} ... exit {r.returncode}: {r.stderr.strip()[-2000:]}")
        return r.stdout

    def seal(self, count):
        """`count` envelopes, sealed by `parley seal --count`: [(object name, bytes)]."""
        folder = tempfile.mkdtemp(prefix="sealed-", dir=self.dir)
        names = self.cli("seal", "--campaign", self.token, "--answers", "answers.json", "--out", folder,
                         "--count", str(count)).split()
        blobs = []
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                blobs.append((name, f.read()))
        shutil.rmtree(folder)
        return blobs

    def run(self, *args, env=None):
        """`parley ARGS` in the campaign's folder: the finished process, whatever its exit code."""
        return subprocess.run([servers.find_parley(), *args], cwd=self.dir, capture_output=True, text=True,
                              timeout=600, env=env, stdin=subprocess.DEVNULL)

    def seal_put(self, count, env=None):
        """`parley seal --put --count N` into a fresh folder: (finished process, folder)."""
        folder = tempfile.mkdtemp(prefix="put-", dir=self.dir)
        return self.run("seal", "--put", "--campaign", self.token, "--answers", "answers.json", "--out", folder,
                        "--count", str(count), env=env), folder

    def read(self, command, *args, env=None):
        """`parley open|aggregate|export ... ARGS` with the key and passphrase: the finished process."""
        return self.run(command, *args, "--key", self.key, "--campaign", self.token,
                        "--passphrase-file", self.passphrase, env=env)

    def open_names(self, source):
        """How often `parley open SOURCE` opened each object name, and its summary line."""
        r = subprocess.run([servers.find_parley(), "open", "--key", self.key, "--campaign", self.token,
                            "--passphrase-file", self.passphrase, source], cwd=self.dir, capture_output=True,
                           text=True, timeout=600, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise AssertionError(f"parley open {source}: exit {r.returncode}: {r.stderr.strip()[-2000:]}")
        opened = collections.Counter(json.loads(line)["object"] for line in r.stdout.splitlines())
        return opened, r.stderr.strip()

    def aggregate(self, source):
        """`parley export --json SOURCE`: the aggregate a manager sees."""
        return json.loads(self.cli("export", "--json", "--key", self.key, "--campaign", self.token,
                                   "--passphrase-file", self.passphrase, source))


def bin_counts(aggregate):
    """{question id: {count label: count}} from `parley export --json`."""
    return {q["id"]: {c["value"]: c["count"] for c in q.get("counts", [])} for q in aggregate["questions"]}
