// The team progress table (docs/assets/js/lib/team.js): the same learner,
// look-alike names, lessons the course does not have, the column cap, the
// message summary, and the CSV rows.
import test from "node:test";
import assert from "node:assert/strict";
import {
  EXTRA_COLUMNS, MAX_LINES, MAX_REPORTS, cellText, checkText, columnTitle, createLog, createTeam, csvRows, intake, keep,
  reportJson, rowNotes, summaryLines, tableModel,
} from "../../docs/assets/js/lib/team.js";
import { REPORT_FORMAT, validateReport } from "../../docs/assets/js/lib/report.js";
import { csvText } from "../../docs/assets/js/lib/csv.js";

const A = "connection/a";
const B = "service/b";
const CATALOGUE = {
  modules: [{ id: "connection", title: "Connection", lessons: [A] }, { id: "service", title: "Service", lessons: [B] }],
  lessons: { [A]: { title: "Lesson A" }, [B]: { title: "Lesson B" } },
  aliases: { "connection/old-a": A },
  order: [A, B],
};

/**
 * A report as the assignment page writes it.
 * @param {string} learner
 * @param {Array<[string, string]>} lessons [id, status]
 * @param {object} [extra]
 */
function raw(learner, lessons, extra) {
  return Object.assign({
    format: REPORT_FORMAT,
    version: 1,
    learner: learner,
    created: "2026-11-20T10:00:00.000Z",
    assignment: { title: "Week 1", due: "2026-11-27", lessons: lessons.map((l) => l[0]) },
    lessons: lessons.map(([id, status]) => ({
      id: id, title: "T " + id, status: status, completedAt: status === "complete" ? "2026-11-21" : null,
      correct: status === "complete" ? 3 : 0, total: status === "complete" ? 3 : 0,
    })),
    summary: { complete: 0, total: lessons.length },
  }, extra);
}

/** Run intake() to the end; returns the team and the log's lines. */
function load(text, team = createTeam()) {
  const log = createLog();
  for (const _ of intake(team, log, "the pasted text", text)) { /* drain */ }
  return { team, lines: log.lines() };
}

test("reports of one learner and assignment merge: duplicates, updates and other devices (issue 18)", () => {
  const team = createTeam();
  const first = validateReport(raw("Dana", [[A, "in-progress"], [B, "not-started"]])).report;
  const newer = validateReport(raw("Dana", [[A, "complete"], [B, "not-started"]], { created: "2026-11-22T10:00:00.000Z" })).report;
  const older = validateReport(raw("Dana", [[A, "not-started"], [B, "not-started"]], { created: "2026-11-19T10:00:00.000Z" })).report;
  assert.equal(keep(team, first, "a").kind, "added");
  assert.equal(keep(team, first, "a again").kind, "same", "a duplicate adds nothing");
  assert.equal(keep(team, newer, "b").kind, "updated");
  assert.equal(keep(team, older, "c").kind, "same", "an older report never takes progress away");
  assert.equal(team.reports.length, 1);
  assert.deepEqual(team.reports[0].lessons.map((l) => l.status), ["complete", "not-started"]);
  assert.equal(team.reports[0].created, "2026-11-22T10:00:00.000Z");
  // Another device: lesson B done there, older report, still counted.
  const phone = validateReport(raw("Dana", [[A, "not-started"], [B, "complete"]], { created: "2026-11-21T10:00:00.000Z" })).report;
  assert.equal(keep(team, phone, "d").kind, "updated");
  assert.deepEqual(team.reports[0].lessons.map((l) => [l.id, l.status]), [[A, "complete"], [B, "complete"]]);
  // Module checks: the earlier first attempt, the better best one, the most attempts.
  // Results of 6 questions: 3 right is 50 %, 2 is 33 %, 4 is 66 %, 5 is 83 %.
  const check = (first, best, attempts, at) => ({ id: "connection", title: "Module check: Connection", kind: "module", attempts,
    first: { correct: first, total: 6, passed: false, at }, best: { correct: best, total: 6, passed: best >= 5, at } });
  keep(team, validateReport(raw("Dana", [[A, "complete"]], { assessments: [check(3, 4, 2, "2026-11-20T10:00:00.000Z")] })).report, "e");
  keep(team, validateReport(raw("Dana", [[A, "complete"]], { created: "2026-11-23T10:00:00.000Z",
    assessments: [check(2, 5, 1, "2026-11-23T10:00:00.000Z")] })).report, "f");
  const merged = team.reports[0].assessments[0];
  assert.deepEqual([merged.first.percent, merged.best.percent, merged.attempts], [50, 83, 2]);
  // Merging is commutative: the same row whatever the order the reports come in.
  const reports = [first, newer, older, phone];
  const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]];
  const rows = orders.map((order) => {
    const t = createTeam();
    order.forEach((i) => keep(t, reports[i], "x"));
    return JSON.stringify(t.reports[0].lessons);
  });
  assert.equal(new Set(rows).size, 1, rows.join("\n"));
  // Another assignment title is another row.
  const week2 = validateReport(raw("Dana", [[A, "complete"]], { assignment: { title: "Week 2", due: null } })).report;
  assert.equal(keep(team, week2, "g").kind, "added");
  assert.equal(team.reports.length, 2);
  const { lines } = load([raw("Ana", [[A, "complete"]], { created: "2026-11-25T10:00:00.000Z" }), raw("Ana", [[A, "not-started"]])]
    .map((r) => JSON.stringify(r)).join("\n"));
  assert.deepEqual(lines.map((l) => l.text), [
    "The pasted text (part 1): added the report from Ana.",
    "The pasted text (part 2) adds nothing to the report from Ana already in the table (the same, or older).",
  ]);
});

