#!/usr/bin/env python3
"""Conversations end to end with the CLI against real storage: serve.py and nginx (http-put).

Each round trip: a direct campaign with a mediator; three people with a recovery phrase each
(`parley phrase new`), two of whom send a mediation request carrying their thread (`parley seal
--mediation --thread`); the mediator opens the requests (`parley open`), takes the threads from
them and replies with `parley reply --put`: twice to Alice on the same day (sendings 0 and 1),
once to Carol (sending 2). Alice's `parley thread` shows her two replies in order, one line
each; Bob, whose phrase no reply was sealed to, sees none; Carol sees hers. What the storage was
asked tells the rest: every reader downloads every bundle of the day, theirs or not, and
nothing older than --since. nginx's access log (enabled here, in a format without client
addresses) names each object; serve.py's log leaves object names out, so there the number of
downloads is counted.

A bundle written with --out reads back from the file, under its own name only.

Runs alone (`python3 -m unittest tests.storage.test_conversation -v`): this module starts and
stops its own serve.py and nginx.
"""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import servers  # noqa: E402

ORIGIN = "http://127.0.0.1:8000"

NGINX = SERVE = None


class ServePy:
    """serve.py on a free port with a temporary data folder; its log lines collected."""

    def __init__(self):
        self.data = tempfile.mkdtemp(prefix="parley-conversation-serve-")
        self.proc = subprocess.Popen([sys.executable, os.path.join(servers.REPO, "serve.py"), "--no-build", "--port", "0",
                                      "--data", self.data], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True)
        self.lines = []
        self._queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + 15
        self.url = None
        while self.url is None:
            try:
                line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                raise RuntimeError(f"serve.py did not start: {self.lines}")
            m = re.match(r"Parley serving (http://\S+/) ", line)
            if m:
                self.url = m.group(1) + "store/"

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line)
        self._queue.put(None)

    def log(self):
        time.sleep(0.3)  # the reader thread catches up with the last responses
        return list(self.lines)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        shutil.rmtree(self.data, ignore_errors=True)


def setUpModule():
    global NGINX, SERVE
    if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
        raise unittest.SkipTest("missing nginx: run tools/setup --tests")
    servers.find_parley()
    servers.install_signal_handlers()
    try:
        SERVE = ServePy()
        NGINX = servers.Nginx(ORIGIN, access_log=True).start()
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    if NGINX is not None:
        NGINX.stop()
    if SERVE is not None:
        SERVE.stop()


class MediationCampaign(campaign.Campaign):
    """A direct campaign with a manager (mgr.key) and a mediator (med.key), open from yesterday
    for a month, stored by PUT under `storage_url` + its id."""

    def __init__(self, storage_url):
        self.dir = tempfile.mkdtemp(prefix="parley-storage-conversation-")
        self.passphrase = os.path.join(self.dir, "pass")
        with open(self.passphrase, "w") as f:
            f.write("storage tests, not secret\n")
        manager = self.keygen("manager", "mgr.key")
        mediator = self.keygen("mediator", "med.key")
        with open(os.path.join(self.dir, "questions.json"), "w") as f:
            json.dump(campaign.QUESTIONS, f)
        self.cli("campaign", "new", "--out", "draft.json", "--questions", "questions.json", "--signer", "mgr.key",
                 "--feedback-to", manager["recipient"], "--mediation-to", mediator["recipient"],
                 "--storage-url", storage_url + "{id}/", "--opens", campaign.utc_day(-1), "--closes", campaign.utc_day(30),
                 "--title", "Conversations", "--k", str(campaign.K))
        self.cli("campaign", "sign", "draft.json", "--key", "mgr.key", "--out", "token.txt",
                 "--passphrase-file", self.passphrase)
        self.token = os.path.join(self.dir, "token.txt")
        self.key = os.path.join(self.dir, "mgr.key")
        self.mediator_key = os.path.join(self.dir, "med.key")
        verified = json.loads(self.cli("campaign", "verify", "token.txt", "--json"))
        self.id = verified["id"]
        self.prefix = verified["storage"]["url"]

    def keygen(self, role, out):
        printed = self.cli("keygen", "--role", role, "--out", out, "--passphrase-file", self.passphrase)
        return dict(line.split(": ", 1) for line in printed.splitlines() if ": " in line)

    def person(self, name):
        """A new recovery phrase, kept in NAME.phrase: (phrase file, thread key)."""
        printed = dict(line.split(": ", 1) for line in self.cli("phrase", "new").splitlines())
        if len(printed["phrase"].split()) != 12:
            raise AssertionError(f"parley phrase new printed {printed}")
        path = os.path.join(self.dir, name + ".phrase")
        with open(path, "w") as f:
            f.write(printed["phrase"] + "\n")
        return path, printed["thread"]

    def ask(self, name, what, thread=None):
        """A mediation request (with `thread`, if given), sealed and stored: its receipt."""
        request = os.path.join(self.dir, f"request-{name}.json")
        with open(request, "w") as f:
            json.dump({"what": what, "who": "", "outcome": "", "urgency": "normal", "contact": ""}, f)
        folder = tempfile.mkdtemp(prefix="sealed-", dir=self.dir)
        return self.cli("seal", "--put", "--campaign", self.token, "--mediation", request, "--out", folder,
                        *(["--thread", thread] if thread else [])).strip()

    def reply(self, replies, *args, key=None):
        """`parley reply` of `replies` ([{thread, text, close}]) as the mediator: the finished process."""
        path = os.path.join(self.dir, "replies.json")
        with open(path, "w") as f:
            json.dump(replies, f)
        return self.run("reply", "--key", key or self.mediator_key, "--campaign", self.token, "--replies", path,
                        "--passphrase-file", self.passphrase, *args)

    def thread(self, phrase, *args):
        """`parley thread` with the phrase in `phrase`: (exit code, [(day, mediator, closed|open, text)], stderr)."""
        r = self.run("thread", "--phrase-file", phrase, "--campaign", self.token, *args)
        return r.returncode, [tuple(line.split(" ", 3)) for line in r.stdout.splitlines()], r.stderr


