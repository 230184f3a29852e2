// The manager's results screen for people who do not use a desktop mouse. Five people answer a
// three-question campaign from their own browsers (one question below k, one long comment); the
// manager opens the results and, with the keyboard alone (Tab, Shift+Tab, Enter, Space), compares
// them with an earlier campaign's results file, unfolds the long comment and exports the CSV,
// the focus always on a mirror element, marked, and on screen; on a phone (390x844 at 3x) the same
// controls are tapped, nothing is wider than the screen and every tap target is 44 CSS px tall;
// through the browser's accessibility tree the overview is a real table with column headers, and
// the hidden question says "fewer than K" without saying how many answered it. The earlier
// campaign's results file is made here from the CLI's export of answers sealed with the CLI (only
// its figures matter; the app's Export JSON adds the same parley_results and campaign fields).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { AFTER_CLOSE, MGR_PASS, afterCloseClock, cliCampaign } from './campaign.mjs';
import {
  clickItem, launchBrowser, openApp, saveScreenshot, snapshot, startServer, waitForState,
} from './harness.mjs';
import { answerQuestions, unlockWithFile } from './people.mjs';
import { axTree, focusNow, keyTo } from './keyboard.mjs';
import { PHONE, finger, overflow, smallTargets, tap } from './phone.mjs';

const K = 5;  // the CLI's default k
const DESKTOP = { width: 1280, height: 800 };

const SAFE = 'I can raise a problem in this team without fear.';
const FOCUS = 'I have enough time for focused work.';
const IDEA = 'One thing your manager could do differently';
const QS = [
  { id: 'safe', type: 'likert', text: SAFE, required: true },
  { id: 'focus', type: 'likert', text: FOCUS, required: false },
  { id: 'idea', type: 'text', text: IDEA, required: false },
];
const IDEA_AT = QS.findIndex((q) => q.id === 'idea');
const FOCUS_AT = QS.findIndex((q) => q.id === 'focus');

// Longer than the fold (600 bytes) by half again: folded, the canvas shows about two thirds of it.
const LONG = ('When the afternoon is cut into half-hour pieces nothing difficult gets finished, and the work '
  + 'moves to the evening. Could we keep two afternoons a week free of meetings, and write decisions down '
  + 'so that nobody has to attend just to hear them? ').repeat(4).trim();
// Five people now: "focus" answered by 4 only (hidden: below k); everyone left a comment.
const NOW = [
  { safe: 5, focus: 4, idea: LONG },
  { safe: 4, focus: 5, idea: 'Fewer meetings on Fridays, please.' },
  { safe: 4, focus: 3, idea: 'Share the roadmap earlier.' },
  { safe: 3, focus: 2, idea: 'More written decisions.' },
  { safe: 2, idea: 'Keep the Monday check-in short.' },
];
// Five people in the earlier campaign, every question answered.
const EARLIER = [
  { safe: 5, focus: 4 }, { safe: 4, focus: 4 }, { safe: 3, focus: 4 }, { safe: 2, focus: 3 }, { safe: 2, focus: 2 },
];
const favourable = (people, id) => Math.round((100 * people.filter((p) => p[id] >= 4).length) / people.length);
// safe: 60% favourable now, 40% then (both whole numbers: no rounding question here).
const SAFE_CHANGE = favourable(NOW, 'safe') - favourable(EARLIER, 'safe');

let server;
let chrome;
let dir;
let campaign;
let earlierFile;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-results-access-'));
  server = await startServer();
  chrome = await launchBrowser();
  campaign = cliCampaign(server.url, { questions: QS, title: 'Autumn pulse' });
  campaign.link = `${server.url}/#c=${campaign.token}`;

  // The earlier campaign's results file: sealed and exported with the CLI, plus the fields the
  // app's Export JSON adds (core/report.cpp results_file_json).
  const earlier = cliCampaign(server.url, { questions: QS, title: 'Spring pulse' });
  try {
    mkdirSync(join(earlier.dir, 'sealed'));
    for (const [i, person] of EARLIER.entries()) {
      writeFileSync(join(earlier.dir, `a${i}.json`), JSON.stringify(person));
      earlier.ok(['seal', '--campaign', 'token.txt', '--answers', `a${i}.json`, '--out', 'sealed']);
    }
    earlier.ok(['export', '--json', '--key', 'mgr.key', '--campaign', 'token.txt', '--today', AFTER_CLOSE,
      '--out', 'spring.json', 'sealed'], MGR_PASS);
    const file = JSON.parse(readFileSync(join(earlier.dir, 'spring.json'), 'utf8'));
    assert.equal(file.responses, EARLIER.length);
    file.parley_results = 1;
    file.campaign = { id: earlier.campaignId, title: 'Spring pulse', closes: '2099-12-31' };
    earlierFile = join(dir, 'spring.json');
    writeFileSync(earlierFile, JSON.stringify(file, null, 2));
  } finally {
    earlier.remove();
  }

  for (const person of NOW) await answerQuestions(chrome.browser, server.url, campaign.link, QS, person);
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  campaign?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The manager opens this campaign's results with the key file (how is not what is tested here).
async function openResults(contextOptions = {}) {
  const app = await openApp(chrome.browser, server.url, { acceptDownloads: true, ...contextOptions }, '/', afterCloseClock);
  await clickItem(app.page, 'open_results');
  await waitForState(app.page, (s) => s.screen === 'unlock', 'the unlock screen');
  const s = await unlockWithFile(app.page, server.url, campaign.link, join(campaign.dir, 'mgr.key'), MGR_PASS);
  assert.equal(s.screen, 'results');
  assert.equal(s.session.responses, NOW.length);
  return app;
}

