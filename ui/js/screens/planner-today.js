// Planner "Today": countdowns per process, today's tasks with ticks, on-track status per round,
// what changed since the last plan, coverage and feasibility, calendar export, the daily
// reminder, and debriefs of rounds that took place.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import {
  loadPlan, loadRoles, focusAreas, areaClass, unseenChanges, dismissChanges, plannerHeader,
  feasibilityBlock, daysBetween, relativeDays, formatDay, formatLongDay, minutesText, plural,
  taskTarget, TASK_KIND, go, fieldProblems, localToday, postingTag, localiseDates, taskTitle,
} from './planner-common.js';
import { dateField } from '../date-field.js';

/* ---------- countdowns ---------- */

function countdownCard(p, plan) {
  const today = plan.today;
  const ahead = plan.rounds.filter((r) => r.process_id === p.id);
  const next = ahead[0] || null;
  const finalRound = p.rounds[p.rounds.length - 1];
  const finalDate = finalRound?.date || p.interview_date;
  const finalDays = daysBetween(today, finalDate);
  const nextDate = next ? (next.date_known ? next.deadline : null) : null;
  const big = (n) => el('span', { class: 'count-number', text: String(Math.max(n, 0)) });
  const nextLine = next
    ? (next.date_known
      ? el('div', { class: 'count next-count', dataset: { days: String(daysBetween(today, nextDate)) } },
        big(daysBetween(today, nextDate)),
        el('span', { class: 'count-text' },
          el('span', { class: 'count-unit', text: daysBetween(today, nextDate) === 1 ? 'day to the next round' : 'days to the next round' }),
          el('span', { class: 'count-what', text: `${next.name} · ${formatDay(next.deadline)} (${relativeDays(daysBetween(today, nextDate))})` })))
      : el('div', { class: 'count next-count', dataset: { days: '' } },
        el('span', { class: 'count-number muted', text: '?' }),
        el('span', { class: 'count-text' },
          el('span', { class: 'count-unit', text: 'Next round: date not known yet' }),
          el('span', { class: 'count-what', text: `${next.name} · prepared for by ${formatDay(next.deadline)}` }))))
    : el('p', { class: 'muted', text: 'No round left to prepare for.' });
  return el('article', { class: 'card pl-countdown', dataset: { process: String(p.id) } },
    el('h3', { class: 'countdown-title' },
      el('span', { text: p.company }),
      el('span', { class: 'muted small', text: ` · ${p.role_title}` })),
    el('div', { class: 'count final-count', dataset: { days: String(finalDays) } },
      big(finalDays),
      el('span', { class: 'count-text' },
        el('span', { class: 'count-unit', text: finalDays === 1 ? 'day to the final round' : 'days to the final round' }),
        el('span', { class: 'count-what', text: `${finalRound ? finalRound.name : 'Final interview'} · ${formatDay(finalDate, { year: true })} (${relativeDays(finalDays)})` }))),
    nextLine);
}

/* ---------- tasks ---------- */

function taskList(day, plan, areas, ctx, reload) {
  const list = el('ul', { class: 'task-list', id: 'plan-tasks' });
  day.tasks.forEach((t, i) => {
    const id = `task-${i}`;
    const box = el('input', { type: 'checkbox', id, class: 'task-done', checked: t.done, dataset: { key: t.key } });
    const [openLabel, screen, param] = taskTarget(t);
    const area = t.focus_area ? areas.get(`${t.role_id}/${t.focus_area}`) : null;
    box.addEventListener('change', async () => {
      const want = box.checked;
      box.disabled = true;
      try {
        await api.setTaskDone(t.key, day.date, t.minutes, want);
        await reload(want ? `Done: ${t.title}` : `Not done: ${t.title}`);
      } catch (err) {
        box.checked = !want;
        box.disabled = false;
        toast(`Could not save the tick: ${err.message}`, 'error');
      }
    });
    list.append(el('li', { class: `task ${t.done ? 'is-done' : ''}`, dataset: { key: t.key, kind: t.kind } },
      box,
      el('div', { class: 'task-body' },
        taskTitle(t, id),
        el('span', { class: 'task-meta' },
          el('span', { class: `kind-tag kind-${t.kind}`, text: TASK_KIND[t.kind] || t.kind }),
          area ? el('span', { class: 'focus-tag' }, el('span', { class: `swatch ${areaClass(areas, t)}`, 'aria-hidden': 'true' }), el('span', { text: area.name })) : null,
          el('span', { class: 'task-minutes duration', text: minutesText(t.minutes) }),
          postingTag(t))),
      el('button', {
        type: 'button', class: 'btn small task-open', text: openLabel,
        'aria-label': `${openLabel}: ${t.title}`,
        onclick: () => go(ctx, screen, param),
      })));
  });
  return list;
}

