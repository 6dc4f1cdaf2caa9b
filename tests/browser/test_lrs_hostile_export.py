"""A hostile or sloppy LRS export in the team progress page's "xAPI statements from your
LRS" field: names that are markup stay text, and statement files chosen together are held
to their own cap (30 MB), which the message names."""

from __future__ import annotations

import json

import pytest
from test_team_leads import FIRST, _team_page, _watch_dialogs

pytestmark = pytest.mark.browser

AU = "https://lms.example.org/au/42"
HOSTILE = "<img src=x onerror=alert(1) id=pwned>"


def _statement(n: int, name: str, obj: str) -> dict:
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "actor": {
            "account": {"homePage": "https://lms.example.org", "name": f"l-{n}"},
            "name": name,
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": obj, "objectType": "Activity"},
        "timestamp": "2026-12-01T10:00:00Z",
    }


def test_hostile_names_stay_text_and_statement_files_have_their_own_cap(page_factory, site_url):
    page = _team_page(page_factory, site_url)
    dialogs = _watch_dialogs(page)
    field = page.get_by_label("xAPI statements from your LRS")
    export = {
        "statements": [
            _statement(1, HOSTILE, AU + "/lessons/" + FIRST),
            _statement(2, "Zoe", AU + '-"><img src=x onerror=alert(2)>/lessons/' + FIRST),
        ]
    }
    field.set_input_files(
        [
            {
                "name": HOSTILE + ".json",
                "mimeType": "application/json",
                "buffer": json.dumps(export).encode(),
            }
        ]
    )
    page.wait_for_selector("[data-team-progress]:not([data-busy]) [data-team-table] tbody tr")
    assert page.locator("#pwned, [data-team-progress] img").count() == 0
    learners = page.locator("[data-team-table] tbody th").all_inner_texts()
    assert any(t.startswith(HOSTILE) for t in learners), learners
    assert HOSTILE in page.locator("[data-team-messages]").inner_text()
    assert dialogs == []

    # Two statement files of 16 MB: together over the 30 MB this field reads at once.
    big = b"[" + b" " * 16_000_000 + b"]"
    field.set_input_files(
        [
            {"name": "page1.json", "mimeType": "application/json", "buffer": big},
            {"name": "page2.json", "mimeType": "application/json", "buffer": big},
        ]
    )
    page.wait_for_selector(
        "[data-team-progress]:not([data-busy]) [data-team-messages] li >> text=page2.json"
    )
    messages = page.locator("[data-team-messages] li").all_inner_texts()
    refused = [m for m in messages if "page2.json" in m]
    assert refused and "more than 30 MB" in refused[0], messages
    assert any("page1.json" in m and "an empty list" in m for m in messages), messages
