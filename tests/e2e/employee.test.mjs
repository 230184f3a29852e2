// The employee's journey, done as a person would: only clicks, wheel and key presses on the
// canvas. A campaign made by the CLI is answered in the browser, the sealed envelope lands in
// serve.py's store, and the CLI opens it with the right key — and only with the right key.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { AFTER_CLOSE, MGR_PASS, campaignFixture, field } from './campaign.mjs';
import {
  assertShownInOrder, clickItem, openApp, pressKey, saveScreenshot, startServer, typeText, waitForState,
} from './harness.mjs';

const env = campaignFixture();

const ok = (args, passphrase) => env.campaign.ok(args, passphrase);
const storeFiles = (data) => env.campaign.storedFiles(data);

async function openCampaign(path = `/#c=${env.campaign.token}`, url = env.server.url) {
  const app = await openApp(env.chrome.browser, url, {}, path);
  await waitForState(app.page, (s) => s.screen === 'intro', 'the intro screen');
  return app;
}

async function waitStored(page, timeout = 15000) {
  return waitForState(page, (s) => s.outbox.some((o) => o.name === s.last_sent && o.status === 'stored'), 'the envelope stored', timeout);
}

test('an employee answers every question type, reviews and sends; the manager key opens exactly that', async () => {
  const { page, requests, context } = await openCampaign();
  const storeRequests = [];
  page.on('request', (r) => { if (r.url().includes('/store/')) storeRequests.push(r); });
  saveScreenshot('employee-1-intro.png', await page.screenshot());
  await clickItem(page, 'feedback_button');
  await waitForState(page, (s) => s.screen === 'feedback', 'the questionnaire');

  // A required question left out gets a friendly message, not a dead end.
  await clickItem(page, 'review_button');
  const missing = await waitForState(page, (s) => s.errors['0'] && s.errors['1'], 'required answers flagged');
  assert.match(missing.notice.text, /2 answers need attention/);

  await clickItem(page, 'q0_opt4');
  await clickItem(page, 'q1_opt9');
  await clickItem(page, 'q2_opt1');
  await clickItem(page, 'q3_opt0');
  await clickItem(page, 'q3_opt2');
  await clickItem(page, 'q4_text');
  await typeText(page, 'Quieter Fridays, please.');
  await pressKey(page, 'Escape');  // leaves the field and keeps the text
  await clickItem(page, 'q5_text');
  await typeText(page, 'Waiting on reviews from Marco');
  await pressKey(page, 'Escape');
  const answered = await waitForState(page, (s) => s.answered === 6, 'six answers');
  assert.deepEqual(answered.errors, {});
  saveScreenshot('employee-2-form.png', await page.screenshot());

  await clickItem(page, 'review_button');
  const review = await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
  assert.equal(review.review_lines, 6);
  await assertShownInOrder(page, [
    '4 — Agree', '9 out of 10', 'About right', 'Fewer meetings; More 1:1 time', 'Quieter Fridays, please.',
    'Waiting on reviews from Marco',
  ]);
  saveScreenshot('employee-3-review.png', await page.screenshot());

  await clickItem(page, 'send_button');
  await waitStored(page);
  saveScreenshot('employee-4-sent.png', await page.screenshot());

  const files = storeFiles(env.server.data);
  assert.equal(files.length, 1);
  const sub = env.campaign.open(files[0]);
  assert.deepEqual(sub.answers, {
    safe: 4, rec: 9, load: 1, help: [0, 2], idea: 'Quieter Fridays, please.', block: 'Waiting on reviews from Marco',
  });
  assert.equal(sub.kind, 'feedback');

  // Nothing identifying travels: same-origin requests only, no cookies, object names are hashes.
  const origin = new URL(env.server.url).origin;
  for (const u of requests) assert.equal(new URL(u).origin, origin, u);
  const puts = requests.filter((u) => u.includes('/store/'));
  assert.equal(puts.length, 1);
  assert.match(puts[0], new RegExp(`/store/${env.campaign.campaignId}/[0-9a-f]{32}\\.parley$`));
  assert.deepEqual(await context.cookies(), []);
  for (const r of storeRequests) {
    const headers = await r.allHeaders();
    for (const h of ['cookie', 'authorization', 'referer']) assert.ok(!(h in headers), `${h} sent to storage`);
    assert.deepEqual(Object.keys(headers).filter((h) => h.startsWith('x-')), []);
    assert.equal(headers['content-type'], 'application/octet-stream');
  }
  assert.equal(storeRequests.length, 1);
  await context.close();
});

