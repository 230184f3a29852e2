// The app shell in headless Chromium: it loads, draws, takes clicks, typing and pastes, keeps
// to its Content-Security-Policy and talks to no one but its own origin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickItem, distinctColours, launchBrowser, openApp, pressKey, saveScreenshot, snapshot, startServer,
  typeText, waitForField, waitForState,
} from './harness.mjs';

let server;
let chrome;

before(async () => {
  server = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  if (chrome) await chrome.close();
  if (server) await server.stop();
});

test('first frame is drawn and is not blank', async () => {
  const { context, page, problems } = await openApp(chrome.browser, server.url);
  try {
    const shot = await page.screenshot();
    saveScreenshot('foundation-welcome.png', shot);
    assert.ok(await distinctColours(chrome.browser, shot) > 20, 'screenshot looks blank');
    assert.equal(await page.isHidden('#loading'), true, 'loading indicator still shown');
    const s = await snapshot(page);
    assert.equal(s.screen, 'welcome');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('"Loading" turns a spinner only once the wait has lasted a second', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // The app's wasm is held back until the spinner has been seen, as on a slow link.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await context.route(/\/parley\.wasm(\?|$)/, async (route) => { await held; await route.continue(); });
    const page = await context.newPage();
    await page.goto(server.url + '/', { waitUntil: 'domcontentloaded' });
    const spinner = () => page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('#loading .spinner'));
      return {
        at: performance.now(), slow: document.getElementById('loading').classList.contains('slow'),
        visibility: style.visibility, animation: style.animationName,
      };
    });
    const early = await spinner();
    assert.equal(await page.isVisible('#loading'), true);
    if (!early.slow) {
      assert.equal(early.visibility, 'hidden', JSON.stringify(early));
      assert.equal(early.animation, 'none', JSON.stringify(early));
    } else {
      assert.ok(early.at >= 1000, `the spinner started before a second had passed: ${JSON.stringify(early)}`);
    }
    await page.waitForSelector('#loading.slow', { timeout: 10000 });
    const late = await spinner();
    assert.ok(late.at >= 1000, JSON.stringify(late));
    assert.deepEqual([late.visibility, late.animation], ['visible', 'spin']);
    release();
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    assert.equal(await page.isHidden('#loading'), true);
  } finally {
    await context.close();
  }
});

test('a repeat visit asks the server for the page and the site file only', async () => {
  const { context, page } = await openApp(chrome.browser, server.url);
  try {
    await page.goto('about:blank');
    await page.goto(server.url + '/');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    // Resource Timing: a file the browser kept has no bytes on the wire (a 304 has its headers).
    const entries = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ file: new URL(e.name).pathname.slice(1) + new URL(e.name).search, wire: e.transferSize })));
    const kept = entries.filter((e) => e.wire === 0).map((e) => e.file.split('?')[0]).sort();
    assert.deepEqual(kept, ['edition.js', 'icon.svg', 'mirror.js', 'parley.js', 'parley.wasm', 'shell.js', 'style.css', 'touch.js']);
    assert.ok(entries.every((e) => e.wire > 0 || /\?v=[0-9a-f]{12}$/.test(e.file)), JSON.stringify(entries));
    assert.deepEqual(entries.filter((e) => e.wire > 0).map((e) => e.file), ['parley-site.json']);
    assert.equal((await snapshot(page)).screen, 'welcome');
  } finally {
    await context.close();
  }
});

test('renders at the device pixel ratio and follows window resizes', async () => {
  const { context, page } = await openApp(chrome.browser, server.url, { deviceScaleFactor: 2 });
  try {
    const s = await waitForState(page, (st) => st.pixel_ratio === 2, 'pixel ratio 2');
    assert.equal(s.pixel_ratio, 2);
    const size = () => page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
    await page.waitForFunction(() => document.getElementById('canvas').width === 2560);
    assert.deepEqual(await size(), [2560, 1600]);
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 1800, null, { timeout: 5000 });
    assert.deepEqual(await size(), [1800, 1400]);
    saveScreenshot('foundation-hidpi-900.png', await page.screenshot());
  } finally {
    await context.close();
  }
});

test('a click and typed text reach the link field; Open explains a bad link', async () => {
  const { context, page, problems } = await openApp(chrome.browser, server.url);
  try {
    await clickItem(page, 'link_input');
    await typeText(page, 'hello there');
    await waitForField(page, 'link_input', 'hello there');
    await clickItem(page, 'open_button');
    const s = await waitForState(page, (st) => st.notice.kind === 'error', 'an error notice');
    assert.match(s.notice.text, /not a Parley campaign link/);
    saveScreenshot('foundation-bad-link.png', await page.screenshot());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('pasting non-ASCII text shows it in the field', async () => {
  const { context, page } = await openApp(chrome.browser, server.url);
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const text = 'Tháng 1 — Привет';
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await clickItem(page, 'link_input');
    await pressKey(page, 'v', ['Control']);
    await waitForField(page, 'link_input', text);
    saveScreenshot('foundation-paste.png', await page.screenshot());
  } finally {
    await context.close();
  }
});

test('the CSP forbids inline script and eval, and no request leaves the app origin', async () => {
  const { context, page, requests, response, problems } = await openApp(chrome.browser, server.url);
  try {
    const csp = response.headers()['content-security-policy'];
    assert.ok(csp, 'no Content-Security-Policy header');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.doesNotMatch(meta, /unsafe-inline|'unsafe-eval'/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'inline script in the page');
    await clickItem(page, 'open_button');
    await page.waitForTimeout(300);
    assert.ok(requests.length >= 4, `too few requests recorded: ${requests}`);
    for (const url of requests) assert.ok(url.startsWith(server.url + '/'), `request left the origin: ${url}`);
    const cookies = await context.cookies();
    assert.deepEqual(cookies, []);
    // Nothing of emscripten's own on the device either (its fetch cache is off).
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a browser without WebGL 2 or WebAssembly gets a clear message, not a blank page', async () => {
  const cases = [
    ['WebGL 2', () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    }],
    ['WebAssembly', () => { delete window.WebAssembly; }],
  ];
  for (const [what, disable] of cases) {
    const context = await chrome.browser.newContext();
    try {
      await context.addInitScript(disable);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await page.waitForSelector('body[data-state="failed"]', { timeout: 10000 });
      assert.equal(await page.isVisible('#fallback'), true);
      assert.match(await page.textContent('#fallback-reason'), new RegExp(what));
      saveScreenshot(`foundation-no-${what.replace(/\W/g, '')}.png`, await page.screenshot());
    } finally {
      await context.close();
    }
  }
});
