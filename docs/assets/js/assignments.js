/*
 * Assignments: the builder for team leads and the assignment view for learners.
 *
 * No server, no accounts: an assignment lives entirely in the fragment of its
 * link, so it never reaches a web server's logs:
 *
 *   <site>/assignment/#t=<title>&due=YYYY-MM-DD&l=<id>,<id>&n=<note>
 *
 *   t    assignment title, plain text, at most 120 characters
 *   due  due date (local calendar date), optional
 *   l    lesson ids ("module/slug", see src/course/model.py), comma-separated, at most 40
 *   n    note to the team, plain text, at most 1000 characters, optional
 *
 * Everything read from a link is untrusted: it is validated, capped, and only
 * ever written with textContent or as attribute values we build (never innerHTML).
 * Lesson ids that no longer exist are shown as "no longer available"; former
 * ids resolve through course.json's aliases (a renamed lesson keeps working).
 *
 * Completion report (JSON), what the learner sends back and team-progress.js reads:
 *
 *   { "format": "selling-as-connection/completion-report", "version": 1,
 *     "learner": "Dana", "created": "2026-11-29T10:00:00.000Z",
 *     "assignment": { "title": "...", "due": "2026-12-04" | null, "lessons": [id, ...] },
 *     "lessons": [ { "id": id, "title": "...", "status": "complete" | "in-progress" |
 *                    "not-started" | "unavailable", "completedAt": "2026-11-30" | null,
 *                    "correct": 2, "total": 3 } ],
 *     "summary": { "complete": 1, "total": 2 } }
 *
 * Progress is read through window.CourseStore (store.js) only. The calendar file
 * follows RFC 5545 (CRLF line ends, lines folded at 75 octets, TEXT escaping,
 * all-day event: DTSTART;VALUE=DATE and DTEND the next day, 3.6.1).
 */
