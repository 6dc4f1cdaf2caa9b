// @ts-check
/**
 * Course progress in the browser, on every page: records lessons as their
 * quizzes get answered and shows the learner where they are.
 *
 * Reads and writes progress only through store.js (its state: lib/state.js).
 *
 * Rule (also stated on the "Your progress" page): a lesson is "in progress"
 * once one of its quizzes is answered and "complete" once every quiz on the
 * lesson page is answered, right or wrong. The score is the number of quizzes
 * answered correctly. The completion date is the learner's local date when the
 * last quiz was answered. A complete lesson never goes back to "in progress"
 * (for example after progress was imported on a device where the quiz answers
 * themselves are not stored).
 *
 * Answers are read from mkdocs-quiz's DOM (it shows a .quiz-feedback box with
 * .quiz-feedback-item.correct or .incorrect once a quiz is answered, also when
 * it restores answers from its own storage); its "quizProgressUpdate" window
 * event tells us when to look. The plugin is not modified.
 *
 * A module (mkdocs.yml extra_javascript, type: module): it runs once per
 * document. Material's instant navigation swaps the page and emits document$;
 * lib/site.js everyPage() calls onPage for each page. Every DOM change here is
 * idempotent, so a repeated refresh never doubles anything. When a page is
 * done, its <article> gets data-sac-ready (tests wait for it). Nothing stored,
 * imported or taken from the URL is put into the page as HTML (textContent
 * only). Every entry point is wrapped so that a failure here can never break
 * the page or the quizzes.
 *
 * Other page scripts add what they show with addView() (progress-page.js).
 *
 * The last assignment opened (lib/view-store.js) guides the navigation while it
 * is not finished (issue 18, item 2): its lessons say "Lesson 2 of 5 in your
 * assignment" at the top and name the next assigned lesson in their Next step,
 * the course order staying the second link. After every refresh the view the
 * pre-paint scripts read is kept up to date (lib/dashboard.js viewOf); the home
 * page's dashboard is drawn by home.js, imported on the home page only.
 */
import * as Store from "./store.js";
import { el } from "./lib/dom.js";
import { cleanId } from "./lib/ids.js";
import { QUIZ_ID, recoveredCount } from "./lib/state.js";
import { plural } from "./lib/text.js";
import { formatDate, isoDay } from "./lib/dates.js";
import { everyPage, siteRoot } from "./lib/site.js";
import { fetchCourse, validCatalogue } from "./lib/catalogue.js";
import { parseAssignment } from "./lib/assignment-link.js";
import { ASSIGNMENT_URL, isOpen, nextInAssignment, openAssignment, viewOf } from "./lib/dashboard.js";
import { answeredHere, forgetAnsweredHere, keepView, markAnsweredHere, storedAssignment } from "./lib/view-store.js";

/** @typedef {import("./lib/state.js").ProgressState} ProgressState */
/** @typedef {import("./lib/catalogue.js").Catalogue} Catalogue */
/**
 * What a page script shows, refreshed with the rest of the page.
 * @typedef {object} View
 * @property {() => void} mount once per page: build controls (idempotent)
 * @property {(state: ProgressState, catalogue: Catalogue | null) => void} render after every change
 */

var QUIZ_KEY_PREFIX = "quiz_progress_"; // mkdocs-quiz's own per-page answers
var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

/** Absolute URL of the site root, ends with "/" (read on the first page; it stays right). */
export var ROOT = siteRoot();
/** @type {Catalogue | null} course.json once loaded (validated), or null */
var catalogue = null;
/** @type {Promise<Catalogue | null> | null} */
var cataloguePromise = null;
var catalogueSettled = false;
var scheduled = false;
/** @type {View[]} */
var views = [];

// ------------------------------------------------------------------ helpers

function safe(fn) {
  return function () {
    try {
      return fn.apply(this, arguments);
    } catch (e) {
      if (window.console) console.warn("progress:", e);
      return undefined;
    }
  };
}

