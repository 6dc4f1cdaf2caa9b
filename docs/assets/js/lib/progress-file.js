// @ts-check
/**
 * The progress file: what "Download progress file" saves and import reads.
 *
 *   {"format": "selling-as-connection/progress", "version": 2,
 *    "exportedAt": "<ISO 8601 time>", "progress": <state, see lib/state.js>}
 *
 * Version 1 files (the first round: progress of state version 1) import too.
 *
 * An imported file is untrusted: parseImport() checks the whole file against
 * the course's catalogue and names what is wrong in words a learner can act
 * on. A record is used only when it passes the store's validation
 * (lib/state.js cleanRecord) unchanged in substance and makes sense for the
 * lesson (checkRecord): 0 ≤ correct ≤ answered ≤ total ≤ the lesson's quizzes,
 * a complete lesson has every quiz answered, answers name the lesson's quizzes,
 * and dates lie between the course's start (anatomy.courseStart) and today.
 * Former lesson ids map to current ones. Merging into the store keeps, for
 * each lesson, the record showing more progress (lib/state.js mergeRecords),
 * so a worse record never replaces a better one.
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { cleanId } from "./ids.js";
import { cleanRecord, cleanName, cleanState, mergeRecords, QUIZ_ID, VERSION } from "./state.js";
import { parseKey } from "./review.js";
import { calendarDate, today } from "./dates.js";
import { plural } from "./text.js";

/** @typedef {import("./state.js").ProgressState} ProgressState */
/** @typedef {import("./state.js").LessonRecord} LessonRecord */
/**
 * @typedef {object} ImportCatalogue the parts of course.json an import needs
 * @property {Record<string, {quizzes?: number}>} lessons
 * @property {Record<string, string>} aliases
 * @property {Record<string, {kind: string, passMark: number, questions: number, draw: number}>} [assessments]
 */

export const EXPORT_FORMAT = "selling-as-connection/progress";
/** Larger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 1000000;
/** Records beyond this many in one file are not read (a course has a few dozen lessons). */
export const MAX_IMPORT_RECORDS = 2000;

/**
 * @param {ProgressState} state
 * @param {Date} [now]
 */
export function exportData(state, now) {
  return {
    format: EXPORT_FORMAT,
    version: VERSION,
    exportedAt: (now || new Date()).toISOString(),
    progress: state,
  };
}

/**
 * @typedef {object} ImportResult
 * @property {Record<string, LessonRecord>} [lessons] usable records by current id
 * @property {Record<string, import("./assessment.js").AssessmentRecord>} [assessments] module checks and
 *   the final, as they make sense for the course (sensibleAssessments)
 * @property {Record<string, import("./review.js").ReviewState>} [reviews] review states of imported answers
 * @property {string} [name] the learner's name in the file ("" when none)
 * @property {number} [invalid] records that are not lesson records at all
 * @property {number} [impossible] records whose numbers or dates cannot be true for the lesson
 * @property {number} [unknown] records for lessons this course does not have
 * @property {number} [overLimit] records beyond MAX_IMPORT_RECORDS, not read
 * @property {string} [error] why nothing can be imported
 */

/**
 * @param {unknown} n
 * @returns {boolean}
 */
