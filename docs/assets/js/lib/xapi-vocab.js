// @ts-check
/**
 * What the cmi5 AU (lib/lms-cmi5.js, in the LMS packages only) and the team progress page
 * (lib/xapi.js, on the public site, which leaves lib/lms-*.js out: mkdocs.yml exclude_docs)
 * must agree on: where a lesson and an assessment sit below the AU's activity id, the
 * activity types and the attempts extension of its "cmi5 allowed" statements, and how a
 * learner's name reads. One source for both sides. Pure: no browser API.
 */

/** The paths below the AU's activityId that name a lesson or an assessment. */
export const LESSONS_PATH = "/lessons/";
export const ASSESSMENTS_PATH = "/assessments/";
/** xAPI activity types (ADL vocabulary) of those objects. */
export const ACTIVITY_LESSON = "http://adlnet.gov/expapi/activities/lesson";
export const ACTIVITY_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";
/** Result extension of an assessment statement: the attempts made so far (a whole number). */
export const EXT_ATTEMPTS = "https://w3id.org/xapi/cmi5/x/selling-as-connection/attempts";

/**
 * The learner's name as an LMS gives it (SCORM 1.2 cmi.core.student_name and 2004
 * cmi.learner_name, a cmi5 actor's name: usually "Last, First") in reading order: "First Last".
 * @param {unknown} value
 * @returns {string}
 */
export function readingName(value) {
  if (typeof value !== "string") return "";
  const parts = value.split(",");
  if (parts.length === 2 && parts[0].trim() && parts[1].trim()) return parts[1].trim() + " " + parts[0].trim();
  return value.trim();
}
