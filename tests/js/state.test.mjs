// Progress state validation, repair and merging (docs/assets/js/lib/state.js):
// every stored value is untrusted; nothing may throw and nothing valid may be lost.
import test from "node:test";
import assert from "node:assert/strict";
import {
  MAX_LESSONS, MAX_RETIRED, cleanName, recoveredCount, cleanRecord, cleanState, emptyState, fitToCourse, mergeRecords, mergeStates,
  parseState, readState, sameState,
} from "../../docs/assets/js/lib/state.js";

const ID = "connection/pushing-breaks-connection";
const good = {
  status: "complete", answered: 3, correct: 2, total: 3, completedAt: "2026-11-29", updatedAt: "2026-11-29T10:00:00.000Z",
  answers: {},
};
const v2 = (lessons, extra) => Object.assign({ version: 2, lessons, retired: {}, assessments: {}, reviews: {}, learner: { name: "Dana", updatedAt: null } }, extra);

test("a valid state comes back unchanged", () => {
  const state = v2({ [ID]: good });
  assert.deepEqual(cleanState(state), state);
  assert.deepEqual(parseState(JSON.stringify(state)), state);
  assert.equal(readState(JSON.stringify(state)).kind, "ok");
});

test("a version 1 state (the first round's) reads as version 2", () => {
  const old = { version: 1, lessons: { [ID]: Object.assign({}, good, { answers: undefined }) }, learner: { name: "Dana" } };
  const read = readState(JSON.stringify(old));
  assert.equal(read.kind, "ok");
  assert.deepEqual(read.state, v2({ [ID]: good }));
});

test("empty, corrupted and newer values are told apart", () => {
  for (const text of ["", null]) assert.equal(readState(text).kind, "empty");
  for (const text of ["{", "not json", "null", "[]", "42", '"x"', '{"lessons":{}}']) {
    assert.equal(readState(text).kind, "corrupt", String(text));
    assert.deepEqual(parseState(text), emptyState());
  }
  // a newer version, or a version that is not the number 1 or 2, must never be overwritten
  for (const text of ['{"version":3,"lessons":{}}', '{"version":"1","lessons":{}}', '{"version":"2"}', '{"version":null}']) {
    assert.equal(readState(text).kind, "newer", text);
  }
  for (const value of [undefined, null, 0, "x", [], { version: "1" }, { lessons: { [ID]: good } }]) {
    assert.deepEqual(cleanState(value), emptyState());
  }
});

test("wrong types inside a record are repaired or the record dropped", () => {
  const state = cleanState({
    version: 1,
    lessons: {
      [ID]: { status: "in-progress", answered: "3", correct: -1, total: Infinity, updatedAt: "yesterday" },
      "connection/a": { status: "done" },
      "connection/b": "complete",
      "connection/c": ["complete"],
      "connection/d": null,
      "connection/e": { status: "complete", answered: 2.7, correct: 9, total: 3, completedAt: "2026-1-2" },
      "connection/f": { status: "in-progress", answers: { "quiz-0": { correct: true }, "quiz-x": { correct: true }, "quiz-1": { correct: "yes" }, "quiz-01": { correct: true } } },
    },
    learner: "Dana",
  });
  assert.deepEqual(Object.keys(state.lessons), ["connection/e", "connection/f", ID]);
  assert.deepEqual(state.lessons[ID], { status: "in-progress", answered: 0, correct: 0, total: 0, completedAt: null, updatedAt: null, answers: {} });
  // complete without a valid completion date is only in progress; correct <= answered
  assert.deepEqual(state.lessons["connection/e"], { status: "in-progress", answered: 2, correct: 2, total: 3, completedAt: null, updatedAt: null, answers: {} });
  // only well-formed answers are kept, and the counts cover them
  assert.deepEqual(state.lessons["connection/f"].answers, { "quiz-0": { correct: true, at: null, recovered: false } });
  assert.equal(state.lessons["connection/f"].answered, 1);
  assert.equal(state.learner.name, "");
});

test("ids that are not lesson ids are dropped", () => {
  const hostile = ["", "x", "Connection/Upper", "a/b/c", "../etc/passwd", "a/", "/b", "-a/b", "a/" + "b".repeat(61),
    "__proto__", "constructor", "a/b ", " a/b", "a/b\n", "<script>/x"];
  const lessons = Object.fromEntries(hostile.map((id) => [id, good]));
  lessons["a/" + "b".repeat(60)] = good;
  const state = cleanState({ version: 2, lessons });
  assert.deepEqual(Object.keys(state.lessons), ["a/" + "b".repeat(60)]);
});

