// @ts-check
/**
 * Assignment links. No server, no accounts: an assignment lives entirely in
 * the fragment of its link, so it never reaches a web server's logs:
 *
 *   <site>/assignment/#v=2&t=<title>&due=YYYY-MM-DD&l=<id>,<id>&n=<note>&end=1
 *
 *   v    2: the link ends with "end=1" (links made before it had neither)
 *   t    assignment title, plain text, at most anatomy.assignment.titleChars (120)
 *   due  due date (local calendar date, 2000-2100), optional
 *   l    lesson ids ("module/slug", see src/course/model.py), comma-separated,
 *        at most anatomy.assignment.lessons (40)
 *   n    note to the team, plain text, at most anatomy.assignment.noteChars (1000),
 *        optional
 *   end  1: the end of the link
 *
 * Everything read from a link is untrusted: parseAssignment() caps the
 * fragment, validates every value and counts what it left out. A link that was
 * cut off on its way (chat apps and mail programs shorten long links) is
 * "incomplete": one that says v=2 but does not end with end=1, or an older one
 * without a lesson (the builder always wrote one, after the title and due date).
 *
 * Pure: no browser API beyond URL and URLSearchParams, which Node has too
 * (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { isLessonId } from "./ids.js";
import { cleanLine, cleanText } from "./text.js";
import { cleanDue } from "./dates.js";

/**
 * hash: the longest link the builder can make (1000 non-ASCII note characters
 * are up to 9000 characters once percent-encoded, plus title and 40 ids), with room.
 */
export const LIMITS = {
  title: anatomy.assignment.titleChars,
  note: anatomy.assignment.noteChars,
  lessons: anatomy.assignment.lessons,
  hash: 16000,
  name: anatomy.learnerNameChars,
};

/**
 * @typedef {object} Assignment
 * @property {string} title
 * @property {string | null} due "YYYY-MM-DD" or null
 * @property {boolean} badDue the link had a due date that is not a valid date
 * @property {string} note
 * @property {string[]} ids lesson ids, in link order, without repeats
 * @property {number} rejected entries that were not lesson ids or exceeded the cap
 * @property {boolean} incomplete the link was cut off (see the header): show no part of it
 */

/**
 * Read an assignment from a link fragment ("#t=...&due=..."; the "#" is optional).
 * @param {unknown} hash
 * @returns {Assignment}
 */
export function parseAssignment(hash) {
  const text = typeof hash === "string" ? hash.replace(/^#/, "").slice(0, LIMITS.hash) : "";
  let params;
  try {
    params = new URLSearchParams(text);
  } catch (e) {
    params = new URLSearchParams("");
  }
  /** @type {string[]} */
  const ids = [];
  let rejected = 0;
  (params.get("l") || "").split(",").forEach(function (raw) {
    const id = raw.trim();
    if (!id) return;
    if (!isLessonId(id) || ids.length >= LIMITS.lessons) {
      rejected += 1;
    } else if (ids.indexOf(id) === -1) {
      ids.push(id);
    }
  });
  const rawDue = params.get("due");
  const due = cleanDue(rawDue);
  return {
    title: cleanLine(params.get("t") || "", LIMITS.title),
    due: due,
    badDue: !!rawDue && !due,
    note: cleanText(params.get("n") || "", LIMITS.note),
    ids: ids,
    rejected: rejected,
    // Only a fragment that holds some part of an assignment can be one cut off
    // (not a jump to a heading, "#try-it").
    incomplete: ["v", "t", "due", "l", "n"].some(function (k) { return params.has(k); }) &&
      (params.get("v") === "2" ? params.get("end") !== "1" : !ids.length),
  };
}

/**
 * True when a parsed assignment names something to show.
 * @param {Assignment} a
 */
export function hasAssignment(a) {
  return a.ids.length > 0 || !!a.title || a.incomplete;
}

/**
 * The fragment (without "#") for these values, cleaned and capped as
 * parseAssignment() reads them.
 * @param {{title: string, due?: string | null, note?: string, ids: string[]}} a
 * @returns {string}
 */
export function assignmentHash(a) {
  const params = new URLSearchParams();
  params.set("v", "2");
  params.set("t", cleanLine(a.title, LIMITS.title));
  const due = cleanDue(a.due);
  if (due) params.set("due", due);
  params.set("l", a.ids.filter(isLessonId).slice(0, LIMITS.lessons).join(","));
  const note = cleanText(a.note || "", LIMITS.note);
  if (note) params.set("n", note);
  params.set("end", "1");
  return params.toString();
}

/**
 * The full URL of the assignment page for these values.
 * @param {{title: string, due?: string | null, note?: string, ids: string[]}} a
 * @param {string} root absolute URL of the site root, ending in "/"
 * @returns {string}
 */
export function assignmentUrl(a, root) {
  const url = new URL("assignment/", root);
  url.hash = assignmentHash(a);
  return url.href;
}
