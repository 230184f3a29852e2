// Every kind of storage, each on an origin other than the app's, as people would use it: a
// manager builds a campaign in the browser pointing at the storage, three people answer from
// separate browsers, and the manager opens the results in the browser. Storage: a second
// serve.py, nginx WebDAV and Ceph radosgw (S3, uploads by POST policy, reads signed with
// credentials typed in). Then the S3 refusals an organiser can cause — an expired policy, a
// size limit, another prefix, a bad signature — each shown in plain words, the envelope kept.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ROOT, clickItem, launchBrowser, openApp, pressKey, saveScreenshot, snapshot, startServer, typeText, waitForState,
} from './harness.mjs';
import { afterCloseClock } from './campaign.mjs';
import { freePort, startCeph, startNginx, startServePyStore } from './storage_servers.mjs';

const PASS = 'copper meadow silent harbor';
const PARLEY = process.env.PARLEY || join(ROOT, 'build', 'native', 'src', 'parley');
let app;
let chrome;
let dir;
const stores = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-storage-'));
  const appPort = await freePort();
  const appOrigin = `http://127.0.0.1:${appPort}`;
  stores.serve = await startServePyStore(appOrigin);
  stores.nginx = await startNginx(appOrigin);
  stores.ceph = await startCeph(appOrigin);
  const connect = Object.values(stores).flatMap((s) => ['--connect-src', s.origin]);
  app = await startServer(['--port', String(appPort), ...connect]);
  assert.equal(app.url, appOrigin);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await app?.stop();
  for (const s of Object.values(stores)) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pasteInto(page, id, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickItem(page, id);
  await pressKey(page, 'a', ['Control']);
  await pressKey(page, 'v', ['Control']);
  await pressKey(page, 'Escape');
}

async function typeInto(page, id, text) {
  await clickItem(page, id);
  await pressKey(page, 'a', ['Control']);
  await typeText(page, text);
  await pressKey(page, 'Escape');
}

// The manager makes a key file and an eNPS campaign with k = 3 stored at `storage`; returns
// { link, keyFile }.
async function buildCampaign(name, storage) {
  const manager = await openApp(chrome.browser, app.url);
  const { page } = manager;
  await clickItem(page, 'create_campaign');
  await typeInto(page, 'pass_input', PASS);
  await typeInto(page, 'repeat_input', PASS);
  const download = page.waitForEvent('download');
  await clickItem(page, 'make_key');
  const keyFile = join(dir, `${name}.key`);
  await (await download).saveAs(keyFile);
  await waitForState(page, (s) => s.keys && s.keys.public_key, 'the public key', 30000);
  await clickItem(page, 'builder_button');
  await waitForState(page, (s) => s.screen === 'builder', 'the builder');
  await clickItem(page, 'tpl_enps');
  await clickItem(page, 'mode_direct');
  if (storage.kind === 's3') {
    await clickItem(page, 'storage_s3');
    await pasteInto(page, 's3_bucket_url', storage.bucketUrl);
    await typeInto(page, 's3_region', storage.region);
    await typeInto(page, 's3_key_prefix', 'parley/{id}/');
    await typeInto(page, 's3_access_key', storage.accessKey);
    await typeInto(page, 's3_secret_key', storage.secretKey);
  } else {
    await pasteInto(page, 'storage_url', storage.url);
  }
  await typeInto(page, 'k_input', '3');
  saveScreenshot(`storage-${name}-builder.png`, await page.screenshot());
  await clickItem(page, 'sign_button');
  const shared = await waitForState(page, (s) => s.screen === 'share' && !s.builder.publishing, 'the share link', 10000);
  const snap = JSON.stringify(shared);
  if (storage.secretKey) assert.ok(!snap.includes(storage.secretKey), 'the write secret is gone after signing');
  await manager.context.close();
  return { link: shared.builder.link, keyFile };
}

