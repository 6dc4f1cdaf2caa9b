// @ts-check
/**
 * Where the learner is in the course, derived from their progress (lib/state.js),
 * the catalogue (lib/catalogue.js, course.json) and the last assignment link they
 * opened (lib/assignment-link.js): the home page's dashboard (issue 18, item 1),
 * assignment-aware navigation (item 2) and the small view the pre-paint scripts
 * read (lib/view-store.js). progress.js and home.js draw what these return.
 *
 * Shapes:
 *
 *   OpenAssignment  {title, due, ids, done, finished}: the last assignment opened,
 *                   its lessons as the course's current ids (former ids resolved,
 *                   lessons the course no longer has left out), how many are
 *                   complete, and whether all are. It is "open" (it guides the
 *                   navigation) while it is not finished.
 *   Resume          {id, kind}: the lesson to take next; kind "start" (nothing done
 *                   yet), "in-progress" (picked up), "next" (the next one not
 *                   complete) or "done" (id null: every lesson complete)
 *   MainAction      {kind, label, href}: the home page's one main button, href
 *                   relative to the site root. kind: "start" -> "continue" ->
 *                   "final" (every lesson complete) -> "certificate" (the final
 *                   assessment passed); "progress" when there is no final assessment
 *   Line            [{text, href?}]: a line of the dashboard, some pieces linked
 *   View            {version, home: {kind, label, href, box, assignment, overdue,
 *                   lines: {assignment, where}}, assignment: {title, ids} | null}:
 *                   lib/view-store.js
 *
 * Rules:
 *
 * - An open assignment comes first: the main action continues its lesson in
 *   progress (the one updated last) or else its first lesson not complete, in the
 *   assignment's order, and its lessons say "Lesson 2 of 5 in your assignment".
 * - Otherwise the course: the lesson in progress updated last, else the lesson
 *   after the one completed last (wrapping round), as the Continue box always did.
 * - A passed final assessment earns the certificate, so the main action then
 *   shows it; every lesson complete without it: take the final assessment.
 *
 * Pure: no browser API (tests/js/dashboard.test.mjs imports it).
 */
import anatomy from "./anatomy.js";
import { daysLeft, dueText } from "./dates.js";
import { plural } from "./text.js";

/** @typedef {import("./state.js").ProgressState} ProgressState */
/** @typedef {import("./catalogue.js").Catalogue} Catalogue */
/** @typedef {import("./assignment-link.js").Assignment} Assignment */
/** @typedef {import("./assessment.js").AssessmentRecord} AssessmentRecord */
/**
 * @typedef {object} OpenAssignment
 * @property {string} title
 * @property {string | null} due
 * @property {string[]} ids
 * @property {number} done
 * @property {boolean} finished
 */
/**
 * @typedef {object} Resume
 * @property {string | null} id
 * @property {"start" | "in-progress" | "next" | "done"} kind
 */
/**
 * @typedef {object} MainAction
 * @property {"start" | "continue" | "final" | "certificate" | "progress"} kind
 * @property {string} label
 * @property {string} href relative to the site root
 */
/**
 * @typedef {object} View
 * @property {number} version
 * @property {{kind: string, label: string, href: string, box: boolean, assignment: boolean, overdue: boolean,
 *   lines: {assignment: string, where: string}}} home
 * @property {{title: string, ids: string[]} | null} assignment
 */

/** The progress page (certificate), relative to the site root (src/course/render PROGRESS_URL). */
export const PROGRESS_URL = "progress/";
/** The assignment view, relative to the site root: it shows the last assignment opened. */
export const ASSIGNMENT_URL = "assignment/";
/** What a stored href may be: a path below the site root, an optional fragment id (anatomy.viewHref). */
export const HREF = new RegExp(anatomy.viewHref);

/**
 * @param {ProgressState} state
 * @param {string} id
 * @returns {boolean}
 */
function isComplete(state, id) {
  const r = state.lessons[id];
  return !!r && r.status === "complete";
}

/**
 * The course's current ids for an assignment's lesson ids, in order, without
 * repeats; former ids resolve through the aliases; unknown ids are left out.
 * @param {string[]} ids
 * @param {Catalogue} catalogue
 * @returns {string[]}
 */
