// The Library: every installed role hub as a card, filtered by field and level.
// A card opens its hub with one click or Enter; arrow keys move between cards.

import * as api from '../api.js';
import { el, pageHeader } from '../dom.js';

const LEVEL_ORDER = ['Junior', 'Mid-level', 'Senior', 'Staff', 'Principal', 'Manager'];

// Kept while the app runs, so coming back to the Library shows the same filters.
const filters = { field: '', level: '' };

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "85,000 – 140,000 EUR": plain numbers and the ISO code, the same in every locale. */
export function formatSalaryRange(salary) {
  if (!salary || salary.min == null || salary.max == null) return null;
  return `${numberFormat.format(salary.min)} – ${numberFormat.format(salary.max)} ${salary.currency}`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Sets inline styles through the CSSOM (the CSP refuses `style` attributes). */
export function withStyle(node, styles) {
  Object.assign(node.style, styles);
  return node;
}

/** A stacked bar of focus-area weights with a visible legend (the bar itself is decoration). */
export function weightBar(areas, label = 'Focus areas') {
  const total = areas.reduce((sum, a) => sum + a.weight, 0) || 1;
  const bar = el('div', { class: 'weight-bar', 'aria-hidden': 'true' },
    areas.map((a, i) => withStyle(el('span', {
      class: `weight-seg area-${i % 6}`,
      title: `${a.name}: ${a.weight}%`,
    }), { flexGrow: String(a.weight) })));
  const legend = el('ul', { class: 'weight-legend', 'aria-label': label },
    areas.map((a, i) => el('li', {},
      el('span', { class: `swatch area-${i % 6}`, 'aria-hidden': 'true' }),
      el('span', { class: 'weight-name', text: a.name }),
      el('span', { class: 'weight-pct', text: `${Math.round((a.weight / total) * 100)}%` }))));
  return el('div', { class: 'weights' }, bar, legend);
}

/** The role's readiness, once there is progress on it (the Progress screen has the detail). */
function readinessLine(readiness) {
  if (!readiness) return null;
  const pct = Math.round((Number(readiness.overall) || 0) * 100);
  const fill = el('span', { class: 'role-ready-fill' });
  fill.style.width = `${pct}%`;
  return el('p', { class: 'role-ready', dataset: { readiness: String(pct) } },
    el('span', { class: 'role-ready-label' }, 'Readiness ', el('strong', { text: `${pct}%` })),
    el('span', { class: 'role-ready-meter', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'role-ready-note', text: `${readiness.learned} of ${readiness.questions} practised` }));
}

function roleCard(role, ctx, readiness) {
  const areas = (role.focus_areas || []).map(([name, weight]) => ({ name, weight }));
  const salary = formatSalaryRange(role.salary);
  const open = (ev) => {
    ev.preventDefault();
    ctx.navigate('hub', role.id);
  };
  const titleId = `role-card-${role.id}`;
  return el('li', { class: 'role-card-item' },
    el('article', { class: 'role-card', 'aria-labelledby': titleId, dataset: { roleId: role.id } },
      el('p', { class: 'role-card-eyebrow' },
        el('span', { class: 'pill level-pill', text: role.level }),
        el('span', { class: 'role-card-field', text: role.field })),
      el('h2', { class: 'role-card-title', id: titleId },
        el('a', { href: `#/hub/${encodeURIComponent(role.id)}`, class: 'role-card-link', onclick: open, text: role.title })),
      el('p', { class: 'role-card-summary', text: role.summary }),
      readinessLine(readiness),
      areas.length ? weightBar(areas, `${role.title}: focus areas`) : null,
      el('dl', { class: 'role-card-stats' },
        el('div', {}, el('dt', { text: 'Rounds' }), el('dd', { text: String(role.rounds) })),
        el('div', {}, el('dt', { text: 'Questions' }), el('dd', { text: String(role.questions) })),
        salary ? el('div', { class: 'stat-salary', title: [role.salary.region, role.salary.year].filter(Boolean).join(', ') || null },
          el('dt', { text: role.salary.year ? `Salary · ${role.salary.year}` : 'Salary' }),
          el('dd', { class: 'salary', text: salary })) : null),
      el('p', { class: 'role-card-pack', text: `From ${role.pack_title}` })));
}

function emptyLibrary(ctx) {
  return el('div', { class: 'card empty-state library-empty', role: 'note' },
    el('p', { class: 'empty-title', text: 'No role hubs installed' }),
    el('p', { text: 'Role hubs come from content packs. Import a pack file on the Packs screen, or show a hidden built-in pack again there.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn primary', text: 'Go to Packs', onclick: () => ctx.navigate('packs') })));
}

