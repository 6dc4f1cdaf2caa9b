"""Team leads in a real browser: builder -> link -> learner view -> report -> team progress.

Acts as a lead and a learner would: clicks labels, reads visible text, downloads the
calendar file and the CSV. Also hostile and stale links, and an axe-core scan of every
team-lead page (WCAG 2.0/2.1/2.2 A and AA tags).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import icalendar
import pytest
from conftest import engage
from playwright.sync_api import expect
from test_learner import _wait_lesson

from tools.bench.team import (
    csv_download,
    flood_text,
    load_in_page,
    realistic_reports,
    unknown_reports,
)
from tools.bench.team import open_page as open_team_page

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA = ("=", "+", "-", "@", "\t", "\r")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FIRST = "connection/pushing-breaks-connection"
SECOND = "service/help-not-battle"
PAYLOADS = [
    '<img src=x onerror="alert(1)" id=pwned>',
    '"><script id=pwned>alert(2)</script>',
    "javascript:alert(3)",
    "</title><svg onload=alert(4) id=pwned>",
]


def _course(built_site) -> dict:
    return json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))


def _watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _ready(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-ready]", state="attached")


def _script_requested(page, name: str) -> bool:
    """True when this document has requested docs/assets/js/<name> (Resource
    Timing). The scripts are ES modules with no globals: a module is fetched and
    evaluated once per document, so "requested" is "loaded on some page of this
    visit" (an evaluation error would show in page_errors)."""
    return page.evaluate(
        "name => performance.getEntriesByType('resource')"
        ".some(e => new URL(e.name).pathname.endsWith('/assets/js/' + name))",
        name,
    )


def _finish_lesson(page) -> None:
    """Answer every quiz on the current lesson page by clicking the correct option's label."""
    quizzes = page.locator(".quiz")
    assert quizzes.count() >= 2
    for index in range(quizzes.count()):
        quiz = quizzes.nth(index)
        for option in quiz.locator("input[data-correct]").all():
            quiz.locator(f"label[for='{option.get_attribute('id')}']").click()
        submit = quiz.locator("button[type=submit]")
        if submit.count() and submit.first.is_visible():
            submit.first.click()


def _create(page, site_url: str, lessons: list[str], title: str, due: str, note: str = "") -> str:
    page.goto(site_url + "team-leads/assignment-builder/")
    _ready(page, "[data-assignment-builder]")
    for lesson in lessons:
        page.locator(f"label[for='lesson-{lesson.replace('/', '--')}']").click()
    page.get_by_label("Assignment title").fill(title)
    page.get_by_label("Due date").fill(due)
    if note:
        page.get_by_label("Note to the team").fill(note)
    page.get_by_role("button", name="Create link").click()
    link = page.locator("[data-assignment-link]")
    link.wait_for(state="visible")
    return link.input_value()


