// @ts-check
/**
 * The "Your progress" page (docs/progress.md): completed lessons, certificate,
 * export/import of a progress file, reset with confirmation.
 *
 * Loaded by that page only (front matter `scripts:`, hooks/page_scripts.py, as
 * a module). A module runs once per document, however often instant
 * navigation shows the page again: it hands mount() and render() to
 * progress.js (addView), whose refresh on every page calls both; they do
 * nothing on pages without these containers.
 *
 * The page's Markdown holds containers marked data-sac-progress="summary|
 * lessons|certificate|transfer|reset" with a short text for browsers without
 * JavaScript. mount() replaces that text with controls once per page (guarded
 * by data-sac-mounted, so instant navigation never doubles handlers);
 * render(state, catalogue) updates the texts after every change. Everything
 * from storage or from an imported file is shown with textContent only.
 *
 * Progress file (export/import), JSON (lib/progress-file.js):
 *   {"format": "selling-as-connection/progress", "version": 1,
 *    "exportedAt": "<ISO 8601 time>", "progress": <state, see lib/state.js>}
 * Import validates the whole file, names what is wrong, and merges: for each
 * lesson the record showing more progress is kept (complete beats in progress,
 * then more questions answered, then the later update; the earlier completion
 * date is kept). Nothing leaves the browser: export is a download the learner
 * saves themselves.
 */
import * as Store from "./store.js";
import anatomy from "./lib/anatomy.js";
import { ROOT, addView, clearQuizAnswers, loadCatalogue, storeProblemText } from "./progress.js";
import { el } from "./lib/dom.js";
import { formatDate, today } from "./lib/dates.js";
import { plural } from "./lib/text.js";
import { emptyState, mergeRecords, mergeStates, recoveredCount } from "./lib/state.js";
import { downloadNow } from "./lib/download.js";
import { printWithClass } from "./lib/print.js";
import { MAX_IMPORT_BYTES, exportData, parseImport, skippedText } from "./lib/progress-file.js";

/** @typedef {import("./lib/state.js").ProgressState} ProgressState */
/** @typedef {import("./lib/catalogue.js").Catalogue} Catalogue */

function container(name) {
  return document.querySelector('[data-sac-progress="' + name + '"]');
}

function fresh(name) {
  var box = container(name);
  if (!box || box.hasAttribute("data-sac-mounted")) return null;
  box.setAttribute("data-sac-mounted", "");
  box.textContent = "";
  return box;
}

function button(label, action, primary) {
  return el("button", {
    type: "button",
    className: "md-button" + (primary ? " md-button--primary" : ""),
    "data-sac-action": action,
  }, label);
}

function say(name, text, isError) {
  var box = document.querySelector('[data-sac-message="' + name + '"]');
  if (!box) return;
  box.textContent = text;
  box.classList.toggle("sac-message--error", !!isError);
}

function siteName() {
  var topic = document.querySelector(".md-header__title .md-header__topic .md-ellipsis");
  var name = topic ? topic.textContent.trim() : "";
  return name || "this course";
}

// ----------------------------------------------------------------- mount

