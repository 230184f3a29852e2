#!/usr/bin/env python3
"""What the app costs to download: prints figures, never passes or fails.

    python3 tests/bench/size.py [--web-root build/web]

1. Every file of the web root, raw and in the .gz and .br forms the build writes next to it.
2. A cold visit of the employee form (a campaign link), measured over HTTP from serve.py
   (started here with --no-build on a free port and a throwaway store) with Accept-Encoding:
   br, gzip: the page, what it references, the respondents' build edition.js preloads
   (answer.js, answer.wasm) and the site file the app asks for; bytes on the wire, headers
   included. Target: at most 350 KB. Then what respondents fetch once the form is on screen,
   whatever they type (the fallback fonts, docs/DEVELOPING.md), which the first frame never
   waits for.
3. The same visit again as a browser makes it: files named at their content version (index.html's
   ?v=, edition.js's versions) are kept for ever and not asked for; the rest are asked for with
   the ETags the first visit got. What a repeat visit costs.
4. For comparison, an organiser's cold visit: the full app and the worker pool it starts.

Python 3 standard library only.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Loaded by code rather than named in index.html: edition.js preloads the build for the page's
# address (a campaign link gets the respondents'), main_web.cpp asks for the site file before
# the first frame.
FORM_BY_CODE = ["answer.js", "answer.wasm", "parley-site.json"]
# The full app instead, and the worker pool it starts (app/opener_web.cpp).
ORGANISER_BY_CODE = ["parley.js", "parley.wasm", "parley-site.json", "parley_worker.js", "parley_worker.wasm"]
# Fetched by every respondent when the form opens (ui/font_fallback.h, fetch_all).
AFTER_FIRST_FRAME = ["fonts/NotoSans-scripts.ttf", "fonts/wqy-microhei.ttc", "fonts/Symbola_hint.ttf"]
TARGET = 350 * 1024


def kb(n):
    return f"{n / 1024:,.1f} KB"


def file_table(web_root):
    rows = []
    for folder, _, files in os.walk(web_root):
        for name in files:
            if name.endswith((".br", ".gz", ".tmp")):
                continue
            path = os.path.join(folder, name)
            sizes = [os.path.getsize(path)]
            for suffix in (".gz", ".br"):
                sizes.append(os.path.getsize(path + suffix) if os.path.exists(path + suffix) else None)
            rows.append((os.path.relpath(path, web_root), *sizes))
    rows.sort(key=lambda r: -r[1])
    print(f"{'file':<34}{'raw':>14}{'gzip':>14}{'brotli':>14}")
    for name, raw, gz, br in rows:
        shown = [kb(raw)] + [kb(s) if s is not None else "missing" for s in (gz, br)]
        print(f"{name:<34}{shown[0]:>14}{shown[1]:>14}{shown[2]:>14}")


def by_code(web_root, names):
    """`names` as the app asks for them: the builds' files at the versions edition.js holds."""
    with open(os.path.join(web_root, "edition.js"), encoding="utf-8") as f:
        found = re.search(r"const versions = (\{.*?\});", f.read())
    versions = json.loads(found.group(1)) if found else {}
    return [f"{n}?v={versions[n]}" if n in versions else n for n in names]


def page_references(web_root):
    """The same-origin files index.html names (href= and src=), in order."""
    with open(os.path.join(web_root, "index.html"), encoding="utf-8") as f:
        html = re.sub(r"<!--.*?-->", "", f.read(), flags=re.S)
    seen = []
    for ref in re.findall(r'''(?:href|src)=["']?([^"' >]+)''', html):
        if "://" not in ref and not ref.startswith(("#", "data:")) and ref not in seen:
            seen.append(ref.lstrip("/"))
    return seen


def start_server(web_root, data):
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "serve.py"), "--no-build", "--quiet",
                             "--port", "0", "--data", data, "--web-root", web_root],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()
    m = re.match(r"Parley serving http://([^/]+):(\d+)/", line)
    if not m:
        proc.kill()
        sys.exit(f"serve.py did not start: {line}{proc.stdout.read()}")
    return proc, m[1], int(m[2])


def fetch(conn, path, etags, kept):
    headers = {"Accept-Encoding": "br, gzip"}
    if path in etags:
        headers["If-None-Match"] = etags[path]
    conn.request("GET", "/" + path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    if resp.getheader("ETag"):
        etags[path] = resp.getheader("ETag")
    if "immutable" in (resp.getheader("Cache-Control") or ""):
        kept.add(path)
    head = len(f"HTTP/1.1 {resp.status} {resp.reason}\r\n") + 2 + sum(
        len(k) + len(v) + 4 for k, v in resp.getheaders())
    return resp.status, resp.getheader("Content-Encoding") or "identity", head, len(body)


def visit(host, port, paths, etags, kept, title, skip=frozenset()):
    """(bytes on the wire, requests) for `paths`, except `skip` (what a browser kept). Adds to
    `kept` what the answers say to keep for ever."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    total = requests = 0
    print(title)
    for path in paths:
        if path in skip:
            print(f"  {path:<32}  kept by the browser: not asked for")
            continue
        status, coding, head, body = fetch(conn, path, etags, kept)
        total += head + body
        requests += 1
        print(f"  {path:<32}{status:>5}  {coding:<9}{kb(body):>12}  (+{head} bytes of headers)")
    conn.close()
    return total, requests


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--web-root", default=os.path.join(ROOT, "build", "web"))
    args = ap.parse_args()
    web_root = os.path.abspath(args.web_root)
    if not os.path.isfile(os.path.join(web_root, "index.html")):
        sys.exit(f"{web_root} holds no app: run tools/build web first")
    print(f"Parley download sizes ({web_root})")
    file_table(web_root)
    # Preloaded files are named in index.html too; each is fetched once.
    first = list(dict.fromkeys(["index.html"] + page_references(web_root) + by_code(web_root, FORM_BY_CODE)))
    organiser = list(dict.fromkeys(["index.html"] + page_references(web_root) + by_code(web_root, ORGANISER_BY_CODE)))
    with tempfile.TemporaryDirectory(prefix="parley-size-") as data:
        proc, host, port = start_server(web_root, data)
        try:
            etags, kept = {}, set()
            cold, cold_requests = visit(host, port, first, etags, kept,
                                        "cold visit of the employee form (Accept-Encoding: br, gzip):")
            after, _ = visit(host, port, AFTER_FIRST_FRAME, etags, kept,
                             "then, once the form is on screen, every respondent's fallback fonts:")
            warm, warm_requests = visit(host, port, first + AFTER_FIRST_FRAME, etags, set(),
                                        "a repeat visit (versioned files kept, the rest with If-None-Match):",
                                        skip=kept)
            full, full_requests = visit(host, port, organiser, {}, set(),
                                        "for comparison, an organiser's cold visit (the full app):")
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"cold visit to the form: {kb(cold)} in {cold_requests} requests "
          f"(target at most {kb(TARGET)}: {'met' if cold <= TARGET else 'NOT met'})")
    print(f"respondents' fallback fonts after it: {kb(after)}")
    print(f"repeat visit: {kb(warm)} in {warm_requests} requests ({len(kept)} files kept by the browser)")
    print(f"an organiser's cold visit: {kb(full)} in {full_requests} requests")


if __name__ == "__main__":
    main()
