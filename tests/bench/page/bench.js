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

  // Vectors (tests/e2e/opener.test.mjs): one envelope layer opened with the secret key `keyHex`,
  // its X25519s in wasm (webcrypto false) or by this page's WebCrypto, the rest in wasm.
  window.parleyOpenEnvelope = async function (bytes, keyHex, webcrypto) {
    const M = window.Module;
    let shared = null;
    if (webcrypto) {
      const hex = (h) => new Uint8Array(h.match(/../g).map((b) => parseInt(b, 16)));
      const der = new Uint8Array(48);
      der.set([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);
      der.set(hex(keyHex), 16);
      const priv = await crypto.subtle.importKey('pkcs8', der, { name: 'X25519' }, false, ['deriveBits']);
      const stanzas = bytes.length >= 8 ? Math.min(bytes[7], Math.floor((bytes.length - 8) / 80)) : 0;
      shared = new Uint8Array(32 * stanzas);  // zero where WebCrypto refuses
      for (let i = 0; i < stanzas; i++) {
        const pub = await crypto.subtle.importKey('raw', bytes.slice(8 + 80 * i, 8 + 80 * i + 32), { name: 'X25519' }, false, []);
        try {
          shared.set(new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: pub }, priv, 256)), 32 * i);
        } catch (e) { /* an all-zero result: refused, left zero */ }
      }
    }
    const at = M._malloc(Math.max(bytes.length, 1));
    M.HEAPU8.set(bytes, at);
    const sh = shared ? M._malloc(Math.max(shared.length, 1)) : 0;
    if (sh) M.HEAPU8.set(shared, sh);
    const p = M.ccall('parley_bench_open_envelope', 'number', ['number', 'number', 'string', 'number', 'number'],
      [at, bytes.length, keyHex, sh, shared ? shared.length : 0]);
    M._free(at);
    if (sh) M._free(sh);
    return JSON.parse(M.UTF8ToString(p));
  };

  // Runs one batch of work and resolves with the report. mode: 'pool' (the app's worker pool,
  // X25519 through WebCrypto where the browser has it), 'pool-wasm' (its X25519 in wasm), 'inline'. `envelopes` is a URL whose body is
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
      [options.token, options.keyHex, blob, size, options.batch || 512, options.mode === 'inline' ? 1 : options.mode === 'pool-wasm' ? 2 : 0,
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
