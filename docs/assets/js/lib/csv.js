// @ts-check
/**
 * CSV for spreadsheets (the team progress export): rows of cells in, text out.
 *
 *   csvText([["Learner", "Due"], ["Dana", null]]) -> "\"Learner\",\"Due\"\r\n\"Dana\",\"\"\r\n"
 *
 * Values come from learners' reports and are untrusted. Two defences, after
 * OWASP "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection):
 *
 * - Every field is quoted and its quotes doubled (RFC 4180 section 2), so a
 *   parser that honours quotes never splits a value, whatever separator the
 *   reader's locale uses.
 * - formulaSafe() puts an apostrophe before =, +, -, an at sign, a tab or a
 *   carriage return wherever a cell could start: at the start of the value
 *   and after each separator a locale or a careless parser might use (comma;
 *   semicolon, Excel's list separator in DE, FR, NL, ES, IT...; tab; line
 *   breaks; a double quote), spaces skipped. OWASP: "it is not sufficient to
 *   make sure that the untrusted user input does not start with these
 *   characters... attackers could use [the separator] to start a new cell".
 *   Excel opening a file in a ";" locale splits `"Ana","x;=SUM(2"` at the
 *   semicolon and would run `=SUM(2"` as a formula; guarded it reads
 *   `'=SUM(2"`, text. tests/unit/test_csv_spreadsheet.py parses our output
 *   with Python's csv module in the comma and the semicolon dialects.
 *
 * Pure: no browser API (tests/js/ imports it).
 */

/** What makes a spreadsheet read a cell as a formula (OWASP). */
const TRIGGERS = "=+-@\t\r";
/** Where a cell could begin after: each separator a locale or a careless parser might split at. */
const SEPARATORS = ",;\t\r\n\"";

/**
 * `text` with an apostrophe before every formula trigger (= + - at-sign tab CR)
 * that could begin a cell: at the start of the value or after a separator
 * (see SEPARATORS and the header; OWASP CSV Injection), spaces skipped. A tab
 * is both: "\t=1" becomes "'\t'=1". "2026-11-21", "2 of 3" and
 * "Week 1 - intro" are unchanged.
 * @param {string} text
 * @returns {string}
 */
export function formulaSafe(text) {
  if (!/[=+\-@\t\r]/.test(text)) return text;
  let out = "";
  let cellStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (cellStart && c === " ") {
      out += c;
      continue;
    }
    if (cellStart && TRIGGERS.indexOf(c) !== -1) out += "'";
    out += c;
    cellStart = SEPARATORS.indexOf(c) !== -1;
  }
  return out;
}

/**
 * One field: formulaSafe(), then quoted with its quotes doubled (RFC 4180).
 * @param {unknown} value null and undefined give an empty field ("")
 * @returns {string}
 */
export function csvCell(value) {
  const text = formulaSafe(String(value === null || value === undefined ? "" : value));
  return "\"" + text.replace(/"/g, "\"\"") + "\"";
}

/**
 * Rows of cells as CSV text: fields joined by commas, every row ended by CRLF
 * (RFC 4180).
 * @param {unknown[][]} rows
 * @returns {string}
 */
export function csvText(rows) {
  return rows.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
}
