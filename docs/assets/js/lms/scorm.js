// @ts-check
/**
 * The SCO side of a SCORM session: find the LMS's API, start it once, mirror the progress
 * summary into the data model, end it once. Used by launcher.js in the SCORM 1.2 and
 * SCORM 2004 packages only (assets/js/lms/ is not published with the public site).
 *
 * Discovery (SCORM 1.2 RTE §3.3, "LMS API Implementation"; SCORM 2004 3rd ed. RTE §3.1
 * "API Instance" and its discovery algorithm): look for `API` (1.2) or `API_1484_11`
 * (2004) on this window, then up the chain of parents (at most MAX_DEPTH steps), then on
 * the opener and its parents. A window of another origin throws on access: that step is
 * skipped, never thrown to the learner.
 *
 * Calls (the API's methods return strings "true"/"false"): Initialize once on launch
 * (LMSInitialize("") / Initialize("")), GetValue / SetValue for the elements below, Commit
 * after a change (at most every COMMIT_MS) and when the session ends, Terminate once
 * (LMSFinish("") / Terminate("")) on pagehide. A value is only set when it changed.
 *
 * Elements read: cmi.suspend_data, cmi.core.lesson_location / cmi.location, the learner
 * name (cmi.core.student_name / cmi.learner_name). Elements written: the status and score
 * (lib/lms-status.js), cmi.suspend_data (lib/lms-suspend.js), the location, and at the end
 * cmi.core.session_time / cmi.session_time and cmi.core.exit / cmi.exit "suspend".
 */
import { scorm12Time, isoDuration, scorm12Values, scorm2004Values, progressSummary } from "../lib/lms-status.js";
import { encodeSuspend, decodeSuspend } from "../lib/lms-suspend.js";

/** How far up the parent chain to look (the ADL sample looks 7 levels up; 500 in 2004's). */
export const MAX_DEPTH = 500;
const COMMIT_MS = 2000;

/**
 * @typedef {"scorm12" | "scorm2004"} Version
 */

/**
 * @param {any} win
 * @param {string} name
 * @returns {any} the API object, or null
 */
function apiOn(win, name) {
  try {
    const api = win && win[name];
    return api && typeof api === "object" ? api : null;
  } catch (e) {
    return null; // another origin
  }
}

/**
 * The API named `name` on `start`, its parents or its opener's chain (the standard search).
 * @param {Window} start
 * @param {string} name "API" or "API_1484_11"
 * @returns {any}
 */
export function findApi(start, name) {
  /** @param {any} win */
  function climb(win) {
    for (let depth = 0; win && depth <= MAX_DEPTH; depth += 1) {
      const api = apiOn(win, name);
      if (api) return api;
      let parent = null;
      try {
        parent = win.parent;
      } catch (e) {
        parent = null;
      }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }
  let found = climb(start);
  if (!found) {
    let opener = null;
    try {
      opener = start.opener;
    } catch (e) {
      opener = null;
    }
    if (opener) found = climb(opener);
  }
  return found;
}

/**
 * @typedef {object} Adapter what launcher.js asks of an LMS connection
 * @property {string} name "SCORM 1.2", "SCORM 2004" or "cmi5"
 * @property {import("../lib/state.js").ProgressState | null} state progress the LMS had (restore)
 * @property {string | null} location the page the learner was on
 * @property {string} learnerName as the LMS gives it
 * @property {(state: import("../lib/state.js").ProgressState, location: string | null) => void} report
 * @property {(state: import("../lib/state.js").ProgressState, location: string | null) => void} end
 * @property {() => string | null} problem why the LMS is not receiving progress, or null
 */

/**
 * Start a SCORM session: null when there is no API, {failed} when it refuses to start.
 * @param {Version} version
 * @param {import("../lib/lms-status.js").CourseFacts} course
 * @param {Window} win
 * @returns {Adapter | {failed: string} | null}
 */
export function connectScorm(version, course, win) {
  const v12 = version === "scorm12";
  const api = findApi(win, v12 ? "API" : "API_1484_11");
  if (!api) return null;
  const names = v12
    ? { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", error: "LMSGetLastError" }
    : { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit", error: "GetLastError" };
  const el = v12
    ? { location: "cmi.core.lesson_location", name: "cmi.core.student_name", time: "cmi.core.session_time" }
    : { location: "cmi.location", name: "cmi.learner_name", time: "cmi.session_time" };
  /**
   * @param {string} method
   * @param {...string} args
   * @returns {string}
   */
  function call(method, ...args) {
    try {
      const fn = api[method];
      return typeof fn === "function" ? String(fn.apply(api, args)) : "false";
    } catch (e) {
      return "false";
    }
  }
  if (call(names.init, "") !== "true") return { failed: "it did not start a session, error " + call(names.error) };
  const started = Date.now();
  /** @type {Record<string, string>} */
  const sent = {};
  let refused = /** @type {string | null} */ (null);
  let finished = false;
  let timer = /** @type {any} */ (null);

  /**
   * @param {string} element
   * @param {string} value
   */
  function set(element, value) {
    if (sent[element] === value) return;
    if (call(names.set, element, value) === "true") sent[element] = value;
    else refused = element + " (error " + call(names.error) + ")";
  }

  function commit() {
    timer = null;
    if (!finished && call(names.commit, "") !== "true") refused = "commit (error " + call(names.error) + ")";
  }

  /**
   * @param {import("../lib/state.js").ProgressState} state
   * @param {string | null} location
   */
  function mirror(state, location) {
    const summary = progressSummary(state, course);
    (v12 ? scorm12Values(summary) : scorm2004Values(summary)).forEach(function (pair) { set(pair[0], pair[1]); });
    const suspend = encodeSuspend(state);
    if (suspend.text) set("cmi.suspend_data", suspend.text);
    if (location) set(el.location, location);
  }

  const restored = decodeSuspend(call(names.get, "cmi.suspend_data"));
  return {
    name: v12 ? "SCORM 1.2" : "SCORM 2004",
    state: restored,
    location: call(names.get, el.location) || null,
    learnerName: call(names.get, el.name),
    report: function (state, location) {
      if (finished) return;
      mirror(state, location);
      if (!timer) timer = setTimeout(commit, COMMIT_MS);
    },
    end: function (state, location) {
      if (finished) return;
      mirror(state, location);
      const ms = Date.now() - started;
      set(el.time, v12 ? scorm12Time(ms) : isoDuration(ms));
      if (timer) clearTimeout(timer);
      commit();
      finished = true;
      call(names.finish, "");
    },
    problem: function () { return refused; },
  };
}
