// Drives parley_bench.{js,wasm} (src/app/bench_web.cpp) for tests/e2e/opener.test.mjs and
// tests/bench/results.mjs. No inline script: the page keeps the app's CSP.
'use strict';

(function () {
  window.Module = {
    print: function () {},
    printErr: function (text) { console.warn(text); },
    onRuntimeInitialized: function () { document.body.dataset.state = 'ready'; },
    onAbort: function () { document.body.dataset.state = 'failed'; },
  };

  // Conversations (tests/bench/conversations.mjs): `runs` timings in ms of one person finding
  // their reply in a day's bundle for `threads` conversations.
  window.parleyConversations = function (threads, runs) {
    const M = window.Module;
    return JSON.parse(M.UTF8ToString(M.ccall('parley_bench_conversations', 'number', ['number', 'number'], [threads, runs])));
  };

  // Runs one batch of work and resolves with the report. `envelopes` is a URL whose body is
  // (u32 little-endian length, envelope)*; the download is not part of the timing.
  window.parleyBench = async function (options) {
    const M = window.Module;
    const response = await fetch(options.envelopes, { cache: 'no-store' });
    if (!response.ok) throw new Error('envelopes: HTTP ' + response.status);
    let bytes = new Uint8Array(await response.arrayBuffer());
    const size = bytes.length;
    const blob = M._malloc(Math.max(size, 1));
    if (!blob) throw new Error('out of memory for ' + size + ' bytes');
    M.HEAPU8.set(bytes, blob);
    bytes = null;  // the page keeps one copy: the one in the wasm heap
    const started = M.ccall('parley_bench_start', 'number',
      ['string', 'string', 'number', 'number', 'number', 'number', 'number'],
      [options.token, options.keyHex, blob, size, options.batch || 512, options.mode === 'inline' ? 1 : 0,
        options.workers || 0]);
    if (started !== 0) throw new Error('parley_bench_start refused its arguments');
    let peak = M.ccall('parley_bench_heap_bytes', 'number', [], []);
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      peak = Math.max(peak, M.ccall('parley_bench_heap_bytes', 'number', [], []));
      const p = M.ccall('parley_bench_report', 'number', [], []);
      if (p) {
        const report = JSON.parse(M.UTF8ToString(p));
        report.heap_peak_bytes = Math.max(peak, report.heap_bytes);
        if (performance.memory) report.js_heap_bytes = performance.memory.usedJSHeapSize;
        return report;
      }
    }
  };

  const script = document.createElement('script');
  script.src = 'parley_bench.js';
  document.body.appendChild(script);
})();
