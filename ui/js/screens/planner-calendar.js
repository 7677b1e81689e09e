// Planner "Calendar": every day from today to the last round as month grids. Each day shows
// its load (planned of usable minutes) coloured by focus area, rounds and days off. A day
// opens (click or Enter) to show its tasks and change its minutes. Arrow keys move between
// days (one tab stop for the grid), Home/End go to the first/last day.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import {
  loadPlan, loadRoles, focusAreas, areaClass, plannerHeader, go, parseDay, addDays, weekdayIndex,
  formatLongDay, formatDay, minutesText, plural, WEEKDAYS, MAX_DAY_MINUTES, TASK_KIND, taskTarget,
  unseenChanges, weekOrder, weekdayNames, taskTitle,
} from './planner-common.js';
import { formatDate } from '../format.js';

const KIND_LABEL = {
  study: 'Study day', off: 'Day off', light: 'Light day before a round', interview: 'Interview day', rest: 'Free: nothing needs doing',
};

function loadSegments(day, areas) {
  // Minutes per colour, in the order tasks appear.
  const by = new Map();
  for (const t of day.tasks) {
    const cls = areaClass(areas, t);
    by.set(cls, (by.get(cls) || 0) + t.minutes);
  }
  return [...by.entries()];
}

function dayLabel(day, override) {
  const parts = [formatLongDay(day.date), KIND_LABEL[day.kind] || day.kind];
  if (day.rounds.length) parts.push(`Rounds: ${day.rounds.map((r) => `${r.name} at ${r.company}`).join(', ')}`);
  if (day.kind !== 'off') parts.push(`${minutesText(day.planned_minutes)} planned of ${minutesText(day.usable_minutes)}`);
  if (day.tasks.length) parts.push(plural(day.tasks.length, 'task'));
  if (override) parts.push(override.note ? `Changed: ${override.note}` : 'Changed from the weekday default');
  return parts.join('. ');
}

function dayCell(day, areas, override, selected) {
  const bar = el('span', { class: 'load-bar', 'aria-hidden': 'true' });
  const usable = Math.max(day.usable_minutes, 1);
  for (const [cls, minutes] of loadSegments(day, areas)) {
    const seg = el('span', { class: `load-seg ${cls}` });
    seg.style.width = `${Math.min((minutes / usable) * 100, 100)}%`;
    bar.append(seg);
  }
  const n = parseDay(day.date).getUTCDate();
  return el('button', {
    type: 'button',
    class: `cal-day kind-${day.kind}${override ? ' has-override' : ''}${day.rounds.length ? ' has-round' : ''}`,
    dataset: { date: day.date, kind: day.kind, planned: String(day.planned_minutes), usable: String(day.usable_minutes) },
    'aria-label': dayLabel(day, override),
    'aria-pressed': selected ? 'true' : 'false',
    tabindex: '-1',
  },
  el('span', { class: 'cal-num', 'aria-hidden': 'true', text: String(n) }),
  day.rounds.length ? el('span', { class: 'cal-round', 'aria-hidden': 'true', title: day.rounds.map((r) => `${r.name} at ${r.company}`).join(', ') },
    el('span', { class: 'round-mark', text: '◆' }), el('span', { class: 'cal-round-name', text: day.rounds[0].name })) : null,
  day.kind === 'off' ? el('span', { class: 'cal-off', 'aria-hidden': 'true', text: 'off' }) : null,
  day.kind !== 'off' ? el('span', { class: 'cal-minutes', 'aria-hidden': 'true', text: `${day.planned_minutes}/${day.usable_minutes}\u00a0min` }) : null,
  day.kind !== 'off' ? bar : null);
}

function months(days) {
  const out = [];
  for (const d of days) {
    const key = d.date.slice(0, 7);
    let m = out[out.length - 1];
    if (!m || m.key !== key) { m = { key, days: [] }; out.push(m); }
    m.days.push(d);
  }
  return out;
}

