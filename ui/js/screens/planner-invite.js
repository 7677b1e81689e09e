// A process's rounds from the recruiter's calendar invite: paste the .ics text, or load or drop
// the file; each event is listed with its time (in your zone, and in the invite's when that
// differs) and place, and you say which round it is. An updated invite (same UID, higher
// SEQUENCE) moves the round. Places and meeting links are shown as text; the app opens none.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { formatDate } from '../format.js';
import { loadPlan, unseenChanges, localiseDates } from './planner-common.js';

const STATUS_TEXT = {
  new: 'New',
  update: 'Update of an invite already read',
  same: 'Already read',
  older: 'Older than the version already read',
  cancelled: 'Cancelled by the organiser',
  refused: 'Cannot set a round',
};

/** What the last apply changed, shown again after the cards are drawn anew. */
let lastResult = null;
let stopDrops = () => {};

function timeOf(date) {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** "Thu 10 Dec, 16:00 (10:00 America/New_York)" for a round's stored start. */
export function roundWhen(r) {
  if (!r.date) return '';
  const day = formatDate(r.date, 'short');
  if (!r.starts_at) return day;
  const at = new Date(r.starts_at);
  if (Number.isNaN(at.getTime())) return day;
  let text = `${day}, ${timeOf(at)}`;
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(r.starts_at);
  if (r.time_zone && m) {
    // The invite's own wall time, when its offset is not this computer's at that moment.
    const offset = m[1] === 'Z' ? 0 : (m[1][0] === '-' ? -1 : 1) * (Number(m[1].slice(1, 3)) * 60 + Number(m[1].slice(4, 6)));
    if (offset !== -at.getTimezoneOffset()) text += ` (${r.starts_at.slice(11, 16)} ${r.time_zone})`;
  }
  return text;
}

function eventWhen(e) {
  if (!e.date) return 'No usable start';
  const day = formatDate(e.date, 'short');
  if (e.all_day) return `${day}, all day`;
  let text = `${day}, ${e.time}`;
  if (e.zone_time) text += ` (${localiseDates(e.zone_time)} ${e.time_zone})`;
  else if (!e.time_zone) text += ' (your local time)';
  return text;
}

/** The rounds' times and places, and the button that opens the invite panel. */
export function inviteSection(p, role, rerender) {
  const slot = el('div', { class: 'invite-slot' });
  if (!role) return slot;
  const known = p.rounds.filter((r) => r.starts_at || r.location);
  if (known.length) {
    slot.append(el('div', { class: 'round-logistics', id: `pe-${p.id}-logistics` },
      el('h3', { class: 'eyebrow', text: 'Times and places' }),
      el('ul', {}, known.map((r) => el('li', { dataset: { round: r.round_id } },
        el('span', { class: 'rl-name', text: r.name }),
        r.date ? el('span', { class: 'rl-when', text: roundWhen(r) }) : null,
        r.location ? el('span', { class: 'rl-place', text: r.location }) : null)))));
  }
  if (lastResult && lastResult.processId === p.id) {
    const done = el('div', { class: 'notice notice-ok invite-result', id: `invite-result-${p.id}`, role: 'status', tabindex: '-1' },
      el('p', { text: 'The invite was applied:' }),
      el('ul', {}, lastResult.lines.map((l) => el('li', { text: localiseDates(l) }))),
      lastResult.changes.length ? el('p', { class: 'muted', text: `The plan changed: ${lastResult.changes.map((c) => localiseDates(c)).join('; ')}` }) : null);
    slot.append(done);
    lastResult = null;
    requestAnimationFrame(() => done.focus());
  }
  const panelHost = el('div');
  const button = el('button', {
    type: 'button', class: 'btn pe-invite', text: 'Read an invite (.ics)…', 'aria-expanded': 'false',
    dataset: { process: String(p.id) },
    onclick: () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      if (open) { clear(panelHost); stopDrops(); return; }
      renderPanel(panelHost, p, role, rerender);
    },
  });
  slot.append(el('div', { class: 'actions' }, button), panelHost);
  return slot;
}

