// Interop tests: the independent node implementation (parley-format.mjs, written from
// docs/FORMAT.md only) against the committed vectors and the native `parley` CLI.
// Run: node --test tests/interop/      (needs `tools/build native` and `npm install`)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as P from './parley-format.mjs';

// Results of a direct campaign open after its close (the test campaigns close on 2099-12-31).
const AFTER_CLOSE = '2100-01-01';

const sodium = await P.ready();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VECTORS = path.join(ROOT, 'tests/vectors');
const te = new TextEncoder();
const td = new TextDecoder();
const concat = (...parts) => new Uint8Array(Buffer.concat(parts));

const identityOf = (secretHex) => {
  const secretKey = P.unhex(secretHex);
  return { secretKey, publicKey: sodium.crypto_scalarmult_base(secretKey) };
};

// Runs a reader over one input the way a vector describes; returns 'success' or the class.
function classify(fn) {
  try { fn(); return 'success'; } catch (e) {
    if (!(e instanceof P.ParleyError)) throw e; // a crash is a bug, never an error class
    return e.code;
  }
}

// ---------------------------------------------------------------- committed vectors

// Vector file: "name: value" header lines, an empty line, then the raw input bytes.
function readVector(file) {
  const raw = fs.readFileSync(file);
  const sep = raw.indexOf('\n\n');
  assert.ok(sep > 0, `${file}: no empty line after the header`);
  const header = {};
  for (const line of raw.subarray(0, sep).toString('utf8').split('\n')) {
    const m = /^([a-z-]+): (.*)$/.exec(line);
    assert.ok(m, `${file}: bad header line ${JSON.stringify(line)}`);
    header[m[1]] = m[2];
  }
  return { header, input: new Uint8Array(raw.subarray(sep + 2)) };
}

const vectorFiles = fs.readdirSync(VECTORS).filter((n) => !n.startsWith('.')).sort();

describe('committed vectors', () => {
  test('there are vectors of every kind', () => {
    const kinds = new Set(vectorFiles.map((n) => readVector(path.join(VECTORS, n)).header.kind));
    assert.deepEqual([...kinds].sort(),
      ['envelope', 'invitation-code', 'invitations', 'keyfile', 'manifest', 'outer', 'phrase', 'public-key', 'release',
        'reply-bundle', 'short-link']);
  });

  for (const name of vectorFiles) {
    test(name, () => {
      const { header: h, input } = readVector(path.join(VECTORS, name));
      let out;
      const got = classify(() => {
        switch (h.kind) {
          case 'envelope': {
            const pt = P.openEnvelope(input, identityOf(h.identity));
            P.decodeContents(pt, h.campaign, h.manifest);
            out = pt;
            break;
          }
          case 'outer': {
            const m = P.verifyManifest(h.token);
            const pt = P.openEnvelope(input, identityOf(h.identity));
            P.decodeOuter(pt, m.body, m.manifest);
            out = pt;
            break;
          }
          case 'invitation-code': out = P.invitationCode(P.unhex(h.identity), P.unhex(h.manifest), Number(h.index)); break;
          case 'invitations': {
            const m = P.verifyManifest(h.token);
            out = P.verifyInvitations(td.decode(input), m.body, m.manifest);
            break;
          }
          case 'release': {
            const m = P.verifyManifest(h.token);
            out = P.readRelease(input, m.body, m.manifest);
            // Every released answer opens for the feedback reader, as its part's kind.
            for (const record of out.feedback) {
              assert.equal(P.decodeContents(P.openEnvelope(record, identityOf(h.identity)), m.body.id, m.manifest).kind, 'feedback');
            }
            break;
          }
          case 'keyfile': out = P.unwrapKeyFile(input, h.passphrase); break;
          case 'manifest': out = P.verifyManifest(td.decode(input)); break;
          case 'public-key': out = P.decodePublicKey(h['key-kind'], td.decode(input)); break;
          case 'phrase': out = P.entropyFromPhrase(input); break;
          case 'reply-bundle': {
            const m = P.verifyManifest(h.token);
            out = P.openReplyBundle(input, h.name, m.body, m.manifest, P.threadKeys(P.entropyFromPhrase(h.phrase)));
            break;
          }
          case 'short-link': {
            const target = P.readShortLink(h.link);
            out = P.verifyStoredManifest(td.decode(input), target.manifest);
            break;
          }
          default: assert.fail(`unknown vector kind ${h.kind}`);
        }
      });
      assert.equal(got, h.expect, h.comment);
      if (got !== 'success') return;
      // Success must also produce exactly the values the vector names.
      if (h.kind === 'envelope' || h.kind === 'outer') {
        assert.equal(P.b64u.encode(out), h.contents);
        assert.equal(P.canonicalJson(JSON.parse(td.decode(out))), td.decode(out), 'writers emit canonical contents');
      } else if (h.kind === 'keyfile') {
        assert.equal(P.hex(out.recipient.publicKey), h.recipient);
      } else if (h.kind === 'short-link') {
        assert.equal(out.manifest, h.manifest);
      } else if (h.kind === 'manifest') {
        assert.equal(out.body.id, h.campaign);
        assert.equal(out.manifest, h.manifest);
      } else if (h.kind === 'invitation-code') {
        assert.equal(out, td.decode(input));
      } else if (h.kind === 'invitations') {
        assert.equal(String(out.count), h.count);
      } else if (h.kind === 'release') {
        assert.deepEqual([String(out.feedback.length), String(out.mediation.length)], [h.feedback, h.mediation]);
      } else if (h.kind === 'phrase') {
        assert.equal(P.hex(out), h.entropy);
        assert.equal(P.threadText(P.threadKeys(out)), h.thread);
        // The words name E: writing E again gives the same words, lower case, single spaces.
        assert.equal(P.phraseFromEntropy(out), td.decode(input).toLowerCase().split(/[ \t\r\n\v\f]+/).filter(Boolean).join(' '));
      } else if (h.kind === 'reply-bundle') {
        assert.equal(P.b64u.encode(P.canonicalBytes(out)), h.replies);
      } else {
        assert.equal(P.hex(out), h['public-key']);
        assert.equal(P.encodePublicKey(h['key-kind'], out), td.decode(input).trim());
      }
    });
  }
});

// ---------------------------------------------------------------- pure round trips

test('node round trip: seal to three recipients, each opens; padding buckets', () => {
  const kps = [0, 1, 2].map(() => sodium.crypto_box_keypair());
  const pt = te.encode('{"answers":{},"campaign":"x","kind":"feedback","v":2}');
  const env = P.sealEnvelope(pt, kps.map((k) => k.publicKey));
  assert.equal(env.length, 8 + 3 * 80 + 24 + 1024 + 16);
  for (const k of kps) assert.deepEqual(P.openEnvelope(env, { publicKey: k.publicKey, secretKey: k.privateKey }), pt);
  const other = sodium.crypto_box_keypair();
  assert.equal(classify(() => P.openEnvelope(env, { publicKey: other.publicKey, secretKey: other.privateKey })), 'not-for-this-key');
  // bucket is the smallest size strictly greater than the plaintext
  for (const [len, bucket] of [[0, 1024], [1023, 1024], [1024, 4096], [65535, 65536], [65536, 131072], [131071, 131072]]) {
    const e = P.sealEnvelope(new Uint8Array(len), [kps[0].publicKey]);
    assert.equal(e.length, 8 + 80 + 24 + bucket + 16, `plaintext ${len}`);
  }
  assert.equal(classify(() => P.sealEnvelope(new Uint8Array(131072), [kps[0].publicKey])), 'too-large');
  // Decoy stanzas: four stanzas, one reader; nobody else opens it.
  const padded = P.sealEnvelope(pt, [kps[0].publicKey], 4);
  assert.equal(padded[7], 4);
  assert.deepEqual(P.openEnvelope(padded, { publicKey: kps[0].publicKey, secretKey: kps[0].privateKey }), pt);
  assert.equal(classify(() => P.openEnvelope(padded, { publicKey: kps[1].publicKey, secretKey: kps[1].privateKey })), 'not-for-this-key');
});

