// Everyone can answer: the employee's journey through the accessibility tree and the keyboard
// alone, as a screen-reader user would make it; axe-core on every screen; and 200% zoom.
// Elements are found by role and name only (never by the app's own snapshot), and operated with
// Tab, arrows, Space and Enter. What arrives in the storage is opened with the CLI.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { campaignFixture } from './campaign.mjs';
import { isFocused, openApp, saveScreenshot, snapshot, waitForState } from './harness.mjs';
import { mirror, screenTitled, tabTo } from './keyboard.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const env = campaignFixture();


async function activate(page, role, name) {
  const target = mirror(page).getByRole(role, { name, exact: true });
  await tabTo(page, target);
  await page.keyboard.press(role === 'button' ? 'Enter' : 'Space');
}

// Enters a radio group with Tab and moves to `option` with the arrow keys.
async function choose(page, group, option, { max = 60 } = {}) {
  const radios = mirror(page).getByRole('radiogroup', { name: group, exact: true }).getByRole('radio');
  const target = mirror(page).getByRole('radiogroup', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
  await tabTo(page, radios.first().or(radios.filter({ checked: true })).first(), { max });
  for (let i = 0; i < 12 && !(await isFocused(target)); i++) await page.keyboard.press('ArrowRight');
  assert.ok(await isFocused(target), `arrows never reached ${option}`);
  if (!(await target.isChecked())) await page.keyboard.press('Space');
  await page.waitForFunction((el) => el.checked, await target.elementHandle());
}

async function typeInto(page, name, text) {
  await tabTo(page, mirror(page).getByRole('textbox', { name, exact: true }));
  await page.keyboard.type(text);
}

// No serious or critical axe-core violation on the page as it is.
async function axeClean(page, screen) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `axe on the ${screen} screen`);
}

async function openCampaign(options = {}) {
  // axe-core is injected by the test, which the page's CSP would refuse: only this context lifts it.
  const app = await openApp(env.chrome.browser, env.server.url, { bypassCSP: true, ...options }, `/#c=${env.campaign.token}`);
  await screenTitled(app.page, 'Team trust pulse');
  return app;
}

test('the accessibility tree names every control and text of the employee screens', async () => {
  const { context, page } = await openCampaign();
  try {
    const intro = await mirror(page).ariaSnapshot();
    for (const line of ['heading "Team trust pulse" [level=1]', 'paragraph: Five minutes. Honest answers help the whole team.',
      'note "Who can read what"', 'button "Give feedback"', 'button "I\'d like a neutral third party to help with a conflict"']) {
      assert.ok(intro.includes(line), `intro lacks ${line}:\n${intro}`);
    }
    // A direct campaign says plainly who can read single answers (client/who_reads).
    assert.match(intro, /paragraph: This campaign has no trustee\. The app shows the feedback readers combined results only/);
    assert.match(intro, /can read each answer on its own/);
    await axeClean(page, 'intro');

    await activate(page, 'button', 'Give feedback');
    await screenTitled(page, 'Team trust pulse');
    await mirror(page).getByRole('progressbar').waitFor({ state: 'attached' });
    const form = await mirror(page).ariaSnapshot();
    for (const line of [
      'progressbar "0 of 6 answered"', 'heading "1. I can raise a problem in this team without fear." [level=2]',
      'radiogroup "I can raise a problem in this team without fear."', 'radio "1, Strongly disagree"', 'radio "5, Strongly agree"',
      'radiogroup "How likely are you to recommend this team to a friend?"', 'radio "0, Not at all likely"',
      'radio "10, Extremely likely"', 'radiogroup "My workload is…"', 'radio "About right"', 'checkbox "Fewer meetings"',
      'textbox "One thing your manager could do differently"', 'textbox "What is standing in your way?"',
      'checkbox "Keep a draft on this device until it is sent (not encrypted)"', 'button "Review before sending"', 'button "Back"',
      'paragraph: Required', 'paragraph: Optional']) {
      assert.ok(form.includes(line), `form lacks ${line}:\n${form}`);
    }
    await axeClean(page, 'questionnaire');

    // A required answer left out is announced as an alert.
    await activate(page, 'button', 'Review before sending');
    await mirror(page).getByRole('alert').first().waitFor({ state: 'attached' });
    const alerts = await mirror(page).getByRole('alert').allTextContents();
    assert.ok(alerts.some((t) => /2 answers need attention/.test(t)), alerts.join(' | '));
    await axeClean(page, 'questionnaire with errors');
  } finally {
    await context.close();
  }
});

