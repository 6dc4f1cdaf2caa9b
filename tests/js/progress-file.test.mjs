// The progress file (docs/assets/js/lib/progress-file.js): export, and import
// of an untrusted file with a message for everything that is wrong.
import test from "node:test";
import assert from "node:assert/strict";
import { EXPORT_FORMAT, MAX_IMPORT_RECORDS, checkRecord, exportData, parseImport, skippedText } from "../../docs/assets/js/lib/progress-file.js";
import { emptyState, mergeRecords } from "../../docs/assets/js/lib/state.js";

const CATALOGUE = { lessons: { "connection/a": { quizzes: 3 }, "connection/b": { quizzes: 3 } }, aliases: { "old/a": "connection/a" },
  assessments: { connection: { kind: "module", passMark: 80, questions: 6, draw: 6 }, final: { kind: "final", passMark: 80, questions: 25, draw: 12 } } };
const NOW = new Date("2026-12-01T12:00:00Z");
const DONE = { status: "complete", answered: 3, correct: 2, total: 3, completedAt: "2026-11-29", updatedAt: "2026-11-29T10:00:00.000Z", answers: {} };
const STARTED = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: "2026-11-30T10:00:00.000Z", answers: {} };

/** @param {object} lessons @param {object} [extra] */
const file = (lessons, extra) => JSON.stringify(Object.assign(exportData({ version: 2, lessons, retired: {}, learner: { name: "Dana", updatedAt: null } }), extra));
const parse = (text) => parseImport(text, CATALOGUE, NOW);

test("an exported file imports again", () => {
  const data = exportData({ version: 2, lessons: { "connection/a": DONE }, retired: {}, learner: { name: "Dana", updatedAt: null } }, new Date("2026-12-01T00:00:00Z"));
  assert.deepEqual(Object.keys(data), ["format", "version", "exportedAt", "progress"]);
  assert.equal(data.format, EXPORT_FORMAT);
  assert.equal(data.version, 2);
  assert.equal(data.exportedAt, "2026-12-01T00:00:00.000Z");
  assert.deepEqual(parse(JSON.stringify(data)), { lessons: { "connection/a": DONE }, assessments: {}, reviews: {}, name: "Dana", invalid: 0, impossible: 0, unknown: 0, overLimit: 0 });
});

test("a first-round file (version 1) imports", () => {
  const old = { format: EXPORT_FORMAT, version: 1, exportedAt: "2026-11-30T00:00:00Z",
    progress: { version: 1, lessons: { "connection/a": Object.assign({}, DONE, { answers: undefined }) }, learner: { name: "Dana" } } };
  assert.deepEqual(parse(JSON.stringify(old)).lessons, { "connection/a": DONE });
});

test("files that are not progress files are refused with a reason", () => {
  const cases = [
    ["{oops", /not valid JSON/],
    ["[]", /not a progress file from this course/],
    [JSON.stringify({ format: "selling-as-connection/completion-report", version: 1 }), /its “format” is not “selling-as-connection\/progress”/],
    [file({}, { version: "1" }), /has version "1"; this site reads versions 1 and 2/],
    [file({}, { version: 3 }), /has version 3;/],
    [file({}, { progress: { lessons: [] } }), /“progress.lessons” is missing or not an object/],
    [file({}, { progress: null }), /“progress.lessons” is missing/],
    [file({}), /holds no lesson records this site can use\.$/],
  ];
  for (const [text, reason] of cases) {
    const result = parse(text);
    assert.match(result.error || "", reason, text);
  }
  assert.deepEqual(parse(file({})).lessons, {});
  assert.deepEqual(emptyState().lessons, {}, "nothing shared between calls");
});

test("without the course's catalogue nothing is imported (it must wait for course.json)", () => {
  assert.match(parseImport(file({ "connection/a": DONE }), null, NOW).error, /list of lessons could not be loaded/);
});

test("invalid, impossible and unknown records are counted apart; former ids map to current ones", () => {
  const result = parse(file({
    "old/a": STARTED,
    "connection/a": DONE,
    "connection/b": { status: "done" },
    "BAD ID": DONE,
    "retired/x": DONE,
  }));
  assert.equal(result.error, undefined);
  assert.deepEqual(result.lessons, { "connection/a": mergeRecords(STARTED, DONE) }, "the more complete record wins");
  assert.equal(result.lessons["connection/a"].status, "complete");
  assert.equal(result.invalid, 2);
  assert.equal(result.unknown, 1);
  const none = parse(file({ "retired/x": DONE, "connection/b": { status: 1 } }));
  assert.equal(none.error, "This progress file holds no lesson records this site can use (1 record not valid, 1 record for lessons this course does not have).");
});

