// @ts-check
/**
 * The AU side of cmi5 (the cmi5 package only): a small xAPI client for the one AU of the
 * course, written for it instead of vendoring @xapi/cmi5 1.4.0 (its dist/Cmi5.umd.js is
 * 90 KB, and it depends on @xapi/xapi and axios), of which this AU would use five calls;
 * this file and lib/lms-cmi5.js are 10 KB minified. The rules
 * (which statement, when, with what) are pure and tested in lib/lms-cmi5.js; this file
 * only talks HTTP. Sections: the cmi5 specification ("quartz", cmi5_spec.md).
 *
 * A launch, in order:
 * 1. parseLaunch(location.search) (§8.1); without the five parameters this is no cmi5
 *    launch and the course runs on its own.
 * 2. The launcher's Content-Security-Policy is narrowed to the endpoint's and the fetch
 *    URL's origins (course.package.launcher explains the two policies).
 * 3. POST to the fetch URL, once (§8.2.1): {"auth-token": "..."} is sent as
 *    "Authorization: Basic <token>" with every xAPI request (§8.2.2), with
 *    X-Experience-API-Version 1.0.3. An error body ({"error-code": ...}, §8.2.3) or a
 *    failed request ends the attempt: the course runs on its own and says so.
 * 4. GET the State API document LMS.LaunchData (§10: activityId, agent, registration,
 *    stateId) and the AU's own document (AU_STATE_ID: suspend data, the location, which
 *    verbs this registration already has).
 * 5. "initialized" (§7.1.1), then on every change the "cmi5 allowed" statements
 *    lib/lms-cmi5.js dueAllowed() says (a lesson completed, an assessment attempt) and the
 *    verbs dueVerbs() says, and on pagehide "terminated" (§7.1.2) after any last ones, sent
 *    with keepalive so the request outlives the page. Timestamps only ever grow, so the
 *    order §9.3 reads from them is the order they were made in.
 *
 * Statements go out in order, up to BATCH in one request; on pagehide, one last request with
 * all that is not already in flight (see flush). A request the LRS refuses (or a network
 * failure) keeps its statements at the head of the queue for the next attempt;
 * problem() says so, and nothing is ever thrown to the learner.
 */
import {
  AU_STATE_ID, LAUNCH_DATA_ID, allowedStatement, cleanLaunchData, cleanReported, dueAllowed, dueVerbs, markReported, parseLaunch,
  statement,
} from "../lib/lms-cmi5.js";
import { progressSummary } from "../lib/lms-status.js";
import { decodeSuspend, encodeSuspend } from "../lib/lms-suspend.js";

const XAPI_VERSION = "1.0.3";
const SAVE_MS = 1500;
/** Statements per request at most (xAPI takes an array in one POST). */
const BATCH = 25;

/** @returns {string} a UUID v4 */
function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}

/**
 * Add a Content-Security-Policy naming exactly these origins for connect-src; the page
 * keeps its own, so the two together allow only these (CSP3 §8.1).
 * @param {string[]} urls
 */
function narrowPolicy(urls) {
  const origins = urls.map(function (u) { return new URL(u).origin; })
    .filter(function (o, i, all) { return all.indexOf(o) === i; });
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "connect-src 'self' " + origins.join(" ");
  document.head.appendChild(meta);
}

/**
 * @param {import("../lib/lms-cmi5.js").Launch} launch
 * @param {string} stateId
 * @returns {string}
 */
function stateUrl(launch, stateId) {
  const q = new URLSearchParams({
    stateId: stateId, activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration,
  });
  return launch.endpoint + "activities/state?" + q.toString();
}

/**
 * Start the cmi5 session, or null when this is no cmi5 launch. Resolves to an object
 * with `failed` (a sentence) when the LMS was named but did not let the AU in.
 * @param {import("../lib/lms-status.js").CourseFacts} course
 * @param {string} search location.search
 * @returns {Promise<import("./scorm.js").Adapter | {failed: string} | null>}
 */
