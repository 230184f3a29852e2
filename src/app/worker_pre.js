// --pre-js of parley_worker.js. A worker that fails while loading (its wasm cannot be fetched or
// compiled, e.g. under a CSP without 'wasm-unsafe-eval') ends in a rejected promise, which never
// reaches the page. Rethrow every abort outside any promise so the page's Worker 'error' event
// fires and the pool (src/app/opener_web.cpp) stops waiting for this worker.
Module['onAbort'] = function (what) {
  setTimeout(function () { throw new Error('Parley worker stopped: ' + what); }, 0);
};
