// @ts-check
/**
 * CSV for spreadsheets (the team progress export). Values come from learners'
 * reports and are untrusted: a cell that starts with =, +, - or an at sign
 * (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet never runs it
 * as a formula (OWASP "CSV Injection"); cells are quoted as RFC 4180 describes
 * (a cell with a quote, comma, line break or edge spaces is quoted, quotes doubled).
 *
 * Pure: no browser API (tests/js/ imports it).
 */

/**
 * @param {unknown} value null and undefined give an empty cell
 * @returns {string}
 */
export function csvCell(value) {
  let text = String(value === null || value === undefined ? "" : value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) || text !== text.trim() ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
}

/**
 * Rows of cells as CSV text: cells joined by commas, every row ended by CRLF.
 * @param {unknown[][]} rows
 * @returns {string}
 */
export function csvText(rows) {
  return rows.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
}
