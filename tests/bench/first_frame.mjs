#!/usr/bin/env node
// Time to the first frame of a campaign link, next to a blank WebGL2 page served the same way:
// prints figures, never passes or fails.
//
//   node tests/bench/first_frame.mjs [--runs 5] [--network 4g] [--screens desktop,phone]
//
// Both pages come from serve.py (its headers, its compressed forms) to headless Chromium:
//   blank  a page whose script gets a WebGL2 context for a canvas over the window, clears it and
//          draws one animation frame;
//   app    build/web opened at a campaign link made with the native CLI (an employee's first
//          screen), until the shell's first-frame callback (body[data-state=ready]).
// The figure is performance.now() at the end of that first frame, from the navigation's start.
// Beside it, when the app's page first painted anything (its "Loading" screen, plain HTML).
// Cold: a fresh browser context (empty HTTP cache, no compiled wasm kept). Warm: the same
// context loading the page again (the page and the site file revalidated with a 304, the files
// named at their version kept, the compiled wasm cached by Chromium). Target: app <= 1.3x
// blank. --network 4g also runs both over an emulated phone link (9 Mbit/s down, 1.5 up, 60
// ms). Each is measured on a desktop screen (1280x800 at 1x) and a phone's (390x844 at 3x,
// touch), where glyphs have nine times the pixels. It also prints what the cold app visit
// transferred, by request, before its first frame and after it (the respondents' fallback
// fonts come later).
// Needs `tools/build all` first.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliCampaign } from '../e2e/campaign.mjs';
import { launchBrowser, ROOT, startServer } from '../e2e/harness.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const RUNS = Number(option('--runs', 5));
const NETWORK = option('--network', null);
const PHONE = { offline: false, latency: 60, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 };
const SCREENS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};
const SCREEN_NAMES = option('--screens', 'desktop,phone').split(',');