// One person answers the eNPS question with `score` and sends; resolves with the outbox.
// `onDay` (YYYY-MM-DD) sets the person's clock to that day, for a campaign that has closed since.
async function answer(link, score, until = (o) => o.status === 'stored', onDay = null) {
  const clock = onDay ? (page) => page.clock.setFixedTime(new Date(`${onDay}T12:00:00Z`)) : null;
  const person = await openApp(chrome.browser, app.url, {}, link.slice(link.indexOf('/#')), clock);
  const { page } = person;
  await waitForState(page, (s) => s.screen === 'intro', 'the intro');
  await clickItem(page, 'feedback_button');
  await clickItem(page, `q0_opt${score}`);
  await clickItem(page, 'review_button');
  await waitForState(page, (s) => s.screen === 'feedback_review', 'the review');
  await clickItem(page, 'send_button');
  const s = await waitForState(page, (st) => st.outbox.length === 1 && until(st.outbox[0]), 'the upload', 20000);
  return { person, state: s };
}

// `afterClose`: the page's clock moves past the campaign's close, when results of a direct
// campaign open (not for S3: its requests are signed with the time, which the storage checks).
async function openResults(link, keyFile, credentials, loaded = (st) => st.screen === 'results' && st.session &&
  !st.session.loading && st.session.responses !== undefined, afterClose = !credentials) {
  const manager = await openApp(chrome.browser, app.url, {}, '/', afterClose ? afterCloseClock : null);
  const { page } = manager;
  await clickItem(page, 'open_results');
  await waitForState(page, (s) => s.screen === 'unlock', 'the unlock screen');
  await pasteInto(page, 'results_link', link);
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, 'pick_key');
  await (await chooser).setFiles(keyFile);
  await waitForState(page, (s) => s.session && s.session.keyfile, 'the chosen key file');
  await typeInto(page, 'results_pass', PASS);
  if (credentials) {
    await typeInto(page, 's3_read_access_key', credentials.accessKey);
    await typeInto(page, 's3_read_secret_key', credentials.secretKey);
  }
  await clickItem(page, 'unlock_button');
  const s = await waitForState(page, loaded, 'the loaded results', 60000);
  return { manager, state: s };
}

const SCORES = [10, 9, 3];  // eNPS: 2 promoters, 1 detractor = +33

for (const [name, storageOf] of [
  ['serve', () => ({ kind: 'http-put', url: stores.serve.storageUrl })],
  ['nginx', () => ({ kind: 'http-put', url: stores.nginx.storageUrl })],
  ['ceph', () => ({ kind: 's3', ...stores.ceph })],
]) {
  test(`${name}: build a campaign, three answers from other browsers, results in the browser`, async () => {
    const storage = storageOf();
    const { link, keyFile } = await buildCampaign(name, storage);
    for (const score of SCORES) {
      const { person, state } = await answer(link, score);
      assert.equal(state.outbox[0].status, 'stored');
      await person.context.close();
    }
    const credentials = storage.kind === 's3' ? { accessKey: storage.accessKey, secretKey: storage.secretKey } : null;
    let read = { link, keyFile };
    if (credentials) {
      // Before the close the manager learns only that the results wait for it.
      const early = await openResults(link, keyFile, credentials, (st) => st.session && !st.session.loading && st.session.waiting);
      assert.match(early.state.session.waiting, /after/);
      await early.manager.context.close();
      // Reading S3 in the browser, then, on a campaign that closed yesterday (made with the CLI,
      // its upload policy valid for days more), answered by people whose clock is inside its dates.
      read = { link: s3Link(`${name}-closed`, [], () => {}, [day(-5), day(-1)]), keyFile: join(dir, 'cli.key') };
      for (const score of SCORES) {
        const { person } = await answer(read.link, score, undefined, day(-2));
        await person.context.close();
      }
      // A mistyped secret: the storage refuses it, and the manager is told so.
      const wrong = { ...credentials, secretKey: credentials.secretKey.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) };
      const refused = await openResults(read.link, read.keyFile, wrong, (st) => st.session && !st.session.loading && st.session.error);
      assert.match(refused.state.session.error, /refused these read credentials/);
      saveScreenshot(`storage-${name}-wrong-secret.png`, await refused.manager.page.screenshot());
      await refused.manager.context.close();
    }
    const { manager, state } = await openResults(read.link, read.keyFile, credentials);
    assert.equal(state.session.responses, 3);
    assert.equal(state.session.visible, true);
    assert.deepEqual(state.session.failures, {});
    const q = state.session.result.questions[0];
    assert.deepEqual(q.counts.map((c) => c.count).filter((n) => n > 0), [1, 1, 1]);
    saveScreenshot(`storage-${name}-results.png`, await manager.page.screenshot());
    assert.ok(!JSON.stringify(await snapshot(manager.page)).includes(storage.secretKey || '\u0000'));
    await manager.context.close();
  });
}

