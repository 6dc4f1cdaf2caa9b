// @ts-check
/**
 * The learner's progress state: its shape, its validation and repair, and how
 * two copies of it are merged. store.js keeps it in localStorage; this module
 * only handles values.
 *
 * Shape (version 2), stored as JSON under "<site path>.sac:progress" (store.js):
 *
 *   {
 *     "version": 2,
 *     "lessons": {
 *       "<lesson id>": {                     // id = "<module>/<slug>", see src/course/model.py
 *         "status": "in-progress" | "complete",
 *         "answered": 0,                      // quizzes answered on the lesson page
 *         "correct": 0,                       // of those, answered correctly (first attempt)
 *         "total": 0,                         // quizzes on the lesson page
 *         "completedAt": "2026-11-29",        // local date the lesson became complete
 *         "updatedAt": "2026-11-29T10:00:00.000Z",
 *         "answers": {                        // first attempt per quiz, by the quiz's element id
 *           "quiz-0": { "correct": false, "at": "2026-11-29T10:00:00.000Z", "recovered": true }
 *         }
 *       }
 *     },
 *     "retired": { "<lesson id>": <record> }, // lessons this course no longer has: kept, never counted
 *     "reviews": {                            // spaced review, once a question was reviewed (lib/review.js)
 *       "<lesson id>#quiz-0": { "step": 1, "due": "2026-12-04", "last": "2026-12-01", "lapses": 0 }
 *     },
 *     "assessments": {                        // module checks (by module id) and "final"
 *       "connection": { "attempts": 2, "first": <result>, "best": <result> }  // lib/assessment.js
 *     },
 *     "learner": { "name": "", "updatedAt": null }  // typed for certificates and reports
 *   }
 *
 * Version 1 (stored under "sac:progress:v1" until this round) had the same
 * records without "answers" and "retired", and a learner without "updatedAt";
 * cleanState() reads it as version 2.
 *
 * "not-started" is never stored: a lesson without a record has not been started.
 * Every stored value is untrusted: cleanState() validates and repairs any parsed
 * value and drops what cannot be repaired (ids that are not lesson ids, records
 * that are not objects, counts outside 0..1000 become 0, names lose control,
 * bidirectional and zero-width characters and are capped at
 * anatomy.learnerNameChars). It never throws. readState() also says whether the
 * text was empty, corrupted or written by a newer version, which store.js must
 * then never overwrite.
 *
 * Merging (mergeStates, mergeRecords) is what keeps two tabs, two devices or an
 * import from losing anything: for each lesson the record showing more progress
 * wins (complete, then more answered, then more correct, then the later
 * update), first attempts of both are kept (the earlier one per quiz; a later
 * right answer after a wrong first one marks it "recovered"), and the counts
 * never fall below what the kept answers show. The merge is
 * commutative, associative and idempotent, so copies that merge each other's
 * changes reach the same value.
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { cleanId } from "./ids.js";
import { cleanDate } from "./dates.js";
import { cleanAssessment, mergeAssessments } from "./assessment.js";
import { cleanReview, mergeReview, parseKey } from "./review.js";

/** @typedef {"in-progress" | "complete"} StoredStatus */
/** @typedef {StoredStatus | "not-started"} LessonStatus */
/**
 * @typedef {object} Answer
 * @property {boolean} correct whether the first attempt was right
 * @property {string | null} at ISO 8601 time of the first attempt
 * @property {boolean} recovered a later attempt was right after a wrong first one
 *   (learned on a retry; scores count the first attempt only)
 */
/**
 * @typedef {object} LessonRecord
 * @property {StoredStatus} status
 * @property {number} answered
 * @property {number} correct
 * @property {number} total
 * @property {string | null} completedAt "YYYY-MM-DD" when complete, else null
 * @property {string | null} updatedAt ISO 8601 time
 * @property {Record<string, Answer>} answers first attempts by quiz id ("quiz-0")
 */
/**
 * @typedef {object} ProgressState
 * @property {2} version
 * @property {Record<string, LessonRecord>} lessons
 * @property {Record<string, LessonRecord>} retired
 * @property {Record<string, import("./assessment.js").AssessmentRecord>} assessments
 * @property {Record<string, import("./review.js").ReviewState>} reviews
 * @property {{name: string, updatedAt: string | null}} learner
 */
