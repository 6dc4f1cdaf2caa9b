/*
 * CourseStore: the learner's progress, kept only in this browser.
 *
 * One localStorage entry, KEY below, holding JSON of this shape (version 1):
 *
 *   {
 *     "version": 1,
 *     "lessons": {
 *       "<lesson id>": {                     // id = "<module>/<slug>", see src/course/model.py
 *         "status": "in-progress" | "complete",
 *         "answered": 0,                      // quizzes answered on the lesson page
 *         "correct": 0,                       // of those, answered correctly
 *         "total": 0,                         // quizzes on the lesson page
 *         "completedAt": "2026-11-29",        // local date the lesson became complete
 *         "updatedAt": "2026-11-29T10:00:00.000Z"
 *       }
 *     },
 *     "learner": { "name": "" }             // typed for certificates and reports
 *   }
 *
 * "not-started" is never stored: a lesson without a record has not been started.
 * Every stored value is untrusted: load() validates and repairs it, and drops what
 * cannot be repaired. When storage is unavailable (private mode, disabled, full)
 * the store keeps working in memory for the current page and available() says so.
 * Nothing here ever throws to the caller.
 */
(function () {
  "use strict";

  var KEY = "sac:progress:v1";
  var ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}\/[a-z0-9][a-z0-9-]{0,59}$/;
  var DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
  var MAX_NAME = 80;
  var MAX_LESSONS = 500;
  var STATUSES = { "in-progress": true, complete: true };

  var memory = null; // fallback copy when localStorage fails
  var listeners = [];

  function emptyState() {
    return { version: 1, lessons: {}, learner: { name: "" } };
  }

  function storage() {
    try {
      var s = window.localStorage;
      var probe = "sac:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function cleanId(id) {
    return typeof id === "string" && ID_PATTERN.test(id) ? id : null;
  }

  function cleanCount(n) {
    return typeof n === "number" && isFinite(n) && n >= 0 && n <= 1000 ? Math.floor(n) : 0;
  }

  function cleanDate(value) {
    if (typeof value !== "string" || !DATE_PATTERN.test(value)) return null;
    var d = new Date(value + "T00:00:00");
    return isNaN(d.getTime()) ? null : value;
  }

  function cleanName(value) {
    if (typeof value !== "string") return "";
    // Strip control characters; cap the length.
    return value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, MAX_NAME);
  }

  function cleanRecord(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    if (!STATUSES[raw.status]) return null;
    var record = {
      status: raw.status,
      answered: cleanCount(raw.answered),
      correct: cleanCount(raw.correct),
      total: cleanCount(raw.total),
      completedAt: cleanDate(raw.completedAt),
      updatedAt: typeof raw.updatedAt === "string" && !isNaN(Date.parse(raw.updatedAt))
        ? new Date(raw.updatedAt).toISOString() : null,
    };
    if (record.correct > record.answered) record.correct = record.answered;
    if (record.status === "complete" && !record.completedAt) record.status = "in-progress";
    if (record.status !== "complete") record.completedAt = null;
    return record;
  }

  /** Validate any parsed value into a state object; never throws. */
  function cleanState(raw) {
    var state = emptyState();
    if (!raw || typeof raw !== "object" || raw.version !== 1) return state;
    var lessons = raw.lessons && typeof raw.lessons === "object" ? raw.lessons : {};
    var count = 0;
    Object.keys(lessons).forEach(function (id) {
      if (count >= MAX_LESSONS) return;
      var clean = cleanId(id);
      var record = clean && cleanRecord(lessons[id]);
      if (record) {
        state.lessons[clean] = record;
        count += 1;
      }
    });
    if (raw.learner && typeof raw.learner === "object") {
      state.learner.name = cleanName(raw.learner.name);
    }
    return state;
  }

  function load() {
    var s = storage();
    if (!s) return cleanState(memory || emptyState());
    try {
      var text = s.getItem(KEY);
      return text ? cleanState(JSON.parse(text)) : emptyState();
    } catch (e) {
      return emptyState(); // corrupted JSON: start fresh rather than fail
    }
  }

  /** Save a state; returns true when it reached localStorage. */
  function save(state) {
    var clean = cleanState(state);
    memory = clean;
    var s = storage();
    var ok = false;
    if (s) {
      try {
        s.setItem(KEY, JSON.stringify(clean));
        ok = true;
      } catch (e) {
        ok = false; // quota exceeded: the in-memory copy still serves this page
      }
    }
    notify(clean);
    return ok;
  }

  function notify(state) {
    listeners.slice().forEach(function (fn) {
      try {
        fn(state);
      } catch (e) {
        if (window.console) console.error(e);
      }
    });
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  window.CourseStore = {
    KEY: KEY,
    load: load,
    save: save,
    cleanState: cleanState,
    cleanId: cleanId,
    cleanName: cleanName,
    cleanDate: cleanDate,
    today: today,
    /** True when progress survives a reload (localStorage works). */
    available: function () {
      return storage() !== null;
    },
    /** The record for a lesson id, or null when not started. */
    lesson: function (id) {
      var clean = cleanId(id);
      return clean ? load().lessons[clean] || null : null;
    },
    /** "not-started" | "in-progress" | "complete" */
    status: function (id) {
      var record = this.lesson(id);
      return record ? record.status : "not-started";
    },
    /** Merge fields into a lesson's record and save; returns the new record or null. */
    updateLesson: function (id, fields) {
      var clean = cleanId(id);
      if (!clean) return null;
      var state = load();
      var record = Object.assign({}, state.lessons[clean] || { status: "in-progress" }, fields, {
        updatedAt: new Date().toISOString(),
      });
      if (record.status === "complete" && !record.completedAt) record.completedAt = today();
      state.lessons[clean] = record;
      save(state);
      return load().lessons[clean] || null;
    },
    setLearnerName: function (name) {
      var state = load();
      state.learner.name = cleanName(name);
      save(state);
      return state.learner.name;
    },
    /** Call fn(state) after every save here and every change from another tab. */
    subscribe: function (fn) {
      if (typeof fn === "function" && listeners.indexOf(fn) === -1) listeners.push(fn);
      return function () {
        var i = listeners.indexOf(fn);
        if (i !== -1) listeners.splice(i, 1);
      };
    },
    reset: function () {
      memory = emptyState();
      var s = storage();
      if (s) {
        try {
          s.removeItem(KEY);
        } catch (e) {
          /* nothing to remove */
        }
      }
      notify(emptyState());
    },
  };

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) notify(load());
  });
})();
