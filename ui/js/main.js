// App start-up, navigation and theme. Each screen lives in its own module under screens/.

import * as api from './api.js';
import { el, clear, toast } from './dom.js';
import * as library from './screens/library.js';
import { icon } from './icons.js';
import { setWeekStart, formatDate } from './format.js';

// A screen's module (and the modules it imports) is loaded when the screen is first opened, so
// a start parses only what the first screen needs.
const SCREENS = [
  { id: 'library', label: 'Library', load: async () => library },
  { id: 'hub', label: 'Role hub', load: () => import('./screens/hub.js') },
  { id: 'practice', label: 'Practice', load: () => import('./screens/practice.js') },
  { id: 'planner', label: 'Planner', load: () => import('./screens/planner.js') },
  { id: 'progress', label: 'Progress', load: () => import('./screens/progress.js') },
  { id: 'packs', label: 'Packs', load: () => import('./screens/packs.js') },
  { id: 'settings', label: 'Settings', load: () => import('./screens/settings.js') },
];

const ctx = {
  settings: null,
  status: null,
  navigate(screen, param) {
    location.hash = param ? `#/${screen}/${encodeURIComponent(param)}` : `#/${screen}`;
  },
  async saveSettings(patch) {
    ctx.settings = await api.updateSettings(patch);
    applyTheme(ctx.settings.theme);
    setWeekStart(ctx.settings.week_start);
    return ctx.settings;
  },
};

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let themeChoice = 'system';

