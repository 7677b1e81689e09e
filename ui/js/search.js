// Search across every installed role: an overlay opened with Ctrl+K (Cmd+K) from any screen.
//
// The backend marks matches in `title` and `snippet` between U+0002 and U+0003; they become
// <mark> elements built with textContent, so no pack text is ever parsed as HTML.

import * as api from './api.js';
import { el, clear } from './dom.js';
import { hubParam } from './screens/hub.js';

const KIND_LABEL = { question: 'Question', round: 'Round', faq: 'FAQ' };
const DEBOUNCE_MS = 80;
const START = '\u0002';
const END = '\u0003';

/** Text with U+0002…U+0003 marked spans, as DOM nodes (never HTML). */
export function markedText(text) {
  const frag = document.createDocumentFragment();
  let buf = '';
  let inMark = false;
  const flush = () => {
    if (!buf) return;
    frag.append(inMark ? el('mark', { text: buf }) : document.createTextNode(buf));
    buf = '';
  };
  for (const ch of String(text ?? '')) {
    if (ch === START) { flush(); inMark = true; } else if (ch === END) { flush(); inMark = false; } else buf += ch;
  }
  flush();
  return frag;
}

/** A magnifying glass, drawn rather than taken from a font. */
function searchIcon(className) {
  const ns = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(ns, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('class', className);
  icon.setAttribute('aria-hidden', 'true');
  const circle = document.createElementNS(ns, 'circle');
  for (const [k, v] of Object.entries({ cx: 10.5, cy: 10.5, r: 6.5 })) circle.setAttribute(k, v);
  const handle = document.createElementNS(ns, 'path');
  handle.setAttribute('d', 'M15.5 15.5 L20.5 20.5');
  icon.append(circle, handle);
  return icon;
}

export function initSearch(ctx) {
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform || '');
  const shortcut = isMac ? '⌘K' : 'Ctrl+K';

  const input = el('input', {
    type: 'search', id: 'search-input', class: 'search-input', role: 'combobox',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'search-results',
    autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Search questions, rounds and FAQ of every role…',
    'aria-label': 'Search every installed role',
  });
  const results = el('ul', { id: 'search-results', class: 'search-results', role: 'listbox', 'aria-label': 'Results' });
  const status = el('p', { class: 'search-status', id: 'search-status', role: 'status', 'aria-live': 'polite' });
  const dialog = el('div', {
    class: 'search-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'search-title',
  },
  el('h2', { id: 'search-title', class: 'visually-hidden', text: 'Search' }),
  el('div', { class: 'search-field' },
    searchIcon('search-icon'),
    input,
    el('kbd', { class: 'search-esc', text: 'Esc' })),
  status,
  results,
  el('p', { class: 'search-foot', 'aria-hidden': 'true' },
    el('kbd', { text: '↑' }), ' ', el('kbd', { text: '↓' }), ' move · ', el('kbd', { text: 'Enter' }), ' opens in its hub · ',
    el('kbd', { text: 'Esc' }), ' closes'));
  const overlay = el('div', { class: 'search-overlay', id: 'search-overlay', hidden: true }, dialog);
  document.body.append(overlay);

  let hits = [];
  let active = -1;
  let timer = 0;
  let seq = 0;
  let returnFocus = null;

  const shell = () => document.querySelector('.shell');
  const isOpen = () => !overlay.hidden;

  function open() {
    if (!isOpen()) {
      returnFocus = document.activeElement;
      overlay.hidden = false;
      const s = shell();
      if (s) s.inert = true;
      if (!input.value) showHint();
    }
    input.focus();
    input.select();
  }

  function close(restore = true) {
    if (!isOpen()) return;
    overlay.hidden = true;
    const s = shell();
    if (s) s.inert = false;
    if (restore && returnFocus && returnFocus.isConnected) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  function showHint() {
    clear(results);
    hits = [];
    setActive(-1);
    input.setAttribute('aria-expanded', 'false');
    status.textContent = 'Type a word: every question, answer, round and FAQ of your installed roles is searched.';
  }

  function setActive(i) {
    active = i;
    const options = results.querySelectorAll('[role=option]');
    options.forEach((o, n) => o.setAttribute('aria-selected', String(n === i)));
    if (i >= 0 && options[i]) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(i) {
    const hit = hits[i];
    if (!hit) return;
    const param = hubParam(hit.role_id, hit.kind, hit.item_id);
    const target = `#/hub/${encodeURIComponent(param)}`;
    close(false);
    if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else ctx.navigate('hub', param);
  }

  function show(query, list) {
    hits = list;
    clear(results);
    list.forEach((hit, i) => {
      results.append(el('li', {
        role: 'option', id: `search-opt-${i}`, class: 'search-hit', 'aria-selected': 'false',
        dataset: { role: hit.role_id, kind: hit.kind, item: hit.item_id },
        onmousemove: () => { if (active !== i) setActive(i); },
        onclick: () => choose(i),
      },
      el('span', { class: `search-kind kind-${hit.kind}`, text: KIND_LABEL[hit.kind] || hit.kind }),
      el('span', { class: 'search-text' },
        el('span', { class: 'search-title' }, markedText(hit.title)),
        hit.snippet ? el('span', { class: 'search-snippet' }, markedText(hit.snippet)) : null),
      el('span', { class: 'search-role', text: hit.role_title })));
    });
    input.setAttribute('aria-expanded', String(list.length > 0));
    status.textContent = list.length
      ? `${list.length === 1 ? '1 result' : `${list.length} results`} for “${query}”`
      : `Nothing matches “${query}”.`;
    setActive(list.length ? 0 : -1);
  }

  async function runSearch() {
    const query = input.value.trim();
    const mine = ++seq;
    if (!query) { showHint(); return; }
    try {
      const list = await api.search(query);
      if (mine === seq) show(query, list);
    } catch (err) {
      if (mine === seq) {
        clear(results);
        hits = [];
        status.textContent = `Search failed: ${err.message}`;
      }
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(runSearch, DEBOUNCE_MS);
  });

  dialog.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      close();
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!hits.length) return;
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + hits.length) % hits.length);
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      clearTimeout(timer);
      if (hits.length) choose(active >= 0 ? active : 0);
    } else if (ev.key === 'Tab') {
      ev.preventDefault(); // the input is the dialog's only stop
      input.focus();
    }
  });

  overlay.addEventListener('mousedown', (ev) => {
    if (ev.target === overlay) close();
  });

  document.addEventListener('keydown', (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && !ev.shiftKey && ev.key.toLowerCase() === 'k') {
      ev.preventDefault();
      open();
    }
  });
  window.addEventListener('hashchange', () => close(false));

  // A visible way in, under the brand in the sidebar.
  const trigger = el('button', {
    type: 'button', class: 'search-trigger', id: 'search-trigger',
    'aria-keyshortcuts': isMac ? 'Meta+K' : 'Control+K', title: `Search every role (${shortcut})`,
    onclick: open,
  },
  el('span', { class: 'nav-icon', 'aria-hidden': 'true' }, searchIcon('search-trigger-icon')),
  el('span', { class: 'search-trigger-label', text: 'Search' }),
  el('kbd', { class: 'search-trigger-key', text: shortcut }));
  document.querySelector('.sidebar .brand')?.after(trigger);

  return { open, close };
}
