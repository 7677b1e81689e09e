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
  return node;
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = el('div', { class: `toast toast-${kind}`, text: message });
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 3500);
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
