// @ts-check
/**
 * Completion reports: what a learner copies from the assignment page and sends
 * to their team lead, and what the team progress page reads back. The format
 * is documented at the top of docs/assets/js/assignments.js (README points
 * there); REPORT_FORMAT names it.
 *
 * buildReport() writes one: the JSON (the report file) and a text for people
 * that ends with the same JSON in a block (base64 of its UTF-8 between
 * BLOCK_BEGIN and BLOCK_END lines), so the text a learner copies into a mail or
 * a chat message round-trips to the team progress page (issue 18, item 3):
 *
 *   Completion report: Week 1
 *   Learner: Dana
 *   ...
 *   -----BEGIN SELLING AS CONNECTION REPORT-----
 *   eyJmb3JtYXQiOiJzZWxsaW5nLWFzLWNvbm5lY3Rpb24vY29tcGxldGlvbi1yZXBvcnQiLC...
 *   -----END SELLING AS CONNECTION REPORT-----
 *
 * reportParts() reads pasted or uploaded text, which is untrusted: any number of
 * reports as files, JSON (one after another or in an array) or text reports,
 * mixed. The block survives what mail and chat do to text: re-wrapped lines,
 * "> " quoting, spaces, base64url's "-" and "_". jsonParts() (or splitJson(),
 * the same as an array) reads the JSON; validateReport() checks each report and
 * caps it, with a message in words for everything skipped. Nothing here
 * throws. Both readers are generators, so the team progress page can read a
 * large paste a slice at a time.
 *
 * A report carries the learner's module checks and final assessment taken
 * (lib/assessment.js records: the first attempt and the best, issue 15 item 5):
 *
 *   "assessments": [{"id": "connection", "title": "Module check: Connection",
 *     "kind": "module", "attempts": 2,
 *     "first": {"percent": 67, "correct": 4, "total": 6, "passed": false, "at": "..."},
 *     "best": {"percent": 83, "correct": 5, "total": 6, "passed": true, "at": "..."}}]
 *
 * (optional, so reports of the first round still read; an entry that is not
 * valid is left out).
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
import { cleanResult } from "./assessment.js";

export const REPORT_FORMAT = "selling-as-connection/completion-report";
/** The lines around the report's JSON in its text. */
export const BLOCK_BEGIN = "-----BEGIN SELLING AS CONNECTION REPORT-----";
export const BLOCK_END = "-----END SELLING AS CONNECTION REPORT-----";
/** Characters per line of the block (as MIME wraps base64). */
const BLOCK_WIDTH = 76;
/** Assessment entries a report may hold (a course has one per module and a final). */
const MAX_ASSESSMENTS = 60;
const ASSESSMENT_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

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
 * A module check's or the final assessment's results in a report.
 * @typedef {object} ReportAssessment
 * @property {string} id a module id, or "final"
 * @property {string} title
 * @property {"module" | "final"} kind
 * @property {number} attempts
 * @property {ReportResult | null} first
 * @property {ReportResult | null} best
 */
/**
 * @typedef {{percent: number, correct: number, total: number, passed: boolean, at: string | null}} ReportResult
 */

/**
 * The assessments a learner has taken, for a report: in the catalogue's order
 * (module checks in course order, then the final), with first and best attempt.
 * @param {Record<string, {kind: "module" | "final", title: string}>} assessments course.json's (lib/catalogue.js)
 * @param {Record<string, import("./assessment.js").AssessmentRecord>} records progress.assessments (lib/state.js)
 * @returns {ReportAssessment[]}
 */
export function reportAssessments(assessments, records) {
  /** @param {import("./assessment.js").Result | null} r @returns {ReportResult | null} */
  function lite(r) {
    return r ? { percent: r.percent, correct: r.correct, total: r.total, passed: r.passed, at: r.at } : null;
  }
  return Object.keys(assessments).filter(function (id) {
    return Object.prototype.hasOwnProperty.call(records, id) && records[id] && records[id].best;
  }).map(function (id) {
    const record = records[id];
    return {
      id: id,
      title: assessments[id].title,
      kind: assessments[id].kind,
      attempts: record.attempts,
      first: lite(record.first),
      best: lite(record.best),
    };
  });
}

/**
 * "first attempt 67 % (not passed), best 83 % (passed), 2 attempts".
 * @param {ReportAssessment} a
 * @returns {string}
 */
export function assessmentText(a) {
  /** @param {ReportResult | null} r */
  const result = function (r) {
    return r ? r.percent + " % (" + (r.passed ? "passed" : "not passed") + ")" : "none";
  };
  return (a.attempts > 1 ? "first attempt " + result(a.first) + ", best " + result(a.best) : result(a.best)) + ", " +
    a.attempts + " attempt" + (a.attempts === 1 ? "" : "s");
}

/**
 * Base64 of the UTF-8 of a string (what TextEncoder and btoa give, in every
 * browser and in Node).
 * @param {string} text
 * @returns {string}
 */
function toBase64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  }
  return btoa(binary);
}

/**
 * The report's JSON as its text block: BLOCK_BEGIN, base64 lines, BLOCK_END.
 * @param {object} json
 * @returns {string}
 */
export function reportBlock(json) {
  const data = toBase64(JSON.stringify(json));
  /** @type {string[]} */
  const lines = [BLOCK_BEGIN];
  for (let i = 0; i < data.length; i += BLOCK_WIDTH) lines.push(data.slice(i, i + BLOCK_WIDTH));
  lines.push(BLOCK_END);
  return lines.join("\n");
}

