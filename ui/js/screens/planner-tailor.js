// Tailoring an interview process to its job posting: paste the text (or load / drop a .txt or
// .html file), and see side by side the posting with its matched words highlighted and what it
// raises in the plan: focus areas, skills, questions (each with the words that raised it), and
// what it asks for that no question covers, which can become questions of your own.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { loadPlan } from './planner-common.js';

const MARK_TEXT = { skill: 'a skill of the role', word: 'matched a question or focus area', gap: 'not covered by any question' };
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The "Tailor to a job posting" button and its panel, for one process card. */
export function tailorSection(p, role) {
  const slot = el('div', { class: 'tailor-slot' });
  if (!role) return slot;
  const button = el('button', {
    type: 'button', class: 'btn pe-tailor', text: 'Tailor to the job posting…', 'aria-expanded': 'false',
    dataset: { process: String(p.id) },
    onclick: async () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      if (open) { clear(panelHost); return; }
      await renderTailoring(panelHost, p, role);
    },
  });
  const panelHost = el('div');
  slot.append(el('div', { class: 'actions' }, button), panelHost);
  return slot;
}

let stopDrops = () => {};

export async function renderTailoring(host, p, role) {
  let view;
  try {
    view = await api.getTailoring(p.id);
  } catch (err) {
    clear(host).append(el('p', { class: 'notice notice-error', role: 'alert', text: err.message }));
    return;
  }
  const panel = el('section', { class: 'tailor-panel', id: 'tailor-panel', 'aria-labelledby': 'tailor-title', dataset: { process: String(p.id) } });
  clear(host).append(panel);
  const draw = (v, editing) => {
    clear(panel).append(el('h3', { id: 'tailor-title', tabindex: '-1', text: `Job posting · ${v.company}` }));
    if (!v.posting || editing) editor(panel, v, role, draw);
    else result(panel, v, role, draw);
  };
  draw(view, false);
  stopDrops();
  stopDrops = api.onFilesDropped(async (paths) => {
    const path = paths.find((x) => /\.(txt|html?)$/i.test(x));
    const live = document.getElementById('tailor-panel');
    if (!path || !live) return;
    const v = await api.getTailoring(Number(live.dataset.process));
    draw(v, true);
    await loadFile(live, path);
  });
}

async function loadFile(panel, path) {
  const area = panel.querySelector('#tailor-text');
  const status = panel.querySelector('#tailor-status');
  try {
    area.value = await api.readPostingFile(path);
    area.dataset.source = path.split(/[\\/]/).pop();
    status.className = 'field-status ok';
    status.textContent = `Loaded ${area.dataset.source}. Check the text, then match it.`;
    area.focus();
  } catch (err) {
    status.className = 'field-status error';
    status.textContent = err.message;
  }
}

