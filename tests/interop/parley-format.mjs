// Independent implementation of the Parley version 2 formats, written only from docs/FORMAT.md.
// It exists to prove the spec is sufficient: the interop tests run it against the committed
// vectors and the native CLI. Errors are thrown as ParleyError whose `code` is the spec's
// error class, so tests can compare classes exactly.
// libsodium-wrappers 0.8's ESM build needs globalThis.crypto, which Debian's node 18 only has
// behind --experimental-global-webcrypto; node:crypto's webcrypto is the same object.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';

if (typeof globalThis.crypto?.getRandomValues !== 'function') globalThis.crypto = webcrypto;
const { default: sodium } = await import('libsodium-wrappers-sumo');

export class ParleyError extends Error {
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}
const fail = (code, detail) => { throw new ParleyError(code, detail); };

// libsodium's wasm must be instantiated before any call.
export async function ready() { await sodium.ready; return sodium; }

const enc = new TextEncoder();
// fatal: invalid UTF-8 must be an error, not silently replaced with U+FFFD.
const dec = new TextDecoder('utf-8', { fatal: true });
const utf8 = (s) => enc.encode(s);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
export const hex = (b) => Buffer.from(b).toString('hex');
export const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));
const isHex64 = (s) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
const u32be = (n) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const readU32 = (b, at) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

// ---------------------------------------------------------------- encodings

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

// Generic unpadded RFC 4648 bit packer, shared by base64url and base32.
function encodeBits(bytes, alphabet, bits) {
  let out = '', acc = 0, n = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b; n += 8;
    while (n >= bits) { n -= bits; out += alphabet[(acc >> n) & ((1 << bits) - 1)]; }
    acc &= (1 << n) - 1;
  }
  if (n > 0) out += alphabet[(acc << (bits - n)) & ((1 << bits) - 1)];
  return out;
}
// Strict decoder: unknown characters (padding, whitespace, the other alphabet), impossible
// lengths and non-zero trailing bits are all refused, so every byte string has one text.
function decodeBits(text, alphabet, bits) {
  if (typeof text !== 'string') return null;
  const out = [];
  let acc = 0, n = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << bits) | v; n += bits;
    if (n >= 8) { n -= 8; out.push((acc >> n) & 0xff); }
    acc &= (1 << n) - 1;
  }
  if (n >= bits || acc !== 0) return null; // a leftover whole symbol, or non-zero trailing bits
  return new Uint8Array(out);
}
export const b64u = {
  encode: (b) => encodeBits(b, B64, 6),
  decode: (s) => decodeBits(s, B64, 6),
};
export const b32 = {
  encode: (b) => encodeBits(b, B32, 5),
  // upper case MUST be accepted; it maps onto the same symbols.
  decode: (s) => (typeof s === 'string' ? decodeBits(s.toLowerCase(), B32, 5) : null),
};

export const blake2b = (n, ...parts) => sodium.crypto_generichash(n, concat(...parts), null);
export const blake2bKeyed = (n, key, ...parts) => sodium.crypto_generichash(n, concat(...parts), key);
// A base32 id: exactly the lower-case base32 of 16 bytes (campaign ids, invitation codes).
export const isBase32Id = (s) => typeof s === 'string' && s.length === 26 && b32.decode(s)?.length === 16 &&
  b32.encode(b32.decode(s)) === s;

// ---------------------------------------------------------------- canonical JSON

// Keys sort by UTF-8 bytes (JS's default sort is by UTF-16 units, which differs above U+FFFF).
const byUtf8 = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
export function canonicalJson(v) {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) fail('schema-failure', 'non-integer number');
    return String(v);
  }
  // JSON.stringify escapes exactly what the spec requires for well-formed strings.
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  // Like JSON.stringify, keys whose value is undefined are left out.
  return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort(byUtf8).map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
}
export const canonicalBytes = (v) => utf8(canonicalJson(v));

// Whether `v` is exactly the text of its canonical serialisation (never throws).
const isCanonical = (v, bytes) => {
  try { return canonicalJson(v) === dec.decode(bytes); } catch { return false; }
};

