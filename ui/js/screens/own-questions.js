// The user's own questions for a role (a personal pack): list, add, edit, delete, export.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { difficultyBadge } from './hub.js';
import { liveStatus, formatInstant, minutesText } from './practice-common.js';
import { questionImportCard } from './import-questions.js';

const DIFFICULTIES = ['foundational', 'intermediate', 'advanced'];

export async function renderOwnQuestions(host, ctx, { role, signal }) {
  const state = { editing: null, ctx };
  await refresh(host, role, signal, state);
}

async function refresh(host, role, signal, state, message) {
  let questions;
  try {
    questions = await api.listOwnQuestions(role.id);
  } catch (err) {
    clear(host).append(el('div', { class: 'card error-card', role: 'alert' },
      el('p', { class: 'empty-title', text: 'Your questions could not be loaded' }),
      el('p', { text: err.message })));
    return;
  }
  if (signal.aborted) return;
  clear(host);
  const redraw = (msg) => refresh(host, role, signal, state, msg);
  const status = liveStatus('own-status', 'field-status ok');
  if (message) status.textContent = message;

  const exportStatus = liveStatus('own-export-status', 'field-status');
  const exportButton = el('button', {
    type: 'button', class: 'btn', id: 'own-export', text: 'Export as pack file',
    onclick: async () => {
      exportButton.disabled = true;
      exportStatus.className = 'field-status';
      exportStatus.textContent = 'Choose where to save the pack file…';
      try {
        const res = await api.exportOwnPack();
        if (!res) {
          exportStatus.textContent = 'Export cancelled.';
        } else {
          exportStatus.className = 'field-status ok';
          exportStatus.textContent = `Exported ${res.questions} question${res.questions === 1 ? '' : 's'} to ${res.path}`;
        }
      } catch (err) {
        exportStatus.className = 'field-status error';
        exportStatus.textContent = `Export failed: ${err.message}`;
      } finally {
        exportButton.disabled = false;
      }
    },
  });
  const addButton = el('button', {
    type: 'button', class: 'btn primary', id: 'own-new', text: 'Add a question',
    onclick: () => { state.editing = 'new'; redraw(); },
  });
  const importButton = el('button', {
    type: 'button', class: 'btn', id: 'own-import', text: 'Import from a file…',
    onclick: () => { state.editing = 'import'; redraw(); },
  });

  const roundName = new Map(role.rounds.map((r, i) => [r.id, `${i + 1}. ${r.name}`]));
  const areaName = new Map(role.focus_areas.map((a) => [a.id, a.name]));
  const editorSlot = el('div', {});

  host.append(el('section', { class: 'own-section', 'aria-labelledby': 'own-title' },
    el('div', { class: 'section-head' },
      el('h2', { id: 'own-title', text: `Your questions for ${role.title} (${questions.length})` }),
      el('div', { class: 'section-actions' }, state.editing ? null : addButton, state.editing ? null : importButton, exportButton)),
    el('p', { class: 'muted', text: 'They join practice sessions like the pack’s questions. The export writes one pack file with your questions for every role, to share or keep.' }),
    exportStatus,
    status,
    editorSlot,
    questions.length
      ? el('ul', { class: 'own-list', id: 'own-list' }, questions.map((q) => ownItem(q, role, roundName, areaName, state, redraw)))
      : el('div', { class: 'card empty-state', role: 'note', id: 'own-empty' },
        el('p', { class: 'empty-title', text: 'No questions of your own yet' }),
        el('p', { text: 'Add questions you were asked before, or ones you expect from this company. Give each a round, a focus area and your model answer.' }))));

  if (state.editing === 'import') {
    const card = questionImportCard(state.ctx, {
      roleId: role.id, lockRole: true,
      onDone: async (report) => { state.editing = null; await redraw(`Imported ${report.questions} question${report.questions === 1 ? '' : 's'}.`); },
    });
    card.append(el('div', { class: 'actions' }, el('button', { type: 'button', class: 'btn', id: 'own-import-close', text: 'Close', onclick: () => { state.editing = null; redraw(); } })));
    editorSlot.append(card);
    requestAnimationFrame(() => card.querySelector('#qimport-choose').focus());
  } else if (state.editing) {
    const q = state.editing === 'new' ? null : questions.find((x) => x.id === state.editing);
    const form = editor(q, role, async (saved) => {
      state.editing = null;
      await redraw(`Saved “${saved.prompt}”.`);
    }, () => { state.editing = null; redraw(); });
    editorSlot.append(form);
    requestAnimationFrame(() => { form.scrollIntoView({ block: 'start' }); form.querySelector('select').focus({ preventScroll: true }); });
  }
}

