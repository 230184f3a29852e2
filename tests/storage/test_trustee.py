#!/usr/bin/env python3
"""Trustee campaigns end to end with the CLI against real storage: nginx (http-put: everyone,
the trustee included, writes with the campaign's own rights) and Ceph radosgw (S3: respondents
upload with the campaign's POST policy; the trustee lists, reads and writes with credentials of
its own; managers read with theirs).

Each round trip: a trustee key file, a campaign naming it, 8 invitations (the signed count
stored as invitations.parley), 6 invitees answer (one of them twice: counted once, with the
later answer), one forges a code, one asks for mediation; the storage also holds a replay of an
answer under another name and an envelope sealed straight to the readers, without the trustee.
The release is refused on the last day, made the day after (stored as release.parley), refused
a second time; the manager reads 6 answers from it and nothing before it, the mediator reads
the request, and a release whose signature is not the trustee's is refused. With k above the
number of valid answers, nothing is released and the counts say why.

The invitations statement is published twice (6, then 8 invitations): the later one replaces
the first on both storages. On radosgw a recording proxy (RgwProxy) checks the write-once rule
of the release at the storage itself: it hides the stored release from the CLI's check before
writing, so the trustee's second PUT (which carries `If-None-Match: *`) reaches radosgw and is
refused with 412, the first release staying; and it holds three releases' PUTs until all three
are waiting, so that radosgw decides a real race: exactly one is stored. A campaign's POST
policy lets anyone with the link write any key under its prefix: a stored release is replaced
by a POST, unless the policy's signer is denied the two names by the bucket policy
(docs/STORAGE.md, "Who else can write these names").

Runs alone too (`python3 -m unittest tests.storage.test_trustee`): this module starts and
stops its own nginx and Ceph.

    python3 -m unittest discover -s tests/storage -t . -v     # from the repository root
"""

import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import servers  # noqa: E402
import test_storage  # noqa: E402  (its request and form helpers; its servers are its own)

ORIGIN = "http://127.0.0.1:8000"
FORGED_CODE = "a" * 26  # a well-formed code that is none of the campaign's

NGINX = CEPH = None


def setUpModule():
    global NGINX, CEPH
    servers.require_servers()
    servers.find_parley()
    servers.install_signal_handlers()
    try:
        NGINX = servers.Nginx(ORIGIN).start()
        CEPH = servers.Ceph(ORIGIN).start()
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    for server in (CEPH, NGINX):
        if server is not None:
            server.stop()


