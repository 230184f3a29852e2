// A trustee campaign from start to end, every step by clicks and keys in separate browsers:
// a works council makes a trustee key; a manager builds a campaign naming it (the builder's
// default); the trustee makes 8 personal links and publishes their number; 6 invitees answer
// (one twice: counted once, with the later answer), one answers through a forged link, one asks
// for mediation, and a plain link without a code is turned away. Before the close the manager
// sees only "waiting" and the trustee cannot release; after it (the page's clock moved past
// the close) the trustee releases, the manager sees the 6 answers and the mediator the request.
// No stored envelope opens with the manager's key. With k above the valid answers, the release
// is refused with a clear message and the manager still sees nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openEnvelope, ready, unwrapKeyFile } from '../interop/parley-format.mjs';
import { afterCloseClock } from './campaign.mjs';
import {
  clickItem, launchBrowser, openApp, pasteInto, pressKey, saveScreenshot, startServer, typeText, waitForState,
} from './harness.mjs';
import { answerPulse, askForMediation, makeKeyFile, unlockWithFile } from './people.mjs';

const PASS = 'maple harbor quiet lantern';
const FORGED_CODE = 'a'.repeat(26);  // well-formed, and none of the campaign's
let server;
let chrome;
let dir;
// Kept between the two tests: the keys made in the first are used again in the second.
const keys = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-trustee-'));
  server = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A key file of `role` made from the welcome screen; returns its public key(s) as shown.
async function newKey(role, file) {
  const app = await openApp(chrome.browser, server.url);
  await clickItem(app.page, `create_${role}`);
  const s = await makeKeyFile(app.page, join(dir, file), PASS);
  await app.context.close();
  return s.keys.public_key;
}

// The manager's builder: the trust pulse naming the trustee and the mediator, with `k`.
async function buildCampaign(title, k) {
  const app = await openApp(chrome.browser, server.url);
  const { page } = app;
  await clickItem(page, 'create_campaign');
  await makeKeyFile(page, join(dir, 'manager.key'), PASS);
  await clickItem(page, 'builder_button');
  await waitForState(page, (s) => s.screen === 'builder', 'the builder');
  await clickItem(page, 'tpl_team-trust-pulse');
  await clickItem(page, 'title_input');
  await pressKey(page, 'a', ['Control']);
  await typeText(page, title);
  await pressKey(page, 'Escape');
  // The trustee is the builder's default: its keys and name go in its two fields.
  await pasteInto(page, server.url, 'trustee_keys', keys.trustee);
  await clickItem(page, 'trustee_name');
  await typeText(page, 'Works council');
  await pressKey(page, 'Escape');
  await pasteInto(page, server.url, 'mediator_key', keys.mediator);
  await clickItem(page, 'k_input');
  await pressKey(page, 'a', ['Control']);
  await typeText(page, String(k));
  await pressKey(page, 'Escape');
  saveScreenshot(`trustee-builder-k${k}.png`, await page.screenshot());
  await clickItem(page, 'sign_button');
  const shared = await waitForState(page, (s) => s.screen === 'share' && !s.builder.publishing, 'the share link');
  await app.context.close();
  return shared.builder.link;
}

// The unlock screen with `file`, on a page whose clock is past the close when `afterClose`.
async function openWithKey(link, file, afterClose) {
  const app = await openApp(chrome.browser, server.url, {}, '/', afterClose ? afterCloseClock : null);
  await clickItem(app.page, 'open_results');
  await waitForState(app.page, (s) => s.screen === 'unlock', 'the unlock screen');
  const s = await unlockWithFile(app.page, server.url, link, join(dir, file), PASS);
  return { app, s };
}

