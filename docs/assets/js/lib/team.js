// @ts-check
/**
 * The team progress table, built from completion reports (lib/report.js) and
 * the course catalogue (lib/catalogue.js). team-progress.js reads the input,
 * runs intake() a slice at a time and draws what tableModel() returns; all the
 * rules are here, where tests/js/team.test.mjs runs them.
 *
 * Shapes:
 *
 *   Team       {reports: KeptReport[], index: Map<key, position>}: in load
 *              order, at most MAX_REPORTS (createTeam() makes an empty one)
 *   KeptReport a Report (lib/report.js) plus `key`: learner + "\0" + title,
 *              both exactly as cleanName() left them (so "dana" and "Dana"
 *              are two rows, and full-width "Ｄａｎａ" is "Dana")
 *   Log        createLog(): add(Message) many times, lines() -> [{ok, text}]
 *              with repeats summarised ("12 reports had the same problem...")
 *   Table      tableModel(): {cols, rows, totals, checked, outside, hidden,
 *              lookalikes}, see its JSDoc; csvRows() and summaryLines() read it
 *
 * The rules:
 *
 * - A second report with the same key (the same learner and assignment) is
 *   merged with the first (mergeReports): for each lesson the entry showing
 *   more progress (done > in progress > not started), the newer report's on a
 *   tie; for each module check or final assessment the earlier first attempt
 *   and the better best one. A duplicate, or an older report that adds
 *   nothing, leaves the row as it was, and the message says so. So reports
 *   sent from two devices, or sent again later, end as one row that holds all.
 * - Names that differ but share a skeleton (lib/names.js, after UTS #39) are
 *   near-duplicates: both rows stay, each with a note naming the other.
 * - Lessons the course does not have (not in course.json, not a former id in
 *   its aliases) are flagged and never counted as assigned or done. Former ids
 *   count as their current lesson.
 * - xAPI statements from an LRS (lib/xapi.js reads them; intake() finds them among the
 *   reports) give one learner's progress each (keepStatements): a learner with no row yet
 *   gets one titled STATEMENTS_TITLE that lists the whole course; a learner who already has
 *   a row from a report gets no second one: the statements are merged into that row (the
 *   last one loaded, when there are several), adding the lessons they show done and the
 *   assessments. A report loaded after the statements takes over their row the same way
 *   (keep()). So a learner who sent a report and is in the LRS export appears once.
 * - Bounded work: the columns are the course's lessons plus EXTRA_COLUMNS
 *   (without the catalogue: the most an assignment holds, plus EXTRA_COLUMNS);
 *   other lessons are summarised in the row's note, not given columns. The log
 *   keeps a few examples per kind of message, whatever the input size.
 *
 * Pure: no browser API (tests/js/ imports it).
 */
import anatomy from "./anatomy.js";
import { REPORT_FORMAT, STATUS_TEXT, assessmentText, reportParts, validateReport } from "./report.js";
import { scriptsOf, skeleton } from "./names.js";
import { cleanLine, plural } from "./text.js";
import { createStatementReader, isStatementResult, looksLikeStatement, statementsSummary } from "./xapi.js";

/** Reports one page holds. */
export const MAX_REPORTS = 200;
/** Columns for lessons the course does not have (or, without the catalogue, beyond an assignment's size). */
export const EXTRA_COLUMNS = 5;
/** A kind of message repeated more than this is one summary line. */
export const GROUP_AFTER = 3;
/** Lines the log shows at most (the kinds of message are fewer). */
export const MAX_LINES = 30;
/** The "assignment" of a row made from xAPI statements alone: the whole course. */
export const STATEMENTS_TITLE = "The whole course (LRS statements)";
/** Statements read between two yields of intake(). */
const STATEMENTS_PER_STEP = 500;

/** @typedef {import("./report.js").Report} Report */
/** @typedef {import("./report.js").ReportLesson} ReportLesson */
/** @typedef {import("./catalogue.js").Catalogue} Catalogue */
/** @typedef {Report & {key: string}} KeptReport */
/** @typedef {{reports: KeptReport[], index: Map<string, number>}} Team */

/**
 * One line about one input: `kind` is "added", "updated" (merged into the row
 * of the same learner and assignment), "same" (it added nothing to that row),
 * "full" (the table holds MAX_REPORTS), "skipped" (`reason`: why, a phrase
 * that follows the source, e.g. "is not valid JSON.") or "note" (`reason`: a
 * sentence about the input, `ok` whether it is good news; the summary of an
 * input's xAPI statements). `source` names the input in lower case ("the file
 * “a.json” (report 2)"); `learner` is set for the first three kinds, and
 * `what` is "statements" when they come from xAPI statements (keepStatements).
 * @typedef {object} Message
 * @property {"added" | "updated" | "same" | "full" | "skipped" | "note"} kind
 * @property {string} source
 * @property {string} [learner]
 * @property {string} [reason]
 * @property {boolean} [ok]
 * @property {"statements"} [what]
 */

