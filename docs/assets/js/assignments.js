// @ts-check
/**
 * Assignments: the builder for team leads and the assignment view for learners.
 *
 * Loaded by the pages that need it (front matter `scripts:`,
 * hooks/page_scripts.py, as a module). A module runs once per document: after
 * instant navigation brings such a page back, everyPage() (lib/site.js, which
 * follows Material's document$) calls init() again; init() is idempotent
 * (data-ready on the form and the view).
 *
 * No server, no accounts: an assignment lives entirely in the fragment of its
 * link, so it never reaches a web server's logs (lib/assignment-link.js reads
 * and writes it):
 *
 *   <site>/assignment/#v=2&t=<title>&due=YYYY-MM-DD&l=<id>,<id>&n=<note>&end=1
 *
 *   v    2: the link ends with "end=1", so a link cut off on its way says so
 *   t    assignment title, plain text, at most 120 characters
 *   due  due date (local calendar date), optional
 *   l    lesson ids ("module/slug", see src/course/model.py), comma-separated, at most 40
 *   n    note to the team, plain text, at most 1000 characters, optional
 *   end  1: the end of the link (lib/assignment-link.js: an incomplete link is
 *        shown as "this link is incomplete", never as an empty assignment)
 *
 * (The limits come from lib/anatomy.js, generated from src/course/anatomy.py.)
 * Everything read from a link is untrusted: it is validated, capped, and only
 * ever written with textContent or as attribute values we build (never innerHTML).
 * Lesson ids that no longer exist are shown as "no longer available"; former
 * ids resolve through course.json's aliases (a renamed lesson keeps working).
 * The last assignment opened is kept in localStorage (lib/view-store.js: the
 * site's path + ".sac:assignment", the fragment only) and parsed like any link
 * when it is read back; while it is not finished it guides the navigation
 * (progress.js).
 *
 * Completion report (JSON), what the learner sends back and team-progress.js
 * reads (lib/report.js builds and validates it):
 *
 *   { "format": "selling-as-connection/completion-report", "version": 1,
 *     "learner": "Dana", "created": "2026-11-29T10:00:00.000Z",
 *     "assignment": { "title": "...", "due": "2026-12-04" | null, "lessons": [id, ...] },
 *     "lessons": [ { "id": id, "title": "...", "status": "complete" | "in-progress" |
 *                    "not-started" | "unavailable", "completedAt": "2026-11-30" | null,
 *                    "correct": 2, "total": 3 } ],
 *     "summary": { "complete": 1, "total": 2 },
 *     "assessments": [ { "id": "connection" | "final", "title": "...", "kind": "module" | "final",
 *                        "attempts": 2, "first": <result>, "best": <result> } ] }
 *
 * (<result>: {"percent", "correct", "total", "passed", "at"}; "assessments" lists the
 * module checks and the final assessment taken, and may be missing.) The learner
 * sends it one of two ways, from one "Send to your lead" block: the report file
 * (this JSON), or the report copied as text, which ends with the same JSON in a
 * block (lib/report.js reportBlock), so the team progress page reads either.
 *
 * Progress is read through store.js only. The calendar file follows RFC 5545
 * (lib/ics.js: CRLF line ends, lines folded at 75 octets, TEXT escaping,
 * all-day event: DTSTART;VALUE=DATE and DTEND the next day, 3.6.1).
 */
import * as Store from "./store.js";
import { markLink, schedule } from "./progress.js";
import { el } from "./lib/dom.js";
import { everyPage, siteRoot } from "./lib/site.js";
import { fetchCourse, validCatalogue } from "./lib/catalogue.js";
import { cleanLine, cleanText, slug } from "./lib/text.js";
import { cleanDue, daysLeft, dueText, longDate } from "./lib/dates.js";
import { LIMITS, assignmentUrl, hasAssignment, parseAssignment } from "./lib/assignment-link.js";
import { rememberAssignment, storedAssignment } from "./lib/view-store.js";
import { buildIcs } from "./lib/ics.js";
import { STATUS_TEXT, buildReport, reportAssessments } from "./lib/report.js";
import { downloadLink } from "./lib/download.js";
import { printWithClass } from "./lib/print.js";

// -------------------------------------------------------- shared widgets

