#!/usr/bin/env python3
"""Tests for serve.py's precompressed static files: which form a request gets (Accept-Encoding,
q-values, refusals), the headers that go with it (Content-Encoding, Content-Length, Vary), strong
ETags per form and 304s, HEAD, stale or planted forms, the blob store left alone, and the real
build, whose every served file must exist as itself, .br and .gz.

    python3 -m unittest discover -s tests/serve -t . -p 'test_compression.py' -v
"""

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
import unittest

from tests.serve.test_serve import REPO, WEB_FILES, ServerTestCase, envelope_path

APP_JS = b"console.log('parley, compressed');\n" * 40
BR = b"\x1b brotli form of app.js (the server never decodes it)"  # only served, so any bytes do
GZ = gzip.compress(APP_JS, mtime=0)
STYLE = b"body { margin: 0 }\n" * 20

COMPRESSED_WEB = {
    **WEB_FILES,
    "app.js": APP_JS, "app.js.br": BR, "app.js.gz": GZ,
    "style.css": STYLE, "style.css.gz": gzip.compress(STYLE, mtime=0),  # no .br
}


def strong_etag(data):
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


class NegotiationTest(ServerTestCase):
    web_files = COMPRESSED_WEB

    def get(self, path, accept=None, method="GET", **extra):
        headers = dict(extra)
        if accept is not None:
            headers["Accept-Encoding"] = accept
        return self.request(method, path, headers=headers)

    def assertForm(self, accept, coding, path="/app.js"):
        status, headers, body = self.get(path, accept)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Encoding"], coding, f"Accept-Encoding: {accept!r}")
        self.assertEqual(int(headers["Content-Length"]), len(body))
        self.assertIn("Accept-Encoding", headers["Vary"])
        # The type of the file itself, whatever form carries it.
        expected = "application/wasm" if path.endswith(".wasm") else "text/"
        self.assertTrue(headers["Content-Type"].startswith(expected), headers["Content-Type"])
        return body

    def test_no_accept_encoding_gets_the_file(self):
        self.assertEqual(self.assertForm(None, None), APP_JS)

    def test_each_coding_alone(self):
        self.assertEqual(self.assertForm("br", "br"), BR)
        self.assertEqual(gzip.decompress(self.assertForm("gzip", "gzip")), APP_JS)
        self.assertEqual(self.assertForm("x-gzip", "gzip"), GZ)
        self.assertEqual(self.assertForm("GZip", "gzip"), GZ)  # codings are case-insensitive

    def test_what_browsers_send(self):
        self.assertEqual(self.assertForm("gzip, deflate, br, zstd", "br"), BR)
        self.assertEqual(self.assertForm("gzip, deflate", "gzip"), GZ)  # Chromium over plain http
        self.assertEqual(self.assertForm("gzip,deflate,br", "br"), BR)

    def test_q_values_choose(self):
        self.assertEqual(self.assertForm("gzip;q=0.9, br;q=0.8", "gzip"), GZ)
        self.assertEqual(self.assertForm("gzip; q=1, br; q=1", "br"), BR)  # a tie: the smaller
        self.assertEqual(self.assertForm("br;q=0.001, gzip;q=0", "br"), BR)

    def test_q_zero_refuses(self):
        self.assertEqual(self.assertForm("br;q=0, gzip", "gzip"), GZ)
        self.assertEqual(self.assertForm("br;q=0.0, gzip;q=0.000", None), APP_JS)
        self.assertEqual(self.assertForm("*;q=0", None), APP_JS)
        self.assertEqual(self.assertForm("br;q=0, *", "gzip"), GZ)
        self.assertEqual(self.assertForm("gzip;q=0, br;q=0, identity;q=0", None), APP_JS)  # RFC 9110

    def test_star_and_unknown_codings(self):
        self.assertEqual(self.assertForm("*", "br"), BR)
        self.assertEqual(self.assertForm("gzip;q=0.5, *;q=0.1", "gzip"), GZ)
        self.assertEqual(self.assertForm("identity", None), APP_JS)
        self.assertEqual(self.assertForm("deflate, compress", None), APP_JS)
        self.assertEqual(self.assertForm("", None), APP_JS)

    def test_malformed_q_values_are_not_acceptance(self):
        self.assertEqual(self.assertForm("br;q=abc, gzip", "gzip"), GZ)
        self.assertEqual(self.assertForm("br;q=1.5, gzip;q=0.2", "gzip"), GZ)
        self.assertEqual(self.assertForm("br;q=, gzip;q=-1", None), APP_JS)
        self.assertEqual(self.assertForm(";;,, ,br", "br"), BR)

    def test_only_the_forms_that_exist(self):
        self.assertEqual(gzip.decompress(self.assertForm("br, gzip", "gzip", "/style.css")), STYLE)
        self.assertEqual(self.assertForm("br", None, "/style.css"), STYLE)
        self.assertEqual(self.assertForm("br, gzip", None, "/app.wasm"), WEB_FILES["app.wasm"])

    def test_every_form_has_its_own_strong_etag(self):
        tags = {}
        for accept, data in ((None, APP_JS), ("br", BR), ("gzip", GZ)):
            _, headers, _ = self.get("/app.js", accept)
            self.assertEqual(headers["ETag"], strong_etag(data))
            self.assertFalse(headers["ETag"].startswith("W/"))
            tags[accept] = headers["ETag"]
        self.assertEqual(len(set(tags.values())), 3)

    def test_304_for_the_form_the_client_holds(self):
        _, headers, _ = self.get("/app.js", "br, gzip")
        etag = headers["ETag"]
        status, headers, body = self.get("/app.js", "br, gzip", **{"If-None-Match": etag})
        self.assertEqual((status, body), (304, b""))
        self.assertEqual(headers["ETag"], etag)
        self.assertEqual(headers["Content-Encoding"], "br")
        self.assertIn("Accept-Encoding", headers["Vary"])
        self.assertEqual(headers["Cache-Control"], "no-cache")
        self.assertIsNone(headers["Content-Length"])
        # The same tag from a client that now takes only gzip: a different form, sent whole.
        status, headers, body = self.get("/app.js", "gzip", **{"If-None-Match": etag})
        self.assertEqual((status, headers["Content-Encoding"], body), (200, "gzip", GZ))
        status, _, _ = self.get("/app.js", "gzip", **{"If-None-Match": f'"x", {headers["ETag"]}'})
        self.assertEqual(status, 304)

    def test_a_file_asked_for_at_its_version_is_kept_for_ever_and_nothing_else_is(self):
        # Of the file itself, whatever form is sent: the build's forms are trusted as they are for
        # sending (never one older than the file; see the stale-form tests).
        version = strong_etag(APP_JS)[1:13]
        for accept in (None, "br", "gzip"):
            with self.subTest(accept=accept):
                status, headers, _ = self.get(f"/app.js?v={version}", accept)
                self.assertEqual(status, 200)
                self.assertEqual(headers["Cache-Control"], "public, max-age=31536000, immutable")
        # A stale version (an old page), a malformed one, another parameter, or none: revalidated,
        # so a browser never keeps other bytes under a version's address.
        for query in ("?v=000000000000", f"?v={version[:11]}", f"?v={version}0", "?x=1", "?v=", ""):
            with self.subTest(query=query):
                _, headers, body = self.get(f"/app.js{query}", "br")
                self.assertEqual(headers["Cache-Control"], "no-cache")
                self.assertEqual(body, BR)
        # The page itself is always revalidated.
        _, headers, _ = self.get("/")
        self.assertEqual(headers["Cache-Control"], "no-cache")

    def test_head_declares_the_form_it_would_send(self):
        for accept, coding, data in (("br", "br", BR), ("gzip", "gzip", GZ), (None, None, APP_JS)):
            with self.subTest(accept=accept):
                status, headers, body = self.get("/app.js", accept, method="HEAD")
                self.assertEqual((status, body), (200, b""))
                self.assertEqual(headers["Content-Encoding"], coding)
                self.assertEqual(int(headers["Content-Length"]), len(data))
                self.assertEqual(headers["ETag"], strong_etag(data))

    def test_html_keeps_its_policy_when_compressed(self):
        html = WEB_FILES["index.html"]
        path = os.path.join(self.server.web, "index.html.gz")
        with open(path, "wb") as f:
            f.write(gzip.compress(html, mtime=0))
        self.addCleanup(os.unlink, path)
        status, headers, body = self.get("/", "gzip")
        self.assertEqual((status, headers["Content-Encoding"]), (200, "gzip"))
        self.assertEqual(gzip.decompress(body), html)
        self.assertIn("default-src 'none'", headers["Content-Security-Policy"])

    def test_a_stale_form_is_never_sent(self):
        # app.js rebuilt after its compressed forms: they hold old bytes and are left alone.
        path = os.path.join(self.server.web, "app.js")
        new = b"console.log('rebuilt');\n"
        with open(path, "wb") as f:
            f.write(new)
        later = time.time() + 5
        os.utime(path, (later, later))
        self.addCleanup(self._restore, "app.js")
        status, headers, body = self.get("/app.js", "br, gzip")
        self.assertEqual((status, headers["Content-Encoding"], body), (200, None, new))
        self.assertEqual(headers["ETag"], strong_etag(new))

    def test_a_linked_form_is_not_followed(self):
        secret = os.path.join(self.server.tmp, "secret.txt")
        os.symlink(secret, os.path.join(self.server.web, "icon.svg.br"))
        self.addCleanup(os.unlink, os.path.join(self.server.web, "icon.svg.br"))
        status, headers, body = self.get("/icon.svg", "br")
        self.assertEqual((status, headers["Content-Encoding"]), (200, None))
        self.assertEqual(body, WEB_FILES["icon.svg"])

    def test_stored_objects_are_never_compressed(self):
        body = os.urandom(3000)
        path = envelope_path("comp", body)
        self.assertIn(self.request("PUT", path, body)[0], (200, 201))
        status, headers, got = self.get(path, "br, gzip, *")
        self.assertEqual((status, got), (200, body))
        self.assertIsNone(headers["Content-Encoding"])
        self.assertEqual(headers["Cache-Control"], "no-store")
        status, headers, got = self.get("/store/comp/", "gzip")
        self.assertEqual(status, 200)
        self.assertIsNone(headers["Content-Encoding"])

    def _restore(self, name):
        with open(os.path.join(self.server.web, name), "wb") as f:
            f.write(COMPRESSED_WEB[name])
        for suffix in (".br", ".gz"):
            if name + suffix in COMPRESSED_WEB:
                os.utime(os.path.join(self.server.web, name + suffix))  # newer again


