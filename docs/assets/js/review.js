// @ts-check
/**
 * Spaced review (issue 15, items 6-7), on the pages that name it in their
 * front matter `scripts` (hooks/page_scripts.py):
 *
 * - the Review page (<div class="sac-review">): the questions due today
 *   (lib/review.js dueItems), one at a time: answer, "Check answer", feedback
 *   (the chosen option's explanation and, after a wrong pick, the best
 *   answer's), "Next question"; each review reschedules the question (store.js
 *   recordReview); at the end, the next review day and a "remind me" calendar
 *   file (.ics, RFC 5545, lib/ics.js);
 * - the warm-up of modules 2-5 (<div class="sac-warmup" data-module="...">):
 *   two questions from the modules before, the due ones first, else the
 *   soonest; the same steps, rescheduled the same way. Hidden when the learner
 *   has answered nothing there yet.
 *
 * The questions come from the lesson pages themselves: the page is fetched
 * from this site (same origin) and read with DOMParser, which runs no script;
 * the question, options and explanations are cloned nodes, never HTML text.
 * Nothing is sent anywhere.
 */
import * as Store from "./store.js";
import { ROOT, loadCatalogue } from "./progress.js";
import { el } from "./lib/dom.js";
import { everyPage } from "./lib/site.js";
import { plural } from "./lib/text.js";
import { formatDate, today } from "./lib/dates.js";
import { shuffle } from "./lib/assessment.js";
import { dueItems, nextReviewDay, schedule } from "./lib/review.js";
import { reviewReminderIcs } from "./lib/ics.js";
import { downloadNow } from "./lib/download.js";

/** @typedef {import("./lib/review.js").DueItem} DueItem */
/** @typedef {import("./lib/catalogue.js").Catalogue} Catalogue */
/**
 * @typedef {object} Option
 * @property {Element | null} label
 * @property {Element | null} feedback
 * @property {boolean} correct
 */
/**
 * @typedef {object} Question
 * @property {Element | null} stem
 * @property {boolean} multi
 * @property {Option[]} options
 */

/** @type {Record<string, Promise<Document | null>>} */
var pages = {};

/**
 * The lesson page, parsed (once per document).
 * @param {string} url absolute
 * @returns {Promise<Document | null>}
 */
function lessonPage(url) {
  if (!pages[url]) {
    pages[url] = fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) { return text ? new DOMParser().parseFromString(text, "text/html") : null; })
      .catch(function () { return null; });
  }
  return pages[url];
}

/**
 * @param {Document} doc
 * @param {string} quizId
 * @returns {Question | null}
 */
function readQuestion(doc, quizId) {
  var quiz = doc.getElementById(quizId);
  if (!quiz || !quiz.classList.contains("quiz")) return null;
  var options = Array.prototype.map.call(quiz.querySelectorAll("fieldset > div"), function (div) {
    var input = div.querySelector("input");
    return { label: div.querySelector("label"), feedback: div.querySelector(".answer-feedback"),
      correct: !!(input && input.getAttribute("data-correct") === "true") };
  });
  if (!options.length) return null;
  return { stem: quiz.querySelector(".quiz-question"), multi: !!quiz.querySelector('input[type="checkbox"]'), options: options };
}

/** @param {Element | null} source @param {Element} target */
function cloneInto(source, target) {
  if (!source) return target;
  Array.prototype.forEach.call(source.childNodes, function (node) { target.appendChild(document.importNode(node, true)); });
  return target;
}

/**
 * Ask the items one at a time in `stage`; `finished` after the last.
 * @param {HTMLElement} stage
 * @param {DueItem[]} items
 * @param {Catalogue} catalogue
 * @param {(reviewed: number) => void} finished
 */
