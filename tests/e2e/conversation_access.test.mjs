// The person's side of a mediation conversation ("Continue a mediation"), for people who do not
// use a desktop mouse. Requests that start a conversation are sealed and stored with the CLI
// (from recovery phrases made with the CLI), and the mediator's replies are stored with the CLI
// too. The person then, in the real app: types the campaign link and the 12 words, reads the
// reply, looks for new ones, writes an answer and sends it, and sends a last answer that closes
// the conversation; (a) with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape), the focus
// on a marked element of the mirror after every key and never fallen to <body>; (b) on a phone
// (390x844 at 3x, touch), nothing wider than the screen and every tap target 44 CSS px tall;
// (c) through Chromium's accessibility tree: every control named, the screens headed, errors and
// outcomes in live regions, and a conversation the mediator closed says so. What the screens
// promise is checked with the CLI: "Your own messages are sealed for the mediator" (they open
// with the mediator's key, not the manager's) and "Your browser downloads every reply of the
// campaign" (every reply bundle stored, whoever it is for).
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { AFTER_CLOSE, MED_PASS, MGR_PASS, cliCampaign, field } from './campaign.mjs';
import {
  clickItem, fieldValue, launchBrowser, openApp, pasteInto, snapshot, startServer, typeText, waitForField, waitForState,
} from './harness.mjs';
import { axTree, button, focusKept, focusNow, headings, heard, key, keyTo, listen, mirror, screenTitled } from './keyboard.mjs';
import { PHONE, finger, overflow, smallTargets, swipeTo, tap } from './phone.mjs';

const DESKTOP = { width: 1280, height: 800 };
const TITLE = 'Team trust pulse';
const TODAY = new Date().toISOString().slice(0, 10);  // the day the CLI's replies are sent (UTC, as the app's)
const ANSWER = 'Your answer';
const CLOSE_BOX = 'This resolves it: close the conversation';
const SENT = 'Your message is sealed and on its way to the mediator.';
const SENT_CLOSING = 'Your message is on its way, and the conversation will be closed.';
const CLOSED = 'The mediator closed this conversation. To raise something new, ask for mediation again.';

let server, chrome, campaign;
let made = 0;

before(async () => {
  server = await startServer();
  chrome = await launchBrowser();
  campaign = cliCampaign(server.url, { title: TITLE, mediatorName: 'Dana' });
  campaign.link = `${server.url}/#c=${campaign.token}`;
});
after(async () => {
  await chrome?.close();
  await server?.stop();
  campaign?.remove();
});

// The mediator's reply to `thread`, stored with the CLI as one bundle (as the inbox sends it).
function reply(thread, text, close = false) {
  const file = `reply${++made}.json`;
  writeFileSync(join(campaign.dir, file), JSON.stringify([{ thread, text, close }]));
  campaign.ok(['reply', '--key', 'med.key', '--campaign', 'token.txt', '--replies', file, '--today', TODAY, '--put'], MED_PASS);
}
// A person's request that starts a conversation, stored with the CLI, and the mediator's reply.
function conversation(what, replyText, close = false) {
  const phrase = campaign.ok(['phrase', 'new']);
  const thread = field(phrase, 'thread');
  const file = `request${++made}.json`;
  writeFileSync(join(campaign.dir, file), JSON.stringify({ what, who: '', outcome: '', urgency: 'normal', contact: '' }));
  campaign.ok(['seal', '--campaign', 'token.txt', '--mediation', file, '--thread', thread, '--put']);
  reply(thread, replyText, close);
  return { phrase: field(phrase, 'phrase'), thread };
}
// The person's messages in `thread`, as the mediator's key opens them: [text, closes] sorted.
const followUps = (thread) => campaign.ok(['open', '--key', 'med.key', '--campaign', 'token.txt'], MED_PASS)
  .trim().split('\n').map((l) => JSON.parse(l)).filter((s) => s.thread === thread && s.message)
  .map((s) => [s.message.text, s.message.close]).sort();
