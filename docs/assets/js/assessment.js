// @ts-check
/**
 * Module checks and the final assessment (issue 15), on their own pages only
 * (front matter `scripts`, hooks/page_scripts.py).
 *
 * The page holds the assessment's settings on <div class="sac-assessment">
 * (data-assessment "module" | "final", data-assessment-id, data-pass-mark in
 * percent, data-draw) and its questions in <template id="sac-bank"> as
 * mkdocs-quiz rendered them (hooks/assessment.py, src/course/assessment.py),
 * each marked data-sac-module. The template is inert, so the plugin's script
 * never runs on them; everything here is built from clones of those nodes and
 * textContent, never from HTML text.
 *
 * A learner goes: "Start" -> the attempt's questions (all of a module check's,
 * or 12 of the final's bank, lib/assessment.js drawQuestions), options in a new
 * order, no feedback -> "Submit answers" (unanswered questions are named first
 * and count as wrong) -> the result: score, pass or not, a breakdown by module
 * with links to the lessons to revisit, every question with the chosen and the
 * best answer and both explanations -> "Retake" draws again. Every attempt is
 * recorded through store.js (first attempt, best attempt, attempts).
 */
import * as Store from "./store.js";
import { ROOT, loadCatalogue } from "./progress.js";
import { el } from "./lib/dom.js";
import { everyPage } from "./lib/site.js";
import { plural } from "./lib/text.js";
import { formatDate } from "./lib/dates.js";
import { drawQuestions, scoreAttempt, shuffle } from "./lib/assessment.js";

/**
 * @typedef {object} Option
 * @property {Element | null} label
 * @property {Element | null} feedback
 * @property {boolean} correct
 */
/**
 * @typedef {object} Question
 * @property {string} id
 * @property {string} module
 * @property {Element | null} stem
 * @property {boolean} multi
 * @property {Option[]} options
 */

/** @param {Element | null} source @param {Element} target */
function cloneInto(source, target) {
  if (!source) return target;
  Array.prototype.forEach.call(source.childNodes, function (node) {
    target.appendChild(node.cloneNode(true));
  });
  return target;
}

/** @param {HTMLTemplateElement} template @returns {Question[]} */
function readBank(template) {
  /** @type {Question[]} */
  var questions = [];
  Array.prototype.forEach.call(template.content.querySelectorAll(".quiz"), function (quiz, index) {
    var options = Array.prototype.map.call(quiz.querySelectorAll("fieldset > div"), function (div) {
      var input = div.querySelector("input");
      return {
        label: div.querySelector("label"),
        feedback: div.querySelector(".answer-feedback"),
        correct: !!(input && input.getAttribute("data-correct") === "true"),
      };
    });
    if (!options.length) return;
    questions.push({
      id: quiz.id || "quiz-" + index,
      module: quiz.getAttribute("data-sac-module") || "",
      stem: quiz.querySelector(".quiz-question"),
      multi: !!quiz.querySelector('fieldset input[type="checkbox"]'),
      options: options,
    });
  });
  return questions;
}

/** @param {string} text */
function button(text, primary) {
  return el("button", { type: "button", className: "md-button" + (primary ? " md-button--primary" : "") }, text);
}

/**
 * @param {HTMLElement} box
 */
function mount(box) {
  if (box.hasAttribute("data-sac-mounted")) return;
  var template = /** @type {HTMLTemplateElement | null} */ (document.getElementById("sac-bank"));
  if (!template) return;
  box.setAttribute("data-sac-mounted", "");
  var kind = box.getAttribute("data-assessment") === "final" ? "final" : "module";
  var id = box.getAttribute("data-assessment-id") || "";
  var passMark = Number(box.getAttribute("data-pass-mark")) || 80;
  var bank = readBank(template);
  var draw = Math.min(Number(box.getAttribute("data-draw")) || bank.length, bank.length);
  // The start step comes with the page (src/course/assessment.py): nothing moves.
  var start = /** @type {HTMLElement | null} */ (box.querySelector(".sac-assessment__start"));
  var best = /** @type {HTMLElement | null} */ (box.querySelector("[data-sac-best]"));
  var go = /** @type {HTMLButtonElement | null} */ (box.querySelector("[data-sac-start]"));
  var stage = /** @type {HTMLElement | null} */ (box.querySelector(".sac-assessment__stage"));
  if (!start || !best || !go || !stage) return;

  function showBest() {
    var record = Store.load().assessments[id];
    if (!record || !record.best) {
      best.textContent = "You have not taken it yet.";
      return;
    }
    var b = record.best;
    best.textContent = "Your best: " + b.percent + " % (" + b.correct + " of " + b.total + ")" +
      (b.passed ? ", passed" : ", not passed yet") + (b.at ? " on " + formatDate(b.at) : "") +
      " · " + plural(record.attempts, "attempt") + ".";
  }
  showBest();
  Store.subscribe(showBest);

  go.addEventListener("click", function () {
    start.hidden = true;
    if (!stage) return;
    attempt(stage, { kind: kind, id: id, passMark: passMark, draw: draw, bank: bank }, showBest);
  });
}

