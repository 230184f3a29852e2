//# allFunctionsCalledOnLoad
// V8's compile hint: this script is compiled whole as it downloads (docs/DEVELOPING.md, "The first frame").
// Parley page shell: checks the browser can run the app, shows a loading indicator until the
// first frame, wires the DOM mirror (mirror.js) and touch input (touch.js) to the app, and
// bridges what Emscripten 3.1.6's GLFW lacks (paste). No inline script: the
// page's Content-Security-Policy allows scripts from this origin only.
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const fallback = document.getElementById('fallback');

  // The spinner turns only for a wait that has lasted a second (style.css).
  const slow = setTimeout(function () { loading.classList.add('slow'); }, 1000);

  function fail(reason) {
    clearTimeout(slow);
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
  // The app's own WebGL context, made now while the wasm downloads: making one waits on the GPU
  // process for tens of milliseconds, which would otherwise come after it. The app takes it
  // over (-sGL_PREINITIALIZED_CONTEXT). Opaque, and without the depth and stencil buffers ImGui
  // never uses; the backing store is the canvas's box in device pixels, as main() sizes it.
  let gl = null;
  if (typeof WebGL2RenderingContext === 'function') {
    const box = canvas.getBoundingClientRect();  // fractional, as main() reads it
    canvas.width = Math.max(1, Math.round(box.width * devicePixelRatio));
    canvas.height = Math.max(1, Math.round(box.height * devicePixelRatio));
    gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
  }
  if (!gl) {
    fail('WebGL 2 is not available in this browser (it may be turned off).');
    return;
  }

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
    preinitializedWebGLContext: gl,
    print: function () {},
    printErr: function (text) { console.warn(text); },
    parleyFirstFrame: function () {
      clearTimeout(slow);
      loading.hidden = true;
      document.body.dataset.state = 'ready';
      sendSettings();
    },
    parleyMirror: mirror.update,
    // The wasm edition.js started compiling as it downloaded; without streaming compilation (an
    // old browser, or a host that sends the wasm under another type), compiled from its bytes.
    instantiateWasm: function (imports, receive) {
      const url = window.parleyWasmFile;
      const compiled = (window.parleyWasm || Promise.reject(new Error('no streaming')))
        .catch(function () {
          return fetch(url, { credentials: 'same-origin' }).then(function (r) {
            if (!r.ok) throw new Error(url + ': ' + r.status);
            return r.arrayBuffer();
          }).then(function (bytes) { return WebAssembly.compile(bytes); });
        });
      compiled.then(function (module) {
        return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
      }).catch(function () { fail('The app could not be downloaded. Check your connection and reload.'); });
      return {};  // the exports come later, through receive()
    },
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
  script.src = window.parleyScript;  // chosen by edition.js
  script.onerror = function () { fail('The app could not be downloaded. Check your connection and reload.'); };
  document.body.appendChild(script);
})();
