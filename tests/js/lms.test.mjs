// The LMS packages' pure modules: status mapping, suspend data, cmi5 statements
// (docs/assets/js/lib/lms-*.js), and the shape of docs/assets/js/lms/.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { cleanState, mergeStates, sameState } from "../../docs/assets/js/lib/state.js";
import {
  cleanLocation, decimal, isoDuration, progressSummary, readingName, scorm12Status, scorm12Time, scorm12Values,
  scorm2004Values,
} from "../../docs/assets/js/lib/lms-status.js";
import { MAX_CHARS, decodeSuspend, encodeSuspend } from "../../docs/assets/js/lib/lms-suspend.js";
import {
  CATEGORY_CMI5, CATEGORY_MOVEON, EXT_MASTERY, EXT_SESSION, VERBS, cleanLaunchData, dueVerbs, parseLaunch, statement,
} from "../../docs/assets/js/lib/lms-cmi5.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = join(ROOT, "docs");
const NOT_MODULES = new Set(["assets", "team-leads"]);

/** The course's lessons as they are in docs/: id -> number of quizzes. */
function realLessons() {
  /** @type {Record<string, number>} */
  const out = {};
  for (const module of readdirSync(DOCS, { withFileTypes: true })) {
    if (!module.isDirectory() || NOT_MODULES.has(module.name)) continue;
    const files = readdirSync(join(DOCS, module.name));
    if (!files.includes("index.md")) continue;
    for (const file of files) {
      if (!file.endsWith(".md") || file === "index.md" || file === "module-check.md") continue;
      const text = readFileSync(join(DOCS, module.name, file), "utf8");
      out[module.name + "/" + file.slice(0, -3)] = (text.match(/^<quiz>/gm) || []).length;
    }
  }
  return out;
}

const LESSONS = realLessons();
const IDS = Object.keys(LESSONS);
const MODULES = [...new Set(IDS.map((id) => id.split("/")[0]))];
const COURSE = { lessons: IDS, passMark: 80 };

function result(percent, at, modules) {
  const total = 12;
  const correct = Math.round((percent * total) / 100);
  return { percent: Math.floor((correct * 100) / total), correct, total, passed: percent >= 80, at, modules };
}

/** A learner who finished everything: every lesson, every module check, the final (twice). */
function finishedCourse() {
  const lessons = {};
  IDS.forEach((id, n) => {
    const answers = {};
    for (let q = 0; q < LESSONS[id]; q += 1) {
      const wrong = (n + q) % 3 === 0;
      answers["quiz-" + q] = { correct: !wrong, at: new Date(Date.UTC(2026, 11, 1, 9, n, q * 7)).toISOString(), recovered: wrong };
    }
    const correct = Object.values(answers).filter((a) => a.correct).length;
    lessons[id] = {
      status: "complete", answered: LESSONS[id], correct, total: LESSONS[id], completedAt: "2026-12-01",
      updatedAt: new Date(Date.UTC(2026, 11, 1, 9, n, 59)).toISOString(), answers,
    };
  });
  const assessments = {};
  MODULES.forEach((m, n) => {
    const first = { percent: 66, correct: 4, total: 6, passed: false, at: `2026-12-0${1 + (n % 2)}T10:0${n}:00.000Z`, modules: { [m]: { correct: 4, total: 6 } } };
    const best = { percent: 100, correct: 6, total: 6, passed: true, at: `2026-12-02T11:0${n}:00.000Z`, modules: { [m]: { correct: 6, total: 6 } } };
    assessments[m] = { attempts: 3, first, best };
  });
  const breakdown = (c) => Object.fromEntries(MODULES.map((m, i) => [m, { correct: Math.min(c, i % 3 + 1), total: i % 3 + 2 }]));
  assessments.final = { attempts: 2, first: result(75, "2026-12-03T09:00:00.000Z", breakdown(1)), best: result(91, "2026-12-03T10:30:00.000Z", breakdown(3)) };
  const name = "Élodie Marguerite Okonkwo-Van der Berg, Regional Service & Sales Lead (EMEA) #42";
  return cleanState({ version: 2, lessons, retired: {}, assessments, reviews: {}, learner: { name: name.slice(0, 80), updatedAt: "2026-12-01T08:00:00.000Z" } });
}

test("the real course is what these tests measure: 20 lessons or more, 2-4 quizzes each", () => {
  assert.ok(IDS.length >= 20, "lessons: " + IDS.length);
  for (const id of IDS) assert.ok(LESSONS[id] >= 2 && LESSONS[id] <= 4, id + ": " + LESSONS[id]);
});

