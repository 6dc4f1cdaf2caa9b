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
 * Storage that is blocked or full is never an error: reads give "" or null,
 * writes are skipped.
 */
import anatomy from "./anatomy.js";
import { siteRoot } from "./site.js";

/** The site's path ("/" or "/selling-as-connection/"). */
const ROOT_PATH = new URL(siteRoot()).pathname;
export const ASSIGNMENT_KEY = ROOT_PATH + "." + anatomy.assignmentKey;
export const VIEW_KEY = ROOT_PATH + "." + anatomy.viewKey;
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
