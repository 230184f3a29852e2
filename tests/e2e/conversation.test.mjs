// Mediation as a conversation, by clicks and keys in separate browsers: a person asks for
// mediation and saves the recovery phrase shown once; the mediator reads the request and sends a
// reply; the person, in a fresh browser with only the link and the phrase, reads the reply and
// answers; the mediator sees the answer inside the request's thread and replies again, which the
// person reads; another phrase finds nothing after fetching exactly the same objects, and a
// phrase with one word changed is caught by its checksum. The storage serves the
// person every reply bundle of the campaign, never one picked for their thread.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { entropyFromPhrase } from '../interop/parley-format.mjs';
import { campaignFixture, MED_PASS } from './campaign.mjs';
import { clickItem, openApp, pasteInto, pressKey, saveScreenshot, typeText, waitForState } from './harness.mjs';
import { askForMediation, unlockWithFile } from './people.mjs';

const env = campaignFixture();
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'parley-e2e-conversation-')); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const shownText = (page) => page.locator('#mirror').textContent();
const linkOf = () => `${env.server.url}/#c=${env.campaign.token}`;

// "Continue a mediation" in a fresh browser: the link and `phrase`. Returns the page (still open)
// and the storage requests it made, to compare what readers with and without replies fetch.
async function continueWith(phrase) {
  const app = await openApp(env.chrome.browser, env.server.url);
  await clickItem(app.page, 'continue_mediation');
  await waitForState(app.page, (st) => st.screen === 'conversation_open', 'the phrase screen');
  await pasteInto(app.page, env.server.url, 'conversation_link', linkOf());
  await clickItem(app.page, 'phrase_input');
  await typeText(app.page, phrase);
  await pressKey(app.page, 'Enter');
  return app;
}
const storeGets = (app) => app.requests.filter((u) => u.includes('/store/')).sort();

// The mediator's reply to the one request's thread, sent from the inbox list.
async function reply(text) {
  const { app } = await openInbox();
  const s = await waitForState(app.page, (st) => !st.session.loading, 'the inbox');
  await clickItem(app.page, 'request_' + s.session.inbox.findIndex((i) => !i.follow_up));
  await clickItem(app.page, 'reply_text');
  await typeText(app.page, text);
  await pressKey(app.page, 'Escape');
  await clickItem(app.page, 'back_to_inbox');
  await waitForState(app.page, (st) => st.session.replies_ready === 1, 'one reply ready');
  await clickItem(app.page, 'send_replies');
  await waitForState(app.page, (st) => st.session.replies_ready === 0 && !st.session.sending_replies &&
    /reply sent/.test(st.session.replies_note), 'the reply sent', 15000);
  return app;
}

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
  const asker = await askForMediation(env.chrome.browser, env.server.url, link, 'Credit for my work is taken in demos.');
  await waitForState(asker.page, (s) => s.screen === 'sent' && s.conversation.has_phrase, 'the phrase');
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
  await clickItem(app.page, 'back_to_inbox');
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

  // The mediator sees the answer inside the request's thread, not as a new request, with the
  // first reply beside it, and replies again.
  ({ app, s } = await openInbox());
  assert.equal(s.session.inbox.length, 2);
  assert.equal(s.session.inbox.filter((i) => i.follow_up).length, 1);
  assert.equal(await app.page.locator('#mirror').getByRole('button', { name: /^Request of / }).count(), 1);
  await clickItem(app.page, 'request_' + s.session.inbox.findIndex((i) => !i.follow_up));
  // (The mediator's own copy of the first reply lives in the browser that sent it, with the
  // notes: this is a fresh one. tests/unit/ui/conversation_test.cpp shows it coming back.)
  assert.match(await shownText(app.page), /Thursday at 10 works for me\./);
  saveScreenshot('conversation-3-mediator.png', await app.page.screenshot());
  await app.context.close();
  await (await reply('Thursday at 10 it is. I will send a meeting link.')).context.close();

  // The person reads both replies; someone with another valid phrase finds nothing, and fetched
  // exactly what the person fetched.
  const again = await continueWith(phrase);
  const both = await waitForState(again.page, (st) => st.conversation.read, 'the replies', 15000);
  assert.equal(both.conversation.replies, 2);
  assert.match(await shownText(again.page), /I will send a meeting link/);
  const stranger = await continueWith('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
  const none = await waitForState(stranger.page, (st) => st.conversation.read, 'no replies', 15000);
  assert.equal(none.conversation.replies, 0);
  assert.deepEqual(storeGets(stranger), storeGets(again), 'the same objects, reply or not');
  assert.ok(storeGets(again).length >= 3, storeGets(again).join('\n'));  // the listing and both bundles
  await again.context.close();
  await stranger.context.close();

  // One word changed: the checksum catches it, by name of the problem, and nothing is read.
  const words = phrase.split(' ');
  let typo;
  for (const candidate of ['abandon', 'ability', 'able', 'about', 'above', 'absent']) {
    const attempt = [candidate, ...words.slice(1)].join(' ');
    if (candidate === words[0]) continue;
    try { entropyFromPhrase(attempt); } catch { typo = attempt; break; }
  }
  assert.ok(typo, 'a one-word change the checksum catches');
  const typed = await continueWith(typo);
  await waitForState(typed.page, (st) => st.screen === 'conversation_open' && st.conversation.error !== '', 'the phrase refused');
  assert.match(await shownText(typed.page), /do not belong together/);
  await typed.context.close();
});
