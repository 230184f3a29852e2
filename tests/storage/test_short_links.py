#!/usr/bin/env python3
"""Short links against real storage, with the CLI: serve.py and nginx (http-put).

For each storage: a campaign's manifest is stored with `parley campaign link --short`, which
prints a short link only after reading the manifest back; the short link is a chat line, opens
with `parley campaign verify`, and seals answers with `parley seal --put`. A second --short
(a retry) gives the same link. A stored manifest changed by one byte, or deleted, is refused
by every reader with the same words as a changed long link, or says it is not there.

Runs alone (`python3 -m unittest tests.storage.test_short_links -v`): this module starts and
stops its own serve.py and nginx.
"""

import http.client
import json
import os
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import servers  # noqa: E402
from test_conversation import ServePy  # noqa: E402

APP = "http://127.0.0.1:8000/"
NGINX = SERVE = None


def setUpModule():
    global NGINX, SERVE
    if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
        raise unittest.SkipTest("missing nginx: run tools/setup --tests")
    servers.find_parley()
    servers.install_signal_handlers()
    try:
        SERVE = ServePy()
        NGINX = servers.Nginx(APP.rstrip("/")).start()
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    if NGINX is not None:
        NGINX.stop()
    if SERVE is not None:
        SERVE.stop()


class ShortLinks(unittest.TestCase):
    def storages(self):
        """(name, store URL, data folder) of each storage under test."""
        return [("serve.py", SERVE.url, SERVE.data), ("nginx", NGINX.url, NGINX.data)]

    def round_trip(self, store_url, data):
        c = campaign.Campaign(storage=["--storage-url", store_url + "{id}/"])
        self.addCleanup(c.close)
        link = c.cli("campaign", "link", "token.txt", "--app", APP, "--short").strip()
        self.assertIn("#m=", link)
        self.assertLess(len(link), 160, link)
        self.assertNotIn(".", link.split("#m=")[1].split("/")[-1][:-len(".parley")], "the name is the hash alone")
        # A retry stores nothing new and gives the same link.
        self.assertEqual(c.cli("campaign", "link", "token.txt", "--app", APP, "--short").strip(), link)

        verified = json.loads(c.cli("campaign", "verify", link, "--json"))
        self.assertEqual(verified["id"], c.id)
        with open(c.token) as f:
            long_token = f.read().strip()
        long_verified = json.loads(c.cli("campaign", "verify", long_token, "--json"))
        self.assertEqual(verified, long_verified, "a short and a long link open the same campaign")

        os.makedirs(os.path.join(c.dir, "sealed"))
        receipt = c.cli("seal", "--put", "--campaign", link, "--answers", "answers.json", "--out",
                        os.path.join(c.dir, "sealed")).strip()
        self.assertRegex(receipt, r"[0-9a-f]{32}")

        # The stored manifest, changed by one byte: the same refusal as a changed long link.
        name = link.rsplit("/", 1)[1]
        stored = os.path.join(data, c.id, name)
        with open(stored, "rb") as f:
            original = f.read()
        changed = bytearray(original)
        changed[-10] = ord("B") if changed[-10] != ord("B") else ord("A")
        os.chmod(stored, 0o644)
        with open(stored, "wb") as f:
            f.write(bytes(changed))
        short_refusal = c.run("campaign", "verify", link)
        long_refusal = c.run("campaign", "verify", changed.decode())
        self.assertNotEqual(short_refusal.returncode, 0)
        self.assertEqual(short_refusal.stderr, long_refusal.stderr)
        self.assertIn("bad-signature", short_refusal.stderr)

        os.remove(stored)
        missing = c.run("campaign", "verify", link)
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("not at the address", missing.stderr)

    def test_serve_py(self):
        self.round_trip(SERVE.url, SERVE.data)

    def test_nginx(self):
        self.round_trip(NGINX.url, NGINX.data)

    def test_nginx_refuses_a_second_different_manifest_under_a_name(self):
        c = campaign.Campaign(storage=["--storage-url", NGINX.url + "{id}/"])
        self.addCleanup(c.close)
        link = c.cli("campaign", "link", "token.txt", "--app", APP, "--short").strip()
        name = link.rsplit("/", 1)[1]
        conn = http.client.HTTPConnection("127.0.0.1", NGINX.port, timeout=10)
        self.addCleanup(conn.close)
        conn.request("PUT", f"/store/{c.id}/{name}", body=b"something else")
        self.assertEqual(conn.getresponse().status, 409)
        self.assertEqual(json.loads(c.cli("campaign", "verify", link, "--json"))["id"], c.id)


if __name__ == "__main__":
    unittest.main()
