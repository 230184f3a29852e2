#!/usr/bin/env python3
"""Builds Parley and serves it, together with a small embedded blob store.

    python3 serve.py              # run tools/build web, then serve http://127.0.0.1:8000/
    python3 serve.py --no-build   # serve what is already in build/web

Everything outside /store/ is a static file from the web root (build/web), sent with a strict
Content-Security-Policy and other security headers, in its precompressed form (.br, .gz) when the
browser takes one; a file asked for at its content version (NAME?v=..., which the build writes into
the page) may be kept by the browser for ever (docs/DEPLOYING.md). /store/ is the storage endpoint
the app talks to: objects at /store/<campaign>/<name>, which the browser has already sealed, so the
server only ever sees opaque bytes: envelopes, write-once and named after their own hash, mediators'
reply bundles (replies-DAY-M-S.parley), write-once, campaigns' manifests for short links
(m-<base32 of H>.parley), write-once and named after their body's hash, and a trustee's two objects:
invitations.parley, which may be replaced, and release.parley, written once, as on every storage
(docs/STORAGE.md). Anonymity is the product, so the server never logs client addresses, sets no
cookies, keeps no time finer than a day on stored files (mtimes are set to midnight UTC; the
kernel's ctime cannot be set) and lists objects without timestamps. Slow or numerous clients are
bounded (--max-connections, --request-timeout).

Python 3.11 standard library only: this runs on a fresh Debian 12.
"""

import argparse
import base64
import contextlib
import email.utils
import errno
import io
import hashlib
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import socketserver
import stat
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPO = os.path.dirname(os.path.abspath(__file__))

CAMPAIGN_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,128}(\.[a-z0-9]{1,8})?")  # readable and listed
# Writable names (issue 12): an envelope is named after its bytes, so one envelope cannot be
# stored (and counted) under several names. Besides envelopes a campaign holds the trustee's two
# objects, treated alike on every storage (serve.py, nginx, S3): invitations.parley may be
# replaced (a trustee may publish a larger count later, or replace what someone else stored;
# readers accept only a statement bearing the trustee's signature) and release.parley is written
# once (a second, different release is 409 here and from nginx, 412 from S3).
ENVELOPE_NAME_RE = re.compile(r"[0-9a-f]{32}\.parley")  # hex(BLAKE2b-16(body)) + ".parley"
INVITATIONS = "invitations.parley"
# A campaign's stored manifest, for short links (docs/FORMAT.md, "Short links"): "m-" base32(H)
# ".parley", H = BLAKE2b-32 of the manifest body; 52 characters whose last carries 4 zero bits.
MANIFEST_NAME_RE = re.compile(r"m-[a-z2-7]{51}[aq]\.parley")
MAX_MANIFEST = 87469  # a token: base64url of a 64 KiB body, ".", base64url of 64 bytes
RELEASE = "release.parley"
# Mediators' reply bundles (docs/FORMAT.md, "Conversations"): replies-DAY-M-S.parley, where DAY
# is a real Gregorian day of year 2000 or later, M the mediator's index 0-15 and S the sending's
# number 0-99, both without leading zeros. Written once, like envelopes, and listed. The same
# expression is in the nginx site (src/cli/nginx_conf.cpp): one name, one answer everywhere.
_DAY_RE = (r"(?:[2-9][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
           r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
           r"|(?:[2-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[3579][26])00)-02-29)")
REPLIES_NAME_RE = re.compile(
    r"replies-" + _DAY_RE + r"-(?:[0-9]|1[0-5])-(?:[0-9]|[1-9][0-9])\.parley")
LENGTH_RE = re.compile(r"[0-9]{1,18}")
ORIGIN_RE = re.compile(r"https?://([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(:[0-9]{1,5})?")
CSP_SOURCE_RE = re.compile(r"[^\s;,'\"]+")
# Log lines hold text chosen by clients (the method, the path): anything but printable ASCII, and
# the backslash that starts an escape, is written as an escape, so no terminal control sequence,
# forged line break or bidirectional override reaches whoever reads the log.
LOG_UNSAFE_RE = re.compile(r"[^\x20-\x5b\x5d-\x7e]")

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
    ".ttc": "font/collection",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}

COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    # A page that opens the app (or a stored object) in a new window gets no handle on it.
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
# The largest envelope Parley writes (docs/FORMAT.md, format version 2): an 8-byte header, at
# most 16 recipient stanzas of 80 bytes (no key IDs), a 24-byte nonce, the largest padding
# bucket (131072 bytes) and a 16-byte tag. Anything larger is not an envelope.
MAX_ENVELOPE = 8 + 16 * 80 + 24 + 131072 + 16  # = 132400 bytes
# The trustee's signed invitations statement is a count, a few keys and a signature.
MAX_INVITATIONS = 64 * 1024
# The largest reply bundle (docs/FORMAT.md, "Replies"): the 16-byte magic "PARLEY-REPLIES/2", LF,
# the canonical JSON header, LF, and at most 1024 records of 4136 bytes (a 24-byte nonce, 4096
# padded bytes and a 16-byte tag). The longest header is 95 bytes:
#   {"campaign":<26-character id>,"day":<10-character day>,"mediator":15,"records":1024,"v":2}
# = 13 + 26 + 9 + 10 + 13 + 2 + 11 + 4 + 7. Anything larger is not a bundle.
MAX_REPLIES_HEADER = 95
MAX_REPLIES_BUNDLE = 16 + 1 + MAX_REPLIES_HEADER + 1 + 1024 * (24 + 4096 + 16)  # = 4235377 bytes
# A release holds up to 100,000 inner envelopes; most answers fit the 1 KiB and 4 KiB buckets,
# and 256 MiB leaves about 2.6 KiB for each. --max-release raises it for larger campaigns.
DEFAULT_MAX_RELEASE = 256 * 1024 * 1024

