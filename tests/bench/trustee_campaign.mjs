// A trustee campaign's envelopes in bulk, all made by the native CLI, for the trustee release
// benchmarks (app_results.mjs, results.mjs): key files for a manager, a mediator and a trustee
// ("Works council"), a campaign naming the trustee, open from yesterday to tomorrow (UTC), the
// trustee's invitations and signed statement (`parley invite`), and `count` answers sealed to
// the trustee by `parley seal --invite CODE --count M`.
//
// One `parley seal` per code: sealing 100,000 envelopes under 100,000 codes would start the CLI
// 100,000 times. So `codes` codes (default 200) share the answers evenly: the release opens
// every outer envelope and checks every code as it would with one answer per code, then keeps one
// answer per code (the other answers of a code count as "replaced"), so it releases `codes`
// answers. The statement still says `count` invitations, which the release checks every code
// against.
import fs from 'node:fs';
import path from 'node:path';

import { cli, QUESTIONS } from './envelopes.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// The days around the campaign: it closes tomorrow, so it can be released from the day after.
export const CLOSES = day(1);
export const AFTER_CLOSE = day(3);
// A page's clock past the close, as the trustee's on the day of the release (timers keep running).
export const afterCloseClock = (page) => page.clock.setFixedTime(new Date(`${AFTER_CLOSE}T12:00:00Z`));

const ANSWERS = { safe: 4, rec: 9, load: 1, from: [0, 2], change: 'Fewer meetings.' };

// Makes everything in `dir` (passphrase file `pass`: the caller's PASSPHRASE); the envelopes go
// into `dir`/sealed. `storageUrl` is the campaign's storage ({id}: its id), `app` the app's address
// in the campaign link. Returns { id, link (with the app's address), folder, statement, codes }.
export function makeTrusteeCampaign(dir, { storageUrl, app, count, codes = 200 }) {
  fs.mkdirSync(dir, { recursive: true });
  const used = Math.max(1, Math.min(codes, count));
  const keygen = (role, out) => cli(dir, ['keygen', '--role', role, '--out', out, '--passphrase-file', 'pass']).stdout;
  const recipient = (printed) => printed.split('\n').find((l) => l.startsWith('recipient: ')).slice('recipient: '.length);
  const manager = recipient(keygen('manager', 'mgr.key'));
  const mediator = recipient(keygen('mediator', 'med.key'));
  keygen('trustee', 'tr.key');
  fs.writeFileSync(path.join(dir, 'questions.json'), JSON.stringify(QUESTIONS));
  fs.writeFileSync(path.join(dir, 'answers.json'), JSON.stringify(ANSWERS));
  cli(dir, ['campaign', 'new', '--out', 'draft.json', '--questions', 'questions.json', '--signer', 'mgr.key',
    '--feedback-to', manager, '--mediation-to', mediator, '--trustee', 'tr.key', '--trustee-label', 'Works council',
    '--storage-url', storageUrl, '--opens', day(-1), '--closes', CLOSES, '--title', 'Release bench', '--k', '5']);
  cli(dir, ['campaign', 'sign', 'draft.json', '--key', 'mgr.key', '--out', 'token.txt', '--passphrase-file', 'pass']);
  const link = cli(dir, ['campaign', 'link', 'token.txt', '--app', `${app}/`]).stdout.trim();
  fs.writeFileSync(path.join(dir, 'link.txt'), link);
  const id = JSON.parse(cli(dir, ['campaign', 'verify', 'token.txt', '--json']).stdout).id;

  cli(dir, ['invite', '--key', 'tr.key', '--campaign', 'link.txt', '--count', String(Math.min(count, 100000)),
    '--out', 'inv', '--passphrase-file', 'pass']);
  // index,code,link rows after the header; the codes of the first `used` invitations.
  const rows = fs.readFileSync(path.join(dir, 'inv', 'invitations.csv'), 'utf8').trim().split(/\r?\n/).slice(1, used + 1);
  const inviteCodes = rows.map((r) => JSON.parse(`[${r}]`)[1]);

  const folder = path.join(dir, 'sealed');
  fs.mkdirSync(folder);
  inviteCodes.forEach((code, i) => {
    const n = Math.floor(count / used) + (i < count % used ? 1 : 0);
    cli(dir, ['seal', '--campaign', 'link.txt', '--invite', code, '--answers', 'answers.json', '--out', folder, '--count', String(n)]);
  });
  const sealed = fs.readdirSync(folder).length;
  if (sealed !== count) throw new Error(`parley seal made ${sealed} envelopes, not ${count}`);
  return { id, link, folder, statement: path.join(dir, 'inv', 'invitations.parley'), codes: used };
}

// Puts the sealed envelopes and the statement where a storage serves a campaign's objects from
// (`into`: the campaign's folder), owned like `into`'s parent (nginx's workers run as nobody).
export function stock(campaign, into) {
  fs.mkdirSync(into, { recursive: true });
  for (const f of fs.readdirSync(campaign.folder)) fs.copyFileSync(path.join(campaign.folder, f), path.join(into, f));
  fs.copyFileSync(campaign.statement, path.join(into, 'invitations.parley'));
  const { uid, gid } = fs.statSync(path.dirname(into));
  if (process.getuid?.() === 0) {
    fs.chownSync(into, uid, gid);
    for (const f of fs.readdirSync(into)) fs.chownSync(path.join(into, f), uid, gid);
  }
}

// `parley release` on every core (wall time) with --out, --invitations and --today: of the sealed
// folder, as the trustee would on a copy of the storage (nothing asked of a storage), or with
// `fromStorage` of the campaign's storage, listed and downloaded as the app does (written to a
// file, not stored). With `oneCore` (and taskset) pinned to one core; with `empty` of an empty
// folder (refused, exit 4, after the same start-up, Argon2id key-file unwrap and invitation
// codes: what the app did before its release button was pressed).
export function timeCliRelease(dir, campaign, { count, oneCore = false, empty = false, fromStorage = false } = {}) {
  const out = path.join(dir, 'release-cli.parley');
  const source = fromStorage ? [] : [empty ? path.join(dir, 'empty') : campaign.folder];
  fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
  fs.rmSync(out, { force: true });
  const args = ['release', '--key', 'tr.key', '--campaign', 'link.txt', ...source, '--today', AFTER_CLOSE,
    '--invitations', String(Math.min(count, 100000)), '--out', out, '--passphrase-file', 'pass'];
  const t0 = process.hrtime.bigint();
  const r = cli(dir, args, { pin: oneCore, accept: empty ? [4] : [] });
  return { s: Number(process.hrtime.bigint() - t0) / 1e9, printed: r.stdout.trim() };
}
