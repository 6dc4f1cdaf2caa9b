"""The "Next step" block at the end of every lesson (hooks/lesson_nav.py), without a browser.

Checks the real build: each lesson ends with one block pointing to the next lesson
of its module, to the next module's overview after a module's last lesson, or to
the progress page after the course's last lesson; links resolve to real pages. A
synthetic course checks that titles are escaped.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import make_lesson

from course import Course, Module, render

next_step_html = render.next_step


def test_every_lesson_ends_with_the_right_next_step(built_site):
    course = json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))
    order = [lesson_id for module in course["modules"] for lesson_id in module["lessons"]]
    modules = {m["id"]: m for m in course["modules"]}
    module_ids = [m["id"] for m in course["modules"]]
    assert order, "the course has no lessons"
    for position, lesson_id in enumerate(order):
        lesson = course["lessons"][lesson_id]
        soup = BeautifulSoup(built_site.html(lesson["url"]), "html.parser")
        blocks = soup.select("nav.sac-next")
        assert len(blocks) == 1, f"{lesson_id}: {len(blocks)} next-step blocks"
        block = blocks[0]
        assert block.get("aria-label") == "Next step"
        assert block.select_one("[data-sac-lesson-status][role=status]") is not None
        base = "http://site/" + lesson["url"]
        following = order[position + 1] if position + 1 < len(order) else None
        if following and course["lessons"][following]["module"] == lesson["module"]:
            link = block.select_one("a[data-lesson]")
            assert link["data-lesson"] == following, lesson_id
            assert link["data-status"] == "not-started"
            assert (
                urljoin(base, link["href"]) == "http://site/" + course["lessons"][following]["url"]
            )
            assert link.get_text() == course["lessons"][following]["title"]
        elif following:
            next_module = modules[module_ids[module_ids.index(lesson["module"]) + 1]]
            assert "last lesson of the module" in block.get_text()
            link = block.select_one("a[data-module]")
            assert link["data-module"] == next_module["id"], lesson_id
            assert urljoin(base, link["href"]) == "http://site/" + next_module["url"]
        else:
            link = block.find("a", string="See your progress and certificate")
            assert link is not None, lesson_id
            assert urljoin(base, link["href"]) == "http://site/progress/"
        target = urljoin(base, block.find_all("a")[-1]["href"])[len("http://site/") :]
        assert (built_site.site_dir / target / "index.html").is_file(), (
            f"{lesson_id}: {target} not built"
        )


def test_progress_page_is_built_and_in_the_navigation(built_site):
    soup = BeautifulSoup(built_site.html("progress/"), "html.parser")
    for name in ["summary", "lessons", "certificate", "transfer", "reset"]:
        box = soup.select_one(f"[data-sac-progress='{name}']")
        assert box is not None and box.get_text(strip=True), (
            f"{name} has no text for readers without scripts"
        )
    assert "every" in soup.get_text() and "complete" in soup.get_text()
    home = BeautifulSoup(built_site.html(""), "html.parser")
    assert home.select_one(".md-nav--primary a.md-nav__link[href='progress/']") is not None


def test_titles_are_escaped_and_links_relative():
    first = make_lesson("alpha/one", "One <script>alert(1)</script>")
    second = make_lesson("alpha/two", 'Two "quoted" & <b>bold</b>')
    third = make_lesson("beta/three", "Three")
    course = Course(
        modules=[
            Module(
                id="alpha",
                title="Alpha & <i>co</i>",
                description="",
                url="alpha/",
                lessons=[first, second],
            ),
            Module(id="beta", title="Beta", description="", url="beta/", lessons=[third]),
        ],
        lessons={lesson.id: lesson for lesson in (first, second, third)},
    )
    html = next_step_html(course, "alpha/one", "alpha/one/", True)
    assert "<script>" not in html and "&lt;script&gt;" not in html  # next lesson is "two"
    link = BeautifulSoup(html, "html.parser").select_one('a[href="../two/"]')
    # The title is text: quotes, & and <b> survive as characters, no element is made.
    assert link is not None and link.get_text() == 'Two "quoted" & <b>bold</b>'
    assert link.find("b") is None and "&amp; &lt;b&gt;bold&lt;/b&gt;" in html
    html = next_step_html(course, "alpha/two", "alpha/two/", True)
    assert "Alpha &amp; &lt;i&gt;co&lt;/i&gt;" in html and 'href="../../beta/"' in html
    html = next_step_html(course, "beta/three", "beta/three/", True)
    assert 'href="../../progress/"' in html
    html = next_step_html(course, "beta/three", "beta/three/", False)
    assert "progress/" not in html


def test_every_lesson_opens_with_its_place_time_and_objectives(built_site):
    """'Lesson N of M in <module> · X min' and the front matter's objectives, at the top."""
    from conftest import ROOT

    from course.config import load_config
    from course.model import load_course

    config = load_config(ROOT / "mkdocs.yml")
    model = load_course(config.docs_dir, config.nav)
    for module in model.modules:
        for position, lesson in enumerate(module.lessons, start=1):
            soup = BeautifulSoup(built_site.html(lesson.url), "html.parser")
            intro = soup.select("article .sac-lesson-intro")
            assert len(intro) == 1, lesson.id
            first = soup.select_one("article h1").find_next_sibling()
            assert first is intro[0], f"{lesson.id}: the intro is not right under the title"
            meta = intro[0].select_one(".sac-lesson-intro__meta").get_text(" ", strip=True)
            expected = f"Lesson {position} of {len(module.lessons)} in {module.title} · "
            assert meta == f"{expected}{lesson.duration} min", (lesson.id, meta)
            items = [li.get_text(strip=True) for li in intro[0].select("li")]
            assert items == list(lesson.objectives) and items, lesson.id
            assert intro[0].has_attr("data-search-exclude")
