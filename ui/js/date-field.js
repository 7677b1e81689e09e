// A date field of our own: WebKitGTK's <input type="date"> writes dates its own way
// ("12/21/2026") whatever the rest of the app does, so this one shows the date as every other
// screen does (format.js, the system locale) and opens a small month grid that starts the week
// on the user's first day.
//
// The input keeps the usual contract: `input.value` reads and takes "YYYY-MM-DD" ('' when empty,
// the typed text when it is not a date), and it fires `input` and `change` like a native field.

import { el, clear } from './dom.js';
import { icon } from './icons.js';
import {
  parseDay, dayKey, formatDate, todayKey, weekOrder, weekdayNames, mondayIndex,
} from './format.js';

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

/** Reads a typed date: "2026-12-21", the locale's numeric order ("21/12/2026", "12/21/2026"), or
 * the words of a date ("21 Dec 2026", "Monday, 21 December 2026"). Returns "YYYY-MM-DD" or null. */
export function readTypedDate(text) {
  const t = String(text || '').trim();
  if (!t) return null;
  if (parseDay(t)) return t;
  const numbers = t.match(/\d+/g) || [];
  const monthWord = monthFromWords(t);
  let y; let m; let d;
  if (monthWord && numbers.length >= 2) {
    // "21 Dec 2026", "Dec 21, 2026" or "2026 Dec 21".
    const yearFirst = Number(numbers[0]) > 31;
    d = yearFirst ? numbers[1] : numbers[0];
    y = yearFirst ? numbers[0] : numbers[numbers.length - 1];
    m = monthWord;
  } else if (!monthWord && numbers.length === 3) {
    const order = numericOrder();
    const parts = {};
    order.forEach((kind, i) => { parts[kind] = numbers[i]; });
    if (numbers[0].length === 4) Object.assign(parts, { year: numbers[0], month: numbers[1], day: numbers[2] });
    ({ year: y, month: m, day: d } = parts);
  } else {
    return null;
  }
  let year = Number(y);
  if (year < 100) year += 2000;
  const key = `${year}-${String(Number(m)).padStart(2, '0')}-${String(Number(d)).padStart(2, '0')}`;
  return parseDay(key) ? key : null;
}

function numericOrder() {
  const parts = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date(2026, 11, 21));
  return parts.filter((p) => ['day', 'month', 'year'].includes(p.type)).map((p) => p.type);
}

function monthFromWords(text) {
  const lower = text.toLowerCase();
  for (let m = 0; m < 12; m++) {
    const date = new Date(2026, m, 1);
    const names = ['long', 'short'].map((style) => new Intl.DateTimeFormat(undefined, { month: style }).format(date).toLowerCase().replace(/\.$/, ''));
    if (names.some((n) => n.length >= 3 && lower.includes(n))) return String(m + 1);
  }
  return null;
}

/**
 * A date field. `options`: id, className, value ("YYYY-MM-DD"), min, max, placeholder,
 * describedBy, required, label (the name of the calendar button's dialog).
 * Returns { node, input }.
 */
