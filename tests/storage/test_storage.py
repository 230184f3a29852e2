#!/usr/bin/env python3
"""Storage smoke tests against real servers: nginx WebDAV, Ceph radosgw (S3) and serve.py.

The servers start once for the module (tests/storage/servers.py, ~20 s for Ceph) and stop at
the end, also when a test fails. Every S3 signature is computed by the native CLI
(`parley store ...`), never here. The CLI's own round trip is checked against both: `parley seal
--put` uploads as the app does (PUT to nginx, the POST policy form to radosgw) and `parley
aggregate` without a source reads the campaign's storage from its manifest; refusals are
explained with a non-zero exit code, and a hostile storage's error text reaches the terminal
without control characters. The load test uploads 2,000 real envelopes, 16 at a time, to
each endpoint, then lists, fetches, opens and aggregates them with the CLI and asserts every one
was opened exactly once; the throughput figures are printed, not asserted.

    python3 -m unittest discover -s tests/storage -t . -v     # from the repository root
"""

import collections
import concurrent.futures
import datetime
import hashlib
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import servers  # noqa: E402

ORIGIN = "http://127.0.0.1:8000"  # the app's origin, as CORS sees it
OTHER_ORIGIN = "http://127.0.0.1:9999"
LOAD_COUNT = 2000
LOAD_CONCURRENCY = 16
POLICY_MAX_BYTES = 4096

NGINX = NGINX_INBOX = CEPH = None
LOAD_FIGURES = []

# The largest reply bundle (docs/FORMAT.md, "Replies"): "PARLEY-REPLIES/2" LF, the longest
# canonical header LF, and 1024 records of a 24-byte nonce, 4096 padded bytes and a 16-byte tag.
LONGEST_REPLIES_HEADER = json.dumps({"campaign": "a" * 26, "day": "2026-12-31", "mediator": 15,
                                     "records": 1024, "v": 2}, separators=(",", ":"))
MAX_REPLIES_BUNDLE = 16 + 1 + len(LONGEST_REPLIES_HEADER) + 1 + 1024 * (24 + 4096 + 16)
assert MAX_REPLIES_BUNDLE == 4235377
VALID_REPLIES_NAMES = [
    "replies-2026-03-14-0-0.parley", "replies-2000-01-01-15-99.parley", "replies-9999-12-31-9-10.parley",
    "replies-2000-02-29-1-0.parley", "replies-2024-02-29-10-5.parley", "replies-2400-02-29-0-1.parley",
    "replies-2026-04-30-3-42.parley", "replies-2026-02-28-0-0.parley",
]
INVALID_REPLIES_NAMES = [
    "replies-2026-13-01-0-0.parley", "replies-2026-00-10-0-0.parley", "replies-2026-01-00-0-0.parley",
    "replies-2026-01-32-0-0.parley", "replies-2026-04-31-0-0.parley", "replies-2026-02-29-0-0.parley",
    "replies-2100-02-29-0-0.parley", "replies-2026-02-30-0-0.parley", "replies-1999-12-31-0-0.parley",
    "replies-0226-01-01-0-0.parley", "replies-2026-1-01-0-0.parley", "replies-20260101-0-0.parley",
    "replies-2026-01-01-16-0.parley", "replies-2026-01-01-0-100.parley", "replies-2026-01-01-00-0.parley",
    "replies-2026-01-01-0-00.parley", "replies-2026-01-01-01-1.parley", "replies-2026-01-01-1-07.parley",
    "replies-2026-01-01-0.parley", "replies-2026-01-01-0-0-0.parley", "replies-2026-01-01--1-0.parley",
    "replies-2026-01-01-0-0.json", "replies-2026-01-01-0-0", "Replies-2026-01-01-0-0.parley",
    "replies-2026-01-01-0-0.PARLEY", "replies-2026-01-01-a-0.parley", "replies_2026-01-01-0-0.parley",
    "replies.parley", "replies-2026-01-01-0-0.parley.html",
]


def is_replies_name(name):
    """The rule of docs/FORMAT.md, written without a regular expression over days."""
    m = re.fullmatch(r"replies-([0-9]{4})-([0-9]{2})-([0-9]{2})-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)\.parley", name)
    if not m:
        return False
    try:
        day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return day.year >= 2000 and int(m[4]) <= 15 and int(m[5]) <= 99


def setUpModule():
    global NGINX, NGINX_INBOX, CEPH
    servers.require_servers()
    servers.find_parley()
    servers.install_signal_handlers()
    try:  # tearDownModule does not run when this raises: stop what did start
        NGINX = servers.Nginx(ORIGIN, max_bytes=POLICY_MAX_BYTES * 64).start()
        NGINX_INBOX = servers.Nginx(ORIGIN, inbox_only=True).start()
        CEPH = servers.Ceph(ORIGIN).start()
        sys.stderr.write(f"\n[storage] nginx at {NGINX.url}, radosgw at {CEPH.endpoint} "
                         f"(Ceph up in {CEPH.startup_seconds:.1f} s)\n")
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    for server in (CEPH, NGINX_INBOX, NGINX):
        if server is not None:
            server.stop()
    if LOAD_FIGURES:
        sys.stderr.write("\n[storage] load: " + "; ".join(LOAD_FIGURES) + "\n")


# --- helpers ---------------------------------------------------------------------------------

def blob(size):
    data = os.urandom(size)
    return hashlib.blake2b(data, digest_size=16).hexdigest() + ".parley", data


