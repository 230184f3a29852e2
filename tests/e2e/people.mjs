// What people do in the app again and again, by clicks and keys, shared by the journeys:
// making a key file, opening a campaign with one, answering a questionnaire.
import { readFileSync } from 'node:fs';

import { clickItem, openApp, pasteInto, pressKey, typeText, waitForState } from './harness.mjs';

// Makes a key file on the keys screen with `pass`, saved as `file`; returns the snapshot that
// shows its public key.
export async function makeKeyFile(page, file, pass) {
  await clickItem(page, 'pass_input');
  await typeText(page, pass);
  await clickItem(page, 'repeat_input');
  await typeText(page, pass);
  await pressKey(page, 'Escape');
  const download = page.waitForEvent('download');
  await clickItem(page, 'make_key');
  await (await download).saveAs(file);
  return waitForState(page, (s) => s.keys && s.keys.public_key, 'the public key', 30000);
}

// On the unlock screen: the campaign link, the key file from the picker and its passphrase,
// then Open. Returns the snapshot once the screen opened has read what it can.
export async function unlockWithFile(page, origin, link, keyFile, pass) {
  await pasteInto(page, origin, 'results_link', link);
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, 'pick_key');
  await (await chooser).setFiles(keyFile);
  await waitForState(page, (s) => s.session && s.session.keyfile, 'the chosen key file');
  await clickItem(page, 'results_pass');
  await typeText(page, pass);
  await pressKey(page, 'Escape');
  await clickItem(page, 'unlock_button');
  return waitForState(page, (s) => (s.screen === 'trustee' && s.desk && !s.desk.checking) ||
    ((s.screen === 'results' || s.screen === 'inbox') && s.session && !s.session.loading &&
     (s.session.responses !== undefined || s.session.waiting !== '' || s.screen === 'inbox')), 'the opened screen', 60000);
}

// One person answers the questions `qs` (as in the manifest) of the campaign at `link` with
// `person`'s values ({question id: option number or text}; a question left out is skipped), in
// their own browser, and returns once the envelope is stored.
export async function answerQuestions(browser, origin, link, qs, person) {
  const app = await openApp(browser, origin, {}, link.slice(link.indexOf('/#')));
  const { page } = app;
  await waitForState(page, (s) => s.screen === 'intro', 'the intro');
  await clickItem(page, 'feedback_button');
  for (const [i, q] of qs.entries()) {
    const v = person[q.id];
    if (v === undefined) continue;
    if (q.type === 'text') await pasteInto(page, origin, `q${i}_text`, v);
    else await clickItem(page, `q${i}_opt${v}`);
  }
  await clickItem(page, 'review_button');
  await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
  await clickItem(page, 'send_button');
  await waitForState(page, (s) => s.outbox.some((o) => o.status === 'stored'), 'stored', 15000);
  await app.context.close();
}

// One person answers the trust pulse through `link`: q1..q3 required (1-5), q5 one choice,
// q6 free text. Returns once the envelope is stored.
export async function answerPulse(browser, origin, link, { safe, outcomes, clear, choice, comment }) {
  const app = await openApp(browser, origin, {}, link.slice(link.indexOf('/#')));
  const { page } = app;
  await waitForState(page, (s) => s.screen === 'intro', 'the intro');
  await clickItem(page, 'feedback_button');
  await clickItem(page, `q0_opt${safe}`);
  await clickItem(page, `q1_opt${outcomes}`);
  await clickItem(page, `q2_opt${clear}`);
  if (choice !== undefined) await clickItem(page, `q4_opt${choice}`);
  if (comment) {
    await clickItem(page, 'q5_text');
    await typeText(page, comment);
    await pressKey(page, 'Escape');
  }
  await clickItem(page, 'review_button');
  await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
  await clickItem(page, 'send_button');
  await waitForState(page, (s) => s.outbox.some((o) => o.status === 'stored'), 'stored', 15000);
  await app.context.close();
}

// A person asks for mediation through `link` with `what`, and sends it. Returns the open app
// once the request is stored (the caller closes it, or goes on from the sent screen).
export async function askForMediation(browser, origin, link, what) {
  const app = await openApp(browser, origin, {}, link.slice(link.indexOf('/#')));
  const { page } = app;
  await waitForState(page, (s) => s.screen === 'intro', 'the intro');
  await clickItem(page, 'mediation_button');
  await clickItem(page, 'what_text');
  await typeText(page, what);
  await pressKey(page, 'Escape');
  await clickItem(page, 'review_button');
  await clickItem(page, 'send_button');
  await waitForState(page, (s) => s.outbox.some((o) => o.status === 'stored'), 'the stored request', 15000);
  return app;
}

// Files dropped onto the page, as a person dragging them from a file manager would.
export async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: p.split('/').pop(), b64: readFileSync(p).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    const canvas = document.querySelector('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}