def s3_env():
    """The trustee's and the manager's S3 credentials (in a deployment, each their own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_S3_")}
    env.update(PARLEY_S3_ACCESS_KEY=CEPH.access_key, PARLEY_S3_SECRET_KEY=CEPH.secret_key)
    return env


def plain_env():
    return {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_S3_")}


def s3_policy_file(folder, prefix, endpoint=None, bucket=None, signer=None):
    """`parley store s3-post-policy` for `prefix` (at `endpoint`, by default radosgw's own; in
    `bucket`, by default CEPH.bucket; signed by `signer` = (access key, secret key file), by
    default the bucket owner), as a file for `campaign new --s3-post`."""
    access_key, secret_file = signer or (CEPH.access_key, CEPH.secret_file)
    code, out, err = test_storage.cli(
        "s3-post-policy", "--endpoint", endpoint or CEPH.endpoint, "--bucket", bucket or CEPH.bucket, "--prefix", prefix,
        "--region", CEPH.region, "--max-bytes", "132400", "--expires", campaign.utc_day(30), "--secret-key-file",
        secret_file, env=dict(CEPH.cli_env(), PARLEY_S3_ACCESS_KEY=access_key))
    if code != 0:
        raise AssertionError(f"s3-post-policy failed ({code}): {err}")
    path = os.path.join(folder, f"post-{uuid.uuid4().hex[:8]}.json")
    with open(path, "wb") as f:
        f.write(out)
    return path


class RgwProxy:
    """A recording proxy in front of radosgw on 127.0.0.1, for a campaign whose endpoint it is.

    Every request goes to radosgw as it came, Host header included, so the CLI's SigV4
    signatures stay valid; `requests` records (method, object name, If-None-Match, status) of
    each. With `hide_release` set, a GET or HEAD of release.parley is answered 404 NoSuchKey
    without asking radosgw: the CLI's check before writing then finds nothing, and its PUT meets
    whatever radosgw holds. With `hold_release_puts` = N, PUTs of release.parley wait until N
    are waiting and then all go to radosgw at once.
    """

    HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
                  "expect"}

    def __init__(self, upstream):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.hide_release = False
        self.requests = []
        self._barrier = None
        self._lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                proxy.handle(self)

            do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = do_OPTIONS = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def hold_release_puts(self, count):
        self._barrier = threading.Barrier(count, timeout=120)

    def release_puts(self):
        """(If-None-Match, status) of every PUT of release.parley so far."""
        with self._lock:
            return [(inm, status) for method, name, inm, status in self.requests
                    if method == "PUT" and name == "release.parley"]

    def handle(self, h):
        name = urllib.parse.urlsplit(h.path).path.rsplit("/", 1)[-1]
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        if self.hide_release and name == "release.parley" and h.command in ("GET", "HEAD"):
            status, headers = 404, [("Content-Type", "application/xml")]
            data = b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code></Error>"
        else:
            if h.command == "PUT" and name == "release.parley" and self._barrier is not None:
                self._barrier.wait()
            status, headers, data = self.send_upstream(h, body)
        with self._lock:
            self.requests.append((h.command, name, h.headers.get("If-None-Match"), status))
        h.send_response(status)
        for k, v in headers:
            if k.lower() not in self.HOP_BY_HOP and k.lower() != "content-length":
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.send_header("Connection", "close")
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(data)
        h.close_connection = True

    def send_upstream(self, h, body):
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            conn.putrequest(h.command, h.path, skip_host=True, skip_accept_encoding=True)
            for k, v in h.headers.items():
                if k.lower() not in self.HOP_BY_HOP:
                    conn.putheader(k, v)
            conn.endheaders(body if body else None)
            r = conn.getresponse()
            return r.status, r.getheaders(), r.read()
        finally:
            conn.close()


class TrusteeRoundTrip(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="parley-storage-trustee-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def nginx_campaign(self, k=campaign.K):
        c = campaign.TrusteeCampaign(["--storage-url", NGINX.url + "{id}/"], k=k)
        self.addCleanup(c.close)
        return c

    def s3_campaign(self, k=campaign.K, endpoint=None):
        prefix = f"incoming/trustee-{uuid.uuid4().hex[:12]}/"
        c = campaign.TrusteeCampaign(["--s3-post", s3_policy_file(self.tmp, prefix, endpoint)], k=k)
        self.addCleanup(c.close)
        return c

    def s3_replay(self, c):
        """Uploads bytes under a name with the campaign's POST policy, as anyone with its link can."""
        def replay(name, data):
            with open(c.storage_args[1]) as f:
                policy = json.load(f)
            status, _, body = test_storage.post_upload(policy, c.storage["key_prefix"] + name, data)
            self.assertEqual(status, 204, body)
        return replay

    def stored_release(self, c):
        """The bytes radosgw holds as the campaign's release.parley (a signed GET through the CLI)."""
        code, out, err = test_storage.cli(
            "s3-get", "--url", f"{CEPH.endpoint}/{CEPH.bucket}/{c.storage['key_prefix']}release.parley",
            "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual(code, 0, err)
        return out

    def answer_eight_invitations(self, c, env, replay):
        """Invites 8; six answer (the first twice), a forged code, a request; a replay under
        another name and an envelope without the trustee. Returns the invitations.

        The statement is published twice, 6 invitations and then 8: the later replaces the first."""
        r, _ = c.invite(6, "--put", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        r, rows = c.invite(8, "--put", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([int(row["index"]) for row in rows], list(range(8)))
        self.assertIn("stored: ", r.stdout)
        today = campaign.utc_day(0)
        receipts = [c.seal_answer(rows[i]["link"], 0, sent=f"{today}T08:00:00Z", env=env) for i in range(6)]
        c.seal_answer(rows[0]["link"], 2, sent=f"{today}T09:00:00Z", env=env)  # the later answer wins
        forged = rows[7]["link"].split("&i=")[0] + "&i=" + FORGED_CODE
        c.seal_answer(forged, 1, env=env)
        c.seal_request(rows[6]["link"], env=env)
        with open(os.path.join(c.dir, receipts[1]), "rb") as f:
            replay("0" * 31 + "1.parley", f.read())
        # Sealed straight to readers, as a direct campaign's envelope: no trustee, no code.
        direct = campaign.Campaign(c.storage_args if c.storage["kind"] == "s3" else ["--storage-url", c.storage["url"]])
        self.addCleanup(direct.close)
        sealed, _ = direct.seal_put(1, env=env)
        self.assertEqual(sealed.returncode, 0, sealed.stderr)
        return rows

    def assert_released_and_read(self, c, env):
        r = c.release("--put", "--today", c.closes, env=env)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn(f"closes on {c.closes}", r.stderr)
        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn(f"waiting for Works council to release the results after {c.closes}", r.stderr)

        out = os.path.join(c.dir, "release-copy.parley")
        r = c.release("--put", "--out", out, "--today", campaign.utc_day(2), env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("campaign " + c.id + ": 11 envelopes read, 8 invitations", r.stdout)
        self.assertIn("released: 6 answers, 1 mediation requests", r.stdout)
        self.assertIn("not released: misnamed 1, not-for-this-key 1, replaced 1, unknown-invitation 1", r.stdout)
        self.assertIn("stored: ", r.stdout)

        result = c.read("export", "--json", env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"release of {campaign.utc_day(2)}: 6 answers, 1 mediation request, 8 invitations", result.stderr)
        counts = campaign.bin_counts(json.loads(result.stdout))
        self.assertEqual(counts["load"], {"Light": 5, "Right": 0, "Heavy": 1})  # the later answer of code 0
        self.assertEqual(counts["safe"]["4"], 6)
        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 responses", r.stdout)

        r = c.read("open", key=c.mediator_key, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        requests = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([q["request"]["what"] for q in requests], ["Meetings run over, every week."])

        r = c.release("--put", "--today", campaign.utc_day(3), env=env)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn(f"already released on {campaign.utc_day(2)}", r.stdout)

        # The stored release, with its signature changed: not the trustee's, refused.
        with open(out, "rb") as f:
            forged = bytearray(f.read())
        body_len = int.from_bytes(forged[15:19], "big")
        forged[19 + body_len] ^= 1
        forged_path = os.path.join(c.dir, "forged.parley")
        with open(forged_path, "wb") as f:
            f.write(forged)
        r = c.read("aggregate", forged_path, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("bad-signature", r.stderr)

    def test_nginx(self):
        c = self.nginx_campaign()
        env = plain_env()

        def replay(name, data):
            status, _, _ = test_storage.request("PUT", f"{NGINX.url}{c.id}/{name}", data)
            self.assertEqual(status, 201)
        self.answer_eight_invitations(c, env, replay)
        self.assert_released_and_read(c, env)
        stored = sorted(os.listdir(os.path.join(NGINX.data, c.id)))
        self.assertIn("release.parley", stored)
        self.assertIn("invitations.parley", stored)

    def test_radosgw(self):
        c = self.s3_campaign()
        env = s3_env()
        self.answer_eight_invitations(c, env, self.s3_replay(c))
        # The trustee writes with its own credentials: without them, nothing is read or written.
        r = c.release("--put", "--today", campaign.utc_day(2), env=plain_env())
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("needs the trustee's credentials", r.stderr)
        self.assert_released_and_read(c, env)

    def proxied_s3_campaign(self):
        """An S3 campaign whose endpoint is a fresh RgwProxy in front of radosgw, answered."""
        proxy = RgwProxy(CEPH.endpoint).start()
        self.addCleanup(proxy.stop)
        c = self.s3_campaign(endpoint=proxy.endpoint)
        self.answer_eight_invitations(c, s3_env(), self.s3_replay(c))
        return proxy, c

    def test_radosgw_refuses_a_second_release_with_412(self):
        proxy, c = self.proxied_s3_campaign()
        env = s3_env()
        first = os.path.join(c.dir, "first.parley")
        r = c.release("--put", "--out", first, "--today", campaign.utc_day(2), env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(proxy.release_puts(), [("*", 200)])  # the trustee's PUT is create-only
        with open(first, "rb") as f:
            first_bytes = f.read()
        self.assertEqual(self.stored_release(c), first_bytes)

        # The CLI looks for a release before making one; hidden from that look, its second
        # release reaches radosgw, which keeps the first.
        proxy.hide_release = True
        second = os.path.join(c.dir, "second.parley")
        r = c.release("--put", "--out", second, "--today", campaign.utc_day(3), env=env)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("Another release was stored while this one was being made", r.stderr)
        self.assertIn("HTTP 412", r.stderr)
        self.assertIn(f"written (not stored): {second}", r.stdout)
        self.assertEqual(proxy.release_puts(), [("*", 200), ("*", 412)])
        proxy.hide_release = False
        self.assertEqual(self.stored_release(c), first_bytes)
        result = c.read("export", "--json", env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"release of {campaign.utc_day(2)}: 6 answers", result.stderr)

    def test_radosgw_stores_one_of_three_racing_releases(self):
        proxy, c = self.proxied_s3_campaign()
        env = s3_env()
        proxy.hide_release = True
        proxy.hold_release_puts(3)
        outs = [os.path.join(c.dir, f"race-{i}.parley") for i in range(3)]
        procs = [subprocess.Popen([servers.find_parley(), "release", "--key", c.trustee_key, "--campaign", c.link,
                                   "--passphrase-file", c.passphrase, "--put", "--out", out,
                                   "--today", campaign.utc_day(2)],
                                  cwd=c.dir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for out in outs]
        for p in procs:
            self.addCleanup(lambda p=p: p.poll() is None and (p.kill(), p.wait()))
        finished = []
        for p in procs:
            out, err = p.communicate(timeout=300)
            finished.append((p.returncode, out, err))
        winners = [i for i, (code, _, _) in enumerate(finished) if code == 0]
        self.assertEqual(len(winners), 1, finished)
        for i, (code, out, err) in enumerate(finished):
            if i != winners[0]:
                self.assertEqual(code, 1, (out, err))
                self.assertIn("Another release was stored while this one was being made", err)
        statuses = sorted(status for _, status in proxy.release_puts())
        self.assertEqual(len(statuses), 3)
        self.assertEqual(statuses[0], 200, statuses)
        self.assertTrue(all(s in (409, 412) for s in statuses[1:]), statuses)
        self.assertTrue(all(inm == "*" for inm, _ in proxy.release_puts()))
        proxy.hide_release = False
        with open(outs[winners[0]], "rb") as f:
            self.assertEqual(self.stored_release(c), f.read())
        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 responses", r.stdout)

    def test_radosgw_link_holders_post_over_the_trustee_names_unless_denied(self):
        # A campaign's POST policy admits any key under its prefix, and POST uploads take no
        # condition: with the bucket owner's policy, anyone holding the link replaces even a
        # stored release (readers then refuse it: the results are lost, never forged).
        c = self.s3_campaign()
        self.answer_eight_invitations(c, s3_env(), self.s3_replay(c))
        r = c.release("--put", "--today", campaign.utc_day(2), env=s3_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.s3_replay(c)("release.parley", b"not the trustee's")
        self.assertEqual(self.stored_release(c), b"not the trustee's")
        r = c.read("aggregate", env=s3_env())
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("the release cannot be used", r.stderr)

        # STORAGE.md's remedy: the policy signed by a user of its own, denied the two names of
        # the campaign by the bucket policy, spelled out in full (radosgw 16's `*` in a resource
        # does not backtrack: "*/release.parley" misses "incoming/x/release.parley").
        poster = "poster-" + uuid.uuid4().hex[:8]
        access_key, secret = "POSTER" + uuid.uuid4().hex[:14].upper(), uuid.uuid4().hex
        servers.run(["radosgw-admin", "-c", CEPH.conf, "-n", "client.admin", "user", "create", "--uid", poster,
                     "--display-name", "Parley POST policies", "--access-key", access_key, "--secret-key", secret])
        secret_file = os.path.join(self.tmp, "poster-secret")
        with open(secret_file, "w") as f:
            f.write(secret + "\n")
        bucket, prefix = "parley-deny-" + uuid.uuid4().hex[:8], f"incoming/trustee-{uuid.uuid4().hex[:12]}/"
        CEPH.s3_put(f"{CEPH.endpoint}/{bucket}")
        user = f"arn:aws:iam:::user/{poster}"
        CEPH.s3_put(f"{CEPH.endpoint}/{bucket}?policy", json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": [user]}, "Action": ["s3:PutObject"],
             "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*"]},
            # Objects belong to their uploader: the owner (servers.Ceph's user "parley", here
            # also the trustee and the manager) reads the envelopes through the bucket policy.
            {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam:::user/parley"]}, "Action": ["s3:GetObject"],
             "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*"]},
            {"Effect": "Deny", "Principal": {"AWS": [user]}, "Action": ["s3:PutObject"],
             "Resource": [f"arn:aws:s3:::{bucket}/{prefix}release.parley",
                          f"arn:aws:s3:::{bucket}/{prefix}invitations.parley"]}]}), "application/json")
        c = campaign.TrusteeCampaign(["--s3-post", s3_policy_file(self.tmp, prefix, bucket=bucket,
                                                                  signer=(access_key, secret_file))])
        self.addCleanup(c.close)
        with open(c.storage_args[1]) as f:
            policy = json.load(f)
        for name in ("release.parley", "invitations.parley"):
            status, _, body = test_storage.post_upload(policy, prefix + name, b"squatter")
            self.assertEqual((status, test_storage.s3_code(body)), (403, "AccessDenied"), name)
        self.answer_eight_invitations(c, s3_env(), self.s3_replay(c))  # envelopes still come in
        first = os.path.join(c.dir, "first.parley")
        r = c.release("--put", "--out", first, "--today", campaign.utc_day(2), env=s3_env())
        self.assertEqual(r.returncode, 0, r.stderr)  # the trustee writes with credentials of its own
        status, _, body = test_storage.post_upload(policy, prefix + "release.parley", b"not the trustee's")
        self.assertEqual((status, test_storage.s3_code(body)), (403, "AccessDenied"))
        code, out, err = test_storage.cli("s3-get", "--url", f"{CEPH.endpoint}/{bucket}/{prefix}release.parley",
                                          "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual(code, 0, err)
        with open(first, "rb") as f:
            self.assertEqual(out, f.read())
        r = c.read("aggregate", env=s3_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 responses", r.stdout)

    def test_below_k_nothing_is_released(self):
        c = self.nginx_campaign(k=7)
        env = plain_env()
        r, rows = c.invite(8, "--put", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        for i in range(6):
            c.seal_answer(rows[i]["link"], 1, env=env)
        c.seal_answer(rows[0]["link"].split("&i=")[0] + "&i=" + FORGED_CODE, 1, env=env)
        r = c.release("--put", "--today", campaign.utc_day(2), env=env)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn("6 valid answers, fewer than the 7 this campaign needs: nothing was released", r.stderr)
        self.assertIn("valid: 6 answers (k = 7), 0 mediation requests; not released: unknown-invitation 1", r.stdout)
        self.assertNotIn("release.parley", os.listdir(os.path.join(NGINX.data, c.id)))
        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn("waiting for Works council", r.stderr)


if __name__ == "__main__":
    unittest.main()
