// @ts-check
/**
 * Plain text from untrusted values (links, reports, storage): strings only,
 * control characters removed, capped. The results are written with
 * textContent or as attribute values, never as HTML.
 *
 * Pure: no browser API (tests/js/ imports it).
 */

/**
 * Plain single-line text: no control characters, collapsed spaces, capped.
 * Anything but a string gives "".
 * @param {unknown} value
 * @param {number} max
 * @returns {string}
 */
export function cleanLine(value, max) {
  if (typeof value !== "string") return "";
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ").trim().slice(0, max);
}

/**
 * Plain multi-line text: keeps line breaks (CRLF and CR become LF, at most
 * one empty line in a row), drops other control characters, capped.
 * @param {unknown} value
 * @param {number} max
 * @returns {string}
 */
export function cleanText(value, max) {
  if (typeof value !== "string") return "";
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ")
    .replace(/\n{3,}/g, "\n\n").trim().slice(0, max);
}

/**
 * "1 lesson", "2 lessons".
 * @param {number} n
 * @param {string} word
 * @returns {string}
 */
export function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

/**
 * A file-name part: lower-case ASCII letters, digits and dashes, at most 50
 * characters; "assignment" when nothing is left.
 * @param {string} text
 * @returns {string}
 */
export function slug(text) {
  return (text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50)) ||
    "assignment";
}