def _axe(page) -> list[dict]:
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy
    # (hooks/csp.py) refuses an injected <script> tag, as it should.
    page.evaluate(script.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


# -- the whole loop --------------------------------------------------------------


def test_builder_link_learner_view_finished_lesson_in_report(page_factory, site_url, built_site):
    course = _course(built_site)
    page = page_factory(**DESKTOP)
    due = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    url = _create(
        page, site_url, [FIRST, SECOND], "Week 1: push less", due, "Start with\nthe first one."
    )

    assert url.startswith(site_url + "assignment/#")
    minutes = course["lessons"][FIRST]["duration"] + course["lessons"][SECOND]["duration"]
    assert (
        page.locator("[data-assignment-total]").inner_text()
        == f"Selected: 2 lessons · {minutes} min"
    )
    message = page.get_by_label("Ready-to-send message").input_value()
    assert course["lessons"][FIRST]["title"] in message and url in message
    checklist = page.locator("[data-assignment-checklist]").inner_text()
    assert course["lessons"][SECOND]["title"] in checklist and "Week 1: push less" in checklist

    page.goto(url)
    _ready(page, "[data-assignment-view]")
    view = page.locator("[data-assignment-view]")
    page.locator("[data-assignment-lessons] a[data-lesson]").first.wait_for()
    assert view.locator("[data-assignment-title]").inner_text() == "Week 1: push less"
    assert "5 days left" in view.locator("[data-assignment-due]").inner_text()
    assert view.locator("[data-assignment-note]").inner_text() == "Start with\nthe first one."
    links = view.locator("[data-assignment-lessons] a[data-lesson]")
    assert [links.nth(i).get_attribute("data-lesson") for i in range(2)] == [FIRST, SECOND]
    assert links.nth(0).get_attribute("data-status") == "not-started"
    assert "0 of 2 lessons done" in view.inner_text()

    links.nth(0).click()
    page.wait_for_url(_path(f"/{FIRST}/"))
    # Instant navigation changes the URL before it swaps the page in: wait for the lesson.
    _wait_lesson(page, FIRST)
    _finish_lesson(page)
    # The store the page uses reports the lesson complete. store.js is a module
    # without a global: importing its URL again gives the page's own instance.
    # (wait_for_function does not await a promise, so the import comes first.)
    store = site_url + "assets/js/store.js"
    page.evaluate("async url => { window.__testStore = await import(url); }", store)
    page.wait_for_function(
        "id => window.__testStore.status(id) === 'complete'", arg=FIRST, timeout=5000
    )

    page.goto(url)
    _ready(page, "[data-assignment-view]")
    first = page.locator(f"[data-assignment-lessons] a[data-lesson='{FIRST}']")
    first.wait_for()
    assert first.get_attribute("data-status") == "complete"
    assert "1 of 2 lessons done" in page.locator("[data-assignment-view]").inner_text()
    page.get_by_label("Your name").fill("Dana Whitfield")

    report = page.locator("[data-completion-report]")
    text = report.locator("[data-report-text]").text_content()
    today = dt.date.today().isoformat()
    assert "Learner: Dana Whitfield" in text
    assert f"{course['lessons'][FIRST]['title']}: done on {today}" in text
    assert f"{course['lessons'][SECOND]['title']}: not started" in text
    data = _downloaded_report(page)
    assert data["format"] == "selling-as-connection/completion-report"
    assert data["learner"] == "Dana Whitfield"
    assert data["assignment"] == {
        "title": "Week 1: push less",
        "due": due,
        "lessons": [FIRST, SECOND],
    }
    done = data["lessons"][0]
    assert (done["id"], done["status"], done["completedAt"]) == (FIRST, "complete", today)
    quizzes = course["lessons"][FIRST]["quizzes"]
    assert (done["correct"], done["total"]) == (quizzes, quizzes)
    assert data["lessons"][1]["status"] == "not-started"
    assert data["summary"] == {"complete": 1, "total": 2}
    assert page.foreign_requests == [] and page.page_errors == []


def test_calendar_file_is_valid_rfc5545_with_the_due_date(page_factory, site_url):
    page = page_factory(**DESKTOP)
    due = "2031-02-28"
    title = "Ünïcode, commas; and a long title that needs folding " + "x" * 40
    # The longest note, all non-ASCII: 9000 characters once percent-encoded.
    note = ("チームのみなさん、よろしくお願いします。" * 60)[:1000]
    url = _create(page, site_url, [FIRST], title, due, note)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar (.ics file)").click()
    raw = Path(info.value.path()).read_bytes()

    assert info.value.suggested_filename.endswith(".ics")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2031, 2, 28)
    assert event.decoded("DTEND") == dt.date(2031, 3, 1)
    assert str(event["SUMMARY"]) == "Due: " + title
    assert event.get("UID") and event.get("DTSTAMP")
    assert url in str(event["DESCRIPTION"]).replace("\n", "")
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")

    # The longest link the builder makes opens with its note intact.
    page.goto(url)
    page.locator("[data-assignment-lessons] a").first.wait_for()
    assert page.locator("[data-assignment-note]").inner_text() == note


def _downloaded_report(page) -> dict:
    """The report file "Download the report file" saves, parsed."""
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the report file").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def block_json(text: str) -> dict:
    """The JSON in a text report's block (lib/report.js reportBlock)."""
    import base64

    body = text.split("-----BEGIN SELLING AS CONNECTION REPORT-----")[1]
    body = body.split("-----END SELLING AS CONNECTION REPORT-----")[0]
    return json.loads(base64.b64decode("".join(body.split())).decode("utf-8"))


def _path(path: str) -> re.Pattern[str]:
    """A URL ending in ``path``, with or without a fragment: Material's section
    tracking can put ``#section`` into the address while a link is scrolled into view."""
    return re.compile(rf"^[^?#]*{re.escape(path)}(#.*)?$")