export function dateField(options) {
  const {
    id, className = '', value = '', min = null, max = null, placeholder = 'Choose a date',
    describedBy = null, required = false, label = 'Choose a date',
  } = options;
  const input = el('input', {
    type: 'text', id, class: `date-input ${className}`.trim(), autocomplete: 'off', spellcheck: 'false',
    placeholder, 'aria-describedby': describedBy, required,
  });
  let iso = parseDay(value) ? value : '';
  const shown = (v) => (v ? formatDate(v, 'full') : '');
  const setText = (text) => nativeValue.set.call(input, text);
  const getText = () => nativeValue.get.call(input);
  setText(shown(iso));

  // `value` speaks ISO, whatever the field shows.
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      const text = getText().trim();
      if (!text) return '';
      if (iso && text === shown(iso)) return iso;
      return readTypedDate(text) || text;
    },
    set(v) {
      const key = parseDay(v) ? String(v) : readTypedDate(v);
      iso = key || '';
      setText(key ? shown(key) : String(v ?? ''));
    },
  });
  input.addEventListener('change', () => {
    const key = readTypedDate(getText());
    if (key) { iso = key; setText(shown(key)); }
  });

  const openButton = el('button', {
    type: 'button', class: 'date-open', 'aria-label': `${label}: open the calendar`, 'aria-haspopup': 'dialog',
    'aria-expanded': 'false', title: 'Open the calendar',
  }, icon('calendar'));
  const popup = el('div', { class: 'date-popup', role: 'dialog', 'aria-label': label, hidden: true });
  const node = el('span', { class: 'date-field' }, input, openButton, popup);

  let month = null; // first day of the month shown
  let focusDay = null;

  function inRange(key) {
    return (!min || key >= min) && (!max || key <= max);
  }

  function draw(focus) {
    clear(popup);
    const first = month;
    const title = el('p', { class: 'date-popup-title', 'aria-live': 'polite', text: formatDate(first, 'month') });
    const step = (n) => {
      month = new Date(month.getFullYear(), month.getMonth() + n, 1);
      const f = parseDay(focusDay);
      const day = Math.min(f ? f.getDate() : 1, new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate());
      focusDay = dayKey(new Date(month.getFullYear(), month.getMonth(), day));
      draw(true);
    };
    const order = weekOrder();
    const names = weekdayNames('short');
    const longNames = weekdayNames('long');
    const lead = (order.indexOf(mondayIndex(first)) + 7) % 7;
    const daysInMonth = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
    const cells = [];
    for (let i = 0; i < lead; i++) cells.push(el('td'));
    for (let n = 1; n <= daysInMonth; n++) {
      const key = dayKey(new Date(first.getFullYear(), first.getMonth(), n));
      const ok = inRange(key);
      cells.push(el('td', {}, el('button', {
        type: 'button', class: `date-day${key === iso ? ' is-chosen' : ''}${key === todayKey() ? ' is-today' : ''}`,
        dataset: { date: key }, tabindex: key === focusDay ? '0' : '-1', disabled: !ok,
        'aria-label': formatDate(key, 'long'), 'aria-pressed': String(key === iso),
        text: String(n),
      })));
    }
    while (cells.length % 7) cells.push(el('td'));
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(el('tr', {}, cells.slice(i, i + 7)));
    popup.append(
      el('div', { class: 'date-popup-head' },
        el('button', { type: 'button', class: 'date-nav', 'aria-label': 'Previous month', text: '‹', onclick: () => step(-1) }),
        title,
        el('button', { type: 'button', class: 'date-nav', 'aria-label': 'Next month', text: '›', onclick: () => step(1) })),
      el('table', { class: 'date-grid', role: 'grid' },
        el('thead', {}, el('tr', {}, order.map((i) => el('th', { scope: 'col', abbr: longNames[i], text: names[i] })))),
        el('tbody', {}, rows)),
      el('div', { class: 'date-popup-foot' },
        inRange(todayKey()) ? el('button', { type: 'button', class: 'btn small', text: 'Today', onclick: () => choose(todayKey()) }) : null,
        !required ? el('button', { type: 'button', class: 'btn small', text: 'Clear', onclick: () => choose('') }) : null,
        el('button', { type: 'button', class: 'btn small', text: 'Close', onclick: () => close(true) })));
    if (focus) popup.querySelector(`.date-day[data-date="${focusDay}"]`)?.focus();
  }

  function open() {
    const base = parseDay(iso) || parseDay(todayKey());
    let start = dayKey(base);
    if (min && start < min) start = min;
    if (max && start > max) start = max;
    focusDay = start;
    const s = parseDay(start);
    month = new Date(s.getFullYear(), s.getMonth(), 1);
    popup.hidden = false;
    openButton.setAttribute('aria-expanded', 'true');
    draw(true);
    document.addEventListener('pointerdown', outside, true);
  }

  function close(focusInput) {
    if (popup.hidden) return;
    popup.hidden = true;
    openButton.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (focusInput) input.focus();
  }

  function outside(ev) {
    if (!node.contains(ev.target)) close(false);
  }

  function choose(key) {
    input.value = key;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close(true);
  }

  openButton.addEventListener('click', () => (popup.hidden ? open() : close(true)));
  input.addEventListener('keydown', (ev) => {
    if ((ev.key === 'ArrowDown' && ev.altKey) || (ev.key === 'F4')) { ev.preventDefault(); open(); }
  });
  popup.addEventListener('click', (ev) => {
    const b = ev.target.closest('.date-day');
    if (b && !b.disabled) choose(b.dataset.date);
  });
  popup.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); close(true); return; }
    const b = ev.target.closest('.date-day');
    if (!b) return;
    const d = parseDay(b.dataset.date);
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    let target = null;
    if (ev.key in moves) target = new Date(d.getFullYear(), d.getMonth(), d.getDate() + moves[ev.key]);
    else if (ev.key === 'PageUp') target = new Date(d.getFullYear(), d.getMonth() - 1, d.getDate());
    else if (ev.key === 'PageDown') target = new Date(d.getFullYear(), d.getMonth() + 1, d.getDate());
    else if (ev.key === 'Home') target = new Date(d.getFullYear(), d.getMonth(), d.getDate() - weekOrder().indexOf(mondayIndex(d)));
    else if (ev.key === 'End') target = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 6 - weekOrder().indexOf(mondayIndex(d)));
    if (!target) return;
    ev.preventDefault();
    focusDay = dayKey(target);
    if (target.getMonth() !== month.getMonth() || target.getFullYear() !== month.getFullYear()) {
      month = new Date(target.getFullYear(), target.getMonth(), 1);
    }
    draw(true);
  });

  return { node, input };
}