// The blank page: no inline script (serve.py's policy forbids it), so a file of its own, named
// at its content version as the app's page names its files (kept by the browser when warm).
const BLANK_HTML = (version) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>blank</title>
<script src="blank.js?v=${version}" defer></script></head><body><canvas id="c"></canvas></body></html>`;
// Its canvas covers the window at the device's pixels, as the app's does.
const BLANK_JS = `'use strict';
const canvas = document.getElementById('c');
canvas.style.width = innerWidth + 'px';
canvas.style.height = innerHeight + 'px';
canvas.width = Math.round(innerWidth * devicePixelRatio);
canvas.height = Math.round(innerHeight * devicePixelRatio);
const gl = canvas.getContext('webgl2');
requestAnimationFrame(function () {
  gl.clearColor(0.97, 0.96, 0.95, 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  window.firstFrameMs = performance.now();
});`;

// Records the moment the shell marks the first frame, from before any script of the page runs,
// and when the wasm was compiled and instantiated (Emscripten's onRuntimeInitialized, called
// just before main()).
function watchFirstFrame() {
  let module;
  Object.defineProperty(window, 'Module', {
    configurable: true,
    get() { return module; },
    set(m) {
      module = m;
      if (m && typeof m === 'object' && !m.onRuntimeInitialized) m.onRuntimeInitialized = () => { window.runtimeMs = performance.now(); };
    },
  });
  new MutationObserver(() => {
    if (document.body && document.body.dataset.state === 'ready' && window.firstFrameMs === undefined) {
      window.firstFrameMs = performance.now();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
}

async function firstFrame(page, url) {
  // From another document: going to the same URL with a fragment would only move within it.
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => window.firstFrameMs !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => ({
    frame: window.firstFrameMs,
    // The browser's first contentful paint: the app's "Loading" screen, before the wasm has run.
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// RUNS cold loads (a fresh context each) and RUNS warm ones (reloads in one context).
async function measure(browser, url, network, screen) {
  const cold = [];
  const warm = [];
  const paints = [];
  for (let i = 0; i < RUNS; ++i) {
    const context = await browser.newContext(screen);
    await context.addInitScript(watchFirstFrame);
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    const first = await firstFrame(page, url);
    cold.push(first.frame);
    paints.push(first.paint);
    if (i === 0) await firstFrame(page, url);  // the load that fills Chromium's wasm code cache
    warm.push((await firstFrame(page, url)).frame);
    await context.close();
  }
  return { cold: median(cold), warm: median(warm), coldAll: cold, warmAll: warm, paint: median(paints) };
}

// What one cold load of the app transferred, by request (Resource Timing: bytes on the wire,
// headers included), split at its first frame.
async function transfers(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(watchFirstFrame);
  const page = await context.newPage();
  const encodings = new Map();
  let accept = '';
  page.on('request', async (r) => { if (!accept) accept = (await r.allHeaders())['accept-encoding'] || ''; });
  page.on('response', async (r) => { encodings.set(r.url().split('#')[0], (await r.allHeaders())['content-encoding'] || 'identity'); });
  await page.goto(url);
  await page.waitForFunction(() => window.firstFrameMs !== undefined, null, { timeout: 60000 });
  // Anything the first screen starts after its first frame (the respondents' fallback fonts
  // come only with the form, one screen later).
  await page.waitForTimeout(3000);
  const { entries, frame, runtime } = await page.evaluate(() => ({
    frame: window.firstFrameMs,
    runtime: window.runtimeMs,
    entries: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((e) => ({ url: e.name, bytes: e.transferSize, start: e.startTime, end: e.responseEnd })),
  }));
  await context.close();
  return { entries: entries.map((e) => ({ ...e, encoding: encodings.get(e.url.split('#')[0]) || '?' })), frame, runtime, accept };
}

function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

async function main() {
  const web = path.join(ROOT, 'build', 'web');
  if (!fs.existsSync(path.join(web, 'parley.wasm'))) throw new Error('build/web is missing: run tools/build all first');
  const blankRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-blank-'));
  const blankVersion = crypto.createHash('sha256').update(BLANK_JS).digest('hex').slice(0, 12);
  fs.writeFileSync(path.join(blankRoot, 'index.html'), BLANK_HTML(blankVersion));
  fs.writeFileSync(path.join(blankRoot, 'blank.js'), BLANK_JS);
  const app = await startServer();
  const blank = await startServer(['--web-root', blankRoot]);
  const campaign = cliCampaign(app.url);
  const chrome = await launchBrowser();
  try {
    console.log(`Parley first frame: ${RUNS} runs each, medians in ms (load average ${loadAverage()})`);
    const appUrl = `${app.url}/#c=${campaign.token}`;
    const profiles = [['localhost', null]];
    if (NETWORK === '4g') profiles.push(['phone link (9/1.5 Mbit/s, 60 ms)', PHONE]);
    for (const [link, network] of profiles) for (const screenName of SCREEN_NAMES) {
      const screen = SCREENS[screenName];
      if (!screen) throw new Error(`--screens: ${screenName} is not one of ${Object.keys(SCREENS).join(', ')}`);
      const b = await measure(chrome.browser, blank.url + '/', network, screen);
      const a = await measure(chrome.browser, appUrl, network, screen);
      console.log(`${link}, ${screenName} screen:`);
      console.log(`  blank WebGL2 page  cold ${b.cold.toFixed(0).padStart(6)}  warm ${b.warm.toFixed(0).padStart(6)}`);
      console.log(`  app, campaign link cold ${a.cold.toFixed(0).padStart(6)}  warm ${a.warm.toFixed(0).padStart(6)}` +
        `   (cold runs ${a.coldAll.map((x) => x.toFixed(0)).join(' ')}; warm ${a.warmAll.map((x) => x.toFixed(0)).join(' ')})`);
      console.log(`  app / blank        cold ${(a.cold / b.cold).toFixed(2).padStart(6)}  warm ${(a.warm / b.warm).toFixed(2).padStart(6)}   (target <= 1.3)`);
      console.log(`  the app's "Loading" screen painted at ${a.paint.toFixed(0)} ms cold (first contentful paint; ${(a.paint / b.cold).toFixed(2)}x the blank page's frame)`);
    }
    const t = await transfers(chrome.browser, appUrl);
    console.log(`what a cold visit transferred (the browser's Accept-Encoding: ${t.accept}):`);
    let before = 0;
    let after = 0;
    for (const r of t.entries) {
      const first = r.end <= t.frame;
      if (first) before += r.bytes; else after += r.bytes;
      console.log(`  ${first ? 'before' : 'after '} the first frame ${r.encoding.padEnd(9)}${(r.bytes / 1024).toFixed(1).padStart(9)} KB` +
        `  asked at ${r.start.toFixed(0).padStart(4)}, done at ${r.end.toFixed(0).padStart(4)} ms  ${new URL(r.url).pathname}`);
    }
    console.log(`  up to the first frame ${(before / 1024).toFixed(1)} KB; after it ${(after / 1024).toFixed(1)} KB; first frame at ${t.frame.toFixed(0)} ms`);
    console.log(`  the wasm compiled and instantiated at ${t.runtime.toFixed(0)} ms; main() and the first frame took ${(t.frame - t.runtime).toFixed(0)} ms`);
  } finally {
    await chrome.close();
    await app.stop();
    await blank.stop();
    campaign.remove();
    fs.rmSync(blankRoot, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
