// Parley page shell: checks the browser can run the app, shows a loading indicator until the
// first frame, wires the DOM mirror (mirror.js) and touch input (touch.js) to the app, and
// bridges what Emscripten 3.1.6's GLFW lacks (paste). No inline script: the
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

  // Calls into the app once it runs (before that, there is nothing on screen to act on).
  const SIGNATURES = {
    parley_mirror_press: ['string'],
    parley_mirror_edit: ['string', 'string', 'number'],
    parley_mirror_focus: ['string', 'number'],
    parley_scroll: ['number'],
    parley_touch: ['number', 'number', 'number'],
    parley_set_touch_screen: ['number'],
    parley_set_text_scale: ['number'],
  };
  function call(name, ...args) {
    if (!window.Module.calledRun) return;
    window.Module.ccall(name, null, SIGNATURES[name], args);
  }
  const mirrorRoot = document.getElementById('mirror');
  const mirror = window.ParleyMirror(mirrorRoot, call);
  window.ParleyTouch(canvas, mirrorRoot, call);

  // Keys typed into the mirror are the page's: GLFW (listening on window) never sees them, and
  // Tab always moves the page's focus (GLFW would cancel it). Registered before GLFW's listener,
  // so stopping here keeps it out; the mirror's own key handling runs here for the same reason.
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, function (e) {
      if (mirrorRoot.contains(e.target)) mirror.onKey(e);
      if (mirrorRoot.contains(e.target) || e.key === 'Tab') e.stopImmediatePropagation();
    }, true);
  }

  // Phones get larger tap targets; the person's text size setting enlarges the UI.
  const coarse = window.matchMedia('(pointer: coarse)');
  function sendSettings() {
    const scale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    document.documentElement.style.setProperty('--text-scale', String(scale));
    call('parley_set_text_scale', scale);
    call('parley_set_touch_screen', coarse.matches ? 1 : 0);
  }
  coarse.addEventListener('change', sendSettings);

  window.Module = {
    canvas: canvas,
    print: function () {},
    printErr: function (text) { console.warn(text); },
    parleyFirstFrame: function () {
      loading.hidden = true;
      document.body.dataset.state = 'ready';
      sendSettings();
    },
    parleyMirror: mirror.update,
    parleyFatal: fail,
    onAbort: function () { fail('The app stopped unexpectedly. Reload the page to try again.'); },
  };

  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // Emscripten 3.1.6's GLFW has no clipboard: hand pasted text to ImGui ourselves.
  document.addEventListener('paste', function (e) {
    if (mirrorRoot.contains(e.target)) return;  // a real field: the browser pastes
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !window.Module.calledRun) return;
    e.preventDefault();
    window.Module.ccall('parley_paste', null, ['string'], [text]);
  });

  const script = document.createElement('script');
  script.src = window.parleyEdition + '.js';  // chosen by edition.js
  script.onerror = function () { fail('The app could not be downloaded. Check your connection and reload.'); };
  document.body.appendChild(script);
})();
