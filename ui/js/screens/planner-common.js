// Helpers shared by the Planner views (Today, Calendar, Interviews / first run):
// dates as "YYYY-MM-DD" strings, the planner's tabs, focus-area colours and the
// "what changed" lines the backend reports once per change.

import * as api from '../api.js';
import { el } from '../dom.js';
import { hubParam } from './hub.js';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MAX_DAY_MINUTES = 960;

/* ---------- dates ---------- */

export function parseDay(s) {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function dayText(date) {
  return date.toISOString().slice(0, 10);
}

export function addDays(s, n) {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + n);
  return dayText(d);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a, b) {
  return Math.round((parseDay(b) - parseDay(a)) / 86400000);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(s) {
  return (parseDay(s).getUTCDay() + 6) % 7;
}

export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Mon 14 Dec"; with `year` also the year. */
export function formatDay(s, { weekday = true, year = false } = {}) {
  return parseDay(s).toLocaleDateString('en-GB', {
    timeZone: 'UTC', weekday: weekday ? 'short' : undefined, day: 'numeric', month: 'short', year: year ? 'numeric' : undefined,
  });
}

export function formatLongDay(s) {
  return parseDay(s).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "today", "tomorrow", "in 12 days", "3 days ago". */
export function relativeDays(n) {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

export function minutesText(total) {
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/* ---------- plan loading and "what changed" ---------- */

// The backend keeps reporting what changed (against the last plan the user acknowledged)
// until the user dismisses it, across views and restarts.
let unseen = [];

export async function loadPlan() {
  const view = await api.getPlan();
  unseen = [...(view.changes || [])];
  return view;
}

export function unseenChanges() {
  return [...unseen];
}

export async function dismissChanges() {
  unseen = [];
  await api.acknowledgePlanChanges();
}

/** Roles of the processes, by id (null when a role is no longer installed). */
export async function loadRoles(processes) {
  const ids = [...new Set(processes.map((p) => p.role_id))];
  const roles = await Promise.all(ids.map((id) => api.getRole(id).catch(() => null)));
  return new Map(ids.map((id, i) => [id, roles[i]]));
}

/**
 * Colour index and name for every "role/focus" key: a role's focus areas in its own order
 * (so one role looks as it does in its hub), further roles continue the series.
 */
export function focusAreas(roles) {
  const map = new Map();
  let i = 0;
  for (const [roleId, role] of roles) {
    if (!role) continue;
    for (const a of role.focus_areas || []) {
      map.set(`${roleId}/${a.id}`, { index: i % 6, name: a.name, role: role.title });
      i += 1;
    }
  }
  return map;
}

export function areaClass(areas, task) {
  const a = task.focus_area ? areas.get(`${task.role_id}/${task.focus_area}`) : null;
  return a ? `area-${a.index}` : 'area-none';
}

/* ---------- navigation ---------- */

/** Goes to a route, re-rendering when the hash is already that route. */
export function go(ctx, screen, param) {
  const target = param ? `#/${screen}/${encodeURIComponent(param)}` : `#/${screen}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else ctx.navigate(screen, param);
}

export const TASK_KIND = {
  learn: 'Learn', review: 'Review', mock: 'Mock', story: 'Story', checklist: 'Checklist',
  logistics: 'Logistics', interview: 'Interview',
};

/** Where a task is done: [label, screen, param]. */
export function taskTarget(task) {
  switch (task.kind) {
    case 'learn':
    case 'review':
      // Practising it (answer, reveal, rate) is what moves the plan on.
      return task.question_id
        ? ['Practise the question', 'practice', `?role=${task.role_id}&q=${task.question_id}`]
        : ['Open the hub', 'hub', task.role_id];
    case 'story':
      return ['Open STAR stories', 'practice', `stories?role=${task.role_id}`];
    case 'mock':
      return ['Open mock rounds', 'practice', `mock?role=${task.role_id}`];
    case 'checklist':
      return ['Open the checklist', 'hub', task.role_id];
    default:
      return task.round_id ? ['Open the round', 'hub', hubParam(task.role_id, 'round', task.round_id)] : ['Open the hub', 'hub', task.role_id];
  }
}

/* ---------- page frame ---------- */

const TABS = [
  { id: 'today', label: 'Today', href: '#/planner' },
  { id: 'calendar', label: 'Calendar', href: '#/planner/calendar' },
  { id: 'setup', label: 'Interviews', href: '#/planner/setup' },
];

export function plannerHeader(title, lede, current) {
  return el('header', { class: 'page-header planner-header' },
    el('h1', { id: 'planner-title', text: title }),
    lede ? el('p', { class: 'lede', text: lede }) : null,
    current ? el('nav', { class: 'planner-tabs', 'aria-label': 'Planner' },
      el('ul', {}, TABS.map((t) => el('li', {},
        el('a', { href: t.href, class: 'planner-tab', dataset: { view: t.id }, 'aria-current': t.id === current ? 'page' : null, text: t.label }))))) : null);
}

/** A message for an error that kept a planner view from loading. */
export function errorCard(title, err) {
  return el('div', { class: 'card error-card', role: 'alert' },
    el('p', { class: 'empty-title', text: title }),
    el('p', { text: err.message || String(err) }));
}

/** The feasibility of a plan, in words and numbers. */
export function feasibilityBlock(plan, id) {
  const f = plan.feasibility;
  const ratio = f.needed_minutes ? Math.min(f.available_minutes / f.needed_minutes, 1) : 1;
  const meter = el('span', { class: 'pl-meter-fill' });
  meter.style.width = `${Math.round(ratio * 100)}%`;
  return el('div', { class: `feasibility ${f.enough ? 'is-enough' : 'is-short'}`, id, dataset: { enough: String(f.enough) } },
    el('p', { class: 'feasibility-verdict' },
      el('span', { class: 'status-dot', 'aria-hidden': 'true' }),
      el('strong', { text: f.enough ? 'Your time is enough' : 'Your time is short' })),
    el('p', { class: 'feasibility-message', text: f.message }),
    el('dl', { class: 'figures' },
      el('div', {}, el('dt', { text: 'Needed' }), el('dd', { class: 'fig-needed', text: minutesText(f.needed_minutes) })),
      el('div', {}, el('dt', { text: 'Available' }), el('dd', { class: 'fig-available', text: minutesText(f.available_minutes) })),
      el('div', {}, el('dt', { text: 'Per day needed' }), el('dd', { class: 'fig-per-day', text: `${minutesText(f.minutes_per_day_needed)} a day` }))),
    el('span', { class: 'pl-meter', 'aria-hidden': 'true' }, meter));
}

/** The backend's "invalid" message split into field → problem ("company: …; rounds.x.date: …"). */
export function fieldProblems(message) {
  const body = message.replace(/^[^:]*?was not saved:\s*/, '');
  return body.split(/;\s+/).map((part) => {
    const m = /^([a-z_]+(?:\.[A-Za-z0-9_-]+)*(?:\[\d+\])?):\s*(.*)$/.exec(part);
    return m ? { field: m[1], text: m[2] } : { field: null, text: part };
  });
}
