// @ts-check
// Generated from src/course/anatomy.py by `course anatomy --write`; do not edit.
// A unit test (tests/unit/test_anatomy.py) fails while this file is out of date.
export default /** @type {const} */ ({
  "lessonId": "[a-z0-9][a-z0-9-]{0,59}/[a-z0-9][a-z0-9-]{0,59}",
  "progressKey": "sac:progress",
  "legacyProgressKey": "sac:progress:v1",
  "viewKey": "sac:view",
  "viewHref": "^(?:[a-z0-9][a-z0-9-]*/)*(?:#[a-z0-9-]+)?$",
  "assignmentKey": "sac:assignment",
  "legacyAssignmentKey": "sac:assignment:last:v1",
  "teamKey": "sac:team",
  "answeredHereKey": "sac:answered-here",
  "courseStart": "2026-11-29",
  "finalDraw": 12,
  "learnerNameChars": 80,
  "assignment": {
    "titleChars": 120,
    "noteChars": 1000,
    "lessons": 40
  },
  "audiences": [
    "sales",
    "service",
    "leads"
  ],
  "closingSections": [
    "Try it",
    "Key takeaways",
    "Check your understanding"
  ],
  "durationMinutes": [
    2,
    10
  ]
});
