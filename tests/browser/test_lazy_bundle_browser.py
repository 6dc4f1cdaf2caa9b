"""Material's bundle on first interaction, in Chromium (hooks/lazy_bundle.py).

Search, palette, continue box and instant navigation before and after the bundle arrives.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import BuildResult, engage
from playwright.sync_api import expect

BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _first_lesson(built_site: BuildResult) -> dict:
    """The course's first lesson from course.json, with its ``id`` added."""
    course = json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))
    lesson_id, lesson = next(iter(course["lessons"].items()))
    return {"id": lesson_id, **lesson}


@pytest.mark.browser
def test_bundle_loads_on_first_interaction_then_search_and_instant_navigation_work(
    built_site: BuildResult, site_url, page_factory
) -> None:
    lesson = _first_lesson(built_site)
    page = page_factory(**PHONE)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + lesson["url"])
    page.wait_for_selector("[data-sac-lesson-status][data-sac-ready]", state="attached")
    # No timer loads it either: a negative check, so a bounded wait (the
    # loader's own timers, after an interaction, are at most 300 ms).
    page.wait_for_timeout(1500)
    assert not any(BUNDLE.search(u) for u in requested)
    assert not any(u.endswith("search_index.json") for u in requested)
    assert page.evaluate("document.documentElement.className") == "js"
    # The search button is there from the start (Material hides it for no-js).
    expect(page.locator("label.md-header__button[for=__search]")).to_be_visible()

    page.touchscreen.tap(5, 400)  # a tap on the page's margin
    page.wait_for_function("() => window.__sacBundle === 'ready' && !!window.document$")
    page.wait_for_load_state("networkidle")
    assert sum(bool(BUNDLE.search(u)) for u in requested) == 1
    # The search index waits until the learner opens search.
    assert not any(u.endswith("search_index.json") for u in requested)

    # Search works.
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type("client")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    assert sum(u.endswith("search_index.json") for u in requested) == 1
    page.keyboard.press("Escape")

    # Instant navigation works, and progress.js follows it.
    page.evaluate("window.__sameDocument = true")
    next_link = page.locator(".sac-next a[data-lesson]").first
    target = next_link.get_attribute("data-lesson")
    next_link.click()
    page.wait_for_function(
        "id => document.querySelector('meta[name=\"course:lesson\"]')?.content === id", arg=target
    )
    page.wait_for_selector("[data-sac-lesson-status][data-sac-ready]", state="attached")
    assert page.evaluate("window.__sameDocument") is True
    assert sum(bool(BUNDLE.search(u)) for u in requested) == 1
    assert page.page_errors == [] and page.console_errors == []


@pytest.mark.browser
def test_palette_before_the_bundle(site_url, page_factory) -> None:
    # The system prefers dark: dark at once, and the toggle offers light.
    page = page_factory(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    expect(page.get_by_title("Switch to dark mode")).to_be_hidden()
    assert page.evaluate("typeof window.document$") == "undefined"

    # A click before the bundle has started switches and is saved.
    page.evaluate("document.querySelector('[title=\"Switch to light mode\"]').click()")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    expect(page.get_by_title("Switch to dark mode")).to_be_visible()

    # The bundle arrives and keeps the choice; a reload keeps it too.
    engage(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    expect(page.get_by_title("Switch to dark mode")).to_be_visible()
    # With the bundle, the toggle is Material's own again.
    engage(page)
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.page_errors == []


@pytest.mark.browser
def test_continue_box_is_in_place_before_the_first_paint(
    built_site: BuildResult, site_url, page_factory
) -> None:
    lesson = _first_lesson(built_site)
    page = page_factory(**PHONE)
    page.goto(site_url)
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    expect(page.locator(".sac-continue")).to_be_hidden()

    # A returning learner: the box is visible when the page is parsed, before
    # progress.js fills it in, and filling it moves nothing below it.
    page.evaluate(
        "id => localStorage.setItem('/.sac:progress', JSON.stringify({version: 1,"
        " lessons: {[id]: {status: 'in-progress', answered: 1, correct: 1, total: 3,"
        " updatedAt: '2026-11-29T10:00:00.000Z'}}, learner: {name: ''}}))",
        lesson["id"],
    )
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const box = document.querySelector('.sac-continue');"
        " window.__boxAtParse = box && !box.hidden; window.__shifts = 0;"
        " new PerformanceObserver(l => l.getEntries().forEach(e => {"
        "   if (!e.hadRecentInput) window.__shifts += e.value })).observe("
        "   {type: 'layout-shift', buffered: true}) })"
    )
    page.reload()
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    expect(page.locator(".sac-continue")).to_contain_text("Pick up where you stopped")
    assert page.evaluate("window.__boxAtParse") is True
    # Layout shifts arrive through the PerformanceObserver with no "no more"
    # signal: a bounded wait for this negative check, a few frames after the fill.
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts") < 0.01


@pytest.mark.browser
def test_search_index_loads_for_the_keyboard_shortcut(
    built_site: BuildResult, site_url, page_factory
) -> None:
    lesson = _first_lesson(built_site)
    page = page_factory(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + lesson["url"])
    engage(page)
    assert not any(u.endswith("search_index.json") for u in requested)
    page.keyboard.press("/")  # Material's shortcut focuses the search field
    page.keyboard.type("trust")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    assert sum(u.endswith("search_index.json") for u in requested) == 1

    assert page.page_errors == []


@pytest.mark.browser
def test_first_interaction_that_opens_search_is_not_lost(
    built_site: BuildResult, site_url, page_factory
) -> None:
    lesson = _first_lesson(built_site)
    focused = "() => document.activeElement?.getAttribute('data-md-component') === 'search-query'"
    # A phone: the first tap is on the search button; the field gets focus at once
    # (inside the tap, so a phone shows its keyboard).
    phone = page_factory(**PHONE)
    phone.goto(site_url + lesson["url"])
    phone.locator("label.md-header__button[for=__search]").tap()
    assert phone.evaluate(focused)
    phone.keyboard.type("client")
    phone.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)

    # A keyboard: the first key is "/".
    desktop = page_factory(viewport={"width": 1280, "height": 900})
    desktop.goto(site_url + lesson["url"])
    desktop.keyboard.press("/")
    assert desktop.evaluate(focused)
    assert desktop.evaluate("document.getElementById('__search').checked")
    desktop.keyboard.type("trust")
    desktop.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    assert phone.page_errors == [] and desktop.page_errors == []


@pytest.mark.browser
def test_enter_on_the_palette_toggle_before_the_bundle(site_url, page_factory) -> None:
    page = page_factory(color_scheme="light", viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    page.evaluate("document.getElementById('__palette_0').focus()")
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    expect(page.get_by_title("Switch to light mode")).to_be_visible()


@pytest.mark.browser
def test_continue_box_stays_hidden_for_lessons_no_longer_in_the_course(
    site_url, page_factory
) -> None:
    page = page_factory(**PHONE)
    page.goto(site_url)
    page.evaluate(
        "localStorage.setItem('/.sac:progress', JSON.stringify({version: 1, lessons:"
        " {'gone/old-lesson': {status: 'in-progress', answered: 1, correct: 1, total: 3,"
        " updatedAt: '2026-11-29T10:00:00.000Z'}}, learner: {name: ''}}))"
    )
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " window.__boxAtParse = !document.querySelector('.sac-continue').hidden })"
    )
    page.reload()
    page.wait_for_selector("article[data-sac-ready]", state="attached")
    assert page.evaluate("window.__boxAtParse") is False
    expect(page.locator(".sac-continue")).to_be_hidden()
