// A campaign made with the native CLI for the browser tests: a manager and a mediator key, one
// question of every type, storage on the test's serve.py. Tests answer it in the browser and
// open what was stored with the CLI, with the right key only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { after, before } from 'node:test';

import { ROOT, launchBrowser, startServer } from './harness.mjs';

export const CLI = join(ROOT, 'build', 'native', 'src', 'parley');
export const MGR_PASS = 'correct horse battery staple';
// A day after every test campaign's close (they close on 2099-12-31): results of a direct
// campaign open only then, for the CLI (--today) and in the browser (the page's clock).
export const AFTER_CLOSE = '2100-01-01';
export const afterCloseClock = (page) => page.clock.setFixedTime(new Date(`${AFTER_CLOSE}T12:00:00Z`));
export const MED_PASS = 'a mediator passphrase';

export const QUESTIONS = [
  { id: 'safe', type: 'likert', text: 'I can raise a problem in this team without fear.', required: true },
  { id: 'rec', type: 'enps', text: 'How likely are you to recommend this team to a friend?', required: true },
  { id: 'load', type: 'single', text: 'My workload is…', required: false, options: ['Light', 'About right', 'Too heavy'] },
  { id: 'help', type: 'multi', text: 'What would help most?', required: false, options: ['Fewer meetings', 'Clearer goals', 'More 1:1 time'] },
  { id: 'idea', type: 'text', text: 'One thing your manager could do differently', required: false },
  { id: 'block', type: 'blockers', text: 'What is standing in your way?', required: false },
];

// A `name: value` line of the CLI's output.
export const field = (out, name) => out.split('\n').find((l) => l.startsWith(`${name}:`)).split(':')[1].trim();

// Makes the keys and a signed campaign storing at `${storeUrl}/store/{id}`; `questions` and
// `title` replace the trust pulse's; `mediatorName` is signed in with the mediator's key.
export function cliCampaign(storeUrl, { questions = QUESTIONS, title = 'Team trust pulse', mediatorName = '' } = {}) {
  assert.ok(existsSync(CLI), 'build the native CLI first (tools/build native)');
  const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-campaign-'));
  const run = (args, passphrase) =>
    spawnSync(CLI, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PARLEY_PASSPHRASE: passphrase ?? '' } });
  const ok = (args, passphrase) => {
    const r = run(args, passphrase);
    assert.equal(r.status, 0, `parley ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const mgr = ok(['keygen', '--role', 'manager', '--label', 'Team lead', '--out', 'mgr.key'], MGR_PASS);
  const med = ok(['keygen', '--role', 'mediator', '--label', 'Mediator', '--out', 'med.key'], MED_PASS);
  writeFileSync(join(dir, 'questions.json'), JSON.stringify(questions));
  ok(['campaign', 'new', '--out', 'draft.json', '--questions', 'questions.json', '--signer', 'mgr.key',
    '--feedback-to', field(mgr, 'recipient'),
    '--mediation-to', field(med, 'recipient') + (mediatorName ? `=${mediatorName}` : ''),
    '--storage-url', `${storeUrl}/store/{id}`, '--opens', '2026-01-01', '--closes', '2099-12-31',
    '--title', title, '--intro', 'Five minutes. Honest answers help the whole team.'], MGR_PASS);
  ok(['campaign', 'sign', 'draft.json', '--key', 'mgr.key', '--out', 'token.txt'], MGR_PASS);
  const token = readFileSync(join(dir, 'token.txt'), 'utf8').trim();
  const campaignId = JSON.parse(readFileSync(join(dir, 'draft.json'), 'utf8')).id;
  return {
    dir, token, campaignId, run, ok,
    mediatorId: field(med, 'recipient-id'),  // the mediator key's ID, as the app shows it
    // The sealed envelopes serve.py stored for this campaign.
    storedFiles(data) {
      const folder = join(data, campaignId);
      return existsSync(folder) ? readdirSync(folder).filter((n) => /^[0-9a-f]{32}\.parley$/.test(n)).map((n) => join(folder, n)) : [];
    },
    // Opens a stored envelope with the manager's (or the mediator's) key, as the CLI does.
    open(file, role = 'manager') {
      const [key, pass] = role === 'manager' ? ['mgr.key', MGR_PASS] : ['med.key', MED_PASS];
      return JSON.parse(ok(['open', '--key', key, '--campaign', 'token.txt', '--today', AFTER_CLOSE, file], pass).trim());
    },
    remove() { rmSync(dir, { recursive: true, force: true }); },
  };
}

// For a test file: serve.py, a CLI campaign stored there and Chromium, for all its tests.
// The returned object is filled in before the first test runs.
export function campaignFixture() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.campaign = cliCampaign(env.server.url);
    env.chrome = await launchBrowser();
  });
  after(async () => {
    await env.chrome?.close();
    await env.server?.stop();
    env.campaign?.remove();
  });
  return env;
}
