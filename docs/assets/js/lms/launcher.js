// @ts-check
/**
 * The launcher of an LMS package (launch.html, written by course.package.launcher): it
 * owns the LMS session and shows the course in a frame.
 *
 * On launch:
 * 1. course.json gives the lesson list and the final pass mark (lib/lms-status.js
 *    CourseFacts).
 * 2. The standard of the package (<html data-standard>): SCORM 1.2 or 2004 find the API
 *    and start the session (scorm.js); cmi5 reads its launch parameters and opens the
 *    session (cmi5.js).
 * 3. Progress the LMS kept (suspend data) is merged into this browser's progress store
 *    (store.js save: the record showing more progress wins, nothing is lost), and the
 *    LMS's learner name fills an empty name (certificates).
 * 4. The frame opens the page the learner left (the location, only ever a page of the
 *    package: lib/lms-status.js cleanLocation) or the course home.
 * Then every change of the store (this document's, the frame's through the "storage"
 * event, or a "sac:state" message from the frame's bridge.js when storage is blocked) is
 * reported to the LMS, a short moment later; on pagehide the session ends once.
 *
 * Without an LMS (no API, no launch parameters) the course runs as it does on the web,
 * and the note at the top says so once. Messages: only from the frame, of this origin,
 * with these shapes:
 *   {"type": "sac:hello", "path": "<page path>"}                  frame -> launcher
 *   {"type": "sac:state", "path": "<page path>", "state": <progress state>}
 *   {"type": "sac:restore", "state": <progress state>}           launcher -> frame
 * Every value in them is untrusted (store.js cleans states; paths go through cleanLocation).
 */
import * as Store from "../store.js";
import { fetchCourse, validCatalogue } from "../lib/catalogue.js";
import { cleanLocation, readingName } from "../lib/lms-status.js";
import { connectScorm } from "./scorm.js";
import { connectCmi5 } from "./cmi5.js";

const REPORT_MS = 300;
const standard = document.documentElement.getAttribute("data-standard") || "";
const frame = /** @type {HTMLIFrameElement | null} */ (document.querySelector("[data-course-frame]"));
const note = document.querySelector("[data-launch-note]");
const ROOT = new URL("./", location.href).href;

/** @type {import("./scorm.js").Adapter | null} */
let adapter = null;
/** @type {string | null} */
let current = null;
let timer = /** @type {any} */ (null);
let ended = false;
let told = "";

/**
 * Show a sentence at the top of the launcher (once per sentence).
 * @param {string} text
 */
function say(text) {
  if (!note || told === text) return;
  told = text;
  note.textContent = text;
  note.removeAttribute("hidden");
}

/** @returns {Promise<import("../lib/lms-status.js").CourseFacts>} */
async function courseFacts() {
  const data = await fetchCourse(ROOT).catch(function () { return null; });
  const catalogue = data ? validCatalogue(data) : null;
  const final = catalogue && catalogue.assessments ? catalogue.assessments.final : null;
  /** @type {Record<string, string>} */
  const titles = {};
  const assessments = catalogue && catalogue.assessments ? catalogue.assessments : {};
  if (catalogue) {
    catalogue.order.forEach(function (id) {
      const title = catalogue.lessons[id] && catalogue.lessons[id].title;
      if (typeof title === "string") titles[id] = title.slice(0, 200);
    });
  }
  Object.keys(assessments).forEach(function (id) {
    if (typeof assessments[id].title === "string") titles[id] = assessments[id].title.slice(0, 200);
  });
  return {
    lessons: catalogue ? catalogue.order : [], passMark: final && final.passMark ? final.passMark : 80,
    checks: Object.keys(assessments), titles: titles,
  };
}

function report() {
  timer = null;
  if (!adapter || ended) return;
  try {
    adapter.report(Store.load(), current);
  } catch (e) {
    if (window.console) console.error(e);
  }
  const problem = adapter.problem();
  if (problem) say("Your learning system did not take your latest progress (" + problem + "). It is kept in this browser.");
}

function schedule() {
  if (!timer) timer = setTimeout(report, REPORT_MS);
}

function end() {
  if (ended || !adapter) return;
  ended = true;
  if (timer) clearTimeout(timer);
  try {
    adapter.end(Store.load(), current);
  } catch (e) {
    if (window.console) console.error(e);
  }
}

/**
 * @param {MessageEvent} event
 */
function onMessage(event) {
  if (!frame || event.source !== frame.contentWindow) return;
  if (location.origin !== "null" && event.origin !== location.origin) return;
  const data = event.data;
  if (!data || typeof data !== "object") return;
  const path = cleanLocation(data.path);
  if (path) current = path;
  if (data.type === "sac:hello") {
    try {
      event.source.postMessage({ type: "sac:restore", state: Store.load() }, location.origin === "null" ? "*" : location.origin);
    } catch (e) {
      /* the frame merges from storage instead */
    }
  } else if (data.type === "sac:state" && data.state) {
    Store.save(data.state);
  }
  schedule();
}

async function start() {
  const course = await courseFacts();
  /** @type {any} */
  let connected = null;
  try {
    connected = standard === "cmi5"
      ? await connectCmi5(course, location.search)
      : connectScorm(standard === "scorm2004" ? "scorm2004" : "scorm12", course, window);
  } catch (e) {
    connected = null;
  }
  if (connected && connected.failed) {
    say("This course could not connect to your learning system (" + connected.failed + "). Your progress is kept in this browser only.");
    connected = null;
  } else if (!connected) {
    say("No learning system was found, so this course runs on its own: your progress is kept in this browser only.");
  }
  adapter = connected;
  let start = "index.html";
  if (adapter) {
    if (adapter.state) Store.save(adapter.state);
    const name = readingName(adapter.learnerName);
    if (name && !Store.load().learner.name) Store.setLearnerName(name);
    start = cleanLocation(adapter.location) || start;
    current = start;
    report();
    Store.subscribe(schedule);
  }
  window.addEventListener("message", onMessage);
  window.addEventListener("pagehide", end);
  if (frame) frame.src = start;
}

start();