/**
 * @typedef {object} ReadResult
 * @property {"empty" | "ok" | "corrupt" | "newer"} kind "corrupt": not JSON or not
 *   a state object; "newer": a state object of a version this code does not know
 *   (a newer course, or a version that is not the number 1 or 2)
 * @property {ProgressState} state the usable state (empty unless kind is "ok")
 */

/** The stored format's version. */
export const VERSION = 2;
/** At most this many lesson records are kept; beyond it the oldest updates go first. */
export const MAX_LESSONS = 500;
/** At most this many records of lessons the course no longer has are kept apart. */
export const MAX_RETIRED = 100;
/** At most this many answers per lesson (a lesson has a handful of quizzes). */
export const MAX_ANSWERS = 100;
/** Counts above this are not real quiz counts: they become 0. */
const MAX_COUNT = 1000;
/** The quiz ids mkdocs-quiz gives the quizzes of a page, in order. */
export const QUIZ_ID = /^quiz-(0|[1-9]\d{0,2})$/;
/** @type {Record<string, true>} */
const STATUSES = { "in-progress": true, complete: true };
/**
 * Characters removed from names: C0/C1 controls become spaces; bidirectional
 * controls (Unicode UAX #9: U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
 * are dropped, so a name can neither show reversed nor hide a difference.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** @returns {ProgressState} */
export function emptyState() {
  return { version: VERSION, lessons: {}, retired: {}, assessments: {}, reviews: {}, learner: { name: "", updatedAt: null } };
}

/**
 * @param {unknown} n
 * @returns {number}
 */
function cleanCount(n) {
  return typeof n === "number" && isFinite(n) && n >= 0 && n <= MAX_COUNT ? Math.floor(n) : 0;
}

/**
 * An ISO 8601 time, normalised to UTC ("…Z"), or null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function cleanTime(value) {
  if (typeof value !== "string" || value.length > 40) return null;
  const t = Date.parse(value);
  return isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * A name for certificates and reports: controls become spaces, invisible
 * formatting characters are dropped, Unicode NFKC-normalised, trimmed, capped
 * at anatomy.learnerNameChars; "" for anything but a string.
 * @param {unknown} value
 * @returns {string}
 */
export function cleanName(value) {
  if (typeof value !== "string") return "";
  return value.replace(CONTROLS, " ").replace(INVISIBLE, "").normalize("NFKC").trim()
    .slice(0, anatomy.learnerNameChars).trim();
}

/**
 * First attempts by quiz id, cleaned: keys must be mkdocs-quiz ids ("quiz-0"),
 * values {correct: boolean, at}; at most MAX_ANSWERS.
 * @param {unknown} value
 * @returns {Record<string, Answer>}
 */
function cleanAnswers(value) {
  /** @type {Record<string, Answer>} */
  const answers = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return answers;
  const raw = /** @type {Record<string, any>} */ (value);
  Object.keys(raw).filter(function (id) { return QUIZ_ID.test(id); }).sort(byQuiz).slice(0, MAX_ANSWERS)
    .forEach(function (id) {
      const a = raw[id];
      if (a && typeof a === "object" && typeof a.correct === "boolean") {
        answers[id] = { correct: a.correct, at: cleanTime(a.at), recovered: !a.correct && a.recovered === true };
      }
    });
  return answers;
}

/**
 * Quiz ids in page order ("quiz-2" before "quiz-10").
 * @param {string} a
 * @param {string} b
 */
function byQuiz(a, b) {
  return Number(a.slice(5)) - Number(b.slice(5));
}

/**
 * @param {Record<string, Answer>} answers
 * @returns {{answered: number, correct: number}}
 */
function countAnswers(answers) {
  const ids = Object.keys(answers);
  return { answered: ids.length, correct: ids.filter(function (id) { return answers[id].correct; }).length };
}

/**
 * One lesson record, repaired, or null when it cannot be (not an object, or a
 * status other than "in-progress" / "complete"). A "complete" record without a
 * valid completion date becomes "in-progress"; correct never exceeds answered;
 * the counts are at least what the answers show.
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
    updatedAt: cleanTime(raw.updatedAt),
    answers: cleanAnswers(raw.answers),
  };
  return settle(record);
}

/**
 * Make a record consistent (in place): counts cover the answers, correct ≤
 * answered, completion date only when complete.
 * @param {LessonRecord} record
 * @returns {LessonRecord}
 */