def test_path_preset_from_learning_paths_page(page_factory, site_url, built_site):
    course = _course(built_site)
    page = page_factory(**DESKTOP)
    page.goto(site_url + "team-leads/learning-paths/")
    page.get_by_role("link", name="Assign this path: Prospecting refresher").click()
    # Material's section tracking may have put the section in view into the address
    # (#customer-service-team) just before the click; instant navigation keeps it.
    page.wait_for_url(
        re.compile(r".*/team-leads/assignment-builder/\?path=prospecting-refresher(#.*)?$")
    )
    _ready(page, "[data-assignment-builder]")
    option = page.locator("#assignment-path option[value='prospecting-refresher']")
    ids = option.get_attribute("data-lessons").split()
    checked = page.locator("input[name=l]:checked")
    assert sorted(checked.evaluate_all("els => els.map(e => e.value)")) == sorted(ids)
    minutes = sum(course["lessons"][i]["duration"] for i in ids)
    assert page.locator("[data-assignment-total]").inner_text() == (
        f"Selected: {len(ids)} lessons · {minutes} min"
    )
    assert page.get_by_label("Assignment title").input_value() == "Prospecting refresher"
    # The learning paths page shows the same computed total.
    page.go_back()
    section = page.locator("h2#prospecting-refresher + p + p")
    assert f"{len(ids)} lessons · {minutes} min" in section.inner_text()


def test_builder_explains_what_is_missing(page_factory, site_url):
    page = page_factory(**DESKTOP)
    page.goto(site_url + "team-leads/assignment-builder/")
    _ready(page, "[data-assignment-builder]")
    page.get_by_role("button", name="Create link").click()
    errors = page.locator("[data-assignment-errors]")
    assert errors.is_visible()
    text = errors.inner_text()
    assert "Tick at least one lesson." in text
    assert "Give the assignment a title." in text
    assert "Choose a due date." in text
    assert page.locator("[data-assignment-result]").is_hidden()
    assert page.get_by_label("Assignment title").get_attribute("aria-invalid") == "true"


# -- hostile and stale links -------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_injection_in_every_parameter_never_runs(page_factory, site_url, payload):
    page = page_factory(**DESKTOP)
    dialogs = _watch_dialogs(page)
    p = quote(payload, safe="")
    page.goto(f"{site_url}assignment/#t={p}&due={p}&l={FIRST},{p}&n={p}")
    _ready(page, "[data-assignment-view]")
    page.locator("[data-assignment-lessons] li").first.wait_for()
    page.get_by_label("Your name").fill(payload)
    view = page.locator("[data-assignment-view]")
    # The typed name has reached the report (the page has handled the input).
    expect(view.locator("[data-report-text]")).to_contain_text("Learner: " + payload.strip())
    # Markup inserted as HTML would be in the DOM at once (an alert would follow).
    assert page.locator("#pwned, script#pwned, img[src=x]").count() == 0
    assert view.locator("[data-assignment-title]").inner_text() == payload.strip()
    assert view.locator("[data-assignment-note]").inner_text() == payload.strip()
    assert "not a valid date" in view.locator("[data-assignment-due]").inner_text()
    assert "1 entry in the link is not a valid lesson" in view.inner_text()
    assert view.locator("[data-assignment-lessons] li").count() == 1
    assert payload.strip() in view.locator("[data-report-text]").text_content()

    # The builder's ?path= is the other value read from an address.
    page.goto(f"{site_url}team-leads/assignment-builder/?path={p}")
    _ready(page, "[data-assignment-builder]")
    assert "no learning path" in page.locator("[data-assignment-errors]").inner_text()

    assert dialogs == []
    assert page.locator("#pwned, script#pwned, img[src=x]").count() == 0
    assert page.page_errors == [] and page.foreign_requests == []