function todayCard(plan, areas, ctx, reload) {
  const day = plan.days[0] && plan.days[0].date === plan.today ? plan.days[0] : null;
  const head = el('div', { class: 'section-head' },
    el('h2', { id: 'today-title', text: `Today · ${formatLongDay(plan.today)}` }));
  const card = el('section', { class: 'card today-card', 'aria-labelledby': 'today-title', id: 'plan-today' }, head);
  if (!day) {
    card.append(el('p', { class: 'muted', text: 'Nothing is planned for today: the plan has no day left before the last round.' }));
    return card;
  }
  const done = day.tasks.filter((t) => t.done).reduce((s, t) => s + t.minutes, 0);
  const kindText = {
    off: 'A day off: nothing is planned.',
    rest: 'Nothing needs doing today. Rest.',
    light: 'A light day before a round: short reviews only.',
    interview: `Interview day: ${day.rounds.map((r) => `${r.name} at ${r.company}`).join(', ')}. Good luck.`,
    study: null,
  }[day.kind];
  head.append(el('p', { class: 'today-load', id: 'today-load' },
    `${minutesText(day.planned_minutes)} planned of ${minutesText(day.usable_minutes)} free`,
    done ? ` · ${minutesText(done)} done` : ''));
  if (kindText) card.append(el('p', { class: `day-kind-note kind-${day.kind}`, text: kindText }));
  if (day.tasks.length) card.append(taskList(day, plan, areas, ctx, reload));
  return card;
}

/* ---------- rounds, coverage, feasibility ---------- */

function roundsCard(plan) {
  return el('section', { class: 'card', 'aria-labelledby': 'rounds-title', id: 'plan-rounds' },
    el('h2', { id: 'rounds-title', text: 'Are you on track?' }),
    plan.rounds.length ? el('ul', { class: 'round-status-list' }, plan.rounds.map((r) => el('li', {
      class: `round-status ${r.on_track ? 'on-track' : 'behind'}`, dataset: { process: String(r.process_id), round: r.round_id },
    },
    el('span', { class: 'status-dot', 'aria-hidden': 'true' }),
    el('div', {},
      el('p', { class: 'round-status-name' },
        el('strong', { text: r.name }), ` at `, el('span', { text: r.company })),
      el('p', { class: 'round-status-when muted small', text: r.date_known
        ? `${formatDay(r.deadline)} (${relativeDays(daysBetween(plan.today, r.deadline))})`
        : `Date not known; prepared for by ${formatDay(r.deadline)}` }),
      el('p', { class: 'round-status-text' },
        el('span', { class: 'visually-hidden', text: r.on_track ? 'On track: ' : 'Behind: ' }),
        el('span', { text: localiseDates(r.status) })),
      null)))) : el('p', { class: 'muted', text: 'No round left to prepare for.' }));
}

/* ---------- tools: export and reminder ---------- */

