// @ts-check
/**
 * The progress store (lib/state.js, version 2) as SCORM suspend_data, and back.
 *
 * SCORM 1.2 gives cmi.suspend_data 4,096 characters (RTE §3.4, CMIString4096) and SCORM
 * 2004 3rd edition 4,000 (RTE §4.2, characterstring SPM 4000; the 4th edition raised it to
 * 64,000). encodeSuspend() aims below MAX_CHARS = 4000, which fits both: a finished
 * course (20 lessons, every quiz answered, six assessments, an 80-character name) takes
 * about 2,600 (tests/js/lms.test.mjs measures it). cmi5 keeps the same text in the AU's
 * own State API document.
 *
 * Format 1, a JSON array (JSON: any character of a name survives; the LMS stores a string):
 *
 *   ["sac1", <name>, <name time>, {<module>: {<lesson slug>: <lesson>}}, {<assessment id>: [<attempts>, <first>, <best>]}]
 *
 * - <lesson> "<c|p>.<answered>.<correct>.<total>.<completed day>.<updated>.<answers>":
 *   "c" complete, "p" in progress; counts in base 36; days since 2020-01-01 and seconds
 *   since 2020-01-01T00:00:00Z in base 36 ("" for none); <answers> is
 *   "<quiz number><Y|N|R><seconds>" joined by "_" (quiz-<n>; Y right first time, N wrong,
 *   R wrong then right on a retry).
 * - <first>, <best> "<percent>.<correct>.<total>.<1|0 passed>.<seconds>.<module>=<c>/<t>,…",
 *   or "" for none; <best> is "=" when it is the first attempt.
 * - <name time> is seconds in base 36, or "".
 *
 * When the text would be longer than the limit, detail goes in this order until it fits
 * (each step loses only what the learner's own browser still has): the answers' times, the
 * answers (the counts stay), the assessments' module breakdowns, the first attempts, then
 * lessons in progress. Lessons the course no longer has ("retired") and the spaced-review
 * schedule are never sent: they stay in the browser.
 *
 * decodeSuspend() never throws: anything that is not format 1 gives null, and every value
 * it does read goes through lib/state.js cleanState(), like any stored progress.
 *
 * Pure: no browser API.
 */
import { cleanState, emptyState } from "./state.js";

/** The most characters encodeSuspend() writes (SCORM 2004 3rd edition's SPM; 1.2 allows 4096). */
export const MAX_CHARS = 4000;
const MARK = "sac1";
const EPOCH_MS = Date.UTC(2020, 0, 1);
const DAY_MS = 86400000;

/**
 * @param {string | null | undefined} iso
 * @returns {string} seconds since the epoch, base 36, or ""
 */
function secs(iso) {
  const t = iso ? Date.parse(iso) : NaN;
  return isNaN(t) || t < EPOCH_MS ? "" : Math.floor((t - EPOCH_MS) / 1000).toString(36);
}

/**
 * @param {string} s
 * @returns {string | null}
 */
function fromSecs(s) {
  if (!/^[0-9a-z]{1,8}$/.test(s)) return null;
  return new Date(EPOCH_MS + parseInt(s, 36) * 1000).toISOString();
}

/**
 * @param {string | null | undefined} day "YYYY-MM-DD"
 * @returns {string}
 */
function days(day) {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!m) return "";
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return t < EPOCH_MS ? "" : Math.round((t - EPOCH_MS) / DAY_MS).toString(36);
}

/**
 * @param {string} s
 * @returns {string | null}
 */