/** Lesson id for a link URL below the site root ("connection/x/" -> "connection/x"), or null. */
function lessonIdForHref(href) {
  try {
    var url = new URL(href, location.href);
    var root = new URL(ROOT);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var rel = url.pathname.slice(root.pathname.length).replace(/index\.html$/, "").replace(/\/$/, "");
    return cleanId(rel);
  } catch (e) {
    return null;
  }
}

function isHomePage() {
  var here = location.href.split("#")[0].split("?")[0].replace(/index\.html$/, "");
  return here === ROOT;
}

function currentLessonId() {
  var meta = document.querySelector('meta[name="course:lesson"]');
  return meta ? cleanId(meta.getAttribute("content")) : null;
}

function article() {
  return document.querySelector(".md-content article") || document.querySelector("article");
}

// --------------------------------------------------------------- catalogue

/** @returns {Promise<Catalogue | null>} course.json, loaded once per document */
export function loadCatalogue() {
  if (!cataloguePromise) {
    cataloguePromise = fetchCourse(ROOT)
      .then(function (data) {
        catalogueSettled = true;
        catalogue = validCatalogue(data);
        if (catalogue) Store.fitTo(catalogue);
        return catalogue;
      })
      .catch(function () {
        catalogueSettled = true;
        return null;
      });
  }
  return cataloguePromise;
}

function moduleProgress(moduleId, state) {
  var ids = [];
  if (catalogue) {
    var module = catalogue.modules.filter(function (m) { return m.id === moduleId; })[0];
    ids = module ? module.lessons.filter(function (id) { return catalogue.lessons[id]; }) : [];
  }
  var done = ids.filter(function (id) {
    return state.lessons[id] && state.lessons[id].status === "complete";
  }).length;
  return { done: done, total: ids.length, ids: ids };
}

// ------------------------------------------------- recording quiz answers

/**
 * The feedback box of a quiz this page shows answered, or null.
 * @param {Element} quiz
 * @returns {Element | null}
 */
function shownFeedback(quiz) {
  var feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback || feedback.classList.contains("hidden")) return null;
  return feedback.querySelector(".quiz-feedback-item") ? feedback : null;
}

/**
 * A quiz's id as progress keeps it ("quiz-0"; mkdocs-quiz numbers them in page order).
 * @param {Element} quiz
 * @param {number} index its position among the page's quizzes
 * @returns {string}
 */
function quizId(quiz, index) {
  return QUIZ_ID.test(quiz.id) ? quiz.id : "quiz-" + index;
}

/**
 * The quizzes in the current page's DOM: how many, and the answer shown in each
 * answered one, by quiz id ("quiz-0"; mkdocs-quiz numbers them in page order).
 */
function readQuizzes() {
  var root = article();
  var quizzes = root ? root.querySelectorAll(".quiz") : [];
  /** @type {Record<string, import("./lib/state.js").Answer>} */
  var answers = {};
  var at = new Date().toISOString();
  var answered = 0;
  Array.prototype.forEach.call(quizzes, function (quiz, index) {
    var feedback = shownFeedback(quiz);
    if (!feedback) return;
    answered += 1;
    var correct = !!feedback.querySelector(".quiz-feedback-item.correct:not(.sac-best-answer)") &&
      !feedback.querySelector(".quiz-feedback-item.incorrect");
    answers[quizId(quiz, index)] = { correct: correct, at: at };
  });
  return { total: quizzes.length, answered: answered, answers: answers };
}

/** Store the first attempts this page shows (store.js keeps earlier ones). */
function recordLesson() {
  var id = currentLessonId();
  if (!id) return;
  var quiz = readQuizzes();
  if (quiz.total === 0 || quiz.answered === 0) return;
  markAnsweredHere(Object.keys(quiz.answers).map(function (qid) { return id + "#" + qid; }));
  Store.recordAnswers(id, quiz.total, quiz.answers);
}

