// @ts-check
/**
 * The learner's progress, kept only in this browser.
 *
 * One localStorage entry per copy of the course: KEY is the site's path plus
 * ".sac:progress" (for example "/selling-as-connection/.sac:progress"), the way
 * Material scopes its own keys (`__md_scope`), so two courses on one origin
 * (all of an owner's GitHub Pages project sites share one) never see or count
 * each other's progress. The value is the JSON state of lib/state.js
 * (version 2). hooks/course_pages.py's inline "continue box" script reads the
 * same key (src/course/render continue_box).
 *
 * What keeps progress from being lost:
 * - Every write is read-merge-write in one task: the stored value is read
 *   again and merged with the new one (lib/state.js mergeStates), so a write
 *   never removes what another tab stored. Reset and the course fit
 *   (fitToCourse) replace instead.
 * - Other tabs: a "storage" event brings another tab's write. This tab merges
 *   what it last knew into it and, when that adds anything, writes the merge
 *   back. Two tabs whose writes crossed (each browser process caches
 *   localStorage, so a read can be a moment old) end with both changes.
 * - The former key "sac:progress:v1" (one key for every site on the origin) is
 *   merged into KEY once and removed.
 * - A stored value this code cannot read is never overwritten: a newer or
 *   unknown version puts the store in "read-only" mode (it works in memory for
 *   this tab, problem() says so, the value is copied to KEY + ":backup"
 *   first); corrupted JSON is copied to the backup key before it is replaced.
 * - When storage is unavailable (private mode, disabled) or full, the store
 *   keeps working in memory and save() returns false.
 *
 * Nothing here ever throws to the caller. A module: it runs once per document
 * (Material's instant navigation keeps the document), so the in-memory copy
 * and the listeners live as long as the tab.
 */
import anatomy from "./lib/anatomy.js";
import { cleanId } from "./lib/ids.js";
import { today } from "./lib/dates.js";
import { siteRoot } from "./lib/site.js";
import { addAttempt } from "./lib/assessment.js";
import { afterReview, parseKey } from "./lib/review.js";
import { cleanName, cleanState, emptyState, fitToCourse, mergeRecords, mergeStates, readState, sameState } from "./lib/state.js";

/** @typedef {import("./lib/state.js").ProgressState} ProgressState */
/** @typedef {import("./lib/state.js").LessonRecord} LessonRecord */
/** @typedef {import("./lib/state.js").LessonStatus} LessonStatus */
/** @typedef {import("./lib/state.js").Answer} Answer */
/**
 * Why progress is not being saved, or null when it is.
 * @typedef {object} Problem
 * @property {"newer" | "unavailable" | "full"} kind "newer": the stored progress
 *   comes from a newer version of the course (kept untouched, copied to
 *   backupKey); "unavailable": this browser does not let the site store data;
 *   "full": the browser's storage for this site is full
 * @property {string | null} backupKey
 */

/**
 * The store's key for a site root path.
 * @param {string} rootPath the site root's URL path, ending in "/"
 * @returns {string}
 */
export function keyFor(rootPath) {
  return rootPath + "." + anatomy.progressKey;
}

export const KEY = keyFor(new URL(siteRoot()).pathname);
export const BACKUP_KEY = KEY + ":backup";

/** @type {ProgressState} what this tab last read or wrote (merged into other tabs' writes) */
let known = emptyState();
/** @type {Problem | null} */
let problem = null;
/** @type {Array<(state: ProgressState) => void>} */
const listeners = [];

/** @returns {Storage | null} localStorage when it can be read, else null */
function storage() {
  try {
    const s = window.localStorage;
    s.getItem(KEY);
    return s;
  } catch (e) {
    return null;
  }
}

/**
 * Copy a value this code will not keep to BACKUP_KEY (once per distinct value).
 * @param {Storage} s
 * @param {string} text
 */
function backUp(s, text) {
  try {
    if (s.getItem(BACKUP_KEY) !== text) s.setItem(BACKUP_KEY, text);
  } catch (e) {
    /* full: the original stays where it is in the "newer" case */
  }
}

/**
 * Read the stored state; switches to read-only mode on a newer version.
 * @returns {ProgressState | null} null when nothing can be read from storage
 */