def test_stale_unknown_and_renamed_lesson_ids(page_factory, site_url, built_site):
    course = _course(built_site)
    course["aliases"]["connection/an-old-name"] = SECOND
    page = page_factory(**DESKTOP)
    page.route(
        "**/course.json",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(course)
        ),
    )
    page.goto(
        f"{site_url}assignment/#t=Old%20link&due=2020-01-01&l={FIRST},retired/gone-lesson,"
        "connection/an-old-name,NOT%20AN%20ID"
    )
    _ready(page, "[data-assignment-view]")
    items = page.locator("[data-assignment-lessons] li")
    items.first.wait_for()
    assert items.count() == 3
    assert items.nth(0).locator("a").get_attribute("data-lesson") == FIRST
    assert "no longer available" in items.nth(1).inner_text().lower()
    assert items.nth(1).locator("a").count() == 0
    assert items.nth(1).locator("[data-lesson]").get_attribute("data-status") == "unavailable"
    renamed = items.nth(2).locator("a")
    assert renamed.get_attribute("data-lesson") == SECOND
    # progress.js may append its status mark to lesson links.
    assert renamed.inner_text().startswith(course["lessons"][SECOND]["title"])
    view_text = page.locator("[data-assignment-view]").inner_text()
    overdue = (dt.date.today() - dt.date(2020, 1, 1)).days
    assert f"Due Wednesday, January 1, 2020: {overdue} days overdue" in view_text
    assert "0 of 2 lessons done" in view_text
    assert "1 entry in the link is not a valid lesson" in view_text
    page.get_by_label("Your name").fill("Old Link Learner")
    data = _downloaded_report(page)
    assert [item["status"] for item in data["lessons"]] == [
        "not-started",
        "unavailable",
        "not-started",
    ]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the report").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    copied = block_json(page.evaluate("navigator.clipboard.readText()"))
    assert copied == dict(data, created=copied["created"])


def test_no_assignment_and_last_assignment(page_factory, site_url):
    page = page_factory(**DESKTOP)
    page.goto(site_url + "assignment/")
    _ready(page, "[data-assignment-view]")
    assert "No assignment is open" in page.locator("[data-assignment-empty]").inner_text()
    page.goto(f"{site_url}assignment/#t=Remember%20me&l={FIRST}")
    page.locator("[data-assignment-lessons] a").first.wait_for()
    page.goto(site_url)
    page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="Your assignment"
    ).first.click()
    page.locator("[data-assignment-lessons] a").first.wait_for()
    assert page.locator("[data-assignment-title]").inner_text() == "Remember me"
    assert "t=Remember" in page.url


# -- team progress -------------------------------------------------------------------


def _report(learner: str, statuses: list[tuple[str, str, str | None, int, int]]) -> dict:
    return {
        "format": "selling-as-connection/completion-report",
        "version": 1,
        "learner": learner,
        "created": "2026-11-20T10:00:00.000Z",
        "assignment": {"title": "Week 1", "due": "2026-11-27", "lessons": [s[0] for s in statuses]},
        "lessons": [
            {"id": i, "title": "t", "status": st, "completedAt": at, "correct": c, "total": t}
            for i, st, at, c, t in statuses
        ],
        "summary": {
            "complete": sum(1 for s in statuses if s[1] == "complete"),
            "total": len(statuses),
        },
    }


