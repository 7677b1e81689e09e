import { el, pageHeader, toast } from '../dom.js';

const THEMES = [
  { value: 'system', label: 'Follow system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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
    total.textContent = `${Math.floor(sum / 60)} h ${sum % 60} min a week`;
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
    DAYS.map((day, i) => el('label', { class: 'week-day', for: `minutes-${i}` },
      el('span', { text: day.slice(0, 3) }), inputs[i]))),
  total,
  el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'btn primary', text: 'Save study time' })),
  status);
  minutesForm.addEventListener('input', showTotal);

  const about = el('section', { class: 'card field-group' },
    el('h2', { text: 'Your data' }),
    el('p', { text: 'Everything stays on this computer. Nothing is sent anywhere.' }),
    el('p', {}, 'Data folder: ', el('code', { id: 'data-dir', text: ctx.status.data_dir })),
    el('p', { class: 'muted', text: `Active role: ${s.active_role ?? 'none chosen yet'}` }));

  container.append(el('section', { class: 'screen narrow' },
    pageHeader('Settings', 'Appearance, weekly study time and where your data lives.'),
    themeGroup, minutesForm, about));
}