// Parses UTF-8 JSON that must be an object; any failure becomes the caller's error class.
function parseObject(bytes, code) {
  let v;
  try { v = JSON.parse(dec.decode(bytes)); } catch { fail(code, 'not UTF-8 JSON'); }
  if (!isObject(v)) fail(code, 'not a JSON object');
  return v;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasExactly = (o, required, optional = []) =>
  required.every((k) => Object.hasOwn(o, k)) &&
  Object.keys(o).every((k) => required.includes(k) || optional.includes(k));
const isInt = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
const chars = (s) => [...s].length; // limits count code points, not UTF-16 units

// Clean text: well-formed (no lone surrogates from \u escapes), no C0 controls or DEL,
// except \n and \t in multiline text.
export function isCleanText(s, { min = 0, max, multiline = false }) {
  if (typeof s !== 'string' || /[\uD800-\uDFFF]/u.test(s)) return false;
  const bad = multiline ? /[\x00-\x08\x0A-\x1F\x7F]/ : /[\x00-\x1F\x7F]/;
  const ok = multiline ? s.replace(/\n/g, '') : s;
  if (bad.test(ok)) return false;
  const n = chars(s);
  return n >= min && n <= max;
}
// YYYY-MM-DDTHH:MM:SSZ, a real UTC instant, year >= 2000.
export function isInstant(s) {
  const m = typeof s === 'string' && /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s);
  return !!m && isDay(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60;
}
export const instantOf = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

// A real Gregorian YYYY-MM-DD date, year >= 2000.
export function isDay(s) {
  const m = typeof s === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return y >= 2000 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

// ---------------------------------------------------------------- public keys

const PREFIX = { recipient: 'parley-r1-', signing: 'parley-s1-' };
const KEY_ID_TAG = { recipient: 'parley key id r1', signing: 'parley key id s1' };

export function encodePublicKey(kind, pk) {
  const prefix = PREFIX[kind];
  const checksum = blake2b(32, utf8(prefix), pk).subarray(0, 4);
  return prefix + b32.encode(concat(pk, checksum));
}
// An X25519 key of small order gives the all-zero product with any scalar; libsodium throws.
function usableX25519(pk) {
  try {
    sodium.crypto_scalarmult(new Uint8Array(32).fill(7), pk);
    return true;
  } catch {
    return false;
  }
}
export function decodePublicKey(kind, text) {
  const prefix = PREFIX[kind];
  if (typeof text !== 'string') fail('bad-key');
  const t = text.trim().toLowerCase();
  if (!t.startsWith(prefix)) fail('bad-key', 'wrong prefix');
  const raw = b32.decode(t.slice(prefix.length));
  if (!raw || raw.length !== 36) fail('bad-key', 'wrong length');
  const pk = raw.subarray(0, 32);
  if (!equal(blake2b(32, utf8(prefix), pk).subarray(0, 4), raw.subarray(32))) fail('bad-key', 'checksum');
  if (kind === 'signing' ? !sodium.crypto_core_ed25519_is_valid_point(pk) : !usableX25519(pk)) fail('bad-key', 'small order');
  return pk.slice();
}
export const keyId = (kind, pk) => blake2b(32, utf8(KEY_ID_TAG[kind]), pk).subarray(0, 8);
export const formatKeyId = (id) => hex(id).match(/.{4}/g).join('-');

// ---------------------------------------------------------------- key files

const KEYFILE_MAX = 16 * 1024;

// Reads a key file; the checks are in the order the spec lists so error classes match.
export function unwrapKeyFile(input, passphrase) {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  if (bytes.length > KEYFILE_MAX) fail('corrupt-file', 'over 16 KiB');
  const o = parseObject(bytes, 'corrupt-file');
  // Any other "keyfile/…" tag is a version we do not know; anything else is not a key file.
  if (typeof o.parley === 'string' && o.parley.startsWith('keyfile/') && o.parley !== 'keyfile/1')
    fail('version-unsupported', o.parley);
  if (o.parley !== 'keyfile/1') fail('corrupt-file', 'not a key file');
  // The check comes first so a damaged file is never reported as a wrong passphrase.
  const { check, ...withoutCheck } = o;
  const checkBytes = b64u.decode(check);
  if (!checkBytes || checkBytes.length !== 16) fail('corrupt-file', 'check');
  let expected;
  try { expected = blake2b(16, canonicalBytes(withoutCheck)); } catch { fail('corrupt-file', 'check input'); }
  if (!equal(expected, checkBytes)) fail('corrupt-file', 'check mismatch');

  const hasSigner = Object.hasOwn(o, 'signer');
  const kdf = o.kdf;
  const salt = isObject(kdf) ? b64u.decode(kdf.salt) : null;
  const nonce = b64u.decode(o.nonce);
  const box = b64u.decode(o.box);
  const secretLen = hasSigner ? 64 : 32;
  const fieldsOk =
    hasExactly(o, ['parley', 'role', 'label', 'recipient', 'kdf', 'nonce', 'box', 'check'], ['signer']) &&
    ['manager', 'mediator', 'trustee'].includes(o.role) && (o.role !== 'trustee' || hasSigner) &&
    isCleanText(o.label, { max: 100 }) &&
    isObject(kdf) && hasExactly(kdf, ['alg', 'ops', 'mem', 'salt']) && kdf.alg === 'argon2id13' &&
    isInt(kdf.ops, 2, 10) && isInt(kdf.mem, 2 ** 26, 2 ** 28) &&
    salt?.length === 16 && nonce?.length === 24 && box?.length === secretLen + 16;
  if (!fieldsOk) fail('corrupt-file', 'field rules');
  let recipientPk, signerPk;
  try {
    recipientPk = decodePublicKey('recipient', o.recipient);
    if (hasSigner) signerPk = decodePublicKey('signing', o.signer);
  } catch { fail('corrupt-file', 'public key text'); }

  // Passphrases are used as their UTF-8 bytes, unnormalised.
  const key = sodium.crypto_pwhash(32, utf8(passphrase), salt, kdf.ops, kdf.mem,
    sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { box: _b, check: _c, ...ad } = o;
  let secret;
  try {
    secret = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, box, canonicalBytes(ad), nonce, key);
  } catch { fail('wrong-passphrase'); }

  const recipientSk = secret.slice(0, 32);
  if (!equal(sodium.crypto_scalarmult_base(recipientSk), recipientPk)) fail('corrupt-file', 'recipient mismatch');
  const out = { role: o.role, label: o.label, recipient: { publicKey: recipientPk, secretKey: recipientSk } };
  if (hasSigner) {
    const kp = sodium.crypto_sign_seed_keypair(secret.slice(32, 64));
    if (!equal(kp.publicKey, signerPk)) fail('corrupt-file', 'signer mismatch');
    out.signer = { publicKey: kp.publicKey, secretKey: kp.privateKey };
  }
  return out;
}

// Writes a key file (pretty-printed, keys sorted); used to hand the native CLI a node-made file.
export function wrapKeyFile({ role, label = '', recipientSecret, signingSeed, passphrase, ops = 2, mem = 2 ** 26 }) {
  const salt = sodium.randombytes_buf(16), nonce = sodium.randombytes_buf(24);
  const o = {
    parley: 'keyfile/1', role, label,
    recipient: encodePublicKey('recipient', sodium.crypto_scalarmult_base(recipientSecret)),
    kdf: { alg: 'argon2id13', ops, mem, salt: b64u.encode(salt) },
    nonce: b64u.encode(nonce),
  };
  if (signingSeed) o.signer = encodePublicKey('signing', sodium.crypto_sign_seed_keypair(signingSeed).publicKey);
  const key = sodium.crypto_pwhash(32, utf8(passphrase), salt, ops, mem, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const secret = signingSeed ? concat(recipientSecret, signingSeed) : recipientSecret;
  o.box = b64u.encode(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, canonicalBytes(o), null, nonce, key));
  o.check = b64u.encode(blake2b(16, canonicalBytes(o)));
  return JSON.stringify(JSON.parse(canonicalJson(o)), null, 2) + '\n';
}

// ---------------------------------------------------------------- envelopes

const MAGIC = utf8('PARLEY');
const VERSION = 2;
const BUCKETS = [1024, 4096, 16384, 65536, 131072];
const STANZA = 80;
export const ENVELOPE_MAX = 8 + 16 * STANZA + 24 + 131072 + 16; // 132400
export const INNER_MAX = 8 + 16 * STANZA + 24 + 65536 + 16; // 66864
export const CONTENTS_MAX = 65535;

// `stanzas` >= the number of recipients: the rest are decoys, sealed boxes of random bytes to
// fresh keys nobody keeps.
export function sealEnvelope(plaintext, recipientPks, stanzas = recipientPks.length) {
  if (plaintext.length > 131071) fail('too-large', 'plaintext');
  if (recipientPks.length < 1 || recipientPks.length > 16 || stanzas > 16) fail('bad-input', 'recipient count');
  const count = Math.max(stanzas, recipientPks.length);
  const fileKey = sodium.randombytes_buf(32);
  // crypto_box_seal is exactly the epk || box(file_key, BLAKE2b-24(epk||pk)) construction.
  const sealed = recipientPks.map((pk) => sodium.crypto_box_seal(fileKey, pk));
  while (sealed.length < count) {
    sealed.push(sodium.crypto_box_seal(sodium.randombytes_buf(32), sodium.crypto_box_keypair().publicKey));
  }
  const nonce = sodium.randombytes_buf(24);
  const header = concat(MAGIC, Uint8Array.of(VERSION, count), ...sealed, nonce);
  const bucket = BUCKETS.find((b) => b > plaintext.length);
  const padded = sodium.pad(plaintext, bucket); // 0x80 then zeros up to exactly `bucket`
  const payload = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, header, null, nonce, fileKey);
  return concat(header, payload);
}

// Checks 1, 2 and 4 of the reader, without a key: returns { count, headerLen, bucket }.
export function envelopeShape(env, { checkPayload = true } = {}) {
  if (env.length > ENVELOPE_MAX) fail('too-large');
  if (env.length < 8 || !equal(env.subarray(0, 6), MAGIC)) fail('header-failure', 'magic or truncated');
  if (env[6] !== VERSION) fail('version-unsupported', `envelope version ${env[6]}`);
  const count = env[7];
  const headerLen = 8 + count * STANZA + 24;
  if (count < 1 || count > 16 || env.length < headerLen) fail('header-failure', 'count or length');
  const bucket = BUCKETS.find((b) => b + 16 === env.length - headerLen);
  if (checkPayload && !bucket) fail('payload-failure', 'length');
  return { count, headerLen, bucket };
}

// identity: { publicKey, secretKey } X25519. Returns the plaintext bytes.
export function openEnvelope(env, identity) {
  const { count, headerLen } = envelopeShape(env, { checkPayload: false });
  const header = env.subarray(0, headerLen);
  let fileKey = null;
  for (let i = 0; i < count && !fileKey; i++) {
    try { fileKey = sodium.crypto_box_seal_open(env.subarray(8 + i * STANZA, 8 + (i + 1) * STANZA), identity.publicKey, identity.secretKey); }
    catch { /* not this stanza */ }
  }
  if (!fileKey) fail('not-for-this-key');
  const payload = env.subarray(headerLen);
  const bucket = BUCKETS.find((b) => b + 16 === payload.length);
  if (!bucket) fail('payload-failure', 'length');
  try {
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, payload, header,
      header.subarray(headerLen - 24), fileKey);
    return sodium.unpad(padded, bucket);
  } catch { fail('payload-failure', 'tag or padding'); }
}

