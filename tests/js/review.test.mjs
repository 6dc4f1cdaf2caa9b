// Spaced review (docs/assets/js/lib/review.js): 1, 3, 7 and 21 days, back to 1
// after a wrong review; what is due, and the next review day.
import test from "node:test";
import assert from "node:assert/strict";
import { INTERVALS, addDays, afterReview, cleanReview, dueItems, mergeReview, nextReviewDay, parseKey, schedule } from "../../docs/assets/js/lib/review.js";
import { cleanState, mergeStates } from "../../docs/assets/js/lib/state.js";

const at = (day) => day + "T12:00:00.000Z";
const lesson = (answers) => ({ status: "in-progress", answered: Object.keys(answers).length, correct: 0, total: 3, completedAt: null, updatedAt: null, answers });

test("days are added on the calendar", () => {
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2026-02-28", 1), "2026-03-01");
  assert.equal(addDays("2026-12-01", 21), "2026-12-22");
});

test("a question comes back 1 day after its first answer, then 3, 7 and 21 days", () => {
  assert.deepEqual(INTERVALS, [1, 3, 7, 21]);
  let s = afterReview(null, true, "2026-12-02");
  assert.deepEqual(s, { step: 1, due: "2026-12-05", last: "2026-12-02", lapses: 0 });
  s = afterReview(s, true, "2026-12-05");
  assert.equal(s.due, "2026-12-12");
  s = afterReview(s, true, "2026-12-12");
  assert.equal(s.due, "2027-01-02");
  s = afterReview(s, true, "2027-01-02");
  assert.equal(s.due, "2027-01-23", "21 days, again");
  s = afterReview(s, false, "2027-01-23");
  assert.deepEqual(s, { step: 0, due: "2027-01-24", last: "2027-01-23", lapses: 1 });
});

test("what is due, soonest first, in course order", () => {
  const state = {
    lessons: {
      "m/a": lesson({ "quiz-0": { correct: true, at: at("2026-12-01") }, "quiz-1": { correct: false, at: at("2026-12-03") } }),
      "m/b": lesson({ "quiz-0": { correct: true, at: at("2026-12-01") } }),
      "gone/x": lesson({ "quiz-0": { correct: true, at: at("2026-11-01") } }),
    },
    reviews: { "m/b#quiz-0": { step: 2, due: "2026-12-09", last: "2026-12-02", lapses: 0 } },
  };
  const order = ["m/a", "m/b"];
  assert.deepEqual(schedule(state, order).map((i) => [i.key, i.due]), [
    ["m/a#quiz-0", "2026-12-02"], ["m/a#quiz-1", "2026-12-04"], ["m/b#quiz-0", "2026-12-09"],
  ]);
  assert.deepEqual(dueItems(state, order, "2026-12-01"), []);
  assert.deepEqual(dueItems(state, order, "2026-12-04").map((i) => i.key), ["m/a#quiz-0", "m/a#quiz-1"]);
  assert.equal(nextReviewDay(state, order, "2026-12-04"), "2026-12-09");
  assert.equal(nextReviewDay(state, order, "2026-12-09"), null);
});

test("stored review states are untrusted and merge order-free", () => {
  assert.equal(parseKey("m/a#quiz-0").lesson, "m/a");
  for (const bad of ["m/a", "m/a#quiz-x", "M/A#quiz-0", "__proto__#quiz-0", 5]) assert.equal(parseKey(bad), null, String(bad));
  assert.equal(cleanReview({ due: "soon" }), null);
  assert.deepEqual(cleanReview({ step: 9, due: "2026-12-02", lapses: -1 }), { step: 3, due: "2026-12-02", last: null, lapses: 0 });
  const a = { step: 1, due: "2026-12-05", last: "2026-12-02", lapses: 0 };
  const b = { step: 0, due: "2026-12-04", last: "2026-12-03", lapses: 1 };
  assert.deepEqual(mergeReview(a, b), b);
  assert.deepEqual(mergeReview(b, a), b);
  const s1 = cleanState({ version: 2, lessons: {}, reviews: { "m/a#quiz-0": a, "bad key": a } });
  assert.deepEqual(Object.keys(s1.reviews), ["m/a#quiz-0"]);
  const s2 = cleanState({ version: 2, lessons: {}, reviews: { "m/a#quiz-0": b } });
  assert.deepEqual(mergeStates(s1, s2).reviews["m/a#quiz-0"], b);
});
