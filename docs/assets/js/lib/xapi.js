// @ts-check
/**
 * xAPI statements, as a Learning Record Store exports them, read for the team progress
 * table: which learner finished which lesson, and the module checks and final assessment
 * they took. Pure: no browser API (tests/js/xapi.test.mjs); lib/team.js puts what this
 * returns into the table (keepStatements), team-progress.js reads the files.
 *
 * Input: the values of a JSON text (lib/report.js jsonParts): a StatementResult
 * {"statements": [...], "more": "..."} (xAPI 1.0.3 §2.1.2, what GET /xAPI/statements answers,
 * Ralph's included), a plain array of statements, or statements one after another
 * (`ralph read` writes one per line). Every value is untrusted; nothing here throws.
 *
 * What the course's cmi5 AU sends (lib/lms-cmi5.js) and how it is read:
 *   completed  <AU>/lessons/<lesson id>             the lesson is done (score: its quizzes)
 *   passed | failed  <AU>/assessments/<id>          an attempt at a module check or the final
 *                                                   (score raw/max, EXT_ATTEMPTS)
 *   completed  <AU>                                 every lesson of the course is done
 *   passed | failed  <AU>                           the final assessment, when no statement
 *                                                   about <AU>/assessments/final says more
 *   initialized, terminated, ... <AU>               read; nothing to show
 * <AU> is the activity id the LMS gave the AU: a statement about it counts when the same
 * input holds a lesson or assessment statement below it. Lesson ids are the course's
 * (course.json: its lessons, or a former id in its aliases), assessment ids its module
 * checks' and "final".
 *
 * Skipped, each counted with its reason (createStatementReader().finish().skipped):
 * not a statement (not an object with actor, verb and object), no learner this page can
 * name (an actor without account, mbox, mbox_sha1sum or openid), a group, not from this
 * course (another activity, another course's lessons), a verb this page does not show
 * (for example "experienced" on a lesson), an assessment result without a score, the same
 * statement twice (one id), everything after MAX_STATEMENTS, and a learner's lessons and
 * assessments beyond what one row holds (MAX_LESSONS, MAX_ASSESSMENTS: only without
 * course.json can there be more).
 *
 * Voiding (xAPI §2.3.2): a statement with verb voided and a StatementRef removes the
 * statement it names when that is in the same input; otherwise it is counted as ignored:
 * an LRS leaves voided statements out of its answers, so an export rarely holds them.
 *
 * The AU's side of these conventions (paths, types, EXT_ATTEMPTS, readingName) is
 * lib/xapi-vocab.js, shared with lib/lms-cmi5.js (the public site has no lib/lms-*.js).
 *
 * Learners: an actor is one learner by its account (homePage and name), mbox,
 * mbox_sha1sum or openid; the table names them by the actor's `name` ("Okafor, Ada" reads
 * "Ada Okafor", as the AU names the learner in their own reports: lib/lms-status.js
 * readingName), else the account name or address. Two actors with one name in an input
 * keep apart: each name gets its account name or address in brackets, and a number when
 * that is the same too; every name fits anatomy.learnerNameChars, as a kept row's must.
 */
import anatomy from "./anatomy.js";
import { cleanName } from "./names.js";
import { ASSESSMENTS_PATH, EXT_ATTEMPTS, LESSONS_PATH, readingName } from "./xapi-vocab.js";

/** Statements read from one input at most; the rest are counted as skipped. */
export const MAX_STATEMENTS = 100000;
/** Learners one input may name (the table holds fewer rows: lib/team.js MAX_REPORTS). */
export const MAX_LEARNERS = 5000;
/**
 * Lessons and assessments one learner may have, as a kept row may (lib/report.js
 * validateReport refuses a report of more lessons, and keeps MAX_ASSESSMENTS); only
 * without course.json can statements name more.
 */