/**
 * Say `text` in a status region: the one next to the button `near` (its
 * data-copy-status), so the confirmation shows where the learner looks, else
 * the page's. Emptied first, so the same words are announced again.
 * @param {Element} root
 * @param {string} text
 * @param {string} [near] the id the button copies
 */
function status(root, text, near) {
  var box = (near && root.querySelector('[data-copy-status="' + near + '"]')) || root.querySelector("[data-assignment-status]");
  if (box) {
    box.textContent = "";
    window.setTimeout(function () { box.textContent = text; }, 50);
  }
}

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  return new Promise(function (resolve, reject) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    ok ? resolve() : reject(new Error("copy failed"));
  });
}

/**
 * @param {Element} root
 * @param {() => boolean} [ready] false when the copy must wait (it says why itself)
 */
function bindCopy(root, ready) {
  root.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-copy");
      var target = document.getElementById(id);
      if (!target || (ready && !ready())) return;
      var text = "value" in target && target.tagName !== "PRE" ? target.value : target.textContent;
      copyText(text).then(
        function () { status(root, "Copied to the clipboard.", id); },
        function () {
          var details = target.closest("details");
          if (details) details.open = true;
          if ("select" in target && typeof target.select === "function") target.select();
          else selectText(target);
          status(root, "Could not copy automatically. The text is selected: press Ctrl+C or Cmd+C.", id);
        }
      );
    });
  });
}

