// xAPI statements for the team progress table (docs/assets/js/lib/xapi.js), how they join
// the table (lib/team.js keepStatements, intake), and the AU's "cmi5 allowed" statements
// they come from (lib/lms-cmi5.js dueAllowed, allowedStatement).
import test from "node:test";
import assert from "node:assert/strict";
import { MAX_STATEMENTS, SKIP, createStatementReader, readStatements, statementsSummary } from "../../docs/assets/js/lib/xapi.js";
import { STATEMENTS_TITLE, createLog, createTeam, intake, keep, reportJson, tableModel } from "../../docs/assets/js/lib/team.js";
import { REPORT_FORMAT, validateReport } from "../../docs/assets/js/lib/report.js";
import {
  CATEGORY_CMI5, EXT_ATTEMPTS, EXT_SESSION, VERBS, allowedStatement, cleanLaunchData, cleanReported, dueAllowed, markReported,
} from "../../docs/assets/js/lib/lms-cmi5.js";

const A = "connection/a";
const B = "service/b";
const C = "service/c";
const AU = "https://lms.example.org/au/42";
const CATALOGUE = /** @type {any} */ ({
  modules: [{ id: "connection", title: "Connection", lessons: [A] }, { id: "service", title: "Service", lessons: [B, C] }],
  lessons: { [A]: { title: "Lesson A" }, [B]: { title: "Lesson B" }, [C]: { title: "Lesson C" } },
  aliases: { "connection/old-a": A },
  order: [A, B, C],
  assessments: { connection: { title: "Module check: Connection" }, final: { title: "Final assessment" } },
});
const ADA = { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "learner-7" }, name: "Okafor, Ada" };
const BEN = { mbox: "mailto:ben@example.org", name: "Ben Stone" };

let n = 0;
/** A statement as the course's AU sends it. */
function st(verb, object, extra) {
  n += 1;
  return Object.assign({
    id: "00000000-0000-4000-8000-" + String(n).padStart(12, "0"),
    actor: ADA,
    verb: { id: "http://adlnet.gov/expapi/verbs/" + verb },
    object: { id: object, objectType: "Activity" },
    timestamp: "2026-12-01T10:" + String(10 + (n % 40)).padStart(2, "0") + ":00.000Z",
  }, extra);
}
const lesson = (id, extra) => st("completed", AU + "/lessons/" + id, Object.assign({
  result: { completion: true, score: { scaled: 0.6667, raw: 2, min: 0, max: 3 } },
}, extra));
const check = (verb, id, raw, max, extra) => st(verb, AU + "/assessments/" + id, Object.assign({
  result: { success: verb === "passed", score: { scaled: raw / max, raw: raw, min: 0, max: max } },
}, extra));

test("a StatementResult from an LRS: lessons and checks per learner, the AU's own statements read", () => {
  const result = {
    statements: [
      st("initialized", AU), lesson(A), lesson(B), check("failed", "connection", 2, 6), check("passed", "connection", 5, 6),
      st("terminated", AU), lesson(A, { actor: BEN }),
    ],
    more: "",
  };
  const read = readStatements([result], CATALOGUE);
  assert.equal(read.read, 7);
  assert.equal(read.skippedCount, 0);
  assert.equal(read.session, 2, "initialized and terminated show nothing");
  assert.equal(read.learners.length, 2);
  const ada = read.learners[0];
  assert.equal(ada.learner, "Ada Okafor", "“Okafor, Ada” reads as the AU names the learner");
  assert.deepEqual(ada.lessons.map((l) => [l.id, l.status, l.correct, l.total]), [[A, "complete", 2, 3], [B, "complete", 2, 3]]);
  assert.match(ada.lessons[0].completedAt, /^2026-12-01$/);
  const connection = ada.assessments[0];
  assert.equal(connection.title, "Module check: Connection");
  assert.equal(connection.attempts, 2);
  assert.deepEqual([connection.first.percent, connection.first.passed], [33, false]);
  assert.deepEqual([connection.best.percent, connection.best.correct, connection.best.total, connection.best.passed], [83, 5, 6, true]);
  assert.equal(read.learners[1].learner, "Ben Stone");
  assert.equal(statementsSummary(read).text,
    "7 xAPI statements read, none skipped. In the table: 3 finished lessons and 2 assessment results of 2 learners. " +
    "2 about the course as a whole (started, ended, completed) add nothing to the table.");
});

