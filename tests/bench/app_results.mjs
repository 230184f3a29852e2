// The real app (build/web) as the people who open a campaign's envelopes use it, in headless
// Chromium, by clicks and keys:
// - benchApp (for tests/bench/results.mjs): a manager pastes the campaign link, chooses the key
//   file and types the passphrase; the app lists and downloads every envelope from serve.py,
//   opens them in its worker pool and shows the charts. Measures the load time, the page's wasm
//   memory (it only grows, so its size at the end is the peak) and the frame time with the
//   results on screen, idle and while scrolling.
// - benchTrusteeRelease: a trustee unlocks the desk with the trustee's key file on a day after
//   the close and presses "Release the results"; the app lists and downloads every envelope,
//   opens both layers and stores release.parley. Measures the click to the finished release.
//
// Run on its own, it prints the trustee's release time from serve.py and from nginx (figures
// only, never pass/fail):
//
//   node tests/bench/app_results.mjs [--count 100000] [--codes 200] [--no-nginx]
//
// The envelopes are sealed by the native CLI (tests/bench/trustee_campaign.mjs, which says why
// --codes codes share them); `parley release` on the same envelopes on every core is printed next
// to the app's time. Needs build/native and build/web (PARLEY_CLI and PARLEY_WEB_ROOT override).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { clickItem, launchBrowser, openApp, pasteInto, pressKey, ROOT, saveScreenshot, snapshot, startServer, typeAnyText } from '../e2e/harness.mjs';
import { startNginx, freePort } from '../e2e/storage_servers.mjs';
import { unlockWithFile } from '../e2e/people.mjs';
import { PASSPHRASE } from './envelopes.mjs';
import { afterCloseClock, makeTrusteeCampaign, stock, timeCliRelease } from './trustee_campaign.mjs';

// Times every animation-frame callback (the app draws one frame per callback: UI, ImGui and the
// WebGL submission). Installed before the page's scripts, so it sees the app's main loop.
function recordFrames() {
  const raf = window.requestAnimationFrame.bind(window);
  const frames = [];
  window.parleyBenchFrames = frames;
  window.requestAnimationFrame = (callback) => raf((t) => {
    const start = performance.now();
    try {
      callback(t);
    } finally {
      frames.push([start, performance.now() - start]);
      if (frames.length > 50000) frames.splice(0, 25000);
    }
  });
}

