// The STAR story bank: the user's own stories (Situation, Task, Action, Result, metrics,
// competencies), linked to the role's behavioural questions, and what the role still lacks.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { label } from './hub.js';
import { liveStatus, formatInstant } from './practice-common.js';

const PARTS = [
  ['situation', 'Situation', 'Where and when; the context an interviewer needs.'],
  ['task', 'Task', 'What you were responsible for.'],
  ['action', 'Action', 'What you did yourself: decisions, steps, trade-offs.'],
  ['result', 'Result', 'What changed, with numbers where you have them.'],
];

export async function renderStories(host, ctx, { role, roles, signal, query }) {
  // `#/practice/stories?story=<id>` (from a question's linked stories) scrolls to that story.
  const state = {
    editing: null,
    focusStory: query?.get('story') || null,
    roleTitles: new Map((roles || []).map((r) => [r.id, r.title])),
  };
  await refresh(host, ctx, role, signal, state);
}

async function refresh(host, ctx, role, signal, state, message) {
  let stories;
  let coverage;
  try {
    [stories, coverage] = await Promise.all([api.listStories(), api.storyCoverage(role.id)]);
  } catch (err) {
    clear(host).append(el('div', { class: 'card error-card', role: 'alert' },
      el('p', { class: 'empty-title', text: 'The story bank could not be loaded' }),
      el('p', { text: err.message })));
    return;
  }
  if (signal.aborted) return;
  clear(host);
  const redraw = (msg) => refresh(host, ctx, role, signal, state, msg);
  const status = liveStatus('stories-status', 'field-status ok');
  if (message) status.textContent = message;

  const newButton = el('button', {
    type: 'button', class: 'btn primary', id: 'story-new', text: 'Write a new story',
    onclick: () => { state.editing = 'new'; redraw(); },
  });
  const editorSlot = el('div', { id: 'story-editor-slot' });
  const list = storyList(stories, coverage, role, state, redraw);

  host.append(
    coverageView(coverage, stories, role),
    el('section', { class: 'stories-section', 'aria-labelledby': 'stories-title' },
      el('div', { class: 'section-head' },
        el('h2', { id: 'stories-title', text: `Your stories (${stories.length})` }),
        state.editing ? null : newButton),
      status,
      editorSlot,
      list));

  if (state.editing) {
    const story = state.editing === 'new' ? null : stories.find((s) => String(s.id) === String(state.editing));
    const editor = storyEditor(story, coverage, role, async (saved) => {
      state.editing = null;
      state.focusStory = saved ? String(saved.id) : null;
      await redraw(saved ? `Saved “${saved.title}”.` : '');
    }, () => { state.editing = null; redraw(); });
    editorSlot.append(editor);
    requestAnimationFrame(() => { editor.scrollIntoView({ block: 'start' }); editor.querySelector('input').focus({ preventScroll: true }); });
  } else if (state.focusStory) {
    const card = host.querySelector(`[data-story="${CSS.escape(String(state.focusStory))}"]`);
    state.focusStory = null;
    if (card) {
      requestAnimationFrame(() => {
        card.scrollIntoView({ block: 'center' });
        card.classList.add('flash');
        card.querySelector('h3').focus({ preventScroll: true });
      });
    }
  }
}

/* ---------- coverage ---------- */

