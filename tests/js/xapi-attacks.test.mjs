// A hostile or sloppy LRS export against the team progress page's statements reader
// (docs/assets/js/lib/xapi.js) and how it joins the table and the table kept in the
// browser (lib/team.js intake, keepStatements, reportJson -> validateReport).
import test from "node:test";
import assert from "node:assert/strict";
import { SKIP, readStatements } from "../../docs/assets/js/lib/xapi.js";
import { createLog, createTeam, intake, keep, reportJson, tableModel } from "../../docs/assets/js/lib/team.js";
import { validateReport } from "../../docs/assets/js/lib/report.js";
import anatomy from "../../docs/assets/js/lib/anatomy.js";

const A = "connection/a";
const B = "service/b";
const AU = "https://lms.example.org/au/42";
const CATALOGUE = /** @type {any} */ ({
  modules: [{ id: "connection", title: "Connection", lessons: [A] }, { id: "service", title: "Service", lessons: [B] }],
  lessons: { [A]: { title: "Lesson A" }, [B]: { title: "Lesson B" } },
  aliases: {},
  order: [A, B],
  assessments: { connection: { title: "Module check: Connection" }, final: { title: "Final assessment" } },
});
const ADA = { account: { homePage: "https://lms.example.org", name: "learner-7" }, name: "Okafor, Ada" };

let n = 0;
function st(verb, object, extra) {
  n += 1;
  return Object.assign({
    id: "00000000-0000-4000-8000-" + String(n).padStart(12, "0"),
    actor: ADA,
    verb: { id: "http://adlnet.gov/expapi/verbs/" + verb },
    object: { id: object, objectType: "Activity" },
    timestamp: "2026-12-01T10:00:00.000Z",
  }, extra);
}
const lesson = (id, extra) => st("completed", AU + "/lessons/" + id, extra);
const check = (verb, id, score, extra) => st(verb, AU + "/assessments/" + id, Object.assign({ result: { success: verb === "passed", score } }, extra));

/** Read `text` into `team` as the page does; the log's lines and how many times it yielded. */
function load(team, text, catalogue = CATALOGUE) {
  const log = createLog();
  let steps = 0;
  for (const _ of intake(team, log, "the file “lrs.json”", text, catalogue)) steps += 1;
  return { lines: log.lines().map((l) => l.text), steps };
}

/** The table as the browser keeps it (JSON in localStorage) and reads it back. */
function reload(team) {
  const back = createTeam();
  let lost = 0;
  JSON.parse(JSON.stringify(team.reports.map(reportJson))).forEach((value) => {
    const r = validateReport(value);
    if (r.report) keep(back, r.report, "kept");
    else lost += 1;
  });
  return { team: back, lost };
}

test("a plain array of statements is read a slice at a time, as a StatementResult is", () => {
  const list = [];
  for (let i = 0; i < 5000; i += 1) list.push(lesson(i % 2 ? A : B));
  const plain = load(createTeam(), JSON.stringify(list)).steps;
  const result = load(createTeam(), JSON.stringify({ statements: list })).steps;
  assert.ok(plain >= 10, "yields while reading 5,000 statements in an array (" + plain + ")");
  assert.ok(Math.abs(plain - result) <= 2, plain + " vs " + result);
});

test("two actors are two rows, in the table and in the table kept in the browser, whatever their names", () => {
  // One long name shared by two accounts: "name (account)" must fit the 80 characters a
  // kept row's learner may have, or the two rows become one when the page is opened again.
  const long = "Annemarie Wilhelmina Theodora van der Berg-Oosterhuis de Montmorency Ferreira";
  const x = { account: { homePage: "https://lms.example.org", name: "learner-7" }, name: long };
  const y = { account: { homePage: "https://lms.example.org", name: "learner-8" }, name: long };
  // The same account name at two homes (two LMSs writing to one LRS) is two people too.
  const p = { account: { homePage: "https://one.example.org", name: "learner-9" }, name: "Ben" };
  const q = { account: { homePage: "https://two.example.org", name: "learner-9" }, name: "Ben" };
  const team = createTeam();
  load(team, JSON.stringify([lesson(A, { actor: x }), lesson(B, { actor: y }), lesson(A, { actor: p }), lesson(B, { actor: q })]));
  const names = team.reports.map((r) => r.learner);
  assert.equal(team.reports.length, 4, names.join(" | "));
  assert.equal(new Set(names).size, 4);
  names.forEach((name) => assert.ok(name.length <= anatomy.learnerNameChars, name));
  assert.ok(names[0].endsWith(" (learner-7)") && names[1].endsWith(" (learner-8)"), names.join(" | "));
  const back = reload(team);
  assert.equal(back.lost, 0);
  assert.deepEqual(back.team.reports.map((r) => r.learner), names);
});

