"""A signed test campaign and envelopes sealed for it, all made by the native CLI, and the CLI's
view of them afterwards (which envelopes it opened, what the aggregate counts).

Every envelope carries the same answers (ANSWERS), so the aggregate of N envelopes must count
N for each chosen option; the envelopes themselves all differ (fresh keys and nonces).

Campaign is in direct mode, open until 2099: its readers pass --today AFTER_CLOSE, since a direct
campaign's feedback is read only after its last day. TrusteeCampaign names a trustee and a
mediator and is open from yesterday to tomorrow (UTC), so that answers sent now count.
"""

import collections
import csv
import datetime
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
AFTER_CLOSE = "2100-01-01"  # the day Campaign's readers judge by: after its last day


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
                        "--passphrase-file", self.passphrase, "--today", AFTER_CLOSE, env=env)

    def open_names(self, source):
        """How often `parley open SOURCE` opened each object name, and its summary line."""
        r = subprocess.run([servers.find_parley(), "open", "--key", self.key, "--campaign", self.token,
                            "--passphrase-file", self.passphrase, "--today", AFTER_CLOSE, source], cwd=self.dir, capture_output=True,
                           text=True, timeout=600, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise AssertionError(f"parley open {source}: exit {r.returncode}: {r.stderr.strip()[-2000:]}")
        opened = collections.Counter(json.loads(line)["object"] for line in r.stdout.splitlines())
        return opened, r.stderr.strip()

    def aggregate(self, source):
        """`parley export --json SOURCE`: the aggregate a manager sees."""
        return json.loads(self.cli("export", "--json", "--key", self.key, "--campaign", self.token,
                                   "--passphrase-file", self.passphrase, "--today", AFTER_CLOSE, source))


def bin_counts(aggregate):
    """{question id: {count label: count}} from `parley export --json`."""
    return {q["id"]: {c["value"]: c["count"] for c in q.get("counts", [])} for q in aggregate["questions"]}


def utc_day(offset_days=0):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=offset_days)).strftime("%Y-%m-%d")


class TrusteeCampaign(Campaign):
    """A campaign with a trustee ("Works council") and a mediator, open from yesterday to
    tomorrow: key files for the manager (mgr.key), the mediator (med.key) and the trustee
    (tr.key), the signed campaign and its link (link.txt).

    Answers carry ANSWERS with `load` set per envelope, so that the aggregate tells which answer
    the trustee kept for a code.
    """

    TRUSTEE = "Works council"

    def __init__(self, storage=None, k=K):
        self.dir = tempfile.mkdtemp(prefix="parley-storage-trustee-")
        self.passphrase = os.path.join(self.dir, "pass")
        with open(self.passphrase, "w") as f:
            f.write("storage tests, not secret\n")
        manager = self.keygen("manager", "mgr.key")
        mediator = self.keygen("mediator", "med.key")
        self.keygen("trustee", "tr.key")
        with open(os.path.join(self.dir, "questions.json"), "w") as f:
            json.dump(QUESTIONS, f)
        self.opens, self.closes = utc_day(-1), utc_day(1)
        self.cli("campaign", "new", "--out", "draft.json", "--questions", "questions.json", "--signer", "mgr.key",
                 "--feedback-to", manager["recipient"], "--mediation-to", mediator["recipient"],
                 "--trustee", "tr.key", "--trustee-label", self.TRUSTEE,
                 *(storage or ["--storage-url", "http://127.0.0.1:9/store/{id}/"]),
                 "--opens", self.opens, "--closes", self.closes, "--title", "Trustee round trip", "--k", str(k))
        self.cli("campaign", "sign", "draft.json", "--key", "mgr.key", "--out", "token.txt",
                 "--passphrase-file", self.passphrase)
        self.token = os.path.join(self.dir, "token.txt")
        with open(os.path.join(self.dir, "link.txt"), "w") as f:
            f.write(self.cli("campaign", "link", "token.txt", "--app", "http://127.0.0.1:8000/"))
        self.link = os.path.join(self.dir, "link.txt")
        self.storage_args = storage
        self.key = os.path.join(self.dir, "mgr.key")
        self.mediator_key = os.path.join(self.dir, "med.key")
        self.trustee_key = os.path.join(self.dir, "tr.key")
        verified = json.loads(self.cli("campaign", "verify", "token.txt", "--json"))
        self.id = verified["id"]
        self.storage = verified["storage"]
        self.k = k

    def keygen(self, role, out):
        printed = self.cli("keygen", "--role", role, "--out", out, "--passphrase-file", self.passphrase)
        return dict(line.split(": ", 1) for line in printed.splitlines() if ": " in line)

    def invite(self, count, *args, env=None):
        """`parley invite --count N --out inv --put ARGS`: the finished process and the CSV rows
        (index, code, link) when it succeeded."""
        r = self.run("invite", "--key", self.trustee_key, "--campaign", self.link, "--count", str(count),
                     "--out", "inv", "--passphrase-file", self.passphrase, *args, env=env)
        rows = []
        if r.returncode == 0:
            with open(os.path.join(self.dir, "inv", "invitations.csv"), newline="") as f:
                rows = list(csv.DictReader(f))
        return r, rows

    def seal_answer(self, link, load, sent=None, env=None):
        """One answer with `load` as its workload choice, sealed through `link` (a personal link)
        and uploaded (--put); its receipt."""
        answers = os.path.join(self.dir, f"answers-{load}.json")
        with open(answers, "w") as f:
            json.dump(dict(ANSWERS, load=load), f)
        args = ["seal", "--put", "--campaign", link, "--answers", answers, "--out", self.dir]
        if sent:
            args += ["--sent", sent]
        r = self.run(*args, env=env)
        if r.returncode != 0:
            raise AssertionError(f"parley seal: exit {r.returncode}: {r.stderr.strip()[-2000:]}")
        return r.stdout.strip()

    def seal_request(self, link, env=None):
        request = os.path.join(self.dir, "request.json")
        with open(request, "w") as f:
            json.dump({"what": "Meetings run over, every week.", "who": "", "outcome": "", "urgency": "normal",
                       "contact": ""}, f)
        r = self.run("seal", "--put", "--campaign", link, "--mediation", request, "--out", self.dir, env=env)
        if r.returncode != 0:
            raise AssertionError(f"parley seal --mediation: exit {r.returncode}: {r.stderr.strip()[-2000:]}")
        return r.stdout.strip()

    def release(self, *args, env=None):
        """`parley release` with the trustee's key and ARGS: the finished process."""
        return self.run("release", "--key", self.trustee_key, "--campaign", self.link,
                        "--passphrase-file", self.passphrase, *args, env=env)

    def read(self, command, *args, key=None, env=None):
        """`parley open|aggregate|export ... ARGS` as the manager (or `key`): the finished process."""
        return self.run(command, *args, "--key", key or self.key, "--campaign", self.link,
                        "--passphrase-file", self.passphrase, env=env)
