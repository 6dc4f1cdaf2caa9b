// @ts-check
/**
 * cmi5 for the course's one AU: the launch parameters, the statements, and which of them
 * are due. Pure: no browser API (tests/js/lms.test.mjs); docs/assets/js/lms/cmi5.js sends
 * them. Sections are those of the cmi5 specification ("quartz" edition, cmi5_spec.md).
 *
 * Launch (§8.1): the LMS opens the AU's URL with five query parameters: endpoint (the
 * xAPI endpoint, §8.1.1), fetch (the auth-token URL, §8.1.2), actor (a JSON Agent with an
 * account, §8.1.3), registration (a UUID, §8.1.4) and activityId (an IRI, §8.1.5).
 * parseLaunch() takes them from a query string; only http(s) URLs and a well-formed
 * actor are accepted, else it says what is missing.
 *
 * Statements (§9): every one has an id (a UUID, §9.1), the launch's actor (§9.2), an ADL
 * verb (§9.3: initialized, completed, passed, failed, terminated), the AU as object
 * (activityId, objectType Activity, §9.4), a timestamp (§9.7) and the context of
 * LMS.LaunchData's contextTemplate (§10.2.1: the session id extension §9.6.3.1 and the
 * publisher id grouping §9.6.2.3) with the registration (§9.6.1) and the cmi5 category
 * activity (§9.6.2.1). completed, passed and failed also carry the moveOn category
 * (§9.6.2.2) and a result: completion true (§9.5.3) or success true/false with the score
 * (§9.5.1, §9.5.2: scaled 0-1, raw 0-100 with min and max) and, when LMS.LaunchData gives
 * a masteryScore, the masteryscore extension (§9.6.3.2). Every one but initialized has a
 * duration (§9.5.4.1).
 *
 * Which are due (dueVerbs), by the ordering rules of §9.3 and the launch mode (§10.2.2):
 * - initialized first in a session, terminated last, nothing after terminated (§7.1.1,
 *   §7.1.2); no verb twice in a session, and only one of passed / failed per session;
 * - completed once per registration, when every lesson is complete;
 * - passed once per registration, when the best final attempt reaches the pass mark
 *   (masteryScore when the LMS gives one, §9.5.1); never failed after passed;
 * - failed only when the session ends (terminate) without a pass, so a learner who fails
 *   and then passes in the same session is reported passed, not failed;
 * - in Browse or Review mode, none of completed, passed, failed (§10.2.2).
 * What was sent in earlier sessions of the registration ("registration" flags) is kept by
 * the AU in the State API with its suspend data.
 *
 * "cmi5 allowed" statements (§7.1.3: any verb, the context template, but NOT the cmi5
 * category activity of §9.6.2.1), so an LRS (and the lead's team progress page,
 * lib/xapi.js) sees progress per lesson: dueAllowed() says which are due, allowedStatement()
 * writes each. They go between initialized and terminated (§7.1.3, §9.3: order by
 * timestamp), only in Normal launch mode (§10.2.2: Browse and Review record no
 * satisfaction-related data), once per registration (the AU keeps what it reported, Reported,
 * in the State API):
 * - a lesson completed: verb completed, object `<activityId>/lessons/<lesson id>`
 *   (activity type lesson), result completion true and the lesson's first-attempt quiz score
 *   (raw correct, max the quizzes, scaled);
 * - a module check or final assessment attempt the progress store keeps (its first and its
 *   best): verb passed or failed, object `<activityId>/assessments/<module id | final>`
 *   (activity type assessment), result success and score (raw correct, max questions,
 *   scaled), and EXT_ATTEMPTS, the attempts made so far.
 * Their context: the template (session id §9.6.3.1, publisher id grouping), the
 * registration, and the AU as `parent`; any category activity but cmi5's is kept.
 */

import { ACTIVITY_ASSESSMENT, ACTIVITY_LESSON, ASSESSMENTS_PATH, EXT_ATTEMPTS, LESSONS_PATH } from "./xapi-vocab.js";

export { ACTIVITY_ASSESSMENT, ACTIVITY_LESSON, ASSESSMENTS_PATH, EXT_ATTEMPTS, LESSONS_PATH };

