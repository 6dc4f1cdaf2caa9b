// Assessments (docs/assets/js/lib/assessment.js): the draw, the score, and the
// records kept in progress (first attempt, best attempt, attempts).
import test from "node:test";
import assert from "node:assert/strict";
import {
  addAttempt, cleanAssessment, cleanResult, drawQuestions, mergeAssessments, scoreAttempt, shuffle,
} from "../../docs/assets/js/lib/assessment.js";

/** A seeded generator (mulberry32), so draws are repeatable in tests. */
function seeded(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const MODULES = ["connection", "client-focus", "service", "prospecting", "reputation"];
const BANK = MODULES.flatMap((m, i) => [0, 1, 2, 3, 4].map((k) => ({ id: "quiz-" + (i * 5 + k), module: m })));

test("shuffle keeps every item", () => {
  const items = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(shuffle(items, seeded(1)).sort(), items);
  assert.deepEqual(items, [1, 2, 3, 4, 5, 6], "the input is not changed");
});

test("the final draw takes 12 of 25 with every module asked about, and each draw differs", () => {
  const draws = [];
  for (let seed = 1; seed <= 50; seed += 1) {
    const drawn = drawQuestions(BANK, 12, seeded(seed));
    assert.equal(drawn.length, 12);
    assert.equal(new Set(drawn.map((q) => q.id)).size, 12, "no question twice");
    const per = MODULES.map((m) => drawn.filter((q) => q.module === m).length);
    assert.ok(per.every((n) => n === 2 || n === 3), "stratified: " + per);
    draws.push(drawn.map((q) => q.id).join(","));
  }
  assert.ok(new Set(draws).size >= 45, "a new draw each attempt");
  // a module check: all of its questions, in a new order
  const check = BANK.slice(0, 6);
  assert.deepEqual(drawQuestions(check, 6, seeded(3)).map((q) => q.id).sort(), check.map((q) => q.id).sort());
});

test("scores round down and the pass mark is inclusive", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const answers = (right, total, module = "m") => Array.from({ length: total }, (_, i) => ({ module, correct: i < right }));
  assert.deepEqual(scoreAttempt(answers(5, 6), 80, now), {
    percent: 83, correct: 5, total: 6, passed: true, at: "2026-12-01T10:00:00.000Z", modules: { m: { correct: 5, total: 6 } },
  });
  assert.equal(scoreAttempt(answers(4, 6), 80, now).passed, false, "66 %");
  assert.equal(scoreAttempt(answers(8, 10), 80, now).passed, true, "exactly 80 %");
  assert.equal(scoreAttempt(answers(19, 24), 80, now).percent, 79, "79.2 % is not rounded to a pass");
  assert.equal(scoreAttempt([], 80, now).passed, false);
  const mixed = scoreAttempt([{ module: "a", correct: true }, { module: "b", correct: false }, { module: "a", correct: false }], 50, now);
  assert.deepEqual(mixed.modules, { a: { correct: 1, total: 2 }, b: { correct: 0, total: 1 } });
});

test("records keep the first attempt and the best; merging is order-free", () => {
  const r = (percent, at, passed = percent >= 80) => ({ percent, correct: percent / 10, total: 10, passed, at, modules: {} });
  let record = addAttempt(null, r(60, "2026-12-01T10:00:00.000Z"));
  record = addAttempt(record, r(90, "2026-12-01T11:00:00.000Z"));
  record = addAttempt(record, r(70, "2026-12-01T12:00:00.000Z"));
  assert.equal(record.attempts, 3);
  assert.equal(record.first.percent, 60);
  assert.equal(record.best.percent, 90);
  const other = { attempts: 1, first: r(50, "2026-12-01T09:00:00.000Z"), best: r(50, "2026-12-01T09:00:00.000Z") };
  assert.deepEqual(mergeAssessments(record, other), mergeAssessments(other, record));
  assert.equal(mergeAssessments(record, other).first.percent, 50);
  assert.equal(mergeAssessments(record, other).best.percent, 90);
  assert.deepEqual(mergeAssessments(record, record), record);
});

test("stored results are untrusted: repaired or dropped", () => {
  assert.equal(cleanResult(null), null);
  assert.equal(cleanResult({ correct: 3, total: 0 }), null);
  assert.deepEqual(cleanResult({ correct: 50, total: 6, passed: true, at: "2026-12-01T10:00:00Z", modules: { "__proto__": 1, ok: { correct: 9, total: 2 } } }),
    { percent: 100, correct: 6, total: 6, passed: true, at: "2026-12-01T10:00:00.000Z", modules: { ok: { correct: 2, total: 2 } } });
  assert.equal(cleanResult({ correct: 1, total: 2, percent: 100 }).percent, 50, "the percent is computed, never read");
  assert.equal(cleanAssessment({ attempts: "x" }), null);
  assert.equal(cleanAssessment({ first: { correct: 1, total: 2 } }).attempts, 1);
});
