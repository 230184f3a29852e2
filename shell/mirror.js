//# allFunctionsCalledOnLoad
// V8's compile hint: this script is compiled whole as it downloads (docs/DEVELOPING.md, "The first frame").
// The DOM mirror of Parley's canvas UI. Each frame the app hands over a tree of what it drew
// (src/ui/mirror.h): roles, names, states and rectangles. This file keeps one real element per
// node over the canvas, so that screen readers, keyboards, phones' on-screen keyboards and input
// methods work with real buttons, radio groups, headings and text fields, and sends back what
// people do with them. Elements are invisible (opacity 0, which keeps them in the accessibility
// tree) except text fields, which are real, visible <input>/<textarea> over the field's frame.
'use strict';

window.ParleyMirror = function (root, call) {
  const byId = new Map();    // node id -> { el, key }
  let screen = null;

  const TAGS = {
    heading: (n) => (n.l === 1 ? 'h1' : 'h2'), text: () => 'p', note: () => 'div', button: () => 'button',
    checkbox: () => 'input', radiogroup: () => 'div', radio: () => 'input', textbox: () => 'input',
    textarea: () => 'textarea', progressbar: () => 'div', alert: () => 'div', status: () => 'div',
    table: () => 'table', row: () => 'tr', cell: (n, first) => (first ? 'th' : 'td'), img: () => 'div',
  };
  const FIELDS = new Set(['textbox', 'textarea']);

  function create(node, firstRow) {
    const el = document.createElement(TAGS[node.r] ? TAGS[node.r](node, firstRow) : 'div');
    el.dataset.id = node.i;
    el.className = FIELDS.has(node.r) ? 'm field' : 'm';
    switch (node.r) {
      case 'heading': el.tabIndex = -1; break;  // focus lands here when a screen opens
      case 'button': el.type = 'button'; break;
      case 'checkbox': el.type = 'checkbox'; break;
      case 'radio': el.type = 'radio'; break;
      case 'note': el.setAttribute('role', 'note'); break;
      case 'radiogroup': el.setAttribute('role', 'radiogroup'); break;
      case 'progressbar':
        el.setAttribute('role', 'progressbar');
        el.setAttribute('aria-valuemin', '0');
        el.setAttribute('aria-valuemax', '100');
        break;
      case 'alert': el.setAttribute('role', 'alert'); break;
      case 'status': el.setAttribute('role', 'status'); break;
      case 'img': el.setAttribute('role', 'img'); break;  // named by aria-label (apply)
      case 'textbox':
      case 'textarea':
        // Answers are the person's own words: no autocorrect, no autofill, no spellcheck upload.
        el.setAttribute('autocomplete', node.s ? 'current-password' : 'off');
        el.setAttribute('autocorrect', 'off');
        el.setAttribute('autocapitalize', 'off');
        el.spellcheck = false;
        // A date field is the browser's date input: its own picker on desktops and phones.
        if (node.r === 'textbox') el.type = node.s ? 'password' : node.t === 'date' ? 'date' : 'text';
        el.addEventListener('input', () => call('parley_mirror_edit', node.i, el.value, 0));
        break;
      default: break;
    }
    if (node.r === 'button' || node.r === 'checkbox' || node.r === 'radio') {
      el.addEventListener('click', (e) => {
        // The app decides the new state; the element shows it from the next frame on.
        if (node.r !== 'button') e.preventDefault();
        call('parley_mirror_press', node.i);
      });
    }
    return el;
  }

  function apply(el, node, parentBox, container) {
    const key = JSON.stringify(node) + (container ? '+' : '');
    const entry = byId.get(node.i);
    entry.box = node.b;
    if (entry.key === key) return;
    entry.key = key;
    const [x, y, w, h] = node.b;
    if (parentBox && node.r !== 'row' && node.r !== 'cell') {
      el.style.left = (x - parentBox[0]) + 'px';
      el.style.top = (y - parentBox[1]) + 'px';
      el.style.width = Math.max(w, 1) + 'px';
      el.style.height = Math.max(h, 1) + 'px';
    }
    const name = node.n || '';
    switch (node.r) {
      case 'heading': case 'text': case 'button': case 'alert': case 'status': case 'cell':
        // A status that holds other nodes (an outcome box) is named, and announced by what it
        // holds.
        if (container) el.setAttribute('aria-label', name);
        else if (el.textContent !== name) el.textContent = name;
        break;
      case 'checkbox': case 'radio':
        el.setAttribute('aria-label', name);
        el.checked = !!node.c;
        break;
      case 'textbox': case 'textarea':
        el.setAttribute('aria-label', name);
        el.placeholder = node.h || '';
        el.required = !!node.q;
        el.setAttribute('aria-invalid', node.x ? 'true' : 'false');
        if (node.r === 'textbox') el.enterKeyHint = node.k ? 'go' : '';  // phones' Enter key says what it does
        // While the person edits, the field is the truth; the app's copy follows it.
        // A passphrase's value is not sent (v absent) unless the app emptied it.
        if (node.v !== undefined && document.activeElement !== el && el.value !== node.v) el.value = node.v;
        break;
      case 'progressbar':
        el.setAttribute('aria-label', name);
        el.setAttribute('aria-valuenow', node.v || '0');
        break;
      default:
        if (name) el.setAttribute('aria-label', name); else el.removeAttribute('aria-label');
    }
  }

  // Moves the focus to `el` without scrolling the page (the app scrolls the canvas to it),
  // making it focusable first if it is not a control.
  function focusOn(el) {
    if (!el) return;
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus({ preventScroll: true });
  }

  // Where the focus goes when the focused control was not drawn again on the same screen (a
  // button replaced by what it did: a progress bar, then the outcome): the node that now follows
  // the nearest node before it that is still there, so a keyboard goes on from there and a
  // screen reader reads it. Not a text field (a phone would open its keyboard), and not inside
  // that node unless the control was inside it too. Only for a control that was at least partly
  // on screen: one scrolled out of a long list stays lost, rather than the view jumping back to
  // it. `was` is the last tree: its ids in order and each one's parent. Null when nothing fits.
  function replacement(lostId, lostBox, was, nodes) {
    if (!lostBox || lostBox[1] >= window.innerHeight || lostBox[1] + lostBox[3] <= 0) return null;
    const index = new Map(nodes.map((n, k) => [n.i, k]));
    const holders = new Set();  // what held the lost control
    for (let id = was.parentOf.get(lostId); id !== undefined; id = was.parentOf.get(id)) holders.add(id);
    const within = (k, ancestor) => {
      for (let p = nodes[k].p; p !== undefined; p = nodes[p].p) if (p === ancestor) return true;
      return false;
    };
    for (let b = was.order.indexOf(lostId) - 1; b >= 0; b--) {
      const at = index.get(was.order[b]);
      if (at === undefined) continue;
      for (let k = at + 1; k < nodes.length; k++) {
        if ((holders.has(was.order[b]) || !within(k, at)) && !FIELDS.has(nodes[k].r)) return byId.get(nodes[k].i).el;
      }
      return byId.get(nodes[at].i).el;
    }
    return null;
  }

  // The last tree: its node ids in order, and each one's parent id.
  let last = { order: [], parentOf: new Map() };

  function update(json) {
    const tree = JSON.parse(json);
    const nodes = tree.nodes;
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    const focused = active ? active.dataset.id : undefined;
    const focusedBox = focused !== undefined && byId.has(focused) ? byId.get(focused).box : undefined;
    const containers = new Set(nodes.map((n) => n.p).filter((p) => p !== undefined));
    const seen = new Set();
    const elements = [];
    const childCount = new Map();
    const firstRowOf = new Map();  // table index -> index of its first row (the header row)
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k];
      const parentEl = node.p === undefined ? root : elements[node.p];
      const parentNode = node.p === undefined ? null : nodes[node.p];
      if (node.r === 'row' && !firstRowOf.has(node.p)) firstRowOf.set(node.p, k);
      const firstRow = node.r === 'cell' && parentNode !== null && firstRowOf.get(parentNode.p) === node.p;
      let entry = byId.get(node.i);
      if (!entry || entry.role !== node.r || entry.first !== firstRow || entry.date !== !!node.t) {
        if (entry) entry.el.remove();
        entry = { el: create(node, firstRow), key: '', role: node.r, first: firstRow, date: !!node.t };
        byId.set(node.i, entry);
      }
      seen.add(node.i);
      elements[k] = entry.el;
      apply(entry.el, node, parentNode ? parentNode.b : [0, 0], containers.has(k));
      // Document order is reading and Tab order: keep it the order the app drew in.
      const index = childCount.get(parentEl) || 0;
      childCount.set(parentEl, index + 1);
      if (parentEl.children[index] !== entry.el) {
        if (entry.el.parentNode === parentEl && entry.el.contains(document.activeElement)) {
          // Moving the focused element would blur it (and a keyboard user would lose their
          // place): move what stands before it instead; those come later in the order anyway.
          while (parentEl.children[index] !== entry.el) parentEl.insertBefore(parentEl.children[index], entry.el.nextSibling);
        } else {
          parentEl.insertBefore(entry.el, parentEl.children[index] || null);
        }
      }
    }
    for (const [id, entry] of byId) {
      if (!seen.has(id)) { entry.el.remove(); byId.delete(id); }
    }
    const previous = last;
    last = { order: nodes.map((n) => n.i), parentOf: new Map(nodes.map((n) => [n.i, n.p === undefined ? undefined : nodes[n.p].i])) };
    if (tree.screen !== screen) {
      screen = tree.screen;
      // A new screen starts where the app says (the list row a person came back to), else at
      // its top: its title, which screen readers then read.
      focusOn((tree.enter && byId.has(tree.enter) && byId.get(tree.enter).el) || root.querySelector('h1'));
    } else if (active && !active.isConnected) {
      // The same control made anew (its kind changed), else what took its place.
      focusOn(byId.has(focused) ? byId.get(focused).el : replacement(focused, focusedBox, previous, nodes));
    }
  }

  // One focus: the element focused here is the item the canvas marks.
  root.addEventListener('focusin', (e) => {
    const id = e.target.dataset && e.target.dataset.id;
    // The canvas marks it when the browser would (:focus-visible): after keys, not after a tap.
    if (id) call('parley_mirror_focus', id, e.target.matches(':focus-visible') ? 1 : 0);
  });
  root.addEventListener('focusout', (e) => {
    if (!e.relatedTarget || !root.contains(e.relatedTarget)) call('parley_mirror_focus', '', 0);
  });

  // Leaving a field by Escape puts the focus just before it in reading order (its question or
  // label), not on the page's body: the canvas still marks where the person is, a second Escape
  // goes back, and Tab returns to the field.
  function leaveField(field) {
    for (let k = last.order.indexOf(field.dataset.id) - 1; k >= 0; k--) {
      const entry = byId.get(last.order[k]);
      if (entry && !FIELDS.has(entry.role)) return focusOn(entry.el);
    }
    field.blur();
  }

  // Keys on mirror elements, called by the page before anything else sees them (shell.js).
  function onKey(e) {
    if (e.type !== 'keydown' || e.isComposing) return;
    const role = byId.get(e.target.dataset.id)?.role;
    if (e.key === 'Enter' && role === 'textbox') {
      e.preventDefault();  // Enter in a one-line field submits it, like the button beside it
      call('parley_mirror_edit', e.target.dataset.id, e.target.value, 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Escape leaves a text field (keeping every character typed), and otherwise goes back.
      if (FIELDS.has(role)) leaveField(e.target);
      else call('parley_mirror_press', 'escape');
    }
  }

  // The wheel over a text field scrolls the screen once the field cannot scroll further.
  root.addEventListener('wheel', (e) => {
    const el = e.target;
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    // A pixel of slack: at fractional zoom levels scrollTop stops short of the end by a fraction,
    // and the field would keep the wheel for ever.
    const canScroll = el.tagName === 'TEXTAREA' &&
      ((dy < 0 && el.scrollTop > 1) || (dy > 0 && el.scrollTop + el.clientHeight < el.scrollHeight - 1));
    if (canScroll) return;
    e.preventDefault();
    call('parley_scroll', dy);
  }, { passive: false });

  return { update, onKey };
};