// --- S3 refusals: campaigns an organiser got wrong, made with the CLI ----------------------

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const amzDate = (offset) => `${day(offset).replaceAll('-', '')}T000000Z`;

function cli(args) {
  return execFileSync(PARLEY, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PARLEY_S3_ACCESS_KEY: stores.ceph.accessKey } });
}

// A signed campaign link whose S3 policy is changed by `edit` (the parsed output of
// `parley store s3-post-policy`) before it goes into the manifest.
function s3Link(name, policyArgs, edit = () => {}, [opens, closes] = [day(-1), day(10)]) {
  const { endpoint, bucket, region, secretKey } = stores.ceph;
  writeFileSync(join(dir, 'pass'), PASS);
  writeFileSync(join(dir, 's3.secret'), secretKey);
  if (!cliKeyMade) {
    cli(['keygen', '--role', 'manager', '--out', 'cli.key', '--passphrase-file', 'pass']);
    cliKeyMade = true;
  }
  const policy = JSON.parse(cli(['store', 's3-post-policy', '--endpoint', endpoint, '--bucket', bucket,
    '--prefix', `parley/${name}/`, '--region', region, '--max-bytes', '132400', '--expires', day(10),
    '--secret-key-file', 's3.secret', ...policyArgs]));
  edit(policy);
  writeFileSync(join(dir, `${name}.post.json`), JSON.stringify(policy));
  const key = cli(['pubkey', 'cli.key']).match(/parley-r1-[a-z0-9]+/)[0];
  cli(['campaign', 'new', '--out', `${name}.draft.json`, '--template', 'enps', '--signer', 'cli.key', '--feedback-to', key,
    '--s3-post', `${name}.post.json`, '--opens', opens, '--closes', closes, '--k', '3']);
  cli(['campaign', 'sign', `${name}.draft.json`, '--key', 'cli.key', '--passphrase-file', 'pass', '--out', `${name}.token`]);
  return cli(['campaign', 'link', `${name}.token`, '--app', `${app.url}/`]).trim();
}
let cliKeyMade = false;

describe('S3 refusals are explained and the envelope stays in the outbox', () => {
  const cases = [
    ['expired', ['--now', amzDate(-3), '--expires', day(-2)], () => {}, /expired/i],
    ['too-large', ['--max-bytes', '200'], () => {}, /too large|larger|size/i],
    ['wrong-prefix', [], (p) => { p.key_prefix = 'parley/elsewhere/'; }, /folder|prefix|not allowed|denied/i],
    ['bad-signature', [], (p) => { p.fields['x-amz-signature'] = p.fields['x-amz-signature'].replace(/.$/, (c) => (c === '0' ? '1' : '0')); },
      /signature|not valid|refused/i],
  ];
  for (const [name, args, edit, message] of cases) {
    test(name, async () => {
      const link = s3Link(name, args, edit);
      const { person, state } = await answer(link, 7, (o) => o.status === 'failed');
      const item = state.outbox[0];
      assert.match(item.reason, message);
      saveScreenshot(`storage-refused-${name}.png`, await person.page.screenshot());
      const download = person.page.waitForEvent('download');
      await clickItem(person.page, 'save_button');
      const saved = await (await download).path();
      assert.ok(readFileSync(saved).length >= 1024, 'the sealed envelope is saved whole');
      // Nothing is lost: the sealed envelope is still in the outbox, also after a reload, and
      // can be saved as a file.
      await person.page.reload();
      await person.page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
      const again = await waitForState(person.page, (s) => s.outbox.length === 1, 'the kept envelope');
      assert.equal(again.outbox[0].name, item.name);
      await person.context.close();
    });
  }
});