test('a mediation request is sealed to the mediator only, typed with the keyboard', async () => {
  const { page, context } = await openCampaign();
  await clickItem(page, 'mediation_button');
  await waitForState(page, (s) => s.screen === 'mediation', 'the mediation form');
  await clickItem(page, 'what_text');
  await typeText(page, 'Credit for my work is taken in demos.');
  await pressKey(page, 'Tab');  // to "who is involved"
  await typeText(page, 'A peer');
  await pressKey(page, 'Escape');
  await clickItem(page, 'urgency_2');
  saveScreenshot('employee-5-mediation.png', await page.screenshot());
  await clickItem(page, 'review_button');
  await waitForState(page, (s) => s.screen === 'mediation_review', 'the request review');
  await assertShownInOrder(page, ['Credit for my work is taken in demos.', 'A peer', '(not given)', 'urgent']);
  await clickItem(page, 'send_button');
  await waitStored(page);

  const before = new Set(storeFiles(env.server.data));
  const name = (await waitForState(page, (s) => s.last_sent, 'receipt')).last_sent;
  const file = join(env.server.data, env.campaign.campaignId, name);
  assert.ok(before.has(file));
  const req = env.campaign.open(file, 'mediator');
  assert.equal(req.kind, 'mediation');
  assert.equal(req.request.what, 'Credit for my work is taken in demos.');
  assert.equal(req.request.who, 'A peer');
  assert.equal(req.request.urgency, 'urgent');
  const asManager = env.campaign.run(['open', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', AFTER_CLOSE, file], MGR_PASS);
  assert.equal(asManager.status, 3);
  assert.match(asManager.stderr + asManager.stdout, /not-for-this-key 1/);
  await context.close();
});

test('a tampered or foreign link gets a calm explanation', async () => {
  const [body, sig] = env.campaign.token.split('.');
  const tampered = `${body.slice(0, 20)}${body[20] === 'A' ? 'B' : 'A'}${body.slice(21)}.${sig}`;
  const app = await openApp(env.chrome.browser, env.server.url, {}, `/#c=${tampered}`);
  const s = await waitForState(app.page, (st) => st.screen === 'campaign_problem', 'the problem screen');
  assert.match(s.problem.detail, /Nothing was sent/);
  saveScreenshot('employee-6-tampered.png', await app.page.screenshot());
  await pressKey(app.page, 'Escape');
  await waitForState(app.page, (st) => st.screen === 'welcome', 'back to the welcome screen');
  await app.context.close();
});

test('storage refusing PUTs: the envelope waits, survives a reload, and is stored exactly once', async () => {
  const flaky = await startServer(['--fail-puts', '3']);
  try {
    // A campaign whose storage is the flaky server (which also serves the app).
    ok(['campaign', 'new', '--out', 'flaky.json', '--questions', 'questions.json', '--signer', 'mgr.key',
      '--feedback-to', field(ok(['pubkey', 'mgr.key'], MGR_PASS), 'recipient'),
      '--storage-url', `${flaky.url}/store/{id}`, '--opens', '2026-01-01', '--closes', '2099-12-31',
      '--title', 'Flaky storage'], MGR_PASS);
    ok(['campaign', 'sign', 'flaky.json', '--key', 'mgr.key', '--out', 'flaky.txt'], MGR_PASS);
    const flakyToken = readFileSync(join(env.campaign.dir, 'flaky.txt'), 'utf8').trim();
    const flakyId = JSON.parse(readFileSync(join(env.campaign.dir, 'flaky.json'), 'utf8')).id;

    const { page, context } = await openCampaign(`/#c=${flakyToken}`, flaky.url);
    await clickItem(page, 'feedback_button');
    await clickItem(page, 'q0_opt2');
    await clickItem(page, 'q1_opt7');
    await clickItem(page, 'review_button');
    await clickItem(page, 'send_button');
    const waiting = await waitForState(page, (s) => s.outbox.some((o) => o.status === 'waiting' && o.reason), 'a failed PUT');
    assert.match(waiting.outbox[0].reason, /HTTP 503/);
    saveScreenshot('employee-7-waiting.png', await page.screenshot());

    await page.reload();
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    const after = await waitForState(page, (s) => s.outbox.length === 1 && s.outbox[0].status === 'stored', 'delivery after reload', 20000);
    assert.ok(after.outbox[0].attempts >= 1);
    const folder = join(flaky.data, flakyId);
    const stored = readdirSync(folder).filter((n) => n.endsWith('.parley'));
    assert.equal(stored.length, 1);
    const sub = JSON.parse(ok(['open', '--key', 'mgr.key', '--campaign', 'flaky.txt', '--today', AFTER_CLOSE, join(folder, stored[0])],
      MGR_PASS).trim());
    assert.deepEqual(sub.answers, { safe: 2, rec: 7 });
    await context.close();
  } finally {
    await flaky.stop();
  }
});