const fromDana = () => `Mediator (Dana · key ${campaign.mediatorId}), ${TODAY}`;
const allStored = (n) => (s) => s.outbox.length === n && s.outbox.every((o) => o.status === 'stored');

const item = (page, id) => page.locator(`#mirror [data-id="${id}"]`);

test('keyboard only: link and phrase, the reply read, new replies looked for, an answer sent, a closing answer sent, Escape out', async (t) => {
  const { phrase, thread } = conversation('Credit for my work is taken in demos.', 'Thank you for writing. Could we talk on Thursday?');
  const { context, page, problems } = await openApp(chrome.browser, server.url, { viewport: DESKTOP });
  try {
    await t.test('"Continue a mediation" with Enter, the link pasted, the 12 words typed, Enter: the reply', async () => {
      await keyTo(page, button(page, 'Continue a mediation'));
      await key(page, 'Enter', 'on "Continue a mediation"');
      await screenTitled(page, 'Continue a mediation');
      const link = mirror(page).getByRole('textbox', { name: 'Campaign link', exact: true });
      assert.deepEqual(await keyTo(page, link), ['conversation_link'], 'the link field is the first stop after the title');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await page.evaluate((l) => navigator.clipboard.writeText(l), campaign.link);
      await key(page, 'Control+v', 'in the link field');
      await waitForField(page, 'conversation_link', campaign.link);
      assert.equal(await key(page, 'Tab', 'from the link'), 'phrase_input', 'Tab goes from the link to the phrase');
      await page.keyboard.type(phrase);
      await key(page, 'Enter', 'in the phrase field');
      await screenTitled(page, TITLE);
      const s = await waitForState(page, (st) => st.screen === 'conversation' && st.conversation.read, 'the replies', 15000);
      assert.equal(s.conversation.replies, 1);
      assert.equal(await item(page, 'reply_0').getAttribute('aria-label'), fromDana());
      assert.match(await item(page, 'reply_0').textContent(), /Could we talk on Thursday\?/);
      await focusKept(page, 'once the replies were read');
    });
    await t.test('"Look for new replies" with Enter: the second reply, the focus kept on the button', async () => {
      reply(thread, 'Or Friday morning, if that suits you better.');
      await keyTo(page, button(page, 'Look for new replies'));
      await key(page, 'Enter', 'on "Look for new replies"');
      await waitForState(page, (st) => st.conversation.read && !st.conversation.loading && st.conversation.replies === 2, 'two replies', 15000);
      assert.match(await item(page, 'reply_1').textContent(), /Or Friday morning/);
      assert.equal(await focusKept(page, 'after the replies came'), 'refresh_conversation');
    });
    await t.test('"Your answer" typed, Tab to "Send", Enter: sent, the field emptied, the focus on "Send"', async () => {
      await keyTo(page, mirror(page).getByRole('textbox', { name: ANSWER, exact: true }));
      await page.keyboard.type('Thursday at 10 works for me.');
      assert.deepEqual(await keyTo(page, button(page, 'Send')), ['close_thread', 'send_follow_up'], 'Tab: the close box, then Send');
      assert.equal(await key(page, 'Enter', 'on "Send"'), 'send_follow_up');
      await waitForState(page, (st) => st.conversation.sent_note === SENT && allStored(1)(st), 'the answer stored', 15000);
      assert.equal(await fieldValue(page, 'follow_up_text'), '', 'the sent answer left the field');
      assert.equal(await focusKept(page, 'after sending'), 'send_follow_up');
    });
    await t.test('Shift+Tab back, a last answer, Space on the close box, Enter on "Send": sent as closing', async () => {
      await keyTo(page, mirror(page).getByRole('textbox', { name: ANSWER, exact: true }), { back: true });
      await page.keyboard.type('Thank you, this is resolved.');
      const box = mirror(page).getByRole('checkbox', { name: CLOSE_BOX, exact: true });
      await keyTo(page, box);
      await key(page, 'Space', 'on the close box');
      await page.waitForFunction((el) => el.checked, await box.elementHandle());
      await keyTo(page, button(page, 'Send'));
      assert.equal(await key(page, 'Enter', 'on "Send"'), 'send_follow_up');
      await waitForState(page, (st) => st.conversation.sent_note === SENT_CLOSING && allStored(2)(st), 'the closing answer stored', 15000);
      assert.equal(await box.isChecked(), false, 'the close box is cleared for the next message');
    });
    await t.test('Escape in "Your answer" leaves the field, keeping the draft, the focus still in the mirror', async () => {
      const draft = mirror(page).getByRole('textbox', { name: ANSWER, exact: true });
      await keyTo(page, draft, { back: true });
      await page.keyboard.type('A draft');
      await page.keyboard.press('Escape');
      assert.equal(await draft.inputValue(), 'A draft', 'what was typed is kept');
      await focusKept(page, 'after Escape in "Your answer"');
      // Just before the field in reading order: its heading, so a second Escape goes back.
      assert.equal((await focusNow(page))[0], 'write_heading');
    });
    await t.test('Escape: back to the phrase screen, Escape: the welcome screen, the focus on their titles', async () => {
      await key(page, 'Escape', 'on the conversation');
      await screenTitled(page, 'Continue a mediation');
      await key(page, 'Escape', 'on the phrase screen');
      await screenTitled(page, 'Parley');
      await waitForState(page, (st) => st.screen === 'welcome', 'the welcome screen');
    });
    assert.deepEqual(followUps(thread), [['Thank you, this is resolved.', true], ['Thursday at 10 works for me.', false]]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a phone: link and phrase typed, the reply read, a closing answer tapped and sent; nothing wider than the screen, 44 px targets', async () => {
  const { phrase, thread } = conversation('Meetings run over into lunch every day.', 'Thank you. Shall we meet on Monday?');
  const { context, page, problems } = await openApp(chrome.browser, server.url, PHONE);
  const cdp = await context.newCDPSession(page);
  const hand = finger(page, cdp);
  const fits = async (what, atLeast) => {
    assert.deepEqual((await overflow(page, PHONE.viewport.width)).cut, [], `${what} on a phone`);
    assert.deepEqual(await smallTargets(page, 44, { atLeast }), [], `tap targets shorter than 44 px (${what})`);
  };
  try {
    await tap(page, hand, 'continue_mediation');
    await waitForState(page, (s) => s.screen === 'conversation_open', 'the phrase screen');
    await fits('the phrase screen', 5);
    await tap(page, hand, 'conversation_link');
    await page.keyboard.insertText(campaign.link);  // as a phone's paste puts it in
    await tap(page, hand, 'phrase_input');
    await page.keyboard.type(phrase);
    await waitForField(page, 'conversation_link', campaign.link);
    await tap(page, hand, 'open_conversation');
    const s = await waitForState(page, (st) => st.screen === 'conversation' && st.conversation.read, 'the replies', 15000);
    assert.equal(s.conversation.replies, 1);
    await swipeTo(page, hand, 'reply_0');
    assert.match(await item(page, 'reply_0').textContent(), /Shall we meet on Monday\?/);
    await fits('the conversation', 5);
    await tap(page, hand, 'follow_up_text');
    await page.keyboard.type('Monday is fine. This is resolved, thank you.');
    await tap(page, hand, 'close_thread');
    await page.waitForFunction(() => document.querySelector('#mirror [data-id="close_thread"]')?.checked);
    await tap(page, hand, 'send_follow_up');
    await waitForState(page, (st) => st.conversation.sent_note === SENT_CLOSING && allStored(1)(st), 'the closing answer stored', 15000);
    await fits('the conversation after sending', 5);
    assert.deepEqual(followUps(thread), [['Monday is fine. This is resolved, thank you.', true]]);
    assert.deepEqual(problems, []);
  } finally {
    await cdp.detach();
    await context.close();
  }
});

const missing = (tree, wanted) => wanted.filter(([r, n]) => !tree.has(r, n)).map(([r, n]) => `${r} "${n}"`);

// The phrase screen, opened from the welcome screen (how is not what is tested here).
async function phraseScreen(page) {
  await clickItem(page, 'continue_mediation');
  await waitForState(page, (st) => st.screen === 'conversation_open', 'the phrase screen');
}
// The link and `phrase` entered there; the snapshot once the replies are read.
async function openWith(page, phrase) {
  await phraseScreen(page);
  await pasteInto(page, server.url, 'conversation_link', campaign.link);
  await clickItem(page, 'phrase_input');
  await typeText(page, phrase);
  await page.keyboard.press('Enter');
  return waitForState(page, (st) => st.screen === 'conversation' && st.conversation.read, 'the replies', 15000);
}

// Every text the mirror's live regions hold from now on, as each appears (a load is quick).
test('accessibility tree: both screens headed, every control named; a mistyped phrase, new replies, an empty and a sent answer announced', async (t) => {
  const { phrase, thread } = conversation('A colleague keeps interrupting me in stand-ups.', 'Thank you. I will talk to the team lead first.');
  const { context, page } = await openApp(chrome.browser, server.url, { viewport: DESKTOP });
  try {
    await t.test('the phrase screen, and twelve words that fail their checksum said in an alert', async () => {
      await phraseScreen(page);
      const tree = await axTree(page);
      assert.deepEqual(tree.unnamed, [], 'unnamed controls on the phrase screen');
      assert.deepEqual(headings(tree), ['1 Continue a mediation']);
      assert.deepEqual(missing(tree, [['textbox', 'Campaign link'], ['textbox', 'Recovery phrase'], ['button', 'Open'],
        ['button', 'Load the saved file…'], ['button', 'Back']]), []);
      await pasteInto(page, server.url, 'conversation_link', campaign.link);
      await clickItem(page, 'phrase_input');
      await page.keyboard.type(Array(12).fill('abandon').join(' '));
      await listen(page);
      await page.keyboard.press('Enter');
      await waitForState(page, (st) => st.conversation.error !== '', 'the phrase refused');
      await heard(page, /do not belong together/);
    });
    await t.test('the conversation: its title, the reply named by its sender and day, every control named', async () => {
      await page.keyboard.press('Control+a');
      await page.keyboard.type(phrase);
      await page.keyboard.press('Enter');
      await waitForState(page, (st) => st.screen === 'conversation' && st.conversation.read, 'the replies', 15000);
      const tree = await axTree(page);
      assert.deepEqual(tree.unnamed, [], 'unnamed controls in the conversation');
      assert.deepEqual(headings(tree), [`1 ${TITLE}`, `2 ${ANSWER}`]);
      assert.deepEqual(missing(tree, [['note', fromDana()], ['StaticText', 'Thank you. I will talk to the team lead first.'],
        ['button', 'Look for new replies'], ['textbox', ANSWER], ['checkbox', CLOSE_BOX], ['button', 'Send'], ['button', 'Back']]), []);
    });
    await t.test('"Look for new replies": the download, then what it found, announced', async () => {
      reply(thread, 'The team lead agreed to a talking order in stand-ups.');
      await keyTo(page, button(page, 'Look for new replies'));
      await listen(page);
      await page.keyboard.press('Enter');
      await waitForState(page, (st) => st.conversation.read && !st.conversation.loading && st.conversation.replies === 2, 'two replies', 15000);
      const said = await heard(page, '2 replies from the mediator so far.');
      assert.ok(said.includes('Downloading the campaign\'s replies…'), `the download is announced first: ${JSON.stringify(said)}`);
    });
    await t.test('"Send" with nothing written: "Write a message first." announced', async () => {
      await keyTo(page, button(page, 'Send'));
      await listen(page);
      await page.keyboard.press('Enter');
      await waitForState(page, (st) => st.conversation.error !== '', 'the empty answer refused');
      await heard(page, 'Write a message first.');
    });
    await t.test('an answer sent: that it is sealed and on its way is announced, as the mediator\'s "reply sent" is', async () => {
      await keyTo(page, mirror(page).getByRole('textbox', { name: ANSWER, exact: true }), { back: true });
      await page.keyboard.type('That sounds right, thank you.');
      await keyTo(page, button(page, 'Send'));
      await listen(page);
      await page.keyboard.press('Enter');
      await waitForState(page, (st) => st.conversation.sent_note === SENT && allStored(1)(st), 'the answer stored', 15000);
      const said = await heard(page, SENT);
      assert.ok(!said.includes('Write a message first.'), 'the earlier problem is not said again');
    });
  } finally {
    await context.close();
  }
});

test('accessibility tree and keys: a conversation the mediator closed says so and offers nothing to send', async () => {
  const { phrase } = conversation('My desk is next to the printer.', 'Your desk moves on Monday. I am closing this request.', true);
  const { context, page } = await openApp(chrome.browser, server.url, { viewport: DESKTOP });
  try {
    assert.equal((await openWith(page, phrase)).conversation.closed, true);
    const tree = await axTree(page);
    assert.deepEqual(tree.unnamed, [], 'unnamed controls in the closed conversation');
    assert.deepEqual(headings(tree), [`1 ${TITLE}`]);
    assert.deepEqual(missing(tree, [['note', `${fromDana()} (closed the conversation)`], ['StaticText', CLOSED],
      ['button', 'Look for new replies'], ['button', 'Back']]), []);
    assert.ok(!tree.has('textbox', ANSWER) && !tree.has('button', 'Send'), 'no answer offered in a closed conversation');
    // From the title, Tab reaches the two buttons and nothing else.
    await screenTitled(page, TITLE);
    assert.deepEqual(await keyTo(page, button(page, 'Back')), ['refresh_conversation', 'back_button']);
  } finally {
    await context.close();
  }
});

test('promises: every reply bundle of the campaign is downloaded; the answer opens with the mediator\'s key, not the manager\'s', async () => {
  const { phrase, thread } = conversation('The on-call rota is unfair.', 'Thank you. Which weeks were the worst?');
  conversation('Someone else\'s request.', 'A reply for someone else.');
  const { context, page, requests } = await openApp(chrome.browser, server.url, { viewport: DESKTOP });
  try {
    await openWith(page, phrase);
    // "Your browser downloads every reply of the campaign and opens only the ones meant for you".
    const stored = readdirSync(join(server.data, campaign.campaignId)).filter((n) => /^replies-.*\.parley$/.test(n)).sort();
    const fetched = [...new Set(requests.map((u) => u.match(/\/(replies-[^/?]*\.parley)$/)?.[1]).filter(Boolean))].sort();
    assert.ok(stored.length >= 2, `reply bundles of several threads are stored: ${stored}`);
    assert.deepEqual(fetched, stored, 'every reply bundle was downloaded');
    assert.equal((await snapshot(page)).conversation.replies, 1, 'only the reply meant for this phrase is opened');
    assert.ok(!(await mirror(page).textContent()).includes('A reply for someone else.'));

    await clickItem(page, 'follow_up_text');
    await typeText(page, 'Weeks 3 and 7, both with the release.');
    await clickItem(page, 'send_follow_up');
    await waitForState(page, (st) => st.conversation.sent_note === SENT && allStored(1)(st), 'the answer stored', 15000);
    // "Your own messages are sealed for the mediator, so they are not shown here."
    assert.ok(!(await mirror(page).textContent()).includes('Weeks 3 and 7'), 'the sent answer is not shown');
    assert.deepEqual(followUps(thread), [['Weeks 3 and 7, both with the release.', false]]);
    const manager = campaign.run(['open', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', AFTER_CLOSE], MGR_PASS);
    assert.equal(manager.status, 3, manager.stderr);
    assert.ok(!manager.stdout.includes('Weeks 3 and 7'), 'the manager\'s key opens nothing of it');
    assert.match(manager.stderr, /opened 0 of \d+ envelopes; not opened: not-for-this-key \d+/);
  } finally {
    await context.close();
  }
});