function monthGrid(month, areas, overrides, selected) {
  const first = month.days[0].date;
  const title = formatDate(first, 'month');
  const order = weekOrder();
  const rows = [];
  let row = [];
  for (let i = 0; i < order.indexOf(weekdayIndex(first)); i++) row.push(el('td', { class: 'cal-empty' }));
  for (const d of month.days) {
    row.push(el('td', {}, dayCell(d, areas, overrides.get(d.date), d.date === selected)));
    if (row.length === 7) { rows.push(el('tr', {}, row)); row = []; }
  }
  if (row.length) {
    while (row.length < 7) row.push(el('td', { class: 'cal-empty' }));
    rows.push(el('tr', {}, row));
  }
  const id = `cal-${month.key}`;
  const short = weekdayNames('short');
  const long = weekdayNames('long');
  return el('section', { class: 'cal-month', 'aria-labelledby': id, dataset: { month: month.key } },
    el('h2', { id, class: 'cal-month-title', text: title }),
    el('table', { class: 'cal-table' },
      el('thead', {}, el('tr', {}, order.map((i) => el('th', { scope: 'col', abbr: long[i] },
        el('span', { 'aria-hidden': 'true', text: short[i] }), el('span', { class: 'visually-hidden', text: long[i] }))))),
      el('tbody', {}, rows)));
}

function legend(areas, plan) {
  const used = new Set(plan.days.flatMap((d) => d.tasks.map((t) => (t.focus_area ? `${t.role_id}/${t.focus_area}` : null))).filter(Boolean));
  const items = [...areas.entries()].filter(([k]) => used.has(k));
  const roleCount = new Set(items.map(([, a]) => a.role)).size;
  return el('ul', { class: 'cal-legend', id: 'cal-legend', 'aria-label': 'Legend' },
    items.map(([, a]) => el('li', {}, el('span', { class: `swatch area-${a.index}`, 'aria-hidden': 'true' }),
      el('span', { text: roleCount > 1 ? `${a.name} (${a.role})` : a.name }))),
    el('li', {}, el('span', { class: 'swatch area-none', 'aria-hidden': 'true' }), el('span', { text: 'Mocks, stories, checklist, logistics' })),
    el('li', {}, el('span', { class: 'round-mark', 'aria-hidden': 'true', text: '◆' }), el('span', { text: 'Round' })),
    el('li', {}, el('span', { class: 'legend-off', 'aria-hidden': 'true', text: 'off' }), el('span', { text: 'Day off' })),
    el('li', {}, el('span', { class: 'legend-changed', 'aria-hidden': 'true' }), el('span', { text: 'Changed from the weekday default' })));
}