/**
 * @param {HTMLElement} stage
 * @param {{kind: string, id: string, passMark: number, draw: number, bank: Question[]}} setup
 * @param {() => void} done called when the result is shown
 */
function attempt(stage, setup, done) {
  stage.textContent = "";
  var asked = drawQuestions(setup.bank, setup.draw, Math.random).map(function (q) {
    return setup.bank.filter(function (b) { return b.id === q.id; })[0];
  });
  var form = el("form", { className: "sac-exam", novalidate: "", "aria-label": "Assessment questions" });
  var list = el("ol", { className: "sac-exam__questions" });
  /** @type {Array<{question: Question, order: Option[], inputs: HTMLInputElement[]}>} */
  var items = [];
  asked.forEach(function (question, n) {
    var prefix = "sac-q" + n;
    var li = el("li", { className: "sac-exam__question" });
    var fieldset = el("fieldset", { "aria-labelledby": prefix + "-label" });
    var label = el("div", { id: prefix + "-label", className: "sac-exam__stem" });
    label.appendChild(el("p", { className: "sac-exam__number" }, "Question " + (n + 1) + " of " + asked.length));
    cloneInto(question.stem, label);
    fieldset.appendChild(label);
    var order = shuffle(question.options, Math.random);
    /** @type {HTMLInputElement[]} */
    var inputs = [];
    order.forEach(function (option, k) {
      var row = el("div", { className: "sac-exam__option" });
      var input = el("input", { type: question.multi ? "checkbox" : "radio", name: prefix, id: prefix + "-" + k, value: String(k) });
      var text = cloneInto(option.label, el("label", { for: prefix + "-" + k }));
      row.appendChild(input);
      row.appendChild(text);
      fieldset.appendChild(row);
      inputs.push(input);
    });
    li.appendChild(fieldset);
    list.appendChild(li);
    items.push({ question: question, order: order, inputs: inputs });
  });
  form.appendChild(list);
  var status = el("p", { className: "sac-exam__status", role: "status" });
  form.appendChild(status);
  form.appendChild(el("p")).appendChild(el("button", { type: "submit", className: "md-button md-button--primary" }, "Submit answers"));
  stage.appendChild(form);
  var first = /** @type {HTMLElement | null} */ (form.querySelector("input"));
  if (first) first.focus();

  var warned = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var missing = items.map(function (item, n) {
      return item.inputs.some(function (i) { return i.checked; }) ? 0 : n + 1;
    }).filter(Boolean);
    if (missing.length && !warned) {
      warned = true;
      status.textContent = (missing.length === 1 ? "Question " + missing[0] + " has" : "Questions " + missing.join(", ") + " have") +
        " no answer yet. Answer " + (missing.length === 1 ? "it" : "them") + ", or submit again to hand in as it is " +
        "(an unanswered question counts as wrong).";
      return;
    }
    var answers = items.map(function (item) {
      var chosen = item.order.filter(function (_, k) { return item.inputs[k].checked; });
      var right = item.order.filter(function (o) { return o.correct; });
      var correct = chosen.length > 0 && chosen.length === right.length && chosen.every(function (o) { return o.correct; });
      return { module: item.question.module, correct: correct, chosen: chosen, right: right, item: item };
    });
    var result = scoreAttempt(answers, setup.passMark);
    Store.recordAssessment(setup.id, result);
    showResult(stage, setup, result, answers, done);
  });
}