const MAX_LESSONS = anatomy.assignment.lessons;
const MAX_ASSESSMENTS = 60;
const ADL = "http://adlnet.gov/expapi/verbs/";
const VOIDED = ADL + "voided";
const LESSON_AT_END = new RegExp(LESSONS_PATH.replace(/\//g, "\\/") + "(" + anatomy.lessonId + ")$");
const ASSESSMENT_AT_END = new RegExp(ASSESSMENTS_PATH.replace(/\//g, "\\/") + "([a-z0-9][a-z0-9-]{0,59})$");

/** The reasons a statement is skipped, in the words of the message. */
export const SKIP = {
  shape: "not an xAPI statement",
  actor: "no learner this page can name",
  group: "a group, not one learner",
  course: "not from this course",
  verb: "a verb this page does not show",
  score: "an assessment result without a score",
  twice: "the same statement twice",
  many: "beyond the first " + MAX_STATEMENTS.toLocaleString("en-US") + " in one file (load the rest as another file)",
  lessons: "a lesson beyond the " + MAX_LESSONS + " one learner's row holds",
  assessments: "an assessment beyond the " + MAX_ASSESSMENTS + " one learner's row holds",
};

/**
 * @typedef {import("./report.js").ReportLesson} ReportLesson
 * @typedef {import("./report.js").ReportAssessment} ReportAssessment
 * @typedef {import("./report.js").ReportResult} ReportResult
 */
/**
 * One learner's progress from the statements, shaped like a completion report's parts.
 * @typedef {object} LrsLearner
 * @property {string} key the actor's identity ("a:<homePage> <name>", "m:mailto:...", ...)
 * @property {string} learner the name the table shows
 * @property {string} created the latest statement's time (ISO 8601), or ""
 * @property {ReportLesson[]} lessons lessons done (status "complete"), in course order
 * @property {ReportAssessment[]} assessments module checks and the final, in course order
 */
/**
 * What one input held.
 * @typedef {object} StatementsRead
 * @property {number} read statements read (skipped ones included)
 * @property {Array<{reason: string, count: number}>} skipped by reason, the most frequent first
 * @property {number} skippedCount
 * @property {number} voided statements removed by a voiding statement in the same input
 * @property {number} voidsIgnored voiding statements whose statement is not in the input
 * @property {number} session statements about the AU with nothing to show (initialized, ...)
 * @property {number} lessons lessons done, counted once per learner
 * @property {number} results assessment attempts
 * @property {LrsLearner[]} learners
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * True for a StatementResult ({"statements": [...]}, xAPI §2.1.2).
 * @param {unknown} value
 * @returns {boolean}
 */
export function isStatementResult(value) {
  return isObject(value) && Array.isArray(value.statements);
}

/**
 * True for a value that means to be a statement: an object with actor, verb and object
 * (whether they are valid is read later). A completion report has none of them.
 * @param {unknown} value
 * @returns {boolean}
 */
export function looksLikeStatement(value) {
  return isObject(value) && "verb" in value && "object" in value && "actor" in value;
}

/**
 * @param {unknown} value
 * @param {number} max
 * @returns {string | null} a non-empty string of at most `max` characters
 */
function str(value, max) {
  return typeof value === "string" && value !== "" && value.length <= max ? value : null;
}

/**
 * An actor's identity and the names to show for it, or why it cannot be read.
 * @param {unknown} actor
 * @returns {{key: string, name: string, ident: string} | {skip: string}}
 */
function readActor(actor) {
  if (!isObject(actor)) return { skip: SKIP.shape };
  if (actor.objectType === "Group") return { skip: SKIP.group };
  let key = "";
  let ident = "";
  const account = isObject(actor.account) ? actor.account : null;
  const homePage = account ? str(account.homePage, 2000) : null;
  const accountName = account ? str(account.name, 500) : null;
  const mbox = str(actor.mbox, 500);
  const sha1 = str(actor.mbox_sha1sum, 100);
  const openid = str(actor.openid, 2000);
  if (homePage && accountName) {
    key = "a:" + homePage + " " + accountName;
    ident = accountName;
  } else if (mbox && /^mailto:[^@\s]+@[^@\s]+$/i.test(mbox)) {
    key = "m:" + mbox.toLowerCase();
    ident = mbox.slice(7);
  } else if (sha1 && /^[0-9a-f]{40}$/i.test(sha1)) {
    key = "s:" + sha1.toLowerCase();
    ident = "learner " + sha1.slice(0, 8).toLowerCase();
  } else if (openid) {
    key = "o:" + openid;
    ident = openid;
  } else {
    return { skip: SKIP.actor };
  }
  const max = anatomy.learnerNameChars;
  return { key: key, name: cleanName(readingName(typeof actor.name === "string" ? actor.name.slice(0, 1000) : ""), max), ident: cleanName(ident, max) };
}

/** An ISO 8601 date-time, as xAPI's timestamp and stored are (§4.5): date, time, seconds and zone optional. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * A statement's time. Not Date.parse, which reads "12" as December 2001 and rolls 30
 * February over to March: an ISO 8601 date-time with a real date and time, its zone read
 * (none is UTC, not the browser's zone), 1970 to 9999.
 * @param {unknown} value
 * @returns {string | null} the time as ISO 8601 in UTC, or null
 */
function timeOf(value) {
  if (typeof value !== "string" || value.length > 40) return null;
  const m = ISO_TIME.exec(value);
  if (!m) return null;
  const p = m.map(Number);
  const offset = m[9] ? (m[9] === "-" ? -1 : 1) * (p[10] * 60 + (m[11] ? p[11] : 0)) : 0;
  if (p[1] < 1970 || p[4] > 23 || p[5] > 59 || (m[6] && p[6] > 59) || (m[9] && (p[10] > 23 || (m[11] && p[11] > 59)))) return null;
  const day = new Date(Date.UTC(p[1], p[2] - 1, p[3]));
  if (day.getUTCFullYear() !== p[1] || day.getUTCMonth() !== p[2] - 1 || day.getUTCDate() !== p[3]) return null;
  const ms = m[7] ? Number((m[7] + "00").slice(0, 3)) : 0;
  return new Date(Date.UTC(p[1], p[2] - 1, p[3], p[4], p[5], m[6] ? p[6] : 0, ms) - offset * 60000).toISOString();
}

/**
 * A statement's score: percent (0-100, rounded down) and, when raw and max are whole
 * numbers from 0, correct and total (the percent is then theirs, whatever scaled says);
 * null without a usable score.
 * @param {unknown} result
 * @returns {{percent: number, correct: number, total: number} | null}
 */
function scoreOf(result) {
  const score = isObject(result) && isObject(result.score) ? result.score : null;
  if (!score) return null;
  const num = function (/** @type {unknown} */ v) { return typeof v === "number" && isFinite(v) ? v : null; };
  const scaled = num(score.scaled);
  const raw = num(score.raw);
  const min = num(score.min) === null ? 0 : /** @type {number} */ (num(score.min));
  const max = num(score.max);
  let percent = null;
  if (scaled !== null && scaled >= -1 && scaled <= 1) percent = Math.floor(Math.round(scaled * 10000) / 100);
  else if (raw !== null && max !== null && max > min && raw >= min && raw <= max) {
    percent = Math.floor(Math.round(((raw - min) / (max - min)) * 10000) / 100);
  }
  const whole = raw !== null && max !== null && min === 0 && Number.isInteger(raw) && Number.isInteger(max) &&
    max > 0 && max <= 1000 && raw >= 0 && raw <= max;
  // Whole raw/max are what a kept row stores, and its percent is read back from them
  // (lib/assessment.js cleanResult): a scaled that says otherwise gives way.
  if (whole) percent = Math.floor((/** @type {number} */ (raw) * 100) / /** @type {number} */ (max));
  if (percent === null) return null;
  percent = Math.max(0, Math.min(100, percent));
  return whole ? { percent: percent, correct: /** @type {number} */ (raw), total: /** @type {number} */ (max) }
    : { percent: percent, correct: percent, total: 100 };
}

/**
 * @typedef {object} Fact one statement, read
 * @property {string | null} sid the statement's id
 * @property {string} actor the actor's key
 * @property {string} verb the verb's id
 * @property {string} object the object's id
 * @property {"lesson" | "assessment" | "other"} kind
 * @property {string} target the lesson or assessment id, or the AU's id it is below
 * @property {string} parent for a lesson or assessment: the activity id before the path
 * @property {string | null} at
 * @property {unknown} result
 */

/**
 * A reader for one input: add() every value that looks like a statement (or a
 * StatementResult's statements, one by one), then finish() once. The catalogue decides
 * which lessons and assessments are this course's; without it (course.json could not be
 * loaded) any lesson id of the course's grammar is read, and the table marks the ones the
 * course does not have as it does for reports.
 * @param {import("./catalogue.js").Catalogue | null} catalogue
 * @returns {{add: (value: unknown) => void, finish: () => StatementsRead}}
 */
export function createStatementReader(catalogue) {
  /** @type {Fact[]} */
  const facts = [];
  /** @type {Map<string, number>} */
  const skipped = new Map();
  /** @type {Set<string>} */
  const ids = new Set();
  /** @type {string[]} statement ids the input voids */
  const voids = [];
  /** @type {Map<string, {name: string, nameAt: string, ident: string}>} */
  const actors = new Map();
  let read = 0;

  /** @param {string} reason */
  function skip(reason) {
    skipped.set(reason, (skipped.get(reason) || 0) + 1);
  }

  /** @param {string} id @returns {string | null} the current lesson id of the course */
  function courseLesson(id) {
    if (!catalogue) return id;
    const aliases = catalogue.aliases || {};
    const to = Object.prototype.hasOwnProperty.call(aliases, id) ? aliases[id] : id;
    return Object.prototype.hasOwnProperty.call(catalogue.lessons, to) ? to : null;
  }

  /** @param {string} id @returns {boolean} */
  function courseAssessment(id) {
    return !catalogue || Object.prototype.hasOwnProperty.call(catalogue.assessments || {}, id);
  }

  /** @param {unknown} value */
  function add(value) {
    read += 1;
    if (read > MAX_STATEMENTS) {
      skip(SKIP.many);
      return;
    }
    if (!looksLikeStatement(value)) {
      skip(SKIP.shape);
      return;
    }
    const s = /** @type {Record<string, any>} */ (value);
    const verb = isObject(s.verb) ? str(s.verb.id, 2000) : null;
    const object = isObject(s.object) ? s.object : null;
    const objectId = object ? str(object.id, 2000) : null;
    if (!verb || !objectId) {
      skip(SKIP.shape);
      return;
    }
    const sid = str(s.id, 100);
    if (sid !== null) {
      const lower = sid.toLowerCase();
      if (ids.has(lower)) {
        skip(SKIP.twice);
        return;
      }
      ids.add(lower);
    }
    if (verb === VOIDED) {
      if (object && object.objectType === "StatementRef") voids.push(objectId.toLowerCase());
      else skip(SKIP.shape);
      return;
    }
    if (object.objectType !== undefined && object.objectType !== "Activity") {
      skip(SKIP.course);
      return;
    }
    const actor = readActor(s.actor);
    if ("skip" in actor) {
      skip(actor.skip);
      return;
    }
    const at = timeOf(s.timestamp) || timeOf(s.stored);
    /** @type {Fact} */
    const fact = { sid: sid ? sid.toLowerCase() : null, actor: actor.key, verb: verb, object: objectId, kind: "other", target: "", parent: "", at: at, result: s.result };
    const lesson = LESSON_AT_END.exec(objectId);
    const assessment = lesson ? null : ASSESSMENT_AT_END.exec(objectId);
    if (lesson) {
      const id = courseLesson(lesson[1]);
      if (!id) {
        skip(SKIP.course);
        return;
      }
      fact.kind = "lesson";
      fact.target = id;
      fact.parent = objectId.slice(0, lesson.index);
    } else if (assessment) {
      if (!courseAssessment(assessment[1])) {
        skip(SKIP.course);
        return;
      }
      fact.kind = "assessment";
      fact.target = assessment[1];
      fact.parent = objectId.slice(0, assessment.index);
    }
    facts.push(fact);
    const known = actors.get(actor.key);
    const stamp = at || "";
    if (!known) actors.set(actor.key, { name: actor.name, nameAt: stamp, ident: actor.ident });
    else if (actor.name && (!known.name || stamp >= known.nameAt)) {
      known.name = actor.name;
      known.nameAt = stamp;
    }
  }

  /** @returns {StatementsRead} */
  function finish() {
    // Voiding: remove what the input holds; count the rest as ignored.
    const voided = new Set(voids);
    let removed = 0;
    const kept = facts.filter(function (f) {
      if (f.sid && voided.has(f.sid)) {
        removed += 1;
        return false;
      }
      return true;
    });
    const present = new Set(facts.map(function (f) { return f.sid; }));
    const voidsIgnored = voids.filter(function (id) { return !present.has(id); }).length;

    // The AU's ids: what the course's lessons and assessments are below.
    /** @type {Set<string>} */
    const units = new Set();
    kept.forEach(function (f) { if (f.kind !== "other") units.add(f.parent); });

    /** @type {Map<string, {lessons: Map<string, ReportLesson & {at: string}>, results: Map<string, Array<ReportResult & {attempts: number}>>, course: Array<Fact>, last: string}>} */
    const people = new Map();
    /** @param {string} key */
    function person(key) {
      let p = people.get(key);
      if (!p) {
        p = { lessons: new Map(), results: new Map(), course: [], last: "" };
        people.set(key, p);
      }
      return p;
    }
    let session = 0;
    let results = 0;
    const lessonTitles = catalogue ? catalogue.lessons : {};
    kept.forEach(function (f) {
      if (f.kind === "other" && !units.has(f.object)) {
        skip(SKIP.course);
        return;
      }
      if (people.size >= MAX_LEARNERS && !people.has(f.actor)) {
        skip("a learner beyond the first " + MAX_LEARNERS.toLocaleString("en-US"));
        return;
      }
      const short = f.verb.indexOf(ADL) === 0 ? f.verb.slice(ADL.length) : "";
      if (f.kind === "lesson") {
        if (short !== "completed" && short !== "passed") {
          skip(SKIP.verb);
          return;
        }
        const p = person(f.actor);
        const before = p.lessons.get(f.target);
        if (!before && p.lessons.size >= MAX_LESSONS) {
          skip(SKIP.lessons);
          return;
        }
        const score = scoreOf(f.result);
        const whole = score && score.total !== 100 ? score : null;
        if (!before || (f.at || "~") < (before.at || "~")) {
          const entry = lessonTitles[f.target];
          p.lessons.set(f.target, {
            id: f.target,
            title: entry && typeof entry.title === "string" ? cleanName(entry.title, 200) : f.target,
            status: "complete",
            completedAt: f.at ? f.at.slice(0, 10) : null,
            correct: whole ? whole.correct : 0,
            total: whole ? whole.total : 0,
            at: f.at || "",
          });
        }
        if (f.at && f.at > p.last) p.last = f.at;
        return;
      }
      if (f.kind === "assessment" || short === "passed" || short === "failed") {
        if (short !== "passed" && short !== "failed") {
          skip(f.kind === "assessment" ? SKIP.verb : SKIP.course);
          return;
        }
        const score = scoreOf(f.result);
        if (!score) {
          skip(SKIP.score);
          return;
        }
        const p = person(f.actor);
        if (f.kind === "other") {
          p.course.push(f);
        } else if (!p.results.has(f.target) && p.results.size >= MAX_ASSESSMENTS) {
          skip(SKIP.assessments);
          return;
        } else {
          const success = isObject(f.result) && typeof f.result.success === "boolean" ? f.result.success : short === "passed";
          const ext = isObject(f.result) && isObject(f.result.extensions) ? f.result.extensions[EXT_ATTEMPTS] : null;
          const attempts = typeof ext === "number" && Number.isInteger(ext) && ext >= 1 && ext <= 1000 ? ext : 1;
          const list = p.results.get(f.target) || [];
          list.push({ percent: score.percent, correct: score.correct, total: score.total, passed: success, at: f.at, attempts: attempts });
          p.results.set(f.target, list);
          results += 1;
        }
        if (f.at && f.at > p.last) p.last = f.at;
        return;
      }
      if (short === "completed") {
        const p = person(f.actor);
        p.course.push(f);
        if (f.at && f.at > p.last) p.last = f.at;
        return;
      }
      session += 1;
    });

    // Course-level completed and passed / failed say what the lesson and assessment
    // statements do not (an AU that sent no "cmi5 allowed" statements).
    people.forEach(function (p) {
      p.course.forEach(function (f) {
        const short = f.verb.slice(ADL.length);
        if (short === "completed") {
          if (catalogue) {
            catalogue.order.forEach(function (id) {
              if (p.lessons.has(id)) return;
              const entry = catalogue.lessons[id];
              p.lessons.set(id, {
                id: id, title: entry && typeof entry.title === "string" ? cleanName(entry.title, 200) : id,
                status: "complete", completedAt: f.at ? f.at.slice(0, 10) : null, correct: 0, total: 0, at: f.at || "",
              });
            });
          }
          session += 1;
          return;
        }
        if (p.results.has("final") || !courseAssessment("final")) {
          session += 1;
          return;
        }
        if (!p.results.has("final:course") && p.results.size >= MAX_ASSESSMENTS) {
          skip(SKIP.assessments);
          return;
        }
        const score = /** @type {{percent: number, correct: number, total: number}} */ (scoreOf(f.result));
        p.results.set("final:course", (p.results.get("final:course") || []).concat([{
          percent: score.percent, correct: score.correct, total: score.total, passed: short === "passed", at: f.at, attempts: 1,
        }]));
        results += 1;
      });
      const fromCourse = p.results.get("final:course");
      if (fromCourse) {
        p.results.delete("final:course");
        p.results.set("final", fromCourse);
      }
    });

    // Names: the actor's, else its account name or address; shared names get it in brackets.
    /** @type {Map<string, string[]>} */
    const byName = new Map();
    people.forEach(function (p, key) {
      const a = /** @type {{name: string, ident: string}} */ (actors.get(key));
      const name = a.name || a.ident;
      byName.set(name, (byName.get(name) || []).concat([key]));
    });
    const order = catalogue ? catalogue.order : [];
    const checkOrder = catalogue ? Object.keys(catalogue.assessments || {}) : [];
    /** @param {string[]} list @param {string} id */
    const rank = function (list, id) { const i = list.indexOf(id); return i === -1 ? list.length : i; };
    /** @type {LrsLearner[]} */
    const learners = [];
    let lessons = 0;
    // Every learner's name is their own and fits a kept row's (lib/report.js validateReport
    // cuts a learner's name at anatomy.learnerNameChars: two longer ones could become one).
    /** @param {string} name @param {string} suffix */
    const fit = function (name, suffix) { return cleanName(name, anatomy.learnerNameChars - suffix.length) + suffix; };
    /** @type {Set<string>} */
    const taken = new Set();
    people.forEach(function (p, key) {
      const a = /** @type {{name: string, ident: string}} */ (actors.get(key));
      const plain = a.name || a.ident;
      const shared = /** @type {string[]} */ (byName.get(plain)).length > 1;
      let learner = shared && a.name ? fit(a.name, " (" + cleanName(a.ident, 40) + ")") : plain;
      // Still another's (one account name at two homes, or cut short alike): a number.
      for (let k = 2; taken.has(learner); k += 1) learner = fit(plain, " (" + k + ")");
      taken.add(learner);
      const list = Array.from(p.lessons.values()).sort(function (x, y) { return rank(order, x.id) - rank(order, y.id); })
        .map(function (l) {
          return { id: l.id, title: l.title, status: l.status, completedAt: l.completedAt, correct: l.correct, total: l.total };
        });
      lessons += list.length;
      /** @type {ReportAssessment[]} */
      const assessments = [];
      Array.from(p.results.keys()).sort(function (x, y) { return rank(checkOrder, x) - rank(checkOrder, y); }).forEach(function (id) {
        const all = /** @type {Array<ReportResult & {attempts: number}>} */ (p.results.get(id));
        const byTime = all.slice().sort(function (x, y) { return (x.at || "~") < (y.at || "~") ? -1 : (x.at || "~") > (y.at || "~") ? 1 : 0; });
        let best = byTime[0];
        byTime.forEach(function (r) { if (r.percent > best.percent) best = r; });
        const entry = catalogue && catalogue.assessments ? catalogue.assessments[id] : null;
        /** @param {ReportResult & {attempts: number}} r @returns {ReportResult} */
        const plainResult = function (r) { return { percent: r.percent, correct: r.correct, total: r.total, passed: r.passed, at: r.at }; };
        assessments.push({
          id: id,
          title: entry && typeof entry.title === "string" ? cleanName(entry.title, 200) : id,
          kind: id === "final" ? "final" : "module",
          attempts: Math.max(all.length, Math.max.apply(null, all.map(function (r) { return r.attempts; }))),
          first: plainResult(byTime[0]),
          best: plainResult(best),
        });
      });
      if (!list.length && !assessments.length) return;
      learners.push({ key: key, learner: learner, created: p.last, lessons: list, assessments: assessments });
    });

    const reasons = Array.from(skipped.entries()).map(function (e) { return { reason: e[0], count: e[1] }; })
      .sort(function (x, y) { return y.count - x.count; });
    return {
      read: read,
      skipped: reasons,
      skippedCount: reasons.reduce(function (s, r) { return s + r.count; }, 0),
      voided: removed,
      voidsIgnored: voidsIgnored,
      session: session,
      lessons: lessons,
      results: results,
      learners: learners,
    };
  }

  return { add: add, finish: finish };
}

/**
 * All of it at once: the statements in `values` (StatementResults, statements) read.
 * @param {unknown[]} values
 * @param {import("./catalogue.js").Catalogue | null} catalogue
 * @returns {StatementsRead}
 */
export function readStatements(values, catalogue) {
  const reader = createStatementReader(catalogue);
  values.forEach(function (v) {
    if (isStatementResult(v)) /** @type {unknown[]} */ (/** @type {any} */ (v).statements).forEach(reader.add);
    else reader.add(v);
  });
  return reader.finish();
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
 * "1 lesson", "1,200 lessons".
 * @param {number} n
 * @param {string} word
 * @returns {string}
 */
function plural(n, word) {
  return num(n) + " " + word + (n === 1 ? "" : "s");
}

/**
 * The sentence about one input's statements, after its name: "12 statements read, 3
 * skipped: not from this course (3). In the table: 5 finished lessons and 1 assessment
 * result of 2 learners." `ok` is false when nothing could be shown.
 * @param {StatementsRead} r
 * @returns {{ok: boolean, text: string}}
 */
export function statementsSummary(r) {
  let text = plural(r.read, "xAPI statement") + " read";
  text += r.skippedCount
    ? ", " + num(r.skippedCount) + " skipped: " + r.skipped.map(function (s) { return s.reason + " (" + num(s.count) + ")"; }).join(", ") + "."
    : ", none skipped.";
  const shown = r.lessons + r.results;
  if (shown) {
    text += " In the table: " + plural(r.lessons, "finished lesson") + " and " + plural(r.results, "assessment result") + " of " +
      plural(r.learners.length, "learner") + ".";
  }
  if (r.session) text += " " + num(r.session) + " about the course as a whole (started, ended, completed) add nothing to the table.";
  if (r.voided) text += " " + plural(r.voided, "voided statement") + " left out.";
  if (r.voidsIgnored) {
    text += " " + plural(r.voidsIgnored, "voiding statement") + " ignored: the statements they void are not in this file " +
      "(an LRS leaves voided statements out of its answers).";
  }
  if (!shown) {
    text += " Nothing in it is progress in this course's lessons or assessments: export the statements of the activity " +
      "your learning system gave this course (with related activities), or check that it runs the course's cmi5 package.";
  }
  return { ok: shown > 0, text: text };
}