def test_team_progress_table_totals_bad_files_and_csv(page_factory, site_url, built_site):
    course = _course(built_site)
    page = page_factory(**DESKTOP)
    dialogs = _watch_dialogs(page)
    page.goto(site_url + "team-leads/team-progress/")
    _ready(page, "[data-team-progress]")
    ana = _report(
        "Ana Reyes", [(FIRST, "complete", "2026-11-21", 3, 3), (SECOND, "in-progress", None, 1, 3)]
    )
    hostile = _report(
        '=HYPERLINK("http://evil.test")<img src=x onerror=alert(1) id=pwned>',
        [(FIRST, "complete", "2026-11-22", 2, 3), (SECOND, "complete", "2026-11-23", 3, 3)],
    )
    files = [
        {"name": "ana.json", "mimeType": "application/json", "buffer": json.dumps(ana).encode()},
        {
            "name": "hostile.json",
            "mimeType": "application/json",
            "buffer": json.dumps(hostile).encode(),
        },
        {
            "name": "broken.json",
            "mimeType": "application/json",
            "buffer": b'{"format": "selling-as',
        },
        {"name": "foreign.json", "mimeType": "application/json", "buffer": b'{"hello": "world"}'},
    ]
    page.get_by_label("Report files").set_input_files(files)
    table = page.locator("[data-team-table]")
    table.locator("tbody tr").first.wait_for()

    messages = page.locator("[data-team-messages]").inner_text()
    assert "ana.json” : added the report from Ana Reyes" in messages.replace("”:", "” :")
    assert "broken.json” is not valid JSON. It was skipped." in messages
    assert "foreign.json” is not a completion report from this course" in messages

    # A third learner pasted as text, plus a repeat of Ana that replaces her first report.
    ben = _report(
        "Ben Okafor", [(FIRST, "not-started", None, 0, 0), (SECOND, "complete", "2026-11-24", 2, 3)]
    )
    ana2 = _report(
        "Ana Reyes",
        [(FIRST, "complete", "2026-11-21", 3, 3), (SECOND, "complete", "2026-11-25", 3, 3)],
    )
    page.get_by_label("Or paste reports").fill(
        json.dumps(ben) + "\nthanks!\n" + json.dumps(ana2, indent=2)
    )
    page.get_by_role("button", name="Add reports").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-team-table] tbody tr').length === 3"
    )
    pasted = page.locator("[data-team-messages] li").all_inner_texts()
    assert pasted == [
        "The pasted text (part 1): added the report from Ben Okafor.",
        "The pasted text (part 2): updated the report from Ana Reyes (merged with the one "
        "already in the table).",
        "The pasted text (part 3) has text between the reports that is not JSON "
        "(\u201cthanks!\u201d). It was skipped.",
    ]

    headers = table.locator("thead th").all_inner_texts()
    assert headers == [
        "Learner",
        course["lessons"][FIRST]["title"],
        course["lessons"][SECOND]["title"],
        "Lessons done",
    ]
    rows = [r.locator("th, td").all_inner_texts() for r in table.locator("tbody tr").all()]
    assert rows[0][0].startswith("Ana Reyes") and rows[0][1:] == [
        "Done 2026-11-21 · 3/3",
        "Done 2026-11-25 · 3/3",
        "2 of 2",
    ]
    assert rows[1][0].startswith("=HYPERLINK(") and rows[1][3] == "2 of 2"
    assert rows[2][1:] == ["Not started", "Done 2026-11-24 · 2/3", "1 of 2"]
    assert table.locator("tfoot td").all_inner_texts() == ["2 of 3", "3 of 3", "5 of 6"]

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    csv_text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    lines = csv_text.split("\r\n")
    assert lines[0].startswith('"Learner","Assignment","Due",')
    assert lines[1].startswith(
        '"Ana Reyes","Week 1","2026-11-27","Done","2026-11-21","3 of 3",'
        '"Done","2026-11-25","3 of 3","2 of 2"'
    )
    assert lines[2].startswith('"\'=HYPERLINK(""http://evil.test"")<img')
    for dialect in ({}, {"delimiter": ";"}):
        rows = list(csv.reader(io.StringIO(csv_text, newline=""), **dialect))
        assert not [c for row in rows for c in row if c.lstrip(" ").startswith(FORMULA)]
    assert dialogs == [] and page.locator("#pwned").count() == 0
    assert page.page_errors == [] and page.foreign_requests == []


def _team_page(page_factory, site_url):
    page = page_factory(**DESKTOP)
    open_team_page(page, site_url)
    return page


def _paste(page, reports: list[dict]) -> None:
    page.get_by_label("Or paste reports").fill("\n".join(json.dumps(r) for r in reports))
    page.get_by_role("button", name="Add reports").click()
    page.wait_for_selector("[data-team-progress]:not([data-busy]) [data-team-messages] li")