test("overdue rows and module check columns, in the table and the CSV", () => {
  const check = { id: "connection", title: "Module check: Connection", kind: "module", attempts: 2,
    first: { percent: 50, correct: 3, total: 6, passed: false, at: null }, best: { percent: 83, correct: 5, total: 6, passed: true, at: null } };
  const { team } = load(JSON.stringify([
    raw("Ana", [[A, "complete"], [B, "in-progress"]], { assessments: [check] }),
    raw("Ben", [[A, "complete"], [B, "complete"]]),
  ]));
  const catalogue = Object.assign({}, CATALOGUE, { assessments: { connection: { title: "Module check: Connection" } } });
  const table = tableModel(team.reports, /** @type {any} */ (catalogue), "2026-11-28");
  assert.deepEqual(table.rows.map((r) => r.overdue), [true, false], "due 2026-11-27: Ben finished, Ana did not");
  assert.equal(table.overdue, 1);
  assert.equal(rowNotes(table.rows[0])[0], "Overdue: due 2026-11-27, 1 of 2 lessons done.");
  assert.match(summaryLines(table).join(" "), /1 row is past the due date with lessons not done/);
  assert.deepEqual(table.checks, [{ id: "connection", title: "Module check: Connection" }]);
  assert.equal(checkText(table.rows[0].checks[0]), "Passed · first attempt 50 % (not passed), best 83 % (passed), 2 attempts");
  assert.equal(checkText(table.rows[1].checks[0]), "Not taken");
  const rows = csvRows(table);
  assert.deepEqual(rows[0].slice(-6), ["Module check: Connection (first attempt)", "Module check: Connection (best attempt)",
    "Module check: Connection (passed)", "Module check: Connection (attempts)", "Overdue", "Notes"]);
  assert.deepEqual(rows[1].slice(-6, -1), ["50 %", "83 %", "Yes", "2", "Yes"]);
  assert.deepEqual(rows[2].slice(-6, -1), ["", "", "", "", ""]);
  assert.equal(tableModel(team.reports, /** @type {any} */ (catalogue)).overdue, 0, "without today nothing is overdue");
});

