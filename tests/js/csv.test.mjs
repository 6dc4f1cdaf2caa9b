// CSV fields (docs/assets/js/lib/csv.js): every field quoted (RFC 4180), and
// a formula guard wherever a cell could start, in any locale's separator
// (OWASP "CSV Injection"). tests/unit/test_csv_spreadsheet.py parses the
// output with Python's csv module in the comma and the semicolon dialects.
import test from "node:test";
import assert from "node:assert/strict";
import { csvCell, csvText, formulaSafe } from "../../docs/assets/js/lib/csv.js";

test("every field is quoted, quotes doubled", () => {
  assert.equal(csvCell("Dana"), '"Dana"');
  assert.equal(csvCell("2 of 3"), '"2 of 3"');
  assert.equal(csvCell(3), '"3"');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(undefined), '""');
  assert.equal(csvCell("Zoë ✓"), '"Zoë ✓"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell("a\nb"), '"a\nb"');
  assert.equal(csvCell(" padded "), '" padded "');
});

test("a formula at the start of a value gets a leading apostrophe", () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert.equal(formulaSafe("+1"), "'+1");
  assert.equal(formulaSafe("-2+3"), "'-2+3");
  assert.equal(formulaSafe("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(formulaSafe("  =1"), "  '=1");
  assert.equal(formulaSafe("\tx"), "'\tx");
  assert.equal(formulaSafe("\r=1"), "'\r'=1");
  assert.equal(formulaSafe("\t=1"), "'\t'=1");
});

test("and after every separator a locale or a careless parser might split at", () => {
  assert.equal(formulaSafe("x;=SUM(2"), "x;'=SUM(2");
  assert.equal(formulaSafe("3);=1+1"), "3);'=1+1");
  assert.equal(formulaSafe("a,+1,-2"), "a,'+1,'-2");
  assert.equal(formulaSafe("a\t@x"), "a\t'@x");
  assert.equal(formulaSafe("a\n=1\r\n-1"), "a\n'=1\r\n'-1");
  assert.equal(formulaSafe('a"=1'), "a\"'=1");
  assert.equal(formulaSafe("a; ; =1"), "a; ; '=1");
  assert.equal(formulaSafe(";;=1"), ";;'=1");
});

test("ordinary values keep their dashes and signs", () => {
  for (const value of ["2026-11-21", "2 of 3", "Week 1 - intro", "a=1", "Ana-Maria", "x + y", "ana@example.com", "Done"]) {
    assert.equal(formulaSafe(value), value);
  }
});

test("rows: fields joined by commas, every row ended by CRLF", () => {
  assert.equal(csvText([["Learner", "Due"], ["Dana, O.", null]]), '"Learner","Due"\r\n"Dana, O.",""\r\n');
});