test("untrusted values: wrong types, other courses, unknown verbs and groups are skipped and counted", () => {
  const values = [
    null, 7, "text", [], { actor: ADA, verb: "completed", object: { id: AU } },
    st("completed", "https://other.example/course/lessons/other/lesson"),
    st("completed", AU + "/lessons/connection/not-in-course"),
    st("experienced", AU + "/lessons/" + A),
    lesson(A, { actor: { objectType: "Group", member: [ADA] } }),
    lesson(A, { actor: { name: "No identifier" } }),
    lesson(A, { actor: { account: { homePage: 7, name: {} } } }),
    check("passed", "final", 0, 0, { result: { success: true } }),
    st("completed", "https://other.example/course"),
    lesson(B, { result: "not an object", timestamp: 12 }),
  ];
  const dup = lesson(C);
  values.push(dup, Object.assign({}, dup));
  const read = readStatements(values, CATALOGUE);
  const by = Object.fromEntries(read.skipped.map((s) => [s.reason, s.count]));
  assert.equal(read.read, values.length);
  assert.deepEqual(by, {
    [SKIP.shape]: 5, [SKIP.course]: 3, [SKIP.verb]: 1, [SKIP.group]: 1, [SKIP.actor]: 2, [SKIP.score]: 1, [SKIP.twice]: 1,
  });
  assert.equal(read.learners.length, 1);
  assert.deepEqual(read.learners[0].lessons.map((l) => [l.id, l.completedAt, l.total]), [[B, null, 0], [C, "2026-12-01", 3]]);
  const summary = statementsSummary(read);
  assert.equal(summary.ok, true);
  assert.match(summary.text, /^16 xAPI statements read, 14 skipped: not an xAPI statement \(5\), not from this course \(3\), /);
});

