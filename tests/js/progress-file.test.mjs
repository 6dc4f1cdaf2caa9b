// The progress file (docs/assets/js/lib/progress-file.js): export, and import
// of an untrusted file with a message for everything that is wrong.
import test from "node:test";
import assert from "node:assert/strict";
import { EXPORT_FORMAT, exportData, parseImport } from "../../docs/assets/js/lib/progress-file.js";
import { emptyState } from "../../docs/assets/js/lib/state.js";

const CATALOGUE = { lessons: { "connection/a": {}, "connection/b": {} }, aliases: { "old/a": "connection/a" } };
const DONE = { status: "complete", answered: 3, correct: 2, total: 3, completedAt: "2026-11-29", updatedAt: "2026-11-29T10:00:00.000Z" };
const STARTED = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: "2026-11-30T10:00:00.000Z" };

/** @param {object} lessons @param {object} [extra] */
const file = (lessons, extra) => JSON.stringify(Object.assign(exportData({ version: 1, lessons, learner: { name: "Dana" } }), extra));

test("an exported file imports again", () => {
  const data = exportData({ version: 1, lessons: { "connection/a": DONE }, learner: { name: "Dana" } }, new Date("2026-12-01T00:00:00Z"));
  assert.deepEqual(Object.keys(data), ["format", "version", "exportedAt", "progress"]);
  assert.equal(data.format, EXPORT_FORMAT);
  assert.equal(data.exportedAt, "2026-12-01T00:00:00.000Z");
  assert.deepEqual(parseImport(JSON.stringify(data), CATALOGUE), { lessons: { "connection/a": DONE }, name: "Dana", invalid: 0, unknown: 0 });
});

test("files that are not progress files are refused with a reason", () => {
  const cases = [
    ["{oops", /not valid JSON/],
    ["[]", /not a progress file from this course/],
    [JSON.stringify({ format: "selling-as-connection/completion-report", version: 1 }), /its “format” is not “selling-as-connection\/progress”/],
    [file({}, { version: "1" }), /has version "1"; this site reads version 1/],
    [file({}, { progress: { lessons: [] } }), /“progress.lessons” is missing or not an object/],
    [file({}, { progress: null }), /“progress.lessons” is missing/],
    [file({}), /holds no lesson records this site can use\.$/],
  ];
  for (const [text, reason] of cases) {
    const result = parseImport(text, CATALOGUE);
    assert.match(result.error || "", reason, text);
  }
  assert.deepEqual(parseImport(file({}), CATALOGUE).lessons, {});
  const state = emptyState();
  assert.deepEqual(state.lessons, {}, "nothing shared between calls");
});

test("invalid and unknown records are counted; former ids map to current ones", () => {
  const result = parseImport(file({
    "old/a": STARTED,
    "connection/a": DONE,
    "connection/b": { status: "done" },
    "BAD ID": DONE,
    "retired/x": DONE,
  }), CATALOGUE);
  assert.equal(result.error, undefined);
  assert.deepEqual(result.lessons, { "connection/a": DONE }, "the more complete record wins");
  assert.equal(result.invalid, 2);
  assert.equal(result.unknown, 1);
  const none = parseImport(file({ "retired/x": DONE, "connection/b": { status: 1 } }), CATALOGUE);
  assert.equal(none.error, "This progress file holds no lesson records this site can use (1 record not valid, 1 for lessons this course does not have).");
});

test("without a catalogue every valid record is kept", () => {
  assert.deepEqual(Object.keys(parseImport(file({ "retired/x": DONE }), null).lessons), ["retired/x"]);
});