def request(method, url, body=None, headers=None, timeout=30):
    """One request on a fresh connection; the path is sent exactly as written."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.request(method, u.path + (f"?{u.query}" if u.query else ""), body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def cli(*args, env=None):
    """Runs `parley store ...`; returns (exit code, stdout bytes, stderr text)."""
    r = subprocess.run([servers.find_parley(), "store", *args], capture_output=True, timeout=60,
                       env=env, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr.decode(errors="replace")


def form(fields, key, data):
    """multipart/form-data for an S3 POST upload: key, the policy fields, then the file."""
    boundary = uuid.uuid4().hex
    parts = [("key", key)] + list(fields.items())
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                    for name, value in parts)
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="envelope"\r\n'
             f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def utc_day(offset_days=0):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=offset_days)).strftime("%Y-%m-%d")


def amz_date(offset_days=0):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=offset_days)).strftime("%Y%m%dT%H%M%SZ")


def post_policy(prefix, max_bytes=POLICY_MAX_BYTES, expires=None, now=None, secret_file=None):
    args = ["s3-post-policy", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", prefix,
            "--region", CEPH.region, "--max-bytes", str(max_bytes), "--expires", expires or utc_day(30),
            "--secret-key-file", secret_file or CEPH.secret_file]
    if now:
        args += ["--now", now]
    code, out, err = cli(*args, env=CEPH.cli_env())
    if code != 0:
        raise AssertionError(f"s3-post-policy failed ({code}): {err}")
    return json.loads(out)


def post_upload(policy, key, data, fields=None, origin=None):
    body, content_type = form(fields if fields is not None else policy["fields"], key, data)
    headers = {"Content-Type": content_type}
    if origin:
        headers["Origin"] = origin
    return request("POST", policy["action"], body, headers)


def s3_code(body):
    m = re.search(rb"<Code>([^<]*)</Code>", body)
    return m.group(1).decode() if m else ""


# --- nginx WebDAV ----------------------------------------------------------------------------

class NginxWebDav(unittest.TestCase):
    def test_put_then_list_and_get(self):
        name, data = blob(1500)
        status, headers, _ = request("PUT", f"{NGINX.url}camp-a/{name}", data,
                                     {"Content-Type": "application/octet-stream", "Origin": ORIGIN})
        self.assertEqual(status, 201)
        self.assertEqual(headers.get("access-control-allow-origin"), ORIGIN)
        status, headers, body = request("GET", f"{NGINX.url}camp-a/")
        self.assertEqual(status, 200)
        listing = json.loads(body)
        self.assertIn({"name": name, "type": "file", "size": len(data)},
                      [{k: e[k] for k in ("name", "type", "size")} for e in listing])
        status, _, body = request("GET", f"{NGINX.url}camp-a/{name}")
        self.assertEqual((status, body), (200, data))
        self.assertTrue(os.path.isfile(os.path.join(NGINX.data, "camp-a", name)))

    def test_cors_preflight_answers_the_app_origin(self):
        status, headers, _ = request("OPTIONS", f"{NGINX.url}camp-a/{'a' * 32}.parley", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type"})
        self.assertEqual(status, 204)
        self.assertEqual(headers.get("access-control-allow-origin"), ORIGIN)
        self.assertIn("PUT", headers.get("access-control-allow-methods", ""))
        self.assertIn("content-type", headers.get("access-control-allow-headers", "").lower())
        self.assertEqual(headers.get("vary"), "Origin")
        # Only the app's origin is named; a browser on another origin gets no permission.
        status, headers, _ = request("OPTIONS", f"{NGINX.url}camp-a/{'a' * 32}.parley",
                                     headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "PUT"})
        self.assertNotEqual(headers.get("access-control-allow-origin"), OTHER_ORIGIN)

    def test_dot_dot_is_refused(self):
        secret = os.path.join(NGINX.folder, "outside.txt")
        with open(secret, "w") as f:
            f.write("NOT-FOR-CLIENTS")
        for path in ("/store/camp-a/../../outside.txt", "/store/../outside.txt", "/store/..%2F..%2Foutside.txt",
                     "/store/camp-a/..%2f..%2f..%2fetc/passwd", "/store/../../../../etc/passwd"):
            status, _, body = request("GET", f"http://127.0.0.1:{NGINX.port}{path}")
            self.assertIn(status, (400, 403, 404), path)
            self.assertNotIn(b"NOT-FOR-CLIENTS", body)
            self.assertNotIn(b"root:", body)
        for path in ("/store/../escaped.parley", "/store/camp-a/../../escaped.parley", "/store/..%2Fescaped.parley"):
            status, _, _ = request("PUT", f"http://127.0.0.1:{NGINX.port}{path}", b"x")
            self.assertIn(status, (400, 403, 404, 409), path)
        self.assertEqual([p for p in os.listdir(NGINX.folder) if "escaped" in p], [])
        self.assertFalse(os.path.exists(os.path.join(NGINX.folder, "nginx", "escaped.parley")))

    def test_oversize_and_other_methods_are_refused(self):
        status, _, _ = request("PUT", f"{NGINX.url}camp-a/{'0' * 32}.parley", b"x" * (NGINX.max_bytes + 1))
        self.assertEqual(status, 413)
        name, data = blob(100)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-a/{name}", data)[0], 201)
        for method in ("DELETE", "MKCOL", "MOVE", "COPY", "PROPFIND"):
            self.assertIn(request(method, f"{NGINX.url}camp-a/{name}")[0], (403, 405), method)
        self.assertEqual(request("GET", f"{NGINX.url}camp-a/{name}")[2], data)

    def test_only_parleys_own_names_can_be_written(self):
        # An index.html of "[]" would be served instead of the listing (readers saw "0 of 0" while
        # envelopes were stored), and x.html would be stored XSS on the storage's origin.
        name, data = blob(700)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-c/{name}", data)[0], 201)
        for other in ("index.html", "x.html", "x.svg", "X" * 32 + ".parley", "0" * 31 + ".parley", "a.parley",
                      f"{name}.html", "sub/" + name, ".parley-never-an-index"):
            self.assertEqual(request("PUT", f"{NGINX.url}camp-c/{other}", b"[]")[0], 404, other)
        self.assertEqual(sorted(os.listdir(os.path.join(NGINX.data, "camp-c"))), [name])
        status, headers, body = request("GET", f"{NGINX.url}camp-c/")
        self.assertEqual((status, headers.get("content-type")), (200, "application/json"))
        self.assertEqual([e["name"] for e in json.loads(body)], [name])
        # Folders outside one campaign level, and the store's root, are neither listed nor written.
        self.assertEqual(request("GET", NGINX.url)[0], 404)
        self.assertEqual(request("PUT", f"{NGINX.url}{name}", data)[0], 404)

    def test_stored_bytes_are_never_rendered(self):
        name, data = blob(900)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-c/{name}", data, {"Content-Type": "text/html"})[0], 201)
        status, headers, body = request("GET", f"{NGINX.url}camp-c/{name}")
        self.assertEqual((status, body), (200, data))
        self.assertEqual(headers.get("content-type"), "application/octet-stream")
        self.assertEqual(headers.get("x-content-type-options"), "nosniff")
        self.assertIn("default-src 'none'", headers.get("content-security-policy", ""))
        self.assertIn("sandbox", headers.get("content-security-policy", ""))

    def test_envelopes_are_never_replaced_and_the_release_is_written_once(self):
        name, data = blob(1200)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-d/{name}", data)[0], 201)
        # The name is the hash of the bytes: a retry is answered without writing, other bytes
        # under the same name change nothing.
        self.assertEqual(request("PUT", f"{NGINX.url}camp-d/{name}", data)[0], 204)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-d/{name}", b"[]")[0], 204)
        self.assertEqual(request("GET", f"{NGINX.url}camp-d/{name}")[2], data)
        # One release per campaign: a second PUT is refused and the first bytes stay.
        release = f"{NGINX.url}camp-d/release.parley"
        self.assertEqual(request("PUT", release, b"first")[0], 201)
        self.assertEqual(request("PUT", release, b"second")[0], 409)
        self.assertEqual(request("PUT", release, b"first")[0], 409)  # not even the same bytes again
        self.assertEqual(request("GET", release)[2], b"first")

    def test_the_invitations_statement_may_be_replaced(self):
        # A trustee may publish a larger count later, and replace what a squatter put there:
        # readers accept only a statement bearing the trustee's signature.
        url = f"{NGINX.url}camp-i/invitations.parley"
        self.assertEqual(request("PUT", url, b"8 invitations")[0], 201)
        self.assertEqual(request("PUT", url, b"12 invitations")[0], 204)
        self.assertEqual(request("GET", url)[2], b"12 invitations")
        larger = b"x" * (NGINX.max_bytes + 1)  # the release's limit, not an envelope's
        self.assertEqual(request("PUT", url, larger)[0], 204)
        self.assertEqual(request("GET", url)[2], larger)
        self.assertEqual(sorted(os.listdir(os.path.join(NGINX.data, "camp-i"))), ["invitations.parley"])
        status, headers, _ = request("OPTIONS", url, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"})
        self.assertEqual((status, headers.get("access-control-allow-origin")), (204, ORIGIN))
        # Still only PUT among the writing methods: the statement cannot be deleted or moved.
        for method in ("DELETE", "MKCOL", "MOVE", "COPY"):
            self.assertIn(request(method, url)[0], (403, 405), method)
        self.assertEqual(request("GET", url)[2], larger)

    def test_reply_bundles_are_written_once_listed_and_read(self):
        name, data = "replies-2026-03-14-2-0.parley", os.urandom(NGINX.max_bytes + 1)  # over --max-bytes
        url = f"{NGINX.url}camp-r/{name}"
        status, headers, _ = request("PUT", url, data, {"Content-Type": "text/html", "Origin": ORIGIN})
        self.assertEqual((status, headers.get("access-control-allow-origin")), (201, ORIGIN))
        status, headers, body = request("GET", url)
        self.assertEqual((status, body), (200, data))
        self.assertEqual(headers.get("content-type"), "application/octet-stream")
        self.assertEqual(headers.get("x-content-type-options"), "nosniff")
        self.assertIn("sandbox", headers.get("content-security-policy", ""))
        self.assertEqual(request("HEAD", url)[1].get("content-length"), str(len(data)))
        envelope, sealed = blob(500)
        self.assertEqual(request("PUT", f"{NGINX.url}camp-r/{envelope}", sealed)[0], 201)
        status, _, body = request("GET", f"{NGINX.url}camp-r/")
        self.assertEqual(status, 200)
        self.assertEqual(sorted((e["name"], e["type"], e["size"]) for e in json.loads(body)),
                         sorted([(name, "file", len(data)), (envelope, "file", len(sealed))]))
        # Written once: a second PUT is refused whatever its bytes, and the first stay.
        self.assertEqual(request("PUT", url, b"another sending")[0], 409)
        self.assertEqual(request("PUT", url, data)[0], 409)
        for method in ("DELETE", "MKCOL", "MOVE", "COPY"):
            self.assertIn(request(method, url)[0], (403, 405), method)
        self.assertEqual(request("GET", url)[2], data)
        self.assertEqual(sorted(os.listdir(os.path.join(NGINX.data, "camp-r"))), sorted([name, envelope]))
        status, headers, _ = request("OPTIONS", url, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"})
        self.assertEqual((status, headers.get("access-control-allow-origin")), (204, ORIGIN))

    def test_only_reply_bundle_names_of_real_days_can_be_written(self):
        for name in VALID_REPLIES_NAMES:
            self.assertTrue(is_replies_name(name), name)
            self.assertEqual(request("PUT", f"{NGINX.url}camp-rn/{name}", name.encode())[0], 201, name)
        for name in INVALID_REPLIES_NAMES:
            self.assertFalse(is_replies_name(name), name)
            self.assertEqual(request("PUT", f"{NGINX.url}camp-rn/{name}", b"bundle")[0], 404, name)
        self.assertEqual(sorted(os.listdir(os.path.join(NGINX.data, "camp-rn"))), sorted(VALID_REPLIES_NAMES))
        for name in VALID_REPLIES_NAMES:
            self.assertEqual(request("GET", f"{NGINX.url}camp-rn/{name}")[2], name.encode(), name)

    def test_the_site_matches_reply_bundle_names_by_the_rule_for_every_day(self):
        # The expression nginx runs, taken from the site it loaded, checked against the rule for
        # every day from 1999 to 2404 and the impossible days of every month (PCRE's named group
        # spelled as Python's; the rest is the same in both).
        with open(os.path.join(NGINX.folder, "nginx", "parley-site.conf")) as f:
            site = f.read()
        m = re.search(r'\(\?<object>(replies-[^"]*)\)\$"', site)
        self.assertIsNotNone(m, "no reply bundle location in the site")
        pattern = re.compile(m.group(1))
        day, last = datetime.date(1999, 12, 1), datetime.date(2404, 3, 31)
        while day <= last:
            for d in ((day.day, 0, 29, 30, 31, 32) if day.day == 1 else (day.day,)):
                name = f"replies-{day.year:04d}-{day.month:02d}-{d:02d}-0-0.parley"
                self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
            day += datetime.timedelta(days=1)
        for year in (2000, 2024, 2096, 2100, 2200, 2300, 2400, 2800, 3000, 9996, 9999):
            for month in range(0, 14):
                name = f"replies-{year}-{month:02d}-29-0-0.parley"
                self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
        for mediator in range(0, 120):
            for sending in ("0", "00", "01", "7", "07", "10", "99", "100", str(mediator)):
                for name in (f"replies-2026-03-14-{mediator}-{sending}.parley",
                             f"replies-2026-03-14-0{mediator}-{sending}.parley"):
                    self.assertEqual(bool(pattern.fullmatch(name)), is_replies_name(name), name)
        for name in VALID_REPLIES_NAMES + INVALID_REPLIES_NAMES:
            self.assertEqual(bool(pattern.fullmatch(name)), name in VALID_REPLIES_NAMES, name)

    def test_reply_bundles_have_a_size_limit_of_their_own(self):
        largest = os.urandom(MAX_REPLIES_BUNDLE)
        url = f"{NGINX.url}camp-rs/replies-2026-03-14-0-0.parley"
        self.assertEqual(request("PUT", url, largest)[0], 201)
        self.assertEqual(request("GET", url)[2], largest)
        # One byte more is refused from the headers alone, before any body is sent.
        path = "/store/camp-rs/replies-2026-03-14-0-1.parley"
        with socket.create_connection(("127.0.0.1", NGINX.port), timeout=30) as sock:
            sock.sendall(f"PUT {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_REPLIES_BUNDLE + 1}\r\n\r\n".encode())
            answer = http.client.HTTPResponse(sock)
            answer.begin()
            self.assertEqual(answer.status, 413)
        self.assertEqual(request("GET", f"http://127.0.0.1:{NGINX.port}{path}")[0], 404)
        self.assertEqual(os.listdir(os.path.join(NGINX.data, "camp-rs")), ["replies-2026-03-14-0-0.parley"])

    def test_inbox_only_accepts_put_and_nothing_else(self):
        name, data = blob(300)
        url = f"{NGINX_INBOX.url}camp-b/{name}"
        status, headers, _ = request("PUT", url, data, {"Content-Type": "application/octet-stream", "Origin": ORIGIN})
        self.assertEqual(status, 201)
        self.assertEqual(headers.get("access-control-allow-origin"), ORIGIN)
        self.assertEqual(request("GET", url)[0], 403)
        self.assertEqual(request("HEAD", url)[0], 403)
        self.assertEqual(request("GET", f"{NGINX_INBOX.url}camp-b/")[0], 403)
        self.assertEqual(request("DELETE", url)[0], 403)
        status, headers, _ = request("OPTIONS", url, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "PUT"})
        self.assertEqual(status, 204)
        self.assertEqual(headers.get("access-control-allow-methods"), "PUT, OPTIONS")
        with open(os.path.join(NGINX_INBOX.data, "camp-b", name), "rb") as f:
            self.assertEqual(f.read(), data)
        # A reply bundle is stored once and, like everything else here, cannot be read back.
        bundle = f"{NGINX_INBOX.url}camp-b/replies-2026-03-14-0-0.parley"
        self.assertEqual(request("PUT", bundle, b"a sending")[0], 201)
        self.assertEqual(request("PUT", bundle, b"another")[0], 409)
        self.assertEqual(request("GET", bundle)[0], 403)
        self.assertEqual(request("PUT", f"{NGINX_INBOX.url}camp-b/replies-2026-02-29-0-0.parley", b"x")[0], 404)

    def test_nothing_records_client_addresses(self):
        request("GET", f"{NGINX.url}camp-a/missing.parley")
        request("DELETE", f"{NGINX_INBOX.url}camp-b/x.parley")
        for server in (NGINX, NGINX_INBOX):
            logs = os.path.join(server.folder, "nginx", "logs")
            self.assertEqual(sorted(os.listdir(logs)), ["error.log", "stderr.log"])
            for log in os.listdir(logs):
                with open(os.path.join(logs, log), errors="replace") as f:
                    text = f.read()
                self.assertNotIn("client:", text, log)
                self.assertNotIn("127.0.0.1", text, log)


# --- Ceph radosgw (S3) -----------------------------------------------------------------------

class CephS3(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.prefix = f"incoming/{uuid.uuid4().hex[:26]}/"
        cls.policy = post_policy(cls.prefix)

    def test_anonymous_upload_with_the_post_policy(self):
        name, data = blob(1000)
        status, headers, body = post_upload(self.policy, self.prefix + name, data, origin=ORIGIN)
        self.assertEqual(status, 204, body)
        self.assertEqual(headers.get("access-control-allow-origin"), ORIGIN)
        code, out, err = cli("s3-get", "--url", f"{CEPH.endpoint}/{CEPH.bucket}/{self.prefix}{name}",
                             "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual((code, out), (0, data), err)
        # The storage, not the uploader, enforces the lower bound too.
        self.assertEqual(s3_code(post_upload(self.policy, self.prefix + "empty.parley", b"")[2]), "EntityTooSmall")

    def test_over_size_is_refused_with_400(self):
        status, _, body = post_upload(self.policy, self.prefix + "big.parley", os.urandom(POLICY_MAX_BYTES + 1))
        self.assertEqual((status, s3_code(body)), (400, "EntityTooLarge"))
        status, _, _ = post_upload(self.policy, self.prefix + "exact.parley", os.urandom(POLICY_MAX_BYTES))
        self.assertEqual(status, 204)

    def test_wrong_prefix_is_refused_with_403(self):
        for key in ("other/x.parley", "incoming/x.parley", self.prefix[:-1] + "x/y.parley"):
            status, _, body = post_upload(self.policy, key, b"data")
            self.assertEqual((status, s3_code(body)), (403, "AccessDenied"), key)

    def test_expired_policy_is_refused_with_403(self):
        expired = post_policy(self.prefix, expires=utc_day(-2), now=amz_date(-30))
        status, _, body = post_upload(expired, self.prefix + "late.parley", b"data")
        self.assertEqual((status, s3_code(body)), (403, "AccessDenied"))
        # Signed a month ago but still open: accepted (a campaign's policy is signed once).
        old = post_policy(self.prefix, expires=utc_day(3), now=amz_date(-30))
        self.assertEqual(post_upload(old, self.prefix + "early.parley", b"data")[0], 204)

    def test_tampered_signature_or_policy_is_refused_with_403(self):
        fields = dict(self.policy["fields"])
        sig = fields["x-amz-signature"]
        fields["x-amz-signature"] = sig[:-1] + ("0" if sig[-1] != "0" else "1")
        self.assertEqual(post_upload(self.policy, self.prefix + "t1.parley", b"data", fields)[0], 403)
        # A policy rewritten to allow more, with the original signature.
        other = post_policy(self.prefix, max_bytes=POLICY_MAX_BYTES * 100)
        fields = dict(self.policy["fields"], policy=other["fields"]["policy"])
        self.assertEqual(post_upload(self.policy, self.prefix + "t2.parley", b"data", fields)[0], 403)
        # A policy signed with another secret.
        with tempfile.NamedTemporaryFile("w", suffix=".key") as wrong:
            wrong.write("not-the-secret\n")
            wrong.flush()
            forged = post_policy(self.prefix, secret_file=wrong.name)
        self.assertEqual(post_upload(forged, self.prefix + "t3.parley", b"data")[0], 403)

    def test_signed_list_and_get_need_the_right_secret(self):
        names = []
        for _ in range(3):
            name, data = blob(200)
            self.assertEqual(post_upload(self.policy, self.prefix + name, data)[0], 204)
            names.append(self.prefix + name)
        code, out, err = cli("s3-list", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", self.prefix,
                             "--json", "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual(code, 0, err)
        listed = {o["key"]: o["size"] for o in json.loads(out)}
        for key in names:
            self.assertEqual(listed.get(key), 200)
        with tempfile.NamedTemporaryFile("w", suffix=".key") as wrong:
            wrong.write(CEPH.secret_key[:-1] + ("x" if CEPH.secret_key[-1] != "x" else "y") + "\n")
            wrong.flush()
            code, _, err = cli("s3-list", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", self.prefix,
                               "--secret-key-file", wrong.name, env=CEPH.cli_env())
            self.assertEqual(code, 1)
            self.assertIn("HTTP 403 SignatureDoesNotMatch", err)
            code, _, err = cli("s3-get", "--url", f"{CEPH.endpoint}/{CEPH.bucket}/{names[0]}",
                               "--secret-key-file", wrong.name, env=CEPH.cli_env())
            self.assertEqual(code, 1)
            self.assertIn("HTTP 403", err)

    def test_anonymous_reads_are_refused(self):
        name, data = blob(100)
        self.assertEqual(post_upload(self.policy, self.prefix + name, data)[0], 204)
        self.assertEqual(request("GET", f"{CEPH.endpoint}/{CEPH.bucket}/{self.prefix}{name}")[0], 403)
        self.assertEqual(request("GET", f"{CEPH.endpoint}/{CEPH.bucket}?list-type=2")[0], 403)
        self.assertEqual(request("DELETE", f"{CEPH.endpoint}/{CEPH.bucket}/{self.prefix}{name}")[0], 403)

    def test_inbox_bucket_policy_allows_anonymous_put_under_the_prefix_only(self):
        self.assertEqual(request("PUT", f"{CEPH.endpoint}/{CEPH.bucket}/{CEPH.inbox_prefix}anon/a.parley", b"x")[0], 200)
        self.assertEqual(request("PUT", f"{CEPH.endpoint}/{CEPH.bucket}/elsewhere/a.parley", b"x")[0], 403)

    def test_cors_preflight_for_uploads_and_signed_reads(self):
        url = f"{CEPH.endpoint}/{CEPH.bucket}/{self.prefix}x.parley"
        status, headers, _ = request("OPTIONS", url, headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization,x-amz-date,x-amz-content-sha256"})
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("access-control-allow-origin"), ORIGIN)
        self.assertIn("authorization", headers.get("access-control-allow-headers", "").lower())
        status, headers, _ = request("OPTIONS", f"{CEPH.endpoint}/{CEPH.bucket}/", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
        self.assertEqual((status, headers.get("access-control-allow-origin")), (200, ORIGIN))
        status, headers, _ = request("OPTIONS", url, headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "GET"})
        self.assertNotEqual(headers.get("access-control-allow-origin"), OTHER_ORIGIN)

    def test_radosgw_log_holds_no_client_addresses(self):
        post_upload(self.policy, "other/x.parley", b"x")
        request("GET", f"{CEPH.endpoint}/{CEPH.bucket}/nothing")
        log = os.path.join(CEPH.dir, "log", "ceph-client.rgw.a.log")
        with open(log, errors="replace") as f:
            text = f.read()
        self.assertNotIn("beast: 0x", text)  # the front end's per-request line (level 1+)
        self.assertIsNone(re.search(r"\b127\.0\.0\.1 - ", text))


# --- the CLI's own uploads and reads, everything but credentials from the manifest ------------

def reader_env(**extra):
    """The environment for the CLI's S3 reads: the access key only (no region: the manifest has it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_S3_")}
    env["PARLEY_S3_ACCESS_KEY"] = CEPH.access_key
    env.update(extra)
    return env


