// @ts-check
/**
 * The learner's progress state: its shape, its validation and repair, and how
 * two records of one lesson are merged. store.js keeps it in localStorage;
 * this module only handles values.
 *
 * Shape (version 1), stored as JSON under anatomy.progressKey ("sac:progress:v1"):
 *
 *   {
 *     "version": 1,
 *     "lessons": {
 *       "<lesson id>": {                     // id = "<module>/<slug>", see src/course/model.py
 *         "status": "in-progress" | "complete",
 *         "answered": 0,                      // quizzes answered on the lesson page
 *         "correct": 0,                       // of those, answered correctly
 *         "total": 0,                         // quizzes on the lesson page
 *         "completedAt": "2026-11-29",        // local date the lesson became complete
 *         "updatedAt": "2026-11-29T10:00:00.000Z"
 *       }
 *     },
 *     "learner": { "name": "" }             // typed for certificates and reports
 *   }
 *
 * "not-started" is never stored: a lesson without a record has not been started.
 * Every stored value is untrusted: cleanState() validates and repairs any parsed
 * value and drops what cannot be repaired (unknown versions give an empty state,
 * ids that are not lesson ids and records that are not objects are dropped,
 * counts outside 0..1000 become 0, names lose control characters and are capped
 * at anatomy.learnerNameChars, at most MAX_LESSONS records are kept). It never
 * throws.
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { cleanId } from "./ids.js";
import { cleanDate } from "./dates.js";

/** @typedef {"in-progress" | "complete"} StoredStatus */
/** @typedef {StoredStatus | "not-started"} LessonStatus */
/**
 * @typedef {object} LessonRecord
 * @property {StoredStatus} status
 * @property {number} answered
 * @property {number} correct
 * @property {number} total
 * @property {string | null} completedAt "YYYY-MM-DD" when complete, else null
 * @property {string | null} updatedAt ISO 8601 time
 */
/**
 * @typedef {object} ProgressState
 * @property {1} version
 * @property {Record<string, LessonRecord>} lessons
 * @property {{name: string}} learner
 */

/** At most this many lesson records are kept (a course has far fewer lessons). */
export const MAX_LESSONS = 500;
/** Counts above this are not real quiz counts: they become 0. */
const MAX_COUNT = 1000;
/** @type {Record<string, true>} */
const STATUSES = { "in-progress": true, complete: true };

/** @returns {ProgressState} */
export function emptyState() {
  return { version: 1, lessons: {}, learner: { name: "" } };
}

/**
 * @param {unknown} n
 * @returns {number}
 */
function cleanCount(n) {
  return typeof n === "number" && isFinite(n) && n >= 0 && n <= MAX_COUNT ? Math.floor(n) : 0;
}

/**
 * A name for certificates and reports: control characters become spaces,
 * trimmed, capped at anatomy.learnerNameChars; "" for anything but a string.
 * @param {unknown} value
 * @returns {string}
 */
export function cleanName(value) {
  if (typeof value !== "string") return "";
  return value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, anatomy.learnerNameChars);
}

/**
 * One lesson record, repaired, or null when it cannot be (not an object, or a
 * status other than "in-progress" / "complete"). A "complete" record without a
 * valid completion date becomes "in-progress"; correct never exceeds answered.
 * @param {unknown} value
 * @returns {LessonRecord | null}
 */
export function cleanRecord(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = /** @type {Record<string, unknown>} */ (value);
  if (typeof raw.status !== "string" || !STATUSES[raw.status]) return null;
  /** @type {LessonRecord} */
  const record = {
    status: /** @type {StoredStatus} */ (raw.status),
    answered: cleanCount(raw.answered),
    correct: cleanCount(raw.correct),
    total: cleanCount(raw.total),
    completedAt: cleanDate(raw.completedAt),
    updatedAt: typeof raw.updatedAt === "string" && !isNaN(Date.parse(raw.updatedAt))
      ? new Date(raw.updatedAt).toISOString() : null,
  };
  if (record.correct > record.answered) record.correct = record.answered;
  if (record.status === "complete" && !record.completedAt) record.status = "in-progress";
  if (record.status !== "complete") record.completedAt = null;
  return record;
}

/**
 * Validate any parsed value into a state object; never throws.
 * @param {unknown} value
 * @returns {ProgressState}
 */
export function cleanState(value) {
  const state = emptyState();
  if (!value || typeof value !== "object") return state;
  const raw = /** @type {Record<string, any>} */ (value);
  if (raw.version !== 1) return state;
  const lessons = raw.lessons && typeof raw.lessons === "object" ? raw.lessons : {};
  let count = 0;
  Object.keys(lessons).forEach(function (id) {
    if (count >= MAX_LESSONS) return;
    const clean = cleanId(id);
    const record = clean && cleanRecord(lessons[id]);
    if (clean && record) {
      state.lessons[clean] = record;
      count += 1;
    }
  });
  if (raw.learner && typeof raw.learner === "object") {
    state.learner.name = cleanName(raw.learner.name);
  }
  return state;
}

/**
 * Parse stored text into a state; corrupted JSON gives an empty state.
 * @param {string | null} text
 * @returns {ProgressState}
 */
export function parseState(text) {
  if (!text) return emptyState();
  try {
    return cleanState(JSON.parse(text));
  } catch (e) {
    return emptyState(); // corrupted JSON: start fresh rather than fail
  }
}

/**
 * Of two records of one lesson, the one that shows more progress (used by
 * import and id migration): complete beats in progress, then more questions
 * answered, then the later update. When both are complete the earlier
 * completion date is kept.
 * @template {LessonRecord | null | undefined} A
 * @template {LessonRecord | null | undefined} B
 * @param {A} a
 * @param {B} b
 * @returns {A | B}
 */
export function better(a, b) {
  if (!a) return b;
  if (!b) return a;
  /** @param {LessonRecord} r */
  const rank = function (r) {
    return r.status === "complete" ? 1 : 0;
  };
  const winner = rank(a) !== rank(b) ? (rank(a) > rank(b) ? a : b)
    : a.answered !== b.answered ? (a.answered > b.answered ? a : b)
    : String(a.updatedAt || "") >= String(b.updatedAt || "") ? a : b;
  const result = Object.assign({}, winner);
  if (a.status === "complete" && b.status === "complete" && a.completedAt && b.completedAt) {
    result.completedAt = a.completedAt < b.completedAt ? a.completedAt : b.completedAt;
  }
  return result;
}