function toolsCard(ctx) {
  const exportStatus = el('p', { class: 'field-status', role: 'status' });
  const exportBtn = el('button', {
    type: 'button', class: 'btn', id: 'plan-export', text: 'Export to calendar (.ics)',
    onclick: async () => {
      exportBtn.disabled = true;
      try {
        const path = await api.exportPlanIcs();
        if (path) {
          toast(`Plan exported to ${path}`);
          exportStatus.textContent = `Exported to ${path}`;
          exportStatus.className = 'field-status ok';
        }
      } catch (err) {
        exportStatus.textContent = `Could not export: ${err.message}`;
        exportStatus.className = 'field-status error';
      } finally { exportBtn.disabled = false; }
    },
  });

  const time = el('input', { type: 'time', id: 'reminder-time', value: ctx.settings.reminder_time || '', 'aria-describedby': 'reminder-hint' });
  const remStatus = el('p', { class: 'field-status', role: 'status', id: 'reminder-status' });
  const save = async (value) => {
    try {
      await ctx.saveSettings({ reminder_time: value });
      remStatus.textContent = value ? `Reminder set for ${value} every day.` : 'Reminder turned off.';
      remStatus.className = 'field-status ok';
      off.hidden = !value;
    } catch (err) {
      remStatus.textContent = err.message;
      remStatus.className = 'field-status error';
    }
  };
  const off = el('button', { type: 'button', class: 'btn small', id: 'reminder-off', text: 'Turn off', hidden: !ctx.settings.reminder_time, onclick: () => { time.value = ''; save(null); } });
  const form = el('form', {
    class: 'reminder-form', novalidate: true,
    onsubmit: (ev) => {
      ev.preventDefault();
      if (time.value && !/^\d{2}:\d{2}$/.test(time.value)) {
        remStatus.textContent = 'Enter a time of day like 19:30.';
        remStatus.className = 'field-status error';
        return;
      }
      save(time.value || null);
    },
  },
  el('label', { for: 'reminder-time', text: 'Daily reminder' }),
  el('div', { class: 'inline-fields' }, time,
    el('button', { type: 'submit', class: 'btn small', id: 'reminder-save', text: 'Save' }), off),
  el('p', { class: 'field-hint', id: 'reminder-hint', text: 'A desktop notification with today\'s tasks at this time each day. It only works while Prep Hub is running.' }),
  remStatus);

  return el('section', { class: 'card', 'aria-labelledby': 'tools-title', id: 'plan-tools' },
    el('h2', { id: 'tools-title', text: 'Calendar and reminder' }),
    el('p', { class: 'muted small', text: 'The export holds one event per study day and per round. Nothing leaves this computer unless you move the file.' }),
    el('div', { class: 'actions' }, exportBtn),
    exportStatus,
    form);
}

/* ---------- debrief ---------- */

/** Rounds that took place (dated today or earlier, or the final round on a passed interview date) and are not done. */
function roundsToDebrief(processes, today) {
  const out = [];
  for (const p of processes) {
    p.rounds.forEach((r, i) => {
      const date = r.date || (i === p.rounds.length - 1 ? p.interview_date : null);
      if (!r.done && date && date <= today) out.push({ process: p, round: r, date });
    });
  }
  return out;
}

