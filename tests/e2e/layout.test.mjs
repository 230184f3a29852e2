// Every screen at common window sizes and on a phone-sized one: reached by clicks like a person
// would, photographed to tests/out/layout-<screen>-<w>x<h>.png (look at them), and checked that
// no named widget sticks out of the window horizontally, where it would be cut off.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { afterCloseClock } from './campaign.mjs';
import {
  clickItem, launchBrowser, openApp, pasteInto, pressKey, saveScreenshot, scrollTo, snapshot, startServer, typeAnyText,
  typeText, waitForState,
} from './harness.mjs';
import { generate, makeCampaign, PASSPHRASE, writeStore } from '../bench/envelopes.mjs';

const SIZES = [[1024, 768], [1440, 900], [1920, 1080], [390, 844]];
const PASS = 'maple harbor quiet lantern';

let server, chrome, dir, campaign, link;
let builderProblems = null;  // checked in a test of its own, see below

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-layout-'));
  server = await startServer();
  campaign = await makeCampaign(dir, { storageUrl: `${server.url}/store/{id}/` });
  const data = await generate(campaign, { feedback: 40, mediation: 3, seed: 11 });
  writeStore(join(server.data, campaign.campaignId), data.envelopes);
  link = `${server.url}/#c=${campaign.token}`;
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Clicks a named widget after scrolling it into view with the mouse in the window's left margin,
// where no text box or list takes the wheel for itself (harness.scrollTo wheels at x = 640).
async function tap(page, id) {
  const { height } = page.viewportSize();
  for (let i = 0; i < 60; i++) {
    const s = await waitForState(page, (st) => st.items && st.items[id], `item ${id}`);
    const [, y, , h] = s.items[id];
    if (y >= 0 && y + h <= height) break;
    await page.mouse.move(4, height / 2);
    await page.mouse.wheel(0, y < 0 ? -300 : 300);
    await page.waitForTimeout(80);
  }
  await clickItem(page, id);
}

// Widgets whose right edge passes the window's (half a pixel of rounding allowed).
function clipped(items, width) {
  return Object.entries(items)
    .filter(([, [x, , w]]) => x < -0.5 || x + w > width + 0.5)
    .map(([id, [x, , w]]) => `${id} spans ${x.toFixed(0)}..${(x + w).toFixed(0)}`);
}

const inView = ([, y, , h], height) => y >= 0 && y + h <= height;

// Buttons, radios and checkboxes of the page's mirror shorter than `min` CSS pixels (a target a
// pointer can hit: WCAG 2.5.8 asks 24 on desktops; touch screens get 44, see touch.test.mjs).
async function smallTargets(page, min) {
  const sizes = await page.$$eval('#mirror button, #mirror input[type=radio], #mirror input[type=checkbox]',
    (els) => els.map((e) => [e.dataset.id, e.getBoundingClientRect().height]));
  return sizes.filter(([, h]) => h < min - 0.5).map(([id, h]) => `${id} is ${h.toFixed(1)} px tall`);
}

// A scale's captions under its END options: the low one starts where the first option starts,
// the high one ends where the last ends, both below the row (never under a middle option).
function captionsMisplaced(items, question, first, last) {
  const q = `q${question}_`;
  const [lo, hi, a, b] = [items[`${q}low`], items[`${q}high`], items[`${q}opt${first}`], items[`${q}opt${last}`]];
  if (!lo || !hi || !a || !b) return [`question ${question}: captions or options missing`];
  const problems = [];
  if (Math.abs(lo[0] - a[0]) > 1) problems.push(`${q}low starts at ${lo[0]}, its option at ${a[0]}`);
  if (Math.abs(hi[0] + hi[2] - (b[0] + b[2])) > 2) problems.push(`${q}high ends at ${hi[0] + hi[2]}, its option at ${b[0] + b[2]}`);
  if (lo[1] < a[1] + a[3] || hi[1] < b[1] + b[3]) problems.push(`${q} captions are not under the options`);
  return problems;
}

test('the caption check sees a caption under a middle option', () => {
  const items = { q0_opt1: [0, 0, 50, 30], q0_opt5: [200, 0, 50, 30], q0_low: [0, 40, 80, 17] };
  assert.deepEqual(captionsMisplaced({ ...items, q0_high: [170, 40, 80, 17] }, 0, 1, 5), []);
  assert.equal(captionsMisplaced({ ...items, q0_high: [90, 40, 80, 17] }, 0, 1, 5).length, 1);
});