// The trustee's desk: `count` invitations made and published; returns the personal links from
// the downloaded CSV.
async function makeInvitations(link, count) {
  const { app, s } = await openWithKey(link, 'trustee.key', false);
  const { page } = app;
  assert.equal(s.screen, 'trustee');
  assert.equal(s.desk.published, null);
  await clickItem(page, 'invite_count');
  await typeText(page, String(count));
  await pressKey(page, 'Enter');
  await waitForState(page, (st) => st.desk.published === count, 'the published count', 15000);
  const download = page.waitForEvent('download');
  await clickItem(page, 'download_csv');
  const csv = join(dir, `invitations-${count}.csv`);
  await (await download).saveAs(csv);
  // Before the close the desk says when the release can run, and offers no button for it.
  assert.match(await shownText(page), /you can release the results from the day after/);
  assert.equal(await page.locator('#mirror').getByRole('button', { name: 'Release the results' }).count(), 0);
  saveScreenshot(`trustee-desk-${count}.png`, await page.screenshot());
  await app.context.close();
  const rows = readFileSync(csv, 'utf8').trim().split('\r\n').slice(1);
  assert.equal(rows.length, count);
  return rows.map((r) => JSON.parse(`[${r}]`)[2]);
}

async function release(link) {
  const { app, s } = await openWithKey(link, 'trustee.key', true);
  assert.equal(s.screen, 'trustee');
  await clickItem(app.page, 'release_button');
  const done = await waitForState(app.page, (st) => st.desk.release.stage === 'finished', 'the release', 60000);
  saveScreenshot(`trustee-release-${done.desk.release.outcome}.png`, await app.page.screenshot());
  const shown = await shownText(app.page);
  await app.context.close();
  return { release: done.desk.release, shown };
}

// Everything the page shows, as its mirror (and a screen reader) has it.
const shownText = (page) => page.locator('#mirror').textContent();

const safeCounts = (result) => result.questions[0].counts.map((c) => c.count);

