"""The smaller problems of the learner and lead journeys (issue 18, "Smaller problems"),
one browser test each, in real Chromium.
"""

from __future__ import annotations

import json

import pytest
from conftest import PHONE, engage
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from test_learner import _answer_all, _course, _first_module, _wait_lesson
from test_team_leads import _create, _paste, _report, _team_page

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
FIRST = "connection/pushing-breaks-connection"
SECOND = "service/help-not-battle"
# Is the focused element on screen and on top (not under another layer, not off canvas)?
FOCUS_SEEN = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return false;
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height || r.bottom < 0 || r.top > innerHeight) return false;
  if (r.right < 0 || r.left > innerWidth) return false;
  const hit = document.elementFromPoint(Math.min(innerWidth - 1, Math.max(0, r.left + r.width / 2)),
    Math.min(innerHeight - 1, Math.max(0, r.top + r.height / 2)));
  return !!hit && (hit === e || e.contains(hit) || hit.contains(e));
}"""


def test_the_phone_drawer_shows_the_mark_of_the_lesson_just_completed(
    page_factory, site_url, built_site
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    page = page_factory(**PHONE)
    page.goto(site_url + course["lessons"][lesson]["url"])
    _wait_lesson(page, lesson)
    _answer_all(page)
    page.get_by_role("button", name="Navigation menu").click()
    # On a phone the drawer shows the current page as the label that opens its contents.
    current = page.locator(".md-nav--primary label.md-nav__link--active[for='__toc']")
    expect(current).to_be_visible()
    expect(current.get_by_role("img", name="Completed")).to_be_visible()
    assert page.page_errors == []


def test_the_assignment_list_keeps_its_marks_after_instant_navigation(page_factory, site_url):
    page = page_factory(**DESKTOP)
    page.goto(f"{site_url}assignment/#v=2&t=Marks&due=2099-01-01&l={FIRST},{SECOND}&end=1")
    marks = page.locator("[data-assignment-lessons] a[data-lesson] .sac-mark")
    expect(marks).to_have_count(2)
    engage(page)
    page.evaluate("window.__noReload = true")
    page.locator(f"[data-assignment-lessons] a[data-lesson='{FIRST}']").click()
    _wait_lesson(page, FIRST)
    _answer_all(page)
    page.go_back()
    page.locator("[data-assignment-lessons] a").first.wait_for()
    expect(marks).to_have_count(2)
    expect(
        page.locator(f"[data-assignment-lessons] a[data-lesson='{FIRST}']").get_by_role("img")
    ).to_have_attribute("aria-label", "Completed")
    assert page.evaluate("window.__noReload") is True, "the back button reloaded the page"
    assert page.page_errors == []


@pytest.mark.parametrize("where", ["builder", "view"])
def test_copied_shows_next_to_the_copy_button(page_factory, site_url, where):
    page = page_factory(**PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = _create(page, site_url, [FIRST], "Copy", "2099-01-01")
    if where == "builder":
        button = page.get_by_role("button", name="Copy message")
    else:
        page.goto(url)
        page.get_by_label("Your name").fill("Dana")
        button = page.get_by_role("button", name="Copy the report")
    button.click()
    copied = page.get_by_text("Copied to the clipboard.")
    expect(copied).to_be_visible()
    near = button.bounding_box()
    said = copied.bounding_box()
    assert abs(said["y"] - near["y"]) < 80, (near, said)
    assert 0 <= said["y"] < page.viewport_size["height"], "the confirmation is off-screen"
    assert page.page_errors == []


def test_a_report_needs_a_name_before_it_goes(page_factory, site_url):
    page = page_factory(**DESKTOP)
    page.goto(f"{site_url}assignment/#v=2&t=Named&due=2099-01-01&l={FIRST}&end=1")
    page.locator("[data-assignment-lessons] a").first.wait_for()
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Copy the report").click()
    expect(
        page.get_by_text("Type your name first: your lead's table lists you by it.")
    ).to_be_visible()
    expect(page.get_by_label("Your name")).to_be_focused()
    expect(page.get_by_label("Your name")).to_have_attribute("aria-invalid", "true")


def test_a_link_cut_off_says_it_is_incomplete(page_factory, site_url):
    page = page_factory(**DESKTOP)
    good = f"{site_url}assignment/#v=2&t=Good%20one&due=2099-01-01&l={FIRST}&end=1"
    page.goto(good)
    page.locator("[data-assignment-lessons] a").first.wait_for()
    for cut in [
        good[: good.index("&end")],
        good[: good.index("&l=") + 9],
        good[: good.index("&due") + 2],
    ]:
        page.goto("about:blank")
        page.goto(cut.replace("Good%20one", "Cut"))
        notice = page.locator("[data-assignment-incomplete]")
        expect(notice).to_contain_text("This link is incomplete: it was cut off on its way to you")
        expect(page.locator("[data-assignment-body]")).to_be_hidden()
        # The assignment opened before is kept, and offered.
        back = notice.get_by_role(
            "link", name="Show your last assignment instead: \u201cGood one\u201d"
        )
        expect(back).to_be_visible()
    back.click()
    expect(page.locator("[data-assignment-title]")).to_have_text("Good one")
    assert page.page_errors == []


def test_overdue_is_highlighted(page_factory, site_url):
    page = page_factory(**DESKTOP)
    page.goto(f"{site_url}assignment/#v=2&t=Late&due=2020-03-02&l={FIRST}&end=1")
    due = page.locator("[data-assignment-due]")
    expect(due).to_contain_text("days overdue")
    expect(due).to_have_attribute("data-overdue", "true")
    assert due.evaluate("e => getComputedStyle(e).color") == "rgb(176, 0, 32)"
    assert due.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    page.goto(f"{site_url}assignment/#v=2&t=Soon&due=2099-03-02&l={FIRST}&end=1")
    expect(due).to_contain_text("days left")
    expect(due).not_to_have_attribute("data-overdue", "true")
    # On the lead's table: the row, and a note that says it in words.
    team = _team_page(page_factory, site_url)
    _paste(
        team,
        [
            _report(
                "Ana Reyes",
                [(FIRST, "complete", "2026-11-21", 3, 3), (SECOND, "in-progress", None, 1, 3)],
            )
        ],
    )
    row = team.locator("[data-team-table] tbody tr").first
    expect(row).to_have_attribute("data-overdue", "true")
    expect(row.locator("[data-team-note]").first).to_have_text(
        "Overdue: due 2026-11-27, 1 of 2 lessons done."
    )


def test_the_team_table_is_kept_readable_and_forgotten_on_request(page_factory, site_url):
    page = page_factory(**PHONE)
    page.goto(site_url + "team-leads/team-progress/")
    page.wait_for_selector("[data-team-progress][data-ready]", state="attached")
    lessons = [(FIRST, "complete", "2026-11-21", 3, 3), (SECOND, "in-progress", None, 1, 3)]
    _paste(page, [_report("Ana Reyes", lessons), _report("Ben Okafor", lessons[:1])])
    table = page.locator("[data-team-table]")
    expect(table.locator("tbody tr")).to_have_count(2)

    # Kept in this browser: a reload brings it back.
    page.reload()
    page.wait_for_selector("[data-team-progress][data-ready]", state="attached")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(page.locator("[data-team-messages]")).to_contain_text(
        "The table kept in this browser: 2 reports"
    )

    # Readable on a phone: the learner's column stays while the table scrolls sideways;
    # each status has its colour and its words.
    wrap = page.locator(".tl-table-wrap")
    name = table.locator("tbody th").first
    left = name.bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = 300; }")
    assert wrap.evaluate("e => e.scrollLeft") > 0, "the table is not wider than a phone"
    assert abs(name.bounding_box()["x"] - left) < 1
    done = table.locator(f"tbody td[data-lesson='{FIRST}'][data-status='complete']").first
    expect(done).to_contain_text("Done")
    assert done.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(209, 231, 221)"
    busy = table.locator(f"tbody td[data-lesson='{SECOND}'][data-status='in-progress']").first
    expect(busy).to_contain_text("In progress")
    assert busy.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 205)"

    # Forget: gone from the page and from the browser.
    page.get_by_role("button", name="Forget the table").click()
    expect(page.locator("[data-team-output]")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('/.sac:team')") is None
    page.reload()
    page.wait_for_selector("[data-team-progress][data-ready]", state="attached")
    expect(page.locator("[data-team-output]")).to_be_hidden()
    assert page.page_errors == []


def test_a_keyboard_on_a_phone_reaches_the_menu_and_only_visible_links(
    page_factory, site_url, built_site
):
    course = _course(built_site)
    lesson = _first_module(course)["lessons"][0]
    page = page_factory(**PHONE)
    page.goto(site_url + course["lessons"][lesson]["url"])
    menu = page.get_by_role("button", name="Navigation menu")
    reached = False
    for _ in range(25):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
        assert not inside, "focus went into the closed drawer"
        if page.evaluate("() => document.activeElement.matches('button.sac-menu-button')"):
            reached = True
            break
        # The palette toggle is a visually hidden radio that shows its focus on its label.
        palette = page.evaluate("() => document.activeElement.matches('.md-option')")
        assert page.evaluate(FOCUS_SEEN) or palette, page.evaluate(
            "() => document.activeElement.outerHTML.slice(0, 120)"
        )
    assert reached, "the menu button cannot be reached with Tab"
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    # Focus moves into the open drawer, on what the learner can see; Tab stays on seen links.
    # The drawer slides in and scrolls to the focused link: seen once that has settled
    # (a CI run on 2026-12-01, under load, read a link still on its way in).
    for _ in range(6):
        try:
            page.wait_for_function(FOCUS_SEEN, timeout=1500)
        except PlaywrightTimeoutError:
            raise AssertionError(
                page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            ) from None
        page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    assert page.page_errors == []


def test_dark_mode_follows_the_system_until_the_learner_chooses(page_factory, site_url):
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    page = page_factory(**DESKTOP, color_scheme="dark")
    page.goto(site_url)
    engage(page)  # Material's bundle saves the palette it starts with
    assert page.evaluate(scheme) == "slate"
    # The system turns light: the page follows, now and on the next visit.
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.reload()
    assert page.evaluate(scheme) == "default"
    engage(page)
    assert page.evaluate(scheme) == "default"
    # The learner chooses dark: that sticks, whatever the system says.
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.reload()
    assert page.evaluate(scheme) == "slate"
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(200)
    assert page.evaluate(scheme) == "slate"
    assert json.loads(page.evaluate("localStorage.getItem('/.__palette_chosen')")) is True
    assert page.page_errors == []
