// QR codes for teams that meet in person, read back by a real QR reader (zbarimg, Debian
// zbar-tools): a manager signs a campaign, sees its code on the share screen (an image in the
// page's mirror) and saves it as PNG, as SVG and as a printable sheet; each decodes to exactly
// the link shown. A trustee's printable sheet carries one code per invitation, each decoding to
// that invitation's own link.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  clickItem, launchBrowser, openApp, pasteInto, pressKey, saveScreenshot, snapshot, startServer, typeText, waitForState,
} from './harness.mjs';
import { makeKeyFile, unlockWithFile } from './people.mjs';

const PASS = 'maple harbor quiet lantern';
let server;
let chrome;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-qr-'));
  server = await startServer();
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// What zbarimg reads in an image file: the one code's text (it fails on none or several).
function decode(file) {
  const r = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `zbarimg found no code in ${file}: ${r.stderr}`);
  const lines = r.stdout.replace(/\n$/, '').split('\n');
  assert.equal(lines.length, 1, `one code in ${file}, not ${lines.length}`);
  return lines[0];
}

// Saves what the app offers when `id` is clicked; returns the file's path.
async function saveDownload(page, id, name) {
  const download = page.waitForEvent('download');
  await clickItem(page, id);
  const file = join(dir, name);
  await (await download).saveAs(file);
  return file;
}

// Opens an HTML file as a person would (file://), at 4 device pixels per CSS pixel so that every
// module of a large code is several pixels wide, and photographs each of its QR images.
async function photographCodes(htmlFile, prefix) {
  const context = await chrome.browser.newContext({ viewport: { width: 1000, height: 1000 }, deviceScaleFactor: 4,
    javaScriptEnabled: false });
  const page = await context.newPage();
  const blocked = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) blocked.push(r.url()); });
  await page.goto(`file://${htmlFile}`);
  const codes = page.locator('svg[role="img"]');
  const out = [];
  for (let i = 0; i < await codes.count(); i++) {
    const png = join(dir, `${prefix}-${i}.png`);
    writeFileSync(png, await codes.nth(i).screenshot());
    out.push({ png, name: await codes.nth(i).getAttribute('aria-label') });
  }
  await context.close();
  assert.deepEqual(blocked, [], 'the page fetches nothing');
  return out;
}

// Scrolls with the wheel in the page's left margin, away from the link's own scrolling box,
// until a named widget is wholly in view.
async function scrollIntoView(page, id) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 40; i++) {
    const [, y, , h] = (await waitForState(page, (s) => s.items && s.items[id], id)).items[id];
    if (y >= 0 && y + h <= height) return;
    await page.mouse.move(40, height / 2);
    await page.mouse.wheel(0, y < 0 ? -200 : 200);
    await page.waitForTimeout(80);
  }
  throw new Error(`could not scroll ${id} into view: ${JSON.stringify((await snapshot(page)).items[id])}`);
}

