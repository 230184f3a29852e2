// --post-js of parley_worker.js.
//
// 1. Each batch carries the reader's secret key and the envelopes. It is moved into the wasm
//    heap as soon as it arrives (worker_main.cpp wipes it there) and the message's own array is
//    zeroed at once, instead of being left for garbage collection. A message that arrives before
//    the runtime is ready is queued by Emscripten and passed here again later.
// 2. The X25519 of each stanza goes to the browser's WebCrypto when it has X25519 (faster than
//    any wasm X25519), checked once against RFC 7748's test vector; the rest of
//    crypto_box_seal_open stays in wasm (worker_main.cpp, the stepped path). "#x25519=wasm" on
//    the worker's URL keeps everything in wasm (the benchmark's comparison). Batches are
//    answered one at a time, in order, as the page's pool expects; hello answers 1 (WebCrypto)
//    or 0 (wasm) once the check is done.
(function () {
  var handle = onmessage;
  var subtle = (typeof crypto === 'object' && crypto.subtle) || null;
  var wanted = !/x25519=wasm/.test(String(self.location && self.location.hash));
  var PKCS8 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20];
  var X25519 = { name: 'X25519' };

  function hex(s) {
    var b = new Uint8Array(s.length / 2);
    for (var i = 0; i < b.length; i++) b[i] = parseInt(s.substr(2 * i, 2), 16);
    return b;
  }
  function privateKey(secret) {  // secret: 32 bytes; the DER copy is zeroed after the import
    var der = new Uint8Array(48);
    der.set(PKCS8);
    der.set(secret, 16);
    return subtle.importKey('pkcs8', der, X25519, false, ['deriveBits']).finally(function () { der.fill(0); });
  }
  function derive(priv, point) {  // resolves to 32 bytes, or null when WebCrypto refuses
    return subtle.importKey('raw', point, X25519, false, [])
      .then(function (pub) { return subtle.deriveBits({ name: 'X25519', public: pub }, priv, 256); })
      .then(function (bits) { return new Uint8Array(bits); }, function () { return null; });
  }
  // RFC 7748, 6.1: Alice's secret key and Bob's public key make this shared secret.
  var detected = (!wanted || !subtle) ? Promise.resolve(false) : privateKey(hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'))
    .then(function (priv) { return derive(priv, hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')); })
    .then(function (s) {
      var want = hex('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
      return !!s && s.length === 32 && s.every(function (b, i) { return b === want[i]; });
    }, function () { return false; });

  function answer(callbackId, bytes) {
    if (bytes) postMessage({ 'callbackId': callbackId, 'finalResponse': true, 'data': bytes }, [bytes.buffer]);
    else postMessage({ 'callbackId': callbackId, 'finalResponse': true, 'data': 0 });
  }

  // The stepped path of worker_main.cpp for one batch (already in the heap at `at`, `n` bytes;
  // freed here), its X25519s through WebCrypto.
  async function openStepped(callbackId, at, n) {
    var reply = null;
    try {
      var rc = _parley_worker_begin(at, n);  // wipes the request
      if (at) _free(at);
      at = 0;
      if (rc === 0) {
        var key = _parley_worker_key();
        var priv = null;
        if (key) {
          try {
            priv = await privateKey(HEAPU8.subarray(key, key + 32));
          } catch (e) {
            priv = null;  // every step in wasm then
          }
        }
        for (var count = _parley_worker_wanted(); count > 0; count = _parley_worker_wanted()) {
          var p = _parley_worker_points();
          var points = HEAPU8.slice(p, p + 32 * count);
          var shared = null;
          if (priv) {
            try {
              shared = await Promise.all(Array.from({ length: count }, function (_, i) {
                return derive(priv, points.subarray(32 * i, 32 * i + 32));
              }));
            } catch (e) {
              shared = null;
            }
          }
          if (!shared) {
            _parley_worker_take(0, 0);  // this step in wasm
            continue;
          }
          var out = _malloc(32 * count);
          HEAPU8.fill(0, out, out + 32 * count);  // a refused one stays zero: libsodium decides it
          for (var i = 0; i < count; i++) {
            if (shared[i] && shared[i].length === 32) {
              HEAPU8.set(shared[i], out + 32 * i);
              shared[i].fill(0);
            }
          }
          _parley_worker_take(out, 32 * count);  // wipes them
          _free(out);
        }
        var size = _parley_worker_finish();
        var got = _parley_worker_answer();
        reply = HEAPU8.slice(got, got + size);
      }
    } catch (e) {
      reply = null;  // the page counts the batch as a worker failure
    } finally {
      if (at) {
        HEAPU8.fill(0, at, at + n);
        _free(at);
      }
      try { _parley_worker_end(); } catch (e) { /* the runtime is gone */ }
    }
    answer(callbackId, reply);
  }

  // The all-wasm path, as Emscripten's own handler would call it.
  function openWasm(callbackId, at, n) {
    workerResponded = false;
    workerCallbackId = callbackId;
    try {
      _parley_worker_open(at, n);  // wipes the request and answers
    } finally {
      if (at) _free(at);
    }
  }

  var queue = Promise.resolve();
  onmessage = function (msg) {
    if (!runtimeInitialized) return handle(msg);  // queued by Emscripten, passed here again later
    var name = msg.data && msg.data['funcName'];
    var callbackId = msg.data && msg.data['callbackId'];
    if (name !== 'parley_worker_hello' && name !== 'parley_worker_open') {
      try {
        return handle(msg);
      } finally {
        var other = msg.data && msg.data['data'];
        if (other && other.fill) other.fill(0);
      }
    }
    // The batch moves into the heap now and the message's array is zeroed at once, whichever
    // path opens it later.
    var data = msg.data['data'];
    var n = data && data.length ? data.length : 0;
    var at = n ? _malloc(n) : 0;
    if (at) HEAPU8.set(data, at);
    if (data && data.fill) data.fill(0);
    queue = queue.then(function () { return detected; }).then(function (webcrypto) {
      // hello says which X25519 this worker uses: 1 WebCrypto, 0 wasm.
      if (name === 'parley_worker_hello') return answer(callbackId, new Uint8Array([webcrypto ? 1 : 0]));
      if (webcrypto) return openStepped(callbackId, at, n);
      openWasm(callbackId, at, n);
    }).catch(function (e) {
      setTimeout(function () { throw e; }, 0);  // the page's 'error' event: the pool replaces this worker
    });
  };
})();
