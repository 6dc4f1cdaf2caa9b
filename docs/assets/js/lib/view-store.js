// @ts-check
/**
 * Two small values kept in localStorage beside the progress (store.js), each
 * scoped to the site as the progress is: the site root's path, a dot and a name
 * from lib/anatomy.js ("/selling-as-connection/.sac:view").
 *
 * - The assignment (anatomy.assignmentKey): the fragment of the last assignment
 *   link the learner opened ("v=2&t=...&l=...&end=1", lib/assignment-link.js).
 *   assignments.js writes it when a link is opened; progress.js reads it on
 *   every page (assignment-aware navigation, issue 18 item 2). The first round
 *   kept it under one key for the whole origin (anatomy.legacyAssignmentKey): it
 *   is read from there when the scoped key is empty, and moved.
 * - The view (anatomy.viewKey): what the pre-paint scripts read before the first
 *   paint (src/course/render: continue_box, lesson_intro), as progress.js last
 *   derived it (lib/dashboard.js viewOf):
 *
 *     {"version": 1,
 *      "home": {"kind": "continue", "label": "Continue: Listen to understand",
 *               "href": "service/listen-to-understand/", "box": true, "assignment": true},
 *      "assignment": {"title": "Week 1", "ids": ["connection/x", "service/y"]} | null}
 *
 *   plus "stamp": the lengths of the stored progress and assignment it was
 *   derived from ("2301:88"); the home page's script trusts the view only while
 *   they are the same (progress changed some other way: an older version of the
 *   course, another tool), else it shows what the progress alone says.
 *   Derived data: progress.js writes it again on every page, so deleting it
 *   loses nothing; the scripts that read it check every value (href against
 *   lib/dashboard.js HREF) and write text with textContent only.
 *
 * - The questions answered in this browser (anatomy.answeredHereKey): a JSON list
 *   of "<lesson id>#quiz-N", added to when progress.js sees a question answered on
 *   the page. A saved answer that is not in it came from another device (an
 *   imported progress file): progress.js shows that question locked (issue 18,
 *   item 5), while one answered here stays mkdocs-quiz's, "Try again" included.
 *   Entries that are not of that shape are dropped when read; at most MAX_HERE.
 *
 * Storage that is blocked or full is never an error: reads give "" or null,
 * writes are skipped.
 */
import anatomy from "./anatomy.js";
import { siteRoot } from "./site.js";

/** The site's path ("/" or "/selling-as-connection/"). */
const ROOT_PATH = new URL(siteRoot()).pathname;
export const ASSIGNMENT_KEY = ROOT_PATH + "." + anatomy.assignmentKey;
export const VIEW_KEY = ROOT_PATH + "." + anatomy.viewKey;
export const ANSWERED_HERE_KEY = ROOT_PATH + "." + anatomy.answeredHereKey;
/** Most questions remembered as answered here (the course has about 70). */
const MAX_HERE = 2000;
const HERE_ENTRY = new RegExp("^" + anatomy.lessonId + "#quiz-(?:0|[1-9]\\d{0,2})$");
/** The progress store's key (store.js keyFor). */
const PROGRESS_KEY = ROOT_PATH + "." + anatomy.progressKey;
/** The longest fragment kept (lib/assignment-link.js LIMITS.hash). */
const MAX_HASH = 16000;

/** @returns {Storage | null} */
function storage() {
  try {
    return window.localStorage;
  } catch (e) {
    return null;
  }
}

/**
 * @param {string} key
 * @returns {string | null}
 */
function read(key) {
  const s = storage();
  try {
    return s ? s.getItem(key) : null;
  } catch (e) {
    return null;
  }
}

/**
 * @param {string} key
 * @param {string} value
 */
function write(key, value) {
  const s = storage();
  try {
    if (s && s.getItem(key) !== value) s.setItem(key, value);
  } catch (e) {
    /* blocked or full: nothing is kept */
  }
}

/**
 * The fragment of the last assignment link opened ("" when none).
 * @returns {string}
 */
export function storedAssignment() {
  const value = read(ASSIGNMENT_KEY);
  if (typeof value === "string" && value) return value.slice(0, MAX_HASH);
  const legacy = read(anatomy.legacyAssignmentKey);
  if (typeof legacy !== "string" || !legacy) return "";
  write(ASSIGNMENT_KEY, legacy.slice(0, MAX_HASH));
  const s = storage();
  try {
    if (s && s.getItem(ASSIGNMENT_KEY) === legacy.slice(0, MAX_HASH)) s.removeItem(anatomy.legacyAssignmentKey);
  } catch (e) {
    /* kept where it was: read again next time */
  }
  return legacy.slice(0, MAX_HASH);
}

/**
 * Remember an assignment link's fragment (without "#").
 * @param {string} hash
 */
export function rememberAssignment(hash) {
  write(ASSIGNMENT_KEY, String(hash).replace(/^#/, "").slice(0, MAX_HASH));
}

/**
 * Keep the view for the pre-paint scripts (written only when it changed).
 * @param {import("./dashboard.js").View} view
 */
export function keepView(view) {
  const stamp = String((read(PROGRESS_KEY) || "").length) + ":" + String((read(ASSIGNMENT_KEY) || "").length);
  write(VIEW_KEY, JSON.stringify(Object.assign({}, view, { stamp: stamp })));
}

/**
 * The questions answered in this browser, as "<lesson id>#quiz-N" (see the top).
 * @returns {Set<string>}
 */
export function answeredHere() {
  /** @type {Set<string>} */
  const out = new Set();
  let list = null;
  try {
    list = JSON.parse(read(ANSWERED_HERE_KEY) || "[]");
  } catch (e) {
    list = null;
  }
  if (Array.isArray(list)) addAnswered(out, list);
  return out;
}

/**
 * Add the entries of the "<lesson id>#quiz-N" shape to `here`, up to MAX_HERE.
 * @param {Set<string>} here
 * @param {unknown[]} entries
 */
function addAnswered(here, entries) {
  for (const entry of entries) {
    if (here.size >= MAX_HERE) break;
    if (typeof entry === "string" && HERE_ENTRY.test(entry)) here.add(entry);
  }
}

/**
 * Remember these questions as answered in this browser; entries of another shape are
 * ignored, and nothing is written when nothing is new.
 * @param {string[]} entries "<lesson id>#quiz-N"
 */
export function markAnsweredHere(entries) {
  const here = answeredHere();
  const size = here.size;
  addAnswered(here, entries);
  if (here.size !== size) write(ANSWERED_HERE_KEY, JSON.stringify(Array.from(here)));
}

/** Forget which questions were answered here (part of "Reset my progress"). */
export function forgetAnsweredHere() {
  const s = storage();
  try {
    if (s) s.removeItem(ANSWERED_HERE_KEY);
  } catch (e) {
    /* blocked: nothing was kept */
  }
}
