// The learner's place in the course (docs/assets/js/lib/dashboard.js): the home
// page's one main action, its lines, the open assignment and assignment-aware
// navigation (issue 18, items 1 and 2).
import test from "node:test";
import assert from "node:assert/strict";
import {
  HREF, assignmentLine, homeAssignmentLine, isOpen, isOverdue, lineText, mainAction, moduleSummary, nextInAssignment,
  openAssignment, resolveIds, resultText, viewOf, whereLine,
} from "../../docs/assets/js/lib/dashboard.js";
import { emptyState } from "../../docs/assets/js/lib/state.js";
import { parseAssignment } from "../../docs/assets/js/lib/assignment-link.js";

const A1 = "connection/a1";
const A2 = "connection/a2";
const B1 = "service/b1";
const B2 = "service/b2";
const CATALOGUE = {
  modules: [
    { id: "connection", title: "Connection", url: "connection/", lessons: [A1, A2] },
    { id: "service", title: "Service", url: "service/", lessons: [B1, B2] },
  ],
  lessons: {
    [A1]: { title: "First", url: "connection/a1/", module: "connection", duration: 5, quizzes: 3 },
    [A2]: { title: "Second", url: "connection/a2/", module: "connection", duration: 6, quizzes: 3 },
    [B1]: { title: "Third", url: "service/b1/", module: "service", duration: 7, quizzes: 2 },
    [B2]: { title: "Fourth", url: "service/b2/", module: "service", duration: 8, quizzes: 2 },
  },
  aliases: { "connection/old-a2": A2 },
  order: [A1, A2, B1, B2],
  assessments: {
    connection: { kind: "module", module: "connection", title: "Module check: Connection", url: "connection/module-check/", passMark: 80, questions: 6, draw: 6 },
    final: { kind: "final", module: null, title: "Final assessment", url: "final-assessment/", passMark: 80, questions: 25, draw: 12 },
  },
};
const NOW = new Date(2026, 11, 1, 12); // local noon, 2026-12-01

/**
 * @param {Record<string, "in-progress" | "complete">} statuses
 * @param {Record<string, string>} [updated] update times by lesson id
 */
function stateWith(statuses, updated) {
  const state = emptyState();
  Object.keys(statuses).forEach((id, i) => {
    state.lessons[id] = {
      status: statuses[id], answered: statuses[id] === "complete" ? 3 : 1, correct: 1, total: 3,
      completedAt: statuses[id] === "complete" ? "2026-11-30" : null,
      updatedAt: (updated && updated[id]) || "2026-11-30T10:0" + i + ":00.000Z", answers: {},
    };
  });
  return state;
}

const result = (percent, passed) => ({ percent, correct: 0, total: 6, passed, at: "2026-11-30T10:00:00.000Z", modules: {} });

test("the main action follows the learner: start, continue, final assessment, certificate", () => {
  let state = emptyState();
  assert.deepEqual(mainAction(state, CATALOGUE, null), { kind: "start", label: "Start here: First", href: "connection/a1/" });
  state = stateWith({ [A1]: "complete", [A2]: "in-progress" });
  assert.deepEqual(mainAction(state, CATALOGUE, null), { kind: "continue", label: "Continue: Second", href: "connection/a2/" });
  // Nothing in progress: the lesson after the one completed last, wrapping round.
  state = stateWith({ [B2]: "complete" });
  assert.equal(mainAction(state, CATALOGUE, null).href, "connection/a1/");
  assert.equal(mainAction(state, CATALOGUE, null).kind, "continue");
  state = stateWith({ [A1]: "complete", [A2]: "complete", [B1]: "complete", [B2]: "complete" });
  assert.deepEqual(mainAction(state, CATALOGUE, null), { kind: "final", label: "Take the final assessment", href: "final-assessment/" });
  state.assessments.final = { attempts: 1, first: result(50, false), best: result(50, false) };
  assert.equal(mainAction(state, CATALOGUE, null).kind, "final", "a failed final: take it again");
  state.assessments.final = { attempts: 2, first: result(50, false), best: result(83, true) };
  assert.deepEqual(mainAction(state, CATALOGUE, null), { kind: "certificate", label: "See your certificate", href: "progress/#certificate" });
  // Without a final assessment in the course: the progress page.
  const noFinal = Object.assign({}, CATALOGUE, { assessments: {} });
  assert.deepEqual(mainAction(stateWith({ [A1]: "complete", [A2]: "complete", [B1]: "complete", [B2]: "complete" }), noFinal, null),
    { kind: "progress", label: "See your progress", href: "progress/" });
  // Every href the view can hold is a path below the site root.
  for (const href of ["connection/a1/", "final-assessment/", "progress/#certificate", "assignment/"]) assert.ok(HREF.test(href), href);
  for (const href of ["javascript:alert(1)", "//evil.test/", "/abs/", "https://x.test/", "a/../b/", "a b/"]) assert.ok(!HREF.test(href), href);
});