export const VERBS = {
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
};
export const CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const EXT_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
export const EXT_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
/** The AU's own State API document: its suspend data and what it already reported. */
export const AU_STATE_ID = "https://w3id.org/xapi/cmi5/x/selling-as-connection/au-state";
export const LAUNCH_DATA_ID = "LMS.LaunchData";
/** Lessons and assessment results kept as reported: more are ignored (a course has 20 and 6). */
const MAX_REPORTED = 500;
const ITEM_ID = /^[a-z0-9][a-z0-9-]{0,59}(?:\/[a-z0-9][a-z0-9-]{0,59})?$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * @typedef {object} Launch
 * @property {string} endpoint ending in "/"
 * @property {string} fetch
 * @property {Record<string, any>} actor
 * @property {string} registration
 * @property {string} activityId
 */

/**
 * @param {unknown} value
 * @returns {string | null} an absolute http(s) URL
 */
function httpUrl(value) {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

/**
 * @param {unknown} value parsed JSON
 * @returns {boolean} an Agent with an account (homePage, name), or an mbox
 */
function validActor(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const a = /** @type {Record<string, any>} */ (value);
  if (a.account && typeof a.account === "object") {
    return typeof a.account.name === "string" && a.account.name !== "" && httpUrl(a.account.homePage) !== null;
  }
  return typeof a.mbox === "string" && /^mailto:[^@\s]+@[^@\s]+$/.test(a.mbox);
}

/**
 * The launch parameters of a query string (§8.1), or why they are not usable.
 * @param {string} search location.search
 * @returns {{ok: true, launch: Launch} | {ok: false, missing: string[]}}
 */
export function parseLaunch(search) {
  const params = new URLSearchParams(typeof search === "string" ? search : "");
  /** @type {string[]} */
  const missing = [];
  const endpoint = httpUrl(params.get("endpoint"));
  const fetchUrl = httpUrl(params.get("fetch"));
  let actor = null;
  try {
    actor = JSON.parse(params.get("actor") || "null");
  } catch (e) {
    actor = null;
  }
  const registration = params.get("registration") || "";
  const activityId = params.get("activityId") || "";
  if (!endpoint) missing.push("endpoint");
  if (!fetchUrl) missing.push("fetch");
  if (!validActor(actor)) missing.push("actor");
  if (!UUID.test(registration)) missing.push("registration");
  if (!activityId || activityId.length > 2000 || !/^[a-z][a-z0-9+.-]*:/i.test(activityId)) missing.push("activityId");
  if (missing.length) return { ok: false, missing: missing };
  return {
    ok: true,
    launch: {
      endpoint: /** @type {string} */ (endpoint).replace(/\/?$/, "/"),
      fetch: /** @type {string} */ (fetchUrl),
      actor: /** @type {Record<string, any>} */ (actor),
      registration: registration.toLowerCase(),
      activityId: activityId,
    },
  };
}

/**
 * @typedef {object} LaunchData LMS.LaunchData (§10.2), as far as the AU uses it
 * @property {Record<string, any>} contextTemplate
 * @property {"Normal" | "Browse" | "Review"} launchMode
 * @property {number | null} masteryScore 0-1
 * @property {string} moveOn
 * @property {string | null} returnURL
 */

/**
 * LMS.LaunchData read leniently: a missing or odd document gives Normal mode and an
 * empty context template (the statements then still carry registration and category).
 * @param {unknown} value parsed JSON
 * @returns {LaunchData}
 */
export function cleanLaunchData(value) {
  const raw = value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, any>} */ (value) : {};
  const template = raw.contextTemplate && typeof raw.contextTemplate === "object" && !Array.isArray(raw.contextTemplate)
    ? raw.contextTemplate : {};
  const mode = raw.launchMode === "Browse" || raw.launchMode === "Review" ? raw.launchMode : "Normal";
  const mastery = typeof raw.masteryScore === "number" && raw.masteryScore >= 0 && raw.masteryScore <= 1 ? raw.masteryScore : null;
  return {
    contextTemplate: JSON.parse(JSON.stringify(template)),
    launchMode: mode,
    masteryScore: mastery,
    moveOn: typeof raw.moveOn === "string" ? raw.moveOn : "NotApplicable",
    returnURL: httpUrl(raw.returnURL),
  };
}