/** @returns {Team} */
export function createTeam() {
  return { reports: [], index: new Map() };
}

/**
 * The row key of a report: exact learner name and assignment title.
 * @param {Report} report
 * @returns {string}
 */
export function reportKey(report) {
  return report.learner + "\u0000" + report.title;
}

/**
 * @param {Report} a
 * @param {Report} b
 * @returns {boolean} true when `b` is the newer report: created later, or
 *   loaded later when either has no creation time
 */
function newer(a, b) {
  const ta = Date.parse(a.created);
  const tb = Date.parse(b.created);
  return isNaN(ta) || isNaN(tb) || tb >= ta;
}

/**
 * @param {string | null} a
 * @param {string | null} b
 * @returns {boolean} true when a is earlier (an unknown time counts as later)
 */
function before(a, b) {
  return (a || "~") < (b || "~");
}

/**
 * Merge two reports of one learner and assignment (see the header): `b` is the
 * one loaded later.
 * @param {KeptReport} a
 * @param {KeptReport} b
 * @returns {KeptReport}
 */
export function mergeReports(a, b) {
  const late = newer(a, b) ? b : a;
  const early = late === b ? a : b;
  /** @type {ReportLesson[]} */
  const lessons = [];
  /** @type {string[]} */
  const ids = [];
  late.lessons.concat(early.lessons).forEach(function (l) {
    if (ids.indexOf(l.id) === -1) ids.push(l.id);
  });
  ids.forEach(function (id) {
    const x = late.lessons.filter(function (l) { return l.id === id; })[0];
    const y = early.lessons.filter(function (l) { return l.id === id; })[0];
    lessons.push(!y || (x && RANK[x.status] >= RANK[y.status]) ? x : y);
  });
  /** @type {import("./report.js").ReportAssessment[]} */
  const assessments = [];
  late.assessments.concat(early.assessments).forEach(function (entry) {
    const at = assessments.map(function (e) { return e.id; }).indexOf(entry.id);
    if (at === -1) {
      assessments.push(entry);
      return;
    }
    const kept = assessments[at];
    const first = kept.first && entry.first && before(entry.first.at, kept.first.at) ? entry.first : kept.first || entry.first;
    const best = kept.best && entry.best && entry.best.percent > kept.best.percent ? entry.best : kept.best || entry.best;
    assessments[at] = Object.assign({}, kept, { attempts: Math.max(kept.attempts, entry.attempts), first: first, best: best });
  });
  const created = !a.created ? b.created : !b.created ? a.created : Date.parse(a.created) >= Date.parse(b.created) ? a.created : b.created;
  return Object.assign({}, late, { created: created, lessons: lessons, assessments: assessments });
}

/**
 * A kept report as a completion report again (lib/report.js's format), so the
 * table kept in the browser is read back through validateReport like any input.
 * @param {KeptReport} r
 * @returns {object}
 */
export function reportJson(r) {
  return {
    format: REPORT_FORMAT,
    version: 1,
    learner: r.learner,
    created: r.created,
    assignment: { title: r.title, due: r.due, lessons: r.lessons.map(function (l) { return l.id; }) },
    lessons: r.lessons.map(function (l) {
      return { id: l.id, title: l.title, status: l.status, completedAt: l.completedAt, correct: l.correct, total: l.total };
    }),
    summary: {
      complete: r.lessons.filter(function (l) { return l.status === "complete"; }).length,
      total: r.lessons.length,
    },
    assessments: r.assessments || [],
  };
}

/**
 * Put a validated report into the team (see the header for the rule on a
 * second report of the same key) and say what happened.
 * @param {Team} team
 * @param {Report} report
 * @param {string} source
 * @returns {Message}
 */
