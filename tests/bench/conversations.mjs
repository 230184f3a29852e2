#!/usr/bin/env node
// Finding one's replies among 1,000 open conversations, native vs browser: prints figures,
// never passes or fails.
//
//   node tests/bench/conversations.mjs [--threads 1000] [--runs 5]
//
// A mediator's day of replies to --threads conversations is one bundle (docs/FORMAT.md,
// "Conversations"); a person's reader tries every record for theirs. Timed in the same run:
//   native   `parley bench --count 10`: its conversations lines (the core's open_reply_bundle)
//   browser  the bench page (build/bench, src/app/bench_web.cpp) in headless Chromium under
//            serve.py, the same core code compiled to wasm, on the page's main thread
// Needs `tools/build all` first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, ROOT, startServer } from '../e2e/harness.mjs';
import { findCli } from './envelopes.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const THREADS = option('--threads', 1000);
const RUNS = option('--runs', 5);

async function main() {
  const benchDir = path.join(ROOT, 'build', 'bench');
  if (!fs.existsSync(path.join(benchDir, 'parley_bench.js'))) throw new Error('build/bench is missing: run tools/build all first');
  console.log(`Parley conversations benchmark: one day's bundle for ${THREADS} open conversations`);
  const native = spawnSync(findCli(), ['bench', '--count', '10'], { encoding: 'utf8' });
  if (native.status !== 0) throw new Error(`parley bench exited ${native.status}: ${native.stderr}`);
  const line = native.stdout.split('\n').find((l) => l.startsWith('a person tries every record'));
  const nativeMs = Number(/([0-9.]+) ms/.exec(line)[1]);
  console.log(`native   ${line.trim()}`);

  const server = await startServer(['--web-root', benchDir]);
  const chrome = await launchBrowser();
  try {
    const page = await (await chrome.browser.newContext()).newPage();
    await page.goto(server.url + '/');
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    const runs = await page.evaluate(([threads, runs]) => window.parleyConversations(threads, runs), [THREADS, RUNS]);
    if (runs.some((ms) => ms < 0)) throw new Error('the bench page could not build or read the bundle');
    const best = Math.min(...runs);
    console.log(`browser  a person tries every record for theirs: ${runs.map((ms) => ms.toFixed(1) + ' ms').join(', ')} ` +
      `(best ${best.toFixed(1)} ms; ${THREADS <= 4 ? 4 : THREADS <= 16 ? 16 : THREADS <= 64 ? 64 : THREADS <= 256 ? 256 : 1024} records)`);
    console.log(`browser / native (time)  ${(best / nativeMs).toFixed(2)}  (native figure: ${THREADS === 1000 ? 'same size' : '1000 conversations'})`);
    console.log(`two weeks of such days in the browser: ${(best * 14 / 1000).toFixed(2)} s to open`);
  } finally {
    await chrome.close();
    await server.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