# Slow clients. Each connection holds a thread, so their number is capped (--max-connections)
# and each request has one deadline for its headers, body and answer together, never renewed by
# a trickle of bytes: it starts at --request-timeout seconds and grows by one second for every
# MIN_TRANSFER_RATE bytes that move, so a release uploads at any usable speed, an envelope even
# over a slow mobile link, while a client sending a byte every few seconds is cut off in time.
DEFAULT_MAX_CONNECTIONS = 1000
DEFAULT_REQUEST_TIMEOUT = 30.0
MIN_TRANSFER_RATE = 4096  # bytes per second
LATE_ANSWER_SECONDS = 2   # the least time an answer has to go out, a 408 included
# Open files a connection may need at once (its socket, the data and campaign folders, an
# object or temp file), and those of the server itself.
FILES_PER_CONNECTION = 4
FILES_OF_THE_SERVER = 64

STORE_METHODS = "GET, HEAD, PUT, OPTIONS"
NOT_BUILT = "Parley is not built yet: run `python3 serve.py` without --no-build to build it.\n"


def content_security_policy(connect_src):
    connect = " ".join(["'self'", *connect_src])
    return ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            "img-src 'self' data: blob:; font-src 'self'; connect-src " + connect + "; "
            "worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


def log_safe(text):
    """text with every character outside printable ASCII (and the backslash) escaped."""
    def escape(m):
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return LOG_UNSAFE_RE.sub(escape, text)


def log_path(path):
    """The part of a request path that may be logged: for /store/, the campaign at most.

    Object names are left out: a log collector stamps each line with its time, which would tie
    an envelope to the second it arrived, while the store itself keeps only the day."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return "-"  # empty, or an absolute URL that could hold an object name
    if path == "/store" or path.startswith("/store/"):
        campaign = path[len("/store/"):].split("/", 1)[0]
        return f"/store/{campaign}/" if CAMPAIGN_RE.fullmatch(campaign) else "/store/"
    return path


def writable_kind(name):
    """'envelope', 'replies', 'manifest', 'invitations' or 'release': what a PUT may store under
    name; else None."""
    if ENVELOPE_NAME_RE.fullmatch(name):
        return "envelope"
    if REPLIES_NAME_RE.fullmatch(name):
        return "replies"
    if MANIFEST_NAME_RE.fullmatch(name):
        return "manifest"
    return {INVITATIONS: "invitations", RELEASE: "release"}.get(name)


# --max-objects and --max-bytes count envelopes, reply bundles and stored manifests: anyone who
# can reach the store can write each, and none has a bound of its own (bundles: 1600 names for
# every day). The trustee's two objects are one of each, so they are left out and a full
# campaign can still be released.
QUOTA_KINDS = ("envelope", "replies", "manifest")


def manifest_name_of(body):
    """The object name a manifest token is stored under, or None when body is not a token whose
    first part is base64url: the name states H, so a stored manifest cannot be another's."""
    head, dot, _ = body.partition(b".")
    if not dot or not re.fullmatch(rb"[A-Za-z0-9_-]+", head):
        return None
    try:
        manifest = base64.urlsafe_b64decode(head + b"=" * (-len(head) % 4))
    except ValueError:
        return None
    h = hashlib.blake2b(manifest, digest_size=32).digest()
    return "m-" + base64.b32encode(h).decode().rstrip("=").lower() + ".parley"


def parse_store_path(path):
    """Splits '/store/...' into ('object', c, n), ('list', c), ('redirect', c) or None (bad name).

    Works on the raw (still percent-encoded) path, so encoded slashes or dots never match."""
    parts = path[len("/store/"):].split("/") if path.startswith("/store/") else []
    if not parts or not CAMPAIGN_RE.fullmatch(parts[0]):
        return None
    if len(parts) == 1:
        return ("redirect", parts[0])
    if len(parts) == 2 and parts[1] == "":
        return ("list", parts[0])
    if len(parts) == 2 and NAME_RE.fullmatch(parts[1]):
        return ("object", parts[0], parts[1])
    return None


# --- static files: precompressed forms and content ETags ---
#
# The build writes NAME.br (brotli) and NAME.gz (zopfli) next to every file of the web root
# (src/CMakeLists.txt). A request whose Accept-Encoding allows one gets it, with
# Content-Encoding and the ETag of the bytes sent; anything else gets the file itself. Objects of
# the blob store are never compressed: they are sealed, and compression could only leak sizes.

