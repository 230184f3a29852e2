// A deployment that pins trust with a site file (docs/DEPLOYING.md): serve.py --site FILE. A link
// signed by a listed key opens and names its signer; a link signed by any other key is refused
// before anyone types a word; the page may connect to the listed storage only. Without a site
// file, the same unlisted link opens as before.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { cliCampaign, field } from './campaign.mjs';
import { launchBrowser, openApp, startServer, waitForState } from './harness.mjs';

// Nothing listens there: these tests open links, they send nothing.
const STORAGE = 'http://127.0.0.1:9';

let listed, unlisted, dir, pinned, plain, chrome;

before(async () => {
  listed = cliCampaign(STORAGE);
  unlisted = cliCampaign(STORAGE);
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-site-'));
  const siteFile = join(dir, 'parley-site.json');
  writeFileSync(siteFile, JSON.stringify({
    v: 1,
    signers: [{ label: 'People team', key: field(listed.ok(['pubkey', 'mgr.key']), 'signer') }],
    storage: [STORAGE],
  }));
  pinned = await startServer(['--site', siteFile]);
  plain = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await pinned?.stop();
  await plain?.stop();
  listed?.remove();
  unlisted?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(server, campaign) {
  const app = await openApp(chrome.browser, server.url, {}, `/#c=${campaign.token}`);
  const state = await waitForState(app.page, (s) => s.screen === 'intro' || s.screen === 'campaign_problem', 'a screen for the link');
  return { ...app, state };
}

test('a link signed by a listed key opens, naming its signer as the site does', async () => {
  const { context, page, state, response } = await open(pinned, listed);
  try {
    assert.equal(state.screen, 'intro');
    await page.waitForFunction(() => document.getElementById('mirror').textContent.includes('signed by People team'));
    const connect = response.headers()['content-security-policy'].split(';').map((d) => d.trim())
      .find((d) => d.startsWith('connect-src'));
    assert.deepEqual(connect.split(' ').slice(1), ["'self'", STORAGE]);
  } finally {
    await context.close();
  }
});

test('a link signed by any other key is refused before anything is typed', async () => {
  const { context, page, state, requests } = await open(pinned, unlisted);
  try {
    assert.equal(state.screen, 'campaign_problem', JSON.stringify({ site: state.site, problem: state.problem }));
    assert.equal(state.problem.title, 'This site does not open "Team trust pulse"');
    assert.match(state.problem.detail, /not on this site's list/);
    const heading = page.getByRole('heading', { level: 1 });
    assert.equal(await heading.textContent(), 'This site does not open "Team trust pulse"');
    assert.deepEqual(requests.filter((u) => u.startsWith(STORAGE)), []);
  } finally {
    await context.close();
  }
});

test('without a site file the same link opens, signed with a key the sender can confirm', async () => {
  const { context, page, state } = await open(plain, unlisted);
  try {
    assert.equal(state.screen, 'intro');
    await page.waitForFunction(() => document.getElementById('mirror').textContent.includes('signed with key'));
  } finally {
    await context.close();
  }
});
