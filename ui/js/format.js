// Dates and durations as the user reads them, the same on every screen: dates in the system
// locale's own format (Intl.DateTimeFormat with no locale given), durations as "24 h 1 min".
// Days travel between the app's parts as "YYYY-MM-DD" and are read here as local dates.

const NBSP = '\u00a0';
const cache = new Map();

function formatter(options) {
  const key = JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(undefined, options));
  return cache.get(key);
}

const STYLES = {
  // "Mon, 21 Dec 2026" (en-GB) or "Mon, Dec 21, 2026" (en-US)
  full: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  // "Monday, 21 December 2026"
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  // "Mon, 21 Dec"
  short: { weekday: 'short', day: 'numeric', month: 'short' },
  // "21 Dec 2026"
  plain: { day: 'numeric', month: 'short', year: 'numeric' },
  // "21 Dec"
  dayMonth: { day: 'numeric', month: 'short' },
  // "December 2026"
  month: { month: 'long', year: 'numeric' },
  // "Dec"
  monthShort: { month: 'short' },
};

/** A "YYYY-MM-DD" day as a local date (no time zone shift); null when it is not one. */
export function parseDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day || ''));
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/** The "YYYY-MM-DD" of a local date. */
export function dayKey(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

export function todayKey() {
  return dayKey(new Date());
}

/** A day ("YYYY-MM-DD" or a Date) in the user's format; `style` is one of STYLES. */
export function formatDate(day, style = 'full') {
  const d = day instanceof Date ? day : parseDay(day);
  if (!d || Number.isNaN(d.getTime())) return String(day ?? '');
  return formatter(STYLES[style] || STYLES.full).format(d);
}

/** An instant (RFC 3339) as a date and a time of day. */
export function formatDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso || '');
  return formatter({ day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

/** Writes the ISO dates in a message from the backend ("moved from 2026-12-14 …") as dates. */
export function localiseDates(text, style = 'short') {
  return String(text ?? '').replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => (parseDay(iso) ? formatDate(iso, style) : iso));
}

/* ---------- the week ---------- */

let weekStartSetting = 'locale';

/** Called when settings load or change: "locale", "monday", "sunday" or "saturday". */
export function setWeekStart(value) {
  weekStartSetting = value || 'locale';
}

/** The first day of the week as 0 = Monday … 6 = Sunday: the setting, else the locale's. */
export function firstWeekday() {
  const chosen = { monday: 0, saturday: 5, sunday: 6 }[weekStartSetting];
  if (chosen !== undefined) return chosen;
  return localeFirstWeekday();
}

/** The locale's first day of the week (0 = Monday), Monday when the engine cannot tell. */
export function localeFirstWeekday() {
  try {
    const loc = new Intl.Locale(new Intl.DateTimeFormat().resolvedOptions().locale);
    const info = typeof loc.getWeekInfo === 'function' ? loc.getWeekInfo() : loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay - 1;
  } catch {
    // An engine without Intl.Locale week data: Monday, as ISO 8601 has it.
  }
  return 0;
}

/** Monday = 0 … Sunday = 6, of a local date. */
export function mondayIndex(date) {
  return (date.getDay() + 6) % 7;
}

/** Weekday indexes (0 = Monday) in the order the user's week runs. */
export function weekOrder() {
  const first = firstWeekday();
  return [0, 1, 2, 3, 4, 5, 6].map((i) => (first + i) % 7);
}

/** Weekday names in the user's language, Monday first: `style` is "long", "short" or "narrow". */
export function weekdayNames(style = 'long') {
  // 1 January 2024 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((i) => formatter({ weekday: style }).format(new Date(2024, 0, 1 + i)));
}

/* ---------- durations ---------- */

/** Minutes as "45 min", "2 h", "24 h 1 min"; the spaces do not break, so it never wraps. */
export function minutesText(total) {
  const m = Math.max(0, Math.round(Number(total) || 0));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (!h) return `${rest}${NBSP}min`;
  return rest ? `${h}${NBSP}h${NBSP}${rest}${NBSP}min` : `${h}${NBSP}h`;
}

/** Seconds as "40 s" below a minute, else as minutesText. */
export function secondsText(totalSeconds) {
  const s = Math.max(0, Math.round(Number(totalSeconds) || 0));
  return s < 60 ? `${s}${NBSP}s` : minutesText(s / 60);
}