function ownItem(q, role, roundName, areaName, state, redraw) {
  const confirm = el('div', { class: 'confirm-box', hidden: true },
    el('p', { text: 'Delete this question? Its ratings and review history go with it.' }),
    el('div', { class: 'actions' },
      el('button', {
        type: 'button', class: 'btn danger-fill', text: 'Delete question',
        onclick: async () => {
          try {
            const res = await api.deleteOwnQuestion(role.id, q.id);
            const n = res?.removed_reviews || 0;
            await redraw(`Deleted the question${n ? ` and ${n} review${n === 1 ? '' : 's'}` : ''}.`);
          } catch (err) {
            toast(`Could not delete: ${err.message}`, 'error');
          }
        },
      }),
      el('button', { type: 'button', class: 'btn', text: 'Keep it', onclick: () => { confirm.hidden = true; } })));
  return el('li', { class: 'card own-item', dataset: { own: q.id } },
    el('div', { class: 'own-head' },
      el('h3', { class: 'own-prompt', text: q.prompt }),
      el('div', { class: 'story-actions' },
        el('button', { type: 'button', class: 'btn small', text: 'Edit', 'aria-label': `Edit: ${q.prompt}`, onclick: () => { state.editing = q.id; redraw(); } }),
        el('button', { type: 'button', class: 'btn small danger', text: 'Delete', 'aria-label': `Delete: ${q.prompt}`, onclick: () => { confirm.hidden = false; confirm.querySelector('button').focus(); } }))),
    el('p', { class: 'own-meta' },
      el('span', { class: 'pill', text: roundName.get(q.round_id) || q.round_id }),
      el('span', { class: 'pill', text: areaName.get(q.focus_area) || q.focus_area }),
      q.difficulty ? difficultyBadge(q.difficulty) : null,
      el('span', { class: 'pill minutes-pill', text: minutesText(q.minutes) })),
    q.answer || (q.follow_ups || []).length ? el('details', { class: 'own-answer' },
      el('summary', { text: 'Your answer and follow-ups' }),
      q.answer ? el('p', { class: 'pre-wrap', text: q.answer }) : null,
      (q.follow_ups || []).length ? el('ul', { class: 'q-followups' }, q.follow_ups.map((f) => el('li', { text: f }))) : null) : null,
    (q.skills || []).length ? el('ul', { class: 'chips' }, q.skills.map((x) => el('li', { class: 'chip', text: x }))) : null,
    el('p', { class: 'muted own-when', text: `Updated ${formatInstant(q.updated_at)}` }),
    confirm);
}

