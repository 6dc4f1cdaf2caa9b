// @ts-check
/**
 * The progress file: what "Download progress file" saves and import reads.
 *
 *   {"format": "selling-as-connection/progress", "version": 1,
 *    "exportedAt": "<ISO 8601 time>", "progress": <state, see lib/state.js>}
 *
 * An imported file is untrusted: parseImport() checks the whole file, names
 * what is wrong in words a learner can act on, validates every record like
 * stored progress (lib/state.js) and maps former lesson ids to current ones.
 * Merging keeps, for each lesson, the record showing more progress
 * (lib/state.js better()).
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import { better, cleanState } from "./state.js";
import { plural } from "./text.js";

/** @typedef {import("./state.js").ProgressState} ProgressState */
/** @typedef {import("./state.js").LessonRecord} LessonRecord */

export const EXPORT_FORMAT = "selling-as-connection/progress";
/** Larger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 1000000;

/**
 * @param {ProgressState} state
 * @param {Date} [now]
 */
export function exportData(state, now) {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: (now || new Date()).toISOString(),
    progress: state,
  };
}

/**
 * @typedef {object} ImportResult
 * @property {Record<string, LessonRecord>} [lessons] usable records by current id
 * @property {string} [name] the learner's name in the file ("" when none)
 * @property {number} [invalid] records that failed validation
 * @property {number} [unknown] valid records for lessons this course does not have
 * @property {string} [error] why nothing can be imported
 */

/**
 * Check an imported text; returns {lessons, name, invalid, unknown} or {error}.
 * Rules: valid JSON object, "format" and "version" as exported, "progress.lessons"
 * an object; each record must pass the store's validation and name a lesson of
 * this course (former ids are mapped to current ones). Without a catalogue
 * (course.json did not load) every valid record is kept.
 * @param {string} text
 * @param {{lessons: Record<string, unknown>, aliases: Record<string, string>} | null} catalogue
 * @returns {ImportResult}
 */
export function parseImport(text, catalogue) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: "This file is not valid JSON, so it cannot be a progress file. Choose the .json file you downloaded with “Download progress file”." };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== EXPORT_FORMAT) {
    return { error: "This file is not a progress file from this course (its “format” is not “" + EXPORT_FORMAT + "”). Choose the file you downloaded with “Download progress file”." };
  }
  if (data.version !== 1) {
    return { error: "This progress file has version " + JSON.stringify(data.version) + "; this site reads version 1." };
  }
  const progress = data.progress;
  if (!progress || typeof progress !== "object" || !progress.lessons || typeof progress.lessons !== "object" ||
      Array.isArray(progress.lessons)) {
    return { error: "This progress file has no lesson records (“progress.lessons” is missing or not an object)." };
  }
  const rawIds = Object.keys(progress.lessons);
  const clean = cleanState({ version: 1, lessons: progress.lessons, learner: progress.learner });
  const keptIds = Object.keys(clean.lessons);
  /** @type {Record<string, LessonRecord>} */
  const lessons = {};
  let unknown = 0;
  keptIds.forEach(function (id) {
    let target = id;
    if (catalogue && !catalogue.lessons[id] && typeof catalogue.aliases[id] === "string") target = catalogue.aliases[id];
    if (catalogue && !catalogue.lessons[target]) {
      unknown += 1;
      return;
    }
    lessons[target] = better(lessons[target], clean.lessons[id]);
  });
  /** @type {ImportResult} */
  const result = { lessons: lessons, name: clean.learner.name, invalid: rawIds.length - keptIds.length, unknown: unknown };
  if (!Object.keys(lessons).length) {
    result.error = "This progress file holds no lesson records this site can use" +
      (rawIds.length ? " (" + plural(rawIds.length - keptIds.length, "record") + " not valid, " + unknown + " for lessons this course does not have)." : ".");
  }
  return result;
}
