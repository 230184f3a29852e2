#!/usr/bin/env python3
"""Real storage servers for Parley's storage tests: nginx (WebDAV) and a single-node Ceph (radosgw).

Everything lives under one temporary folder and listens on 127.0.0.1 only. Every daemon that is
started is recorded in a pid file under that folder and stopped again by stop(): after the tests,
on failure, on SIGTERM/SIGHUP and at exit. `servers.py stop DIR` stops what a killed run left.

    python3 tests/storage/servers.py nginx --origin http://127.0.0.1:8000 [--port N] [--inbox-only]
    python3 tests/storage/servers.py ceph --origin http://127.0.0.1:8000 [--port N]
    python3 tests/storage/servers.py stop /tmp/parley-storage-XXXX

Anonymity: nginx gets `access_log off` and keeps only emerg-level errors (request errors name
the client's address). radosgw logs to a file in the folder with debug_rgw 0/0: its beast
front end writes one line per request *with the client's address* at level 1 and above, and the
ops log (off by default, kept off) records it too.

Needs Debian's nginx and ceph-mon ceph-osd radosgw ceph-common (tools/setup --tests) and the
native CLI (build/native/src/parley, or $PARLEY), which writes the nginx site and signs requests.
Python 3.11 standard library only.
"""

import argparse
import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_PARLEY = os.path.join(REPO, "build", "native", "src", "parley")


def require_servers():
    """Skips the calling test module when nginx or Ceph is not installed (tools/setup --tests)."""
    missing = [p for p in ("nginx", "ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "ceph-authtool")
               if not shutil.which(p) and not os.path.exists(f"/usr/sbin/{p}")]
    if missing:
        raise unittest.SkipTest(f"missing {', '.join(missing)}: run tools/setup --tests")


def find_parley():
    path = os.environ.get("PARLEY", DEFAULT_PARLEY)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"the parley CLI is missing at {path}: run tools/build native (or set $PARLEY)")
    return path


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def port_open(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def run(cmd, timeout=60, env=None, input=None):
    """Runs a set-up command; its output is kept for the error message only."""
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, input=input,
                       stdin=None if input is not None else subprocess.DEVNULL)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed ({r.returncode}): {(r.stderr or r.stdout).strip()[-2000:]}")
    return r.stdout


# --- processes and pid files -----------------------------------------------------------------

class Daemons:
    """Daemons started in the foreground as children, each recorded in <dir>/pids/<name>.pid."""

    def __init__(self, folder):
        self.pid_dir = os.path.join(folder, "pids")
        os.makedirs(self.pid_dir, exist_ok=True)
        self.children = []  # (name, Popen), in start order

    def start(self, name, cmd, log):
        with open(log, "ab") as out:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # a Ctrl-C in the terminal is ours to handle
        with open(os.path.join(self.pid_dir, name + ".pid"), "w") as f:
            f.write(f"{proc.pid} {os.path.basename(cmd[0])}\n")
        self.children.append((name, proc))
        return proc

    def check_alive(self, name):
        for n, proc in self.children:
            if n == name and proc.poll() is not None:
                raise RuntimeError(f"{name} exited with status {proc.returncode}")

    def start_and_wait(self, name, cmd, log, what, ready, timeout, interval=0.2):
        """start(), then waits until ready(proc) is true; fails at once if the daemon exits."""
        proc = self.start(name, cmd, log)

        def check():
            self.check_alive(name)
            return ready(proc)
        wait_for(what, check, timeout, interval)
        return proc

    def stop_all(self, timeout=10):
        """Stops every daemon, newest first: SIGTERM, then SIGKILL after `timeout` seconds."""
        for name, proc in reversed(self.children):
            stop_process(proc.pid, os.path.basename(proc.args[0]), timeout, proc)
            try:
                os.remove(os.path.join(self.pid_dir, name + ".pid"))
            except FileNotFoundError:
                pass
        self.children = []


def process_matches(pid, exe):
    """True when pid is alive and runs the program `exe` (guards against a recycled pid).

    /proc/PID/exe, not the command line: nginx rewrites its argv ("nginx: master process ...").
    """
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        program = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
    except (OSError, IndexError):
        return False
    return state != "Z" and program.removesuffix(" (deleted)") == exe