/**
 * @typedef {object} StatementContext
 * @property {Launch} launch
 * @property {LaunchData} data
 * @property {() => string} uuid a new UUID v4
 * @property {() => Date} now
 */

/**
 * The context of a cmi5 defined statement: the template, the registration, the cmi5
 * category (and moveOn when asked).
 * @param {StatementContext} ctx
 * @param {boolean} moveOn
 * @param {boolean} mastery add the masteryscore extension (passed / failed)
 * @returns {Record<string, any>}
 */
function context(ctx, moveOn, mastery) {
  const c = JSON.parse(JSON.stringify(ctx.data.contextTemplate || {}));
  c.registration = ctx.launch.registration;
  const activities = c.contextActivities && typeof c.contextActivities === "object" ? c.contextActivities : {};
  const category = Array.isArray(activities.category) ? activities.category.slice() : [];
  [CATEGORY_CMI5].concat(moveOn ? [CATEGORY_MOVEON] : []).forEach(function (id) {
    if (!category.some(function (a) { return a && a.id === id; })) category.push({ id: id, objectType: "Activity" });
  });
  activities.category = category;
  c.contextActivities = activities;
  if (mastery && ctx.data.masteryScore !== null) {
    c.extensions = Object.assign({}, c.extensions || {});
    c.extensions[EXT_MASTERY] = ctx.data.masteryScore;
  }
  return c;
}

/**
 * One cmi5 defined statement.
 * @param {StatementContext} ctx
 * @param {keyof typeof VERBS} verb
 * @param {{durationMs?: number, percent?: number}} [facts]
 * @returns {Record<string, any>}
 */
export function statement(ctx, verb, facts) {
  const f = facts || {};
  const judged = verb === "passed" || verb === "failed";
  /** @type {Record<string, any>} */
  const s = {
    id: ctx.uuid(),
    actor: ctx.launch.actor,
    verb: { id: VERBS[verb], display: { "en-US": verb } },
    object: { id: ctx.launch.activityId, objectType: "Activity" },
    context: context(ctx, verb === "completed" || judged, judged),
    timestamp: ctx.now().toISOString(),
  };
  /** @type {Record<string, any> | null} */
  let result = null;
  if (verb === "completed") result = { completion: true };
  if (judged) {
    const percent = Math.max(0, Math.min(100, Math.floor(f.percent || 0)));
    result = { success: verb === "passed", score: { scaled: percent / 100, raw: percent, min: 0, max: 100 } };
  }
  if (verb !== "initialized") {
    result = result || {};
    result.duration = isoDurationOf(f.durationMs || 0);
  }
  if (result) s.result = result;
  return s;
}

/**
 * @param {number} ms
 * @returns {string} "PT1H2M3.45S"
 */
function isoDurationOf(ms) {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const sec = (cs % 6000) / 100;
  return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (sec || (!h && !m) ? sec + "S" : "");
}

/**
 * @typedef {object} Sent what was already reported
 * @property {Record<string, boolean>} registration verbs sent in any session of this registration
 * @property {Record<string, boolean>} session verbs sent in this session
 */

/**
 * The verbs due now, in the order to send them (see the header for the rules).
 * @param {import("./lms-status.js").Summary} summary
 * @param {LaunchData} data
 * @param {Sent} sent
 * @param {number} passMark percent, used when LMS.LaunchData has no masteryScore
 * @param {"start" | "change" | "terminate"} moment
 * @returns {Array<keyof typeof VERBS>}
 */
export function dueVerbs(summary, data, sent, passMark, moment) {
  const session = sent.session || {};
  const registration = sent.registration || {};
  /** @type {Array<keyof typeof VERBS>} */
  const out = [];
  if (session.terminated) return out;
  if (!session.initialized) out.push("initialized");
  if (data.launchMode === "Normal") {
    if (summary.complete && !registration.completed && !session.completed) out.push("completed");
    const judgedNow = session.passed || session.failed;
    const threshold = data.masteryScore !== null ? data.masteryScore * 100 : passMark;
    const passing = summary.final !== null && summary.final.percent >= threshold;
    if (summary.final && passing && !registration.passed && !judgedNow) out.push("passed");
    else if (summary.final && !passing && moment === "terminate" && !registration.passed && !judgedNow) out.push("failed");
  }
  if (moment === "terminate") out.push("terminated");
  return out;
}

