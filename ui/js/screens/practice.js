// Practice: a shell with four sub-views, each reachable by its own route.
//   #/practice             practice session (route parameter may also be a role id, from the hub)
//   #/practice/mock        timed mock rounds
//   #/practice/stories     the STAR story bank and its coverage
//   #/practice/mine        the user's own questions
// A sub-view's parameter may carry `?role=<id>` (and, for the session, `?q=<question id>`).

import * as api from '../api.js';
import { el, clear } from '../dom.js';
import { pickRole, rememberRole, rolePicker, noRoles, lifetime, errorNote, scrollTopOnAttach } from './practice-common.js';
import { renderSession } from './practice-session.js';
import { renderMock } from './mock.js';
import { renderStories } from './stories.js';
import { renderOwnQuestions } from './own-questions.js';

const VIEWS = [
  { id: 'session', path: '', label: 'Practice', title: 'Practice', render: renderSession },
  { id: 'mock', path: 'mock', label: 'Mock rounds', title: 'Mock rounds', render: renderMock },
  { id: 'stories', path: 'stories', label: 'STAR stories', title: 'STAR story bank', render: renderStories },
  { id: 'mine', path: 'mine', label: 'My questions', title: 'My questions', render: renderOwnQuestions },
];

function parseParam(param) {
  const raw = param || '';
  const at = raw.indexOf('?');
  const head = at < 0 ? raw : raw.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1));
  const view = VIEWS.find((v) => v.path && v.path === head);
  return {
    view: view || VIEWS[0],
    // From the hub, `#/practice/<role id>` opens a session for that role.
    role: query.get('role') || (!view && head ? head : null),
    question: query.get('q'),
    query,
  };
}

export async function render(container, ctx, param) {
  const parsed = parseParam(param);
  const roles = await api.listRoles();
  if (!roles.length) {
    container.append(noRoles(ctx, parsed.view.title));
    return;
  }
  // The role asked for, else the active one; either way it is the active role from now on.
  let roleId = pickRole(roles, ctx, parsed.role);
  await rememberRole(ctx, roleId);

  const body = el('div', { class: 'practice-body', id: 'practice-body' });
  const tabs = el('nav', { class: 'practice-tabs', 'aria-label': 'Practice' },
    el('ul', {}, VIEWS.map((v) => el('li', {},
      el('a', {
        href: v.path ? `#/practice/${v.path}` : '#/practice',
        class: 'practice-tab',
        dataset: { view: v.id },
        'aria-current': v === parsed.view ? 'page' : null,
        text: v.label,
      })))));

  const screen = el('section', { class: 'screen practice', dataset: { view: parsed.view.id } },
    el('header', { class: 'page-header practice-header' },
      el('div', { class: 'practice-title' },
        el('h1', { id: 'practice-title', text: parsed.view.title }),
        rolePicker(roles, roleId, (id) => { roleId = id; rememberRole(ctx, id); show(null); })),
      tabs),
    body);
  container.append(screen);
  scrollTopOnAttach(screen);

  let current = null; // AbortController of the shown sub-view
  async function show(question) {
    if (current) current.abort();
    current = new AbortController();
    const signal = lifetime(screen, current.signal);
    clear(body);
    const host = el('div', { class: 'practice-view' });
    body.append(host);
    try {
      const role = await api.getRole(roleId);
      if (signal.aborted) return;
      screen.dataset.role = role.id;
      await parsed.view.render(host, ctx, { role, roles, signal, question, query: parsed.query });
    } catch (err) {
      clear(host).append(errorNote(err, 'This part of Practice could not be shown'));
    }
  }
  await show(parsed.question);
}
