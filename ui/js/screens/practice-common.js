// Helpers shared by the Practice sub-views (session, mock rounds, STAR stories, own questions)
// and the Progress screen: the role picker, formatting, the life cycle of timers and key handlers.

import * as api from '../api.js';
import { el } from '../dom.js';
import { resolveRole, makeActive } from '../active-role.js';
import {
  parseDay as parseLocalDay, dayKey as localDayKey, formatDate, formatDateTime, minutesText as formatMinutes,
  secondsText,
} from '../format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c) node.append(c);
  return node;
}

/** The role to show: the one asked for, else the active one, else the first (active-role.js). */
export function pickRole(roles, ctx, wanted) {
  return resolveRole(roles, ctx, wanted);
}

/** Makes the role shown the active role of every screen. */
export async function rememberRole(ctx, roleId) {
  await makeActive(ctx, roleId);
}

/** A labelled <select> of the installed roles. */
export function rolePicker(roles, current, onChange, id = 'role-picker') {
  const select = el('select', { id, class: 'role-select' },
    roles.map((r) => el('option', { value: r.id, selected: r.id === current, text: `${r.title} · ${r.level}` })));
  select.addEventListener('change', () => onChange(select.value));
  return el('div', { class: 'role-pick' },
    el('label', { for: id, class: 'toolbar-label', text: 'Role' }), select);
}

export function noRoles(ctx, title) {
  return el('section', { class: 'screen' },
    el('header', { class: 'page-header' }, el('h1', { text: title })),
    el('div', { class: 'card empty-state', role: 'note', id: 'no-roles' },
      el('p', { class: 'empty-title', text: 'No role installed' }),
      el('p', { text: 'Practice and progress belong to a role hub. Role hubs come from content packs: import one on the Packs screen, or show a hidden built-in pack again there.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn primary', text: 'Go to Packs', onclick: () => ctx.navigate('packs') }))));
}

/**
 * An AbortSignal that fires once `node` has been in the document and then left it (another
 * screen replaced it), or when `parent` aborts. Timers and document listeners hang on it.
 */
export function lifetime(node, parent) {
  const ctl = new AbortController();
  let seen = false;
  const timer = setInterval(() => {
    if (node.isConnected) seen = true;
    else if (seen) ctl.abort();
  }, 400);
  ctl.signal.addEventListener('abort', () => clearInterval(timer));
  if (parent) {
    if (parent.aborted) ctl.abort();
    else parent.addEventListener('abort', () => ctl.abort(), { once: true });
  }
  return ctl.signal;
}

/** Scrolls the main area to the top once `node` is shown (the router keeps the old position). */
export function scrollTopOnAttach(node) {
  let tries = 0;
  const tick = () => {
    if (node.isConnected) {
      const main = document.getElementById('main');
      if (main) main.scrollTop = 0;
    } else if (tries++ < 300) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** True when a key press belongs to a text field (or another control that uses keys). */
export function inTextField(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function searchOpen() {
  return !!document.querySelector('.search-overlay:not([hidden])');
}

/** "4:07", or "1:02:09" past an hour. */
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** mm:ss for countdowns (minutes may pass 59). */
export function mmss(totalSeconds) {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** "12 min", "1 h 5 min", "40 s" (format.js writes every duration of the app). */
export function duration(totalSeconds) {
  return secondsText(totalSeconds);
}

export function minutesText(total) {
  return formatMinutes(total);
}

/** A "YYYY-MM-DD" day as a local date (no time zone shift). */
export function parseDay(day) {
  return parseLocalDay(String(day).slice(0, 10)) || new Date(NaN);
}

export function dayKey(date) {
  return localDayKey(date);
}

/** A day in the user's date format, with or without its weekday. */
export function formatDay(day, withWeekday = true) {
  return formatDate(day, withWeekday ? 'full' : 'plain');
}

export function formatInstant(iso) {
  return formatDateTime(iso);
}

/** "today", "tomorrow", "in 5 days", or the date, for a due instant. */
export function dueText(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso || '');
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const day = new Date(d);
  day.setHours(0, 0, 0, 0);
  const days = Math.round((day - today) / 86400000);
  const date = formatDate(day, 'short');
  if (days <= 0) return `today (${date})`;
  if (days === 1) return `tomorrow (${date})`;
  return `in ${days} days (${date})`;
}

export function nowRfc3339() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const RATINGS = [
  { value: 1, key: 'again', label: 'Again', hint: 'Could not answer' },
  { value: 2, key: 'hard', label: 'Hard', hint: 'Answered with effort' },
  { value: 3, key: 'good', label: 'Good', hint: 'Answered well' },
  { value: 4, key: 'easy', label: 'Easy', hint: 'Answered at once' },
];

export function ratingLabel(n) {
  return RATINGS.find((r) => r.value === Number(n))?.label || String(n);
}

export function percent(x) {
  return `${Math.round((Number(x) || 0) * 100)}%`;
}

/** A short status line that screen readers announce. */
export function liveStatus(id, className = 'live-status') {
  return el('p', { class: className, id, role: 'status', 'aria-live': 'polite' });
}

export function errorNote(err, what) {
  return el('div', { class: 'card error-card', role: 'alert' },
    el('p', { class: 'empty-title', text: what }),
    el('p', { text: err?.message || String(err) }));
}

export { api };