class NginxGets:
    """The campaign's objects read from nginx since the last call, from its access log: sorted
    names, "" for a listing."""

    def __init__(self, test):
        self.test, self.seen, self.prefix = test, len(NGINX.access_log()), None

    def campaign(self, campaign_id):
        self.prefix = f"/store/{campaign_id}/"

    def new(self):
        log = NGINX.access_log()
        lines, self.seen = log[self.seen:], len(log)
        names = []
        for method, uri, status in lines:
            if method == "GET" and uri.startswith(self.prefix):
                self.test.assertEqual(status, "200", uri)
                names.append(uri[len(self.prefix):])
        return sorted(names)

    @staticmethod
    def expect(names):
        """What new() says after a listing and a download of each of `names`."""
        return sorted(["", *names])


class ServeGets:
    """serve.py logs "GET /store/<campaign>/ 200" for a listing and a download alike, never the
    object's name: how many GETs of the campaign's objects since the last call."""

    def __init__(self, test):
        self.seen, self.line = len(SERVE.log()), None

    def campaign(self, campaign_id):
        self.line = f"GET /store/{campaign_id}/ 200"

    def new(self):
        log = SERVE.log()
        lines, self.seen = log[self.seen:], len(log)
        return ["GET"] * sum(line == self.line for line in lines)

    @staticmethod
    def expect(names):
        return ["GET"] * (1 + len(names))


