// Completion reports (docs/assets/js/lib/report.js): built on the assignment
// page, pasted or uploaded on the team progress page, where they are untrusted.
import test from "node:test";
import assert from "node:assert/strict";
import {
  BLOCK_BEGIN, BLOCK_END, REPORT_FORMAT, buildReport, jsonParts, readBlock, reportAssessments, reportBlock, reportParts,
  splitJson, validateReport,
} from "../../docs/assets/js/lib/report.js";

const NOW = new Date("2026-11-29T10:00:00.000Z");
const STATES = [
  { id: "connection/a", title: "A lesson", status: "complete", completedAt: "2026-11-28", correct: 2, total: 3 },
  { id: "connection/b", title: "B lesson", status: "in-progress", completedAt: null, correct: 0, total: 0 },
  { id: "gone/c", title: "gone/c", status: "unavailable", completedAt: null, correct: 0, total: 0 },
  { id: "service/d", title: "D lesson", status: "not-started", completedAt: null, correct: 0, total: 0 },
];

/** @param {object} [fields] */
function report(fields) {
  return Object.assign(buildReport({ title: "Week 1", due: "2026-12-04" }, STATES, "Dana", NOW).json, fields);
}

test("buildReport writes the documented JSON and a readable text", () => {
  const { json, text } = buildReport({ title: "Week 1", due: "2026-12-04" }, STATES, "Dana", NOW);
  assert.deepEqual(json, {
    format: REPORT_FORMAT,
    version: 1,
    learner: "Dana",
    created: "2026-11-29T10:00:00.000Z",
    assignment: { title: "Week 1", due: "2026-12-04", lessons: ["connection/a", "connection/b", "gone/c", "service/d"] },
    lessons: STATES,
    summary: { complete: 1, total: 4 },
  });
  assert.equal(text, [
    "Completion report: Week 1",
    "Learner: Dana",
    "Due: 2026-12-04",
    "Done: 1 of 4 lessons",
    "",
    "1. A lesson: done on 2026-11-28, 2 of 3 quiz questions right",
    "2. B lesson: in progress, no quiz score yet",
    "3. gone/c: no longer available in the course",
    "4. D lesson: not started",
    "",
    "Created 2026-11-29 with Selling as Connection.",
    "",
    "For your lead's team progress page, the same report (paste the whole message there):",
    reportBlock(json),
  ].join("\n"));
  const empty = buildReport({ title: "", due: null }, [], "", NOW).text;
  assert.match(empty, /^Completion report: Assignment\nLearner: \(type your name above\)\nDue: no due date\n/);
});

test("a built report validates, round trip through JSON", () => {
  const result = validateReport(JSON.parse(JSON.stringify(report())));
  assert.equal(result.error, undefined);
  assert.deepEqual(result.report, {
    learner: "Dana", title: "Week 1", due: "2026-12-04", created: "2026-11-29T10:00:00.000Z", lessons: STATES,
    assessments: [],
  });
});

const RECORDS = {
  connection: {
    attempts: 2,
    first: { percent: 50, correct: 3, total: 6, passed: false, at: "2026-11-28T09:00:00.000Z", modules: {} },
    best: { percent: 83, correct: 5, total: 6, passed: true, at: "2026-11-29T09:00:00.000Z", modules: {} },
  },
  final: {
    attempts: 1,
    first: { percent: 75, correct: 9, total: 12, passed: false, at: "2026-11-29T09:30:00.000Z", modules: {} },
    best: { percent: 75, correct: 9, total: 12, passed: false, at: "2026-11-29T09:30:00.000Z", modules: {} },
  },
  "gone-module": { attempts: 1, first: null, best: null },
};
const ASSESSMENTS = {
  connection: { kind: "module", title: "Module check: Connection" },
  service: { kind: "module", title: "Module check: Service" },
  final: { kind: "final", title: "Final assessment" },
};

test("module checks and the final assessment: first and best attempt, in the report and its text (issue 15)", () => {
  const taken = reportAssessments(ASSESSMENTS, /** @type {any} */ (RECORDS));
  assert.deepEqual(taken.map((a) => [a.id, a.attempts, a.first && a.first.percent, a.best && a.best.percent]),
    [["connection", 2, 50, 83], ["final", 1, 75, 75]]);
  const { json, text } = buildReport({ title: "Week 1", due: null }, STATES, "Dana", NOW, taken);
  assert.deepEqual(json.assessments, taken);
  assert.match(text, /\nModule checks and final assessment:\n- Module check: Connection: first attempt 50 % \(not passed\), best 83 % \(passed\), 2 attempts\n- Final assessment: 75 % \(not passed\), 1 attempt\n/);
  const back = validateReport(JSON.parse(JSON.stringify(json)));
  assert.deepEqual(back.report && back.report.assessments, taken);
  // Entries that are not valid are left out; the report still reads.
  const hostile = validateReport(Object.assign({}, json, { assessments: [
    { id: "Bad ID", best: taken[0].best }, { id: "service", title: "<b>x</b>", best: { percent: 999, correct: 9, total: 6 } },
    { id: "connection", best: null }, "nope", taken[0], taken[0],
  ] }));
  assert.deepEqual(hostile.report && hostile.report.assessments.map((a) => [a.id, a.best && a.best.percent]),
    [["service", 100], ["connection", 83]]);
  assert.deepEqual(validateReport(Object.assign({}, json, { assessments: "x" })).report.assessments, []);
});