function debriefForm(entry, role, ctx, onSaved, onCancel) {
  const { process: p, round: r, date } = entry;
  const prefix = `db-${p.id}-${r.round_id}`;
  const status = el('p', { class: 'field-status', role: 'alert' });
  const heldField = dateField({ id: `${prefix}-held`, value: date, max: localToday(), required: true, label: 'Date it took place' });
  const held = heldField.input;
  const WENT = ['1 · badly', '2', '3 · so-so', '4', '5 · very well'];
  const went = el('fieldset', { class: 'went-group' },
    el('legend', { text: 'How did it go?' }),
    el('div', { class: 'segmented' }, WENT.map((label, i) => el('label', { class: 'segment' },
      el('input', { type: 'radio', name: `${prefix}-went`, value: String(i + 1), id: `${prefix}-went-${i + 1}` }),
      el('span', { text: label })))));
  const notes = el('textarea', { id: `${prefix}-notes`, rows: '3', maxlength: '4000' });
  const questions = role ? role.questions : [];
  const roundQs = questions.filter((q) => q.round === r.round_id);
  const otherQs = questions.filter((q) => q.round !== r.round_id);
  const qBox = (q, i) => el('li', {},
    el('input', { type: 'checkbox', id: `${prefix}-q-${i}`, value: q.id, class: 'db-question' }),
    el('label', { for: `${prefix}-q-${i}`, text: q.prompt }));
  const newQs = el('textarea', { id: `${prefix}-new`, rows: '3', 'aria-describedby': `${prefix}-new-hint` });
  const form = el('form', {
    class: 'card debrief-form', id: 'debrief-form', novalidate: true, 'aria-labelledby': `${prefix}-title`,
    onsubmit: async (ev) => {
      ev.preventDefault();
      const chosen = form.querySelector(`input[name="${prefix}-went"]:checked`);
      if (!chosen) {
        status.textContent = 'Say how it went, from 1 (badly) to 5 (very well).';
        status.className = 'field-status error';
        form.querySelector(`#${CSS.escape(prefix)}-went-1`).focus();
        return;
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(held.value)) {
        status.textContent = 'Enter the date the round took place.';
        status.className = 'field-status error';
        held.focus();
        return;
      }
      try {
        await api.saveDebrief({
          process_id: p.id,
          round_id: r.round_id,
          held_on: held.value,
          went: Number(chosen.value),
          notes: notes.value,
          question_ids: [...form.querySelectorAll('.db-question:checked')].map((c) => c.value),
          new_questions: newQs.value.split('\n').map((s) => s.trim()).filter(Boolean),
        });
        toast(`Debrief saved: ${r.name} at ${p.company}`);
        onSaved();
      } catch (err) {
        const problems = err.kind === 'invalid' ? fieldProblems(err.message) : [];
        status.textContent = err.message;
        status.className = 'field-status error';
        if (problems.some((x) => x.field === 'went')) form.querySelector('.went-group input')?.focus();
      }
    },
  },
  el('h2', { id: `${prefix}-title`, tabindex: '-1' }, 'Debrief: ', el('span', { text: r.name }), ' at ', el('span', { text: p.company })),
  el('p', { class: 'muted', text: 'The questions you were asked come first in the plan from now on, and a round that went badly gives its focus areas more time in the rounds still to come.' }),
  el('div', { class: 'field' }, el('label', { for: held.id, text: 'Date it took place' }), heldField.node),
  went,
  el('div', { class: 'field' }, el('label', { for: notes.id, text: 'Notes' }), notes),
  questions.length ? el('fieldset', { class: 'db-questions' },
    el('legend', { text: 'Which of the hub\'s questions were asked?' }),
    roundQs.length ? el('ul', { class: 'db-check-list' }, roundQs.map((q) => qBox(q, questions.indexOf(q)))) : el('p', { class: 'muted small', text: 'The hub has no questions for this round.' }),
    otherQs.length ? el('details', {},
      el('summary', { text: `Questions of other rounds (${otherQs.length})` }),
      el('ul', { class: 'db-check-list' }, otherQs.map((q) => qBox(q, questions.indexOf(q))))) : null) : null,
  el('div', { class: 'field' },
    el('label', { for: newQs.id, text: 'Other questions you were asked' }),
    el('p', { class: 'field-hint', id: `${prefix}-new-hint`, text: 'One per line. Each becomes one of your own questions in this role.' }),
    newQs),
  el('div', { class: 'actions' },
    el('button', { type: 'submit', class: 'btn primary', id: 'debrief-save', text: 'Save the debrief' }),
    el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: onCancel })),
  status);
  return form;
}

/* ---------- the view ---------- */

