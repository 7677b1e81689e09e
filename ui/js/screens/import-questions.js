// Importing questions from a file: CSV / TSV tables, Anki packages (.apkg) and Anki's
// "Notes in Plain Text" export. Three steps on one card: the file is previewed, the user maps
// its columns (or decks and tags) to the role, every change is checked by the backend (every
// problem listed with its row or note), and only a clean check can be imported.
// Used on the Packs screen and in Practice → My questions.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';

const FIELDS = [
  ['prompt', 'Question'],
  ['answer', 'Answer'],
  ['example', 'Example'],
  ['round', 'Round'],
  ['focus_area', 'Focus area'],
  ['tags', 'Tags / skills'],
  ['difficulty', 'Difficulty'],
  ['follow_ups', 'Follow-ups'],
  ['minutes', 'Minutes'],
];
const QUESTION_FILE = /\.(csv|tsv|tab|txt|apkg|colpkg)$/i;

/** Whether a dropped file is one this importer reads. */
export function isQuestionFile(path) {
  return QUESTION_FILE.test(path);
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The import card. `roleId` preselects a role; `lockRole` keeps it (own questions of one role);
 * `onDone(report)` runs after a successful import.
 */
export function questionImportCard(ctx, { roleId = null, lockRole = false, onDone = null, startPath = null } = {}) {
  const body = el('div', { class: 'qimport-body', id: 'qimport-body', 'aria-live': 'polite' });
  const pathInput = el('input', {
    type: 'text', id: 'qimport-path', placeholder: '/home/me/Downloads/questions.csv',
    'aria-label': 'Path of a question file', spellcheck: 'false', autocomplete: 'off',
  });
  const card = el('section', { class: 'card qimport-card', id: 'qimport-card', 'aria-labelledby': 'qimport-title' },
    el('h2', { id: 'qimport-title', text: 'Import questions' }),
    el('p', { class: 'muted', text: 'A spreadsheet saved as CSV or TSV (UTF-8), an Anki deck (.apkg) or Anki\'s "Notes in Plain Text" export. You see every question and every problem before anything is stored.' }),
    el('div', { class: 'actions' },
      el('button', {
        class: 'btn primary', type: 'button', id: 'qimport-choose', text: 'Choose a question file…',
        onclick: async () => {
          try {
            const path = await api.chooseQuestionFile();
            if (path) await open(path);
          } catch (err) { showFailure(body, err); }
        },
      }),
      el('span', { class: 'muted drop-hint', text: 'or drop a .csv, .tsv, .txt or .apkg file on the window' })),
    el('details', { class: 'path-import' },
      el('summary', { text: 'Import from a path' }),
      el('form', {
        class: 'path-form',
        onsubmit: async (ev) => {
          ev.preventDefault();
          const path = pathInput.value.trim();
          if (!path) { pathInput.focus(); return; }
          await open(path);
        },
      }, pathInput, el('button', { class: 'btn', type: 'submit', id: 'qimport-path-go', text: 'Read the file' }))),
    body);

  async function open(path) {
    clear(body).append(el('p', { class: 'muted', text: `Reading ${path}…` }));
    let preview;
    let roles;
    try {
      [preview, roles] = await Promise.all([api.previewQuestionFile(path), api.listRoles()]);
    } catch (err) {
      showFailure(body, err, path);
      return;
    }
    if (!roles.length) {
      clear(body).append(el('p', { class: 'notice notice-error', role: 'alert', text: 'No role is installed to import questions into. Import a pack first.' }));
      return;
    }
    const start = roles.find((r) => r.id === roleId) || roles.find((r) => r.id === ctx.settings?.active_role) || roles[0];
    await mappingForm(body, ctx, { path, preview, roles, roleId: start.id, lockRole, onDone });
  }

  card.openPath = open;
  if (startPath) open(startPath);
  return card;
}

function showFailure(host, err, path) {
  const problems = err.problems || [];
  clear(host).append(el('div', { class: 'notice notice-error', id: 'qimport-errors', role: 'alert' },
    el('p', { class: 'notice-title', text: `Not imported${path ? `: ${path}` : ''}. Nothing was changed.` }),
    problems.length
      ? el('ol', { class: 'problem-list' }, problems.map((p) => el('li', {},
        el('code', { class: 'problem-path', text: p.path }), ' ', el('span', { text: p.message }))))
      : el('p', { text: err.message })));
}

function select(id, label, options, value) {
  const s = el('select', { id }, options.map(([v, t]) => el('option', { value: v, selected: v === value, text: t })));
  return { node: el('div', { class: 'form-field' }, el('label', { for: id, class: 'toolbar-label', text: label }), s), input: s };
}

async function mappingForm(host, ctx, { path, preview, roles, roleId, lockRole, onDone }) {
  let role = await api.getRole(roleId);
  const state = { token: 0, request: null };
  const check = el('div', { class: 'qimport-check', id: 'qimport-check', role: 'status', 'aria-live': 'polite' });
  const importBtn = el('button', { type: 'button', class: 'btn primary', id: 'qimport-go', text: 'Import', disabled: true });
  const result = el('div', { id: 'qimport-result-slot' });

  // Where the questions go.
  const roleSel = select('qimport-role', 'Role', roles.map((r) => [r.id, `${r.title} · ${r.level}`]), roleId);
  roleSel.input.disabled = lockRole;
  const personal = el('input', { type: 'radio', name: 'qimport-target', id: 'qimport-target-personal', value: 'personal', checked: true });
  const newPack = el('input', { type: 'radio', name: 'qimport-target', id: 'qimport-target-pack', value: 'new_pack' });
  const packName = el('input', { type: 'text', id: 'qimport-pack-name', disabled: true, placeholder: 'e.g. Questions from Sam', 'aria-label': 'Name of the new pack', maxlength: 80 });
  const target = el('fieldset', { class: 'qimport-target' },
    el('legend', { text: 'Add them to' }),
    el('label', { class: 'radio-line' }, personal, ' My questions for this role'),
    el('label', { class: 'radio-line' }, newPack, ' A new pack named ', packName));

  const areaSlot = el('div', { class: 'form-grid form-grid-2' });
  let areaSel;
  let roundSel;
  function drawRoleChoices() {
    areaSel = select('qimport-area', 'Focus area when the file gives none', role.focus_areas.map((a) => [a.id, a.name]), role.focus_areas[0]?.id);
    roundSel = select('qimport-round', 'Round when the file gives none',
      [['', 'The first round that tests the focus area'], ...role.rounds.map((r, i) => [r.id, `${i + 1}. ${r.name}`])], '');
    clear(areaSlot).append(areaSel.node, roundSel.node);
  }
  drawRoleChoices();

  const specific = el('div', { class: 'qimport-specific' });
  const readers = preview.kind === 'table' ? tableChoices(specific, preview) : ankiChoices(specific, preview, () => role);

  function request() {
    const req = {
      path,
      role_id: roleSel.input.value,
      target: newPack.checked ? { kind: 'new_pack', title: packName.value } : { kind: 'personal' },
      focus_area: areaSel.input.value,
      round: roundSel.input.value || null,
    };
    return Object.assign(req, readers.read());
  }

  async function recheck() {
    const token = ++state.token;
    importBtn.disabled = true;
    clear(result);
    const req = request();
    let report;
    try {
      report = await api.checkQuestionImport(req);
    } catch (err) {
      if (token !== state.token) return;
      showFailure(check, err, path);
      return;
    }
    if (token !== state.token) return;
    state.request = req;
    drawCheck(check, report, role);
    importBtn.disabled = report.problems.length > 0 || report.questions === 0;
    importBtn.textContent = report.questions ? `Import ${plural(report.questions, 'question')}` : 'Import';
  }

  roleSel.input.addEventListener('change', async () => {
    role = await api.getRole(roleSel.input.value);
    drawRoleChoices();
    readers.roleChanged?.();
    recheck();
  });
  for (const r of [personal, newPack]) {
    r.addEventListener('change', () => { packName.disabled = !newPack.checked; if (newPack.checked) packName.focus(); recheck(); });
  }
  packName.addEventListener('change', recheck);
  const form = el('form', { class: 'qimport-form', id: 'qimport-form', novalidate: true, onsubmit: (ev) => ev.preventDefault() },
    el('p', { class: 'qimport-file', text: describe(preview, path) }),
    el('div', { class: 'form-grid form-grid-2' }, roleSel.node),
    target, areaSlot, specific, check,
    el('div', { class: 'actions' }, importBtn,
      el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: () => clear(host) })),
    result);
  form.addEventListener('change', (ev) => {
    if (ev.target === roleSel.input || ev.target === personal || ev.target === newPack || ev.target === packName) return;
    recheck();
  });
  importBtn.addEventListener('click', async () => {
    if (!state.request) return;
    importBtn.disabled = true;
    try {
      const report = await api.importQuestions(state.request);
      const where = report.pack_id ? `the new pack "${report.role_title}"` : `your questions for ${report.role_title}`;
      clear(result).append(el('div', { class: 'notice notice-ok', id: 'qimport-result', role: 'status' },
        el('p', { text: `Imported ${plural(report.questions, 'question')} into ${where}${report.reviews ? `, with ${plural(report.reviews, 'review')} of history` : ''}.${report.skipped ? ` ${plural(report.skipped, 'question')} already there ${report.skipped === 1 ? 'was' : 'were'} left out.` : ''}` }),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'btn', text: 'Practise them', onclick: () => ctx.navigate('practice', `mine?role=${report.role_id}`) }))));
      toast(`Imported ${plural(report.questions, 'question')}`);
      if (onDone) await onDone(report);
    } catch (err) {
      showFailure(result, err, path);
      importBtn.disabled = false;
    }
  });
  clear(host).append(form);
  await recheck();
  roleSel.input.disabled ? areaSel.input.focus() : roleSel.input.focus();
}