export function keep(team, report, source) {
  const kept = /** @type {KeptReport} */ (Object.assign({ assessments: [] }, report, { key: reportKey(report) }));
  const at = team.index.get(kept.key);
  const lrsKey = kept.learner + "\u0000" + STATEMENTS_TITLE;
  const lrsRow = at === undefined && kept.title !== STATEMENTS_TITLE ? team.index.get(lrsKey) : undefined;
  if (lrsRow !== undefined) {
    // The learner's row from xAPI statements becomes this report's row: what the
    // statements show done joins the report's lessons (see the header).
    const row = team.reports[lrsRow];
    const progressed = Object.assign({}, row, {
      key: kept.key, title: kept.title, due: kept.due,
      lessons: row.lessons.filter(function (l) { return l.status === "complete" || l.status === "in-progress"; }),
    });
    team.index.delete(lrsKey);
    team.index.set(kept.key, lrsRow);
    team.reports[lrsRow] = mergeReports(progressed, kept);
    return { kind: "updated", source: source, learner: kept.learner };
  }
  if (at === undefined) {
    if (team.reports.length >= MAX_REPORTS) return { kind: "full", source: source };
    team.index.set(kept.key, team.reports.length);
    team.reports.push(kept);
    return { kind: "added", source: source, learner: kept.learner };
  }
  const old = team.reports[at];
  const merged = mergeReports(old, kept);
  if (JSON.stringify(merged) === JSON.stringify(old)) return { kind: "same", source: source, learner: kept.learner };
  team.reports[at] = merged;
  return { kind: "updated", source: source, learner: kept.learner };
}

/**
 * Put one learner's progress from xAPI statements (lib/xapi.js LrsLearner) into the team:
 * into the learner's row when they have one (the last one loaded; a report's row keeps
 * its assignment, due date and lessons, and gains the lessons the statements show done),
 * else into a new row titled STATEMENTS_TITLE that lists every lesson of the course
 * (the first anatomy.assignment.lessons). Says what happened, as keep() does.
 * @param {Team} team
 * @param {import("./xapi.js").LrsLearner} lrs
 * @param {Catalogue | null} catalogue
 * @param {string} source
 * @returns {Message}
 */
export function keepStatements(team, lrs, catalogue, source) {
  /** @type {KeptReport | null} */
  let row = null;
  team.reports.forEach(function (r) {
    if (r.learner === lrs.learner && (!row || row.title === STATEMENTS_TITLE || r.title !== STATEMENTS_TITLE)) row = r;
  });
  const base = /** @type {KeptReport | null} */ (row);
  const own = !base || base.title === STATEMENTS_TITLE;
  /** @type {ReportLesson[]} */
  let lessons = lrs.lessons;
  if (own && catalogue) {
    const done = new Map(lrs.lessons.map(function (l) { return [l.id, l]; }));
    lessons = catalogue.order.slice(0, anatomy.assignment.lessons).map(function (id) {
      const entry = catalogue.lessons[id];
      return done.get(id) || {
        id: id, title: entry && typeof entry.title === "string" ? cleanLine(entry.title, 200) : id,
        status: /** @type {"not-started"} */ ("not-started"), completedAt: null, correct: 0, total: 0,
      };
    });
  }
  /** @type {Report} */
  const report = {
    learner: lrs.learner,
    title: base ? base.title : STATEMENTS_TITLE,
    due: base ? base.due : null,
    created: lrs.created,
    lessons: lessons,
    assessments: lrs.assessments,
  };
  return Object.assign(keep(team, report, source), { what: /** @type {"statements"} */ ("statements") });
}

/**
 * Read one input (a file's text or the pasted text) into the team, a report at
 * a time: a generator that yields how far it is (0 to 1) after each report or
 * part, so the page can stop between two and let the browser breathe. Every
 * report kept or skipped goes to `log`. xAPI statements among the values (a
 * StatementResult, or statements: lib/xapi.js) are read together, then their
 * summary goes to `log` as one note and each learner's progress into the team
 * (keepStatements). Nothing throws.
 * @param {Team} team
 * @param {{add: (m: Message) => void}} log
 * @param {string} source the input in lower case: "the pasted text", "the file “a.json”"
 * @param {string} text
 * @param {Catalogue | null} [catalogue] which lessons and assessments are the course's
 *   (for statements; without it, any lesson id is read and the table marks the unknown ones)
 * @returns {Generator<number, void, void>}
 */
