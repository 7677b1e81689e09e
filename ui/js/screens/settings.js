import * as api from '../api.js';
import { syncGroup } from './settings-sync.js';
import { el, clear, pageHeader, toast } from '../dom.js';
import { formatDate, localeFirstWeekday, weekOrder, weekdayNames, minutesText } from '../format.js';

const THEMES = [
  { value: 'system', label: 'Follow system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEK_STARTS = [
  { value: 'locale', label: () => `As the system has it (${weekdayNames('long')[localeFirstWeekday()]})` },
  { value: 'monday', label: () => weekdayNames('long')[0] },
  { value: 'sunday', label: () => weekdayNames('long')[6] },
  { value: 'saturday', label: () => weekdayNames('long')[5] },
];

/** First day of the week for calendars and date pickers, saved as soon as it is chosen. */
function weekStartGroup(ctx) {
  const status = el('p', { class: 'field-status', role: 'status', id: 'week-start-status' });
  const select = el('select', { id: 'week-start' },
    WEEK_STARTS.map((w) => el('option', { value: w.value, selected: (ctx.settings.week_start || 'locale') === w.value, text: w.label() })));
  select.addEventListener('change', async () => {
    try {
      await ctx.saveSettings({ week_start: select.value });
      status.textContent = `Weeks start on ${weekdayNames('long')[weekOrder()[0]]}.`;
      status.className = 'field-status ok';
    } catch (err) {
      status.textContent = err.message;
      status.className = 'field-status error';
    }
  });
  return el('section', { class: 'card field-group', id: 'dates-group' },
    el('h2', { text: 'Dates' }),
    el('p', { class: 'muted', text: `Dates are written as your system writes them, for example ${formatDate(new Date(), 'full')}.` }),
    el('div', { class: 'field-row' },
      el('label', { for: 'week-start', text: 'First day of the week' }), select),
    status);
}

export function render(container, ctx) {
  const s = ctx.settings;

  const themeGroup = el('fieldset', { class: 'card field-group' },
    el('legend', { text: 'Theme' }),
    el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Theme' },
      THEMES.map((t) => el('label', { class: 'segment' },
        el('input', {
          type: 'radio', name: 'theme', value: t.value, checked: s.theme === t.value,
          id: `theme-${t.value}`,
          onchange: async () => {
            try {
              await ctx.saveSettings({ theme: t.value });
              toast(`Theme: ${t.label}`);
            } catch (err) { toast(err.message, 'error'); }
          },
        }),
        el('span', { text: t.label })))));

  const status = el('p', { class: 'field-status', role: 'status', id: 'minutes-status' });
  const inputs = DAYS.map((day, i) => el('input', {
    type: 'number', min: '0', max: '960', step: '5', value: String(s.weekday_minutes[i]),
    id: `minutes-${i}`, 'aria-label': `${day} study minutes`, inputmode: 'numeric',
  }));
  const total = el('p', { class: 'muted' });
  const showTotal = () => {
    const sum = inputs.reduce((acc, inp) => acc + (Number(inp.value) || 0), 0);
    total.textContent = `${minutesText(sum)} a week`;
  };
  showTotal();
  const minutesForm = el('form', {
    class: 'card field-group',
    novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      const values = inputs.map((inp) => Number(inp.value));
      const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0);
      if (bad >= 0) {
        status.textContent = `${DAYS[bad]}: enter whole minutes, 0 or more.`;
        status.className = 'field-status error';
        inputs[bad].focus();
        return;
      }
      try {
        await ctx.saveSettings({ weekday_minutes: values });
        status.textContent = 'Saved.';
        status.className = 'field-status ok';
      } catch (err) {
        status.textContent = err.message;
        status.className = 'field-status error';
      }
    },
  },
  el('h2', { text: 'Study time per weekday' }),
  el('p', { class: 'muted', text: 'The planner fits each day\'s tasks into these minutes.' }),
  el('div', { class: 'week-grid' },
    weekOrder().map((i) => el('label', { class: 'week-day', for: `minutes-${i}` },
      el('span', { text: weekdayNames('short')[i] }), inputs[i]))),
  total,
  el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn primary', text: 'Save study time' })),
  status);
  minutesForm.addEventListener('input', showTotal);

  const about = el('section', { class: 'card field-group' },
    el('h2', { text: 'Your data' }),
    el('p', { text: 'Everything stays on this computer. Nothing is sent anywhere.' }),
    el('p', {}, 'Data folder: ', el('code', { id: 'data-dir', text: ctx.status.data_dir })),
    el('p', { class: 'muted', id: 'active-role-line', text: 'Active role: …' }));
  // The active role by its title; every screen shows this one (active-role.js).
  api.listRoles().then((roles) => {
    const active = roles.find((r) => r.id === ctx.settings.active_role);
    about.querySelector('#active-role-line').textContent = active
      ? `Active role: ${active.title} (${active.level}). Practice, Progress, the role hub and the planner open on it.`
      : 'Active role: none yet. Opening a role hub or Practice makes one active.';
  }).catch(() => {});

  container.append(el('section', { class: 'screen narrow' },
    pageHeader('Settings', 'Appearance, weekly study time, practice, backups and where your data lives.'),
    themeGroup, weekStartGroup(ctx), minutesForm, practiceGroup(ctx), backupGroup(ctx), syncGroup(), resetGroup(ctx), about));
}