/**
 * @typedef {object} Reported the "cmi5 allowed" statements already sent in this registration
 * @property {Record<string, boolean>} lessons lesson ids reported completed
 * @property {Record<string, string[]>} checks per assessment id, the attempts reported (attemptKey)
 */

/**
 * What the AU's State API document says was reported, read leniently (untrusted): anything
 * that is not a lesson or assessment id, or not a list of strings, is dropped.
 * @param {unknown} value the document's `allowed` property
 * @returns {Reported}
 */
export function cleanReported(value) {
  /** @type {Reported} */
  const out = { lessons: {}, checks: {} };
  const raw = value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, any>} */ (value) : {};
  const lessons = raw.lessons && typeof raw.lessons === "object" && !Array.isArray(raw.lessons) ? raw.lessons : {};
  Object.keys(lessons).slice(0, MAX_REPORTED).forEach(function (id) {
    if (ITEM_ID.test(id) && lessons[id] === true) out.lessons[id] = true;
  });
  const checks = raw.checks && typeof raw.checks === "object" && !Array.isArray(raw.checks) ? raw.checks : {};
  Object.keys(checks).slice(0, MAX_REPORTED).forEach(function (id) {
    if (!ITEM_ID.test(id) || !Array.isArray(checks[id])) return;
    out.checks[id] = checks[id].filter(function (k) { return typeof k === "string" && k.length <= 80; }).slice(0, MAX_REPORTED);
  });
  return out;
}

/**
 * @typedef {{kind: "lesson", id: string, correct: number, total: number}} AllowedLesson
 * @typedef {{kind: "assessment", id: string, key: string, attempts: number,
 *   result: {percent: number, correct: number, total: number, passed: boolean, at: string | null}}} AllowedResult
 * @typedef {AllowedLesson | AllowedResult} AllowedItem
 */

/**
 * The key of one attempt, to know it was reported: its time to the second (suspend data
 * keeps seconds, lib/lms-suspend.js) and its score, "2026-12-01T10:00:00|9/12".
 * @param {{at: string | null, correct: number, total: number}} result
 * @returns {string}
 */
function attemptKey(result) {
  return (result.at ? result.at.slice(0, 19) : "") + "|" + result.correct + "/" + result.total;
}

/**
 * Whether an attempt's key is among those reported: the same score at the same second,
 * or the same score where one of the two lost its time (suspend data shortened to fit).
 * @param {string[]} done
 * @param {string} key
 * @returns {boolean}
 */
function wasReported(done, key) {
  const cut = key.indexOf("|");
  return done.some(function (k) {
    const c = k.indexOf("|");
    if (k.slice(c) !== key.slice(cut)) return false;
    return k.slice(0, c) === key.slice(0, cut) || c === 0 || cut === 0;
  });
}

/**
 * The "cmi5 allowed" statements due now (see the header): lessons complete and not yet
 * reported, in course order, then each assessment's first and best attempts not yet
 * reported, oldest first. [] outside Normal mode. Pure; never throws.
 * @param {import("./state.js").ProgressState} state a cleaned state
 * @param {import("./lms-status.js").CourseFacts} course
 * @param {LaunchData} data
 * @param {Reported} reported
 * @returns {AllowedItem[]}
 */
