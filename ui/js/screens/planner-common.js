// Helpers shared by the Planner views (Today, Calendar, Interviews / first run):
// dates as "YYYY-MM-DD" strings, the planner's tabs, focus-area colours and the
// "what changed" lines the backend reports once per change.

import * as api from '../api.js';
import { el } from '../dom.js';
import { hubParam } from './hub.js';
import {
  formatDate, minutesText as formatMinutes, localiseDates, weekOrder, weekdayNames, firstWeekday,
} from '../format.js';

export { localiseDates, weekOrder, weekdayNames, firstWeekday };

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

/** "Mon, 14 Dec"; with `year` also the year (in the user's own date format, format.js). */
export function formatDay(s, { weekday = true, year = false } = {}) {
  const style = weekday ? (year ? 'full' : 'short') : (year ? 'plain' : 'dayMonth');
  return formatDate(s, style);
}

export function formatLongDay(s) {
  return formatDate(s, 'long');
}

/** "today", "tomorrow", "in 12 days", "3 days ago". */
export function relativeDays(n) {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

export function minutesText(total) {
  return formatMinutes(total);
}

export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/* ---------- plan loading and "what changed" ---------- */

// The backend keeps reporting what changed (against the last plan the user acknowledged)
// until the user dismisses it, across views and restarts.
let unseen = [];
// What job postings raised: "role/question" and "role/area" → the posting's words.
let tailored = {};

export async function loadPlan() {
  const view = await api.getPlan();
  unseen = (view.changes || []).map((line) => localiseDates(line));
  tailored = view.tailored || {};
  return view;
}

/** "Posting: Kafka, incident response" on a task a job posting raised, else null. */
export function postingTag(task) {
  const words = task.question_id ? tailored[`${task.role_id}/${task.question_id}`] : null;
  if (!words || !words.length) return null;
  return el('span', { class: 'posting-tag', title: 'Raised by the job posting' }, `Posting: ${words.slice(0, 4).join(', ')}`);
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

/**
 * A task's title on one line, in normal weight (a whole question can run to seven lines);
 * a long one has a button that shows it all. The title still labels the tick box.
 */
export function taskTitle(t, forId) {
  const title = el(forId ? 'label' : 'span', { class: 'task-title', for: forId || null, text: t.title });
  if (t.title.length <= 70) return el('div', { class: 'task-title-row' }, title);
  const more = el('button', {
    type: 'button', class: 'task-more', 'aria-expanded': 'false', 'aria-label': 'Show the whole task', title: 'Show the whole task',
    onclick: () => {
      const open = more.getAttribute('aria-expanded') !== 'true';
      more.setAttribute('aria-expanded', String(open));
      more.setAttribute('aria-label', open ? 'Show less' : 'Show the whole task');
      row.classList.toggle('is-open', open);
    },
  }, el('span', { class: 'task-more-mark', 'aria-hidden': 'true', text: '▸' }));
  const row = el('div', { class: 'task-title-row is-long' }, title, more);
  return row;
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

const LEFT_OUT = {
  questions: (l) => `${plural(l.count, 'question')} (${minutesText(l.minutes)})`,
  reviews: (l) => `about ${minutesText(l.minutes)} of reviews`,
  mocks: (l) => `${plural(l.count, 'full mock')} (${minutesText(l.minutes)})`,
  stories: (l) => plural(l.count, 'STAR story task'),
  checklist: (l) => plural(l.count, 'checklist item'),
};

/**
 * Whether the plan fits, in one voice: one verdict (what has no room, from the backend), the one
 * action that fixes it, then the figures and the coverage they come from. `coverage` adds the
 * share of questions planned and the list of those left out.
 */
export function feasibilityBlock(plan, id, { coverage = false } = {}) {
  const f = plan.feasibility;
  const c = plan.coverage;
  const leftOut = f.left_out || [];
  const fits = !leftOut.length && f.enough;
  const ratio = f.needed_minutes ? Math.min(f.available_minutes / f.needed_minutes, 1) : 1;
  const meter = el('span', { class: 'pl-meter-fill' });
  meter.style.width = `${Math.round(ratio * 100)}%`;
  const causes = { no_time: 'No time', known_well: 'Known well', no_slot: 'No day fits' };
  return el('div', { class: `feasibility ${fits ? 'is-enough' : 'is-short'}`, id, dataset: { enough: String(f.enough), fits: String(fits) } },
    el('p', { class: 'feasibility-verdict' },
      el('span', { class: 'status-dot', 'aria-hidden': 'true' }),
      el('strong', { text: fits ? 'Everything fits' : 'Not everything fits' })),
    // Fits: the backend's sentence. Does not: what has no room, then the one action.
    leftOut.length ? [
      el('p', { class: 'left-out-title', id: id ? `${id}-left-out-title` : null, text: 'No room for:' }),
      el('ul', { class: 'left-out', id: id ? `${id}-left-out` : null, 'aria-labelledby': id ? `${id}-left-out-title` : null },
        leftOut.map((l) => el('li', { dataset: { kind: l.kind } }, (LEFT_OUT[l.kind] || ((x) => `${x.kind}`))(l)))),
      el('p', { class: 'feasibility-action', text: f.minutes_per_day_needed > MAX_DAY_MINUTES
        ? 'Even the most study time a day would not fit it all: move the interview date if you can.'
        : `Add ${minutesText(f.add_minutes_per_day)} a day to fit it all.` }),
    ] : el('p', { class: 'feasibility-message', text: localiseDates(f.message) }),
    el('dl', { class: 'figures' },
      el('div', {}, el('dt', { text: 'Needed' }), el('dd', { class: 'fig-needed duration', text: minutesText(f.needed_minutes) })),
      el('div', {}, el('dt', { text: 'Available' }), el('dd', { class: 'fig-available duration', text: minutesText(f.available_minutes) })),
      coverage ? el('div', {}, el('dt', { text: 'Questions planned' }), el('dd', { class: 'fig-coverage', id: 'coverage-percent', text: `${c.percent}%` })) : null),
    el('span', { class: 'pl-meter', 'aria-hidden': 'true' }, meter),
    coverage ? el('p', { class: 'muted small coverage-line', id: 'plan-coverage' },
      `${c.items_planned} of ${plural(c.items_total, 'question')} have a place in the plan.`) : null,
    coverage && c.cut.length ? el('details', { class: 'cut-list', id: 'coverage-cut' },
      el('summary', { text: `${plural(c.cut.length, 'question')} left out, and why` }),
      el('ul', {}, c.cut.map((item) => el('li', { dataset: { cause: item.cause } },
        el('span', { class: 'cut-title', text: item.title }),
        el('span', { class: 'muted small', text: ` · ${causes[item.cause] || item.cause}: ${localiseDates(item.reason)}` }))))) : null);
}

/** The backend's "invalid" message split into field → problem ("company: …; rounds.x.date: …"). */
export function fieldProblems(message) {
  const body = message.replace(/^[^:]*?was not saved:\s*/, '');
  return body.split(/;\s+/).map((part) => {
    const m = /^([a-z_]+(?:\.[A-Za-z0-9_-]+)*(?:\[\d+\])?):\s*(.*)$/.exec(part);
    return m ? { field: m[1], text: m[2] } : { field: null, text: part };
  });
}