function coverageView(cov, stories, role) {
  const titleOf = new Map(stories.map((s) => [String(s.id), s.title]));
  const comps = cov.competencies || [];
  const questions = cov.questions || [];
  const uncoveredComps = comps.filter((c) => !(c.stories || []).length);
  const uncoveredQs = questions.filter((q) => !(q.stories || []).length);
  const checks = cov.checks || [];
  const pct = cov.total ? Math.round((cov.covered / cov.total) * 100) : 0;
  const fill = el('span', { class: 'progress-fill' });
  fill.style.width = `${pct}%`;

  return el('section', { class: 'card coverage', id: 'story-coverage', 'aria-labelledby': 'coverage-title' },
    el('div', { class: 'section-head' },
      el('h2', { id: 'coverage-title', text: `Coverage for ${role.title}` }),
      el('p', { class: 'coverage-count', id: 'coverage-count' },
        el('strong', { text: `${cov.covered} of ${cov.total}` }), ' behavioural questions have a story')),
    el('span', { class: 'progress coverage-bar', 'aria-hidden': 'true' }, fill),
    el('div', { class: 'coverage-grid' },
      el('div', { class: 'coverage-col' },
        el('h3', { text: 'Checks' }),
        checks.length ? el('ul', { class: 'cov-checks', id: 'coverage-checks' }, checks.map((c) => el('li', {
          class: `cov-check ${c.met ? 'met' : 'unmet'}`, dataset: { check: c.id, met: String(!!c.met) },
        },
        el('span', { class: 'cov-mark', 'aria-hidden': 'true', text: c.met ? '✓' : '○' }),
        el('div', {},
          el('p', { class: 'cov-label' }, el('span', { class: 'visually-hidden', text: c.met ? 'Met: ' : 'Not met yet: ' }), c.label),
          c.met
            ? el('p', { class: 'cov-detail muted', text: `By ${(c.story_ids || []).map((id) => titleOf.get(String(id)) || `story ${id}`).join(', ')}` })
            : (c.missing || []).length ? el('p', { class: 'cov-detail' }, 'Missing: ',
              el('span', { class: 'cov-missing', text: c.missing.join(', ') })) : null)))) : el('p', { class: 'muted', text: 'No checks for this role.' })),
      el('div', { class: 'coverage-col' },
        el('h3', { text: 'Behavioural questions with no story' }),
        uncoveredQs.length
          ? el('ul', { class: 'gap-list', id: 'coverage-questions' }, uncoveredQs.map((q) => el('li', { dataset: { question: q.question_id }, text: q.prompt })))
          : el('p', { class: 'ok-text', id: 'coverage-questions', text: questions.length ? 'Every behavioural question has a story.' : 'This role has no behavioural questions.' }),
        el('h3', { text: 'Competencies with no story' }),
        uncoveredComps.length
          ? el('ul', { class: 'chips', id: 'coverage-competencies' }, uncoveredComps.map((c) => el('li', { class: 'chip chip-muted', dataset: { competency: c.id }, text: c.name })))
          : el('p', { class: 'ok-text', id: 'coverage-competencies', text: comps.length ? 'Every competency has a story.' : 'No competencies listed for this role.' }))));
}

/* ---------- the list ---------- */

function storyList(stories, cov, role, state, redraw) {
  if (!stories.length) {
    return el('div', { class: 'card empty-state', role: 'note', id: 'stories-empty' },
      el('p', { class: 'empty-title', text: 'No stories yet' }),
      el('p', { text: 'Write down four to six real situations once: an incident you handled, a system you improved, a conflict, a mentoring success. Link each to the questions it answers.' }));
  }
  const compName = new Map((cov.competencies || []).map((c) => [c.id, c.name]));
  const nameOf = (id) => compName.get(id) || prettify(id);
  return el('ul', { class: 'story-list', id: 'story-list' }, stories.map((s) => {
    const confirm = el('div', { class: 'confirm-box', hidden: true },
      el('p', { text: `Delete “${s.title}”? Its links to questions go too.` }),
      el('div', { class: 'actions' },
        el('button', {
          type: 'button', class: 'btn danger-fill', text: 'Delete story',
          onclick: async () => {
            try {
              await api.deleteStory(s.id);
              await redraw(`Deleted “${s.title}”.`);
            } catch (err) {
              toast(`Could not delete: ${err.message}`, 'error');
            }
          },
        }),
        el('button', { type: 'button', class: 'btn', text: 'Keep it', onclick: () => { confirm.hidden = true; } })));
    const links = s.links || [];
    return el('li', { class: 'card story-card', dataset: { story: String(s.id) } },
      el('div', { class: 'story-head' },
        el('h3', { tabindex: '-1', text: s.title }),
        el('div', { class: 'story-actions' },
          el('button', { type: 'button', class: 'btn small', text: 'Edit', 'aria-label': `Edit ${s.title}`, onclick: () => { state.editing = s.id; redraw(); } }),
          el('button', { type: 'button', class: 'btn small danger', text: 'Delete', 'aria-label': `Delete ${s.title}`, onclick: () => { confirm.hidden = false; confirm.querySelector('button').focus(); } }))),
      (s.competencies || []).length ? el('ul', { class: 'chips' }, s.competencies.map((c) => el('li', { class: 'chip chip-accent', text: nameOf(c) }))) : null,
      el('dl', { class: 'star-steps' }, PARTS.filter(([k]) => s[k]).map(([k, name]) => el('div', { class: 'star-step' },
        el('dt', { text: name }), el('dd', { class: 'pre-wrap', text: s[k] })))),
      metricsText(s.metrics) ? el('div', { class: 'star-metrics' }, label('Metrics'), el('p', { class: 'pre-wrap metrics-text', text: metricsText(s.metrics) })) : null,
      links.length ? el('div', { class: 'story-links-box' }, label('Answers'),
        el('ul', { class: 'story-question-links' }, links.map((l) => el('li', { dataset: { question: l.question_id } },
          el('span', { text: l.prompt || l.question_id }),
          l.role_id !== role.id ? el('span', { class: 'muted', text: ` (${state.roleTitles.get(l.role_id) || 'a role no longer installed'})` }) : null)))) : null,
      el('p', { class: 'story-when muted', text: `Updated ${formatInstant(s.updated_at)}` }),
      confirm);
  }));
}

