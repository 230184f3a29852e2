// --post-js of parley_worker.js. Emscripten copies each batch (the reader's secret key and the
// envelopes) from the message into the wasm heap, where worker_main.cpp wipes it, but leaves the
// message's own array alive until garbage collection. Zero it once the batch has been copied in.
// A message that arrives before the runtime is ready is queued by Emscripten and passed here
// again later: only a message handled now is zeroed now.
(function () {
  var handle = onmessage;
  onmessage = function (msg) {
    var handledNow = runtimeInitialized;
    try {
      handle(msg);
    } finally {
      var data = msg.data && msg.data['data'];
      if (handledNow && data && data.fill) data.fill(0);
    }
  };
})();