function editor(panel, v, role, draw) {
  const area = el('textarea', { id: 'tailor-text', rows: 10, 'aria-describedby': 'tailor-hint', spellcheck: 'false' });
  area.value = v.posting?.text || '';
  area.dataset.source = v.posting?.source || '';
  area.addEventListener('input', () => { area.dataset.source = ''; });
  const status = el('p', { class: 'field-status', id: 'tailor-status', role: 'status', 'aria-live': 'polite' });
  const pathInput = el('input', { type: 'text', id: 'tailor-path', 'aria-label': 'Path of a posting file', spellcheck: 'false', autocomplete: 'off', placeholder: '/home/me/Downloads/posting.html' });
  const save = el('button', {
    type: 'submit', class: 'btn primary', id: 'tailor-save', text: 'Match it against the role',
  });
  const form = el('form', {
    class: 'tailor-editor', novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      save.disabled = true;
      try {
        const next = await api.savePosting(v.process_id, area.value, area.dataset.source || '');
        await loadPlan();
        const raised = next.tailoring ? next.tailoring.questions.filter((q) => q.raised).length : 0;
        toast(`Posting saved: ${plural(raised, 'question')} raised in the plan`);
        draw(next, false);
        document.getElementById('tailor-title')?.focus();
      } catch (err) {
        status.className = 'field-status error';
        status.textContent = err.message;
        save.disabled = false;
        area.focus();
      }
    },
  },
  el('label', { for: 'tailor-text', class: 'toolbar-label', text: 'The posting\'s text' }),
  el('span', { class: 'field-hint', id: 'tailor-hint', text: `Paste it, or load or drop a .txt or .html file. It is matched against the ${role.title} hub on this machine; nothing leaves it.` }),
  area,
  el('div', { class: 'actions' },
    save,
    el('button', {
      type: 'button', class: 'btn', id: 'tailor-file', text: 'Load a file…',
      onclick: async () => {
        try {
          const path = await api.choosePostingFile();
          if (path) await loadFile(panel, path);
        } catch (err) { status.className = 'field-status error'; status.textContent = err.message; }
      },
    }),
    v.posting ? el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: () => draw(v, false) }) : null),
  el('details', { class: 'path-import' },
    el('summary', { text: 'Load from a path' }),
    el('div', { class: 'path-form' }, pathInput,
      el('button', {
        type: 'button', class: 'btn', id: 'tailor-path-go', text: 'Load',
        onclick: async () => { if (pathInput.value.trim()) await loadFile(panel, pathInput.value.trim()); },
      }))),
  status);
  panel.append(form);
  requestAnimationFrame(() => area.focus());
}

function wordsLine(words, label = 'Raised by') {
  return el('span', { class: 'tailor-words' }, `${label}: `, words.flatMap((w, i) => [i ? ', ' : '', el('q', { text: w })]));
}

function result(panel, v, role, draw) {
  const t = v.tailoring;
  const posting = el('div', { class: 'tailor-posting', id: 'tailor-posting', tabindex: '0', 'aria-label': 'The posting, with matched words marked' },
    t.segments.map((s) => (s.mark ? el('mark', { class: `mark-${s.mark}`, title: MARK_TEXT[s.mark], text: s.text }) : document.createTextNode(s.text))));
  const legend = el('p', { class: 'tailor-legend muted small' },
    el('mark', { class: 'mark-skill', text: 'skill' }), ' a skill of the hub · ',
    el('mark', { class: 'mark-word', text: 'word' }), ' raised questions or areas · ',
    el('mark', { class: 'mark-gap', text: 'gap' }), ' asked for, no question covers it');
  const raised = t.questions.filter((q) => q.raised);
  const also = t.questions.filter((q) => !q.raised);
  const areaName = new Map(role.focus_areas.map((a) => [a.id, a.name]));
  const matches = el('div', { class: 'tailor-matches', id: 'tailor-matches' },
    el('h4', { text: 'Focus areas it stresses' }),
    t.areas.length
      ? el('ul', { class: 'tailor-list', id: 'tailor-areas' }, t.areas.map((a) => el('li', { dataset: { area: a.id } },
        el('strong', { text: a.name }), el('span', { class: 'pill', text: `weight × ${a.boost.toFixed(2)}` }), wordsLine(a.words))))
      : el('p', { class: 'muted', text: 'None: the posting names none of the hub\'s focus areas or their questions.' }),
    el('h4', { text: 'Skills of the hub it names' }),
    t.skills.length
      ? el('ul', { class: 'chips', id: 'tailor-skills' }, t.skills.map((s) => el('li', { class: 'chip', title: `In ${plural(s.questions, 'question')}`, text: s.skill })))
      : el('p', { class: 'muted', text: 'None of the hub\'s skills by name.' }),
    el('h4', { text: `Raised in your plan (${raised.length})` }),
    raised.length
      ? el('ol', { class: 'tailor-list', id: 'tailor-raised' }, raised.map((q) => el('li', { dataset: { question: q.id } },
        el('span', { class: 'tailor-prompt', text: q.prompt }),
        el('span', { class: 'muted small', text: ` · ${areaName.get(q.focus_area) || q.focus_area}` }),
        wordsLine(q.words))))
      : el('p', { class: 'muted', text: 'No question matches closely enough to raise.' }),
    also.length ? el('details', {},
      el('summary', { text: `Also matching, not raised (${also.length})` }),
      el('ul', { class: 'tailor-list' }, also.map((q) => el('li', {}, el('span', { text: q.prompt }), wordsLine(q.words, 'Words'))))) : null,
    gapsBox(v, role));
  panel.append(
    el('p', { class: 'muted', text: `The plan treats the raised questions as priority items (cut last) and multiplies the weight of the stressed focus areas, by at most 1.5. ${v.posting.source ? `From ${v.posting.source}.` : 'Pasted text.'}` }),
    el('div', { class: 'tailor-grid' }, el('div', {}, legend, posting), matches),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn', id: 'tailor-edit', text: 'Edit the posting', onclick: () => draw(v, true) }),
      el('button', {
        type: 'button', class: 'btn danger', id: 'tailor-remove', text: 'Remove the posting',
        onclick: async () => {
          try {
            await api.deletePosting(v.process_id);
            await loadPlan();
            toast('The posting was removed; the plan no longer raises its matches.');
            draw(await api.getTailoring(v.process_id), false);
          } catch (err) { toast(err.message, 'error'); }
        },
      })));
}

