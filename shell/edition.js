// Which build of the app this page loads, decided before anything else so that its two large
// files start downloading with the page, and its wasm compiling as it arrives. A campaign link
// (#c=..., #m=...) loads answer.{js,wasm}, the respondents' build: the form, a mediation
// request, a conversation, and nothing of the organisers' screens, so a phone fetches half as
// much. Every other address loads the full app,
// parley.{js,wasm}; the respondents' build hands an organiser's screen to it by loading the page
// again at #go=... (src/ui/edition.h). Not deferred: it runs while the head is parsed.
'use strict';

(function () {
  // The content version of each build's files, written in by the build
  // (cmake/web_versions_script.cmake): a file asked for with its version is kept by the browser
  // for ever, so a repeat visit fetches neither. Empty in the source: plain names, revalidated.
  const versions = {/*versions*/};
  const versioned = (name) => (versions[name] ? name + '?v=' + versions[name] : name);
  const edition = /^#[cm]=/.test(window.location.hash) ? 'answer' : 'parley';
  window.parleyScript = versioned(edition + '.js');
  window.parleyWasmFile = versioned(edition + '.wasm');
  // Fetched as shell.js will ask for it (the same request, so the cache matches).
  const head = document.head;
  const script = document.createElement('link');
  script.rel = 'preload';
  script.as = 'script';
  script.href = window.parleyScript;
  head.appendChild(script);
  // The wasm is compiled as it downloads, from now on rather than once the app's script has run
  // (shell.js hands this promise to it as Module.instantiateWasm). A failure is shell.js's to
  // show, so it is kept, not thrown here.
  if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
    window.parleyWasm = WebAssembly.compileStreaming(fetch(window.parleyWasmFile, { credentials: 'same-origin' }));
    window.parleyWasm.catch(function () {});
  }
})();
