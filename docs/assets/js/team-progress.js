/*
 * Team progress: a team lead loads learners' completion reports (the JSON that
 * assignments.js builds) and sees one table: a row per learner, a column per
 * assigned lesson (done, date, quiz score), plus totals and a CSV export.
 *
 * Reports come from files (several at once) or pasted text (one or more JSON
 * objects, or an array of them). Each is validated: anything malformed or
 * foreign gets a clear message naming the file and is skipped; nothing throws.
 * Reports are kept in this page's memory only (never stored, never uploaded).
 * A second report from the same learner for the same assignment replaces the first.
 *
 * Every value from a report is untrusted: validated, capped and written with
 * textContent only. The CSV export neutralises spreadsheet formulas: a cell that
 * starts with =, +, -, @, tab or carriage return gets a leading apostrophe
 * (OWASP "CSV Injection"), and cells are quoted as RFC 4180 describes.
 */
(function () {
  "use strict";

  // Loaded by the pages that need it (front matter `scripts:`, hooks/page_scripts.py,
  // which puts the tag in the page content). Material's instant navigation runs
  // that tag again on every visit to such a page; the first run's document$
  // subscription already covers it, so a repeated run does nothing.
  if (window.CourseTeamProgress) return;

  var FORMAT = "selling-as-connection/completion-report";
  var ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}\/[a-z0-9][a-z0-9-]{0,59}$/;
  var STATUSES = { complete: "Done", "in-progress": "In progress", "not-started": "Not started", unavailable: "No longer available" };
  var MAX_REPORTS = 200;
  var MAX_LESSONS = 40;
  var MAX_FILE_BYTES = 200000;

  var reports = []; // validated reports, in load order
  var course = null;

  function line(value, max) {
    return typeof value === "string"
      ? value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/\s+/g, " ").trim().slice(0, max)
      : "";
  }

  function date(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    var p = value.split("-").map(Number);
    var d = new Date(p[0], p[1] - 1, p[2]);
    return d.getFullYear() === p[0] && d.getMonth() === p[1] - 1 && d.getDate() === p[2] ? value : null;
  }

  function count(value) {
    return typeof value === "number" && isFinite(value) && value >= 0 && value <= 1000 ? Math.floor(value) : 0;
  }

  /**
   * Validate one parsed value as a completion report.
   * Returns {report} or {error: "why it was skipped"}.
   */
  function validate(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      return { error: "is not a completion report (expected a JSON object)." };
    }
    if (raw.format !== FORMAT) {
      return { error: "is not a completion report from this course (its \"format\" is missing or different)." };
    }
    if (raw.version !== 1) return { error: "is a completion report of a version this page does not know." };
    var learner = line(raw.learner, 80);
    if (!learner) return { error: "has no learner name. Ask the person to type their name and copy the report again." };
    var a = raw.assignment;
    if (!a || typeof a !== "object" || !Array.isArray(raw.lessons)) {
      return { error: "is missing its assignment or its lessons." };
    }
    if (raw.lessons.length > MAX_LESSONS) return { error: "lists more than " + MAX_LESSONS + " lessons." };
    var lessons = [];
    for (var i = 0; i < raw.lessons.length; i += 1) {
      var l = raw.lessons[i];
      if (!l || typeof l !== "object" || typeof l.id !== "string" || !ID_PATTERN.test(l.id) ||
          !Object.prototype.hasOwnProperty.call(STATUSES, l.status)) {
        return { error: "has a lesson entry (number " + (i + 1) + ") that is not valid." };
      }
      var completedAt = l.status === "complete" ? date(l.completedAt) : null;
      var correct = count(l.correct);
      var total = count(l.total);
      lessons.push({
        id: l.id,
        title: line(l.title, 200) || l.id,
        status: l.status,
        completedAt: completedAt,
        correct: Math.min(correct, total),
        total: total,
      });
    }
    return {
      report: {
        learner: learner,
        title: line(a.title, 120) || "Assignment",
        due: date(a.due),
        created: typeof raw.created === "string" && !isNaN(Date.parse(raw.created)) ? raw.created : "",
        lessons: lessons,
      },
    };
  }

  /** Split pasted text into JSON values: one value, an array, or objects one after another. */
  function splitJson(text) {
    var trimmed = text.trim();
    if (!trimmed) return [];
    try {
      var whole = JSON.parse(trimmed);
      return [{ value: Array.isArray(whole) ? whole : [whole] }];
    } catch (e) {
      /* fall through: several objects pasted one after another */
    }
    var chunks = [];
    var stray = ""; // text outside every {...}: reported, never silently dropped
    var depth = 0;
    var start = -1;
    var inString = false;
    var escaped = false;
    for (var i = 0; i < trimmed.length; i += 1) {
      var c = trimmed[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === "\"") inString = false;
        continue;
      }
      if (c === "\"") {
        inString = true;
        if (depth === 0) stray += c;
      } else if (c === "{") {
        if (depth === 0) start = i;
        depth += 1;
      } else if (c === "}" && depth > 0) {
        depth -= 1;
        if (depth === 0) chunks.push(trimmed.slice(start, i + 1));
      } else if (depth === 0 && !/[\s,\[\]]/.test(c)) {
        stray += c;
      }
    }
    if (!chunks.length) return [{ error: "is not valid JSON." }];
    var parts = chunks.map(function (chunk) {
      try {
        return { value: [JSON.parse(chunk)] };
      } catch (e) {
        return { error: "is not valid JSON." };
      }
    });
    if (depth > 0) parts.push({ error: "ends with a report that is cut off (not valid JSON)." });
    if (stray) parts.push({ error: "has text between the reports that is not JSON (\u201c" + line(stray, 30) + "\u201d)." });
    return parts;
  }

  function add(source, text, messages) {
    splitJson(text).forEach(function (part, partIndex, parts) {
      var label = parts.length > 1 ? source + " (part " + (partIndex + 1) + ")" : source;
      if (part.error) {
        messages.push({ ok: false, text: label + " " + part.error + " It was skipped." });
        return;
      }
      part.value.forEach(function (raw, i) {
        var name = part.value.length > 1 ? label + " (report " + (i + 1) + ")" : label;
        var result = validate(raw);
        if (result.error) {
          messages.push({ ok: false, text: name + " " + result.error + " It was skipped." });
          return;
        }
        if (reports.length >= MAX_REPORTS) {
          messages.push({ ok: false, text: name + " was skipped: this page holds at most " + MAX_REPORTS + " reports." });
          return;
        }
        var r = result.report;
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
          titles[l.id] = known && typeof known.title === "string" ? line(known.title, 200) : l.title;
        }
      });
    });
    return ids.map(function (id) { return { id: id, title: titles[id] }; });
  }

  function cellText(entry) {
    if (!entry) return "Not assigned";
    var text = STATUSES[entry.status];
    if (entry.status === "complete" && entry.completedAt) text += " " + entry.completedAt;
    if (entry.total && (entry.status === "complete" || entry.status === "in-progress")) {
      text += " · " + entry.correct + "/" + entry.total;
    }
    return text;
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
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

  /** CSV cell: formula-looking text gets a leading apostrophe; quoted per RFC 4180. */
  function csvCell(value) {
    var text = String(value === null || value === undefined ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) || text !== text.trim() ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
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
        cells.push(entry ? STATUSES[entry.status] : "Not assigned",
          entry && entry.completedAt ? entry.completedAt : "",
          entry && entry.total ? entry.correct + " of " + entry.total : "");
      });
      // "2 of 3", never "2/3": spreadsheets read a slash as a date.
      cells.push(row.done + " of " + row.assigned);
      lines.push(cells);
    });
    return lines.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  var csvUrl = null;

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
    head.appendChild(el("th", "Learner", { scope: "col" }));
    data.cols.forEach(function (c) { head.appendChild(el("th", c.title, { scope: "col", "data-lesson": c.id })); });
    head.appendChild(el("th", "Lessons done", { scope: "col" }));
    thead.appendChild(head);

    data.rows.forEach(function (row) {
      var tr = el("tr");
      var th = el("th", row.report.learner, { scope: "row" });
      th.appendChild(el("span", row.report.title + (row.report.due ? " · due " + row.report.due : ""), { class: "tl-team__assignment" }));
      tr.appendChild(th);
      row.cells.forEach(function (entry, i) {
        tr.appendChild(el("td", cellText(entry), {
          "data-lesson": data.cols[i].id,
          "data-status": entry ? entry.status : "not-assigned",
        }));
      });
      tr.appendChild(el("td", row.done + " of " + row.assigned));
      tbody.appendChild(tr);
    });

    var foot = el("tr");
    foot.appendChild(el("th", "Done", { scope: "row" }));
    data.totals.forEach(function (t) { foot.appendChild(el("td", t.done + " of " + t.assigned)); });
    var allDone = data.rows.reduce(function (s, r) { return s + r.done; }, 0);
    var allAssigned = data.rows.reduce(function (s, r) { return s + r.assigned; }, 0);
    foot.appendChild(el("td", allDone + " of " + allAssigned));
    tfoot.appendChild(foot);

    var finished = data.rows.filter(function (r) { return r.assigned && r.done === r.assigned; }).length;
    root.querySelector("[data-team-summary]").textContent =
      data.rows.length + " learner" + (data.rows.length === 1 ? "" : "s") + ", " + finished +
      " finished every assigned lesson. " + allDone + " of " + allAssigned + " assigned lessons done.";

    var link = root.querySelector("[data-team-csv]");
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = URL.createObjectURL(new Blob(["\ufeff" + toCsv(data)], { type: "text/csv;charset=utf-8" }));
    link.href = csvUrl;
    link.setAttribute("download", "team-progress-" + new Date().toISOString().slice(0, 10) + ".csv");
    output.hidden = false;
  }

  function showMessages(root, messages) {
    var box = root.querySelector("[data-team-messages]");
    box.textContent = "";
    if (!messages.length) return;
    var list = el("ul");
    messages.forEach(function (m) {
      list.appendChild(el("li", m.text, { class: m.ok ? "tl-ok" : "tl-problem", "data-ok": m.ok ? "true" : "false" }));
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
          if (r.error) messages.push({ ok: false, text: "The file \u201c" + line(r.name, 100) + "\u201d " + r.error + " It was skipped." });
          else add("The file \u201c" + line(r.name, 100) + "\u201d", r.text, messages);
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

    loadCourse().then(function (c) {
      course = c;
      if (root.isConnected) render(root);
    });
    render(root);
  }

  /** course.json (lesson titles for the column headers), or null when it cannot be loaded. */
  function loadCourse() {
    // data-site-root is written relative to this page by hooks/team_leads.py
    // (Material's __config base stays relative to the first page loaded).
    var marked = document.querySelector("[data-site-root]");
    var root = marked ? marked.getAttribute("data-site-root") || "./" : "./";
    var url = new URL("course.json", new URL(root, window.location.href));
    return fetch(url.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) { return c && typeof c === "object" && c.lessons && typeof c.lessons === "object" ? c : null; })
      .catch(function () { return null; });
  }

  function init() {
    var root = document.querySelector("[data-team-progress]");
    if (root && !root.hasAttribute("data-ready")) {
      root.setAttribute("data-ready", "");
      initTeam(root);
    }
  }

  window.CourseTeamProgress = { validate: validate, splitJson: splitJson, csvCell: csvCell };

  // Full page load: this script (in the content) runs before store.js, so it
  // starts once every deferred script has run. Instant navigation re-runs it
  // (and it returns at the top): sacEveryPage (hooks/lazy_bundle.js) calls
  // init() for every page instead; init() is idempotent (data-ready).
  window.sacEveryPage(init);
})();
