// Tiny DOM helpers: elements are built with text nodes only, never from HTML strings.

/**
 * Creates an element. Attributes: `on*` functions become listeners, `false`/`null` are left out,
 * `true` is an empty attribute. Children are nodes or text.
 * @example h('button', { type: 'button', onclick: go }, 'Go')
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  return el;
}

/** The first element matching `selector`, or throws: the page's own markup is known. */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

const RANK = { viewer: 1, operator: 2, admin: 3 };

/** Whether `role` may do what `need` may (viewer < operator < admin). */
export function can(role, need) {
  return (RANK[role] ?? 0) >= (RANK[need] ?? 99);
}

/** Runs `fn` at most once per `ms`, after the last call. */
export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Shows a short message in the page's status region (read out by screen readers). */
export function notify(text, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const toast = h('div', { class: `toast ${kind}` }, text);
  box.append(toast);
  setTimeout(() => toast.remove(), kind === 'error' ? 8000 : 4000);
}

/** Disables a button while `work` runs, so a double click sends one request. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
