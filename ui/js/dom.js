// Small DOM helpers. Text always goes in through textContent; the only HTML we insert
// is what the Rust side produced through its sanitiser (see setSanitisedHtml).

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** HTML that the backend rendered from a pack's Markdown and cleaned with ammonia. */
export function setSanitisedHtml(node, sanitised) {
  node.innerHTML = sanitised; // eslint-disable-line no-unsanitized/property -- sanitised in Rust
  // A pack's reference to another question (`[words](question:id)`) arrives as
  // <a data-question>; it becomes a link the keyboard reaches. main.js opens it.
  for (const a of node.querySelectorAll('a[data-question]')) {
    a.setAttribute('href', '#');
    a.classList.add('question-link');
    a.title = 'Open this question';
  }
  return node;
}

/** A short message in the status strip under the page (it takes its own room and covers
 * nothing). It goes by itself after a few seconds, unless the pointer or focus is on it. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const close = el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
  const item = el('div', { class: `toast toast-${kind}` }, el('span', { class: 'toast-text', text: message }), close);
  const remove = () => item.remove();
  close.addEventListener('click', remove);
  let timer = null;
  const wait = () => { clearTimeout(timer); timer = setTimeout(remove, kind === 'error' ? 8000 : 4000); };
  item.addEventListener('pointerenter', () => clearTimeout(timer));
  item.addEventListener('pointerleave', wait);
  item.addEventListener('focusin', () => clearTimeout(timer));
  item.addEventListener('focusout', wait);
  // The newest three at most: older ones make room.
  while (box.children.length >= 3) box.firstElementChild.remove();
  box.append(item);
  wait();
}

export function pageHeader(title, subtitle) {
  return el('header', { class: 'page-header' },
    el('h1', { text: title }),
    subtitle ? el('p', { class: 'lede', text: subtitle }) : null);
}

/** A plain statement that a screen is not built yet: no fake data. */
export function notBuilt(title, what) {
  return el('section', { class: 'screen' },
    pageHeader(title),
    el('div', { class: 'card empty-state', role: 'note' },
      el('p', { class: 'empty-title', text: 'Not built yet' }),
      el('p', { text: what })));
}
