// A phone: a 390x844 touch screen at 3x. The questionnaire is answered by taps alone (instant
// taps and taps held like a finger's), swipes scroll without touching any answer, tapping a text
// field gives it the focus a phone needs to open its keyboard, and text arrives from the
// browser's text input and from input-method composition (Vietnamese, Japanese). The envelope
// is opened with the CLI: it must hold exactly what was chosen and typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { campaignFixture } from './campaign.mjs';
import { assertShownInOrder, openApp, saveScreenshot, snapshot, waitForState } from './harness.mjs';
import { PHONE, finger, swipeTo } from './phone.mjs';

const env = campaignFixture();

async function tapItem(page, hand, id, kind) {
  const [x, y, w, h] = await swipeTo(page, hand, id);
  if (kind === 'held') await hand.heldTap(x + w / 2, y + h / 2);
  else await hand.instantTap(x + w / 2, y + h / 2);
  await page.waitForTimeout(120);
}

test('a phone: taps answer exactly, swipes scroll, fields open the keyboard, input methods type', async () => {
  const { context, page, problems, requests } = await openApp(env.chrome.browser, env.server.url, PHONE, `/#c=${env.campaign.token}`);
  const fontRequests = () => requests.filter((u) => new URL(u).pathname.startsWith('/fonts/'));
  const cdp = await context.newCDPSession(page);
  const hand = finger(page, cdp);
  try {
    await waitForState(page, (s) => s.screen === 'intro', 'the intro');
    const targets = await page.evaluate(() => [...document.querySelectorAll('#mirror button')].length);
    assert.ok(targets > 0);
    await tapItem(page, hand, 'feedback_button', 'instant');
    await waitForState(page, (s) => s.screen === 'feedback', 'the questionnaire');

    // Tap targets on a touch screen are at least 44 CSS pixels tall.
    const s0 = await snapshot(page);
    for (const id of ['q0_opt4', 'q1_opt9', 'q2_opt1', 'q3_opt0', 'review_button']) {
      assert.ok(s0.items[id][3] >= 44, `${id} is ${s0.items[id][3]} px tall`);
    }

    await tapItem(page, hand, 'q0_opt4', 'instant');
    await tapItem(page, hand, 'q1_opt9', 'held');
    await tapItem(page, hand, 'q0_opt4', 'held');  // the chosen value tapped again stays chosen
    await tapItem(page, hand, 'q2_opt1', 'instant');
    await tapItem(page, hand, 'q3_opt0', 'held');
    await tapItem(page, hand, 'q3_opt2', 'instant');
    const answered = await waitForState(page, (s) => s.answered === 4, 'four answers');
    assert.deepEqual(answered.errors, {});

    // Swipes that start on the scale buttons scroll and choose nothing.
    const before = await swipeTo(page, hand, 'q1_opt3');
    await hand.swipe(before[1] + before[3] / 2, before[1] - 250, { x: before[0] + before[2] / 2, steps: 10 });
    await page.waitForTimeout(600);
    const after1 = (await snapshot(page)).items.q1_opt3;
    assert.ok(after1[1] < before[1] - 150, `a swipe scrolled the screen (${before[1]} -> ${after1[1]})`);
    const back = await swipeTo(page, hand, 'q1_opt5');
    await hand.swipe(back[1] + back[3] / 2, back[1] + 200, { x: back[0] + back[2] / 2, steps: 4 });  // a flick
    await page.waitForTimeout(800);
    assert.equal((await snapshot(page)).answered, 4, 'a swipe changed an answer');
    saveScreenshot('touch-phone-form.png', await page.screenshot());

    // A text field tapped has the focus of a real editable element: phones open their keyboard.
    await tapItem(page, hand, 'q4_text', 'instant');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'q4_text');
    await cdp.send('Input.insertText', { text: 'Cảm ơn vì ' });
    // A Vietnamese (Telex) input method composes "Việt" before committing it.
    for (const part of ['V', 'Vi', 'Vie', 'Viê', 'Việ']) {
      await cdp.send('Input.imeSetComposition', { text: part, selectionStart: part.length, selectionEnd: part.length });
    }
    await cdp.send('Input.insertText', { text: 'Việt' });

    // The fallback fonts came when the form opened, before anything was typed: what a person
    // writes never decides what their browser downloads (that would tell the host their language).
    await page.waitForTimeout(300);
    const fetched = fontRequests().map((u) => new URL(u).pathname).sort();
    assert.deepEqual(fetched, ['/fonts/NotoSans-scripts.ttf', '/fonts/Symbola_hint.ttf', '/fonts/wqy-microhei.ttc']);

    await tapItem(page, hand, 'q5_text', 'held');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'q5_text');
    // A Japanese input method: kana while composing, then the chosen kanji.
    for (const part of ['に', 'にほ', 'にほん', 'にほんご']) {
      await cdp.send('Input.imeSetComposition', { text: part, selectionStart: part.length, selectionEnd: part.length });
    }
    await cdp.send('Input.insertText', { text: '日本語' });
    await cdp.send('Input.insertText', { text: 'のレビュー待ち' });
    await waitForState(page, (s) => s.answered === 6, 'six answers');
    saveScreenshot('touch-phone-text.png', await page.screenshot());

    await tapItem(page, hand, 'review_button', 'instant');
    await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
    await assertShownInOrder(page, ['Cảm ơn vì Việt', '日本語のレビュー待ち']);
    saveScreenshot('touch-phone-review.png', await page.screenshot());
    // Typing Japanese fetched nothing more; every font came from the app's own origin.
    assert.equal(fontRequests().length, 3);
    for (const u of fontRequests()) assert.equal(new URL(u).origin, new URL(env.server.url).origin);
    await tapItem(page, hand, 'send_button', 'held');
    await waitForState(page, (s) => s.outbox.some((o) => o.name === s.last_sent && o.status === 'stored'), 'stored', 15000);

    const files = env.campaign.storedFiles(env.server.data);
    assert.equal(files.length, 1);
    assert.deepEqual(env.campaign.open(files[0]).answers, {
      safe: 4, rec: 9, load: 1, help: [0, 2], idea: 'Cảm ơn vì Việt', block: '日本語のレビュー待ち',
    });
    assert.deepEqual(problems, []);
  } finally {
    await cdp.detach();
    await context.close();
  }
});