/** @param {Element} node */
function selectText(node) {
  try {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    if (selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
  } catch (e) {
    /* nothing selected: the words still say what to do */
  }
}

// --------------------------------------------------------------- builder

function initBuilder(form) {
  var root = form.parentNode;
  var result = root.querySelector("[data-assignment-result]");
  var errors = form.querySelector("[data-assignment-errors]");
  var total = form.querySelector("[data-assignment-total]");
  var select = form.querySelector("[data-assignment-path]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="l"]'));

  function selected() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) {
      return { id: b.value, title: b.getAttribute("data-title"), duration: Number(b.getAttribute("data-duration")) || 0 };
    });
  }

  function updateTotal() {
    var lessons = selected();
    var minutes = lessons.reduce(function (sum, l) { return sum + l.duration; }, 0);
    total.textContent = "Selected: " + lessons.length + " lesson" + (lessons.length === 1 ? "" : "s") +
      " · " + minutes + " min";
  }

  function applyPath(id) {
    var option = select && Array.prototype.find.call(select.options, function (o) { return o.value === id; });
    if (!option || !option.value) return false;
    var ids = (option.getAttribute("data-lessons") || "").split(" ");
    boxes.forEach(function (b) { b.checked = ids.indexOf(b.value) !== -1; });
    select.value = option.value;
    var title = form.querySelector("#assignment-title");
    if (title && !title.value) title.value = option.textContent.replace(/\s*\(.*\)$/, "");
    updateTotal();
    return true;
  }

  boxes.forEach(function (b) { b.addEventListener("change", updateTotal); });
  if (select) {
    select.addEventListener("change", function () {
      if (select.value) applyPath(select.value);
    });
  }
  var preset = new URLSearchParams(window.location.search).get("path");
  if (preset && !applyPath(preset.slice(0, 40))) {
    errors.hidden = false;
    errors.textContent = "";
    errors.appendChild(el("p", null, "There is no learning path with the id given in the address, so nothing was ticked. Choose a path or lessons below."));
  }
  updateTotal();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var title = cleanLine(form.querySelector("#assignment-title").value, LIMITS.title);
    var dueRaw = form.querySelector("#assignment-due").value;
    var due = cleanDue(dueRaw);
    var note = cleanText(form.querySelector("#assignment-note").value, LIMITS.note);
    var lessons = selected();
    var problems = [];
    if (!lessons.length) problems.push(["lesson-" + (boxes[0] ? boxes[0].value.replace("/", "--") : ""), "Tick at least one lesson."]);
    if (lessons.length > LIMITS.lessons) problems.push(["", "Choose at most " + LIMITS.lessons + " lessons."]);
    if (!title) problems.push(["assignment-title", "Give the assignment a title."]);
    if (!due) problems.push(["assignment-due", dueRaw ? "Enter a real due date between 2000 and 2100." : "Choose a due date."]);
    ["assignment-title", "assignment-due"].forEach(function (id) {
      form.querySelector("#" + id).removeAttribute("aria-invalid");
    });
    errors.textContent = "";
    if (problems.length) {
      errors.appendChild(el("p", null, "Please fix " + (problems.length === 1 ? "this" : "these") + " before you create the link:"));
      var list = el("ul");
      problems.forEach(function (p) {
        var item = el("li");
        var target = p[0] && document.getElementById(p[0]);
        if (target) {
          if (p[0] !== "" && p[0].indexOf("lesson-") !== 0) target.setAttribute("aria-invalid", "true");
          var link = el("a", { href: "#" + p[0] }, p[1]);
          link.addEventListener("click", function (e) {
            e.preventDefault();
            target.focus();
          });
          item.appendChild(link);
        } else {
          item.textContent = p[1];
        }
        list.appendChild(item);
      });
      errors.appendChild(list);
      errors.hidden = false;
      errors.focus();
      return;
    }
    errors.hidden = true;
    var url = assignmentUrl({ title: title, due: due, note: note, ids: lessons.map(function (l) { return l.id; }) }, siteRoot());
    var minutes = lessons.reduce(function (sum, l) { return sum + l.duration; }, 0);
    showResult({ title: title, due: due, note: note, lessons: lessons, url: url, minutes: minutes });
  });

  function showResult(a) {
    result.querySelector("[data-assignment-link]").value = a.url;
    result.querySelector("[data-assignment-open]").href = a.url;
    var message = [
      "Hi team,",
      "",
      "Please complete \u201c" + a.title + "\u201d by " + longDate(a.due) + ".",
      "",
      a.lessons.length + " lesson" + (a.lessons.length === 1 ? "" : "s") + ", about " + a.minutes + " minutes in total:",
    ].concat(a.lessons.map(function (l, i) {
      return (i + 1) + ". " + l.title + " (" + l.duration + " min)";
    }));
    if (a.note) message = message.concat(["", a.note]);
    message = message.concat([
      "",
      "Open your assignment here: " + a.url,
      "",
      "When you have finished, open that link again and go to \u201cSend to your lead\u201d at the bottom of the page:",
      "1. Type your name.",
      "2. Select \u201cDownload the report file\u201d and attach the file to your reply to me,",
      "   or select \u201cCopy the report\u201d and paste it into your reply.",
      "Either way I can load it on my team progress page.",
    ]);
    result.querySelector("[data-assignment-message]").value = message.join("\n");
    downloadLink(result.querySelector("[data-assignment-ics]"), buildIcs(a), "text/calendar;charset=utf-8",
      slug(a.title) + ".ics");

    var checklist = result.querySelector("[data-assignment-checklist]");
    checklist.textContent = "";
    checklist.appendChild(el("p", { class: "tl-checklist__title" }, a.title));
    checklist.appendChild(el("p", null, "Due " + longDate(a.due) + " · " + a.lessons.length + " lessons · " + a.minutes + " min"));
    var list = el("ul", { class: "tl-checklist__items" });
    a.lessons.forEach(function (l) {
      list.appendChild(el("li", null, l.title + " (" + l.duration + " min)"));
    });
    checklist.appendChild(list);
    if (a.note) checklist.appendChild(el("p", { class: "tl-note" }, a.note));
    checklist.appendChild(el("p", { class: "tl-checklist__name" }, "Name: ______________________"));

    result.hidden = false;
    var heading = result.querySelector("#assignment-result-heading");
    if (heading) heading.focus();
  }

  result.querySelector("[data-print-checklist]").addEventListener("click", function () {
    printWithClass("tl-print-checklist", 1000);
  });
  bindCopy(result);
}

// ------------------------------------------------------------ learner view

function resolveLessons(ids, course) {
  var lessons = (course && course.lessons) || {};
  var aliases = (course && course.aliases) || {};
  var seen = {};
  return ids.map(function (id) {
    var current = Object.prototype.hasOwnProperty.call(lessons, id) ? id
      : Object.prototype.hasOwnProperty.call(aliases, id) ? aliases[id] : null;
    if (current && seen[current]) return null;
    if (current) seen[current] = true;
    var info = current && lessons[current];
    return {
      id: current || id,
      requested: id,
      available: !!info,
      title: info ? cleanLine(info.title, 200) || current : null,
      url: info ? new URL(info.url, siteRoot()).href : null,
      duration: info && typeof info.duration === "number" ? info.duration : 0,
    };
  }).filter(Boolean);
}

