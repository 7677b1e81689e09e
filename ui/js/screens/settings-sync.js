// Settings: sync through a folder that another tool keeps in step between your computers
// (Syncthing, Nextcloud, Dropbox, a USB stick). Choose the folder and name this computer; the
// app writes its progress there after each practice session and on quit, and merges the other
// computers' files at start and when asked. Each computer's last sync is listed.

import * as api from '../api.js';
import { el, clear, toast } from '../dom.js';
import { formatDateTime } from '../format.js';

export function syncGroup() {
  const section = el('section', { class: 'card field-group', id: 'sync-group', 'aria-labelledby': 'sync-title' },
    el('h2', { id: 'sync-title', text: 'Sync through a folder' }),
    el('p', { class: 'muted', text: 'Keep a work and a home computer in step without a server: choose a folder that a tool you already use keeps in step (Syncthing, Nextcloud, Dropbox, a USB stick). Each computer writes its own file there after each practice session and on quit, and merges the others\' at start. Ratings, notes, drafts, ticks and interviews are merged; settings are not.' }));
  const body = el('div', { class: 'sync-body', 'aria-live': 'polite' }, el('p', { class: 'muted', text: 'Loading…' }));
  section.append(body);
  api.getSyncStatus().then((s) => draw(body, s)).catch((err) => {
    clear(body).append(el('p', { class: 'field-status error', text: err.message }));
  });
  return section;
}

function draw(body, s, message) {
  const status = el('p', { class: 'field-status', id: 'sync-status', role: 'status' });
  if (message) { status.textContent = message.text; status.className = `field-status ${message.kind}`; }
  const fail = (err, focus) => {
    status.textContent = err.message;
    status.className = 'field-status error';
    if (focus) focus.focus();
  };
  const folder = el('input', { type: 'text', id: 'sync-folder', value: s.folder || '', spellcheck: 'false', autocomplete: 'off', placeholder: '/home/me/Sync/prep-hub', 'aria-describedby': 'sync-folder-hint' });
  const name = el('input', { type: 'text', id: 'sync-device-name', maxlength: '60', value: s.named ? s.device.name : '', placeholder: s.device.name });
  const busy = async (button, work) => {
    button.disabled = true;
    try { await work(); } finally { button.disabled = false; }
  };
  const use = el('button', {
    type: 'button', class: 'btn primary', id: 'sync-use', text: s.folder ? 'Use this folder' : 'Start syncing',
    onclick: () => busy(use, async () => {
      if (!folder.value.trim()) { fail(new Error('Type or choose the folder first.'), folder); return; }
      try {
        const next = await api.setSyncFolder(folder.value.trim());
        draw(body, next, outcome(next, 'Syncing through this folder.'));
      } catch (err) { fail(err, folder); }
    }),
  });
  const choose = el('button', {
    type: 'button', class: 'btn', id: 'sync-choose', text: 'Choose…',
    onclick: async () => {
      try {
        const path = await api.chooseSyncFolder();
        if (path) { folder.value = path; folder.focus(); }
      } catch (err) { fail(err); }
    },
  });
  const stop = s.folder ? el('button', {
    type: 'button', class: 'btn', id: 'sync-stop', text: 'Stop syncing',
    onclick: () => busy(stop, async () => {
      try {
        const next = await api.setSyncFolder(null);
        draw(body, next, { kind: 'ok', text: 'Syncing stopped. The files in the folder stay.' });
      } catch (err) { fail(err); }
    }),
  }) : null;
  const now = s.folder ? el('button', {
    type: 'button', class: 'btn', id: 'sync-now', text: 'Sync now',
    onclick: () => busy(now, async () => {
      try {
        const next = await api.syncNow();
        draw(body, next, outcome(next, 'Synced.'));
        toast('Synced.');
      } catch (err) { fail(err); }
    }),
  }) : null;
  const saveName = el('button', {
    type: 'button', class: 'btn', id: 'sync-name-save', text: 'Save the name',
    onclick: () => busy(saveName, async () => {
      try {
        const next = await api.setDeviceName(name.value);
        draw(body, next, { kind: 'ok', text: 'Name saved; the other computers see it after the next sync.' });
      } catch (err) { fail(err, name); }
    }),
  });

  clear(body).append(
    el('div', { class: 'field' },
      el('label', { for: folder.id, text: 'Folder' }),
      el('span', { class: 'field-hint', id: 'sync-folder-hint', text: 'The full path of a folder that exists. Each computer keeps one file in it.' }),
      el('div', { class: 'path-form' }, folder, choose)),
    el('div', { class: 'actions' }, use, now, stop),
    el('div', { class: 'field' },
      el('label', { for: name.id, text: 'This computer\'s name' }),
      el('div', { class: 'path-form' }, name, saveName)),
    status,
    devices(s),
    problems(s));
}

function outcome(s, okText) {
  const last = s.last;
  if (last?.error) return { kind: 'error', text: last.error };
  const added = (last?.merged || []).reduce((n, m) => n + m.added + m.replaced, 0);
  let text = added ? `${okText} ${added} change(s) came in from the other computers.` : okText;
  const left = last?.problems?.length || 0;
  if (left) text += ` ${left} file(s) could not be merged; see below.`;
  return { kind: left ? 'error' : 'ok', text };
}

function devices(s) {
  if (!s.peers.length) {
    return el('p', { class: 'muted', id: 'sync-devices', text: s.folder ? 'No sync yet.' : 'Not syncing.' });
  }
  return el('table', { class: 'sync-devices', id: 'sync-devices' },
    el('caption', { class: 'visually-hidden', text: 'Computers and when each last synced' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Computer' }),
      el('th', { scope: 'col', text: 'Last wrote its file' }),
      el('th', { scope: 'col', text: 'Merged here' }))),
    el('tbody', {}, s.peers.map((p) => el('tr', { dataset: { device: p.device_id } },
      el('th', { scope: 'row', text: p.this_device ? `${p.device_name} (this computer)` : p.device_name }),
      el('td', { text: p.written_at ? formatDateTime(p.written_at) : '—' }),
      el('td', { text: p.this_device ? '—' : formatDateTime(p.merged_at) })))));
}

function problems(s) {
  const list = s.last?.problems || [];
  if (!list.length) return null;
  return el('div', { class: 'notice notice-error', id: 'sync-problems' },
    el('p', { text: 'These files in the folder were left out; nothing of them was merged:' }),
    el('ul', {}, list.map((p) => el('li', {}, el('code', { text: p.file }), `: ${p.message}`))));
}