function gapsBox(v, role) {
  const gaps = v.tailoring.gaps;
  const box = el('div', { class: 'tailor-gaps', id: 'tailor-gaps' }, el('h4', { text: `Asked for, not covered (${gaps.length})` }));
  if (!gaps.length) {
    box.append(el('p', { class: 'muted', text: 'Every skill and technology the posting names appears in the hub\'s questions.' }));
    return box;
  }
  box.append(el('p', { class: 'muted small', text: 'Tick the ones to practise: each becomes a question of your own, which you can edit in Practice → My questions.' }));
  const rows = gaps.map((g, i) => {
    const tick = el('input', { type: 'checkbox', id: `tailor-gap-${i}`, class: 'tailor-gap-tick' });
    const prompt = el('input', { type: 'text', id: `tailor-gap-${i}-prompt`, class: 'tailor-gap-prompt', 'aria-label': `Question about ${g.term}`, maxlength: 1000 });
    prompt.value = `How have you used ${g.term}, and what would you do differently?`;
    const area = el('select', { id: `tailor-gap-${i}-area`, 'aria-label': `Focus area of the question about ${g.term}` },
      role.focus_areas.map((a) => el('option', { value: a.id, text: a.name })));
    return { g, tick, prompt, area, node: el('li', { class: 'tailor-gap' },
      el('label', { for: `tailor-gap-${i}`, class: 'check-line' }, tick, ' ', el('strong', { text: g.term })),
      el('span', { class: 'muted small tailor-context', text: `“${g.context}”` }),
      el('div', { class: 'tailor-gap-fields' }, prompt, area)) };
  });
  const status = el('p', { class: 'field-status', role: 'status', 'aria-live': 'polite' });
  const add = el('button', {
    type: 'button', class: 'btn', id: 'tailor-add-gaps', text: 'Add the ticked ones as my questions',
    onclick: async () => {
      const chosen = rows.filter((r) => r.tick.checked);
      if (!chosen.length) { status.className = 'field-status error'; status.textContent = 'Tick at least one.'; return; }
      add.disabled = true;
      try {
        const ids = await api.addGapQuestions(v.process_id, chosen.map((r) => ({ prompt: r.prompt.value, focus_area: r.area.value, term: r.g.term })));
        status.className = 'field-status ok';
        status.textContent = `Added ${plural(ids.length, 'question')} to your questions for ${role.title}.`;
        for (const r of chosen) { r.tick.checked = false; r.tick.disabled = true; }
        await loadPlan();
      } catch (err) {
        status.className = 'field-status error';
        status.textContent = err.message;
      } finally { add.disabled = false; }
    },
  });
  box.append(el('ul', { class: 'tailor-gap-list' }, rows.map((r) => r.node)), el('div', { class: 'actions' }, add), status);
  return box;
}
