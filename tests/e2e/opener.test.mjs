// The browser's envelope opener: a pool of Web Workers (src/app/opener_web.cpp running
// parley_worker.js), driven through the benchmark page (build/bench/index.html, never in
// build/web) under serve.py's real headers and CSP. Whatever the pool opens must equal what InlineOpener opens
// on the same envelopes in the same page, what the native CLI makes of them, and the tallies
// counted independently in node (tests/bench/envelopes.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openApp, ROOT, startServer } from './harness.mjs';
import { blobOf, cli, generate, makeCampaign, sortComments, writeFolder } from '../bench/envelopes.mjs';

const FEEDBACK = 1200;
const MEDIATION = 25;
const BROKEN = 10;
const TOTAL = FEEDBACK + MEDIATION + BROKEN;

let server, bench, chrome, dir, campaign, data, blob;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-opener-'));
  campaign = await makeCampaign(dir);
  data = await generate(campaign, { feedback: FEEDBACK, mediation: MEDIATION, broken: BROKEN, seed: 7 });
  blob = blobOf(data.envelopes);
  server = await startServer();
  bench = await startServer(['--web-root', path.join(ROOT, 'build', 'bench')]);
  chrome = await launchBrowser();
});

after(async () => {
  if (chrome) await chrome.close();
  if (server) await server.stop();
  if (bench) await bench.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Opens the bench page; envelopes.bin is answered from this process (it is not in build/bench).
// `workerRoute(real)` may change how parley_worker.js is answered: it gets the real response
// and returns options for route.fulfill (or null for a 404).
async function openBench({ workerRoute } = {}) {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  const workers = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
  await page.route('**/envelopes.bin', (route) => route.fulfill({ body: blob, contentType: 'application/octet-stream' }));
  if (workerRoute) {
    await page.route('**/parley_worker.js', async (route) => {
      const answer = await workerRoute(await route.fetch());
      await route.fulfill(answer ?? { status: 404, body: 'gone' });
    });
  }
  const response = await page.goto(bench.url + '/');
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
  return { context, page, requests, problems, workers, response };
}

const run = (page, options) => page.evaluate((o) => window.parleyBench(o), {
  token: campaign.token, envelopes: 'envelopes.bin', batch: 64, ...options,
});

// What two runs must share (times, heap and the worker count aside).
const outcome = (r) => ({ opened: r.opened, state: r.state, result: r.result, mediation: r.mediation, failures: r.failures });

test('the worker pool opens exactly what InlineOpener, the CLI and an independent count do', async () => {
  const { context, page, requests, problems, workers, response } = await openBench();
  try {
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; .*worker-src 'self'/);
    const pool = await run(page, { keyHex: campaign.manager.secretHex, mode: 'pool' });
    const reference = await run(page, { keyHex: campaign.manager.secretHex, mode: 'inline' });

    assert.equal(pool.mode, 'pool');
    assert.ok(pool.workers >= 1, `workers: ${pool.workers}`);
    assert.deepEqual(workers, new Array(pool.workers).fill('/parley_worker.js'));
    assert.equal(pool.envelopes, TOTAL);
    assert.equal(pool.done_inside_open, 0);
    assert.deepEqual(outcome(pool), outcome(reference));

    // Counted in node from the answers that were sealed.
    assert.deepEqual(pool.state, data.manager.state);
    assert.deepEqual(pool.failures, data.manager.failures);
    assert.deepEqual(pool.mediation, []);

    // The native CLI on the same envelopes: the same results a manager sees.
    writeFolder(path.join(dir, 'envelopes'), data.envelopes);
    const r = cli(dir, ['export', '--json', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', '2100-01-01', 'envelopes'],
      { allowPartial: true });
    assert.deepEqual(pool.result, sortComments(JSON.parse(r.stdout)));
    assert.equal(pool.result.visible, true);

    // Only its own origin, and nothing but the page, its scripts, wasm and the test's envelopes.
    const origin = new URL(bench.url).origin;
    for (const url of requests) assert.equal(new URL(url).origin, origin, url);
    assert.deepEqual([...new Set(requests.map((u) => new URL(u).pathname))].sort(),
      ['/', '/bench.js', '/envelopes.bin', '/parley_bench.js', '/parley_bench.wasm', '/parley_worker.js', '/parley_worker.wasm']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the mediator gets exactly the requests, from more workers than cores and tiny batches', async () => {
  const { context, page, problems, workers } = await openBench();
  try {
    const pool = await run(page, { keyHex: campaign.mediator.secretHex, mode: 'pool', workers: 3, batch: 7 });
    assert.equal(workers.length, 3);
    const reference = await run(page, { keyHex: campaign.mediator.secretHex, mode: 'inline', batch: 7 });
    assert.equal(pool.workers, 3);
    assert.deepEqual(outcome(pool), outcome(reference));
    assert.deepEqual(pool.mediation, data.mediator.mediation);
    assert.deepEqual(pool.failures, data.mediator.failures);
    assert.equal(pool.state.responses, 0);
    assert.equal(pool.result.visible, false);
    assert.deepEqual(pool.result.questions, []);  // below k: nothing
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the worker runs under the page\'s own CSP when a host sends it with every file', async () => {
  // serve.py sends its CSP with HTML only, so a worker script gets none of its own; a host that
  // adds the same header to every response must not break the workers (no eval, wasm allowed).
  const csp = (await fetch(server.url + '/')).headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  const { context, page, problems, workers } = await openBench({
    workerRoute: async (real) => ({ response: real, headers: { ...real.headers(), 'content-security-policy': csp } }),
  });
  try {
    const pool = await run(page, { keyHex: campaign.manager.secretHex, mode: 'pool', workers: 2 });
    assert.deepEqual(workers, ['/parley_worker.js', '/parley_worker.js']);
    assert.deepEqual(pool.failures, data.manager.failures);
    assert.deepEqual(pool.state, data.manager.state);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  // The control: without 'wasm-unsafe-eval' the workers cannot compile their wasm, so the
  // policy is really applied; the pool then opens on the main thread, with the same results.
  const strict = csp.replace(" 'wasm-unsafe-eval'", '');
  const blocked = await openBench({
    workerRoute: async (real) => ({ response: real, headers: { ...real.headers(), 'content-security-policy': strict } }),
  });
  try {
    const pool = await run(blocked.page, { keyHex: campaign.manager.secretHex, mode: 'pool', workers: 2 });
    assert.deepEqual(pool.failures, data.manager.failures);
    assert.deepEqual(pool.state, data.manager.state);
    assert.ok(blocked.problems.some((p) => /wasm|WebAssembly|Content Security Policy/i.test(p)), blocked.problems.join('\n'));
  } finally {
    await blocked.context.close();
  }
});

test('without its worker script the pool opens on the main thread, with the same results', async () => {
  const { context, page } = await openBench({ workerRoute: () => null });
  try {
    const pool = await run(page, { keyHex: campaign.manager.secretHex, mode: 'pool', workers: 2 });
    assert.deepEqual(pool.state, data.manager.state);
    assert.deepEqual(pool.failures, data.manager.failures);
    assert.equal(pool.opened, TOTAL);
    assert.equal(pool.done_inside_open, 0);
  } finally {
    await context.close();
  }
});

test('a worker that dies on a batch fails that batch only, and is replaced', async () => {
  // Every worker throws on its third batch (the first is the page's warm-up): the pool must
  // fail exactly the batches that were running, finish every other one and keep going.
  const crashOnThird = (body) => body + `
;(function () {
  // Emscripten replays messages that arrive before its runtime is up through onmessage:
  // count each message once.
  var real = onmessage, calls = 0, seen = new WeakSet();
  onmessage = function (msg) {
    if (!seen.has(msg)) {
      seen.add(msg);
      if (msg.data && msg.data.funcName === 'parley_worker_open' && ++calls === 3) throw new Error('test: worker died');
    }
    return real(msg);
  };
})();`;
  const { context, page } = await openBench({
    workerRoute: async (real) => ({ response: real, body: crashOnThird(await real.text()) }),
  });
  try {
    const batch = 64;
    const pool = await run(page, { keyHex: campaign.manager.secretHex, mode: 'pool', workers: 2, batch });
    const died = pool.failures['worker-failure'] ?? 0;
    assert.ok(died > 0, 'no worker died');
    const batches = Math.ceil(TOTAL / batch);
    assert.ok(died % batch === 0 || died % batch === TOTAL % batch, `died: ${died}`);
    assert.ok(died < TOTAL / 2, `too many failed: ${died} of ${TOTAL} in ${batches} batches`);
    assert.equal(pool.opened, TOTAL);  // every batch answered exactly once
    assert.equal(pool.done_inside_open, 0);
    const accounted = pool.state.responses + Object.values(pool.failures).reduce((a, b) => a + b, 0);
    assert.equal(accounted, TOTAL);
    assert.ok(pool.state.responses < FEEDBACK);
  } finally {
    await context.close();
  }
});

test('batches and answers leave no copy in script memory on either side of the worker', async () => {
  // Each batch carries the reader's secret key and envelopes; each answer, comments and requests.
  // Emscripten copies them into the wasm heaps (wiped by the C++ side); the messages' own arrays
  // must be zeroed too, not left for the garbage collector. Recorders wrap both handlers and look
  // at each array after Parley's handler returned (the page's, once the run is over: the page's
  // setter also sees Parley's own wrapping of Emscripten's handler). The worker reports what
  // it saw in a message of its own, which Emscripten's page handler ignores (it has no callback id).
  const recordInWorker = (body) => body + `
;(function () {
  var handled = onmessage;
  onmessage = function (msg) {
    handled(msg);
    var d = msg.data && msg.data.funcName === 'parley_worker_open' && runtimeInitialized ? msg.data.data : null;
    if (d) postMessage({ parleySeen: [d.length, d.some(function (b) { return b !== 0; })] });
  };
})();`;
  const { context, page } = await openBench({
    workerRoute: async (real) => ({ response: real, body: recordInWorker(await real.text()) }),
  });
  try {
    await page.evaluate(() => {
      const slot = Object.getOwnPropertyDescriptor(EventTarget.prototype, 'onmessage')
        ?? Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
      window.parleyAnswers = [];
      window.parleyBatches = [];
      Object.defineProperty(Worker.prototype, 'onmessage', {
        configurable: true,
        get() { return slot.get.call(this); },
        set(handler) {
          this.addEventListener('message', (e) => { if (e.data && e.data.parleySeen) window.parleyBatches.push(e.data.parleySeen); });
          slot.set.call(this, handler && function (msg) {
            const r = handler.call(this, msg);
            if (msg.data && msg.data.data) window.parleyAnswers.push(msg.data.data);  // looked at after the run
            return r;
          });
        },
      });
    });
    const pool = await run(page, { keyHex: campaign.manager.secretHex, mode: 'pool', workers: 2, batch: 64 });
    assert.equal(pool.opened, TOTAL);
    const { answers, batches } = await page.evaluate(() => ({
      answers: window.parleyAnswers.map((d) => [d.length, d.some((b) => b !== 0)]),
      batches: window.parleyBatches,
    }));
    const expected = Math.ceil(TOTAL / 64);
    assert.ok(answers.length >= expected, `answers seen: ${answers.length}`);
    assert.ok(batches.length >= expected, `batches seen: ${batches.length}`);
    assert.deepEqual(answers.filter(([, dirty]) => dirty), [], 'an answer was left in the page\'s memory');
    assert.deepEqual(batches.filter(([, dirty]) => dirty), [], 'a batch was left in the worker\'s memory');
  } finally {
    await context.close();
  }
});

test('the app page starts no worker until it has envelopes to open', async () => {
  const { context, page, requests, problems } = await openApp(chrome.browser, server.url);
  try {
    await page.waitForTimeout(300);
    assert.equal(page.workers().length, 0);
    assert.ok(!requests.some((u) => u.includes('parley_worker')), 'worker script fetched on load');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the served app holds no benchmark page', async () => {
  for (const name of ['bench.html', 'bench.js', 'parley_bench.js', 'parley_bench.wasm']) {
    assert.equal(fs.existsSync(path.join(ROOT, 'build', 'web', name)), false, `build/web/${name}`);
    assert.equal((await fetch(`${server.url}/${name}`)).status, 404, name);
  }
  assert.match(await (await fetch(`${bench.url}/`)).text(), /Parley opener benchmark/);
});

test('serve.py serves the worker as a script and its wasm with the wasm type', async () => {
  for (const [name, type] of [['parley_worker.js', 'text/javascript; charset=utf-8'], ['parley_worker.wasm', 'application/wasm']]) {
    const r = await fetch(`${server.url}/${name}`);
    assert.equal(r.status, 200, name);
    assert.equal(r.headers.get('content-type'), type);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    const body = Buffer.from(await r.arrayBuffer());
    if (name.endsWith('.js')) assert.doesNotMatch(body.toString(), /\beval\(|new Function\(/);  // DYNAMIC_EXECUTION=0
  }
});

// --- X25519 through WebCrypto (the workers' fast path) against libsodium in wasm -------------

// Vector file: "name: value" header lines, an empty line, then the raw input bytes.
function readVector(file) {
  const raw = fs.readFileSync(file);
  const sep = raw.indexOf('\n\n');
  const header = {};
  for (const line of raw.subarray(0, sep).toString('utf8').split('\n')) {
    const m = /^([a-z-]+): (.*)$/.exec(line);
    if (m) header[m[1]] = m[2];
  }
  return { header, input: [...raw.subarray(sep + 2)] };
}

test('WebCrypto X25519 and wasm open every committed envelope vector byte for byte alike', async () => {
  const VECTORS = path.join(ROOT, 'tests', 'vectors');
  const names = fs.readdirSync(VECTORS).filter((n) => /^(envelope|outer)-/.test(n)).sort();
  const vectors = names.map((n) => ({ name: n, ...readVector(path.join(VECTORS, n)) }));
  assert.ok(vectors.length >= 30, `vectors: ${vectors.length}`);
  // A stanza whose ephemeral key has small order makes an all-zero shared secret: WebCrypto
  // refuses it, libsodium refuses it, and the envelope must not open either way.
  const base = vectors.find((v) => v.name === 'envelope-success-feedback');
  const smallOrder = [...base.input];
  for (let i = 0; i < 32; i++) smallOrder[8 + i] = i === 0 ? 1 : 0;  // u = 1, of order 4
  const zeroPoint = [...base.input];
  for (let i = 0; i < 32; i++) zeroPoint[8 + i] = 0;
  const order8 = [...base.input];
  const p8 = 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800';
  for (let i = 0; i < 32; i++) order8[8 + i] = parseInt(p8.substr(2 * i, 2), 16);
  vectors.push({ name: 'small-order u=0', header: { identity: base.header.identity, expect: 'not-for-this-key' }, input: zeroPoint });
  vectors.push({ name: 'small-order order 8', header: { identity: base.header.identity, expect: 'not-for-this-key' }, input: order8 });
  vectors.push({ name: 'u=1', header: { identity: base.header.identity, expect: 'not-for-this-key' }, input: smallOrder });

  const { context, page, problems } = await openBench();
  try {
    const results = await page.evaluate(async (list) => {
      const out = [];
      for (const v of list) {
        const bytes = new Uint8Array(v.input);
        out.push({
          name: v.name,
          wasm: await window.parleyOpenEnvelope(bytes, v.header.identity, false),
          webcrypto: await window.parleyOpenEnvelope(bytes, v.header.identity, true),
        });
      }
      return out;
    }, vectors);
    // A vector that opens, or is sealed to others, says so at this layer; other expectations
    // may belong to the layer above (contents, outer fields), where the envelope itself opened.
    for (const [i, r] of results.entries()) {
      assert.deepEqual(r.webcrypto, r.wasm, r.name);
      const expect = vectors[i].header.expect;
      if (expect === 'success' || expect === 'not-for-this-key') assert.equal(r.wasm.result, expect, r.name);
    }
    assert.ok(results.filter((r) => r.wasm.result === 'success').length >= 10);
    for (const name of ['small-order u=0', 'small-order order 8', 'u=1']) {
      assert.equal(results.find((r) => r.name === name).webcrypto.result, 'not-for-this-key', name);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the pool gives the same answers with WebCrypto X25519 as all in wasm', async () => {
  const { context, page, problems } = await openBench();
  try {
    for (const [who, expected] of [['manager', data.manager], ['mediator', data.mediator]]) {
      const keyHex = campaign[who].secretHex;
      const web = await run(page, { keyHex, mode: 'pool', workers: 2, batch: 50 });
      const wasm = await run(page, { keyHex, mode: 'pool-wasm', workers: 2, batch: 50 });
      assert.equal(web.x25519, 'webcrypto', who);  // Chromium has X25519 in WebCrypto
      assert.equal(wasm.x25519, 'libsodium', who);
      assert.deepEqual(outcome(web), outcome(wasm), who);
      if (expected.state) assert.deepEqual(web.state, expected.state, who);
      if (expected.mediation) assert.deepEqual(web.mediation, expected.mediation, who);
      assert.deepEqual(web.failures, expected.failures, who);
      assert.equal(web.done_inside_open, 0);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
