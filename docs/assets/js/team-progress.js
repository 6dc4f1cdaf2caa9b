// @ts-check
/**
 * Team progress: a team lead loads learners' completion reports (what
 * assignments.js builds, format documented at its top: the report file, its
 * JSON, or the text report, whose block holds the same JSON) and sees one
 * table: a row per learner and assignment (reports of one merge), a column per
 * lesson (done, date, quiz score), a column per module check and final
 * assessment taken (first attempt and best), totals, notes on what to check
 * (overdue first), and a CSV export.
 *
 * Loaded by the team progress page only (front matter `scripts:`,
 * hooks/page_scripts.py, as a module): it runs once per document, and
 * everyPage() (lib/site.js) calls init() for every page instant navigation
 * shows; init() is idempotent (data-ready).
 *
 * Reports come from files (several at once) or pasted text (one or more JSON
 * objects, or an array of them). xAPI statements exported from an LRS (a
 * StatementResult, an array of statements, or one statement per line:
 * lib/xapi.js) come from their own file field, with a larger cap, or from the
 * same fields as reports; each learner in them joins the table (lib/team.js
 * keepStatements: the learner's row if they have one, else a row for the whole
 * course). Reading waits for course.json (at most CATALOGUE_WAIT_MS): it says
 * which lessons are the course's. lib/report.js validates each and cleans its
 * names (lib/names.js); lib/team.js holds the rules of the table (same
 * learner, look-alike names, lessons the course does not have, the column cap,
 * the message summary); this module reads input, runs the work and draws.
 * Reports are never uploaded. They are kept in this browser (issue 18), in
 * localStorage under the site's path + ".sac:team" (lib/anatomy.js teamKey):
 *
 *   {"format": "selling-as-connection/team", "version": 1, "saved": "<ISO time>",
 *    "reports": [<completion report>, ...]}
 *
 * and read back like any report (validated, capped) when the page opens, until
 * the lead selects "Forget the table". Storage that is blocked or full leaves
 * the table for this visit only, and the page says so.
 *
 * Bounded work: a file over MAX_FILE_BYTES (MAX_STATEMENTS_BYTES in the
 * statements field), files over MAX_LOAD_BYTES together
 * or a paste over MAX_PASTE_CHARS are refused with a message (a refused paste
 * stays in its box). Reading runs in slices of SLICE_MS, yielding to the
 * browser between them (pause()), so typing, scrolling, timers and "Clear the
 * table" keep working; when it takes
 * longer than BUSY_AFTER_MS, the status line shows how far it is. While
 * reading, the root carries data-busy and the table aria-busy (busy()).
 *
 * Every value from a report is untrusted: validated, capped and written with
 * textContent only. The CSV export (lib/csv.js) quotes every field and guards
 * every place a cell could start against spreadsheet formulas (OWASP "CSV
 * Injection").
 */
import { el } from "./lib/dom.js";
import { everyPage, siteRoot } from "./lib/site.js";
import { fetchCourse, validCatalogue } from "./lib/catalogue.js";
import { cleanName } from "./lib/names.js";
import anatomy from "./lib/anatomy.js";
import { validateReport } from "./lib/report.js";
import { today } from "./lib/dates.js";
import {
  checkText, createLog, createTeam, csvRows, cellText, columnTitle, intake, keep, reportJson, rowNotes, summaryLines, tableModel,
} from "./lib/team.js";
import { csvText } from "./lib/csv.js";
import { downloadLink } from "./lib/download.js";

/** One report file at most (bytes): the largest real report is under 20 KB. */
var MAX_FILE_BYTES = 200000;
/** Files chosen at once, together (bytes). */
var MAX_LOAD_BYTES = 10000000;
/** One statements export at most (bytes): about 30,000 statements of the course's AU, 850 learners' whole course. */
var MAX_STATEMENTS_BYTES = 30000000;
/** Pasted text at once (UTF-16 units): about 200 reports of 40 lessons. */
var MAX_PASTE_CHARS = 2000000;
/** Work per slice before yielding to the browser (ms). */
var SLICE_MS = 12;
/** The progress line appears when reading takes longer than this (ms). */
var BUSY_AFTER_MS = 250;
/** How long the table waits for course.json before drawing without it (ms). */
var CATALOGUE_WAIT_MS = 5000;
/** Table rows drawn per frame. */
var ROWS_PER_FRAME = 40;
/** Where the table is kept in this browser. */
var TEAM_KEY = new URL(siteRoot()).pathname + "." + anatomy.teamKey;
var TEAM_FORMAT = "selling-as-connection/team";

