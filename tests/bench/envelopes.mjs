// Sealed envelopes in bulk, for tests/e2e/opener.test.mjs and tests/bench/results.mjs: keys
// and a signed campaign from the native CLI, envelopes sealed by the independent node
// implementation of docs/FORMAT.md (tests/interop/parley-format.mjs), and the tallies they
// must add up to, counted here without any of the C++ code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as P from '../interop/parley-format.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PASSPHRASE = 'bench passphrase — not secret';

// One question of every type, plus the k the campaign is signed with.
export const QUESTIONS = [
  { id: 'safe', type: 'likert', text: 'I can disagree safely.', required: true },
  { id: 'rec', type: 'enps', text: 'Would you recommend this team?', required: false },
  { id: 'load', type: 'single', text: 'My workload is…', required: false, options: ['Light', 'Right', 'Heavy'] },
  { id: 'from', type: 'multi', text: 'Blockers come from', required: false, options: ['Priorities', 'Teams', 'Tools', 'Process'] },
  { id: 'change', type: 'text', text: 'One change?', required: false },
  { id: 'block', type: 'blockers', text: 'What is standing in your way?', required: false },
];
export const K = 5;

export function findCli() {
  const candidates = [process.env.PARLEY_CLI, 'build/native/src/parley'].filter(Boolean).map((p) => path.resolve(ROOT, p));
  const cli = candidates.find((p) => fs.existsSync(p));
  if (!cli) throw new Error('native CLI not found: build it with `tools/build native` (or set PARLEY_CLI)');
  return cli;
}

// Runs the CLI in `dir` with the passphrase in $PARLEY_PASSPHRASE; throws unless exit 0 (or 3).
// `pin`: on one core (taskset -c 0); `accept`: more exit codes that are not failures.
export function cli(dir, args, { allowPartial = false, pin = false, accept = [] } = {}) {
  const env = { ...process.env, PARLEY_PASSPHRASE: PASSPHRASE };
  const [command, all] = pin ? ['taskset', ['-c', '0', findCli(), ...args]] : [findCli(), args];
  const r = spawnSync(command, all, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 3_600_000 });
  if (r.error) throw r.error;
  if (r.status !== 0 && !(allowPartial && r.status === 3) && !accept.includes(r.status)) throw new Error(`parley ${args.join(' ')} (exit ${r.status}):\n${r.stderr}`);
  return r;
}

const fields = (text) => Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));

// Manager and mediator key files, a signed campaign, and the raw secret keys the page needs
// (unwrapped by the node implementation, as a second opinion on the CLI's key files).
// `storageUrl` is where the app lists and fetches the envelopes ({id}: the campaign's id).
export async function makeCampaign(dir, { storageUrl = 'http://127.0.0.1:9/store/{id}/' } = {}) {
  await P.ready();
  fs.writeFileSync(path.join(dir, 'pass'), PASSPHRASE);
  const mgr = fields(cli(dir, ['keygen', '--role', 'manager', '--out', 'mgr.key', '--passphrase-file', 'pass']).stdout);
  const med = fields(cli(dir, ['keygen', '--role', 'mediator', '--out', 'med.key', '--passphrase-file', 'pass']).stdout);
  fs.writeFileSync(path.join(dir, 'questions.json'), JSON.stringify(QUESTIONS));
  cli(dir, ['campaign', 'new', '--out', 'draft.json', '--questions', 'questions.json', '--signer', 'mgr.key',
    '--feedback-to', mgr.recipient, '--mediation-to', med.recipient, '--storage-url', storageUrl,
    '--opens', '2026-01-01', '--closes', '2099-12-31', '--title', 'Opener bench', '--k', String(K)]);
  cli(dir, ['campaign', 'sign', 'draft.json', '--key', 'mgr.key', '--out', 'token.txt']);
  const token = fs.readFileSync(path.join(dir, 'token.txt'), 'utf8').trim();
  const { body, manifest } = P.verifyManifest(token);
  const mgrKeys = P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'mgr.key')), PASSPHRASE);
  const medKeys = P.unwrapKeyFile(fs.readFileSync(path.join(dir, 'med.key')), PASSPHRASE);
  return {
    dir, token, campaignId: body.id, manifest,
    manager: { publicKey: mgrKeys.recipient.publicKey, secretHex: P.hex(mgrKeys.recipient.secretKey) },
    mediator: { publicKey: medKeys.recipient.publicKey, secretHex: P.hex(medKeys.recipient.secretKey) },
  };
}

