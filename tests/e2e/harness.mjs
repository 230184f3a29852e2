// End-to-end harness: starts serve.py and Debian's Chromium (through playwright-core), and
// gives tests a page plus what a person would do with it: look, click, type, paste.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = join(ROOT, 'tests', 'out');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Starts serve.py on a free port with a fresh blob store; resolves once it printed its URL.
// $PARLEY_WEB_ROOT serves another build of the app than build/web/.
export async function startServer(extraArgs = []) {
  const data = mkdtempSync(join(tmpdir(), 'parley-e2e-data-'));
  const webRoot = process.env.PARLEY_WEB_ROOT ? ['--web-root', process.env.PARLEY_WEB_ROOT] : [];
  const proc = spawn('python3', [join(ROOT, 'serve.py'), '--no-build', '--port', '0', '--data', data, '--quiet',
    ...webRoot, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${stderr}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Parley serving (http:\/\/\S+?)\/? /);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${stderr}`)); });
  });
  return {
    url, data, proc,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// playwright gives every launch a fresh, empty profile of its own.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return { browser, close: () => browser.close() };
}

// Opens the app and waits for its first frame. Records every request and console error.
// `path` may carry a campaign link's fragment ("/#c=...").
// `beforeLoad(page)` runs before the page is loaded (e.g. to set the page's clock).
export async function openApp(browser, url, contextOptions = {}, path = '/', beforeLoad = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  if (beforeLoad) await beforeLoad(page);
  const response = await page.goto(url + path);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
  return { context, page, requests, problems, response };
}

export async function snapshot(page) {
  return JSON.parse(await page.evaluate(() => window.Module.UTF8ToString(window.Module.ccall('parley_snapshot', 'number', [], []))));
}

// What a text field of the page's mirror holds: the snapshot never carries typed text.
export async function fieldValue(page, id) {
  return page.inputValue(`#mirror [data-id="${id}"]`);
}

// Waits until a text field holds `text`.
export async function waitForField(page, id, text, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fieldValue(page, id);
    if (last === text) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${id} to hold ${JSON.stringify(text)}; it holds ${JSON.stringify(last)}`);
}

// The paragraphs the page shows, in reading order (what a screen reader reads).
export async function shownParagraphs(page) {
  return page.locator('#mirror p').allTextContents();
}

// Asserts that `expected` appear among the shown paragraphs in this order (others may come between).
export async function assertShownInOrder(page, expected) {
  const shown = await shownParagraphs(page);
  let at = 0;
  for (const text of expected) {
    const found = shown.indexOf(text, at);
    if (found < 0) throw new Error(`${JSON.stringify(text)} is not shown after position ${at}: ${JSON.stringify(shown)}`);
    at = found + 1;
  }
}

// Waits until the app's state satisfies `predicate` (the app renders on animation frames).
// The state can run ahead of the screen: it returns once a frame has drawn that state, so the
// mirror and the item rectangles show it too.
export async function waitForState(page, predicate, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await snapshot(page);
    if (predicate(last)) {
      const seen = last.frame;
      while (Date.now() < end) {
        await page.waitForTimeout(16);
        const now = await snapshot(page);
        if (now.frame > seen) return predicate(now) ? now : last;
      }
      break;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

// Scrolls with the mouse wheel, as a person would, until a named widget is fully in view.
export async function scrollTo(page, id) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 40; i++) {
    const s = await waitForState(page, (st) => st.items && st.items[id], `item ${id}`);
    const [, y, , h] = s.items[id];
    if (y >= 0 && y + h <= height) {
      // Only click once the layout has settled (a new screen may still be scrolling).
      await page.waitForTimeout(50);
      const again = (await snapshot(page)).items[id];
      if (again && again.join() === s.items[id].join()) return again;
      continue;
    }
    await page.mouse.move(640, height / 2);
    await page.mouse.wheel(0, y < 0 ? -200 : 200);
    await page.waitForTimeout(80);
  }
  throw new Error(`could not scroll ${id} into view`);
}

// Clicks the middle of a named widget, as a person would.
export async function clickItem(page, id) {
  const [x, y, w, h] = await scrollTo(page, id);
  await page.mouse.move(x + w / 2, y + h / 2);
  await page.waitForTimeout(50);
  await page.mouse.down();
  await page.waitForTimeout(60);  // ImGui 1.86 samples button state once a frame
  await page.mouse.up();
  await page.waitForTimeout(50);
}

// Presses a key long enough for ImGui 1.86 (which samples key state per frame) to see it.
export async function pressKey(page, key, modifiers = []) {
  for (const m of modifiers) await page.keyboard.down(m);
  await page.keyboard.down(key);
  await page.waitForTimeout(70);
  await page.keyboard.up(key);
  for (const m of modifiers.reverse()) await page.keyboard.up(m);
  await page.waitForTimeout(50);
}

export async function typeText(page, text) {
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(20);
  }
}

export function saveScreenshot(name, buffer) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, name), buffer);
}

// How many distinct colours a PNG has, decoded by the browser itself (a blank page has 1-2).
export async function distinctColours(browser, png) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < px.length; i += 4 * 7) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      return seen.size;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

// Types any text, non-ASCII included: playwright's keyboard.type does not reach the canvas for
// characters outside ASCII, CDP key events that carry their text do.
export async function typeAnyText(page, text) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const ch of text) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp' });
      await page.waitForTimeout(20);
    }
  } finally {
    await cdp.detach();
  }
}

// Puts `text` on the clipboard and pastes it into a named field with Ctrl+V, then leaves it.
export async function pasteInto(page, origin, id, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickItem(page, id);
  await pressKey(page, 'v', ['Control']);
  await pressKey(page, 'Escape');
}

// Whether `locator` (an element of the page) has the focus.
export const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