/**
 * Questions the saved progress has an answer for that were never answered in this
 * browser (issue 18, item 5): progress imported from another device
 * (lib/view-store.js answeredHere). Each is locked as it was (its options disabled,
 * so a second try cannot change the first attempt the score counts) and says when it
 * was answered and whether the first try was right; the saved progress does not say
 * which option was chosen, so none is shown as chosen. Idempotent; a question
 * answered here ("Try again" included), shown answered, or without a saved answer
 * (after a reset), is left to mkdocs-quiz and unlocked if this locked it.
 * @param {import("./lib/state.js").ProgressState} state
 */
function showAnsweredElsewhere(state) {
  var root = article();
  var id = currentLessonId();
  if (!root || !id) return;
  var record = state.lessons[id];
  var saved = record && record.answers ? record.answers : {};
  var here = answeredHere();
  Array.prototype.forEach.call(root.querySelectorAll(".quiz"), function (quiz, index) {
    var qid = quizId(quiz, index);
    var shown = !!shownFeedback(quiz);
    var fieldset = quiz.querySelector("fieldset");
    var note = quiz.querySelector(".sac-answered-elsewhere");
    var answer = Object.prototype.hasOwnProperty.call(saved, qid) ? saved[qid] : null;
    if (shown || !answer || !fieldset || here.has(id + "#" + qid)) {
      if (note) {
        if (fieldset) {
          var rest = (fieldset.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (token) {
            return token && token !== note.id;
          });
          if (rest.length) fieldset.setAttribute("aria-describedby", rest.join(" "));
          else fieldset.removeAttribute("aria-describedby");
        }
        note.remove();
      }
      if (quiz.hasAttribute("data-sac-locked")) {
        quiz.removeAttribute("data-sac-locked");
        Array.prototype.forEach.call(quiz.querySelectorAll("input, button"), function (control) {
          if (control.hasAttribute("data-sac-locked")) {
            control.disabled = false;
            control.removeAttribute("data-sac-locked");
          }
        });
      }
      return;
    }
    var day = "";
    if (answer.at) {
      var when = new Date(answer.at);
      if (!isNaN(when.getTime())) day = formatDate(isoDay(when));
    }
    var text = "You answered this question " + (day ? "on " + day + " " : "") + "(saved progress): " +
      (answer.correct ? "right the first time." : answer.recovered
        ? "not right the first time, then right on a retry." : "not right the first time.") +
      " It stays locked so that your score keeps your first answer.";
    if (!note) {
      note = el("p", { className: "sac-answered-elsewhere" }, text);
      fieldset.parentNode.insertBefore(note, fieldset);
    } else if (note.textContent !== text) {
      note.textContent = text;
    }
    if (!note.id) note.id = qid + "-saved";
    var described = (fieldset.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (described.indexOf(note.id) === -1) fieldset.setAttribute("aria-describedby", [note.id].concat(described).join(" "));
    quiz.setAttribute("data-sac-locked", "");
    Array.prototype.forEach.call(quiz.querySelectorAll("input, button"), function (control) {
      if (!control.disabled) {
        control.disabled = true;
        control.setAttribute("data-sac-locked", "");
      }
    });
  });
}

// ------------------------------------------------------ quiz enhancements

/** Visible, non-colour verdict in each feedback box; keyboard hint; group names. */
function enhanceQuizzes() {
  var root = article();
  if (!root) return;
  Array.prototype.forEach.call(root.querySelectorAll(".quiz"), function (quiz, index) {
    var question = quiz.querySelector(".quiz-question");
    var fieldset = quiz.querySelector("fieldset");
    if (question && fieldset && !fieldset.hasAttribute("aria-labelledby")) {
      if (!question.id) question.id = (quiz.id || "quiz-" + index) + "-question";
      fieldset.setAttribute("aria-labelledby", question.id);
    }
    if (quiz.hasAttribute("data-auto-submit") && fieldset && !quiz.querySelector(".sac-quiz-hint") &&
        fieldset.querySelector('input[type="radio"]')) {
      var hint = el("p", { className: "sac-quiz-hint", id: (quiz.id || "quiz-" + index) + "-hint" },
        "Choosing an option answers the question. With a keyboard: arrow keys move between options, Space chooses.");
      fieldset.parentNode.insertBefore(hint, fieldset);
      fieldset.setAttribute("aria-describedby", hint.id);
    }
    Array.prototype.forEach.call(quiz.querySelectorAll(".quiz-feedback-item"), function (item) {
      if (item.querySelector(".sac-verdict")) return;
      var isCorrect = item.classList.contains("correct");
      var verdict = el("strong", { className: "sac-verdict" }, isCorrect ? "Correct. " : "Not quite. ");
      var content = item.querySelector(".quiz-feedback-item-content") || item;
      content.insertBefore(verdict, content.firstChild);
    });
    explainBestAnswer(quiz);
    var retry = quiz.querySelector(".quiz-reset-button");
    if (retry && retry.textContent !== "Try again") retry.textContent = "Try again";
  });
}

/*
 * After a wrong pick the learner sees why twice: the chosen option's
 * explanation (mkdocs-quiz) and the best answer's, copied here from the
 * option's own explanation in the page (DOM nodes cloned, never HTML text).
 */
function explainBestAnswer(quiz) {
  var feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback || feedback.classList.contains("hidden")) return;
  if (!feedback.querySelector(".quiz-feedback-item.incorrect") || feedback.querySelector(".sac-best-answer")) return;
  Array.prototype.forEach.call(quiz.querySelectorAll('fieldset input[data-correct="true"]'), function (input) {
    var holder = input.parentElement;
    var label = holder && holder.querySelector("label");
    var why = holder && holder.querySelector(".answer-feedback");
    var box = el("div", { className: "quiz-feedback-item correct sac-best-answer" });
    var content = el("div", { className: "quiz-feedback-item-content" });
    content.appendChild(el("strong", { className: "sac-verdict" }, "The best answer: "));
    content.appendChild(document.createTextNode((label ? label.textContent.trim() : "") + " "));
    if (why) {
      Array.prototype.forEach.call(why.childNodes, function (node) { content.appendChild(node.cloneNode(true)); });
    }
    box.appendChild(content);
    feedback.appendChild(box);
  });
}