test("an open assignment comes first; a finished one no longer guides (issue 18, item 2)", () => {
  const link = parseAssignment("#v=2&t=Week%201&due=2026-11-28&l=service/b1,connection/old-a2,gone/x&end=1");
  let state = stateWith({ [A1]: "in-progress" });
  let open = openAssignment(link, CATALOGUE, state);
  assert.deepEqual(open, { title: "Week 1", due: "2026-11-28", ids: [B1, A2], done: 0, finished: false },
    "former ids resolve, lessons the course does not have are left out");
  assert.ok(isOpen(open));
  assert.deepEqual(mainAction(state, CATALOGUE, open), { kind: "continue", label: "Continue: Third", href: "service/b1/" });
  // The assignment's lesson in progress wins over the first one not complete.
  state = stateWith({ [A1]: "in-progress", [A2]: "in-progress" });
  open = openAssignment(link, CATALOGUE, state);
  assert.equal(mainAction(state, CATALOGUE, open).href, "connection/a2/");
  assert.equal(assignmentLine(open.ids.indexOf(A2), open.ids.length, open.title), "Lesson 2 of 2 in your assignment \u201cWeek 1\u201d");
  assert.equal(nextInAssignment(state, open, A2), B1);
  assert.equal(nextInAssignment(stateWith({ [B1]: "complete" }), open, A2), null, "the last one left");
  // A new learner with an assignment starts with its first lesson.
  assert.deepEqual(mainAction(emptyState(), CATALOGUE, openAssignment(link, CATALOGUE, emptyState())),
    { kind: "start", label: "Start here: Third", href: "service/b1/" });
  // Finished: the course order again, and the home page says to send the report.
  state = stateWith({ [B1]: "complete", [A2]: "complete" });
  open = openAssignment(link, CATALOGUE, state);
  assert.equal(open.finished, true);
  assert.equal(isOpen(open), false);
  assert.equal(mainAction(state, CATALOGUE, open).href, "service/b2/");
  assert.equal(lineText(homeAssignmentLine(open, NOW)), "You finished every lesson of your assignment \u201cWeek 1\u201d. Send your report to your lead.");
  assert.equal(viewOf(state, CATALOGUE, open, NOW).assignment, null);
  // No assignment from a link that was cut off, or with none of the course's lessons.
  assert.equal(openAssignment(parseAssignment("#v=2&t=Week%201&l=service/b1"), CATALOGUE, state), null);
  assert.equal(openAssignment(parseAssignment("#v=2&t=X&l=gone/x&end=1"), CATALOGUE, state), null);
  assert.deepEqual(resolveIds([A1, "connection/old-a2", A2, "x/y"], CATALOGUE), [A1, A2]);
});

test("the home page's lines and the view the pre-paint scripts read", () => {
  const link = parseAssignment("#v=2&t=Week%201&due=2026-11-28&l=service/b1,connection/a2&end=1");
  const state = stateWith({ [A1]: "complete", [A2]: "in-progress" });
  const open = openAssignment(link, CATALOGUE, state);
  const view = viewOf(state, CATALOGUE, open, NOW);
  assert.deepEqual(view, {
    version: 1,
    home: {
      kind: "continue",
      label: "Continue: Second",
      href: "connection/a2/",
      box: true,
      assignment: true,
      overdue: true,
      lines: {
        assignment: "Your assignment \u201cWeek 1\u201d: 0 of 2 lessons done. Due Saturday, November 28, 2026: 3 days overdue.",
        where: "Pick up where you stopped: Second · 1 of 3 questions answered · Connection · 1 of 4 lessons in the course complete",
      },
    },
    assignment: { title: "Week 1", ids: [B1, A2] },
  });
  // The text of a line is the text of its pieces; the links are paths below the site root.
  const line = whereLine(state, CATALOGUE, open);
  assert.equal(lineText(line), view.home.lines.where);
  assert.deepEqual(line.filter((p) => p.href).map((p) => p.href), ["connection/a2/"]);
  assert.equal(isOverdue(open, new Date(2026, 10, 28)), false, "due today is not overdue");
  // A new learner: no box, the course's first lesson.
  const fresh = viewOf(emptyState(), CATALOGUE, null, NOW);
  assert.deepEqual([fresh.home.box, fresh.home.assignment, fresh.home.kind], [false, false, "start"]);
  // Every lesson done: the final assessment is next; passed: the certificate.
  const done = stateWith({ [A1]: "complete", [A2]: "complete", [B1]: "complete", [B2]: "complete" });
  assert.equal(lineText(whereLine(done, CATALOGUE, null)), "You have completed every lesson. Next: the final assessment (12 questions, pass mark 80 %).");
  done.assessments.final = { attempts: 1, first: result(83, true), best: result(83, true) };
  assert.equal(lineText(whereLine(done, CATALOGUE, null)), "You passed the final assessment with 83 % and completed 4 of 4 lessons. See your certificate");
});

test("module cards: lessons done and the module check's result", () => {
  const state = stateWith({ [A1]: "complete", [A2]: "in-progress" });
  assert.deepEqual(moduleSummary(state, CATALOGUE, "connection"), { done: 1, total: 2, check: null });
  assert.equal(resultText(null), "Not taken yet");
  state.assessments.connection = { attempts: 2, first: result(50, false), best: result(83, true) };
  assert.equal(resultText(moduleSummary(state, CATALOGUE, "connection").check), "Passed · best 83 % · 2 attempts");
  assert.equal(resultText({ attempts: 1, first: result(50, false), best: result(50, false) }), "Not passed yet · best 50 % · 1 attempt");
  assert.deepEqual(moduleSummary(state, CATALOGUE, "nope"), { done: 0, total: 0, check: null });
});
