// Lesson ids (docs/assets/js/lib/ids.js) follow the grammar in anatomy.js.
import test from "node:test";
import assert from "node:assert/strict";
import anatomy from "../../docs/assets/js/lib/anatomy.js";
import { LESSON_ID, cleanId, isLessonId } from "../../docs/assets/js/lib/ids.js";

test("the pattern is anatomy.lessonId, anchored", () => {
  assert.equal(LESSON_ID.source, new RegExp("^(?:" + anatomy.lessonId + ")$").source);
  assert.ok(LESSON_ID.source.includes(anatomy.lessonId.replace("/", "\\/")));
});

test("what is and is not a lesson id", () => {
  const yes = ["connection/pushing-breaks-connection", "a/b", "0/9-", "a".repeat(60) + "/" + "b".repeat(60)];
  const no = ["", "a", "a/", "/a", "a/b/c", "A/b", "a/B", "-a/b", "a/-b", "a_b/c", "a/b ", " a/b", "a/b\n", "a\n/b",
    "a".repeat(61) + "/b", "a/" + "b".repeat(61), "a/b|c/d", "..\\/b"];
  for (const id of yes) assert.ok(isLessonId(id) && cleanId(id) === id, id);
  for (const id of no) assert.ok(!isLessonId(id) && cleanId(id) === null, JSON.stringify(id));
  for (const value of [null, undefined, 1, {}, ["a/b"]]) assert.equal(cleanId(value), null);
});
