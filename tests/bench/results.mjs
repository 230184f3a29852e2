#!/usr/bin/env node
// Opening a campaign's results, native vs browser: prints figures, never passes or fails.
//
//   node tests/bench/results.mjs [--count 100000] [--batch 512] [--workers N] [--runs 2] [--no-inline] [--no-app]
//                                [--no-release] [--codes 200]
//
// Makes keys and a signed campaign with the native CLI (its storage: a serve.py started here with
// a throwaway store), seals --count feedback envelopes with the node implementation of
// docs/FORMAT.md into that store, then on the same envelopes in the same run:
//   native   `parley aggregate --key … --campaign … FOLDER` on every core (wall time; also once on
//            an empty folder, to show what start-up and the Argon2id key-file unwrap cost), and
//            pinned to one core with taskset, the per-core reference
//   browser  build/bench/ (the bench page) in headless Chromium under serve.py: the envelopes are
//            loaded into the page first (not timed), then decrypted and aggregated through the
//            worker pool (src/app/opener_web.cpp), the way the results screen does it: X25519
//            through WebCrypto (the app's path where the browser has it) and all in wasm
//   inline   the same page on one thread (InlineOpener), for a per-core comparison
//   app      the real app (build/web) as a manager uses it: link, key file, passphrase; it
//            lists and downloads every envelope from serve.py and opens them in its worker pool.
//            Load time, peak wasm memory, frame time with the results on screen (app_results.mjs)
//   release  a trustee campaign's --count envelopes sealed by `parley seal` into the same serve.py
//            (under --codes invitation codes: trustee_campaign.mjs says why), released by the
//            real app (the trustee desk's button: lists, downloads, opens both layers, stores
//            release.parley) and by `parley release` on every core, from the storage (the same
//            downloads) and from a folder (the opening alone); not with --no-app
// Needs `tools/build all` (or build/native and a whole build/wasm) first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer } from '../e2e/harness.mjs';
import { benchApp, printRelease, releaseOn } from './app_results.mjs';
import { blobOf, findCli, generate, makeCampaign, PASSPHRASE, ROOT, writeStore } from './envelopes.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const COUNT = option('--count', 100000);
const BATCH = option('--batch', 512);
const WORKERS = option('--workers', 0);  // 0: what the app would use
const RUNS = option('--runs', 2);
const INLINE = !process.argv.includes('--no-inline');
const APP = !process.argv.includes('--no-app');
const RELEASE = APP && !process.argv.includes('--no-release');
const CODES = option('--codes', 200);

const MB = (n) => (n / (1024 * 1024)).toFixed(1);
const rate = (n, s) => Math.round(n / s).toLocaleString('en-US');
const log = (...a) => console.log(...a);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

const PIN = spawnSync('taskset', ['--version']).status === 0;