export function* intake(team, log, source, text, catalogue) {
  const parts = reportParts(text);
  let next = parts.next();
  let number = 0;
  let before = 0;
  /** @type {ReturnType<typeof createStatementReader> | null} xAPI statements among the values */
  let statements = null;
  /** statements added so far: a yield every STATEMENTS_PER_STEP, in an array as in a StatementResult */
  let added = 0;
  while (!next.done) {
    const part = /** @type {import("./report.js").JsonPart & {end: number}} */ (next.value);
    next = parts.next();
    number += 1;
    // "(part 2)" only when the text holds more than one part.
    const label = number > 1 || !next.done ? source + " (part " + number + ")" : source;
    if (part.error !== undefined) {
      log.add({ kind: "skipped", source: label, reason: part.error });
      before = part.end;
      yield part.end;
      continue;
    }
    const values = part.value;
    if (!values.length) log.add({ kind: "skipped", source: label, reason: "holds nothing to read: an empty list (no report, no xAPI statement)." });
    for (let i = 0; i < values.length; i += 1) {
      const name = values.length > 1 ? label + " (report " + (i + 1) + ")" : label;
      const value = values[i];
      if (isStatementResult(value) || looksLikeStatement(value)) {
        statements = statements || createStatementReader(catalogue || null);
        const list = isStatementResult(value) ? /** @type {unknown[]} */ (/** @type {any} */ (value).statements) : [value];
        for (let j = 0; j < list.length; j += 1) {
          statements.add(list[j]);
          added += 1;
          if (added % STATEMENTS_PER_STEP === 0) yield before + (part.end - before) * (i + j / list.length) / values.length;
        }
        continue;
      }
      const result = validateReport(value);
      if (result.error !== undefined) log.add({ kind: "skipped", source: name, reason: result.error });
      else log.add(keep(team, result.report, name));
      if (i % 64 === 63) yield before + (part.end - before) * (i + 1) / values.length;
    }
    before = part.end;
    yield part.end;
  }
  if (statements) {
    const read = statements.finish();
    const summary = statementsSummary(read);
    log.add({ kind: "note", source: source, ok: summary.ok, reason: summary.text });
    for (let k = 0; k < read.learners.length; k += 1) {
      log.add(keepStatements(team, read.learners[k], catalogue || null, source));
      if (k % 64 === 63) yield 1;
    }
  }
}

/**
 * "the file …" -> "The file …".
 * @param {string} text
 * @returns {string}
 */
function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * 300000 -> "300,000".
 * @param {number} n
 * @returns {string}
 */
function num(n) {
  return n.toLocaleString("en-US");
}

/**
 * "A, B and 3 more" from the first few of `count` items.
 * @param {string[]} first
 * @param {number} count
 * @returns {string}
 */
function someOf(first, count) {
  if (count <= first.length) {
    return first.length > 1 ? first.slice(0, -1).join(", ") + " and " + first[first.length - 1] : first.join("");
  }
  return first.join(", ") + " and " + num(count - first.length) + " more";
}

/**
 * The single line for one message.
 * @param {Message} m
 * @returns {{ok: boolean, text: string}}
 */
function line(m) {
  const who = sentence(m.source);
  if (m.kind === "note") return { ok: m.ok === true, text: who + ": " + m.reason };
  if (m.what === "statements") {
    switch (m.kind) {
      case "added": return { ok: true, text: who + ": added the LRS statements of " + m.learner + "." };
      case "updated": return { ok: true, text: who + ": added the LRS statements of " + m.learner + " to their row (merged with what it showed)." };
      case "same": return { ok: true, text: who + " adds nothing new to the row of " + m.learner + " (their statements are already in the table)." };
      default: return { ok: false, text: who + ": the statements of a learner were skipped: this page holds at most " + MAX_REPORTS + " rows." };
    }
  }
  switch (m.kind) {
    case "added": return { ok: true, text: who + ": added the report from " + m.learner + "." };
    case "updated": return { ok: true, text: who + ": updated the report from " + m.learner + " (merged with the one already in the table)." };
    case "same": return {
      ok: true,
      text: who + " adds nothing to the report from " + m.learner + " already in the table (the same, or older).",
    };
    case "full": return { ok: false, text: who + " was skipped: this page holds at most " + MAX_REPORTS + " reports." };
    default: return { ok: false, text: who + " " + m.reason + " It was skipped." };
  }
}

/**
 * The summary line for `count` messages of one kind (`first`: the first few).
 * @param {Message[]} first
 * @param {number} count
 * @returns {{ok: boolean, text: string}}
 */
