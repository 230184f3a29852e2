// Short links in Chromium: a campaign whose manifest is stored beside the answers opens from a
// link that fits a chat line; the stored manifest changed by one byte gets exactly the calm
// screen a changed long link gets; a missing one says so and offers Try again, which works once
// the campaign is there.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { clickItem, openApp, snapshot, waitForState } from './harness.mjs';
import { campaignFixture } from './campaign.mjs';

const env = campaignFixture();

function publish() {
  const link = env.campaign.ok(['campaign', 'link', 'token.txt', '--app', `${env.server.url}/`, '--short']).trim();
  const name = link.split('/').pop();
  return { link, path: link.slice(env.server.url.length), file: join(env.server.data, env.campaign.campaignId, name) };
}

async function problemOf(path) {
  const app = await openApp(env.chrome.browser, env.server.url, {}, path);
  const s = await waitForState(app.page, (x) => x.screen === 'campaign_problem' || x.screen === 'intro', 'a screen');
  await app.context.close();
  return s;
}

test('a short link opens the campaign it names', async () => {
  const { link, path } = publish();
  assert.ok(link.length < 130, link);
  const app = await openApp(env.chrome.browser, env.server.url, {}, path);
  const s = await waitForState(app.page, (x) => x.screen === 'intro', 'the intro');
  assert.equal(s.campaign.title, 'Team trust pulse');
  // The long link opens the same campaign.
  const long = await openApp(env.chrome.browser, env.server.url, {}, `/#c=${env.campaign.token}`);
  const l = await waitForState(long.page, (x) => x.screen === 'intro', 'the intro');
  assert.deepEqual(l.campaign, s.campaign);
  await app.context.close();
  await long.context.close();
});

test('a stored campaign changed by one byte gets the same calm screen as a changed long link', async () => {
  const { path, file } = publish();
  const original = readFileSync(file);
  const changed = Buffer.from(original);
  const at = changed.length - 10;  // in the signature: the body still reads
  changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
  chmodSync(file, 0o644);
  writeFileSync(file, changed);
  try {
    const short = await problemOf(path);
    const long = await problemOf(`/#c=${changed.toString('utf8')}`);
    assert.equal(short.screen, 'campaign_problem');
    assert.equal(long.screen, 'campaign_problem');
    assert.deepEqual(short.problem, long.problem);
    assert.match(short.problem.title, /changed/);
  } finally {
    writeFileSync(file, original);
  }
});

test('a campaign not at its address says so, and Try again opens it once it is there', async () => {
  const { path, file } = publish();
  renameSync(file, `${file}.away`);
  const app = await openApp(env.chrome.browser, env.server.url, {}, path);
  const { page } = app;
  let s = await waitForState(page, (x) => x.screen === 'campaign_problem', 'the problem screen');
  assert.equal(s.problem.title, 'This campaign could not be fetched');
  assert.match(s.problem.detail, /not at the address/);
  assert.equal(s.problem.retry, true);
  renameSync(`${file}.away`, file);
  await clickItem(page, 'retry_button');
  s = await waitForState(page, (x) => x.screen === 'intro', 'the intro');
  assert.equal(s.campaign.title, 'Team trust pulse');
  assert.equal((await snapshot(page)).screen, 'intro');
  await app.context.close();
});