test('keyboard only: a whole questionnaire answered, reviewed and sent', async () => {
  const { context, page } = await openCampaign();
  try {
    await activate(page, 'button', 'Give feedback');
    await mirror(page).getByRole('progressbar').waitFor({ state: 'attached' });
    await choose(page, 'I can raise a problem in this team without fear.', '4, Agree');
    await choose(page, 'How likely are you to recommend this team to a friend?', '9');
    await choose(page, 'My workload is…', 'About right');
    await activate(page, 'checkbox', 'Fewer meetings');
    await activate(page, 'checkbox', 'More 1:1 time');
    await typeInto(page, 'One thing your manager could do differently', 'Quieter Fridays, please.');
    await page.keyboard.press('Escape');  // leaves the field, keeps the text
    await typeInto(page, 'What is standing in your way?', 'Waiting on reviews');
    await page.keyboard.press('Tab');
    await mirror(page).getByRole('progressbar', { name: '6 of 6 answered' }).waitFor({ state: 'attached' });
    // Pressing the chosen value again keeps it (it used to clear the answer).
    await tabTo(page, mirror(page).getByRole('radio', { name: '4, Agree' }), { back: true });
    await page.keyboard.press('Space');
    await page.waitForTimeout(100);
    assert.ok(await mirror(page).getByRole('radio', { name: '4, Agree' }).isChecked());
    saveScreenshot('access-keyboard-form.png', await page.screenshot());

    await activate(page, 'button', 'Review before sending');
    await screenTitled(page, 'Check your answers');
    const review = await mirror(page).ariaSnapshot();
    for (const text of ['4 — Agree', '9 out of 10', 'About right', 'Fewer meetings; More 1:1 time', 'Quieter Fridays, please.',
      'Waiting on reviews']) {
      assert.ok(review.includes(`paragraph: ${text}`), `review lacks ${text}:\n${review}`);
    }
    assert.ok(review.includes('button "Seal and send"'));
    await axeClean(page, 'review');

    await activate(page, 'button', 'Seal and send');
    await screenTitled(page, 'Thank you');
    const sent = await mirror(page).ariaSnapshot();
    for (const line of ['button "Copy receipt"', 'button "Check that it is stored"', 'button "Done"', 'note "Your receipt:']) {
      assert.ok(sent.includes(line), `sent screen lacks ${line}:\n${sent}`);
    }
    await axeClean(page, 'sent');

    const files = env.campaign.storedFiles(env.server.data);
    assert.equal(files.length, 1);
    assert.deepEqual(env.campaign.open(files[0]).answers, {
      safe: 4, rec: 9, load: 1, help: [0, 2], idea: 'Quieter Fridays, please.', block: 'Waiting on reviews',
    });
  } finally {
    await context.close();
  }
});