function changesNotice(onDismiss) {
  const lines = unseenChanges();
  if (!lines.length) return null;
  const box = el('section', { class: 'card changes-notice', id: 'plan-changes', role: 'status', 'aria-labelledby': 'changes-title' },
    el('div', { class: 'section-head' },
      el('h2', { id: 'changes-title', text: 'What changed since the last plan' }),
      el('button', {
        type: 'button', class: 'btn small', id: 'plan-changes-dismiss', text: 'Dismiss',
        onclick: async () => {
          try {
            await dismissChanges();
            box.remove();
            onDismiss();
          } catch (err) { toast(err.message, 'error'); }
        },
      })),
    el('ul', {}, lines.map((l) => el('li', { text: l }))));
  return box;
}

export async function renderToday(container, ctx, initial) {
  const host = el('div', { class: 'screen planner', id: 'planner-today' });
  const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'planner-live' });
  container.append(host);
  let roles = await loadRoles(initial.processes);

  function draw(view, message) {
    const { plan, processes } = view;
    const areas = focusAreas(roles);
    const focusKeep = document.activeElement?.dataset?.key;
    clear(host);
    host.append(plannerHeader('Planner', null, 'today'), live);
    if (!processes.length) {
      host.append(el('div', { class: 'card empty-state', role: 'note', id: 'planner-empty' },
        el('p', { class: 'empty-title', text: 'No interview planned yet' }),
        el('p', { text: 'Add the company and date of an interview, and the planner lays out every day up to it.' }),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'btn primary', id: 'planner-add', text: 'Add an interview', onclick: () => go(ctx, 'planner', 'setup') }))));
      return;
    }
    const debriefSlot = el('div', { id: 'debrief-slot' });
    const due = roundsToDebrief(processes, plan.today);
    const debriefCard = due.length ? el('section', { class: 'card', 'aria-labelledby': 'debrief-title', id: 'plan-debriefs' },
      el('h2', { id: 'debrief-title', text: 'Rounds to debrief' }),
      el('ul', { class: 'debrief-list' }, due.map((d) => el('li', {},
        el('span', {}, el('strong', { text: d.round.name }), ' at ', el('span', { text: d.process.company }),
          el('span', { class: 'muted small', text: ` · ${formatDay(d.date)}` })),
        el('button', {
          type: 'button', class: 'btn small debrief-open', dataset: { process: String(d.process.id), round: d.round.round_id },
          text: 'Record a debrief',
          onclick: () => {
            const form = debriefForm(d, roles.get(d.process.role_id), ctx, () => reload('Debrief saved'), () => { clear(debriefSlot); });
            clear(debriefSlot).append(form);
            form.querySelector('h2').focus();
          },
        }))))) : null;

    host.append(
      changesNotice(() => { live.textContent = 'Notice dismissed.'; }) || '',
      el('div', { class: 'countdowns', id: 'plan-countdowns' }, processes.map((p) => countdownCard(p, plan))),
      el('div', { class: 'planner-columns' },
        el('div', { class: 'planner-main' }, todayCard(plan, areas, ctx, reload), roundsCard(plan), debriefCard, debriefSlot),
        el('div', { class: 'planner-side' },
          el('section', { class: 'card', id: 'plan-feasibility', 'aria-labelledby': 'feas-title' },
            el('h2', { id: 'feas-title', text: 'Does it fit?' }),
            feasibilityBlock(plan, 'feasibility', { coverage: true }),
            el('p', { class: 'muted small' }, 'Change your weekly time on the ', el('a', { href: '#/planner/setup', text: 'Interviews' }), ' tab, or single days in the ', el('a', { href: '#/planner/calendar', text: 'Calendar' }), '.')),
          toolsCard(ctx))));
    if (message) live.textContent = message;
    if (focusKeep) host.querySelector(`.task-done[data-key="${CSS.escape(focusKeep)}"]`)?.focus();
  }

  async function reload(message) {
    try {
      const view = await loadPlan();
      if (view.processes.some((p) => !roles.has(p.role_id))) roles = await loadRoles(view.processes);
      draw(view, message);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  draw(initial);
}