function group(first, count) {
  const m = first[0];
  const learners = someOf(first.map(function (x) { return x.learner || ""; }), count);
  if (m.what === "statements") {
    switch (m.kind) {
      case "added": return { ok: true, text: "Added the LRS statements of " + num(count) + " learners: " + learners + "." };
      case "updated": return { ok: true, text: "Added the LRS statements of " + num(count) + " learners to their rows (merged): " + learners + "." };
      case "same": return { ok: true, text: "The LRS statements of " + num(count) + " learners added nothing new to their rows: " + learners + "." };
      default: return {
        ok: false,
        text: "The statements of " + num(count) + " learners were skipped: this page holds at most " + MAX_REPORTS +
          " rows. Download the CSV, clear the table and load statements of fewer learners.",
      };
    }
  }
  switch (m.kind) {
    case "added": return { ok: true, text: "Added " + num(count) + " reports, from " + learners + "." };
    case "updated": return { ok: true, text: "Updated " + num(count) + " reports already in the table (merged), from " + learners + "." };
    case "same": return { ok: true, text: num(count) + " reports added nothing to the ones already in the table (the same, or older): from " + learners + "." };
    case "full": return {
      ok: false,
      text: num(count) + " reports were skipped: this page holds at most " + MAX_REPORTS +
        " reports. Download the CSV, clear the table and load the rest.",
    };
    default: return {
      ok: false,
      text: num(count) + " reports had the same problem, so they were skipped: each " + generic(m.reason || "") +
        " The first: " + someOf(first.map(function (x) { return x.source; }), count) + ".",
    };
  }
}

/**
 * A reason without its particulars ("has a lesson entry (number 3) that is
 * not valid." -> "has a lesson entry that is not valid."), to group by.
 * @param {string} reason
 * @returns {string}
 */
function generic(reason) {
  return reason.replace(/ \([^()]*\)/g, "");
}

/**
 * A message log that stays small whatever it is given: it keeps the first
 * GROUP_AFTER messages of each kind (kind, what, generic reason; every note
 * is a kind of its own) and a count.
 * lines(): one line per message while a kind has at most GROUP_AFTER, else one
 * summary line for the kind, in the order kinds first appeared; at most
 * MAX_LINES lines, then a line saying how many more.
 * @returns {{add: (m: Message) => void, lines: () => Array<{ok: boolean, text: string}>, count: () => number}}
 */
export function createLog() {
  /** @type {Map<string, {first: Message[], count: number}>} */
  const kinds = new Map();
  let total = 0;
  return {
    add: function (m) {
      total += 1;
      // A note is never summed up with others: each says something of its own.
      const id = m.kind + "\u0000" + (m.what || "") + "\u0000" +
        (m.kind === "skipped" ? generic(m.reason || "") : m.kind === "note" ? String(total) : "");
      let entry = kinds.get(id);
      if (!entry) {
        entry = { first: [], count: 0 };
        kinds.set(id, entry);
      }
      entry.count += 1;
      if (entry.first.length < GROUP_AFTER) entry.first.push(m);
    },
    count: function () { return total; },
    lines: function () {
      /** @type {Array<{ok: boolean, text: string}>} */
      let out = [];
      kinds.forEach(function (entry) {
        if (entry.count > GROUP_AFTER) out.push(group(entry.first, entry.count));
        else out = out.concat(entry.first.map(line));
      });
      if (out.length > MAX_LINES) {
        const more = out.length - (MAX_LINES - 1);
        out = out.slice(0, MAX_LINES - 1).concat([{ ok: false, text: "And " + plural(more, "more message") + "." }]);
      }
      return out;
    },
  };
}

// ------------------------------------------------------------------ the table

/**
 * @typedef {object} Column
 * @property {string} id the lesson id (the current one, for a former id)
 * @property {string} title the course's title, or the report's for a lesson the course does not have
 * @property {boolean} counted false for a lesson the course does not have
 */
/**
 * @typedef {ReportLesson & {counted: boolean}} Cell
 */
/**
 * @typedef {object} Row
 * @property {KeptReport} report
 * @property {Array<Cell | null>} cells one per column (null: not in this report)
 * @property {number} done counted lessons done
 * @property {number} assigned counted lessons (status other than "unavailable")
 * @property {string[]} outside ids of this report's lessons the course does not have
 * @property {string[]} hidden ids of this report's lessons that have no column
 * @property {string[]} lookalikes other learners' names in the table with the same skeleton
 * @property {string[]} scripts the name's writing systems when it mixes several (scriptsOf)
 * @property {boolean} overdue past its due date with counted lessons not done
 * @property {Array<import("./report.js").ReportAssessment | null>} checks one per check column (null: not taken)
 */
/**
 * @typedef {object} Table
 * @property {Column[]} cols
 * @property {Row[]} rows
 * @property {Array<{done: number, assigned: number} | null>} totals per column (null: not counted)
 * @property {boolean} checked the lessons were checked against the catalogue
 * @property {number} outside distinct lessons in the reports that the course does not have
 * @property {number} hidden distinct lessons in the reports without a column
 * @property {number} lookalikes rows whose name looks like another row's
 * @property {number} overdue rows past their due date with lessons not done
 * @property {Array<{id: string, title: string}>} checks a column per module check or final assessment a report holds
 */