def test_team_names_are_clean_lookalikes_flagged_unknown_lessons_not_counted(
    page_factory, site_url
):
    page = _team_page(page_factory, site_url)
    done = (FIRST, "complete", "2026-11-21", 3, 3)
    dana = _report("Dana", [done])
    # The same learner and assignment once bidi controls and zero-width spaces are gone:
    # a newer report, so it updates the first (issue 18: the two merge).
    spoofed = _report("\u202eDa\u200bna\u2069", [done, (SECOND, "complete", "2026-11-24", 2, 3)])
    spoofed["created"] = "2026-11-25T10:00:00.000Z"
    spoofed["assignment"]["title"] = "\u202eWeek\u200d 1"
    lower = _report("dana", [(FIRST, "in-progress", None, 1, 3)])
    cyrillic = _report("D\u0430na", [done])
    ben = _report("Ben", [done, ("retired/old-lesson", "complete", "2026-11-22", 3, 3)])
    _paste(page, [dana, spoofed, lower, cyrillic, ben])

    messages = page.locator("[data-team-messages] li").all_inner_texts()
    assert (
        "The pasted text (part 2): updated the report from Dana (merged with the one already "
        "in the table)." in messages
    )
    table = page.locator("[data-team-table]")
    text = table.inner_text()
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff]", text)
    names = table.locator("tbody th").evaluate_all("els => els.map(e => e.firstChild.data)")
    assert names == ["Dana", "dana", "D\u0430na", "Ben"]
    assert table.locator("tbody tr").nth(0).locator(".tl-team__assignment").inner_text() == (
        "Week 1 · due 2026-11-27"
    )

    # Look-alikes: separate rows, each with a visible note naming the others.
    rows = table.locator("tbody tr")
    assert table.locator("tbody tr[data-lookalike]").count() == 3
    first_note = rows.nth(0).locator("[data-team-note]").inner_text()
    assert first_note == (
        "Looks like \u201cdana\u201d and \u201cD\u0430na\u201d in another row (only capital "
        "letters differ): check whether this is the same person."
    )
    cyrillic_notes = rows.nth(2).locator("[data-team-note]").all_inner_texts()
    assert cyrillic_notes[1] == "This name mixes Latin and Cyrillic letters."
    assert rows.nth(3).get_attribute("data-lookalike") is None

    # The lesson the course does not have: a marked column, never counted.
    header = table.locator("thead th[data-lesson='retired/old-lesson']")
    assert header.inner_text().endswith("(not in this course)")
    assert header.get_attribute("data-counted") == "false"
    ben_cells = rows.nth(3).locator("td").all_inner_texts()
    assert ben_cells[-2:] == ["Done 2026-11-22 · 3/3 (not counted)", "1 of 1"]
    assert rows.nth(3).locator("[data-team-note]").inner_text() == (
        "Not counted: 1 lesson this course does not have (retired/old-lesson)."
    )
    assert table.locator("tfoot td").all_inner_texts()[-2:] == ["Not counted", "4 of 5"]
    summary = page.locator("[data-team-summary]").inner_text()
    assert "3 rows have names that look like another row's (marked in the table)" in summary
    assert "The reports list 1 lesson this course does not have" in summary
    assert page.page_errors == [] and page.console_errors == []


def test_team_csv_is_safe_in_comma_and_semicolon_locales(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    hostile = [
        ("x;=SUM(2", "3);=1+1"),
        ('=HYPERLINK("http://evil.test","x")', "@SUM(A1)"),
        ("\t=1", "+1;-1"),
        ("a,=1\n", "x\r\n=2"),
        ("-2+3", ";;=cmd|' /C calc'!A0"),
    ]
    reports = []
    for learner, title in hostile:
        report = _report(learner, [(FIRST, "complete", "2026-11-21", 3, 3)])
        report["assignment"]["title"] = title
        report["lessons"][0]["title"] = title
        reports.append(report)
    _paste(page, reports)
    text = csv_download(page).removeprefix("\ufeff")
    for line in text.split("\r\n")[:-1]:
        assert line.startswith('"') and line.endswith('"')
    for dialect in ({}, {"delimiter": ";"}, {"delimiter": ";", "quoting": csv.QUOTE_NONE}):
        cells = [c for row in csv.reader(io.StringIO(text, newline=""), **dialect) for c in row]
        assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA)], dialect
    assert not [s for s in re.split(r'[,;\t\r\n"]', text) if s.lstrip(" ").startswith(FORMULA)]
    assert '"x;\'=SUM(2","3);\'=1+1"' in text


def test_team_200_reports_load_in_under_2_seconds(page_factory, site_url, built_site):
    course = _course(built_site)
    page = _team_page(page_factory, site_url)
    result = load_in_page(page, files=realistic_reports(course))
    assert result["ms"] < 2000, result
    assert result["rows"] == 200
    assert result["columns"] - 2 <= len(course["lessons"])
    assert result["lines"][0].startswith("Added 200 reports, from ")
    assert page.page_errors == [] and page.console_errors == []


