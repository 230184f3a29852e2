#!/usr/bin/env node
// Downloads in flight against each storage, in headless Chromium: prints figures, never passes
// or fails. The app reads a campaign with one GET per envelope (client/results_loader,
// client/release_flow); this shows how many GETs/s each storage answers with N in flight, over
// HTTP/1.1 keep-alive (Chromium opens at most 6 connections per host; the rest queue in its
// network stack).
//
//   node tests/bench/downloads.mjs [--count 3000] [--no-nginx]
//
// Needs build/native (the CLI makes the campaign). The page is the storage's own listing, so
// its fetches are same-origin and nothing but the storage is measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../e2e/harness.mjs';
import { startNginx, startServePyStore } from '../e2e/storage_servers.mjs';
import { generate, makeCampaign, writeStore } from './envelopes.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = option('--count', 3000);
const NGINX = !process.argv.includes('--no-nginx');
const LEVELS = [1, 6, 12, 24, 48, 96];

async function measure(browser, listing, names) {
  // The listing page is only an origin to fetch from: a storage that sends a CSP with it (nginx as
  // `parley store` configures it) must not block the measurement.
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(listing);
    const out = [];
    for (const inFlight of LEVELS) {
      out.push(await page.evaluate(async ({ base, names, inFlight }) => {
        let next = 0, failed = 0;
        const t0 = performance.now();
        const lane = async () => {
          while (next < names.length) {
            const r = await fetch(base + names[next++], { cache: 'no-store' });
            if (!r.ok) failed++;
            await r.arrayBuffer();
          }
        };
        await Promise.all(Array.from({ length: inFlight }, lane));
        return { inFlight, perSecond: names.length / ((performance.now() - t0) / 1000), failed };
      }, { base: listing, names, inFlight }));
    }
    return out;
  } finally {
    await context.close();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-downloads-'));
  const stops = [];
  let chrome;
  try {
    console.log(`GETs/s from Chromium by downloads in flight, ${COUNT} envelopes each run; load average ${os.loadavg()[0].toFixed(1)}`);
    const campaign = await makeCampaign(dir);
    const { envelopes } = await generate(campaign, { feedback: COUNT, seed: 3 });
    const origin = 'http://127.0.0.1:9';  // no app page: the listing page fetches same-origin
    const storages = [];
    const serve = await startServePyStore(origin);
    stops.push(() => serve.stop());
    writeStore(path.join(serve.data, campaign.campaignId), envelopes);
    storages.push(['serve.py', `${serve.origin}/store/${campaign.campaignId}/`]);
    if (NGINX) {
      const nginx = await startNginx(origin);
      stops.push(() => nginx.stop());
      writeStore(path.join(nginx.files, campaign.campaignId), envelopes);
      storages.push(['nginx', nginx.storageUrl.replace('{id}', campaign.campaignId)]);
    }
    const names = fs.readdirSync(path.join(serve.data, campaign.campaignId)).sort();
    chrome = await launchBrowser();
    for (const [what, listing] of storages) {
      const rows = await measure(chrome.browser, listing, names);
      console.log(`${what.padEnd(9)} ` + rows.map((r) => `${String(r.inFlight).padStart(3)}: ${Math.round(r.perSecond).toString().padStart(5)}/s` +
        (r.failed ? ` (${r.failed} failed)` : '')).join('  '));
    }
    console.log(`load average at the end ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    if (chrome) await chrome.close();
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
