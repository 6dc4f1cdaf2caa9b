// @ts-check
/**
 * Calendar dates as the course stores and links them: "YYYY-MM-DD", the
 * learner's local date (no time zone). Every input is untrusted: anything
 * that is not such a string gives null.
 *
 * Pure: no browser API (tests/js/ imports it). Texts are English (en-US).
 */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * @param {number} n
 * @returns {string}
 */
function pad(n) {
  return (n < 10 ? "0" : "") + n;
}

/**
 * "YYYY-MM-DD" of a local date.
 * @param {Date} d
 * @returns {string}
 */
export function isoDay(d) {
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

/**
 * Today's local date, "YYYY-MM-DD".
 * @param {Date} [now]
 * @returns {string}
 */
export function today(now) {
  return isoDay(now || new Date());
}

/**
 * The progress store's date check: the "YYYY-MM-DD" shape and a value Date
 * accepts (as store.js always did; "2026-02-31" passes), else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function cleanDate(value) {
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return null;
  const d = new Date(value + "T00:00:00");
  return isNaN(d.getTime()) ? null : value;
}

/**
 * "YYYY-MM-DD" of a real calendar date ("2026-02-31" is not), else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function calendarDate(value) {
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return null;
  const p = value.split("-").map(Number);
  const d = new Date(p[0], p[1] - 1, p[2]);
  return d.getFullYear() === p[0] && d.getMonth() === p[1] - 1 && d.getDate() === p[2] ? value : null;
}

/**
 * A due date: a real calendar date between 2000 and 2100, else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function cleanDue(value) {
  const day = calendarDate(value);
  if (!day) return null;
  const year = Number(day.slice(0, 4));
  return year >= 2000 && year <= 2100 ? day : null;
}

/**
 * Local midnight of a "YYYY-MM-DD" string (not validated: clean it first).
 * @param {string} value
 * @returns {Date}
 */
export function localDate(value) {
  const p = value.split("-").map(Number);
  return new Date(p[0], p[1] - 1, p[2]);
}

/**
 * "Friday, December 4, 2026".
 * @param {string} value a clean "YYYY-MM-DD"
 * @returns {string}
 */
export function longDate(value) {
  return localDate(value).toLocaleDateString("en-US", {
    weekday: "long", year: "numeric", month: "long", day: "numeric",
  });
}

/**
 * "December 4, 2026" for a stored date; "" when the value is not a date.
 * @param {unknown} iso
 * @returns {string}
 */
export function formatDate(iso) {
  const clean = cleanDate(iso);
  if (!clean) return "";
  try {
    const d = new Date(clean + "T00:00:00");
    return d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  } catch (e) {
    return clean;
  }
}

/**
 * Whole days from today (local) until the due date; negative when overdue.
 * @param {string} due a clean "YYYY-MM-DD"
 * @param {Date} [now]
 * @returns {number}
 */
export function daysLeft(due, now) {
  const at = now || new Date();
  const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  return Math.round((localDate(due).getTime() - start.getTime()) / 86400000);
}

/**
 * "Due Friday, December 4, 2026: 5 days left" (or "due today", "1 day overdue").
 * @param {string | null} due a clean "YYYY-MM-DD" or null
 * @param {Date} [now]
 * @returns {string}
 */
export function dueText(due, now) {
  if (!due) return "No due date";
  const days = daysLeft(due, now);
  const when = "Due " + longDate(due);
  if (days === 0) return when + ": due today";
  if (days === 1) return when + ": 1 day left";
  if (days > 1) return when + ": " + days + " days left";
  if (days === -1) return when + ": 1 day overdue";
  return when + ": " + -days + " days overdue";
}