function editor(q, role, onSaved, onCancel) {
  const v = q || { round_id: role.rounds[0]?.id, focus_area: role.focus_areas[0]?.id, prompt: '', answer: '', difficulty: 'intermediate', minutes: 5 };
  const round = el('select', { id: 'own-round' },
    role.rounds.map((r, i) => el('option', { value: r.id, selected: r.id === v.round_id, text: `${i + 1}. ${r.name}` })));
  // Preselect the first focus area of the chosen round when adding a question.
  const area = el('select', { id: 'own-area' },
    role.focus_areas.map((a) => el('option', { value: a.id, selected: a.id === v.focus_area, text: a.name })));
  if (!q) {
    round.addEventListener('change', () => {
      const r = role.rounds.find((x) => x.id === round.value);
      if (r && (r.focus_areas || []).length) area.value = r.focus_areas[0];
    });
  }
  const difficulty = el('select', { id: 'own-difficulty' },
    DIFFICULTIES.map((d) => el('option', { value: d, selected: d === v.difficulty, text: d[0].toUpperCase() + d.slice(1) })));
  const minutes = el('input', { type: 'number', id: 'own-minutes', min: 1, max: 240, step: 1, value: v.minutes || 5 });
  const skills = el('input', { type: 'text', id: 'own-skills', 'aria-describedby': 'own-skills-hint' });
  skills.value = (v.skills || []).join(', ');
  const followUps = el('textarea', { id: 'own-follow-ups', rows: 3, 'aria-describedby': 'own-follow-ups-hint' });
  followUps.value = (v.follow_ups || []).join('\n');
  const prompt = el('textarea', { id: 'own-prompt', rows: 2, 'aria-required': 'true' });
  prompt.value = v.prompt || '';
  const answer = el('textarea', { id: 'own-answer', rows: 6, placeholder: 'Your model answer (plain text)' });
  answer.value = v.answer || '';
  const status = liveStatus('own-form-status', 'field-status');
  const save = el('button', { type: 'submit', class: 'btn primary', id: 'own-save', text: q ? 'Save changes' : 'Add question' });
  const form = el('form', { class: 'card own-editor', id: 'own-editor', 'aria-labelledby': 'own-editor-title' },
    el('h3', { id: 'own-editor-title', text: q ? 'Edit your question' : 'New question' }),
    el('div', { class: 'form-grid' },
      el('div', { class: 'form-field' }, el('label', { for: 'own-round', class: 'toolbar-label', text: 'Round' }), round),
      el('div', { class: 'form-field' }, el('label', { for: 'own-area', class: 'toolbar-label', text: 'Focus area' }), area),
      el('div', { class: 'form-field' }, el('label', { for: 'own-difficulty', class: 'toolbar-label', text: 'Difficulty' }), difficulty),
      el('div', { class: 'form-field' }, el('label', { for: 'own-minutes', class: 'toolbar-label', text: 'Minutes to answer' }), minutes)),
    el('div', { class: 'form-field' }, el('label', { for: 'own-prompt', class: 'toolbar-label', text: 'Question' }), prompt),
    el('div', { class: 'form-field' }, el('label', { for: 'own-answer', class: 'toolbar-label', text: 'Answer' }), answer),
    el('div', { class: 'form-grid form-grid-2' },
      el('div', { class: 'form-field' },
        el('label', { for: 'own-skills', class: 'toolbar-label', text: 'Skills it checks' }),
        el('span', { class: 'field-hint', id: 'own-skills-hint', text: 'Separated by commas. The pack export needs at least one.' }),
        skills),
      el('div', { class: 'form-field' },
        el('label', { for: 'own-follow-ups', class: 'toolbar-label', text: 'Follow-up questions' }),
        el('span', { class: 'field-hint', id: 'own-follow-ups-hint', text: 'One a line. The pack export needs at least one.' }),
        followUps)),
    el('div', { class: 'actions' }, save, el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: onCancel })),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = prompt.value.trim();
    const mins = Number(minutes.value);
    if (!text) {
      status.className = 'field-status error';
      status.textContent = 'Write the question first.';
      prompt.focus();
      return;
    }
    if (!Number.isInteger(mins) || mins < 1 || mins > 240) {
      status.className = 'field-status error';
      status.textContent = 'Minutes must be a whole number from 1 to 240.';
      minutes.focus();
      return;
    }
    const payload = {
      round_id: round.value, focus_area: area.value, prompt: text, answer: answer.value.trim(),
      difficulty: difficulty.value, minutes: mins,
      skills: skills.value.split(',').map((x) => x.trim()).filter(Boolean),
      follow_ups: followUps.value.split('\n').map((x) => x.trim()).filter(Boolean),
    };
    if (q) payload.id = q.id;
    save.disabled = true;
    try {
      const saved = await api.saveOwnQuestion(role.id, payload);
      await onSaved(saved);
    } catch (err) {
      status.className = 'field-status error';
      status.textContent = `Not saved: ${err.message}`;
      save.disabled = false;
    }
  });
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { ev.preventDefault(); onCancel(); }
  });
  return form;
}