test("a finished course fits SCORM 1.2's 4096 and 2004 3rd edition's 4000 characters, with every detail", () => {
  const state = finishedCourse();
  assert.equal(state.learner.name.length, 80);
  const { text, level } = encodeSuspend(state);
  assert.equal(level, 0, "nothing left out");
  assert.ok(text.length <= MAX_CHARS && MAX_CHARS <= 4000, "suspend_data: " + text.length + " characters");
  console.log(`# suspend_data for the finished course (${IDS.length} lessons, ${Object.keys(state.assessments).length} assessments): ${text.length} characters`);
  const back = decodeSuspend(text);
  assert.ok(back);
  // Times keep their second; everything else is as it was.
  assert.deepEqual(back.lessons, state.lessons);
  assert.deepEqual(back.assessments, state.assessments);
  assert.deepEqual(back.learner, state.learner);
  assert.ok(sameState(mergeStates(state, back), state), "restoring into the same browser changes nothing");
});

test("restored progress merges into a browser's own without losing either", () => {
  const lms = finishedCourse();
  const id = IDS[0];
  const other = IDS[1];
  const local = cleanState({
    version: 2,
    lessons: { [other]: { ...lms.lessons[other], status: "in-progress", answered: 1, correct: 1, completedAt: null, answers: { "quiz-0": { correct: true, at: "2026-11-30T08:00:00.000Z", recovered: false } } } },
    assessments: {}, learner: { name: "", updatedAt: null },
  });
  const merged = mergeStates(local, decodeSuspend(encodeSuspend(lms).text));
  assert.equal(merged.lessons[id].status, "complete");
  assert.equal(merged.lessons[other].status, "complete", "the better record wins");
  assert.equal(merged.lessons[other].answers["quiz-0"].at, "2026-11-30T08:00:00.000Z", "the earlier first attempt is kept");
  assert.equal(merged.assessments.final.best.percent, 91);
  assert.equal(merged.learner.name, lms.learner.name);
});

test("too much progress for the limit leaves detail out in order, never the limit", () => {
  const state = finishedCourse();
  let last = -1;
  for (const max of [4000, 2400, 1800, 1300, 1100, 900, 300, 20]) {
    const { text, level } = encodeSuspend(state, max);
    assert.ok(text.length <= max, max + ": " + text.length);
    assert.ok(level >= last);
    last = level;
    if (text) {
      const back = decodeSuspend(text);
      assert.ok(back, "level " + level + " decodes");
      const done = Object.values(back.lessons).filter((r) => r.status === "complete").length;
      if (level <= 4) assert.equal(done, IDS.length, "completed lessons survive up to level 4");
    }
  }
  assert.equal(encodeSuspend(state, 20).text, "", "nothing rather than a cut string");
});

test("broken suspend data never throws and restores nothing it cannot read", () => {
  const bad = ["", "garbage", "{}", "null", "[]", '["sac1"', '["sac2",""]', '["sac1",1,2,3,4]', '["sac1","",""]',
    '["sac1","x","zz",{"m":{"l":"c.1.1.1.bad.?.0Y"}},{"final":[1,"x","="]}]', "x".repeat(70000), '["sac1"' + ",".repeat(5000) + "]"];
  for (const text of bad) assert.doesNotThrow(() => decodeSuspend(text), text.slice(0, 30));
  assert.equal(decodeSuspend(""), null);
  assert.equal(decodeSuspend("garbage"), null);
  assert.equal(decodeSuspend(42), null);
  assert.equal(decodeSuspend('["sac2",""]'), null);
  const odd = decodeSuspend('["sac1","<b>n</b>\\u202e","",{"Bad Module":{"x":"c.1.1.1..."},"m":{"ok":"c.2.1.2.a.b.0Y_1N"},"n":"x"},{"final":[1,"101.99.12.1..","="],"evil":"x"}]');
  assert.ok(odd);
  assert.deepEqual(Object.keys(odd.lessons), ["m/ok"], "ids are validated");
  assert.equal(odd.learner.name, "<b>n</b>", "names are cleaned (lib/state.js)");
  assert.equal(odd.assessments.final.best.correct, 12, "counts are repaired (lib/assessment.js)");
  for (let i = 0; i < 300; i += 1) {
    const chars = '["sac1",{}:.,0123456789abcYNR_=/ "\\';
    let s = '["sac1"';
    for (let j = 0; j < 40; j += 1) s += chars[Math.floor(Math.abs(Math.sin(i * 97 + j * 13)) * chars.length)];
    assert.doesNotThrow(() => decodeSuspend(s));
  }
});

