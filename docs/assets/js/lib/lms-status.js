// @ts-check
/**
 * What an LMS is told about the learner: the course's progress store (lib/state.js)
 * summed up, and that summary as SCORM data-model values. Pure: no browser API
 * (tests/js/lms.test.mjs imports it); docs/assets/js/lms/launcher.js sends the values.
 *
 * Summary (progressSummary):
 *   {"lessons": 20, "done": 20, "complete": true, "started": true,
 *    "final": {"percent": 83, "passed": true, "at": "2026-12-01T10:00:00.000Z"} | null}
 * "complete": every lesson of the course is complete (the course's own rule, lib/state.js);
 * "final": the best attempt at the final assessment (lib/assessment.js keeps it).
 *
 * The rules, by standard:
 * - SCORM 1.2 (ADL SCORM 1.2 RTE, §3.4 data model): cmi.core.lesson_status is "passed" or
 *   "failed" once the final assessment was taken (its best attempt against the pass mark),
 *   otherwise "completed" when every lesson is complete, otherwise "incomplete" (the first
 *   launch moves it from "not attempted"). cmi.core.score.raw is the final's best percent
 *   (CMIDecimal 0-100, with score.min 0 and score.max 100), left unset before an attempt.
 * - SCORM 2004 3rd edition (RTE §4.2 data model): cmi.completion_status "completed" when
 *   every lesson is complete, else "incomplete"; cmi.success_status "passed" / "failed"
 *   from the final, else "unknown"; cmi.score.scaled is percent / 100 (real -1..1), with
 *   raw, min, max; cmi.progress_measure is the share of lessons done (real 0..1).
 * - Both: cmi.core.exit / cmi.exit "suspend" (the learner may come back; the LMS keeps
 *   suspend_data for the next launch), session time as CMITimespan "HHHH:MM:SS.SS"
 *   (1.2) or an ISO 8601 duration "PT1H2M3.5S" (2004, timeinterval (second,10,2)).
 * - lesson_location / cmi.location is the page the learner was on, a path below the
 *   package root (cleanLocation: at most 255 characters, SCORM 1.2's CMIString255, and
 *   only the characters of the course's own page paths), so a location from the LMS can
 *   only ever open one of the package's pages.
 */

/**
 * @typedef {object} CourseFacts
 * @property {string[]} lessons every lesson id, in course order (course.json)
 * @property {number} passMark the final assessment's pass mark, percent
 * @property {string[]} [checks] the module checks' and the final's ids (course.json assessments)
 * @property {Record<string, string>} [titles] lesson and assessment titles by id, for cmi5's
 *   "allowed" statements (lib/lms-cmi5.js allowedStatement)
 */
/**
 * @typedef {object} Summary
 * @property {number} lessons
 * @property {number} done
 * @property {boolean} complete
 * @property {boolean} started any lesson or assessment has a record
 * @property {{percent: number, passed: boolean, at: string | null} | null} final
 */

/**
 * @param {import("./state.js").ProgressState} state a cleaned state (lib/state.js cleanState)
 * @param {CourseFacts} course
 * @returns {Summary}
 */
export function progressSummary(state, course) {
  const lessons = (course && Array.isArray(course.lessons)) ? course.lessons : [];
  const records = (state && state.lessons) || {};
  const done = lessons.filter(function (id) { return records[id] && records[id].status === "complete"; }).length;
  const record = state && state.assessments ? state.assessments.final : null;
  const best = record && record.best ? record.best : null;
  return {
    lessons: lessons.length,
    done: done,
    complete: lessons.length > 0 && done === lessons.length,
    started: Object.keys(records).length > 0 || Object.keys((state && state.assessments) || {}).length > 0,
    final: best ? { percent: clampPercent(best.percent), passed: best.passed === true, at: best.at || null } : null,
  };
}

/**
 * @param {unknown} n
 * @returns {number} a whole percent 0-100
 */
function clampPercent(n) {
  const v = typeof n === "number" && isFinite(n) ? Math.floor(n) : 0;
  return Math.min(100, Math.max(0, v));
}

/**
 * SCORM 1.2 cmi.core.lesson_status for a summary.
 * @param {Summary} s
 * @returns {"passed" | "failed" | "completed" | "incomplete"}
 */
export function scorm12Status(s) {
  if (s.final) return s.final.passed ? "passed" : "failed";
  return s.complete ? "completed" : "incomplete";
}

/**
 * The SCORM 1.2 values to set, in order.
 * @param {Summary} s
 * @returns {Array<[string, string]>}
 */
export function scorm12Values(s) {
  /** @type {Array<[string, string]>} */
  const values = [["cmi.core.lesson_status", scorm12Status(s)]];
  if (s.final) {
    values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(s.final.percent)]);
  }
  values.push(["cmi.core.exit", "suspend"]);
  return values;
}

/**
 * The SCORM 2004 values to set, in order.
 * @param {Summary} s
 * @returns {Array<[string, string]>}
 */
export function scorm2004Values(s) {
  /** @type {Array<[string, string]>} */
  const values = [
    ["cmi.completion_status", s.complete ? "completed" : "incomplete"],
    ["cmi.success_status", s.final ? (s.final.passed ? "passed" : "failed") : "unknown"],
    ["cmi.progress_measure", s.lessons ? decimal(s.done / s.lessons) : "0"],
  ];
  if (s.final) {
    values.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(s.final.percent)],
      ["cmi.score.scaled", decimal(s.final.percent / 100)]);
  }
  values.push(["cmi.exit", "suspend"]);
  return values;
}

/**
 * @param {number} x
 * @returns {string} at most 4 decimals, no trailing zeros ("0.83", "1")
 */
export function decimal(x) {
  return String(Math.round(x * 10000) / 10000);
}

/**
 * SCORM 1.2 CMITimespan: "HHHH:MM:SS.SS" (hours 2-4 digits).
 * @param {number} ms
 * @returns {string}
 */
export function scorm12Time(ms) {
  const cs = Math.max(0, Math.round((isFinite(ms) ? ms : 0) / 10));
  const hours = Math.min(9999, Math.floor(cs / 360000));
  const minutes = Math.floor((cs % 360000) / 6000);
  const seconds = (cs % 6000) / 100;
  return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
}

/**
 * An ISO 8601 duration with at most two decimals of seconds ("PT1H2M3.5S", "PT0S").
 * @param {number} ms
 * @returns {string}
 */
export function isoDuration(ms) {
  const cs = Math.max(0, Math.round((isFinite(ms) ? ms : 0) / 10));
  const hours = Math.floor(cs / 360000);
  const minutes = Math.floor((cs % 360000) / 6000);
  const seconds = (cs % 6000) / 100;
  let out = "PT";
  if (hours) out += hours + "H";
  if (minutes) out += minutes + "M";
  if (seconds || out === "PT") out += String(seconds) + "S";
  return out;
}

/**
 * @param {number} n
 * @param {number} width
 */
function pad(n, width) {
  let s = String(n);
  while (s.length < width) s = "0" + s;
  return s;
}

/** The page paths a package has: "index.html", "connection/index.html", "a/b/index.html#part" is cut at "#". */
const LOCATION = /^(?:[a-z0-9][a-z0-9-]{0,59}\/){0,3}index\.html$/;

/**
 * A location from the LMS (or a page) as a package page path, or null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function cleanLocation(value) {
  if (typeof value !== "string" || value.length > 255) return null;
  const path = value.split("#")[0].split("?")[0];
  return LOCATION.test(path) ? path : null;
}

/** The learner's name in reading order (one source with the team progress page). */
export { readingName } from "./xapi-vocab.js";
