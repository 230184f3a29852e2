// The three kinds of storage a campaign can point at, each on an origin of its own, for the
// end-to-end storage tests: a second serve.py (its blob store), nginx WebDAV and a single-node
// Ceph radosgw (S3), the last two started by tests/storage/servers.py. Each allows the app's
// origin by CORS; the app's serve.py lists their origins in its CSP connect-src.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './harness.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts a long-running helper and resolves with the regex match of its ready line. The child
// is stopped with SIGTERM (servers.py stops every daemon it started on SIGTERM).
function startProcess(what, args, ready, timeoutMs) {
  const proc = spawn(args[0], args.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${timeoutMs} ms: ${err}`)), timeoutMs);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(ready);
      if (m) { clearTimeout(timer); resolve(m); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited ${code}: ${err}`)); });
  });
  return started.then((match) => ({ match, stop }), async (e) => { await stop(); throw e; });
}

// serve.py used only as storage, on its own port: its /store/ allows `appOrigin` by CORS.
export async function startServePyStore(appOrigin) {
  const data = mkdtempSync(join(tmpdir(), 'parley-e2e-store-'));
  const port = await freePort();
  const { match, stop } = await startProcess('serve.py (storage)', ['python3', join(ROOT, 'serve.py'), '--no-build',
    '--port', String(port), '--data', data, '--quiet', '--cors-origin', appOrigin], /Parley serving (http:\/\/\S+?)\/? /, 15000);
  const origin = match[1];
  return {
    origin, data, storageUrl: `${origin}/store/{id}/`,
    async stop() { await stop(); rmSync(data, { recursive: true, force: true }); },
  };
}

export async function startNginx(appOrigin) {
  const port = await freePort();
  const { match, stop } = await startProcess('nginx', ['python3', join(ROOT, 'tests', 'storage', 'servers.py'), 'nginx',
    '--origin', appOrigin, '--port', String(port)], /nginx WebDAV at (http:\/\/\S+?) \(files: (\S+?)\)/, 20000);
  return { origin: `http://127.0.0.1:${port}`, storageUrl: `${match[1]}{id}/`, files: match[2], stop };
}

export async function startCeph(appOrigin) {
  const port = await freePort();
  const { match, stop } = await startProcess('Ceph radosgw', ['python3', join(ROOT, 'tests', 'storage', 'servers.py'), 'ceph',
    '--origin', appOrigin, '--port', String(port)],
  /radosgw at (http:\/\/\S+) bucket (\S+) region (\S+)\naccess key (\S+), secret key in (\S+)\n/, 180000);
  const [, endpoint, bucket, region, accessKey, secretFile] = match;
  return {
    origin: endpoint, endpoint, bucket, region, accessKey, secretKey: readFileSync(secretFile, 'utf8').trim(),
    bucketUrl: `${endpoint}/${bucket}/`, stop,
  };
}