(function () {
  "use strict";

  // Loaded by the pages that need it (front matter `scripts:`, hooks/page_scripts.py,
  // which puts the tag in the page content). Material's instant navigation runs
  // that tag again on every visit to such a page; the first run's document$
  // subscription already covers it, so a repeated run does nothing.
  if (window.CourseAssignments) return;

  // hash: the longest link the builder can make (1000 non-ASCII note characters are
  // up to 9000 characters once percent-encoded, plus title and 40 ids), with room.
  var LIMITS = { title: 120, note: 1000, lessons: 40, hash: 16000, name: 80 };
  var ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}\/[a-z0-9][a-z0-9-]{0,59}$/;
  var REPORT_FORMAT = "selling-as-connection/completion-report";

  // ---------------------------------------------------------------- helpers

  /**
   * Absolute URL of the site root, ending in "/". Read from the page's own
   * data-site-root (written by hooks/team_leads.py relative to that page), because
   * Material's __config base is relative to the first page loaded and instant
   * navigation does not update it.
   */
  function siteBase() {
    var marked = document.querySelector("[data-site-root]");
    if (marked) return new URL(marked.getAttribute("data-site-root") || "./", window.location.href);
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (e) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  var catalogue = null;
  /** Promise of course.json (cached); resolves to null when it cannot be loaded. */
  function loadCourse() {
    if (!catalogue) {
      catalogue = fetch(new URL("course.json", siteBase()).href, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .catch(function () {
          catalogue = null;
          return null;
        });
    }
    return catalogue;
  }

  /** Plain single-line text: no control characters, collapsed spaces, capped. */
  function cleanLine(value, max) {
    if (typeof value !== "string") return "";
    return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
      .replace(/\s+/g, " ").trim().slice(0, max);
  }

  /** Plain multi-line text: keeps line breaks, drops other control characters. */
  function cleanText(value, max) {
    if (typeof value !== "string") return "";
    return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ")
      .replace(/\n{3,}/g, "\n\n").trim().slice(0, max);
  }

  /** "YYYY-MM-DD" of a real calendar date between 2000 and 2100, else null. */
  function cleanDue(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    var parts = value.split("-").map(Number);
    var d = new Date(parts[0], parts[1] - 1, parts[2]);
    if (d.getFullYear() !== parts[0] || d.getMonth() !== parts[1] - 1 || d.getDate() !== parts[2]) {
      return null;
    }
    return parts[0] >= 2000 && parts[0] <= 2100 ? value : null;
  }

  function localDate(value) {
    var p = value.split("-").map(Number);
    return new Date(p[0], p[1] - 1, p[2]);
  }

  function longDate(value) {
    return localDate(value).toLocaleDateString("en-US", {
      weekday: "long", year: "numeric", month: "long", day: "numeric",
    });
  }

  /** Whole days from today (local) until the due date; negative when overdue. */
  function daysLeft(due) {
    var now = new Date();
    var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((localDate(due) - today) / 86400000);
  }

  function dueText(due) {
    if (!due) return "No due date";
    var days = daysLeft(due);
    var when = "Due " + longDate(due);
    if (days === 0) return when + ": due today";
    if (days === 1) return when + ": 1 day left";
    if (days > 1) return when + ": " + days + " days left";
    if (days === -1) return when + ": 1 day overdue";
    return when + ": " + -days + " days overdue";
  }

  /**
   * Read an assignment from a link fragment ("#t=...&due=...").
   * Returns {title, due, note, ids, rejected}; `rejected` counts entries that
   * were not valid lesson ids or exceeded the cap (shown to the learner).
   */
  function parseAssignment(hash) {
    var text = typeof hash === "string" ? hash.replace(/^#/, "").slice(0, LIMITS.hash) : "";
    var params;
    try {
      params = new URLSearchParams(text);
    } catch (e) {
      params = new URLSearchParams("");
    }
    var ids = [];
    var rejected = 0;
    (params.get("l") || "").split(",").forEach(function (raw) {
      var id = raw.trim();
      if (!id) return;
      if (!ID_PATTERN.test(id) || ids.length >= LIMITS.lessons) {
        rejected += 1;
      } else if (ids.indexOf(id) === -1) {
        ids.push(id);
      }
    });
    var rawDue = params.get("due");
    var due = cleanDue(rawDue);
    return {
      title: cleanLine(params.get("t") || "", LIMITS.title),
      due: due,
      badDue: !!rawDue && !due,
      note: cleanText(params.get("n") || "", LIMITS.note),
      ids: ids,
      rejected: rejected,
    };
  }

  /** The full URL of an assignment page for these values. */
  function assignmentUrl(a) {
    var params = new URLSearchParams();
    params.set("t", cleanLine(a.title, LIMITS.title));
    if (cleanDue(a.due)) params.set("due", a.due);
    params.set("l", a.ids.filter(function (id) { return ID_PATTERN.test(id); })
      .slice(0, LIMITS.lessons).join(","));
    var note = cleanText(a.note || "", LIMITS.note);
    if (note) params.set("n", note);
    var url = new URL("assignment/", siteBase());
    url.hash = params.toString();
    return url.href;
  }

  // ------------------------------------------------------------ iCalendar

  /** RFC 5545 3.3.11 TEXT escaping: backslash, semicolon, comma, newline. */
  function icsEscape(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  /**
   * RFC 5545 3.1: fold a content line so no line exceeds 75 octets (UTF-8),
   * never splitting a character; continuation lines start with one space.
   */
  function icsFold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var octets = 0;
    var limit = 75;
    Array.from(line).forEach(function (ch) {
      var size = encoder.encode(ch).length;
      if (octets + size > limit) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function icsDate(value) {
    return value.replace(/-/g, "");
  }

  function icsStamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    (window.crypto || {}).getRandomValues
      ? window.crypto.getRandomValues(bytes)
      : bytes.forEach(function (_, i) { bytes[i] = Math.floor(Math.random() * 256); });
    return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /**
   * A VCALENDAR with one all-day VEVENT on the due date.
   * a: {title, due ("YYYY-MM-DD"), url, lessons: [{title, duration}]}; returns CRLF text.
   */
  function buildIcs(a, now) {
    var next = localDate(a.due);
    next.setDate(next.getDate() + 1);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var end = next.getFullYear() + pad(next.getMonth() + 1) + pad(next.getDate());
    var description = "Lessons:\n" + a.lessons.map(function (l, i) {
      return (i + 1) + ". " + l.title + " (" + l.duration + " min)";
    }).join("\n") + "\n\nOpen the assignment: " + a.url;
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Selling as Connection//Assignment builder//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + randomId() + "@selling-as-connection.invalid",
      "DTSTAMP:" + icsStamp(now || new Date()),
      "DTSTART;VALUE=DATE:" + icsDate(a.due),
      "DTEND;VALUE=DATE:" + end,
      "SUMMARY:" + icsEscape("Due: " + a.title),
      "DESCRIPTION:" + icsEscape(description),
      "URL:" + a.url,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  // -------------------------------------------------------- shared widgets

  function status(root, text) {
    var el = root.querySelector("[data-assignment-status]");
    if (el) {
      el.textContent = "";
      window.setTimeout(function () { el.textContent = text; }, 50);
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

  function bindCopy(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target) return;
        var text = "value" in target && target.tagName !== "PRE" ? target.value : target.textContent;
        copyText(text).then(
          function () { status(root, "Copied to the clipboard."); },
          function () {
            if (target.select) target.select();
            status(root, "Could not copy automatically. The text is selected: press Ctrl+C or Cmd+C.");
          }
        );
      });
    });
  }

  var objectUrls = [];
  function downloadLink(anchor, text, type, filename) {
    objectUrls.forEach(function (u) {
      if (u.anchor === anchor) URL.revokeObjectURL(u.url);
    });
    objectUrls = objectUrls.filter(function (u) { return u.anchor !== anchor; });
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    objectUrls.push({ anchor: anchor, url: url });
    anchor.href = url;
    anchor.setAttribute("download", filename);
  }

  function slug(text) {
    return (text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50)) ||
      "assignment";
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
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
      errors.appendChild(el("p", "There is no learning path with the id given in the address, so nothing was ticked. Choose a path or lessons below."));
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
        errors.appendChild(el("p", "Please fix " + (problems.length === 1 ? "this" : "these") + " before you create the link:"));
        var list = el("ul");
        problems.forEach(function (p) {
          var item = el("li");
          var target = p[0] && document.getElementById(p[0]);
          if (target) {
            if (p[0] !== "" && p[0].indexOf("lesson-") !== 0) target.setAttribute("aria-invalid", "true");
            var link = el("a", p[1], { href: "#" + p[0] });
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
      var url = assignmentUrl({ title: title, due: due, note: note, ids: lessons.map(function (l) { return l.id; }) });
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
        "When you are done, type your name at the bottom of that page, copy your completion report and send it back to me.",
      ]);
      result.querySelector("[data-assignment-message]").value = message.join("\n");
      downloadLink(result.querySelector("[data-assignment-ics]"), buildIcs(a), "text/calendar;charset=utf-8",
        slug(a.title) + ".ics");

      var checklist = result.querySelector("[data-assignment-checklist]");
      checklist.textContent = "";
      checklist.appendChild(el("p", a.title, { class: "tl-checklist__title" }));
      checklist.appendChild(el("p", "Due " + longDate(a.due) + " · " + a.lessons.length + " lessons · " + a.minutes + " min"));
      var list = el("ul", null, { class: "tl-checklist__items" });
      a.lessons.forEach(function (l) {
        list.appendChild(el("li", l.title + " (" + l.duration + " min)"));
      });
      checklist.appendChild(list);
      if (a.note) checklist.appendChild(el("p", a.note, { class: "tl-note" }));
      checklist.appendChild(el("p", "Name: ______________________", { class: "tl-checklist__name" }));

      result.hidden = false;
      var heading = result.querySelector("#assignment-result-heading");
      if (heading) heading.focus();
    }

    var print = result.querySelector("[data-print-checklist]");
    print.addEventListener("click", function () {
      var html = document.documentElement;
      html.classList.add("tl-print-checklist");
      var done = function () {
        html.classList.remove("tl-print-checklist");
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
      window.setTimeout(done, 1000);
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
        url: info ? new URL(info.url, siteBase()).href : null,
        duration: info && typeof info.duration === "number" ? info.duration : 0,
      };
    }).filter(Boolean);
  }

  function lessonState(item) {
    var store = window.CourseStore;
    if (!item.available) {
      return { id: item.id, title: item.title || item.id, status: "unavailable", completedAt: null, correct: 0, total: 0 };
    }
    var record = store ? store.lesson(item.id) : null;
    return {
      id: item.id,
      title: item.title,
      status: record ? record.status : "not-started",
      completedAt: record && record.completedAt ? record.completedAt : null,
      correct: record ? record.correct : 0,
      total: record ? record.total : 0,
    };
  }

  var STATUS_TEXT = {
    "not-started": "Not started",
    "in-progress": "In progress",
    complete: "Done",
    unavailable: "No longer available",
  };

  function scoreText(s) {
    return s.total ? s.correct + " of " + s.total + " quiz questions right" : "no quiz score yet";
  }

  function buildReport(assignment, states, learner) {
    var complete = states.filter(function (s) { return s.status === "complete"; }).length;
    var json = {
      format: REPORT_FORMAT,
      version: 1,
      learner: learner,
      created: new Date().toISOString(),
      assignment: { title: assignment.title, due: assignment.due, lessons: states.map(function (s) { return s.id; }) },
      lessons: states.map(function (s) {
        return { id: s.id, title: s.title, status: s.status, completedAt: s.completedAt, correct: s.correct, total: s.total };
      }),
      summary: { complete: complete, total: states.length },
    };
    var lines = [
      "Completion report: " + (assignment.title || "Assignment"),
      "Learner: " + (learner || "(type your name above)"),
      "Due: " + (assignment.due || "no due date"),
      "Done: " + complete + " of " + states.length + " lessons",
      "",
    ];
    states.forEach(function (s, i) {
      var line = (i + 1) + ". " + s.title + ": ";
      if (s.status === "complete") line += "done on " + s.completedAt + ", " + scoreText(s);
      else if (s.status === "in-progress") line += "in progress, " + scoreText(s);
      else if (s.status === "unavailable") line += "no longer available in the course";
      else line += "not started";
      lines.push(line);
    });
    lines.push("", "Created " + new Date().toISOString().slice(0, 10) + " with Selling as Connection.");
    return { text: lines.join("\n"), json: json };
  }

  var viewCleanup = null;

  // The last assignment opened in this browser, so "Your assignment" in the
  // navigation (no fragment) shows it again. Only the fragment is kept, and it
  // is parsed and validated again like any link.
  var LAST_KEY = "sac:assignment:last:v1";

  function rememberAssignment(hash) {
    try {
      window.localStorage.setItem(LAST_KEY, hash.slice(0, LIMITS.hash));
    } catch (e) {
      /* storage unavailable: nothing to remember */
    }
  }

  function lastAssignment() {
    try {
      var value = window.localStorage.getItem(LAST_KEY);
      return typeof value === "string" ? value : "";
    } catch (e) {
      return "";
    }
  }

  function hasAssignment(a) {
    return a.ids.length > 0 || !!a.title;
  }

  function initView(view) {
    var body = view.querySelector("[data-assignment-body]");
    var empty = view.querySelector("[data-assignment-empty]");
    var hash = window.location.hash;
    var assignment = parseAssignment(hash);
    if (hasAssignment(assignment)) {
      rememberAssignment(hash.replace(/^#/, ""));
    } else {
      var last = lastAssignment();
      assignment = parseAssignment(last);
      if (hasAssignment(assignment) && window.history && window.history.replaceState) {
        window.history.replaceState(window.history.state, "", "#" + last);
      }
    }
    if (!hasAssignment(assignment)) {
      empty.textContent = "No assignment is open. Open the link your team lead sent you; this page then shows your lessons, the due date and your completion report. Until then, browse the lessons from the course home page.";
      body.hidden = true;
      return;
    }
    loadCourse().then(function (course) {
      if (!view.isConnected) return;
      var items = resolveLessons(assignment.ids, course);
      body.hidden = false;
      empty.hidden = true;
      view.querySelector("[data-assignment-title]").textContent = assignment.title || "Assignment";
      view.querySelector("[data-assignment-due]").textContent =
        assignment.badDue ? "The due date in this link is not a valid date." : dueText(assignment.due);
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
      var store = window.CourseStore;
      if (store && !nameInput.value) nameInput.value = store.load().learner.name || "";

      function render() {
        var states = items.map(lessonState);
        var list = view.querySelector("[data-assignment-lessons]");
        list.textContent = "";
        items.forEach(function (item, i) {
          var s = states[i];
          var li = el("li", null, { "data-state": s.status });
          if (item.available) {
            var a = el("a", item.title, { href: item.url, "data-lesson": item.id, "data-status": s.status });
            li.appendChild(a);
            li.appendChild(document.createTextNode(" · " + item.duration + " min · "));
          } else {
            li.appendChild(el("span", "Lesson \u201c" + item.requested + "\u201d", { "data-lesson": item.requested, "data-status": "unavailable" }));
            li.appendChild(document.createTextNode(" · "));
          }
          var label = STATUS_TEXT[s.status];
          if (s.status === "complete") label += " on " + s.completedAt;
          li.appendChild(el("span", label, { class: "tl-state tl-state--" + s.status }));
          list.appendChild(li);
        });
        var countable = states.filter(function (s) { return s.status !== "unavailable"; });
        var done = countable.filter(function (s) { return s.status === "complete"; }).length;
        var progress = view.querySelector("[data-assignment-progress]");
        progress.max = Math.max(countable.length, 1);
        progress.value = done;
        view.querySelector("[data-assignment-progress-text]").textContent =
          done + " of " + countable.length + " lesson" + (countable.length === 1 ? "" : "s") + " done";

        var learner = cleanLine(nameInput.value, LIMITS.name);
        var report = buildReport(assignment, states, learner);
        view.querySelector("[data-report-text]").textContent = report.text;
        var jsonText = JSON.stringify(report.json, null, 2);
        view.querySelector("[data-report-json]").textContent = jsonText;
        downloadLink(view.querySelector("[data-report-download]"), jsonText + "\n", "application/json",
          "completion-report-" + slug(learner || "learner") + "-" + slug(assignment.title) + ".json");
      }

      nameInput.addEventListener("input", function () {
        if (store) store.setLearnerName(nameInput.value);
        render();
      });
      render();
      var unsubscribe = store ? store.subscribe(render) : function () {};
      viewCleanup = function () {
        unsubscribe();
      };
    });
    bindCopy(view);
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
    var fresh = view.cloneNode(true);
    fresh.removeAttribute("data-ready");
    view.parentNode.replaceChild(fresh, view);
    init();
  });

  window.CourseAssignments = {
    LIMITS: LIMITS,
    REPORT_FORMAT: REPORT_FORMAT,
    parseAssignment: parseAssignment,
    assignmentUrl: assignmentUrl,
    buildIcs: buildIcs,
    icsFold: icsFold,
    icsEscape: icsEscape,
    cleanDue: cleanDue,
    loadCourse: loadCourse,
    siteBase: siteBase,
  };

  // Full page load: this script (in the content) runs before store.js, so it
  // starts once every deferred script has run. Instant navigation re-runs it
  // (and it returns at the top): sacEveryPage (hooks/lazy_bundle.js) calls
  // init() for every page instead; init() is idempotent (data-ready).
  window.sacEveryPage(init);
})();