// Times every XMLHttpRequest (emscripten_fetch uses XHR): from send() to its load/error event.
function recordRequests() {
  const requests = [];
  window.parleyBenchRequests = requests;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    const start = performance.now();
    this.addEventListener('loadend', () => requests.push([start, performance.now() - start]));
    return send.apply(this, args);
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// Frame callbacks during `ms` milliseconds while `during` runs: CPU time per frame and the time
// between frames (what a person sees as smoothness), median and p95.
async function measureFrames(page, ms, during = async () => page.waitForTimeout(ms)) {
  const from = await page.evaluate(() => performance.now());
  await during();
  const frames = await page.evaluate((t) => window.parleyBenchFrames.filter(([s]) => s >= t), from);
  const work = frames.map(([, d]) => d).sort((a, b) => a - b);
  const gaps = frames.slice(1).map(([s], i) => s - frames[i][0]).sort((a, b) => a - b);
  return {
    frames: frames.length,
    median: quantile(work, 0.5), p95: quantile(work, 0.95), max: work[work.length - 1],
    gapMedian: quantile(gaps, 0.5), gapP95: quantile(gaps, 0.95),
  };
}

// Polls the app (not every frame: the snapshot of 100k results is not free) until it finished
// loading; reports progress every `every` seconds.
async function waitForLoaded(page, log, timeoutMs, every = 20) {
  const start = Date.now();
  let last = start;
  for (;;) {
    const s = await snapshot(page);
    if (s.screen === 'results' && s.session && !s.session.loading && s.session.responses !== undefined) return s;
    if (s.session?.error) throw new Error(`the app could not load the results: ${s.session.error}`);
    if (s.session?.waiting) throw new Error(`the app waits instead of loading: ${s.session.waiting}`);
    if (Date.now() - start > timeoutMs) throw new Error(`not loaded after ${timeoutMs / 1000} s: ${JSON.stringify(s.session)}`);
    if (Date.now() - last > every * 1000) {
      last = Date.now();
      log(`         … ${Math.round((Date.now() - start) / 1000)} s: downloaded ${s.session?.downloaded} of ${s.session?.total}, opened ${s.session?.opened}`);
    }
    await page.waitForTimeout(1000);
  }
}

// `today`: the page's clock (a Date; timers keep running), for a campaign whose last day is ahead
// (feedback is read only after it).
export async function benchApp({ browser, url, link, keyFile, passphrase, log, today = null, viewport = { width: 1280, height: 800 } }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (today) await page.clock.setFixedTime(today);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.addInitScript(recordFrames);
  await page.addInitScript(recordRequests);
  try {
    await page.goto(url + '/');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    await clickItem(page, 'open_results');
    await pasteInto(page, new URL(url).origin, 'results_link', link);
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'pick_key');
    await (await chooser).setFiles(keyFile);
    await clickItem(page, 'results_pass');
    await typeAnyText(page, passphrase);
    await pressKey(page, 'Escape');
    const heapBefore = await page.evaluate(() => window.Module.HEAPU8.length);
    await clickItem(page, 'unlock_button');
    const t0 = Date.now();
    let loaded;
    // Frames while loading: downloads complete in tasks between frames, so a slow frame slows them.
    const loading = await measureFrames(page, 0, async () => { loaded = await waitForLoaded(page, log, 60 * 60 * 1000); });
    const loadSeconds = (Date.now() - t0) / 1000;
    const requests = await page.evaluate(() => window.parleyBenchRequests);
    const latency = requests.map(([, d]) => d).sort((a, b) => a - b);
    const first = Math.min(...requests.map(([s]) => s)), last = Math.max(...requests.map(([s, d]) => s + d));
    log(`         HTTP requests: ${latency.length} in ${((last - first) / 1000).toFixed(1)} s (of the ${((Date.now() - t0) / 1000).toFixed(1)} s load),` +
      ` send to loadend median ${quantile(latency, 0.5).toFixed(1)} ms, p95 ${quantile(latency, 0.95).toFixed(1)} ms,` +
      ` ${(latency.reduce((a, b) => a + b, 0) / (last - first)).toFixed(1)} in flight on average`);
    log(`         frames while loading: CPU median ${loading.median.toFixed(1)} ms, p95 ${loading.p95.toFixed(1)} ms, max ${loading.max.toFixed(1)} ms` +
      ` (${loading.frames} frames; between frames median ${loading.gapMedian.toFixed(1)} ms, p95 ${loading.gapP95.toFixed(1)} ms)`);

    await page.waitForTimeout(1000);  // let the results screen settle
    saveScreenshot('bench-app-results.png', await page.screenshot());
    const idle = await measureFrames(page, 5000);
    const scrolling = await measureFrames(page, 0, async () => {
      await page.mouse.move(viewport.width / 2, viewport.height / 2);
      for (let i = 0; i < 30; i++) {
        await page.mouse.wheel(0, i < 20 ? 250 : -375);
        await page.waitForTimeout(100);
      }
    });
    saveScreenshot('bench-app-results-scrolled.png', await page.screenshot());
    const heapBytes = await page.evaluate(() => window.Module.HEAPU8.length);
    const session = loaded.session;
    return {
      loadSeconds, heapBytes, heapBefore, loading, idle, scrolling,
      responses: session.responses, total: session.total, failures: session.failures, visible: session.visible,
      problems,
    };
  } finally {
    await context.close();
  }
}

// The trustee's release in the app: unlock the desk (a page whose clock is past the close),
// press the release button, poll (every second: the snapshot is not free) until it finished.
// Returns the seconds from the click to the finished release and the desk's release state.
export async function benchTrusteeRelease({ browser, url, link, keyFile, passphrase, log, every = 20 }) {
  const app = await openApp(browser, url, {}, '/', afterCloseClock);
  const { page } = app;
  try {
    await clickItem(page, 'open_results');
    const s = await unlockWithFile(page, url, link, keyFile, passphrase);
    if (s.screen !== 'trustee') throw new Error(`the trustee's key opened ${s.screen}, not the desk: ${JSON.stringify(s.session ?? s.desk)}`);
    await clickItem(page, 'release_button');
    const t0 = Date.now();
    let last = t0;
    for (;;) {
      const r = (await snapshot(page)).desk.release;
      if (r.stage === 'finished') {
        const seconds = (Date.now() - t0) / 1000;
        saveScreenshot('bench-trustee-release.png', await page.screenshot());
        return { seconds, release: r, problems: app.problems };
      }
      if (Date.now() - t0 > 60 * 60 * 1000) throw new Error(`no release after an hour: ${JSON.stringify(r)}`);
      if (Date.now() - last > every * 1000) {
        last = Date.now();
        log(`         … ${Math.round((Date.now() - t0) / 1000)} s: ${r.stage}, downloaded ${r.downloaded} of ${r.listed}`);
      }
      await page.waitForTimeout(1000);
    }
  } finally {
    await app.context.close();
  }
}