// A small seeded PRNG (mulberry32): the same seed gives the same envelopes' contents.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `feedback` answers for the manager, `mediation` requests for the mediator and `broken`
// envelopes no one can open. Returns the envelopes (in a shuffled order) and what opening
// them must give: the Aggregator's state (comments sorted), the requests and the failures
// for each reader.
export async function generate(campaign, { feedback, mediation = 0, broken = 0, seed = 1 }) {
  await P.ready();
  const rnd = prng(seed);
  const int = (n) => Math.floor(rnd() * n);
  const envelopes = [];
  const tally = QUESTIONS.map((q) => ({
    id: q.id, answered: 0,
    ...(q.type === 'text' || q.type === 'blockers' ? { comments: [] } : { counts: new Array({ likert: 5, enps: 11 }[q.type] ?? q.options.length).fill(0) }),
  }));
  let unknown = 0, invalid = 0;
  const count = (i, bin) => { tally[i].counts[bin]++; tally[i].answered++; };
  for (let n = 0; n < feedback; n++) {
    const a = {};
    if (n % 500 === 7) { a.safe = 7; invalid++; } else { a.safe = 1 + int(5); count(0, a.safe - 1); }
    if (rnd() < 0.9) { a.rec = int(11); count(1, a.rec); }
    if (rnd() < 0.7) { a.load = int(3); count(2, a.load); }
    if (rnd() < 0.5) {
      const picked = [0, 1, 2, 3].filter(() => rnd() < 0.5);
      if (picked.length === 0) picked.push(int(4));
      a.from = picked;
      for (const c of picked) tally[3].counts[c]++;
      tally[3].answered++;
    }
    if (rnd() < 0.1) { a.change = `Change ${n}: fewer meetings — ünïcode ✓\nsecond line`; tally[4].comments.push(a.change); tally[4].answered++; }
    if (rnd() < 0.05) { a.block = `Blocker ${n}`; tally[5].comments.push(a.block); tally[5].answered++; }
    if (n % 1000 === 3) { a.legacy = 2; unknown++; }
    envelopes.push(P.sealEnvelope(P.feedbackContents(campaign.campaignId, campaign.manifest, a), [campaign.manager.publicKey]));
  }
  const requests = [];
  for (let n = 0; n < mediation; n++) {
    const request = { what: `Request ${n}: something happened.`, who: n % 2 ? 'Someone' : '', outcome: '',
      urgency: ['low', 'normal', 'urgent'][n % 3], contact: '' };
    const contents = P.mediationContents(campaign.campaignId, campaign.manifest, '2026-03-0' + (1 + (n % 9)), request);
    requests.push(Buffer.from(contents).toString('utf8'));
    envelopes.push(P.sealEnvelope(contents, [campaign.mediator.publicKey]));
  }
  for (let n = 0; n < broken; n++) {
    envelopes.push(n % 2 ? P.unhex('504152 4c4559 01 01'.replace(/ /g, '')) : new TextEncoder().encode(`not an envelope ${n}`));
  }
  for (let i = envelopes.length - 1; i > 0; i--) {  // arrival order says nothing
    const j = int(i + 1);
    [envelopes[i], envelopes[j]] = [envelopes[j], envelopes[i]];
  }
  for (const t of tally) if (t.comments) t.comments.sort();
  const brokenFailures = {};
  if (broken) {
    brokenFailures['header-failure'] = Math.ceil(broken / 2);
    if (broken > 1) brokenFailures['version-unsupported'] = Math.floor(broken / 2);
  }
  const state = {
    aggregate: 1, campaign: campaign.campaignId, invalid_answers: invalid, questions: tally,
    responses: feedback, unknown_answers: unknown,
  };
  return {
    envelopes,
    manager: { state, mediation: [], failures: { ...brokenFailures, ...(mediation ? { 'not-for-this-key': mediation } : {}) } },
    mediator: {
      mediation: [...requests].sort(),
      failures: { ...brokenFailures, ...(feedback ? { 'not-for-this-key': feedback } : {}) },
    },
  };
}

// The page's input: (u32 little-endian length, envelope)*.
export function blobOf(envelopes) {
  const total = envelopes.reduce((n, e) => n + 4 + e.length, 0);
  const out = Buffer.alloc(total);
  let at = 0;
  for (const e of envelopes) {
    out.writeUInt32LE(e.length, at);
    out.set(e, at + 4);
    at += 4 + e.length;
  }
  return out;
}

// The CLI's input: one file per envelope, named as storage names them.
export function writeFolder(dir, envelopes) {
  fs.mkdirSync(dir, { recursive: true });
  envelopes.forEach((e, i) => fs.writeFileSync(path.join(dir, `${P.objectName(e).slice(0, 24)}-${i}.parley`), e));
}

// A campaign's folder in serve.py's store: one file per envelope under its storage name (the
// app lists only such names).
export function writeStore(dir, envelopes) {
  fs.mkdirSync(dir, { recursive: true });
  for (const e of envelopes) fs.writeFileSync(path.join(dir, P.objectName(e)), e);
}

// Sorts what a reader may see in any order, so results compare exactly.
export function sortComments(result) {
  for (const q of result.questions ?? []) if (q.comments) q.comments.sort();
  return result;
}
