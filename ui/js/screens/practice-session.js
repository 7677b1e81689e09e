// A practice session: choose a scope, then for each question think (timer), optionally draft an
// answer, reveal the model answer and rate yourself Again / Hard / Good / Easy.
// Keys: Space reveals (outside text boxes and buttons), 1-4 rate, U undoes, Esc ends the session.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { prose, inlineHtml, difficultyBadge, chips, label, extraTags } from './hub.js';
import {
  RATINGS, ratingLabel, clock, duration, dueText, formatDay, formatInstant, inTextField, searchOpen,
  liveStatus, percent, errorNote,
} from './practice-common.js';
import { formatDate, minutesText } from '../format.js';

const SCOPES = [
  { kind: 'all', label: 'Everything', hint: 'Due questions first, then new ones in interview order.' },
  { kind: 'round', label: 'One round', hint: 'The questions of one interview round.' },
  { kind: 'focus', label: 'One focus area', hint: 'The questions of one focus area.' },
  { kind: 'due', label: 'Due for review', hint: 'Only questions due by the end of today.' },
  { kind: 'weakest', label: 'Weakest first', hint: 'Questions you are most likely to have forgotten, then new ones.' },
  { kind: 'revisit', label: 'Revisit', hint: 'Questions you marked Revisit (⚑) during a session.' },
  { kind: 'favourite', label: 'Favourites', hint: 'Questions you marked Favourite (★) during a session.' },
];

/** What a scope holds, in a few words: "4 due · 30 new". */
function countText(c) {
  if (!c) return '';
  const parts = [];
  if (c.due) parts.push(`${c.due} due`);
  if (c.new) parts.push(`${c.new} new`);
  return parts.length ? parts.join(' · ') : 'nothing due';
}

/** The number shown on each scope's choice. */
function scopeBadge(kind, counts) {
  const all = counts?.all;
  if (!all) return null;
  const value = {
    all: countText(all),
    due: String(all.due),
    weakest: String(all.total - all.new),
    revisit: String(all.revisit),
    favourite: String(all.favourite),
  }[kind];
  return value === undefined ? null : value;
}

// Kept while the app runs, so coming back shows the same choice.
const lastScope = { kind: 'all', round: null, focus: null };

export async function renderSession(host, ctx, { role, signal, question }) {
  if (question) {
    await singleQuestion(host, ctx, role, signal, question);
    return;
  }
  await setupView(host, ctx, role, signal);
}

/* ---------- choosing a scope ---------- */