test("nothing from this course says what to export instead", () => {
  const read = readStatements([st("completed", "https://other.example/x"), st("launched", "https://other.example/y")], CATALOGUE);
  const summary = statementsSummary(read);
  assert.equal(summary.ok, false);
  assert.equal(summary.text.indexOf("2 xAPI statements read, 2 skipped: not from this course (2)."), 0);
  assert.match(summary.text, /Nothing in it is progress in this course's lessons/);
});

test("voided statements are left out; voids of statements not in the file are ignored and said so", () => {
  const done = lesson(A);
  const other = lesson(B);
  const voidIt = (target) => st("voided", "x", { object: { objectType: "StatementRef", id: target } });
  const read = readStatements([done, other, voidIt(done.id.toUpperCase()), voidIt("9a0b6c2e-0000-4000-8000-000000000000")], CATALOGUE);
  assert.equal(read.voided, 1);
  assert.equal(read.voidsIgnored, 1);
  assert.deepEqual(read.learners[0].lessons.map((l) => l.id), [B]);
  assert.match(statementsSummary(read).text, /1 voided statement left out\. 1 voiding statement ignored: the statements they void are not in this file/);
});

test("former lesson ids count as the current lesson; a course-level completed and passed fill in the rest", () => {
  const read = readStatements([
    st("initialized", AU), lesson("connection/old-a"),
    st("completed", AU, { result: { completion: true } }),
    st("passed", AU, { result: { success: true, score: { scaled: 0.91, raw: 91, min: 0, max: 100 } } }),
  ], CATALOGUE);
  const ada = read.learners[0];
  assert.deepEqual(ada.lessons.map((l) => l.id), [A, B, C], "completed about the AU: every lesson");
  assert.equal(ada.lessons[0].total, 3, "the lesson's own statement keeps its score");
  assert.deepEqual([ada.assessments[0].id, ada.assessments[0].best.percent, ada.assessments[0].best.passed], ["final", 91, true]);
  // An AU statement only counts when the input shows the AU is this course's.
  assert.equal(readStatements([st("completed", AU)], CATALOGUE).skipped[0].reason, SKIP.course);
});

test("two actors with one name stay two learners; JSON lines and huge inputs are bounded", () => {
  const twin = { account: { homePage: "https://lms.example.org", name: "learner-8" }, name: "Okafor, Ada" };
  const read = readStatements([lesson(A), lesson(A, { actor: twin })], CATALOGUE);
  assert.deepEqual(read.learners.map((l) => l.learner).sort(), ["Ada Okafor (learner-7)", "Ada Okafor (learner-8)"]);

  const reader = createStatementReader(CATALOGUE);
  for (let i = 0; i < MAX_STATEMENTS + 3; i += 1) reader.add(i === 0 ? lesson(A) : 0);
  const big = reader.finish();
  assert.equal(big.read, MAX_STATEMENTS + 3);
  assert.equal(big.skipped.find((s) => s.reason === SKIP.many).count, 3);

  // `ralph read` writes one statement per line: intake() reads them as one input.
  const team = createTeam();
  const log = createLog();
  const text = [lesson(A), lesson(B), st("terminated", AU)].map((s) => JSON.stringify(s)).join("\n");
  for (const _ of intake(team, log, "the file “ralph.jsonl”", text, CATALOGUE)) { /* drain */ }
  assert.equal(team.reports.length, 1);
  assert.deepEqual(log.lines().map((l) => l.text), [
    "The file “ralph.jsonl”: 3 xAPI statements read, none skipped. In the table: 2 finished lessons and 0 assessment results " +
    "of 1 learner. 1 about the course as a whole (started, ended, completed) add nothing to the table.",
    "The file “ralph.jsonl”: added the LRS statements of Ada Okafor.",
  ]);
});

/** A completion report for `learner` (lib/report.js format). */
function report(learner, lessons, title = "Week 1") {
  return validateReport({
    format: REPORT_FORMAT, version: 1, learner: learner, created: "2026-11-20T10:00:00.000Z",
    assignment: { title: title, due: "2026-12-20", lessons: lessons.map((l) => l[0]) },
    lessons: lessons.map(([id, status]) => ({ id: id, title: id, status: status, completedAt: status === "complete" ? "2026-11-21" : null, correct: 0, total: 0 })),
  }).report;
}

/** intake() of a StatementResult into `team`; the log's lines. */
function loadStatements(team, statements) {
  const log = createLog();
  for (const _ of intake(team, log, "the file “lrs.json”", JSON.stringify({ statements: statements }), CATALOGUE)) { /* drain */ }
  return log.lines().map((l) => l.text);
}

test("a learner alone in the LRS gets a row for the whole course; loading it again adds nothing", () => {
  const team = createTeam();
  const statements = [lesson(A), check("passed", "final", 20, 25)];
  loadStatements(team, statements);
  assert.equal(team.reports.length, 1);
  const row = team.reports[0];
  assert.equal(row.title, STATEMENTS_TITLE);
  assert.deepEqual(row.lessons.map((l) => [l.id, l.status]), [[A, "complete"], [B, "not-started"], [C, "not-started"]]);
  const table = tableModel(team.reports, CATALOGUE);
  assert.deepEqual([table.rows[0].done, table.rows[0].assigned], [1, 3]);
  assert.equal(table.rows[0].checks[0].best.percent, 80);
  assert.deepEqual(loadStatements(team, statements).slice(-1),
    ["The file “lrs.json” adds nothing new to the row of Ada Okafor (their statements are already in the table)."]);
  // The row is kept in the browser as a report, and read back whole.
  const back = validateReport(JSON.parse(JSON.stringify(reportJson(row)))).report;
  assert.equal(back.title, STATEMENTS_TITLE);
  assert.equal(back.lessons.length, 3);
});

test("a learner who sent a report and is in the LRS appears once, in either order", () => {
  // Report first: the statements join the report's row, adding the lessons they show done.
  const first = createTeam();
  keep(first, report("Ada Okafor", [[A, "in-progress"], [B, "not-started"]]), "the pasted text");
  assert.match(loadStatements(first, [lesson(A), lesson(C)]).slice(-1)[0], /added the LRS statements of Ada Okafor to their row/);
  assert.equal(first.reports.length, 1);
  assert.equal(first.reports[0].title, "Week 1");
  assert.deepEqual(first.reports[0].lessons.map((l) => [l.id, l.status]).sort(),
    [[A, "complete"], [B, "not-started"], [C, "complete"]], "not-started lessons of the course are not added");

  // Statements first: the report takes over the statements' row.
  const second = createTeam();
  loadStatements(second, [lesson(A), lesson(C)]);
  assert.equal(keep(second, report("Ada Okafor", [[A, "in-progress"], [B, "not-started"]]), "the pasted text").kind, "updated");
  assert.equal(second.reports.length, 1);
  assert.equal(second.reports[0].title, "Week 1");
  assert.deepEqual(second.reports[0].lessons.map((l) => [l.id, l.status]).sort(), first.reports[0].lessons.map((l) => [l.id, l.status]).sort());
  assert.equal(second.index.size, 1);
  // Another learner's report is a row of its own.
  keep(second, report("Ben Stone", [[A, "complete"]]), "b");
  assert.equal(second.reports.length, 2);
});

// -- the AU side: what the statements above come from --------------------------------

const LAUNCH = { endpoint: "https://lrs.example.org/xapi/", fetch: "https://lms.example.org/f", actor: ADA, registration: "1b8e5d57-2f2c-4a55-9d62-1c7f8a9e1f00", activityId: AU };

function ctx(template) {
  let t = Date.parse("2026-12-01T10:00:00.000Z");
  return {
    launch: LAUNCH,
    data: cleanLaunchData({ contextTemplate: template, launchMode: "Normal", masteryScore: 0.8 }),
    uuid: () => "9a0b6c2e-1111-4000-8000-" + String((t += 1) % 1e12).padStart(12, "0"),
    now: () => new Date((t += 1)),
  };
}

const STATE = {
  lessons: {
    [A]: { status: "complete", answered: 3, correct: 2, total: 3 },
    [B]: { status: "in-progress", answered: 1, correct: 1, total: 3 },
    [C]: { status: "complete", answered: 2, correct: 2, total: 2 },
  },
  assessments: {
    connection: {
      attempts: 3,
      first: { percent: 33, correct: 2, total: 6, passed: false, at: "2026-12-01T09:00:00.123Z" },
      best: { percent: 83, correct: 5, total: 6, passed: true, at: "2026-12-01T09:30:00.000Z" },
    },
  },
};
const FACTS = { lessons: [A, B, C], passMark: 80, checks: ["connection", "final"] };

test("the AU: lessons completed and assessment attempts are due once per registration, in Normal mode only", () => {
  const data = cleanLaunchData({ launchMode: "Normal" });
  const reported = cleanReported(undefined);
  const due = dueAllowed(/** @type {any} */ (STATE), FACTS, data, reported);
  assert.deepEqual(due.map((i) => i.kind + ":" + i.id), ["lesson:" + A, "lesson:" + C, "assessment:connection", "assessment:connection"]);
  due.forEach((i) => markReported(reported, i));
  assert.deepEqual(dueAllowed(/** @type {any} */ (STATE), FACTS, data, reported), []);
  // What the AU keeps in the State API reads back (and nothing else does).
  assert.deepEqual(cleanReported(JSON.parse(JSON.stringify(reported))), reported);
  assert.deepEqual(cleanReported({ lessons: { "<x>": true, [A]: "yes" }, checks: { final: [1, "t"] } }), { lessons: {}, checks: { final: ["t"] } });
  assert.deepEqual(dueAllowed(/** @type {any} */ (STATE), FACTS, cleanLaunchData({ launchMode: "Browse" }), cleanReported(null)), [],
    "§10.2.2: Browse records nothing that satisfies");
});

test("the AU: a “cmi5 allowed” statement has the template and parent, never the cmi5 category (§7.1.3)", () => {
  const template = {
    contextActivities: {
      grouping: [{ id: "https://example.org/publisher/au", objectType: "Activity" }],
      category: [{ id: CATEGORY_CMI5, objectType: "Activity" }, { id: "https://example.org/other", objectType: "Activity" }],
    },
    extensions: { [EXT_SESSION]: "session-1" },
  };
  const c = ctx(template);
  const [a, , first] = dueAllowed(/** @type {any} */ (STATE), FACTS, c.data, cleanReported(null));
  const s = allowedStatement(c, a, "Lesson A");
  assert.equal(s.verb.id, VERBS.completed);
  assert.equal(s.object.id, AU + "/lessons/" + A);
  assert.deepEqual(s.object.definition, { type: "http://adlnet.gov/expapi/activities/lesson", name: { "en-US": "Lesson A" } });
  assert.deepEqual(s.result, { completion: true, score: { scaled: 0.6667, raw: 2, min: 0, max: 3 } });
  assert.equal(s.context.registration, LAUNCH.registration);
  assert.equal(s.context.extensions[EXT_SESSION], "session-1", "§9.6.3.1");
  assert.deepEqual(s.context.contextActivities.grouping, template.contextActivities.grouping);
  assert.deepEqual(s.context.contextActivities.parent, [{ id: AU, objectType: "Activity" }]);
  assert.deepEqual(s.context.contextActivities.category, [{ id: "https://example.org/other", objectType: "Activity" }]);
  const f = allowedStatement(c, first, "Module check: Connection");
  assert.equal(f.verb.id, VERBS.failed);
  assert.equal(f.object.id, AU + "/assessments/connection");
  assert.deepEqual(f.result, { success: false, score: { scaled: 0.3333, raw: 2, min: 0, max: 6 }, extensions: { [EXT_ATTEMPTS]: 3 } });
  assert.ok(f.timestamp > s.timestamp);
  // Round trip: what the AU sends is what the team page reads.
  const read = readStatements([s, f], CATALOGUE);
  assert.deepEqual(read.learners[0].lessons.map((l) => [l.id, l.correct, l.total]), [[A, 2, 3]]);
  assert.deepEqual([read.learners[0].assessments[0].attempts, read.learners[0].assessments[0].best.percent], [3, 33]);
});

test("the AU: an attempt read back from suspend data (seconds, or no time) is not reported again", () => {
  const data = cleanLaunchData({ launchMode: "Normal" });
  const reported = cleanReported(null);
  dueAllowed(/** @type {any} */ (STATE), FACTS, data, reported).forEach((i) => markReported(reported, i));
  const first = STATE.assessments.connection.first;
  const back = JSON.parse(JSON.stringify(STATE));
  // lib/lms-suspend.js keeps seconds: .123 comes back as .000
  back.assessments.connection.first = Object.assign({}, first, { at: "2026-12-01T09:00:00.000Z" });
  back.assessments.connection.best.at = null;
  assert.deepEqual(dueAllowed(back, FACTS, data, reported), []);
  back.assessments.connection.best = { percent: 100, correct: 6, total: 6, passed: true, at: "2026-12-01T11:00:00.000Z" };
  assert.deepEqual(dueAllowed(back, FACTS, data, reported).map((i) => i.result.percent), [100], "a better attempt is new");
});

test("the team progress page never needs lib/lms-*.js, which the public site leaves out (mkdocs.yml exclude_docs)", async () => {
  const { readFileSync } = await import("node:fs");
  const { dirname, resolve, basename } = await import("node:path");
  const { fileURLToPath } = await import("node:url");
  const start = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/assets/js/team-progress.js");
  const seen = new Set();
  const walk = (file) => {
    for (const m of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"/gm)) {
      const dep = resolve(dirname(file), m[1]);
      if (!seen.has(dep)) { seen.add(dep); walk(dep); }
    }
  };
  walk(start);
  const names = [...seen].map((f) => basename(f));
  assert.ok(names.includes("xapi.js") && names.includes("xapi-vocab.js"));
  assert.deepEqual(names.filter((n) => n.startsWith("lms-")), []);
});
