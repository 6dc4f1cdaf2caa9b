"""One report hand-off, learner to lead, in real Chromium (issue 18 item 3, issue 15 item 5).

The builder's message says what to do; the learner's one "Send to your lead" block gives
the report file and the report as text; the team progress page reads both, also as a
mail reply quotes the text, and merges a report sent again. The report carries the
module checks and the final assessment taken, first attempt and best.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_learner import _answer_all, _wait_lesson
from test_team_leads import _create, block_json

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
FIRST = "connection/pushing-breaks-connection"
SECOND = "connection/what-pushing-costs-you"


def _record_check(page, site_url: str, first: int, best: int) -> None:
    """Two attempts at the Connection module check, through the page's own store."""
    page.evaluate(
        """async ([url, first, best]) => {
          const store = await import(url);
          const at = (n) => ({percent: Math.floor(n * 100 / 6), correct: n, total: 6,
            passed: n >= 5, at: new Date().toISOString(),
            modules: {connection: {correct: n, total: 6}}});
          store.recordAssessment("connection", at(first));
          store.recordAssessment("connection", at(best));
        }""",
        [site_url + "assets/js/store.js", first, best],
    )


def test_the_learner_sends_a_file_or_text_and_the_lead_reads_either(page_factory, site_url):
    lead = page_factory(**DESKTOP)
    url = _create(lead, site_url, [FIRST, SECOND], "Week 1", "2099-01-08")
    message = lead.get_by_label("Ready-to-send message").input_value()
    assert "go to \u201cSend to your lead\u201d at the bottom of the page" in message
    assert "\u201cDownload the report file\u201d and attach the file" in message
    assert "\u201cCopy the report\u201d and paste it into your reply" in message

    learner = page_factory(**DESKTOP)
    learner.context.grant_permissions(["clipboard-read", "clipboard-write"])
    learner.goto(site_url + FIRST + "/")
    _wait_lesson(learner, FIRST)
    _answer_all(learner)
    _record_check(learner, site_url, 3, 5)
    learner.goto(url)
    learner.locator("[data-assignment-lessons] a").first.wait_for()
    send = learner.get_by_role("region", name="Send to your lead")
    send.get_by_label("Your name").fill("Dana Whitfield")
    text = send.locator("[data-report-text]").text_content()
    assert (
        "- Module check: Connection: first attempt 50 % (not passed), best 83 % (passed), "
        "2 attempts" in text
    )
    with learner.expect_download() as info:
        send.get_by_role("link", name="Download the report file").click()
    report_file = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [a["id"] for a in report_file["assessments"]] == ["connection"]
    assert report_file["assessments"][0]["first"]["percent"] == 50
    assert report_file["assessments"][0]["best"]["percent"] == 83
    send.get_by_role("button", name="Copy the report").click()
    expect(send.get_by_text("Copied to the clipboard.")).to_be_visible()
    copied = learner.evaluate("navigator.clipboard.readText()")
    assert block_json(copied)["learner"] == "Dana Whitfield"

    # The lead pastes the mail the learner replied with: quoted, with words around it.
    lead.goto(site_url + "team-leads/team-progress/")
    lead.wait_for_selector("[data-team-progress][data-ready]", state="attached")
    reply = "Hi Sam,\n\nhere you go:\n\n" + "\n".join("> " + line for line in copied.split("\n"))
    lead.get_by_label("Or paste reports").fill(reply + "\n\nThanks, Dana")
    lead.get_by_role("button", name="Add reports").click()
    messages = lead.locator("[data-team-messages] li")
    expect(messages).to_have_text(["The pasted text: added the report from Dana Whitfield."])
    table = lead.locator("[data-team-table]")
    expect(table.locator("thead th[data-assessment='connection']")).to_have_text(
        "Module check: Connection"
    )
    check = table.locator("tbody td[data-assessment='connection']")
    expect(check).to_have_text(
        "Passed · first attempt 50 % (not passed), best 83 % (passed), 2 attempts"
    )
    # The file of the same report adds nothing: one row.
    lead.get_by_label("Report files").set_input_files(
        [
            {
                "name": "dana.json",
                "mimeType": "application/json",
                "buffer": json.dumps(report_file).encode(),
            }
        ]
    )
    expect(messages).to_have_text(
        [
            "The file \u201cdana.json\u201d adds nothing to the report from Dana Whitfield already "
            "in the table (the same, or older)."
        ]
    )
    expect(table.locator("tbody tr")).to_have_count(1)

    # Later the learner finishes the second lesson and sends the text again: one row, updated.
    learner.goto(site_url + SECOND + "/")
    _wait_lesson(learner, SECOND)
    _answer_all(learner)
    learner.goto(url)
    learner.locator("[data-assignment-lessons] a").first.wait_for()
    expect(learner.locator("[data-assignment-progress-text]")).to_have_text("2 of 2 lessons done")
    again = learner.locator("[data-report-text]").text_content()
    lead.get_by_label("Or paste reports").fill(again)
    lead.get_by_role("button", name="Add reports").click()
    expect(messages).to_have_text(
        [
            "The pasted text: updated the report from Dana Whitfield (merged with the one already "
            "in the table)."
        ]
    )
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator(f"tbody td[data-lesson='{SECOND}']")).to_contain_text("Done")
    with lead.expect_download() as info:
        lead.get_by_role("link", name="Download CSV").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Module check: Connection (first attempt)"] == "50 %"
    assert row["Module check: Connection (best attempt)"] == "83 %"
    assert row["Module check: Connection (passed)"] == "Yes"
    assert row["Lessons done"] == "2 of 2"
    assert lead.page_errors == [] and learner.page_errors == []
