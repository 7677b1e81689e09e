// Mock rounds: pick a round, run its mock-flow segments one by one against a countdown
// (Pause / Resume / Skip), with a short tone and a flash at each segment's end; then score
// yourself 1-5 on each criterion the round assesses and save the result.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { prose } from './hub.js';
import { mmss, duration, formatInstant, liveStatus, nowRfc3339, minutesText } from './practice-common.js';

let lastRound = null;
let soundOn = true;

export async function renderMock(host, ctx, { role, signal }) {
  await chooseView(host, ctx, role, signal);
}

/* ---------- choosing a round ---------- */

async function chooseView(host, ctx, role, signal) {
  clear(host);
  let mocks = [];
  try {
    mocks = await api.listMocks(role.id);
  } catch (err) {
    toast(`Could not load earlier mocks: ${err.message}`, 'error');
  }
  if (signal.aborted) return;
  if (!role.rounds.length) {
    host.append(el('div', { class: 'card empty-state', role: 'note' },
      el('p', { class: 'empty-title', text: 'This role has no rounds' }),
      el('p', { text: 'Its pack describes no interview rounds, so there is nothing to rehearse.' })));
    return;
  }
  const flows = new Set((role.mock_flows || []).map((f) => f.round));
  const select = el('select', { id: 'mock-round' },
    role.rounds.map((r, i) => el('option', {
      value: r.id, selected: r.id === lastRound,
      text: `${i + 1}. ${r.name} (${r.minutes} min)${flows.has(r.id) ? '' : ' · no mock flow'}`,
    })));
  const status = liveStatus('mock-start-status', 'field-status');
  const start = el('button', { type: 'submit', class: 'btn primary', id: 'mock-start', text: 'Start the mock round' });
  const form = el('form', { class: 'card mock-setup', id: 'mock-setup', 'aria-labelledby': 'mock-setup-title' },
    el('h2', { id: 'mock-setup-title', text: 'Rehearse a round' }),
    el('p', { class: 'muted', text: 'Say your answers out loud, as in the real interview. Each segment has a countdown; a short tone and a flash mark its end.' }),
    el('div', { class: 'mock-setup-row' },
      el('div', { class: 'scope-value' }, el('label', { for: 'mock-round', class: 'toolbar-label', text: 'Round' }), select),
      el('label', { class: 'check-inline' },
        el('input', { type: 'checkbox', id: 'mock-sound', checked: soundOn, onchange: (ev) => { soundOn = ev.target.checked; } }),
        ' Tone at the end of each segment')),
    el('div', { class: 'actions' }, start),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    lastRound = select.value;
    start.disabled = true;
    try {
      const flow = await api.mockFlow(role.id, select.value);
      if (signal.aborted) return;
      if (!flow.segments || !flow.segments.length) {
        status.className = 'field-status error';
        status.textContent = 'This round has no mock flow in its pack: pick another round.';
        start.disabled = false;
        return;
      }
      runMock(host, ctx, role, signal, flow);
    } catch (err) {
      status.className = 'field-status error';
      status.textContent = err.message;
      start.disabled = false;
    }
  });
  host.append(form, mockHistory(mocks));
}

function mockHistory(mocks) {
  const box = el('section', { class: 'card', id: 'mock-history', 'aria-labelledby': 'mock-history-title' },
    el('h2', { id: 'mock-history-title', text: 'Earlier mock rounds' }));
  if (!mocks.length) {
    box.append(el('p', { class: 'muted', text: 'None yet. Your self-scores appear here and on the Progress screen.' }));
    return box;
  }
  box.append(el('table', { class: 'data-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Finished' }), el('th', { scope: 'col', text: 'Round' }),
      el('th', { scope: 'col', text: 'Time' }), el('th', { scope: 'col', text: 'Score' }))),
    el('tbody', {}, mocks.map((m) => el('tr', { dataset: { mock: String(m.id) } },
      el('td', { text: formatInstant(m.finished_at) }),
      el('td', {}, el('span', { text: m.round_name }),
        m.notes ? el('span', { class: 'mock-notes muted', text: ` · ${m.notes}` }) : null),
      el('td', { text: duration(m.seconds) }),
      el('td', { class: 'num', text: `${Number(m.score).toFixed(1)} / 5` }))))));
  return box;
}

/* ---------- a soft tone, made on the spot (no sound files) ---------- */

let audio = null;
function beep() {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
    const t = audio.currentTime;
    for (const [at, freq] of [[0, 660], [0.18, 880]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + at);
      gain.gain.exponentialRampToValueAtTime(0.12, t + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + at + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + at);
      osc.stop(t + at + 0.18);
    }
  } catch {
    // No audio device: the flash still marks the end.
  }
}

/* ---------- running the round ---------- */