export function resolveIds(ids, catalogue) {
  /** @type {string[]} */
  const out = [];
  const has = function (/** @type {string} */ id) {
    return Object.prototype.hasOwnProperty.call(catalogue.lessons, id) && !!catalogue.lessons[id];
  };
  ids.forEach(function (id) {
    const alias = Object.prototype.hasOwnProperty.call(catalogue.aliases, id) ? catalogue.aliases[id] : null;
    const current = has(id) ? id : typeof alias === "string" && has(alias) ? alias : null;
    if (current && out.indexOf(current) === -1) out.push(current);
  });
  return out;
}

/**
 * The last assignment opened, against the course and the progress; null when
 * there is none, the link was incomplete or none of its lessons is in the course.
 * @param {Assignment | null} assignment
 * @param {Catalogue | null} catalogue
 * @param {ProgressState} state
 * @returns {OpenAssignment | null}
 */
export function openAssignment(assignment, catalogue, state) {
  if (!assignment || !catalogue || assignment.incomplete) return null;
  const ids = resolveIds(assignment.ids, catalogue);
  if (!ids.length) return null;
  const done = ids.filter(function (id) { return isComplete(state, id); }).length;
  return { title: assignment.title || "Assignment", due: assignment.due, ids: ids, done: done, finished: done === ids.length };
}

/**
 * True while an assignment guides the navigation: opened and not finished.
 * @param {OpenAssignment | null} open
 * @returns {open is OpenAssignment}
 */
export function isOpen(open) {
  return !!open && !open.finished;
}

/**
 * The lesson in progress among `ids` that was updated last, or null.
 * @param {ProgressState} state
 * @param {string[]} ids
 * @returns {string | null}
 */
function latestInProgress(state, ids) {
  /** @type {string | null} */
  let latest = null;
  ids.forEach(function (id) {
    const r = state.lessons[id];
    if (r && r.status === "in-progress" &&
        (latest === null || String(r.updatedAt) > String(state.lessons[latest].updatedAt))) {
      latest = id;
    }
  });
  return latest;
}

/**
 * Where to pick up in the course (order: every lesson id in course order).
 * @param {ProgressState} state
 * @param {string[]} order
 * @returns {Resume | null} null for a course without lessons
 */
export function resumeCourse(state, order) {
  if (!order.length) return null;
  const latest = latestInProgress(state, order);
  if (latest) return { id: latest, kind: "in-progress" };
  let lastDone = -1;
  let lastAt = "";
  order.forEach(function (id, i) {
    const r = state.lessons[id];
    if (r && r.status === "complete" && String(r.updatedAt) >= lastAt) {
      lastAt = String(r.updatedAt);
      lastDone = i;
    }
  });
  if (lastDone === -1) return { id: order[0], kind: "start" };
  for (let k = 1; k <= order.length; k += 1) {
    const candidate = order[(lastDone + k) % order.length];
    if (!isComplete(state, candidate)) return { id: candidate, kind: "next" };
  }
  return { id: null, kind: "done" };
}

/**
 * Where to pick up in an assignment: its lesson in progress updated last, else
 * its first lesson not complete, in the assignment's order.
 * @param {ProgressState} state
 * @param {OpenAssignment} open
 * @returns {Resume}
 */
export function resumeAssignment(state, open) {
  const latest = latestInProgress(state, open.ids);
  if (latest) return { id: latest, kind: "in-progress" };
  const next = open.ids.filter(function (id) { return !isComplete(state, id); })[0];
  if (!next) return { id: null, kind: "done" };
  return { id: next, kind: open.ids.some(function (id) { return !!state.lessons[id]; }) ? "next" : "start" };
}

/**
 * How many of the course's lessons are complete.
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @returns {number}
 */
export function completedCount(state, catalogue) {
  return catalogue.order.filter(function (id) { return isComplete(state, id); }).length;
}

/**
 * True when the learner has done anything this course counts: a lesson of the
 * course started, or an assessment taken.
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @returns {boolean}
 */
export function hasProgress(state, catalogue) {
  return catalogue.order.some(function (id) { return !!state.lessons[id]; }) ||
    Object.keys(state.assessments).some(function (id) { return !!catalogue.assessments[id]; });
}

/**
 * True when the final assessment has been passed (the certificate is earned).
 * @param {ProgressState} state
 * @returns {boolean}
 */
export function finalPassed(state) {
  const record = state.assessments.final;
  return !!(record && record.best && record.best.passed);
}