function isCount(n) {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

/**
 * Why a raw record cannot be true for a lesson with `quizzes` quizzes, or "".
 * @param {Record<string, any>} raw the record as it is in the file
 * @param {number | undefined} quizzes the lesson's quiz count from course.json
 * @param {string} todayDate "YYYY-MM-DD", the learner's local date
 * @returns {string}
 */
export function checkRecord(raw, quizzes, todayDate) {
  if (!isCount(raw.answered) || !isCount(raw.correct) || !isCount(raw.total)) return "counts are not whole numbers";
  if (raw.correct > raw.answered) return "more correct than answered";
  if (raw.answered > raw.total) return "more answered than there are questions";
  if (typeof quizzes === "number" && raw.total > quizzes) return "more questions than the lesson has";
  if (raw.status === "complete" && raw.answered < raw.total) return "complete with questions unanswered";
  if (raw.completedAt !== null && raw.completedAt !== undefined) {
    const day = calendarDate(raw.completedAt);
    if (!day) return "the completion date is not a date";
    if (day < anatomy.courseStart || day > todayDate) return "the completion date is outside the course's life";
  }
  if (raw.updatedAt !== null && raw.updatedAt !== undefined) {
    const t = typeof raw.updatedAt === "string" ? Date.parse(raw.updatedAt) : NaN;
    if (isNaN(t)) return "the update time is not a time";
    const day = new Date(t).toISOString().slice(0, 10);
    // One day of slack: the file may come from a device a time zone ahead.
    if (day < anatomy.courseStart || t > Date.parse(todayDate + "T00:00:00Z") + 2 * 86400000) {
      return "the update time is outside the course's life";
    }
  }
  if (raw.answers !== undefined) {
    if (!raw.answers || typeof raw.answers !== "object" || Array.isArray(raw.answers)) return "answers are not a list by question";
    const ids = Object.keys(raw.answers);
    const bad = ids.filter(function (id) {
      const a = raw.answers[id];
      return !QUIZ_ID.test(id) || (typeof quizzes === "number" && Number(id.slice(5)) >= quizzes) ||
        !a || typeof a.correct !== "boolean";
    });
    if (bad.length) return "answers name questions the lesson does not have";
    if (ids.length > raw.answered) return "more answers than answered questions";
  }
  return "";
}

/**
 * Check an imported text against the course; returns {lessons, name, invalid,
 * impossible, unknown, overLimit} or {error}.
 * Rules: valid JSON object, "format" as exported, "version" 1 or 2,
 * "progress.lessons" an object; each record must pass the store's validation
 * and checkRecord() and name a lesson of this course (former ids are mapped to
 * current ones). Without a catalogue nothing can be checked: the result is an
 * error asking to try again when the course's lesson list loads.
 * @param {string} text
 * @param {ImportCatalogue | null} catalogue
 * @param {Date} [now]
 * @returns {ImportResult}
 */
export function parseImport(text, catalogue, now) {
  if (!catalogue) {
    return { error: "The course's list of lessons could not be loaded, so the file cannot be checked. Check your connection and import the file again." };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: "This file is not valid JSON, so it cannot be a progress file. Choose the .json file you downloaded with “Download progress file”." };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== EXPORT_FORMAT) {
    return { error: "This file is not a progress file from this course (its “format” is not “" + EXPORT_FORMAT + "”). Choose the file you downloaded with “Download progress file”." };
  }
  if (data.version !== 1 && data.version !== VERSION) {
    return { error: "This progress file has version " + JSON.stringify(data.version).slice(0, 20) + "; this site reads versions 1 and 2." };
  }
  const progress = data.progress;
  if (!progress || typeof progress !== "object" || !progress.lessons || typeof progress.lessons !== "object" ||
      Array.isArray(progress.lessons)) {
    return { error: "This progress file has no lesson records (“progress.lessons” is missing or not an object)." };
  }
  const day = today(now);
  const rawIds = Object.keys(progress.lessons);
  const read = rawIds.slice(0, MAX_IMPORT_RECORDS);
  /** @type {Record<string, LessonRecord>} */
  const lessons = {};
  const counts = { invalid: 0, impossible: 0, unknown: 0 };
  const has = function (/** @type {string} */ id) {
    return Object.prototype.hasOwnProperty.call(catalogue.lessons, id);
  };
  read.forEach(function (id) {
    const raw = progress.lessons[id];
    const record = cleanId(id) && Object.prototype.hasOwnProperty.call(progress.lessons, id) ? cleanRecord(raw) : null;
    if (!record) {
      counts.invalid += 1;
      return;
    }
    const alias = Object.prototype.hasOwnProperty.call(catalogue.aliases, id) ? catalogue.aliases[id] : null;
    const target = has(id) ? id : typeof alias === "string" && has(alias) ? alias : null;
    if (!target) {
      counts.unknown += 1;
      return;
    }
    const quizzes = catalogue.lessons[target] && catalogue.lessons[target].quizzes;
    if (checkRecord(raw, typeof quizzes === "number" ? quizzes : undefined, day)) {
      counts.impossible += 1;
      return;
    }
    lessons[target] = /** @type {LessonRecord} */ (mergeRecords(lessons[target], record));
  });
  const extra = cleanState({ version: VERSION, lessons: {}, assessments: progress.assessments, reviews: progress.reviews });
  /** @type {ImportResult} */
  const result = {
    lessons: lessons,
    assessments: sensibleAssessments(extra.assessments, catalogue, day),
    reviews: Object.fromEntries(Object.keys(extra.reviews).filter(function (key) {
      const parsed = parseKey(key);
      return parsed && lessons[parsed.lesson] && lessons[parsed.lesson].answers[parsed.quiz];
    }).map(function (key) { return [key, extra.reviews[key]]; })),
    name: progress.learner && typeof progress.learner === "object" ? cleanName(progress.learner.name) : "",
    invalid: counts.invalid,
    impossible: counts.impossible,
    unknown: counts.unknown,
    overLimit: rawIds.length - read.length,
  };
  if (!Object.keys(lessons).length) {
    const why = skippedText(result);
    result.error = "This progress file holds no lesson records this site can use" + (why ? " (" + why + ")." : ".");
  }
  return result;
}