def test_team_300000_empty_objects_do_not_block_the_page(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    result = load_in_page(page, text=flood_text(300_000))
    # Read in 12 ms slices: no long block (22 s before issue 14; a busy 2-core machine
    # stretches a slice, so the bound is loose).
    assert result["longest_ms"] < 500, result
    assert result["ms"] < 10000, result
    assert result["lines"] == [
        "300,000 reports had the same problem, so they were skipped: each is not a completion "
        "report from this course. The first: the pasted text (part 1), the pasted text "
        "(part 2), the pasted text (part 3) and 299,997 more."
    ]
    assert page.locator("[data-team-output]").is_hidden()
    assert page.get_by_label("Or paste reports").input_value() == ""
    assert page.page_errors == [] and page.console_errors == []


def test_team_195_reports_with_40_unknown_lessons_stay_small(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    result = load_in_page(page, text=json.dumps(unknown_reports(195, 40)))
    assert result["ms"] < 5000, result
    assert result["rows"] == 195
    assert result["columns"] == 2 + 5  # Learner, 5 columns of lessons not in the course, done
    size = len(csv_download(page).encode("utf-8"))
    assert size < 200_000, size
    summary = page.locator("[data-team-summary]").inner_text()
    assert "The reports list 7,800 lessons this course does not have" in summary
    assert "7,795 lessons in the reports have no column" in summary
    note = page.locator("[data-team-table] tbody tr").nth(1).locator("[data-team-note]")
    assert note.inner_text() == (
        "Not counted: 40 lessons this course does not have (retired1/lesson-0, "
        "retired1/lesson-1, retired1/lesson-2 and 37 more)."
    )
    assert page.locator("[data-team-table] tfoot td").first.inner_text() == "Not counted"


def test_team_big_paste_shows_progress_and_clear_stops_it(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    # Record every progress line the status region shows.
    page.evaluate(
        """() => {
          window.__reading = [];
          const box = document.querySelector("[data-team-messages]");
          new MutationObserver(() => {
            const line = box.querySelector("[data-team-reading]");
            if (line) window.__reading.push(line.textContent);
          }).observe(box, {subtree: true, childList: true, characterData: true});
        }"""
    )
    # Just under the cap of 2,000,000 characters: reading takes a while.
    page.get_by_label("Or paste reports").evaluate(
        "(el, n) => { el.value = '{}'.repeat(n); }", 999_999
    )
    page.get_by_role("button", name="Add reports").click()
    page.wait_for_function("() => window.__reading.length > 0", timeout=10000)
    assert re.fullmatch(
        r"Reading the reports: \d+ % done\. You can go on using the page\.",
        page.evaluate("window.__reading[0]"),
    )
    output = page.locator("[data-team-output]")
    assert output.get_attribute("aria-busy") == "true"
    # The page still answers while it reads, and clearing stops the reading.
    page.get_by_role("button", name="Forget the table").click()
    forgotten = "The table is forgotten: no report is left on this page or in this browser."
    expect(page.locator("[data-team-messages] li")).to_have_text([forgotten])
    page.wait_for_selector("[data-team-progress]:not([data-busy])")
    assert output.get_attribute("aria-busy") is None
    page.wait_for_timeout(500)
    expect(page.locator("[data-team-messages] li")).to_have_text([forgotten])
    assert page.locator("[data-team-output]").is_hidden()
    assert page.page_errors == [] and page.console_errors == []


def test_team_input_over_the_caps_is_refused_and_kept(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    box = page.get_by_label("Or paste reports")
    box.evaluate("el => { el.value = 'x'.repeat(2000001); }")
    page.get_by_role("button", name="Add reports").click()
    message = page.locator("[data-team-messages] li")
    expect(message).to_have_text(
        [
            "The pasted text is 2,000,001 characters long; this page reads at most 2,000,000 "
            "at once (about 200 reports). Nothing was read: paste fewer reports at a time, or "
            "load them as files. Your text is still in the box."
        ]
    )
    assert box.evaluate("el => el.value.length") == 2000001
    big = {"name": "big.json", "mimeType": "application/json", "buffer": b" " * 200_001}
    page.get_by_label("Report files").set_input_files([big])
    expect(message).to_have_text(
        [
            "The file \u201cbig.json\u201d is larger than a completion report can be "
            "(201 KB; at most 200 KB). For an xAPI statements export, use \u201cxAPI "
            "statements from your LRS\u201d. It was skipped."
        ]
    )
    assert page.page_errors == [] and page.console_errors == []


# -- accessibility -----------------------------------------------------------------


def _open_builder_result(page, site_url):
    _create(page, site_url, [FIRST], "Axe check", "2030-01-15", "Note")


def _open_view(page, site_url):
    page.goto(f"{site_url}assignment/#t=Axe&due=2030-01-15&l={FIRST},gone/lesson&n=Hello")
    page.locator("[data-assignment-lessons] li").first.wait_for()


def _open_team(page, site_url):
    page.goto(site_url + "team-leads/team-progress/")
    _ready(page, "[data-team-progress]")
    report = _report("Ana", [(FIRST, "complete", "2026-11-21", 3, 3)])
    # A look-alike name and a lesson the course does not have: the notes are checked too.
    lookalike = _report(
        "ana", [(FIRST, "complete", "2026-11-21", 3, 3), ("gone/x", "complete", "2026-11-21", 1, 1)]
    )
    page.get_by_label("Or paste reports").fill(
        json.dumps(report) + json.dumps(lookalike) + "{broken"
    )
    page.get_by_role("button", name="Add reports").click()
    page.locator("[data-team-table] tbody tr").first.wait_for()


def _open(path):
    def go(page, site_url):
        page.goto(site_url + path)

    return go


@pytest.mark.parametrize(
    "opener",
    [
        _open("team-leads/"),
        _open("team-leads/learning-paths/"),
        _open("team-leads/assignment-builder/"),
        _open_builder_result,
        _open_view,
        _open("assignment/"),
        _open_team,
    ],
    ids=["index", "paths", "builder", "builder-result", "view", "view-empty", "team-progress"],
)
def test_axe_finds_no_violations(page_factory, site_url, opener):
    page = page_factory(**DESKTOP)
    opener(page, site_url)
    assert _axe(page) == []
    assert page.console_errors == [] and page.page_errors == []


def test_instant_navigation_loads_scripts_once_and_keeps_the_assignment(page_factory, site_url):
    """Scripts load only on their pages; instant navigation there, back and forth,
    never doubles a handler, and the assignment survives lesson visits."""
    page = page_factory(**DESKTOP)
    page.goto(site_url + "team-leads/")
    engage(page)  # Material's bundle (instant navigation) loads on first interaction
    page.evaluate("window.__noReload = true")
    assert not _script_requested(page, "assignments.js")
    for _ in range(2):
        page.get_by_role("link", name="assignment builder").first.click()
        page.wait_for_url(_path("/team-leads/assignment-builder/"))
        _ready(page, "[data-assignment-builder]")
        page.locator("label[for='lesson-connection--pushing-breaks-connection']").click()
        total = page.locator("[data-assignment-total]").inner_text()
        assert total.startswith("Selected: 1 lesson ")
        page.get_by_role("link", name="team progress").first.click()
        page.wait_for_url(_path("/team-leads/team-progress/"))
        _ready(page, "[data-team-progress]")
        page.go_back()
        page.wait_for_url(_path("/team-leads/assignment-builder/"))
        page.go_back()
        page.wait_for_url(_path("/team-leads/"))
    assert page.evaluate("window.__noReload") is True, "Material did not navigate instantly"

    url = _create(page, site_url, [FIRST], "Instant", "2030-05-01")
    page.get_by_role("link", name="Open the assignment as your team will see it").click()
    page.wait_for_url(url)
    page.locator("[data-assignment-lessons] a").first.wait_for()
    engage(page)
    page.evaluate("window.__noReload = true")
    page.locator("[data-assignment-lessons] a").first.click()
    page.wait_for_url(_path(f"/{FIRST}/"))
    page.go_back()
    page.locator("[data-assignment-lessons] a").first.wait_for()
    assert page.locator("[data-assignment-title]").inner_text() == "Instant"
    # From a lesson, "Your assignment" in the navigation (no fragment) shows it again.
    page.locator("[data-assignment-lessons] a").first.click()
    page.wait_for_url(_path(f"/{FIRST}/"))
    nav = page.get_by_role("navigation", name="Navigation")
    nav.get_by_role("link", name="Your assignment", exact=True).first.click()
    page.locator("[data-assignment-lessons] a").first.wait_for()
    assert page.locator("[data-assignment-title]").inner_text() == "Instant"
    assert "t=Instant" in page.url
    assert page.evaluate("window.__noReload") is True
    assert _script_requested(page, "assignments.js")
    assert page.page_errors == [] and page.console_errors == []