function practiceGroup(ctx) {
  return el('fieldset', { class: 'card field-group' },
    el('legend', { text: 'Practice' }),
    el('label', { class: 'check-row' },
      el('input', {
        type: 'checkbox', id: 'interview-mode', checked: ctx.settings.interview_mode,
        onchange: async (ev) => {
          try {
            await ctx.saveSettings({ interview_mode: ev.target.checked });
            toast(ev.target.checked ? 'Interview mode on' : 'Interview mode off');
          } catch (err) { toast(err.message, 'error'); }
        },
      }),
      el('span', { text: 'Interview mode: hide difficulty, tags and hints until I have answered' })));
}

function problemList(err) {
  const problems = err.problems || [];
  return el('div', { class: 'notice notice-error', role: 'alert' },
    el('p', { class: 'notice-title', text: err.message }),
    problems.length
      ? el('ol', { class: 'problem-list' }, problems.map((p) => el('li', {},
        el('code', { text: p.path }), ' ', p.message)))
      : null);
}

function backupGroup(ctx) {
  const status = el('div', { class: 'field-status', role: 'status', id: 'backup-status' });
  const list = el('ul', { class: 'backup-list', id: 'backup-list' });
  const say = (node) => { clear(status); status.append(node); };
  const fill = async () => {
    clear(list);
    try {
      const files = await api.listBackups();
      if (!files.length) {
        list.append(el('li', { class: 'muted', text: 'No copy yet: the first is made when the app starts.' }));
      }
      for (const f of files) {
        const confirmRow = el('div', { class: 'confirm-box', hidden: true },
          el('p', { text: `Replace everything with the copy of ${formatDate(f.date)}? Work since then is lost (a copy of the current state is kept as before-restore.sqlite3 in the backups folder).` }),
          el('button', {
            type: 'button', class: 'btn danger-fill', text: 'Restore this copy',
            onclick: async () => {
              try {
                await api.restoreBackup(f.file);
                say(el('p', { class: 'field-status ok', text: `Restored the copy of ${formatDate(f.date)}.` }));
                confirmRow.hidden = true;
              } catch (err) { say(problemList(err)); }
            },
          }),
          el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: () => { confirmRow.hidden = true; } }));
        list.append(el('li', { dataset: { date: f.date } },
          el('span', { text: `${formatDate(f.date)} · ${(f.bytes / 1024 / 1024).toFixed(1)} MiB` }),
          el('button', { type: 'button', class: 'btn small', text: 'Restore…', onclick: () => { confirmRow.hidden = false; } }),
          confirmRow));
      }
    } catch (err) { say(problemList(err)); }
  };
  fill();
  const importAs = (mode) => async () => {
    try {
      const report = await api.importProgress(mode);
      if (!report) return;
      const added = Object.values(report.added).reduce((a, b) => a + b, 0);
      say(el('p', { class: 'field-status ok', text: mode === 'replace'
        ? `Progress replaced: ${added} records imported.`
        : `Merged: ${added} records added, ${report.skipped} already here.` }));
    } catch (err) { say(problemList(err)); }
  };
  return el('section', { class: 'card field-group', id: 'backups' },
    el('h2', { text: 'Backups' }),
    el('p', { class: 'muted', text: 'A copy of the database is made once a day when the app starts; the last 7 are kept.' }),
    list,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn', text: 'Make a copy now',
        onclick: async () => {
          try { await api.backupNow(); await fill(); say(el('p', { class: 'field-status ok', text: 'Copy made.' })); } catch (err) { say(problemList(err)); }
        } }),
      el('button', { type: 'button', class: 'btn primary', text: 'Export all progress…',
        onclick: async () => {
          try {
            const r = await api.exportProgress();
            if (r) say(el('p', { class: 'field-status ok', text: `Saved ${r.rows} records to ${r.path}` }));
          } catch (err) { say(problemList(err)); }
        } }),
      el('button', { type: 'button', class: 'btn', text: 'Import and merge…', onclick: importAs('merge') }),
      el('button', { type: 'button', class: 'btn', text: 'Import and replace…', onclick: importAs('replace') })),
    status);
}

function resetGroup(ctx) {
  const select = el('select', { id: 'reset-role', 'aria-label': 'Role to reset' });
  const status = el('div', { class: 'field-status', role: 'status' });
  const confirmBox = el('div', { class: 'confirm-box', hidden: true });
  api.listRoles().then((roles) => {
    for (const r of roles) select.append(el('option', { value: r.id, text: r.title, selected: r.id === ctx.settings.active_role }));
  }).catch((err) => { status.textContent = err.message; });
  return el('section', { class: 'card field-group' },
    el('h2', { text: 'Reset a role\'s progress' }),
    el('p', { class: 'muted', text: 'Deletes ratings, notes, drafts, flags, mocks and checklist ticks of one role. Your own questions, STAR stories and interviews stay.' }),
    el('div', { class: 'actions' }, select,
      el('button', { type: 'button', class: 'btn danger', text: 'Reset…',
        onclick: async () => {
          try {
            const impact = await api.roleProgressImpact(select.value);
            clear(confirmBox);
            confirmBox.append(
              el('p', { text: `This deletes ${impact.reviews} ratings, ${impact.notes} notes, ${impact.drafts} drafts, ${impact.flags} flags, ${impact.mocks} mocks and ${impact.checklist} checklist ticks. Export your progress first if you may want them back.` }),
              el('button', { type: 'button', class: 'btn danger-fill', text: 'Delete this progress',
                onclick: async () => {
                  try {
                    await api.resetRoleProgress(select.value);
                    confirmBox.hidden = true;
                    status.textContent = 'Progress reset.';
                  } catch (err) { status.textContent = err.message; }
                } }),
              el('button', { type: 'button', class: 'btn', text: 'Cancel', onclick: () => { confirmBox.hidden = true; } }));
            confirmBox.hidden = false;
          } catch (err) { status.textContent = err.message; }
        } })),
    confirmBox, status);
}