function settle(record) {
  const shown = countAnswers(record.answers);
  if (shown.answered > record.answered) {
    record.answered = shown.answered;
    record.correct = shown.correct;
  }
  if (record.correct > record.answered) record.correct = record.answered;
  if (record.answered > record.total && record.total < shown.answered) record.total = shown.answered;
  if (record.status === "complete" && !record.completedAt) record.status = "in-progress";
  if (record.status !== "complete") record.completedAt = null;
  return record;
}

/**
 * Records by lesson id, cleaned, in id order; beyond `cap` the records updated
 * longest ago are left out.
 * @param {unknown} value
 * @param {number} cap
 * @returns {Record<string, LessonRecord>}
 */
function cleanRecords(value, cap) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const raw = /** @type {Record<string, unknown>} */ (value);
  /** @type {Array<[string, LessonRecord]>} */
  const kept = [];
  Object.keys(raw).forEach(function (id) {
    const clean = cleanId(id);
    const record = clean && Object.prototype.hasOwnProperty.call(raw, id) ? cleanRecord(raw[id]) : null;
    if (clean && record) kept.push([clean, record]);
  });
  if (kept.length > cap) {
    kept.sort(function (a, b) { return String(b[1].updatedAt || "").localeCompare(String(a[1].updatedAt || "")); });
    kept.length = cap;
  }
  return sortedRecords(kept);
}

/**
 * @param {Array<[string, LessonRecord]>} pairs
 * @returns {Record<string, LessonRecord>}
 */
function sortedRecords(pairs) {
  /** @type {Record<string, LessonRecord>} */
  const out = {};
  pairs.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; })
    .forEach(function (pair) { out[pair[0]] = pair[1]; });
  return out;
}

/** At most this many review states are kept (a course has a few hundred questions). */
export const MAX_REVIEWS = 2000;

/**
 * Review states by key, cleaned, in key order.
 * @param {unknown} value
 * @returns {Record<string, import("./review.js").ReviewState>}
 */
function cleanReviews(value) {
  /** @type {Record<string, import("./review.js").ReviewState>} */
  const out = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  const raw = /** @type {Record<string, unknown>} */ (value);
  Object.keys(raw).filter(function (key) {
    return parseKey(key) && Object.prototype.hasOwnProperty.call(raw, key);
  }).sort().slice(0, MAX_REVIEWS).forEach(function (key) {
    const review = cleanReview(raw[key]);
    if (review) out[key] = review;
  });
  return out;
}

/** Assessment ids: a module id, or "final". */
const ASSESSMENT_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * Assessment records by id, cleaned, in id order (at most 50).
 * @param {unknown} value
 * @returns {Record<string, import("./assessment.js").AssessmentRecord>}
 */
function cleanAssessments(value) {
  /** @type {Record<string, import("./assessment.js").AssessmentRecord>} */
  const out = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  const raw = /** @type {Record<string, unknown>} */ (value);
  Object.keys(raw).filter(function (id) {
    return ASSESSMENT_ID.test(id) && Object.prototype.hasOwnProperty.call(raw, id);
  }).sort().slice(0, 50).forEach(function (id) {
    const record = cleanAssessment(raw[id]);
    if (record) out[id] = record;
  });
  return out;
}

/**
 * True when `value` is a state object of a version this code can read (the
 * number 1 or 2).
 * @param {unknown} value
 * @returns {boolean}
 */
function knownVersion(value) {
  const raw = /** @type {any} */ (value);
  return raw.version === 1 || raw.version === VERSION;
}

/**
 * Validate any parsed value into a state object; never throws. Values of an
 * unknown version give an empty state (readState tells them apart).
 * @param {unknown} value
 * @returns {ProgressState}
 */
export function cleanState(value) {
  const state = emptyState();
  if (!value || typeof value !== "object" || Array.isArray(value) || !knownVersion(value)) return state;
  const raw = /** @type {Record<string, any>} */ (value);
  state.lessons = cleanRecords(raw.lessons, MAX_LESSONS);
  state.retired = cleanRecords(raw.retired, MAX_RETIRED);
  state.assessments = cleanAssessments(raw.assessments);
  state.reviews = cleanReviews(raw.reviews);
  if (raw.learner && typeof raw.learner === "object") {
    state.learner.name = cleanName(raw.learner.name);
    state.learner.updatedAt = cleanTime(raw.learner.updatedAt);
  }
  return state;
}