// On a phone the builder's buttons are full tap targets, a date field is the browser's date input
// (the phone's own picker), and the keyboard's Enter ("Go") submits the form it belongs to.
test('a phone: the builder taps, its dates are date inputs, and Enter submits the form', async () => {
  const { context, page, problems } = await openApp(env.chrome.browser, env.server.url, { ...PHONE, acceptDownloads: true });
  const cdp = await context.newCDPSession(page);
  const hand = finger(page, cdp);
  const focused = () => page.evaluate(() => [document.activeElement.dataset.id, document.activeElement.type]);
  const PASS = 'maple harbor quiet lantern';
  try {
    await waitForState(page, (s) => s.screen === 'welcome', 'the welcome screen');
    await tapItem(page, hand, 'create_campaign', 'instant');
    await waitForState(page, (s) => s.screen === 'keys', 'the keys screen');
    await tapItem(page, hand, 'pass_input', 'instant');
    await cdp.send('Input.insertText', { text: PASS });
    await tapItem(page, hand, 'repeat_input', 'held');
    assert.deepEqual(await focused(), ['repeat_input', 'password']);
    assert.equal(await page.evaluate(() => document.activeElement.enterKeyHint), 'go');
    await cdp.send('Input.insertText', { text: PASS });
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await download;
    await waitForState(page, (s) => s.keys && s.keys.public_key, 'the public key', 30000);
    await tapItem(page, hand, 'builder_button', 'instant');
    await waitForState(page, (s) => s.screen === 'builder', 'the builder');
    await tapItem(page, hand, 'tpl_team-trust-pulse', 'instant');
    await tapItem(page, hand, 'mode_direct', 'held');

    // Every button, radio and checkbox of the builder is at least 44 CSS pixels tall here.
    const sizes = await page.$$eval('#mirror button, #mirror input[type=radio], #mirror input[type=checkbox]',
      (els) => els.map((e) => [e.dataset.id, e.getBoundingClientRect().height]));
    assert.ok(sizes.length > 20);
    assert.deepEqual(sizes.filter(([, h]) => h < 43.5), []);

    await tapItem(page, hand, 'closes_input', 'instant');
    assert.deepEqual(await focused(), ['closes_input', 'date']);
    saveScreenshot('touch-phone-builder-date.png', await page.screenshot());
    // What the phone's picker hands the field: a YYYY-MM-DD value and an input event.
    await page.evaluate(() => {
      const el = document.activeElement;
      el.value = '2099-07-01';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.keyboard.press('Enter');
    const shared = await waitForState(page, (s) => s.screen === 'share' && !s.builder.publishing, 'the short link', 15000);
    assert.ok(shared.builder.link.includes('/#m=/store/'), `${shared.builder.link} (${shared.builder.why_long})`);
    const person = await openApp(env.chrome.browser, env.server.url, PHONE, shared.builder.link.slice(shared.builder.link.indexOf('/#')));
    try {
      await waitForState(person.page, (s) => s.screen === 'intro', 'the intro');
      const shown = await person.page.locator('#mirror p').allTextContents();
      assert.ok(shown.some((line) => line.includes('to 2099-07-01.')), JSON.stringify(shown));
    } finally {
      await person.context.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await cdp.detach();
    await context.close();
  }
});