export const objectName = (env) => hex(blake2b(16, env)) + '.parley';

// ---------------------------------------------------------------- contents

const isAnswer = (a) =>
  isInt(a, 0, 100) || isCleanText(a, { max: 4000, multiline: true }) ||
  (Array.isArray(a) && a.every((x, i) => isInt(x, 0, 11) && (i === 0 || x > a[i - 1])));

const REQUEST_LIMITS = { what: [1, 4000], who: [0, 500], outcome: [0, 2000], contact: [0, 300] };

// `manifest` is hex(H) of the campaign's manifest body.
export function feedbackContents(campaign, manifest, answers) {
  return canonicalBytes({ answers, campaign, kind: 'feedback', manifest, v: 2 });
}
// `thread` (optional) is the recipient key text of the person's reply_public: the request
// starts a conversation ("Conversations").
export function mediationContents(campaign, manifest, day, request, thread) {
  return canonicalBytes({ campaign, day, kind: 'mediation', manifest, request, thread, v: 2 });
}
// A follow-up: the person's later message in a thread; `message` is { close, text }.
export function followUpContents(campaign, manifest, day, thread, message) {
  return canonicalBytes({ campaign, day, kind: 'mediation', manifest, message, thread, v: 2 });
}

// `thread` in contents is "a recipient key text"; contents are not required to be canonical,
// so any text the key reader accepts (upper case, surrounding white space) is taken.
// A thread is written exactly as encoded: readers compare it as text.
const isThreadText = (t) => {
  try { return encodePublicKey('recipient', decodePublicKey('recipient', t)) === t; } catch { return false; }
};
const isRequest = (r) => isObject(r) && hasExactly(r, ['what', 'who', 'outcome', 'urgency', 'contact']) &&
  ['low', 'normal', 'urgent'].includes(r.urgency) &&
  Object.entries(REQUEST_LIMITS).every(([k, [min, max]]) => isCleanText(r[k], { min, max, multiline: true }));
const isMessage = (m) => isObject(m) && hasExactly(m, ['close', 'text']) && typeof m.close === 'boolean' &&
  isCleanText(m.text, { min: 1, max: 4000, multiline: true });