/** Sets `data-theme` to light or dark; "system" follows the desktop's setting as it changes. */
export function applyTheme(theme) {
  themeChoice = theme;
  const dark = theme === 'dark' || (theme === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
systemDark.addEventListener('change', () => applyTheme(themeChoice));

function parseHash() {
  const [, screen = 'library', param] = location.hash.split('/');
  const known = SCREENS.find((s) => s.id === screen);
  return { screen: known ? known.id : 'library', param: param ? decodeURIComponent(param) : undefined };
}

function buildNav() {
  const nav = document.getElementById('nav');
  clear(nav);
  SCREENS.forEach((s, i) => {
    // In the narrow, icon-only sidebar the label shows as a tooltip on hover and keyboard focus.
    nav.append(el('li', {},
      el('a', {
        href: `#/${s.id}`,
        class: 'nav-link',
        dataset: { screen: s.id },
        'aria-keyshortcuts': `Alt+${i + 1}`,
      }, el('span', { class: 'nav-icon' }, icon(s.id)),
      el('span', { class: 'nav-label', dataset: { key: `Alt+${i + 1}` }, text: s.label }))));
  });
  // Arrow keys move between the navigation links, as in a native sidebar.
  nav.addEventListener('keydown', (ev) => {
    const links = [...nav.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (ev.key === 'ArrowDown') next = links[(at + 1) % links.length];
    if (ev.key === 'ArrowUp') next = links[(at - 1 + links.length) % links.length];
    if (ev.key === 'Home') next = links[0];
    if (ev.key === 'End') next = links[links.length - 1];
    if (next) { ev.preventDefault(); next.focus(); }
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey && /^[1-7]$/.test(ev.key)) {
      ev.preventDefault();
      ctx.navigate(SCREENS[Number(ev.key) - 1].id);
    }
  });
}

let renderToken = 0;

async function route() {
  const { screen, param } = parseHash();
  const token = ++renderToken;
  for (const a of document.querySelectorAll('.nav-link')) {
    if (a.dataset.screen === screen) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const main = document.getElementById('main');
  const container = el('div', { class: 'screen-host', dataset: { screen } });
  try {
    const module = await SCREENS.find((s) => s.id === screen).load();
    await module.render(container, ctx, param);
  } catch (err) {
    container.append(el('div', { class: 'card error-card', role: 'alert' },
      el('p', { class: 'empty-title', text: 'This screen could not be shown' }),
      el('p', { text: err.message || String(err) })));
  }
  if (token !== renderToken) return; // a later navigation won
  clear(main).append(container);
  main.scrollTop = 0;
  // Opened from the sidebar: the new page takes the focus (so the narrow sidebar's label bubble
  // goes away, and the keyboard continues in the page).
  if (document.activeElement?.closest?.('#nav')) main.focus({ preventScroll: true });
  document.title = `${SCREENS.find((s) => s.id === screen).label} · Prep Hub`;
}

function showFatal(message, dataDir) {
  const main = document.getElementById('main');
  const recovery = el('div', { id: 'fatal-recovery' });
  clear(main).append(el('section', { class: 'screen' },
    el('div', { class: 'card error-card', role: 'alert', id: 'fatal' },
      el('h1', { text: 'Prep Hub cannot open your data' }),
      el('p', { text: message }),
      dataDir ? el('p', {}, 'Data folder: ', el('code', { text: dataDir })) : null),
    recovery));
  if (dataDir) showDailyCopies(recovery);
}

/** The way back from a damaged database: one of the daily copies takes its place; the damaged
 * files are kept aside in the data folder, never deleted. */
async function showDailyCopies(box) {
  let copies = [];
  try {
    copies = await api.listBackups();
  } catch (err) {
    box.append(el('p', { class: 'card', text: `The daily copies could not be listed: ${err.message}` }));
    return;
  }
  if (!copies.length) {
    box.append(el('div', { class: 'card' },
      el('h2', { text: 'No daily copy to go back to' }),
      el('p', { text: 'Prep Hub makes a copy of your data once a day, and none was found in the data folder. Move the damaged file away to start fresh; it is not deleted by the app.' })));
    return;
  }
  const status = el('p', { id: 'fatal-status', role: 'status' });
  const list = el('ul', { class: 'copy-list' }, copies.map((c, i) => el('li', {},
    el('span', { text: `${formatDate(c.date)}${i === 0 ? ' (latest)' : ''} · ${(c.bytes / 1048576).toFixed(1)} MiB` }),
    el('button', {
      type: 'button',
      class: i === 0 ? 'primary' : '',
      dataset: { file: c.file },
      onclick: async (ev) => {
        for (const b of list.querySelectorAll('button')) b.disabled = true;
        status.textContent = `Restoring the copy of ${c.date}…`;
        try {
          const aside = await api.restoreOverDamaged(ev.currentTarget.dataset.file);
          status.textContent = `Restored. The damaged files are kept in ${aside}. Opening your data…`;
          location.reload();
        } catch (err) {
          status.textContent = err.message;
          for (const b of list.querySelectorAll('button')) b.disabled = false;
        }
      },
    }, `Restore this copy`))));
  box.append(el('div', { class: 'card' },
    el('h2', { text: 'Go back to a daily copy' }),
    el('p', { text: 'The damaged database is moved aside into a folder named damaged-… in the data folder, never deleted, and the copy you choose takes its place. Work done after that copy was made is in the damaged file only.' }),
    list, status));
}

async function start() {
  buildNav();
  try {
    ctx.status = await api.appStatus();
    document.getElementById('sidebar-foot').textContent = `Version ${ctx.status.version} · offline`;
    ctx.settings = await api.getSettings();
    applyTheme(ctx.settings.theme);
    setWeekStart(ctx.settings.week_start);
  } catch (err) {
    showFatal(err.message);
    return;
  }
  if (!ctx.status.database_ok) {
    showFatal(ctx.status.database_error, ctx.status.data_dir);
    return;
  }
  // Settings that could not be read were replaced by the previous or default ones: say so once.
  if (ctx.status.settings_warning) toast(ctx.status.settings_warning, 'error');
  if (ctx.status.read_only) {
    document.body.classList.add('read-only');
    document.body.append(el('p', { class: 'read-only-banner', role: 'status', id: 'read-only-banner',
      text: `Your data folder (${ctx.status.data_dir}) is read-only: everything is shown, but nothing new can be saved until it is writable again.` }));
  }
  window.addEventListener('hashchange', route);
  await route();
  // The first screen is on screen with its data once two frames have been drawn.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  // Search (Ctrl+K), dropped files and the day's copy of the data wait for the first paint;
  // "ready" waits for them.
  const [search, drops] = await Promise.all([
    import('./search.js'),
    import('./screens/import-questions.js'),
    api.firstPaint().catch((err) => toast(err.message, 'error')),
  ]);
  search.initSearch(ctx);
  drops.listenForQuestionDrops(ctx);
  document.body.dataset.ready = 'true';
}

// A question link inside pack text opens that question in its role's hub (the role of the
// screen it sits on, else the active role).
document.addEventListener('click', (ev) => {
  const link = ev.target instanceof Element ? ev.target.closest('a[data-question]') : null;
  if (!link) return;
  ev.preventDefault();
  const roleId = link.closest('[data-role]')?.dataset.role || ctx.settings?.active_role;
  if (roleId) ctx.navigate('hub', `${roleId}?open=question:${link.dataset.question}`);
});

window.addEventListener('unhandledrejection', (ev) => {
  toast(ev.reason?.message || String(ev.reason), 'error');
});

start();
