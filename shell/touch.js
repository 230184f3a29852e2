//# allFunctionsCalledOnLoad
// V8's compile hint: this script is compiled whole as it downloads (docs/DEVELOPING.md, "The first frame").
// Touch input for Parley's canvas, owned by the page instead of Emscripten 3.1.6's GLFW (which
// presses at the previous touch's position and lets the browser's compatibility mouse events
// land in one frame). A tap presses and releases where the finger landed; a swipe scrolls, with
// momentum, and never presses anything. Swipes that start on a text field scroll the screen too;
// a tap there is left to the browser, which focuses the field and opens the keyboard.
'use strict';

window.ParleyTouch = function (canvas, root, call) {
  const SLOP = 10;        // CSS pixels a finger may wander before a touch is a swipe
  const FRICTION = 0.95;  // momentum kept per 16 ms
  let touch = null;       // { id, x, y, lastY, lastT, velocity, swiping, onCanvas, pressed }
  let glide = 0;          // requestAnimationFrame id of the momentum scroll

  const local = (t) => {
    const r = canvas.getBoundingClientRect();
    return [t.clientX - r.left, t.clientY - r.top];
  };
  const find = (list, id) => Array.prototype.find.call(list, (t) => t.identifier === id);
  const ours = (target) => target === canvas || (root.contains(target) && target.classList.contains('field'));

  function stopGlide() {
    if (glide) cancelAnimationFrame(glide);
    glide = 0;
  }

  function startGlide(velocity) {  // CSS pixels per ms, positive scrolls down
    let last = performance.now();
    const step = (now) => {
      const dt = Math.min(now - last, 50);
      last = now;
      velocity *= Math.pow(FRICTION, dt / 16);
      if (Math.abs(velocity) < 0.02) { glide = 0; return; }
      call('parley_scroll', velocity * dt);
      glide = requestAnimationFrame(step);
    };
    glide = requestAnimationFrame(step);
  }

  // Capturing on window runs before GLFW's listeners on the canvas; they never see a touch.
  window.addEventListener('touchstart', (e) => {
    if (!ours(e.target)) return;
    stopGlide();
    const onCanvas = e.target === canvas;
    if (onCanvas) {
      e.stopImmediatePropagation();
      e.preventDefault();
      // No compatibility mouse events follow, so focus would stay in a field: leave it, as a
      // tap elsewhere does on any page (the keyboard closes).
      if (root.contains(document.activeElement)) document.activeElement.blur();
    }
    if (touch || e.touches.length > 1) return;  // a second finger: the first one leads
    const t = e.changedTouches[0];
    const [x, y] = local(t);
    touch = { id: t.identifier, x, y, lastY: y, lastT: e.timeStamp, velocity: 0, swiping: false, onCanvas, pressed: false,
      field: onCanvas ? null : e.target };
    if (onCanvas) {
      // Pressed where it landed, in this frame: buttons show it while the finger rests.
      call('parley_touch', 0, x, y);
      call('parley_touch', 1, x, y);
      touch.pressed = true;
    }
  }, { capture: true, passive: false });

  window.addEventListener('touchmove', (e) => {
    if (!touch) return;
    const t = find(e.changedTouches, touch.id);
    if (!t) return;
    if (touch.onCanvas) e.stopImmediatePropagation();
    e.preventDefault();
    const [x, y] = local(t);
    if (!touch.swiping && Math.hypot(x - touch.x, y - touch.y) > SLOP) {
      touch.swiping = true;
      // A swipe presses nothing: the finger leaves before it is lifted.
      if (touch.pressed) call('parley_touch', 3, -1, -1);
    }
    if (!touch.swiping) return;
    const dy = touch.lastY - y;
    const dt = Math.max(e.timeStamp - touch.lastT, 1);
    touch.velocity = touch.velocity * 0.2 + (dy / dt) * 0.8;
    touch.lastY = y;
    touch.lastT = e.timeStamp;
    // A long text scrolls inside its field first, then the screen moves.
    const f = touch.field;
    if (f && ((dy > 0 && f.scrollTop + f.clientHeight < f.scrollHeight - 1) || (dy < 0 && f.scrollTop > 0))) f.scrollTop += dy;
    else call('parley_scroll', dy);
  }, { capture: true, passive: false });

  function end(e) {
    if (!touch) return;
    const t = find(e.changedTouches, touch.id);
    if (!t) return;
    if (touch.onCanvas) { e.stopImmediatePropagation(); e.preventDefault(); }
    if (touch.swiping) {
      if (touch.pressed) call('parley_touch', 2, -1, -1);  // lifted nowhere: nothing is clicked
      if (e.type === 'touchend' && e.timeStamp - touch.lastT < 80) startGlide(touch.velocity);
    } else if (touch.pressed) {
      const [x, y] = local(t);
      if (e.type === 'touchend') {
        call('parley_touch', 2, x, y);
        call('parley_touch', 3, -1, -1);  // then no hover stays behind
      } else {
        call('parley_touch', 3, -1, -1);  // cancelled: leave first, so nothing is clicked
        call('parley_touch', 2, -1, -1);
      }
    }
    touch = null;
  }
  window.addEventListener('touchend', end, { capture: true, passive: false });
  window.addEventListener('touchcancel', end, { capture: true, passive: false });
};