test("status and score for each stage of the course (SCORM 1.2 and 2004)", () => {
  const none = progressSummary(cleanState({ version: 2 }), COURSE);
  assert.deepEqual(none, { lessons: IDS.length, done: 0, complete: false, started: false, final: null });
  assert.equal(scorm12Status(none), "incomplete");
  assert.deepEqual(scorm12Values(none), [["cmi.core.lesson_status", "incomplete"], ["cmi.core.exit", "suspend"]]);
  assert.deepEqual(scorm2004Values(none).slice(0, 3), [["cmi.completion_status", "incomplete"], ["cmi.success_status", "unknown"], ["cmi.progress_measure", "0"]]);

  const finished = finishedCourse();
  const lessonsOnly = cleanState({ ...finished, assessments: {} });
  const done = progressSummary(lessonsOnly, COURSE);
  assert.equal(done.complete, true);
  assert.equal(scorm12Status(done), "completed");
  assert.deepEqual(Object.fromEntries(scorm2004Values(done)), {
    "cmi.completion_status": "completed", "cmi.success_status": "unknown", "cmi.progress_measure": "1", "cmi.exit": "suspend",
  });

  const failed = cleanState({ ...lessonsOnly, assessments: { final: { attempts: 1, first: result(75, null, {}), best: result(75, null, {}) } } });
  const f = progressSummary(failed, COURSE);
  assert.equal(scorm12Status(f), "failed");
  assert.deepEqual(Object.fromEntries(scorm12Values(f)), {
    "cmi.core.lesson_status": "failed", "cmi.core.score.min": "0", "cmi.core.score.max": "100", "cmi.core.score.raw": "75", "cmi.core.exit": "suspend",
  });

  const passed = progressSummary(finished, COURSE);
  assert.equal(scorm12Status(passed), "passed");
  assert.deepEqual(Object.fromEntries(scorm2004Values(passed)), {
    "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.progress_measure": "1",
    "cmi.score.min": "0", "cmi.score.max": "100", "cmi.score.raw": "91", "cmi.score.scaled": "0.91", "cmi.exit": "suspend",
  });
  // Passed before every lesson is done: SCORM 1.2 has one status, and it says passed.
  const early = cleanState({ ...finished, lessons: {} });
  assert.equal(scorm12Status(progressSummary(early, COURSE)), "passed");
  assert.equal(Object.fromEntries(scorm2004Values(progressSummary(early, COURSE)))["cmi.completion_status"], "incomplete");
  // Records of lessons the course does not have do not count.
  const stray = cleanState({ version: 2, lessons: { "old/gone": finished.lessons[IDS[0]] } });
  assert.equal(progressSummary(stray, COURSE).done, 0);
});

test("session time formats: SCORM 1.2 CMITimespan and ISO 8601 durations", () => {
  assert.equal(scorm12Time(0), "0000:00:00.00");
  assert.equal(scorm12Time(3723450), "0001:02:03.45");
  assert.equal(scorm12Time(59999), "0000:01:00.00");
  assert.equal(scorm12Time(-5), "0000:00:00.00");
  assert.match(scorm12Time(1e12), /^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  assert.equal(isoDuration(0), "PT0S");
  assert.equal(isoDuration(3723450), "PT1H2M3.45S");
  assert.equal(isoDuration(120000), "PT2M");
  assert.equal(isoDuration(NaN), "PT0S");
  assert.equal(decimal(2 / 3), "0.6667");
});

test("a location from the LMS can only open a page of the package", () => {
  assert.equal(cleanLocation("index.html"), "index.html");
  assert.equal(cleanLocation("connection/pushing-breaks-connection/index.html"), "connection/pushing-breaks-connection/index.html");
  assert.equal(cleanLocation("service/index.html#top"), "service/index.html");
  for (const bad of ["", "https://evil.example/index.html", "//evil.example/index.html", "../index.html", "/index.html",
    "javascript:alert(1)", "a/b/c/d/e/index.html", "x/index.htm", "A/index.html", null, 42, "x".repeat(300)]) {
    assert.equal(cleanLocation(bad), null, String(bad));
  }
  assert.equal(readingName("Okafor, Ada"), "Ada Okafor");
  assert.equal(readingName("Ada Okafor"), "Ada Okafor");
  assert.equal(readingName(null), "");
});

const LAUNCH = {
  endpoint: "http://127.0.0.1:9000/xapi/",
  fetch: "http://127.0.0.1:9000/fetch/abc",
  actor: { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "learner-7" }, name: "Ada Okafor" },
  registration: "3d9a4b6c-0f1e-4a2b-9c3d-5e6f7a8b9c0d",
  activityId: "https://github.com/selling-as-connection/course/selling-as-connection/au",
};