/**
 * The JSON value in a block's base64 (the text between its two lines), or an
 * error when it was cut or changed on its way.
 * @param {string} body
 * @returns {{value: unknown, error?: undefined} | {error: string, value?: undefined}}
 */
export function readBlock(body) {
  const broken = { error: "holds a text report whose block at the end was cut off or changed on its way, so it cannot be read. Ask the person to send the report file instead." };
  // Mail quoting ("> "), spaces and line breaks go; base64url's "-" and "_" are base64's "+" and "/".
  const data = body.replace(/^[ \t]*(?:>[ \t]?)+/gm, "").replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/");
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return broken;
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch (e) {
    return broken;
  }
}

/**
 * @param {ReportLesson} s
 * @returns {string}
 */
function scoreText(s) {
  return s.total ? s.correct + " of " + s.total + " quiz questions right" : "no quiz score yet";
}

/**
 * The report for an assignment: `json` (the format above) and `text` (the
 * same for a person to read, with the JSON in a block at its end).
 * @param {{title: string, due: string | null}} assignment
 * @param {ReportLesson[]} states one per assigned lesson, in order
 * @param {string} learner the learner's name ("" when not typed yet)
 * @param {Date} [now]
 * @param {ReportAssessment[]} [assessments] the module checks and final taken (reportAssessments)
 */
export function buildReport(assignment, states, learner, now, assessments) {
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
  const taken = assessments || [];
  if (taken.length) json.assessments = taken;
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
  if (taken.length) {
    lines.push("", "Module checks and final assessment:");
    taken.forEach(function (a) { lines.push("- " + a.title + ": " + assessmentText(a)); });
  }
  lines.push("", "Created " + at.slice(0, 10) + " with Selling as Connection.", "",
    "For your lead's team progress page, the same report (paste the whole message there):", reportBlock(json));
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
 * @property {ReportAssessment[]} assessments
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
      assessments: cleanAssessments(raw.assessments),
    },
  };
}

/**
 * A report's assessment entries, each checked; entries that are not valid are
 * left out (the lessons are what a report is about).
 * @param {unknown} value
 * @returns {ReportAssessment[]}
 */
function cleanAssessments(value) {
  if (!Array.isArray(value)) return [];
  /** @type {ReportAssessment[]} */
  const out = [];
  /** @param {unknown} r @returns {ReportResult | null} */
  const result = function (r) {
    const clean = cleanResult(r);
    return clean ? { percent: clean.percent, correct: clean.correct, total: clean.total, passed: clean.passed, at: clean.at } : null;
  };
  value.slice(0, MAX_ASSESSMENTS).forEach(function (entry) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return;
    const raw = /** @type {Record<string, unknown>} */ (entry);
    if (typeof raw.id !== "string" || !ASSESSMENT_ID.test(raw.id)) return;
    if (out.some(function (a) { return a.id === raw.id; })) return;
    const best = result(raw.best);
    if (!best) return;
    out.push({
      id: raw.id,
      title: cleanName(raw.title, 200) || raw.id,
      kind: raw.kind === "final" || raw.id === "final" ? "final" : "module",
      attempts: Math.max(1, count(raw.attempts)),
      first: result(raw.first) || best,
      best: best,
    });
  });
  return out;
}

/**
 * @typedef {{value: unknown[], error?: undefined} | {error: string, value?: undefined}} JsonPart
 */

/** A text report: its first line, anything, then its block (to the end line, or to the end of the text). */
const TEXT_REPORT = new RegExp("(?:Completion report:[^\\n]*\\n(?:(?!Completion report:)[\\s\\S])*?)?" +
  BLOCK_BEGIN.replace(/-/g, "\\-") + "([\\s\\S]*?)(?:" + BLOCK_END.replace(/-/g, "\\-") + "|$)", "g");

/**
 * Every report in pasted or uploaded text, one part at a time (as jsonParts):
 * the text reports first (each read from its block), then the JSON in the rest.
 * What is left of a text report without its block (cut off, or made before the
 * block existed) is reported, not read as JSON.
 * @param {string} text
 * @returns {Generator<JsonPart & {end: number}, void, void>}
 */
export function* reportParts(text) {
  if (text.indexOf(BLOCK_BEGIN) === -1 && text.indexOf("Completion report:") === -1) {
    yield* jsonParts(text);
    return;
  }
  const length = text.length || 1;
  let rest = "";
  let last = 0;
  let found = 0;
  TEXT_REPORT.lastIndex = 0;
  let match;
  while ((match = TEXT_REPORT.exec(text)) !== null) {
    found += 1;
    rest += text.slice(last, match.index) + "\n";
    last = TEXT_REPORT.lastIndex;
    const read = readBlock(match[1]);
    yield read.error === undefined ? { value: [read.value], end: last / length } : { error: read.error, end: last / length };
    if (match[0].length === 0) TEXT_REPORT.lastIndex += 1;
  }
  rest += text.slice(last);
  const headless = rest.indexOf("Completion report:");
  if (headless !== -1) {
    yield {
      error: "is a text report without its block of letters and numbers at the end (it was cut off, or made before reports " +
        "had one), so it cannot be read. Ask the person to send the report file, or to copy the report again.",
      end: 1,
    };
    rest = rest.slice(0, headless);
  }
  // Around text reports, the words of a mail ("Hi Sam, ... Thanks") are no report:
  // only JSON there is read.
  if (found) rest = rest.indexOf("{") === -1 ? "" : rest.slice(rest.indexOf("{"), rest.lastIndexOf("}") + 1);
  if (rest.trim()) yield* jsonParts(rest);
}

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
