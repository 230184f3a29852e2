// Who an employee is told will read a mediation request: the mediator's name as the campaign
// signed it, beside the ID of the key the request is sealed to, on the intro and on the request
// form; and that key, the mediator's, is the one that opens what the page sent (the manager's
// does not). A campaign signed without a name shows the key ID alone, never a name of its own.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { AFTER_CLOSE, MGR_PASS, cliCampaign } from './campaign.mjs';
import { clickItem, launchBrowser, openApp, shownParagraphs, startServer, waitForState } from './harness.mjs';
import { askForMediation } from './people.mjs';

const NAME = 'Ana Costa (HR)';
let server;
let chrome;
let named;
let unnamed;

before(async () => {
  server = await startServer();
  chrome = await launchBrowser();
  named = cliCampaign(server.url, { mediatorName: NAME });
  unnamed = cliCampaign(server.url);
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  named?.remove();
  unnamed?.remove();
});

test('the mediator named to an employee is the signed name and the key that opens the request', async () => {
  assert.match(named.mediatorId, /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
  const mediator = `${NAME} · key ${named.mediatorId}`;
  const app = await openApp(chrome.browser, server.url, {}, `/#c=${named.token}`);
  try {
    await waitForState(app.page, (s) => s.screen === 'intro', 'the intro');
    const intro = await shownParagraphs(app.page);
    assert.ok(intro.includes(`Mediation requests go only to the named mediator (${mediator}). Your manager's key cannot open them.`),
      intro.join('\n'));
    await clickItem(app.page, 'mediation_button');
    await waitForState(app.page, (s) => s.screen === 'mediation', 'the mediation form');
    const form = await shownParagraphs(app.page);
    assert.ok(form.some((t) => t.includes(`Your request is sealed to the mediator only (${mediator}); your manager cannot open it.`)),
      form.join('\n'));
  } finally {
    await app.context.close();
  }

  // What the page seals opens with that mediator's key, and not with the manager's.
  const sent = await askForMediation(chrome.browser, server.url, `${server.url}/#c=${named.token}`, 'Meetings end in shouting.');
  try {
    const name = (await waitForState(sent.page, (s) => s.last_sent, 'the receipt')).last_sent;
    const file = join(server.data, named.campaignId, name);
    const request = named.open(file, 'mediator');
    assert.equal(request.kind, 'mediation');
    assert.equal(request.request.what, 'Meetings end in shouting.');
    const asManager = named.run(['open', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', AFTER_CLOSE, file], MGR_PASS);
    assert.equal(asManager.status, 3);
  } finally {
    await sent.context.close();
  }
});

test('a mediator signed without a name is shown by key ID alone', async () => {
  const app = await openApp(chrome.browser, server.url, {}, `/#c=${unnamed.token}`);
  try {
    await waitForState(app.page, (s) => s.screen === 'intro', 'the intro');
    const intro = await shownParagraphs(app.page);
    assert.ok(intro.includes(`Mediation requests go only to the named mediator (key ${unnamed.mediatorId}). Your manager's key cannot open them.`),
      intro.join('\n'));
    assert.ok(!intro.some((t) => t.includes('Mediator ·')), 'the key file\'s own label is not the campaign\'s word');
  } finally {
    await app.context.close();
  }
});
