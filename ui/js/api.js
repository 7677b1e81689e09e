// The only module that talks to the Rust side. Every call returns a promise; failures
// reject with an ApiError carrying the backend's {kind, message}.

const tauri = window.__TAURI__;

export class ApiError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

async function call(command, args = {}) {
  if (!tauri || !tauri.core) {
    throw new ApiError('unavailable', 'Prep Hub must be opened as the desktop app, not in a browser.');
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === 'object' && 'kind' in err) {
      throw new ApiError(err.kind, err.message);
    }
    throw new ApiError('unknown', String(err));
  }
}

export const appStatus = () => call('app_status');
export const getSettings = () => call('get_settings');
export const updateSettings = (patch) => call('update_settings', { patch });

// Role hubs
export const listRoles = () => call('list_roles');
export const getRole = (roleId) => call('get_role', { roleId });
export const search = (query) => call('search', { query });
export const setChecklistTick = (roleId, itemId, ticked) => call('set_checklist_tick', { roleId, itemId, ticked });

// Packs
export const listPacks = () => call('list_packs');
export const choosePackFile = () => call('choose_pack_file');
export const previewPackFile = (path) => call('preview_pack_file', { path });
export const importPackFile = (path, reinstall = false) => call('import_pack_file', { path, reinstall });
export const packRemovalImpact = (packId) => call('pack_removal_impact', { packId });
export const removePack = (packId) => call('remove_pack', { packId });
export const setPackHidden = (packId, hidden) => call('set_pack_hidden', { packId, hidden });

/** Calls `handler(paths)` when files are dropped on the window. */
export function onFilesDropped(handler) {
  if (!tauri || !tauri.event) return () => {};
  let unlisten = () => {};
  tauri.event.listen('pack-files-dropped', (ev) => handler(ev.payload)).then((fn) => { unlisten = fn; });
  return () => unlisten();
}