/** @type {Record<string, number>} */
const RANK = { complete: 3, "in-progress": 2, "not-started": 1, unavailable: 0 };

/**
 * The table for `reports` (see the header for the rules).
 * @param {KeptReport[]} reports
 * @param {Catalogue | null} catalogue validCatalogue(course.json), or null when it could not be loaded
 * @param {string} [today] "YYYY-MM-DD": rows past their due date are overdue (none without it)
 * @returns {Table}
 */
export function tableModel(reports, catalogue, today) {
  const lessons = catalogue ? catalogue.lessons : null;
  const aliases = catalogue ? catalogue.aliases : {};
  /** @param {string} id @returns {boolean} */
  function inCourse(id) {
    return !lessons || (Object.prototype.hasOwnProperty.call(lessons, id) && !!lessons[id]);
  }
  /** @param {string} id @returns {string} */
  function current(id) {
    const to = Object.prototype.hasOwnProperty.call(aliases, id) ? aliases[id] : null;
    return typeof to === "string" && lessons && Object.prototype.hasOwnProperty.call(lessons, to) ? to : id;
  }

  // Each report's lessons by current id; a lesson listed twice keeps its better entry.
  /** @type {Array<Map<string, Cell>>} */
  const byReport = reports.map(function (r) {
    /** @type {Map<string, Cell>} */
    const map = new Map();
    r.lessons.forEach(function (l) {
      const id = current(l.id);
      const cell = /** @type {Cell} */ (Object.assign({}, l, { id: id, counted: inCourse(id) }));
      const before = map.get(id);
      if (!before || RANK[cell.status] > RANK[before.status]) map.set(id, cell);
    });
    return map;
  });

  // Columns: the course's lessons in course order, then the others as first seen, capped.
  /** @type {Map<string, string>} id -> title, first seen */
  const seen = new Map();
  byReport.forEach(function (map) {
    map.forEach(function (cell, id) { if (!seen.has(id)) seen.set(id, cell.title); });
  });
  const order = catalogue ? catalogue.order : [];
  /** @type {Map<string, number>} */
  const position = new Map(order.map(function (id, i) { return [id, i]; }));
  const known = catalogue ? Array.from(seen.keys()).filter(inCourse) : [];
  known.sort(function (a, b) {
    return (position.has(a) ? /** @type {number} */ (position.get(a)) : order.length) -
      (position.has(b) ? /** @type {number} */ (position.get(b)) : order.length);
  });
  const others = Array.from(seen.keys()).filter(function (id) { return !catalogue || !inCourse(id); });
  // Every lesson of the course that a report lists, and EXTRA_COLUMNS others; without the
  // catalogue, as many as an assignment holds and EXTRA_COLUMNS more.
  const ids = known.concat(others.slice(0, catalogue ? EXTRA_COLUMNS : anatomy.assignment.lessons + EXTRA_COLUMNS));
  /** @type {Column[]} */
  const cols = ids.map(function (id) {
    const entry = lessons && inCourse(id) ? lessons[id] : null;
    const title = entry && typeof entry.title === "string" ? cleanLine(entry.title, 200) : "";
    return { id: id, title: title || /** @type {string} */ (seen.get(id)), counted: inCourse(id) };
  });
  const shown = new Set(ids);

  // Near-duplicates: distinct names with one skeleton.
  /** @type {Map<string, string[]>} skeleton -> distinct names */
  const alike = new Map();
  reports.forEach(function (r) {
    const key = skeleton(r.learner);
    const names = alike.get(key) || [];
    if (names.indexOf(r.learner) === -1) names.push(r.learner);
    alike.set(key, names);
  });

  // A column per module check and final assessment taken: the course's order, then first seen.
  /** @type {Array<{id: string, title: string}>} */
  const checks = [];
  const courseChecks = catalogue ? Object.keys(catalogue.assessments || {}) : [];
  reports.forEach(function (r) {
    (r.assessments || []).forEach(function (a) {
      if (!checks.some(function (c) { return c.id === a.id; })) {
        const entry = catalogue && catalogue.assessments ? catalogue.assessments[a.id] : null;
        checks.push({ id: a.id, title: entry && entry.title ? cleanLine(entry.title, 200) : a.title });
      }
    });
  });
  checks.sort(function (x, y) {
    const i = courseChecks.indexOf(x.id);
    const j = courseChecks.indexOf(y.id);
    return (i === -1 ? courseChecks.length : i) - (j === -1 ? courseChecks.length : j);
  });

  let lookalikes = 0;
  let overdue = 0;
  /** @type {Row[]} */
  const rows = reports.map(function (r, index) {
    const map = byReport[index];
    const cells = cols.map(function (c) { return map.get(c.id) || null; });
    const all = Array.from(map.values());
    const counted = all.filter(function (l) { return l.counted && l.status !== "unavailable"; });
    const names = /** @type {string[]} */ (alike.get(skeleton(r.learner)));
    const others = names.filter(function (n) { return n !== r.learner; });
    if (others.length) lookalikes += 1;
    const scripts = scriptsOf(r.learner);
    const done = counted.filter(function (l) { return l.status === "complete"; }).length;
    const late = !!today && !!r.due && r.due < today && done < counted.length;
    if (late) overdue += 1;
    return {
      report: r,
      cells: cells,
      done: done,
      assigned: counted.length,
      overdue: late,
      checks: checks.map(function (c) {
        return (r.assessments || []).filter(function (a) { return a.id === c.id; })[0] || null;
      }),
      outside: all.filter(function (l) { return !l.counted; }).map(function (l) { return l.id; }),
      hidden: all.filter(function (l) { return !shown.has(l.id); }).map(function (l) { return l.id; }),
      lookalikes: others,
      scripts: scripts.length > 1 ? scripts : [],
    };
  });
  const totals = cols.map(function (c, i) {
    if (!c.counted) return null;
    let done = 0;
    let assigned = 0;
    rows.forEach(function (row) {
      const cell = row.cells[i];
      if (cell && cell.status !== "unavailable") assigned += 1;
      if (cell && cell.status === "complete") done += 1;
    });
    return { done: done, assigned: assigned };
  });
  return {
    cols: cols,
    rows: rows,
    totals: totals,
    checked: !!catalogue,
    outside: Array.from(seen.keys()).filter(function (id) { return !inCourse(id); }).length,
    hidden: seen.size - ids.length,
    lookalikes: lookalikes,
    overdue: overdue,
    checks: checks,
  };
}