function timeNative(dir, folder, { oneCore = false } = {}) {
  const t0 = process.hrtime.bigint();
  // After the campaign's last day (2099-12-31): the results open only then.
  const args = ['aggregate', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', '2100-01-01', folder];
  const r = spawnSync(oneCore ? 'taskset' : findCli(), oneCore ? ['-c', '0', findCli(), ...args] : args,
    { cwd: dir, env: { ...process.env, PARLEY_PASSPHRASE: PASSPHRASE }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = seconds(t0);
  if (r.status !== 0) throw new Error(`parley aggregate exited ${r.status}: ${r.stderr}`);
  return { s, stderr: r.stderr.trim() };
}

async function main() {
  // $PARLEY_BENCH_ROOT and $PARLEY_WEB_ROOT: other builds of the bench page and the app.
  const benchDir = process.env.PARLEY_BENCH_ROOT ?? path.join(ROOT, 'build', 'bench');
  const webDir = process.env.PARLEY_WEB_ROOT ?? path.join(ROOT, 'build', 'web');
  const needed = [[benchDir, ['index.html', 'parley_bench.js', 'parley_worker.js']], ...(APP ? [[webDir, ['index.html', 'parley.js']]] : [])];
  for (const [d, files] of needed) {
    for (const f of files) if (!fs.existsSync(path.join(d, f))) throw new Error(`${d}/${f} is missing: run tools/build all first`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  let server, store, chrome;
  try {
    log(`Parley results benchmark: ${COUNT.toLocaleString('en-US')} feedback envelopes, batches of ${BATCH}`);
    log(`machine: ${os.cpus().length} logical CPUs (${os.cpus()[0]?.model ?? '?'}), ${MB(os.totalmem())} MB RAM,` +
      ` load average ${os.loadavg()[0].toFixed(1)} (other work on the machine skews every figure)`);

    // The campaign's storage is a serve.py serving the real app, with a throwaway store that
    // gets every envelope as a file, the way answers arrive there.
    // A copy of build/web, so a rebuild while the benchmark runs cannot change what it measures.
    let t0 = process.hrtime.bigint();
    const appRoot = path.join(dir, 'web');
    fs.mkdirSync(appRoot);
    // (--no-app: the bench page stands in, so that build/web need not exist.)
    fs.cpSync(APP ? webDir : benchDir, appRoot, { recursive: true });
    store = await startServer(['--web-root', appRoot]);
    const campaign = await makeCampaign(dir, { storageUrl: `${store.url}/store/{id}/` });
    const data = await generate(campaign, { feedback: COUNT, seed: 42 });
    const blob = blobOf(data.envelopes);
    const envelopes = path.join(store.data, campaign.campaignId);
    writeStore(envelopes, data.envelopes);
    fs.mkdirSync(path.join(dir, 'empty'));
    log(`prepared in ${seconds(t0).toFixed(1)} s: ${MB(blob.length)} MB of envelopes`);

    // The bench page gets the envelopes from a copy of build/bench (served by serve.py, same
    // headers and CSP) so it can fetch them in one piece before the timing starts.
    const root = path.join(dir, 'bench');
    fs.mkdirSync(root);
    for (const f of fs.readdirSync(benchDir)) fs.copyFileSync(path.join(benchDir, f), path.join(root, f));
    fs.writeFileSync(path.join(root, 'envelopes.bin'), blob);

    // --- native
    const unwrap = timeNative(dir, 'empty');
    const native = [];
    for (let i = 0; i < RUNS; i++) native.push(timeNative(dir, envelopes));
    const nativeBest = Math.min(...native.map((r) => r.s));
    log(`\nnative   parley aggregate, every core: ${native.map((r) => r.s.toFixed(2) + ' s').join(', ')}  (${native[0].stderr})`);
    log(`         of which start-up + Argon2id key-file unwrap: ${unwrap.s.toFixed(2)} s (same command, empty folder)`);
    const oneCore = PIN ? timeNative(dir, envelopes, { oneCore: true }) : null;
    if (oneCore) log(`native   parley aggregate pinned to one core (taskset -c 0): ${oneCore.s.toFixed(2)} s`);

    // --- browser
    server = await startServer(['--web-root', root]);
    chrome = await launchBrowser();
    // Each run in a fresh page: wasm memory only grows, so a page's peak is one run's peak.
    let cores = 0;
    const run = async (mode) => {
      const context = await chrome.browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(server.url + '/');
        await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
        cores = await page.evaluate(() => navigator.hardwareConcurrency);
        return await page.evaluate((o) => window.parleyBench(o), {
          token: campaign.token, keyHex: campaign.manager.secretHex, envelopes: 'envelopes.bin', batch: BATCH, mode, workers: WORKERS,
        });
      } finally {
        await context.close();
      }
    };
    const pool = [];
    const wasmPool = [];
    for (let i = 0; i < RUNS; i++) {
      pool.push(await run('pool'));
      wasmPool.push(await run('pool-wasm'));
    }
    const inline = INLINE ? await run('inline') : null;
    const peak = Math.max(...pool.map((r) => r.heap_peak_bytes));
    const same = (a, b) => JSON.stringify([a.state, a.result, a.failures]) === JSON.stringify([b.state, b.result, b.failures]);

    for (const r of [...pool, ...wasmPool, inline].filter(Boolean)) {
      if (r.state.responses !== COUNT || Object.keys(r.failures).length) {
        throw new Error(`the ${r.mode} run opened ${r.state.responses} of ${COUNT}: ${JSON.stringify(r.failures)}`);
      }
    }
    for (const r of [...wasmPool, inline].filter(Boolean)) {
      if (!same(r, pool[0])) throw new Error(`the ${r.mode} run (X25519: ${r.x25519}) tallied otherwise than the pool`);
    }
    const poolBest = Math.min(...pool.map((r) => r.seconds));
    const wasmBest = Math.min(...wasmPool.map((r) => r.seconds));
    log(`browser  worker pool, X25519 ${pool[0].x25519}: ${pool.map((r) => r.seconds.toFixed(2) + ' s').join(', ')}` +
      ` with ${pool[0].workers} workers (navigator.hardwareConcurrency ${cores})`);
    log(`browser  worker pool, X25519 ${wasmPool[0].x25519}: ${wasmPool.map((r) => r.seconds.toFixed(2) + ' s').join(', ')}`);
    if (inline) log(`browser  one thread (InlineOpener): ${inline.seconds.toFixed(2)} s`);
    await server.stop();
    server = null;

    // --- the real app: a manager opens the results (the last step: nothing else runs meanwhile)
    let app = null;
    if (APP) {
      log(`\napp      a manager unlocks ${COUNT.toLocaleString('en-US')} responses in build/web/index.html (listing + one download each)`);
      app = await benchApp({
        browser: chrome.browser, url: store.url, link: `${store.url}/#c=${campaign.token}`,
        keyFile: path.join(dir, 'mgr.key'), passphrase: PASSPHRASE, log,
        today: new Date('2100-01-01T12:00:00Z'),  // after the campaign's last day, as for the CLI
      });
      if (app.responses !== COUNT || !app.visible) {
        throw new Error(`the app showed ${app.responses} of ${COUNT} responses (listed ${app.total}): ${JSON.stringify(app.failures)}`);
      }
    }

    // --- the trustee's release in the real app, and by the CLI, of one more campaign's envelopes
    let release = null;
    if (RELEASE) {
      log(`\nrelease  a trustee releases ${COUNT.toLocaleString('en-US')} envelopes in build/web/index.html (listing + one download each)`);
      release = await releaseOn({
        name: 'serve.py', dir: path.join(dir, 'trustee'), storageUrl: `${store.url}/store/{id}/`, filesOf: (id) => path.join(store.data, id),
        appUrl: store.url, browser: chrome.browser, count: COUNT, codes: CODES, log,
      });
    }

    log('\nresponses/s (best run; every run opened all envelopes and matched the count):');
    log(`  native CLI, every core, whole command         ${rate(COUNT, nativeBest).padStart(9)}`);
    log(`  native CLI, every core, minus start-up/unwrap ${rate(COUNT, nativeBest - unwrap.s).padStart(9)}`);
    if (oneCore) log(`  native CLI, one core, minus start-up/unwrap   ${rate(COUNT, oneCore.s - unwrap.s).padStart(9)}`);
    log(`  browser, ${pool[0].workers} workers, X25519 ${pool[0].x25519.padEnd(10)}       ${rate(COUNT, poolBest).padStart(9)}`);
    log(`  browser, ${wasmPool[0].workers} workers, X25519 ${wasmPool[0].x25519.padEnd(10)}       ${rate(COUNT, wasmBest).padStart(9)}`);
    if (inline) log(`  browser, 1 thread (wasm)                      ${rate(COUNT, inline.seconds).padStart(9)}`);
    log(`\nratio browser pool (${pool[0].x25519}) / native every core, whole command: ${(nativeBest / poolBest).toFixed(2)}  (target >= 0.75)`);
    log(`ratio browser pool (${pool[0].x25519}) / native every core, opening only:  ${((nativeBest - unwrap.s) / poolBest).toFixed(2)}`);
    log(`ratio browser pool (${wasmPool[0].x25519}) / native every core, whole command: ${(nativeBest / wasmBest).toFixed(2)}`);
    log(`ratio WebCrypto pool / wasm pool:                ${(wasmBest / poolBest).toFixed(2)}`);
    if (inline && oneCore) log(`ratio per core, browser 1 thread / native 1 core: ${((oneCore.s - unwrap.s) / inline.seconds).toFixed(2)}`);
    log(`peak wasm memory of the page (pool runs):      ${MB(peak)} MB  (target <= 300 MB; envelopes alone ${MB(blob.length)} MB)`);
    if (inline) log(`peak wasm memory of the page (one thread):     ${MB(inline.heap_peak_bytes)} MB`);
    if (pool[0].js_heap_bytes) log(`JS heap of the page after the runs:            ${MB(pool[0].js_heap_bytes)} MB`);
    log(`workers:                                       ${pool[0].workers}`);
    if (app) {
      const ms = (f) => `median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms` +
        ` (${f.frames} frames; between frames median ${f.gapMedian.toFixed(1)} ms, p95 ${f.gapP95.toFixed(1)} ms)`;
      log(`\nthe app (build/web) with ${app.responses.toLocaleString('en-US')} responses loaded, 1280x800:`);
      log(`  load: unlock click to charts on screen        ${app.loadSeconds.toFixed(1)} s` +
        `  (${rate(COUNT, app.loadSeconds)} responses/s incl. listing and ${COUNT.toLocaleString('en-US')} HTTP downloads from serve.py)`);
      log(`  peak wasm memory of the app                   ${MB(app.heapBytes)} MB  (target <= 300 MB; ${MB(app.heapBefore)} MB before unlocking)`);
      log(`  frame time, results on screen, idle           ${ms(app.idle)}  (target <= 16 ms)`);
      log(`  frame time, scrolling the results              ${ms(app.scrolling)}`);
      log('  (frame time: CPU time of each animation-frame callback: UI, ImGui and WebGL, software-rendered in headless Chromium)');
      if (app.problems.length) log(`  console errors: ${app.problems.join(' | ')}`);
    }
    if (release) {
      printRelease([['serve.py', release]], COUNT, log);
      // The manager's reading next to the trustee's release: the release opens two layers.
      log(`  ratio trustee release / manager's reading in the app (time)     ${(release.app.seconds / app.loadSeconds).toFixed(2)}`);
      log(`  ratio the same for parley on every core (release / aggregate)  ${((release.cli.s - release.cli.startup) / (nativeBest - unwrap.s)).toFixed(2)}`);
    }
    log(`load average at the end:                       ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    if (chrome) await chrome.close();
    if (server) await server.stop();
    if (store) await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
