// Short links for everyone: the "Opening the campaign…" screen a short link shows while its stored
// campaign is on its way, as a screen reader meets it (a focused heading, a polite status) and on
// a phone (nothing wider than the screen, 44 px tap targets), and the intro after it; a campaign
// missing from its address is announced, and Try again works by keyboard alone once it is there.
// The manifest's GET is held with page.route() to keep the page on the opening screen; elements
// are found by role and name in the accessibility tree, sizes from the app's snapshot and the
// mirror's own boxes.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { campaignFixture } from './campaign.mjs';
import { openApp, saveScreenshot, snapshot, waitForState } from './harness.mjs';
import { mirror, screenTitled, tabTo } from './keyboard.mjs';
import { PHONE, overflow, smallTargets } from './phone.mjs';

const env = campaignFixture();

// Stores the campaign beside the answers with the CLI (again: the name is write-once, the same
// link comes back) and returns its short link, the page path and the stored manifest's URL.
function publish() {
  const link = env.campaign.ok(['campaign', 'link', 'token.txt', '--app', `${env.server.url}/`, '--short']).trim();
  const path = link.slice(env.server.url.length);
  assert.match(path, /^\/#m=\/store\/[a-z0-9]+\/m-[a-z0-9]+\.parley$/);
  const name = link.split('/').pop();
  return { link, path, url: env.server.url + path.slice('/#m='.length), file: join(env.server.data, env.campaign.campaignId, name) };
}

// Holds every GET of `url` until release() is called (installed before the page loads);
// `arrived` resolves when the first one reaches the hold.
function holdManifest(url) {
  let release;
  let arrive;
  const gate = new Promise((r) => { release = r; });
  const hold = { held: 0, arrived: new Promise((r) => { arrive = r; }), release: () => release() };
  const install = (page) => page.route(url, async (route) => {
    hold.held += 1;
    arrive();
    await gate;
    await route.continue();
  });
  return { hold, install };
}

test('the opening screen is a focused heading and a polite status, and the intro follows it', async () => {
  const { path, url } = publish();
  const { hold, install } = holdManifest(url);
  const { context, page, problems } = await openApp(env.chrome.browser, env.server.url, {}, path, install);
  try {
    const s = await waitForState(page, (x) => x.screen === 'opening', 'the opening screen', 10000);
    await hold.arrived;
    assert.equal(hold.held, 1, 'the stored campaign was asked for once');
    assert.equal(s.campaign, undefined, 'no campaign before its manifest arrived');
    await screenTitled(page, 'Opening the campaign…');

    const detail = `Fetching the campaign this link names from ${new URL(env.server.url).host}.`;
    const tree = await mirror(page).ariaSnapshot();
    for (const line of ['heading "Opening the campaign…" [level=1]', `status: ${detail}`, 'button "Back"']) {
      assert.ok(tree.includes(line), `the opening screen lacks ${line}:\n${tree}`);
    }
    // The status is a live region (role=status: polite) holding the detail a screen reader announces.
    const status = mirror(page).getByRole('status');
    assert.equal(await status.count(), 1);
    assert.equal(await status.textContent(), detail);
    // Read once: the status is the only place the page holds the detail.
    assert.equal(await mirror(page).getByText(detail, { exact: true }).count(), 1);
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const live = nodes.filter((n) => !n.ignored && n.role?.value === 'status')
      .map((n) => Object.fromEntries((n.properties || []).map((p) => [p.name, p.value.value])));
    assert.deepEqual(live.map((p) => p.live), ['polite'], JSON.stringify(live));

    // Still waiting a few frames later: the screen holds while the storage has not answered.
    await page.waitForTimeout(200);
    assert.equal((await snapshot(page)).screen, 'opening');

    hold.release();
    const intro = await waitForState(page, (x) => x.screen === 'intro', 'the intro', 10000);
    assert.equal(intro.campaign.title, 'Team trust pulse');
    // The new screen is announced from its title, and the opening's status is gone with it.
    await screenTitled(page, 'Team trust pulse');
    assert.equal(await mirror(page).getByRole('status').count(), 0);
    const introTree = await mirror(page).ariaSnapshot();
    assert.ok(!introTree.includes('Opening the campaign'), introTree);
    for (const line of ['button "Give feedback"', 'button "I\'d like a neutral third party to help with a conflict"']) {
      assert.ok(introTree.includes(line), `the intro lacks ${line}:\n${introTree}`);
    }
    assert.equal(hold.held, 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a phone: the opening screen and the intro fit the screen, with 44 px tap targets', async () => {
  const { path, url } = publish();
  const { hold, install } = holdManifest(url);
  const width = PHONE.viewport.width;
  const { context, page, problems } = await openApp(env.chrome.browser, env.server.url, PHONE, path, install);
  try {
    await waitForState(page, (x) => x.screen === 'opening' && x.items.back_button, 'the opening screen', 10000);
    await screenTitled(page, 'Opening the campaign…');
    const opening = await overflow(page, width);
    assert.deepEqual(opening.cut, [], 'the opening screen on a phone');
    for (const id of ['opening_title', 'opening_status', 'back_button']) assert.ok(opening.items[id], `${id} is drawn`);
    assert.ok(opening.items.back_button[3] >= 44, `Back is ${opening.items.back_button[3]} px tall`);
    assert.deepEqual(await smallTargets(page, 44, { selector: '#mirror button, #mirror input[type=radio], #mirror input[type=checkbox]' }), [], 'tap targets of the opening screen');
    saveScreenshot('short-link-phone-opening.png', await page.screenshot());

    hold.release();
    await waitForState(page, (x) => x.screen === 'intro' && x.items.feedback_button && x.items.mediation_button, 'the intro', 10000);
    await screenTitled(page, 'Team trust pulse');
    const intro = await overflow(page, width);
    assert.deepEqual(intro.cut, [], 'the intro on a phone');
    for (const id of ['campaign_title', 'who_reads', 'feedback_button', 'mediation_button']) assert.ok(intro.items[id], `${id} is drawn`);
    for (const id of ['feedback_button', 'mediation_button']) {
      assert.ok(intro.items[id][3] >= 44, `${id} is ${intro.items[id][3]} px tall`);
    }
    const buttons = await page.$$eval('#mirror button', (els) => els.map((e) => e.dataset.id));
    assert.deepEqual(buttons.sort(), ['feedback_button', 'mediation_button']);
    assert.deepEqual(await smallTargets(page, 44, { selector: '#mirror button, #mirror input[type=radio], #mirror input[type=checkbox]' }), [], 'tap targets of the intro');
    saveScreenshot('short-link-phone-intro.png', await page.screenshot());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('keyboard only: a campaign missing from its address is announced, and Try again opens it once it is there', async () => {
  const { path, url, file } = publish();
  rmSync(file, { force: true });  // never there, as far as the page can tell
  const { context, page } = await openApp(env.chrome.browser, env.server.url, {}, path);
  const missing = () => page.waitForResponse((r) => r.url() === url && r.status() === 404, { timeout: 10000 });
  try {
    const s = await waitForState(page, (x) => x.screen === 'campaign_problem', 'the problem screen', 10000);
    assert.equal(s.problem.retry, true);
    // Announced: its title is the focused level-1 heading, its reason a paragraph, its way out buttons.
    await screenTitled(page, 'This campaign could not be fetched');
    const tree = await mirror(page).ariaSnapshot();
    for (const line of ['heading "This campaign could not be fetched" [level=1]', 'button "Try again"', 'button "Back"']) {
      assert.ok(tree.includes(line), `the problem screen lacks ${line}:\n${tree}`);
    }
    assert.match(tree, /paragraph: .*not at the address/);
    const retry = mirror(page).getByRole('button', { name: 'Try again', exact: true });

    // Try again by keyboard while the campaign is still missing: the page asks once more, and
    // says the same.
    await tabTo(page, retry);
    let answered = missing();
    await page.keyboard.press('Enter');
    await answered;
    await waitForState(page, (x) => x.screen === 'campaign_problem', 'the problem screen again', 10000);
    await mirror(page).getByRole('heading', { level: 1, name: 'This campaign could not be fetched', exact: true }).waitFor({ state: 'attached' });

    // Once the campaign is stored, Tab and Enter on Try again open its intro, announced by its title.
    publish();
    await tabTo(page, retry);
    answered = page.waitForResponse((r) => r.url() === url && r.status() === 200, { timeout: 10000 });
    await page.keyboard.press('Enter');
    await answered;
    const intro = await waitForState(page, (x) => x.screen === 'intro', 'the intro', 10000);
    assert.equal(intro.campaign.title, 'Team trust pulse');
    await screenTitled(page, 'Team trust pulse');
    assert.ok((await mirror(page).ariaSnapshot()).includes('button "Give feedback"'));
  } finally {
    await context.close();
    publish();  // the stored campaign is there again for any later test
  }
});
