// The offer a process ended with: base, currency, period, and bonus and equity as text. Where
// the role's pack cites a salary range, the check says where the offer sits in it (below,
// inside at what share of the way from its minimum to its maximum, above), with the range's
// source and year, and lists the pack's checklist and FAQ items about pay and offers. Nothing
// is converted between currencies.

import * as api from '../api.js';
import { el, clear, setSanitisedHtml, toast } from '../dom.js';

const PERIODS = [
  { value: 'year', label: 'a year' },
  { value: 'month', label: 'a month' },
  { value: 'hour', label: 'an hour' },
];

const VERDICT = {
  below: 'Below the range',
  inside: 'Inside the range',
  above: 'Above the range',
  other_currency: 'Another currency',
  no_range: 'No range to compare with',
};

/** "85,000": grouped as the backend's sentences write amounts, so both read alike. */
function money(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The button that opens the offer panel of one process card. */
export function offerSection(p, role) {
  const slot = el('div', { class: 'offer-slot' });
  if (!role) return slot;
  const host = el('div');
  const button = el('button', {
    type: 'button', class: 'btn pe-offer', text: 'Check an offer…', 'aria-expanded': 'false',
    dataset: { process: String(p.id) },
    onclick: async () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      if (open) { clear(host); return; }
      try {
        drawPanel(host, await api.getOffer(p.id));
      } catch (err) {
        clear(host).append(el('p', { class: 'notice notice-error', role: 'alert', text: err.message }));
      }
    },
  });
  slot.append(el('div', { class: 'actions' }, button), host);
  return slot;
}

function rangeLine(range) {
  const src = range.source || {};
  const parts = [`${money(range.min)} to ${money(range.max)} ${range.currency} a year`];
  if (range.region) parts.push(range.region);
  if (range.year) parts.push(`figures for ${range.year}`);
  const source = [src.publisher, src.title].filter(Boolean).join(', ');
  return el('div', { class: 'offer-range' },
    el('p', {}, el('strong', { text: 'The pack\'s range: ' }), parts.join(' · ')),
    el('p', { class: 'muted small' }, 'Source: ', source || 'not named',
      src.year ? ` (${src.year})` : ' (no year given)',
      src.url ? [' · ', el('span', { class: 'offer-url', text: src.url })] : null));
}

/** A bar from the range's minimum to its maximum with the offer marked (text says the same). */
function rangeBar(check) {
  if (check.verdict === 'other_currency' || check.verdict === 'no_range') return null;
  const pos = check.verdict === 'below' ? 0 : check.verdict === 'above' ? 100 : check.percentile;
  const marker = el('span', { class: 'offer-marker' });
  // Through the CSSOM: the page's CSP allows no inline style attributes.
  marker.style.left = `${pos}%`;
  return el('div', { class: `offer-bar verdict-${check.verdict}`, 'aria-hidden': 'true' },
    el('span', { class: 'offer-bar-fill' }), marker);
}

function checkView(view) {
  const c = view.check;
  const items = c.negotiation.map((i) => {
    const body = setSanitisedHtml(el('div', { class: 'prose' }), i.body_html);
    return el('li', { class: `negotiation-item ni-${i.kind}`, dataset: { item: i.id } },
      i.title ? el('p', { class: 'ni-title', text: i.title }) : el('p', { class: 'ni-title muted small', text: 'Checklist' }),
      body);
  });
  return el('div', { class: `offer-check verdict-${c.verdict}`, id: `offer-check-${view.process_id}`, tabindex: '-1' },
    el('p', { class: 'offer-verdict' },
      el('span', { class: 'badge', text: VERDICT[c.verdict] || c.verdict }), ' ',
      el('span', { class: 'offer-message', text: c.message })),
    rangeBar(c),
    c.range ? rangeLine(c.range) : null,
    c.notes.length ? el('ul', { class: 'offer-notes muted small' }, c.notes.map((n) => el('li', { text: n }))) : null,
    el('h4', { text: 'Before you answer the offer' }),
    items.length ? el('ul', { class: 'negotiation-list' }, items)
      : el('p', { class: 'muted', text: c.negotiation_missing || 'The pack has nothing on salary or offers.' }));
}