function run(stage, items, catalogue, finished) {
  var index = 0;
  var reviewed = 0;
  function next() {
    stage.textContent = "";
    if (index >= items.length) {
      finished(reviewed);
      return;
    }
    var item = items[index];
    index += 1;
    var lesson = catalogue.lessons[item.lesson];
    if (!lesson) {
      next();
      return;
    }
    lessonPage(new URL(String(lesson.url || ""), ROOT).href).then(function (doc) {
      var question = doc ? readQuestion(doc, item.quiz) : null;
      if (!question) {
        next(); // the lesson changed: this question is gone
        return;
      }
      ask(stage, item, question, lesson, index, items.length, function () {
        reviewed += 1;
        next();
      });
    });
  }
  next();
}

/**
 * @param {HTMLElement} stage
 * @param {DueItem} item
 * @param {Question} question
 * @param {{title?: string, url?: string}} lesson
 * @param {number} number 1-based
 * @param {number} count
 * @param {() => void} done
 */
function ask(stage, item, question, lesson, number, count, done) {
  var prefix = "sac-r-" + item.key.replace(/[^a-z0-9-]/g, "-");
  var form = el("form", { className: "sac-review__question", "aria-labelledby": prefix + "-label" });
  var label = el("div", { id: prefix + "-label", className: "sac-exam__stem" });
  label.appendChild(el("p", { className: "sac-exam__number" }, "Question " + number + " of " + count));
  cloneInto(question.stem, label);
  var fieldset = el("fieldset", { "aria-labelledby": prefix + "-label" });
  fieldset.appendChild(label);
  var order = shuffle(question.options, Math.random);
  /** @type {HTMLInputElement[]} */
  var inputs = [];
  order.forEach(function (option, k) {
    var row = el("div", { className: "sac-exam__option" });
    var input = el("input", { type: question.multi ? "checkbox" : "radio", name: prefix, id: prefix + "-" + k });
    row.appendChild(input);
    row.appendChild(cloneInto(option.label, el("label", { for: prefix + "-" + k })));
    fieldset.appendChild(row);
    inputs.push(input);
  });
  form.appendChild(fieldset);
  var status = el("div", { className: "sac-review__feedback", role: "status" });
  form.appendChild(status);
  var check = el("button", { type: "submit", className: "md-button md-button--primary" }, "Check answer");
  form.appendChild(el("p")).appendChild(check);
  stage.appendChild(form);
  var first = /** @type {HTMLElement | null} */ (form.querySelector("input"));
  if (first) first.focus();
  var answered = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (answered) {
      done();
      return;
    }
    var chosen = order.filter(function (_, k) { return inputs[k].checked; });
    if (!chosen.length) {
      status.textContent = "Choose an answer first.";
      return;
    }
    answered = true;
    var right = order.filter(function (o) { return o.correct; });
    var correct = chosen.length === right.length && chosen.every(function (o) { return o.correct; });
    Store.recordReview(item.key, correct);
    inputs.forEach(function (i) { i.disabled = true; });
    status.textContent = "";
    status.appendChild(el("p")).appendChild(el("strong", { className: "sac-verdict" }, correct ? "Correct." : "Not quite."));
    chosen.forEach(function (o) { if (o.feedback) status.appendChild(cloneInto(o.feedback, el("p", { className: "sac-result__why" }))); });
    if (!correct) {
      right.forEach(function (o) {
        var p = el("p", { className: "sac-result__best" });
        p.appendChild(el("span", null, "The best answer: "));
        cloneInto(o.label, p);
        status.appendChild(p);
        if (o.feedback) status.appendChild(cloneInto(o.feedback, el("p", { className: "sac-result__why" })));
      });
    }
    var from = el("p", { className: "sac-review__from" }, "From the lesson ");
    from.appendChild(el("a", { href: ROOT + String(lesson.url || "") }, lesson.title || item.lesson));
    status.appendChild(from);
    check.textContent = number < count ? "Next question" : "Finish";
    check.focus();
  });
}

/**
 * @param {HTMLElement} box
 * @param {Catalogue} catalogue
 */
