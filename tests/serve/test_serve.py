#!/usr/bin/env python3
"""Tests for serve.py: static files and their headers, the blob store, CORS, logging, the CLI.

Each test class starts serve.py as a subprocess on a free port, with a temporary data
directory and a tiny web root, and stops it again even when a test fails.

    python3 -m unittest discover -s tests/serve -v      # from the repository root
    python3 tests/serve/test_serve.py
"""

import atexit
import datetime
import hashlib
import importlib.util
import http.client
import json
import os
import queue
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVE = os.path.join(REPO, "serve.py")
STARTUP_RE = re.compile(r"^Parley serving http://(\S+):(\d+)/ \(data: (.+), pid (\d+)\)$")

WASM = b"\0asm\x01\0\0\0"
WEB_FILES = {
    "index.html": b"<!doctype html><title>Parley</title><script src=app.js></script>",
    "app.js": b"console.log('parley');\n",
    "app.wasm": WASM,
    "style.css": b"body { margin: 0 }\n",
    "font.ttf": b"\0\1\0\0fake",
    "data.json": b"{}\n",
    "icon.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    "icon.png": b"\x89PNG\r\n\x1a\n",
    "favicon.ico": b"\0\0\1\0",
    "assets/readme.txt": b"inside a folder\n",
}
SECRET = b"TOP-SECRET-OUTSIDE-WEB-ROOT"


def envelope_name(body):
    """The only name serve.py accepts for an envelope: hex(BLAKE2b-16(body)).parley."""
    return hashlib.blake2b(body, digest_size=16).hexdigest() + ".parley"


def envelope_path(campaign, body):
    return f"/store/{campaign}/{envelope_name(body)}"


# The largest reply bundle (docs/FORMAT.md, "Replies"): "PARLEY-REPLIES/2" LF, the longest
# canonical header LF, and 1024 records of a 24-byte nonce, 4096 padded bytes and a 16-byte tag.
LONGEST_REPLIES_HEADER = json.dumps({"campaign": "a" * 26, "day": "2026-12-31", "mediator": 15,
                                     "records": 1024, "v": 2}, separators=(",", ":"))
MAX_REPLIES_BUNDLE = 16 + 1 + len(LONGEST_REPLIES_HEADER) + 1 + 1024 * (24 + 4096 + 16)
assert MAX_REPLIES_BUNDLE == 4235377

VALID_REPLIES_NAMES = [
    "replies-2026-03-14-0-0.parley", "replies-2000-01-01-15-99.parley",
    "replies-9999-12-31-9-10.parley", "replies-2000-02-29-1-0.parley",   # 2000: divisible by 400
    "replies-2024-02-29-10-5.parley", "replies-2400-02-29-0-1.parley",
    "replies-2026-04-30-3-42.parley", "replies-2026-02-28-0-0.parley",
]
INVALID_REPLIES_NAMES = [
    "replies-2026-13-01-0-0.parley", "replies-2026-00-10-0-0.parley",
    "replies-2026-01-00-0-0.parley", "replies-2026-01-32-0-0.parley",
    "replies-2026-04-31-0-0.parley", "replies-2026-02-29-0-0.parley",   # not a leap year
    "replies-2100-02-29-0-0.parley", "replies-2026-02-30-0-0.parley",   # 2100: a century
    "replies-1999-12-31-0-0.parley", "replies-0226-01-01-0-0.parley",   # before 2000
    "replies-2026-1-01-0-0.parley", "replies-20260101-0-0.parley",
    "replies-2026-01-01-16-0.parley", "replies-2026-01-01-0-100.parley",
    "replies-2026-01-01-00-0.parley", "replies-2026-01-01-0-00.parley",  # leading zeros
    "replies-2026-01-01-01-1.parley", "replies-2026-01-01-1-07.parley",
    "replies-2026-01-01-0.parley", "replies-2026-01-01-0-0-0.parley",
    "replies-2026-01-01--1-0.parley", "replies-2026-01-01-0-0.json",
    "replies-2026-01-01-0-0", "Replies-2026-01-01-0-0.parley", "replies-2026-01-01-0-0.PARLEY",
    "replies-2026-01-01-a-0.parley", "replies_2026-01-01-0-0.parley", "replies.parley",
]


def is_replies_name(name):
    """The rule of docs/FORMAT.md, with days checked by the calendar, to check serve.py's."""
    m = re.fullmatch(r"replies-([0-9]{4})-([0-9]{2})-([0-9]{2})-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)"
                     r"\.parley", name)
    if not m:
        return False
    try:
        day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return day.year >= 2000 and int(m[4]) <= 15 and int(m[5]) <= 99


