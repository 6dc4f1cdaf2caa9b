// @ts-check
/**
 * Spaced review (issue 15, item 6): which answered questions are due, and the
 * schedule after each review.
 *
 * The schedule is an expanding one, as in the Leitner system (Leitner 1972;
 * the spacing effect: Cepeda et al. 2006, "Distributed practice in verbal
 * recall tasks", Psychological Bulletin 132(3)): a question comes back 1 day
 * after it was first answered, then 3, 7 and 21 days after each right review;
 * a wrong review sends it back to 1 day. After a right review at 21 days it
 * keeps coming back every 21 days.
 *
 * Every question a learner answered in a lesson (its first attempt, in
 * progress.lessons[id].answers) is on the schedule. Its review state, once it
 * has been reviewed, is stored under progress.reviews (lib/state.js):
 *
 *   "<lesson id>#<quiz id>": {"step": 0-3, "due": "YYYY-MM-DD",
 *                             "last": "YYYY-MM-DD", "lapses": 0}
 *
 * Without a stored state a question is at step 0, due the day after its first
 * attempt. Dates are the learner's local days (lib/dates.js).
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import { cleanDate, isoDay } from "./dates.js";
import { cleanId } from "./ids.js";

/** Days until the next review after a right answer at each step (0-based). */
export const INTERVALS = [1, 3, 7, 21];
/** A review key: "<lesson id>#quiz-N". */
const KEY = /^([^#]+)#(quiz-(?:0|[1-9]\d{0,2}))$/;

/**
 * @typedef {object} ReviewState
 * @property {number} step index into INTERVALS of the interval that led to `due`
 * @property {string} due "YYYY-MM-DD"
 * @property {string | null} last "YYYY-MM-DD" of the last review
 * @property {number} lapses wrong reviews so far
 */
/**
 * @typedef {object} DueItem
 * @property {string} key "<lesson id>#<quiz id>"
 * @property {string} lesson
 * @property {string} quiz
 * @property {string} due
 * @property {number} step
 */

/**
 * "YYYY-MM-DD" plus `days` (local calendar days).
 * @param {string} day
 * @param {number} days
 * @returns {string}
 */
export function addDays(day, days) {
  const p = day.split("-").map(Number);
  return isoDay(new Date(p[0], p[1] - 1, p[2] + days));
}

/**
 * The review key of a question, or null when it is not one.
 * @param {unknown} key
 * @returns {{lesson: string, quiz: string} | null}
 */
export function parseKey(key) {
  if (typeof key !== "string") return null;
  const m = KEY.exec(key);
  return m && cleanId(m[1]) ? { lesson: m[1], quiz: m[2] } : null;
}

/**
 * One stored review state, repaired, or null.
 * @param {unknown} value
 * @returns {ReviewState | null}
 */
export function cleanReview(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = /** @type {Record<string, unknown>} */ (value);
  const due = cleanDate(raw.due);
  if (!due) return null;
  const step = typeof raw.step === "number" && Number.isInteger(raw.step) ? Math.min(Math.max(raw.step, 0), INTERVALS.length - 1) : 0;
  const lapses = typeof raw.lapses === "number" && Number.isInteger(raw.lapses) && raw.lapses >= 0 ? Math.min(raw.lapses, 1000) : 0;
  return { step, due, last: cleanDate(raw.last), lapses };
}

/**
 * Merge two states of one question (two tabs, an import): the later review wins
 * (then the later due day), so the merge is order-free.
 * @param {ReviewState | null | undefined} a
 * @param {ReviewState | null | undefined} b
 * @returns {ReviewState | null}
 */
export function mergeReview(a, b) {
  if (!a) return b || null;
  if (!b) return a;
  const la = a.last || "";
  const lb = b.last || "";
  if (la !== lb) return la > lb ? a : b;
  if (a.due !== b.due) return a.due > b.due ? a : b;
  return a.step >= b.step ? a : b;
}

/**
 * The state after a review.
 * @param {ReviewState | null} state before (null: never reviewed)
 * @param {boolean} correct
 * @param {string} today "YYYY-MM-DD"
 * @returns {ReviewState}
 */
export function afterReview(state, correct, today) {
  const before = state || { step: 0, due: today, last: null, lapses: 0 };
  if (!correct) return { step: 0, due: addDays(today, INTERVALS[0]), last: today, lapses: before.lapses + 1 };
  const step = state ? Math.min(before.step + 1, INTERVALS.length - 1) : 1;
  return { step, due: addDays(today, INTERVALS[step]), last: today, lapses: before.lapses };
}

/**
 * Every scheduled question, soonest first (ties in lesson order).
 * @param {{lessons: Record<string, {answers?: Record<string, {at: string | null}>}>,
 *          reviews?: Record<string, ReviewState>}} state
 * @param {string[]} order lesson ids in course order (only these count)
 * @returns {DueItem[]}
 */
export function schedule(state, order) {
  /** @type {DueItem[]} */
  const items = [];
  const reviews = state.reviews || {};
  order.forEach(function (lesson) {
    const record = state.lessons[lesson];
    const answers = record && record.answers ? record.answers : {};
    Object.keys(answers).forEach(function (quiz) {
      const key = lesson + "#" + quiz;
      const stored = Object.prototype.hasOwnProperty.call(reviews, key) ? reviews[key] : null;
      const at = answers[quiz].at;
      const first = at ? isoDay(new Date(at)) : null;
      const due = stored ? stored.due : first ? addDays(first, INTERVALS[0]) : null;
      if (due) items.push({ key: key, lesson: lesson, quiz: quiz, due: due, step: stored ? stored.step : 0 });
    });
  });
  return items.map(function (item, i) { return { item: item, i: i }; })
    .sort(function (a, b) { return a.item.due < b.item.due ? -1 : a.item.due > b.item.due ? 1 : a.i - b.i; })
    .map(function (x) { return x.item; });
}

/**
 * The questions due on or before `today`.
 * @param {Parameters<typeof schedule>[0]} state
 * @param {string[]} order
 * @param {string} today
 * @returns {DueItem[]}
 */
export function dueItems(state, order, today) {
  return schedule(state, order).filter(function (item) { return item.due <= today; });
}

/**
 * The next day with a review after `today`, or null.
 * @param {Parameters<typeof schedule>[0]} state
 * @param {string[]} order
 * @param {string} today
 * @returns {string | null}
 */
export function nextReviewDay(state, order, today) {
  const later = schedule(state, order).filter(function (item) { return item.due > today; });
  return later.length ? later[0].due : null;
}
