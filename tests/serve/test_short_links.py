"""serve.py keeps campaigns' manifests for short links (docs/FORMAT.md, "Short links"):
m-<base32 of BLAKE2b-32(body)>.parley, written once, only under the name its body states."""
import base64
import hashlib
import json
import unittest

from tests.serve.test_serve import ServerTestCase


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def token(body):
    return b64u(body) + b"." + b64u(bytes(64))


def manifest_name(body):
    h = hashlib.blake2b(body, digest_size=32).digest()
    return "m-" + base64.b32encode(h).decode().rstrip("=").lower() + ".parley"


class StoredManifestTest(ServerTestCase):
    body = json.dumps({"v": 2, "title": "A campaign"}).encode()

    def path(self, name, campaign="short"):
        return f"/store/{campaign}/{name}"

    def test_stored_once_under_its_own_name_and_read_back(self):
        name, data = manifest_name(self.body), token(self.body)
        status, _, body = self.put(self.path(name), data, {"If-None-Match": "*"})
        self.assertEqual(status, 201, body)
        status, headers, got = self.request("GET", self.path(name))
        self.assertEqual((status, got), (200, data))
        self.assertEqual(headers["Content-Type"], "application/octet-stream")
        # A second store of the same campaign: 412 under If-None-Match, 200 without.
        self.assertEqual(self.put(self.path(name), data, {"If-None-Match": "*"})[0], 412)
        self.assertEqual(self.put(self.path(name), data)[0], 200)
        # Another token of the same body (another signature) never replaces it.
        other = b64u(self.body) + b"." + b64u(b"\x01" * 64)
        self.assertJsonError(self.put(self.path(name), other), 409, "conflict")
        self.assertEqual(self.request("GET", self.path(name))[2], data)

    def test_a_name_that_is_not_its_bodys_hash_is_refused(self):
        other = json.dumps({"v": 2, "title": "Another"}).encode()
        self.assertJsonError(self.put(self.path(manifest_name(other), "mismatch"), token(self.body)),
                             400, "name-mismatch")
        for junk in (b"not a token", b"!!!." + b64u(bytes(64)), b"." + b64u(bytes(64))):
            self.assertJsonError(self.put(self.path(manifest_name(self.body), "junk"), junk), 400,
                                 "name-mismatch")
        self.assertEqual(self.request("GET", self.path(manifest_name(self.body), "junk"))[0], 404)

    def test_names_outside_the_pattern_are_not_stored(self):
        name = manifest_name(self.body)
        spare = name[:53] + chr(ord(name[53]) + 1) + name[54:]  # a spare bit set: not a name of H
        for bad in (name.upper().replace("M-", "m-").replace(".PARLEY", ".parley"), spare,
                    "m-" + name[3:], name.replace(".parley", ".json")):
            self.assertJsonError(self.put(self.path(bad, "names"), token(self.body)), 400, "bad-name")

    def test_too_large_is_refused_before_the_body(self):
        big = token(b"x" * (64 * 1024 + 10))
        self.assertJsonError(self.put(self.path(manifest_name(b"x" * (64 * 1024 + 10)), "big"), big),
                             413, "too-large")

    def test_the_listing_shows_it_and_readers_skip_it(self):
        name = manifest_name(self.body)
        self.put(self.path(name, "listed"), token(self.body))
        status, _, body = self.request("GET", "/store/listed/")
        self.assertEqual(status, 200)
        self.assertEqual([o["name"] for o in json.loads(body)["objects"]], [name])


if __name__ == "__main__":
    unittest.main()
