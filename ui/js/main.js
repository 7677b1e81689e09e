// App start-up, navigation and theme. Each screen lives in its own module under screens/.

import * as api from './api.js';
import { el, clear, toast } from './dom.js';
import * as library from './screens/library.js';
import * as hub from './screens/hub.js';
import * as practice from './screens/practice.js';
import * as planner from './screens/planner.js';
import * as progress from './screens/progress.js';
import * as packs from './screens/packs.js';
import * as settingsScreen from './screens/settings.js';
import { initSearch } from './search.js';

const SCREENS = [
  { id: 'library', label: 'Library', icon: '▦', module: library },
  { id: 'hub', label: 'Role hub', icon: '◎', module: hub },
  { id: 'practice', label: 'Practice', icon: '✎', module: practice },
  { id: 'planner', label: 'Planner', icon: '▤', module: planner },
  { id: 'progress', label: 'Progress', icon: '▲', module: progress },
  { id: 'packs', label: 'Packs', icon: '⬚', module: packs },
  { id: 'settings', label: 'Settings', icon: '⚙', module: settingsScreen },
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
    nav.append(el('li', {},
      el('a', {
        href: `#/${s.id}`,
        class: 'nav-link',
        dataset: { screen: s.id },
        title: `${s.label} (Alt+${i + 1})`,
      }, el('span', { class: 'nav-icon', 'aria-hidden': 'true', text: s.icon }), el('span', { class: 'nav-label', text: s.label }))));
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
    await SCREENS.find((s) => s.id === screen).module.render(container, ctx, param);
  } catch (err) {
    container.append(el('div', { class: 'card error-card', role: 'alert' },
      el('p', { class: 'empty-title', text: 'This screen could not be shown' }),
      el('p', { text: err.message || String(err) })));
  }
  if (token !== renderToken) return; // a later navigation won
  clear(main).append(container);
  main.scrollTop = 0;
  document.title = `${SCREENS.find((s) => s.id === screen).label} · Prep Hub`;
}

function showFatal(message, dataDir) {
  const main = document.getElementById('main');
  clear(main).append(el('section', { class: 'screen' },
    el('div', { class: 'card error-card', role: 'alert', id: 'fatal' },
      el('h1', { text: 'Prep Hub cannot open your data' }),
      el('p', { text: message }),
      dataDir ? el('p', {}, 'Data folder: ', el('code', { text: dataDir })) : null)));
}

async function start() {
  buildNav();
  try {
    ctx.status = await api.appStatus();
    document.getElementById('sidebar-foot').textContent = `Version ${ctx.status.version} · offline`;
    ctx.settings = await api.getSettings();
    applyTheme(ctx.settings.theme);
  } catch (err) {
    showFatal(err.message);
    return;
  }
  if (!ctx.status.database_ok) {
    showFatal(ctx.status.database_error, ctx.status.data_dir);
    return;
  }
  initSearch(ctx);
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

window.addEventListener('unhandledrejection', (ev) => {
  toast(ev.reason?.message || String(ev.reason), 'error');
});

start();