class Server:
    """serve.py in a subprocess; stdout and stderr are collected line by line."""

    def __init__(self, *args, web_files=WEB_FILES, script=SERVE, build=False, wait=True):
        self.tmp = tempfile.mkdtemp(prefix="parley-serve-test-")
        self.data = os.path.join(self.tmp, "data")
        self.web = os.path.join(self.tmp, "web")
        os.makedirs(self.web)
        for name, content in web_files.items():
            path = os.path.join(self.web, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(content)
        with open(os.path.join(self.tmp, "secret.txt"), "wb") as f:
            f.write(SECRET)
        cmd = [sys.executable, script, "--port", "0", "--data", self.data,
               "--web-root", self.web, *args]
        if not build:
            cmd.insert(2, "--no-build")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True)
        self.lines = []
        self._queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.port = None
        self.startup_index = None
        if wait:
            self._wait_for_startup()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line)
        self._queue.put(None)

    def _wait_for_startup(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line is None:
                break
            m = STARTUP_RE.match(line.rstrip("\n"))
            if m:
                self.port = int(m.group(2))
                self.startup_index = len(self.lines) - 1
                return
        output = "\n".join(self.lines)
        self.stop()
        raise RuntimeError(f"serve.py did not start:\n{output}")

    def wait_exit(self, timeout=15):
        code = self.proc.wait(timeout)
        self._reader.join(5)
        return code

    def log_after_startup(self):
        time.sleep(0.3)  # let the reader thread catch up with the last responses
        return self.lines[self.startup_index + 1:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._reader.join(5)
        self.proc.stdout.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.headers, resp.read()
        finally:
            conn.close()

    def raw(self, data):
        """Sends raw bytes and parses one response; returns (response, body, socket)."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        sock.sendall(data)
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        return resp, resp.read(), sock


class ServerTestCase(unittest.TestCase):
    server_args = ()
    web_files = WEB_FILES

    @classmethod
    def setUpClass(cls):
        cls.server = Server(*cls.server_args, web_files=cls.web_files)
        cls.addClassCleanup(cls.server.stop)

    def request(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

    def put(self, path, body, headers=None):
        return self.request("PUT", path, body, headers)

    def race(self, path, bodies):
        """PUTs every body at once, each on its own connection: [(status, body)]."""
        paths = path if isinstance(path, list) else [path] * len(bodies)
        barrier = threading.Barrier(len(bodies))
        results = [None] * len(bodies)

        def put(i):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
            try:
                conn.connect()
                barrier.wait(10)  # all connections open: the PUTs arrive together
                conn.request("PUT", paths[i], bodies[i])
                resp = conn.getresponse()
                resp.read()
                results[i] = (resp.status, bodies[i])
            except Exception as e:  # reported by the assertion below
                results[i] = (repr(e), bodies[i])
            finally:
                conn.close()

        threads = [threading.Thread(target=put, args=(i,)) for i in range(len(bodies))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        for result in results:
            self.assertIsInstance(result and result[0], int, result)
        return results

    def assertJsonError(self, resp, status, code):
        got_status, headers, body = resp
        self.assertEqual(got_status, status, body)
        self.assertEqual(headers["Content-Type"], "application/json")
        obj = json.loads(body)
        self.assertEqual(obj["error"], code)
        self.assertIsInstance(obj["message"], str)
        self.assertTrue(obj["message"])

    def assertSecurityHeaders(self, headers):
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        self.assertIn("camera=()", headers["Permissions-Policy"])
        self.assertIn("interest-cohort=()", headers["Permissions-Policy"])
        self.assertEqual(headers["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertIsNone(headers["Set-Cookie"])


class StaticFilesTest(ServerTestCase):
    def test_mime_types(self):
        expected = {
            "/": "text/html", "/index.html": "text/html", "/app.js": "text/javascript",
            "/app.wasm": "application/wasm", "/style.css": "text/css", "/font.ttf": "font/ttf",
            "/data.json": "application/json", "/icon.svg": "image/svg+xml",
            "/icon.png": "image/png", "/favicon.ico": "image/",
        }
        for path, mime in expected.items():
            with self.subTest(path=path):
                status, headers, body = self.request("GET", path)
                self.assertEqual(status, 200)
                self.assertTrue(headers["Content-Type"].startswith(mime), headers["Content-Type"])
                name = "index.html" if path == "/" else path[1:]
                self.assertEqual(body, WEB_FILES[name])
                self.assertEqual(int(headers["Content-Length"]), len(body))

    def test_wasm_is_exactly_application_wasm(self):
        # WebAssembly.instantiateStreaming rejects anything but this exact type.
        status, headers, body = self.request("GET", "/app.wasm")
        self.assertEqual((status, headers["Content-Type"], body), (200, "application/wasm", WASM))

    def test_csp_on_html_is_strict(self):
        _, headers, _ = self.request("GET", "/")
        csp = headers["Content-Security-Policy"]
        self.assertIsNotNone(csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(re.findall(r"'[^']*unsafe[^']*'", csp), ["'wasm-unsafe-eval'"])
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        self.assertEqual(directives["default-src"], "'none'")
        self.assertEqual(directives["script-src"], "'self' 'wasm-unsafe-eval'")
        self.assertEqual(directives["connect-src"], "'self'")
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertEqual(directives["base-uri"], "'none'")

    def test_security_headers_everywhere(self):
        for path in ("/", "/app.js", "/app.wasm", "/missing.js", "/store/c/missing"):
            with self.subTest(path=path):
                _, headers, _ = self.request("GET", path)
                self.assertSecurityHeaders(headers)
        _, headers, _ = self.request("GET", "/app.js")
        self.assertEqual(headers["Cross-Origin-Resource-Policy"], "same-origin")
        self.assertIsNone(headers["Content-Security-Policy"])  # only on HTML
        self.assertNotIn("Python", headers["Server"] or "")

    def test_opener_policy_on_every_kind_of_answer(self):
        # Any page that opens the app in a window must not get a handle on it, whatever it opens.
        answers = [self.request("GET", "/"), self.request("GET", "/missing.js"),
                   self.request("POST", "/index.html", b"x"), self.request("GET", "/store/c/"),
                   self.request("GET", "/store/C/x"), self.request("DELETE", "/store/c/x")]
        _, headers, _ = self.request("GET", "/app.js")
        answers.append(self.request("GET", "/app.js", headers={"If-None-Match": headers["ETag"]}))
        for raw in (b"GET x HTTP/1.1\r\nHost: x\r\n\r\n", b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n"):
            resp, body, sock = self.server.raw(raw)
            sock.close()
            answers.append((resp.status, resp.headers, body))
        self.assertEqual([a[0] for a in answers], [200, 404, 405, 200, 400, 405, 304, 400, 501])
        for status, headers, _ in answers:
            with self.subTest(status=status):
                self.assertEqual(headers["Cross-Origin-Opener-Policy"], "same-origin")

    def test_etag_and_304(self):
        status, headers, _ = self.request("GET", "/app.js")
        self.assertEqual(status, 200)
        etag = headers["ETag"]
        self.assertTrue(etag)
        self.assertEqual(headers["Cache-Control"], "no-cache")
        self.assertTrue(headers["Last-Modified"].endswith("GMT"))
        status, headers, body = self.request("GET", "/app.js", headers={"If-None-Match": etag})
        self.assertEqual((status, body), (304, b""))
        self.assertEqual(headers["ETag"], etag)
        status, _, _ = self.request("GET", "/app.js", headers={"If-None-Match": "W/" + etag})
        self.assertEqual(status, 304)
        status, _, body = self.request("GET", "/app.js", headers={"If-None-Match": '"other"'})
        self.assertEqual((status, body), (200, WEB_FILES["app.js"]))

    def test_head(self):
        status, headers, body = self.request("HEAD", "/app.wasm")
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(int(headers["Content-Length"]), len(WASM))

    def test_missing_and_directories_are_404(self):
        for path in ("/missing.html", "/assets/", "/assets", "/assets/nope.txt"):
            with self.subTest(path=path):
                status, _, body = self.request("GET", path)
                self.assertEqual(status, 404)
                self.assertNotIn(b"readme.txt", body)
        self.assertEqual(self.request("GET", "/assets/readme.txt")[0], 200)

    def test_traversal_is_refused(self):
        for path in ("/../serve.py", "/../secret.txt", "/%2e%2e/", "/%2e%2e/secret.txt",
                     "/..%2f", "/..%2fsecret.txt", "/%2E%2E%2Fsecret.txt", "/..\\secret.txt",
                     "/%5c..%5csecret.txt", "/assets/../../secret.txt", "/app.js%00.txt",
                     "//etc/passwd", "/./index.html"):
            with self.subTest(path=path):
                status, _, body = self.request("GET", path)
                self.assertIn(status, (400, 404))
                self.assertNotIn(SECRET, body)
                self.assertNotIn(b"ThreadingHTTPServer", body)

    def test_symlink_out_of_web_root_is_refused(self):
        link = os.path.join(self.server.web, "escape.txt")
        os.symlink(os.path.join(self.server.tmp, "secret.txt"), link)
        self.addCleanup(os.unlink, link)
        status, _, body = self.request("GET", "/escape.txt")
        self.assertEqual(status, 404)
        self.assertNotIn(SECRET, body)

    def test_query_string_is_ignored(self):
        status, _, body = self.request("GET", "/app.js?v=3")
        self.assertEqual((status, body), (200, WEB_FILES["app.js"]))

    def test_other_methods_on_static_files(self):
        status, headers, _ = self.request("POST", "/index.html", b"x")
        self.assertEqual(status, 405)
        self.assertIn("GET", headers["Allow"])


class NotBuiltTest(ServerTestCase):
    web_files = {}

    def test_static_request_says_how_to_build(self):
        status, headers, body = self.request("GET", "/")
        self.assertEqual(status, 503)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        self.assertIn(b"python3 serve.py", body)
        self.assertIn(b"--no-build", body)

    def test_store_still_works(self):
        self.assertEqual(self.put(envelope_path("nb", b"data"), b"data")[0], 201)


class StoreTest(ServerTestCase):
    server_args = ("--max-blob", "4096")

    def stored_files(self, campaign):
        folder = os.path.join(self.server.data, campaign)
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def test_round_trip(self):
        blob = bytes(range(256)) * 3
        path = envelope_path("round-trip", blob)
        status, headers, body = self.put(path, blob)
        self.assertEqual((status, json.loads(body)), (201, {"status": "stored"}))
        self.assertEqual(headers["Content-Type"], "application/json")
        status, headers, body = self.request("GET", path)
        self.assertEqual((status, body), (200, blob))
        self.assertEqual(headers["Content-Type"], "application/octet-stream")
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertSecurityHeaders(headers)
        status, headers, body = self.request("HEAD", path)
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(int(headers["Content-Length"]), len(blob))
        status, _, body = self.request("GET", path + "?cache=1")
        self.assertEqual((status, body), (200, blob))
        self.assertEqual(self.stored_files("round-trip"), [envelope_name(blob)])

    def test_object_etag(self):
        _, put_headers, _ = self.put(envelope_path("etag", b"content"), b"content")
        _, headers, _ = self.request("GET", envelope_path("etag", b"content"))
        self.assertEqual(headers["ETag"], put_headers["ETag"])
        status, _, body = self.request("GET", envelope_path("etag", b"content"),
                                       headers={"If-None-Match": headers["ETag"]})
        self.assertEqual((status, body), (304, b""))

    def test_objects_written_before_the_name_rule_stay_readable(self):
        folder = os.path.join(self.server.data, "older")
        os.makedirs(folder)
        with open(os.path.join(folder, "answer_1.bin"), "wb") as f:
            f.write(b"kept")
        self.assertEqual(self.request("GET", "/store/older/answer_1.bin")[:3:2], (200, b"kept"))
        self.assertEqual(json.loads(self.request("GET", "/store/older/")[2])["objects"],
                         [{"name": "answer_1.bin", "size": 4}])

    def test_unknown_object(self):
        self.assertJsonError(self.request("GET", "/store/nothing/here"), 404, "not-found")
        status, _, body = self.request("HEAD", "/store/nothing/here")
        self.assertEqual((status, body), (404, b""))

    def test_identical_put_is_200(self):
        for path in (envelope_path("again", b"same"), "/store/again/release.parley"):
            with self.subTest(path=path):
                self.assertEqual(self.put(path, b"same")[0], 201)
                status, _, body = self.put(path, b"same")
                self.assertEqual((status, json.loads(body)), (200, {"status": "exists"}))
        self.assertEqual(self.stored_files("again"),
                         sorted([envelope_name(b"same"), "release.parley"]))

    def test_envelope_name_is_the_hash_of_its_bytes(self):
        # One envelope stored under several names would be counted several times.
        body = b"one sealed envelope"
        other = envelope_name(b"another envelope")
        refused = self.put(f"/store/names/{other}", body)
        self.assertJsonError(refused, 400, "name-mismatch")
        self.assertIn(envelope_name(body), json.loads(refused[2])["message"])
        for name in ("answer.bin", "a.parley", envelope_name(body).upper().replace("PARLEY", "parley"),
                     envelope_name(body)[:-7] + ".json", "0" + envelope_name(body),
                     "invitations.json", "release", "Release.parley"):
            with self.subTest(name=name):
                self.assertJsonError(self.put(f"/store/names/{name}", body), 400, "bad-name")
        self.assertEqual(self.stored_files("names"), [])
        self.assertEqual(self.put(f"/store/names/{envelope_name(body)}", body)[0], 201)
        self.assertEqual(self.stored_files("names"), [envelope_name(body)])

    def test_release_is_written_once(self):
        self.assertEqual(self.put("/store/rel/release.parley", b"the release")[0], 201)
        status, _, body = self.put("/store/rel/release.parley", b"the release")  # a retry
        self.assertEqual((status, json.loads(body)), (200, {"status": "exists"}))
        refused = self.put("/store/rel/release.parley", b"another release")
        self.assertJsonError(refused, 409, "conflict")
        self.assertIn("only once", json.loads(refused[2])["message"])
        self.assertEqual(self.request("GET", "/store/rel/release.parley")[2], b"the release")
        self.assertEqual(self.stored_files("rel"), ["release.parley"])

    def test_invitations_may_be_replaced(self):
        path = "/store/inv/invitations.parley"
        status, _, body = self.put(path, b"8 invitations")
        self.assertEqual((status, json.loads(body)), (201, {"status": "stored"}))
        status, _, body = self.put(path, b"8 invitations")
        self.assertEqual((status, json.loads(body)), (200, {"status": "exists"}))
        status, headers, body = self.put(path, b"12 invitations")
        self.assertEqual((status, json.loads(body)), (200, {"status": "replaced"}))
        status, got_headers, body = self.request("GET", path)
        self.assertEqual((status, body), (200, b"12 invitations"))
        self.assertEqual(got_headers["ETag"], headers["ETag"])
        self.assertJsonError(self.put(path, b"x" * 65537), 413, "too-large")
        self.assertEqual(self.put(path, b"x" * 65536)[0], 200)  # larger than --max-blob 4096
        self.assertEqual(self.stored_files("inv"), ["invitations.parley"])

    def test_if_none_match_star(self):
        for path in (envelope_path("inm", b"x"), "/store/inm/invitations.parley", "/store/inm/release.parley"):
            with self.subTest(path=path):
                self.assertEqual(self.put(path, b"x", {"If-None-Match": "*"})[0], 201)
                self.assertJsonError(self.put(path, b"x", {"If-None-Match": "*"}), 412, "exists")
                self.assertEqual(self.put(path, b"x")[0], 200)
        # Create-only never replaces, even the replaceable invitations statement.
        self.assertJsonError(self.put("/store/inm/invitations.parley", b"y",
                                      {"If-None-Match": "*"}), 412, "exists")
        self.assertEqual(self.request("GET", "/store/inm/invitations.parley")[2], b"x")

    def test_reply_bundles_are_stored_listed_and_read(self):
        name, bundle = "replies-2026-03-14-2-0.parley", os.urandom(5000)  # over --max-blob 4096
        path = f"/store/rb/{name}"
        status, headers, body = self.put(path, bundle)
        self.assertEqual((status, json.loads(body)), (201, {"status": "stored"}))
        status, got_headers, body = self.request("GET", path)
        self.assertEqual((status, body), (200, bundle))
        self.assertEqual(got_headers["Content-Type"], "application/octet-stream")
        self.assertEqual(got_headers["Cache-Control"], "no-store")
        self.assertEqual(got_headers["ETag"], headers["ETag"])
        self.assertSecurityHeaders(got_headers)
        envelope = b"an envelope beside it"
        self.assertEqual(self.put(envelope_path("rb", envelope), envelope)[0], 201)
        listing = json.loads(self.request("GET", "/store/rb/")[2])["objects"]
        self.assertEqual(listing, sorted([{"name": name, "size": 5000},
                                          {"name": envelope_name(envelope), "size": len(envelope)}],
                                         key=lambda o: o["name"]))
        self.assertEqual(self.stored_files("rb"), sorted([name, envelope_name(envelope)]))

    def test_reply_bundles_are_written_once(self):
        path = "/store/rb-once/replies-2026-03-14-0-0.parley"
        self.assertEqual(self.put(path, b"the first sending")[0], 201)
        status, _, body = self.put(path, b"the first sending")  # a retry
        self.assertEqual((status, json.loads(body)), (200, {"status": "exists"}))
        refused = self.put(path, b"another sending")
        self.assertJsonError(refused, 409, "conflict")
        self.assertIn("next free sending number", json.loads(refused[2])["message"])
        self.assertJsonError(self.put(path, b"the first sending", {"If-None-Match": "*"}), 412,
                             "exists")
        self.assertEqual(self.request("GET", path)[2], b"the first sending")
        other = "/store/rb-once/replies-2026-03-14-0-1.parley"  # the next number is free
        self.assertEqual(self.put(other, b"another sending", {"If-None-Match": "*"})[0], 201)
        statuses = self.race("/store/rb-race/replies-2026-03-14-15-99.parley",
                             [b"racing sending %d" % i for i in range(8)])
        self.assertEqual(sorted(s for s, _ in statuses), [201] + [409] * 7)
        self.assertEqual(self.stored_files("rb-race"), ["replies-2026-03-14-15-99.parley"])

    def test_reply_bundle_names(self):
        for name in VALID_REPLIES_NAMES:
            self.assertTrue(is_replies_name(name), name)
            with self.subTest(valid=name):
                self.assertEqual(self.put(f"/store/rb-names/{name}", name.encode())[0], 201)
        for name in INVALID_REPLIES_NAMES:
            self.assertFalse(is_replies_name(name), name)
            with self.subTest(invalid=name):
                self.assertJsonError(self.put(f"/store/rb-names/{name}", b"bundle"), 400,
                                     "bad-name")
        self.assertIn("replies-DAY-M-S.parley", json.loads(
            self.put("/store/rb-names/replies-2026-13-01-0-0.parley", b"x")[2])["message"])
        self.assertEqual(self.stored_files("rb-names"), sorted(VALID_REPLIES_NAMES))

    def test_bad_names(self):
        long_name = "a" * 129
        paths = [
            "/store/c/a/b", "/store/c//a", "/store//a", "/store/", "/store", "/store/c/..",
            "/store/c/../a", "/store/../c/a", "/store/C/a", "/store/Camp/a", "/store/-c/a",
            "/store/" + "c" * 65 + "/a", f"/store/c/{long_name}", "/store/c/.hidden",
            "/store/c/.tmp-x", "/store/c/%2e%2e", "/store/c/a%2fb", "/store/c%2fd/a",
            "/store/c/a.BIN", "/store/c/a.toolongext", "/store/c/a.b.c",
            "/store/c/a\\b", "/store/c/a%20b", "/store/c/",
        ]
        for path in paths:
            with self.subTest(path=path):
                self.assertJsonError(self.put(path, b"data"), 400, "bad-name")
        for path in paths[:-1]:
            if path != "/store/c//a" and not path.endswith("/c/.."):
                with self.subTest(get=path):
                    self.assertJsonError(self.request("GET", path), 400, "bad-name")
        self.assertJsonError(self.request("GET", "/store/c/" + "a" * 128 + ".json"), 404,
                             "not-found")  # a readable name, though no PUT may write it
        self.assertEqual(self.put(envelope_path("c" * 64, b"ok"), b"ok")[0], 201)
        self.assertFalse(os.path.exists(os.path.join(self.server.tmp, envelope_name(b"ok"))))

    def test_too_large_is_refused_before_the_body(self):
        # Only headers are sent: the 413 must arrive without the server waiting for a body.
        resp, body, sock = self.server.raw(
            b"PUT /store/big/release.parley HTTP/1.1\r\nHost: x\r\n"
            b"Content-Length: 10000000000\r\n\r\n")
        with sock:
            self.assertEqual(resp.status, 413)
            self.assertEqual(json.loads(body)["error"], "too-large")
            self.assertEqual(resp.headers["Connection"], "close")
            self.assertEqual(sock.recv(1), b"")  # the server hung up
        self.assertEqual(self.stored_files("big"), [])

    def test_size_limit_boundary(self):
        over, exact = b"x" * 4097, b"x" * 4096
        self.assertJsonError(self.put(envelope_path("limit", over), over), 413, "too-large")
        self.assertEqual(self.put(envelope_path("limit", exact), exact)[0], 201)
        self.assertEqual(self.stored_files("limit"), [envelope_name(exact)])

    def test_length_required(self):
        resp, body, sock = self.server.raw(
            b"PUT /store/len/release.parley HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        sock.close()
        self.assertEqual((resp.status, json.loads(body)["error"]), (411, "length-required"))
        resp, body, sock = self.server.raw(
            b"PUT /store/len/release.parley HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n0\r\n\r\n")
        sock.close()
        self.assertEqual((resp.status, json.loads(body)["error"]), (411, "length-required"))
        self.assertEqual(self.stored_files("len"), [])

    def test_empty_body(self):
        self.assertJsonError(self.put("/store/empty/release.parley", b""), 400, "empty")
        self.assertEqual(self.stored_files("empty"), [])

    def test_aborted_upload_leaves_no_trace(self):
        # The body never completes: no campaign folder, no temp file, nothing listed.
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        with sock:
            sock.sendall(b"PUT /store/aborted/release.parley HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                         b"only ten b")
        def temp_files():
            return [n for n in os.listdir(self.server.data) if n.startswith(".")]
        deadline = time.monotonic() + 10
        while temp_files() and time.monotonic() < deadline:
            time.sleep(0.05)  # the server notices the hang-up and removes the temp file
        self.assertEqual(temp_files(), [])
        self.assertNotIn("aborted", os.listdir(self.server.data))

    def test_short_body_stores_nothing(self):
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        with sock:
            sock.sendall(b"PUT /store/short/release.parley HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                         b"only ten b")
            sock.shutdown(socket.SHUT_WR)
            resp = http.client.HTTPResponse(sock)
            resp.begin()
            self.assertEqual(resp.status, 400)
            resp.read()
        self.assertEqual(self.request("GET", "/store/short/release.parley")[0], 404)
        self.assertEqual(self.stored_files("short"), [])

    def test_keep_alive_survives_errors(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        self.addCleanup(conn.close)
        for method, path, body, status in [
                ("PUT", "/store/ka/release.parley", b"one", 201),
                ("PUT", "/store/ka/release.parley", b"two", 409),
                ("PUT", envelope_path("ka", b"three"), b"not three", 400),
                ("GET", "/store/ka/release.parley", None, 200), ("GET", "/app.js", None, 200),
                ("GET", "/store/ka/", None, 200),
        ]:
            conn.request(method, path, body)
            resp = conn.getresponse()
            resp.read()
            self.assertEqual(resp.status, status, (method, path))
            self.assertFalse(resp.will_close, (method, path))

    def test_keep_alive_answers_without_nagle_delay(self):
        # Headers and body are separate writes; with Nagle's algorithm on, each kept-alive
        # response's body waited for the client's delayed ACK (about 40 ms a request).
        self.put("/store/fast/release.parley", b"x" * 1100)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        self.addCleanup(conn.close)
        start = time.monotonic()
        for _ in range(25):
            conn.request("GET", "/store/fast/release.parley")
            resp = conn.getresponse()
            self.assertEqual(len(resp.read()), 1100)
        self.assertLess(time.monotonic() - start, 0.5)  # about 1 s with the delay

    def test_other_methods_are_405(self):
        self.put("/store/meth/release.parley", b"x")
        for method in ("DELETE", "POST", "PATCH"):
            with self.subTest(method=method):
                resp = self.request(method, "/store/meth/release.parley", b"")
                self.assertJsonError(resp, 405, "method-not-allowed")
                self.assertIn("PUT", resp[1]["Allow"])
        self.assertEqual(self.request("GET", "/store/meth/release.parley")[2], b"x")

    def test_options_without_cors_config_has_no_cors_headers(self):
        status, headers, _ = self.request("OPTIONS", "/store/c/a",
                                          headers={"Origin": "http://evil.example",
                                                   "Access-Control-Request-Method": "PUT"})
        self.assertIn(status, (204, 405))
        self.assertIsNone(headers["Access-Control-Allow-Origin"])
        _, headers, _ = self.request("GET", "/store/c/", headers={"Origin": "http://evil.example"})
        self.assertIsNone(headers["Access-Control-Allow-Origin"])

    def test_concurrent_identical_puts(self):
        path = envelope_path("race-same", b"identical")
        statuses = self.race(path, [b"identical"] * 16)
        self.assertEqual(sorted(s for s, _ in statuses), [200] * 15 + [201])
        self.assertEqual(self.request("GET", path)[2], b"identical")
        self.assertEqual(self.stored_files("race-same"), [envelope_name(b"identical")])

    def test_concurrent_different_puts(self):
        bodies = [f"body number {i}".encode() for i in range(16)]
        statuses = self.race("/store/race-diff/release.parley", bodies)
        self.assertEqual(sorted(s for s, _ in statuses), [201] + [409] * 15)
        winner = next(body for status, body in statuses if status == 201)
        self.assertEqual(self.request("GET", "/store/race-diff/release.parley")[2], winner)
        self.assertEqual(self.stored_files("race-diff"), ["release.parley"])

    def test_listing(self):
        objects = [(envelope_name(b"22"), b"22"), (envelope_name(b"1"), b"1"),
                   ("invitations.parley", b"333"), ("release.parley", b"4444")]
        for name, body in objects:
            self.assertEqual(self.put(f"/store/list/{name}", body)[0], 201)
        folder = os.path.join(self.server.data, "list")
        with open(os.path.join(folder, ".tmp-leftover"), "wb") as f:
            f.write(b"partial")
        os.mkdir(os.path.join(folder, "subdir"))
        status, headers, body = self.request("GET", "/store/list/")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/json")
        listing = json.loads(body)
        self.assertEqual(listing, {"campaign": "list", "objects": sorted(
            ({"name": name, "size": len(body)} for name, body in objects),
            key=lambda o: o["name"])})
        self.assertNotIn(b"time", body)

    def test_listing_unknown_campaign_and_redirect(self):
        status, _, body = self.request("GET", "/store/never-used/")
        self.assertEqual((status, json.loads(body)), (200, {"campaign": "never-used",
                                                            "objects": []}))
        status, headers, _ = self.request("GET", "/store/never-used")
        self.assertEqual(status, 301)
        self.assertEqual(headers["Location"], "/store/never-used/")

    def test_stored_times_are_midnight_utc(self):
        self.assertEqual(self.put(envelope_path("mtime", b"when?"), b"when?")[0], 201)
        self.assertEqual(self.put("/store/mtime/invitations.parley", b"1")[0], 201)
        self.assertEqual(self.put("/store/mtime/invitations.parley", b"2")[0], 200)
        now = time.time()
        for path in (os.path.join(self.server.data, "mtime", envelope_name(b"when?")),
                     os.path.join(self.server.data, "mtime", "invitations.parley"),
                     os.path.join(self.server.data, "mtime"), self.server.data):
            with self.subTest(path=path):
                mtime = os.stat(path).st_mtime
                self.assertEqual(mtime % 86400, 0)
                self.assertLessEqual(now - 86400, mtime)
                self.assertLessEqual(mtime, now)


class QuotaTest(ServerTestCase):
    server_args = ("--max-objects", "3", "--max-bytes", "1000")

    def test_most_envelopes_per_campaign(self):
        bodies = [b"envelope %d" % i for i in range(4)]
        for body in bodies[:3]:
            self.assertEqual(self.put(envelope_path("count", body), body)[0], 201)
        refused = self.put(envelope_path("count", bodies[3]), bodies[3])
        self.assertJsonError(refused, 507, "campaign-full")
        self.assertIn("--max-objects 3", json.loads(refused[2])["message"])
        self.assertEqual(self.request("GET", envelope_path("count", bodies[3]))[0], 404)
        self.assertEqual(self.put(envelope_path("count", bodies[0]), bodies[0])[0], 200)  # retry
        # The trustee's objects are not counted: a full campaign can still be released.
        self.assertEqual(self.put("/store/count/invitations.parley", b"5")[0], 201)
        self.assertEqual(self.put("/store/count/release.parley", b"r" * 2000)[0], 201)
        self.assertEqual(len(json.loads(self.request("GET", "/store/count/")[2])["objects"]), 5)
        self.assertEqual(self.put(envelope_path("other", bodies[3]), bodies[3])[0], 201)

    def test_reply_bundles_count_in_the_quota(self):
        bundle = "/store/rq/replies-2026-03-14-0-{}.parley"
        self.assertEqual(self.put(bundle.format(0), b"r" * 500)[0], 201)
        self.assertEqual(self.put(envelope_path("rq", b"e" * 400), b"e" * 400)[0], 201)
        refused = self.put(bundle.format(1), b"r" * 101)  # 1001 bytes together
        self.assertJsonError(refused, 507, "campaign-full")
        self.assertIn("--max-bytes 1000", json.loads(refused[2])["message"])
        self.assertIn("reply bundles", json.loads(refused[2])["message"])
        self.assertEqual(self.put(bundle.format(1), b"r" * 100)[0], 201)  # exactly 1000
        refused = self.put(envelope_path("rq", b"x"), b"x")  # a fourth object
        self.assertJsonError(refused, 507, "campaign-full")
        self.assertIn("--max-objects 3", json.loads(refused[2])["message"])
        self.assertJsonError(self.put(bundle.format(2), b"y"), 507, "campaign-full")
        self.assertEqual(self.put(bundle.format(0), b"r" * 500)[0], 200)  # a retry adds nothing
        self.assertJsonError(self.put(bundle.format(0), b"s" * 500), 409, "conflict")
        self.assertEqual(self.put("/store/rq/release.parley", b"r" * 2000)[0], 201)

    def test_most_bytes_per_campaign(self):
        first, second, third = b"a" * 600, b"b" * 401, b"c" * 400
        self.assertEqual(self.put(envelope_path("bytes", first), first)[0], 201)
        refused = self.put(envelope_path("bytes", second), second)
        self.assertJsonError(refused, 507, "campaign-full")
        self.assertIn("--max-bytes 1000", json.loads(refused[2])["message"])
        self.assertEqual(self.put(envelope_path("bytes", third), third)[0], 201)  # exactly 1000

    def test_full_campaign_refuses_before_the_body(self):
        for body in (b"x", b"y", b"z"):
            self.assertEqual(self.put(envelope_path("early", body), body)[0], 201)
        resp, body, sock = self.server.raw(
            f"PUT {envelope_path('early', b'w')} HTTP/1.1\r\nHost: x\r\n"
            "Content-Length: 1\r\n\r\n".encode())
        with sock:
            self.assertEqual((resp.status, json.loads(body)["error"]), (507, "campaign-full"))

    def test_concurrent_envelopes_never_exceed_the_quota(self):
        bodies = [b"racing envelope %d" % i for i in range(12)]
        statuses = self.race([envelope_path("race", b) for b in bodies], bodies)
        self.assertEqual(sorted(s for s, _ in statuses), [201] * 3 + [507] * 9)
        self.assertEqual(len(os.listdir(os.path.join(self.server.data, "race"))), 3)


class SlowClientTest(ServerTestCase):
    """Each request has one deadline for all of it, so trickling clients are cut off in time."""

    server_args = ("--request-timeout", "3", "--quiet")

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        self.addCleanup(sock.close)
        return sock

    def test_500_trickling_clients_neither_block_others_nor_stay(self):
        starts = [b"", b"G", b"GET /app.js HTTP/1.1\r\nHost: x\r\nX-Slow: ",
                  f"PUT {envelope_path('slow', b'x')} HTTP/1.1\r\nHost: x\r\n"
                  "Content-Length: 100000\r\n\r\n".encode()]
        clients = {}
        for i in range(500):  # idle, or trickling a request line, a header or a body
            sock = self.connect()
            sock.sendall(starts[i % 4])
            clients[sock] = i % 4 != 0
        body = b"an answer sent while 500 clients trickle"
        self.assertEqual(self.put(envelope_path("busy", body), body)[0], 201)
        self.assertEqual(self.request("GET", envelope_path("busy", body))[:3:2], (200, body))
        # They keep trickling, a byte every half second at most, and every one is cut off: by
        # a 408 or a hang-up. A per-read timeout would keep them forever.
        selector = selectors.DefaultSelector()
        self.addCleanup(selector.close)
        for sock in clients:
            selector.register(sock, selectors.EVENT_READ)
        give_up = time.monotonic() + 120
        while clients and time.monotonic() < give_up:
            for sock, trickling in list(clients.items()):
                try:
                    if trickling:
                        sock.send(b"a")
                except OSError:
                    selector.unregister(sock)
                    del clients[sock]
            for key, _ in selector.select(0.5):
                selector.unregister(key.fileobj)
                del clients[key.fileobj]
        self.assertEqual(len(clients), 0, "slow clients still connected after 120 s")

    def test_late_request_is_answered_408(self):
        for start in (b"GET /app.js HTT",
                      b"PUT /store/late/release.parley HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: 10\r\n\r\nabc"):
            with self.subTest(start=start):
                sock = self.connect()
                sock.sendall(start)  # and nothing more
                resp = http.client.HTTPResponse(sock)
                resp.begin()
                self.assertEqual(resp.status, 408)
                self.assertEqual(resp.headers["Connection"], "close")
                self.assertEqual(resp.headers["Cross-Origin-Opener-Policy"], "same-origin")
                self.assertIn(b"send it again", resp.read())
                self.assertEqual(sock.recv(1), b"")
        self.assertEqual(self.request("GET", "/store/late/release.parley")[0], 404)

    def test_request_after_an_idle_wait_gets_the_whole_deadline(self):
        # Kept-alive connections wait between requests: the deadline starts at the first byte.
        sock = self.connect()
        time.sleep(2)
        sock.sendall(b"GET /app.js HTTP/1.1\r\n")
        time.sleep(1.5)  # 3.5 s after connecting, 1.5 s into the request
        sock.sendall(b"Host: x\r\n\r\n")
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        self.assertEqual((resp.status, resp.read()), (200, WEB_FILES["app.js"]))

    def test_slow_but_steady_upload_completes(self):
        # 100 kB in five parts a second apart: longer than --request-timeout 3, but far above
        # the least rate, so the deadline grows with the bytes received.
        body = os.urandom(100000)
        sock = self.connect()
        sock.sendall(f"PUT {envelope_path('steady', body)} HTTP/1.1\r\nHost: x\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode())
        for i in range(5):
            time.sleep(1)
            sock.sendall(body[i * 20000:(i + 1) * 20000])
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        self.assertEqual(resp.status, 201, resp.read())
        self.assertEqual(self.request("GET", envelope_path("steady", body))[2], body)


class ConnectionCapTest(ServerTestCase):
    server_args = ("--max-connections", "4", "--request-timeout", "60")

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=20)
        self.addCleanup(sock.close)
        return sock

    def test_connections_over_the_cap_are_refused_until_one_ends(self):
        held = [self.connect() for _ in range(4)]  # each holds a thread, waiting for a request
        resp = http.client.HTTPResponse(self.connect())
        resp.begin()  # the fifth is answered at once, by the accepting thread
        self.assertEqual(resp.status, 503)
        self.assertEqual(resp.headers["Connection"], "close")
        self.assertEqual(resp.headers["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertIn(b"--max-connections", resp.read())
        held[0].sendall(b"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
        resp = http.client.HTTPResponse(held[0])
        resp.begin()
        self.assertEqual((resp.status, resp.read()), (200, WEB_FILES["app.js"]))
        held[0].close()  # frees its thread, and so a place for another connection
        give_up, status = time.monotonic() + 20, None
        while status != 200 and time.monotonic() < give_up:
            try:
                status = self.request("GET", "/app.js")[0]
            except (OSError, http.client.HTTPException):
                pass  # refused while the server had not yet seen the close
        self.assertEqual(status, 200)


class DefaultLimitsTest(ServerTestCase):
    """Without options: envelopes up to the largest Parley writes, releases up to 256 MiB."""

    def head_only(self, path, length, expect=False):
        """Sends a PUT's headers only; returns the first answer's status and JSON body."""
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        self.addCleanup(sock.close)
        sock.sendall(f"PUT {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n".encode()
                     + (b"Expect: 100-continue\r\n" if expect else b"") + b"\r\n")
        reader = sock.makefile("rb")
        self.addCleanup(reader.close)
        status = int(reader.readline().split()[1])  # HTTPResponse would skip a 100 Continue
        if status == 100:
            return status, None
        headers = http.client.parse_headers(reader)
        return status, json.loads(reader.read(int(headers["Content-Length"])))

    def test_largest_envelope(self):
        # Format version 2: 8 + 16 stanzas of 80 + 24 + the 131072-byte bucket + 16 = 132400.
        largest = os.urandom(132400)
        self.assertEqual(self.put(envelope_path("lim", largest), largest)[0], 201)
        status, body = self.head_only(envelope_path("lim", b"x"), 132401)
        self.assertEqual((status, body["error"]), (413, "too-large"))
        self.assertIn("132400", body["message"])

    def test_largest_reply_bundle(self):
        # 16 + 1 + 95 + 1 + 1024 * 4136 bytes, whatever --max-blob and --max-release say.
        path = "/store/lim/replies-2026-03-14-0-0.parley"
        largest = os.urandom(MAX_REPLIES_BUNDLE)
        self.assertEqual(self.put(path, largest)[0], 201)
        self.assertEqual(self.request("GET", path)[2], largest)
        over = "/store/lim/replies-2026-03-14-0-1.parley"
        status, body = self.head_only(over, MAX_REPLIES_BUNDLE + 1)
        self.assertEqual((status, body["error"]), (413, "too-large"))
        self.assertIn(str(MAX_REPLIES_BUNDLE), body["message"])
        self.assertEqual(self.request("GET", over)[0], 404)

    def test_largest_release(self):
        self.assertEqual(self.put("/store/lim/release.parley", b"r" * 200000)[0], 201)
        status, body = self.head_only("/store/lim2/release.parley", 256 * 1024 * 1024 + 1)
        self.assertEqual((status, body["error"]), (413, "too-large"))
        self.assertIn("--max-release", body["message"])
        # Exactly 256 MiB passes the checks: the server asks for the body.
        self.assertEqual(self.head_only("/store/lim2/release.parley", 256 * 1024 * 1024,
                                        expect=True)[0], 100)


class ReleaseLimitTest(ServerTestCase):
    server_args = ("--max-release", "300000")

    def test_max_release_is_configurable(self):
        self.assertJsonError(self.put("/store/rl/release.parley", b"r" * 300001), 413, "too-large")
        self.assertEqual(self.put("/store/rl/release.parley", b"r" * 300000)[0], 201)
        # A reply bundle keeps its own limit.
        self.assertEqual(self.put("/store/rl/replies-2026-03-14-0-0.parley", b"b" * 300001)[0], 201)


class RepliesNameTest(unittest.TestCase):
    """serve.py's expression for reply bundle names against the rule itself, for every day."""

    @classmethod
    def setUpClass(cls):
        spec = importlib.util.spec_from_file_location("serve_under_test", SERVE)
        cls.serve = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.serve)  # definitions only: main() runs under __main__

    def test_every_day_month_and_number(self):
        pattern = self.serve.REPLIES_NAME_RE
        day, last = datetime.date(1999, 12, 1), datetime.date(2404, 3, 31)
        while day <= last:  # every real day, and every impossible day of each month
            for d in (day.day, 0, 29, 30, 31, 32):
                if d == day.day or day.day == 1:
                    name = f"replies-{day.year:04d}-{day.month:02d}-{d:02d}-0-0.parley"
                    self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
            day += datetime.timedelta(days=1)
        for year in (2000, 2024, 2096, 2100, 2200, 2300, 2400, 2800, 3000, 9996, 9999):
            for month in range(0, 14):
                name = f"replies-{year}-{month:02d}-29-0-0.parley"
                self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
        for m in range(0, 120):
            for s in ("0", "00", "01", "7", "07", "10", "99", "100", str(m)):
                name = f"replies-2026-03-14-{m}-{s}.parley"
                self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
            name = f"replies-2026-03-14-0{m}-0.parley"
            self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
        for name in VALID_REPLIES_NAMES + INVALID_REPLIES_NAMES:
            self.assertEqual(bool(pattern.fullmatch(name)), name in VALID_REPLIES_NAMES, name)
            self.assertTrue(not self.serve.NAME_RE.fullmatch(name) or self.serve.writable_kind(name)
                            in (None, "replies"), name)

    def test_largest_bundle(self):
        self.assertEqual(self.serve.MAX_REPLIES_BUNDLE, MAX_REPLIES_BUNDLE)
        self.assertEqual(self.serve.MAX_REPLIES_HEADER, len(LONGEST_REPLIES_HEADER))


class DataFolderSymlinkTest(ServerTestCase):
    """A symlink planted in the data folder is neither read, listed nor written through."""

    def outside(self, name, content=SECRET):
        path = os.path.join(self.server.tmp, name)
        with open(path, "wb") as f:
            f.write(content)
        return path

    def test_symlinked_object(self):
        body = b"an envelope sent by someone"
        name = envelope_name(body)
        target = self.outside("target.txt")
        folder = os.path.join(self.server.data, "planted")
        os.makedirs(folder)
        os.symlink(target, os.path.join(folder, name))
        os.mkfifo(os.path.join(folder, "fifo.parley"))  # open() without O_NONBLOCK would hang
        for path in (f"/store/planted/{name}", "/store/planted/fifo.parley"):
            with self.subTest(path=path):
                self.assertJsonError(self.request("GET", path), 404, "not-found")
                self.assertEqual(self.request("HEAD", path)[0], 404)
        status, _, listing = self.request("GET", "/store/planted/")
        self.assertEqual((status, json.loads(listing)["objects"]), (200, []))
        self.assertJsonError(self.put(f"/store/planted/{name}", body), 409, "conflict")
        with open(target, "rb") as f:
            self.assertEqual(f.read(), SECRET)
        self.assertTrue(os.path.islink(os.path.join(folder, name)))

    def test_symlinked_campaign_folder(self):
        body = b"another envelope"
        elsewhere = os.path.join(self.server.tmp, "elsewhere")
        os.mkdir(elsewhere)
        with open(os.path.join(elsewhere, envelope_name(SECRET)), "wb") as f:
            f.write(SECRET)
        os.symlink(elsewhere, os.path.join(self.server.data, "linked"))
        status, _, body_read = self.request("GET", f"/store/linked/{envelope_name(SECRET)}")
        self.assertEqual(status, 404)
        self.assertNotIn(SECRET, body_read)
        status, _, listing = self.request("GET", "/store/linked/")
        self.assertEqual((status, json.loads(listing)["objects"]), (200, []))
        self.assertJsonError(self.put(f"/store/linked/{envelope_name(body)}", body), 500,
                             "storage-failed")
        self.assertEqual(os.listdir(elsewhere), [envelope_name(SECRET)])
        self.assertEqual(os.listdir(self.server.data), ["linked"])  # no temp file left behind


class LoggingTest(ServerTestCase):
    def test_logs_hold_no_client_address_nor_object_names(self):
        self.put("/store/logged/release.parley", b"x")
        self.request("GET", "/store/logged/release.parley")
        self.request("GET", "/store/logged/secret-object-name.bin")
        self.request("GET", "/store/logged/")
        self.request("GET", "/app.js?token=secret-query")
        self.request("GET", "/store/Bad/secret-object-name")
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            sock.sendall(b"GARBAGE\r\n\r\n")
            self.assertIn(b"400", sock.recv(4096))
        lines = self.server.log_after_startup()
        self.assertIn("PUT /store/logged/ 201", lines)
        self.assertIn("GET /store/logged/ 200", lines)
        self.assertIn("GET /app.js 200", lines)
        for line in lines:
            with self.subTest(line=line):
                self.assertNotIn("127.0.0.1", line)
                self.assertNotIn("localhost", line)
                self.assertNotIn("secret", line)
                self.assertRegex(line, r"^(?:[A-Z]+|-) \S+ \d{3}$")  # no time, no address



class LogEscapingTest(ServerTestCase):
    def test_client_text_is_escaped_in_every_log_field(self):
        # ESC, BEL, DEL, a C1 CSI and a backslash in the method and the path: none may reach a
        # terminal that shows the log, nor forge a second line.
        for raw in (b"G\x1b[2JET\x07 /app.js HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /x\x1b]0;pwned\x07\x7f\x9b\\y HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"P\x9bUT /store/c\x1b/a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"):
            with self.subTest(raw=raw):
                resp, _, sock = self.server.raw(raw)
                sock.close()
                self.assertIn(resp.status, (400, 404, 501))
        lines = self.server.log_after_startup()
        self.assertIn("G\\x1b[2JET\\x07 /app.js 501", lines)
        self.assertIn("GET /x\\x1b]0;pwned\\x07\\x7f\\x9b\\x5cy 400", lines)
        self.assertIn("P\\x9bUT /store/ 501", lines)
        for line in lines:
            with self.subTest(line=line):
                self.assertRegex(line, r"^[\x20-\x7e]*$")


class QuietTest(ServerTestCase):
    server_args = ("--quiet",)

    def test_quiet_logs_nothing_per_request(self):
        self.assertEqual(self.put(envelope_path("quiet", b"x"), b"x")[0], 201)
        self.assertEqual(self.server.log_after_startup(), [])


class FailPutsTest(ServerTestCase):
    server_args = ("--fail-puts", "2")

    def test_first_puts_fail_without_storing(self):
        path = "/store/flaky/release.parley"
        self.assertJsonError(self.put(path, b"first"), 503, "unavailable")
        self.assertJsonError(self.put(path, b"second"), 503, "unavailable")
        self.assertEqual(self.request("GET", path)[0], 404)
        status, _, body = self.put(path, b"third")
        self.assertEqual((status, json.loads(body)), (201, {"status": "stored"}))
        self.assertEqual(self.request("GET", path)[2], b"third")
        self.assertEqual(os.listdir(os.path.join(self.server.data, "flaky")), ["release.parley"])
        self.assertEqual(self.put(envelope_path("flaky", b"fourth"), b"fourth")[0], 201)


class CorsTest(ServerTestCase):
    origin = "http://127.0.0.1:8001"
    server_args = ("--cors-origin", origin, "--connect-src", "https://storage.example")

    def test_preflight_from_configured_origin(self):
        status, headers, body = self.request("OPTIONS", "/store/cors/a", headers={
            "Origin": self.origin, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type"})
        self.assertEqual((status, body), (204, b""))
        self.assertEqual(headers["Access-Control-Allow-Origin"], self.origin)
        self.assertIn("PUT", headers["Access-Control-Allow-Methods"])
        self.assertIn("Content-Type", headers["Access-Control-Allow-Headers"])
        self.assertEqual(headers["Access-Control-Max-Age"], "600")
        self.assertIn("Origin", headers["Vary"])

    def test_configured_origin_can_put_and_read(self):
        status, headers, _ = self.put(envelope_path("cors", b"x"), b"x", {"Origin": self.origin})
        self.assertEqual(status, 201)
        self.assertEqual(headers["Access-Control-Allow-Origin"], self.origin)
        self.assertIn("ETag", headers["Access-Control-Expose-Headers"])
        _, headers, _ = self.request("GET", "/store/cors/", headers={"Origin": self.origin})
        self.assertEqual(headers["Access-Control-Allow-Origin"], self.origin)

    def test_other_origins_get_no_cors_headers(self):
        for origin in ("http://evil.example", "http://127.0.0.1:8002", "null"):
            with self.subTest(origin=origin):
                status, headers, _ = self.request("OPTIONS", "/store/cors/a", headers={
                    "Origin": origin, "Access-Control-Request-Method": "PUT"})
                self.assertIn(status, (204, 405))
                self.assertIsNone(headers["Access-Control-Allow-Origin"])
                self.assertIsNone(headers["Access-Control-Allow-Methods"])
                _, headers, _ = self.request("GET", "/store/cors/", headers={"Origin": origin})
                self.assertIsNone(headers["Access-Control-Allow-Origin"])

    def test_connect_src_extends_csp(self):
        _, headers, _ = self.request("GET", "/")
        self.assertIn("connect-src 'self' https://storage.example;",
                      headers["Content-Security-Policy"])


SITE_DIR = tempfile.mkdtemp(prefix="parley-serve-site-")
atexit.register(shutil.rmtree, SITE_DIR, True)
SITE_FILE = os.path.join(SITE_DIR, "parley-site.json")
SITE_BODY = json.dumps({"v": 1, "signers": [{"label": "People team", "key": "parley-s1-" + "a" * 52}],
                        "storage": ["https://store.example.org", "http://127.0.0.1:9000"]}).encode()
with open(SITE_FILE, "wb") as _f:
    _f.write(SITE_BODY)


class SiteFileTest(ServerTestCase):
    """--site FILE: the app fetches /parley-site.json and trusts what it lists; the page may
    connect to the listed storage and nowhere else."""
    server_args = ("--site", SITE_FILE)
    web_files = {**WEB_FILES, "parley-site.json": b'{"from":"the web root"}'}

    def test_the_site_file_is_served_from_site_never_from_the_web_root(self):
        status, headers, body = self.request("GET", "/parley-site.json")
        self.assertEqual((status, body), (200, SITE_BODY))
        self.assertEqual(headers["Content-Type"], "application/json")

    def test_the_csp_connects_to_exactly_the_listed_storage(self):
        _, headers, _ = self.request("GET", "/")
        directives = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
        self.assertEqual(directives["connect-src"].split(),
                         ["'self'", "https://store.example.org", "http://127.0.0.1:9000"])


class NoSiteFileTest(ServerTestCase):
    web_files = {**WEB_FILES, "parley-site.json": b'{"from":"the web root"}'}

    def test_without_site_there_is_no_site_file(self):
        # A file left in the build folder must not pin (or unpin) anything by accident.
        self.assertEqual(self.request("GET", "/parley-site.json")[:3:2], (204, b""))


class CommandLineTest(unittest.TestCase):
    def run_serve(self, *args, script=SERVE):
        return subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                              timeout=20, stdin=subprocess.DEVNULL)

    def fake_repo(self, build_script=None):
        """A copy of serve.py in a temporary repository, optionally with a tools/build."""
        repo = tempfile.mkdtemp(prefix="parley-serve-repo-")
        self.addCleanup(shutil.rmtree, repo, True)
        shutil.copy(SERVE, repo)
        if build_script is not None:
            os.mkdir(os.path.join(repo, "tools"))
            path = os.path.join(repo, "tools", "build")
            with open(path, "w") as f:
                f.write(build_script)
            os.chmod(path, 0o755)
        return os.path.join(repo, "serve.py")

    def test_help(self):
        result = self.run_serve("--help")
        self.assertEqual(result.returncode, 0)
        for option in ("--bind", "--port", "--data", "--web-root", "--max-blob", "--max-release",
                       "--max-objects", "--max-bytes", "--max-connections",
                       "--request-timeout", "--cors-origin", "--connect-src", "--site",
                       "--no-build", "--fail-puts", "--quiet"):
            self.assertIn(option, result.stdout)
        self.assertIn("testing", result.stdout)
        self.assertIn("replies-DAY-M-S.parley", result.stdout)

    def test_bad_options_are_refused(self):
        for args in (["--cors-origin", "evil"], ["--connect-src", "x; script-src *"],
                     ["--port", "-1"], ["--fail-puts", "many"], ["--max-objects", "0"],
                     ["--max-bytes", "-5"], ["--max-release", "lots"],
                     ["--max-connections", "0"], ["--request-timeout", "0"],
                     ["--site", "/nonexistent/parley-site.json"], ["--site", SERVE]):
            with self.subTest(args=args):
                self.assertEqual(self.run_serve("--no-build", *args).returncode, 2)

    def test_missing_build_script(self):
        script = self.fake_repo()
        result = self.run_serve("--port", "0", script=script)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("tools/build", result.stderr)
        self.assertNotIn("Parley serving", result.stdout)

    def test_failing_build_exits_with_its_code(self):
        script = self.fake_repo("#!/bin/sh\necho building $1\nexit 3\n")
        result = self.run_serve("--port", "0", script=script)
        self.assertEqual(result.returncode, 3)
        self.assertIn("building web", result.stdout)
        self.assertIn("failed", result.stderr)
        self.assertNotIn("Parley serving", result.stdout)

    def test_build_then_serve_then_stop_cleanly(self):
        script = self.fake_repo("#!/bin/sh\n[ \"$1\" = web ] || exit 9\necho build done\n")
        server = Server(script=script, build=True)
        self.addCleanup(server.stop)
        self.assertIn("build done", server.lines)
        self.assertEqual(server.request("GET", "/app.wasm")[2], WASM)
        m = STARTUP_RE.match(server.lines[server.startup_index])
        self.assertEqual(m.group(1), "127.0.0.1")
        self.assertEqual(m.group(3), server.data)
        self.assertEqual(int(m.group(4)), server.proc.pid)
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.wait_exit(), 0)

    def test_sigint_stops_cleanly(self):
        server = Server()
        self.addCleanup(server.stop)
        server.proc.send_signal(signal.SIGINT)
        self.assertEqual(server.wait_exit(), 0)
        self.assertNotIn("Traceback", "\n".join(server.lines))


if __name__ == "__main__":
    unittest.main()