function readStored() {
  const s = storage();
  if (!s || (problem && problem.kind === "newer")) return null;
  let text = null;
  try {
    text = s.getItem(KEY);
  } catch (e) {
    return null;
  }
  const read = readState(text);
  if (read.kind === "newer") {
    backUp(s, /** @type {string} */ (text));
    problem = { kind: "newer", backupKey: BACKUP_KEY };
    return null;
  }
  if (read.kind === "corrupt") backUp(s, /** @type {string} */ (text));
  return read.state;
}

/** @returns {ProgressState} the current state, validated (storage, else this tab's copy) */
export function load() {
  const stored = readStored();
  if (stored) known = mergeStates(known, stored);
  return cleanState(known);
}

/**
 * @param {ProgressState} state
 */
function notify(state) {
  listeners.slice().forEach(function (fn) {
    try {
      fn(cleanState(state));
    } catch (e) {
      if (window.console) console.error(e);
    }
  });
}

/**
 * Write `state` to storage; true when it arrived.
 * @param {ProgressState} state
 * @returns {boolean}
 */
function write(state) {
  const s = storage();
  if (!s) {
    if (!problem) problem = { kind: "unavailable", backupKey: null };
    return false;
  }
  if (problem && problem.kind === "newer") return false;
  try {
    s.setItem(KEY, JSON.stringify(state));
    if (problem) problem = null;
    return true;
  } catch (e) {
    problem = { kind: "full", backupKey: null };
    return false;
  }
}

/**
 * Merge a state into the stored one and save; returns true when it reached
 * localStorage (false: kept in memory for this tab only, see problem()).
 * @param {unknown} state any value; validated first
 * @param {{replace?: boolean}} [options] replace: write `state` as it is instead
 *   of merging (reset, moving records between ids)
 * @returns {boolean}
 */
export function save(state, options) {
  const clean = cleanState(state);
  const stored = options && options.replace ? null : readStored();
  known = stored ? mergeStates(stored, clean) : options && options.replace ? clean : mergeStates(known, clean);
  const ok = write(known);
  notify(known);
  return ok;
}

/** @returns {boolean} true when progress survives a reload (localStorage works) */
export function available() {
  load();
  return storage() !== null && !problem;
}

/** @returns {Problem | null} why progress is not being saved, or null */
export function currentProblem() {
  load();
  return problem ? Object.assign({}, problem) : null;
}

/**
 * The record for a lesson id, or null when not started.
 * @param {unknown} id
 * @returns {LessonRecord | null}
 */
export function lesson(id) {
  const clean = cleanId(id);
  return clean ? load().lessons[clean] || null : null;
}

/**
 * @param {unknown} id
 * @returns {LessonStatus}
 */
export function status(id) {
  const record = lesson(id);
  return record ? record.status : "not-started";
}

/**
 * Record first attempts at a lesson's quizzes and save. Answers already stored
 * for a quiz are kept (the first attempt counts); the lesson becomes complete
 * when every one of its `total` quizzes has an answer, and never goes back.
 * @param {unknown} id lesson id
 * @param {number} total quizzes on the lesson page
 * @param {Record<string, Answer>} answers by mkdocs-quiz quiz id ("quiz-0")
 * @returns {LessonRecord | null} the stored record, or null for a bad id
 */
export function recordAnswers(id, total, answers) {
  const clean = cleanId(id);
  if (!clean) return null;
  const state = load();
  const before = state.lessons[clean] || null;
  const ids = Object.keys(answers);
  /** @type {LessonRecord} */
  const mine = {
    status: "in-progress",
    answered: ids.length,
    correct: ids.filter(function (q) { return answers[q].correct; }).length,
    total: total,
    completedAt: null,
    updatedAt: new Date().toISOString(),
    answers: answers,
  };
  const merged = /** @type {LessonRecord} */ (mergeRecords(before, mine));
  if (merged.status !== "complete" && merged.total > 0 && Object.keys(merged.answers).length >= merged.total) {
    merged.status = "complete";
    merged.completedAt = today();
  }
  if (before && sameRecord(before, merged)) return before;
  state.lessons[clean] = merged;
  save(state);
  return load().lessons[clean] || null;
}

