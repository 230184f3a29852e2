// Results worth reading, as a manager reads them in the browser: an earlier campaign answered by
// six people and this one by five, every answer sent from its own browser. The manager saves the
// earlier campaign's results file, opens this campaign's results and compares with that file.
// The overview, the favourable shares, the eNPS and every change on screen must equal what this
// test computes itself from the answers it sent (never from the app's own export); a question
// below k in either campaign shows no change and no figure; long comments are whole in the
// mirror and unfold on the canvas; the CSV starts with a UTF-8 BOM and round-trips through
// csv-parse with Vietnamese and Japanese intact.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { parse } from 'csv-parse/sync';

import { MGR_PASS, afterCloseClock, cliCampaign } from './campaign.mjs';
import {
  clickItem, launchBrowser, openApp, saveScreenshot, shownParagraphs, snapshot, startServer, waitForState,
} from './harness.mjs';
import { answerQuestions, unlockWithFile } from './people.mjs';

const K = 5;  // the CLI's default k
const SAFE = 'I can raise a problem in this team without fear.';
const REC = 'How likely are you to recommend this team to a friend?';
const FOCUS = 'I have enough time for focused work.';
const GROWTH = 'I am learning and growing here.';
const IDEA = 'One thing your manager could do differently';
const questions = (clear) => [
  { id: 'safe', type: 'likert', text: SAFE, required: true },
  { id: 'rec', type: 'enps', text: REC, required: true },
  { id: 'focus', type: 'likert', text: FOCUS, required: false },
  { id: 'growth', type: 'likert', text: GROWTH, required: false },
  { id: 'clear', type: 'likert', text: clear, required: true },
  { id: 'idea', type: 'text', text: IDEA, required: false },
];
const EARLIER_Q = questions('Goals are clear.');
const NOW_Q = questions('Our goals for this quarter are clear to me.');  // reworded: not comparable

// Six people then: "growth" answered by 3 only (below k then).
const EARLIER = [
  { safe: 5, rec: 9, focus: 4, growth: 5, clear: 3 },
  { safe: 4, rec: 10, focus: 4, growth: 5, clear: 3 },
  { safe: 4, rec: 6, focus: 5, growth: 4, clear: 3 },
  { safe: 2, rec: 7, focus: 3, clear: 3 },
  { safe: 3, rec: 3, focus: 2, clear: 3 },
  { safe: 1, rec: 8, focus: 4, clear: 3 },
];
// A long comment in Vietnamese, Japanese and English: longer than the fold, kept whole everywhere.
const LONG = ('Tôi mong chúng ta có thể họp ít hơn vào buổi chiều để có thời gian tập trung. '
  + '会議が多すぎて、集中して作業する時間がほとんどありません。 '
  + 'When the afternoon is cut into half-hour pieces nothing difficult gets finished, and the work moves to the evening. ').repeat(4).trim();
const SHORT = 'Fewer meetings on Fridays, please.';
// Five people now: "focus" answered by 4 only (below k now); everyone left a comment (comments
// need k too).
const NOW = [
  { safe: 5, rec: 10, focus: 5, growth: 4, clear: 4, idea: LONG },
  { safe: 5, rec: 9, focus: 5, growth: 4, clear: 4, idea: SHORT },
  { safe: 4, rec: 9, focus: 4, growth: 3, clear: 4, idea: 'Share the roadmap earlier.' },
  { safe: 3, rec: 6, focus: 1, growth: 2, clear: 4, idea: 'More written decisions.' },
  { safe: 4, rec: 8, growth: 5, clear: 5, idea: 'Keep the Monday check-in short.' },
];

// --- the figures, computed here from the answers sent (docs/RESULTS.md) --------------------
const answersTo = (people, id) => people.map((p) => p[id]).filter((v) => v !== undefined);
function split(type, values) {
  const [fav, neu] = type === 'enps' ? [9, 7] : [4, 3];
  return [values.filter((v) => v >= fav).length, values.filter((v) => v >= neu && v < fav).length,
    values.filter((v) => v < neu).length];
}
// Whole percentages adding up to 100: floors, then the leftover points by largest remainder
// (ties: the larger count, then favourable, neutral, unfavourable).
function wholePercentages(parts) {
  const total = parts.reduce((a, b) => a + b, 0);
  const out = parts.map((p) => Math.floor((100 * p) / total));
  const order = parts.map((p, i) => i).sort((a, b) => ((100 * parts[b]) % total) - ((100 * parts[a]) % total) || parts[b] - parts[a] || a - b);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  for (const i of order) if (left-- > 0) out[i] += 1;
  return out;
}
function enps(values) {
  const [p, , d] = split('enps', values);
  const x = (100 * (p - d)) / values.length;
  return Math.sign(x) * Math.round(Math.abs(x));
}
function score(q, people) {
  const values = answersTo(people, q.id);
  if (values.length < K) return null;
  return q.type === 'enps' ? enps(values) : wholePercentages(split('likert', values))[0];
}
const scoreText = (q, v) => (q.type === 'enps' ? `eNPS ${v > 0 ? '+' : ''}${v}` : `${v}% favourable`);
const changeText = (d) => (d === 0 ? 'no change' : `${d > 0 ? '+' : ''}${d} point${Math.abs(d) === 1 ? '' : 's'}`);