function lessonState(item) {
  if (!item.available) {
    return { id: item.id, title: item.title || item.id, status: "unavailable", completedAt: null, correct: 0, total: 0 };
  }
  var record = Store.lesson(item.id);
  return {
    id: item.id,
    title: item.title,
    status: record ? record.status : "not-started",
    completedAt: record && record.completedAt ? record.completedAt : null,
    correct: record ? record.correct : 0,
    total: record ? record.total : 0,
  };
}

var viewCleanup = null;

/**
 * Show that the link was cut off on its way, and nothing of it (issue 18): the
 * assignment kept from an earlier link stays as it was, and is offered.
 * @param {HTMLElement} view
 */
function showIncomplete(view) {
  var empty = /** @type {HTMLElement} */ (view.querySelector("[data-assignment-empty]"));
  var body = /** @type {HTMLElement} */ (view.querySelector("[data-assignment-body]"));
  body.hidden = true;
  empty.hidden = false;
  empty.className = "tl-notice tl-warning";
  empty.setAttribute("data-assignment-incomplete", "");
  empty.textContent = "This link is incomplete: it was cut off on its way to you (mail and chat programs sometimes " +
    "shorten long links), so this page cannot show the assignment. Ask your lead to send the link again, or copy " +
    "the whole link into the address bar.";
  var last = parseAssignment(storedAssignment());
  if (hasAssignment(last) && !last.incomplete) {
    empty.appendChild(document.createTextNode(" "));
    empty.appendChild(el("a", { href: "#" + storedAssignment() }, "Show your last assignment instead: \u201c" +
      (last.title || "Assignment") + "\u201d"));
  }
}