/*
 * mkdocs-quiz submits a single-answer quiz on "change". Arrow keys in a radio
 * group change the selection, so a keyboard user would answer with the first
 * arrow press. Here arrow keys only move focus; Space (or a click) chooses.
 */
function onKeydown(event) {
  var input = event.target;
  if (!input || input.type !== "radio" || !input.closest) return;
  var quiz = input.closest(".quiz[data-auto-submit]");
  if (!quiz) return;
  var keys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
  var step = keys[event.key];
  if (!step) return;
  event.preventDefault();
  var radios = Array.prototype.filter.call(quiz.querySelectorAll('input[type="radio"]'), function (r) {
    return !r.disabled;
  });
  var i = radios.indexOf(input);
  if (i === -1 || radios.length === 0) return;
  radios[(i + step + radios.length) % radios.length].focus();
}

function respectReducedMotion() {
  if (!reducedMotion || !reducedMotion.matches) return;
  if (typeof window.JSConfetti === "function" && window.JSConfetti.prototype &&
      !window.JSConfetti.prototype.__sacQuiet) {
    window.JSConfetti.prototype.addConfetti = function () {
      return Promise.resolve();
    };
    window.JSConfetti.prototype.__sacQuiet = true;
  }
}

// ---------------------------------------------------- showing progress

var LABELS = { "not-started": "Not started", "in-progress": "In progress", complete: "Completed" };
var GLYPHS = { "not-started": "○", "in-progress": "◐", complete: "✓" };

/**
 * Give a lesson link its status mark now (a script that draws lesson links: the
 * mark is there from the first draw, so the text after it never moves).
 * @param {Element} link
 * @param {"not-started" | "in-progress" | "complete"} status
 */
export function markLink(link, status) {
  setMark(link, status, true);
}