STATIC_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preferred first when q-values tie
CODING_ALIASES = {"x-gzip": "gzip"}
QVALUE_RE = re.compile(r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


def accepted_codings(header):
    """{coding: q} from an Accept-Encoding header (lower case; '*' included when listed).

    Items with a malformed q-value are left out, as if not listed."""
    accepted = {}
    for item in header.split(","):
        coding, *params = [part.strip() for part in item.split(";")]
        coding = CODING_ALIASES.get(coding.lower(), coding.lower())
        if not coding:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                value = value.strip()
                q = float(value) if QVALUE_RE.fullmatch(value) else None
        if q is not None:
            accepted[coding] = max(q, accepted.get(coding, 0.0))
    return accepted


def choose_coding(header, available):
    """The content coding to send: one of `available` ('br', 'gzip') or None for the file as is.

    Without Accept-Encoding the file goes as is. A coding is acceptable when listed with q > 0,
    or covered by '*' with q > 0 and not listed itself; the highest q wins, brotli on a tie.
    When none is acceptable (even with identity;q=0) the file goes as is: RFC 9110, 12.5.3."""
    if header is None:
        return None
    accepted = accepted_codings(header)
    best, best_q = None, 0.0
    for coding, _ in STATIC_ENCODINGS:
        q = accepted.get(coding, accepted.get("*", 0.0))
        if coding in available and q > best_q:
            best, best_q = coding, q
    return best


class ContentTags:
    """Strong ETags of static files from their bytes (SHA-256), hashed once per version of a
    file: the key is its inode, size and mtime, so a rebuilt file gets a new tag."""

    MAX_ENTRIES = 1024  # a web root holds a few dozen files; a rebuild adds new keys

    def __init__(self):
        self._lock = threading.Lock()
        self._tags = {}

    def of(self, f):
        st = os.fstat(f.fileno())
        key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        with self._lock:
            tag = self._tags.get(key)
        if tag is None:
            f.seek(0)
            tag = etag_of(sha256_of_file(f))
            f.seek(0)
            with self._lock:
                if len(self._tags) >= self.MAX_ENTRIES:
                    self._tags.clear()
                self._tags[key] = tag
        return tag


def etag_of(sha256):
    return '"' + sha256.hexdigest()[:32] + '"'


# The page names what it loads as NAME?v=VERSION, VERSION being the first 12 hex digits of the
# SHA-256 of the file (cmake/web_versions_script.cmake). Asked for with the version it has, a
# file is that file for ever: the browser keeps it without asking again, and a new build
# changes the page's address for it. Any other request, a stale version included, is
# revalidated at every visit. The version is checked against the file itself; its .br and .gz
# forms are the build's, trusted as they are for sending (never one older than the file).
VERSION_LENGTH = 12
KEPT_FOR_EVER = "public, max-age=31536000, immutable"


def cache_control(query, etag_of_file):
    """Cache-Control for a static file asked for with `query`, given the ETag of its bytes."""
    asked = urllib.parse.parse_qs(query).get("v", [None])[0]
    if asked is not None and len(asked) == VERSION_LENGTH and etag_of_file[1:1 + VERSION_LENGTH] == asked:
        return KEPT_FOR_EVER
    return "no-cache"


def etag_matches(header, etag):
    if header is None:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


# --- the data folder: never through a symbolic link ---
#
# Everything below the data folder is opened relative to a folder descriptor with O_NOFOLLOW, so
# a symlink planted there (as a campaign folder or under an object's name) is neither read,
# listed nor written through. O_NONBLOCK keeps a planted FIFO from stalling a thread in open().

OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
OPEN_OBJECT = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
CHUNK = 65536


@contextlib.contextmanager
def data_folder(data_dir):
    """A descriptor of the data folder itself (which may be a symlink: the operator chose it)."""
    root = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        yield root
    finally:
        os.close(root)


@contextlib.contextmanager
def campaign_folder(root, campaign, create=False):
    """A descriptor of the campaign's folder, or None when there is none (reads only).

    With create, the folder is made when missing, and a campaign path that is not a plain
    folder raises OSError (ELOOP for a symlink) instead of being written through."""
    folder = None
    try:
        if create:
            try:
                os.mkdir(campaign, dir_fd=root)
                touch_midnight(root)  # the data folder's mtime would date the new campaign
            except FileExistsError:
                pass
            folder = os.open(campaign, OPEN_FOLDER, dir_fd=root)
        else:
            try:
                folder = os.open(campaign, OPEN_FOLDER, dir_fd=root)
            except OSError:
                pass  # missing, a symlink or not a folder: nothing to read
        yield folder
    finally:
        if folder is not None:
            os.close(folder)


def open_object(folder, name):
    """The stored object as a binary file, or None: missing, a symlink, or not a regular file."""
    if folder is None:
        return None
    try:
        fd = os.open(name, OPEN_OBJECT, dir_fd=folder)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def sha256_of_file(f):
    digest = hashlib.sha256()
    while chunk := f.read(CHUNK):
        digest.update(chunk)
    return digest


def list_objects(folder):
    """[{name, size}] of the regular files with object names; symlinks and temp files skipped."""
    if folder is None:
        return []
    objects = []
    with os.scandir(folder) as entries:
        for e in entries:
            if NAME_RE.fullmatch(e.name) and e.is_file(follow_symlinks=False):
                objects.append({"name": e.name, "size": e.stat(follow_symlinks=False).st_size})
    return sorted(objects, key=lambda o: o["name"])


def quota_usage(folder):
    """(count, bytes) of the envelopes and reply bundles in a campaign folder, for --max-objects
    and --max-bytes."""
    count = size = 0
    with os.scandir(folder) as entries:
        for e in entries:
            if writable_kind(e.name) in QUOTA_KINDS and e.is_file(follow_symlinks=False):
                count += 1
                size += e.stat(follow_symlinks=False).st_size
    return count, size


def midnight_utc():
    return int(time.time()) // 86400 * 86400


def touch_midnight(fd):
    # Files and folders keep no time finer than the day: their mtimes would date the answers.
    midnight = midnight_utc()
    os.utime(fd, (midnight, midnight))


class NewObject:
    """A body received into a hidden temp file of the data folder, then named in its campaign.

    The temp file is fsynced before it gets a name, so a name never points at partial bytes,
    and a campaign folder is only made for a complete body. Write-once names are hard links
    (link() fails when the name exists, so concurrent PUTs of one name have exactly one winner);
    replaceable ones are renamed over the old object."""

    def __init__(self, root):
        self.root = root
        self.tmp = ".tmp-" + secrets.token_hex(8)  # hidden: a campaign never starts with a dot
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o600, dir_fd=root)
        self.file = os.fdopen(fd, "wb")
        self.size = 0
        self.sha256 = hashlib.sha256()
        self.blake2b = hashlib.blake2b(digest_size=16)

    def write(self, chunk):
        self.file.write(chunk)
        self.size += len(chunk)
        self.sha256.update(chunk)
        self.blake2b.update(chunk)

    def finish(self):
        self.file.flush()
        os.fsync(self.file.fileno())
        touch_midnight(self.file.fileno())
        self.file.close()

    def read_all(self):
        """The finished body (only for small objects: a stored campaign)."""
        fd = os.open(self.tmp, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.root)
        with os.fdopen(fd, "rb") as f:
            return f.read()

    def link(self, folder, name):
        """Gives the bytes a write-once name: 'stored', 'exists' (same bytes) or 'conflict'."""
        try:
            os.link(self.tmp, name, src_dir_fd=self.root, dst_dir_fd=folder,
                    follow_symlinks=False)
        except FileExistsError:
            return "exists" if self.same_as(folder, name) else "conflict"
        settle(folder)
        return "stored"

    def replace(self, folder, name):
        """Gives the bytes a replaceable name: 'stored', 'replaced' or 'exists' (same bytes)."""
        if self.same_as(folder, name):
            return "exists"
        existed = open_object(folder, name)
        if existed:
            existed.close()
        # rename() replaces a symlink under this name itself, never the file it points at.
        os.replace(self.tmp, name, src_dir_fd=self.root, dst_dir_fd=folder)
        settle(folder)
        return "replaced" if existed else "stored"

    def same_as(self, folder, name):
        f = open_object(folder, name)
        if f is None:
            return False  # also a symlink or a folder under this name: never ours
        with f:
            return sha256_of_file(f).digest() == self.sha256.digest()

    def discard(self):
        """Removes the temp file, whatever happened; the data folder keeps a midnight mtime."""
        if not self.file.closed:
            self.file.close()
        try:
            os.unlink(self.tmp, dir_fd=self.root)
        except FileNotFoundError:
            pass  # renamed to its final name
        touch_midnight(self.root)


