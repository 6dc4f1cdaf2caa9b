"""The lesson anatomy: every bound, name and grammar the course relies on, written once.

Everything else reads these values: the rules (:mod:`course.rules`), the model, the
scaffold (``course new-lesson``), the templates and, through
``docs/assets/js/lib/anatomy.js`` (written by ``course anatomy --write`` from
:func:`to_json`; a unit test fails while it is out of date), the browser code.

Sources: the lesson anatomy in the round-1 issues and the team brief; the reading
speed is explained in :func:`reading_minutes`; link texts follow WCAG 2.2
SC 2.4.4 (technique G91); the reading-ease score is Flesch (1948), see
:data:`READING_EASE`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = [
    "ASSIGNMENT",
    "AUDIENCES",
    "CLOSING_SECTIONS",
    "DESCRIPTION_CHARS",
    "DURATION_MINUTES",
    "HUDDLE",
    "ID_SEGMENT",
    "LEARNER_NAME_CHARS",
    "LESSON_ID",
    "LESSON_KEYS",
    "LESSON_LIST",
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARS",
    "NOT_MODULES",
    "OBJECTIVES",
    "OPTIONS",
    "PATH",
    "PLACEHOLDER",
    "PROGRESS_KEY",
    "VIEW_KEY",
    "VIEW_HREF",
    "ASSIGNMENT_KEY",
    "LEGACY_ASSIGNMENT_KEY",
    "TEAM_KEY",
    "ANSWERED_HERE_KEY",
    "ASSESSMENT",
    "ASSESSMENT_SCRIPT",
    "FINAL_ASSESSMENT",
    "MODULE_CHECK",
    "LEGACY_PROGRESS_KEY",
    "COURSE_START",
    "PROSE_WORDS",
    "QUIZZES",
    "READING_EASE",
    "REQUIRED_KEYS",
    "TAKEAWAYS",
    "TITLE_CHARS",
    "VAGUE_LINK_TEXT",
    "WORDS_PER_MINUTE",
    "WORKED_EXAMPLE",
    "is_lesson_id",
    "reading_minutes",
    "to_json",
    "to_js_module",
]

# -- lesson front matter ------------------------------------------------------

#: Front matter keys a lesson may have; the first four are required.
LESSON_KEYS = (
    "title",
    "description",
    "duration",
    "objectives",
    "assesses",
    "audience",
    "former_ids",
)
#: Required key -> what it holds (shown in the FM006 hint).
REQUIRED_KEYS = {
    "title": "a string of 5-80 characters",
    "description": "a string of 50-160 characters",
    "duration": "whole minutes, 2-10",
    "objectives": "a list of 1-3 objectives",
}
#: (min, max) characters of a lesson ``title``.
TITLE_CHARS = (5, 80)
#: (min, max) characters of a lesson ``description``.
DESCRIPTION_CHARS = (50, 160)
#: (min, max) minutes of a lesson ``duration``.
DURATION_MINUTES = (2, 10)
#: (min, max) items in ``objectives``.
OBJECTIVES = (1, 3)
#: The fixed vocabulary of ``audience`` (lessons and learning paths).
AUDIENCES = ("sales", "service", "leads")

# -- lesson body --------------------------------------------------------------

#: The last three level-2 sections of every lesson, in order.
CLOSING_SECTIONS = ("Try it", "Key takeaways", "Check your understanding")
#: (min, max) prose words (quizzes, code, HTML and front matter not counted).
PROSE_WORDS = (200, 900)
#: (min, max) bullet items under "Key takeaways".
TAKEAWAYS = (2, 4)
#: (min, max) quizzes under "Check your understanding".
QUIZZES = (2, 4)
#: (min, max) options of a choice quiz.
OPTIONS = (2, 6)
#: Reading speed used for ``duration``; see :func:`reading_minutes`.
WORDS_PER_MINUTE = 200
#: What ``course new-lesson`` writes wherever the contributor still has to write;
#: rule FILE003 finds what is left.
PLACEHOLDER = "TODO:"
#: Largest course page read, in bytes, and longest line, in characters (rules FILE005,
#: FILE006): a lesson is about 5 KB; the caps keep ``course check`` and the build
#: fast and small on any input.
MAX_FILE_BYTES = 256_000
MAX_LINE_CHARS = 2_000
#: Link texts that do not say where a link goes (compared lower-case, without
#: surrounding punctuation). Source: WCAG 2.2 SC 2.4.4 Link Purpose (In Context),
#: technique G91, and the Carpentries' "uninformative link text" check.
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "this", "link", "read more", "more", "this link", "click", "go"}
)

#: Lowest Flesch reading ease of a lesson's prose (quizzes, code, headings and
#: admonition markers left out), scored by textstat 0.7.8. Flesch, R. (1948), "A new
#: readability yardstick", Journal of Applied Psychology 32(3), 221-233:
#: 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words); 60-70 is
#: "plain English", 70 and more is easy. Rule CONTENT001.
READING_EASE = 60.0
#: The line that opens the collapsed worked answer under "Try it" (``??? example "..."``,
#: or ``???+`` to show it open); rule CONTENT002.
WORKED_EXAMPLE = r"^\?\?\?\+? example\b"

# -- module overviews (docs/<module>/index.md) ----------------------------------

#: The marker under "## Lessons" that the build replaces with the module's lessons
#: (hooks/course_pages.py); rule CONTENT004.
LESSON_LIST = "<!-- lesson-list -->"
#: The team leads' huddle guides (rule CONTENT003) and what module overviews keep of
#: them (CONTENT004). A course with team-lead pages (``docs/team-leads/``) has one
#: guide per module, ``docs/<folder>/<module>.md``, out of the learners' way (the
#: overview holds no huddle, only a link to its guide). A guide has a heading for each
#: of ``sections`` (found by these words, case-insensitive), and:
#:
#: - an agenda of ``agenda_items`` or more timed items adding up to ``minutes``;
#: - exactly ``questions`` discussion questions;
#: - a role-play with ``role_play_parts`` (bold labels) and ``debrief_questions`` or
#:   more debrief questions;
#: - a role card for the person playing the client, with labels naming each of
#:   ``role_card_parts`` (what they want, when they resist, what softens them);
#: - an observer checklist that names each of the five ``moves`` (docs/five-moves.md);
#: - a remote variant that covers each of ``remote_modes``;
#: - last week's commitment, psychological safety and the targets objection, each in
#:   ``section_words`` or more words.
HUDDLE = {
    "folder": "team-leads/huddles",
    "lessons_section": "Lessons",  # of the overview, where LESSON_LIST goes
    # overview headings holding these words are huddle material (CONTENT004)
    "overview_words": ("huddle", "role-play", "role play", "role card", "debrief"),
    "sections": (
        "agenda",
        "last week's commitment",
        "discussion questions",
        "role-play",
        "role card",
        "observer checklist",
        "debrief questions",
        "remote variant",
        "psychological safety",
        "targets",
    ),
    "minutes": 15,
    "agenda_items": 3,  # at least
    "questions": 3,  # exactly
    "role_play_parts": ("roles", "situation", "what good looks like"),
    "role_card_parts": ("want", "resist", "soften"),
    "debrief_questions": 2,  # at least
    "moves": (
        "Plan for the client's need",
        "Say back what they said, and ask",
        "See it from the buyer's side",
        "Give before you ask, honestly",
        "Notice your own pressure",
    ),
    "remote_modes": ("video", "chat"),
    "section_words": 20,  # at least, in each section with no other bound
}

# -- ids ----------------------------------------------------------------------

#: One segment of a lesson id: a module folder or a lesson file name without ``.md``.
ID_SEGMENT = r"[a-z0-9][a-z0-9-]{0,59}"
#: A lesson id, ``<module>/<file name without .md>``: lower-case ASCII letters,
#: digits and hyphens, at most 60 characters each. The browser store, assignment
#: links and reports accept exactly these ids.
LESSON_ID = rf"{ID_SEGMENT}/{ID_SEGMENT}"
_LESSON_ID = re.compile(LESSON_ID)
#: Top-level folders of ``docs/`` that are never modules.
NOT_MODULES = frozenset({"team-leads", "assets"})

# -- learning paths (docs/team-leads/learning-paths.yml) ------------------------

#: Bounds of one learning path entry.
PATH = {
    "id": r"[a-z0-9][a-z0-9-]{0,39}",
    "keys": ("id", "title", "description", "audience", "lessons"),
    "title_chars": (5, 80),
    "description_chars": (20, 200),
}

# -- assessments (issue 15) ---------------------------------------------------

#: A module's check: ``docs/<module>/MODULE_CHECK``, after its last lesson in the nav.
MODULE_CHECK = "module-check.md"
#: The final assessment: ``docs/FINAL_ASSESSMENT``.
FINAL_ASSESSMENT = "final-assessment.md"
#: The script that runs an assessment page (its front matter ``scripts`` names it).
ASSESSMENT_SCRIPT = "assets/js/assessment.js"
#: Bounds of the assessment pages.
ASSESSMENT = {
    "keys": ("title", "description", "assessment", "pass_mark", "scripts"),
    # (min, max) questions of a module check.
    "module_questions": (5, 6),
    # Questions in the final assessment's bank, at least; and drawn per attempt.
    "final_bank": 24,
    "final_draw": 12,
    # Questions of each module in the final bank, at least.
    "per_module": 3,
    # (min, max) pass mark in percent.
    "pass_mark": (50, 100),
}

# -- browser ------------------------------------------------------------------

#: The learner's progress in ``localStorage`` (docs/assets/js/store.js): the key is the
#: site root's URL path, a dot and this name (``/selling-as-connection/.sac:progress``),
#: as Material for MkDocs scopes its own keys, so copies of the course on one origin
#: never share progress.
PROGRESS_KEY = "sac:progress"
#: The key of the first round (one for the whole origin); store.js merges it into the
#: scoped key once and removes it.
LEGACY_PROGRESS_KEY = "sac:progress:v1"
#: What the pages' pre-paint scripts read (docs/assets/js/lib/view-store.js), scoped
#: like PROGRESS_KEY: the home page's main action and whether its boxes show, and the
#: open assignment, as progress.js last derived them from the progress. Derived data:
#: deleting it loses nothing (the next page writes it again).
VIEW_KEY = "sac:view"
#: What an address kept in that view may be: a path below the site root and an
#: optional fragment id ("service/listen-to-understand/", "progress/#certificate"),
#: so a stored value can only ever link within the course.
VIEW_HREF = r"^(?:[a-z0-9][a-z0-9-]*/)*(?:#[a-z0-9-]+)?$"
#: The last assignment link the learner opened (its fragment), scoped like PROGRESS_KEY.
ASSIGNMENT_KEY = "sac:assignment"
#: The first round's key for it (one for the whole origin): read once, then moved.
LEGACY_ASSIGNMENT_KEY = "sac:assignment:last:v1"
#: The team lead's team progress table (docs/assets/js/team-progress.js), scoped like
#: PROGRESS_KEY, until the lead forgets it.
TEAM_KEY = "sac:team"
#: The questions answered in this browser ("<lesson id>#quiz-0", docs/assets/js/lib/view-store.js),
#: scoped like PROGRESS_KEY: a saved answer not among them came from another device (an
#: imported progress file), and its question is shown locked (issue 18, item 5).
ANSWERED_HERE_KEY = "sac:answered-here"
#: The first day the course was published: no completion date in an imported
#: progress file can be earlier.
COURSE_START = "2026-11-29"
#: Longest learner name kept in progress, certificates and reports.
LEARNER_NAME_CHARS = 80
#: Assignment links: longest title and note, most lessons.
ASSIGNMENT = {"title_chars": 120, "note_chars": 1000, "lessons": 40}


def is_lesson_id(value: object) -> bool:
    """True when ``value`` is a string that follows :data:`LESSON_ID`."""
    return isinstance(value, str) and _LESSON_ID.fullmatch(value) is not None


def reading_minutes(words: int) -> int:
    """Minutes needed to read ``words`` words of prose, rounded up (0 for none).

    Uses :data:`WORDS_PER_MINUTE` = 200. Source: Brysbaert, M. (2019), "How many
    words do we read per minute? A review and meta-analysis of reading rate",
    Journal of Memory and Language 109, 104047: adults read English non-fiction
    silently at about 238 words per minute on average; 200 leaves room for
    slower readers and second-language readers.
    """
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0


def to_json() -> dict[str, Any]:
    """The anatomy as plain JSON data for the browser code.

    Shape::

        {"lessonId": str (a regular expression without anchors), "progressKey": str,
         "legacyProgressKey": str, "viewKey": str, "viewHref": str, "assignmentKey": str,
         "legacyAssignmentKey": str, "teamKey": str, "answeredHereKey": str,
         "courseStart": "YYYY-MM-DD", "finalDraw": int,
         "learnerNameChars": int, "assignment": {"titleChars", "noteChars", "lessons"},
         "audiences": [str], "closingSections": [str], "durationMinutes": [min, max]}
    """
    return {
        "lessonId": LESSON_ID,
        "progressKey": PROGRESS_KEY,
        "legacyProgressKey": LEGACY_PROGRESS_KEY,
        "viewKey": VIEW_KEY,
        "viewHref": VIEW_HREF,
        "assignmentKey": ASSIGNMENT_KEY,
        "legacyAssignmentKey": LEGACY_ASSIGNMENT_KEY,
        "teamKey": TEAM_KEY,
        "answeredHereKey": ANSWERED_HERE_KEY,
        "courseStart": COURSE_START,
        "finalDraw": ASSESSMENT["final_draw"],
        "learnerNameChars": LEARNER_NAME_CHARS,
        "assignment": {
            "titleChars": ASSIGNMENT["title_chars"],
            "noteChars": ASSIGNMENT["note_chars"],
            "lessons": ASSIGNMENT["lessons"],
        },
        "audiences": list(AUDIENCES),
        "closingSections": list(CLOSING_SECTIONS),
        "durationMinutes": list(DURATION_MINUTES),
    }


def to_js_module() -> str:
    """``docs/assets/js/lib/anatomy.js``: :func:`to_json` as an ES module's default export."""
    data = json.dumps(to_json(), indent=2, ensure_ascii=False)
    return (
        "// @ts-check\n"
        "// Generated from src/course/anatomy.py by `course anatomy --write`; do not edit.\n"
        "// A unit test (tests/unit/test_anatomy.py) fails while this file is out of date.\n"
        f"export default /** @type {{const}} */ ({data});\n"
    )