test("a record under __proto__ never pollutes anything", () => {
  const state = parseState('{"version":2,"lessons":{"__proto__":{"status":"complete"}},"learner":{"name":"x"}}');
  assert.deepEqual(Object.keys(state.lessons), []);
  assert.equal(/** @type {any} */ ({}).status, undefined);
});

test("caps: counts above 1000, names over 80 characters, more than MAX_LESSONS records (oldest go first)", () => {
  assert.equal(cleanRecord({ status: "in-progress", answered: 1001, total: 1000 }).answered, 0);
  assert.equal(cleanRecord({ status: "in-progress", answered: 1000, total: 1000 }).answered, 1000);
  assert.equal(cleanName("x".repeat(200)), "x".repeat(80));
  assert.equal(cleanName("  Dana\u0000\u0007Okafor\u007f "), "Dana  Okafor");
  assert.equal(cleanName(42), "");
  const lessons = {};
  for (let i = 0; i < MAX_LESSONS + 20; i += 1) {
    lessons["m/l" + i] = Object.assign({}, good, { updatedAt: new Date(Date.UTC(2026, 10, 29) + i * 1000).toISOString() });
  }
  const state = cleanState({ version: 2, lessons });
  assert.equal(Object.keys(state.lessons).length, MAX_LESSONS);
  assert.ok(!state.lessons["m/l0"] && state.lessons["m/l" + (MAX_LESSONS + 19)], "the newest record (the one just written) is kept");
});

test("names lose bidirectional controls and zero-width characters and are NFKC-normalised", () => {
  assert.equal(cleanName("Da\u202ena\u202c"), "Dana");
  assert.equal(cleanName("\u2067Dana\u2069 O\u200bkafor\ufeff"), "Dana Okafor");
  assert.equal(cleanName("Ｄａｎａ"), "Dana");
  assert.equal(cleanName("\u0085Dana\u009f"), "Dana");
});

test("updatedAt is normalised to ISO 8601", () => {
  assert.equal(cleanRecord({ status: "in-progress", updatedAt: "2026-11-29T11:00:00+01:00" }).updatedAt, "2026-11-29T10:00:00.000Z");
});

test("mergeRecords keeps the record showing more progress", () => {
  const started = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: "2026-12-01T00:00:00.000Z", answers: {} };
  const more = Object.assign({}, started, { answered: 2, updatedAt: "2026-11-01T00:00:00.000Z" });
  assert.equal(mergeRecords(started, good).status, "complete");
  assert.deepEqual(mergeRecords(started, good), mergeRecords(good, started));
  assert.equal(mergeRecords(started, more).answered, 2);
  assert.equal(mergeRecords(null, started), started);
  assert.equal(mergeRecords(started, undefined), started);
  // both complete: the earlier completion date is kept
  const earlier = Object.assign({}, good, { completedAt: "2026-11-30", answered: 3, correct: 1 });
  const merged = mergeRecords(good, earlier);
  assert.equal(merged.completedAt, "2026-11-29");
  assert.equal(merged.correct, 2);
  assert.equal(good.completedAt, "2026-11-29", "inputs are not changed");
});

test("the same lesson answered in two tabs keeps both answers (first attempts)", () => {
  const at = (s) => "2026-12-01T10:00:0" + s + ".000Z";
  const tabA = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: at(1), answers: { "quiz-0": { correct: true, at: at(1) } } };
  const tabB = { status: "in-progress", answered: 1, correct: 0, total: 3, completedAt: null, updatedAt: at(2), answers: { "quiz-1": { correct: false, at: at(2) } } };
  const merged = mergeRecords(tabA, tabB);
  assert.deepEqual(Object.keys(merged.answers), ["quiz-0", "quiz-1"]);
  assert.equal(merged.answered, 2);
  assert.equal(merged.correct, 1);
  // a later, right attempt at a quiz answered wrong first keeps the first attempt and marks it recovered
  const retry = Object.assign({}, tabB, { correct: 1, updatedAt: at(5), answers: { "quiz-1": { correct: true, at: at(5) } } });
  const after = mergeRecords(merged, retry);
  assert.equal(after.answers["quiz-1"].correct, false);
  assert.equal(after.answers["quiz-1"].recovered, true);
  assert.equal(after.correct, 1, "the score keeps the first attempt");
  assert.equal(recoveredCount(after), 1);
  assert.deepEqual(mergeRecords(retry, merged), after, "in either order");
  // a quiz right the first time is never "recovered"
  assert.equal(cleanRecord({ status: "in-progress", answers: { "quiz-0": { correct: true, recovered: true } } }).answers["quiz-0"].recovered, false);
});

