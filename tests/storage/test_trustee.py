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

    python3 -m unittest discover -s tests/storage -t . -v     # from the repository root
"""

import json
import os
import shutil
import sys
import tempfile
import unittest
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


def s3_policy_file(folder, prefix):
    """`parley store s3-post-policy` for `prefix`, as a file for `campaign new --s3-post`."""
    code, out, err = test_storage.cli(
        "s3-post-policy", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", prefix, "--region",
        CEPH.region, "--max-bytes", "132400", "--expires", campaign.utc_day(30), "--secret-key-file", CEPH.secret_file,
        env=CEPH.cli_env())
    if code != 0:
        raise AssertionError(f"s3-post-policy failed ({code}): {err}")
    path = os.path.join(folder, f"post-{uuid.uuid4().hex[:8]}.json")
    with open(path, "wb") as f:
        f.write(out)
    return path


class TrusteeRoundTrip(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="parley-storage-trustee-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def nginx_campaign(self, k=campaign.K):
        c = campaign.TrusteeCampaign(["--storage-url", NGINX.url + "{id}/"], k=k)
        self.addCleanup(c.close)
        return c

    def s3_campaign(self, k=campaign.K):
        prefix = f"incoming/trustee-{uuid.uuid4().hex[:12]}/"
        c = campaign.TrusteeCampaign(["--s3-post", s3_policy_file(self.tmp, prefix)], k=k)
        self.addCleanup(c.close)
        return c

    def answer_eight_invitations(self, c, env, replay):
        """Invites 8; six answer (the first twice), a forged code, a request; a replay under
        another name and an envelope without the trustee. Returns the invitations."""
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

        def replay(name, data):
            with open(c.storage_args[1]) as f:
                policy = json.load(f)
            status, _, body = test_storage.post_upload(policy, c.storage["key_prefix"] + name, data)
            self.assertEqual(status, 204, body)
        self.answer_eight_invitations(c, env, replay)
        # The trustee writes with its own credentials: without them, nothing is read or written.
        r = c.release("--put", "--today", campaign.utc_day(2), env=plain_env())
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("needs the trustee's credentials", r.stderr)
        self.assert_released_and_read(c, env)

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