function runMock(host, ctx, role, signal, flow) {
  clear(host);
  const segments = flow.segments;
  const startedAt = nowRfc3339();
  let index = 0;
  let remaining = segments[0].minutes * 60; // seconds left in the current segment
  let activeSeconds = 0; // time the countdown actually ran
  let paused = false;
  let last = Date.now();
  let finished = false;

  const countdown = el('p', { class: 'countdown', id: 'mock-countdown', role: 'timer', 'aria-live': 'off', 'aria-atomic': 'true' });
  const segName = el('h2', { class: 'segment-name', id: 'mock-segment-name', tabindex: '-1' });
  const segCount = el('p', { class: 'eyebrow', id: 'mock-segment-count' });
  const instructions = el('div', { class: 'segment-instructions' });
  const announce = liveStatus('mock-status', 'mock-status');
  const pauseButton = el('button', { type: 'button', class: 'btn', id: 'mock-pause', text: 'Pause', onclick: () => setPaused(!paused) });
  const skipButton = el('button', { type: 'button', class: 'btn', id: 'mock-skip', text: 'Skip segment', onclick: () => next(true) });
  const stopButton = el('button', { type: 'button', class: 'btn danger', id: 'mock-finish', text: 'Finish now and score', onclick: () => finish() });
  const fill = el('span', { class: 'progress-fill' });
  const timerCard = el('div', { class: 'card mock-timer', id: 'mock-timer' },
    segCount, segName, countdown,
    el('span', { class: 'progress mock-progress', 'aria-hidden': 'true' }, fill),
    el('div', { class: 'actions' }, pauseButton, skipButton, stopButton),
    announce,
    instructions);

  const steps = el('ol', { class: 'mock-steps', id: 'mock-steps' },
    segments.map((s, i) => el('li', { class: 'mock-step', dataset: { index: String(i) } },
      el('span', { class: `swatch area-${i % 6}`, 'aria-hidden': 'true' }),
      el('span', { class: 'mock-step-name', text: s.name }),
      el('span', { class: 'mock-step-min', text: minutesText(s.minutes) }))));

  const side = el('aside', { class: 'mock-side', 'aria-label': 'This round' },
    el('section', { class: 'card' },
      el('h3', { text: 'Segments' }), steps),
    el('section', { class: 'card', id: 'mock-questions' },
      el('h3', { text: 'Questions of this round' }),
      (flow.questions || []).length
        ? el('ol', { class: 'mock-question-list' }, flow.questions.map((q) => el('li', { text: q.prompt })))
        : el('p', { class: 'muted', text: 'The pack has no questions for this round: answer the segment instructions.' })),
    (flow.round.assesses || []).length ? el('section', { class: 'card' },
      el('h3', { text: 'What they assess' }),
      el('ul', { class: 'mock-assess' }, flow.round.assesses.map((a) => el('li', { text: a })))) : null);

  const view = el('div', { class: 'mock-run', id: 'mock-run' },
    el('p', { class: 'mock-round-title' },
      el('strong', { text: `Mock: ${flow.round.name}` }),
      el('span', { class: 'muted', text: ` · ${segments.reduce((s, g) => s + g.minutes, 0)} min in ${segments.length} segment${segments.length === 1 ? '' : 's'}` })),
    el('div', { class: 'mock-layout' }, timerCard, side));
  host.append(view);

  function paint() {
    countdown.textContent = mmss(remaining);
    countdown.setAttribute('aria-label', `${mmss(remaining)} left in ${segments[index].name}`);
    const total = segments[index].minutes * 60 || 1;
    fill.style.width = `${Math.min(100, ((total - remaining) / total) * 100)}%`;
    timerCard.classList.toggle('paused', paused);
  }

  function showSegment(focus) {
    const s = segments[index];
    segCount.textContent = `Segment ${index + 1} of ${segments.length}`;
    segName.textContent = s.name;
    clear(instructions).append(prose(s.instructions_html));
    for (const li of steps.children) {
      const i = Number(li.dataset.index);
      li.classList.toggle('done', i < index);
      if (i === index) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    paint();
    if (focus) segName.focus({ preventScroll: true });
  }

  function flash() {
    timerCard.classList.remove('segment-end');
    void timerCard.offsetWidth;
    timerCard.classList.add('segment-end');
  }

  function next(skipped) {
    if (finished) return;
    const endedName = segments[index].name;
    if (!skipped) {
      if (soundOn) beep();
      flash();
    }
    if (index + 1 >= segments.length) {
      announce.textContent = `${endedName} ${skipped ? 'skipped' : 'is over'}. That was the last segment.`;
      finish();
      return;
    }
    index += 1;
    remaining = segments[index].minutes * 60;
    announce.textContent = `${endedName} ${skipped ? 'skipped' : 'is over'}. Now: ${segments[index].name}, ${segments[index].minutes} minutes.`;
    showSegment(false); // focus stays on the button pressed; the status line announces the change
  }

  function setPaused(p) {
    paused = p;
    last = Date.now();
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    announce.textContent = paused ? 'Paused.' : 'Running.';
    paint();
  }

  const tick = setInterval(() => {
    if (signal.aborted || finished) { clearInterval(tick); return; }
    const now = Date.now();
    const dt = (now - last) / 1000;
    last = now;
    if (paused) return;
    activeSeconds += dt;
    remaining -= dt;
    if (remaining <= 0) next(false);
    else paint();
  }, 250);
  signal.addEventListener('abort', () => clearInterval(tick));

  function finish() {
    if (finished) return;
    finished = true;
    clearInterval(tick);
    scoreView(host, ctx, role, signal, flow, { startedAt, seconds: Math.round(activeSeconds) });
  }

  showSegment(true);
}

/* ---------- self-scores ---------- */

function scoreView(host, ctx, role, signal, flow, run) {
  clear(host);
  const criteria = flow.round.assesses || [];
  const groups = criteria.map((c, i) => el('div', { class: 'score-row', role: 'radiogroup', 'aria-labelledby': `score-label-${i}`, dataset: { criterion: c } },
    el('p', { class: 'score-criterion', id: `score-label-${i}`, text: c }),
    el('div', { class: 'segmented score-scale' },
      [1, 2, 3, 4, 5].map((n) => el('label', { class: 'segment', title: SCALE[n] },
        el('input', { type: 'radio', name: `score-${i}`, value: String(n), id: `score-${i}-${n}`, 'aria-label': `${n}: ${SCALE[n]}` }),
        el('span', { 'aria-hidden': 'true', text: String(n) }))))));
  const notes = el('textarea', { id: 'mock-notes', rows: 4, placeholder: 'What went well, what to practise next' });
  const status = liveStatus('mock-save-status', 'field-status');
  const save = el('button', { type: 'submit', class: 'btn primary', id: 'mock-save', text: 'Save the scores' });
  const heading = el('h2', { id: 'mock-score-title', tabindex: '-1', text: `How did “${flow.round.name}” go?` });
  const form = el('form', { class: 'card mock-score', id: 'mock-score', 'aria-labelledby': 'mock-score-title' },
    heading,
    el('p', { class: 'muted', text: `You spent ${duration(run.seconds)} on it. Score yourself on each thing the round assesses: 1 = not shown, 3 = adequate, 5 = convincing.` }),
    criteria.length ? groups : el('p', { class: 'muted', text: 'The pack lists no criteria for this round; add notes and save.' }),
    el('label', { for: 'mock-notes', class: 'toolbar-label', text: 'Notes' }),
    notes,
    el('div', { class: 'actions' }, save,
      el('button', { type: 'button', class: 'btn', text: 'Discard', onclick: () => chooseView(host, ctx, role, signal) })),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const scores = {};
    const missing = [];
    criteria.forEach((c, i) => {
      const picked = form.querySelector(`input[name="score-${i}"]:checked`);
      if (picked) scores[c] = Number(picked.value);
      else missing.push(c);
    });
    if (missing.length) {
      status.className = 'field-status error';
      status.textContent = `Score every criterion first (${missing.length} left).`;
      form.querySelector(`.score-row[data-criterion="${CSS.escape(missing[0])}"] input`)?.focus();
      return;
    }
    save.disabled = true;
    try {
      const saved = await api.saveMock({
        role_id: role.id, round_id: flow.round.id, started_at: run.startedAt, seconds: run.seconds, scores, notes: notes.value.trim(),
      });
      if (signal.aborted) return;
      resultView(host, ctx, role, signal, flow, saved, scores);
    } catch (err) {
      status.className = 'field-status error';
      status.textContent = `Not saved: ${err.message}`;
      save.disabled = false;
    }
  });
  host.append(form);
  heading.focus({ preventScroll: true });
}