/**
 * @param {Catalogue} catalogue
 * @param {string} id
 * @returns {string}
 */
function lessonTitle(catalogue, id) {
  const lesson = catalogue.lessons[id];
  return lesson && typeof lesson.title === "string" && lesson.title ? lesson.title : id;
}

/**
 * @param {Catalogue} catalogue
 * @param {string} id
 * @returns {string}
 */
function lessonHref(catalogue, id) {
  const lesson = catalogue.lessons[id];
  const url = lesson && typeof lesson.url === "string" ? lesson.url : id + "/";
  return HREF.test(url) ? url : id + "/";
}

/**
 * What comes next for the learner (see the header for the order): a lesson (with
 * how it was reached: resumed in the assignment or the course), the final
 * assessment, the certificate, or the progress page. `started`: the learner has
 * done anything the course counts.
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {OpenAssignment | null} open
 * @returns {{kind: "lesson", resume: Resume, id: string, started: boolean} |
 *   {kind: "final" | "certificate" | "progress", started: boolean}}
 */
export function nextStep(state, catalogue, open) {
  const started = hasProgress(state, catalogue);
  if (isOpen(open)) {
    const r = resumeAssignment(state, open);
    if (r.id) return { kind: "lesson", resume: r, id: r.id, started: started };
  }
  const final = catalogue.assessments.final;
  if (final && finalPassed(state)) return { kind: "certificate", started: started };
  const r = resumeCourse(state, catalogue.order);
  if (r && r.id) return { kind: "lesson", resume: r, id: r.id, started: started };
  if (final && HREF.test(final.url)) return { kind: "final", started: started };
  return { kind: "progress", started: started };
}

/**
 * The home page's one main action (see the header for the order).
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {OpenAssignment | null} open
 * @returns {MainAction}
 */
export function mainAction(state, catalogue, open) {
  const step = nextStep(state, catalogue, open);
  if (step.kind === "lesson") {
    return {
      kind: step.started ? "continue" : "start",
      label: (step.started ? "Continue: " : "Start here: ") + lessonTitle(catalogue, step.id),
      href: lessonHref(catalogue, step.id),
    };
  }
  if (step.kind === "certificate") {
    return { kind: "certificate", label: "See your certificate", href: PROGRESS_URL + "#certificate" };
  }
  if (step.kind === "final") {
    return { kind: "final", label: "Take the final assessment", href: catalogue.assessments.final.url };
  }
  return { kind: "progress", label: "See your progress", href: PROGRESS_URL };
}

/**
 * A line of text with links: pieces of text, some of them linked (href relative
 * to the site root). home.js draws the links; the view keeps the text alone, so
 * the pre-paint script writes the very words home.js draws.
 * @typedef {Array<{text: string, href?: string}>} Line
 */

/**
 * @param {Line} line
 * @returns {string}
 */
export function lineText(line) {
  return line.map(function (part) { return part.text; }).join("");
}

/**
 * The "Continue where you left off" line: where the learner is, what is next.
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {OpenAssignment | null} open
 * @returns {Line}
 */
export function whereLine(state, catalogue, open) {
  const step = nextStep(state, catalogue, open);
  const done = completedCount(state, catalogue);
  const all = catalogue.order.length;
  const final = catalogue.assessments.final;
  if (step.kind === "lesson") {
    const lesson = catalogue.lessons[step.id] || {};
    const module = catalogue.modules.filter(function (m) { return m.id === lesson.module; })[0];
    let details = (module ? " · " + module.title : "") + " · " + done + " of " + plural(all, "lesson") +
      " in the course complete";
    const record = state.lessons[step.id];
    if (step.resume.kind === "in-progress" && record) {
      details = " · " + record.answered + " of " + plural(record.total, "question") + " answered" + details;
    }
    return [
      { text: step.resume.kind === "in-progress" ? "Pick up where you stopped: " : "Next up: " },
      { text: lessonTitle(catalogue, step.id), href: lessonHref(catalogue, step.id) },
      { text: details },
    ];
  }
  if (step.kind === "certificate") {
    const record = state.assessments.final;
    const best = record && record.best ? record.best.percent : 0;
    return [
      { text: "You passed the final assessment with " + best + " % and completed " + done + " of " +
        plural(all, "lesson") + ". " },
      { text: "See your certificate", href: PROGRESS_URL + "#certificate" },
    ];
  }
  if (step.kind === "final") {
    return [
      { text: "You have completed every lesson. Next: " },
      { text: "the final assessment", href: final.url },
      { text: " (" + plural(final.draw, "question") + (final.passMark ? ", pass mark " + final.passMark + " %" : "") + ")." },
    ];
  }
  return [{ text: "You have completed every lesson. " }, { text: "See your progress and certificate", href: PROGRESS_URL }];
}

