// Helpers shared by the Practice sub-views (session, mock rounds, STAR stories, own questions)
// and the Progress screen: the role picker, formatting, the life cycle of timers and key handlers.

import * as api from '../api.js';
import { el, toast } from '../dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The role chosen on Practice or Progress while the app runs (falls back to the active role). */
let chosenRole = null;

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

/** The role to show: the one asked for, else the one chosen earlier, the active one, the first. */
export function pickRole(roles, ctx, wanted) {
  const has = (id) => id && roles.some((r) => r.id === id);
  if (has(wanted)) return wanted;
  if (has(chosenRole)) return chosenRole;
  if (has(ctx.settings?.active_role)) return ctx.settings.active_role;
  return roles.length ? roles[0].id : null;
}

/** Remembers the choice and makes it the active role, as opening a hub does. */
export async function rememberRole(ctx, roleId) {
  chosenRole = roleId;
  if (ctx.settings && ctx.settings.active_role !== roleId) {
    try {
      await ctx.saveSettings({ active_role: roleId });
    } catch (err) {
      toast(`Could not remember the role: ${err.message}`, 'error');
    }
  }
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

/** "1 h 05 min", "12 min", "40 s". */
export function duration(totalSeconds) {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function minutesText(total) {
  const m = Math.round(total);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim();
}

/** A "YYYY-MM-DD" day as a local date (no time zone shift). */
export function parseDay(day) {
  const [y, m, d] = String(day).split('-').map(Number);
  return new Date(y, (m || 1) - 1, d || 1);
}

export function dayKey(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function formatDay(day, withWeekday = true) {
  const d = day instanceof Date ? day : parseDay(day);
  if (Number.isNaN(d.getTime())) return String(day);
  return d.toLocaleDateString('en-GB', withWeekday
    ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
    : { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatInstant(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso || '');
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
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
  const date = d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
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