function fromDays(s) {
  if (!/^[0-9a-z]{1,4}$/.test(s)) return null;
  return new Date(EPOCH_MS + parseInt(s, 36) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * @param {string} s
 * @returns {number}
 */
function num(s) {
  return /^[0-9a-z]{1,4}$/.test(s) ? parseInt(s, 36) : 0;
}

/**
 * @typedef {object} Detail how much encodeSuspend keeps (each step of the order above)
 * @property {boolean} answerTimes
 * @property {boolean} answers
 * @property {boolean} breakdown
 * @property {boolean} first
 * @property {boolean} inProgress
 */

/** @type {Detail[]} */
const LEVELS = [
  { answerTimes: true, answers: true, breakdown: true, first: true, inProgress: true },
  { answerTimes: false, answers: true, breakdown: true, first: true, inProgress: true },
  { answerTimes: false, answers: false, breakdown: true, first: true, inProgress: true },
  { answerTimes: false, answers: false, breakdown: false, first: true, inProgress: true },
  { answerTimes: false, answers: false, breakdown: false, first: false, inProgress: true },
  { answerTimes: false, answers: false, breakdown: false, first: false, inProgress: false },
];

/**
 * @param {import("./state.js").LessonRecord} r
 * @param {Detail} d
 * @returns {string}
 */
function lessonText(r, d) {
  let answers = "";
  if (d.answers) {
    answers = Object.keys(r.answers).map(function (id) {
      const a = r.answers[id];
      const flag = a.correct ? "Y" : a.recovered ? "R" : "N";
      return Number(id.slice(5)).toString(36) + flag + (d.answerTimes ? secs(a.at) : "");
    }).join("_");
  }
  return [r.status === "complete" ? "c" : "p", r.answered.toString(36), r.correct.toString(36), r.total.toString(36),
    days(r.completedAt), secs(r.updatedAt), answers].join(".");
}

/**
 * @param {import("./assessment.js").Result | null} r
 * @param {Detail} d
 * @returns {string}
 */
function resultText(r, d) {
  if (!r) return "";
  const modules = d.breakdown ? Object.keys(r.modules || {}).map(function (m) {
    return m + "=" + r.modules[m].correct + "/" + r.modules[m].total;
  }).join(",") : "";
  return [r.percent, r.correct, r.total, r.passed ? 1 : 0, secs(r.at), modules].join(".");
}

/**
 * @param {import("./state.js").ProgressState} state
 * @param {Detail} d
 * @returns {string}
 */
function encodeWith(state, d) {
  /** @type {Record<string, Record<string, string>>} */
  const lessons = {};
  Object.keys(state.lessons).forEach(function (id) {
    const r = state.lessons[id];
    if (!d.inProgress && r.status !== "complete") return;
    const cut = id.indexOf("/");
    const module = id.slice(0, cut);
    (lessons[module] = lessons[module] || {})[id.slice(cut + 1)] = lessonText(r, d);
  });
  /** @type {Record<string, [number, string, string]>} */
  const assessments = {};
  Object.keys(state.assessments).forEach(function (id) {
    const a = state.assessments[id];
    const first = d.first ? resultText(a.first, d) : "";
    const best = resultText(a.best, d);
    assessments[id] = [a.attempts, first, d.first && best === first ? "=" : best];
  });
  return JSON.stringify([MARK, state.learner.name, secs(state.learner.updatedAt), lessons, assessments]);
}

/**
 * The state as suspend data of at most `max` characters (MAX_CHARS by default).
 * @param {unknown} state any value (cleaned first)
 * @param {number} [max]
 * @returns {{text: string, level: number}} level 0 keeps everything; higher levels left
 *   detail out (the order in the header); text is "" when even the least does not fit
 */
export function encodeSuspend(state, max) {
  const limit = typeof max === "number" ? max : MAX_CHARS;
  const clean = cleanState(state);
  for (let level = 0; level < LEVELS.length; level += 1) {
    const text = encodeWith(clean, LEVELS[level]);
    if (text.length <= limit) return { text: text, level: level };
  }
  return { text: "", level: LEVELS.length };
}

/**
 * @param {string} text
 * @returns {import("./assessment.js").Result | null}
 */
function readResult(text) {
  if (typeof text !== "string" || !text) return null;
  const f = text.split(".");
  if (f.length !== 6) return null;
  /** @type {Record<string, {correct: number, total: number}>} */
  const modules = {};
  (f[5] ? f[5].split(",") : []).forEach(function (part) {
    const m = /^([a-z0-9][a-z0-9-]{0,59})=(\d{1,4})\/(\d{1,4})$/.exec(part);
    if (m) modules[m[1]] = { correct: Number(m[2]), total: Number(m[3]) };
  });
  return { percent: Number(f[0]), correct: Number(f[1]), total: Number(f[2]), passed: f[3] === "1", at: fromSecs(f[4]), modules: modules };
}

/**
 * @param {string} text
 * @returns {object | null} a raw lesson record (cleanState validates it)
 */
function readLesson(text) {
  if (typeof text !== "string") return null;
  const f = text.split(".");
  if (f.length !== 7 || (f[0] !== "c" && f[0] !== "p")) return null;
  /** @type {Record<string, {correct: boolean, at: string | null, recovered: boolean}>} */
  const answers = {};
  (f[6] ? f[6].split("_") : []).forEach(function (part) {
    const m = /^([0-9a-z]{1,3})([YNR])([0-9a-z]{0,8})$/.exec(part);
    if (m) answers["quiz-" + parseInt(m[1], 36)] = { correct: m[2] === "Y", at: m[3] ? fromSecs(m[3]) : null, recovered: m[2] === "R" };
  });
  return {
    status: f[0] === "c" ? "complete" : "in-progress",
    answered: num(f[1]), correct: num(f[2]), total: num(f[3]),
    completedAt: f[4] ? fromDays(f[4]) : null, updatedAt: f[5] ? fromSecs(f[5]) : null,
    answers: answers,
  };
}

/**
 * Suspend data back into a progress state, or null for anything that is not format 1
 * (empty, another course's data, a broken string). Never throws.
 * @param {unknown} text
 * @returns {import("./state.js").ProgressState | null}
 */
export function decodeSuspend(text) {
  if (typeof text !== "string" || text.length > 64000 || text.indexOf('["' + MARK + '"') !== 0) return null;
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (!Array.isArray(data) || data[0] !== MARK) return null;
  const state = /** @type {any} */ (emptyState());
  state.learner = { name: typeof data[1] === "string" ? data[1] : "", updatedAt: typeof data[2] === "string" && data[2] ? fromSecs(data[2]) : null };
  const lessons = data[3] && typeof data[3] === "object" && !Array.isArray(data[3]) ? data[3] : {};
  Object.keys(lessons).forEach(function (module) {
    const group = lessons[module];
    if (!group || typeof group !== "object" || Array.isArray(group)) return;
    Object.keys(group).forEach(function (slug) {
      const record = readLesson(group[slug]);
      if (record) state.lessons[module + "/" + slug] = record;
    });
  });
  const assessments = data[4] && typeof data[4] === "object" && !Array.isArray(data[4]) ? data[4] : {};
  Object.keys(assessments).forEach(function (id) {
    const a = assessments[id];
    if (!Array.isArray(a) || a.length !== 3) return;
    const first = readResult(a[1]);
    const best = a[2] === "=" ? first : readResult(a[2]);
    state.assessments[id] = { attempts: typeof a[0] === "number" ? a[0] : 0, first: first || best, best: best };
  });
  return cleanState(state);
}
