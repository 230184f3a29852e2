// Parley page shell: checks the browser can run the app, shows a loading indicator until the
// first frame, and bridges what Emscripten 3.1.6's GLFW lacks (paste). No inline script: the
// page's Content-Security-Policy allows scripts from this origin only.
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const fallback = document.getElementById('fallback');

  function fail(reason) {
    loading.hidden = true;
    canvas.hidden = true;
    document.getElementById('fallback-reason').textContent = reason;
    fallback.hidden = false;
    document.body.dataset.state = 'failed';
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('WebAssembly is not available in this browser.');
    return;
  }
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    fail('WebGL 2 is not available in this browser (it may be turned off).');
    return;
  }
  const lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  window.Module = {
    canvas: canvas,
    print: function () {},
    printErr: function (text) { console.warn(text); },
    parleyFirstFrame: function () {
      loading.hidden = true;
      document.body.dataset.state = 'ready';
    },
    parleyFatal: fail,
    onAbort: function () { fail('The app stopped unexpectedly. Reload the page to try again.'); },
  };

  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // Emscripten 3.1.6's GLFW has no clipboard: hand pasted text to ImGui ourselves.
  document.addEventListener('paste', function (e) {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !window.Module.calledRun) return;
    e.preventDefault();
    window.Module.ccall('parley_paste', null, ['string'], [text]);
  });

  const script = document.createElement('script');
  script.src = 'parley.js';
  script.onerror = function () { fail('The app could not be downloaded. Check your connection and reload.'); };
  document.body.appendChild(script);
})();