def write_policy(folder, policy, **changes):
    """`parley store s3-post-policy` output as a file for `campaign new --s3-post`, with `changes`."""
    path = os.path.join(folder, f"post-{uuid.uuid4().hex[:8]}.json")
    with open(path, "w") as f:
        json.dump(dict(policy, **changes), f)
    return path


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class CliRoundTrip(unittest.TestCase):
    """`parley seal --put`, then `parley open|aggregate|export` with no source, per storage kind."""

    COUNT = campaign.K + 1

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="parley-storage-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def s3_campaign(self, prefix=None, policy=None, **changes):
        """A campaign whose storage is a fresh prefix of the radosgw bucket (or `policy`, changed)."""
        policy = policy or post_policy(prefix or f"incoming/cli-{uuid.uuid4().hex[:12]}/")
        c = campaign.Campaign(["--s3-post", write_policy(self.tmp, policy, **changes)])
        self.addCleanup(c.close)
        return c

    def assert_sealed_and_read(self, c, env):
        sealed, folder = c.seal_put(self.COUNT, env=env)
        self.assertEqual(sealed.returncode, 0, sealed.stderr)
        names = sealed.stdout.split()
        self.assertEqual(len(set(names)), self.COUNT)
        self.assertEqual(sorted(names), sorted(os.listdir(folder)))  # each kept as a file too

        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{self.COUNT} responses", r.stdout)
        self.assertIn(f"opened {self.COUNT} of {self.COUNT} envelopes", r.stderr)
        r = c.read("open", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(json.loads(line)["object"] for line in r.stdout.splitlines()), sorted(names))
        r = c.read("export", "--json", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        result = json.loads(r.stdout)
        self.assertEqual(result["responses"], self.COUNT)
        for question, label in campaign.EXPECTED_BINS.items():
            self.assertEqual(campaign.bin_counts(result)[question][label], self.COUNT, question)
        return names

    def test_nginx_put_up_json_listing_down(self):
        c = campaign.Campaign(["--storage-url", NGINX.url + "{id}/"])
        self.addCleanup(c.close)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_S3_")}
        names = self.assert_sealed_and_read(c, env)
        self.assertEqual(sorted(os.listdir(os.path.join(NGINX.data, c.id))), sorted(names))
        # Sealing again adds to the same folder, read back whole.
        sealed, _ = c.seal_put(1, env=env)
        self.assertEqual(sealed.returncode, 0, sealed.stderr)
        r = c.read("aggregate", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{self.COUNT + 1} responses", r.stdout)

    def test_radosgw_post_policy_up_sigv4_listing_down(self):
        c = self.s3_campaign()
        prefix = c.storage["key_prefix"]
        self.assertEqual(c.storage["kind"], "s3")
        # Uploads need no credentials at all; reads take the secret from a file or the environment.
        sealed, _ = c.seal_put(self.COUNT, env=reader_env(PARLEY_S3_ACCESS_KEY=""))
        self.assertEqual(sealed.returncode, 0, sealed.stderr)
        names = sealed.stdout.split()
        r = c.read("aggregate", "--secret-key-file", CEPH.secret_file, env=reader_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{self.COUNT} responses", r.stdout)
        r = c.read("open", env=reader_env(PARLEY_S3_SECRET_KEY=CEPH.secret_key))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(json.loads(line)["object"] for line in r.stdout.splitlines()), sorted(names))
        code, out, err = cli("s3-list", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", prefix,
                             "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual(code, 0, err)
        self.assertEqual(sorted(out.decode().split()), sorted(prefix + n for n in names))
        # The whole round trip again on a fresh prefix, the secret in the environment throughout.
        self.assert_sealed_and_read(self.s3_campaign(), reader_env(PARLEY_S3_SECRET_KEY=CEPH.secret_key))

    def test_s3_reads_need_credentials_from_the_environment_or_a_file(self):
        c = self.s3_campaign()
        no_s3 = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_S3_")}
        r = c.read("aggregate", env=no_s3)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("needs read credentials", r.stderr)
        self.assertIn("PARLEY_S3_ACCESS_KEY", r.stderr)
        r = c.read("aggregate", env=reader_env())
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--secret-key-file", r.stderr)
        # Never from an argument: the option does not exist.
        r = c.read("aggregate", "--access-key", CEPH.access_key, env=reader_env(PARLEY_S3_SECRET_KEY=CEPH.secret_key))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("unknown option --access-key", r.stderr)
        code, _, err = cli("s3-list", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket,
                           "--access-key", CEPH.access_key, "--secret-key-file", CEPH.secret_file, env=no_s3)
        self.assertEqual(code, 2, err)
        self.assertIn("$PARLEY_S3_ACCESS_KEY", err)
        # A wrong secret: the storage's refusal in plain words, and its own answer.
        wrong = os.path.join(self.tmp, "wrong.key")
        with open(wrong, "w") as f:
            f.write(CEPH.secret_key[:-1] + ("x" if CEPH.secret_key[-1] != "x" else "y") + "\n")
        r = c.read("aggregate", "--secret-key-file", wrong, env=reader_env())
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("refused these read credentials", r.stderr)
        self.assertIn("[HTTP 403 SignatureDoesNotMatch", r.stderr)
        self.assertNotIn(CEPH.secret_key, r.stderr + r.stdout)

    def assert_refused(self, c, *phrases):
        sealed, folder = c.seal_put(1, env=reader_env())
        self.assertEqual(sealed.returncode, 1, sealed.stderr)
        self.assertEqual(sealed.stdout, "")  # no receipt for an envelope the storage does not have
        kept = os.listdir(folder)
        self.assertEqual(len(kept), 1)
        self.assertIn(f"{kept[0]} was not stored: ", sealed.stderr)
        self.assertIn("The sealed envelope stays in ", sealed.stderr)
        for phrase in phrases:
            self.assertIn(phrase, sealed.stderr)
        code, out, err = cli("s3-list", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket,
                             "--prefix", c.storage["key_prefix"], "--secret-key-file", CEPH.secret_file,
                             env=CEPH.cli_env())
        self.assertEqual((code, out), (0, b""), err)  # nothing arrived

    def test_expired_policy_is_refused_in_plain_words(self):
        prefix = f"incoming/cli-{uuid.uuid4().hex[:12]}/"
        c = self.s3_campaign(policy=post_policy(prefix, expires=utc_day(-2), now=amz_date(-30)))
        self.assert_refused(c, "upload permission has expired", "[HTTP 403 AccessDenied")

    def test_prefix_outside_the_policy_is_refused_in_plain_words(self):
        elsewhere = f"incoming/other-{uuid.uuid4().hex[:12]}/"
        c = self.s3_campaign(key_prefix=elsewhere)
        self.assertEqual(c.storage["key_prefix"], elsewhere)
        self.assert_refused(c, "does not cover this envelope's place in the storage", "[HTTP 403 AccessDenied")

    def test_over_size_envelope_is_refused_in_plain_words(self):
        prefix = f"incoming/cli-{uuid.uuid4().hex[:12]}/"
        c = self.s3_campaign(policy=post_policy(prefix, max_bytes=64))
        self.assert_refused(c, "larger than this campaign allows (HTTP 400 EntityTooLarge).")

    def test_inbox_only_nginx_takes_uploads_and_refuses_the_listing(self):
        c = campaign.Campaign(["--storage-url", NGINX_INBOX.url + "{id}/"])
        self.addCleanup(c.close)
        sealed, _ = c.seal_put(2)
        self.assertEqual(sealed.returncode, 0, sealed.stderr)
        r = c.read("aggregate")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("refused to list the envelopes (HTTP 403)", r.stderr)
        # Managers of an inbox-only site read the server's folder instead.
        r = c.read("aggregate", os.path.join(NGINX_INBOX.data, c.id))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("2 responses", r.stdout)


class HostileStorage(unittest.TestCase):
    """A storage (a stand-in: the real ones never send this) that answers every request with an S3
    error whose message carries terminal escapes, a bell, a C1 control and bidirectional overrides:
    the CLI shows the words, never the control characters."""

    MESSAGE = "Policy \x1b[31mexpired\x1b[0m\x07\u202eevil\u202c\x9b2J."

    @classmethod
    def setUpClass(cls):
        # Raw bytes: XML forbids these characters, but a hostile storage sends what it likes (a
        # reference such as &#27; is refused by the reader, and then nothing at all is shown).
        body = ("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>" + cls.MESSAGE
                + "</Message></Error>").encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(403)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = answer

            def log_message(self, *args):
                pass

        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}/store/"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def assert_clean(self, text):
        self.assertIsNone(CONTROL.search(text), repr(text))
        self.assertIn("AccessDenied (Policy [31mexpired[0mevil2J.)", text)

    def test_upload_refusal_shows_no_control_characters(self):
        c = campaign.Campaign(["--storage-url", self.url + "{id}/"])
        self.addCleanup(c.close)
        sealed, _ = c.seal_put(1)
        self.assertEqual(sealed.returncode, 1, sealed.stderr)
        self.assert_clean(sealed.stderr)

    def test_listing_refusal_shows_no_control_characters(self):
        c = campaign.Campaign(["--storage-url", self.url + "{id}/"])
        self.addCleanup(c.close)
        r = c.read("aggregate")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("refused to list the envelopes (HTTP 403)", r.stderr)
        self.assert_clean(r.stderr)

    def test_store_put_refusal_shows_no_control_characters(self):
        code, _, err = cli("s3-put", "--url", self.url + "bucket", env=dict(
            os.environ, PARLEY_S3_ACCESS_KEY="AKIDEXAMPLE", PARLEY_S3_SECRET_KEY="not-a-real-secret"))
        self.assertEqual(code, 1, err)
        self.assert_clean(err)


# --- load ------------------------------------------------------------------------------------

class Uploader:
    """One keep-alive connection per worker thread."""

    def __init__(self):
        self.local = threading.local()
        self.lock = threading.Lock()
        self.all = []

    def close(self):
        with self.lock:
            for conn in self.all:
                conn.close()

    def send(self, method, url, body, headers):
        u = urllib.parse.urlsplit(url)
        for attempt in range(3):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
                with self.lock:
                    self.all.append(conn)
            try:
                conn.request(method, u.path, body=body, headers=headers)
                r = conn.getresponse()
                r.read()
                if r.will_close:
                    conn.close()
                    self.local.conn = None
                return r.status
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise


def run_load(label, uploader, upload, blobs):
    """Uploads the blobs with LOAD_CONCURRENCY workers; prints and records the figure."""
    started = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(LOAD_CONCURRENCY) as pool:
            statuses = list(pool.map(lambda b: upload(*b), blobs))
    finally:
        uploader.close()
    seconds = time.monotonic() - started
    bad = [s for s in statuses if s not in (200, 201, 204)]
    if bad:
        raise AssertionError(f"{label}: {len(bad)} uploads failed, e.g. HTTP {bad[0]}")
    rate = len(blobs) / seconds
    size = sum(len(data) for _, data in blobs) / len(blobs)
    figure = (f"{label} {rate:.0f} uploads/s ({len(blobs)} envelopes of ~{size:.0f} B, {LOAD_CONCURRENCY} at a time, "
              f"{seconds:.2f} s, {rate * size / 1048576:.1f} MiB/s, load average {os.getloadavg()[0]:.1f})")
    LOAD_FIGURES.append(figure)
    sys.stderr.write(f"\n[storage] {figure}\n")


class Load(unittest.TestCase):
    """LOAD_COUNT real envelopes of one campaign per endpoint, uploaded LOAD_CONCURRENCY at a
    time; then the CLI lists and fetches them, opens each exactly once and aggregates them."""

    @classmethod
    def setUpClass(cls):
        cls.campaign = campaign.Campaign()

    @classmethod
    def tearDownClass(cls):
        cls.campaign.close()

    def assert_opened_exactly_once(self, label, blobs, source, started=None):
        started = started or time.monotonic()
        opened, summary = self.campaign.open_names(source)
        self.assertEqual(summary, f"opened {LOAD_COUNT} of {LOAD_COUNT} envelopes")
        self.assertEqual(sum(opened.values()), LOAD_COUNT)
        self.assertEqual({name for name, n in opened.items() if n != 1}, set())
        self.assertEqual(set(opened), {name for name, _ in blobs})
        result = self.campaign.aggregate(source)
        self.assertEqual(result["responses"], LOAD_COUNT)
        counts = campaign.bin_counts(result)
        for question, label_ in campaign.EXPECTED_BINS.items():
            self.assertEqual(counts[question][label_], LOAD_COUNT, question)
            self.assertEqual(sum(counts[question].values()), LOAD_COUNT, question)
        figure = (f"{label} {len(opened)} distinct envelopes listed, each opened once, aggregate counts "
                  f"{result['responses']} (listed, fetched, opened and aggregated in {time.monotonic() - started:.1f} s)")
        LOAD_FIGURES.append(figure)
        sys.stderr.write(f"[storage] {figure}\n")

    def test_nginx(self):
        blobs = self.campaign.seal(LOAD_COUNT)
        folder = f"load-{uuid.uuid4().hex[:8]}"
        up = Uploader()
        run_load("nginx WebDAV PUT:", up, lambda name, data: up.send(
            "PUT", f"{NGINX.url}{folder}/{name}", data, {"Content-Type": "application/octet-stream"}), blobs)
        self.assert_opened_exactly_once("nginx WebDAV:", blobs, f"{NGINX.url}{folder}/")

    def test_radosgw(self):
        blobs = self.campaign.seal(LOAD_COUNT)
        prefix = f"incoming/load-{uuid.uuid4().hex[:8]}/"
        policy = post_policy(prefix)
        up = Uploader()

        def upload(name, data):
            body, content_type = form(policy["fields"], prefix + name, data)
            return up.send("POST", policy["action"], body, {"Content-Type": content_type})
        run_load("radosgw POST policy:", up, upload, blobs)
        # More than one ListObjectsV2 page: the CLI follows the continuation token.
        started = time.monotonic()
        folder = tempfile.mkdtemp(prefix="fetched-", dir=self.campaign.dir)
        code, out, err = cli("s3-download", "--endpoint", CEPH.endpoint, "--bucket", CEPH.bucket, "--prefix", prefix,
                             "--out", folder, "--secret-key-file", CEPH.secret_file, env=CEPH.cli_env())
        self.assertEqual(code, 0, err)
        fetched = collections.Counter(out.decode().split())
        self.assertEqual({key for key, n in fetched.items() if n != 1}, set())
        self.assertEqual(set(fetched), {prefix + name for name, _ in blobs})
        self.assertIn(f"fetched {LOAD_COUNT} of {LOAD_COUNT} envelopes; 0 failed", err)
        self.assert_opened_exactly_once("radosgw S3:", blobs, folder, started)

    def test_serve_py(self):
        blobs = self.campaign.seal(LOAD_COUNT)
        data_dir = tempfile.mkdtemp(prefix="parley-storage-serve-")
        proc = subprocess.Popen([sys.executable, os.path.join(servers.REPO, "serve.py"), "--no-build", "--port", "0",
                                 "--data", data_dir, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, text=True)
        try:
            line = proc.stdout.readline()
            m = re.match(r"Parley serving (http://\S+/) ", line)
            self.assertIsNotNone(m, f"serve.py said: {line!r}")
            url = f"{m.group(1)}store/load-{uuid.uuid4().hex[:8]}/"
            up = Uploader()
            run_load("serve.py PUT:", up, lambda name, data: up.send(
                "PUT", url + name, data, {"Content-Type": "application/octet-stream"}), blobs)
            self.assert_opened_exactly_once("serve.py:", blobs, url)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