/**
 * The assessment records of an imported file that make sense for the course: an
 * assessment the course has, no attempt with more questions than an attempt asks
 * (all of a module check's, the final's draw), dates within the course's life, and
 * "passed" worked out again from the pass mark (a file cannot claim a pass).
 * @param {Record<string, import("./assessment.js").AssessmentRecord>} records
 * @param {ImportCatalogue} catalogue
 * @param {string} todayDate "YYYY-MM-DD"
 * @returns {Record<string, import("./assessment.js").AssessmentRecord>}
 */
function sensibleAssessments(records, catalogue, todayDate) {
  /** @type {Record<string, import("./assessment.js").AssessmentRecord>} */
  const out = {};
  const known = catalogue.assessments || {};
  Object.keys(records).forEach(function (id) {
    const info = Object.prototype.hasOwnProperty.call(known, id) ? known[id] : null;
    if (!info) return;
    const asked = info.kind === "final" ? info.draw : info.questions;
    /** @param {import("./assessment.js").Result | null} r */
    const fix = function (r) {
      if (!r || r.total > asked) return null;
      const day = r.at ? r.at.slice(0, 10) : null;
      if (day && (day < anatomy.courseStart || day > todayDate)) return null;
      return Object.assign({}, r, { passed: r.percent >= info.passMark });
    };
    const first = fix(records[id].first);
    const best = fix(records[id].best);
    if (first || best) out[id] = { attempts: records[id].attempts, first: first || best, best: best || first };
  });
  return out;
}

/**
 * What an import left out, in words ("" when nothing): not-valid, impossible,
 * unknown and over-the-limit records are named separately.
 * @param {ImportResult} result
 * @returns {string}
 */
export function skippedText(result) {
  const parts = [];
  if (result.invalid) parts.push(plural(result.invalid, "record") + " not valid");
  if (result.impossible) parts.push(plural(result.impossible, "record") + " with numbers or dates that cannot be right for the lesson");
  if (result.unknown) parts.push(plural(result.unknown, "record") + " for lessons this course does not have");
  if (result.overLimit) parts.push(plural(result.overLimit, "record") + " over the limit of " + MAX_IMPORT_RECORDS + " per file, not read");
  return parts.join(", ");
}
