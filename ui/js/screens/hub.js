// The role hub: everything one installed role offers, on one page.
//
// Security: only fields named `*_html` (sanitised in Rust) go in as HTML, and only through
// setSanitisedHtml. Every other string goes in with textContent (the `el` helper).
//
// The route parameter is the role id, optionally followed by `?open=<kind>:<item id>` (kind is
// question, round or faq): the search overlay uses it to open one item of the hub.

import * as api from '../api.js';
import { el, clear, setSanitisedHtml, toast } from '../dom.js';
import { formatSalaryRange, plural, withStyle } from './library.js';
import { resolveRole } from '../active-role.js';
import { minutesText, formatDate } from '../format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DIFFICULTY = { foundational: 1, intermediate: 2, advanced: 3 };

/** The route parameter that opens `kind:itemId` inside the hub of `roleId`. */
export function hubParam(roleId, kind, itemId) {
  return kind && itemId ? `${roleId}?open=${kind}:${itemId}` : roleId;
}

function parseParam(param) {
  if (!param) return { roleId: null, open: null };
  const at = param.indexOf('?');
  if (at < 0) return { roleId: param, open: null };
  const roleId = param.slice(0, at);
  const value = new URLSearchParams(param.slice(at + 1)).get('open') || '';
  const colon = value.indexOf(':');
  const open = colon > 0 ? { kind: value.slice(0, colon), id: value.slice(colon + 1) } : null;
  return { roleId, open };
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

/** A block of sanitised HTML (a `*_html` field). */
export function prose(sanitised, className = 'prose') {
  return setSanitisedHtml(el('div', { class: className }), sanitised || '');
}

/** Sanitised HTML for an inline spot (a label, a list item): a lone paragraph is unwrapped. */
export function inlineHtml(node, sanitised) {
  const box = setSanitisedHtml(document.createElement('div'), sanitised || '');
  const only = box.children.length === 1 && box.firstElementChild.tagName === 'P'
    && [...box.childNodes].every((n) => n === box.firstElementChild || !n.textContent.trim());
  const from = only ? box.firstElementChild : box;
  while (from.firstChild) node.append(from.firstChild);
  return node;
}

export function formatMinutes(total) {
  return minutesText(total);
}

/** A competency id from a pack ("incident-response") as words ("Incident response"). */
export function competencyName(id) {
  const words = String(id).replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : words;
}

/** A question's tags that do not repeat one of its skills ("communication" beside
 * "Communication" is said once, as the skill). */
export function extraTags(q) {
  const norm = (t) => String(t).toLowerCase().replace(/[-_\s]+/g, ' ').trim();
  const skills = new Set((q.skills || []).map(norm));
  // Shown as words: a tag written as an id ("system-overview") reads "system overview".
  return (q.tags || []).filter((t) => !skills.has(norm(t))).map((t) => String(t).replace(/[-_]+/g, ' '));
}

export function chips(items, className = 'chip') {
  return el('ul', { class: 'chips' }, items.map((t) => el('li', { class: className, text: t })));
}

export function label(text) {
  return el('p', { class: 'eyebrow', text });
}

/** Runs `fn` once the screen host is in the document (route() attaches it after render). */
function whenAttached(node, fn) {
  let tries = 0;
  const tick = () => {
    if (node.isConnected) fn();
    else if (tries++ < 300) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function scrollToNode(node, block = 'start') {
  node.scrollIntoView({ block, behavior: 'auto' });
}

function flash(node) {
  node.classList.remove('flash');
  void node.offsetWidth; // restart the animation
  node.classList.add('flash');
}

function messageScreen(title, text, ctx) {
  return el('section', { class: 'screen hub' },
    el('header', { class: 'page-header' }, el('h1', { text: 'Role hub' })),
    el('div', { class: 'card empty-state hub-empty', role: 'note' },
      el('p', { class: 'empty-title', text: title }),
      el('p', { text }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn primary', text: 'Open the Library', onclick: () => ctx.navigate('library') }))));
}

/* ---------- header ---------- */

function header(role, ctx) {
  const totalMinutes = role.rounds.reduce((s, r) => s + r.minutes, 0);
  const salary = formatSalaryRange(role.salary);
  const src = role.salary?.source;
  const sourceText = src
    ? `Source: ${src.title}${src.publisher ? `, ${src.publisher}` : ''}${src.year ? ` (${src.year})` : ''}`
    : null;
  // The seed's count is the core set; questions beyond it are counted apart.
  const core = role.questions.filter((q) => !q.extra).length;
  const extra = role.questions.length - core;
  const facts = el('dl', { class: 'hub-facts' },
    salary ? el('div', { class: 'fact fact-salary' },
      el('dt', { text: 'Salary range' }),
      el('dd', {},
        el('span', { class: 'fact-value salary', id: 'hub-salary', text: salary }),
        el('span', { class: 'fact-note', text: [role.salary.region, role.salary.year].filter(Boolean).join(' · ') }),
        sourceText ? el('span', { class: 'fact-source', id: 'hub-salary-source', text: sourceText }) : null,
        // Shown as text to copy, never opened by the app.
        src?.url ? el('span', { class: 'fact-source fact-url', id: 'hub-salary-url', text: src.url }) : null)) : null,
    el('div', { class: 'fact' },
      el('dt', { text: 'Questions' }),
      el('dd', {},
        el('span', { class: 'fact-value', id: 'hub-question-count', text: String(core) }),
        extra ? el('span', { class: 'fact-note', id: 'hub-extra-count', text: `+ ${extra} beyond the core` }) : null)),
    el('div', { class: 'fact' },
      el('dt', { text: 'Rounds' }),
      el('dd', {},
        el('span', { class: 'fact-value', id: 'hub-round-count', text: String(role.rounds.length) }),
        el('span', { class: 'fact-note', text: `${formatMinutes(totalMinutes)} of interviews` }))));

  return el('header', { class: 'hub-header' },
    el('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
      el('a', { href: '#/library', text: 'Library' }),
      el('span', { 'aria-hidden': 'true', text: ' / ' }),
      el('span', { text: role.field })),
    el('div', { class: 'hub-title-row' },
      el('div', { class: 'hub-title-block' },
        el('h1', { id: 'hub-title', text: role.title }),
        el('p', { class: 'hub-tags' },
          el('span', { class: 'pill level-pill', text: role.level }),
          el('span', { class: 'pill', text: role.field })),
        el('p', { class: 'lede', text: role.summary })),
      el('div', { class: 'hub-cta' },
        el('button', { type: 'button', class: 'btn primary', id: 'hub-plan', text: 'Plan my prep', onclick: () => ctx.navigate('planner', role.id) }),
        el('button', { type: 'button', class: 'btn', id: 'hub-practise', text: 'Practise', onclick: () => ctx.navigate('practice', role.id) }))),
    facts,
    el('p', { class: 'hub-pack', id: 'hub-pack' },
      'From the pack ', el('strong', { text: role.pack.title }), ` · version ${role.pack.version}`));
}

/* ---------- sections ---------- */

const NAV_LABEL = {
  overview: 'Overview', focus: 'What they test', process: 'Hiring process', questions: 'Questions',
  mock: 'Mock rounds', star: 'STAR stories', checklist: 'Checklist', faq: 'FAQ', related: 'Related roles',
};

function section(id, title, ...content) {
  return el('section', { class: 'hub-section', id: `hub-${id}`, 'aria-labelledby': `hub-${id}-title`, dataset: { section: id } },
    el('h2', { id: `hub-${id}-title`, tabindex: '-1', text: title }),
    content);
}

function donut(areas) {
  const total = areas.reduce((s, a) => s + a.weight, 0) || 1;
  const description = areas.map((a) => `${a.name} ${Math.round((a.weight / total) * 100)}%`).join(', ');
  const r = 15.9155; // circumference 100
  let start = 0;
  const gap = areas.length > 1 ? 0.6 : 0;
  const rings = areas.map((a, i) => {
    const pct = (a.weight / total) * 100;
    const arc = svg('circle', {
      class: `donut-seg area-${i % 6}`, cx: 21, cy: 21, r, fill: 'none', 'stroke-width': 5.5,
      'stroke-dasharray': `${Math.max(pct - gap, 0.1)} ${100 - Math.max(pct - gap, 0.1)}`,
      'stroke-dashoffset': 25 - start,
    });
    start += pct;
    return arc;
  });
  return svg('svg', { class: 'donut', viewBox: '0 0 42 42', role: 'img', 'aria-label': `Focus-area weights: ${description}` },
    svg('title', { text: `Focus-area weights: ${description}` }),
    svg('circle', { class: 'donut-track', cx: 21, cy: 21, r, fill: 'none', 'stroke-width': 5.5 }),
    rings,
    svg('text', { x: 21, y: 20.5, class: 'donut-number', 'text-anchor': 'middle', text: String(areas.length) }),
    svg('text', { x: 21, y: 26, class: 'donut-caption', 'text-anchor': 'middle', text: areas.length === 1 ? 'area' : 'areas' }));
}

function focusSection(role) {
  const total = role.focus_areas.reduce((s, a) => s + a.weight, 0) || 1;
  const roundsFor = (areaId) => role.rounds.filter((r) => (r.focus_areas || []).includes(areaId)).map((r) => r.name);
  const questionsFor = (areaId) => role.questions.filter((q) => q.focus_area === areaId).length;

  const legend = el('ol', { class: 'focus-legend', id: 'hub-focus-legend' },
    role.focus_areas.map((a, i) => el('li', { class: 'focus-legend-item', dataset: { area: a.id } },
      el('span', { class: `swatch area-${i % 6}`, 'aria-hidden': 'true' }),
      el('span', { class: 'focus-name', text: a.name }),
      el('span', { class: 'focus-pct', text: `${Math.round((a.weight / total) * 100)}%` }),
      el('span', { class: 'focus-meter', 'aria-hidden': 'true' },
        withStyle(el('span', { class: `focus-meter-fill area-${i % 6}` }), { width: `${(a.weight / total) * 100}%` })))));

  const detail = el('div', { class: 'focus-details' },
    role.focus_areas.map((a, i) => {
      const rounds = roundsFor(a.id);
      const n = questionsFor(a.id);
      return el('article', { class: `focus-card area-border-${i % 6}` },
        el('h3', {},
          el('span', { class: 'focus-card-name', text: a.name }),
          el('span', { class: 'focus-card-pct', text: `${Math.round((a.weight / total) * 100)}%` })),
        prose(a.expectation_html),
        el('p', { class: 'focus-card-meta' },
          rounds.length ? `Tested in: ${rounds.join(', ')}` : 'Not tied to one round',
          ` · ${plural(n, 'question')} in the guide`));
    }));

  return section('focus', 'What interviewers test',
    el('p', { class: 'section-lede', text: 'How much each area weighs in the decision, and what a strong candidate shows in it.' }),
    el('div', { class: 'card focus-chart' }, donut(role.focus_areas), legend),
    detail);
}

function processSection(role, onRound) {
  const counts = new Map(role.rounds.map((r) => [r.id, 0]));
  for (const q of role.questions) counts.set(q.round, (counts.get(q.round) || 0) + 1);
  const flows = new Set(role.mock_flows.map((f) => f.round));
  const areaName = new Map(role.focus_areas.map((a) => [a.id, a.name]));
  const areaIndex = new Map(role.focus_areas.map((a, i) => [a.id, i]));

  const timeline = el('ol', { class: 'timeline', id: 'hub-rounds' },
    role.rounds.map((r, i) => {
      const n = counts.get(r.id) || 0;
      return el('li', { class: 'round', id: `hub-round-${i}`, dataset: { round: r.id } },
        el('span', { class: 'round-number', 'aria-hidden': 'true', text: String(i + 1) }),
        el('div', { class: 'round-body' },
          el('div', { class: 'round-head' },
            el('h3', { class: 'round-name' },
              el('span', { class: 'visually-hidden', text: `Round ${i + 1}: ` }),
              el('span', { text: r.name })),
            el('span', { class: 'pill minutes-pill', text: formatMinutes(r.minutes) }),
            (r.focus_areas || []).length ? el('span', { class: 'round-areas' },
              el('span', { class: 'visually-hidden', text: 'Focus areas: ' }),
              r.focus_areas.map((id) => el('span', { class: `area-tag area-${(areaIndex.get(id) ?? 0) % 6}`, text: areaName.get(id) || id }))) : null),
          prose(r.purpose_html, 'prose round-purpose'),
          r.assesses.length ? el('div', { class: 'round-assesses' },
            label('What they assess'),
            el('ul', { class: 'assess-list' }, r.assesses.map((t) => el('li', { text: t })))) : null,
          el('button', {
            type: 'button', class: 'btn small round-open', 'aria-controls': 'hub-questions',
            onclick: () => onRound(r.id),
          }, n ? `See its ${plural(n, 'question')}${flows.has(r.id) ? ' and mock flow' : ''}` : (flows.has(r.id) ? 'See its mock flow' : 'No questions for this round'))));
    }));

  return section('process', 'Hiring process',
    el('p', { class: 'section-lede', text: `${plural(role.rounds.length, 'round')} in this order, ${formatMinutes(role.rounds.reduce((s, r) => s + r.minutes, 0))} in total. Choose a round to see its questions and mock flow.` }),
    role.process_note_html ? el('aside', { class: 'callout', 'aria-label': 'About the process' },
      label('About the process'), prose(role.process_note_html)) : null,
    timeline);
}

export function difficultyBadge(d) {
  const level = DIFFICULTY[d] || 0;
  return el('span', { class: `difficulty difficulty-${d}`, title: `Difficulty: ${d}` },
    el('span', { class: 'difficulty-dots', 'aria-hidden': 'true' },
      [1, 2, 3].map((n) => el('span', { class: n <= level ? 'dot on' : 'dot' }))),
    el('span', { class: 'difficulty-text', text: d }));
}

function flowCard(flow, role, headingTag = 'h3') {
  const ri = role.rounds.findIndex((r) => r.id === flow.round);
  const round = role.rounds[ri];
  const total = flow.segments.reduce((s, g) => s + g.minutes, 0) || 1;
  return el('article', { class: 'card flow-card', dataset: { round: flow.round } },
    el('div', { class: 'flow-head' },
      el(headingTag, { class: 'flow-title', text: round ? `Round ${ri + 1} · ${round.name}` : flow.round }),
      el('span', { class: 'pill minutes-pill', text: `${formatMinutes(total)} total` })),
    el('div', { class: 'flow-bar', 'aria-hidden': 'true' },
      flow.segments.map((g, i) => withStyle(el('span', {
        class: `flow-seg area-${i % 6}`, title: `${g.name}: ${g.minutes} min`,
      }), { flexGrow: String(g.minutes) }))),
    el('ol', { class: 'flow-steps' },
      flow.segments.map((g, i) => el('li', { class: 'flow-step' },
        el('div', { class: 'flow-step-head' },
          el('span', { class: `swatch area-${i % 6}`, 'aria-hidden': 'true' }),
          el('span', { class: 'flow-step-name', text: g.name }),
          el('span', { class: 'flow-step-min', text: formatMinutes(g.minutes) })),
        prose(g.instructions_html, 'prose flow-step-text')))));
}

function questionItem(q, index, role, starsByQuestion, openStar) {
  const id = `hubq-${index}`;
  const a = q.answer || {};
  const toggle = el('button', {
    type: 'button', class: 'q-toggle', id, 'aria-expanded': 'false', 'aria-controls': `${id}-panel`,
  },
  el('span', { class: 'q-chevron', 'aria-hidden': 'true' }),
  el('span', { class: 'q-prompt', text: q.prompt }),
  el('span', { class: 'q-meta' },
    difficultyBadge(q.difficulty),
    el('span', { class: 'q-minutes', text: formatMinutes(q.minutes) })));

  const stars = starsByQuestion.get(q.id) || [];
  const panel = el('div', { class: 'q-panel', id: `${id}-panel`, role: 'region', 'aria-labelledby': id, hidden: true },
    el('div', { class: 'q-block q-answer' }, label('Answer'), prose(a.summary_html)),
    (a.structure_html || []).length ? el('div', { class: 'q-block' },
      label('How to structure it'),
      el('ol', { class: 'q-structure' }, a.structure_html.map((h) => inlineHtml(el('li'), h)))) : null,
    (a.trade_offs_html || a.strong_signal_html) ? el('div', { class: 'q-pair' },
      a.trade_offs_html ? el('div', { class: 'q-block' }, label('Trade-offs'), prose(a.trade_offs_html)) : null,
      a.strong_signal_html ? el('div', { class: 'q-block q-signal' }, label('What a strong answer shows'), prose(a.strong_signal_html)) : null) : null,
    q.example_html ? el('div', { class: 'q-block q-example' }, label('Example'), prose(q.example_html)) : null,
    (q.follow_ups || []).length ? el('div', { class: 'q-block' },
      label('Follow-ups to expect'),
      el('ul', { class: 'q-followups' }, q.follow_ups.map((f) => el('li', { text: f })))) : null,
    el('div', { class: 'q-foot' },
      (q.skills || []).length ? el('div', { class: 'q-skills' }, label('Skills checked'), chips(q.skills)) : null,
      extraTags(q).length ? el('div', { class: 'q-tags' }, label('Tags'), chips(extraTags(q), 'chip chip-muted')) : null,
      stars.length ? el('div', { class: 'q-stars' }, label('STAR story for it'),
        el('ul', { class: 'chips' }, stars.map((s) => el('li', {},
          el('button', { type: 'button', class: 'link-button', text: s.title, onclick: () => openStar(s.id) }))))) : null));

  const item = el('li', { class: 'q-item', dataset: { question: q.id, round: q.round } }, toggle, panel);
  return { item, toggle, panel };
}

/* ---------- render ---------- */

export async function render(container, ctx, param) {
  const parsed = parseParam(param);
  // With no role in the link, the active role (the one Practice, Progress and the planner show).
  const roleId = parsed.roleId || resolveRole(await api.listRoles(), ctx, null);
  if (!roleId) {
    container.append(messageScreen('No role installed',
      'Role hubs come from content packs: import one on the Packs screen, or show a hidden built-in pack again there.', ctx));
    return;
  }
  let role;
  try {
    role = await api.getRole(roleId);
  } catch (err) {
    if (err.kind === 'not_found') {
      container.append(messageScreen('This role is not installed',
        `The role “${roleId}” is not installed (its pack may have been removed). Pick a role in the Library.`, ctx));
      return;
    }
    throw err;
  }
  if (ctx.settings?.active_role !== role.id) {
    try {
      await ctx.saveSettings({ active_role: role.id });
    } catch (err) {
      toast(`Could not remember ${role.title} as the active role: ${err.message}`, 'error');
    }
  }

  const roundIndex = new Map(role.rounds.map((r, i) => [r.id, i]));
  const areaIndex = new Map(role.focus_areas.map((a, i) => [a.id, i]));
  const starsByQuestion = new Map();
  for (const s of role.star_examples) {
    for (const qid of s.questions || []) {
      if (!starsByQuestion.has(qid)) starsByQuestion.set(qid, []);
      starsByQuestion.get(qid).push(s);
    }
  }

  /* Question guide */
  const questions = new Map(); // id -> { item, toggle, panel, q }
  const toggles = [];
  let roundFilter = null;

  function setOpen(entry, open) {
    entry.toggle.setAttribute('aria-expanded', String(open));
    entry.panel.hidden = !open;
    entry.item.classList.toggle('open', open);
  }

  const coreCount = role.questions.filter((q) => !q.extra).length;
  const roundGroup = (r, ri, extra) => {
    const qs = role.questions.filter((q) => q.round === r.id && !!q.extra === extra);
    if (!qs.length) return null;
    const byArea = role.focus_areas
      .map((a) => ({ area: a, qs: qs.filter((q) => q.focus_area === a.id) }))
      .filter((g) => g.qs.length);
    const known = new Set(role.focus_areas.map((a) => a.id));
    const stray = qs.filter((q) => !known.has(q.focus_area));
    if (stray.length) byArea.push({ area: { id: '', name: 'Other' }, qs: stray });
    const headingId = `hub-guide-round-${ri}${extra ? '-extra' : ''}`;
    const group = el('section', { class: 'q-round', dataset: { round: r.id }, 'aria-labelledby': headingId },
      el('h3', { class: 'q-round-title', id: headingId },
        el('span', { class: 'q-round-number', text: String(ri + 1) }),
        el('span', { text: r.name }),
        el('span', { class: 'q-round-count', text: plural(qs.length, 'question') })),
      byArea.map(({ area, qs: list }) => el('div', { class: 'q-area' },
        el('h4', { class: 'q-area-title' },
          el('span', { class: `swatch area-${(areaIndex.get(area.id) ?? 0) % 6}`, 'aria-hidden': 'true' }),
          el('span', { text: area.name })),
        el('ul', { class: 'q-list' }, list.map((q) => {
          const entry = questionItem(q, role.questions.indexOf(q), role, starsByQuestion, (sid) => openItem('star', sid));
          entry.q = q;
          questions.set(q.id, entry);
          toggles.push(entry.toggle);
          entry.toggle.addEventListener('click', () => setOpen(entry, entry.toggle.getAttribute('aria-expanded') !== 'true'));
          return entry.item;
        })))));
    return { round: r, group };
  };
  const coreGroups = role.rounds.map((r, ri) => roundGroup(r, ri, false)).filter(Boolean);
  const extraGroups = role.rounds.map((r, ri) => roundGroup(r, ri, true)).filter(Boolean);
  const guideGroups = [...coreGroups, ...extraGroups];
  // "Beyond the core": the pack's questions outside its core set, in the same round order.
  const extraBox = extraGroups.length ? el('section', { class: 'q-extra', id: 'hub-guide-extra', 'aria-labelledby': 'hub-guide-extra-title' },
    el('h3', { class: 'q-extra-title', id: 'hub-guide-extra-title', text: `Beyond the core ${coreCount}` }),
    el('p', { class: 'section-lede', text: `${plural(role.questions.length - coreCount, 'more question')} on topics real loops also ask about. The planner fits them in after the core set.` }),
    extraGroups.map((g) => g.group)) : null;

  const filterButtons = [{ id: null, label: 'All rounds', n: role.questions.length },
    ...role.rounds.map((r, i) => ({ id: r.id, label: `${i + 1}. ${r.name}`, n: role.questions.filter((q) => q.round === r.id).length }))]
    .map((f) => el('button', {
      type: 'button', class: 'filter-chip', 'aria-pressed': 'false', dataset: { round: f.id ?? '' },
      onclick: () => setRoundFilter(f.id),
    }, el('span', { text: f.label }), el('span', { class: 'filter-count', text: String(f.n) })));

  const guideStatus = el('p', { class: 'guide-status', role: 'status', id: 'hub-guide-status' });
  const flowSlot = el('div', { class: 'guide-flow', id: 'hub-guide-flow' });
  const groupsBox = el('div', { class: 'q-groups', id: 'hub-guide' }, coreGroups.map((g) => g.group), extraBox);

  function setRoundFilter(id) {
    roundFilter = id;
    for (const b of filterButtons) b.setAttribute('aria-pressed', String((b.dataset.round || null) === id));
    for (const g of guideGroups) g.group.hidden = !!id && g.round.id !== id;
    if (extraBox) extraBox.hidden = extraGroups.every((g) => g.group.hidden);
    const shown = id ? role.questions.filter((q) => q.round === id).length : role.questions.length;
    const round = role.rounds.find((r) => r.id === id);
    guideStatus.textContent = round
      ? `${shown} of ${plural(role.questions.length, 'question')}: round ${roundIndex.get(id) + 1}, ${round.name}`
      : `${plural(role.questions.length, 'question')} across ${plural(role.rounds.length, 'round')}`;
    clear(flowSlot);
    const flow = id && role.mock_flows.find((f) => f.round === id);
    if (flow) flowSlot.append(el('div', { class: 'guide-flow-inner' }, label('Mock flow for this round'), flowCard(flow, role, 'h4')));
    else if (round && !shown) flowSlot.append(el('p', { class: 'muted', text: 'This round has no questions in the pack.' }));
  }

  const expandAll = (open) => { for (const e of questions.values()) if (!e.item.closest('[hidden]')) setOpen(e, open); };

  const guide = section('questions', 'Question guide',
    el('p', { class: 'section-lede', text: 'Grouped by round, in interview order, then by focus area. Open a question for a model answer.' }),
    el('div', { class: 'guide-toolbar' },
      el('div', { class: 'filter-chips', role: 'group', 'aria-label': 'Show the questions of one round' }, filterButtons),
      el('div', { class: 'guide-actions' },
        el('button', { type: 'button', class: 'btn small', text: 'Open all', onclick: () => expandAll(true) }),
        el('button', { type: 'button', class: 'btn small', text: 'Close all', onclick: () => expandAll(false) }))),
    el('p', { class: 'key-hint', 'aria-hidden': 'true' },
      el('kbd', { text: 'j' }), ' ', el('kbd', { text: 'k' }), ' or ', el('kbd', { text: '↓' }), ' ', el('kbd', { text: '↑' }), ' move · ',
      el('kbd', { text: 'Enter' }), ' opens · ', el('kbd', { text: 'Esc' }), ' closes'),
    guideStatus, flowSlot, groupsBox);

  /* Other sections */
  const overview = section('overview', 'Overview', prose(role.overview_html, 'prose prose-lead'));

  const flows = role.mock_flows.length ? section('mock', 'Mock round flows',
    el('p', { class: 'section-lede', text: 'Run these as timed rehearsals: one segment after another, out loud.' }),
    el('div', { class: 'flow-grid' },
      [...role.mock_flows].sort((a, b) => (roundIndex.get(a.round) ?? 99) - (roundIndex.get(b.round) ?? 99)).map((f) => flowCard(f, role)))) : null;

  const promptOf = new Map(role.questions.map((q) => [q.id, q.prompt]));
  const stars = role.star_examples.length ? section('star', 'STAR examples',
    el('p', { class: 'section-lede', text: 'Model stories in Situation, Task, Action, Result form. Shape your own the same way.' }),
    el('div', { class: 'star-grid' }, role.star_examples.map((s) => el('article', { class: 'card star-card', id: `hub-star-${s.id}`, dataset: { star: s.id } },
      el('h3', { text: s.title }),
      s.outcome && s.outcome !== 'success'
        ? el('p', { class: `pill outcome-pill outcome-${s.outcome}`, text: s.outcome === 'failed' ? 'Did not work out: what was learned' : 'Mixed outcome: what was learned' })
        : null,
      (s.competencies || []).length ? chips(s.competencies.map(competencyName), 'chip chip-accent') : null,
      el('dl', { class: 'star-steps' },
        [['Situation', s.situation_html], ['Task', s.task_html], ['Action', s.action_html], ['Result', s.result_html]]
          .map(([k, h]) => el('div', { class: 'star-step' }, el('dt', { text: k }), setSanitisedHtml(el('dd', { class: 'prose' }), h || '')))),
      (s.metrics || []).length ? el('div', { class: 'star-metrics' }, label('Metrics'), chips(s.metrics, 'chip chip-metric')) : null,
      (s.questions || []).length ? el('div', { class: 'star-questions' }, label('Use it for'),
        el('ul', {}, s.questions.map((qid) => el('li', {},
          el('button', { type: 'button', class: 'link-button', text: promptOf.get(qid) || qid, onclick: () => openItem('question', qid) }))))) : null)))) : null;

  const ticks = { ...(role.checklist_ticks || {}) };
  const progressText = el('span', { class: 'checklist-count', id: 'hub-checklist-count' });
  const progressFill = el('span', { class: 'progress-fill' });
  const updateProgress = () => {
    const done = role.checklist.filter((c) => ticks[c.id]).length;
    progressText.textContent = `${done} of ${role.checklist.length} done`;
    progressFill.style.width = `${role.checklist.length ? (done / role.checklist.length) * 100 : 0}%`;
  };
  const tickDate = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : `done ${formatDate(d, 'dayMonth')}`;
  };
  const checklist = role.checklist.length ? section('checklist', 'Quick prep checklist',
    el('div', { class: 'checklist-progress' }, progressText, el('span', { class: 'progress', 'aria-hidden': 'true' }, progressFill)),
    el('ul', { class: 'checklist card' }, role.checklist.map((c, i) => {
      const box = el('input', { type: 'checkbox', id: `hub-check-${i}`, checked: !!ticks[c.id], dataset: { item: c.id } });
      const when = el('span', { class: 'check-when', text: ticks[c.id] ? tickDate(ticks[c.id]) : '' });
      box.addEventListener('change', async () => {
        const want = box.checked;
        box.disabled = true;
        try {
          await api.setChecklistTick(role.id, c.id, want);
          if (want) ticks[c.id] = new Date().toISOString();
          else delete ticks[c.id];
          when.textContent = want ? tickDate(ticks[c.id]) : '';
        } catch (err) {
          box.checked = !want;
          toast(`Could not save the checklist: ${err.message}`, 'error');
        } finally {
          box.disabled = false;
          updateProgress();
        }
      });
      return el('li', { class: 'check-item' }, box,
        inlineHtml(el('label', { for: `hub-check-${i}`, class: 'check-text' }), c.text_html), when);
    }))) : null;
  updateProgress();

  const faqs = new Map();
  const faq = role.faq.length ? section('faq', 'FAQ',
    el('div', { class: 'faq-list' }, role.faq.map((f) => {
      const d = el('details', { class: 'faq-item', dataset: { faq: f.id } },
        el('summary', {}, el('span', { text: f.question })),
        prose(f.answer_html));
      faqs.set(f.id, d);
      return d;
    }))) : null;

  const related = (role.related_roles || []).length ? section('related', 'Related roles',
    el('ul', { class: 'related-list' }, role.related_roles.map((r) => el('li', { class: `card related-card${r.installed ? '' : ' not-installed'}`, dataset: { role: r.role } },
      r.installed
        ? el('a', { href: `#/hub/${encodeURIComponent(r.role)}`, class: 'related-link', text: r.title, onclick: (ev) => { ev.preventDefault(); ctx.navigate('hub', r.role); } })
        : el('span', { class: 'related-title', text: r.title }),
      el('p', { class: 'related-reason', text: r.reason }),
      r.installed ? null : el('p', { class: 'related-missing', text: r.pack
        ? `Not installed: it comes with the pack “${r.pack}”. Import that pack on the Packs screen to open this hub.`
        : 'Not installed: no installed pack provides this role.' }))))) : null;

  const sections = [
    overview,
    focusSection(role),
    processSection(role, (id) => {
      setRoundFilter(id);
      scrollToNode(guide);
      guide.querySelector('h2').focus({ preventScroll: true });
    }),
    guide, flows, stars, checklist, faq, related,
  ].filter(Boolean);

  /* In-page navigation */
  const navButtons = sections.map((s) => el('button', {
    type: 'button', class: 'section-link', dataset: { target: s.dataset.section },
    text: NAV_LABEL[s.dataset.section] || s.querySelector('h2').textContent,
    onclick: () => {
      scrollToNode(s);
      s.querySelector('h2').focus({ preventScroll: true });
    },
  }));
  const sectionNav = el('nav', { class: 'section-nav', 'aria-label': 'Sections of this hub' },
    el('ul', {}, navButtons.map((b) => el('li', {}, b))));

  const screen = el('div', { class: 'screen hub', dataset: { role: role.id } },
    header(role, ctx),
    el('div', { class: 'hub-layout' }, sectionNav, el('div', { class: 'hub-content' }, sections)));
  container.append(screen);
  setRoundFilter(null);

  /* Opening one item (from search, or from a STAR story) */
  function openItem(kind, id) {
    if (kind === 'question' && questions.has(id)) {
      const e = questions.get(id);
      if (roundFilter && roundFilter !== e.q.round) setRoundFilter(null);
      setOpen(e, true);
      scrollToNode(e.item, 'start');
      e.toggle.focus({ preventScroll: true });
      flash(e.item);
    } else if (kind === 'round' && roundIndex.has(id)) {
      const li = screen.querySelector(`#hub-round-${roundIndex.get(id)}`);
      setRoundFilter(id);
      scrollToNode(li, 'center');
      li.querySelector('.round-open').focus({ preventScroll: true });
      flash(li);
    } else if (kind === 'faq' && faqs.has(id)) {
      const d = faqs.get(id);
      d.open = true;
      scrollToNode(d, 'center');
      d.querySelector('summary').focus({ preventScroll: true });
      flash(d);
    } else if (kind === 'star') {
      const card = screen.querySelector(`[data-star="${CSS.escape(id)}"]`);
      if (card) { scrollToNode(card, 'center'); flash(card); }
    }
  }

  /* Keyboard: j/k and arrows between questions, Enter toggles (native button), Esc closes. */
  const visibleToggles = () => toggles.filter((t) => !t.closest('[hidden]'));
  const onKey = (ev) => {
    if (!screen.isConnected) { document.removeEventListener('keydown', onKey); return; }
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (document.querySelector('.search-overlay:not([hidden])')) return;
    const t = ev.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const list = visibleToggles();
    if (!list.length) return;
    const at = list.indexOf(document.activeElement);
    const inItem = document.activeElement?.closest?.('.q-item');
    let next = null;
    if (ev.key === 'j' || (ev.key === 'ArrowDown' && at >= 0)) next = at < 0 ? list[0] : list[Math.min(at + 1, list.length - 1)];
    else if (ev.key === 'k' || (ev.key === 'ArrowUp' && at >= 0)) next = at < 0 ? list[0] : list[Math.max(at - 1, 0)];
    else if (ev.key === 'Home' && at >= 0) next = list[0];
    else if (ev.key === 'End' && at >= 0) next = list[list.length - 1];
    else if (ev.key === 'Escape' && inItem && screen.contains(inItem)) {
      const e = questions.get(inItem.dataset.question);
      if (e && e.toggle.getAttribute('aria-expanded') === 'true') {
        ev.preventDefault();
        setOpen(e, false);
        e.toggle.focus({ preventScroll: true });
        scrollToNode(e.item, 'nearest');
      }
      return;
    }
    if (!next) return;
    ev.preventDefault();
    next.focus({ preventScroll: true });
    scrollToNode(next.closest('.q-item'), 'nearest');
  };
  document.addEventListener('keydown', onKey);

  /* Section nav follows the scroll position. */
  whenAttached(screen, () => {
    const main = document.getElementById('main');
    if (parsed.open) openItem(parsed.open.kind, parsed.open.id);
    else if (main) main.scrollTop = 0;
    if (!main) return;
    // The section whose heading last passed the upper third of the view is the current one;
    // at the very bottom, the last section is.
    let queued = false;
    const mark = () => {
      queued = false;
      if (!screen.isConnected) { main.removeEventListener('scroll', onScroll); return; }
      const top = main.getBoundingClientRect().top + main.clientHeight * 0.3;
      let current = sections[0];
      for (const s of sections) if (s.getBoundingClientRect().top <= top) current = s;
      if (main.scrollTop + main.clientHeight >= main.scrollHeight - 4) current = sections[sections.length - 1];
      for (const b of navButtons) {
        if (b.dataset.target === current.dataset.section) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
    };
    const onScroll = () => { if (!queued) { queued = true; requestAnimationFrame(mark); } };
    main.addEventListener('scroll', onScroll, { passive: true });
    mark();
  });

  // Printing shows every answer (CSS opens the questions; FAQ <details> need the attribute).
  const beforePrint = () => {
    if (!screen.isConnected) { window.removeEventListener('beforeprint', beforePrint); return; }
    for (const d of faqs.values()) { d.dataset.wasOpen = String(d.open); d.open = true; }
  };
  const afterPrint = () => {
    if (!screen.isConnected) { window.removeEventListener('afterprint', afterPrint); return; }
    for (const d of faqs.values()) if (d.dataset.wasOpen === 'false') d.open = false;
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
}