function setMark(link, status, always) {
  var mark = link.querySelector(":scope > .sac-mark");
  if (!always && status !== "complete") {
    if (mark) mark.remove();
    return;
  }
  if (!mark) {
    mark = el("span", { className: "sac-mark", role: "img" });
    // Before the arrow of a navigation label (the phone drawer's current page).
    link.insertBefore(mark, link.querySelector(":scope > .md-nav__icon"));
  }
  if (mark.getAttribute("data-status") !== status) {
    mark.setAttribute("data-status", status);
    mark.setAttribute("aria-label", LABELS[status]);
    mark.title = LABELS[status];
    mark.textContent = GLYPHS[status];
  }
}

function decorateLinks(state) {
  var status = function (id) {
    return state.lessons[id] ? state.lessons[id].status : "not-started";
  };
  Array.prototype.forEach.call(document.querySelectorAll("a[data-lesson]"), function (link) {
    var id = cleanId(link.getAttribute("data-lesson"));
    if (!id) return;
    var s = status(id);
    if (link.getAttribute("data-status") !== s) link.setAttribute("data-status", s);
    setMark(link, s, true);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".md-nav--primary a.md-nav__link[href]"), function (link) {
    var href = link.getAttribute("href") || "";
    var id = href.indexOf("#") === -1 ? lessonIdForHref(link.href) : null; // skip table-of-contents links
    setMark(link, id ? status(id) : "not-started", false);
    // On a phone the drawer shows the current page as the label that opens its
    // table of contents, not as this link (issue 18: the ✓ was hidden there).
    var label = link.previousElementSibling;
    if (label && label.matches('label.md-nav__link[for="__toc"]')) setMark(label, id ? status(id) : "not-started", false);
  });
}

function showModuleProgress(state) {
  if (!catalogue) return;
  var root = article();
  if (!root) return;
  // Home page and "next module" links: after the module link.
  Array.prototype.forEach.call(root.querySelectorAll("a[data-module]"), function (link) {
    if (link.closest(".sac-module")) return; // a home page card: home.js draws its progress
    var id = link.getAttribute("data-module");
    var p = moduleProgress(id, state);
    if (!p.total) return;
    // At the end of the link's line: before a nested lesson list, if any.
    var holder = link.closest("p, li") || link.parentNode;
    var span = holder.querySelector(":scope > .sac-module-progress");
    if (!span) {
      span = el("span", { className: "sac-module-progress" });
      var before = holder.tagName === "LI" ? holder.querySelector(":scope > ol, :scope > ul") : null;
      holder.insertBefore(span, before);
    }
    span.textContent = " · " + p.done + " of " + plural(p.total, "lesson") + " complete";
    span.setAttribute("data-complete", String(p.done === p.total));
  });
  // Module overview: above the generated lesson list.
  if (root.querySelector("a[data-module]:not(.sac-next a)") || isHomePage()) return;
  var seen = {};
  Array.prototype.forEach.call(root.querySelectorAll("ol a[data-lesson], ul a[data-lesson]"), function (link) {
    if (link.closest(".sac-next, .sac-continue, [data-sac-progress]")) return;
    var list = link.closest("ol, ul");
    var id = cleanId(link.getAttribute("data-lesson"));
    if (!list || !id) return;
    var moduleId = id.split("/")[0];
    if (seen[moduleId]) return;
    seen[moduleId] = true;
    var p = moduleProgress(moduleId, state);
    if (!p.total) return;
    var note = list.previousElementSibling;
    if (!note || !note.classList.contains("sac-module-progress")) {
      note = el("p", { className: "sac-module-progress" });
      list.parentNode.insertBefore(note, list);
    }
    note.textContent = p.done === p.total
      ? "Module complete: all " + plural(p.total, "lesson") + " done."
      : "Your progress: " + p.done + " of " + plural(p.total, "lesson") + " complete.";
    note.setAttribute("data-complete", String(p.done === p.total));
  });
}

/**
 * The last assignment opened, against the course and the progress (null without
 * the catalogue, without an assignment, or for a link that was cut off).
 * @param {ProgressState} state
 * @returns {import("./lib/dashboard.js").OpenAssignment | null}
 */