class BuiltAppTest(unittest.TestCase):
    """The real build/web: every file people are served exists in all three forms."""

    WEB = os.path.join(REPO, "build", "web")

    def test_every_served_file_has_both_compressed_forms(self):
        index = os.path.join(self.WEB, "index.html")
        self.assertTrue(os.path.isfile(index), "build the app first: tools/build web")
        self.assertTrue(shutil.which("brotli"), "the brotli command (Debian brotli, tools/setup)")
        served = []
        for folder, _, files in os.walk(self.WEB):
            served += [os.path.join(folder, n) for n in files if not n.endswith((".br", ".gz"))]
        self.assertIn(os.path.join(self.WEB, "parley.wasm"), served)
        self.assertIn(os.path.join(self.WEB, "answer.wasm"), served)
        for path in served:
            with self.subTest(file=os.path.relpath(path, self.WEB)):
                with open(path, "rb") as f:
                    data = f.read()
                with open(path + ".gz", "rb") as f:
                    self.assertEqual(gzip.decompress(f.read()), data)
                unbrotli = subprocess.run(["brotli", "-d", "-c", path + ".br"], capture_output=True,
                                          check=True)
                self.assertEqual(unbrotli.stdout, data)
                self.assertGreaterEqual(os.stat(path + ".br").st_mtime_ns, os.stat(path).st_mtime_ns)
                self.assertGreaterEqual(os.stat(path + ".gz").st_mtime_ns, os.stat(path).st_mtime_ns)

    def test_the_page_names_what_it_loads_at_the_version_of_its_bytes(self):
        # What lets a repeat visit fetch none of them: index.html names its files, and edition.js
        # the two builds, with the SHA-256 prefix serve.py keeps for ever.
        def version(name):
            with open(os.path.join(self.WEB, name), "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()[:12]
        with open(os.path.join(self.WEB, "index.html"), encoding="utf-8") as f:
            page = f.read()
        named = dict(re.findall(r'(?:href|src)="([\w.-]+)\?v=([0-9a-f]{12})"', page))
        self.assertEqual(set(named), {"style.css", "edition.js", "mirror.js", "touch.js", "shell.js", "icon.svg"})
        for name, v in named.items():
            self.assertEqual(v, version(name), name)
        with open(os.path.join(self.WEB, "edition.js"), encoding="utf-8") as f:
            edition = f.read()
        versions = json.loads(re.search(r"const versions = (\{.*?\});", edition).group(1))
        self.assertEqual(set(versions), {"answer.js", "answer.wasm", "parley.js", "parley.wasm"})
        for name, v in versions.items():
            self.assertEqual(v, version(name), name)

    def test_the_scripts_of_the_first_frame_open_with_the_compile_hint(self):
        # Chromium compiles such a script whole as it downloads, off the main thread; the
        # comment only counts as the file's first line.
        for name in ("answer.js", "parley.js", "shell.js", "mirror.js", "touch.js"):
            with self.subTest(file=name):
                with open(os.path.join(self.WEB, name), encoding="utf-8") as f:
                    self.assertEqual(f.readline(), "//# allFunctionsCalledOnLoad\n")


if __name__ == "__main__":
    unittest.main()