export async function connectCmi5(course, search) {
  const parsed = parseLaunch(search);
  if (parsed.ok === false) {
    return parsed.missing.length === 5 ? null : { failed: "the launch address lacks " + parsed.missing.join(", ") };
  }
  const launch = parsed.launch;
  try {
    narrowPolicy([launch.endpoint, launch.fetch]);
  } catch (e) {
    /* the page's own policy still applies */
  }
  let token = "";
  try {
    const r = await fetch(launch.fetch, { method: "POST", cache: "no-store", credentials: "omit" });
    const body = await r.json();
    token = body && typeof body["auth-token"] === "string" ? body["auth-token"] : "";
  } catch (e) {
    token = "";
  }
  if (!token) return { failed: "the LMS gave no authorization token" };
  const headers = { Authorization: "Basic " + token, "X-Experience-API-Version": XAPI_VERSION };

  /**
   * @param {string} stateId
   * @returns {Promise<any>} the document, or null
   */
  async function readState(stateId) {
    try {
      const r = await fetch(stateUrl(launch, stateId), { headers: headers, cache: "no-store", credentials: "omit" });
      return r.ok ? await r.json() : null;
    } catch (e) {
      return null;
    }
  }

  const data = cleanLaunchData(await readState(LAUNCH_DATA_ID));
  const saved = await readState(AU_STATE_ID);
  const own = saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
  /** @type {{registration: Record<string, boolean>, session: Record<string, boolean>}} */
  const sent = { registration: {}, session: {} };
  if (own.sent && typeof own.sent === "object") {
    ["completed", "passed"].forEach(function (v) { if (own.sent[v] === true) sent.registration[v] = true; });
  }
  const reported = cleanReported(own.allowed);
  const started = Date.now();
  let lastTime = 0;
  /** @returns {Date} now, and always later than the time before */
  function now() {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return new Date(lastTime);
  }
  const ctx = { launch: launch, data: data, uuid: uuid, now: now };
  const titles = course.titles || {};
  /** @type {Array<Record<string, any>>} */
  const queue = [];
  let busy = false;
  let refused = /** @type {string | null} */ (null);
  let lastSuspend = typeof own.suspend === "string" ? own.suspend : "";
  let lastLocation = typeof own.location === "string" ? own.location : null;
  let saveTimer = /** @type {any} */ (null);
  /** `reported` changed since the State API document was last saved */
  let unsaved = false;

  /** Statements at the head of the queue that a request is carrying now. */
  let inFlight = 0;
  /** The page is going: the last request is out, nothing is sent after it. */
  let closed = false;

  /**
   * Send the queue, in order. While the page stays, one request at a time of up to
   * BATCH statements. On pagehide (keepalive), one last request with everything not
   * already in flight, "terminated" last; the loop that is waiting on a request stops
   * when it returns, so nothing goes after terminated (§7.1.2) and no statement goes
   * twice (an LRS may refuse a whole batch holding an id it has: xAPI 1.0.3, part
   * three, §2.1.2, 409 Conflict).
   * @param {boolean} keepalive
   */
  async function flush(keepalive) {
    if (closed) return;
    if (keepalive) {
      closed = true;
      const last = queue.slice(inFlight);
      if (last.length && (await post(last, true))) queue.splice(inFlight, last.length);
      return;
    }
    if (busy) return;
    busy = true;
    while (queue.length && !closed) {
      const batch = queue.slice(0, BATCH);
      inFlight = batch.length;
      const ok = await post(batch, false);
      inFlight = 0;
      if (!ok) break;
      queue.splice(0, batch.length);
      refused = null;
    }
    busy = false;
  }

  /**
   * POST statements; true when the LRS took them, else false with `refused` saying why.
   * @param {Array<Record<string, any>>} batch
   * @param {boolean} keepalive
   * @returns {Promise<boolean>}
   */
  async function post(batch, keepalive) {
    try {
      const r = await fetch(launch.endpoint + "statements", {
        method: "POST", keepalive: keepalive, credentials: "omit",
        headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify(batch),
      });
      if (!r.ok) refused = "the LRS answered " + r.status;
      return r.ok;
    } catch (e) {
      refused = "the LRS could not be reached";
      return false;
    }
  }

  /**
   * @param {boolean} keepalive
   */
  function saveOwn(keepalive) {
    saveTimer = null;
    unsaved = false;
    const doc = { suspend: lastSuspend, location: lastLocation, sent: sent.registration, allowed: reported };
    fetch(stateUrl(launch, AU_STATE_ID), {
      method: "PUT", keepalive: keepalive, credentials: "omit",
      headers: Object.assign({ "Content-Type": "application/json" }, headers), body: JSON.stringify(doc),
    }).catch(function () { /* kept locally; saved again on the next change */ });
  }

  /**
   * @param {import("../lib/state.js").ProgressState} state
   * @param {"start" | "change" | "terminate"} moment
   */
  function step(state, moment) {
    const summary = progressSummary(state, course);
    const verbs = dueVerbs(summary, data, sent, course.passMark, moment);
    /** @param {keyof typeof import("../lib/lms-cmi5.js").VERBS} verb */
    function send(verb) {
      const facts = { durationMs: Date.now() - started, percent: summary.final ? summary.final.percent : 0 };
      queue.push(statement(ctx, verb, facts));
      sent.session[verb] = true;
      if (verb === "completed" || verb === "passed") sent.registration[verb] = true;
    }
    // initialized first, then the "cmi5 allowed" statements, then the other verbs
    // (terminated last): §7.1.3, nothing after terminated.
    if (verbs[0] === "initialized") send(/** @type {"initialized"} */ (verbs.shift()));
    if (sent.session.initialized) {
      dueAllowed(state, course, data, reported).forEach(function (item) {
        queue.push(allowedStatement(ctx, item, titles[item.id]));
        markReported(reported, item);
        unsaved = true;
      });
    }
    verbs.forEach(send);
    const suspend = encodeSuspend(state).text;
    return suspend;
  }

  return {
    name: "cmi5",
    state: decodeSuspend(own.suspend),
    location: lastLocation,
    learnerName: typeof launch.actor.name === "string" ? launch.actor.name : "",
    report: function (state, location) {
      if (sent.session.terminated) return;
      if (!sent.session.initialized) step(state, "start");
      const suspend = step(state, "change");
      flush(false);
      if (suspend !== lastSuspend || location !== lastLocation || unsaved) {
        lastSuspend = suspend;
        lastLocation = location || lastLocation;
        if (!saveTimer) saveTimer = setTimeout(function () { saveOwn(false); }, SAVE_MS);
      }
    },
    end: function (state, location) {
      if (sent.session.terminated) return;
      if (!sent.session.initialized) step(state, "start");
      lastSuspend = step(state, "terminate");
      lastLocation = location || lastLocation;
      if (saveTimer) clearTimeout(saveTimer);
      saveOwn(true);
      flush(true);
    },
    problem: function () { return refused; },
  };
}