function mountReview(box, catalogue) {
  var day = today();
  var state = Store.load();
  var due = dueItems(state, catalogue.order, day);
  box.textContent = "";
  var summary = el("p", { className: "sac-review__summary", role: "status" });
  box.appendChild(summary);
  var stage = el("div", { className: "sac-review__stage" });
  box.appendChild(stage);
  var actions = el("p");
  box.appendChild(actions);

  function finish(reviewed) {
    var later = Store.load();
    var nextDay = nextReviewDay(later, catalogue.order, today());
    summary.textContent = (reviewed ? "You reviewed " + plural(reviewed, "question") + ". " : "") + (nextDay
      ? "Your next review: " + formatDate(nextDay) + "."
      : schedule(later, catalogue.order).length ? "" : "Answer the questions in a lesson and they come back here for review.");
    actions.textContent = "";
    if (nextDay) {
      var count = schedule(later, catalogue.order).filter(function (i) { return i.due === nextDay; }).length;
      var remind = el("button", { type: "button", className: "md-button" }, "Remind me (calendar file)");
      remind.addEventListener("click", function () {
        downloadNow(reviewReminderIcs({ day: nextDay, count: count, url: location.href.split("#")[0] }), "text/calendar",
          "selling-as-connection-review-" + nextDay + ".ics");
      });
      actions.appendChild(remind);
    }
  }

  if (!due.length) {
    finish(0);
    summary.textContent = "Nothing to review today. " + summary.textContent;
    return;
  }
  summary.textContent = plural(due.length, "question") + " to review today, one at a time.";
  var start = el("button", { type: "button", className: "md-button md-button--primary" }, "Start the review");
  actions.appendChild(start);
  start.addEventListener("click", function () {
    actions.textContent = "";
    run(stage, due, catalogue, finish);
  });
}

/**
 * @param {HTMLElement} box
 * @param {Catalogue} catalogue
 */
function mountWarmup(box, catalogue) {
  var moduleId = box.getAttribute("data-module") || "";
  var position = catalogue.modules.map(function (m) { return m.id; }).indexOf(moduleId);
  if (position < 1) return;
  var earlier = catalogue.modules.slice(0, position).reduce(function (/** @type {string[]} */ ids, m) {
    return ids.concat(m.lessons);
  }, []);
  var items = schedule(Store.load(), earlier).slice(0, 2);
  if (!items.length) return;
  box.textContent = "";
  box.appendChild(el("h2", { id: "sac-warmup-title" }, "Warm-up"));
  box.appendChild(el("p", null, "Two questions from the modules before this one, picked by your review schedule."));
  var stage = el("div", { className: "sac-review__stage" });
  box.appendChild(stage);
  var start = el("button", { type: "button", className: "md-button" }, "Start the warm-up");
  var actions = el("p");
  actions.appendChild(start);
  box.appendChild(actions);
  box.hidden = false;
  start.addEventListener("click", function () {
    actions.remove();
    run(stage, items, catalogue, function (reviewed) {
      stage.appendChild(el("p", { role: "status" }, reviewed
        ? "Warm-up done: " + plural(reviewed, "question") + " reviewed. On to the lessons below."
        : "These questions are no longer in the lessons. On to the lessons below."));
    });
  });
}

everyPage(function () {
  var review = /** @type {HTMLElement | null} */ (document.querySelector(".sac-review"));
  var warmup = /** @type {HTMLElement | null} */ (document.querySelector(".sac-warmup"));
  if (!review && !warmup) return;
  var target = /** @type {HTMLElement} */ (review || warmup);
  if (target.hasAttribute("data-sac-mounted")) return;
  target.setAttribute("data-sac-mounted", "");
  loadCatalogue().then(function (catalogue) {
    if (!catalogue) {
      if (review) review.textContent = "The course's list of lessons could not be loaded. Check your connection and reload the page.";
      return;
    }
    if (review) mountReview(review, catalogue);
    if (warmup) mountWarmup(warmup, catalogue);
  });
});