test("case variants and look-alike names are separate rows, each marked as a near-duplicate", () => {
  const names = ["Dana", "dana", "D\u0430na", "Ben", "Ｄａｎａ"];
  const { team, lines } = load(JSON.stringify(names.map((n) => raw(n, [[A, "complete"]]))));
  // Full-width "Ｄａｎａ" is NFKC "Dana": the same learner, so it merges into the first report (here: a duplicate).
  assert.deepEqual(team.reports.map((r) => r.learner), ["Dana", "dana", "D\u0430na", "Ben"]);
  assert.deepEqual(lines.map((l) => l.text).at(-1),
    "The pasted text (report 5) adds nothing to the report from Dana already in the table (the same, or older).");
  const table = tableModel(team.reports, CATALOGUE);
  assert.deepEqual(table.rows.map((r) => r.lookalikes), [["dana", "D\u0430na"], ["Dana", "D\u0430na"], ["Dana", "dana"], []]);
  assert.equal(table.lookalikes, 3);
  assert.deepEqual(rowNotes(table.rows[0]), [
    "Looks like \u201cdana\u201d and \u201cD\u0430na\u201d in another row (only capital letters differ): check whether this is the same person.",
  ]);
  assert.deepEqual(rowNotes(table.rows[2]), [
    "Looks like \u201cDana\u201d and \u201cdana\u201d in another row (letters from another alphabet that look the same): check whether this is the same person.",
    "This name mixes Latin and Cyrillic letters.",
  ]);
  assert.deepEqual(rowNotes(table.rows[3]), []);
  assert.match(summaryLines(table)[1], /^3 rows have names that look like another row's/);
});

test("the same learner in two assignments is not a near-duplicate", () => {
  const { team } = load(JSON.stringify([raw("Dana", [[A, "complete"]]),
    raw("Dana", [[B, "complete"]], { assignment: { title: "Week 2", due: null } })]));
  const table = tableModel(team.reports, CATALOGUE);
  assert.deepEqual(table.rows.map((r) => r.lookalikes), [[], []]);
  assert.equal(summaryLines(table).length, 1);
});

test("lessons the course does not have are flagged and never counted; former ids count as their lesson", () => {
  const { team } = load(JSON.stringify(raw("Dana", [
    ["connection/old-a", "complete"], [B, "in-progress"], ["gone/x", "complete"], ["gone/y", "complete"],
  ])));
  const table = tableModel(team.reports, CATALOGUE);
  assert.deepEqual(table.cols.map((c) => [c.id, c.counted]), [[A, true], [B, true], ["gone/x", false], ["gone/y", false]]);
  assert.deepEqual(table.cols.map(columnTitle), ["Lesson A", "Lesson B", "T gone/x \u00b7 gone/x (not in this course)",
    "T gone/y \u00b7 gone/y (not in this course)"]);
  const row = table.rows[0];
  assert.equal(row.done, 1);
  assert.equal(row.assigned, 2);
  assert.deepEqual(row.outside, ["gone/x", "gone/y"]);
  assert.deepEqual(table.totals, [{ done: 1, assigned: 1 }, { done: 0, assigned: 1 }, null, null]);
  assert.deepEqual(rowNotes(row), ["Not counted: 2 lessons this course does not have (gone/x and gone/y)."]);
  assert.equal(table.outside, 2);
  assert.match(summaryLines(table).join(" "), /The reports list 2 lessons this course does not have: they are marked and not counted\./);
  assert.equal(cellText(row.cells[0]), "Done 2026-11-21 · 3/3");
  assert.equal(cellText(null), "Not assigned");
});

test("a lesson listed twice (a former and a current id) keeps its better entry", () => {
  const { team } = load(JSON.stringify(raw("Dana", [[A, "not-started"], ["connection/old-a", "complete"]])));
  const table = tableModel(team.reports, CATALOGUE);
  assert.equal(table.cols.length, 1);
  assert.equal(table.rows[0].cells[0]?.status, "complete");
  assert.equal(table.rows[0].assigned, 1);
});

test("without the catalogue the lessons count as the reports say, and the summary says why", () => {
  const { team } = load(JSON.stringify(raw("Dana", [[A, "complete"], ["gone/x", "complete"]])));
  const table = tableModel(team.reports, null);
  assert.deepEqual(table.cols.map((c) => [c.id, c.title, c.counted]), [[A, "T " + A, true], ["gone/x", "T gone/x", true]]);
  assert.equal(table.rows[0].done, 2);
  assert.equal(table.checked, false);
  assert.match(summaryLines(table).at(-1), /could not be loaded/);
});

test("195 reports with 40 unknown lessons each: a few columns, a small CSV", () => {
  const reports = Array.from({ length: 195 }, (_, r) =>
    raw("Learner " + r, Array.from({ length: 40 }, (_, i) => ["retired" + r + "/lesson-" + i, "complete"])));
  const started = performance.now();
  const { team } = load(JSON.stringify(reports));
  const table = tableModel(team.reports, CATALOGUE);
  const csv = csvText(csvRows(table));
  const ms = performance.now() - started;
  assert.equal(table.cols.length, EXTRA_COLUMNS);
  assert.equal(table.hidden, 195 * 40 - EXTRA_COLUMNS);
  assert.ok(csv.length < 200000, csv.length + " characters");
  assert.ok(ms < 2000, ms + " ms");
  assert.deepEqual(table.rows.map((r) => r.done), Array(195).fill(0));
  assert.match(rowNotes(table.rows[1])[0], /^Not counted: 40 lessons this course does not have \(retired1\/lesson-0, retired1\/lesson-1, retired1\/lesson-2 and 37 more\)\.$/);
  // Without the catalogue: at most an assignment's 40 lessons plus EXTRA_COLUMNS columns.
  const unchecked = tableModel(team.reports, null);
  assert.equal(unchecked.cols.length, 40 + EXTRA_COLUMNS);
  assert.match(rowNotes(unchecked.rows[2])[0], /^40 more lessons without a column \(retired2\/lesson-0/);
});

test("repeated messages are summarised, whatever the input size", () => {
  const started = performance.now();
  const { team, lines } = load("{}".repeat(300000));
  assert.ok(performance.now() - started < 5000);
  assert.equal(team.reports.length, 0);
  assert.deepEqual(lines, [{
    ok: false,
    text: "300,000 reports had the same problem, so they were skipped: each is not a completion report from this course. " +
      "The first: the pasted text (part 1), the pasted text (part 2), the pasted text (part 3) and 299,997 more.",
  }]);
  // Particulars in parentheses do not split a kind; up to three of a kind are shown one by one.
  const bad = (n) => raw("X", [[A, "complete"], ...Array(n).fill([A, "complete"]), ["Bad ID", "complete"]]);
  const mixed = load([bad(0), bad(1), bad(2), bad(3)].map((r) => JSON.stringify(r)).join(""));
  assert.deepEqual(mixed.lines.map((l) => l.text), [
    "4 reports had the same problem, so they were skipped: each has a lesson entry that is not valid. " +
      "The first: the pasted text (part 1), the pasted text (part 2), the pasted text (part 3) and 1 more.",
  ]);
  const three = load([bad(0), bad(1), bad(2)].map((r) => JSON.stringify(r)).join(""));
  assert.deepEqual(three.lines.map((l) => l.text), [
    "The pasted text (part 1) has a lesson entry (number 2) that is not valid. It was skipped.",
    "The pasted text (part 2) has a lesson entry (number 3) that is not valid. It was skipped.",
    "The pasted text (part 3) has a lesson entry (number 4) that is not valid. It was skipped.",
  ]);
});

test("the table holds MAX_REPORTS reports; the rest are skipped with one line", () => {
  const reports = Array.from({ length: MAX_REPORTS + 50 }, (_, r) => raw("L" + r, [[A, "complete"]]));
  const { team, lines } = load(JSON.stringify(reports));
  assert.equal(team.reports.length, MAX_REPORTS);
  assert.deepEqual(lines.map((l) => [l.ok, l.text.split(",")[0]]), [
    [true, "Added 200 reports"],
    [false, "50 reports were skipped: this page holds at most 200 reports. Download the CSV"],
  ]);
});

test("the log never grows past MAX_LINES", () => {
  const log = createLog();
  for (let i = 0; i < 100; i += 1) log.add({ kind: "skipped", source: "s" + i, reason: "reason number " + i + "." });
  const lines = log.lines();
  assert.equal(lines.length, MAX_LINES);
  assert.equal(lines.at(-1)?.text, "And 71 more messages.");
  assert.equal(log.count(), 100);
});

test("intake yields as it goes, so the page can pause between slices", () => {
  const team = createTeam();
  const steps = Array.from(intake(team, createLog(), "the pasted text", JSON.stringify(Array(1000).fill({}))));
  assert.ok(steps.length >= 15, String(steps.length));
  assert.deepEqual(steps, [...steps].sort((a, b) => a - b), "progress never goes back");
  assert.equal(steps.at(-1), 1);
});

test("csvRows: header, a row per learner, notes, and no formula anywhere a cell could start", () => {
  const { team } = load(JSON.stringify([
    raw("x;=SUM(2", [[A, "complete"], ["gone/x", "complete"]], { assignment: { title: "3);=1+1", due: null } }),
    raw("Ana", [[B, "in-progress"]]),
  ]));
  const rows = csvRows(tableModel(team.reports, CATALOGUE));
  assert.deepEqual(rows[0], ["Learner", "Assignment", "Due",
    "Lesson A (status)", "Lesson A (date)", "Lesson A (score)", "Lesson B (status)", "Lesson B (date)", "Lesson B (score)",
    "T gone/x \u00b7 gone/x (not in this course) (status)", "T gone/x \u00b7 gone/x (not in this course) (date)",
    "T gone/x \u00b7 gone/x (not in this course) (score)", "Lessons done", "Overdue", "Notes"]);
  assert.deepEqual(rows[1], ["x;=SUM(2", "3);=1+1", "", "Done", "2026-11-21", "3 of 3", "Not assigned", "", "",
    "Done", "2026-11-21", "3 of 3", "1 of 1", "", "Not counted: 1 lesson this course does not have (gone/x)."]);
  assert.deepEqual(rows[2].slice(0, 3), ["Ana", "Week 1", "2026-11-27"]);
  const csv = csvText(rows);
  assert.match(csv, /^"Learner","Assignment","Due",/);
  assert.ok(csv.includes('"x;\'=SUM(2","3);\'=1+1",""'), csv);
});

test("a kept report reads back as the same report (the table kept in the lead's browser)", () => {
  const check = { id: "final", title: "Final assessment", kind: "final", attempts: 1,
    first: { percent: 83, correct: 10, total: 12, passed: true, at: "2026-11-29T09:00:00.000Z" },
    best: { percent: 83, correct: 10, total: 12, passed: true, at: "2026-11-29T09:00:00.000Z" } };
  const { team } = load(JSON.stringify([raw("Ana", [[A, "complete"], ["gone/x", "unavailable"]], { assessments: [check] })]));
  const again = load(JSON.stringify(team.reports.map(reportJson)));
  assert.deepEqual(again.team.reports, team.reports);
});
