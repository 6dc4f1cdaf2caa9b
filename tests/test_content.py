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
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from course import Course, load_course, read_front_matter, read_text
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
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
    _, body_start = read_front_matter(text)
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


@pytest.fixture(scope="module")
def course() -> Course:
    """The real course, read from mkdocs.yml's nav the way the build hook reads it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return load_course(DOCS, config.nav)


def _mkdocs_yml() -> dict:
    """mkdocs.yml as plain data (``!ENV`` and ``!!python/name`` tags read as None),
    without loading plugins, so ids are known when tests are collected."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _lesson_ids() -> list[str]:
    """Lesson ids in course order, for parametrising."""
    return list(load_course(DOCS, _mkdocs_yml()["nav"]).lessons)


LESSON_IDS = _lesson_ids()


def _lesson_text(lesson_id: str) -> str:
    path = DOCS / f"{lesson_id}.md"
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is listed in mkdocs.yml nav but does not exist")
    return read_text(path)


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


def _content(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.select_one(".md-content")
    assert article is not None, "page has no Material content area"
    return article


def _expected_lessons(module_id: str) -> list[tuple[str, str, int]]:
    """(id, title, duration) of a module's lessons, straight from their front matter."""
    expected = []
    for lesson_id in LESSON_IDS:
        if lesson_id.split("/")[0] == module_id:
            meta, _ = read_front_matter(_lesson_text(lesson_id))
            expected.append((lesson_id, meta.get("title"), meta.get("duration")))
    return expected


@pytest.mark.parametrize(
    "module_id", ["connection", "client-focus", "service", "prospecting", "reputation"]
)
def test_module_lesson_list_matches_front_matter(built_site, module_id: str) -> None:
    content = _content(built_site.html(f"{module_id}/"))
    shown = []
    for link in content.select("a[data-lesson]"):
        item = link.find_parent("li")
        minutes = _MINUTES.search(item.get_text(" ", strip=True)) if item else None
        shown.append(
            (
                link["data-lesson"],
                link.get_text(strip=True),
                int(minutes.group(1)) if minutes else None,
            )
        )
    assert shown == _expected_lessons(module_id)


def test_home_lists_every_module_with_computed_totals(built_site, course: Course) -> None:
    content = _content(built_site.html(""))
    text = content.get_text(" ", strip=True)
    expected_total = sum(
        read_front_matter(_lesson_text(lesson_id))[0].get("duration", 0) for lesson_id in LESSON_IDS
    )
    assert f"{expected_total} min" in text, (
        f"home page does not show the total {expected_total} min"
    )
    modules = content.select("a[data-module]")
    assert [a["data-module"] for a in modules] == [m.id for m in course.modules]
    for link in modules:
        module_id = link["data-module"]
        item = link.find_parent("li")
        assert item is not None, f"{module_id}: the module link is not in a list item"
        # The module's own line, without its nested lesson list.
        own_text = " ".join(
            child.get_text(" ", strip=True) if hasattr(child, "get_text") else str(child)
            for child in item.children
            if getattr(child, "name", None) not in ("ol", "ul")
        )
        total = sum(duration for _, _, duration in _expected_lessons(module_id))
        count = len(_expected_lessons(module_id))
        assert link.get_text(strip=True) == course.module(module_id).title
        assert re.search(rf"\b{total} min\b", own_text), (
            f"{module_id}: expected the computed total '{total} min' in {own_text!r}"
        )
        assert re.search(rf"\b{count} lessons?\b", own_text), (
            f"{module_id}: expected '{count} lessons' in {own_text!r}"
        )
    listed = [a["data-lesson"] for a in content.select("a[data-lesson]")]
    assert listed == LESSON_IDS


def test_home_has_start_here_and_team_leads_links(built_site) -> None:
    content = _content(built_site.html(""))
    first = LESSON_IDS[0]
    starts = [
        a
        for a in content.select("a[href]")
        if a["href"].rstrip("/").endswith(first.split("/")[-1])
        and not a.has_attr("data-lesson")
        and "start here" in a.get_text(" ").lower()
    ]
    assert starts, f"home page has no 'Start here' link to {first} outside the generated list"
    leads = [a for a in content.select("a[href]") if "team leads" in a.get_text(" ").lower()]
    assert leads and all("team-leads" in a["href"] for a in leads), "no link to the team leads page"


def test_home_heading_and_title_come_from_front_matter(built_site) -> None:
    # The nav labels the home page "Home", and that label wins over front matter for
    # page.title; overrides/main.html puts the front matter title in the heading.
    meta, _ = read_front_matter(read_text(DOCS / "index.md"))
    soup = BeautifulSoup(built_site.html(""), "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("article h1")]
    assert headings == [meta["title"]], f"home page h1s: {headings}"
    site_name = _mkdocs_yml()["site_name"]
    assert soup.title.get_text() == f"{meta['title']} - {site_name}"
    assert meta["title"] != site_name, "a home title equal to site_name doubles it in <title>"
    assert 50 <= len(meta["description"]) <= 160


def test_meta_descriptions_match_front_matter(built_site, course: Course) -> None:
    # Material writes page.meta.description into content="..." without escaping, so a
    # double quote in a description cuts the attribute short (seen on a real lesson).
    pages = [(lesson.url, lesson.src_path) for lesson in course.lessons.values()]
    pages += [(module.url, f"{module.id}/index.md") for module in course.modules]
    pages.append(("", "index.md"))
    for url, src_path in pages:
        meta, _ = read_front_matter(read_text(DOCS / src_path))
        soup = BeautifulSoup(built_site.html(url), "html.parser")
        tag = soup.find("meta", attrs={"name": "description"})
        shown = tag.get("content", "") if tag else ""
        assert shown == meta.get("description"), (
            f"docs/{src_path}: the page's meta description is {shown!r}; avoid double quotes "
            "and angle brackets in front matter 'description' (Material does not escape them)"
        )


def test_every_quiz_option_has_its_own_explanation(built_site) -> None:
    checked = 0
    for lesson_id in LESSON_IDS:
        content = _content(built_site.html(f"{lesson_id}/"))
        quizzes = content.select(".quiz")
        assert 2 <= len(quizzes) <= 4, f"{lesson_id}: {len(quizzes)} quizzes; lessons need 2-4"
        for number, quiz in enumerate(quizzes, start=1):
            for option in quiz.select("input[name=answer]"):
                holder = option.parent
                feedback = holder.select_one(".answer-feedback")
                label = holder.select_one("label")
                assert feedback and feedback.get_text(strip=True), (
                    f"{lesson_id}: quiz {number} option {label.get_text(strip=True)!r} has no "
                    "explanation; put a '> ...' line directly under it"
                )
                checked += 1
    assert checked >= 2 * 2 * len(LESSON_IDS)


def test_quiz_questions_set_a_scene(built_site) -> None:
    # Questions test judgement in a situation, not recall of a sentence: each one
    # describes a short scene (12+ words) and asks about it.
    for lesson_id in LESSON_IDS:
        content = _content(built_site.html(f"{lesson_id}/"))
        for number, question in enumerate(content.select(".quiz-question"), start=1):
            text = question.get_text(" ", strip=True)
            assert len(text.split()) >= 12 and text.endswith("?"), (
                f"{lesson_id}: quiz {number} ({text!r}) should set a short scene "
                "(12 words or more) and end with a question"
            )


# ---------------------------------------------------------------------------
# Lesson text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_lesson_reads_plainly(lesson_id: str) -> None:
    prose = prose_text(lesson_body(_lesson_text(lesson_id)))
    score = reading_ease(prose)
    assert score >= MIN_READING_EASE, (
        f"docs/{lesson_id}.md: Flesch reading ease {score:.1f} < {MIN_READING_EASE}; "
        "use shorter sentences and everyday words"
    )


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_try_it_has_a_worked_example(lesson_id: str) -> None:
    body = lesson_body(_lesson_text(lesson_id))
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
    lesson_words = words(lesson_body(_lesson_text(lesson_id)))
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
