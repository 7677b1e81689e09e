// The countdown planner. Routes:
//   #/planner            Today (first run when there is no interview yet and the planner was
//                        never set up or skipped)
//   #/planner/setup      first run, or the Interviews view (edit dates, delete, add)
//   #/planner/calendar   every day up to the last round, each day editable
//   #/planner/<role id>  from a role hub's "Plan my prep": that role's interview, or a new one
// The views live in planner-today.js, planner-calendar.js and planner-setup.js.

import * as api from '../api.js';
import { el } from '../dom.js';
import { loadPlan, plannerHeader, errorCard } from './planner-common.js';
import { renderToday } from './planner-today.js';
import { renderCalendar } from './planner-calendar.js';
import { renderFirstRun, renderInterviews } from './planner-setup.js';

function noRoles(ctx) {
  return el('section', { class: 'screen narrow planner' },
    plannerHeader('Planner', null, null),
    el('div', { class: 'card empty-state', role: 'note', id: 'no-roles' },
      el('p', { class: 'empty-title', text: 'No role installed' }),
      el('p', { text: 'A plan follows a role hub\'s rounds and questions. Role hubs come from content packs: import one on the Packs screen, or show a hidden built-in pack again there.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn primary', text: 'Go to Packs', onclick: () => ctx.navigate('packs') }))));
}

export async function render(container, ctx, param) {
  let view;
  let roles;
  try {
    [view, roles] = await Promise.all([loadPlan(), api.listRoles()]);
  } catch (err) {
    container.append(el('section', { class: 'screen planner' }, plannerHeader('Planner', null, null), errorCard('The plan could not be made', err)));
    return;
  }
  const route = param === 'setup' || param === 'calendar' ? param : 'today';
  // "Plan my prep" from a hub passes the role id.
  const roleHint = route === 'today' && param ? param : null;

  if (!view.processes.length && !roles.length) {
    container.append(noRoles(ctx));
    return;
  }
  if (roleHint) {
    if (view.processes.some((p) => p.role_id === roleHint)) {
      await renderToday(container, ctx, view);
    } else if (!view.processes.length) {
      await renderFirstRun(container, ctx, roles, roleHint);
    } else {
      await renderInterviews(container, ctx, view, roles, roleHint);
    }
    return;
  }
  if (route === 'calendar') {
    await renderCalendar(container, ctx, view);
  } else if (route === 'setup') {
    if (view.processes.length) await renderInterviews(container, ctx, view, roles, null);
    else await renderFirstRun(container, ctx, roles, null);
  } else if (!view.processes.length && !ctx.settings.planner_onboarded) {
    await renderFirstRun(container, ctx, roles, null);
  } else {
    await renderToday(container, ctx, view);
  }
}


