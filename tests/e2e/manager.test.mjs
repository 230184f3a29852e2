// Managers and mediators, as people would, only by clicks, keys and the file picker: a mediator
// makes a key, a manager makes a key file and a campaign from a template, six people answer
// from separate browsers, and the results appear in the manager's browser only from k = 5 on.
// A mediation request reaches the mediator's inbox and never the manager's results.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { afterCloseClock } from './campaign.mjs';
import {
  clickItem, launchBrowser, openApp, pasteInto as pasteIntoField, pressKey, saveScreenshot, snapshot, startServer, typeText,
  waitForState,
} from './harness.mjs';
import { answerPulse, dropFiles, makeKeyFile as makeKey, unlockWithFile as unlockWith } from './people.mjs';

const PASS = 'maple harbor quiet lantern';
let server;
let chrome;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-manager-'));
  server = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pasteInto = (app, id, text) => pasteIntoField(app.page, server.url, id, text);
const makeKeyFile = async (app, name) => {
  const file = join(dir, name);
  await makeKey(app.page, file, PASS);
  return file;
};
const answer = (link, p) => answerPulse(chrome.browser, server.url, link, p);
const unlockWithFile = (app, link, keyFile) => unlockWith(app.page, server.url, link, keyFile, PASS);

async function openResults() {
  // Results of a direct campaign open after its close: the page's clock starts past it.
  const app = await openApp(chrome.browser, server.url, {}, '/', afterCloseClock);
  await clickItem(app.page, 'open_results');
  await waitForState(app.page, (s) => s.screen === 'unlock', 'the unlock screen');
  return app;
}