// Validates decrypted contents for `campaign` and its manifest hash (hex); returns the object.
export function decodeContents(bytes, campaign, manifest) {
  if (bytes.length > CONTENTS_MAX) fail('schema-failure', 'contents too long');
  const c = parseObject(bytes, 'schema-failure');
  if (!Number.isInteger(c.v)) fail('schema-failure', 'v');
  if (c.v !== 2) fail('version-unsupported', `contents v${c.v}`);
  let ok = false;
  if (c.kind === 'feedback') {
    ok = hasExactly(c, ['answers', 'campaign', 'kind', 'manifest', 'v']) && isObject(c.answers) &&
      Object.values(c.answers).every(isAnswer);
  } else if (c.kind === 'mediation') {
    // Exactly one of `request` and `message`; `thread` optional with a request, required with
    // a message.
    const base = ['campaign', 'day', 'kind', 'manifest', 'v'];
    const threadOk = !Object.hasOwn(c, 'thread') || isThreadText(c.thread);
    if (Object.hasOwn(c, 'request')) {
      ok = hasExactly(c, [...base, 'request'], ['thread']) && isRequest(c.request);
    } else if (Object.hasOwn(c, 'message')) {
      ok = hasExactly(c, [...base, 'message', 'thread']) && isMessage(c.message);
    }
    ok = ok && isDay(c.day) && threadOk;
  }
  if (!ok || typeof c.campaign !== 'string' || !isHex64(c.manifest)) fail('schema-failure', 'contents');
  if (c.campaign !== campaign) fail('wrong-campaign', c.campaign);
  if (c.manifest !== manifest) fail('wrong-manifest');
  return c;
}

// A submission's envelope: sealed to its kind's readers with max(|feedback_to|, |mediation_to|)
// stanzas. `body` is the verified manifest body.
export function sealSubmission(body, kind, contents) {
  const readers = (kind === 'feedback' ? body.feedback_to : body.mediation_to).map((t) => decodePublicKey('recipient', t));
  if (contents.length > CONTENTS_MAX) fail('too-large', 'contents');
  return sealEnvelope(contents, readers, Math.max(body.feedback_to.length, body.mediation_to.length));
}

// ---------------------------------------------------------------- manifests

const MANIFEST_CONTEXT = utf8('parley manifest v1\n');
export const MANIFEST_BODY_MAX = 64 * 1024;
// Longest unpadded base64url text of a body within the limit: ceil(65536 * 4 / 3) = 87382.
const BODY_TEXT_MAX = Math.ceil((MANIFEST_BODY_MAX * 4) / 3);

export function signManifest(body, signingSecretKey) {
  const bodyBytes = canonicalBytes(body);
  const sig = sodium.crypto_sign_detached(concat(MANIFEST_CONTEXT, bodyBytes), signingSecretKey);
  return `${b64u.encode(bodyBytes)}.${b64u.encode(sig)}`;
}

// Splits a link, personal link or bare token: { token, invite } (invite '' when none).
export function splitLink(input) {
  let token = input.trim();
  const at = token.indexOf('#c=');
  if (at >= 0) token = token.slice(at + 3);
  let invite = '';
  const amp = token.indexOf('&i=');
  if (amp >= 0) {
    invite = token.slice(amp + 3).toLowerCase();
    token = token.slice(0, amp);
    if (!isBase32Id(invite)) fail('bad-input', 'invitation code');
  }
  return { token, invite };
}

// A short link (`…#m=WHERE`, with `&i=CODE` or not): { url, manifest (hex of H), invite }.
// Only the address is read here; the object fetched from it goes to verifyStoredManifest.
export function readShortLink(input) {
  const link = input.trim();
  const at = link.indexOf('#m=');
  if (at < 0) fail('bad-input', 'not a short link');
  const page = link.slice(0, at);
  let where = link.slice(at + 3);
  let invite = '';
  const amp = where.indexOf('&i=');
  if (amp >= 0) {
    invite = where.slice(amp + 3).toLowerCase();
    where = where.slice(0, amp);
    if (!isBase32Id(invite)) fail('bad-input', 'invitation code');
  }
  if (where.length === 0 || where.length > 600 || !/^[A-Za-z0-9\-._~\/:%\[\]]+$/.test(where)) fail('bad-input', 'where');
  let absolute = where;
  if (where.startsWith('/')) {
    let origin;
    try { origin = new URL(page).origin; } catch { fail('bad-input', 'a path without the app address'); }
    if (!/^https?:$/.test(new URL(page).protocol)) fail('bad-input', 'app address');
    absolute = origin + where;
  }
  let url;
  try { url = new URL(absolute); } catch { fail('bad-input', 'not a URL'); }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) fail('bad-input', 'URL');
  const name = absolute.slice(absolute.lastIndexOf('/') + 1);
  const m = /^m-([a-z2-7]{52})\.parley$/.exec(name);
  const h = m && b32.decode(m[1]);
  if (!h || h.length !== 32 || b32.encode(h) !== m[1]) fail('bad-input', 'object name');
  return { url: absolute, manifest: hex(h), invite };
}

// The token fetched from a short link's address: verifyManifest, then its H must be the named one.
export function verifyStoredManifest(objectText, manifestHex) {
  const m = verifyManifest(objectText);
  if (m.manifest !== manifestHex) fail('wrong-manifest', 'another manifest at this address');
  return m;
}

// Accepts a link (`…#c=TOKEN`, with `&i=CODE` or not) or a bare token; returns
// { body, bodyBytes, signerPk, manifest } where manifest is hex(H).
export function verifyManifest(input) {
  const { token } = splitLink(input);
  const dot = token.indexOf('.');
  if (dot < 0) fail('bad-input', 'no signature part');
  // The size limit comes before decoding: n base64url characters decode to floor(3n/4) bytes.
  if (dot > BODY_TEXT_MAX) fail('too-large');
  const bodyBytes = b64u.decode(token.slice(0, dot));
  const sig = b64u.decode(token.slice(dot + 1));
  if (!bodyBytes || !sig || sig.length !== 64) fail('bad-input', 'token encoding');
  if (bodyBytes.length > MANIFEST_BODY_MAX) fail('too-large');

  const body = parseObject(bodyBytes, 'schema-failure');
  let signerPk;
  try { signerPk = decodePublicKey('signing', body.signer); } catch { fail('schema-failure', 'signer'); }
  if (!sodium.crypto_sign_verify_detached(sig, concat(MANIFEST_CONTEXT, bodyBytes), signerPk)) fail('bad-signature');
  if (body.v !== 2) fail(Number.isInteger(body.v) ? 'version-unsupported' : 'schema-failure', 'manifest v');
  validateBody(body);
  if (canonicalJson(body) !== dec.decode(bodyBytes)) fail('schema-failure', 'not canonical');
  return { body, bodyBytes, signerPk, manifest: hex(blake2b(32, bodyBytes)) };
}