test("scores: out of range is no score; a scaled that contradicts raw/max reads as raw/max, as the kept table does", () => {
  const read = (score) => readStatements([check("passed", "final", score)], CATALOGUE);
  for (const bad of [{ scaled: 5 }, { raw: 11, max: 10 }, { raw: "NaN", max: 10 }, { raw: -3, max: 10 }, { scaled: "0.5" }, { raw: 1, max: 0 }]) {
    const r = read(bad);
    assert.equal(r.learners.length, 0, JSON.stringify(bad));
    assert.equal(r.skipped[0].reason, SKIP.score);
  }
  assert.equal(read({ scaled: -0.5 }).learners[0].assessments[0].best.percent, 0);
  const team = createTeam();
  load(team, JSON.stringify([check("passed", "final", { scaled: 0.9, raw: 1, min: 0, max: 10 })]));
  const best = team.reports[0].assessments[0].best;
  assert.deepEqual([best.percent, best.correct, best.total], [10, 1, 10]);
  assert.deepEqual(reload(team).team.reports[0].assessments[0].best, best, "the same after the page opens again");
});

test("timestamps: only ISO 8601 date-times are times; odd zones read right, a missing zone as UTC", () => {
  const at = (timestamp) => {
    const r = readStatements([lesson(A, { timestamp: timestamp })], CATALOGUE);
    assert.equal(r.learners.length, 1, "the statement counts, with or without a time: " + timestamp);
    return [r.learners[0].lessons[0].completedAt, r.learners[0].created];
  };
  // Date.parse reads "12" as 1 December 2001 and rolls 30 February over to March.
  for (const junk of ["12", "hello 3", "Dec 25", "2026-02-30T10:00:00Z", "2026-12-01T25:00:00Z", "+275760-09-13T00:00:00.000Z",
    "2026-12-01", "2026-12-01T10:00:00+99:00", 20261201]) {
    assert.deepEqual(at(junk), [null, ""], String(junk));
  }
  assert.deepEqual(at("2026-12-01T23:30:00-05:00"), ["2026-12-02", "2026-12-02T04:30:00.000Z"]);
  assert.deepEqual(at("2026-12-01T10:00:00+0530"), ["2026-12-01", "2026-12-01T04:30:00.000Z"]);
  assert.deepEqual(at("2026-12-01T10:00:00+14:00"), ["2026-11-30", "2026-11-30T20:00:00.000Z"]);
  assert.deepEqual(at("2026-12-01T10:00:00.123456Z"), ["2026-12-01", "2026-12-01T10:00:00.123Z"]);
  assert.deepEqual(at("2026-12-01T10:00:00"), ["2026-12-01", "2026-12-01T10:00:00.000Z"], "not the browser's own zone");
  // The LRS's "stored" stands in for a timestamp that is not one.
  const r = readStatements([lesson(A, { timestamp: "yesterday", stored: "2026-12-01T09:00:00.000Z" })], CATALOGUE);
  assert.equal(r.learners[0].created, "2026-12-01T09:00:00.000Z");
});

test("without course.json, one learner's lessons and assessments are capped as a row's are, and counted", () => {
  const list = [];
  for (let i = 0; i < 45; i += 1) list.push(lesson("m/l" + i));
  for (let i = 0; i < 5000; i += 1) list.push(check("passed", "x" + i, { raw: 1, max: 2 }));
  const read = readStatements([{ statements: list }], null);
  const by = Object.fromEntries(read.skipped.map((s) => [s.reason, s.count]));
  assert.equal(read.learners[0].lessons.length, anatomy.assignment.lessons);
  assert.equal(read.learners[0].assessments.length, 60);
  assert.equal(read.skippedCount, 5 + 4940, JSON.stringify(by));
  const team = createTeam();
  load(team, JSON.stringify(list), null);
  const started = performance.now();
  tableModel(team.reports, null, "2026-12-01");
  assert.ok(performance.now() - started < 500, "the table is drawn from 60 assessment columns, not 5,000");
  const back = reload(team);
  assert.equal(back.lost, 0, "the row is kept whole in the browser");
  assert.equal(back.team.reports[0].lessons.length, anatomy.assignment.lessons);
  assert.equal(back.team.reports[0].assessments.length, 60);
});

test("an empty list is said, not passed over in silence", () => {
  assert.deepEqual(load(createTeam(), "[]").lines, ["The file “lrs.json” holds nothing to read: an empty list (no report, no xAPI statement). It was skipped."]);
  assert.match(load(createTeam(), " \ufeff[ ] ").lines[0], /an empty list/);
  assert.match(load(createTeam(), '{"statements": []}').lines[0], /^The file “lrs.json”: 0 xAPI statements read/);
});