// --- people, as they would do it ---------------------------------------------------------
let server;
let chrome;
let dir;
let earlier;
let now;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-results-'));
  server = await startServer();
  chrome = await launchBrowser();
  earlier = cliCampaign(server.url, { questions: EARLIER_Q, title: 'Spring pulse' });
  now = cliCampaign(server.url, { questions: NOW_Q, title: 'Autumn pulse' });
  // This campaign travels by short link: its manifest stored beside the answers.
  now.link = now.ok(['campaign', 'link', 'token.txt', '--app', `${server.url}/`, '--short']).trim();
  assert.match(now.link, /#m=\/store\/[a-z2-7]+\/m-[a-z2-7]{52}\.parley$/);
  assert.ok(now.link.length < 130, now.link);
  earlier.link = `${server.url}/#c=${earlier.token}`;
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  earlier?.remove();
  now?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openResultsOf(campaign) {
  const app = await openApp(chrome.browser, server.url, {}, '/', afterCloseClock);
  await clickItem(app.page, 'open_results');
  await waitForState(app.page, (s) => s.screen === 'unlock', 'the unlock screen');
  const s = await unlockWithFile(app.page, server.url, campaign.link, join(campaign.dir, 'mgr.key'), MGR_PASS);
  assert.equal(s.screen, 'results');
  return app;
}

async function download(page, id, name) {
  const file = join(dir, name);
  const done = page.waitForEvent('download');
  await clickItem(page, id);
  await (await done).saveAs(file);
  return readFileSync(file);
}

// The rows of a table in the page's mirror, as a screen reader gets them.
const tableRows = (page, id) => page.locator(`#mirror [data-id="${id}"]`).evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => c.textContent)));