// Shows the current screen at every size: screenshot, then no widget past the window's width,
// and no button smaller than a target.
async function everySize(page, name, expectedScreen, check = () => []) {
  const problems = [];
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);  // a few frames: the canvas follows its CSS size per frame
    const s = await waitForState(page, (st) => st.screen === expectedScreen && Object.keys(st.items).length > 0, name);
    saveScreenshot(`layout-${name}-${width}x${height}.png`, await page.screenshot());
    const cut = [...clipped(s.items, width), ...await smallTargets(page, 24), ...check(s.items)];
    if (cut.length) problems.push(`${name} at ${width}x${height}: ${cut.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });  // where the flows click
  await page.waitForTimeout(200);
  return problems;
}

test('the clipping check sees a widget past the right edge', () => {
  assert.deepEqual(clipped({ a: [10, 0, 100, 20], b: [300, 0, 100, 20] }, 390), ['b spans 300..400']);
  assert.deepEqual(clipped({ a: [-4, 0, 100, 20] }, 390), ['a spans -4..96']);
});

test('employee screens fit every window size', async () => {
  const problems = [];
  const damaged = await openApp(chrome.browser, server.url, {}, '/#c=this-is-not-a-campaign');
  try {
    await waitForState(damaged.page, (s) => s.screen === 'campaign_problem', 'the campaign problem');
    problems.push(...await everySize(damaged.page, 'campaign-problem', 'campaign_problem'));
  } finally {
    await damaged.context.close();
  }

  const app = await openApp(chrome.browser, server.url, {}, link.slice(link.indexOf('/#')));
  const { page } = app;
  try {
    await waitForState(page, (s) => s.screen === 'intro', 'the intro');
    problems.push(...await everySize(page, 'intro', 'intro'));
    await tap(page, 'mediation_button');
    await waitForState(page, (s) => s.screen === 'mediation', 'the mediation form');
    problems.push(...await everySize(page, 'mediation', 'mediation'));
    await tap(page, 'back_button');
    await tap(page, 'feedback_button');
    await waitForState(page, (s) => s.screen === 'feedback', 'the questionnaire');
    await tap(page, 'q0_opt4');
    await tap(page, 'q2_opt1');
    await tap(page, 'q4_text');
    await typeText(page, 'Fewer meetings on Mondays');
    await pressKey(page, 'Escape');
    // Both scales' captions sit under their end options at every size.
    problems.push(...await everySize(page, 'feedback', 'feedback',
      (items) => [...captionsMisplaced(items, 0, 1, 5), ...captionsMisplaced(items, 1, 0, 10)]));
    await tap(page, 'review_button');
    await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
    problems.push(...await everySize(page, 'review', 'feedback_review'));
    await tap(page, 'send_button');
    await waitForState(page, (s) => s.screen === 'sent' && s.outbox.some((o) => o.status === 'stored'), 'sent', 15000);
    problems.push(...await everySize(page, 'sent', 'sent'));
    assert.deepEqual(app.problems, []);
  } finally {
    await app.context.close();
  }
  assert.deepEqual(problems, []);
});

test('manager screens fit every window size', async () => {
  const problems = [];
  const app = await openApp(chrome.browser, server.url);
  const { page } = app;
  try {
    problems.push(...await everySize(page, 'welcome', 'welcome'));
    await tap(page, 'create_campaign');
    await waitForState(page, (s) => s.screen === 'keys', 'the keys screen');
    await tap(page, 'pass_input');
    await typeText(page, PASS);
    await tap(page, 'repeat_input');
    await typeText(page, PASS);
    await pressKey(page, 'Escape');
    problems.push(...await everySize(page, 'keys', 'keys'));
    const download = page.waitForEvent('download');
    await tap(page, 'make_key');
    await download;
    await waitForState(page, (s) => s.keys && s.keys.public_key, 'the public key', 30000);
    problems.push(...await everySize(page, 'keys-made', 'keys'));
    await tap(page, 'builder_button');
    await waitForState(page, (s) => s.screen === 'builder', 'the builder');
    await tap(page, 'tpl_team-trust-pulse');
    await tap(page, 'mode_direct');  // a campaign without a trustee: signing needs no trustee key
    builderProblems = await everySize(page, 'builder', 'builder');
    builderProblems.push(...await builderRows(page));
    await tap(page, 'sign_button');
    await waitForState(page, (s) => s.screen === 'share', 'the share link');
    problems.push(...await everySize(page, 'share', 'share'));
    assert.deepEqual(app.problems, []);
  } finally {
    await app.context.close();
  }
  assert.deepEqual(problems, []);
});

// Each question's own buttons: under its heading, no Move up on the first and no Move down on
// the last; and the wheel over an options box scrolls the page once the box cannot scroll.
async function builderRows(page) {
  const problems = [];
  let s = await snapshot(page);
  const count = s.builder.questions;
  for (let i = 0; i < count; i++) {
    const has = (id) => Boolean(s.items[`${id}_${i}`]);
    if (has('qup') !== (i > 0)) problems.push(`question ${i + 1}: Move up ${has('qup') ? 'offered' : 'missing'}`);
    if (has('qdown') !== (i < count - 1)) problems.push(`question ${i + 1}: Move down ${has('qdown') ? 'offered' : 'missing'}`);
    const [head, remove, text] = [s.items[`qhead_${i}`], s.items[`qremove_${i}`], s.items[`qtext_${i}`]];
    if (!(head[1] < remove[1] && remove[1] < text[1])) problems.push(`question ${i + 1}: its buttons are not under its heading`);
  }
  const box = Object.keys(s.items).find((id) => id.startsWith('qopts_'));
  if (!box) return [...problems, 'no options box in the template'];
  await scrollTo(page, box);
  saveScreenshot('layout-builder-question-1280x800.png', await page.screenshot());
  const [x, y, w, h] = (await snapshot(page)).items[box];
  await page.mouse.move(x + w / 2, y + h / 2);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(80);
  }
  await page.waitForTimeout(200);
  s = await snapshot(page);
  if (!(s.items[box][1] < y - 300)) problems.push(`the wheel over ${box} did not scroll the page (${y} -> ${s.items[box][1]})`);
  return problems;
}

// The builder's rows (template buttons, question type and "Required") wrap on a phone-sized
// window (widgets.h same_line_if_fits()).
test('the campaign builder fits every window size', () => {
  assert.ok(builderProblems, 'the manager test did not reach the builder');
  assert.deepEqual(builderProblems, []);
});

// Unlocks the campaign with a key file made by the CLI; returns the page on the loaded screen.
async function unlock(keyName, screen) {
  // Results of a direct campaign open after its close: the page's clock starts past it.
  const app = await openApp(chrome.browser, server.url, {}, '/', afterCloseClock);
  const { page } = app;
  await tap(page, 'open_results');
  await waitForState(page, (s) => s.screen === 'unlock', 'the unlock screen');
  await pasteInto(page, server.url, 'results_link', link);
  const chooser = page.waitForEvent('filechooser');
  await tap(page, 'pick_key');
  await (await chooser).setFiles(join(dir, keyName));
  await waitForState(page, (s) => s.session && s.session.keyfile, 'the chosen key file');
  return {
    app,
    async open() {
      await tap(page, 'results_pass');
      await typeAnyText(page, PASSPHRASE);
      await pressKey(page, 'Escape');
      await tap(page, 'unlock_button');
      return waitForState(page, (s) => s.screen === screen && s.session && !s.session.loading, screen, 60000);
    },
  };
}

test('results, unlock and inbox screens fit every window size', async () => {
  const problems = [];
  const manager = await unlock('mgr.key', 'results');
  try {
    problems.push(...await everySize(manager.app.page, 'unlock', 'unlock'));
    const s = await manager.open();
    assert.equal(s.session.visible, true);
    assert.ok(s.session.responses >= 40, `responses: ${s.session.responses}`);  // 40 generated, maybe one sent by the employee test
    problems.push(...await everySize(manager.app.page, 'results', 'results'));
    assert.deepEqual(manager.app.problems, []);
  } finally {
    await manager.app.context.close();
  }

  const mediator = await unlock('med.key', 'inbox');
  try {
    const s = await mediator.open();
    assert.equal(s.session.inbox.length, 3);
    problems.push(...await everySize(mediator.app.page, 'inbox', 'inbox'));
    await tap(mediator.app.page, 'request_0');
    await waitForState(mediator.app.page, (st) => st.items.request_detail, 'the request');
    problems.push(...await everySize(mediator.app.page, 'inbox-request', 'inbox'));
    assert.deepEqual(mediator.app.problems, []);
  } finally {
    await mediator.app.context.close();
  }
  assert.deepEqual(problems, []);
});

test('a long results screen is drawn within the window when scrolled to its end', async () => {
  const manager = await unlock('mgr.key', 'results');
  try {
    await manager.open();
    const { page } = manager.app;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.mouse.move(4, 400);
    for (let i = 0; i < 60 && !inView((await snapshot(page)).items.back_button, 844); i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(300);
    saveScreenshot('layout-results-end-390x844.png', await page.screenshot());
    const s = await snapshot(page);
    assert.ok(inView(s.items.back_button, 844), `back button at ${s.items.back_button}`);
    assert.deepEqual(clipped(s.items, 390), []);
  } finally {
    await manager.app.context.close();
  }
});