def settle(folder):
    os.fsync(folder)  # make the new name durable, not only its bytes
    touch_midnight(folder)


class RequestClock:
    """The deadline of the request under way on a connection (see MIN_TRANSFER_RATE).

    A connection waits at most the timeout for a request to begin; the request's own deadline
    starts with its first byte, so a request sent at the end of a kept-alive connection's idle
    time gets the whole of it."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.start()

    def start(self):
        self.deadline = time.monotonic() + self.timeout
        self.received = 0  # bytes of this request so far: none means an idle connection

    def received_bytes(self, count):
        if count and not self.received:
            self.deadline = time.monotonic() + self.timeout
        self.received += count
        self.moved(count)

    def moved(self, count):
        self.deadline += count / MIN_TRANSFER_RATE

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took longer than its deadline")
        return left

    def grant(self, seconds):
        self.deadline = max(self.deadline, time.monotonic() + seconds)


class DeadlineReader(io.RawIOBase):
    """The socket's bytes, each read waiting only as long as the request's deadline allows."""

    def __init__(self, sock, clock):
        self.sock, self.clock = sock, clock

    def readable(self):
        return True

    def readinto(self, buffer):
        self.sock.settimeout(self.clock.remaining())
        count = self.sock.recv_into(buffer)
        self.clock.received_bytes(count)
        return count


class DeadlineWriter(io.RawIOBase):
    """Writes to the socket within the request's deadline (sendall's timeout is for the whole
    call), so a client that stops reading an answer cannot hold its thread either."""

    def __init__(self, sock, clock):
        self.sock, self.clock = sock, clock

    def writable(self):
        return True

    def write(self, data):
        self.clock.moved(len(data))
        self.sock.settimeout(self.clock.remaining())
        self.sock.sendall(data)
        return len(data)


def busy_answer(limit):
    """The 503 for a connection over --max-connections, as bytes sent without a thread."""
    body = (f"503 Service Unavailable: this server already has {limit} connections open, its "
            "limit (--max-connections); try again in a moment.\n").encode()
    head = ["HTTP/1.1 503 Service Unavailable", "Server: Parley",
            "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}",
            *(f"{key}: {value}" for key, value in COMMON_HEADERS),
            "Cache-Control: no-store", "Retry-After: 5", "Connection: close"]
    return "\r\n".join(head).encode() + b"\r\n\r\n" + body


def fit_file_limit(connections):
    """Raises the open-file limit for the connections allowed; returns the number that fit."""
    needed = connections * FILES_PER_CONNECTION + FILES_OF_THE_SERVER
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return connections
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return max(1, min(connections, (target - FILES_OF_THE_SERVER) // FILES_PER_CONNECTION))


class ParleyServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 resets bursts of connections

    def __init__(self, config, handler):
        if ":" in config.bind:
            self.address_family = socket.AF_INET6
        self.config = config
        self._fail_lock = threading.Lock()
        self._fails_left = config.fail_puts
        # Checking a campaign's quota and adding to it is one step per campaign; a fixed set of
        # locks, shared by campaigns with the same hash, cannot grow with the campaigns made.
        self._quota_locks = [threading.Lock() for _ in range(64)]
        self._connection_slots = threading.BoundedSemaphore(config.max_connections)
        self._busy_answer = busy_answer(config.max_connections)
        self.tags = ContentTags()
        super().__init__((config.bind, config.port), handler)

    def server_bind(self):
        # HTTPServer.server_bind would resolve the host name (getfqdn), which can stall.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address):
        # Runs in the accepting thread, so it must never wait: over the cap, a connection gets
        # a ready-made 503 if its socket buffer takes it (a client that already sent its
        # request may see a reset instead: its unread bytes make close() send RST).
        if not self._connection_slots.acquire(blocking=False):
            try:
                request.setblocking(False)
                request.send(self._busy_answer)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._connection_slots.release()  # the thread never started
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connection_slots.release()

    def quota_lock(self, campaign):
        if self.config.max_objects is None and self.config.max_bytes is None:
            return contextlib.nullcontext()
        return self._quota_locks[hash(campaign) % len(self._quota_locks)]

    def take_injected_failure(self):
        with self._fail_lock:
            if self._fails_left > 0:
                self._fails_left -= 1
                return True
            return False

    def handle_error(self, request, client_address):
        # The default prints the client address; keep the traceback, drop the address.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            lines = traceback.format_exc().splitlines()  # exception texts may quote the client
            sys.stderr.write("error while handling a request:\n"
                             + "".join(log_safe(line) + "\n" for line in lines))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every response carries a Content-Length
    # TCP_NODELAY: on a kept-alive connection, Nagle's algorithm held back each response's body
    # (written after its headers) until the client's delayed ACK, about 40 ms per request.
    disable_nagle_algorithm = True

    def version_string(self):
        return "Parley"  # no Python or OS version in the Server header

    @property
    def config(self):
        return self.server.config

    def setup(self):
        # StreamRequestHandler.setup, with reads and writes bound to the request's deadline.
        self.connection = self.request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
        self.clock = RequestClock(self.config.request_timeout)
        self.rfile = io.BufferedReader(DeadlineReader(self.connection, self.clock), CHUNK)
        self.wfile = DeadlineWriter(self.connection, self.clock)

    def handle_one_request(self):
        """BaseHTTPRequestHandler.handle_one_request, on one deadline, answering 408 when late."""
        # The handler lives as long as the connection: forget the previous request.
        self.command, self.path, self.headers = None, "", None
        self._closing = False      # answer with Connection: close
        self._body_read = False    # a declared request body was consumed
        self._extra_headers = []   # added to every response of this request
        self._answered = False     # a status line was sent
        self.request_version = "HTTP/1.1"  # for a 408 before the request line is complete
        self.clock.start()         # an idle connection ends after the timeout too
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = self.request_version = self.command = ""
                self.send_error(414)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return  # parse_request has answered
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(501, f"Unsupported method ({self.command!r})")
                return
            method()
        except TimeoutError:
            self.close_connection = True
            self._answer_late()

    def _answer_late(self):
        if self._answered or self.clock.received == 0:
            return  # an idle kept-alive connection, or an answer already begun: just hang up
        self._closing = True
        try:
            self._text(408, "408 Request Timeout: the request did not arrive in time "
                            f"({self.config.request_timeout:g} s, plus a second for every "
                            f"{MIN_TRANSFER_RATE} bytes sent); send it again.\n")
        except OSError:
            pass  # the client is gone or not reading

    def handle_expect_100(self):
        return True  # 100 Continue is sent only once a PUT passed its checks (see _put_object)

    # --- logging: method, path (object names removed), status; never the client ---

    def log_request(self, code="-", size="-"):
        if not self.config.quiet:
            self.log_message("%s %s %d", self.command or "-", log_path(self.path), int(code))

    def log_message(self, format, *args):
        # Every text argument is escaped: methods, paths and error texts can come from a client.
        args = tuple(log_safe(a) if isinstance(a, str) else a for a in args)
        sys.stderr.write((format % args) + "\n")
        sys.stderr.flush()

    # --- responses ---

    def _begin(self, status, content_type=None, length=0, headers=()):
        """Sends the status line and headers; the caller writes the body (unless HEAD)."""
        declared = self.headers is not None and (
            self.headers.get("Content-Length", "0").strip() not in ("", "0")
            or "Transfer-Encoding" in self.headers)
        if declared and not self._body_read:
            self._closing = True  # an unread body would be parsed as the next request
        self._answered = True
        # The server's own work (hashing, fsync) is not the client's time: an answer always
        # has a moment to go out, and then one second per MIN_TRANSFER_RATE bytes.
        self.clock.grant(LATE_ANSWER_SECONDS)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status not in (204, 304):
            self.send_header("Content-Length", str(length))
        for key, value in [*COMMON_HEADERS, *self._extra_headers, *headers]:
            self.send_header(key, value)
        if self._closing:
            self.send_header("Connection", "close")
        self.end_headers()
        return self.command != "HEAD"

    def _send(self, status, body=b"", content_type=None, headers=()):
        if self._begin(status, content_type, len(body), headers) and body:
            self.wfile.write(body)

    def _text(self, status, text, headers=()):
        self._send(status, text.encode(), "text/plain; charset=utf-8", headers)

    def _json(self, status, obj, headers=()):
        body = (json.dumps(obj) + "\n").encode()
        self._send(status, body, "application/json", headers)

    def _error(self, status, code, message, headers=()):
        self._json(status, {"error": code, "message": message}, headers)

    def send_error(self, code, message=None, explain=None):
        # Used by http.server for requests it cannot parse: plain text, then hang up.
        self._closing = True
        reason = message or self.responses.get(code, ("Error",))[0]
        self._text(code, f"{code} {reason}\n")

    # --- dispatch ---

    def _route(self):
        raw = self.path.split("?", 1)[0].split("#", 1)[0]
        if raw == "/store" or raw.startswith("/store/"):
            self._handle_store(self.command, raw)
        elif not raw.startswith("/"):
            self.send_error(400, "Bad request target")
        elif self.command in ("GET", "HEAD") and raw == SITE_FILE:
            self._serve_site_file()
        elif self.command in ("GET", "HEAD"):
            self._serve_static(raw)
        else:
            self._text(405, "405 Method Not Allowed\n", [("Allow", "GET, HEAD")])

    # Methods without a do_* method get http.server's 501; these get a proper 405 instead.
    do_GET = do_HEAD = do_PUT = do_OPTIONS = do_POST = do_DELETE = do_PATCH = _route

    # --- static files ---

    def _static_file(self, raw):
        """The file under the web root for a URL path; None (404) or 'bad' (400)."""
        path = urllib.parse.unquote(raw)
        if "\\" in raw or "\\" in path or "\0" in path:
            return "bad"
        if any(seg in (".", "..") for seg in path.split("/")):
            return "bad"
        if path == "/":
            path = "/index.html"
        elif path.endswith("/"):
            return None  # no directory listings
        root = os.path.realpath(self.config.web_root)
        full = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if os.path.commonpath([root, full]) != root or not os.path.isfile(full):
            return None
        return full

    def _serve_site_file(self):
        # Always from --site, never from the web root: without --site there is no site file, so
        # the app behaves as before, whatever the build folder holds. 204 rather than 404: the
        # app asks on every start, and browsers log every 404 as an error in the console.
        if self.config.site_body is None:
            self._send(204, headers=[("Cache-Control", "no-cache")])
            return
        self._send(200, self.config.site_body, "application/json", [("Cache-Control", "no-cache")])

    def _serve_static(self, raw):
        if not os.path.isfile(os.path.join(self.config.web_root, "index.html")):
            self._text(503, NOT_BUILT)
            return
        full = self._static_file(raw)
        if full == "bad":
            self._text(400, "400 Bad Request\n")
            return
        try:
            f = open(full, "rb") if full else None
        except OSError:
            f = None
        if f is None:
            self._text(404, "404 Not Found\n")
            return
        content_type = MIME_TYPES.get(os.path.splitext(full)[1].lower(),
                                      "application/octet-stream")
        with f:
            st = os.fstat(f.fileno())
            coding, compressed = self._compressed_form(full, st)
            with compressed or contextlib.nullcontext():
                body = compressed or f
                etag = self.server.tags.of(body)  # of the bytes sent: each form has its own
                # no-cache unless asked for at its version: every visit asks again, and an
                # unchanged file costs a 304.
                query = urllib.parse.urlsplit(self.path).query
                kept = cache_control(query, self.server.tags.of(f) if compressed else etag)
                headers = [("Cache-Control", kept), ("ETag", etag),
                           ("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True)),
                           ("Vary", "Accept-Encoding")]
                if coding:
                    headers.append(("Content-Encoding", coding))
                if content_type.startswith("text/html"):
                    headers.append(("Content-Security-Policy", self.config.csp))
                if etag_matches(self.headers.get("If-None-Match"), etag):
                    self._send(304, headers=headers)
                    return
                size = os.fstat(body.fileno()).st_size
                if self._begin(200, content_type, size, headers):
                    shutil.copyfileobj(body, self.wfile, CHUNK)

    def _compressed_form(self, full, st):
        """(coding, open file) of the precompressed form to send, or (None, None).

        A form older than the file itself is stale (the file was rebuilt without it) and is
        never sent."""
        available = {}
        for coding, suffix in STATIC_ENCODINGS:
            try:
                cst = os.lstat(full + suffix)  # a symbolic link is never followed out of the root
            except OSError:
                continue
            if stat.S_ISREG(cst.st_mode) and cst.st_mtime_ns >= st.st_mtime_ns:
                available[coding] = full + suffix
        coding = choose_coding(self.headers.get("Accept-Encoding"), available)
        if coding is None:
            return None, None
        try:
            return coding, open(available[coding], "rb")  # closed by the caller
        except OSError:
            return None, None

    # --- blob store ---

    def _cors_origin(self):
        """The Access-Control-Allow-Origin value for this request, or None."""
        allowed = self.config.cors_origins
        if "*" in allowed:
            return "*"
        origin = self.headers.get("Origin")
        return origin if origin in allowed else None  # never echo an unlisted origin

    def _cors_headers(self):
        if not self.config.cors_origins:
            return []
        origin = self._cors_origin()
        if origin is None:
            return [("Vary", "Origin")]
        return [("Vary", "Origin"), ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Expose-Headers", "ETag")]

    def _handle_store(self, method, raw):
        self._extra_headers = [("Cache-Control", "no-store"), *self._cors_headers()]
        route = parse_store_path(raw)
        if method == "OPTIONS":
            self._preflight()
        elif route is None or (method == "PUT" and route[0] != "object"):
            self._error(400, "bad-name", "Expected /store/<campaign>/<name>: a campaign of "
                        "lower-case letters, digits and dashes, and a name of letters, digits, "
                        "'_' and '-' with an optional short extension.")
        elif route[0] == "redirect" and method in ("GET", "HEAD"):
            self._send(301, headers=[("Location", f"/store/{route[1]}/")])
        elif route[0] == "list" and method in ("GET", "HEAD"):
            with data_folder(self.config.data) as root, campaign_folder(root, route[1]) as folder:
                objects = list_objects(folder)
            self._json(200, {"campaign": route[1], "objects": objects})
        elif route[0] == "object" and method in ("GET", "HEAD"):
            self._get_object(route[1], route[2])
        elif route[0] == "object" and method == "PUT" and not writable_kind(route[2]):
            self._error(400, "bad-name", "Only envelopes are stored here, named "
                        "hex(BLAKE2b-16(body)).parley in lower case, besides mediators' reply "
                        "bundles, replies-DAY-M-S.parley (a real day YYYY-MM-DD, M 0-15, S 0-99), "
                        "the campaign's manifest, m-<base32 of its hash>.parley, "
                        f"and the campaign's {INVITATIONS} and {RELEASE}.")
        elif route[0] == "object" and method == "PUT":
            self._put_object(route[1], route[2])
        else:
            allow = STORE_METHODS if route[0] == "object" else "GET, HEAD, OPTIONS"
            self._error(405, "method-not-allowed", f"Allowed here: {allow}.",
                        [("Allow", allow)])

    def _preflight(self):
        headers = [("Allow", STORE_METHODS)]
        if self._cors_origin():
            headers += [("Access-Control-Allow-Methods", STORE_METHODS),
                        ("Access-Control-Allow-Headers", "Content-Type, If-None-Match"),
                        ("Access-Control-Max-Age", "600")]
        self._send(204, headers=headers)

    def _get_object(self, campaign, name):
        with data_folder(self.config.data) as root, campaign_folder(root, campaign) as folder:
            f = open_object(folder, name)
        if f is None:
            self._error(404, "not-found", "No object with this name in this campaign.")
            return
        with f:  # the descriptor keeps these bytes even if a replaceable name moves on
            etag = etag_of(sha256_of_file(f))
            if etag_matches(self.headers.get("If-None-Match"), etag):
                self._send(304, headers=[("ETag", etag)])
                return
            f.seek(0)
            size = os.fstat(f.fileno()).st_size
            if self._begin(200, "application/octet-stream", size, [("ETag", etag)]):
                shutil.copyfileobj(f, self.wfile, CHUNK)

    def _size_limit(self, kind):
        """The largest body accepted for this kind of object, and why, for the 413."""
        if kind == "envelope":
            return self.config.max_blob, "an envelope is at most {} bytes here (--max-blob)"
        if kind == "replies":
            return MAX_REPLIES_BUNDLE, "a reply bundle is at most {} bytes (1024 replies)"
        if kind == "invitations":
            return MAX_INVITATIONS, f"{INVITATIONS} is at most {{}} bytes"
        if kind == "manifest":
            return MAX_MANIFEST, "a stored campaign is at most {} bytes"
        return self.config.max_release, f"{RELEASE} is at most {{}} bytes here (--max-release)"

    def _put_length(self, kind):
        """The declared body size, or (status, code, message) when it is unusable."""
        if "Transfer-Encoding" in self.headers:
            return (411, "length-required", "Send the body with a Content-Length, not chunked.")
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return (411, "length-required", "A Content-Length header is required.")
        if len(set(values)) != 1 or not LENGTH_RE.fullmatch(values[0].strip()):
            return (400, "bad-length", "The Content-Length header is not a valid number.")
        length = int(values[0])
        limit, why = self._size_limit(kind)
        if length > limit:
            return (413, "too-large", f"Too large: {why.format(limit)}.")
        if length == 0:
            return (400, "empty", "The body is empty.")
        return length

    def _receive_body(self, length, obj):
        """Copies the body into obj; False when it ended before Content-Length bytes."""
        if self.headers.get("Expect", "").lower() == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        left = length
        while left:
            try:
                chunk = self.rfile.read(min(CHUNK, left))
            except ConnectionError:
                chunk = b""  # (a TimeoutError goes up to handle_one_request: 408)
            if not chunk:
                return False
            obj.write(chunk)
            left -= len(chunk)
        self._body_read = True
        return True

    def _exists(self, campaign, name):
        with data_folder(self.config.data) as root, campaign_folder(root, campaign) as folder:
            f = open_object(folder, name)
        if f:
            f.close()
        return f is not None

    def _put_object(self, campaign, name):
        kind = writable_kind(name)
        create_only = self.headers.get("If-None-Match", "").strip() == "*"
        if create_only and self._exists(campaign, name):
            self._error(412, "exists", "An object with this name already exists.")
            return
        length = self._put_length(kind)
        if isinstance(length, tuple):
            self._error(*length)  # 413 included: the body is never read, the connection closes
            return
        if kind in QUOTA_KINDS and self._campaign_full(campaign, name, length):
            return  # refused before the body: a full campaign stays full
        # Only the invitations statement is replaced (the release, envelopes and reply bundles are
        # written once), and never under If-None-Match: *.
        replace = kind == "invitations" and not create_only
        try:
            outcome = self._store(campaign, name, length, replace)
        except TimeoutError:
            raise  # the client's deadline, not the disk: 408 (see handle_one_request)
        except OSError as e:
            self.log_message("storing a blob failed: %s", e.strerror or str(e))
            if e.errno in (errno.ENOSPC, errno.EDQUOT):
                self._error(507, "disk-full", "The server's disk is full; try again later.")
            else:
                self._error(500, "storage-failed", "The server could not store the object.")
            return
        if outcome is not None:
            self._answer_store(kind, outcome[0], create_only, outcome[1])

    def _store(self, campaign, name, length, replace):
        """Receives and stores the body: (outcome, etag), or None once a refusal was sent."""
        with data_folder(self.config.data) as root:
            obj = NewObject(root)
            try:
                if not self._receive_body(length, obj):
                    self._error(400, "short-body", "The body ended before Content-Length bytes.")
                    return None
                obj.finish()
                own_name = obj.blake2b.hexdigest() + ".parley"
                if ENVELOPE_NAME_RE.fullmatch(name) and name != own_name:
                    # 400, not 422: the app's outbox retries 422 and this answer never changes.
                    self._error(400, "name-mismatch", "An envelope's name is hex(BLAKE2b-16) of "
                                f"its bytes; this body's name would be {own_name}.")
                    return None
                if MANIFEST_NAME_RE.fullmatch(name) and manifest_name_of(obj.read_all()) != name:
                    self._error(400, "name-mismatch", "A stored campaign's name is m-base32("
                                "BLAKE2b-32 of its body).parley; this body is not that campaign.")
                    return None
                if self.server.take_injected_failure():
                    self._error(503, "unavailable",
                                "Storage is unavailable (injected by --fail-puts).")
                    return None
                with (campaign_folder(root, campaign, create=True) as folder,
                      self.server.quota_lock(campaign)):
                    if writable_kind(name) in QUOTA_KINDS and self._campaign_full_at(
                            folder, name, obj.size):
                        return None
                    commit = obj.replace if replace else obj.link
                    return commit(folder, name), etag_of(obj.sha256)
            finally:
                obj.discard()

    def _campaign_full(self, campaign, name, size):
        """Sends 507 and answers True when one more envelope or reply bundle would exceed a
        campaign quota."""
        with data_folder(self.config.data) as root, campaign_folder(root, campaign) as folder:
            return folder is not None and self._campaign_full_at(folder, name, size)

    def _campaign_full_at(self, folder, name, size):
        max_objects, max_bytes = self.config.max_objects, self.config.max_bytes
        if max_objects is None and max_bytes is None:
            return False
        existing = open_object(folder, name)
        if existing:  # a retry of a stored object adds nothing: let it be answered 200 (or 409)
            existing.close()
            return False
        count, used = quota_usage(folder)
        if max_objects is not None and count + 1 > max_objects:
            why = (f"this campaign already holds {count} envelopes and reply bundles, the most "
                   f"this server keeps for one campaign (--max-objects {max_objects})")
        elif max_bytes is not None and used + size > max_bytes:
            why = (f"this campaign's envelopes and reply bundles would take more than {max_bytes} "
                   f"bytes, the most this server keeps for one campaign (--max-bytes {max_bytes})")
        else:
            return False
        self._error(507, "campaign-full", f"Not stored: {why}. Tell the campaign's organiser.")
        return True

    def _answer_store(self, kind, outcome, create_only, etag):
        headers = [("ETag", etag)]
        if outcome == "stored":
            self._json(201, {"status": "stored"}, headers)
        elif create_only:
            self._error(412, "exists", "An object with this name already exists.")
        elif outcome in ("exists", "replaced"):
            self._json(200, {"status": outcome}, headers)
        elif kind == "release":
            self._error(409, "conflict", f"This campaign's {RELEASE} is already stored and is "
                        "written only once; a different release cannot replace it.")
        elif kind == "replies":
            self._error(409, "conflict", "A different reply bundle with this name is already "
                        "stored, and bundles are written only once; send this one under the "
                        "day's next free sending number.")
        else:
            self._error(409, "conflict", "A different object with this name already exists; "
                        "stored objects never change.")


# --- command line ---

def origin_arg(value):
    if value == "*" or ORIGIN_RE.fullmatch(value):
        return value
    raise argparse.ArgumentTypeError(f"not an origin like http://127.0.0.1:8001 or *: {value!r}")


def csp_source_arg(value):
    if CSP_SOURCE_RE.fullmatch(value):
        return value
    raise argparse.ArgumentTypeError(f"not a CSP source like https://storage.example: {value!r}")


SITE_FILE = "/parley-site.json"
MAX_SITE_BYTES = 64 * 1024


def read_site_file(path):
    """The site file's bytes and the storage origins it lists.

    The app reads the file strictly (src/core/site.cpp) and refuses links outside it; serve.py
    only needs the origins, for the CSP's connect-src, and refuses a file it cannot use at all
    rather than serve one the app would reject."""
    try:
        with open(path, "rb") as f:
            body = f.read(MAX_SITE_BYTES + 1)
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror}")
    if len(body) > MAX_SITE_BYTES:
        raise ValueError(f"{path} is larger than {MAX_SITE_BYTES} bytes")
    try:
        site = json.loads(body)
    except ValueError:
        raise ValueError(f"{path} is not JSON")
    storage = site.get("storage") if isinstance(site, dict) else None
    if (not isinstance(storage, list) or not storage
            or not all(isinstance(o, str) and ORIGIN_RE.fullmatch(o) for o in storage)):
        raise ValueError(f"{path} needs \"storage\": a list of origins like https://store.example.org")
    return body, storage


def non_negative_int(value):
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def positive_int(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def positive_seconds(value):
    seconds = float(value)
    if not 0 < seconds <= 86400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400 seconds")
    return seconds


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Build Parley (tools/build web) and serve it with its embedded blob store. "
                    "Client addresses are never logged.",
        epilog="Static files come from the web root; objects live at /store/<campaign>/<name> "
               "(PUT, GET, HEAD) and /store/<campaign>/ lists them. PUT accepts envelopes named "
               f"hex(BLAKE2b-16(body)).parley (write-once), mediators' reply bundles named "
               f"replies-DAY-M-S.parley (write-once, listed, at most {MAX_REPLIES_BUNDLE} bytes) "
               f"and the trustee's two objects, as on every storage: {INVITATIONS} (at most "
               f"{MAX_INVITATIONS} bytes) may be replaced, {RELEASE} is written once.")
    p.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                   help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=non_negative_int, default=8000, metavar="N",
                   help="port to listen on; 0 picks a free one (default: %(default)s)")
    p.add_argument("--data", default="data", metavar="DIR",
                   help="where blobs are stored (default: ./data in the current directory)")
    p.add_argument("--web-root", default=os.path.join(REPO, "build", "web"), metavar="DIR",
                   help="the built app to serve (default: %(default)s)")
    p.add_argument("--max-blob", type=non_negative_int, default=MAX_ENVELOPE, metavar="BYTES",
                   help="largest accepted envelope (default: %(default)s, the largest envelope "
                        "Parley writes)")
    p.add_argument("--max-release", type=non_negative_int, default=DEFAULT_MAX_RELEASE,
                   metavar="BYTES",
                   help=f"largest accepted {RELEASE}, the trustee's release of the results "
                        "(default: %(default)s = 256 MiB, about 100,000 answers)")
    p.add_argument("--max-objects", type=positive_int, metavar="N",
                   help="most envelopes, reply bundles and stored manifests (short links) kept "
                        "per campaign; more are answered 507 (default: no limit)")
    p.add_argument("--max-bytes", type=positive_int, metavar="BYTES",
                   help="most bytes of envelopes, reply bundles and stored manifests kept per "
                        "campaign; more are answered 507 (default: no limit). Reply bundles count "
                        "because anyone who can reach the store can write them and their number "
                        f"has no bound of its own; {INVITATIONS} and {RELEASE}, one of each, are not counted, "
                        "so a full campaign can still be released. Leave room for the mediators' "
                        "replies: a full campaign refuses them too")
    p.add_argument("--max-connections", type=positive_int, default=DEFAULT_MAX_CONNECTIONS,
                   metavar="N",
                   help="most connections served at once, each by a thread; more are answered "
                        "503 (default: %(default)s, lowered to fit the open-file limit)")
    p.add_argument("--request-timeout", type=positive_seconds, default=DEFAULT_REQUEST_TIMEOUT,
                   metavar="SECONDS",
                   help="deadline for a request's headers, body and answer together, from its "
                        f"first byte, plus 1 s for every {MIN_TRANSFER_RATE} bytes transferred; "
                        "a later request is answered 408 and its connection closed, and a "
                        "connection idle that long is closed (default: %(default)g)")
    p.add_argument("--cors-origin", type=origin_arg, action="append", default=[], metavar="ORIGIN",
                   help="allow this origin (exact, or *) to use /store/ cross-origin; repeatable")
    p.add_argument("--connect-src", type=csp_source_arg, action="append", default=[],
                   metavar="ORIGIN",
                   help="add an origin (e.g. external storage) to the CSP connect-src; repeatable")
    p.add_argument("--site", metavar="FILE",
                   help="serve FILE as /parley-site.json (docs/DEPLOYING.md): the app then accepts only "
                        "campaigns signed by the keys it lists, and the CSP lets the page connect to "
                        "exactly its storage origins")
    p.add_argument("--no-build", action="store_true",
                   help="skip set-up and build; serve what is already in the web root")
    p.add_argument("--fail-puts", type=non_negative_int, default=0, metavar="N",
                   help="for testing: answer the first N blob PUTs with 503 without storing")
    p.add_argument("--quiet", action="store_true", help="do not log one line per request")
    args = p.parse_args(argv)
    if args.port > 65535:
        p.error("--port must be at most 65535")
    args.data = os.path.abspath(args.data)
    args.web_root = os.path.abspath(args.web_root)
    args.cors_origins = frozenset(args.cors_origin)
    site_origins = []
    args.site_body = None
    if args.site:
        try:
            args.site_body, site_origins = read_site_file(args.site)
        except ValueError as e:
            p.error(f"--site: {e}")
    args.csp = content_security_policy([*site_origins, *args.connect_src])
    return args


def build():
    script = os.path.join(REPO, "tools", "build")
    if not os.path.isfile(script):
        sys.exit(f"serve.py: {script} is missing; run with --no-build to serve an existing build")
    try:
        code = subprocess.run([script, "web"]).returncode
    except KeyboardInterrupt:
        sys.exit(130)
    if code != 0:
        print(f"serve.py: tools/build web failed (exit {code})", file=sys.stderr)
        sys.exit(code if code > 0 else 1)  # negative: the build was killed by a signal


def raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    config = parse_args(argv)
    if not config.no_build:
        build()
    os.makedirs(config.data, exist_ok=True)
    allowed = fit_file_limit(config.max_connections)
    if allowed < config.max_connections:
        print(f"serve.py: serving at most {allowed} connections at once, not "
              f"{config.max_connections}: the open-file limit (ulimit -n) allows no more",
              file=sys.stderr)
        config.max_connections = allowed
    try:
        server = ParleyServer(config, Handler)
    except OSError as e:
        sys.exit(f"serve.py: cannot listen on {config.bind}:{config.port}: {e.strerror}")
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGINT, raise_interrupt)  # even when started with SIGINT ignored (`cmd &`)
    try:  # entered before the URL is printed, so an immediate Ctrl-C still exits cleanly
        print(f"Parley serving http://{shown}:{port}/ (data: {config.data}, pid {os.getpid()})",
              flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