export function dueAllowed(state, course, data, reported) {
  if (!data || data.launchMode !== "Normal" || !state) return [];
  /** @type {AllowedItem[]} */
  const out = [];
  const records = state.lessons || {};
  (course && Array.isArray(course.lessons) ? course.lessons : []).forEach(function (id) {
    const r = Object.prototype.hasOwnProperty.call(records, id) ? records[id] : null;
    if (r && r.status === "complete" && !reported.lessons[id]) {
      out.push({ kind: "lesson", id: id, correct: Math.min(r.correct, r.total), total: r.total });
    }
  });
  const assessments = state.assessments || {};
  const known = course && Array.isArray(course.checks) ? course.checks : Object.keys(assessments);
  known.forEach(function (id) {
    const record = Object.prototype.hasOwnProperty.call(assessments, id) ? assessments[id] : null;
    if (!record || !ITEM_ID.test(id)) return;
    const done = reported.checks[id] || [];
    /** @type {AllowedResult[]} */
    const items = [];
    [record.first, record.best].forEach(function (r) {
      if (!r || !r.total) return;
      const key = attemptKey(r);
      if (wasReported(done, key) || items.some(function (i) { return i.key === key; })) return;
      items.push({
        kind: "assessment", id: id, key: key, attempts: Math.max(1, record.attempts || 1),
        result: { percent: r.percent, correct: r.correct, total: r.total, passed: r.passed === true, at: r.at },
      });
    });
    items.sort(function (a, b) { return (a.result.at || "~") < (b.result.at || "~") ? -1 : 1; });
    items.forEach(function (i) { out.push(i); });
  });
  return out;
}

/**
 * Note an item as reported (the AU saves `reported` with its State API document).
 * @param {Reported} reported changed in place
 * @param {AllowedItem} item
 */
export function markReported(reported, item) {
  if (item.kind === "lesson") reported.lessons[item.id] = true;
  else (reported.checks[item.id] = reported.checks[item.id] || []).push(item.key);
}

/**
 * The object id of a lesson or an assessment below the AU's activityId.
 * @param {string} activityId
 * @param {"lesson" | "assessment"} kind
 * @param {string} id the lesson id ("connection/x") or assessment id ("connection", "final")
 * @returns {string}
 */
export function childActivityId(activityId, kind, id) {
  return activityId + (kind === "lesson" ? LESSONS_PATH : ASSESSMENTS_PATH) + id;
}

/**
 * A score as xAPI writes it (§9.5.1 for the scaled value's range).
 * @param {number} correct
 * @param {number} total > 0
 * @returns {{scaled: number, raw: number, min: number, max: number}}
 */
function scoreOf(correct, total) {
  return { scaled: Math.round((correct / total) * 10000) / 10000, raw: correct, min: 0, max: total };
}

/**
 * One "cmi5 allowed" statement for a due item (see the header).
 * @param {StatementContext} ctx
 * @param {AllowedItem} item
 * @param {string} [title] the lesson's or assessment's title, for the activity definition
 * @returns {Record<string, any>}
 */
export function allowedStatement(ctx, item, title) {
  const c = JSON.parse(JSON.stringify(ctx.data.contextTemplate || {}));
  c.registration = ctx.launch.registration;
  const activities = c.contextActivities && typeof c.contextActivities === "object" ? c.contextActivities : {};
  if (Array.isArray(activities.category)) {
    activities.category = activities.category.filter(function (/** @type {any} */ a) { return !a || a.id !== CATEGORY_CMI5; });
    if (!activities.category.length) delete activities.category;
  }
  const parent = Array.isArray(activities.parent) ? activities.parent.slice() : [];
  if (!parent.some(function (a) { return a && a.id === ctx.launch.activityId; })) {
    parent.push({ id: ctx.launch.activityId, objectType: "Activity" });
  }
  activities.parent = parent;
  c.contextActivities = activities;
  const lesson = item.kind === "lesson";
  /** @type {Record<string, any>} */
  const definition = { type: lesson ? ACTIVITY_LESSON : ACTIVITY_ASSESSMENT };
  if (title) definition.name = { "en-US": title };
  /** @type {Record<string, any>} */
  let result;
  let verb;
  if (item.kind === "lesson") {
    verb = "completed";
    result = { completion: true };
    if (item.total > 0) result.score = scoreOf(item.correct, item.total);
  } else {
    verb = item.result.passed ? "passed" : "failed";
    result = { success: item.result.passed, score: scoreOf(item.result.correct, item.result.total), extensions: {} };
    result.extensions[EXT_ATTEMPTS] = item.attempts;
  }
  return {
    id: ctx.uuid(),
    actor: ctx.launch.actor,
    verb: { id: VERBS[verb], display: { "en-US": verb } },
    object: { id: childActivityId(ctx.launch.activityId, item.kind, item.id), objectType: "Activity", definition: definition },
    result: result,
    context: c,
    timestamp: ctx.now().toISOString(),
  };
}