def stop_process(pid, exe, timeout, proc=None):
    if not process_matches(pid, exe):
        if proc is not None:
            proc.poll()
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return
        if proc is None and not process_matches(pid, exe):
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if proc is not None:
        proc.wait(timeout=5)


def stop_folder(folder, timeout=10):
    """Stops what the pid files in folder/pids name (for runs that were killed)."""
    pid_dir = os.path.join(folder, "pids")
    if not os.path.isdir(pid_dir):
        return 0
    stopped = 0
    for entry in sorted(os.listdir(pid_dir), reverse=True):
        path = os.path.join(pid_dir, entry)
        try:
            pid_text, exe = open(path).read().split()
            if process_matches(int(pid_text), exe):
                stop_process(int(pid_text), exe, timeout)
                stopped += 1
        except (OSError, ValueError):
            pass
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
    return stopped


_ACTIVE = []


def _stop_active():
    while _ACTIVE:
        try:
            _ACTIVE.pop().stop()
        except Exception as e:  # keep stopping the others
            print(f"servers.py: stopping failed: {e}", file=sys.stderr)


atexit.register(_stop_active)


def install_signal_handlers():
    """SIGTERM and SIGHUP act like Ctrl-C: finally blocks and atexit run, and unittest stops the
    whole run (it records other exceptions, SystemExit included, as one failed test and goes on)."""
    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, handler)


class Server:
    """Base: a temporary folder, its daemons, stop() that is safe to call twice.

    Subclasses implement _start(timeout); start() stops whatever did start when it fails.
    """

    start_timeout = 30

    def __init__(self, folder=None, keep=False):
        self.own_folder = folder is None
        self.folder = folder or tempfile.mkdtemp(prefix="parley-storage-")
        self.keep = keep
        self.daemons = Daemons(self.folder)
        _ACTIVE.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=None):
        try:
            self._start(timeout or self.start_timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        self.daemons.stop_all()
        if self in _ACTIVE:
            _ACTIVE.remove(self)
        if self.own_folder and not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)


# --- nginx -----------------------------------------------------------------------------------

