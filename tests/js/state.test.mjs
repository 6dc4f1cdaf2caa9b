// Progress state validation and repair (docs/assets/js/lib/state.js): every
// stored value is untrusted; nothing may throw and nothing valid may be lost.
import test from "node:test";
import assert from "node:assert/strict";
import { MAX_LESSONS, better, cleanName, cleanRecord, cleanState, emptyState, parseState } from "../../docs/assets/js/lib/state.js";

const ID = "connection/pushing-breaks-connection";
const good = { status: "complete", answered: 3, correct: 2, total: 3, completedAt: "2026-11-29", updatedAt: "2026-11-29T10:00:00.000Z" };

test("a valid state comes back unchanged", () => {
  const state = { version: 1, lessons: { [ID]: good }, learner: { name: "Dana" } };
  assert.deepEqual(cleanState(state), state);
  assert.deepEqual(parseState(JSON.stringify(state)), state);
});

test("bad JSON, no text and foreign values give an empty state", () => {
  for (const text of ["{", "not json", "", null, "null", "[]", "42", '"x"', '{"version":2,"lessons":{}}']) {
    assert.deepEqual(parseState(text), emptyState(), String(text));
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
    },
    learner: "Dana",
  });
  assert.deepEqual(Object.keys(state.lessons).sort(), ["connection/e", ID]);
  assert.deepEqual(state.lessons[ID], { status: "in-progress", answered: 0, correct: 0, total: 0, completedAt: null, updatedAt: null });
  // complete without a valid completion date is only in progress; correct <= answered
  assert.deepEqual(state.lessons["connection/e"], { status: "in-progress", answered: 2, correct: 2, total: 3, completedAt: null, updatedAt: null });
  assert.equal(state.learner.name, "");
});

test("lessons that are not an object give no lessons", () => {
  assert.deepEqual(cleanState({ version: 1, lessons: "x", learner: { name: "A" } }).lessons, {});
  assert.deepEqual(cleanState({ version: 1, lessons: null }).lessons, {});
});

test("ids that are not lesson ids are dropped", () => {
  const hostile = ["", "x", "Connection/Upper", "a/b/c", "../etc/passwd", "a/", "/b", "-a/b", "a/" + "b".repeat(61),
    "__proto__", "constructor", "a/b ", " a/b", "a/b\n", "<script>/x"];
  const lessons = Object.fromEntries(hostile.map((id) => [id, good]));
  lessons["a/" + "b".repeat(60)] = good;
  const state = cleanState({ version: 1, lessons });
  assert.deepEqual(Object.keys(state.lessons), ["a/" + "b".repeat(60)]);
});

test("a record under __proto__ never pollutes anything", () => {
  const state = parseState('{"version":1,"lessons":{"__proto__":{"status":"complete"}},"learner":{"name":"x"}}');
  assert.deepEqual(Object.keys(state.lessons), []);
  assert.equal(/** @type {any} */ ({}).status, undefined);
});

test("caps: counts above 1000, names over 80 characters, more than MAX_LESSONS records", () => {
  assert.equal(cleanRecord({ status: "in-progress", answered: 1001, total: 1000 }).answered, 0);
  assert.equal(cleanRecord({ status: "in-progress", answered: 1000, total: 1000 }).answered, 1000);
  assert.equal(cleanName("x".repeat(200)), "x".repeat(80));
  assert.equal(cleanName("  Dana\u0000\u0007Okafor\u007f "), "Dana  Okafor");
  assert.equal(cleanName(42), "");
  const lessons = {};
  for (let i = 0; i < MAX_LESSONS + 20; i += 1) lessons["m/l" + i] = good;
  const state = cleanState({ version: 1, lessons });
  assert.equal(Object.keys(state.lessons).length, MAX_LESSONS);
  assert.ok(state.lessons["m/l0"] && !state.lessons["m/l" + MAX_LESSONS]);
});

test("updatedAt is normalised to ISO 8601", () => {
  assert.equal(cleanRecord({ status: "in-progress", updatedAt: "2026-11-29T11:00:00+01:00" }).updatedAt, "2026-11-29T10:00:00.000Z");
});

test("better() keeps the record showing more progress", () => {
  const started = { status: "in-progress", answered: 1, correct: 1, total: 3, completedAt: null, updatedAt: "2026-12-01T00:00:00.000Z" };
  const more = Object.assign({}, started, { answered: 2, updatedAt: "2026-11-01T00:00:00.000Z" });
  // a copy of the winner (merging never changes its inputs)
  assert.deepEqual(better(started, good), good);
  assert.deepEqual(better(good, started), good);
  assert.deepEqual(better(started, more), more);
  assert.equal(better(null, started), started);
  assert.equal(better(started, undefined), started);
  // same progress: the later update wins
  const later = Object.assign({}, started, { updatedAt: "2026-12-02T00:00:00.000Z" });
  assert.deepEqual(better(started, later), later);
  assert.deepEqual(better(later, started), later);
  // both complete: the earlier completion date is kept
  const earlier = Object.assign({}, good, { completedAt: "2026-10-01", answered: 1 });
  const merged = better(good, earlier);
  assert.equal(merged.completedAt, "2026-10-01");
  assert.equal(merged.answered, 3);
  assert.equal(good.completedAt, "2026-11-29", "inputs are not changed");
});