/**
 * Read stored text. Never throws.
 * @param {string | null} text
 * @returns {ReadResult}
 */
export function readState(text) {
  if (!text) return { kind: "empty", state: emptyState() };
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: "corrupt", state: emptyState() };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { kind: "corrupt", state: emptyState() };
  if (!("version" in value)) return { kind: "corrupt", state: emptyState() };
  if (!knownVersion(value)) return { kind: "newer", state: emptyState() };
  return { kind: "ok", state: cleanState(value) };
}

/**
 * Parse stored text into a state; anything unreadable gives an empty state.
 * @param {string | null} text
 * @returns {ProgressState}
 */
export function parseState(text) {
  return readState(text).state;
}

/**
 * How much progress a record shows, as a comparable list (higher wins).
 * @param {LessonRecord} r
 * @returns {Array<number | string>}
 */
function rank(r) {
  return [r.status === "complete" ? 1 : 0, r.answered, r.correct, String(r.updatedAt || ""), r.total];
}

/**
 * @param {Array<number | string>} a
 * @param {Array<number | string>} b
 * @returns {number} > 0 when a ranks higher
 */
function compareRanks(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return a[i] > b[i] ? 1 : -1;
  }
  return 0;
}

/**
 * Of two first attempts at one quiz, the earlier (an unknown time counts as
 * later); at the same time a wrong answer wins, so the merge is symmetric.
 * @param {Answer} a
 * @param {Answer} b
 * @returns {Answer}
 */
function firstAnswer(a, b) {
  const ta = a.at || "~";
  const tb = b.at || "~";
  if (ta !== tb) return ta < tb ? a : b;
  return a.correct ? b : a;
}

/**
 * Merge two records of one lesson (either may be missing). The result shows at
 * least the progress of each: the higher-ranked record's status and counts
 * (complete > in progress, then more answered, more correct, later update),
 * every quiz's first attempt from either, the earlier completion date and the
 * later update time. Commutative, associative and idempotent.
 * @template {LessonRecord | null | undefined} A
 * @template {LessonRecord | null | undefined} B
 * @param {A} a
 * @param {B} b
 * @returns {A | B}
 */
export function mergeRecords(a, b) {
  if (!a) return b;
  if (!b) return a;
  const winner = compareRanks(rank(a), rank(b)) >= 0 ? a : b;
  /** @type {Record<string, Answer>} */
  const answers = {};
  Object.keys(a.answers || {}).concat(Object.keys(b.answers || {})).sort(byQuiz).forEach(function (id) {
    const x = a.answers && a.answers[id];
    const y = b.answers && b.answers[id];
    if (x && y) {
      const first = firstAnswer(x, y);
      // Right on a later attempt after a wrong first one: learned, shown apart from the score.
      const recovered = !first.correct && (x.recovered || y.recovered || x.correct || y.correct);
      answers[id] = { correct: first.correct, at: first.at, recovered: !!recovered };
    } else {
      answers[id] = /** @type {Answer} */ (x || y);
    }
  });
  /** @type {LessonRecord} */
  const result = {
    status: winner.status,
    answered: winner.answered,
    correct: winner.correct,
    total: Math.max(a.total, b.total),
    completedAt: winner.completedAt,
    updatedAt: String(a.updatedAt || "") >= String(b.updatedAt || "") ? a.updatedAt : b.updatedAt,
    answers: answers,
  };
  if (a.status === "complete" && b.status === "complete" && a.completedAt && b.completedAt) {
    result.completedAt = a.completedAt < b.completedAt ? a.completedAt : b.completedAt;
  }
  const shown = countAnswers(answers);
  // The counts follow the kept first attempts when the winning record's own
  // answers explain its counts (answers recorded on this device or another);
  // a record with counts only (an import of a lesson finished elsewhere) keeps
  // its score unless the answers show more questions answered.
  const backed = Object.keys(winner.answers || {}).length >= winner.answered;
  if (shown.answered > result.answered || (backed && shown.answered === result.answered)) {
    result.answered = shown.answered;
    result.correct = shown.correct;
  }
  return /** @type {any} */ (settle(result));
}