function describe(preview, path) {
  const name = path.split(/[\\/]/).pop();
  if (preview.kind === 'table') {
    return `${name}: ${plural(preview.rows, 'row')} in ${plural(preview.columns.length, 'column')}, separated by ${preview.delimiter === 'tab' ? 'tabs' : `${preview.delimiter}s`}.`;
  }
  return `${name}: Anki (${preview.format}), ${plural(preview.notes, 'note')} in ${plural(preview.decks.length, 'deck')}${preview.reviews ? `, ${plural(preview.reviews, 'review')} of history` : ''}.`;
}

/* ---------- tables ---------- */

function tableChoices(host, preview) {
  const header = el('input', { type: 'checkbox', id: 'qimport-header', checked: preview.has_header });
  const format = select('qimport-format', 'The cells are written in', [['markdown', 'Markdown'], ['plain', 'Plain text']], 'markdown');
  const colName = (c) => `${c.letter}${c.header ? ` · ${c.header}` : ''}`;
  const mapping = FIELDS.map(([field, label]) => {
    const s = select(`qimport-col-${field}`, label,
      [['', field === 'prompt' ? 'Choose a column' : 'Not in the file'], ...preview.columns.map((c) => [String(c.index), colName(c)])],
      preview.guessed[field] === undefined ? '' : String(preview.guessed[field]));
    return [field, s];
  });
  const rows = el('table', { class: 'qimport-rows', id: 'qimport-rows' },
    el('caption', { text: `The first ${plural(preview.first_rows.length, 'row')}` }),
    el('thead', {}, el('tr', {}, preview.columns.map((c) => el('th', { scope: 'col', text: colName(c) })))),
    el('tbody', {}, preview.first_rows.map((r) => el('tr', {}, preview.columns.map((c) => el('td', { text: r[c.index] ?? '' }))))));
  host.append(
    el('div', { class: 'form-grid form-grid-2' },
      el('label', { class: 'check-line' }, header, ' The first row names the columns'),
      format.node),
    el('fieldset', { class: 'qimport-columns' },
      el('legend', { text: 'Which column holds what' }),
      el('div', { class: 'form-grid qimport-grid' }, mapping.map(([, s]) => s.node))),
    el('div', { class: 'table-scroll', tabindex: '0', 'aria-label': 'The first rows of the file' }, rows));
  return {
    read() {
      const columns = {};
      for (const [field, s] of mapping) if (s.input.value !== '') columns[field] = Number(s.input.value);
      return { has_header: header.checked, columns, format: format.input.value };
    },
  };
}