function initView(view) {
  var body = view.querySelector("[data-assignment-body]");
  var empty = view.querySelector("[data-assignment-empty]");
  var hash = window.location.hash;
  var assignment = parseAssignment(hash);
  if (assignment.incomplete) {
    showIncomplete(view);
    return;
  }
  if (hasAssignment(assignment)) {
    // Kept for "Your assignment" in the navigation and for assignment-aware
    // navigation on every page (progress.js).
    rememberAssignment(hash);
    schedule();
  } else {
    var last = storedAssignment();
    assignment = parseAssignment(last);
    if (assignment.incomplete) assignment = parseAssignment("");
    if (hasAssignment(assignment) && window.history && window.history.replaceState) {
      window.history.replaceState(window.history.state, "", "#" + last);
    }
  }
  if (!hasAssignment(assignment)) {
    empty.textContent = "No assignment is open. Open the link your team lead sent you; this page then shows your lessons, the due date and your completion report. Until then, browse the lessons from the course home page.";
    body.hidden = true;
    return;
  }
  fetchCourse(siteRoot()).then(function (course) {
    if (!view.isConnected) return;
    var catalogue = validCatalogue(course);
    var items = resolveLessons(assignment.ids, course);
    body.hidden = false;
    empty.hidden = true;
    view.querySelector("[data-assignment-title]").textContent = assignment.title || "Assignment";
    var dueLine = view.querySelector("[data-assignment-due]");
    dueLine.textContent = assignment.badDue ? "The due date in this link is not a valid date." : dueText(assignment.due);
    var noteWrap = view.querySelector("[data-assignment-note-wrap]");
    view.querySelector("[data-assignment-note]").textContent = assignment.note;
    noteWrap.hidden = !assignment.note;

    var warnings = [];
    if (!course) warnings.push("The lesson list could not be loaded, so lesson names are missing. Reload the page to try again.");
    if (assignment.rejected) {
      warnings.push(assignment.rejected + " entr" + (assignment.rejected === 1 ? "y" : "ies") +
        " in the link " + (assignment.rejected === 1 ? "is" : "are") + " not a valid lesson and " +
        (assignment.rejected === 1 ? "was" : "were") + " left out.");
    }
    var warningEl = view.querySelector("[data-assignment-warnings]");
    warningEl.textContent = warnings.join(" ");
    warningEl.hidden = !warnings.length;

    var nameInput = view.querySelector("[data-report-name]");
    if (!nameInput.value) nameInput.value = Store.load().learner.name || "";
    var download = view.querySelector("[data-report-download]");

    function render() {
      var states = items.map(lessonState);
      var list = view.querySelector("[data-assignment-lessons]");
      list.textContent = "";
      items.forEach(function (item, i) {
        var s = states[i];
        var li = el("li", { "data-state": s.status });
        if (item.available) {
          var a = el("a", { href: item.url, "data-lesson": item.id, "data-status": s.status }, item.title);
          markLink(a, /** @type {"not-started" | "in-progress" | "complete"} */ (s.status));
          li.appendChild(a);
          li.appendChild(document.createTextNode(" · " + item.duration + " min · "));
        } else {
          li.appendChild(el("span", { "data-lesson": item.requested, "data-status": "unavailable" }, "Lesson \u201c" + item.requested + "\u201d"));
          li.appendChild(document.createTextNode(" · "));
        }
        var label = STATUS_TEXT[s.status];
        if (s.status === "complete") label += " on " + s.completedAt;
        li.appendChild(el("span", { class: "tl-state tl-state--" + s.status }, label));
        list.appendChild(li);
      });
      var countable = states.filter(function (s) { return s.status !== "unavailable"; });
      var done = countable.filter(function (s) { return s.status === "complete"; }).length;
      var progress = view.querySelector("[data-assignment-progress]");
      progress.max = Math.max(countable.length, 1);
      progress.value = done;
      view.querySelector("[data-assignment-progress-text]").textContent =
        done + " of " + countable.length + " lesson" + (countable.length === 1 ? "" : "s") + " done";
      // Past the due date with lessons left: highlighted (colour, weight and the word "overdue").
      if (assignment.due && daysLeft(assignment.due) < 0 && done < countable.length) dueLine.setAttribute("data-overdue", "true");
      else dueLine.removeAttribute("data-overdue");

      var learner = cleanLine(nameInput.value, LIMITS.name);
      var taken = catalogue ? reportAssessments(catalogue.assessments, Store.load().assessments) : [];
      var report = buildReport(assignment, states, learner, undefined, taken);
      view.querySelector("[data-report-text]").textContent = report.text;
      downloadLink(download, JSON.stringify(report.json, null, 2) + "\n", "application/json",
        "completion-report-" + slug(learner || "learner") + "-" + slug(assignment.title) + ".json");
      // The marks on the lesson links (progress.js), which this list just lost.
      schedule();
    }

    nameInput.addEventListener("input", function () {
      Store.setLearnerName(nameInput.value);
      render();
    });
    render();
    var unsubscribe = Store.subscribe(render);
    viewCleanup = function () {
      unsubscribe();
    };
  });

  // A report without a name cannot go into the lead's table: ask for it first.
  function named(near) {
    var input = /** @type {HTMLInputElement} */ (view.querySelector("[data-report-name]"));
    if (cleanLine(input.value, LIMITS.name)) return true;
    input.setAttribute("aria-invalid", "true");
    input.focus();
    status(view, "Type your name first: your lead's table lists you by it.", near);
    return false;
  }
  view.querySelector("[data-report-name]").addEventListener("input", function (event) {
    event.target.removeAttribute("aria-invalid");
  });
  view.querySelector("[data-report-download]").addEventListener("click", function (event) {
    if (!named("report-text")) event.preventDefault();
  });
  bindCopy(view, function () { return named("report-text"); });
}

// ---------------------------------------------------------------- wiring

function init() {
  if (viewCleanup) {
    viewCleanup();
    viewCleanup = null;
  }
  var form = document.querySelector("[data-assignment-builder]");
  if (form && !form.hasAttribute("data-ready")) {
    form.setAttribute("data-ready", "");
    initBuilder(form);
  }
  var view = document.querySelector("[data-assignment-view]");
  if (view && !view.hasAttribute("data-ready")) {
    view.setAttribute("data-ready", "");
    initView(view);
  }
}

// A learner who pastes a second assignment link into the same tab only
// changes the fragment: show the new assignment.
window.addEventListener("hashchange", function () {
  var view = document.querySelector("[data-assignment-view]");
  var next = parseAssignment(window.location.hash);
  // A jump to a heading anchor is not a new assignment: keep the page as it is.
  if (!view || !hasAssignment(next)) return;
  var fresh = /** @type {HTMLElement} */ (view.cloneNode(true));
  fresh.removeAttribute("data-ready");
  view.parentNode.replaceChild(fresh, view);
  init();
});

// Full page load: every module has run once the page is parsed; instant
// navigation brings the page back without running this module again:
// everyPage (lib/site.js, hooks/lazy_bundle.js) calls init() for every page.
everyPage(init);
