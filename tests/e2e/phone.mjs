// A phone, as the e2e tests use one: a finger that swipes and taps through Chromium's touch
// events, and the checks every phone-sized screen must pass (nothing wider than the screen, tap
// targets of at least 44 CSS pixels). Shared by touch and the *_access tests.
import assert from 'node:assert/strict';

import { snapshot, waitForState } from './harness.mjs';

// The screen the phone tests use: 390x844 CSS pixels at 3x, touch, a mobile viewport.
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

// A finger, through CDP touch events (`cdp` is the page's CDP session), for swipes and held
// taps; instant taps are page.touchscreen.tap, as phones send them.
export function finger(page, cdp) {
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  return {
    async heldTap(x, y, ms = 120) {
      await touch('touchStart', [{ x, y }]);
      await page.waitForTimeout(ms);
      await touch('touchEnd', []);
    },
    async instantTap(x, y) { await page.touchscreen.tap(x, y); },
    // Moves the finger from y0 to y1 in 16 ms steps (a flick when short and fast).
    async swipe(y0, y1, { x = 195, steps = 12 } = {}) {
      await touch('touchStart', [{ x, y: y0 }]);
      for (let i = 1; i <= steps; i++) {
        await page.waitForTimeout(16);
        await touch('touchMove', [{ x, y: y0 + ((y1 - y0) * i) / steps }]);
      }
      await touch('touchEnd', []);
    },
  };
}

// Swipes a named widget into view, starts waiting for what its tap should bring (`expect`), taps
// its centre as a phone does, and returns its rectangle (CSS pixels) and what came. A target is
// 44 CSS pixels tall at least.
export async function tap(page, hand, id, expect = null) {
  const r = await swipeTo(page, hand, id);
  const [x, y, w, h] = r;
  const came = expect ? expect() : null;
  await page.touchscreen.tap(x + w / 2, y + h / 2);
  await page.waitForTimeout(150);
  assert.ok(h >= 44, `${id} is ${h} px tall`);
  return [r, await came];
}

// Swipes until a named widget is well inside the screen, then returns its rectangle.
export async function swipeTo(page, hand, id, tries = 40) {
  for (let i = 0; i < tries; i++) {
    const r = (await waitForState(page, (s) => s.items && s.items[id], `item ${id}`)).items[id];
    const [, y, , h] = r;
    if (y >= 40 && y + h <= 824) {
      await page.waitForTimeout(300);  // any momentum settles
      const again = (await snapshot(page)).items[id];
      if (again.join() === r.join()) return again;
      continue;
    }
    const distance = Math.max(-500, Math.min(500, y - 400));
    await hand.swipe(600, 600 - distance);
    await page.waitForTimeout(150);
  }
  throw new Error(`could not swipe ${id} into view`);
}

// What crosses the left or right edge of a `width`-wide window: the app's named items, every
// element of the mirror, and the page scrolling sideways.
export async function overflow(page, width) {
  const s = await snapshot(page);
  const cut = Object.entries(s.items)
    .filter(([, [x, , w]]) => x < -0.5 || x + w > width + 0.5)
    .map(([id, [x, , w]]) => `item ${id} spans ${x.toFixed(1)}..${(x + w).toFixed(1)}`);
  const boxes = await page.$$eval('#mirror *', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return [e.dataset.id || e.tagName, r.left, r.right];
  }));
  assert.ok(boxes.length > 0, 'the mirror has elements');
  for (const [id, left, right] of boxes) {
    if (left < -0.5 || right > width + 0.5) cut.push(`element ${id} spans ${left.toFixed(1)}..${right.toFixed(1)}`);
  }
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) cut.push(`the page scrolls sideways (${scrollWidth} > ${width})`);
  return { cut, items: s.items };
}

// The mirror elements matching `selector` (the tap targets of a screen) that are shorter than
// `min` CSS pixels, as [id, height]; `atLeast` is how many targets the screen must have.
export async function smallTargets(page, min, { selector = '#mirror button, #mirror input, #mirror textarea', atLeast = 1 } = {}) {
  const sizes = await page.$$eval(selector, (els) => els.map((e) => [e.dataset.id, e.getBoundingClientRect().height]));
  assert.ok(sizes.length >= atLeast, `the screen has its tap targets: ${JSON.stringify(sizes)}`);
  return sizes.filter(([, h]) => h < min - 0.5);
}