function dayPanel(day, plan, view, areas, ctx, apply) {
  const override = view.overrides.find((o) => o.date === day.date) || null;
  const weekdayDefault = view.weekday_minutes[weekdayIndex(day.date)];
  const status = el('p', { class: 'field-status', role: 'status', id: 'cal-day-status' });
  const minutes = el('input', {
    type: 'number', id: 'cal-day-minutes', min: '0', max: String(MAX_DAY_MINUTES), step: '5', inputmode: 'numeric',
    value: String(day.capacity_minutes),
  });
  const note = el('input', { type: 'text', id: 'cal-day-note', maxlength: '200', value: override?.note || '' });
  const set = async (value, what) => {
    try {
      await api.setPlanDay(day.date, value, note.value);
      await apply(day.date, what);
    } catch (err) {
      status.textContent = err.message;
      status.className = 'field-status error';
    }
  };
  const tasks = day.tasks.length ? el('ul', { class: 'task-list compact', id: 'cal-day-tasks' }, day.tasks.map((t) => {
    const [label, screen, param] = taskTarget(t);
    return el('li', { class: `task ${t.done ? 'is-done' : ''}`, dataset: { key: t.key } },
      el('span', { class: `swatch ${areaClass(areas, t)}`, 'aria-hidden': 'true' }),
      el('div', { class: 'task-body' },
        taskTitle(t, null),
        el('span', { class: 'task-meta' },
          el('span', { class: `kind-tag kind-${t.kind}`, text: TASK_KIND[t.kind] || t.kind }),
          el('span', { class: 'task-minutes duration', text: minutesText(t.minutes) }),
          t.done ? el('span', { class: 'done-tag', text: 'done' }) : null)),
      el('button', { type: 'button', class: 'btn small task-open', text: label, 'aria-label': `${label}: ${t.title}`, onclick: () => go(ctx, screen, param) }));
  })) : el('p', { class: 'muted', text: day.kind === 'off' ? 'A day off: nothing is planned.' : 'Nothing is planned on this day.' });

  return el('section', { class: 'card cal-panel', id: 'cal-day-panel', 'aria-labelledby': 'cal-day-title', dataset: { date: day.date } },
    el('h2', { id: 'cal-day-title', tabindex: '-1', text: formatLongDay(day.date) }),
    el('p', { class: 'muted', id: 'cal-day-summary' },
      `${KIND_LABEL[day.kind] || day.kind}. `,
      day.kind !== 'off' ? `${minutesText(day.planned_minutes)} planned of ${minutesText(day.usable_minutes)} usable (${minutesText(day.capacity_minutes)} with the buffer).` : '',
      day.rounds.length ? el('span', { class: 'cal-panel-rounds' }, ' Rounds: ', day.rounds.map((r, i) => [i ? ', ' : '', el('strong', { text: r.name }), ' at ', el('span', { text: r.company })]).flat()) : null),
    tasks,
    el('form', {
      class: 'cal-day-form', novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        const v = Number(minutes.value);
        if (!Number.isInteger(v) || v < 0 || v > MAX_DAY_MINUTES) {
          status.textContent = `Minutes: enter whole minutes from 0 to ${MAX_DAY_MINUTES}.`;
          status.className = 'field-status error';
          minutes.setAttribute('aria-invalid', 'true');
          minutes.focus();
          return;
        }
        set(v, v === 0 ? 'Marked as a day off.' : `Set to ${minutesText(v)}.`);
      },
    },
    el('h3', { text: 'Change this day' }),
    el('div', { class: 'cal-form-row' },
      el('div', { class: 'field' }, el('label', { for: minutes.id, text: 'Study minutes' }), minutes),
      el('div', { class: 'field' }, el('label', { for: note.id, text: 'Note (optional)' }), note)),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'btn primary', id: 'cal-day-set', text: 'Set minutes' }),
      el('button', { type: 'button', class: 'btn', id: 'cal-day-off', text: 'Mark as day off', disabled: day.kind === 'off' && override?.minutes === 0,
        onclick: () => set(0, 'Marked as a day off.') }),
      el('button', { type: 'button', class: 'btn', id: 'cal-day-reset', text: `Back to the ${WEEKDAYS[weekdayIndex(day.date)]} default (${minutesText(weekdayDefault)})`, disabled: !override,
        onclick: () => set(null, 'Back to the weekday default.') })),
    el('p', { class: 'muted small', text: override ? `This day is changed from the weekday default (${minutesText(weekdayDefault)}).` : `This day uses the ${WEEKDAYS[weekdayIndex(day.date)]} default.` }),
    status));
}