function mount() {

  var summary = fresh("summary");
  if (summary) {
    summary.appendChild(el("p", { className: "sac-summary", "data-sac-field": "summary" }));
    summary.appendChild(el("p", { className: "sac-storage-warning", "data-sac-field": "storage", role: "status", hidden: "" }));
  }

  var lessons = fresh("lessons");
  if (lessons) lessons.appendChild(el("div", { "data-sac-field": "lessons" }));

  var cert = fresh("certificate");
  if (cert) {
    var controls = el("div", { className: "sac-certificate-controls" });
    controls.appendChild(el("label", { for: "sac-learner-name" }, "Your name, as it should appear on the certificate"));
    var input = el("input", { type: "text", id: "sac-learner-name", autocomplete: "name", maxlength: String(anatomy.learnerNameChars),
      "aria-describedby": "sac-learner-name-hint" });
    input.value = Store.load().learner.name;
    controls.appendChild(input);
    controls.appendChild(el("p", { id: "sac-learner-name-hint", className: "sac-hint" },
      "Your name stays in this browser; it is never sent anywhere."));
    controls.appendChild(button("Print certificate", "print", true));
    cert.appendChild(controls);
    cert.appendChild(el("div", { className: "sac-assessments", "data-sac-field": "assessments", hidden: "" }));

    var sheet = el("section", { className: "sac-certificate", "aria-labelledby": "sac-certificate-title",
      "data-certificate": "", "data-state": "locked" });
    sheet.appendChild(el("p", { className: "sac-certificate__course" }, siteName()));
    sheet.appendChild(el("h3", { id: "sac-certificate-title", className: "sac-certificate__title" }));
    sheet.appendChild(el("p", null, "This certifies that"));
    sheet.appendChild(el("p", { className: "sac-certificate__name", "data-sac-field": "name" }));
    sheet.appendChild(el("p", { className: "sac-certificate__text", "data-sac-field": "cert-text" }));
    sheet.appendChild(el("p", { className: "sac-certificate__date", "data-sac-field": "cert-date" }));
    cert.appendChild(sheet);
    cert.appendChild(el("p", { className: "sac-certificate__note", "data-sac-field": "cert-note" },
      "This is a record of progress. It becomes a certificate of completion when every lesson is complete."));

    input.addEventListener("input", function () {
      Store.setLearnerName(input.value);
    });
    controls.querySelector('[data-sac-action="print"]').addEventListener("click", function () {
      printWithClass("sac-print-certificate");
    });
  }

  var transfer = fresh("transfer");
  if (transfer) {
    transfer.appendChild(el("p", null,
      "To continue on another device, download your progress file here, then open this page on the other " +
      "device and import the file. Importing adds to the progress already there: for each lesson the more " +
      "complete record is kept. Questions answered on the first device show there as answered and locked, " +
      "with whether the first try was right, so your score stays as it was."));
    var row = el("p", { className: "sac-actions" });
    row.appendChild(button("Download progress file", "export", false));
    transfer.appendChild(row);
    var importRow = el("p", { className: "sac-import" });
    importRow.appendChild(el("label", { for: "sac-import-file" }, "Import a progress file (.json)"));
    var file = el("input", { type: "file", id: "sac-import-file", accept: ".json,application/json" });
    importRow.appendChild(file);
    transfer.appendChild(importRow);
    transfer.appendChild(el("p", { className: "sac-message", role: "status", "data-sac-message": "transfer" }));
    row.querySelector("button").addEventListener("click", exportProgress);
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) importFile(file.files[0], file);
    });
  }

  var reset = fresh("reset");
  if (reset) {
    reset.appendChild(el("p", null,
      "Start over: delete every lesson record, score and the name for the certificate from this browser."));
    var start = button("Reset my progress…", "reset", false);
    start.setAttribute("aria-expanded", "false");
    start.setAttribute("aria-controls", "sac-reset-confirm");
    reset.appendChild(el("p")).appendChild(start);
    var confirmBox = el("div", { id: "sac-reset-confirm", className: "sac-confirm", role: "group",
      "aria-labelledby": "sac-reset-question", hidden: "" });
    confirmBox.appendChild(el("p", { id: "sac-reset-question" },
      "Delete all your progress in this browser? This cannot be undone; download a progress file first " +
      "if you may want it back."));
    var yes = button("Yes, delete my progress", "reset-confirm", true);
    var no = button("Cancel", "reset-cancel", false);
    confirmBox.appendChild(yes);
    confirmBox.appendChild(document.createTextNode(" "));
    confirmBox.appendChild(no);
    reset.appendChild(confirmBox);
    reset.appendChild(el("p", { className: "sac-message", role: "status", "data-sac-message": "reset" }));
    start.addEventListener("click", function () {
      confirmBox.hidden = false;
      start.setAttribute("aria-expanded", "true");
      say("reset", "");
      no.focus();
    });
    no.addEventListener("click", function () {
      confirmBox.hidden = true;
      start.setAttribute("aria-expanded", "false");
      start.focus();
    });
    yes.addEventListener("click", function () {
      Store.reset();
      clearQuizAnswers();
      confirmBox.hidden = true;
      start.setAttribute("aria-expanded", "false");
      var name = /** @type {HTMLInputElement | null} */ (document.getElementById("sac-learner-name"));
      if (name) name.value = "";
      say("reset", "Your progress has been deleted from this browser.");
      start.focus();
    });
  }
}

// ---------------------------------------------------------------- render

/**
 * @param {string} name
 * @returns {HTMLElement | null}
 */
function field(name) {
  return document.querySelector('[data-sac-field="' + name + '"]');
}