function currentAssignment(state) {
  var hash = storedAssignment();
  return hash && catalogue ? openAssignment(parseAssignment(hash), catalogue, state) : null;
}

/**
 * @param {Element} node
 * @param {Array<string | Element>} parts
 */
function fill(node, parts) {
  node.textContent = "";
  parts.forEach(function (part) {
    node.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
  });
}

/**
 * A lesson in an assignment: "Lesson 2 of 5 in your assignment “Week 1”" at the
 * top (shown before the first paint by the lesson's inline script, in the same
 * words: lib/dashboard.js assignmentLine), and in the Next step the next
 * assigned lesson, the course order second.
 * @param {ProgressState} state
 * @param {import("./lib/dashboard.js").OpenAssignment | null} open
 */
function showLessonAssignment(state, open) {
  var id = currentLessonId();
  if (!id || !catalogue) return;
  var holds = !!open && open.ids.indexOf(id) !== -1;
  var title = open ? "\u201c" + open.title + "\u201d" : "";
  var toAssignment = function (text) { return el("a", { href: ROOT + ASSIGNMENT_URL }, text); };
  var line = /** @type {HTMLElement | null} */ (document.querySelector("[data-sac-assignment]"));
  // Once shown the line stays for this page: taking it away would move the lesson up.
  if (line && open && holds && isOpen(open)) {
    var at = open.ids.indexOf(id);
    var words = "Lesson " + (at + 1) + " of " + open.ids.length + " in your assignment ";
    if (line.textContent !== words + title || !line.querySelector("a")) fill(line, [words, toAssignment(title)]);
    line.hidden = false;
  }
  var next = /** @type {HTMLElement | null} */ (document.querySelector("[data-sac-assignment-next]"));
  var courseNext = document.querySelector("[data-sac-course-next]");
  if (courseNext) {
    var label = holds && open && isOpen(open) ? "Next in the course: " : "Next lesson: ";
    if (courseNext.textContent !== label) courseNext.textContent = label;
  }
  if (!next) return;
  if (!open || !holds) {
    next.hidden = true;
    next.textContent = "";
    return;
  }
  /** @type {Array<string | Element>} */
  var parts;
  var following = open.finished ? null : nextInAssignment(state, open, id);
  if (open.finished) {
    parts = ["You finished every lesson of your assignment " + title + ". ", toAssignment("Send your report to your lead"), "."];
  } else if (following) {
    var lesson = catalogue.lessons[following] || {};
    parts = [
      "Next in your assignment " + title + " (lesson " + (open.ids.indexOf(following) + 1) + " of " + open.ids.length + "): ",
      el("a", { href: ROOT + String(lesson.url || following + "/"), "data-lesson": following, "data-status": "not-started" },
        lesson.title || following),
      typeof lesson.duration === "number" ? " · " + lesson.duration + " min" : "",
    ];
  } else {
    parts = ["This is the last lesson of your assignment " + title + " still to finish. Once you have answered its questions, ",
      toAssignment("send your report to your lead"), "."];
  }
  var key = JSON.stringify([open.finished, following, open.title, open.ids.length]);
  if (next.getAttribute("data-sac-line") !== key) {
    fill(next, parts);
    next.setAttribute("data-sac-line", key);
  }
  next.hidden = false;
}

/** @type {{render: Function} | null} home.js, once imported (the home page only) */
var home = null;
var homeLoading = false;

/**
 * The home page's dashboard (home.js); false while home.js is still loading.
 * @param {ProgressState} state
 * @param {import("./lib/dashboard.js").OpenAssignment | null} open
 * @returns {boolean}
 */
function showHome(state, open) {
  if (!isHomePage() || !catalogue) return true;
  var root = article();
  if (home) {
    if (root) home.render(root, ROOT, state, catalogue, open);
    return true;
  }
  if (!homeLoading) {
    homeLoading = true;
    import("./home.js").then(function (module) { home = module; }, function () {
      home = { render: function () {} }; // not loaded: the page stays as it was built
    }).then(schedule);
  }
  return false;
}

