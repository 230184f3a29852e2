// The real app with a campaign's results loaded, for tests/bench/results.mjs: a manager opens
// build/web/index.html under serve.py, pastes the campaign link, chooses the key file and types
// the passphrase like a person would; the app lists and downloads every envelope from serve.py,
// opens them in its worker pool and shows the charts. Measures the load time, the page's wasm
// memory (it only grows, so its size at the end is the peak) and the frame time with the
// results on screen, idle and while scrolling.
import { clickItem, pasteInto, pressKey, saveScreenshot, snapshot, typeAnyText } from '../e2e/harness.mjs';

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
    if (Date.now() - start > timeoutMs) throw new Error(`not loaded after ${timeoutMs / 1000} s: ${JSON.stringify(s.session)}`);
    if (Date.now() - last > every * 1000) {
      last = Date.now();
      log(`         … ${Math.round((Date.now() - start) / 1000)} s: downloaded ${s.session?.downloaded} of ${s.session?.total}, opened ${s.session?.opened}`);
    }
    await page.waitForTimeout(1000);
  }
}

export async function benchApp({ browser, url, link, keyFile, passphrase, log, viewport = { width: 1280, height: 800 } }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
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