function render(state, catalogue) {
  if (!container("summary") && !container("lessons") && !container("certificate")) return;
  var ids = catalogue ? catalogue.order : [];
  var complete = Object.keys(state.lessons).filter(function (id) {
    return state.lessons[id].status === "complete";
  });
  var inCourse = complete.filter(function (id) { return ids.indexOf(id) !== -1; });
  var total = ids.length;

  var summary = field("summary");
  if (summary) {
    var modulesDone = catalogue ? catalogue.modules.filter(function (m) {
      return m.lessons.length > 0 && m.lessons.every(function (id) {
        return state.lessons[id] && state.lessons[id].status === "complete";
      });
    }).length : 0;
    summary.textContent = catalogue
      ? "You have completed " + inCourse.length + " of " + plural(total, "lesson") + " and " + modulesDone +
        " of " + plural(catalogue.modules.length, "module") + "."
      : "You have completed " + plural(complete.length, "lesson") + ".";
  }
  var warning = field("storage");
  if (warning) {
    var problemText = storeProblemText(Store.currentProblem());
    if (warning.textContent !== problemText) warning.textContent = problemText;
    warning.hidden = !problemText;
  }

  var list = field("lessons");
  if (list) {
    list.textContent = "";
    var title = function (id) {
      var l = catalogue && catalogue.lessons[id];
      return l && l.title ? l.title : id;
    };
    var ordered = complete.slice().sort(function (a, b) {
      var ia = ids.indexOf(a), ib = ids.indexOf(b);
      return (ia === -1 ? 1e6 : ia) - (ib === -1 ? 1e6 : ib) || (a < b ? -1 : 1);
    });
    if (!ordered.length) {
      list.appendChild(el("p", { "data-sac-empty": "" },
        "No lessons completed yet. A lesson is complete once you have answered every question at its end."));
    } else {
      var table = el("table", { className: "sac-table" });
      table.appendChild(el("caption", null, "Completed lessons, in course order"));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      ["Lesson", "Score", "Completed"].forEach(function (h) {
        head.appendChild(el("th", { scope: "col" }, h));
      });
      var body = table.appendChild(el("tbody"));
      ordered.forEach(function (id) {
        var r = state.lessons[id];
        var tr = body.appendChild(el("tr", { "data-lesson-row": id }));
        var cell = tr.appendChild(el("td"));
        var lesson = catalogue && catalogue.lessons[id];
        if (lesson) {
          cell.appendChild(el("a", { href: ROOT + String(lesson.url || "") }, title(id)));
          var module = catalogue.modules.filter(function (m) { return m.id === lesson.module; })[0];
          if (module) cell.appendChild(el("span", { className: "sac-table__module" }, module.title));
        } else {
          cell.appendChild(document.createTextNode(title(id) + " (no longer in the course)"));
        }
        var retried = recoveredCount(r);
        tr.appendChild(el("td", null, r.correct + " of " + r.total + " correct" +
          (retried ? " (" + retried + " more on a retry)" : "")));
        tr.appendChild(el("td", null, formatDate(r.completedAt)));
      });
      list.appendChild(table);
    }
    var started = ids.filter(function (id) {
      return state.lessons[id] && state.lessons[id].status === "in-progress";
    });
    if (started.length) {
      var p = el("p", { className: "sac-in-progress" }, "Started, not finished yet: ");
      started.forEach(function (id, i) {
        if (i) p.appendChild(document.createTextNode(", "));
        var r = state.lessons[id];
        p.appendChild(el("a", { href: ROOT + String(catalogue.lessons[id].url || "") }, title(id)));
        p.appendChild(document.createTextNode(" (" + r.answered + " of " + plural(r.total, "question") + " answered)"));
      });
      list.appendChild(p);
    }
  }

  var name = field("name");
  if (name) {
    var typed = state.learner.name;
    name.textContent = typed || "Your name";
    name.classList.toggle("sac-certificate__name--empty", !typed);
    var input = /** @type {HTMLInputElement | null} */ (document.getElementById("sac-learner-name"));
    if (input && document.activeElement !== input && input.value !== typed) input.value = typed;
    var all = total > 0 && inCourse.length === total;
    var correct = inCourse.reduce(function (n, id) { return n + state.lessons[id].correct; }, 0);
    var asked = inCourse.reduce(function (n, id) { return n + state.lessons[id].total; }, 0);
    var heading = document.getElementById("sac-certificate-title");
    var finalInfo = catalogue && catalogue.assessments.final;
    var final = state.assessments.final;
    var earned = !!(finalInfo && final && final.best && final.best.passed);
    var sheet = document.querySelector("[data-certificate]");
    if (sheet) sheet.setAttribute("data-state", earned ? "earned" : "locked");
    if (heading) heading.textContent = earned ? "Certificate of mastery" : "Record of progress";
    var lessonsText = all
      ? "all " + plural(total, "lesson")
      : inCourse.length + " of " + plural(total, "lesson");
    field("cert-text").textContent = earned
      ? "has passed the final assessment of the course " + siteName() + " with " + final.best.percent + " % (pass mark " +
        finalInfo.passMark + " %) and completed " + lessonsText + "."
      : all
        ? "has completed all " + plural(total, "lesson") + " of the course " + siteName() + ", answering " + correct +
          " of " + plural(asked, "knowledge-check question") + " correctly."
        : "has completed " + lessonsText + " of the course " + siteName() + ".";
    var note = field("cert-note");
    if (note) {
      note.hidden = earned;
      note.textContent = finalInfo
        ? "This is a record of progress. It becomes a certificate of mastery when you pass the final assessment " +
          "(pass mark " + finalInfo.passMark + " %)."
        : "This is a record of progress.";
    }
    var last = inCourse.map(function (id) { return state.lessons[id].completedAt || ""; }).sort().pop();
    field("cert-date").textContent = earned && final.best.at
      ? "Passed on " + formatDate(final.best.at)
      : all && last ? "Completed on " + formatDate(last) : "As of " + formatDate(today());
    var printButton = document.querySelector('[data-sac-action="print"]');
    if (printButton) printButton.textContent = earned ? "Print certificate" : "Print record of progress";
    showAssessments(state, catalogue);
  }
}

