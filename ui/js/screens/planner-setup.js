// Planner first run (three steps: role, company and dates, weekly time) and the Interviews
// view (edit or delete each process, add another, weekly time). Every save goes through
// save_process, whose "invalid" errors name their field: they are shown next to that field.

import * as api from '../api.js';
import { tailorSection } from './planner-tailor.js';
import { inviteSection } from './planner-invite.js';
import { offerSection } from './planner-offer.js';
import { el, clear, toast } from '../dom.js';
import { dateField } from '../date-field.js';
import { weekOrder, weekdayNames } from '../format.js';
import {
  WEEKDAYS, MAX_DAY_MINUTES, loadPlan, go, plannerHeader, feasibilityBlock, fieldProblems,
  localToday, formatDay, minutesText, plural, unseenChanges, dismissChanges,
} from './planner-common.js';

/* ---------- the company / dates form, shared by first run, edit and add ---------- */

function fieldError(id) {
  return el('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
}

/**
 * Inputs for one process of `role`: company, interview date and each round's date and "done".
 * `initial` is a ProcessView (edit) or null (new).
 */
export function processFields(role, initial, prefix) {
  const today = localToday();
  const company = el('input', {
    type: 'text', id: `${prefix}-company`, class: 'pf-company', autocomplete: 'organization',
    maxlength: '200', value: initial?.company ?? '', 'aria-describedby': `${prefix}-company-error`,
  });
  const interviewField = dateField({
    id: `${prefix}-interview-date`, className: 'pf-interview-date', required: true, label: 'Final interview date',
    min: initial ? null : today, value: initial?.interview_date ?? '', describedBy: `${prefix}-interview-date-hint ${prefix}-interview-date-error`,
  });
  const interview = interviewField.input;
  const known = new Map((initial?.rounds || []).map((r) => [r.round_id, r]));
  const rows = role.rounds.map((r, i) => {
    const k = known.get(r.id);
    // An empty round date says plainly that it is not known yet.
    const field = dateField({
      id: `${prefix}-round-${i}-date`, className: 'pf-round-date', value: k?.date ?? '', placeholder: 'Not known yet',
      describedBy: `${prefix}-round-${i}-date-error`, label: `${r.name}: date`,
    });
    const date = field.input;
    date.dataset.round = r.id;
    const cell = el('span', { class: 'date-cell' }, field.node);
    const done = el('input', { type: 'checkbox', id: `${prefix}-round-${i}-done`, class: 'pf-round-done', checked: !!k?.done, dataset: { round: r.id } });
    const row = el('li', { class: 'round-row', dataset: { round: r.id } },
      el('span', { class: 'round-index', 'aria-hidden': 'true', text: String(i + 1) }),
      el('div', { class: 'round-row-name' },
        el('label', { for: date.id, class: 'round-row-label' },
          el('span', { class: 'visually-hidden', text: `Round ${i + 1}: ` }),
          el('span', { text: r.name }),
          el('span', { class: 'visually-hidden', text: ', date' })),
        el('span', { class: 'muted small', text: minutesText(r.minutes) })),
      cell,
      el('label', { class: 'check-label', for: done.id }, done, el('span', { text: 'Already done' })),
      fieldError(date.id));
    return { round: r, date, done, row };
  });

  const node = el('div', { class: 'process-fields' },
    el('div', { class: 'field' },
      el('label', { for: company.id, text: 'Company' }),
      company, fieldError(company.id)),
    el('div', { class: 'field' },
      el('label', { for: interview.id, text: 'Final interview date' }),
      el('p', { class: 'field-hint', id: `${prefix}-interview-date-hint`, text: 'The day of the last round; the plan counts down to it.' }),
      interviewField.node, fieldError(interview.id)),
    el('fieldset', { class: 'rounds-fieldset' },
      el('legend', { text: 'Round dates you already know' }),
      el('p', { class: 'field-hint', text: 'In the order the company runs them. Leave a date empty when you do not know it; a round without a date is prepared for by the next known date.' }),
      el('ol', { class: 'round-rows' }, rows.map((r) => r.row))));

  const inputs = [company, interview, ...rows.map((r) => r.date)];
  function setError(input, text) {
    const slot = node.querySelector(`#${CSS.escape(input.id)}-error`);
    if (slot) slot.textContent = text || '';
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  // A field's problem goes once the field is changed.
  for (const input of inputs) input.addEventListener('input', () => setError(input, ''));
  return {
    node,
    company,
    interview,
    rows,
    read() {
      return {
        company: company.value,
        role_id: role.id,
        interview_date: interview.value,
        rounds: rows.map((r) => ({ round_id: r.round.id, date: r.date.value || null, done: r.done.checked })),
      };
    },
    clearErrors() { for (const i of inputs) setError(i, ''); },
    /** Shows each problem next to its field; returns the first input with a problem. */
    showProblems(problems) {
      let first = null;
      for (const p of problems) {
        let input = null;
        if (p.field === 'company') input = company;
        else if (p.field === 'interview_date') input = interview;
        else if (p.field && p.field.startsWith('rounds.')) {
          const id = p.field.split('.')[1];
          input = rows.find((r) => r.round.id === id)?.date || null;
        }
        if (input) {
          setError(input, p.text);
          first = first || input;
        }
      }
      return first;
    },
    /** Checks what the backend cannot be sent without; returns false (and shows why) if wrong. */
    checkLocally() {
      this.clearErrors();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(interview.value)) {
        setError(interview, 'Choose the date of the final interview.');
        interview.focus();
        return false;
      }
      // A round date typed so that it cannot be read as a date is said here, next to it.
      const unreadable = rows.find((r) => r.date.value && !/^\d{4}-\d{2}-\d{2}$/.test(r.date.value));
      if (unreadable) {
        setError(unreadable.date, `“${unreadable.date.value}” is not a date: choose one from the calendar, or leave it empty.`);
        unreadable.date.focus();
        return false;
      }
      return true;
    },
  };
}

/** Saves through save_process; shows "invalid" problems next to their fields. */
async function saveProcessFrom(fields, id, status) {
  if (!fields.checkLocally()) {
    status.textContent = 'The interview was not saved: a date is missing or cannot be read (see the field).';
    status.className = 'field-status error';
    return null;
  }
  const edit = fields.read();
  if (id != null) edit.id = id;
  try {
    const saved = await api.saveProcess(edit);
    fields.clearErrors();
    return saved;
  } catch (err) {
    if (err.kind === 'invalid') {
      const problems = fieldProblems(err.message);
      const first = fields.showProblems(problems);
      status.textContent = err.message.charAt(0).toUpperCase() + err.message.slice(1);
      status.className = 'field-status error';
      if (first) first.focus();
    } else {
      status.textContent = `The interview was not saved: ${err.message}`;
      status.className = 'field-status error';
    }
    return null;
  }
}

/* ---------- weekly time with feasibility ---------- */

/** Seven minute inputs (Monday first) with the plan's feasibility, re-checked on each change. */
function weekEditor(ctx, prefix, { onChecked } = {}) {
  const inputs = WEEKDAYS.map((day, i) => el('input', {
    type: 'number', min: '0', max: String(MAX_DAY_MINUTES), step: '5', inputmode: 'numeric',
    id: `${prefix}-week-${i}`, value: String(ctx.settings.weekday_minutes[i]),
  }));
  const total = el('p', { class: 'muted week-total' });
  const status = el('p', { class: 'field-status', role: 'status', id: `${prefix}-week-status` });
  const result = el('div', { class: 'feasibility-slot', id: `${prefix}-feasibility`, 'aria-live': 'polite' });
  const showTotal = () => {
    const sum = inputs.reduce((acc, inp) => acc + (Number(inp.value) || 0), 0);
    total.textContent = `${minutesText(sum)} a week`;
  };
  showTotal();

  // Checks run one after another, so settings are saved in the order the user typed.
  let chain = Promise.resolve();
  function check() {
    const run = chain.then(checkNow);
    chain = run.catch(() => null);
    return run;
  }
  let seq = 0;
  async function checkNow() {
    const values = inputs.map((inp) => Number(inp.value));
    const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0 || v > MAX_DAY_MINUTES);
    if (bad >= 0) {
      status.textContent = `${WEEKDAYS[bad]}: enter whole minutes from 0 to ${MAX_DAY_MINUTES}.`;
      status.className = 'field-status error';
      inputs[bad].setAttribute('aria-invalid', 'true');
      return null;
    }
    for (const inp of inputs) inp.removeAttribute('aria-invalid');
    const mine = ++seq;
    try {
      const changed = values.some((v, i) => v !== ctx.settings.weekday_minutes[i]);
      if (changed) await ctx.saveSettings({ weekday_minutes: values });
      const view = await loadPlan();
      if (mine !== seq) return null;
      status.textContent = changed ? 'Study time saved.' : '';
      status.className = 'field-status ok';
      clear(result);
      if (view.processes.length) {
        result.append(feasibilityBlock(view.plan, null, { coverage: true }));
      }
      if (onChecked) onChecked(view);
      return view;
    } catch (err) {
      status.textContent = err.message;
      status.className = 'field-status error';
      return null;
    }
  }

  const node = el('div', { class: 'week-editor' },
    el('div', { class: 'week-grid planner-week' },
      weekOrder().map((i) => el('label', { class: 'week-day', for: inputs[i].id },
        el('span', { 'aria-hidden': 'true', text: weekdayNames('short')[i] }),
        el('span', { class: 'visually-hidden', text: `${weekdayNames('long')[i]} study minutes` }),
        inputs[i]))),
    total,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn', id: `${prefix}-week-check`, text: 'Save and check the fit', onclick: () => check() })),
    status, result);
  node.addEventListener('input', showTotal);
  node.addEventListener('change', () => check());
  return { node, check, inputs };
}

