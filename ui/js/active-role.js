// One active role for every screen. The role hub, Practice, Progress, the planner's first run and
// Settings all show `settings.active_role` when that role is installed; when it is not (nothing
// chosen yet, or its pack was removed), the first installed role becomes the active one, so no
// screen says "no role chosen" while another already shows one.

import { toast } from './dom.js';

/** The role to show: the one asked for (a link, a picker), else the active one, else the first. */
export function resolveRole(roles, ctx, wanted) {
  const has = (id) => id && roles.some((r) => r.id === id);
  if (has(wanted)) return wanted;
  if (has(ctx.settings?.active_role)) return ctx.settings.active_role;
  return roles.length ? roles[0].id : null;
}

/** Makes `roleId` the active role (saved in settings) when it is not already. */
export async function makeActive(ctx, roleId) {
  if (!roleId || !ctx.settings || ctx.settings.active_role === roleId) return;
  try {
    await ctx.saveSettings({ active_role: roleId });
  } catch (err) {
    toast(`Could not remember the role: ${err.message}`, 'error');
  }
}
