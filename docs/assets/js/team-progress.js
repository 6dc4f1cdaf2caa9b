// @ts-check
/**
 * Team progress: a team lead loads learners' completion reports (the JSON that
 * assignments.js builds, format documented at its top) and sees one table: a
 * row per learner, a column per assigned lesson (done, date, quiz score), plus
 * totals and a CSV export.
 *
 * Loaded by the team progress page only (front matter `scripts:`,
 * hooks/page_scripts.py, as a module): it runs once per document, and
 * everyPage() (lib/site.js) calls init() for every page instant navigation
 * shows; init() is idempotent (data-ready).
 *
 * Reports come from files (several at once) or pasted text (one or more JSON
 * objects, or an array of them). Each is validated (lib/report.js): anything
 * malformed or foreign gets a clear message naming the file and is skipped;
 * nothing throws. Reports are kept in this page's memory only (never stored,
 * never uploaded). A second report from the same learner for the same
 * assignment replaces the first.
 *
 * Every value from a report is untrusted: validated, capped and written with
 * textContent only. The CSV export (lib/csv.js) neutralises spreadsheet
 * formulas: a cell that starts with =, +, - or an at sign (or a tab or
 * carriage return) gets a leading apostrophe (OWASP "CSV Injection"), and cells are quoted as RFC 4180
 * describes.
 */
import { el } from "./lib/dom.js";
import { everyPage, siteRoot } from "./lib/site.js";
import { fetchCourse } from "./lib/catalogue.js";
import { cleanLine } from "./lib/text.js";
import { STATUS_TEXT, splitJson, validateReport } from "./lib/report.js";
import { csvText } from "./lib/csv.js";
import { downloadLink } from "./lib/download.js";

/** @typedef {import("./lib/report.js").Report & {key: string}} KeptReport */
/** @typedef {{ok: boolean, text: string}} Message */

var MAX_REPORTS = 200;
var MAX_FILE_BYTES = 200000;

/** @type {KeptReport[]} validated reports, in load order */
var reports = [];
/** @type {any} course.json (lesson titles), or null */
var course = null;

function add(source, text, messages) {
  splitJson(text).forEach(function (part, partIndex, parts) {
    var label = parts.length > 1 ? source + " (part " + (partIndex + 1) + ")" : source;
    if (part.error) {
      messages.push({ ok: false, text: label + " " + part.error + " It was skipped." });
      return;
    }
    part.value.forEach(function (raw, i) {
      var name = part.value.length > 1 ? label + " (report " + (i + 1) + ")" : label;
      var result = validateReport(raw);
      if (result.error) {
        messages.push({ ok: false, text: name + " " + result.error + " It was skipped." });
        return;
      }
      if (reports.length >= MAX_REPORTS) {
        messages.push({ ok: false, text: name + " was skipped: this page holds at most " + MAX_REPORTS + " reports." });
        return;
      }
      var r = /** @type {KeptReport} */ (result.report);
      var key = r.learner.toLowerCase() + "\u0000" + r.title.toLowerCase();
      var existing = reports.findIndex(function (x) { return x.key === key; });
      r.key = key;
      if (existing !== -1) {
        reports[existing] = r;
        messages.push({ ok: true, text: name + ": replaced the earlier report from " + r.learner + "." });
      } else {
        reports.push(r);
        messages.push({ ok: true, text: name + ": added the report from " + r.learner + "." });
      }
    });
  });
}

function columns() {
  var ids = [];
  var titles = {};
  reports.forEach(function (r) {
    r.lessons.forEach(function (l) {
      if (ids.indexOf(l.id) === -1) {
        ids.push(l.id);
        var known = course && course.lessons && Object.prototype.hasOwnProperty.call(course.lessons, l.id) && course.lessons[l.id];
        titles[l.id] = known && typeof known.title === "string" ? cleanLine(known.title, 200) : l.title;
      }
    });
  });
  return ids.map(function (id) { return { id: id, title: titles[id] }; });
}

function cellText(entry) {
  if (!entry) return "Not assigned";
  var text = STATUS_TEXT[entry.status];
  if (entry.status === "complete" && entry.completedAt) text += " " + entry.completedAt;
  if (entry.total && (entry.status === "complete" || entry.status === "in-progress")) {
    text += " · " + entry.correct + "/" + entry.total;
  }
  return text;
}

function tableData() {
  var cols = columns();
  var rows = reports.map(function (r) {
    var byId = {};
    r.lessons.forEach(function (l) { byId[l.id] = l; });
    var assigned = r.lessons.filter(function (l) { return l.status !== "unavailable"; });
    var done = assigned.filter(function (l) { return l.status === "complete"; }).length;
    return { report: r, cells: cols.map(function (c) { return byId[c.id] || null; }), done: done, assigned: assigned.length };
  });
  var totals = cols.map(function (c, i) {
    var assigned = rows.filter(function (row) { return row.cells[i] && row.cells[i].status !== "unavailable"; }).length;
    var done = rows.filter(function (row) { return row.cells[i] && row.cells[i].status === "complete"; }).length;
    return { done: done, assigned: assigned };
  });
  return { cols: cols, rows: rows, totals: totals };
}

function toCsv(data) {
  var header = ["Learner", "Assignment", "Due"];
  data.cols.forEach(function (c) {
    header.push(c.title + " (status)", c.title + " (date)", c.title + " (score)");
  });
  header.push("Lessons done");
  var lines = [header];
  data.rows.forEach(function (row) {
    var cells = [row.report.learner, row.report.title, row.report.due || ""];
    row.cells.forEach(function (entry) {
      cells.push(entry ? STATUS_TEXT[entry.status] : "Not assigned",
        entry && entry.completedAt ? entry.completedAt : "",
        entry && entry.total ? entry.correct + " of " + entry.total : "");
    });
    // "2 of 3", never "2/3": spreadsheets read a slash as a date.
    cells.push(row.done + " of " + row.assigned);
    lines.push(cells);
  });
  return csvText(lines);
}

