// Packs: import (file dialog, drop, or a typed path), update, hide and remove content packs.

import * as api from '../api.js';
import { el, clear, pageHeader, toast } from '../dom.js';
import { formatDateTime } from '../format.js';
import { questionImportCard } from './import-questions.js';

let stopDropListener = () => {};

export async function render(container, ctx, param) {
  const panel = el('div', { class: 'import-panel', id: 'import-panel', 'aria-live': 'polite' });
  const list = el('div', { class: 'pack-list', id: 'pack-list' });

  const pathInput = el('input', {
    type: 'text', id: 'pack-path', placeholder: '/home/me/Downloads/role.prep.json',
    'aria-label': 'Path of a pack file', spellcheck: 'false', autocomplete: 'off',
  });
  const importCard = el('section', { class: 'card import-card' },
    el('h2', { text: 'Import a pack' }),
    el('p', { class: 'muted', text: 'A pack is one .prep.json file. It is checked completely before anything is stored; your progress is never touched by a failed import.' }),
    el('div', { class: 'actions' },
      el('button', {
        class: 'btn primary', id: 'choose-pack', type: 'button', text: 'Choose a pack file…',
        onclick: async () => {
          try {
            const path = await api.choosePackFile();
            if (path) await preview(path, panel, list);
          } catch (err) { showError(panel, err); }
        },
      }),
      el('span', { class: 'muted drop-hint', text: 'or drop a file anywhere on this window' })),
    el('details', { class: 'path-import' },
      el('summary', { text: 'Import from a path' }),
      el('form', {
        class: 'path-form',
        onsubmit: async (ev) => {
          ev.preventDefault();
          const path = pathInput.value.trim();
          if (!path) { pathInput.focus(); return; }
          await preview(path, panel, list);
        },
      }, pathInput, el('button', { class: 'btn', type: 'submit', id: 'pack-path-go', text: 'Check and import' }))),
    panel);

  stopDropListener();
  stopDropListener = api.onFilesDropped(async (paths) => {
    // Question files and postings have their own importers (import-questions.js, planner-tailor.js).
    if (!paths.length || !/\.json$/i.test(paths[0])) return;
    if (!document.querySelector('.screen-host[data-screen=packs]')) {
      ctx.navigate('packs');
      await new Promise((r) => setTimeout(r, 50));
    }
    const livePanel = document.getElementById('import-panel');
    const liveList = document.getElementById('pack-list');
    if (livePanel && paths.length) await preview(paths[0], livePanel, liveList);
  });

  container.append(el('section', { class: 'screen' },
    pageHeader('Packs', 'Content packs hold the role hubs. Built-in packs ship with the app; you can add, update and remove your own.'),
    importCard,
    questionImportCard(ctx),
    el('h2', { class: 'section-title', text: 'Installed packs' }),
    list));
  await refreshList(list);
  if (param === 'import') container.querySelector('#qimport-choose')?.focus();
}

async function refreshList(list) {
  const packs = await api.listPacks();
  clear(list);
  if (!packs.length) {
    list.append(el('p', { class: 'card empty-state', text: 'No packs installed.' }));
    return;
  }
  for (const p of packs) list.append(packCard(p, list));
}

function packCard(p, list) {
  const confirmBox = el('div', { class: 'confirm-box', hidden: true });
  const badges = el('span', { class: 'badges' },
    p.builtin ? el('span', { class: 'badge', text: 'Built in' }) : null,
    p.hidden ? el('span', { class: 'badge muted-badge', text: 'Hidden' }) : null);
  const actions = el('div', { class: 'actions' });
  if (p.builtin) {
    actions.append(el('button', {
      class: 'btn', type: 'button', text: p.hidden ? 'Show in Library' : 'Hide from Library',
      onclick: async () => {
        try {
          await api.setPackHidden(p.id, !p.hidden);
          toast(p.hidden ? `${p.title} is shown again` : `${p.title} is hidden; your progress is kept`);
          await refreshList(list);
        } catch (err) { toast(err.message, 'error'); }
      },
    }));
  } else {
    actions.append(el('button', {
      class: 'btn danger', type: 'button', text: 'Remove…', dataset: { action: 'remove' },
      onclick: async () => {
        try {
          const impact = await api.packRemovalImpact(p.id);
          showRemoveConfirm(confirmBox, p, impact, list);
        } catch (err) { toast(err.message, 'error'); }
      },
    }));
  }
  return el('article', { class: 'card pack-card', dataset: { packId: p.id } },
    el('div', { class: 'pack-head' },
      el('h3', { text: p.title }), badges),
    el('p', { class: 'muted pack-meta', text: `Version ${p.version} · ${p.roles.length} role${p.roles.length === 1 ? '' : 's'} · ${p.questions} questions` }),
    p.description ? el('p', { text: p.description }) : null,
    el('p', { class: 'pack-roles', text: p.roles.join(' · ') }),
    // What only a pack author needs: the pack's id (the name in its file) and when it changed.
    el('details', { class: 'pack-details' },
      el('summary', { text: 'Details' }),
      el('dl', {},
        el('div', {}, el('dt', { text: 'Pack id' }), el('dd', {}, el('code', { text: p.id }))),
        p.updated_at ? el('div', {}, el('dt', { text: 'Installed or updated' }), el('dd', { text: formatDateTime(p.updated_at) })) : null)),
    actions, confirmBox);
}