// A manager's key file and a campaign from the trust-pulse template; `trustee` names one.
async function signCampaign(trusteeKeys) {
  const app = await openApp(chrome.browser, server.url);
  const { page } = app;
  await clickItem(page, 'create_campaign');
  await makeKeyFile(page, join(dir, 'manager.key'), PASS);
  await clickItem(page, 'builder_button');
  await waitForState(page, (s) => s.screen === 'builder', 'the builder');
  await clickItem(page, 'tpl_team-trust-pulse');
  if (trusteeKeys) {
    await pasteInto(page, server.url, 'trustee_keys', trusteeKeys);
    await clickItem(page, 'trustee_name');
    await typeText(page, 'Works council');
    await pressKey(page, 'Escape');
  } else {
    await clickItem(page, 'mode_direct');
  }
  await clickItem(page, 'sign_button');
  // The short link replaces the long one once the campaign is stored beside the answers.
  const shared = await waitForState(page, (s) => s.screen === 'share' && !s.builder.publishing, 'the short link');
  assert.match(shared.builder.link, /#m=\/store\//, shared.builder.why_long);
  return { app, link: shared.builder.link };
}

test('the share screen shows the campaign link as a QR code and saves it as PNG, SVG and a sheet', async () => {
  const { app, link } = await signCampaign(null);
  const { page } = app;
  assert.ok(link.startsWith(`${server.url}/#`), link);
  // The canvas's code is an image with a name for screen readers.
  const image = page.locator('#mirror').getByRole('img', { name: 'QR code for the campaign link' });
  assert.equal(await image.count(), 1);
  await scrollIntoView(page, 'share_qr');
  saveScreenshot('qr-share.png', await page.screenshot());

  // The PNG, as the app's download delivers it.
  const png = await saveDownload(page, 'save_qr_png', 'campaign-qr.png');
  assert.deepEqual([...readFileSync(png).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(decode(png), link);

  // The SVG, drawn by Chromium and read back from its picture.
  const svg = await saveDownload(page, 'save_qr_svg', 'campaign-qr.svg');
  assert.match(readFileSync(svg, 'utf8'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/);
  const drawn = await photographCodes(svg, 'campaign-svg');
  assert.equal(drawn.length, 1);
  assert.equal(decode(drawn[0].png), link);

  // The printable sheet: title, the code and the link written out, and no script.
  const sheet = await saveDownload(page, 'save_qr_sheet', 'campaign-sheet.html');
  const text = readFileSync(sheet, 'utf8');
  assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.doesNotMatch(text, /<script/i);
  assert.match(text, /<h1>Team trust pulse<\/h1>/);
  const printed = await photographCodes(sheet, 'campaign-sheet');
  assert.equal(printed.length, 1);
  assert.equal(printed[0].name, 'QR code for the campaign link');
  assert.equal(decode(printed[0].png), link);
  assert.ok(text.includes(`>${link.replaceAll('&', '&amp;')}</a>`), 'the link is written out');
  await app.context.close();
});

test("each card of a trustee's invitation sheet carries the QR code of its own link", async () => {
  // The trustee's key, then a campaign naming it.
  const trusteeApp = await openApp(chrome.browser, server.url);
  await clickItem(trusteeApp.page, 'create_trustee');
  const trusteeKeys = (await makeKeyFile(trusteeApp.page, join(dir, 'trustee.key'), PASS)).keys.public_key;
  await trusteeApp.context.close();
  const { app: manager, link } = await signCampaign(trusteeKeys);
  await manager.context.close();

  // The trustee's desk: three invitations, their links (CSV) and the sheet.
  const app = await openApp(chrome.browser, server.url);
  const { page } = app;
  await clickItem(page, 'open_results');
  await waitForState(page, (s) => s.screen === 'unlock', 'the unlock screen');
  const s = await unlockWithFile(page, server.url, link, join(dir, 'trustee.key'), PASS);
  assert.equal(s.screen, 'trustee');
  await clickItem(page, 'invite_count');
  await typeText(page, '3');
  await pressKey(page, 'Enter');
  await waitForState(page, (st) => st.desk.published === 3, 'the published count', 15000);
  const csv = await saveDownload(page, 'download_csv', 'invitations.csv');
  const links = readFileSync(csv, 'utf8').trim().split('\r\n').slice(1).map((r) => JSON.parse(`[${r}]`)[2]);
  assert.equal(links.length, 3);
  const sheet = await saveDownload(page, 'download_sheet', 'invitations.html');
  await app.context.close();

  assert.doesNotMatch(readFileSync(sheet, 'utf8'), /<script/i);
  const out = await photographCodes(sheet, 'invitation');
  assert.equal(out.length, 3);
  for (let i = 0; i < 3; i++) {
    assert.equal(out[i].name, `QR code for invitation ${i + 1}`);
    assert.ok(links[i].startsWith(link + '&i='), links[i]);
    assert.equal(decode(out[i].png), links[i], `invitation ${i + 1}`);
  }
});