/* ---------- first run ---------- */

export async function renderFirstRun(container, ctx, roles, preferRole) {
  const state = {
    step: 1,
    roleId: roles.some((r) => r.id === preferRole) ? preferRole
      : (roles.some((r) => r.id === ctx.settings.active_role) ? ctx.settings.active_role : null),
    role: null,
    processId: null,
    fields: null,
    draft: null,
  };
  const STEPS = ['Role', 'Company and dates', 'Your week'];
  const stepList = el('ol', { class: 'wizard-steps' });
  const body = el('div', { class: 'wizard-body' });
  const status = el('p', { class: 'field-status', id: 'pl-status', role: 'alert' });

  const skip = el('button', {
    type: 'button', class: 'btn link-like', id: 'pl-skip', text: 'Skip for now',
    onclick: async () => {
      try {
        await ctx.saveSettings({ planner_onboarded: true });
        go(ctx, 'planner');
      } catch (err) { toast(err.message, 'error'); }
    },
  });

  const screen = el('section', { class: 'screen narrow planner', id: 'planner-wizard' },
    plannerHeader('Plan your prep', 'Three short steps: the role, the company and its dates, and the time you have each week. The plan then runs day by day to the interview.', null),
    el('nav', { 'aria-label': 'Steps' }, stepList),
    el('div', { class: 'card wizard-card' }, body, status),
    el('p', { class: 'wizard-skip' }, skip, el('span', { class: 'muted', text: ' You can set this up later on the Interviews tab.' })));
  container.append(screen);

  function showSteps() {
    clear(stepList).append(...STEPS.map((s, i) => el('li', {
      class: i + 1 < state.step ? 'done' : '', 'aria-current': i + 1 === state.step ? 'step' : null,
    }, el('span', { class: 'step-number', 'aria-hidden': 'true', text: String(i + 1) }), el('span', { text: s }))));
  }

  function focusHeading() {
    const h = body.querySelector('h2');
    if (h) h.focus({ preventScroll: false });
  }

  async function show(step) {
    state.step = step;
    status.textContent = '';
    status.className = 'field-status';
    showSteps();
    clear(body);
    if (step === 1) stepRole();
    else if (step === 2) await stepDates();
    else stepWeek();
    screen.dataset.step = String(step);
    focusHeading();
  }

  function stepRole() {
    const group = el('div', { class: 'role-choices', role: 'radiogroup', 'aria-labelledby': 'pl-role-title' },
      roles.map((r, i) => el('label', { class: 'role-choice', for: `pl-role-${i}` },
        el('input', {
          type: 'radio', name: 'pl-role', id: `pl-role-${i}`, value: r.id, checked: r.id === state.roleId,
          onchange: () => { state.roleId = r.id; },
        }),
        el('span', { class: 'role-choice-text' },
          el('span', { class: 'role-choice-title', text: r.title }),
          el('span', { class: 'muted small', text: `${r.level} · ${r.field} · ${plural(r.rounds, 'round')}, ${plural(r.questions, 'question')}` })))));
    const form = el('form', {
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        if (!state.roleId) {
          status.textContent = 'Choose the role you are interviewing for.';
          status.className = 'field-status error';
          group.querySelector('input')?.focus();
          return;
        }
        await show(2);
      },
    },
    el('h2', { id: 'pl-role-title', tabindex: '-1', text: '1. Which role are you interviewing for?' }),
    group,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn primary', id: 'pl-next', text: 'Next: company and dates' })));
    body.append(form);
  }

  async function stepDates() {
    if (!state.role || state.role.id !== state.roleId) {
      state.role = await api.getRole(state.roleId);
      state.draft = null;
    }
    const role = state.role;
    const fields = processFields(role, state.draft, 'pl');
    state.fields = fields;
    const form = el('form', {
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        status.textContent = '';
        const saved = await saveProcessFrom(fields, state.processId, status);
        if (!saved) return;
        state.processId = saved.id;
        state.draft = saved;
        await show(3);
      },
    },
    el('h2', { tabindex: '-1', text: `2. ${role.title}: company and dates` }),
    fields.node,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn', id: 'pl-back', text: 'Back', onclick: () => { state.draft = { ...fields.read(), rounds: fields.read().rounds }; show(1); } }),
      el('button', { type: 'submit', class: 'btn primary', id: 'pl-next', text: 'Save and continue' })));
    body.append(form);
  }

  function stepWeek() {
    const finish = el('button', {
      type: 'button', class: 'btn primary', id: 'pl-finish', text: 'Create my plan', disabled: true,
      onclick: async () => {
        finish.disabled = true;
        const view = await week.check();
        if (!view) { finish.disabled = false; return; }
        try {
          await ctx.saveSettings({ planner_onboarded: true });
          // The plan is new: the differences between the checks made while setting it up
          // are not news to report on Today.
          await dismissChanges();
          go(ctx, 'planner');
        } catch (err) {
          status.textContent = err.message;
          status.className = 'field-status error';
          finish.disabled = false;
        }
      },
    });
    const week = weekEditor(ctx, 'pl', { onChecked: () => { finish.disabled = false; } });
    body.append(
      el('h2', { tabindex: '-1', text: '3. How much time do you have each week?' }),
      el('p', { class: 'muted', text: 'Minutes of study on each weekday. 0 keeps a day free. A tenth of each day is kept as a buffer. Check the fit below before you create the plan.' }),
      week.node,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn', id: 'pl-back', text: 'Back', onclick: () => show(2) }),
        finish));
    week.check();
  }

  await show(state.roleId && preferRole ? 2 : 1);
}