function drawPanel(host, view) {
  const prefix = `offer-${view.process_id}`;
  const o = view.offer;
  const base = el('input', { type: 'text', id: `${prefix}-base`, inputmode: 'decimal', autocomplete: 'off', value: o ? String(o.base_cents / 100) : '', 'aria-describedby': `${prefix}-base-hint` });
  const currency = el('input', { type: 'text', id: `${prefix}-currency`, maxlength: '3', autocomplete: 'off', class: 'offer-currency', value: o ? o.currency : (view.range_currency || ''), spellcheck: 'false' });
  const period = el('select', { id: `${prefix}-period` },
    PERIODS.map((x) => el('option', { value: x.value, selected: (o ? o.period : 'year') === x.value, text: x.label })));
  const bonus = el('input', { type: 'text', id: `${prefix}-bonus`, maxlength: '500', value: o ? o.bonus : '', placeholder: '10% target, paid yearly' });
  const equity = el('input', { type: 'text', id: `${prefix}-equity`, maxlength: '500', value: o ? o.equity : '', placeholder: '4,000 RSUs over 4 years' });
  const status = el('p', { class: 'field-status', id: `${prefix}-status`, role: 'status', 'aria-live': 'polite' });
  const result = el('div', { class: 'offer-result' }, view.check ? checkView(view) : null);
  const redraw = (next, focus) => {
    clear(result).append(next.check ? checkView(next) : '');
    if (focus && next.check) result.firstChild.focus();
  };
  const form = el('form', {
    class: 'offer-form', novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      status.className = 'field-status';
      status.textContent = '';
      try {
        const next = await api.saveOffer(view.process_id, {
          base: base.value, currency: currency.value, period: period.value, bonus: bonus.value, equity: equity.value,
        });
        status.className = 'field-status ok';
        status.textContent = 'Offer saved.';
        redraw(next, true);
      } catch (err) {
        status.className = 'field-status error';
        status.textContent = err.message;
        const field = /\b(base|currency|bonus|equity):/.exec(err.message);
        ({ base, currency, bonus, equity }[field?.[1]] || base).focus();
      }
    },
  },
  el('div', { class: 'offer-fields' },
    el('div', { class: 'field' },
      el('label', { for: base.id, text: 'Base salary' }),
      el('span', { class: 'field-hint', id: `${prefix}-base-hint`, text: 'Before tax, for example 85,000.' }),
      base),
    el('div', { class: 'field' }, el('label', { for: currency.id, text: 'Currency' }), currency),
    el('div', { class: 'field' }, el('label', { for: period.id, text: 'Per' }), period),
    el('div', { class: 'field wide' }, el('label', { for: bonus.id, text: 'Bonus (optional)' }), bonus),
    el('div', { class: 'field wide' }, el('label', { for: equity.id, text: 'Equity (optional)' }), equity)),
  el('div', { class: 'actions' },
    el('button', { type: 'submit', class: 'btn primary', id: `${prefix}-save`, text: 'Save and check' }),
    o ? el('button', {
      type: 'button', class: 'btn', id: `${prefix}-delete`, text: 'Remove the offer',
      onclick: async () => {
        try {
          const next = await api.deleteOffer(view.process_id);
          toast('The offer was removed.');
          drawPanel(host, next);
        } catch (err) { status.className = 'field-status error'; status.textContent = err.message; }
      },
    }) : null),
  status);
  clear(host).append(el('section', { class: 'offer-panel', id: `${prefix}-panel`, 'aria-labelledby': `${prefix}-title` },
    el('h3', { id: `${prefix}-title`, text: `Offer · ${view.company}` }),
    el('p', { class: 'muted', text: view.has_range
      ? `The ${view.role_title} pack cites a salary range; the offer is placed in it. Currencies are never converted.`
      : `The ${view.role_title} pack cites no salary range, so the offer cannot be placed in one. Its checklist and FAQ items on pay are still listed.` }),
    form, result));
  requestAnimationFrame(() => base.focus());
}