function render(root) {
  var output = root.querySelector("[data-team-output]");
  if (!reports.length) {
    output.hidden = true;
    return;
  }
  var data = tableData();
  var table = root.querySelector("[data-team-table]");
  var thead = table.querySelector("thead");
  var tbody = table.querySelector("tbody");
  var tfoot = table.querySelector("tfoot");
  thead.textContent = "";
  tbody.textContent = "";
  tfoot.textContent = "";

  var head = el("tr");
  head.appendChild(el("th", { scope: "col" }, "Learner"));
  data.cols.forEach(function (c) { head.appendChild(el("th", { scope: "col", "data-lesson": c.id }, c.title)); });
  head.appendChild(el("th", { scope: "col" }, "Lessons done"));
  thead.appendChild(head);

  data.rows.forEach(function (row) {
    var tr = el("tr");
    var th = el("th", { scope: "row" }, row.report.learner);
    th.appendChild(el("span", { class: "tl-team__assignment" }, row.report.title + (row.report.due ? " · due " + row.report.due : "")));
    tr.appendChild(th);
    row.cells.forEach(function (entry, i) {
      tr.appendChild(el("td", {
        "data-lesson": data.cols[i].id,
        "data-status": entry ? entry.status : "not-assigned",
      }, cellText(entry)));
    });
    tr.appendChild(el("td", null, row.done + " of " + row.assigned));
    tbody.appendChild(tr);
  });

  var foot = el("tr");
  foot.appendChild(el("th", { scope: "row" }, "Done"));
  data.totals.forEach(function (t) { foot.appendChild(el("td", null, t.done + " of " + t.assigned)); });
  var allDone = data.rows.reduce(function (s, r) { return s + r.done; }, 0);
  var allAssigned = data.rows.reduce(function (s, r) { return s + r.assigned; }, 0);
  foot.appendChild(el("td", null, allDone + " of " + allAssigned));
  tfoot.appendChild(foot);

  var finished = data.rows.filter(function (r) { return r.assigned && r.done === r.assigned; }).length;
  root.querySelector("[data-team-summary]").textContent =
    data.rows.length + " learner" + (data.rows.length === 1 ? "" : "s") + ", " + finished +
    " finished every assigned lesson. " + allDone + " of " + allAssigned + " assigned lessons done.";

  downloadLink(root.querySelector("[data-team-csv]"), "\ufeff" + toCsv(data), "text/csv;charset=utf-8",
    "team-progress-" + new Date().toISOString().slice(0, 10) + ".csv");
  output.hidden = false;
}

function showMessages(root, messages) {
  var box = root.querySelector("[data-team-messages]");
  box.textContent = "";
  if (!messages.length) return;
  var list = el("ul");
  messages.forEach(function (m) {
    list.appendChild(el("li", { class: m.ok ? "tl-ok" : "tl-problem", "data-ok": m.ok ? "true" : "false" }, m.text));
  });
  box.appendChild(list);
}

function readFile(file) {
  return new Promise(function (resolve) {
    if (file.size > MAX_FILE_BYTES) {
      resolve({ name: file.name, error: "is larger than a completion report can be." });
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { resolve({ name: file.name, text: String(reader.result) }); };
    reader.onerror = function () { resolve({ name: file.name, error: "could not be read." }); };
    reader.readAsText(file);
  });
}

function initTeam(root) {
  var form = root.querySelector("[data-team-form]");
  var files = root.querySelector("[data-team-files]");
  var paste = root.querySelector("[data-team-paste]");

  function addFiles() {
    var list = Array.prototype.slice.call(files.files || []);
    if (!list.length) return Promise.resolve([]);
    return Promise.all(list.map(readFile)).then(function (results) {
      var messages = [];
      results.forEach(function (r) {
        if (r.error) messages.push({ ok: false, text: "The file \u201c" + cleanLine(r.name, 100) + "\u201d " + r.error + " It was skipped." });
        else add("The file \u201c" + cleanLine(r.name, 100) + "\u201d", r.text, messages);
      });
      files.value = "";
      return messages;
    });
  }

  function finish(messages) {
    showMessages(root, messages);
    render(root);
  }

  files.addEventListener("change", function () {
    addFiles().then(finish);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    addFiles().then(function (messages) {
      if (paste.value.trim()) {
        add("The pasted text", paste.value.slice(0, MAX_FILE_BYTES * 5), messages);
        paste.value = "";
      }
      if (!messages.length) messages.push({ ok: false, text: "Choose report files or paste a report first." });
      finish(messages);
    });
  });
  root.querySelector("[data-team-clear]").addEventListener("click", function () {
    reports = [];
    finish([{ ok: true, text: "The table is cleared." }]);
  });

  fetchCourse(siteRoot()).then(function (data) {
    // Lesson titles for the column headers; without them the reports' own titles.
    course = data && typeof data.lessons === "object" && data.lessons ? data : null;
    if (root.isConnected) render(root);
  });
  render(root);
}

function init() {
  var root = document.querySelector("[data-team-progress]");
  if (root && !root.hasAttribute("data-ready")) {
    root.setAttribute("data-ready", "");
    initTeam(root);
  }
}

// Full page load: every module has run once the page is parsed; instant
// navigation brings the page back without running this module again:
// everyPage (lib/site.js, hooks/lazy_bundle.js) calls init() for every page.
everyPage(init);