/* ---------- Interviews (edit) ---------- */

function changesNote(lines) {
  if (!lines.length) return null;
  return el('div', { class: 'changes-inline' },
    el('p', { class: 'eyebrow', text: 'The plan changed' }),
    el('ul', {}, lines.map((l) => el('li', { text: l }))));
}

function processCard(ctx, p, role, rerender) {
  const prefix = `pe-${p.id}`;
  const status = el('div', { class: 'field-status', role: 'status', 'aria-live': 'polite' });
  const card = el('article', { class: 'card process-card', dataset: { process: String(p.id) }, 'aria-labelledby': `${prefix}-title` });
  if (!role) {
    card.append(
      el('h2', { id: `${prefix}-title`, text: `${p.company} · ${p.role_title}` }),
      el('p', { class: 'muted', text: 'Its role hub is no longer installed, so its rounds cannot be edited. Import the pack again, or delete this interview.' }));
  }
  const fields = role ? processFields(role, p, prefix) : null;
  const confirmBox = el('div', { class: 'confirm-box', hidden: true },
    el('p', { text: `Delete the interview at ${p.company}? Its round dates go; your practice and notes stay.` }),
    el('div', { class: 'actions' },
      el('button', {
        type: 'button', class: 'btn danger pe-confirm-delete', text: 'Delete this interview',
        onclick: async () => {
          try {
            await api.deleteProcess(p.id);
            await loadPlan();
            toast(`The interview at ${p.company} was deleted.`);
            rerender();
          } catch (err) {
            status.textContent = err.message;
            status.className = 'field-status error';
          }
        },
      }),
      el('button', { type: 'button', class: 'btn pe-keep', text: 'Keep it', onclick: () => { confirmBox.hidden = true; deleteBtn.focus(); } })));
  const deleteBtn = el('button', {
    type: 'button', class: 'btn danger pe-delete', text: 'Delete…', 'aria-expanded': 'false',
    onclick: () => {
      confirmBox.hidden = !confirmBox.hidden;
      deleteBtn.setAttribute('aria-expanded', String(!confirmBox.hidden));
      if (!confirmBox.hidden) confirmBox.querySelector('.pe-keep').focus();
    },
  });
  if (fields) {
    const form = el('form', {
      class: 'process-edit', novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        status.textContent = '';
        clear(status);
        const saved = await saveProcessFrom(fields, p.id, status);
        if (!saved) return;
        const view = await loadPlan();
        const next = view.plan.rounds.filter((r) => r.process_id === p.id);
        clear(status).append(...[
          el('p', { class: 'ok', text: `Saved. ${next.length ? `Next: ${next[0].name} on ${formatDay(next[0].deadline)}.` : ''}` }),
          changesNote(unseenChanges())].filter(Boolean));
        status.className = 'field-status';
        title.textContent = `${saved.company} · ${saved.role_title}`;
      },
    },
    fields.node,
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'btn primary pe-save', text: 'Save changes' }),
      deleteBtn));
    const title = el('h2', { id: `${prefix}-title`, text: `${p.company} · ${p.role_title}` });
    card.append(title, form);
  } else {
    card.append(el('div', { class: 'actions' }, deleteBtn));
  }
  card.append(confirmBox, status, inviteSection(p, role, rerender), offerSection(p, role), tailorSection(p, role));
  return card;
}

