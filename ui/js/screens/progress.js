// Progress: readiness per focus area and round, study time (calendar heatmap), reviews per day,
// mock scores over time, STAR coverage, streak and totals, for one role.
// Every chart is an SVG with role="img" and an aria-label, plus the same numbers as a table.

import * as api from '../api.js';
import { el, clear } from '../dom.js';
import { formatDate } from '../format.js';
import {
  svg, pickRole, rememberRole, rolePicker, noRoles, scrollTopOnAttach, parseDay, dayKey, formatDay, minutesText, percent, errorNote,
} from './practice-common.js';

export async function render(container, ctx, param) {
  const roles = await api.listRoles();
  if (!roles.length) {
    container.append(noRoles(ctx, 'Progress'));
    return;
  }
  let roleId = pickRole(roles, ctx, param);
  await rememberRole(ctx, roleId);
  const body = el('div', { class: 'progress-body', id: 'progress-body' });
  const screen = el('section', { class: 'screen progress-screen' },
    el('header', { class: 'page-header practice-header' },
      el('div', { class: 'practice-title' },
        el('h1', { text: 'Progress' }),
        rolePicker(roles, roleId, async (id) => {
          roleId = id;
          await rememberRole(ctx, id);
          await show();
        }, 'progress-role'))),
    body);
  container.append(screen);
  scrollTopOnAttach(screen);

  async function show() {
    const host = el('div', {});
    try {
      const [data, role] = await Promise.all([api.progressOverview(roleId), api.getRole(roleId)]);
      screen.dataset.role = roleId;
      host.append(...overview(data, role, ctx));
    } catch (err) {
      host.append(errorNote(err, 'Progress could not be shown'));
    }
    clear(body).append(host);
  }
  await show();
}

function overview(d, role, ctx) {
  const t = d.totals || {};
  const nothingYet = !t.reviews && !(d.mocks || []).length && !(d.study_days || []).length;
  return [
    nothingYet ? el('div', { class: 'card empty-state', role: 'note', id: 'progress-empty' },
      el('p', { class: 'empty-title', text: `Nothing practised yet for ${role.title}` }),
      el('p', { text: 'Readiness, study time and scores fill in as you rate questions in practice sessions and run mock rounds.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn primary', text: 'Start practising', onclick: () => ctx.navigate('practice') }),
        el('button', { type: 'button', class: 'btn', text: 'Run a mock round', onclick: () => ctx.navigate('practice', 'mock') }))) : null,
    statTiles(d),
    readinessSection(d.readiness || {}),
    el('div', { class: 'chart-grid' },
      heatmapSection(d.study_days || []),
      reviewsSection(d.reviews_per_day || [])),
    el('div', { class: 'chart-grid' },
      mocksSection(d.mocks || [], ctx),
      storiesSection(d.stories || { covered: 0, total: 0 })),
  ].filter(Boolean);
}

/* ---------- figures at a glance ---------- */

function statTiles(d) {
  const t = d.totals || {};
  const s = d.streak || {};
  const r = d.readiness || {};
  const tile = (id, labelText, value, note) => el('div', { class: 'stat-tile', id },
    el('dt', { text: labelText }),
    el('dd', {}, el('span', { class: 'stat-value', text: value }), note ? el('span', { class: 'stat-note', text: note }) : null));
  return el('dl', { class: 'stat-tiles', id: 'progress-stats' },
    tile('stat-readiness', 'Readiness', percent(r.overall), 'of the role'),
    tile('stat-streak', 'Streak', `${s.current || 0} day${s.current === 1 ? '' : 's'}`, `longest ${s.longest || 0}`),
    tile('stat-reviews', 'Reviews', String(t.reviews || 0), null),
    tile('stat-minutes', 'Study time', minutesText(t.minutes || 0), null),
    tile('stat-learned', 'Learned', `${t.learned || 0} of ${t.questions || 0}`, 'questions'));
}

/* ---------- readiness ---------- */