test("records that cannot be true for the lesson are refused", () => {
  const cases = {
    "50 of 3 correct": { correct: 50 },
    "answered 1000, correct 0": { answered: 1000, total: 1000, correct: 0 },
    "more correct than answered": { correct: 3, answered: 2, status: "in-progress", completedAt: null },
    "more questions than the lesson has": { total: 4, answered: 4, correct: 1 },
    "complete with one unanswered": { answered: 2, correct: 1 },
    "completed 0001-01-01": { completedAt: "0001-01-01" },
    "completed tomorrow": { completedAt: "2026-12-02" },
    "completed before the course": { completedAt: "2026-11-28" },
    "updated in 2999": { updatedAt: "2999-01-01T00:00:00Z" },
    "fractional counts": { answered: 2.5 },
    "answers for quiz-7": { answers: { "quiz-7": { correct: true, at: null } } },
  };
  for (const [name, change] of Object.entries(cases)) {
    const raw = Object.assign({}, DONE, change);
    assert.ok(checkRecord(raw, 3, "2026-12-01"), name);
    const result = parse(file({ "connection/a": raw }));
    assert.equal(result.impossible, 1, name);
    assert.match(result.error, /1 record with numbers or dates that cannot be right for the lesson/, name);
  }
  assert.equal(checkRecord(DONE, 3, "2026-12-01"), "");
  assert.equal(checkRecord(STARTED, 3, "2026-12-01"), "");
});

test("files with more records than the limit say how many were not read", () => {
  const lessons = { "connection/a": DONE };
  for (let i = 0; i < MAX_IMPORT_RECORDS + 10; i += 1) lessons["gone/l" + i] = DONE;
  const result = parse(file(lessons));
  assert.equal(result.overLimit, 11);
  assert.match(skippedText(result), /11 records over the limit of 2000 per file, not read/);
  assert.match(skippedText(result), /^1999 records for lessons this course does not have, /);
});

test("module checks, the final and review days import when they make sense", () => {
  const result = (percent, correct, total, passed, at) => ({ percent, correct, total, passed, at, modules: {} });
  const withAnswers = Object.assign({}, DONE, { answers: { "quiz-0": { correct: true, at: "2026-11-29T10:00:00.000Z", recovered: false } } });
  const text = JSON.stringify({
    format: EXPORT_FORMAT, version: 2, exportedAt: "2026-12-01T00:00:00Z",
    progress: {
      version: 2, lessons: { "connection/a": withAnswers }, learner: { name: "Dana" },
      assessments: {
        connection: { attempts: 2, first: result(66, 4, 6, false, "2026-11-30T10:00:00Z"), best: result(100, 6, 6, true, "2026-11-30T11:00:00Z") },
        // claims a pass with 7 of 12 (58 %): "passed" is worked out again
        final: { attempts: 1, first: result(58, 7, 12, true, "2026-11-30T12:00:00Z"), best: result(58, 7, 12, true, "2026-11-30T12:00:00Z") },
        "client-focus": { attempts: 1, first: result(100, 6, 6, true, "2026-11-30T12:00:00Z") },
      },
      reviews: { "connection/a#quiz-0": { step: 1, due: "2026-12-03", last: "2026-11-30", lapses: 0 }, "connection/b#quiz-0": { step: 1, due: "2026-12-03", last: null, lapses: 0 } },
    },
  });
  const parsed = parse(text);
  assert.deepEqual(Object.keys(parsed.assessments).sort(), ["connection", "final"], "only assessments the course has");
  assert.equal(parsed.assessments.connection.best.percent, 100);
  assert.equal(parsed.assessments.final.best.passed, false, "a file cannot claim a pass");
  assert.deepEqual(Object.keys(parsed.reviews), ["connection/a#quiz-0"], "only reviews of imported answers");
  // more questions than an attempt asks, or a date before the course: left out
  const bad = JSON.parse(text);
  bad.progress.assessments = { final: { attempts: 1, first: result(100, 30, 30, true, "2026-11-30T12:00:00Z") },
    connection: { attempts: 1, first: result(100, 6, 6, true, "2020-01-01T00:00:00Z") } };
  assert.deepEqual(parse(JSON.stringify(bad)).assessments, {});
});