/**
 * @param {HTMLElement} stage
 * @param {{kind: string, id: string, passMark: number, draw: number, bank: Question[]}} setup
 * @param {import("./lib/assessment.js").Result} result
 * @param {Array<{module: string, correct: boolean, chosen: Option[], right: Option[], item: {question: Question}}>} answers
 * @param {() => void} done
 */
function showResult(stage, setup, result, answers, done) {
  stage.textContent = "";
  var section = el("section", { className: "sac-result", tabindex: "-1", "aria-labelledby": "sac-result-title", "data-sac-result": result.passed ? "passed" : "failed" });
  section.appendChild(el("h2", { id: "sac-result-title" }, "Your result: " + result.percent + " % (" + result.correct + " of " +
    result.total + "), " + (result.passed ? "passed" : "not passed yet")));
  section.appendChild(el("p", null, result.passed
    ? "You reached the pass mark of " + setup.passMark + " %. " + (setup.kind === "final"
      ? "Your certificate is on the “Your progress” page."
      : "Well done: the module's ideas are in place.")
    : "The pass mark is " + setup.passMark + " %. Read the explanations below, revisit the lessons named, and retake it: every attempt asks in a new order" +
      (setup.kind === "final" ? " and draws new questions." : ".")));
  var breakdown = el("div", { className: "sac-result__modules" });
  section.appendChild(breakdown);
  loadCatalogue().then(function (catalogue) {
    var rows = Object.keys(result.modules);
    if (!rows.length) return;
    var table = el("table");
    var head = el("tr");
    ["Module", "Right", "Lessons to revisit"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (moduleId) {
      var score = result.modules[moduleId];
      var module = catalogue ? catalogue.modules.filter(function (m) { return m.id === moduleId; })[0] : null;
      var tr = el("tr");
      tr.appendChild(el("td", null, module ? module.title : moduleId));
      tr.appendChild(el("td", null, score.correct + " of " + score.total));
      var cell = el("td");
      if (score.correct < score.total && module && catalogue) {
        module.lessons.forEach(function (lessonId, i) {
          var lesson = catalogue.lessons[lessonId];
          if (!lesson) return;
          if (i) cell.appendChild(document.createTextNode(", "));
          cell.appendChild(el("a", { href: ROOT + String(lesson.url || "") }, lesson.title || lessonId));
        });
      } else {
        cell.textContent = score.correct === score.total ? "None: all right" : "";
      }
      tr.appendChild(cell);
      body.appendChild(tr);
    });
    table.appendChild(body);
    breakdown.appendChild(table);
  });
  section.appendChild(el("h3", null, "Your answers"));
  var review = el("ol", { className: "sac-result__answers" });
  answers.forEach(function (answer) {
    var li = el("li", { "data-correct": String(answer.correct) });
    cloneInto(answer.item.question.stem, li);
    li.appendChild(el("p", null)).appendChild(el("strong", { className: "sac-verdict" }, answer.correct ? "Correct." : answer.chosen.length ? "Not quite." : "Not answered."));
    answer.chosen.forEach(function (option) {
      var p = el("p", { className: "sac-result__chosen" });
      p.appendChild(el("span", null, "Your answer: "));
      cloneInto(option.label, p);
      li.appendChild(p);
      if (option.feedback) li.appendChild(cloneInto(option.feedback, el("p", { className: "sac-result__why" })));
    });
    if (!answer.correct) {
      answer.right.forEach(function (option) {
        var p = el("p", { className: "sac-result__best" });
        p.appendChild(el("span", null, "The best answer: "));
        cloneInto(option.label, p);
        li.appendChild(p);
        if (option.feedback) li.appendChild(cloneInto(option.feedback, el("p", { className: "sac-result__why" })));
      });
    }
    review.appendChild(li);
  });
  section.appendChild(review);
  var again = button(setup.kind === "final" ? "Retake with new questions" : "Retake in a new order", false);
  section.appendChild(el("p")).appendChild(again);
  stage.appendChild(section);
  section.focus();
  done();
  again.addEventListener("click", function () {
    attempt(stage, setup, function () { /* the start box stays hidden during a retake */ });
  });
}

everyPage(function () {
  var box = /** @type {HTMLElement | null} */ (document.querySelector(".sac-assessment"));
  if (box) mount(box);
});