/**
 * Module checks and the final assessment: best and first attempt, in the
 * certificate box's lead-in list.
 * @param {ProgressState} state
 * @param {Catalogue | null} catalogue
 */
function showAssessments(state, catalogue) {
  var box = field("assessments");
  if (!box || !catalogue) return;
  var ids = Object.keys(catalogue.assessments);
  box.textContent = "";
  box.hidden = !ids.length;
  if (!ids.length) return;
  box.appendChild(el("p", null, "Module checks and the final assessment (best attempt; first attempt in brackets):"));
  var list = el("ul");
  ids.forEach(function (id) {
    var info = catalogue.assessments[id];
    var record = state.assessments[id];
    var li = el("li", { "data-assessment-row": id });
    li.appendChild(el("a", { href: ROOT + info.url }, info.title));
    li.appendChild(document.createTextNode(record && record.best
      ? ": " + record.best.percent + " %" + (record.best.passed ? ", passed" : ", not passed yet") +
        (record.first ? " (first: " + record.first.percent + " %)" : "") + " · " + plural(record.attempts, "attempt")
      : ": not taken yet"));
    list.appendChild(li);
  });
  box.appendChild(list);
}

// --------------------------------------------------------------- actions

function exportProgress() {
  var data = exportData(Store.load());
  try {
    downloadNow(JSON.stringify(data, null, 2) + "\n", "application/json",
      "selling-as-connection-progress-" + today() + ".json");
    var n = Object.keys(data.progress.lessons).length;
    say("transfer", "Downloaded your progress file with " + plural(n, "lesson record") + ".");
  } catch (e) {
    say("transfer", "The progress file could not be created in this browser.", true);
  }
}

function importFile(file, input) {
  if (file.size > MAX_IMPORT_BYTES) {
    say("transfer", "Import failed: this file is larger than 1 MB, far larger than any progress file.", true);
    input.value = "";
    return;
  }
  say("transfer", "Reading the file…");
  // The catalogue first: every record is checked against the course's lessons.
  Promise.all([file.text(), loadCatalogue()]).then(function (results) {
    var parsed = parseImport(results[0], results[1]);
    input.value = "";
    if (parsed.error || !parsed.lessons) {
      say("transfer", "Import failed: " + parsed.error, true);
      return;
    }
    var imported = parsed.lessons;
    var state = Store.load();
    var ids = Object.keys(imported);
    var changed = ids.filter(function (id) {
      return JSON.stringify(mergeRecords(state.lessons[id], imported[id])) !== JSON.stringify(state.lessons[id]);
    });
    ids.forEach(function (id) {
      state.lessons[id] = mergeRecords(state.lessons[id], imported[id]);
    });
    if (!state.learner.name && parsed.name) state.learner = { name: parsed.name, updatedAt: new Date().toISOString() };
    // Module checks, the final assessment and review days merge as the store merges them.
    var incoming = emptyState();
    incoming.assessments = parsed.assessments || {};
    incoming.reviews = parsed.reviews || {};
    state = mergeStates(state, incoming);
    if (!Store.save(state)) {
      say("transfer", "Import failed: the records could not be saved in this browser. " +
        storeProblemText(Store.currentProblem()), true);
      return;
    }
    var completeCount = ids.filter(function (id) { return imported[id].status === "complete"; }).length;
    var message = "Imported " + plural(ids.length, "lesson record") + " (" + completeCount + " complete).";
    var same = ids.length - changed.length;
    if (same) message += " " + (same === 1 ? "1 was" : same + " were") + " already as far along in this browser.";
    var skipped = skippedText(parsed);
    if (skipped) message += " Skipped " + skipped + ".";
    say("transfer", message);
  }).catch(function () {
    input.value = "";
    say("transfer", "Import failed: the file could not be read.", true);
  });
}

addView({ mount: mount, render: render });
