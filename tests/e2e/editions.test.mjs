// The two builds of the app (src/ui/edition.h): a campaign link loads the respondents' build,
// answer.wasm, and never the full app or its worker pool; its way in to an organiser's screen
// loads the full app on that screen, leaving the campaign link out of the page's address.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickItem, openApp, pressKey, waitForState } from './harness.mjs';
import { campaignFixture } from './campaign.mjs';

const env = campaignFixture();
const paths = (requests) => requests.map((u) => new URL(u).pathname);

test('a campaign link loads the respondents\' build and nothing of the organisers\'', async () => {
  const app = await openApp(env.chrome.browser, env.server.url, {}, `/#c=${env.campaign.token}`);
  try {
    const s = await waitForState(app.page, (x) => x.screen === 'intro', 'the intro');
    assert.equal(s.campaign.title, 'Team trust pulse');
    const fetched = paths(app.requests);
    assert.ok(fetched.includes('/answer.wasm') && fetched.includes('/answer.js'), fetched.join(' '));
    for (const file of ['/parley.wasm', '/parley.js', '/parley_worker.js', '/parley_worker.wasm']) {
      assert.ok(!fetched.includes(file), `${file} was fetched: ${fetched.join(' ')}`);
    }
    assert.equal(s.keys_in_memory, undefined, 'no organiser\'s state in this build');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.context.close();
  }
});

test('the app\'s own address loads the full app', async () => {
  const app = await openApp(env.chrome.browser, env.server.url);
  try {
    await waitForState(app.page, (x) => x.screen === 'welcome', 'the welcome');
    const fetched = paths(app.requests);
    assert.ok(fetched.includes('/parley.wasm'), fetched.join(' '));
    assert.ok(!fetched.includes('/answer.wasm'), fetched.join(' '));
  } finally {
    await app.context.close();
  }
});

test('from a campaign link, "Create a campaign" opens the full app at its key screen', async () => {
  const app = await openApp(env.chrome.browser, env.server.url, {}, `/#c=${env.campaign.token}`);
  try {
    await waitForState(app.page, (x) => x.screen === 'intro', 'the intro');
    await pressKey(app.page, 'Escape');  // back to the welcome screen
    await waitForState(app.page, (x) => x.screen === 'welcome', 'the welcome');
    const loaded = app.page.waitForURL((u) => u.hash === '#go=create-campaign');
    await clickItem(app.page, 'create_campaign');
    await loaded;
    await app.page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    const s = await waitForState(app.page, (x) => x.screen === 'keys', 'the key screen', 10000);
    assert.equal(s.keys_in_memory, false);
    assert.ok(paths(app.requests).includes('/parley.wasm'));
    // Going back from there is the full app's welcome, not the campaign; the screen request is
    // read once, so a reload opens the welcome screen too.
    assert.ok(!app.page.url().includes('#c='), app.page.url());
    assert.ok(!app.page.url().includes('#go='), app.page.url());
    await app.page.reload();
    await app.page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    await waitForState(app.page, (x) => x.screen === 'welcome', 'the welcome after a reload');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.context.close();
  }
});