/* ---------- Anki ---------- */

function ankiChoices(host, preview, currentRole) {
  const reviews = el('input', { type: 'checkbox', id: 'qimport-reviews', checked: preview.reviews > 0, disabled: preview.reviews === 0 });
  const deckRows = el('tbody');
  const tagRows = el('tbody');
  function areaOptions(extra) {
    return [...extra, ...currentRole().focus_areas.map((a) => [`area:${a.id}`, a.name])];
  }
  function draw() {
    clear(deckRows).append(...preview.decks.map((d, i) => {
      const s = select(`qimport-deck-${i}`, d.name, areaOptions([['', 'The focus area above'], ['tag', 'Keep its name as a skill']]), '');
      s.input.dataset.deck = d.name;
      s.node.querySelector('label').classList.add('sr-only');
      return el('tr', {}, el('th', { scope: 'row', text: d.name }), el('td', { text: String(d.notes) }), el('td', {}, s.node));
    }));
    clear(tagRows).append(...preview.tags.map((t, i) => {
      const s = select(`qimport-tag-${i}`, t.name, areaOptions([['tag', 'Keep as a skill'], ['ignore', 'Leave out']]), 'tag');
      s.input.dataset.tag = t.name;
      s.node.querySelector('label').classList.add('sr-only');
      return el('tr', {}, el('th', { scope: 'row', text: t.name }), el('td', { text: String(t.notes) }), el('td', {}, s.node));
    }));
  }
  draw();
  const rule = (v) => (v.startsWith('area:') ? { area: v.slice(5) } : v);
  host.append(
    el('div', { class: 'qimport-anki-grid' },
      el('div', { class: 'table-scroll' }, el('table', { class: 'qimport-map', id: 'qimport-decks' },
        el('caption', { text: 'Decks' }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Deck' }), el('th', { scope: 'col', text: 'Notes' }), el('th', { scope: 'col', text: 'Becomes' }))),
        deckRows)),
      preview.tags.length ? el('div', { class: 'table-scroll' }, el('table', { class: 'qimport-map', id: 'qimport-tags' },
        el('caption', { text: 'Tags' }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Tag' }), el('th', { scope: 'col', text: 'Notes' }), el('th', { scope: 'col', text: 'Becomes' }))),
        tagRows)) : null),
    el('p', { class: 'muted', text: 'A note goes to the focus area of its first tag that names one, else of its deck. Its first field is the question, the other fields the answer; pictures and sounds are named, not copied.' }),
    el('label', { class: 'check-line' }, reviews,
      preview.reviews
        ? ` Bring the review history along (${plural(preview.reviews, 'review')} of ${plural(preview.reviewed_notes, 'note')}): what you know already is scheduled for review, not learned again`
        : ' This file has no review history'),
    el('ul', { class: 'qimport-notes' }, preview.first_notes.map((n) => el('li', {},
      el('span', { class: 'muted small', text: n.place }), el('strong', { text: n.prompt }), el('span', { class: 'muted', text: n.answer })))));
  return {
    roleChanged: draw,
    read() {
      const decks = {};
      for (const s of deckRows.querySelectorAll('select')) if (s.value) decks[s.dataset.deck] = rule(s.value);
      const tags = {};
      for (const s of tagRows.querySelectorAll('select')) tags[s.dataset.tag] = rule(s.value);
      return { decks, tags, with_reviews: reviews.checked };
    },
  };
}

/* ---------- the check ---------- */

function drawCheck(host, r, role) {
  clear(host);
  if (r.problems.length) {
    host.append(el('div', { class: 'notice notice-error', id: 'qimport-problems', role: 'alert' },
      el('p', { class: 'notice-title', text: `${plural(r.problems.length, 'problem')} to fix before anything is imported:` }),
      el('ol', { class: 'problem-list' }, r.problems.map((p) => el('li', {},
        el('code', { class: 'problem-path', text: p.path }), ' ', el('span', { text: p.message }))))));
  }
  if (r.questions) {
    host.append(el('div', { class: `notice ${r.problems.length ? '' : 'notice-ok'}`, id: 'qimport-summary' },
      el('p', { text: `${plural(r.questions, 'question')} ready for ${role.title}${r.reviews ? `, with ${plural(r.reviews, 'review')} of history` : ''}: ${r.by_focus_area.map(([a, n]) => `${a} ${n}`).join(', ')}.` }),
      el('ul', { class: 'qimport-sample' }, r.sample.map((q) => el('li', {},
        el('span', { class: 'muted small', text: q.place }),
        el('span', { class: 'qimport-q', text: q.prompt }),
        el('span', { class: 'pill', text: q.round }),
        el('span', { class: 'pill', text: q.focus_area }),
        q.reviews ? el('span', { class: 'pill', text: plural(q.reviews, 'review') }) : null)))));
  }
  if (r.skipped.length) {
    host.append(el('details', { class: 'qimport-skipped', id: 'qimport-skipped' },
      el('summary', { text: `${plural(r.skipped.length, 'question')} left out: already there` }),
      el('ul', {}, r.skipped.map((s) => el('li', { text: `${s.place}: ${s.reason}` })))));
  }
}

/* ---------- dropped files ---------- */

let listening = false;

/** Question files dropped anywhere open the import on the Packs screen (unless a job-posting
 * panel is open and takes text files). */
export function listenForQuestionDrops(ctx) {
  if (listening) return;
  listening = true;
  api.onFilesDropped(async (paths) => {
    const path = paths.find(isQuestionFile);
    if (!path) return;
    if (document.getElementById('tailor-panel') && /\.(txt|html?)$/i.test(path)) return;
    const own = document.getElementById('qimport-card');
    if (own) { own.openPath(path); own.scrollIntoView({ block: 'start' }); return; }
    ctx.navigate('packs', 'import');
    const card = await waitFor('#qimport-card');
    if (card) { card.openPath(path); card.scrollIntoView({ block: 'start' }); }
  });
}

/** The element once the screen that holds it has been drawn (a few frames at most). */
function waitFor(selector, frames = 600) {
  return new Promise((resolve) => {
    const look = (left) => {
      const found = document.querySelector(selector);
      if (found || left <= 0) resolve(found);
      else requestAnimationFrame(() => look(left - 1));
    };
    look(frames);
  });
}
