// @ts-check
/**
 * Completion reports: what a learner copies from the assignment page and sends
 * to their team lead, and what the team progress page reads back. The format
 * is documented at the top of docs/assets/js/assignments.js (README points
 * there); REPORT_FORMAT names it.
 *
 * buildReport() writes one (JSON and a plain-text version). jsonParts() (or
 * splitJson(), the same as an array) and validateReport() read pasted or
 * uploaded text, which is untrusted: any number of reports, one after another
 * or in an array, each validated and capped, with a message in words for
 * everything skipped. Nothing here throws. jsonParts() is a generator, so the
 * team progress page can read a large paste a slice at a time.
 *
 * Names and titles go through cleanName() (lib/names.js): no bidi controls or
 * invisible characters, NFKC, capped; the learner's name is what the team
 * table keys on.
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { isLessonId } from "./ids.js";
import { calendarDate } from "./dates.js";
import { cleanLine } from "./text.js";
import { cleanName } from "./names.js";

export const REPORT_FORMAT = "selling-as-connection/completion-report";

/** @typedef {"complete" | "in-progress" | "not-started" | "unavailable"} ReportStatus */

/** The words for each status, on the assignment page and in the team table. */
export const STATUS_TEXT = /** @type {Record<ReportStatus, string>} */ ({
  "not-started": "Not started",
  "in-progress": "In progress",
  complete: "Done",
  unavailable: "No longer available",
});

/**
 * @typedef {object} ReportLesson
 * @property {string} id
 * @property {string} title
 * @property {ReportStatus} status
 * @property {string | null} completedAt
 * @property {number} correct
 * @property {number} total
 */

/**
 * @param {ReportLesson} s
 * @returns {string}
 */
function scoreText(s) {
  return s.total ? s.correct + " of " + s.total + " quiz questions right" : "no quiz score yet";
}

/**
 * The report for an assignment: `json` (the format above) and `text` (the
 * same for a person to read).
 * @param {{title: string, due: string | null}} assignment
 * @param {ReportLesson[]} states one per assigned lesson, in order
 * @param {string} learner the learner's name ("" when not typed yet)
 * @param {Date} [now]
 */
export function buildReport(assignment, states, learner, now) {
  const at = (now || new Date()).toISOString();
  const complete = states.filter(function (s) { return s.status === "complete"; }).length;
  const json = {
    format: REPORT_FORMAT,
    version: 1,
    learner: learner,
    created: at,
    assignment: { title: assignment.title, due: assignment.due, lessons: states.map(function (s) { return s.id; }) },
    lessons: states.map(function (s) {
      return { id: s.id, title: s.title, status: s.status, completedAt: s.completedAt, correct: s.correct, total: s.total };
    }),
    summary: { complete: complete, total: states.length },
  };
  const lines = [
    "Completion report: " + (assignment.title || "Assignment"),
    "Learner: " + (learner || "(type your name above)"),
    "Due: " + (assignment.due || "no due date"),
    "Done: " + complete + " of " + states.length + " lessons",
    "",
  ];
  states.forEach(function (s, i) {
    let line = (i + 1) + ". " + s.title + ": ";
    if (s.status === "complete") line += "done on " + s.completedAt + ", " + scoreText(s);
    else if (s.status === "in-progress") line += "in progress, " + scoreText(s);
    else if (s.status === "unavailable") line += "no longer available in the course";
    else line += "not started";
    lines.push(line);
  });
  lines.push("", "Created " + at.slice(0, 10) + " with Selling as Connection.");
  return { text: lines.join("\n"), json: json };
}

/**
 * @param {unknown} value
 * @returns {number}
 */
function count(value) {
  return typeof value === "number" && isFinite(value) && value >= 0 && value <= 1000 ? Math.floor(value) : 0;
}

/**
 * @typedef {object} Report a validated report
 * @property {string} learner
 * @property {string} title
 * @property {string | null} due
 * @property {string} created ISO 8601 time or ""
 * @property {ReportLesson[]} lessons
 */

/**
 * Validate one parsed value as a completion report.
 * Returns {report} or {error: "why it was skipped"} (a sentence that follows
 * the name of the file or part, e.g. "The file “x.json” is not valid JSON.").
 * @param {unknown} value
 * @returns {{report: Report, error?: undefined} | {error: string, report?: undefined}}
 */