test('encodings are strict', () => {
  assert.deepEqual(P.b64u.decode('_-8'), Uint8Array.of(0xff, 0xef));
  for (const bad of ['_-8=', '_-9', '/+8', '_- 8', 'A', '_-8\n']) assert.equal(P.b64u.decode(bad), null, bad);
  assert.deepEqual(P.b32.decode('74'), Uint8Array.of(0xff));
  assert.deepEqual(P.b32.decode('74'.toUpperCase()), Uint8Array.of(0xff));
  assert.equal(P.b32.decode('75'), null); // non-zero trailing bits
  assert.equal(P.canonicalJson({ b: [1, 'é\n\u0001'], a: { '\u{10000}': 1, '\uffff': 2 }, c: true }),
    '{"a":{"\uffff":2,"\u{10000}":1},"b":[1,"é\\n\\u0001"],"c":true}');
});

// ---------------------------------------------------------------- conversations (node only)

describe('conversations', () => {
  // BIP 39's own English test vectors (12 words).
  const BIP39 = [
    ['00000000000000000000000000000000', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'],
    ['7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f', 'legal winner thank year wave sausage worth useful legal winner thank yellow'],
    ['80808080808080808080808080808080', 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above'],
    ['ffffffffffffffffffffffffffffffff', 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong'],
  ];

  test('the word list is the BIP 39 English list', () => {
    const raw = fs.readFileSync(P.WORDLIST_PATH);
    assert.equal(sodium.to_hex(sodium.crypto_hash_sha256(raw)), '2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda');
    assert.equal(P.wordlist().list.length, 2048);
  });

  test('recovery phrases: BIP 39 vectors, round trips, what readers accept and refuse', () => {
    for (const [e, words] of BIP39) {
      assert.equal(P.phraseFromEntropy(P.unhex(e)), words);
      assert.equal(P.hex(P.entropyFromPhrase(words)), e);
      assert.equal(P.hex(P.entropyFromPhrase(te.encode(words))), e);
    }
    for (let i = 0; i < 200; i++) {
      const e = sodium.randombytes_buf(16);
      const words = P.phraseFromEntropy(e);
      assert.equal(words.split(' ').length, 12);
      assert.deepEqual(P.entropyFromPhrase(words), e);
    }
    const [, legal] = BIP39[1];
    // Readers lower-case ASCII letters and split on ASCII white space (a no-break space is not one).
    assert.throws(() => P.entropyFromPhrase(legal.replaceAll(' ', '\u00a0')), (e) => e.code === 'bad-phrase');
    for (const text of [legal.toUpperCase(), `  ${legal.replaceAll(' ', ' \t\n ')}\n`]) {
      assert.equal(P.hex(P.entropyFromPhrase(text)), BIP39[1][0], JSON.stringify(text));
    }
    const words = legal.split(' ');
    const cases = {
      'empty': '',
      'eleven words': words.slice(0, 11).join(' '),
      'thirteen words': [...words, 'about'].join(' '),
      'twenty-four words': [...words, ...words].join(' '),
      'a word not on the list': [...words.slice(0, 5), 'wavy', ...words.slice(6)].join(' '),
      'a word run into the next': [...words.slice(0, 4), 'wavesausage', ...words.slice(6), 'yellow'].join(' '),
      'checksum (abandon × 12)': Array(12).fill('abandon').join(' '),
      'checksum (two words swapped)': [words[1], words[0], ...words.slice(2)].join(' '),
      'checksum (last word changed)': [...words.slice(0, 11), 'yield'].join(' '),
      'a word with an accent': [...words.slice(0, 11), 'yéllow'].join(' '),
    };
    for (const [label, text] of Object.entries(cases)) assert.equal(classify(() => P.entropyFromPhrase(text)), 'bad-phrase', label);
    assert.equal(classify(() => P.entropyFromPhrase(Uint8Array.of(0xff, 0x20))), 'bad-phrase', 'not UTF-8');
    // The position of an unknown word is named.
    assert.throws(() => P.entropyFromPhrase(cases['a word not on the list']), /word 6/);
  });

  test('thread keys: reply_secret = BLAKE2b-32(key = E, "parley/v2 reply key")', () => {
    const e = P.unhex(BIP39[0][0]);
    const keys = P.threadKeys(e);
    const secret = sodium.crypto_generichash(32, te.encode('parley/v2 reply key'), e);
    assert.deepEqual(keys.secretKey, secret);
    assert.deepEqual(keys.publicKey, sodium.crypto_scalarmult_base(secret));
    assert.match(P.threadText(keys), /^parley-r1-[a-z2-7]{58}$/);
    assert.deepEqual(P.decodePublicKey('recipient', P.threadText(keys)), keys.publicKey);
    assert.notDeepEqual(P.threadKeys(P.unhex(BIP39[1][0])).publicKey, keys.publicKey);
  });

  // A campaign made in node, with two mediators.
  const author = sodium.crypto_sign_keypair();
  const manager = sodium.crypto_box_keypair();
  const mediators = [sodium.crypto_box_keypair(), sodium.crypto_box_keypair()];
  const campaignBody = {
    v: 2, id: P.b32.encode(sodium.randombytes_buf(16)), title: 'Conversations', intro: '',
    questions: [{ id: 'safe', type: 'likert', text: 'Safe?', required: true }],
    feedback_to: [P.encodePublicKey('recipient', manager.publicKey)],
    mediation_to: mediators.map((k) => P.encodePublicKey('recipient', k.publicKey)),
    mediation_to_feedback_readers: false, signer: P.encodePublicKey('signing', author.publicKey),
    storage: { kind: 'http-put', url: 'http://127.0.0.1:9/store/' }, k: 3, opens: '2026-01-01', closes: '2099-12-31',
  };
  const campaign = () => P.verifyManifest(P.signManifest(campaignBody, author.privateKey));

  test('contents: a request with a thread, follow-ups, and what readers refuse', () => {
    const { body, manifest: H } = campaign();
    const C = body.id;
    const keys = P.threadKeys(sodium.randombytes_buf(16));
    const T = P.threadText(keys);
    const request = { what: 'x', who: '', outcome: '', urgency: 'normal', contact: '' };
    const med = { publicKey: mediators[0].publicKey, secretKey: mediators[0].privateKey };
    const read = (contents) => classify(() => P.decodeContents(P.openEnvelope(P.sealSubmission(body, 'mediation', contents), med), C, H));
    const raw = (o) => te.encode(JSON.stringify(o));
    const base = { campaign: C, day: '2026-03-02', kind: 'mediation', manifest: H, v: 2 };

    const started = P.mediationContents(C, H, '2026-03-02', request, T);
    assert.equal(td.decode(started), P.canonicalJson({ ...base, request, thread: T }));
    assert.deepEqual(P.decodeContents(started, C, H), { ...base, request, thread: T });
    const followUp = P.followUpContents(C, H, '2026-03-09', T, { close: true, text: 'Thank you —\nthat helped.' });
    assert.equal(td.decode(followUp), `{"campaign":"${C}","day":"2026-03-09","kind":"mediation","manifest":"${H}",` +
      `"message":{"close":true,"text":"Thank you —\\nthat helped."},"thread":"${T}","v":2}`);
    const cases = {
      'request without thread': [P.mediationContents(C, H, '2026-03-02', request), 'success'],
      'request with thread': [started, 'success'],
      'follow-up': [followUp, 'success'],
      'follow-up that keeps the thread open': [P.followUpContents(C, H, '2026-03-09', T, { close: false, text: 'x' }), 'success'],
      'follow-up of 4000 characters': [P.followUpContents(C, H, '2026-03-09', T, { close: false, text: 'é'.repeat(4000) }), 'success'],
      'follow-up of 4001 characters': [P.followUpContents(C, H, '2026-03-09', T, { close: false, text: 'é'.repeat(4001) }), 'schema-failure'],
      'follow-up with empty text': [P.followUpContents(C, H, '2026-03-09', T, { close: false, text: '' }), 'schema-failure'],
      'follow-up with a control character': [P.followUpContents(C, H, '2026-03-09', T, { close: false, text: 'a\rb' }), 'schema-failure'],
      'follow-up without close': [raw({ ...base, message: { text: 'x' }, thread: T }), 'schema-failure'],
      'follow-up with close 1': [raw({ ...base, message: { close: 1, text: 'x' }, thread: T }), 'schema-failure'],
      'follow-up with an extra field': [raw({ ...base, message: { close: false, text: 'x', urgency: 'low' }, thread: T }), 'schema-failure'],
      'follow-up as a string': [raw({ ...base, message: 'x', thread: T }), 'schema-failure'],
      'follow-up without thread': [raw({ ...base, message: { close: false, text: 'x' } }), 'schema-failure'],
      'follow-up with a bad day': [P.followUpContents(C, H, '2026-02-30', T, { close: false, text: 'x' }), 'schema-failure'],
      'request and message': [raw({ ...base, message: { close: false, text: 'x' }, request, thread: T }), 'schema-failure'],
      'neither request nor message': [raw({ ...base, thread: T }), 'schema-failure'],
      'thread not a key': [P.mediationContents(C, H, '2026-03-02', request, 'parley-r1-abc'), 'schema-failure'],
      'thread with a typo': [P.mediationContents(C, H, '2026-03-02', request, T.slice(0, -1) + (T.at(-1) === 'a' ? 'b' : 'a')), 'schema-failure'],
      'thread a signing key': [P.mediationContents(C, H, '2026-03-02', request, P.encodePublicKey('signing', author.publicKey)), 'schema-failure'],
      'thread as bytes': [raw({ ...base, request, thread: [1, 2] }), 'schema-failure'],
      'thread on feedback': [raw({ answers: {}, campaign: C, kind: 'feedback', manifest: H, thread: T, v: 2 }), 'schema-failure'],
      'follow-up of another campaign': [P.followUpContents('a'.repeat(26), H, '2026-03-09', T, { close: false, text: 'x' }), 'wrong-campaign'],
      'follow-up of another manifest': [P.followUpContents(C, '0'.repeat(64), '2026-03-09', T, { close: false, text: 'x' }), 'wrong-manifest'],
    };
    for (const [label, [contents, expected]] of Object.entries(cases)) assert.equal(read(contents), expected, label);
  });

  test('replies: records, bundles, and the person reader', () => {
    const { body, manifest: H } = campaign();
    const C = body.id;
    const keys = P.threadKeys(sodium.randombytes_buf(16));
    const T = P.threadText(keys);
    const other = P.threadKeys(sodium.randombytes_buf(16));
    const day = '2026-03-05';
    const name = P.replyBundleName(day, 1, 0);
    assert.equal(name, 'replies-2026-03-05-1-0.parley');
    const med = mediators[1];
    const reply = (over = {}) => ({ campaign: C, close: false, day, text: 'We can talk on Monday —\nΩ.', thread: T, v: 2, ...over });
    const seal = (r, pk = keys.publicKey, sk = med.privateKey) => P.sealReplyRecord(r, pk, sk);
    const bundle = (records, over = {}) => P.replyBundle({ campaign: C, day, mediator: 1, records, ...over });
    const open = (b, n = name, k = keys, bd = body) => P.openReplyBundle(b, n, bd, H, k);

    // Records are always 4136 bytes; replies over 4095 bytes are refused by the writer.
    const record = seal(reply());
    assert.equal(record.length, 4136);
    assert.equal(seal(reply({ text: 'x'.repeat(3000) })).length, 4136);
    const fill = P.canonicalBytes(reply({ text: '' })).length;
    assert.equal(seal(te.encode('x'.repeat(4095))).length, 4136);
    assert.equal(classify(() => seal(te.encode('x'.repeat(4096)))), 'too-large');
    assert.ok(fill < 4095);

    // Size classes: 4, 16, 64, 256, 1024 records.
    const headerLen = (b) => b.indexOf(10, 17) + 1;
    for (const [n, R] of [[0, 4], [1, 4], [4, 4], [5, 16], [16, 16], [17, 64]]) {
      const b = bundle(Array(n).fill(record));
      assert.equal(b.length, headerLen(b) + R * 4136, `${n} replies`);
      assert.equal(td.decode(b.subarray(0, headerLen(b))),
        `PARLEY-REPLIES/2\n{"campaign":"${C}","day":"${day}","mediator":1,"records":${R},"v":2}\n`);
    }
    assert.equal(classify(() => bundle(Array(1025).fill(record))), 'too-large');

    // The person opens their replies in record order; others' replies and fillers are skipped.
    const first = reply({ text: 'first' }), second = reply({ text: 'second', close: true });
    const theirs = seal({ ...reply({ text: 'not yours' }), thread: P.threadText(other) }, other.publicKey);
    const mine = bundle([seal(first), theirs, seal(second)], { shuffle: false });
    assert.deepEqual(open(mine), [first, second]);
    assert.deepEqual(open(mine, name, other), [{ ...reply({ text: 'not yours' }), thread: P.threadText(other) }]);
    const shuffled = bundle([seal(first), theirs, seal(second)]);
    assert.deepEqual(new Set(open(shuffled).map((r) => r.text)), new Set(['first', 'second']));
    assert.deepEqual(open(bundle([])), []);
    // Sealed by the other mediator: its records do not open with mediator 1's key.
    assert.deepEqual(open(bundle([seal(first, keys.publicKey, mediators[0].privateKey)])), []);
    // The mediator index chooses the key.
    assert.deepEqual(open(P.replyBundle({ campaign: C, day, mediator: 0, records: [seal(first, keys.publicKey, mediators[0].privateKey)] }),
      P.replyBundleName(day, 0, 3)), [first]);

    const good = bundle([seal(first)], { shuffle: false });
    const hl = headerLen(good);
    const withHeader = (text) => concat(te.encode(`PARLEY-REPLIES/2\n${text}\n`), good.subarray(hl));
    const hdr = (o) => withHeader(P.canonicalJson({ campaign: C, day, mediator: 1, records: 4, v: 2, ...o }));
    const record0 = (r) => concat(good.subarray(0, hl), r, good.subarray(hl + 4136));
    const headerCases = {
      'good': [good, 'success'],
      'empty': [new Uint8Array(0), 'header-failure'],
      'magic': [concat(te.encode('PARLEY-REPLIES/3'), good.subarray(16)), 'header-failure'],
      'an envelope': [P.sealEnvelope(te.encode('x'), [keys.publicKey]), 'header-failure'],
      'no header line end': [te.encode(`PARLEY-REPLIES/2\n{"campaign":"${C}"`), 'header-failure'],
      'header not JSON': [withHeader('{campaign'), 'header-failure'],
      'header an array': [withHeader('[]'), 'header-failure'],
      'header not canonical': [withHeader(`{"v":2,"campaign":"${C}","day":"${day}","mediator":1,"records":4}`), 'header-failure'],
      'header with an extra field': [hdr({ extra: 1 }), 'header-failure'],
      'header without records': [hdr({ records: undefined }), 'header-failure'],
      'records 5': [hdr({ records: 5 }), 'header-failure'],
      'records 16, 4 present': [hdr({ records: 16 }), 'header-failure'],
      'another campaign': [hdr({ campaign: 'a'.repeat(26) }), 'header-failure'],
      'mediator 2 of 2': [hdr({ mediator: 2 }), 'header-failure'],
      'mediator -1': [hdr({ mediator: -1 }), 'header-failure'],
      'mediator "1"': [hdr({ mediator: '1' }), 'header-failure'],
      'another day than the name': [hdr({ day: '2026-03-06' }), 'header-failure'],
      'not a day': [hdr({ day: '2026-02-30' }), 'header-failure'],
      'v 1': [hdr({ v: 1 }), 'header-failure'],
      'one byte short': [good.subarray(0, good.length - 1), 'header-failure'],
      'one byte more': [concat(good, Uint8Array.of(0)), 'header-failure'],
      'a record less': [good.subarray(0, good.length - 4136), 'header-failure'],
      // Records that open but are not replies of this thread.
      'reply of another campaign': [record0(seal(reply({ campaign: 'a'.repeat(26) }))), 'payload-failure'],
      'reply of another thread': [record0(seal(reply({ thread: P.threadText(other) }))), 'payload-failure'],
      'reply naming no key': [record0(seal(reply({ thread: 'parley-r1-x' }))), 'payload-failure'],
      'reply not canonical': [record0(seal(te.encode(JSON.stringify({ v: 2, ...reply() })))), 'payload-failure'],
      'reply not JSON': [record0(seal(te.encode('hello'))), 'payload-failure'],
      'reply v 1': [record0(seal(reply({ v: 1 }))), 'payload-failure'],
      'reply with empty text': [record0(seal(reply({ text: '' }))), 'payload-failure'],
      'reply of 3001 characters': [record0(seal(reply({ text: 'é'.repeat(100) + 'x'.repeat(2901) }))), 'payload-failure'],
      'reply of 3000 characters': [record0(seal(reply({ text: 'é'.repeat(100) + 'x'.repeat(2900) }))), 'success'],
      'reply with close "yes"': [record0(seal(reply({ close: 'yes' }))), 'payload-failure'],
      'reply without day': [record0(seal(reply({ day: undefined }))), 'payload-failure'],
      'reply with an extra field': [record0(seal(reply({ mediator: 1 }))), 'payload-failure'],
      'reply with bad padding': [record0((() => {
        const nonce = sodium.randombytes_buf(24);
        return concat(nonce, sodium.crypto_box_easy(new Uint8Array(4096), nonce, keys.publicKey, med.privateKey));
      })()), 'payload-failure'],
      'a damaged record is skipped': [record0(seal(first).map((x, i) => (i === 100 ? x ^ 1 : x))), 'success'],
    };
    for (const [label, [b, expected]] of Object.entries(headerCases)) assert.equal(classify(() => open(b)), expected, label);
    // The name: its day must be the header's.
    for (const [n, expected] of [[name, 'success'], [P.replyBundleName(day, 1, 99), 'success'],
      [P.replyBundleName('2026-03-04', 1, 0), 'header-failure'], ['replies.parley', 'header-failure'],
      [P.replyBundleName(day, 16, 0), 'header-failure'], [P.replyBundleName(day, 1, 100), 'header-failure']]) {
      assert.equal(classify(() => open(good, n)), expected, n);
    }
    // A campaign without mediators reads no bundle.
    assert.equal(classify(() => open(good, name, keys, { ...body, mediation_to: [] })), 'header-failure');
  });
});

// ---------------------------------------------------------------- native CLI

function findCli() {
  const candidates = [process.env.PARLEY_CLI, 'build/native/src/parley', 'build/native/src/cli/parley', 'build/native/parley']
    .filter(Boolean).map((p) => path.resolve(ROOT, p));
  return candidates.find((p) => fs.existsSync(p));
}

describe('native CLI interop', () => {
  const CLI = findCli();
  const MGR_PASS = 'correct horse — ünïcode';
  const MED_PASS = 'mediator pass';
  let dir, mgr, med, token, draft, mgrKeys, medKeys, H;

  // Runs the CLI; the passphrase is passed the documented way ($PARLEY_PASSPHRASE).
  const cli = (args, passphrase) => {
    const env = { ...process.env };
    delete env.PARLEY_PASSPHRASE;
    if (passphrase !== undefined) env.PARLEY_PASSPHRASE = passphrase;
    const r = spawnSync(CLI, args, { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return r;
  };
  const ok = (args, passphrase) => {
    const r = cli(args, passphrase);
    assert.equal(r.status, 0, `parley ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  // "role: manager\nrecipient: …" → object
  const fields = (text) => Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
  // The reasons `parley open` counts on stderr: "not opened: schema-failure 1" → 'schema-failure'
  const openReason = (r) => /not opened: ([a-z-]+) 1/.exec(r.stderr)?.[1] ?? (r.status === 0 ? 'success' : `? ${r.stderr}`);
  // `parley campaign verify` prints "parley: <class>: message" on failure.
  const verifyClass = (r) => (r.status === 0 ? 'success' : /^parley: ([a-z-]+):/m.exec(r.stderr)?.[1] ?? `? ${r.stderr}`);
  const write = (name, data) => { const f = path.join(dir, name); fs.writeFileSync(f, data); return f; };
  const identity = (k) => ({ publicKey: k.recipient.publicKey, secretKey: k.recipient.secretKey });

  const QUESTIONS = [
    { id: 'safe', type: 'likert', text: 'I can disagree — safely.', required: true },
    { id: 'rec', type: 'enps', text: 'Would you recommend this team?', required: true },
    { id: 'load', type: 'single', text: 'My workload is…', required: false, options: ['Light', 'Right', 'Heavy'] },
    { id: 'from', type: 'multi', text: 'Blockers come from', required: false, options: ['Priorities', 'Teams', 'Tools'] },
    { id: 'change', type: 'text', text: 'One change?', required: false },
    { id: 'block', type: 'blockers', text: 'What is standing in your way?', required: false },
  ];

  before(() => {
    assert.ok(CLI, 'native CLI not found: build it with `tools/build native` (or set PARLEY_CLI)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-interop-'));
    mgr = fields(ok(['keygen', '--role', 'manager', '--label', 'Interop manager', '--out', 'mgr.key'], MGR_PASS));
    write('med.pass', MED_PASS);
    med = fields(ok(['keygen', '--role', 'mediator', '--out', 'med.key', '--passphrase-file', 'med.pass']));
    write('questions.json', JSON.stringify(QUESTIONS));
    ok(['campaign', 'new', '--out', 'draft.json', '--questions', 'questions.json', '--signer', 'mgr.key',
      '--feedback-to', mgr.recipient, '--mediation-to', med.recipient, '--storage-url', 'http://127.0.0.1:9/store/{id}/',
      '--opens', '2026-01-01', '--closes', '2099-12-31', '--title', 'Interop — Ωμέγα', '--k', '3']);
    ok(['campaign', 'sign', 'draft.json', '--key', 'mgr.key', '--out', 'token.txt'], MGR_PASS);
    token = fs.readFileSync(path.join(dir, 'token.txt'), 'utf8').trim();
    draft = JSON.parse(fs.readFileSync(path.join(dir, 'draft.json'), 'utf8'));
    H = P.verifyManifest(token).manifest;
    mgrKeys = P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'mgr.key')), MGR_PASS);
    medKeys = P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'med.key')), MED_PASS);
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  test('node unwraps CLI key files; public keys and key IDs agree with `parley pubkey`', () => {
    assert.equal(mgrKeys.role, 'manager');
    assert.equal(mgrKeys.label, 'Interop manager');
    assert.equal(P.encodePublicKey('recipient', mgrKeys.recipient.publicKey), mgr.recipient);
    assert.equal(P.encodePublicKey('signing', mgrKeys.signer.publicKey), mgr.signer);
    assert.equal(P.formatKeyId(P.keyId('recipient', mgrKeys.recipient.publicKey)), mgr['recipient-id']);
    assert.equal(P.formatKeyId(P.keyId('signing', mgrKeys.signer.publicKey)), mgr['signer-id']);
    assert.equal(medKeys.role, 'mediator');
    assert.equal(medKeys.signer, undefined);
    assert.equal(P.encodePublicKey('recipient', medKeys.recipient.publicKey), med.recipient);
    assert.equal(P.formatKeyId(P.keyId('recipient', medKeys.recipient.publicKey)), med['recipient-id']);
    assert.equal(classify(() => P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'mgr.key')), MGR_PASS + ' ')), 'wrong-passphrase');
    // A passphrase is its UTF-8 bytes as given: the NFD spelling of the same text is another passphrase.
    assert.equal(classify(() => P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'mgr.key')), MGR_PASS.normalize('NFD'))), 'wrong-passphrase');
  });

  test('node verifies the CLI-signed token and link', () => {
    const m = P.verifyManifest(token);
    assert.deepEqual(m.body, draft);
    assert.equal(td.decode(m.bodyBytes), P.canonicalJson(draft));
    assert.equal(m.body.signer, mgr.signer);
    assert.deepEqual(m.body.questions, QUESTIONS);
    assert.deepEqual(m.body.feedback_to, [mgr.recipient]);
    assert.deepEqual(m.body.mediation_to, [med.recipient]);
    const link = ok(['campaign', 'link', 'token.txt', '--app', 'https://parley.example/app/']).trim();
    assert.equal(link, `https://parley.example/app/#c=${token}`);
    assert.deepEqual(P.verifyManifest(link).body, draft);
    // Same signature over a changed body: k 3 → 4.
    const [b, s] = token.split('.');
    const changed = td.decode(P.b64u.decode(b)).replace('"k":3', '"k":4');
    assert.equal(classify(() => P.verifyManifest(`${P.b64u.encode(te.encode(changed))}.${s}`)), 'bad-signature');
  });

  test('CLI seals feedback, node opens it with the manager key', () => {
    const answers = { safe: 4, rec: 9, load: 2, from: [0, 2], change: 'Fewer meetings — Thắng, Ωμέγα.\nSecond line\twith tab', block: 'Waiting on reviews' };
    write('answers.json', JSON.stringify(answers));
    const receipt = ok(['seal', '--campaign', 'token.txt', '--answers', 'answers.json', '--out', 'cli-fb.parley']).trim();
    const env = new Uint8Array(fs.readFileSync(path.join(dir, 'cli-fb.parley')));
    assert.equal(P.objectName(env), receipt);
    // Header shape: version 2, one stanza that names no one, smallest bucket.
    assert.equal(td.decode(env.subarray(0, 6)), 'PARLEY');
    assert.deepEqual([env[6], env[7]], [2, 1]);
    const id = P.keyId('recipient', mgrKeys.recipient.publicKey);
    assert.equal(Buffer.from(env).indexOf(Buffer.from(id)), -1, 'no key ID anywhere');
    assert.equal(env.length, 8 + 80 + 24 + 1024 + 16);
    const pt = P.openEnvelope(env, identity(mgrKeys));
    const expected = { answers, campaign: draft.id, kind: 'feedback', manifest: H, v: 2 };
    assert.deepEqual(P.decodeContents(pt, draft.id, H), expected);
    assert.equal(td.decode(pt), P.canonicalJson(expected));
    assert.equal(classify(() => P.openEnvelope(env, identity(medKeys))), 'not-for-this-key');
    assert.equal(classify(() => P.decodeContents(pt, 'aaaaaaaaaaaaaaaaaaaaaaaaaa', H)), 'wrong-campaign');
    assert.equal(classify(() => P.decodeContents(pt, draft.id, '0'.repeat(64))), 'wrong-manifest');
  });

  test('CLI seals a mediation request, only the mediator key opens it in node', () => {
    const request = { what: 'Repeated credit-taking.\nTwice this month.', who: 'A peer', outcome: 'A facilitated talk', urgency: 'urgent', contact: '' };
    write('mediation.json', JSON.stringify(request));
    ok(['seal', '--campaign', 'token.txt', '--mediation', 'mediation.json', '--day', '2026-11-20', '--out', 'cli-med.parley']);
    const env = new Uint8Array(fs.readFileSync(path.join(dir, 'cli-med.parley')));
    const pt = P.openEnvelope(env, identity(medKeys));
    assert.deepEqual(P.decodeContents(pt, draft.id, H), { campaign: draft.id, day: '2026-11-20', kind: 'mediation', manifest: H, request, v: 2 });
    assert.equal(classify(() => P.openEnvelope(env, identity(mgrKeys))), 'not-for-this-key');
    // Feedback and requests of the CLI are equally long (one reader each here).
    assert.equal(env.length, fs.statSync(path.join(dir, 'cli-fb.parley')).size);
  });

  test('node seals feedback, `parley open` recovers exactly those answers', () => {
    const answers = { safe: 2, rec: 0, load: 0, from: [1], change: 'Node says: ünïcode "quoted" \\ and\nnewline', block: 'Nothing' };
    const env = P.sealSubmission(draft, 'feedback', P.feedbackContents(draft.id, H, answers));
    const name = P.objectName(env);
    write(name, env);
    const r = cli(['open', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'token.txt', name], MGR_PASS);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]), { answers, campaign: draft.id, kind: 'feedback', manifest: H, object: name, v: 2 });
  });

  test('node seals a mediation request: the mediator key opens it, the manager key reports not-for-this-key', () => {
    const request = { what: 'Something happened in the retro.', who: '', outcome: 'Talk it through', urgency: 'low', contact: 'Signal, evenings' };
    const env = P.sealSubmission(draft, 'mediation', P.mediationContents(draft.id, H, '2026-11-30', request));
    const name = P.objectName(env);
    write(name, env);
    const r = cli(['open', '--today', AFTER_CLOSE, '--key', 'med.key', '--campaign', 'token.txt', name], MED_PASS);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { campaign: draft.id, day: '2026-11-30', kind: 'mediation', manifest: H, object: name, request, v: 2 });
    const m = cli(['open', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'token.txt', name], MGR_PASS);
    assert.equal(m.status, 3);
    assert.equal(m.stdout, '');
    assert.equal(openReason(m), 'not-for-this-key');
  });

  test('`parley export --json` aggregates node-sealed responses', () => {
    fs.mkdirSync(path.join(dir, 'batch'));
    const responses = [
      { safe: 5, rec: 10, load: 1, from: [0], change: 'a' },
      { safe: 3, rec: 6, load: 1, from: [0, 1], change: 'c' },
      { safe: 4, rec: 9, load: 2, from: [2], change: 'b' },
    ];
    for (const a of responses) {
      const env = P.sealSubmission(draft, 'feedback', P.feedbackContents(draft.id, H, a));
      fs.writeFileSync(path.join(dir, 'batch', P.objectName(env)), env);
    }
    const out = JSON.parse(ok(['export', '--json', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'token.txt', 'batch'], MGR_PASS));
    assert.equal(out.responses, 3);
    assert.equal(out.visible, true);
    assert.equal(out.invalid_answers, 0);
    assert.equal(out.unknown_answers, 0);
    const q = Object.fromEntries(out.questions.map((x) => [x.id, x]));
    const counts = (id) => q[id].counts.map((c) => c.count);
    assert.deepEqual(counts('safe'), [0, 0, 1, 1, 1]);
    assert.equal(q.safe.mean, 4);
    assert.deepEqual(counts('load'), [0, 2, 1]);
    assert.deepEqual(counts('from'), [2, 1, 1]);
    assert.deepEqual([...q.change.comments].sort(), ['a', 'b', 'c']);
    assert.equal(q.rec.answered, 3);
    assert.deepEqual(q.block, { id: 'block', type: q.block.type, text: q.block.text, visible: false }, 'fewer than k: not even how many');
    // `parley aggregate` prints the same eNPS as the export and the app (enps_score's rounding).
    const text = ok(['aggregate', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'token.txt', 'batch'], MGR_PASS);
    assert.match(text, new RegExp(`eNPS \\+${q.rec.enps_score} \\(promoters 2, passives 0, detractors 1\\)`), text);
    assert.ok(!/answered: 0/.test(text), 'a hidden question says no count');
  });

  test('damaged and unusual envelopes: node and CLI report the same class', () => {
    const pks = [P.decodePublicKey('recipient', draft.feedback_to[0])];
    const C = draft.id;
    const M = `"manifest":"${H}",`;
    const sealText = (s) => P.sealEnvelope(te.encode(s), pks);
    const good = P.sealEnvelope(P.feedbackContents(C, H, { safe: 1 }), pks);
    const T = P.threadText(P.threadKeys(P.unhex('7f'.repeat(16))));
    const REQUEST = { what: 'x', who: '', outcome: '', urgency: 'normal', contact: '' };
    const flip = (env, i) => { const e = env.slice(); e[i] ^= 1; return e; };
    const cases = {
      'good': [good, 'success'],
      'payload bit': [flip(good, good.length - 20), 'payload-failure'],
      'nonce bit': [flip(good, 8 + 80 + 3), 'payload-failure'],
      // Without key IDs a damaged stanza is one that does not open: not for this key.
      'stanza bit': [flip(good, 8 + 40), 'not-for-this-key'],
      'first stanza byte': [flip(good, 8), 'not-for-this-key'],
      'version 1': [(() => { const e = good.slice(); e[6] = 1; return e; })(), 'version-unsupported'],
      'count 0': [(() => { const e = good.slice(); e[7] = 0; return e; })(), 'header-failure'],
      'truncated': [good.subarray(0, 50), 'header-failure'],
      'short payload': [good.subarray(0, good.length - 1), 'payload-failure'],
      'too large': [new Uint8Array(P.ENVELOPE_MAX + 1), 'too-large'],
      'largest bucket (contents too long)': [P.sealEnvelope(new Uint8Array(70000).fill(32), pks), 'schema-failure'],
      'other campaign': [P.sealEnvelope(P.feedbackContents('aaaaaaaaaaaaaaaaaaaaaaaaaa', H, {}), pks), 'wrong-campaign'],
      'other manifest (re-signed campaign)': [P.sealEnvelope(P.feedbackContents(C, 'ab'.repeat(32), {}), pks), 'wrong-manifest'],
      'not json': [sealText('hello'), 'schema-failure'],
      'reply kind': [sealText(`{"campaign":"${C}","kind":"reply",${M}"v":2}`), 'schema-failure'],
      'v 1': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback","v":1}`), 'version-unsupported'],
      'v 3': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback",${M}"v":3}`), 'version-unsupported'],
      'v as text': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback",${M}"v":"2"}`), 'schema-failure'],
      'no manifest': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback","v":2}`), 'schema-failure'],
      'manifest upper case': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback","manifest":"${H.toUpperCase()}","v":2}`), 'schema-failure'],
      'extra field': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback",${M}"v":2,"x":1}`), 'schema-failure'],
      // Contents need not be canonical; readers accept any JSON with the right fields.
      'non-canonical contents': [sealText(`{ "v": 2, "kind": "feedback", ${M} "campaign": "${C}", "answers": {"safe": 3} }\n`), 'success'],
      'float answer': [sealText(`{"answers":{"safe":1.5},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'answer 101': [sealText(`{"answers":{"safe":101},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'answer 100': [sealText(`{"answers":{"safe":100},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'success'],
      'empty list, empty text, unknown id': [sealText(`{"answers":{"from":[],"change":"","Not An Id":1},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'success'],
      'list not ascending': [sealText(`{"answers":{"from":[2,1]},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'list index 12': [sealText(`{"answers":{"from":[12]},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'text 4000 chars': [sealText(`{"answers":{"change":"${'é'.repeat(4000)}"},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'success'],
      'text 4001 chars': [sealText(`{"answers":{"change":"${'é'.repeat(4001)}"},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'text with CR': [sealText(`{"answers":{"change":"a\\rb"},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'text with lone surrogate': [sealText(`{"answers":{"change":"a\\ud800"},"campaign":"${C}","kind":"feedback",${M}"v":2}`), 'schema-failure'],
      'mediation sealed to the manager': [P.sealEnvelope(P.mediationContents(C, H, '2026-01-02',
        { what: 'x', who: 'a\nb', outcome: '', urgency: 'normal', contact: '' }), pks), 'success'],
      'mediation bad day': [P.sealEnvelope(P.mediationContents(C, H, '2026-02-29',
        { what: 'x', who: '', outcome: '', urgency: 'normal', contact: '' }), pks), 'schema-failure'],
      'mediation empty what': [P.sealEnvelope(P.mediationContents(C, H, '2026-01-02',
        { what: '', who: '', outcome: '', urgency: 'normal', contact: '' }), pks), 'schema-failure'],
      // Conversations: a request that starts a thread, follow-ups in it.
      'request with a thread': [P.sealEnvelope(P.mediationContents(C, H, '2026-01-02', REQUEST, T), pks), 'success'],
      'follow-up': [P.sealEnvelope(P.followUpContents(C, H, '2026-01-09', T, { close: false, text: 'Thanks —\nsee you.' }), pks), 'success'],
      'follow-up closing the thread': [P.sealEnvelope(P.followUpContents(C, H, '2026-01-09', T, { close: true, text: 'x' }), pks), 'success'],
      'follow-up without thread': [sealText(`{"campaign":"${C}","day":"2026-01-09","kind":"mediation",${M}"message":{"close":false,"text":"x"},"v":2}`), 'schema-failure'],
      'follow-up text 4001 chars': [P.sealEnvelope(P.followUpContents(C, H, '2026-01-09', T, { close: false, text: 'é'.repeat(4001) }), pks), 'schema-failure'],
      'follow-up close as text': [sealText(`{"campaign":"${C}","day":"2026-01-09","kind":"mediation",${M}"message":{"close":"no","text":"x"},"thread":"${T}","v":2}`), 'schema-failure'],
      'request and message': [sealText(`{"campaign":"${C}","day":"2026-01-09","kind":"mediation",${M}"message":{"close":false,"text":"x"},"request":${JSON.stringify(REQUEST)},"thread":"${T}","v":2}`), 'schema-failure'],
      'neither request nor message': [sealText(`{"campaign":"${C}","day":"2026-01-09","kind":"mediation",${M}"thread":"${T}","v":2}`), 'schema-failure'],
      'thread not a key': [P.sealEnvelope(P.mediationContents(C, H, '2026-01-02', REQUEST, T.slice(0, -2)), pks), 'schema-failure'],
      'thread a signing key': [P.sealEnvelope(P.mediationContents(C, H, '2026-01-02', REQUEST, draft.signer), pks), 'schema-failure'],
      'thread on feedback': [sealText(`{"answers":{},"campaign":"${C}","kind":"feedback",${M}"thread":"${T}","v":2}`), 'schema-failure'],
    };
    const results = {};
    for (const [label, [env, expected]] of Object.entries(cases)) {
      const node = classify(() => P.decodeContents(P.openEnvelope(env, identity(mgrKeys)), C, H));
      write('case.parley', env);
      const native = openReason(cli(['open', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'token.txt', 'case.parley'], MGR_PASS));
      results[label] = { node, native };
      assert.deepEqual({ node, native }, { node: expected, native: expected }, label);
    }
    assert.equal(Object.keys(results).length, Object.keys(cases).length);
  });

  test('manifests signed in node: `parley campaign verify` agrees', () => {
    const kp = sodium.crypto_sign_keypair();
    const signer = P.encodePublicKey('signing', kp.publicKey);
    const body = { ...draft, signer };
    const sign = (b) => P.signManifest(b, kp.privateKey);
    const TRUSTEE = {
      label: 'Works council — Betriebsrat',
      recipient: P.encodePublicKey('recipient', sodium.crypto_box_keypair().publicKey),
      signer: P.encodePublicKey('signing', sodium.crypto_sign_keypair().publicKey),
    };
    const rawToken = (text) => `${P.b64u.encode(te.encode(text))}.${P.b64u.encode(
      sodium.crypto_sign_detached(new Uint8Array([...te.encode('parley manifest v1\n'), ...te.encode(text)]), kp.privateKey))}`;
    const [tb, ts] = sign(body).split('.');
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // FORMAT.md, "Storage": the shape of an s3 description (the values need not be a policy
    // any storage would accept; only their form is checked).
    const S3 = {
      kind: 's3', key_prefix: 'parley/team/', url: 'https://s.example/bucket/parley/team/',
      post: {
        policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0xMi0xNVQwMDowMDowMC4wMDBaIn0=', 'x-amz-algorithm': 'AWS4-HMAC-SHA256',
        'x-amz-credential': 'AKIDEXAMPLE/20261101/us-east-1/s3/aws4_request', 'x-amz-date': '20261101T090000Z',
        'x-amz-signature': 'ab'.repeat(32),
      },
    };
    const cases = {
      'good': [sign(body), 'success'],
      'good as link': [`https://a.example/x/#c=${sign(body)}`, 'success'],
      'signature trailing bits': [`${tb}.${ts.slice(0, -1)}${B64[B64.indexOf(ts.at(-1)) + 1]}`, 'bad-input'],
      'other signer': [`${tb}.${token.split('.')[1]}`, 'bad-signature'],
      'not canonical': [rawToken(P.canonicalJson(body).replace('{', '{ ')), 'schema-failure'],
      'version 1': [sign({ ...body, v: 1 }), 'version-unsupported'],
      'version 3': [sign({ v: 3, signer }), 'version-unsupported'],
      'trustee': [sign({ ...body, trustee: TRUSTEE }), 'success'],
      'trustee who also mediates': [sign({ ...body, trustee: { ...TRUSTEE, recipient: med.recipient } }), 'success'],
      'trustee who reads feedback': [sign({ ...body, trustee: { ...TRUSTEE, recipient: mgr.recipient } }), 'schema-failure'],
      'trustee signing as the campaign': [sign({ ...body, trustee: { ...TRUSTEE, signer } }), 'schema-failure'],
      'trustee label of 60': [sign({ ...body, trustee: { ...TRUSTEE, label: 'é'.repeat(60) } }), 'success'],
      'trustee label of 61': [sign({ ...body, trustee: { ...TRUSTEE, label: 'é'.repeat(61) } }), 'schema-failure'],
      'trustee label empty': [sign({ ...body, trustee: { ...TRUSTEE, label: '' } }), 'schema-failure'],
      'trustee label on two lines': [sign({ ...body, trustee: { ...TRUSTEE, label: 'a\nb' } }), 'schema-failure'],
      'trustee extra field': [sign({ ...body, trustee: { ...TRUSTEE, phone: '555' } }), 'schema-failure'],
      'trustee without signer': [sign({ ...body, trustee: { ...TRUSTEE, signer: undefined } }), 'schema-failure'],
      'unknown field': [sign({ ...body, extra: 1 }), 'schema-failure'],
      'no signer': [sign({ ...body, signer: undefined }), 'schema-failure'],
      'signer upper case': [sign({ ...body, signer: signer.toUpperCase() }), 'schema-failure'],
      'feedback key upper case': [sign({ ...body, feedback_to: [draft.feedback_to[0].toUpperCase()] }), 'schema-failure'],
      'campaign id upper case': [sign({ ...body, id: body.id.toUpperCase() }), 'schema-failure'],
      'feedback reader is mediator': [sign({ ...body, mediation_to: body.feedback_to }), 'schema-failure'],
      '... when allowed': [sign({ ...body, mediation_to: body.feedback_to, mediation_to_feedback_readers: true }), 'success'],
      'storage url with query': [sign({ ...body, storage: { kind: 's3', url: 'https://s.example/b?x' } }), 'schema-failure'],
      's3': [sign({ ...body, storage: S3 }), 'success'],
      's3 virtual-hosted': [sign({ ...body, storage: { ...S3, url: `https://b.s3.example.com/${S3.key_prefix}` } }), 'success'],
      's3 without post fields': [sign({ ...body, storage: { ...S3, post: undefined } }), 'schema-failure'],
      's3 with an extra post field': [sign({ ...body, storage: { ...S3, post: { ...S3.post, acl: 'public-read' } } }), 'schema-failure'],
      's3 url outside the prefix': [sign({ ...body, storage: { ...S3, url: 'https://s.example/b/' } }), 'schema-failure'],
      's3 prefix with ..': [sign({ ...body, storage: { ...S3, key_prefix: '../', url: 'https://s.example/b/../' } }), 'schema-failure'],
      's3 credential of another day': [sign({ ...body, storage: { ...S3, post: { ...S3.post, 'x-amz-credential': 'AKIDEXAMPLE/20261102/us-east-1/s3/aws4_request' } } }), 'schema-failure'],
      's3 signature upper case': [sign({ ...body, storage: { ...S3, post: { ...S3.post, 'x-amz-signature': 'A'.repeat(64) } } }), 'schema-failure'],
      'http-put with a key prefix': [sign({ ...body, storage: { ...body.storage, key_prefix: 'x/' } }), 'schema-failure'],
      'options on likert': [sign({ ...body, questions: [{ ...QUESTIONS[0], options: ['a', 'b'] }] }), 'schema-failure'],
      'closes before opens': [sign({ ...body, opens: '2100-01-01' }), 'schema-failure'],
      'leap day 2028': [sign({ ...body, closes: '2028-02-29' }), 'success'],
      'no leap day 2100': [sign({ ...body, closes: '2100-02-29' }), 'schema-failure'],
      'title on two lines': [sign({ ...body, title: 'a\nb' }), 'schema-failure'],
      'k 2': [sign({ ...body, k: 2 }), 'schema-failure'],
    };
    for (const [label, [tok, expected]] of Object.entries(cases)) {
      const node = classify(() => P.verifyManifest(tok));
      const native = verifyClass(cli(['campaign', 'verify', write('case.token', tok)]));
      assert.deepEqual({ node, native }, { node: expected, native: expected }, label);
    }
    // The CLI reads back exactly the body node signed.
    assert.deepEqual(JSON.parse(ok(['campaign', 'verify', write('good.token', sign(body)), '--json'])), body);
  });

  test('a key file written by node works with the CLI', () => {
    const xsk = sodium.randombytes_buf(32), seed = sodium.randombytes_buf(32);
    const pass = 'node-made — pässword';
    write('node.key', P.wrapKeyFile({ role: 'manager', label: 'From node', recipientSecret: xsk, signingSeed: seed, passphrase: pass }));
    const recipient = P.encodePublicKey('recipient', sodium.crypto_scalarmult_base(xsk));
    const signer = P.encodePublicKey('signing', sodium.crypto_sign_seed_keypair(seed).publicKey);
    const shown = fields(ok(['pubkey', 'node.key']));
    assert.deepEqual(shown, {
      role: 'manager', recipient, 'recipient-id': P.formatKeyId(P.keyId('recipient', sodium.crypto_scalarmult_base(xsk))),
      signer, 'signer-id': P.formatKeyId(P.keyId('signing', sodium.crypto_sign_seed_keypair(seed).publicKey)),
    });
    ok(['campaign', 'new', '--out', 'node-draft.json', '--template', 'enps', '--signer', 'node.key', '--feedback-to', recipient,
      '--storage-url', 'http://127.0.0.1:9/{id}/', '--opens', '2026-01-01', '--closes', '2099-12-31']);
    // The CLI must unwrap the node-made file to sign; a wrong passphrase must fail.
    assert.equal(cli(['campaign', 'sign', 'node-draft.json', '--key', 'node.key', '--out', 'node.token'], pass + 'x').status, 1);
    ok(['campaign', 'sign', 'node-draft.json', '--key', 'node.key', '--out', 'node.token'], pass);
    const m = P.verifyManifest(fs.readFileSync(path.join(dir, 'node.token'), 'utf8'));
    assert.equal(m.body.signer, signer);
    const answers = { [m.body.questions[0].id]: 10 };
    const env = P.sealEnvelope(P.feedbackContents(m.body.id, m.manifest, answers), [sodium.crypto_scalarmult_base(xsk)]);
    write('node-env.parley', env);
    const r = cli(['open', '--today', AFTER_CLOSE, '--key', 'node.key', '--campaign', 'node.token', 'node-env.parley'], pass);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { answers, campaign: m.body.id, kind: 'feedback', manifest: m.manifest, object: 'node-env.parley', v: 2 });
  });

  test('a trustee campaign made in node: outer envelopes for the trustee, inner ones the CLI opens', () => {
    const author = sodium.crypto_sign_keypair();
    const trusteeBox = sodium.crypto_box_keypair();
    const trusteeSign = sodium.crypto_sign_keypair();
    const body = {
      ...draft, k: 3, signer: P.encodePublicKey('signing', author.publicKey),
      trustee: { label: 'Works council', recipient: P.encodePublicKey('recipient', trusteeBox.publicKey),
        signer: P.encodePublicKey('signing', trusteeSign.publicKey) },
    };
    const tok = P.signManifest(body, author.privateKey);
    write('trustee.token', tok);
    assert.equal(verifyClass(cli(['campaign', 'verify', 'trustee.token'])), 'success');
    const m = P.verifyManifest(tok);
    const trustee = { publicKey: trusteeBox.publicKey, secretKey: trusteeBox.privateKey };
    const codes = [0, 1, 2, 3].map((i) => P.invitationCode(trustee.secretKey, P.unhex(m.manifest), i));
    const sent = '2026-11-20T09:15:00Z';
    const answers = { safe: 5, rec: 10 };
    const outer = P.sealViaTrustee(m.body, m.manifest, 'feedback', P.feedbackContents(m.body.id, m.manifest, answers), codes[0], sent);
    const request = { what: 'x', who: '', outcome: '', urgency: 'low', contact: '' };
    const outerRequest = P.sealViaTrustee(m.body, m.manifest, 'mediation',
      P.mediationContents(m.body.id, m.manifest, '2026-11-20', request), codes[1], sent);
    // One look: one stanza, the same length for both kinds.
    assert.equal(outer[7], 1);
    assert.equal(outer.length, outerRequest.length);
    assert.equal(outer.length, 8 + 80 + 24 + 4096 + 16);
    // The manager's key does not open an outer envelope, and the CLI reads a trustee campaign
    // only through its release: an envelope is refused where a release is expected.
    assert.throws(() => P.openEnvelope(outer, identity(mgrKeys)));
    write('outer.parley', outer);
    const asEnvelope = cli(['open', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'trustee.token', 'outer.parley'], MGR_PASS);
    assert.notEqual(asEnvelope.status, 0);
    assert.match(asEnvelope.stderr, /not a Parley release/);
    // The trustee reads it: kind, code and time are inside.
    const o = P.decodeOuter(P.openEnvelope(outer, trustee), m.body, m.manifest);
    assert.deepEqual([o.kind, o.invite, o.sent], ['feedback', { code: codes[0], type: 'code' }, sent]);
    // The CLI never seals straight to the readers of a trustee campaign: it needs an invitation.
    write('trustee-answers.json', JSON.stringify(answers));
    const sealed = cli(['seal', '--campaign', 'trustee.token', '--answers', 'trustee-answers.json', '--out', 'x.parley']);
    assert.notEqual(sealed.status, 0);
    assert.match(sealed.stderr, /invitation/);

    // Invitations and a release made in node, read back by the spec's readers.
    const statement = P.signInvitations(m.body, m.manifest, 4, trusteeSign.privateKey);
    assert.equal(P.verifyInvitations(statement, m.body, m.manifest).count, 4);
    assert.equal(classify(() => P.verifyInvitations(statement, { ...m.body, id: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' }, m.manifest)), 'wrong-campaign');
    const inners = [0, 2, 3].map((i) => {
      const e = P.sealViaTrustee(m.body, m.manifest, 'feedback', P.feedbackContents(m.body.id, m.manifest, { safe: 1 + i, rec: 7 }), codes[i], sent);
      return P.decodeOuter(P.openEnvelope(e, trustee), m.body, m.manifest).inner;
    });
    const release = (over) => P.signRelease({
      body: m.body, manifest: m.manifest, feedback: inners, mediation: [], invitations: 4, refused: {}, released: '2100-01-01', ...over,
    }, trusteeSign.privateKey);
    const read = P.readRelease(release(), m.body, m.manifest);
    assert.equal(read.feedback.length, 3);
    // The CLI reads the node-made release and opens its inner envelopes for the manager.
    write('release.parley', release());
    const fromRelease = cli(['export', '--json', '--today', AFTER_CLOSE, '--key', 'mgr.key', '--campaign', 'trustee.token',
      'release.parley'], MGR_PASS);
    assert.equal(fromRelease.status, 0, fromRelease.stderr);
    assert.equal(JSON.parse(fromRelease.stdout).responses, 3);
    const moods = read.feedback.map((e) => P.decodeContents(P.openEnvelope(e, identity(mgrKeys)), m.body.id, m.manifest).answers.safe);
    assert.deepEqual(moods.sort(), [1, 3, 4]);
    assert.equal(classify(() => P.readRelease(release({ released: m.body.closes }), m.body, m.manifest)), 'too-early');
    assert.equal(classify(() => P.readRelease(release({ feedback: inners.slice(0, 2) }), m.body, m.manifest)), 'below-threshold');
    assert.equal(classify(() => P.readRelease(release(), { ...m.body, k: 4 }, m.manifest)), 'below-threshold');
    assert.equal(classify(() => P.readRelease(P.signRelease({
      body: m.body, manifest: m.manifest, feedback: inners, mediation: [], invitations: 4, refused: {}, released: '2100-01-01',
    }, author.privateKey), m.body, m.manifest)), 'bad-signature');
  });

  // FORMAT.md: a body over 64 KiB is `too-large`, judged from its base64url length before decoding.
  test('an oversized manifest body is too-large before anything else', () => {
    const tok = `${P.b64u.encode(te.encode('x'.repeat(65537)))}.${'A'.repeat(86)}`;
    assert.equal(classify(() => P.verifyManifest(tok)), 'too-large');
    assert.equal(verifyClass(cli(['campaign', 'verify', write('big.token', tok)])), 'too-large');
  });
});