test('keyboard only: a mediation request, from the intro to the receipt', async () => {
  const { context, page } = await openCampaign();
  try {
    await activate(page, 'button', "I'd like a neutral third party to help with a conflict");
    await screenTitled(page, 'Ask for a neutral mediator');
    const form = await mirror(page).ariaSnapshot();
    for (const line of ['textbox "What happened? (required)"', 'textbox "Who is involved? (optional)"',
      'radiogroup "How urgent is it?"', 'radio "Urgent — it affects my work now"',
      'textbox "How can the mediator reach you? (optional)"']) {
      assert.ok(form.includes(line), `mediation form lacks ${line}:\n${form}`);
    }
    await axeClean(page, 'mediation');
    await typeInto(page, 'What happened? (required)', 'Credit for my work is taken in demos.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('A peer');
    await choose(page, 'How urgent is it?', 'Urgent — it affects my work now');
    await activate(page, 'button', 'Review before sending');
    await screenTitled(page, 'Check your request');
    await axeClean(page, 'mediation review');
    const before = new Set(env.campaign.storedFiles(env.server.data));
    await activate(page, 'button', 'Seal and send to the mediator');
    await screenTitled(page, 'Thank you');
    // The receipt as a screen reader reads it names the stored envelope.
    const receipt = await mirror(page).getByRole('note', { name: /^Your receipt:/ }).getAttribute('aria-label');
    const name = receipt.replace(/^Your receipt:\s*/, '').replace(/ /g, '');
    const file = env.campaign.storedFiles(env.server.data).find((f) => !before.has(f));
    assert.ok(file && file.includes(name), `${name} stored as ${file}`);
    const req = env.campaign.open(file, 'mediator');
    assert.equal(req.kind, 'mediation');
    assert.equal(req.request.what, 'Credit for my work is taken in demos.');
    assert.equal(req.request.who, 'A peer');
    assert.equal(req.request.urgency, 'urgent');
  } finally {
    await context.close();
  }
});

// Enter in a one-line field presses its form's main button, as on any web page; the builder's
// dates are the browser's date inputs (its own picker), typed here by keyboard.
test('keyboard only: Enter submits every form, and dates have a picker', async () => {
  const { context, page } = await openApp(env.chrome.browser, env.server.url, { bypassCSP: true, acceptDownloads: true });
  const back = async (title) => {
    await activate(page, 'button', 'Back');
    await screenTitled(page, title);
  };
  const enterGivesAnAlert = async (field, text) => {
    await typeInto(page, field, text);
    await page.keyboard.press('Enter');
    await mirror(page).getByRole('alert').first().waitFor({ state: 'attached', timeout: 5000 });
    assert.equal(await mirror(page).getByRole('textbox', { name: field, exact: true }).inputValue(), text);
  };
  try {
    await screenTitled(page, 'Parley');
    await activate(page, 'button', 'Continue a mediation');
    await screenTitled(page, 'Continue a mediation');
    await enterGivesAnAlert('Campaign link', 'not a campaign link');
    await back('Parley');
    await activate(page, 'button', "Open results, an inbox or a trustee's desk");
    await screenTitled(page, 'Open with your key file');
    await enterGivesAnAlert('Campaign link', 'not a campaign link');
    await back('Parley');

    // A key file made by Enter in the repeated passphrase.
    await activate(page, 'button', 'Create a campaign');
    await screenTitled(page, 'Your manager key file');
    await typeInto(page, 'Passphrase', 'maple harbor quiet lantern');
    await typeInto(page, 'The same passphrase again', 'maple harbor quiet lantern');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await download;
    await waitForState(page, (s) => s.keys && s.keys.public_key, 'the public key', 30000);
    await activate(page, 'button', 'Next: build the campaign');
    await screenTitled(page, 'New campaign');
    await activate(page, 'button', 'Team trust pulse');
    await choose(page, 'Who releases the results', 'No trustee: my key reads answers directly (small informal teams)',
      { max: 300 });  // past every question of the template

    // The close date through the date input's keyboard (month, day, year in this browser's locale),
    // then Enter in it signs the campaign.
    const closes = mirror(page).locator('input[aria-label="Closes"]');
    assert.equal(await closes.getAttribute('type'), 'date');
    assert.equal(await mirror(page).locator('input[aria-label="Opens"]').getAttribute('type'), 'date');
    await tabTo(page, closes, { max: 300 });  // past every question of the template
    await page.keyboard.type('06152099');
    assert.equal(await closes.inputValue(), '2099-06-15');
    await page.keyboard.press('Enter');
    await screenTitled(page, 'Ready to share');
    const { builder } = await snapshot(page);

    // The campaign says the date chosen.
    const person = await openApp(env.chrome.browser, env.server.url, {}, builder.link.slice(builder.link.indexOf('/#')));
    try {
      await waitForState(person.page, (st) => st.screen === 'intro', 'the intro');
      const shown = await person.page.locator('#mirror p').allTextContents();
      assert.ok(shown.some((line) => line.includes('to 2099-06-15.')), JSON.stringify(shown));
    } finally {
      await person.context.close();
    }
  } finally {
    await context.close();
  }
});

test('at 200% zoom no widget of the employee screens crosses the right edge', async () => {
  // 200% of a 1280x800 window: half the CSS pixels, twice the device pixels per CSS pixel.
  const { context, page } = await openCampaign({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const checkWidth = async (screen) => {
    const s = await snapshot(page);
    for (const [id, [x, , w]] of Object.entries(s.items)) assert.ok(x >= 0 && x + w <= 640.5, `${screen}: ${id} at ${x}+${w}`);
    const fields = await page.evaluate(() => [...document.querySelectorAll('#mirror .field')].map((e) => e.getBoundingClientRect().right));
    for (const right of fields) assert.ok(right <= 640.5, `${screen}: a text field ends at ${right}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 640, `${screen}: the page scrolls sideways (${scrollWidth})`);
    saveScreenshot(`access-zoom200-${screen}.png`, await page.screenshot());
  };
  try {
    await checkWidth('intro');
    await activate(page, 'button', 'Give feedback');
    await mirror(page).getByRole('progressbar').waitFor({ state: 'attached' });
    await checkWidth('feedback');
    await choose(page, 'I can raise a problem in this team without fear.', '5, Strongly agree');
    await choose(page, 'How likely are you to recommend this team to a friend?', '10, Extremely likely');
    await activate(page, 'button', 'Review before sending');
    await screenTitled(page, 'Check your answers');
    await checkWidth('review');
    await page.keyboard.press('Escape');  // back to the form, answers kept
    await screenTitled(page, 'Team trust pulse');
    assert.ok(await mirror(page).getByRole('radio', { name: '10, Extremely likely' }).isChecked());
    await page.keyboard.press('Escape');
    await screenTitled(page, 'Team trust pulse');
    await activate(page, 'button', "I'd like a neutral third party to help with a conflict");
    await screenTitled(page, 'Ask for a neutral mediator');
    await checkWidth('mediation');
  } finally {
    await context.close();
  }
});

test("the person's text size setting enlarges the UI", async () => {
  const heightOf = async (fontSize) => {
    const context = await env.chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      if (fontSize) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize } });
      }
      await page.goto(env.server.url + '/');
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
      const s = await waitForState(page, (st) => st.items.open_button && (!fontSize || st.items.title[3] > 40), 'the larger text');
      if (fontSize) saveScreenshot('access-text-size-32.png', await page.screenshot());
      return s.items.title[3];
    } finally {
      await context.close();
    }
  };
  const normal = await heightOf(0);
  const large = await heightOf(32);  // twice the default 16 px
  assert.ok(large > normal * 1.8 && large < normal * 2.2, `title ${normal} px -> ${large} px`);
});