/**
 * Add an assessment attempt's result (lib/assessment.js) and save; returns the
 * assessment's record (first attempt, best attempt, attempts).
 * @param {string} id a module id or "final"
 * @param {import("./lib/assessment.js").Result} result
 * @returns {import("./lib/assessment.js").AssessmentRecord | null}
 */
export function recordAssessment(id, result) {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(String(id))) return null;
  const state = load();
  state.assessments[id] = addAttempt(state.assessments[id], result);
  save(state);
  return load().assessments[id] || null;
}

/**
 * Record a spaced review of one question (lib/review.js afterReview) and save.
 * @param {string} key "<lesson id>#<quiz id>"
 * @param {boolean} correct
 * @returns {import("./lib/review.js").ReviewState | null} the new state, or null for a bad key
 */
export function recordReview(key, correct) {
  if (!parseKey(key)) return null;
  const state = load();
  state.reviews[key] = afterReview(state.reviews[key] || null, correct, today());
  save(state);
  return load().reviews[key] || null;
}

/**
 * Same record apart from the update time.
 * @param {LessonRecord} a
 * @param {LessonRecord} b
 */
function sameRecord(a, b) {
  return JSON.stringify(Object.assign({}, a, { updatedAt: null })) === JSON.stringify(Object.assign({}, b, { updatedAt: null }));
}

/**
 * @param {unknown} name
 * @returns {string} the name as stored
 */
export function setLearnerName(name) {
  const state = load();
  const clean = cleanName(name);
  if (clean === state.learner.name) return clean;
  state.learner = { name: clean, updatedAt: new Date().toISOString() };
  save(state);
  return clean;
}

/**
 * Fit the stored progress to the course's catalogue (lib/state.js
 * fitToCourse): former ids move to current ones, lessons the course does not
 * have are kept apart and never counted. Saves only when something moved.
 * @param {{lessons: Record<string, unknown>, aliases: Record<string, string>}} catalogue
 */
export function fitTo(catalogue) {
  const state = load();
  const fitted = fitToCourse(state, catalogue);
  if (!sameState(state, fitted)) save(fitted, { replace: true });
}

/**
 * Call fn(state) after every save here and every change from another tab.
 * @param {(state: ProgressState) => void} fn
 * @returns {() => void} unsubscribe
 */
export function subscribe(fn) {
  if (typeof fn === "function" && listeners.indexOf(fn) === -1) listeners.push(fn);
  return function () {
    const i = listeners.indexOf(fn);
    if (i !== -1) listeners.splice(i, 1);
  };
}

/** Delete every record and the name (the "Reset my progress" button). */
export function reset() {
  known = emptyState();
  const s = storage();
  if (s && !(problem && problem.kind === "newer")) {
    try {
      s.removeItem(KEY);
    } catch (e) {
      /* nothing to remove */
    }
  }
  notify(known);
}

/** Merge the former, origin-wide key into KEY once and remove it. */
function migrateLegacyKey() {
  const s = storage();
  if (!s) return;
  let text = null;
  try {
    text = s.getItem(anatomy.legacyProgressKey);
  } catch (e) {
    return;
  }
  if (text === null) return;
  const read = readState(text);
  if (read.kind === "ok") {
    if (!save(read.state)) return; // keep the old value until it is stored here
  } else if (read.kind !== "empty") {
    backUp(s, text);
  }
  try {
    s.removeItem(anatomy.legacyProgressKey);
  } catch (e) {
    /* try again next time */
  }
}

window.addEventListener("storage", function (event) {
  if (event.key !== null && event.key !== KEY) return;
  if (event.key === null || event.newValue === null) {
    known = emptyState(); // reset (or cleared) in another tab
    notify(load());
    return;
  }
  const read = readState(event.newValue);
  if (read.kind === "newer") {
    load(); // switches to read-only mode
    notify(known);
    return;
  }
  const merged = mergeStates(read.state, known);
  known = merged;
  if (!sameState(merged, read.state)) write(merged); // this tab knew more: write it back
  notify(known);
});

migrateLegacyKey();
load();