test('a trustee campaign: invitations, answers, waiting, release, results and the request', async () => {
  keys.trustee = await newKey('trustee', 'trustee.key');
  assert.match(keys.trustee, /^parley-r1-\S+ parley-s1-\S+$/);
  keys.mediator = await newKey('mediator', 'mediator.key');
  const link = await buildCampaign('Team trust pulse', 5);
  const links = await makeInvitations(link, 8);
  assert.equal(new Set(links).size, 8);
  for (const l of links) assert.ok(l.startsWith(link + '&i='), l);

  // A plain link cannot answer a trustee campaign: nothing sent without a code could be released.
  const plain = await openApp(chrome.browser, server.url, {}, link.slice(link.indexOf('/#')));
  const problem = await waitForState(plain.page, (s) => s.screen === 'campaign_problem', 'the problem screen');
  assert.match(problem.problem.title, /personal invitation link/);
  await plain.context.close();

  // The intro names the trustee and says when results appear.
  const intro = await openApp(chrome.browser, server.url, {}, links[0].slice(links[0].indexOf('/#')));
  await waitForState(intro.page, (s) => s.screen === 'intro', 'the intro');
  const sentences = await shownText(intro.page);
  assert.match(sentences, /only after \d{4}-\d\d-\d\d, when Works council releases them/);
  assert.match(sentences, /Works council \(key [0-9a-f-]+\) is this campaign's neutral trustee/);
  assert.doesNotMatch(sentences, /can read each answer on its own/);
  await intro.context.close();

  // Six invitees answer; the first answers again and changes "safe" from 1 to 5.
  const people = [
    { safe: 1, outcomes: 4, clear: 3, choice: 0 },
    { safe: 4, outcomes: 4, clear: 2, choice: 1 },
    { safe: 4, outcomes: 5, clear: 3 },
    { safe: 2, outcomes: 3, clear: 4, choice: 1 },
    { safe: 5, outcomes: 4, clear: 5, choice: 2 },
    { safe: 3, outcomes: 2, clear: 3 },
  ];
  for (let i = 0; i < people.length; i++) await answerPulse(chrome.browser, server.url, links[i], people[i]);
  await answerPulse(chrome.browser, server.url, links[0], { ...people[0], safe: 5 });
  // A forged code travels like a real one; only the trustee can tell, at release.
  await answerPulse(chrome.browser, server.url, links[6].replace(/&i=.*$/, `&i=${FORGED_CODE}`), people[1]);
  await (await askForMediation(chrome.browser, server.url, links[7], 'Credit for my work is taken in demos.')).context.close();

  // Before the close the manager sees only that results wait for the trustee.
  let { app, s } = await openWithKey(link, 'manager.key', false);
  assert.equal(s.screen, 'results');
  assert.match(s.session.waiting, /^Waiting for Works council to release the results after \d{4}-\d\d-\d\d\.$/);
  assert.equal(s.session.result, undefined);
  saveScreenshot('trustee-manager-waiting.png', await app.page.screenshot());
  await app.context.close();

  // No stored envelope opens with the manager's key: they are sealed to the trustee.
  await ready();
  const manager = unwrapKeyFile(readFileSync(join(dir, 'manager.key')), PASS);
  const folder = join(server.data, readdirSync(server.data)[0]);
  const stored = readdirSync(folder).filter((n) => /^[0-9a-f]{32}\.parley$/.test(n));
  assert.equal(stored.length, 9);  // 6 answers, 1 changed answer, 1 forged, 1 request
  for (const name of stored) {
    assert.throws(() => openEnvelope(new Uint8Array(readFileSync(join(folder, name))), manager.recipient),
      (e) => e.code === 'not-for-this-key', name);
  }

  // After the close the trustee releases: one answer per code, the forged one refused.
  const { release: r, shown } = await release(link);
  assert.equal(r.outcome, 'released', r.error);
  assert.equal(r.feedback, 6);
  assert.equal(r.mediation, 1);
  assert.equal(r.invitations, 8);
  assert.deepEqual(r.refused, { replaced: 1, 'unknown-invitation': 1 });
  assert.match(shown, /1 with a code that is none of the invitations/);

  // The manager reads the six answers from the release, with the later answer counted.
  ({ app, s } = await openWithKey(link, 'manager.key', true));
  assert.equal(s.session.responses, 6);
  assert.equal(s.session.visible, true);
  assert.deepEqual(safeCounts(s.session.result), [0, 1, 1, 2, 2]);  // safe: 5,4,4,2,5,3
  assert.equal(s.session.release.invitations, 8);
  saveScreenshot('trustee-manager-results.png', await app.page.screenshot());
  await app.context.close();

  // The mediator reads the request, released to mediators only.
  ({ app, s } = await openWithKey(link, 'mediator.key', true));
  assert.equal(s.screen, 'inbox');
  assert.equal(s.session.inbox.length, 1);
  const row = app.page.locator('#mirror').getByRole('button', { name: /Credit for my work is taken in demos/ });
  assert.equal(await row.count(), 1);
  await app.context.close();

  // A second release is refused: the first stands.
  const again = await release(link);
  assert.equal(again.release.outcome, 'already-released');
});

test('with k above the valid answers nothing is released and the manager sees nothing', async () => {
  assert.ok(keys.trustee, 'the first test made the keys');
  const link = await buildCampaign('Small team pulse', 4);
  const links = await makeInvitations(link, 3);
  for (const l of links) await answerPulse(chrome.browser, server.url, l, { safe: 4, outcomes: 4, clear: 4 });
  const { release: r, shown } = await release(link);
  assert.equal(r.outcome, 'below-threshold');
  assert.equal(r.feedback, 3);
  assert.ok(shown.includes('3 valid answers, fewer than the 4 this campaign needs: nothing was released.'), shown);
  const { app, s } = await openWithKey(link, 'manager.key', true);
  assert.match(s.session.waiting, /^Waiting for Works council/);
  assert.equal(s.session.result, undefined);
  await app.context.close();
});