const item = (page, id) => page.locator(`#mirror [data-id="${id}"]`);

// The id of the long comment (comments come in random order) and of its unfold button.
async function longComment(page) {
  const s = await snapshot(page);
  const ids = Object.keys(s.items).filter((id) => new RegExp(`^comments${IDEA_AT}_\\d+_whole$`).test(id));
  assert.equal(ids.length, 1, `one long comment has an unfold button: ${ids}`);
  return { button: ids[0], text: ids[0].replace(/_whole$/, '') };
}

// The focused control is the mirror element `id`, marked, and the canvas scrolled its item into
// view (the ring is drawn where the person looks).
async function focusShownOn(page, id, height, when = '') {
  assert.deepEqual(await focusNow(page), [id, true, true], `the focus is on ${id}, marked${when}`);
  await waitForState(page, (s) => s.items[id] && s.items[id][1] >= 0 && s.items[id][1] + s.items[id][3] <= height,
    `${id} scrolled into view`);
}

// The overview's rows as the mirror holds them.
const tableRows = (page) => item(page, 'overview').evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => c.textContent)));

// Each step is a subtest: a step that fails is reported, and the next still runs on the same page.
test('keyboard only: compare with an earlier campaign, unfold the long comment, export the CSV', async (t) => {
  const { context, page, problems } = await openResults({ viewport: DESKTOP });
  try {
    // The screen opened at its title, which has the focus.
    await page.waitForFunction(() => document.activeElement?.matches('#mirror h1'));
    const { button: unfoldId, text: commentId } = await longComment(page);

    await t.test('(a) Tab to "Compare with an earlier campaign…", Enter: the file chooser, then the change column', async () => {
      const compare = item(page, 'compare_file');
      assert.equal(await compare.textContent(), 'Compare with an earlier campaign…');
      await keyTo(page, compare);
      await focusShownOn(page, 'compare_file', DESKTOP.height);
      const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
      await page.keyboard.press('Enter');
      await (await chooser).setFiles(earlierFile);
      await waitForState(page, (s) => s.session.earlier_file && s.session.earlier_file.title === 'Spring pulse', 'the earlier file');
      const rows = await tableRows(page);
      assert.deepEqual(rows[0], ['Question', 'Answered', 'Score', 'Change since “Spring pulse”']);
      assert.equal(rows[1 + QS.findIndex((q) => q.id === 'safe')][3],
        `+${SAFE_CHANGE} points (then ${favourable(EARLIER, 'safe')}% favourable)`);
      assert.equal(rows[1 + FOCUS_AT][3], `not shown: fewer than ${K} answered in one of the two`);
      // The focus stays on the button pressed once the screen has redrawn with the comparison.
      await page.waitForTimeout(300);
      await focusShownOn(page, 'compare_file', DESKTOP.height, ' after the comparison redrew the screen');
    });

    await t.test('(b) Shift+Tab to "Read the whole comment", Space: the canvas shows the whole comment', async () => {
      const unfold = item(page, unfoldId);
      assert.match(await unfold.textContent(), new RegExp(`^Read the whole comment \\(${LONG.length} characters\\)$`));
      const folded = (await snapshot(page)).items[commentId];
      await keyTo(page, unfold, { back: true });
      await focusShownOn(page, unfoldId, DESKTOP.height);
      await page.keyboard.press('Space');
      await page.waitForFunction((el) => el.textContent === 'Show less of this comment', await unfold.elementHandle());
      // Line wrapping makes heights inexact: the whole text is about LONG / 600 times the folded one.
      const whole = await waitForState(page, (s) => s.items[commentId][3] !== folded[3], 'the comment redrawn');
      assert.ok(whole.items[commentId][3] > folded[3] * 1.3, `the comment grew from ${folded[3]} to ${whole.items[commentId][3]} px`);
      assert.equal(await item(page, commentId).textContent(), LONG, 'the mirror has the whole comment');
      await page.waitForTimeout(300);
      await focusShownOn(page, unfoldId, DESKTOP.height, ' after unfolding');
      saveScreenshot('results-access-keyboard-unfolded.png', await page.screenshot());
    });

    await t.test('(c) Tab to "Export CSV", Enter: the CSV downloads', async () => {
      await keyTo(page, item(page, 'export_csv'));
      await focusShownOn(page, 'export_csv', DESKTOP.height);
      const download = page.waitForEvent('download', { timeout: 5000 });
      await page.keyboard.press('Enter');
      const csv = await download;
      assert.match(csv.suggestedFilename(), /\.csv$/);
      const saved = join(dir, 'keyboard.csv');
      await csv.saveAs(saved);
      assert.match(readFileSync(saved, 'utf8'), /^\uFEFFquestion_id,question,type,measure,option,value\r\n/);
      await page.waitForTimeout(300);
      await focusShownOn(page, 'export_csv', DESKTOP.height, ' after the export');
    });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// --- a phone -------------------------------------------------------------------------------

test('a phone: the same controls tapped, nothing wider than the screen, 44 px tap targets', async () => {
  const width = PHONE.viewport.width;
  const { context, page, problems } = await openResults(PHONE);
  const cdp = await context.newCDPSession(page);
  const hand = finger(page, cdp);
  const fits = async (what) => {
    const { cut } = await overflow(page, width);
    assert.deepEqual(cut, [], `${what} on a phone`);
    assert.deepEqual(await smallTargets(page, 44, { atLeast: 6 }), [], `tap targets shorter than 44 px (${what})`);
  };
  try {
    const { button: unfoldId, text: commentId } = await longComment(page);
    await fits('the results');

    // "Compare with an earlier campaign…" tapped: the file chooser, then a fourth column that fits too.
    const [, chooser] = await tap(page, hand, 'compare_file', () => page.waitForEvent('filechooser', { timeout: 5000 }));
    await chooser.setFiles(earlierFile);
    await waitForState(page, (s) => s.session.earlier_file && s.session.earlier_file.title === 'Spring pulse', 'the earlier file');
    assert.equal((await tableRows(page))[0].length, 4, 'the overview has its change column');
    await fits('the compared results');

    // "Read the whole comment" tapped: the whole comment, wrapped to the screen.
    const folded = (await snapshot(page)).items[commentId];
    await tap(page, hand, unfoldId);
    await page.waitForFunction((id) => document.querySelector(`#mirror [data-id="${id}"]`)?.textContent === 'Show less of this comment', unfoldId);
    const whole = await waitForState(page, (s) => s.items[commentId][3] !== folded[3], 'the comment redrawn');
    assert.ok(whole.items[commentId][3] > folded[3] * 1.3, `the comment grew from ${folded[3]} to ${whole.items[commentId][3]} px`);
    await fits('the unfolded comment');
    saveScreenshot('results-access-phone-comment.png', await page.screenshot());

    // "Export CSV" tapped: the CSV downloads.
    const [, download] = await tap(page, hand, 'export_csv', () => page.waitForEvent('download', { timeout: 5000 }));
    assert.match(download.suggestedFilename(), /\.csv$/);
    assert.deepEqual(problems, []);
  } finally {
    await cdp.detach();
    await context.close();
  }
});

// --- the accessibility tree ----------------------------------------------------------------

const role = (n) => n.role?.value;
const name = (n) => n.name?.value ?? '';

test('accessibility tree: the overview is a table with column headers; a hidden question says "fewer than K" only', async () => {
  const { context, page } = await openResults({ viewport: DESKTOP });
  try {
    await item(page, 'overview').waitFor({ state: 'attached' });
    const { nodes, below } = await axTree(page);
    const tables = nodes.filter((n) => role(n) === 'table' && name(n) === 'At a glance');
    assert.equal(tables.length, 1, `one table named "At a glance": ${nodes.filter((n) => role(n) === 'table').map(name)}`);
    const inside = below(tables[0]);
    const headers = inside.filter((n) => role(n) === 'columnheader').map(name);
    assert.deepEqual(headers, ['Question', 'Answered', 'Score']);
    const rows = inside.filter((n) => role(n) === 'row').map((r) => below(r).filter((c) => ['cell', 'gridcell', 'columnheader', 'rowheader'].includes(role(c))).map(name));
    assert.equal(rows.length, 1 + QS.length, JSON.stringify(rows));
    const n = (id) => NOW.filter((p) => p[id] !== undefined).length;
    assert.deepEqual(rows[1], [`1. ${SAFE}`, String(n('safe')), `${favourable(NOW, 'safe')}% favourable`]);
    assert.deepEqual(rows[1 + FOCUS_AT], [`${FOCUS_AT + 1}. ${FOCUS}`, `fewer than ${K}`, 'hidden']);
    assert.deepEqual(rows[1 + IDEA_AT], [`${IDEA_AT + 1}. ${IDEA}`, String(n('idea')), `${n('idea')} comments`]);

    // The hidden question: "fewer than K" on its card too, and its count nowhere on the screen.
    const hiddenCount = n('focus');
    const texts = nodes.map(name).filter(Boolean);
    assert.ok(texts.includes(`Hidden: fewer than ${K} people answered this question.`), texts.join('\n'));
    assert.ok(texts.includes(`${n('safe')} answered`), 'shown questions say how many answered');
    assert.ok(!texts.some((t) => t.includes(`${hiddenCount} answered`)), `no "${hiddenCount} answered" for the hidden question`);
    // Shown scale questions have their chart as a table; the hidden one has none (no counts).
    const charts = nodes.filter((x) => role(x) === 'table').map(name);
    assert.ok(charts.includes(SAFE), JSON.stringify(charts));
    assert.ok(!charts.includes(FOCUS), JSON.stringify(charts));
  } finally {
    await context.close();
  }
});
