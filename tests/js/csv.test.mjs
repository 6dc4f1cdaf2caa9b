// CSV cells (docs/assets/js/lib/csv.js): RFC 4180 quoting and spreadsheet
// formula neutralisation (OWASP "CSV Injection") for values from reports.
import test from "node:test";
import assert from "node:assert/strict";
import { csvCell, csvText } from "../../docs/assets/js/lib/csv.js";

test("plain values are written as they are", () => {
  assert.equal(csvCell("Dana"), "Dana");
  assert.equal(csvCell("2 of 3"), "2 of 3");
  assert.equal(csvCell(3), "3");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell("Zoë ✓"), "Zoë ✓");
});

test("quotes, commas and line breaks are quoted, quotes doubled", () => {
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell("a\nb"), '"a\nb"');
  assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  assert.equal(csvCell(" padded "), '" padded "');
});

test("formula-looking cells get a leading apostrophe", () => {
  assert.equal(csvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert.equal(csvCell("+1"), "'+1");
  assert.equal(csvCell("-2+3"), "'-2+3");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("\tx"), "'\tx");
  assert.equal(csvCell("\r=1"), "\"'\r=1\"");
  assert.equal(csvCell("a=1"), "a=1");
});

test("rows end with CRLF", () => {
  assert.equal(csvText([["Learner", "Due"], ["Dana, O.", null]]), "Learner,Due\r\n\"Dana, O.\",\r\n");
});