/**
 * “name”, quoted for a sentence.
 * @param {string} name
 * @returns {string}
 */
function quoted(name) {
  return "\u201c" + name + "\u201d";
}

/**
 * The notes on a row, as sentences: a name that looks like another row's, a
 * name that mixes alphabets, lessons the course does not have, lessons with no
 * column. [] when there is nothing to say.
 * @param {Row} row
 * @returns {string[]}
 */
export function rowNotes(row) {
  /** @type {string[]} */
  const notes = [];
  const name = row.report.learner;
  if (row.overdue) {
    notes.push("Overdue: due " + row.report.due + ", " + row.done + " of " + plural(row.assigned, "lesson") + " done.");
  }
  if (row.lookalikes.length) {
    const other = row.lookalikes[0];
    const why = other.toLowerCase() === name.toLowerCase() ? "only capital letters differ"
      : row.scripts.length || scriptsOf(other).length > 1 ? "letters from another alphabet that look the same"
        : "only accents, spaces or look-alike characters differ";
    notes.push("Looks like " + someOf(row.lookalikes.slice(0, 3).map(quoted), row.lookalikes.length) +
      " in another row (" + why + "): check whether this is the same person.");
  }
  if (row.scripts.length) notes.push("This name mixes " + someOf(row.scripts, row.scripts.length) + " letters.");
  if (row.outside.length) {
    notes.push("Not counted: " + plural(row.outside.length, "lesson") + " this course does not have (" +
      someOf(row.outside.slice(0, 3), row.outside.length) + ").");
  }
  const unlisted = row.hidden.filter(function (id) { return row.outside.indexOf(id) === -1; });
  if (unlisted.length) {
    notes.push(plural(unlisted.length, "more lesson") + " without a column (" + someOf(unlisted.slice(0, 3), unlisted.length) + ").");
  }
  return notes;
}

/**
 * The sentences above the table: learners, who finished, lessons done, and
 * what the lead should look at.
 * @param {Table} table
 * @returns {string[]}
 */