export async function renderCalendar(container, ctx, initial) {
  const host = el('div', { class: 'screen planner wide', id: 'planner-calendar' });
  const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'cal-live' });
  container.append(host);
  const roles = await loadRoles(initial.processes);
  const areas = focusAreas(roles);
  let view = initial;
  let selected = null;
  let current = null; // the day that holds the grid's tab stop

  function draw(focusSelected) {
    const { plan } = view;
    clear(host);
    host.append(plannerHeader('Planner', null, 'calendar'), live);
    if (!view.processes.length || !plan.days.length) {
      host.append(el('div', { class: 'card empty-state', role: 'note', id: 'planner-empty' },
        el('p', { class: 'empty-title', text: view.processes.length ? 'No day left to plan' : 'No interview planned yet' }),
        el('p', { text: view.processes.length ? 'Every round is behind you. Add your next interview to plan again.' : 'Add an interview and the calendar fills with the days up to it.' }),
        el('div', { class: 'actions' }, el('button', { type: 'button', class: 'btn primary', text: 'Go to Interviews', onclick: () => go(ctx, 'planner', 'setup') }))));
      return;
    }
    const overrides = new Map(view.overrides.map((o) => [o.date, o]));
    const last = plan.days[plan.days.length - 1].date;
    if (!current || !plan.days.some((d) => d.date === current)) current = selected || plan.today;
    const grids = el('div', { class: 'cal-grids', id: 'cal-grids', role: 'group', 'aria-label': `Days from ${formatDay(plan.today)} to ${formatDay(last)}` },
      months(plan.days).map((m) => monthGrid(m, areas, overrides, selected)));
    const panelSlot = el('div', { class: 'cal-panel-slot', id: 'cal-panel-slot' });
    const changes = unseenChanges();
    host.append(...[
      el('p', { class: 'lede', id: 'cal-range' }, `${plural(plan.days.length, 'day')} from today to ${formatDay(last, { year: true })}. Choose a day to see its tasks and change its time. `,
        el('span', { class: 'muted', text: 'Arrow keys move between days.' })),
      changes.length ? el('p', { class: 'muted small', id: 'cal-changes' }, `Changed: ${changes[0]}. `, el('a', { href: '#/planner', text: 'See all on Today' })) : null,
      legend(areas, plan),
      el('div', { class: 'cal-layout' }, grids, panelSlot)].filter(Boolean));

    // Wide: the day panel sits beside the months. Narrow (one column): it goes right under the
    // month of the chosen day, where the eyes are, instead of after every month.
    const layout = host.querySelector('.cal-layout');
    const oneColumn = window.matchMedia('(max-width: 1100px)');
    function placePanel() {
      const month = selected ? grids.querySelector(`.cal-month[data-month="${selected.slice(0, 7)}"]`) : null;
      if (oneColumn.matches && month) month.after(panelSlot);
      else if (panelSlot.parentNode !== layout) layout.append(panelSlot);
    }
    oneColumn.onchange = placePanel;
    const buttons = [...grids.querySelectorAll('.cal-day')];
    const byDate = new Map(buttons.map((b) => [b.dataset.date, b]));
    const setCurrent = (date, focus) => {
      const b = byDate.get(date);
      if (!b) return;
      for (const x of buttons) x.tabIndex = -1;
      b.tabIndex = 0;
      current = date;
      if (focus) b.focus();
    };
    setCurrent(current, false);
    const open = (date, focusPanel) => {
      selected = date;
      for (const x of buttons) x.setAttribute('aria-pressed', String(x.dataset.date === date));
      setCurrent(date, false);
      const day = plan.days.find((d) => d.date === date);
      const panel = dayPanel(day, plan, view, areas, ctx, apply);
      clear(panelSlot).append(panel);
      placePanel();
      if (focusPanel) panel.querySelector('h2').focus();
    };
    grids.addEventListener('click', (ev) => {
      const b = ev.target.closest('.cal-day');
      if (b) open(b.dataset.date, true);
    });
    grids.addEventListener('keydown', (ev) => {
      const b = ev.target.closest('.cal-day');
      if (!b) return;
      const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[ev.key];
      let target = null;
      if (step) {
        target = addDays(b.dataset.date, step);
        if (!byDate.has(target)) target = step > 0 ? last : plan.today;
      } else if (ev.key === 'Home') target = plan.today;
      else if (ev.key === 'End') target = last;
      if (target) {
        ev.preventDefault();
        setCurrent(target, true);
      }
    });
    if (selected && byDate.has(selected)) {
      open(selected, false);
      if (focusSelected) byDate.get(selected).focus();
    }
  }

  async function apply(date, what) {
    try {
      view = await loadPlan();
      selected = date;
      current = date;
      draw(false);
      const panel = host.querySelector('#cal-day-panel');
      const status = panel?.querySelector('#cal-day-status');
      if (status) {
        status.textContent = what;
        status.className = 'field-status ok';
      }
      live.textContent = what;
      panel?.querySelector('h2')?.focus();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  draw(false);
}
