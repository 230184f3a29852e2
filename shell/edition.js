// Which build of the app this page loads, decided before anything else so that its two large
// files start downloading with the page. A campaign link (#c=..., #m=...) loads answer.{js,wasm},
// the respondents' build: the form, a mediation request, a conversation, and nothing of the
// organisers' screens, so a phone fetches half as much. Every other address loads the full app,
// parley.{js,wasm}; the respondents' build hands an organiser's screen to it by loading the page
// again at #go=... (src/ui/edition.h). Not deferred: it runs while the head is parsed.
'use strict';

(function () {
  const edition = /^#[cm]=/.test(window.location.hash) ? 'answer' : 'parley';
  window.parleyEdition = edition;
  // Fetched as shell.js will ask for them (the same requests, so the cache matches).
  const head = document.head;
  const script = document.createElement('link');
  script.rel = 'preload';
  script.as = 'script';
  script.href = edition + '.js';
  head.appendChild(script);
  const wasm = document.createElement('link');
  wasm.rel = 'preload';
  wasm.as = 'fetch';
  wasm.type = 'application/wasm';
  wasm.crossOrigin = 'anonymous';
  wasm.href = edition + '.wasm';
  head.appendChild(wasm);
})();