test('create a campaign in the browser, collect answers, see results only from k = 5', async () => {
  // The mediator makes a key and shares the public half.
  const mediator = await openApp(chrome.browser, server.url);
  await clickItem(mediator.page, 'create_mediator');
  const mediatorKey = await makeKeyFile(mediator, 'mediator.key');
  const mediatorPublic = (await snapshot(mediator.page)).keys.public_key;
  assert.match(mediatorPublic, /^parley-r1-/);
  saveScreenshot('manager-1-mediator-key.png', await mediator.page.screenshot());

  // The manager makes a key file and a campaign from the trust-pulse template.
  const manager = await openApp(chrome.browser, server.url);
  await clickItem(manager.page, 'create_campaign');
  await clickItem(manager.page, 'pass_input');
  await typeText(manager.page, 'short');
  await waitForState(manager.page, (s) => /Too easy/.test(s.keys.hint), 'a strength hint');
  await pressKey(manager.page, 'Escape');
  await clickItem(manager.page, 'back_button');
  await clickItem(manager.page, 'create_campaign');
  const managerKey = await makeKeyFile(manager, 'manager.key');
  await clickItem(manager.page, 'builder_button');
  await waitForState(manager.page, (s) => s.screen === 'builder', 'the builder');
  await clickItem(manager.page, 'tpl_team-trust-pulse');
  await clickItem(manager.page, 'mode_direct');  // this journey is direct mode; trustee.test.mjs has the other
  await pasteInto(manager, 'mediator_key', mediatorPublic);
  saveScreenshot('manager-2-builder.png', await manager.page.screenshot());
  await clickItem(manager.page, 'sign_button');
  // The short link replaces the long one once the stored manifest reads back.
  const shared = await waitForState(manager.page, (s) => s.screen === 'share' && !s.builder.publishing, 'the short link');
  const link = shared.builder.link;
  assert.ok(link.startsWith(`${server.url}/#m=/store/`), `${link} (${shared.builder.why_long})`);
  saveScreenshot('manager-3-share.png', await manager.page.screenshot());
  await manager.context.close();

  // Four people answer: nothing is shown yet.
  const people = [
    { safe: 5, outcomes: 4, clear: 3, choice: 0, comment: 'More focus time' },
    { safe: 4, outcomes: 4, clear: 2, choice: 1 },
    { safe: 4, outcomes: 5, clear: 3 },
    { safe: 2, outcomes: 3, clear: 4, choice: 1, comment: 'Clearer priorities' },
    { safe: 5, outcomes: 4, clear: 5, choice: 2 },
    { safe: 3, outcomes: 2, clear: 3 },
  ];
  for (const p of people.slice(0, 4)) await answer(link, p);

  let results = await openResults();
  let s = await unlockWithFile(results, link, managerKey);
  assert.equal(s.screen, 'results');
  assert.equal(s.session.responses, 4);
  assert.equal(s.session.visible, false);
  assert.equal(s.session.result, undefined);
  saveScreenshot('manager-4-hidden.png', await results.page.screenshot());
  await results.context.close();

  // Two more, and a mediation request.
  for (const p of people.slice(4)) await answer(link, p);
  const employee = await openApp(chrome.browser, server.url, {}, link.slice(link.indexOf('/#')));
  await waitForState(employee.page, (st) => st.screen === 'intro', 'the intro');
  await clickItem(employee.page, 'mediation_button');
  await clickItem(employee.page, 'what_text');
  await typeText(employee.page, 'Credit for my work is taken in demos.');
  await pressKey(employee.page, 'Escape');
  await clickItem(employee.page, 'review_button');
  await clickItem(employee.page, 'send_button');
  await waitForState(employee.page, (st) => st.outbox.some((o) => o.status === 'stored'), 'stored', 15000);
  await employee.context.close();

  results = await openResults();
  s = await unlockWithFile(results, link, managerKey);
  assert.equal(s.session.responses, 6);
  assert.equal(s.session.visible, true);
  assert.deepEqual(s.session.failures, { 'not-for-this-key': 1 });  // the mediation request
  assert.deepEqual(s.session.inbox, []);
  const q = s.session.result.questions;
  const counts = (i) => q[i].counts.map((c) => c.count);
  assert.deepEqual(counts(0), [0, 1, 1, 2, 2]);  // safe: 5,4,4,2,5,3
  assert.equal(q[0].mean, 3.83);
  assert.equal(q[0].median, 4);
  assert.deepEqual(counts(1), [0, 1, 1, 3, 1]);  // outcomes: 4,4,5,3,4,2
  // Only four chose an option: below k, so hidden, and not even how many answered.
  assert.equal(q[4].visible, false);
  assert.equal(q[4].answered, undefined);
  assert.equal(q[4].counts, undefined);
  saveScreenshot('manager-5-results.png', await results.page.screenshot());
  // Each chart has an accessible form in the page's mirror: a table of answers, people, shares.
  // (The first table is the overview of every question: results.test.mjs reads that one.)
  const table = results.page.locator('#mirror').getByRole('table', {
    name: 'I can raise a concern or disagree with my manager without fear of consequences.', exact: true });
  assert.deepEqual(await table.evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => [c.tagName, c.textContent]))), [
    [['TH', 'Answer'], ['TH', 'People'], ['TH', 'Share']],
    ...[['1', '0', '0%'], ['2', '1', '17%'], ['3', '1', '17%'], ['4', '2', '33%'], ['5', '2', '33%']]
      .map((row) => row.map((c) => ['TD', c])),
  ]);
  await results.page.waitForTimeout(1000);
  // A figure, not a pass/fail timing: CPU time per frame while the results are on screen.
  const timing = await snapshot(results.page);
  console.log(`# frame time with results on screen: ${timing.frame_ms.toFixed(2)} ms ` +
    `(UI ${timing.ui_ms.toFixed(2)} ms; the rest is WebGL, software-rendered in headless Chromium)`);

  // Envelopes dropped onto the page that storage already gave are counted once.
  const folder = join(server.data, readdirSync(server.data)[0]);
  await dropFiles(results.page, readdirSync(folder).map((n) => join(folder, n)));
  const dropped = await waitForState(results.page, (st) => st.session.failures.duplicate === 7 && !st.session.loading, 'the dropped files');
  assert.equal(dropped.session.responses, 6);
  await results.page.mouse.move(640, 400);
  await results.page.mouse.wheel(0, 700);
  await results.page.waitForTimeout(200);
  saveScreenshot('manager-6-results-scrolled.png', await results.page.screenshot());
  await results.context.close();

  // The mediator sees the request, and only it. Back on the welcome screen the key made in this
  // page is forgotten: the mediator opens the key file like anyone reading results later.
  await clickItem(mediator.page, 'done_button');
  await waitForState(mediator.page, (st) => st.screen === 'welcome' && st.keys_in_memory === false, 'the key forgotten');
  await clickItem(mediator.page, 'open_results');
  const inbox = await unlockWithFile(mediator, link, mediatorKey);
  assert.equal(inbox.screen, 'inbox');
  assert.equal(inbox.session.inbox.length, 1);
  assert.equal(inbox.session.failures['not-for-this-key'], 6);
  const row = mediator.page.locator('#mirror').getByRole('button', { name: /^Request of .*, urgency normal, New: Credit for my work/ });
  assert.equal(await row.count(), 1, 'the inbox row is a named button');
  await clickItem(mediator.page, 'request_0');
  await clickItem(mediator.page, 'status_1');
  await waitForState(mediator.page, (st) => st.session.inbox[0].status === 'in progress', 'the status');
  saveScreenshot('manager-7-inbox.png', await mediator.page.screenshot());
  await mediator.context.close();
  assert.match(mediatorKey, /mediator\.key$/);
});