const SCALE = { 1: 'not shown', 2: 'weak', 3: 'adequate', 4: 'good', 5: 'convincing' };

function resultView(host, ctx, role, signal, flow, saved, scores) {
  clear(host);
  const heading = el('h2', { id: 'mock-result-title', tabindex: '-1', text: 'Mock round saved' });
  host.append(el('section', { class: 'card mock-result', id: 'mock-result', 'aria-labelledby': 'mock-result-title' },
    heading,
    el('p', { class: 'mock-score-big', role: 'status' },
      el('span', { id: 'mock-result-score', text: Number(saved.score).toFixed(1) }),
      el('span', { class: 'muted', text: ' / 5 average' })),
    el('p', { class: 'muted', text: flow.round.name }),
    Object.keys(scores).length ? el('table', { class: 'data-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Criterion' }), el('th', { scope: 'col', text: 'Score' }))),
      el('tbody', {}, Object.entries(scores).map(([c, n]) => el('tr', {}, el('td', { text: c }), el('td', { class: 'num', text: `${n} · ${SCALE[n]}` }))))) : null,
    el('div', { class: 'actions' },
      el('a', { class: 'btn primary', href: '#/progress', id: 'mock-to-progress', text: 'See it on Progress' }),
      el('button', { type: 'button', class: 'btn', text: 'Rehearse another round', onclick: () => chooseView(host, ctx, role, signal) }))));
  heading.focus({ preventScroll: true });
}