async function setupView(host, ctx, role, signal, notice) {
  clear(host);
  let history = [];
  let counts = null;
  try {
    [history, counts] = await Promise.all([api.reviewHistory(role.id, 10), api.practiceCounts(role.id)]);
  } catch (err) {
    toast(`Could not load the review history: ${err.message}`, 'error');
  }
  if (signal.aborted) return;

  if (!SCOPES.some((s) => s.kind === lastScope.kind)) lastScope.kind = 'all';
  const radios = SCOPES.map((s) => {
    const badge = scopeBadge(s.kind, counts);
    return el('label', { class: 'segment' },
      el('input', { type: 'radio', name: 'scope', value: s.kind, id: `scope-kind-${s.kind}`, checked: lastScope.kind === s.kind }),
      el('span', {}, s.label, badge ? el('span', { class: 'scope-count', dataset: { kind: s.kind }, text: badge }) : null));
  });
  const roundSelect = el('select', { id: 'scope-round' },
    role.rounds.map((r, i) => el('option', {
      value: r.id, selected: r.id === lastScope.round,
      text: `${i + 1}. ${r.name}${counts?.rounds?.[r.id] ? ` (${countText(counts.rounds[r.id])})` : ''}`,
    })));
  const focusSelect = el('select', { id: 'scope-focus' },
    role.focus_areas.map((a) => el('option', {
      value: a.id, selected: a.id === lastScope.focus,
      text: `${a.name}${counts?.focus_areas?.[a.id] ? ` (${countText(counts.focus_areas[a.id])})` : ''}`,
    })));
  const all = counts?.all;
  const todayLine = all ? el('p', { class: 'practice-today', id: 'practice-today' },
    el('strong', { text: all.due ? `${all.due} due now` : 'Nothing due now' }),
    ` · ${all.new} new of ${all.total}`,
    all.revisit ? ` · ${all.revisit} to revisit` : '',
    all.favourite ? ` · ${all.favourite} favourite${all.favourite === 1 ? '' : 's'}` : '') : null;
  const roundField = el('div', { class: 'scope-value' }, el('label', { for: 'scope-round', class: 'toolbar-label', text: 'Round' }), roundSelect);
  const focusField = el('div', { class: 'scope-value' }, el('label', { for: 'scope-focus', class: 'toolbar-label', text: 'Focus area' }), focusSelect);
  const hint = el('p', { class: 'muted scope-hint', id: 'scope-hint' });
  const status = liveStatus('practice-start-status', 'field-status');

  const chosen = () => radios.map((r) => r.querySelector('input')).find((i) => i.checked)?.value || 'all';
  const sync = () => {
    const kind = chosen();
    roundField.hidden = kind !== 'round';
    focusField.hidden = kind !== 'focus';
    hint.textContent = SCOPES.find((s) => s.kind === kind).hint;
  };
  for (const r of radios) r.querySelector('input').addEventListener('change', sync);

  const start = el('button', { type: 'submit', class: 'btn primary', id: 'practice-start', text: 'Start practising' });
  const form = el('form', { class: 'card practice-setup', id: 'practice-setup', 'aria-labelledby': 'practice-setup-title' },
    el('h2', { id: 'practice-setup-title', text: `Practise ${role.title}` }),
    todayLine,
    notice ? el('p', { class: 'notice', role: 'status', text: notice }) : null,
    el('fieldset', { class: 'scope-fieldset' },
      el('legend', { class: 'toolbar-label', text: 'Which questions' }),
      el('div', { class: 'segmented scope-choices' }, radios)),
    el('div', { class: 'scope-values' }, roundField, focusField),
    hint,
    el('div', { class: 'actions' }, start),
    status,
    el('p', { class: 'key-hint' },
      'During a session: ', el('kbd', { text: 'Space' }), ' reveals the answer · ',
      el('kbd', { text: '1' }), '–', el('kbd', { text: '4' }), ' rate · ',
      el('kbd', { text: 'U' }), ' undoes the last rating · ', el('kbd', { text: 'Esc' }), ' ends the session'),
    ctx.settings?.interview_mode
      ? el('p', { class: 'muted', id: 'interview-mode-note', text: 'Interview mode is on: difficulty, tags, skills and hints stay hidden until you reveal the answer (change it in Settings).' })
      : null);
  sync();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const kind = chosen();
    const scope = { kind };
    if (kind === 'round') scope.value = roundSelect.value;
    if (kind === 'focus') scope.value = focusSelect.value;
    Object.assign(lastScope, { kind, round: roundSelect.value, focus: focusSelect.value });
    start.disabled = true;
    status.className = 'field-status';
    status.textContent = 'Starting…';
    try {
      const step = await api.startPractice(role.id, scope);
      if (signal.aborted) return;
      if (!step.question) {
        status.textContent = '';
        showNothing(host, ctx, role, signal, scope);
        return;
      }
      runSession(host, ctx, role, signal, step, scope);
    } catch (err) {
      status.className = 'field-status error';
      status.textContent = err.message;
      start.disabled = false;
    }
  });

  host.append(form, recentReviews(history));
  if (!role.questions.length) {
    host.append(el('div', { class: 'card empty-state', role: 'note' },
      el('p', { class: 'empty-title', text: 'This role has no questions yet' }),
      el('p', { text: 'Add your own on the My questions tab, or import a pack that has questions for it.' })));
  }
}

function recentReviews(history) {
  const box = el('section', { class: 'card recent-reviews', id: 'recent-reviews', 'aria-labelledby': 'recent-reviews-title' },
    el('h2', { id: 'recent-reviews-title', text: 'Recent reviews' }));
  if (!history.length) {
    box.append(el('p', { class: 'muted', text: 'No question of this role has been rated yet. Ratings you give in a session appear here, newest first.' }));
    return box;
  }
  box.append(el('ol', { class: 'review-list' }, history.map((h) => el('li', { class: 'review-item', dataset: { question: h.question_id, rating: String(h.rating) } },
    ratingPill(h.rating),
    el('span', { class: 'review-prompt', text: h.prompt }),
    el('span', { class: 'review-when', text: `${formatInstant(h.reviewed_at)} · ${duration(h.seconds)}` })))));
  return box;
}