/** Moves focus between card links: left/right by one, up/down by one row. */
function gridKeys(list) {
  list.addEventListener('keydown', (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const links = [...list.querySelectorAll('.role-card-link')].filter((a) => !a.closest('[hidden]'));
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    const columns = Math.max(1, getComputedStyle(list).gridTemplateColumns.split(' ').filter(Boolean).length);
    const moves = {
      ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + columns, ArrowUp: at - columns,
      Home: 0, End: links.length - 1,
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    const next = links[Math.min(links.length - 1, Math.max(0, moves[ev.key]))];
    next.focus();
  });
}

export async function render(container, ctx) {
  const [roles, readiness] = await Promise.all([api.listRoles(), api.readinessByRole().catch(() => [])]);
  const readinessOf = new Map(readiness.map((r) => [r.role_id, r]));
  const screen = el('section', { class: 'screen library' },
    pageHeader('Library', 'Every installed role hub. Open one to see what its interviews test and how to prepare.'));
  container.append(screen);
  if (!roles.length) {
    screen.append(emptyLibrary(ctx));
    return;
  }

  const fields = [...new Set(roles.map((r) => r.field))].sort((a, b) => a.localeCompare(b));
  const levels = [...new Set(roles.map((r) => r.level))]
    .sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));
  if (!fields.includes(filters.field)) filters.field = '';
  if (!levels.includes(filters.level)) filters.level = '';

  const count = el('p', { class: 'library-count', role: 'status', 'aria-live': 'polite' });
  const list = el('ul', { class: 'role-grid', 'aria-label': 'Installed roles' });
  const cards = roles.map((r) => ({ role: r, node: roleCard(r, ctx, readinessOf.get(r.id)) }));
  list.append(...cards.map((c) => c.node));
  const noMatch = el('div', { class: 'card empty-state', role: 'note', hidden: true },
    el('p', { class: 'empty-title', text: 'No role matches these filters' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn', text: 'Show every role', onclick: () => { filters.field = ''; filters.level = ''; sync(); } })));

  const fieldSelect = el('select', { id: 'library-field', onchange: () => { filters.field = fieldSelect.value; apply(); } },
    el('option', { value: '', text: `All fields (${roles.length})` }),
    fields.map((f) => el('option', { value: f, text: `${f} (${roles.filter((r) => r.field === f).length})` })));

  const levelGroup = el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Level' },
    [{ value: '', label: 'All' }, ...levels.map((l) => ({ value: l, label: l }))].map((l) => el('label', { class: 'segment' },
      el('input', {
        type: 'radio', name: 'library-level', value: l.value,
        onchange: () => { filters.level = l.value; apply(); },
      }),
      el('span', { text: l.label }))));

  function apply() {
    let shown = 0;
    for (const c of cards) {
      const visible = (!filters.field || c.role.field === filters.field)
        && (!filters.level || c.role.level === filters.level);
      c.node.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = shown === roles.length
      ? `${plural(roles.length, 'role')}`
      : `${shown} of ${plural(roles.length, 'role')} shown`;
    noMatch.hidden = shown > 0;
  }
  function sync() {
    fieldSelect.value = filters.field;
    for (const input of levelGroup.querySelectorAll('input')) input.checked = input.value === filters.level;
    apply();
  }

  const toolbar = el('div', { class: 'library-toolbar', role: 'group', 'aria-label': 'Filter roles' },
    el('label', { class: 'toolbar-field', for: 'library-field' }, el('span', { class: 'toolbar-label', text: 'Field' }), fieldSelect),
    el('div', { class: 'toolbar-field' }, el('span', { class: 'toolbar-label', id: 'library-level-label', text: 'Level' }), levelGroup),
    count);
  levelGroup.setAttribute('aria-labelledby', 'library-level-label');

  gridKeys(list);
  screen.append(toolbar, list, noMatch);
  sync();
}
