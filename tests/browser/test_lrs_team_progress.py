"""From the LRS to the lead's table: the cmi5 package against Ralph, its statements exported
and loaded into the built team progress page (issue 17, item 5).

A learner arrives in the cmi5 package (Ralph behind the launch stub, as in
tests/browser/test_lms_cmi5.py) with three lessons done in this browser, finishes a fourth
by clicking, passes the final assessment and leaves. The test then does what a lead does:
GET /xAPI/statements from Ralph (every statement stored, following "more": on Ralph's
file-system backend no filter works), saved as one StatementResult file, and that file chosen in
"xAPI statements from your LRS" on the public site's team progress page. Asserted: the
learner's row shows the four lessons done, the rest not started, and the final passed; a
statement of another course is counted as skipped; the learner's completion report, pasted
after, joins the same row.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
import requests
from playwright.sync_api import expect
from test_lms_cmi5 import _activity_id, _page, _prepare, _wait_verbs
from test_lms_scorm import _answer_lesson, _course, _course_frame, _progress, _take_final
from test_team_leads import _paste, _report

pytestmark = pytest.mark.browser

ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "https://lms.example.org", "name": "learner-31"},
    "name": "Mensah, Kofi",
}
LEARNER = "Kofi Mensah"


def _other_course_statement(ralph) -> None:
    """A statement of another course for the same learner, sent to Ralph directly."""
    statement = {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://lms.example.org/other-course/au", "objectType": "Activity"},
        "timestamp": "2026-12-01T09:00:00.000Z",
    }
    headers = {"X-Experience-API-Version": "1.0.3"}
    url = ralph.url + "/xAPI/statements/"
    answer = requests.post(url, json=statement, auth=ralph.auth, headers=headers, timeout=10)
    answer.raise_for_status()


def test_statements_from_ralph_fill_the_team_progress_table(
    browser, cmi5_lms, lms_packages, page_factory, site_url, tmp_path
) -> None:
    ralph = cmi5_lms["ralph"]
    course = _course(lms_packages)
    lessons = list(course["lessons"])
    activity = _activity_id(lms_packages)
    registration = str(uuid.uuid4())

    # The learner: three lessons done before, a fourth now, the final passed (11 of 12).
    context, page = _page(browser, local=_progress(course, lessons[:3]))
    page.goto(_prepare(cmi5_lms, activity, registration, actor=ACTOR)[0])
    frame = _course_frame(page)
    _wait_verbs(ralph, registration, ["initialized"])
    frame.goto(cmi5_lms["package"] + course["lessons"][lessons[3]]["url"])
    _answer_lesson(_course_frame(page))
    frame.goto(cmi5_lms["package"] + course["assessments"]["final"]["url"])
    _take_final(_course_frame(page), 11)
    _wait_verbs(ralph, registration, ["initialized", "passed"])
    page.goto("about:blank")  # pagehide: terminated
    _wait_verbs(ralph, registration, ["initialized", "passed", "terminated"])
    assert page.page_errors == []
    context.close()
    _other_course_statement(ralph)

    # The lead's export: GET /xAPI/statements (and the pages its "more" names), one file.
    export = ralph.export()
    mine = [s for s in export["statements"] if s["actor"].get("account") == ACTOR["account"]]
    lesson_statements = [s for s in mine if "/lessons/" in s["object"]["id"]]
    assert len(lesson_statements) == 4
    saved = tmp_path / "lrs-statements.json"
    saved.write_text(json.dumps(export), encoding="utf-8")

    lead = page_factory(viewport={"width": 1280, "height": 900})
    lead.goto(site_url + "team-leads/team-progress/")
    lead.wait_for_selector("[data-team-progress][data-ready]", state="attached")
    lead.get_by_label("xAPI statements from your LRS").set_input_files(str(saved))
    lead.wait_for_selector("[data-team-progress]:not([data-busy]) [data-team-messages] li")

    messages = lead.locator("[data-team-messages]")
    expect(messages).to_contain_text(f"{len(export['statements'])} xAPI statements read")
    assert re.search(r"skipped: [^.]*not from this course \(\d+\)", messages.inner_text())
    expect(messages).to_contain_text(f"added the LRS statements of {LEARNER}")

    row = lead.locator("[data-team-table] tbody tr").filter(
        has=lead.locator("th", has_text=LEARNER)
    )
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_contain_text("The whole course (LRS statements)")
    for lesson_id in lessons[:4]:
        expect(row.locator(f"td[data-lesson='{lesson_id}']")).to_have_attribute(
            "data-status", "complete"
        )
    for lesson_id in lessons[4:]:
        expect(row.locator(f"td[data-lesson='{lesson_id}']")).to_have_attribute(
            "data-status", "not-started"
        )
    expect(row.locator("td", has_text=re.compile(r"^4 of 20$"))).to_have_count(1)
    expect(row.locator("td[data-assessment='final']")).to_have_text(re.compile(r"^Passed · 91 %"))

    # The same learner's completion report, pasted after: still one row, the assignment's.
    report = _report(
        LEARNER,
        [(lessons[0], "complete", "2026-11-30", 3, 3), (lessons[5], "in-progress", None, 1, 3)],
    )
    _paste(lead, [report])
    expect(messages).to_contain_text(f"updated the report from {LEARNER}")
    row = lead.locator("[data-team-table] tbody tr").filter(
        has=lead.locator("th", has_text=LEARNER)
    )
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_contain_text("Week 1")
    for lesson_id, status in ((lessons[3], "complete"), (lessons[5], "in-progress")):
        cell = row.locator(f"td[data-lesson='{lesson_id}']")
        expect(cell).to_have_attribute("data-status", status)
    assert lead.foreign_requests == [] and lead.page_errors == []
