// @ts-check
/**
 * The learner's progress, kept only in this browser.
 *
 * One localStorage entry, KEY (anatomy.progressKey, "sac:progress:v1"), holding
 * the JSON state documented in lib/state.js (version 1: lessons by id with
 * status, answered, correct, total, completedAt, updatedAt; learner.name).
 * hooks/course_pages.py's inline "continue box" script reads the same key.
 *
 * Every stored value is untrusted: load() validates and repairs it
 * (lib/state.js cleanState) and drops what cannot be repaired; corrupted JSON
 * gives an empty state and is overwritten only by the next save. When storage
 * is unavailable (private mode, disabled, full) the store keeps working in
 * memory for the current page and available() says so. Nothing here ever
 * throws to the caller.
 *
 * A module: it runs once per document (Material's instant navigation keeps the
 * document), so the in-memory copy and the listeners live as long as the tab.
 */
import anatomy from "./lib/anatomy.js";
import { cleanId } from "./lib/ids.js";
import { today } from "./lib/dates.js";
import { cleanName, cleanState, emptyState, parseState } from "./lib/state.js";

/** @typedef {import("./lib/state.js").ProgressState} ProgressState */
/** @typedef {import("./lib/state.js").LessonRecord} LessonRecord */
/** @typedef {import("./lib/state.js").LessonStatus} LessonStatus */

export const KEY = anatomy.progressKey;

/** @type {ProgressState | null} fallback copy when localStorage fails */
let memory = null;
/** @type {Array<(state: ProgressState) => void>} */
const listeners = [];

/** @returns {Storage | null} localStorage when it can be written, else null */
function storage() {
  try {
    const s = window.localStorage;
    const probe = "sac:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch (e) {
    return null;
  }
}

/** @returns {ProgressState} the stored state, validated */
export function load() {
  const s = storage();
  if (!s) return cleanState(memory || emptyState());
  try {
    return parseState(s.getItem(KEY));
  } catch (e) {
    return emptyState();
  }
}

/**
 * @param {ProgressState} state
 */
function notify(state) {
  listeners.slice().forEach(function (fn) {
    try {
      fn(state);
    } catch (e) {
      if (window.console) console.error(e);
    }
  });
}

/**
 * Save a state (validated first); returns true when it reached localStorage.
 * @param {unknown} state
 * @returns {boolean}
 */
export function save(state) {
  const clean = cleanState(state);
  memory = clean;
  const s = storage();
  let ok = false;
  if (s) {
    try {
      s.setItem(KEY, JSON.stringify(clean));
      ok = true;
    } catch (e) {
      ok = false; // quota exceeded: the in-memory copy still serves this page
    }
  }
  notify(clean);
  return ok;
}

/** @returns {boolean} true when progress survives a reload (localStorage works) */
export function available() {
  return storage() !== null;
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
 * Merge fields into a lesson's record and save; returns the new record or null.
 * @param {unknown} id
 * @param {Partial<LessonRecord>} fields
 * @returns {LessonRecord | null}
 */
export function updateLesson(id, fields) {
  const clean = cleanId(id);
  if (!clean) return null;
  const state = load();
  const record = Object.assign({}, state.lessons[clean] || { status: "in-progress" }, fields, {
    updatedAt: new Date().toISOString(),
  });
  if (record.status === "complete" && !record.completedAt) record.completedAt = today();
  state.lessons[clean] = /** @type {LessonRecord} */ (record);
  save(state);
  return load().lessons[clean] || null;
}

/**
 * @param {unknown} name
 * @returns {string} the name as stored
 */
export function setLearnerName(name) {
  const state = load();
  state.learner.name = cleanName(name);
  save(state);
  return state.learner.name;
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
  memory = emptyState();
  const s = storage();
  if (s) {
    try {
      s.removeItem(KEY);
    } catch (e) {
      /* nothing to remove */
    }
  }
  notify(emptyState());
}

window.addEventListener("storage", function (event) {
  if (event.key === KEY || event.key === null) notify(load());
});
