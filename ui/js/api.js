// The only module that talks to the Rust side. Every call returns a promise; failures
// reject with an ApiError carrying the backend's {kind, message}.

const tauri = window.__TAURI__;

export class ApiError extends Error {
  constructor(kind, message, problems = []) {
    super(message);
    this.kind = kind;
    // Invalid packs and backups list every problem with its JSON path.
    this.problems = problems;
  }
}

// Calls still waiting for the backend, on <body data-pending>: the page is settled when it is 0
// (the end-to-end tests wait for that instead of sleeping).
let pending = 0;
function setPending(delta) {
  pending += delta;
  document.body.dataset.pending = String(pending);
}

async function call(command, args = {}) {
  if (!tauri || !tauri.core) {
    throw new ApiError('unavailable', 'Prep Hub must be opened as the desktop app, not in a browser.');
  }
  setPending(1);
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === 'object' && 'kind' in err) {
      throw new ApiError(err.kind, err.message, err.problems || []);
    }
    throw new ApiError('unknown', String(err));
  } finally {
    // After the caller's continuation has run, so work it starts on the result counts first.
    setTimeout(() => setPending(-1), 0);
  }
}

export const appStatus = () => call('app_status');
export const firstPaint = () => call('first_paint');
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

// Practice and progress
export const startPractice = (roleId, scope) => call('start_practice', { roleId, scope });
export const rateQuestion = (sessionId, roleId, questionId, rating, seconds) =>
  call('rate_question', { sessionId, roleId, questionId, rating, seconds });
export const undoRating = (sessionId) => call('undo_rating', { sessionId });
export const endPractice = (sessionId) => call('end_practice', { sessionId });
export const getPracticeQuestion = (roleId, questionId) => call('get_practice_question', { roleId, questionId });
export const saveNote = (roleId, questionId, body) => call('save_note', { roleId, questionId, body });
export const setFlag = (roleId, questionId, flag, on) => call('set_flag', { roleId, questionId, flag, on });
export const saveDraft = (roleId, questionId, body) => call('save_draft', { roleId, questionId, body });
export const reviewHistory = (roleId, limit = 50) => call('review_history', { roleId, limit });
export const listOwnQuestions = (roleId) => call('list_own_questions', { roleId });
export const saveOwnQuestion = (roleId, question) => call('save_own_question', { roleId, question });
export const deleteOwnQuestion = (roleId, id) => call('delete_own_question', { roleId, id });
export const exportOwnPack = () => call('export_own_pack');
export const listStories = () => call('list_stories');
export const saveStory = (story) => call('save_story', { story });
export const deleteStory = (id) => call('delete_story', { id });
export const storyCoverage = (roleId) => call('story_coverage', { roleId });
export const mockFlow = (roleId, roundId) => call('mock_flow', { roleId, roundId });
export const saveMock = (mock) => call('save_mock', { mock });
export const listMocks = (roleId) => call('list_mocks', { roleId });
export const progressOverview = (roleId) => call('progress_overview', { roleId });
export const readinessByRole = () => call('readiness_by_role');
export const practiceCounts = (roleId) => call('practice_counts', { roleId });

// Backups
export const exportProgress = () => call('export_progress');
export const importProgress = (mode) => call('import_progress', { mode });
export const listBackups = () => call('list_backups');
export const backupNow = () => call('backup_now');
export const restoreBackup = (file) => call('restore_backup', { file });
export const restoreOverDamaged = (file) => call('restore_over_damaged', { file });
export const roleProgressImpact = (roleId) => call('role_progress_impact', { roleId });
export const resetRoleProgress = (roleId) => call('reset_role_progress', { roleId });

// Planner
export const getPlan = () => call('get_plan');
export const acknowledgePlanChanges = () => call('acknowledge_plan_changes');
export const saveProcess = (process) => call('save_process', { process });
export const deleteProcess = (id) => call('delete_process', { id });
export const setPlanDay = (date, minutes, note = '') => call('set_plan_day', { date, minutes, note });
export const setTaskDone = (key, date, minutes, done) => call('set_task_done', { key, date, minutes, done });
export const saveDebrief = (debrief) => call('save_debrief', { debrief });
export const exportPlanIcs = () => call('export_plan_ics');

// Importing questions (CSV, TSV, Anki) and tailoring to a job posting
export const chooseQuestionFile = () => call('choose_question_file');
export const previewQuestionFile = (path) => call('preview_question_file', { path });
export const checkQuestionImport = (request) => call('check_question_import', { request });
export const importQuestions = (request) => call('import_questions', { request });
export const getTailoring = (processId) => call('get_tailoring', { processId });
export const savePosting = (processId, text, source = '') => call('save_posting', { processId, text, source });
export const deletePosting = (processId) => call('delete_posting', { processId });
export const choosePostingFile = () => call('choose_posting_file');
export const readPostingFile = (path) => call('read_posting_file', { path });
export const addGapQuestions = (processId, questions) => call('add_gap_questions', { processId, questions });

// Interview logistics: invites, offers, sync through a folder
export const chooseInviteFile = () => call('choose_invite_file');
export const readInviteFile = (path) => call('read_invite_file', { path });
export const previewInvite = (processId, text) => call('preview_invite', { processId, text });
export const applyInvite = (processId, text, assignments) => call('apply_invite', { processId, text, assignments });
export const setRoundLocation = (processId, roundId, location) => call('set_round_location', { processId, roundId, location });
export const getOffer = (processId) => call('get_offer', { processId });
export const saveOffer = (processId, offer) => call('save_offer', { processId, offer });
export const deleteOffer = (processId) => call('delete_offer', { processId });
export const getSyncStatus = () => call('get_sync_status');
export const chooseSyncFolder = () => call('choose_sync_folder');
export const setSyncFolder = (folder) => call('set_sync_folder', { folder });
export const setDeviceName = (name) => call('set_device_name', { name });
export const syncNow = () => call('sync_now');