function addProcessCard(ctx, roles, rerender, preferRole) {
  const select = el('select', { id: 'pa-role' },
    roles.map((r) => el('option', { value: r.id, selected: r.id === preferRole, text: `${r.title} · ${r.level}` })));
  const slot = el('div');
  const status = el('p', { class: 'field-status', role: 'alert' });
  let fields = null;
  const load = async () => {
    const role = await api.getRole(select.value);
    fields = processFields(role, null, 'pa');
    clear(slot).append(fields.node);
  };
  select.addEventListener('change', () => load().catch((err) => toast(err.message, 'error')));
  const form = el('form', {
    class: 'card process-add', id: 'process-add', novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      if (!fields) return;
      const saved = await saveProcessFrom(fields, null, status);
      if (!saved) return;
      await loadPlan();
      toast(`Added: ${saved.company} · ${saved.role_title}`);
      rerender();
    },
  },
  el('h2', { tabindex: '-1', text: 'Add an interview' }),
  el('div', { class: 'field' }, el('label', { for: 'pa-role', text: 'Role' }), select),
  slot,
  el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn primary', id: 'pa-save', text: 'Add the interview' })),
  status);
  return { form, load };
}

export async function renderInterviews(container, ctx, view, roles, preferRole) {
  const host = el('div');
  container.append(host);
  const rerender = async () => {
    try {
      const fresh = await loadPlan();
      const rolesById = new Map();
      await Promise.all([...new Set(fresh.processes.map((p) => p.role_id))].map(async (id) => {
        rolesById.set(id, await api.getRole(id).catch(() => null));
      }));
      draw(fresh, rolesById);
    } catch (err) { toast(err.message, 'error'); }
  };

  function draw(v, rolesById) {
    const cards = v.processes.map((p) => processCard(ctx, p, rolesById.get(p.role_id), rerender));
    const add = addProcessCard(ctx, roles, rerender, preferRole);
    add.form.hidden = !(preferRole && !v.processes.some((p) => p.role_id === preferRole));
    const addBtn = el('button', {
      type: 'button', class: 'btn', id: 'process-add-open', text: 'Add another interview', 'aria-expanded': String(!add.form.hidden), 'aria-controls': 'process-add',
      onclick: () => {
        add.form.hidden = !add.form.hidden;
        addBtn.setAttribute('aria-expanded', String(!add.form.hidden));
        if (!add.form.hidden) add.form.querySelector('h2').focus();
      },
    });
    const week = weekEditor(ctx, 'pw');
    clear(host).append(el('section', { class: 'screen planner', id: 'planner-setup' },
      plannerHeader('Planner', 'Your interviews and their dates. Moving a date re-plans every day up to it.', 'setup'),
      el('div', { class: 'planner-setup-grid' },
        el('div', { class: 'process-list', id: 'process-list' },
          cards.length ? cards : el('div', { class: 'card empty-state', role: 'note' },
            el('p', { class: 'empty-title', text: 'No interview yet' }),
            el('p', { text: 'Add the company and the date of your interview; the plan counts down to it.' })),
          el('div', { class: 'actions' }, addBtn),
          add.form),
        el('section', { class: 'card', 'aria-labelledby': 'pw-title' },
          el('h2', { id: 'pw-title', text: 'Study time per weekday' }),
          el('p', { class: 'muted', text: 'Minutes on each weekday. Single days can be changed in the Calendar.' }),
          week.node))));
    add.load().catch((err) => toast(err.message, 'error'));
    if (v.processes.length) week.check();
  }

  const rolesById = new Map();
  await Promise.all([...new Set(view.processes.map((p) => p.role_id))].map(async (id) => {
    rolesById.set(id, await api.getRole(id).catch(() => null));
  }));
  draw(view, rolesById);
}
