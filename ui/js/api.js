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