const QUESTION_TYPES = ['likert', 'enps', 'single', 'multi', 'text', 'blockers'];
const CHOICE = ['single', 'multi'];

function validateQuestion(q) {
  const choice = CHOICE.includes(q?.type);
  return isObject(q) && hasExactly(q, ['id', 'type', 'text', 'required', ...(choice ? ['options'] : [])]) &&
    typeof q.id === 'string' && /^[a-z0-9_]{1,32}$/.test(q.id) && QUESTION_TYPES.includes(q.type) &&
    isCleanText(q.text, { min: 1, max: 500, multiline: true }) && typeof q.required === 'boolean' &&
    (!choice || (Array.isArray(q.options) && q.options.length >= 2 && q.options.length <= 12 &&
      new Set(q.options).size === q.options.length && q.options.every((o) => isCleanText(o, { min: 1, max: 200 }))));
}

// The rules of FORMAT.md, "Storage".
function validStorage(s) {
  if (!isObject(s) || !['http-put', 's3'].includes(s.kind)) return false;
  const urlOk = typeof s.url === 'string' && /^https?:\/\/[^\s?#]*$/.test(s.url) && chars(s.url) <= 500 &&
    isCleanText(s.url, { max: 500 });
  if (s.kind === 'http-put') return hasExactly(s, ['kind', 'url']) && urlOk;
  if (!hasExactly(s, ['kind', 'url', 'key_prefix', 'post']) || !urlOk) return false;
  const p = s.key_prefix;
  const prefixOk = typeof p === 'string' && /^[A-Za-z0-9!\-_.*'()\/]{1,512}$/.test(p) && !p.startsWith('/') &&
    p.endsWith('/') && !p.includes('//') && !p.split('/').some((seg) => seg === '.' || seg === '..');
  if (!prefixOk || !s.url.endsWith(p)) return false;
  const bucket = s.url.slice(0, s.url.length - p.length);
  if (!/^https?:\/\/[^/]+\/(.*\/)?$/.test(bucket)) return false;
  const f = s.post;
  const names = ['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'];
  if (!isObject(f) || !hasExactly(f, names) || !names.every((n) => typeof f[n] === 'string')) return false;
  const date = f['x-amz-date'];
  const cred = f['x-amz-credential'].split('/');
  return /^[A-Za-z0-9+/=]{1,8192}$/.test(f.policy) && f['x-amz-algorithm'] === 'AWS4-HMAC-SHA256' &&
    /^\d{8}T\d{6}Z$/.test(date) && isDay(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`) &&
    Number(date.slice(9, 11)) < 24 && Number(date.slice(11, 13)) < 60 && Number(date.slice(13, 15)) < 60 &&
    cred.length === 5 && /^[A-Za-z0-9]{1,128}$/.test(cred[0]) && cred[1] === date.slice(0, 8) &&
    /^[a-z0-9_-]{1,64}$/.test(cred[2]) && cred[3] === 's3' && cred[4] === 'aws4_request' &&
    /^[0-9a-f]{64}$/.test(f['x-amz-signature']);
}

function validateBody(b) {
  // Key texts in a body must be exactly their canonical encoding (one campaign, one body).
  const canonicalKey = (kind, t) => { try { return encodePublicKey(kind, decodePublicKey(kind, t)) === t; } catch { return false; } };
  const keys = (list, min, max) => Array.isArray(list) && list.length >= min && list.length <= max &&
    list.every((t) => canonicalKey('recipient', t));
  const keyBytes = (list) => list.map((t) => hex(decodePublicKey('recipient', t)));
  const s = b.storage;
  const t = b.trustee;
  const trusteeOk = t === undefined || (isObject(t) && hasExactly(t, ['label', 'recipient', 'signer']) &&
    isCleanText(t.label, { min: 1, max: 60 }) && canonicalKey('recipient', t.recipient) && canonicalKey('signing', t.signer) &&
    !keyBytes(Array.isArray(b.feedback_to) ? b.feedback_to.filter((x) => canonicalKey('recipient', x)) : [])
      .includes(hex(decodePublicKey('recipient', t.recipient))) &&
    t.signer !== b.signer);
  // Optional, never empty; each key a (canonical) key text of mediation_to, each name 1-60 on one line.
  const ml = b.mediator_labels;
  const labelsOk = ml === undefined || (isObject(ml) && Object.keys(ml).length > 0 &&
    Object.entries(ml).every(([k, l]) => Array.isArray(b.mediation_to) && b.mediation_to.includes(k) &&
      isCleanText(l, { min: 1, max: 60 })));
  const ok =
    hasExactly(b, ['v', 'id', 'title', 'intro', 'questions', 'feedback_to', 'mediation_to',
      'mediation_to_feedback_readers', 'signer', 'storage', 'k', 'opens', 'closes'], ['trustee', 'mediator_labels']) &&
    trusteeOk && labelsOk &&
    isBase32Id(b.id) && canonicalKey('signing', b.signer) &&
    isCleanText(b.title, { min: 1, max: 120 }) &&
    isCleanText(b.intro, { max: 2000, multiline: true }) &&
    Array.isArray(b.questions) && b.questions.length >= 1 && b.questions.length <= 50 &&
    b.questions.every(validateQuestion) && new Set(b.questions.map((q) => q.id)).size === b.questions.length &&
    keys(b.feedback_to, 1, 16) && keys(b.mediation_to, 0, 16) &&
    typeof b.mediation_to_feedback_readers === 'boolean' &&
    (b.mediation_to_feedback_readers ||
      !keyBytes(b.mediation_to).some((k) => keyBytes(b.feedback_to).includes(k))) &&
    validStorage(s) &&
    isInt(b.k, 3, 50) && isDay(b.opens) && isDay(b.closes) && b.opens <= b.closes;
  if (!ok) fail('schema-failure', 'manifest body');
}

// ---------------------------------------------------------------- trustee campaigns

// The outer plaintext: the readers' envelope wrapped with the invitation and the time sent.
export function outerContents({ campaign, manifest, kind, inner, code, sent }) {
  const invite = code === undefined ? undefined : { code, type: 'code' };
  return canonicalBytes({ campaign, inner: b64u.encode(inner), invite, kind, manifest, sent, v: 2 });
}

// Seals `contents` for the readers, then the outer envelope to the trustee alone.
export function sealViaTrustee(body, manifest, kind, contents, code, sent) {
  const inner = sealSubmission(body, kind, contents);
  const trustee = decodePublicKey('recipient', body.trustee.recipient);
  return sealEnvelope(outerContents({ campaign: body.id, manifest, kind, inner, code, sent }), [trustee]);
}

// Reads an outer plaintext as the trustee does; returns the object with `inner` as bytes.
export function decodeOuter(bytes, body, manifest) {
  const o = parseObject(bytes, 'schema-failure');
  if (!Number.isInteger(o.v)) fail('schema-failure', 'v');
  if (o.v !== 2) fail('version-unsupported', `outer v${o.v}`);
  const bad = (why) => fail('schema-failure', why);
  if (!hasExactly(o, ['campaign', 'inner', 'kind', 'manifest', 'sent', 'v'], ['invite'])) bad('fields');
  if (typeof o.campaign !== 'string' || typeof o.inner !== 'string') bad('types');
  if (o.kind !== 'feedback' && !(o.kind === 'mediation' && body.mediation_to.length > 0)) bad('kind');
  if (!isInstant(o.sent)) bad('sent');
  if (!isHex64(o.manifest)) bad('manifest');
  if (o.invite !== undefined) {
    const i = o.invite;
    if (!isObject(i) || typeof i.type !== 'string' || i.type.length < 1 || i.type.length > 32) bad('invite');
    if (i.type === 'code' && !(hasExactly(i, ['code', 'type']) && isBase32Id(i.code))) bad('code');
  }
  if (o.inner.length > Math.ceil((INNER_MAX * 4) / 3)) bad('inner too long');
  const inner = b64u.decode(o.inner);
  if (!inner || inner.length > INNER_MAX) bad('inner');
  let shape;
  try { shape = envelopeShape(inner); } catch { bad('inner framing'); }
  if (shape.count !== Math.max(body.feedback_to.length, body.mediation_to.length)) bad('inner stanzas');
  if (o.campaign !== body.id) fail('wrong-campaign');
  if (o.manifest !== manifest) fail('wrong-manifest');
  return { ...o, inner };
}

// ---------------------------------------------------------------- invitations

export function invitationCode(trusteeSecret, manifestHash, i) {
  const k = blake2bKeyed(32, trusteeSecret, utf8('parley invitation codes v2'));
  return b32.encode(blake2bKeyed(16, k, manifestHash, u32be(i)));
}

const INVITATIONS_CONTEXT = utf8('parley invitations v2\n');

export function signInvitations(body, manifest, count, trusteeSigningSecret) {
  const bytes = canonicalBytes({ campaign: body.id, count, kind: 'invitations', manifest, type: 'code', v: 2 });
  return `${b64u.encode(bytes)}.${b64u.encode(sodium.crypto_sign_detached(concat(INVITATIONS_CONTEXT, bytes), trusteeSigningSecret))}`;
}

// Returns the statement's body; `body` and `manifest` are the campaign's (verifyManifest).
export function verifyInvitations(token, body, manifest) {
  if (!isObject(body.trustee)) fail('bad-input', 'no trustee');
  if (token.length > 1024) fail('too-large');
  const dot = token.indexOf('.');
  if (dot < 0) fail('bad-input', 'no signature part');
  const bytes = b64u.decode(token.slice(0, dot));
  const sig = b64u.decode(token.slice(dot + 1));
  if (!bytes || !sig || sig.length !== 64) fail('bad-input', 'token encoding');
  if (!sodium.crypto_sign_verify_detached(sig, concat(INVITATIONS_CONTEXT, bytes), decodePublicKey('signing', body.trustee.signer))) {
    fail('bad-signature');
  }
  const st = parseObject(bytes, 'schema-failure');
  if (!Number.isInteger(st.v) || typeof st.type !== 'string') fail('schema-failure', 'v or type');
  if (st.v !== 2 || st.type !== 'code') fail('version-unsupported', `v${st.v} ${st.type}`);
  if (!hasExactly(st, ['campaign', 'count', 'kind', 'manifest', 'type', 'v']) || st.kind !== 'invitations' ||
    !isInt(st.count, 1, 100000) || typeof st.campaign !== 'string' || !isHex64(st.manifest) ||
    canonicalJson(st) !== dec.decode(bytes)) fail('schema-failure', 'statement');
  if (st.campaign !== body.id) fail('wrong-campaign');
  if (st.manifest !== manifest) fail('wrong-manifest');
  return st;
}

// ---------------------------------------------------------------- releases

const RELEASE_MAGIC = utf8('PARLEY-RELEASE');
const RELEASE_CONTEXT = utf8('parley release v2\n');
export const RELEASE_MAX = 256 * 1024 * 1024;

const recordsOf = (feedback, mediation) => concat(...[...feedback, ...mediation].flatMap((e) => [u32be(e.length), e]));

export function signRelease({ body, manifest, feedback, mediation, invitations, refused, released }, trusteeSigningSecret) {
  const records = recordsOf(feedback, mediation);
  const bytes = canonicalBytes({
    campaign: body.id, count: feedback.length, invitations, kind: 'release', manifest, mediation: mediation.length,
    records: hex(blake2b(32, records)), refused, released, v: 2,
  });
  const sig = sodium.crypto_sign_detached(concat(RELEASE_CONTEXT, bytes), trusteeSigningSecret);
  return concat(RELEASE_MAGIC, Uint8Array.of(2), u32be(bytes.length), bytes, sig, records);
}

// The reader of FORMAT.md "Reading a release": returns { body, feedback, mediation }.
export function readRelease(bytes, body, manifest) {
  if (bytes.length > RELEASE_MAX) fail('too-large');
  if (bytes.length < 19 || !equal(bytes.subarray(0, 14), RELEASE_MAGIC)) fail('header-failure', 'magic');
  if (bytes[14] !== 2) fail('version-unsupported', `release version ${bytes[14]}`);
  const len = readU32(bytes, 15);
  if (len > 4096) fail('too-large', 'body');
  if (bytes.length < 19 + len + 64) fail('header-failure', 'cut short');
  if (!isObject(body.trustee)) fail('bad-input', 'no trustee');
  const bodyBytes = bytes.subarray(19, 19 + len);
  const sig = bytes.subarray(19 + len, 19 + len + 64);
  if (!sodium.crypto_sign_verify_detached(sig, concat(RELEASE_CONTEXT, bodyBytes), decodePublicKey('signing', body.trustee.signer))) {
    fail('bad-signature');
  }
  const r = parseObject(bodyBytes, 'schema-failure');
  if (!Number.isInteger(r.v)) fail('schema-failure', 'v');
  if (r.v !== 2) fail('version-unsupported', `release v${r.v}`);
  const refusedOk = isObject(r.refused) && Object.keys(r.refused).length <= 32 &&
    Object.entries(r.refused).every(([k, n]) => /^[a-z-]{1,32}$/.test(k) && isInt(n, 1, 2 ** 32 - 1));
  if (!hasExactly(r, ['campaign', 'count', 'invitations', 'kind', 'manifest', 'mediation', 'records', 'refused', 'released', 'v']) ||
    r.kind !== 'release' || typeof r.campaign !== 'string' || !isInt(r.count, 0, 100000) || !isInt(r.invitations, 1, 100000) ||
    !isInt(r.mediation, 0, 100000) || r.count + r.mediation > 100000 || r.count > r.invitations || !isHex64(r.manifest) ||
    !isHex64(r.records) || !refusedOk || !isDay(r.released) || canonicalJson(r) !== dec.decode(bodyBytes)) {
    fail('schema-failure', 'release body');
  }
  if (r.campaign !== body.id) fail('wrong-campaign');
  if (r.manifest !== manifest) fail('wrong-manifest');
  const records = bytes.subarray(19 + len + 64);
  if (hex(blake2b(32, records)) !== r.records) fail('bad-signature', 'records');
  const parts = [];
  let at = 0;
  for (let i = 0; i < r.count + r.mediation; i++) {
    if (records.length - at < 4) fail('payload-failure', 'fewer records');
    const n = readU32(records, at);
    at += 4;
    if (n > INNER_MAX || records.length - at < n) fail('payload-failure', 'record length');
    parts.push(records.subarray(at, at + n));
    at += n;
  }
  if (at !== records.length) fail('payload-failure', 'trailing bytes');
  if (r.released <= body.closes) fail('too-early');
  if (r.count < body.k) fail('below-threshold');
  return { body: r, feedback: parts.slice(0, r.count), mediation: parts.slice(r.count) };
}

// ---------------------------------------------------------------- conversations

// The BIP39 English word list (2048 words). It is not part of the repository: Debian's
// python3-mnemonic ships it (tools/setup installs it); $PARLEY_BIP39_WORDLIST overrides.
export const WORDLIST_PATH = process.env.PARLEY_BIP39_WORDLIST || '/usr/lib/python3/dist-packages/mnemonic/wordlist/english.txt';
let words = null;
export function wordlist() {
  if (!words) {
    const list = readFileSync(WORDLIST_PATH, 'utf8').split('\n').filter((w) => w !== '');
    if (list.length !== 2048 || new Set(list).size !== 2048) throw new Error(`${WORDLIST_PATH}: not a 2048-word list`);
    words = { list, index: new Map(list.map((w, i) => [w, i])) };
  }
  return words;
}
// First 4 bits of SHA-256(E), as the low bits of a number.
const phraseChecksum = (entropy) => sodium.crypto_hash_sha256(entropy)[0] >> 4;

// E (16 bytes) → 12 words: E's 128 bits then the 4 checksum bits, as 11-bit big-endian indexes.
export function phraseFromEntropy(entropy) {
  if (!(entropy instanceof Uint8Array) || entropy.length !== 16) fail('bad-input', 'entropy is not 16 bytes');
  let bits = BigInt(`0x${hex(entropy)}`) << 4n | BigInt(phraseChecksum(entropy));
  const out = [];
  for (let i = 0; i < 12; i++) { out.unshift(wordlist().list[Number(bits & 2047n)]); bits >>= 11n; }
  return out.join(' ');
}

// A phrase (text, or UTF-8 bytes) → E. Lower-cased, split on white space (Unicode White_Space),
// then exactly 12 words of the list and the checksum (`bad-phrase` for each).
export function entropyFromPhrase(input) {
  let text = input;
  if (input instanceof Uint8Array) {
    try { text = dec.decode(input); } catch { fail('bad-phrase', 'not UTF-8'); }
  }
  if (typeof text !== 'string') fail('bad-phrase', 'not text');
  // ASCII only, as the spec says: lower-case A-Z, split on space, tab, CR, LF, VT and FF.
  const ws = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(/[ \t\r\n\v\f]+/).filter((w) => w !== '');
  if (ws.length !== 12) fail('bad-phrase', `${ws.length} words, not 12`);
  let bits = 0n;
  ws.forEach((w, i) => {
    const at = wordlist().index.get(w);
    if (at === undefined) fail('bad-phrase', `word ${i + 1} is not on the list`);
    bits = (bits << 11n) | BigInt(at);
  });
  const entropy = unhex((bits >> 4n).toString(16).padStart(32, '0'));
  if (Number(bits & 15n) !== phraseChecksum(entropy)) fail('bad-phrase', 'checksum (a typo?)');
  return entropy;
}

const REPLY_KEY_MESSAGE = utf8('parley/v2 reply key');
// reply_secret = BLAKE2b-32(key = E, "parley/v2 reply key"); the thread is its public key.
export function threadKeys(entropy) {
  const secretKey = blake2bKeyed(32, entropy, REPLY_KEY_MESSAGE);
  return { publicKey: sodium.crypto_scalarmult_base(secretKey), secretKey };
}
export const threadText = (keys) => encodePublicKey('recipient', keys.publicKey);

export const REPLY_MAX = 4095;
const REPLY_PADDED = 4096;
export const REPLY_RECORD = 24 + REPLY_PADDED + 16; // 4136
const REPLY_COUNTS = [4, 16, 64, 256, 1024];
const REPLIES_MAGIC = utf8('PARLEY-REPLIES/2\n');

export function replyContents({ campaign, close, day, text, thread }) {
  return canonicalBytes({ campaign, close, day, text, thread, v: 2 });
}

// nonce || crypto_box_easy(pad(reply, 4096), nonce, reply_public, mediator_secret).
// `reply` is the reply's bytes, or an object written as canonical JSON as it is (`v` 2 unless
// it says otherwise), so tests can seal malformed replies.
export function sealReplyRecord(reply, threadPublic, mediatorSecret) {
  const bytes = reply instanceof Uint8Array ? reply : canonicalBytes({ v: 2, ...reply });
  if (bytes.length > REPLY_MAX) fail('too-large', 'reply');
  const nonce = sodium.randombytes_buf(24);
  return concat(nonce, sodium.crypto_box_easy(sodium.pad(bytes, REPLY_PADDED), nonce, threadPublic, mediatorSecret));
}

export const replyBundleName = (day, mediator, sending) => `replies-${day}-${mediator}-${sending}.parley`;

// A bundle of `records` (sealed replies): R = the smallest size class that holds them, the
// rest filler records of random bytes, all in random order (`shuffle: false` keeps the
// given order, then the fillers, for tests).
export function replyBundle({ campaign, day, mediator, records, shuffle = true }) {
  const R = REPLY_COUNTS.find((n) => n >= records.length);
  if (R === undefined) fail('too-large', 'replies');
  if (records.some((r) => r.length !== REPLY_RECORD)) fail('bad-input', 'record length');
  const all = [...records];
  // (webcrypto: libsodium.js's randombytes_buf is slow for a thousand 4 KiB fillers)
  while (all.length < R) all.push(webcrypto.getRandomValues(new Uint8Array(REPLY_RECORD)));
  if (shuffle) {
    for (let i = all.length - 1; i > 0; i--) {
      const j = sodium.randombytes_uniform(i + 1);
      [all[i], all[j]] = [all[j], all[i]];
    }
  }
  return concat(REPLIES_MAGIC, canonicalBytes({ campaign, day, mediator, records: R, v: 2 }), Uint8Array.of(10), ...all);
}

// The person's reader of one bundle: `name` is its object name, `body`/`manifest` the
// campaign's (verifyManifest), `keys` the thread's (threadKeys). Returns the replies that
// open, as objects, in record order. `manifest` is unused: neither the bundle nor a reply
// names H.
// Magic, the longest header (95 bytes), two line feeds and 1024 records of 4136 bytes.
export const REPLY_BUNDLE_MAX = 16 + 1 + 95 + 1 + 1024 * 4136;

export function openReplyBundle(bytes, name, body, manifest, keys) {
  const header = (why) => fail('header-failure', why);
  if (bytes.length > REPLY_BUNDLE_MAX) fail('too-large', 'bundle');
  if (bytes.length < REPLIES_MAGIC.length || !equal(bytes.subarray(0, REPLIES_MAGIC.length), REPLIES_MAGIC)) header('magic');
  const lf = bytes.indexOf(10, REPLIES_MAGIC.length);
  if (lf < 0) header('no header line');
  const headerBytes = bytes.subarray(REPLIES_MAGIC.length, lf);
  let h;
  try { h = parseObject(headerBytes, 'header-failure'); } catch { header('not a JSON object'); }
  if (!hasExactly(h, ['campaign', 'day', 'mediator', 'records', 'v']) || h.v !== 2 || typeof h.campaign !== 'string' ||
    !isDay(h.day) || !Number.isInteger(h.mediator) || !REPLY_COUNTS.includes(h.records) ||
    !isCanonical(h, headerBytes)) header('malformed header');
  if (h.campaign !== body.id) header('another campaign');
  if (h.mediator < 0 || h.mediator >= body.mediation_to.length) header('mediator index');
  const named = /^replies-(\d{4}-\d{2}-\d{2})-(\d|1[0-5])-(\d|[1-9]\d)\.parley$/.exec(name);
  if (!named || named[1] !== h.day) header("not its name's day");
  if (Number(named[2]) !== h.mediator) header("not its name's mediator");
  if (bytes.length !== lf + 1 + h.records * REPLY_RECORD) header('length');

  const mediatorPk = decodePublicKey('recipient', body.mediation_to[h.mediator]);
  const replies = [];
  for (let i = 0; i < h.records; i++) {
    const rec = bytes.subarray(lf + 1 + i * REPLY_RECORD, lf + 1 + (i + 1) * REPLY_RECORD);
    let padded;
    try { padded = sodium.crypto_box_open_easy(rec.subarray(24), rec.subarray(0, 24), mediatorPk, keys.secretKey); }
    catch { continue; } // someone else's, or filler
    const bad = (why) => fail('payload-failure', `record ${i}: ${why}`);
    let replyBytes;
    try { replyBytes = sodium.unpad(padded, REPLY_PADDED); } catch { bad('padding'); }
    let r;
    try { r = parseObject(replyBytes, 'payload-failure'); } catch { bad('not a JSON object'); }
    if (!hasExactly(r, ['campaign', 'close', 'day', 'text', 'thread', 'v']) || r.v !== 2 ||
      typeof r.campaign !== 'string' || typeof r.close !== 'boolean' || !isDay(r.day) ||
      !isCleanText(r.text, { min: 1, max: 3000, multiline: true }) || typeof r.thread !== 'string' ||
      !isCanonical(r, replyBytes)) bad('not a reply');
    if (r.campaign !== body.id) bad('another campaign');
    if (r.thread !== encodePublicKey('recipient', keys.publicKey)) bad('another thread');
    replies.push(r);
  }
  return replies;
}