/**
 * The home page's assignment line ([] without an assignment).
 * @param {OpenAssignment | null} open
 * @param {Date} [now]
 * @returns {Line}
 */
export function homeAssignmentLine(open, now) {
  if (!open) return [];
  const title = "\u201c" + open.title + "\u201d";
  if (open.finished) {
    return [
      { text: "You finished every lesson of your assignment " + title + ". " },
      { text: "Send your report to your lead", href: ASSIGNMENT_URL },
      { text: "." },
    ];
  }
  return [
    { text: "Your assignment " },
    { text: title, href: ASSIGNMENT_URL },
    { text: ": " + open.done + " of " + plural(open.ids.length, "lesson") + " done. " + dueText(open.due, now) + "." },
  ];
}

/**
 * True when an open assignment's due date has passed.
 * @param {OpenAssignment | null} open
 * @param {Date} [now]
 * @returns {boolean}
 */
export function isOverdue(open, now) {
  return isOpen(open) && !!open.due && daysLeft(open.due, now) < 0;
}

/**
 * What the pre-paint scripts read: the home page's main action, which parts of
 * its box show and their words, and the open assignment (lib/view-store.js).
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {OpenAssignment | null} open
 * @param {Date} [now]
 * @returns {View}
 */
export function viewOf(state, catalogue, open, now) {
  const action = mainAction(state, catalogue, open);
  return {
    version: 1,
    home: {
      kind: action.kind,
      label: action.label,
      href: action.href,
      box: hasProgress(state, catalogue) || !!open,
      assignment: !!open,
      overdue: isOverdue(open, now),
      lines: {
        assignment: lineText(homeAssignmentLine(open, now)),
        where: lineText(whereLine(state, catalogue, open)),
      },
    },
    assignment: isOpen(open) ? { title: open.title, ids: open.ids.slice() } : null,
  };
}

/**
 * "Lesson 2 of 5 in your assignment “Week 1”" (the lesson page's pre-paint
 * script writes the same words: src/course/render lesson_intro).
 * @param {number} index 0-based
 * @param {number} count
 * @param {string} title
 * @returns {string}
 */
export function assignmentLine(index, count, title) {
  return "Lesson " + (index + 1) + " of " + count + " in your assignment \u201c" + title + "\u201d";
}

/**
 * What follows `lessonId` in an open assignment: the next lesson not complete
 * after it in the assignment's order (wrapping round), or null when every other
 * lesson is complete.
 * @param {ProgressState} state
 * @param {OpenAssignment} open
 * @param {string} lessonId
 * @returns {string | null}
 */
export function nextInAssignment(state, open, lessonId) {
  const at = open.ids.indexOf(lessonId);
  for (let k = 1; k < open.ids.length; k += 1) {
    const candidate = open.ids[(at + k) % open.ids.length];
    if (candidate !== lessonId && !isComplete(state, candidate)) return candidate;
  }
  return null;
}

/**
 * A module's lessons done, and its module check's record.
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {string} moduleId
 * @returns {{done: number, total: number, check: AssessmentRecord | null}}
 */
export function moduleSummary(state, catalogue, moduleId) {
  const module = catalogue.modules.filter(function (m) { return m.id === moduleId; })[0];
  const ids = module ? module.lessons.filter(function (id) { return !!catalogue.lessons[id]; }) : [];
  return {
    done: ids.filter(function (id) { return isComplete(state, id); }).length,
    total: ids.length,
    check: state.assessments[moduleId] || null,
  };
}

/**
 * An assessment's result in a few words: "Not taken yet", "Passed · best 83 % ·
 * 2 attempts", "Not passed yet · best 50 % · 1 attempt".
 * @param {AssessmentRecord | null | undefined} record
 * @returns {string}
 */
export function resultText(record) {
  if (!record || !record.best) return "Not taken yet";
  return (record.best.passed ? "Passed" : "Not passed yet") + " · best " + record.best.percent + " % · " +
    plural(record.attempts, "attempt");
}