function showRemoveConfirm(box, p, impact, list) {
  clear(box).hidden = false;
  const progress = impact.progress_records === 0
    ? 'You have no progress in it.'
    : `${impact.progress_records} progress record${impact.progress_records === 1 ? '' : 's'} (ticks, reviews, notes) will be deleted with it.`;
  box.append(
    el('p', { class: 'confirm-text', text: `Remove "${p.title}"? It holds ${impact.roles} role(s) and ${impact.questions} questions. ${progress}` }),
    el('div', { class: 'actions' },
      el('button', {
        class: 'btn danger-fill', type: 'button', text: 'Remove pack', dataset: { action: 'confirm-remove' },
        onclick: async () => {
          try {
            await api.removePack(p.id);
            toast(`Removed ${p.title}`);
            await refreshList(list);
          } catch (err) { toast(err.message, 'error'); }
        },
      }),
      el('button', { class: 'btn', type: 'button', text: 'Keep it', onclick: () => { box.hidden = true; } })));
  box.querySelector('button').focus();
}

async function preview(path, panel, list) {
  clear(panel).append(el('p', { class: 'muted', text: `Checking ${path}…` }));
  let info;
  try {
    info = await api.previewPackFile(path);
  } catch (err) {
    showError(panel, err, path);
    return;
  }
  const what = `"${info.title}" ${info.version}: ${info.roles.length} role${info.roles.length === 1 ? '' : 's'} (${info.roles.join(', ')}), ${info.questions} questions`;
  const sentences = {
    install: `Install ${what}?`,
    update: `Update ${what}? The installed version is ${info.installed_version}. Progress on questions that are still in the pack is kept.`,
    same: `${what} is already installed at this version. Re-install it anyway?`,
    older: `${what} is older than the installed version ${info.installed_version}. Re-install this older version anyway?`,
  };
  const reinstall = info.action === 'same' || info.action === 'older';
  clear(panel).append(el('div', { class: `notice ${reinstall ? 'notice-warn' : ''}`, id: 'import-preview' },
    el('p', { text: sentences[info.action] }),
    el('div', { class: 'actions' },
      el('button', {
        class: 'btn primary', type: 'button', id: 'confirm-import',
        text: { install: 'Install', update: 'Update', same: 'Re-install', older: 'Re-install older version' }[info.action],
        onclick: async () => {
          try {
            const report = await api.importPackFile(path, reinstall);
            showReport(panel, report);
            await refreshList(list);
          } catch (err) { showError(panel, err, path); }
        },
      }),
      el('button', { class: 'btn', type: 'button', text: 'Cancel', onclick: () => clear(panel) }))));
  panel.querySelector('#confirm-import').focus();
}

function showReport(panel, r) {
  const lines = [];
  if (r.previous_version) {
    lines.push(`Updated "${r.title}" from ${r.previous_version} to ${r.version}.`);
    lines.push(`${r.added.length} question(s) added, ${r.changed.length} changed, ${r.removed.length} removed.`);
    if (r.progress_removed) lines.push(`${r.progress_removed} progress record(s) belonged to removed items and were deleted.`);
  } else {
    lines.push(`Installed "${r.title}" ${r.version}: ${r.roles} role(s), ${r.questions} questions.`);
  }
  const detail = (label, items) => (items.length
    ? el('details', {}, el('summary', { text: `${label} (${items.length})` }),
      el('ul', { class: 'id-list' }, items.map((i) => el('li', {}, el('code', { text: i })))))
    : null);
  clear(panel).append(el('div', { class: 'notice notice-ok', id: 'import-result', role: 'status' },
    lines.map((l) => el('p', { text: l })),
    detail('Added', r.added), detail('Changed', r.changed), detail('Removed', r.removed)));
}

function showError(panel, err, path) {
  const problems = err.problems || [];
  clear(panel).append(el('div', { class: 'notice notice-error', id: 'import-errors', role: 'alert' },
    el('p', { class: 'notice-title', text: problems.length
      ? `Not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path || 'the file'}. Nothing was changed.`
      : `Not imported. Nothing was changed.` }),
    problems.length
      ? el('ol', { class: 'problem-list' }, problems.map((p) => el('li', {},
        el('code', { class: 'problem-path', text: p.path }), ' ', el('span', { text: p.message }))))
      : el('p', { text: err.message })));
}