test("answering again after an import without answers never raises the score", () => {
  const imported = { status: "complete", answered: 3, correct: 1, total: 3, completedAt: "2026-11-30", updatedAt: "2026-11-30T10:00:00.000Z", answers: {} };
  const here = { status: "complete", answered: 3, correct: 3, total: 3, completedAt: "2026-12-01", updatedAt: "2026-12-01T10:00:00.000Z",
    answers: { "quiz-0": { correct: true, at: null }, "quiz-1": { correct: true, at: null }, "quiz-2": { correct: true, at: null } } };
  // the stored record is the imported one (complete); answering here again adds answers only
  const merged = mergeRecords(imported, { status: "in-progress", answered: 3, correct: 3, total: 3, completedAt: null, updatedAt: here.updatedAt, answers: here.answers });
  assert.equal(merged.status, "complete");
  assert.equal(merged.correct, 1, "the first attempts (on the other device) count");
  assert.equal(merged.completedAt, "2026-11-30");
});

test("merging states is commutative, associative and idempotent", () => {
  const rec = (answered, correct, at, answers) => ({ status: "in-progress", answered, correct, total: 4, completedAt: null, updatedAt: at, answers: answers || {} });
  const a = cleanState(v2({ "m/a": rec(1, 1, "2026-12-01T00:00:01.000Z", { "quiz-0": { correct: true, at: "2026-12-01T00:00:01.000Z" } }), "m/b": good }, { learner: { name: "Ana", updatedAt: "2026-12-01T00:00:00.000Z" } }));
  const b = cleanState(v2({ "m/a": rec(2, 0, "2026-12-01T00:00:02.000Z", { "quiz-1": { correct: false, at: "2026-12-01T00:00:02.000Z" }, "quiz-2": { correct: false, at: "2026-12-01T00:00:02.000Z" } }) }, { learner: { name: "Ana B", updatedAt: "2026-12-01T00:00:05.000Z" } }));
  const c = cleanState(v2({ "m/c": rec(1, 0, "2026-12-01T00:00:03.000Z"), "m/a": rec(1, 1, "2026-12-01T00:00:04.000Z") }, { learner: { name: "", updatedAt: null } }));
  assert.ok(sameState(mergeStates(a, b), mergeStates(b, a)));
  assert.ok(sameState(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c))));
  assert.ok(sameState(mergeStates(a, a), a));
  const all = mergeStates(mergeStates(a, b), c);
  assert.equal(all.lessons["m/a"].answered, 3, "answers from both tabs");
  assert.deepEqual(Object.keys(all.lessons), ["m/a", "m/b", "m/c"]);
  assert.equal(all.learner.name, "Ana B", "the name typed later");
  // a cleared name typed later wins too
  const cleared = cleanState(v2({}, { learner: { name: "", updatedAt: "2026-12-02T00:00:00.000Z" } }));
  assert.equal(mergeStates(all, cleared).learner.name, "");
});

test("fitToCourse moves former ids to current ones and keeps other lessons apart", () => {
  const catalogue = { lessons: { "m/a": {}, "m/b": {} }, aliases: { "old/a": "m/a" } };
  const started = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: "2026-12-01T00:00:00.000Z", answers: {} };
  const state = cleanState(v2({ "old/a": good, "m/b": started, "gone/x": started }));
  const fitted = fitToCourse(state, catalogue);
  assert.deepEqual(Object.keys(fitted.lessons), ["m/a", "m/b"]);
  assert.equal(fitted.lessons["m/a"].status, "complete");
  assert.deepEqual(Object.keys(fitted.retired), ["gone/x"], "kept, not counted");
  // a retired lesson that comes back is current again
  const back = fitToCourse(fitted, { lessons: { "m/a": {}, "m/b": {}, "gone/x": {} }, aliases: {} });
  assert.deepEqual(Object.keys(back.lessons), ["gone/x", "m/a", "m/b"]);
  assert.deepEqual(back.retired, {});
  // at most MAX_RETIRED records are kept apart
  const many = {};
  for (let i = 0; i < MAX_RETIRED + 5; i += 1) many["gone/l" + i] = started;
  assert.equal(Object.keys(fitToCourse(cleanState(v2(many)), catalogue).retired).length, MAX_RETIRED);
});