class Nginx(Server):
    """nginx on 127.0.0.1:port with the site `parley store nginx-conf` writes.

    PUT http://127.0.0.1:port/store/<campaign>/<name> stores; GET .../<campaign>/ lists as JSON
    (unless inbox_only). Files land in <folder>/data/.
    """

    start_timeout = 15

    def __init__(self, origin, port=0, inbox_only=False, max_bytes=1048576, folder=None, keep=False, access_log=False):
        super().__init__(folder, keep)
        self.origin, self.inbox_only, self.max_bytes = origin, inbox_only, max_bytes
        self.port = port or free_port()
        self.data = os.path.join(self.folder, "data")
        self.url = f"http://127.0.0.1:{self.port}/store/"
        # access_log: the tests' own view of what readers ask for, one "METHOD URI STATUS" line
        # per request in access_log_path; never the client's address (the site's rule).
        self.access_log_path = os.path.join(self.folder, "nginx", "logs", "access.log") if access_log else None

    def access_log(self):
        """[(method, uri, status)] of every request so far (access_log=True only)."""
        try:
            with open(self.access_log_path) as f:
                return [tuple(line.split()) for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def _start(self, timeout):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        prefix = os.path.join(self.folder, "nginx")
        logs = os.path.join(prefix, "logs")
        for d in (self.data, logs, os.path.join(prefix, "tmp")):
            os.makedirs(d, exist_ok=True)
        site = run([find_parley(), "store", "nginx-conf", "--root", self.data, "--origin", self.origin,
                    "--port", str(self.port), "--max-bytes", str(self.max_bytes),
                    "--error-log", os.path.join(logs, "error.log")]
                   + (["--inbox-only"] if self.inbox_only else []))
        log_format = ""
        if self.access_log_path:
            site = site.replace("    access_log off;\n", f"    access_log {self.access_log_path} parley_test;\n", 1)
            log_format = "log_format parley_test '$request_method $uri $status';"
        with open(os.path.join(prefix, "parley-site.conf"), "w") as f:
            f.write(site)
        user = ""
        if os.geteuid() == 0:
            # The workers run as nobody: the stored files and nginx's temporary bodies must be theirs.
            user = "user nobody nogroup;"
            os.chmod(self.folder, 0o711)  # mkdtemp's 0700 would keep the workers out
            for d in (self.data, os.path.join(prefix, "tmp")):
                os.chown(d, 65534, 65534)
        tmp = os.path.join(prefix, "tmp")
        conf = f"""# Generated by tests/storage/servers.py; not Debian's default site.
{user}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {logs}/error.log emerg;
daemon off;
events {{ worker_connections 512; }}
http {{
    default_type application/octet-stream;
    access_log off;
    {log_format}
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {prefix}/parley-site.conf;
}}
"""
        conf_path = os.path.join(prefix, "nginx.conf")
        with open(conf_path, "w") as f:
            f.write(conf)
        run([nginx, "-t", "-q", "-p", prefix, "-e", os.path.join(logs, "error.log"), "-c", conf_path])
        def ready(proc):  # nginx writes its pid file once it listens; an open port alone could be another's
            with open(os.path.join(prefix, "nginx.pid")) as f:
                return f.read().strip() == str(proc.pid) and port_open(self.port)
        self.daemons.start_and_wait("nginx", [nginx, "-p", prefix, "-e", os.path.join(logs, "error.log"), "-c", conf_path],
                                    os.path.join(logs, "stderr.log"), "nginx", ready, timeout)


# --- Ceph ------------------------------------------------------------------------------------

CEPH_CONF = """# Generated by tests/storage/servers.py: one mon, one memstore OSD, one radosgw; 127.0.0.1 only.
[global]
fsid = {fsid}
mon_host = [v2:127.0.0.1:{mon_v2},v1:127.0.0.1:{mon_v1}]
mon_initial_members = a
public_addr = 127.0.0.1
public_network = 127.0.0.0/8
ms_bind_ipv4 = true
ms_bind_ipv6 = false
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
auth_allow_insecure_global_id_reclaim = false
keyring = {dir}/keys/$cluster.$name.keyring
run_dir = {dir}/run
admin_socket = {dir}/run/$cluster-$name.asok
pid_file = {dir}/run/$cluster-$name.pid
log_file = {dir}/log/$cluster-$name.log
log_to_stderr = false
err_to_stderr = true
mon_cluster_log_file = {dir}/log/cluster.log
crash_dir = {dir}/crash
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_allow_pool_delete = true
mon_warn_on_pool_no_redundancy = false
mon_data_avail_warn = 1
mon_data_avail_crit = 0
debug_ms = 0/0
debug_mon = 0/0
debug_osd = 0/0
debug_auth = 0/0
debug_monc = 0/0

[mon]
mon_data = {dir}/mon/$cluster-$id
keyring = {dir}/mon/$cluster-$id/keyring

[osd]
osd_data = {dir}/osd/$cluster-$id
osd_objectstore = memstore
memstore_device_bytes = 2147483648

[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:{rgw_port}
rgw_data = {dir}/rgw
rgw_enable_ops_log = false
rgw_enable_usage_log = false
# Level 1+ logs one line per request with the client's address (beast front end).
debug_rgw = 0/0
rgw_thread_pool_size = 64
"""


class Ceph(Server):
    """A single-node Ceph: mon a, osd.0 on memstore, radosgw (beast) on 127.0.0.1:port.

    After start(): an S3 user with access_key/secret_key, and `bucket` with CORS for `origin`
    and a bucket policy allowing anonymous PutObject under `inbox_prefix` (nothing else).
    Objects are kept in memory (memstore); the folder is removed at stop().
    """

    start_timeout = 120

    def __init__(self, origin, port=0, bucket="parley-inbox", inbox_prefix="incoming/", folder=None, keep=False):
        super().__init__(folder, keep)
        self.origin, self.bucket, self.inbox_prefix = origin, bucket, inbox_prefix
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.region = "us-east-1"
        self.access_key = "PARLEYTEST" + uuid.uuid4().hex[:10].upper()
        self.secret_key = uuid.uuid4().hex + uuid.uuid4().hex[:8]
        self.dir = os.path.join(self.folder, "ceph")
        self.conf = os.path.join(self.dir, "ceph.conf")
        self.secret_file = os.path.join(self.folder, "s3-secret-key")

    def ceph(self, *args, timeout=60):
        return run(["ceph", "-c", self.conf, "-n", "client.admin", "--connect-timeout", "20", *args], timeout=timeout)

    def _start(self, timeout):
        started = time.monotonic()
        left = lambda: max(5.0, timeout - (time.monotonic() - started))
        for sub in ("keys", "run", "log", "crash", "mon", "osd/ceph-0", "rgw"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        fsid = str(uuid.uuid4())
        mon_v2, mon_v1 = free_port(), free_port()
        with open(self.conf, "w") as f:
            f.write(CEPH_CONF.format(fsid=fsid, mon_v2=mon_v2, mon_v1=mon_v1, dir=self.dir, rgw_port=self.port))
        keys = os.path.join(self.dir, "keys")
        mon_keyring = os.path.join(keys, "ceph.mon..keyring")
        run(["ceph-authtool", "--create-keyring", mon_keyring, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *"])
        for name, caps in (("client.admin", ["mon", "allow *", "osd", "allow *", "mgr", "allow *", "mds", "allow *"]),
                           ("client.rgw.a", ["mon", "allow rw", "osd", "allow rwx", "mgr", "allow rw"])):
            keyring = os.path.join(keys, f"ceph.{name}.keyring")
            cap_args = [a for i in range(0, len(caps), 2) for a in ("--cap", caps[i], caps[i + 1])]
            run(["ceph-authtool", "--create-keyring", keyring, "--gen-key", "-n", name, *cap_args])
            run(["ceph-authtool", mon_keyring, "--import-keyring", keyring])
        os.chmod(mon_keyring, 0o600)
        monmap = os.path.join(self.dir, "monmap")
        run(["monmaptool", "--create", "--fsid", fsid, "--addv", "a",
             f"[v2:127.0.0.1:{mon_v2},v1:127.0.0.1:{mon_v1}]", monmap])
        run(["ceph-mon", "-c", self.conf, "--mkfs", "-i", "a", "--monmap", monmap, "--keyring", mon_keyring])
        self.daemons.start_and_wait("1-mon", ["/usr/bin/ceph-mon", "-f", "-c", self.conf, "-i", "a"],
                                    os.path.join(self.dir, "log", "mon.stderr"), "ceph-mon",
                                    lambda proc: port_open(mon_v2), left())

        osd_uuid = str(uuid.uuid4())
        osd_key = run(["ceph-authtool", "--gen-print-key"]).strip()
        osd_id = run(["ceph", "-c", self.conf, "-n", "client.admin", "--connect-timeout", "20", "osd", "new", osd_uuid,
                      "-i", "-"], input=json.dumps({"cephx_secret": osd_key}), timeout=left()).strip()
        if osd_id != "0":
            raise RuntimeError(f"unexpected OSD id {osd_id!r}")
        osd_dir = os.path.join(self.dir, "osd", "ceph-0")
        run(["ceph-authtool", "--create-keyring", os.path.join(osd_dir, "keyring"), "--name", "osd.0", "--add-key", osd_key])
        run(["ceph-osd", "-c", self.conf, "-i", "0", "--mkfs", "--osd-uuid", osd_uuid,
             "--keyring", os.path.join(osd_dir, "keyring")], timeout=left())
        def osd_up(proc):
            stat = json.loads(self.ceph("osd", "stat", "--format", "json", timeout=20))
            return stat.get("num_up_osds", stat.get("osdmap", {}).get("num_up_osds", 0)) == 1
        self.daemons.start_and_wait("2-osd", ["/usr/bin/ceph-osd", "-f", "-c", self.conf, "-i", "0",
                                              "--keyring", os.path.join(osd_dir, "keyring")],
                                    os.path.join(self.dir, "log", "osd.stderr"), "the OSD to come up", osd_up, left(),
                                    interval=0.5)

        def rgw_ready(proc):  # an S3 answer (request id), not merely an open port: it could be another's
            try:
                with urllib.request.urlopen(self.endpoint + "/", timeout=2) as r:
                    return r.headers.get("x-amz-request-id") is not None
            except urllib.error.HTTPError as e:
                return e.headers.get("x-amz-request-id") is not None
        self.daemons.start_and_wait("3-rgw", ["/usr/bin/radosgw", "-f", "-c", self.conf, "-n", "client.rgw.a",
                                              "--keyring", os.path.join(keys, "ceph.client.rgw.a.keyring")],
                                    os.path.join(self.dir, "log", "rgw.stderr"), f"radosgw to answer on port {self.port}",
                                    rgw_ready, left(), interval=0.3)

        run(["radosgw-admin", "-c", self.conf, "-n", "client.admin", "user", "create", "--uid", "parley",
             "--display-name", "Parley tests", "--access-key", self.access_key, "--secret-key", self.secret_key],
            timeout=left())
        with open(self.secret_file, "w") as f:
            os.chmod(self.secret_file, 0o600)
            f.write(self.secret_key + "\n")
        self.s3_put(f"{self.endpoint}/{self.bucket}")
        self.s3_put(f"{self.endpoint}/{self.bucket}?cors", self.cli_text("s3-cors", "--origin", self.origin),
                    "application/xml")
        self.s3_put(f"{self.endpoint}/{self.bucket}?policy",
                    self.cli_text("s3-inbox-policy", "--bucket", self.bucket, "--prefix", self.inbox_prefix),
                    "application/json")
        self.startup_seconds = time.monotonic() - started

    def cli_env(self):
        return dict(os.environ, PARLEY_S3_ACCESS_KEY=self.access_key, PARLEY_S3_REGION=self.region)

    def cli_text(self, *args):
        return run([find_parley(), "store", *args])

    def s3_put(self, url, body=None, content_type=None):
        """A signed PUT through the CLI (create bucket, set CORS, set policy)."""
        cmd = [find_parley(), "store", "s3-put", "--url", url, "--secret-key-file", self.secret_file]
        if content_type:
            cmd += ["--content-type", content_type]
        body_file = None
        if body is not None:
            body_file = os.path.join(self.folder, "s3-put-body")
            with open(body_file, "w") as f:
                f.write(body)
            cmd += ["--body-file", body_file]
        run(cmd, env=self.cli_env())


# --- command line ----------------------------------------------------------------------------

def main(argv=None):
    p = argparse.ArgumentParser(description="Start real storage servers for Parley's tests (127.0.0.1 only).")
    sub = p.add_subparsers(dest="what", required=True)
    for name in ("nginx", "ceph"):
        s = sub.add_parser(name)
        s.add_argument("--origin", default="http://127.0.0.1:8000", help="the app's origin, for CORS")
        s.add_argument("--port", type=int, default=0, help="0 picks a free one")
        s.add_argument("--keep", action="store_true", help="keep the folder after stopping")
        if name == "nginx":
            s.add_argument("--inbox-only", action="store_true", help="PUT only: no GET, no listing")
    s = sub.add_parser("stop", help="stop the daemons named by DIR/pids/*.pid (after a killed run)")
    s.add_argument("folder")
    args = p.parse_args(argv)
    if args.what == "stop":
        print(f"stopped {stop_folder(args.folder)} daemon(s)")
        return 0
    install_signal_handlers()
    if args.what == "nginx":
        server = Nginx(args.origin, args.port, inbox_only=args.inbox_only, keep=args.keep).start()
        print(f"nginx WebDAV at {server.url} (files: {server.data}); Ctrl-C stops it", flush=True)
    else:
        server = Ceph(args.origin, args.port, keep=args.keep).start()
        print(f"radosgw at {server.endpoint} bucket {server.bucket} region {server.region}\n"
              f"access key {server.access_key}, secret key in {server.secret_file}\n"
              f"started in {server.startup_seconds:.1f} s; Ctrl-C stops it", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