function query(launch) {
  return "?" + new URLSearchParams({ ...launch, actor: JSON.stringify(launch.actor) }).toString();
}

test("cmi5 launch parameters (§8.1): all five, or what is missing", () => {
  const ok = parseLaunch(query(LAUNCH));
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.launch, LAUNCH);
  assert.deepEqual(parseLaunch("").missing, ["endpoint", "fetch", "actor", "registration", "activityId"]);
  assert.deepEqual(parseLaunch(query({ ...LAUNCH, endpoint: "javascript:alert(1)" })).missing, ["endpoint"]);
  assert.deepEqual(parseLaunch(query({ ...LAUNCH, registration: "nope" })).missing, ["registration"]);
  assert.deepEqual(parseLaunch(query({ ...LAUNCH, actor: { name: "no ifi" } })).missing, ["actor"]);
  assert.equal(parseLaunch(query({ ...LAUNCH, endpoint: "http://127.0.0.1:9000/xapi" })).launch.endpoint, LAUNCH.endpoint);
  assert.equal(parseLaunch("?actor=%7Bbroken").ok, false);
});

const TEMPLATE = {
  contextActivities: { grouping: [{ id: "https://example.org/publisher/au", objectType: "Activity" }] },
  extensions: { [EXT_SESSION]: "session-1" },
};

function ctx(data) {
  let n = 0;
  return { launch: LAUNCH, data: cleanLaunchData(data), uuid: () => "00000000-0000-4000-8000-00000000000" + (n += 1), now: () => new Date("2026-12-01T10:00:00Z") };
}

test("cmi5 statements carry the context template, the registration and the categories (§9)", () => {
  const c = ctx({ contextTemplate: TEMPLATE, launchMode: "Normal", masteryScore: 0.8, moveOn: "CompletedOrPassed" });
  const init = statement(c, "initialized");
  assert.equal(init.verb.id, VERBS.initialized);
  assert.deepEqual(init.object, { id: LAUNCH.activityId, objectType: "Activity" });
  assert.deepEqual(init.actor, LAUNCH.actor);
  assert.equal(init.context.registration, LAUNCH.registration);
  assert.equal(init.context.extensions[EXT_SESSION], "session-1");
  assert.deepEqual(init.context.contextActivities.grouping, TEMPLATE.contextActivities.grouping);
  assert.deepEqual(init.context.contextActivities.category.map((a) => a.id), [CATEGORY_CMI5]);
  assert.equal(init.result, undefined, "§9.5: initialized has no result");
  assert.equal(init.timestamp, "2026-12-01T10:00:00.000Z");

  const completed = statement(c, "completed", { durationMs: 65000 });
  assert.deepEqual(completed.result, { completion: true, duration: "PT1M5S" });
  assert.deepEqual(completed.context.contextActivities.category.map((a) => a.id), [CATEGORY_CMI5, CATEGORY_MOVEON]);
  assert.equal(completed.context.extensions[EXT_MASTERY], undefined);

  const passed = statement(c, "passed", { durationMs: 1000, percent: 91 });
  assert.deepEqual(passed.result, { success: true, score: { scaled: 0.91, raw: 91, min: 0, max: 100 }, duration: "PT1S" });
  assert.equal(passed.context.extensions[EXT_MASTERY], 0.8);
  assert.equal(statement(c, "failed", { percent: 50 }).result.success, false);

  const end = statement(c, "terminated", { durationMs: 5000 });
  assert.deepEqual(end.result, { duration: "PT5S" });
  assert.deepEqual(end.context.contextActivities.category.map((a) => a.id), [CATEGORY_CMI5]);
  assert.notEqual(init.id, end.id);
  assert.deepEqual(c.data.contextTemplate, TEMPLATE, "the template is never changed");
});