/** A typed competency comes back as a slug ("stakeholder-management"): show it as words. */
function prettify(id) {
  const words = String(id).replace(/-/g, ' ');
  return words ? words[0].toUpperCase() + words.slice(1) : words;
}

function metricsText(m) {
  if (Array.isArray(m)) return m.join('\n');
  return m || '';
}

/* ---------- the editor ---------- */

function storyEditor(story, cov, role, onSaved, onCancel) {
  const s = story || { title: '', situation: '', task: '', action: '', result: '', metrics: '', competencies: [], links: [] };
  const title = el('input', { type: 'text', id: 'story-title', 'aria-required': 'true', maxlength: 200 });
  title.value = s.title;
  const areas = Object.fromEntries(PARTS.map(([k]) => {
    const t = el('textarea', { id: `story-${k}`, rows: 3, 'aria-required': 'true' });
    t.value = s[k] || '';
    return [k, t];
  }));
  const metrics = el('textarea', { id: 'story-metrics', rows: 2, placeholder: 'e.g. MTTR 42 → 18 min; p95 380 → 120 ms' });
  metrics.value = metricsText(s.metrics);

  /* Competencies: the role's list, plus any typed in */
  const known = (cov.competencies || []).map((c) => ({ id: c.id, name: c.name }));
  for (const c of s.competencies || []) if (!known.some((k) => k.id === c)) known.push({ id: c, name: prettify(c) });
  const chosen = new Set(s.competencies || []);
  const compBox = el('div', { class: 'comp-options', id: 'story-competencies' });
  const drawComps = () => {
    clear(compBox).append(...known.map((c, i) => el('label', { class: 'check-chip' },
      el('input', {
        type: 'checkbox', value: c.id, id: `story-comp-${i}`, checked: chosen.has(c.id),
        onchange: (ev) => { if (ev.target.checked) chosen.add(c.id); else chosen.delete(c.id); },
      }),
      el('span', { text: c.name }))));
  };
  drawComps();
  const newComp = el('input', { type: 'text', id: 'story-comp-new', list: 'story-comp-names', placeholder: 'Another competency' });
  const addComp = () => {
    const name = newComp.value.trim();
    if (!name) return;
    const match = known.find((k) => k.name.toLowerCase() === name.toLowerCase() || k.id === name);
    const id = match ? match.id : name;
    if (!match) known.push({ id, name });
    chosen.add(id);
    newComp.value = '';
    drawComps();
    newComp.focus();
  };
  newComp.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); addComp(); } });

  /* Links to this role's behavioural questions; links to other roles are kept as they are */
  const linked = new Set((s.links || []).filter((l) => l.role_id === role.id).map((l) => l.question_id));
  const otherLinks = (s.links || []).filter((l) => l.role_id !== role.id);
  const questions = cov.questions || [];
  const linkBox = el('div', { class: 'link-options', id: 'story-links' },
    questions.length ? questions.map((q, i) => el('label', { class: 'link-option' },
      el('input', {
        type: 'checkbox', value: q.question_id, id: `story-link-${i}`, checked: linked.has(q.question_id),
        dataset: { question: q.question_id },
      }),
      el('span', { text: q.prompt })))
      : el('p', { class: 'muted', text: 'This role has no behavioural questions to link.' }));

  const status = liveStatus('story-status', 'field-status');
  const save = el('button', { type: 'submit', class: 'btn primary', id: 'story-save', text: story ? 'Save changes' : 'Save story' });
  const form = el('form', { class: 'card story-editor', id: 'story-editor', 'aria-labelledby': 'story-editor-title' },
    el('h3', { id: 'story-editor-title', text: story ? `Edit “${story.title}”` : 'New story' }),
    el('div', { class: 'form-field' }, el('label', { for: 'story-title', class: 'toolbar-label', text: 'Title' }), title),
    el('div', { class: 'star-form' }, PARTS.map(([k, name, hint]) => el('div', { class: 'form-field' },
      el('label', { for: `story-${k}`, class: 'toolbar-label', text: name }),
      el('span', { class: 'field-hint', id: `story-${k}-hint`, text: hint }),
      areas[k]))),
    el('div', { class: 'form-field' }, el('label', { for: 'story-metrics', class: 'toolbar-label', text: 'Metrics' }), metrics),
    el('fieldset', { class: 'form-field plain-fieldset' },
      el('legend', { class: 'toolbar-label', text: 'Competencies it shows' }),
      compBox,
      el('div', { class: 'inline-add' },
        el('label', { for: 'story-comp-new', class: 'visually-hidden', text: 'Type a new competency' }),
        newComp,
        el('datalist', { id: 'story-comp-names' }, known.map((c) => el('option', { value: c.name }))),
        el('button', { type: 'button', class: 'btn small', id: 'story-comp-add', text: 'Add', onclick: addComp }))),
    el('fieldset', { class: 'form-field plain-fieldset' },
      el('legend', { class: 'toolbar-label', text: `Questions of ${role.title} it answers` }),
      linkBox,
      otherLinks.length ? el('p', { class: 'muted', text: `Also linked to ${otherLinks.length} question${otherLinks.length === 1 ? '' : 's'} of other roles (kept).` }) : null),
    el('div', { class: 'actions' }, save, el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: onCancel })),
    status);
  for (const [k] of PARTS) areas[k].setAttribute('aria-describedby', `story-${k}-hint`);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const empty = [['title', title], ...PARTS.map(([k]) => [k, areas[k]])].filter(([, f]) => !f.value.trim());
    if (empty.length || !chosen.size) {
      status.className = 'field-status error';
      const what = empty.map(([k]) => (k === 'title' ? 'a title' : `the ${k}`));
      if (!chosen.size) what.push('at least one competency');
      status.textContent = `Still needed: ${what.join(', ')}.`;
      (empty.length ? empty[0][1] : newComp).focus();
      return;
    }
    const links = [...otherLinks.map((l) => ({ role_id: l.role_id, question_id: l.question_id })),
      ...[...linkBox.querySelectorAll('input:checked')].map((i) => ({ role_id: role.id, question_id: i.value }))];
    const payload = {
      title: title.value.trim(),
      situation: areas.situation.value.trim(),
      task: areas.task.value.trim(),
      action: areas.action.value.trim(),
      result: areas.result.value.trim(),
      metrics: metrics.value.trim(),
      competencies: [...chosen],
      links,
    };
    if (story) payload.id = story.id;
    save.disabled = true;
    try {
      const saved = await api.saveStory(payload);
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