/**
 * @param {Record<string, LessonRecord>} a
 * @param {Record<string, LessonRecord>} b
 * @returns {Record<string, LessonRecord>}
 */
function mergeMaps(a, b) {
  /** @type {Array<[string, LessonRecord]>} */
  const pairs = [];
  const seen = /** @type {Record<string, true>} */ ({});
  Object.keys(a).concat(Object.keys(b)).forEach(function (id) {
    if (seen[id]) return;
    seen[id] = true;
    pairs.push([id, /** @type {LessonRecord} */ (mergeRecords(a[id], b[id]))]);
  });
  return sortedRecords(pairs);
}

/**
 * Merge two states: every lesson merged with mergeRecords; a record that is
 * current in either state is current in the result (taken out of "retired");
 * the name typed (or cleared) later wins. Commutative, associative and idempotent.
 * @param {ProgressState} a
 * @param {ProgressState} b
 * @returns {ProgressState}
 */
export function mergeStates(a, b) {
  const state = emptyState();
  state.lessons = mergeMaps(a.lessons, b.lessons);
  const retired = mergeMaps(a.retired, b.retired);
  Object.keys(retired).forEach(function (id) {
    if (state.lessons[id]) {
      state.lessons[id] = /** @type {LessonRecord} */ (mergeRecords(state.lessons[id], retired[id]));
      delete retired[id];
    }
  });
  state.retired = retired;
  Object.keys(a.reviews || {}).concat(Object.keys(b.reviews || {})).forEach(function (key) {
    const merged = mergeReview((a.reviews || {})[key], (b.reviews || {})[key]);
    if (merged) state.reviews[key] = merged;
  });
  Object.keys(a.assessments || {}).concat(Object.keys(b.assessments || {})).forEach(function (id) {
    const merged = mergeAssessments((a.assessments || {})[id], (b.assessments || {})[id]);
    if (merged) state.assessments[id] = merged;
  });
  const la = a.learner;
  const lb = b.learner;
  const ta = String(la.updatedAt || "");
  const tb = String(lb.updatedAt || "");
  state.learner = Object.assign({}, ta !== tb ? (ta > tb ? la : lb) : (la.name >= lb.name ? la : lb));
  return cleanState(state);
}

/**
 * True when two states hold the same values.
 * @param {ProgressState} a
 * @param {ProgressState} b
 * @returns {boolean}
 */
export function sameState(a, b) {
  return JSON.stringify(cleanState(a)) === JSON.stringify(cleanState(b));
}

/**
 * Fit a state to the course: records kept under a lesson's former id move to
 * its current id (merged), and records of lessons the course does not have
 * move to "retired", where they are kept but never counted (at most
 * MAX_RETIRED, oldest updates dropped first). Returns a new state.
 * @param {ProgressState} state
 * @param {{lessons: Record<string, unknown>, aliases: Record<string, string>}} catalogue
 * @returns {ProgressState}
 */
export function fitToCourse(state, catalogue) {
  const has = function (/** @type {string} */ id) {
    return Object.prototype.hasOwnProperty.call(catalogue.lessons, id);
  };
  const next = emptyState();
  next.learner = Object.assign({}, state.learner);
  next.assessments = Object.assign({}, state.assessments);
  next.reviews = Object.assign({}, state.reviews);
  /** @type {Record<string, LessonRecord>} */
  const retired = Object.assign({}, state.retired);
  Object.keys(state.lessons).concat(Object.keys(state.retired)).forEach(function (id) {
    const record = state.lessons[id] || null;
    const alias = Object.prototype.hasOwnProperty.call(catalogue.aliases, id) ? catalogue.aliases[id] : null;
    const target = has(id) ? id : typeof alias === "string" && has(alias) ? alias : null;
    if (target) {
      next.lessons[target] = mergeRecords(next.lessons[target], mergeRecords(record, state.retired[id]));
      delete retired[id];
    } else if (record) {
      retired[id] = mergeRecords(retired[id], record);
    }
  });
  next.retired = retired;
  return cleanState(next);
}

/**
 * How many of a record's quizzes were answered wrong first and right later.
 * @param {LessonRecord | null | undefined} record
 * @returns {number}
 */
export function recoveredCount(record) {
  if (!record || !record.answers) return 0;
  const answers = record.answers;
  return Object.keys(answers).filter(function (id) { return answers[id].recovered; }).length;
}