test('overview, favourable shares and changes since an earlier campaign match the answers sent; nothing below k', async () => {
  for (const p of EARLIER) await answerQuestions(chrome.browser, server.url, earlier.link, EARLIER_Q, p);
  for (const p of NOW) await answerQuestions(chrome.browser, server.url, now.link, NOW_Q, p);

  // The earlier campaign: its results file, saved from its results screen.
  const spring = await openResultsOf(earlier);
  const earlierFile = join(dir, 'spring.json');
  const saved = JSON.parse((await download(spring.page, 'export_json', 'spring.json')).toString('utf8'));
  const growthThen = saved.questions.find((q) => q.id === 'growth');
  assert.deepEqual(growthThen, { id: 'growth', type: 'likert', text: GROWTH, visible: false }, 'the file has no figure below k');
  await spring.context.close();

  // This campaign's results.
  const autumn = await openResultsOf(now);
  const { page } = autumn;
  let shown = await shownParagraphs(page);
  assert.ok(shown.includes(`${NOW.length} responses.`), shown.join('\n'));
  assert.ok(!shown.some((t) => /Results appear once/.test(t)), 'the "appear once" sentence goes once results show');

  // The overview before comparing: every question, its count and its score.
  const expectedRow = (q, i, withChange) => {
    const n = answersTo(NOW, q.id).length;
    const row = [`${i + 1}. ${q.text}`];
    if (n < K) row.push(`fewer than ${K}`, 'hidden');
    else if (q.type === 'text') row.push(String(n), `${n} comments`);
    else row.push(String(n), scoreText(q, score(q, NOW)));
    if (withChange) {
      const then = EARLIER_Q.find((e) => e.id === q.id);
      if (!then) row.push('not asked then');
      else if (then.text !== q.text) row.push('not compared: worded differently then');
      else if (q.type === 'text') row.push('asked then too');
      else {
        const a = score(q, NOW);
        const b = score(then, EARLIER);
        row.push(a === null || b === null ? `not shown: fewer than ${K} answered in one of the two`
          : `${changeText(a - b)} (then ${scoreText(q, b)})`);
      }
    }
    return row;
  };
  assert.deepEqual(await tableRows(page, 'overview'), [
    ['Question', 'Answered', 'Score'],
    ...NOW_Q.map((q, i) => expectedRow(q, i, false)),
  ]);

  // The favourable / neutral / unfavourable line of each shown scale question.
  for (const q of NOW_Q.filter((x) => x.type === 'likert' || x.type === 'enps')) {
    const values = answersTo(NOW, q.id);
    const line = (pct) => `Favourable ${pct[0]}%   Neutral ${pct[1]}%   Unfavourable ${pct[2]}%`;
    if (values.length >= K) assert.ok(shown.includes(line(wholePercentages(split(q.type, values)))), `${q.id}`);
  }
  const splits = shown.filter((t) => t.startsWith('Favourable '));
  assert.equal(splits.length, NOW_Q.filter((q) => q.type !== 'text' && answersTo(NOW, q.id).length >= K).length, 'none for the hidden question');
  assert.ok(shown.includes(`eNPS ${enps(answersTo(NOW, 'rec')) > 0 ? '+' : ''}${enps(answersTo(NOW, 'rec'))}   (promoters 3, passives 1, detractors 1)`), shown.join('\n'));
  // The hidden question says so, and not how many answered it.
  assert.ok(shown.includes(`Hidden: fewer than ${K} people answered this question.`));
  assert.ok(!shown.includes(`${answersTo(NOW, 'focus').length} answered`));

  // Compare with the earlier campaign's results file.
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, 'compare_file');
  await (await chooser).setFiles(earlierFile);
  await waitForState(page, (s) => s.session.earlier_file && s.session.earlier_file.title === 'Spring pulse', 'the earlier file');
  const rows = await tableRows(page, 'overview');
  assert.deepEqual(rows, [
    ['Question', 'Answered', 'Score', 'Change since “Spring pulse”'],
    ...NOW_Q.map((q, i) => expectedRow(q, i, true)),
  ]);
  // The two computed changes really are there, and the k rule held where it must.
  assert.equal(rows[1][3], '+30 points (then 50% favourable)');  // safe: 80% now, 50% then
  assert.equal(rows[2][3], '+40 points (then eNPS 0)');          // rec: 40 now, 0 then
  assert.match(rows[3][3], /^not shown/);  // focus: below k now
  assert.match(rows[4][3], /^not shown/);  // growth: below k then
  shown = await shownParagraphs(page);
  const matched = NOW_Q.filter((q) => EARLIER_Q.some((e) => e.id === q.id && e.text === q.text)).length;
  assert.ok(shown.includes(`Compared with “Spring pulse”: ${matched} of ${NOW_Q.length} questions matched (same id and wording).`), shown.join('\n'));
  assert.ok(shown.includes('Since “Spring pulse”: +30 points (then 50% favourable)'));
  // Nothing anywhere on the screen gives the earlier "growth" figure (3 answered then: 100%).
  const page_text = (await page.locator('#mirror').textContent());
  assert.ok(!/then 100% favourable/.test(page_text), 'no figure of a question below k then');
  saveScreenshot('results-1-compared.png', await page.screenshot());

  // Comments: the long one is whole in the mirror, folded on the canvas until unfolded.
  const comments = await page.locator('#mirror [data-id^="comments5_"]').filter({ hasText: /./ }).allTextContents();
  assert.ok(comments.includes(LONG), 'the long comment, whole, in the mirror');
  assert.ok(comments.includes(SHORT));
  const s = await snapshot(page);
  const unfold = Object.keys(s.items).find((id) => /^comments5_\d+_whole$/.test(id));
  assert.ok(unfold, 'a long comment has its "read the whole comment" button');
  const button = page.locator(`#mirror [data-id="${unfold}"]`);
  assert.match(await button.textContent(), /^Read the whole comment \(\d+ characters\)$/);
  await clickItem(page, unfold);
  await page.waitForFunction((id) => document.querySelector(`#mirror [data-id="${id}"]`)?.textContent === 'Show less of this comment', unfold);
  assert.ok((await page.locator('#mirror [data-id^="comments5_"]').allTextContents()).includes(LONG), 'still whole');
  saveScreenshot('results-2-comment.png', await page.screenshot());

  // The CSV: a UTF-8 byte order mark, then one value per row that csv-parse reads back.
  const csv = await download(page, 'export_csv', 'autumn.csv');
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const records = parse(csv, { bom: true, columns: true });
  assert.deepEqual(Object.keys(records[0]), ['question_id', 'question', 'type', 'measure', 'option', 'value']);
  const value = (id, measure, option = '') => records.filter((r) => r.question_id === id && r.measure === measure && r.option === option).map((r) => r.value);
  assert.deepEqual(value('', 'responses'), [String(NOW.length)]);
  assert.deepEqual(value('safe', 'favourable_pct'), [String(score(NOW_Q[0], NOW))]);
  assert.deepEqual(value('rec', 'enps'), [String(enps(answersTo(NOW, 'rec')))]);
  assert.deepEqual(value('safe', 'count', '5'), ['2']);
  assert.deepEqual(records.filter((r) => r.question_id === 'focus').map((r) => [r.measure, r.value]), [['hidden', '']]);
  assert.deepEqual(value('idea', 'comment').sort(), answersTo(NOW, 'idea').sort(), 'comments whole, Vietnamese and Japanese intact');
  assert.equal(records.find((r) => r.question_id === 'clear').question, NOW_Q[4].text);
  await autumn.context.close();
});