// One storage: a campaign on it, its envelopes and statement stocked, the app's release timed,
// and `parley release` on every core on the same envelopes: from a folder (no downloads), from
// the storage (the app's work, written to a file), and of an empty folder (its start-up).
export async function releaseOn({ name, dir, storageUrl, filesOf, appUrl, browser, count, codes, log }) {
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'pass'), PASSPHRASE);
  const t0 = Date.now();
  const campaign = makeTrusteeCampaign(dir, { storageUrl, app: appUrl, count, codes });
  stock(campaign, filesOf(campaign.id));
  log(`${name}: ${count.toLocaleString('en-US')} envelopes sealed by parley seal under ${campaign.codes} codes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const cliRun = timeCliRelease(dir, campaign, { count });
  cliRun.startup = timeCliRelease(dir, campaign, { count, empty: true }).s;
  cliRun.fromStorage = timeCliRelease(dir, campaign, { count, fromStorage: true }).s;
  const app = await benchTrusteeRelease({ browser, url: appUrl, link: campaign.link, keyFile: path.join(dir, 'tr.key'), passphrase: PASSPHRASE, log });
  const r = app.release;
  if (r.outcome !== 'released' || r.downloaded !== count) {
    throw new Error(`the app's release from ${name}: ${r.outcome}, ${r.downloaded} of ${count} downloaded: ${r.error}`);
  }
  return { campaign, cli: cliRun, app };
}

const rate = (n, s) => Math.round(n / s).toLocaleString('en-US');

// The figures of releaseOn's runs ([storage name, result]*), for this file and results.mjs.
export function printRelease(runs, count, log) {
  log(`\nthe trustee's release of ${count.toLocaleString('en-US')} envelopes, both layers (${runs[0][1].app.release.feedback} answers released,` +
    ` the rest replaced; ${runs[0][1].app.release.invitations} invitations):`);
  for (const [name, { cli, app: a }] of runs) {
    const n = (s) => `${s.toFixed(1).padStart(7)} s  ${rate(count, s).padStart(7)}/s`;
    log(`  ${name}:`);
    log(`    app, release click to finished              ${n(a.seconds)}  (listing, ${count.toLocaleString('en-US')} downloads, opening, storing release.parley)`);
    log(`    parley release, every core, from ${name.padEnd(9)}  ${n(cli.fromStorage)}  (the same listing and downloads, written to a file)`);
    log(`    parley release, every core, from a folder   ${n(cli.s)}  (no downloads)`);
    log(`    of which start-up, key-file unwrap, codes   ${cli.startup.toFixed(1).padStart(7)} s  (the app did these before the click)`);
    log(`    ratio app / CLI from ${`${name},`.padEnd(10)} CLI minus start-up  ${((cli.fromStorage - cli.startup) / a.seconds).toFixed(2)}`);
    log(`    ratio app / CLI from a folder, CLI minus start-up     ${((cli.s - cli.startup) / a.seconds).toFixed(2)}  (the opening alone on the CLI's side)`);
    // The app first asks for release.parley (none yet): Chromium logs that 404 as an error.
    const problems = a.problems.filter((p) => !/status of 404/.test(p));
    if (problems.length) log(`    console errors: ${problems.join(' | ')}`);
  }
}

async function main() {
  const option = (flag, fallback) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const count = option('--count', 100000);
  const codes = option('--codes', 200);
  const nginx = !process.argv.includes('--no-nginx');
  if (!(count >= 5 && count <= 100000) || !(codes >= 5)) throw new Error('--count must be 5..100000 and --codes at least 5');
  const log = (...a) => console.log(...a);
  const web = process.env.PARLEY_WEB_ROOT ?? path.join(ROOT, 'build', 'web');
  if (!fs.existsSync(path.join(web, 'parley.js'))) throw new Error(`${web}/parley.js is missing: run tools/build all first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-release-'));
  let app, store, chrome;
  try {
    log(`Parley trustee release benchmark: ${count.toLocaleString('en-US')} envelopes, the app in headless Chromium`);
    log(`machine: ${os.cpus().length} logical CPUs, load average ${os.loadavg()[0].toFixed(1)} (other work on the machine skews every figure)`);
    // A copy of build/web, so a rebuild while the benchmark runs cannot change what it measures.
    const appRoot = path.join(dir, 'web');
    fs.cpSync(web, appRoot, { recursive: true });
    const appPort = await freePort();
    const appOrigin = `http://127.0.0.1:${appPort}`;
    if (nginx) store = await startNginx(appOrigin);
    // The app's serve.py is the first storage (its own /store/) and lets the page reach nginx.
    app = await startServer(['--port', String(appPort), '--web-root', appRoot, ...(store ? ['--connect-src', store.origin] : [])]);
    chrome = await launchBrowser();

    const runs = [];
    runs.push(['serve.py', await releaseOn({
      name: 'serve.py', dir: path.join(dir, 'serve'), storageUrl: `${app.url}/store/{id}/`, filesOf: (id) => path.join(app.data, id),
      appUrl: app.url, browser: chrome.browser, count, codes, log,
    })]);
    if (store) {
      runs.push(['nginx', await releaseOn({
        name: 'nginx', dir: path.join(dir, 'nginx'), storageUrl: store.storageUrl, filesOf: (id) => path.join(store.files, id),
        appUrl: app.url, browser: chrome.browser, count, codes, log,
      })]);
    }

    printRelease(runs, count, log);
    log(`load average at the end: ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    if (chrome) await chrome.close();
    if (app) await app.stop();
    if (store) await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
