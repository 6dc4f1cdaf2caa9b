"""Generated lists and pages of the built course match the lessons' front matter (issue 4)."""

from __future__ import annotations
import re
from pathlib import Path
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DOCS, LESSON_IDS, ROOT, lesson_text, mkdocs_yml
from course import Course, front_matter, load_course, read_text
from markdown_it import MarkdownIt


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


_MINUTES = re.compile(r"(\d+)\s*(?:min\b|minutes?\b)", re.IGNORECASE)


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
            meta, _ = front_matter(lesson_text(lesson_id))
            expected.append((lesson_id, meta.get("title"), meta.get("duration")))
    return expected


def test_home_lists_every_module_with_computed_totals(built_site, course: Course) -> None:
    content = _content(built_site.html(""))
    text = content.get_text(" ", strip=True)
    expected_total = sum(
        front_matter(lesson_text(lesson_id))[0].get("duration", 0) for lesson_id in LESSON_IDS
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
    meta, _ = front_matter(read_text(DOCS / "index.md"))
    soup = BeautifulSoup(built_site.html(""), "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("article h1")]
    assert headings == [meta["title"]], f"home page h1s: {headings}"
    site_name = mkdocs_yml()["site_name"]
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
        meta, _ = front_matter(read_text(DOCS / src_path))
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
            # A multi-select question says so after its question mark.
            asked = text.removesuffix("(Choose all that apply.)").strip()
            assert len(text.split()) >= 12 and asked.endswith("?"), (
                f"{lesson_id}: quiz {number} ({text!r}) should set a short scene "
                "(12 words or more) and end with a question"
            )
