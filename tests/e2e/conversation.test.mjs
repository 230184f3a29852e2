// Mediation as a conversation, by clicks and keys in separate browsers: a person asks for
// mediation and saves the recovery phrase shown once; the mediator reads the request and sends a
// reply; the person, in a fresh browser with only the link and the phrase, reads the reply and
// answers; the mediator sees the answer inside the request's thread. The storage serves the
// person every reply bundle of the campaign, never one picked for their thread.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { campaignFixture, MED_PASS } from './campaign.mjs';
import { clickItem, openApp, pasteInto, pressKey, saveScreenshot, typeText, waitForState } from './harness.mjs';
import { unlockWithFile } from './people.mjs';

const env = campaignFixture();
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'parley-e2e-conversation-')); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const shownText = (page) => page.locator('#mirror').textContent();
const linkOf = () => `${env.server.url}/#c=${env.campaign.token}`;

async function openInbox() {
  const app = await openApp(env.chrome.browser, env.server.url);
  await clickItem(app.page, 'open_results');
  const s = await unlockWithFile(app.page, env.server.url, linkOf(), join(env.campaign.dir, 'med.key'), MED_PASS);
  assert.equal(s.screen, 'inbox');
  return { app, s };
}

test('a person and the mediator hold a conversation through the recovery phrase', async () => {
  const link = linkOf();
  // The person asks for mediation and saves the phrase.
  const asker = await openApp(env.chrome.browser, env.server.url, {}, link.slice(link.indexOf('/#')));
  await waitForState(asker.page, (s) => s.screen === 'intro', 'the intro');
  await clickItem(asker.page, 'mediation_button');
  await clickItem(asker.page, 'what_text');
  await typeText(asker.page, 'Credit for my work is taken in demos.');
  await pressKey(asker.page, 'Escape');
  await clickItem(asker.page, 'review_button');
  await clickItem(asker.page, 'send_button');
  await waitForState(asker.page, (s) => s.screen === 'sent' && s.conversation.has_phrase &&
    s.outbox.some((o) => o.status === 'stored'), 'the phrase and the stored request', 15000);
  const download = asker.page.waitForEvent('download');
  await clickItem(asker.page, 'save_phrase');
  const file = join(dir, 'phrase.txt');
  await (await download).saveAs(file);
  const phrase = readFileSync(file, 'utf8').split('\n')[2];
  assert.match(phrase, /^([a-z]+ ){11}[a-z]+$/);
  saveScreenshot('conversation-1-phrase.png', await asker.page.screenshot());
  await clickItem(asker.page, 'done_button');
  await waitForState(asker.page, (s) => !s.conversation.has_phrase, 'the phrase wiped');
  await asker.context.close();

  // The mediator replies.
  let { app, s } = await openInbox();
  assert.equal(s.session.inbox.length, 1);
  assert.equal(s.session.inbox[0].in_thread, true);
  await clickItem(app.page, 'request_0');
  await clickItem(app.page, 'reply_text');
  await typeText(app.page, 'Thank you for writing. Could we talk on Thursday?');
  await pressKey(app.page, 'Escape');
  await clickItem(app.page, 'back_button');
  await waitForState(app.page, (st) => st.session.replies_ready === 1, 'one reply ready');
  await clickItem(app.page, 'send_replies');
  await waitForState(app.page, (st) => st.session.replies_ready === 0 && !st.session.sending_replies &&
    /reply sent/.test(st.session.replies_note), 'the reply sent', 15000);
  await app.context.close();

  // The person, in a fresh browser: the link, the phrase, the reply; then an answer.
  const person = await openApp(env.chrome.browser, env.server.url);
  await clickItem(person.page, 'continue_mediation');
  await waitForState(person.page, (st) => st.screen === 'conversation_open', 'the phrase screen');
  await pasteInto(person.page, env.server.url, 'conversation_link', link);
  await clickItem(person.page, 'phrase_input');
  await typeText(person.page, phrase);
  await pressKey(person.page, 'Enter');
  const read = await waitForState(person.page, (st) => st.screen === 'conversation' && st.conversation.read, 'the replies', 15000);
  assert.equal(read.conversation.replies, 1);
  assert.match(await shownText(person.page), /Could we talk on Thursday\?/);
  await clickItem(person.page, 'follow_up_text');
  await typeText(person.page, 'Thursday at 10 works for me.');
  await pressKey(person.page, 'Escape');
  await clickItem(person.page, 'send_follow_up');
  await waitForState(person.page, (st) => st.conversation.sent_note !== '' && st.outbox.some((o) => o.status === 'stored'),
    'the follow-up stored', 15000);
  saveScreenshot('conversation-2-thread.png', await person.page.screenshot());
  // Every reply bundle was fetched, not one chosen for this thread (here there is one in all).
  assert.ok(person.requests.some((u) => /\/replies-\d{4}-\d\d-\d\d-0-0\.parley$/.test(u)));
  await person.context.close();

  // The mediator sees the answer inside the request's thread, not as a new request.
  ({ app, s } = await openInbox());
  assert.equal(s.session.inbox.length, 2);
  assert.equal(s.session.inbox.filter((i) => i.follow_up).length, 1);
  assert.equal(await app.page.locator('#mirror').getByRole('button', { name: /^Request of / }).count(), 1);
  await clickItem(app.page, 'request_' + s.session.inbox.findIndex((i) => !i.follow_up));
  assert.match(await shownText(app.page), /Thursday at 10 works for me\./);
  saveScreenshot('conversation-3-mediator.png', await app.page.screenshot());
  await app.context.close();
});
