// @ts-check
/**
 * The home page as a course dashboard (issue 18, item 1): progress.js imports
 * this module on the home page only (import()), and calls render() after every
 * refresh there.
 *
 * The page (src/course/render: continue_box.html, module_list.html) holds:
 *
 * - the one main action, a[data-sac-main]: "Start here: <first lesson>" in the
 *   HTML, then "Continue: <lesson>", "Take the final assessment" or "See your
 *   certificate" (lib/dashboard.js mainAction);
 * - the "Continue where you left off" box, .sac-continue: the assignment line
 *   ([data-home-assignment], data-overdue when it is past its due date), where
 *   the learner is (.sac-continue__body) and the reviews due ([data-review-due]);
 * - a card per module with a progress bar (progress[data-module-progress]) and
 *   its words ([data-module-done]), and each module check's and the final
 *   assessment's result ([data-assessment-result]).
 *
 * The inline script after the box (continue_box) has already shown, before the
 * first paint, the main action and the box's lines as progress.js last kept them
 * (lib/view-store.js); this draws the same words, with links, so nothing moves.
 * The cards keep room for their lines from the first paint (course.css). Every
 * value is written with textContent; links come from lib/dashboard.js (paths
 * below the site root).
 */
import { el } from "./lib/dom.js";
import { plural } from "./lib/text.js";
import { formatDate, today } from "./lib/dates.js";
import { dueItems, nextReviewDay } from "./lib/review.js";
import { hasProgress, homeAssignmentLine, isOverdue, mainAction, moduleSummary, resultText, whereLine } from "./lib/dashboard.js";

/** @typedef {import("./lib/state.js").ProgressState} ProgressState */
/** @typedef {import("./lib/catalogue.js").Catalogue} Catalogue */
/** @typedef {import("./lib/dashboard.js").OpenAssignment} OpenAssignment */
/** @typedef {import("./lib/dashboard.js").Line} Line */

/**
 * Set a node's text only when it differs (no needless layout).
 * @param {Element} node
 * @param {string} text
 */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Draw a line (text and links) into `node`, unless it already shows it.
 * @param {Element} node
 * @param {Line} line
 * @param {string} root absolute URL of the site root
 */
function drawLine(node, line, root) {
  const key = JSON.stringify(line);
  if (node.getAttribute("data-sac-line") === key) return;
  node.textContent = "";
  line.forEach(function (part) {
    node.appendChild(part.href === undefined ? document.createTextNode(part.text) : el("a", { href: root + part.href }, part.text));
  });
  node.setAttribute("data-sac-line", key);
}

/**
 * @param {Element} box
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {string} root
 */
function drawReviews(box, state, catalogue, root) {
  const line = box.querySelector("[data-review-due]");
  if (!line) return;
  const due = dueItems(state, catalogue.order, today()).length;
  line.setAttribute("data-review-due", String(due));
  if (due) {
    drawLine(line, [{ text: plural(due, "question") + " to review today: " }, { text: "Review now", href: "review/" }], root);
  } else {
    const next = nextReviewDay(state, catalogue.order, today());
    drawLine(line, [{ text: next ? "No review due today; the next one is on " + formatDate(next) + "." : "" }], root);
  }
}

/**
 * The module cards and the final assessment's result.
 * @param {Element} page
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 */
function drawCards(page, state, catalogue) {
  Array.prototype.forEach.call(page.querySelectorAll("progress[data-module-progress]"), function (bar) {
    const id = bar.getAttribute("data-module-progress");
    const summary = moduleSummary(state, catalogue, id);
    if (!summary.total) return;
    bar.max = summary.total;
    bar.value = summary.done;
    const words = page.querySelector('[data-module-done="' + CSS.escape(id) + '"]');
    if (words) {
      setText(words, summary.done === summary.total ? "All " + plural(summary.total, "lesson") + " complete"
        : summary.done + " of " + plural(summary.total, "lesson") + " complete");
      words.setAttribute("data-complete", String(summary.done === summary.total));
    }
  });
  Array.prototype.forEach.call(page.querySelectorAll("[data-assessment-result]"), function (line) {
    const id = line.getAttribute("data-assessment-result");
    const record = state.assessments[id] || null;
    setText(line, "Your result: " + resultText(record));
    line.setAttribute("data-passed", String(!!(record && record.best && record.best.passed)));
  });
}

/**
 * Draw the dashboard for `state` (the home page only).
 * @param {Element} page the page's article
 * @param {string} root absolute URL of the site root, ending in "/"
 * @param {ProgressState} state
 * @param {Catalogue} catalogue
 * @param {OpenAssignment | null} open the last assignment opened (lib/dashboard.js openAssignment)
 */
export function render(page, root, state, catalogue, open) {
  const dashboard = page.querySelector(".sac-dashboard");
  if (dashboard) {
    const action = mainAction(state, catalogue, open);
    const main = /** @type {HTMLAnchorElement | null} */ (dashboard.querySelector("[data-sac-main]"));
    if (main) {
      setText(main, action.label);
      if (main.getAttribute("href") !== action.href) main.setAttribute("href", action.href);
      main.setAttribute("data-kind", action.kind);
    }
    const box = /** @type {HTMLElement | null} */ (dashboard.querySelector(".sac-continue"));
    if (box) {
      const assignment = /** @type {HTMLElement | null} */ (box.querySelector("[data-home-assignment]"));
      if (assignment) {
        drawLine(assignment, homeAssignmentLine(open), root);
        assignment.hidden = !open;
        if (isOverdue(open)) assignment.setAttribute("data-overdue", "true");
        else assignment.removeAttribute("data-overdue");
      }
      const where = box.querySelector(".sac-continue__body");
      if (where) drawLine(where, whereLine(state, catalogue, open), root);
      drawReviews(box, state, catalogue, root);
      box.hidden = !(open || hasProgress(state, catalogue));
    }
  }
  drawCards(page, state, catalogue);
}