export function validateReport(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { error: "is not a completion report (expected a JSON object)." };
  }
  const raw = /** @type {Record<string, any>} */ (value);
  if (raw.format !== REPORT_FORMAT) {
    return { error: "is not a completion report from this course (its \"format\" is missing or different)." };
  }
  if (raw.version !== 1) return { error: "is a completion report of a version this page does not know." };
  const learner = cleanName(raw.learner, anatomy.learnerNameChars);
  if (!learner) return { error: "has no learner name. Ask the person to type their name and copy the report again." };
  const a = raw.assignment;
  if (!a || typeof a !== "object" || !Array.isArray(raw.lessons)) {
    return { error: "is missing its assignment or its lessons." };
  }
  const max = anatomy.assignment.lessons;
  if (raw.lessons.length > max) return { error: "lists more than " + max + " lessons." };
  /** @type {ReportLesson[]} */
  const lessons = [];
  for (let i = 0; i < raw.lessons.length; i += 1) {
    const l = raw.lessons[i];
    if (!l || typeof l !== "object" || !isLessonId(l.id) ||
        !Object.prototype.hasOwnProperty.call(STATUS_TEXT, l.status)) {
      return { error: "has a lesson entry (number " + (i + 1) + ") that is not valid." };
    }
    const correct = count(l.correct);
    const total = count(l.total);
    lessons.push({
      id: l.id,
      title: cleanName(l.title, 200) || l.id,
      status: l.status,
      completedAt: l.status === "complete" ? calendarDate(l.completedAt) : null,
      correct: Math.min(correct, total),
      total: total,
    });
  }
  return {
    report: {
      learner: learner,
      title: cleanName(a.title, anatomy.assignment.titleChars) || "Assignment",
      due: calendarDate(a.due),
      created: typeof raw.created === "string" && !isNaN(Date.parse(raw.created)) ? raw.created : "",
      lessons: lessons,
    },
  };
}

/**
 * @typedef {{value: unknown[], error?: undefined} | {error: string, value?: undefined}} JsonPart
 */

/**
 * Split pasted text into JSON values: one value, an array, or objects one
 * after another (with or without commas or brackets between them). Each part
 * is {value: [values]} or {error}; text outside every {...} is reported as an
 * error part, never silently dropped.
 * @param {string} text
 * @returns {JsonPart[]}
 */
export function splitJson(text) {
  return Array.from(jsonParts(text), function (part) {
    return part.error === undefined ? { value: part.value } : { error: part.error };
  });
}

/**
 * splitJson() one part at a time, with `end`: how far into the text the part
 * ends (0 to 1), for a progress bar. Text that is one JSON value is parsed at
 * once (JSON.parse: about 10 ms per MB); otherwise each {...} is cut out by a
 * scan that skips strings and parsed when the consumer asks for it, and the
 * text between them is collected (its first 30 characters) and reported last.
 * @param {string} text
 * @returns {Generator<JsonPart & {end: number}, void, void>}
 */
export function* jsonParts(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  try {
    const whole = JSON.parse(trimmed);
    yield { value: Array.isArray(whole) ? whole : [whole], end: 1 };
    return;
  } catch (e) {
    /* fall through: several objects pasted one after another */
  }
  const length = trimmed.length;
  let stray = "";
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  let found = 0;
  for (let i = 0; i < length; i += 1) {
    const c = trimmed[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === "\"") inString = false;
      continue;
    }
    if (c === "\"") {
      inString = true;
      if (depth === 0 && stray.length <= 30) stray += c;
    } else if (c === "{") {
      if (depth === 0) start = i;
      depth += 1;
    } else if (c === "}" && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        found += 1;
        const chunk = trimmed.slice(start, i + 1);
        let part;
        try {
          part = { value: [JSON.parse(chunk)], end: (i + 1) / length };
        } catch (e) {
          part = { error: "is not valid JSON.", end: (i + 1) / length };
        }
        yield part;
      }
    } else if (depth === 0 && c !== " " && c !== "," && c !== "[" && c !== "]" && !/\s/.test(c)) {
      if (stray.length <= 30) stray += c;
    }
  }
  if (!found) {
    yield { error: "is not valid JSON.", end: 1 };
    return;
  }
  if (depth > 0) yield { error: "ends with a report that is cut off (not valid JSON).", end: 1 };
  if (stray) yield { error: "has text between the reports that is not JSON (\u201c" + cleanLine(stray, 30) + "\u201d).", end: 1 };
}