function ratingPill(rating) {
  const r = RATINGS.find((x) => x.value === Number(rating));
  return el('span', { class: `rating-pill rating-${r ? r.key : 'unknown'}`, text: ratingLabel(rating) });
}

function showNothing(host, ctx, role, signal, scope) {
  clear(host);
  const texts = {
    due: ['Nothing is due', 'No question of this role is due for review by the end of today. Practise new questions with “Everything”, or come back tomorrow.'],
    revisit: ['Nothing to revisit', 'Mark a question Revisit (⚑) during a session, and it will be here.'],
    favourite: ['No favourites yet', 'Mark a question Favourite (★) during a session, and it will be here.'],
  };
  const [title, text] = texts[scope.kind] || ['No questions here', 'This choice has no questions for this role. Pick another one.'];
  host.append(el('div', { class: 'card empty-state', role: 'status', id: 'practice-nothing' },
    el('p', { class: 'empty-title', text: title }),
    el('p', { text }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn primary', text: 'Choose other questions', onclick: () => setupView(host, ctx, role, signal) }))));
  host.querySelector('button').focus();
}

/* ---------- one question ---------- */

/**
 * The card for one question. `onRate` is null outside a session (then no rating buttons).
 * Returns { node, reveal(), revealed(), seconds(), stop() }.
 */
function questionCard(pq, ctx, role, signal, { onRate, position }) {
  const q = pq.question;
  const interview = !!ctx.settings?.interview_mode;
  const a = q.answer && typeof q.answer === 'object' ? q.answer : { summary_text: q.answer };
  const shownAt = Date.now();
  let thoughtFor = null; // seconds, frozen at reveal
  let revealed = false;

  /* Timer: counts while you think, then stops and reads as the time taken */
  const timerValue = el('span', { class: 'timer-value', text: '0:00' });
  const timerLabel = el('span', { class: 'timer-label', text: 'Thinking' });
  const timer = el('p', { class: 'thinking-timer', id: 'thinking-timer', role: 'timer', 'aria-live': 'off', 'aria-label': 'Thinking time' },
    timerLabel, timerValue);
  const tick = setInterval(() => {
    if (signal.aborted) { clearInterval(tick); return; }
    if (thoughtFor === null) timerValue.textContent = clock((Date.now() - shownAt) / 1000);
  }, 500);
  signal.addEventListener('abort', () => clearInterval(tick));

  /* Meta that interview mode hides until the reveal */
  const meta = el('div', { class: 'pq-meta', id: 'pq-meta' },
    q.difficulty ? difficultyBadge(q.difficulty) : null,
    q.minutes ? el('span', { class: 'pill minutes-pill', text: minutesText(q.minutes) }) : null,
    (q.skills || []).length ? el('div', { class: 'pq-skills' }, el('span', { class: 'visually-hidden', text: 'Skills: ' }), chips(q.skills)) : null,
    extraTags(q).length ? el('div', { class: 'pq-tags' }, el('span', { class: 'visually-hidden', text: 'Tags: ' }), chips(extraTags(q), 'chip chip-muted')) : null);
  if (interview) meta.hidden = true;

  /* Hint: the outline of a good answer, before the full answer */
  const structure = a.structure_html || [];
  const hintBox = el('div', { class: 'q-block pq-hint', id: 'pq-hint', hidden: true },
    label('Hint: how to structure it'),
    el('ol', { class: 'q-structure' }, structure.map((h) => inlineHtml(el('li'), h))));
  const hintButton = structure.length && !interview ? el('button', {
    type: 'button', class: 'btn small', id: 'pq-hint-button', 'aria-controls': 'pq-hint', 'aria-expanded': 'false', text: 'Show a hint',
    onclick: () => {
      hintBox.hidden = !hintBox.hidden;
      hintButton.setAttribute('aria-expanded', String(!hintBox.hidden));
      hintButton.textContent = hintBox.hidden ? 'Show a hint' : 'Hide the hint';
    },
  }) : null;

  /* Draft */
  const draftArea = el('textarea', { id: 'pq-draft', rows: 5, placeholder: 'Optional: write your answer before you look.' });
  const draftStatus = liveStatus('pq-draft-status', 'field-status');
  const draftList = el('div', { class: 'pq-drafts', id: 'pq-drafts' });
  const showDrafts = (drafts) => {
    clear(draftList);
    if (!drafts.length) return;
    draftList.append(el('details', { class: 'drafts-details' },
      el('summary', { text: `Earlier drafts (${drafts.length})` }),
      el('ol', { class: 'draft-list' }, drafts.map((d) => el('li', { class: 'draft-item' },
        el('p', { class: 'draft-when', text: formatInstant(d.written_at) }),
        el('p', { class: 'draft-body', text: d.body }))))));
  };
  showDrafts(pq.drafts || []);
  const saveDraft = el('button', {
    type: 'button', class: 'btn small', id: 'pq-draft-save', text: 'Save draft',
    onclick: async () => {
      const body = draftArea.value.trim();
      if (!body) { draftStatus.className = 'field-status error'; draftStatus.textContent = 'Write something first.'; return; }
      saveDraft.disabled = true;
      try {
        const drafts = await api.saveDraft(pq.role_id, pq.question_id, body);
        pq.drafts = drafts;
        showDrafts(drafts);
        draftStatus.className = 'field-status ok';
        draftStatus.textContent = 'Draft saved.';
      } catch (err) {
        draftStatus.className = 'field-status error';
        draftStatus.textContent = `Not saved: ${err.message}`;
      } finally {
        saveDraft.disabled = false;
      }
    },
  });
  const draft = el('div', { class: 'pq-draft', id: 'pq-draft-box' },
    el('label', { for: 'pq-draft', class: 'toolbar-label', text: 'Your answer (draft)' }),
    draftArea,
    el('div', { class: 'draft-actions' }, saveDraft, draftStatus),
    draftList);
  const showDraftButton = el('button', {
    type: 'button', class: 'btn small', id: 'pq-draft-show', hidden: true, text: 'Write your own answer beside it',
    onclick: () => {
      draft.hidden = false;
      work.classList.add('has-draft');
      node.closest('.session-layout')?.classList.add('is-comparing');
      showDraftButton.hidden = true;
      draftArea.focus();
    },
  });

  /* Answer */
  const answer = el('div', { class: 'pq-answer', id: 'pq-answer', hidden: true, tabindex: '-1', 'aria-label': 'Model answer' },
    el('div', { class: 'q-block q-answer' }, label('Model answer'),
      a.summary_html !== undefined ? prose(a.summary_html) : el('p', { class: 'prose pre-wrap', text: a.summary_text || '' })),
    structure.length ? el('div', { class: 'q-block' }, label('How to structure it'),
      el('ol', { class: 'q-structure' }, structure.map((h) => inlineHtml(el('li'), h)))) : null,
    (a.trade_offs_html || a.strong_signal_html) ? el('div', { class: 'q-pair' },
      a.trade_offs_html ? el('div', { class: 'q-block' }, label('Trade-offs'), prose(a.trade_offs_html)) : null,
      a.strong_signal_html ? el('div', { class: 'q-block q-signal' }, label('What a strong answer shows'), prose(a.strong_signal_html)) : null) : null,
    q.example_html ? el('div', { class: 'q-block q-example' }, label('Example'), prose(q.example_html)) : null,
    (q.follow_ups || []).length ? el('div', { class: 'q-block' }, label('Follow-ups to expect'),
      el('ul', { class: 'q-followups' }, q.follow_ups.map((f) => el('li', { text: f })))) : null);

  // Under each button: when the question comes back after that rating, as the backend's
  // scheduler computes it (the same call the rating makes), never guessed here.
  const intervals = new Map((pq.intervals || []).map((i) => [Number(i.rating), i]));
  const rateButtons = onRate ? RATINGS.map((r) => {
    const next = intervals.get(r.value);
    return el('button', {
      type: 'button', class: `btn rate-btn rate-${r.key}`, dataset: { rating: String(r.value) },
      'aria-keyshortcuts': String(r.value), title: r.hint,
      onclick: () => onRate(r.value),
    },
    el('span', { class: 'rate-top' },
      el('kbd', { 'aria-hidden': 'true', text: String(r.value) }),
      el('span', { class: 'rate-label', text: r.label })),
    next ? el('span', {
      class: `rate-interval${next.final_review ? ' is-final' : ''}`, dataset: { due: next.due },
      title: next.final_review ? 'Moved earlier by your interview date: its last review before the round' : null,
    }, el('span', { class: 'visually-hidden', text: ', comes back in ' }), next.label) : null,
    el('span', { class: 'visually-hidden', text: `, ${r.hint}` }));
  }) : [];
  const rating = el('div', { class: 'pq-rating', id: 'pq-rating', hidden: true },
    onRate
      ? [el('p', { class: 'eyebrow', id: 'pq-rate-label', text: 'How well did you answer? · it comes back in' }),
        el('div', { role: 'group', 'aria-labelledby': 'pq-rate-label', class: 'rate-group' }, rateButtons)]
      : el('p', { class: 'muted', text: 'Start a session on the Practice tab to rate this question and schedule its next review.' }));

  const revealButton = el('button', {
    type: 'button', class: 'btn primary reveal-btn', id: 'pq-reveal', 'aria-keyshortcuts': 'Space', 'aria-controls': 'pq-answer',
    onclick: () => reveal(),
  }, 'Reveal answer ', el('kbd', { 'aria-hidden': 'true', text: 'Space' }));

  function reveal() {
    if (revealed) return;
    revealed = true;
    thoughtFor = Math.round((Date.now() - shownAt) / 1000);
    timerValue.textContent = clock(thoughtFor);
    timerLabel.textContent = 'Time taken';
    timer.setAttribute('aria-label', 'Time taken');
    timer.classList.add('stopped');
    answer.hidden = false;
    rating.hidden = false;
    meta.hidden = false;
    revealButton.hidden = true;
    if (hintButton) hintButton.hidden = true;
    hintBox.hidden = true;
    // The draft and the model answer side by side (or the answer alone when nothing was written).
    const wrote = draftArea.value.trim() || (pq.drafts || []).length;
    draft.hidden = !wrote;
    showDraftButton.hidden = !!wrote;
    work.classList.toggle('has-draft', !!wrote);
    node.classList.add('is-revealed');
    // With a draft to compare, the card takes the whole width (the side panel goes under it).
    node.closest('.session-layout')?.classList.toggle('is-comparing', !!wrote);
    answer.focus({ preventScroll: true }); // not a rating button: a second Space must not rate
    bringAnswerIntoView();
  }

  /** Scrolls the page so the answer is where the eyes are. The card's top (time taken) and
   * the prompt stay on screen when the answer still gets room below them; else the answer
   * starts at the top. The rating bar sticks to the bottom of the window, so it is reachable
   * however long the answer is. */
  function bringAnswerIntoView() {
    const main = document.getElementById('main');
    if (!main || !node.isConnected) return;
    const view = main.getBoundingClientRect();
    const bottom = view.bottom - rating.offsetHeight;
    const answerTop = answer.getBoundingClientRect().top;
    const enough = Math.min(200, (bottom - view.top) / 2);
    if (answerTop <= bottom - enough && answerTop >= view.top) return;
    const fits = (top) => answerTop - top <= bottom - view.top - enough;
    const cardTop = node.getBoundingClientRect().top;
    const promptTop = heading.getBoundingClientRect().top;
    const draftTop = draft.hidden ? answerTop : draft.getBoundingClientRect().top;
    const top = [cardTop, promptTop, draftTop].find(fits) ?? answerTop;
    main.scrollTop += top - view.top - 12;
  }

  const heading = el('h2', { class: 'pq-prompt', id: 'pq-prompt', tabindex: '-1', text: q.prompt });
  const work = el('div', { class: 'pq-work', id: 'pq-work' }, draft, answer);
  const node = el('article', { class: 'card practice-card', id: 'practice-card', dataset: { question: pq.question_id }, 'aria-labelledby': 'pq-prompt' },
    el('div', { class: 'pq-head' },
      el('p', { class: 'eyebrow pq-where' },
        position ? el('span', { class: 'pq-position', id: 'pq-position', text: position }) : null,
        el('span', { text: [pq.round?.name, pq.focus?.name].filter(Boolean).join(' · ') }),
        pq.own ? el('span', { class: 'pill own-pill', text: 'Your question' }) : null),
      timer),
    heading,
    meta,
    el('div', { class: 'pq-tools' }, hintButton, showDraftButton),
    hintBox,
    work,
    el('div', { class: 'actions reveal-row' }, revealButton),
    rating); // after the answer, and sticky: in view at the bottom however long the answer is

  return {
    node,
    heading,
    reveal,
    isRevealed: () => revealed,
    seconds: () => Math.max(1, Math.round((Date.now() - shownAt) / 1000)),
  };
}

/** The side panel: flags, note, card state, review history, linked stories. */
function questionAside(pq, ctx) {
  const flagButton = (flag, text, icon) => {
    const b = el('button', {
      type: 'button', class: `btn small flag-btn flag-${flag}`, id: `pq-flag-${flag}`, 'aria-pressed': String(!!pq.flags?.[flag]),
    }, el('span', { class: 'flag-icon', 'aria-hidden': 'true', text: icon }), text);
    b.addEventListener('click', async () => {
      const on = b.getAttribute('aria-pressed') !== 'true';
      b.disabled = true;
      try {
        const flags = await api.setFlag(pq.role_id, pq.question_id, flag, on);
        pq.flags = flags;
        for (const [k, v] of Object.entries(flags)) {
          const other = b.parentNode.querySelector(`.flag-${k}`);
          if (other) other.setAttribute('aria-pressed', String(!!v));
        }
      } catch (err) {
        toast(`Could not change the flag: ${err.message}`, 'error');
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };

  const noteArea = el('textarea', { id: 'pq-note', rows: 4, placeholder: 'Your notes on this question' });
  noteArea.value = pq.note || '';
  let savedNote = pq.note || '';
  const noteStatus = liveStatus('pq-note-status', 'field-status');
  const saveNote = async () => {
    const body = noteArea.value;
    if (body === savedNote) return;
    try {
      const saved = await api.saveNote(pq.role_id, pq.question_id, body);
      savedNote = saved ? saved.body : '';
      pq.note = saved ? saved.body : null;
      noteStatus.className = 'field-status ok';
      noteStatus.textContent = saved ? 'Note saved.' : 'Note deleted.';
    } catch (err) {
      noteStatus.className = 'field-status error';
      noteStatus.textContent = `Not saved: ${err.message}`;
    }
  };
  noteArea.addEventListener('blur', saveNote);

  const card = pq.card;
  const history = pq.history || [];
  return el('aside', { class: 'practice-aside', 'aria-label': 'About this question' },
    el('div', { class: 'card aside-card' },
      el('div', { class: 'flag-row', role: 'group', 'aria-label': 'Flags' },
        flagButton('favourite', 'Favourite', '★'),
        flagButton('revisit', 'Revisit', '⚑')),
      el('label', { for: 'pq-note', class: 'toolbar-label', text: 'Note' }),
      noteArea,
      el('div', { class: 'draft-actions' },
        el('button', { type: 'button', class: 'btn small', id: 'pq-note-save', text: 'Save note', onclick: saveNote }),
        noteStatus)),
    el('section', { class: 'card aside-card', 'aria-labelledby': 'pq-history-title' },
      el('h3', { id: 'pq-history-title', text: 'Review history' }),
      card ? el('p', { class: 'card-state', id: 'pq-card-state' },
        `${capital(card.state)} · ${card.reps} review${card.reps === 1 ? '' : 's'}, ${card.lapses} lapse${card.lapses === 1 ? '' : 's'} · recall now ${percent(card.recall_now)} · next ${dueText(card.effective_due)}`,
        card.deadline ? ` · final review before ${formatDay(card.deadline, false)}` : '') : null,
      history.length
        ? el('ol', { class: 'history-list', id: 'pq-history' }, history.map((h) => el('li', { dataset: { rating: String(h.rating) } },
          ratingPill(h.rating),
          el('span', { class: 'history-when', text: `${formatInstant(h.reviewed_at)} · ${duration(h.seconds)}` }))))
        : el('p', { class: 'muted', id: 'pq-history', text: 'Not rated yet.' })),
    el('section', { class: 'card aside-card', 'aria-labelledby': 'pq-stories-title' },
      el('h3', { id: 'pq-stories-title', text: 'Your STAR stories' }),
      (pq.stories || []).length
        ? el('ul', { class: 'story-links' }, pq.stories.map((s) => el('li', {},
          el('a', { href: `#/practice/${encodeURIComponent(`stories?story=${s.id}`)}`, text: s.title }))))
        : el('p', { class: 'muted' }, 'None linked. ',
          el('a', { href: '#/practice/stories', text: 'Write or link one in the story bank' }), '.')));
}

function capital(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : '';
}

/* ---------- the session ---------- */

function runSession(host, ctx, role, signal, firstStep, scope) {
  clear(host);
  const sessionId = firstStep.session_id;
  let step = firstStep;
  let current = null;
  let busy = false;
  let ended = false;
  const startedAt = Date.now();

  const status = liveStatus('practice-status', 'practice-status');
  const progressText = el('span', { class: 'session-progress', id: 'session-progress' });
  const undoButton = el('button', { type: 'button', class: 'btn small', id: 'practice-undo', 'aria-keyshortcuts': 'U', disabled: true, onclick: () => undo() },
    'Undo last rating ', el('kbd', { 'aria-hidden': 'true', text: 'U' }));
  const endButton = el('button', { type: 'button', class: 'btn small', id: 'practice-end', 'aria-keyshortcuts': 'Escape', onclick: () => end() },
    'End session ', el('kbd', { 'aria-hidden': 'true', text: 'Esc' }));
  const bar = el('div', { class: 'session-bar' },
    progressText,
    el('span', { class: 'session-scope muted', text: scopeText(scope, role) }),
    el('span', { class: 'session-actions' }, undoButton, endButton));
  const slot = el('div', { class: 'session-layout', id: 'session-layout' });
  const session = el('div', { class: 'practice-session', id: 'practice-session', dataset: { session: String(sessionId) } }, bar, status, slot);
  host.append(session);

  let rated = 0;
  function show(s, focus = true) {
    step = s;
    clear(slot);
    slot.classList.remove('is-comparing');
    const pq = s.question;
    const position = `Question ${Math.min(s.done + 1, s.total)} of ${s.total}`;
    progressText.textContent = `${s.done} of ${s.total} done`;
    current = questionCard(pq, ctx, role, signal, { onRate: rate, position });
    slot.append(current.node, questionAside(pq, ctx));
    if (focus) current.heading.focus({ preventScroll: true });
    host.closest('.main, #main')?.scrollTo?.({ top: 0 });
  }

  async function rate(value) {
    if (busy || ended || !current || !current.isRevealed()) return;
    busy = true;
    const pq = step.question;
    try {
      const res = await api.rateQuestion(sessionId, role.id, pq.question_id, value, current.seconds());
      rated += 1;
      undoButton.disabled = false;
      const c = res.card;
      status.textContent = `Rated ${ratingLabel(value)}. Next review ${dueText(c.effective_due)}${c.deadline ? `, final review before ${formatDay(c.deadline, false)}` : ''}.`;
      status.dataset.rating = String(value);
      if (!res.step.question) {
        await end(true);
        return;
      }
      show(res.step);
    } catch (err) {
      toast(`Could not save the rating: ${err.message}`, 'error');
    } finally {
      busy = false;
    }
  }

  async function undo() {
    if (busy || ended) return;
    busy = true;
    try {
      const res = await api.undoRating(sessionId);
      rated = Math.max(0, rated - 1);
      status.textContent = `Undid the rating ${ratingLabel(res.undone.rating)}: the question is back.`;
      undoButton.disabled = rated === 0;
      show(res.step);
    } catch (err) {
      if (err.kind === 'not_found') {
        status.textContent = 'Nothing to undo in this session.';
        undoButton.disabled = true;
      } else {
        toast(`Could not undo: ${err.message}`, 'error');
      }
    } finally {
      busy = false;
    }
  }

  async function end(finished = false) {
    if (ended) return;
    ended = true;
    try {
      const summary = await api.endPractice(sessionId);
      document.removeEventListener('keydown', onKey);
      showSummary(host, ctx, role, signal, summary, finished, Date.now() - startedAt);
    } catch (err) {
      ended = false;
      toast(`Could not end the session: ${err.message}`, 'error');
    }
  }

  const onKey = (ev) => {
    if (signal.aborted || ended) { document.removeEventListener('keydown', onKey); return; }
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || searchOpen()) return;
    const t = ev.target;
    const typing = inTextField(t);
    if (ev.key === 'Escape') {
      ev.preventDefault();
      if (typing) { t.blur(); current?.heading.focus({ preventScroll: true }); return; }
      end();
      return;
    }
    if (typing) return;
    if (ev.key === ' ' || ev.code === 'Space') {
      if (t instanceof HTMLElement && t.closest('button, a, summary, [role=button]')) return; // Space presses it
      if (current && !current.isRevealed()) { ev.preventDefault(); current.reveal(); }
      return;
    }
    if (/^[1-4]$/.test(ev.key)) {
      if (current && current.isRevealed()) { ev.preventDefault(); rate(Number(ev.key)); }
      return;
    }
    if (ev.key === 'u' || ev.key === 'U') {
      ev.preventDefault();
      undo();
    }
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => {
    document.removeEventListener('keydown', onKey);
    // Leaving the screen ends the session too (its ratings are already saved).
    if (!ended) { ended = true; api.endPractice(sessionId).catch(() => {}); }
  });

  show(firstStep);
}

function scopeText(scope, role) {
  const s = SCOPES.find((x) => x.kind === scope.kind);
  if (scope.kind === 'round') return `${s.label}: ${role.rounds.find((r) => r.id === scope.value)?.name || scope.value}`;
  if (scope.kind === 'focus') return `${s.label}: ${role.focus_areas.find((a) => a.id === scope.value)?.name || scope.value}`;
  return s ? s.label : scope.kind;
}

function showSummary(host, ctx, role, signal, summary, finished) {
  clear(host);
  const r = summary.ratings || {};
  const heading = el('h2', { id: 'summary-title', tabindex: '-1', text: finished ? 'Session complete' : 'Session ended' });
  const box = el('section', { class: 'card session-summary', id: 'session-summary', 'aria-labelledby': 'summary-title' },
    heading,
    el('p', { class: 'summary-line', role: 'status', 'aria-live': 'polite' },
      `${summary.questions} question${summary.questions === 1 ? '' : 's'} practised in ${duration(summary.seconds)}.`),
    el('dl', { class: 'summary-ratings', id: 'summary-ratings' },
      RATINGS.map((x) => el('div', { class: `summary-rating rating-${x.key}`, dataset: { rating: x.key } },
        el('dt', { text: x.label }),
        el('dd', { text: String(r[x.key] ?? 0) })))),
    el('p', { class: 'summary-next', id: 'summary-next' }, nextDueText(summary.next_due)),
    finished ? el('p', { class: 'muted', text: 'You went through every question in this choice.' }) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn primary', id: 'practice-again', text: 'Practise again', onclick: () => setupView(host, ctx, role, signal) }),
      el('a', { class: 'btn', href: '#/progress', text: 'See progress' })));
  host.append(box);
  heading.focus({ preventScroll: true });
}

/** "2 still due today · 4 due tomorrow", or when the next ones come. */
function nextDueText(next) {
  if (!next) return '';
  const parts = [];
  if (next.today) parts.push(`${next.today} still due today`);
  if (next.tomorrow) parts.push(`${next.tomorrow} due tomorrow`);
  if (parts.length) return `Next: ${parts.join(' · ')}.`;
  if (next.later) return `Next: ${next.later[1]} due on ${formatDate(next.later[0], 'short')}.`;
  return 'Nothing is scheduled yet: questions come due once you rate them.';
}

/* ---------- one question opened directly (e.g. from the planner) ---------- */

async function singleQuestion(host, ctx, role, signal, questionId) {
  // A session of one question, so it can be rated and counts as practice (the planner opens these).
  const scope = { kind: 'question', value: questionId };
  try {
    const step = await api.startPractice(role.id, scope);
    if (signal.aborted) return;
    runSession(host, ctx, role, signal, step, scope);
  } catch (err) {
    host.append(errorNote(err, 'This question could not be opened'),
      el('div', { class: 'actions' }, el('a', { class: 'btn', href: '#/practice', text: 'Start a practice session' })));
  }
}