export function summaryLines(table) {
  const rows = table.rows;
  const finished = rows.filter(function (r) { return r.assigned && r.done === r.assigned; }).length;
  const done = rows.reduce(function (s, r) { return s + r.done; }, 0);
  const assigned = rows.reduce(function (s, r) { return s + r.assigned; }, 0);
  const lines = [plural(rows.length, "learner") + ", " + finished + " finished every assigned lesson. " +
    done + " of " + assigned + " assigned lessons done."];
  if (table.overdue) {
    lines.push(plural(table.overdue, "row") + " " + (table.overdue === 1 ? "is" : "are") +
      " past the due date with lessons not done (marked Overdue).");
  }
  if (table.lookalikes) {
    lines.push(plural(table.lookalikes, "row") + " " + (table.lookalikes === 1 ? "has a name" : "have names") +
      " that look like another row's (marked in the table): check whether they are the same person.");
  }
  if (table.outside) {
    lines.push("The reports list " + num(table.outside) + " " + (table.outside === 1 ? "lesson" : "lessons") + " this course does not have: " +
      "they are marked and not counted.");
  }
  if (table.hidden) {
    lines.push(num(table.hidden) + " " + (table.hidden === 1 ? "lesson" : "lessons") + " in the reports " +
      (table.hidden === 1 ? "has" : "have") + " no column (the table has a column for " +
      (table.checked ? "each of the course's lessons and " + EXTRA_COLUMNS + " others" : "at most " + table.cols.length + " lessons") +
      "); each row's note gives their number and the first few.");
  }
  if (!table.checked) {
    lines.push("The course's list of lessons could not be loaded, so the lessons are shown as the reports list them.");
  }
  return lines;
}

/**
 * A cell's words in the table: "Done 2026-11-21 · 3/3", "In progress · 1/3",
 * "Not started", "Not assigned" (null).
 * @param {Cell | null} cell
 * @returns {string}
 */
export function cellText(cell) {
  if (!cell) return "Not assigned";
  let text = STATUS_TEXT[cell.status];
  if (cell.status === "complete" && cell.completedAt) text += " " + cell.completedAt;
  if (cell.total && (cell.status === "complete" || cell.status === "in-progress")) {
    text += " · " + cell.correct + "/" + cell.total;
  }
  return text;
}

/**
 * A module check's or final assessment's cell: "Passed · best 83 % · first 50 % ·
 * 2 attempts", "Not passed · 75 % · 1 attempt", "Not taken" (null).
 * @param {import("./report.js").ReportAssessment | null} entry
 * @returns {string}
 */
export function checkText(entry) {
  if (!entry || !entry.best) return "Not taken";
  return (entry.best.passed ? "Passed" : "Not passed") + " · " + assessmentText(entry);
}

/**
 * A column's header: the lesson title, and "(not in this course)" for a lesson
 * the course does not have.
 * @param {Column} col
 * @returns {string}
 */
export function columnTitle(col) {
  return col.counted ? col.title : (col.title === col.id ? col.id : col.title + " \u00b7 " + col.id) + " (not in this course)";
}

/**
 * The table as CSV rows (lib/csv.js writes them): Learner, Assignment, Due,
 * three fields per column (status, date, score), Lessons done, four per module
 * check or final assessment (first attempt, best attempt, passed, attempts),
 * Overdue, Notes. Scores read "2 of 3", never "2/3": spreadsheets read a slash
 * as a date.
 * @param {Table} table
 * @returns {string[][]}
 */
export function csvRows(table) {
  const header = ["Learner", "Assignment", "Due"];
  table.cols.forEach(function (c) {
    const title = columnTitle(c);
    header.push(title + " (status)", title + " (date)", title + " (score)");
  });
  header.push("Lessons done");
  table.checks.forEach(function (c) {
    header.push(c.title + " (first attempt)", c.title + " (best attempt)", c.title + " (passed)", c.title + " (attempts)");
  });
  header.push("Overdue", "Notes");
  const out = [header];
  table.rows.forEach(function (row) {
    const cells = [row.report.learner, row.report.title, row.report.due || ""];
    row.cells.forEach(function (cell) {
      cells.push(cell ? STATUS_TEXT[cell.status] : "Not assigned",
        cell && cell.completedAt ? cell.completedAt : "",
        cell && cell.total ? cell.correct + " of " + cell.total : "");
    });
    cells.push(row.done + " of " + row.assigned);
    row.checks.forEach(function (entry) {
      cells.push(entry && entry.first ? entry.first.percent + " %" : "", entry && entry.best ? entry.best.percent + " %" : "",
        entry && entry.best ? (entry.best.passed ? "Yes" : "No") : "", entry ? String(entry.attempts) : "");
    });
    cells.push(row.overdue ? "Yes" : "", rowNotes(row).join(" "));
    out.push(cells);
  });
  return out;
}
