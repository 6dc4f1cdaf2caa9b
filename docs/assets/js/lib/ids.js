// @ts-check
/**
 * Lesson ids: "<module>/<slug>" (src/course/model.py, grammar in anatomy.js), the key of every progress
 * record, assignment link entry and report line. The grammar comes from
 * anatomy.js (generated from src/course/anatomy.py), never repeated here.
 *
 * Pure: no browser API, so Node's test runner imports it (tests/js/).
 */
import anatomy from "./anatomy.js";

/** The whole-string lesson-id pattern. */
export const LESSON_ID = new RegExp("^(?:" + anatomy.lessonId + ")$");

/**
 * True when `value` is a string that is a well-formed lesson id.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isLessonId(value) {
  return typeof value === "string" && LESSON_ID.test(value);
}

/**
 * `value` when it is a well-formed lesson id, else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function cleanId(value) {
  return isLessonId(value) ? value : null;
}