test("the text report round-trips: its block holds the JSON, through mail and chat (issue 18)", () => {
  const { json, text } = buildReport({ title: "Wëek 1 “quoted”", due: "2026-12-04" }, STATES, "Dana Ölund-李", NOW);
  const read = (/** @type {string} */ t) => [...reportParts(t)].map((p) => p.error || validateReport(p.value[0]).report);
  const want = validateReport(JSON.parse(JSON.stringify(json))).report;
  assert.deepEqual(read(text), [want]);
  // A reply that quotes it, with words around it.
  const quoted = "Hi Sam,\n\nhere it is.\n\n" + text.split("\n").map((l) => "> " + l).join("\n") + "\n\nThanks!";
  assert.deepEqual(read(quoted), [want]);
  // Lines wrapped anew, spaces, base64url letters.
  const lines = text.split("\n");
  const start = lines.indexOf(BLOCK_BEGIN);
  const end = lines.indexOf(BLOCK_END);
  const data = lines.slice(start + 1, end).join("");
  const rewrapped = lines.slice(0, start + 1).join("\n") + "\n" + data.replace(/(.{50})/g, "$1 \n  ").replace(/\+/g, "-").replace(/\//g, "_") + "\n" + BLOCK_END;
  assert.deepEqual(read(rewrapped), [want]);
  // Two text reports and a JSON report in one paste, and a file's JSON.
  const other = buildReport({ title: "Week 2", due: null }, STATES, "Ben", NOW).text;
  assert.equal(read(text + "\n\n" + other + "\n" + JSON.stringify(json)).length, 3);
  assert.deepEqual(read(JSON.stringify(json)), [want]);
});

test("a text report cut off or changed is reported, never misread", () => {
  const { text } = buildReport({ title: "Week 1", due: null }, STATES, "Dana", NOW);
  const cut = text.slice(0, text.indexOf(BLOCK_END) - 30);
  assert.match(String([...reportParts(cut)][0].error), /^holds a text report whose block at the end was cut off or changed/);
  const changed = text.replace(/\n([A-Za-z0-9+/]{10})/, "\n!!$1");
  assert.match(String([...reportParts(changed)][0].error), /cut off or changed/);
  const headless = text.slice(0, text.indexOf(BLOCK_BEGIN));
  assert.match(String([...reportParts(headless)][0].error), /^is a text report without its block/);
  assert.ok(readBlock("").error);
  assert.ok(readBlock("bm90IGpzb24=").error, "base64 of text that is not JSON");
  assert.ok(readBlock("//79").error, "bytes that are not UTF-8");
});

test("foreign and broken reports are refused with a reason", () => {
  const cases = [
    [null, "is not a completion report (expected a JSON object)."],
    [[report()], "is not a completion report (expected a JSON object)."],
    ["text", "is not a completion report (expected a JSON object)."],
    [report({ format: "selling-as-connection/progress" }), "is not a completion report from this course"],
    [report({ version: 2 }), "is a completion report of a version"],
    [report({ learner: "  \u0000 " }), "has no learner name."],
    [report({ learner: 42 }), "has no learner name."],
    [report({ assignment: null }), "is missing its assignment or its lessons."],
    [report({ lessons: {} }), "is missing its assignment or its lessons."],
    [report({ lessons: Array.from({ length: 41 }, () => STATES[0]) }), "lists more than 40 lessons."],
    [report({ lessons: [STATES[0], { id: "Bad/ID", status: "complete" }] }), "has a lesson entry (number 2) that is not valid."],
    [report({ lessons: [{ id: "a/b", status: "done" }] }), "has a lesson entry (number 1) that is not valid."],
    [report({ lessons: [{ id: "a/b", status: "toString" }] }), "has a lesson entry (number 1) that is not valid."],
  ];
  for (const [value, reason] of cases) {
    const result = validateReport(value);
    assert.equal(result.report, undefined, reason);
    assert.ok(result.error.startsWith(reason), result.error + " / " + reason);
  }
});

test("hostile values are cleaned and capped, not refused", () => {
  const result = validateReport(report({
    learner: "<img src=x onerror=alert(1)>\u2028" + "n".repeat(200),
    created: "not a date",
    assignment: { title: "x".repeat(300), due: "2026-02-31" },
    lessons: [{ id: "a/b", title: "\u0007T\ti\r\nt  le", status: "complete", completedAt: "yesterday", correct: 9, total: 3 },
      { id: "a/c", status: "in-progress", correct: -1, total: 1e9 }],
  })).report;
  assert.equal(result.learner, ("<img src=x onerror=alert(1)> " + "n".repeat(200)).slice(0, 80));
  assert.equal(result.created, "");
  assert.equal(result.title, "x".repeat(120));
  assert.equal(result.due, null);
  assert.deepEqual(result.lessons, [
    { id: "a/b", title: "T i t le", status: "complete", completedAt: null, correct: 3, total: 3 },
    { id: "a/c", title: "a/c", status: "in-progress", completedAt: null, correct: 0, total: 0 },
  ]);
});

test("splitJson: one report, an array, or several pasted one after another", () => {
  const one = JSON.stringify(report());
  assert.deepEqual(splitJson(one), [{ value: [report()] }]);
  assert.deepEqual(splitJson("[" + one + "," + one + "]"), [{ value: [report(), report()] }]);
  assert.deepEqual(splitJson("  \n "), []);
  const pasted = JSON.stringify(report(), null, 2) + "\n\n" + JSON.stringify(report({ learner: "Sam" })) + ",\n";
  assert.deepEqual(splitJson(pasted), [{ value: [report()] }, { value: [report({ learner: "Sam" })] }]);
});

test("splitJson: braces and quotes inside strings do not split a report", () => {
  const tricky = report({ learner: 'Dana "}{" \\ {x}' });
  const parts = splitJson(JSON.stringify(tricky) + JSON.stringify(report()));
  assert.equal(parts.length, 2);
  assert.equal(/** @type {any} */ (parts[0].value[0]).learner, 'Dana "}{" \\ {x}');
});

test("splitJson: what is not JSON is reported, never dropped silently", () => {
  assert.deepEqual(splitJson("hello"), [{ error: "is not valid JSON." }]);
  const one = JSON.stringify(report());
  const cut = splitJson(one + one.slice(0, 40));
  assert.deepEqual(cut.map((p) => p.error || "ok"), ["ok", "ends with a report that is cut off (not valid JSON)."]);
  const stray = splitJson(one + "\nthanks!\n" + one);
  assert.deepEqual(stray.map((p) => p.error || "ok"), ["ok", "ok", "has text between the reports that is not JSON (\u201cthanks!\u201d)."]);
  const bad = splitJson('{"a": 1,}' + one);
  assert.deepEqual(bad.map((p) => p.error || "ok"), ["is not valid JSON.", "ok"]);
});

test("names and titles lose bidi controls and invisible characters, and are NFKC", () => {
  const result = validateReport(report({
    learner: "\u202eD\u200ba\u2066na\u2069\ufeff",
    assignment: { title: "\u202eWeek\u200d 1\u202c", due: null },
    lessons: [{ id: "a/b", title: "\u2067\uff34itle\u200f", status: "complete", completedAt: "2026-11-21", correct: 1, total: 1 }],
  })).report;
  assert.equal(result.learner, "Dana");
  assert.equal(result.title, "Week 1");
  assert.equal(result.lessons[0].title, "Title");
  assert.equal(validateReport(report({ learner: "\u200b\u202e\u2066" })).error?.startsWith("has no learner name."), true);
});

test("jsonParts: one part at a time, with how far into the text it ends", () => {
  const one = JSON.stringify(report());
  const parts = jsonParts(one + "\n" + one + "\n" + one);
  const first = parts.next();
  assert.equal(first.done, false);
  assert.ok(first.value.end > 0.3 && first.value.end < 0.34, String(first.value.end));
  const rest = Array.from(parts);
  assert.equal(rest.length, 2);
  assert.equal(rest[1].end, 1);
  assert.deepEqual(Array.from(jsonParts(one)).map((p) => p.end), [1]);
  // 300,000 empty objects are 300,000 parts, read lazily; stray text is kept to its first 30 characters.
  let count = 0;
  for (const part of jsonParts("{}".repeat(300000) + "x".repeat(100000))) {
    count += 1;
    if (part.error) assert.equal(part.error, "has text between the reports that is not JSON (\u201c" + "x".repeat(30) + "\u201d).");
  }
  assert.equal(count, 300001);
});