test("LMS.LaunchData read leniently (§10.2)", () => {
  assert.deepEqual(cleanLaunchData(null), { contextTemplate: {}, launchMode: "Normal", masteryScore: null, moveOn: "NotApplicable", returnURL: null });
  assert.equal(cleanLaunchData({ launchMode: "Review", masteryScore: 7 }).masteryScore, null);
  assert.equal(cleanLaunchData({ launchMode: "Review" }).launchMode, "Review");
  assert.equal(cleanLaunchData({ returnURL: "javascript:x" }).returnURL, null);
});

const summaryOf = (complete, percent) => ({ lessons: 20, done: complete ? 20 : 3, complete, started: true, final: percent === null ? null : { percent, passed: percent >= 80, at: null } });
const NORMAL = cleanLaunchData({ launchMode: "Normal", masteryScore: 0.8 });
const fresh = () => ({ registration: {}, session: {} });
function run(sent, verbs) { verbs.forEach((v) => { sent.session[v] = true; if (v === "completed" || v === "passed") sent.registration[v] = true; }); return verbs; }

test("cmi5 ordering rules (§9.3): initialized first, completed and passed once, failed only at the end, nothing after terminated", () => {
  let sent = fresh();
  assert.deepEqual(run(sent, dueVerbs(summaryOf(false, null), NORMAL, sent, 80, "start")), ["initialized"]);
  assert.deepEqual(run(sent, dueVerbs(summaryOf(false, null), NORMAL, sent, 80, "change")), []);
  assert.deepEqual(run(sent, dueVerbs(summaryOf(true, null), NORMAL, sent, 80, "change")), ["completed"]);
  assert.deepEqual(run(sent, dueVerbs(summaryOf(true, 75), NORMAL, sent, 80, "change")), [], "a fail waits for the end");
  assert.deepEqual(run(sent, dueVerbs(summaryOf(true, 91), NORMAL, sent, 80, "change")), ["passed"], "a pass after a fail, same session");
  assert.deepEqual(run(sent, dueVerbs(summaryOf(true, 91), NORMAL, sent, 80, "terminate")), ["terminated"]);
  assert.deepEqual(dueVerbs(summaryOf(true, 91), NORMAL, sent, 80, "change"), [], "nothing after terminated");

  // A session that ends on a fail reports it, once, before terminated.
  sent = fresh();
  run(sent, dueVerbs(summaryOf(false, 50), NORMAL, sent, 80, "start"));
  assert.deepEqual(run(sent, dueVerbs(summaryOf(false, 50), NORMAL, sent, 80, "terminate")), ["failed", "terminated"]);
  // The next session of the registration: the pass comes, no second completed, no failed after passed.
  sent = { registration: { completed: true }, session: {} };
  assert.deepEqual(run(sent, dueVerbs(summaryOf(true, 83), NORMAL, sent, 80, "start")), ["initialized", "passed"]);
  sent = { registration: { completed: true, passed: true }, session: {} };
  assert.deepEqual(dueVerbs(summaryOf(true, 50), NORMAL, sent, 80, "terminate"), ["initialized", "terminated"]);
  // masteryScore from the LMS decides, not the course's own pass mark.
  sent = fresh();
  assert.deepEqual(dueVerbs(summaryOf(false, 85), cleanLaunchData({ masteryScore: 0.9 }), sent, 80, "terminate"), ["initialized", "failed", "terminated"]);
  // Browse and Review modes report no completion or judgement (§10.2.2).
  sent = fresh();
  assert.deepEqual(dueVerbs(summaryOf(true, 91), cleanLaunchData({ launchMode: "Browse" }), sent, 80, "terminate"), ["initialized", "terminated"]);
});

test("the LMS modules: @ts-check, header comments, pure helpers without browser globals", () => {
  const lms = join(ROOT, "docs/assets/js/lms");
  const files = readdirSync(lms).filter((f) => f.endsWith(".js"));
  assert.deepEqual(files.sort(), ["bridge.js", "cmi5.js", "launcher.js", "scorm.js"]);
  for (const f of files) {
    const text = readFileSync(join(lms, f), "utf8");
    assert.ok(text.startsWith("// @ts-check\n/**"), f);
    assert.doesNotMatch(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/, f);
  }
  for (const f of ["lms-status.js", "lms-suspend.js", "lms-cmi5.js"]) {
    const text = readFileSync(join(ROOT, "docs/assets/js/lib", f), "utf8");
    assert.ok(text.startsWith("// @ts-check\n/**"), f);
    assert.doesNotMatch(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""), /\b(window|document|localStorage|location|navigator)\b|\bfetch\(/, f);
  }
});