function showLessonStatus(state) {
  var id = currentLessonId();
  var status = document.querySelector("[data-sac-lesson-status]");
  if (!id || !status) return;
  var quiz = readQuizzes();
  var record = state.lessons[id];
  var text;
  if (record && record.status === "complete") {
    text = "Lesson complete: " + record.correct + " of " + plural(record.total, "question") +
      " answered correctly the first time.";
    var recovered = recoveredCount(record);
    if (recovered) text += " " + (recovered === 1 ? "1 more" : recovered + " more") + " right on a retry.";
    var moduleId = id.split("/")[0];
    var p = moduleProgress(moduleId, state);
    if (p.total && p.done === p.total) {
      text += " Module complete: you finished all " + plural(p.total, "lesson") + " in this module.";
    } else if (p.total) {
      text += " " + p.done + " of " + plural(p.total, "lesson") + " in this module complete.";
    }
  } else if (quiz.answered > 0 || (record && record.answered > 0)) {
    var answered = Math.min(quiz.total, Math.max(quiz.answered, record ? record.answered : 0));
    var left = quiz.total - answered;
    text = "You have answered " + answered + " of " + plural(quiz.total, "question") + ". Answer the " +
      (left === 1 ? "last one" : "other " + left) + " to complete this lesson.";
  } else {
    text = quiz.total > 0
      ? "Answer the " + plural(quiz.total, "question") + " in “Check your understanding” to complete this lesson."
      : "";
  }
  if (text && status.textContent !== text) status.textContent = text;
  status.setAttribute("data-sac-ready", ""); // for tests: the script has looked at this page
}

// ------------------------------------------------------- the refresh loop

// A refresh runs in three short tasks, one after the other, so the page
// stays responsive while it loads (Lighthouse's Total Blocking Time counts
// every task over 50 ms on a 4x slower phone, issue 8). Each step is
// idempotent; a refresh scheduled meanwhile starts again from the first.
var STEPS = [
  function () {
    respectReducedMotion();
    enhanceQuizzes();
    recordLesson();
  },
  function (state) {
    decorateLinks(state);
  },
  function (state) {
    var open = currentAssignment(state);
    if (catalogue) keepView(viewOf(state, catalogue, open));
    showModuleProgress(state);
    showAnsweredElsewhere(state);
    showLessonStatus(state);
    showLessonAssignment(state, open);
    showStoreNotice();
    views.forEach(function (view) {
      view.mount();
      view.render(state, catalogue);
    });
    var shown = showHome(state, open);
    decorateLinks(state); // links drawn in this step get their marks too
    var root = article();
    if (root && catalogueSettled && shown) root.setAttribute("data-sac-ready", ""); // everything shown
  },
];
var generation = 0;

function refresh() {
  scheduled = false;
  generation += 1;
  var mine = generation;
  var state = null; // read after the first step, which may record the lesson
  var step = safe(function (index) {
    if (mine !== generation) return; // a newer refresh took over
    if (index > 0 && !state) state = Store.load();
    STEPS[index](state);
    if (index + 1 < STEPS.length) setTimeout(function () { step(index + 1); }, 0);
  });
  step(0);
}

/** Refresh everything shown (soon, once, however often it is asked). */
export function schedule() {
  if (scheduled) return;
  scheduled = true;
  // After the current task: mkdocs-quiz restores answers right after it
  // reports progress, and Material finishes swapping the page.
  setTimeout(refresh, 0);
}

var onPage = safe(function () {
  schedule();
  loadCatalogue().then(schedule);
});

/**
 * Show `view` on every refresh from now on (progress-page.js); refreshes soon.
 * @param {View} view
 */
export function addView(view) {
  if (views.indexOf(view) === -1) views.push(view);
  schedule();
}

/**
 * What the learner needs to know when progress is not being saved, or "".
 * @param {import("./store.js").Problem | null} problem
 * @returns {string}
 */
