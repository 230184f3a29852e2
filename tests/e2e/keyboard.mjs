// The keyboard and the screen reader, as the e2e tests use them on the page's mirror
// (shell/mirror.js): where the focus is, Tab until a control has it with the focus kept on a
// marked element all the way, what the live regions say, and the browser's own accessibility
// tree. Shared by the *_access tests.
import assert from 'node:assert/strict';

import { isFocused } from './harness.mjs';

export const mirror = (page) => page.locator('#mirror');
export const button = (page, name) => mirror(page).getByRole('button', { name, exact: typeof name === 'string' });

// What has the focus, as [data-id or tag name, inside the mirror, marked as keyboard focus
// (:focus-visible: the canvas draws its ring)].
export const focusNow = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return [el?.dataset?.id ?? el?.tagName, !!el?.closest('#mirror'), !!el?.matches(':focus-visible')];
});

// The focus is on a marked element of the mirror, a few frames after a key (`what` says after
// what); returns its id.
export async function focusKept(page, what) {
  await page.waitForTimeout(300);
  const [id, inMirror, visible] = await focusNow(page);
  assert.ok(inMirror && visible, `${what}: the focus is on ${id}${inMirror ? '' : ', not in the mirror'}${visible ? '' : ', not marked'}`);
  return id;
}

// Presses `k`; then the focus is on a marked element of the mirror. Returns its id.
export async function key(page, k, what) {
  await page.keyboard.press(k);
  return focusKept(page, `after ${k} ${what}`);
}

// Presses Tab (or Shift+Tab) until `locator` has the focus, as a keyboard user would; with
// `marked`, after every press the focus must be on a marked element of the mirror. Returns the
// ids passed through.
export async function tabTo(page, locator, { back = false, max = 60, marked = false } = {}) {
  await locator.waitFor({ state: 'attached' });
  const path = [];
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return path;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const [id, inMirror, visible] = await focusNow(page);
    path.push(id);
    if (marked) {
      assert.ok(inMirror && visible, `after ${path.length} ${back ? 'Shift+Tab' : 'Tab'} the focus is on ${id}, `
        + `${inMirror ? '' : 'not in the mirror, '}${visible ? '' : 'not marked'} (${path.join(' > ')})`);
    }
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${locator}: ${path.join(' > ')}`);
}

// tabTo with the focus marked in the mirror all the way.
export const keyTo = (page, locator, { back = false, max = 40 } = {}) => tabTo(page, locator, { back, max, marked: true });

// Waits until the screen's level-1 heading is `title` and has the focus: every new screen starts
// there, and a screen reader reads it first.
export async function screenTitled(page, title) {
  const heading = mirror(page).getByRole('heading', { level: 1, name: title, exact: true });
  await heading.waitFor({ state: 'attached', timeout: 10000 });
  await page.waitForFunction((el) => el === document.activeElement, await heading.elementHandle(), { timeout: 10000 });
}

// What a screen reader is told from now on: the words of every live region of the mirror that
// appears or changes (role status: polite; alert: assertive), in order.
export const listen = (page) => page.evaluate(() => {
  window.parleyHeard = [];
  const regions = () => document.querySelectorAll('#mirror [role=status], #mirror [role=alert]');
  const last = new WeakMap();  // region -> its words when last noted: only new words are said
  regions().forEach((e) => last.set(e, e.textContent));
  const note = () => regions().forEach((e) => {
    if (e.textContent && last.get(e) !== e.textContent) window.parleyHeard.push(e.textContent);
    last.set(e, e.textContent);
  });
  new MutationObserver(note).observe(document.querySelector('#mirror'), { subtree: true, childList: true, characterData: true });
});

// What was said since listen(), once something matching `wanted` (a string it starts with, or a
// RegExp) was; fails after `timeout` ms, saying what was said instead.
export async function heard(page, wanted, timeout = 5000) {
  const match = (x) => (wanted instanceof RegExp ? wanted.test(x) : x.startsWith(wanted));
  const end = Date.now() + timeout;
  let said = [];
  while (Date.now() < end) {
    said = await page.evaluate(() => window.parleyHeard || []);
    if (said.some(match)) return said;
    await page.waitForTimeout(50);
  }
  assert.fail(`never heard ${wanted}; a screen reader was told ${JSON.stringify(said)}`);
}

const CONTROLS = new Set(['button', 'checkbox', 'radio', 'textbox', 'combobox', 'link', 'slider', 'spinbutton', 'searchbox', 'switch']);

// The browser's own accessibility tree (CDP), as a screen reader gets it: its nodes not ignored,
// the descendants of one (`below`), [role, name, level] of each (`shown`), the controls among
// them without a name (`unnamed`), and whether a role and name is there (`has`).
export async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const below = (node) => {
      const out = [];
      const walk = (n) => {
        for (const c of n.childIds || []) {
          const child = byId.get(c);
          if (!child) continue;
          if (!child.ignored) out.push(child);
          walk(child);
        }
      };
      walk(node);
      return out;
    };
    const kept = nodes.filter((n) => !n.ignored);
    const shown = kept.map((n) => [n.role?.value, n.name?.value ?? '', (n.properties || []).find((p) => p.name === 'level')?.value.value]);
    return {
      nodes: kept,
      below,
      shown,
      unnamed: shown.filter(([r, n]) => CONTROLS.has(r) && !n.trim()),
      has: (r, n) => shown.some(([a, b]) => a === r && b === n),
    };
  } finally {
    await cdp.detach();
  }
}

// The headings of a tree, as "LEVEL NAME".
export const headings = (tree) => tree.shown.filter(([r]) => r === 'heading').map(([, n, l]) => `${l} ${n}`);