function renderPanel(host, p, role, rerender) {
  const prefix = `inv-${p.id}`;
  // A new reading replaces the report of the last one.
  document.getElementById(`invite-result-${p.id}`)?.remove();
  const area = el('textarea', { id: `${prefix}-text`, class: 'invite-text', rows: 6, spellcheck: 'false', 'aria-describedby': `${prefix}-hint` });
  const status = el('p', { class: 'field-status', id: `${prefix}-status`, role: 'status', 'aria-live': 'polite' });
  const events = el('div', { class: 'invite-events', id: `${prefix}-events` });
  const pathInput = el('input', { type: 'text', id: `${prefix}-path`, 'aria-label': 'Path of an invite file', spellcheck: 'false', autocomplete: 'off', placeholder: '/home/me/Downloads/invite.ics' });
  const fail = (err) => { status.className = 'field-status error'; status.textContent = err.message; };

  async function loadPath(path) {
    try {
      area.value = await api.readInviteFile(path);
      await read();
    } catch (err) { fail(err); }
  }

  async function read() {
    clear(events);
    status.className = 'field-status';
    status.textContent = '';
    if (!area.value.trim()) {
      fail(new Error('Paste the invite\'s text first, or load its file.'));
      area.focus();
      return;
    }
    let list;
    try {
      list = await api.previewInvite(p.id, area.value);
    } catch (err) { fail(err); area.focus(); return; }
    status.className = 'field-status ok';
    status.textContent = `${list.length} ${list.length === 1 ? 'event' : 'events'} in the invite. Say which round each one is.`;
    drawEvents(list);
  }

  function drawEvents(list) {
    const selects = [];
    const rows = list.map((e, i) => {
      const usable = !e.refused && !e.cancelled && e.status !== 'older';
      const select = el('select', { id: `${prefix}-round-${i}`, class: 'invite-round', disabled: !usable, dataset: { uid: e.uid } },
        el('option', { value: '', text: 'Not a round' }),
        role.rounds.map((r) => el('option', { value: r.id, selected: usable && e.round_id === r.id, text: r.name })));
      selects.push(select);
      return el('li', { class: `invite-event status-${e.status}`, dataset: { uid: e.uid } },
        el('div', { class: 'ie-head' },
          el('span', { class: 'ie-summary', text: e.summary }),
          el('span', { class: `badge ie-status ie-${e.status}`, text: STATUS_TEXT[e.status] || e.status })),
        el('p', { class: 'ie-when', text: eventWhen(e) }),
        e.location ? el('p', { class: 'ie-place' }, el('span', { class: 'visually-hidden', text: 'Place: ' }), e.location) : null,
        e.refused ? el('p', { class: 'ie-why', text: `Not usable: ${e.refused}.` }) : null,
        el('label', { class: 'ie-choice', for: select.id }, el('span', { text: 'Which round is it?' }), select));
    });
    const apply = el('button', {
      type: 'button', class: 'btn primary', id: `${prefix}-apply`, text: 'Apply to the rounds',
      onclick: async () => {
        const assignments = selects.filter((s) => s.value && !s.disabled).map((s) => ({ uid: s.dataset.uid, round_id: s.value }));
        if (!assignments.length) {
          fail(new Error('Choose the round of at least one event.'));
          selects.find((s) => !s.disabled)?.focus();
          return;
        }
        apply.disabled = true;
        try {
          const lines = await api.applyInvite(p.id, area.value, assignments);
          await loadPlan();
          lastResult = { processId: p.id, lines, changes: unseenChanges() };
          toast('The invite was applied.');
          stopDrops();
          rerender();
        } catch (err) {
          fail(err);
          apply.disabled = false;
        }
      },
    });
    clear(events).append(el('ol', { class: 'invite-event-list' }, rows), el('div', { class: 'actions' }, apply));
  }

  const panel = el('section', { class: 'invite-panel', id: `${prefix}-panel`, 'aria-labelledby': `${prefix}-title` },
    el('h3', { id: `${prefix}-title`, tabindex: '-1', text: `Interview invite · ${p.company}` }),
    el('label', { for: area.id, class: 'toolbar-label', text: 'The invite\'s text' }),
    el('p', { class: 'field-hint', id: `${prefix}-hint`, text: 'Paste the .ics text, load the file, or drop it on the window. Times are shown in your time zone; links are shown, never opened.' }),
    area,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn primary', id: `${prefix}-read`, text: 'Read the invite', onclick: read }),
      el('button', {
        type: 'button', class: 'btn', id: `${prefix}-file`, text: 'Load a file…',
        onclick: async () => {
          try {
            const path = await api.chooseInviteFile();
            if (path) await loadPath(path);
          } catch (err) { fail(err); }
        },
      })),
    el('details', { class: 'path-import' },
      el('summary', { text: 'Load from a path' }),
      el('div', { class: 'path-form' }, pathInput,
        el('button', {
          type: 'button', class: 'btn', id: `${prefix}-path-go`, text: 'Load',
          onclick: async () => { if (pathInput.value.trim()) await loadPath(pathInput.value.trim()); },
        }))),
    status, events);
  clear(host).append(panel);
  stopDrops();
  stopDrops = api.onFilesDropped(async (paths) => {
    const path = paths.find((x) => /\.(ics|ical|icalendar)$/i.test(x));
    if (path && document.getElementById(panel.id)) await loadPath(path);
  });
  requestAnimationFrame(() => area.focus());
}