function meterCell(value) {
  const fill = el('span', { class: 'meter-fill' });
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, Number(value) || 0)) * 100)}%`;
  return el('td', { class: 'meter-cell' },
    el('span', { class: 'meter', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'meter-text', text: percent(value) }));
}

function readinessSection(r) {
  const byFocus = r.by_focus || [];
  const byRound = r.by_round || [];
  return el('section', { class: 'card readiness', id: 'progress-readiness', 'aria-labelledby': 'readiness-title' },
    el('div', { class: 'section-head' },
      el('h2', { id: 'readiness-title', text: 'Readiness' }),
      el('p', { class: 'readiness-overall' }, el('strong', { id: 'readiness-overall', text: percent(r.overall) }), ' overall')),
    evidenceNote(r),
    r.formula ? el('details', { class: 'formula', id: 'readiness-formula' },
      el('summary', { text: 'How is this computed?' }),
      el('p', { class: 'formula-text', text: r.formula })) : null,
    el('div', { class: 'readiness-tables' },
      el('table', { class: 'data-table readiness-table', id: 'readiness-focus' },
        el('caption', { text: 'By focus area' }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'Focus area' }), el('th', { scope: 'col', text: 'Weight' }),
          el('th', { scope: 'col', text: 'Readiness' }), el('th', { scope: 'col', text: 'Ready' }))),
        el('tbody', {}, byFocus.map((f) => el('tr', { dataset: { focus: f.id } },
          el('th', { scope: 'row', text: f.name }),
          el('td', { class: 'num', text: `${f.weight}%` }),
          meterCell(f.readiness),
          el('td', { class: 'num', text: `${f.ready} of ${f.total}` }))))),
      el('table', { class: 'data-table readiness-table', id: 'readiness-rounds' },
        el('caption', { text: 'By round' }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'Round' }), el('th', { scope: 'col', text: 'Readiness' }),
          el('th', { scope: 'col', text: 'Recall' }), el('th', { scope: 'col', text: 'Mock' }),
          el('th', { scope: 'col', text: 'Ready' }))),
        el('tbody', {}, byRound.map((x) => el('tr', { dataset: { round: x.id } },
          el('th', { scope: 'row' }, el('span', { text: x.name }),
            x.deadline ? el('span', { class: 'round-deadline', text: `by ${formatDay(x.deadline, false)}` }) : null),
          meterCell(x.readiness),
          el('td', { class: 'num', text: percent(x.recall_share) }),
          el('td', { class: 'num mock-cell', text: x.mock_score == null ? '—' : `${Number(x.mock_score).toFixed(1)} / 5` }),
          el('td', { class: 'num', text: `${x.ready} of ${x.total}` })))))));
}

/** What readiness does not count yet, and why: the evidence it waits for. */
function evidenceNote(r) {
  const parts = [];
  if (r.need_second_day) {
    parts.push(`${r.need_second_day} question${r.need_second_day === 1 ? ' is' : 's are'} recalled well but counted only after a review on a second day`);
  }
  if (r.short_mocks) {
    parts.push(`${r.short_mocks} mock${r.short_mocks === 1 ? '' : 's'} ran for less than half of the round and ${r.short_mocks === 1 ? 'does' : 'do'} not count`);
  }
  return parts.length ? el('p', { class: 'evidence-note muted', id: 'readiness-evidence', text: `Not counted yet: ${parts.join('; ')}.` }) : null;
}

/* ---------- study-time heatmap ---------- */

function heatLevel(minutes) {
  if (!minutes) return 0;
  if (minutes < 15) return 1;
  if (minutes < 30) return 2;
  if (minutes < 60) return 3;
  return 4;
}

function heatmapSection(days) {
  const byDay = new Map(days.map((x) => [x.date, x]));
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  // 26 columns of Monday-to-Sunday weeks, the last one holding today.
  const weekday = (today.getDay() + 6) % 7; // Monday 0
  const start = new Date(today);
  start.setDate(start.getDate() - weekday - 25 * 7);
  const cell = 13;
  const gap = 3;
  const left = 30;
  const top = 18;
  const cells = [];
  const months = [];
  let lastMonth = -1;
  let active = 0;
  let totalMinutes = 0;
  for (let w = 0; w < 26; w += 1) {
    for (let dIdx = 0; dIdx < 7; dIdx += 1) {
      const date = new Date(start);
      date.setDate(start.getDate() + w * 7 + dIdx);
      if (date > today) continue;
      const key = dayKey(date);
      const rec = byDay.get(key);
      const minutes = rec ? rec.minutes : 0;
      if (rec && (rec.minutes || rec.reviews)) { active += 1; totalMinutes += rec.minutes || 0; }
      if (dIdx === 0 && date.getMonth() !== lastMonth) {
        lastMonth = date.getMonth();
        months.push(svg('text', { x: left + w * (cell + gap), y: 11, class: 'chart-label', text: formatDate(date, 'monthShort') }));
      }
      cells.push(svg('rect', {
        x: left + w * (cell + gap), y: top + dIdx * (cell + gap), width: cell, height: cell, rx: 2.5,
        class: `heat heat-${heatLevel(minutes)}`, 'data-date': key,
      }, svg('title', { text: `${formatDay(key)}: ${rec ? `${minutesText(rec.minutes)}, ${rec.reviews} review${rec.reviews === 1 ? '' : 's'}` : 'no study'}` })));
    }
  }
  const width = left + 26 * (cell + gap);
  const height = top + 7 * (cell + gap);
  const dayLabels = [['Mon', 0], ['Wed', 2], ['Fri', 4]].map(([t, i]) => svg('text', { x: 0, y: top + i * (cell + gap) + 10, class: 'chart-label', text: t }));
  const summary = active
    ? `Study time over the last 26 weeks: ${active} active day${active === 1 ? '' : 's'}, ${minutesText(totalMinutes)} in total.`
    : 'Study time over the last 26 weeks: no study recorded yet.';
  const chart = svg('svg', { class: 'chart heatmap', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary },
    months, dayLabels, cells);
  const legend = el('p', { class: 'heat-legend', 'aria-hidden': 'true' }, 'Less ',
    [0, 1, 2, 3, 4].map((l) => el('span', { class: `heat-swatch heat-${l}` })), ' More (0, under 15, 15–29, 30–59, 60+ min)');
  const activeDays = days.filter((x) => x.minutes || x.reviews).slice().sort((a, b) => (a.date < b.date ? 1 : -1));
  return el('section', { class: 'card chart-card', id: 'progress-heatmap', 'aria-labelledby': 'heatmap-title' },
    el('h2', { id: 'heatmap-title', text: 'Study time' }),
    el('p', { class: 'muted chart-summary', text: summary }),
    chart, legend,
    activeDays.length ? el('details', { class: 'chart-data' },
      el('summary', { text: 'Study days as a table' }),
      el('table', { class: 'data-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Day' }), el('th', { scope: 'col', text: 'Minutes' }), el('th', { scope: 'col', text: 'Reviews' }))),
        el('tbody', {}, activeDays.map((x) => el('tr', {},
          el('td', { text: formatDay(x.date) }), el('td', { class: 'num', text: String(x.minutes) }), el('td', { class: 'num', text: String(x.reviews) })))))) : null);
}

/* ---------- reviews per day ---------- */

function reviewsSection(perDay) {
  const days = perDay.slice(-30);
  const max = Math.max(1, ...days.map((x) => x.count));
  const total = days.reduce((s, x) => s + x.count, 0);
  const W = 460;
  const H = 150;
  const left = 26;
  const bottom = 20;
  const plotH = H - bottom - 8;
  const step = (W - left) / Math.max(days.length, 1);
  const scaleTop = niceMax(max);
  const grid = [0, scaleTop / 2, scaleTop].map((v) => {
    const y = 8 + plotH - (v / scaleTop) * plotH;
    return [svg('line', { x1: left, x2: W, y1: y, y2: y, class: 'chart-grid-line' }),
      svg('text', { x: left - 5, y: y + 4, class: 'chart-label', 'text-anchor': 'end', text: String(Math.round(v)) })];
  });
  const bars = days.map((x, i) => {
    const h = (x.count / scaleTop) * plotH;
    return svg('rect', {
      x: left + i * step + 1.5, y: 8 + plotH - h, width: Math.max(step - 3, 1), height: Math.max(h, x.count ? 1.5 : 0),
      rx: 1.5, class: 'bar', 'data-date': x.date, 'data-count': x.count,
    }, svg('title', { text: `${formatDay(x.date)}: ${x.count} review${x.count === 1 ? '' : 's'}` }));
  });
  const labels = days.map((x, i) => (i % 7 === (days.length - 1) % 7
    ? svg('text', { x: left + i * step + step / 2, y: H - 5, class: 'chart-label', 'text-anchor': 'middle', text: formatDate(x.date, 'dayMonth') })
    : null));
  const summary = `Reviews per day over the last ${days.length} days: ${total} in total, at most ${Math.max(0, ...days.map((x) => x.count))} on one day.`;
  return el('section', { class: 'card chart-card', id: 'progress-reviews', 'aria-labelledby': 'reviews-title' },
    el('h2', { id: 'reviews-title', text: 'Reviews per day' }),
    el('p', { class: 'muted chart-summary', text: total ? summary : `No reviews in the last ${days.length || 30} days.` }),
    days.length ? svg('svg', { class: 'chart bars', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary }, grid, bars, labels) : null,
    days.length ? el('details', { class: 'chart-data' },
      el('summary', { text: 'Reviews per day as a table' }),
      el('table', { class: 'data-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Day' }), el('th', { scope: 'col', text: 'Reviews' }))),
        el('tbody', {}, days.slice().reverse().map((x) => el('tr', {}, el('td', { text: formatDay(x.date) }), el('td', { class: 'num', text: String(x.count) })))))) : null);
}

function niceMax(n) {
  if (n <= 4) return 4;
  if (n <= 10) return 10;
  const mag = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / mag) * mag;
}

/* ---------- mock scores ---------- */

function mocksSection(mocks, ctx) {
  const box = el('section', { class: 'card chart-card', id: 'progress-mocks', 'aria-labelledby': 'mocks-title' },
    el('h2', { id: 'mocks-title', text: 'Mock round scores' }));
  if (!mocks.length) {
    box.append(el('p', { class: 'muted', id: 'mocks-empty', text: 'No mock rounds yet. Rehearse a round and score yourself: each score shows here over time.' }),
      el('button', { type: 'button', class: 'btn small', text: 'Run a mock round', onclick: () => ctx.navigate('practice', 'mock') }));
    return box;
  }
  const W = 460;
  const H = 170;
  const left = 26;
  const right = 12;
  const top = 10;
  const bottom = 22;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const times = mocks.map((m) => parseDay(String(m.date).slice(0, 10)).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  // Same-day mocks spread evenly; otherwise a time scale.
  const x = (i) => (t1 > t0
    ? left + ((times[i] - t0) / (t1 - t0)) * plotW
    : left + (mocks.length === 1 ? plotW / 2 : (i / (mocks.length - 1)) * plotW));
  const y = (score) => top + plotH - ((Number(score) - 1) / 4) * plotH;
  const grid = [1, 2, 3, 4, 5].map((v) => [
    svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'chart-grid-line' }),
    svg('text', { x: left - 6, y: y(v) + 4, class: 'chart-label', 'text-anchor': 'end', text: String(v) })]);
  const points = mocks.map((m, i) => `${x(i).toFixed(1)},${y(m.score).toFixed(1)}`).join(' ');
  const dots = mocks.map((m, i) => svg('circle', { cx: x(i), cy: y(m.score), r: 4.5, class: 'chart-dot', 'data-score': m.score },
    svg('title', { text: `${formatDay(String(m.date).slice(0, 10))}, ${m.round_name}: ${Number(m.score).toFixed(1)} / 5` })));
  const dateLabels = [0, mocks.length - 1].filter((v, i, a) => a.indexOf(v) === i).map((i) => svg('text', {
    x: x(i), y: H - 5, class: 'chart-label', 'text-anchor': mocks.length === 1 ? 'middle' : (i === 0 ? 'start' : 'end'),
    text: formatDate(String(mocks[i].date).slice(0, 10), 'dayMonth'),
  }));
  const lastScore = Number(mocks[mocks.length - 1].score).toFixed(1);
  const summary = `Mock round scores, 1 to 5: ${mocks.length} mock${mocks.length === 1 ? '' : 's'}, the latest ${lastScore}.`;
  box.append(
    el('p', { class: 'muted chart-summary', id: 'mocks-summary', text: summary }),
    svg('svg', { class: 'chart line', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary },
      grid,
      mocks.length > 1 ? svg('polyline', { points, class: 'line-path', fill: 'none' }) : null,
      dots, dateLabels),
    el('details', { class: 'chart-data', open: mocks.length <= 3 ? true : null },
      el('summary', { text: 'Mock scores as a table' }),
      el('table', { class: 'data-table', id: 'mocks-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Day' }), el('th', { scope: 'col', text: 'Round' }), el('th', { scope: 'col', text: 'Score' }))),
        el('tbody', {}, mocks.slice().reverse().map((m) => el('tr', {},
          el('td', { text: formatDay(String(m.date).slice(0, 10)) }),
          el('td', { text: m.round_name }),
          el('td', { class: 'num mock-score', text: `${Number(m.score).toFixed(1)} / 5` })))))));
  return box;
}

/* ---------- STAR coverage ---------- */

function storiesSection(s) {
  const pct = s.total ? s.covered / s.total : 0;
  const fill = el('span', { class: 'progress-fill' });
  fill.style.width = `${Math.round(pct * 100)}%`;
  return el('section', { class: 'card chart-card', id: 'progress-stories', 'aria-labelledby': 'stories-cov-title' },
    el('h2', { id: 'stories-cov-title', text: 'STAR story coverage' }),
    el('p', { class: 'big-figure' }, el('strong', { id: 'stories-covered', text: `${s.covered} of ${s.total}` }), ' behavioural questions have a story'),
    el('span', { class: 'progress', 'aria-hidden': 'true' }, fill),
    el('p', { class: 'muted', text: s.total
      ? (s.covered < s.total ? 'Write or link stories for the rest in the story bank.' : 'Every behavioural question has a story.')
      : 'This role has no behavioural questions.' }),
    el('a', { class: 'btn small', href: '#/practice/stories', text: 'Open the story bank' }));
}