/** @typedef {import("./lib/team.js").Team} Team */
/** @typedef {{source: string, text?: string, error?: string}} Input */

/** @type {Team} the reports in the table */
var team = createTeam();
/** @type {import("./lib/catalogue.js").Catalogue | null} */
var course = null;
/** Bumped by "Forget the table": work started before it stops. */
var generation = 0;
/** Bumped by every render(): a drawing in progress stops when a newer one starts. */
var drawing = 0;

/** A message channel whose messages resume the reading (see pause()). */
var channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
/** @type {Array<() => void>} */
var waiting = [];
if (channel) {
  channel.port1.onmessage = function () {
    var next = waiting.shift();
    if (next) next();
  };
}

/**
 * Yield to the browser: input, rendering and every task already queued run,
 * then we go on. A posted message goes to the back of the task queue without
 * setTimeout's 4 ms clamp; scheduler.yield() would not do: its continuation
 * runs before other queued tasks, so timers and network callbacks would wait
 * until the reading ends.
 * @returns {Promise<void>}
 */
function pause() {
  return new Promise(function (resolve) {
    if (!channel) {
      window.setTimeout(resolve, 0);
      return;
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/**
 * "1.2 MB", "300 KB" (decimal units, rounded up).
 * @param {number} n bytes
 * @returns {string}
 */
function bytes(n) {
  return n >= 1000000 ? Math.ceil(n / 100000) / 10 + " MB" : Math.ceil(n / 1000) + " KB";
}

/**
 * Read `inputs` into the team a slice at a time; resolves with the log's
 * lines, or null when "Forget the table" stopped it.
 * @param {HTMLElement} root
 * @param {Input[]} inputs
 * @param {number} gen the generation the work belongs to
 * @returns {Promise<Array<{ok: boolean, text: string}> | null>}
 */
function read(root, inputs, gen) {
  var log = createLog();
  var index = 0;
  /** @type {Generator<number, void, void> | null} */
  var steps = null;
  var fraction = 0;
  var started = performance.now();
  var shown = 0;
  return new Promise(function (resolve) {
    function slice() {
      if (gen !== generation) {
        resolve(null);
        return;
      }
      var until = performance.now() + SLICE_MS;
      while (performance.now() < until) {
        if (!steps) {
          if (index >= inputs.length) {
            resolve(log.lines());
            return;
          }
          var input = inputs[index];
          if (input.error !== undefined || input.text === undefined) {
            log.add({ kind: "skipped", source: input.source, reason: input.error || "could not be read." });
            index += 1;
            continue;
          }
          steps = intake(team, log, input.source, input.text, course);
        }
        var step;
        try {
          step = steps.next();
        } catch (e) {
          // Not expected (nothing in lib/ throws); the input is reported, not lost silently.
          log.add({ kind: "skipped", source: inputs[index].source, reason: "could not be read to the end." });
          step = { done: true, value: undefined };
        }
        if (step.done) {
          steps = null;
          fraction = 0;
          index += 1;
        } else {
          fraction = /** @type {number} */ (step.value);
        }
      }
      var now = performance.now();
      if (now - started > BUSY_AFTER_MS && now - shown > 1000) {
        shown = now;
        progress(root, (index + fraction) / inputs.length);
      }
      pause().then(slice);
    }
    slice();
  });
}

/**
 * Show how far the reading is, in the status region.
 * @param {HTMLElement} root
 * @param {number} done 0 to 1
 */
function progress(root, done) {
  var box = /** @type {HTMLElement} */ (root.querySelector("[data-team-messages]"));
  var percent = Math.min(99, Math.floor(done * 100));
  var line = box.querySelector("[data-team-reading]");
  if (!line) {
    box.textContent = "";
    line = el("p", { "data-team-reading": "" });
    box.appendChild(line);
  }
  line.textContent = "Reading the reports: " + percent + " % done. You can go on using the page.";
}

/**
 * Mark the page as reading: data-busy on the root (tests and tools/bench/team.py
 * wait for it to go), aria-busy on the table, which is about to change (not on
 * the root: that would hush the status region inside it).
 * @param {HTMLElement} root
 * @param {boolean} on
 */
function busy(root, on) {
  var output = root.querySelector("[data-team-output]");
  if (on) {
    root.setAttribute("data-busy", "");
    if (output) output.setAttribute("aria-busy", "true");
  } else {
    root.removeAttribute("data-busy");
    if (output) output.removeAttribute("aria-busy");
  }
}

/**
 * Draw the table, the summary and the CSV link from the team; resolves once
 * every row is in the page. A later render() stops an earlier one's drawing.
 * @param {HTMLElement} root
 * @returns {Promise<void>}
 */
function render(root) {
  var output = /** @type {HTMLElement} */ (root.querySelector("[data-team-output]"));
  if (!team.reports.length) {
    drawing += 1;
    output.hidden = true;
    return Promise.resolve();
  }
  var data = tableModel(team.reports, course, today());
  var table = root.querySelector("[data-team-table]");
  var thead = table.querySelector("thead");
  var tbody = table.querySelector("tbody");
  var tfoot = table.querySelector("tfoot");
  thead.textContent = "";
  tbody.textContent = "";
  tfoot.textContent = "";

  var head = el("tr");
  head.appendChild(el("th", { scope: "col" }, "Learner"));
  data.cols.forEach(function (c) {
    head.appendChild(el("th", { scope: "col", "data-lesson": c.id, "data-counted": String(c.counted) }, columnTitle(c)));
  });
  head.appendChild(el("th", { scope: "col" }, "Lessons done"));
  data.checks.forEach(function (c) {
    head.appendChild(el("th", { scope: "col", "data-assessment": c.id }, c.title));
  });
  thead.appendChild(head);

  /** @param {import("./lib/team.js").Row} row */
  function drawRow(row) {
    /** @type {Record<string, string>} */
    var marks = {};
    if (row.lookalikes.length) marks["data-lookalike"] = "true";
    if (row.overdue) marks["data-overdue"] = "true";
    var tr = el("tr", marks);
    var th = el("th", { scope: "row" }, row.report.learner);
    th.appendChild(el("span", { class: "tl-team__assignment" }, row.report.title + (row.report.due ? " · due " + row.report.due : "")));
    rowNotes(row).forEach(function (note) {
      th.appendChild(el("span", { class: "tl-team__note", "data-team-note": "" }, note));
    });
    tr.appendChild(th);
    row.cells.forEach(function (cell, i) {
      var counted = data.cols[i].counted;
      tr.appendChild(el("td", {
        "data-lesson": data.cols[i].id,
        "data-status": cell ? cell.status : "not-assigned",
        "data-counted": String(counted),
      }, cellText(cell) + (cell && !counted ? " (not counted)" : "")));
    });
    tr.appendChild(el("td", null, row.done + " of " + row.assigned));
    row.checks.forEach(function (entry, i) {
      tr.appendChild(el("td", {
        "data-assessment": data.checks[i].id,
        "data-status": !entry ? "not-started" : entry.best && entry.best.passed ? "complete" : "in-progress",
      }, checkText(entry)));
    });
    return tr;
  }
  // ROWS_PER_FRAME rows now, the rest a batch per frame: the browser lays out a
  // few dozen rows at a time instead of a 200-row table in one long task.
  var token = drawing += 1;
  var next = 0;
  function batch() {
    if (token !== drawing) return Promise.resolve();
    var rows = document.createDocumentFragment();
    data.rows.slice(next, next + ROWS_PER_FRAME).forEach(function (row) { rows.appendChild(drawRow(row)); });
    next += ROWS_PER_FRAME;
    tbody.appendChild(rows);
    return next < data.rows.length ? nextFrame().then(batch) : Promise.resolve();
  }
  var drawn = batch();

  var foot = el("tr");
  foot.appendChild(el("th", { scope: "row" }, "Done"));
  data.totals.forEach(function (t) { foot.appendChild(el("td", null, t ? t.done + " of " + t.assigned : "Not counted")); });
  var allDone = data.rows.reduce(function (s, r) { return s + r.done; }, 0);
  var allAssigned = data.rows.reduce(function (s, r) { return s + r.assigned; }, 0);
  foot.appendChild(el("td", null, allDone + " of " + allAssigned));
  data.checks.forEach(function (c, i) {
    var passed = data.rows.filter(function (r) { return r.checks[i] && r.checks[i].best && r.checks[i].best.passed; }).length;
    foot.appendChild(el("td", { "data-assessment": c.id }, passed + " passed"));
  });
  tfoot.appendChild(foot);

  root.querySelector("[data-team-summary]").textContent = summaryLines(data).join(" ");

  downloadLink(root.querySelector("[data-team-csv]"), "\ufeff" + csvText(csvRows(data)), "text/csv;charset=utf-8",
    "team-progress-" + new Date().toISOString().slice(0, 10) + ".csv");
  output.hidden = false;
  return drawn;
}

/**
 * The next frame, when the browser has laid out what came before (a timer in
 * a hidden tab, where frames do not run).
 * @returns {Promise<void>}
 */
function nextFrame() {
  return new Promise(function (resolve) {
    if (document.hidden) window.setTimeout(resolve, 0);
    else window.requestAnimationFrame(function () { resolve(); });
  });
}

/**
 * @param {HTMLElement} root
 * @param {Array<{ok: boolean, text: string}>} lines
 */
function showMessages(root, lines) {
  var box = root.querySelector("[data-team-messages]");
  box.textContent = "";
  if (!lines.length) return;
  var list = el("ul");
  lines.forEach(function (m) {
    list.appendChild(el("li", { class: m.ok ? "tl-ok" : "tl-problem", "data-ok": m.ok ? "true" : "false" }, m.text));
  });
  box.appendChild(list);
}

/**
 * @param {File} file
 * @param {string} source
 * @returns {Promise<Input>}
 */
function readFile(file, source) {
  return new Promise(function (resolve) {
    var reader = new FileReader();
    reader.onload = function () { resolve({ source: source, text: String(reader.result) }); };
    reader.onerror = function () { resolve({ source: source, error: "could not be read." }); };
    reader.readAsText(file);
  });
}

/**
 * The chosen files as inputs: each read unless it is too large, alone or with
 * the ones before it.
 * @param {File[]} list
 * @param {boolean} [statements] the files of the statements field (their own caps)
 * @returns {Promise<Input[]>}
 */
function readFiles(list, statements) {
  var total = 0;
  var most = statements ? MAX_STATEMENTS_BYTES : MAX_FILE_BYTES;
  return Promise.all(list.map(function (file) {
    var source = "the file \u201c" + (cleanName(file.name, 100) || "without a name") + "\u201d";
    if (file.size > most) {
      return {
        source: source,
        error: statements
          ? "is larger than this page reads at once (" + bytes(file.size) + "; at most " + bytes(most) + "). Export the statements " +
            "in parts (the LRS's “since” and “until” filters, or its pages: “more”) and load each file."
          : "is larger than a completion report can be (" + bytes(file.size) + "; at most " + bytes(most) + "). For an xAPI " +
            "statements export, use “xAPI statements from your LRS”.",
      };
    }
    total += file.size;
    var together = statements ? MAX_STATEMENTS_BYTES : MAX_LOAD_BYTES;
    if (total > together) {
      return { source: source, error: "was not read: the files chosen at once add up to more than " + bytes(together) + ". Choose fewer at a time." };
    }
    return readFile(file, source);
  }));
}

/**
 * The statement files chosen together as one input (the ones that could not be read
 * stay apart, with their messages).
 * @param {Input[]} inputs
 * @returns {Input[]}
 */
function oneExport(inputs) {
  var read = inputs.filter(function (i) { return i.text !== undefined && i.error === undefined; });
  if (read.length < 2) return inputs;
  var names = read.map(function (i) { return i.source.replace(/^the file /, ""); });
  var together = {
    source: "the files " + names.slice(0, -1).join(", ") + " and " + names[names.length - 1],
    text: read.map(function (i) { return i.text; }).join("\n"),
  };
  return inputs.filter(function (i) { return read.indexOf(i) === -1; }).concat([together]);
}

/**
 * Keep the table in this browser (see the header); false when it could not be.
 * @returns {boolean}
 */
function saveTeam() {
  try {
    if (!team.reports.length) {
      window.localStorage.removeItem(TEAM_KEY);
      return true;
    }
    window.localStorage.setItem(TEAM_KEY, JSON.stringify({
      format: TEAM_FORMAT, version: 1, saved: new Date().toISOString(), reports: team.reports.map(reportJson),
    }));
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * The table kept in this browser, read back like any reports; the line to say.
 * @returns {{ok: boolean, text: string} | null}
 */
function restoreTeam() {
  var text = null;
  try {
    text = window.localStorage.getItem(TEAM_KEY);
  } catch (e) {
    return null;
  }
  if (!text) return null;
  var data = null;
  try {
    data = JSON.parse(text);
  } catch (e) {
    data = null;
  }
  if (!data || data.format !== TEAM_FORMAT || data.version !== 1 || !Array.isArray(data.reports)) {
    return { ok: false, text: "The table kept in this browser could not be read, so it starts empty. Load the reports again." };
  }
  var count = 0;
  data.reports.slice(0, 1000).forEach(function (value) {
    var result = validateReport(value);
    if (result.report && keep(team, result.report, "kept").kind === "added") count += 1;
  });
  var saved = typeof data.saved === "string" && !isNaN(Date.parse(data.saved)) ? new Date(data.saved) : null;
  return count ? {
    ok: true,
    text: "The table kept in this browser: " + count + " report" + (count === 1 ? "" : "s") +
      (saved ? ", last changed " + saved.toLocaleString("en-US", { dateStyle: "long", timeStyle: "short" }) : "") + ".",
  } : null;
}

function initTeam(root) {
  var form = root.querySelector("[data-team-form]");
  var files = root.querySelector("[data-team-files]");
  var lrsFiles = root.querySelector("[data-team-statements]");
  var paste = root.querySelector("[data-team-paste]");
  /** @type {Promise<unknown>} work runs one load after another */
  var queue = Promise.resolve();
  var pending = 0;

  var catalogue = Promise.race([
    fetchCourse(siteRoot()),
    new Promise(function (resolve) { window.setTimeout(function () { resolve(null); }, CATALOGUE_WAIT_MS); }),
  ]).then(function (data) {
    // Lesson titles for the headers, and which lessons the course has; without it the reports' own.
    course = validCatalogue(data);
  });

  /**
   * Queue a load: `collect` gives the inputs (and messages of its own).
   * @param {() => Promise<{inputs: Input[], before: Array<{ok: boolean, text: string}>, done?: () => void}>} collect
   */
  function load(collect) {
    var gen = generation;
    pending += 1;
    busy(root, true);
    queue = queue.then(function () {
      if (gen !== generation) return null;
      return collect().then(function (job) {
        // The catalogue first: statements are read against the course's lessons.
        return catalogue.then(function () { return read(root, job.inputs, gen); }).then(function (lines) {
          return catalogue.then(function () {
            if (lines === null || gen !== generation) return;
            if (job.done) job.done();
            var all = job.before.concat(lines);
            if (!all.length) all.push({ ok: false, text: "Choose report files or paste a report first." });
            if (lines.length && !saveTeam()) {
              all.push({ ok: false, text: "This browser could not keep the table (its storage is full or blocked): it is " +
                "here until you leave the page. Download the CSV to keep a record." });
            }
            showMessages(root, all);
            return render(root);
          });
        });
      });
    }).catch(function () {
      // Not expected; the page stays usable and says so.
      showMessages(root, [{ ok: false, text: "Something went wrong while reading the reports. Reload the page and try again." }]);
    }).then(function () {
      pending -= 1;
      if (!pending) busy(root, false);
    });
  }

  function chosenFiles() {
    var list = Array.prototype.slice.call(files.files || []);
    files.value = "";
    return readFiles(list);
  }

  if (lrsFiles) {
    lrsFiles.addEventListener("change", function () {
      if (!lrsFiles.files || !lrsFiles.files.length) return;
      // The files chosen together are one export (an LRS's pages): read as one input, so
      // a page's statements about the course's AU count with the lessons on other pages.
      var chosen = readFiles(Array.prototype.slice.call(lrsFiles.files), true).then(oneExport);
      lrsFiles.value = "";
      load(function () {
        return chosen.then(function (inputs) { return { inputs: inputs, before: [] }; });
      });
    });
  }
  files.addEventListener("change", function () {
    if (!files.files || !files.files.length) return;
    var chosen = chosenFiles();
    load(function () {
      return chosen.then(function (inputs) { return { inputs: inputs, before: [] }; });
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = chosenFiles();
    var text = paste.value;
    /** @type {Array<{ok: boolean, text: string}>} */
    var before = [];
    /** @type {Input[]} */
    var pasted = [];
    if (text.length > MAX_PASTE_CHARS) {
      before.push({
        ok: false,
        text: "The pasted text is " + text.length.toLocaleString("en-US") + " characters long; this page reads at most " +
          MAX_PASTE_CHARS.toLocaleString("en-US") + " at once (about 200 reports). Nothing was read: paste fewer " +
          "reports at a time, or load them as files. Your text is still in the box.",
      });
    } else if (text.trim()) {
      pasted.push({ source: "the pasted text", text: text });
    }
    load(function () {
      return chosen.then(function (inputs) {
        return {
          inputs: inputs.concat(pasted),
          before: before,
          done: function () { if (pasted.length && paste.value === text) paste.value = ""; },
        };
      });
    });
  });
  root.querySelector("[data-team-clear]").addEventListener("click", function () {
    generation += 1;
    team = createTeam();
    saveTeam();
    showMessages(root, [{ ok: true, text: "The table is forgotten: no report is left on this page or in this browser." }]);
    render(root);
  });

  // The table kept from an earlier visit (instant navigation keeps the module's
  // team: read it only when this page starts empty).
  if (!team.reports.length) {
    var restored = restoreTeam();
    if (restored) showMessages(root, [restored]);
  }
  catalogue.then(function () {
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