export function storeProblemText(problem) {
  if (!problem) return "";
  if (problem.kind === "newer") {
    return "Your progress in this browser was saved by a newer version of this course, so this page " +
      "leaves it untouched. What you do now is kept only until you close this tab; download a progress " +
      "file on the “Your progress” page to keep it.";
  }
  if (problem.kind === "full") {
    return "This browser's storage for this site is full, so new progress lasts only until you close this " +
      "tab. Download a progress file on the “Your progress” page to keep it.";
  }
  return "This browser is not letting the site store anything (private browsing or blocked storage), so " +
    "your progress lasts only until you leave or reload a page. Download a progress file on the “Your " +
    "progress” page to keep it.";
}

var noticeShown = false;

/** Tell the learner once per tab, at the top of the page, when progress is not saved. */
function showStoreNotice() {
  var problem = Store.currentProblem();
  if (!problem || problem.kind === "unavailable" || noticeShown) return;
  var root = article();
  if (!root || root.querySelector(".sac-store-notice")) return;
  noticeShown = true;
  var notice = el("p", { className: "sac-store-notice admonition warning", role: "status" }, storeProblemText(problem));
  root.insertBefore(notice, root.firstChild);
}

/** Forget mkdocs-quiz's own stored answers (part of "Reset my progress"). */
export var clearQuizAnswers = safe(function () {
  var s = window.localStorage;
  /** @type {string[]} */
  var keys = [];
  for (var i = 0; i < s.length; i += 1) {
    var key = s.key(i);
    // mkdocs-quiz keys its answers by page path: only this site's pages.
    if (key && key.indexOf(QUIZ_KEY_PREFIX + new URL(ROOT).pathname) === 0) keys.push(key);
  }
  keys.forEach(function (key) { s.removeItem(key); });
  forgetAnsweredHere();
});

/*
 * The phone's menu button is Material's <label for="__drawer">, which a keyboard
 * cannot reach (issue 18), and a label may not take the role of a button. So a
 * real button takes its place, with Material's classes and the same icon (the
 * same box, so nothing moves): named, with its state; a click, Enter or Space
 * toggles the drawer, and opening it by keyboard moves focus to its first
 * visible link; Escape closes it and brings focus back. While closed, the
 * drawer's links are out of the keyboard's way (course.css). The header stays
 * through instant navigation, so this runs once.
 */
var menuButton = safe(function () {
  var label = /** @type {HTMLElement | null} */ (document.querySelector('label.md-header__button[for="__drawer"]'));
  var toggle = /** @type {HTMLInputElement | null} */ (document.getElementById("__drawer"));
  if (!label || !toggle || document.querySelector(".sac-menu-button")) return;
  var button = el("button", { type: "button", className: "md-header__button md-icon sac-menu-button",
    "aria-label": "Navigation menu", "aria-expanded": String(toggle.checked) });
  var icon = label.querySelector("svg");
  if (icon) button.appendChild(icon.cloneNode(true));
  label.parentNode.insertBefore(button, label);
  label.hidden = true;
  var byKey = false;
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") byKey = true;
  });
  button.addEventListener("click", function (event) {
    event.preventDefault();
    toggle.click();
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
    if (toggle.checked && byKey) {
      // The first link the learner can see (levels the open one covers are hidden: course.css).
      var first = Array.prototype.filter.call(document.querySelectorAll(".md-sidebar--primary a[href]"), function (link) {
        return link.getClientRects().length > 0 && getComputedStyle(link).visibility !== "hidden";
      })[0];
      if (first) first.focus();
    } else if (!toggle.checked && document.activeElement && document.activeElement.closest(".md-sidebar--primary")) {
      button.focus();
    }
    byKey = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
});

window.addEventListener("quizProgressUpdate", safe(function () {
  enhanceQuizzes(); // the feedback of a fresh answer is in the DOM already: label it now
  schedule();
}));
document.addEventListener("keydown", safe(onKeydown), true);
Store.subscribe(safe(schedule));

menuButton();
// This page, and every page instant navigation shows once Material's bundle
// has loaded (it loads on the first interaction): hooks/lazy_bundle.js.
everyPage(onPage);