class ConversationRoundTrip(unittest.TestCase):
    def round_trip(self, storage_url, gets):
        """The whole conversation on the storage at `storage_url`, what was read checked with
        `gets` (NginxGets or ServeGets)."""
        c = MediationCampaign(storage_url)
        self.addCleanup(c.close)
        gets.campaign(c.id)
        today = campaign.utc_day()
        alice, alice_thread = c.person("alice")
        bob, bob_thread = c.person("bob")
        carol, carol_thread = c.person("carol")
        self.assertEqual(len({alice_thread, bob_thread, carol_thread}), 3)
        self.assertTrue(alice_thread.startswith("parley-r1-"), alice_thread)
        # The phrase, as kept, gives the same thread again (from a file; from standard input,
        # in capitals).
        self.assertEqual(c.cli("phrase", "check", "--phrase-file", alice), f"thread: {alice_thread}\n")
        with open(alice) as f:
            r = subprocess.run([servers.find_parley(), "phrase", "check"], input=f.read().upper(), capture_output=True,
                               text=True, timeout=60)
        self.assertEqual((r.returncode, r.stdout), (0, f"thread: {alice_thread}\n"), r.stderr)

        # Alice and Carol ask with their threads; Dave asks without one.
        c.ask("alice", "Credit for my work is taken in demos.", alice_thread)
        c.ask("carol", "Meetings run over, every week.", carol_thread)
        c.ask("dave", "No conversation, please.")
        # The mediator opens the requests and finds the threads in them.
        r = c.run("open", "--key", c.mediator_key, "--campaign", c.token, "--passphrase-file", c.passphrase)
        self.assertEqual(r.returncode, 0, r.stderr)
        opened = [json.loads(line) for line in r.stdout.splitlines()]
        threads = {o["request"]["what"]: o.get("thread") for o in opened}
        self.assertEqual(threads, {"Credit for my work is taken in demos.": alice_thread,
                                   "Meetings run over, every week.": carol_thread,
                                   "No conversation, please.": None})
        gets.new()

        # Only a mediator's key replies, and it is refused before anything is asked.
        r = c.reply([{"thread": alice_thread, "text": "I am the manager."}], "--put", key=c.key)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("not one of this campaign's mediators", r.stderr)
        self.assertEqual(gets.new(), [])

        # Two sendings to Alice on the same day, then one to Carol: numbers 0, 1, 2.
        names = []
        for replies in ([{"thread": threads["Credit for my work is taken in demos."],
                          "text": "Thank you for writing.\nCould we talk on Thursday?"}],
                        [{"thread": alice_thread, "text": "I am closing this thread now.", "close": True}],
                        [{"thread": carol_thread, "text": "Shorter meetings from Monday.", "close": False}]):
            r = c.reply(replies, "--put", "--today", today)
            self.assertEqual(r.returncode, 0, r.stderr)
            names.append(r.stdout.strip())
        self.assertEqual(names, [f"replies-{today}-0-{n}.parley" for n in range(3)])
        gets.new()  # the mediator's listings

        # Alice: her two replies in order, one line each; every bundle downloaded, Carol's too.
        code, lines, err = c.thread(alice, "--since", today)
        self.assertEqual(code, 0, err)
        self.assertEqual(lines, [(today, "0", "open", "Thank you for writing. Could we talk on Thursday?"),
                                 (today, "0", "closed", "I am closing this thread now.")])
        self.assertIn("2 replies in 3 bundles read; the thread is closed", err)
        self.assertEqual(gets.new(), gets.expect(names))

        # Bob: no reply was sealed to his thread. The storage is asked exactly the same.
        code, lines, err = c.thread(bob, "--since", today)
        self.assertEqual((code, lines), (0, []), err)
        self.assertIn("0 replies in 3 bundles read", err)
        self.assertEqual(gets.new(), gets.expect(names))

        code, lines, err = c.thread(carol)
        self.assertEqual((code, lines), (0, [(today, "0", "open", "Shorter meetings from Monday.")]), err)
        self.assertEqual(gets.new(), gets.expect(names))

        # Nothing before --since is downloaded: from tomorrow on, only the listing.
        code, lines, err = c.thread(alice, "--since", campaign.utc_day(1))
        self.assertEqual((code, lines), (0, []), err)
        self.assertEqual(gets.new(), gets.expect([]))

        # A bundle written with --out reads back from its file, named as stored.
        folder = os.path.join(c.dir, "bundles")
        os.makedirs(folder)
        r = c.reply([{"thread": bob_thread, "text": "Bob, a reply on paper."}], "--out", folder, "--sending", "7",
                    "--today", today)
        self.assertEqual(r.returncode, 0, r.stderr)
        name = r.stdout.strip()
        self.assertEqual(name, f"replies-{today}-0-7.parley")
        code, lines, err = c.thread(bob, os.path.join(folder, name))
        self.assertEqual((code, lines), (0, [(today, "0", "open", "Bob, a reply on paper.")]), err)
        shutil.copy(os.path.join(folder, name), os.path.join(folder, "renamed.parley"))
        code, lines, err = c.thread(bob, os.path.join(folder, "renamed.parley"))
        self.assertEqual(code, 1, err)
        self.assertIn("replies-DAY-M-S.parley", err)
        self.assertEqual(gets.new(), [])  # files only: nothing asked of the storage

        # A phrase with a typo is refused, naming the word.
        typo = os.path.join(c.dir, "typo.phrase")
        with open(typo, "w") as f:
            f.write("legal winner thank year wave sausage worth usefull legal winner thank yellow\n")
        r = c.run("phrase", "check", "--phrase-file", typo)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad-phrase", r.stderr)
        self.assertIn("usefull", r.stderr)
        code, lines, err = c.thread(typo)
        self.assertEqual(code, 1, err)
        self.assertIn("bad-phrase", err)

    def test_nginx(self):
        gets = NginxGets(self)
        self.round_trip(NGINX.url, gets)
        self.assertTrue(NGINX.access_log(), "nginx wrote no access log")

    def test_serve_py(self):
        self.round_trip(SERVE.url, ServeGets(self))


if __name__ == "__main__":
    unittest.main()
