"""The cmi5 package against a real LRS: Ralph, behind a small launch stub (tests/cmi5_stub.py).

The test plays the LMS: it writes LMS.LaunchData to the State API (cmi5 §10), opens the
AU's URL with the five launch parameters (§8.1) and reads back, from Ralph, every statement
of the registration. The learner arrives with 19 of 20 lessons done in this browser,
finishes the last one by clicking, fails and then passes the final assessment, and closes
the course. Asserted: the statements stored, their order, and the cmi5 rules (§7.1, §9.3
ordering, §9.5 result, §9.6 context); a second session of the registration restores
progress and reports no second completed or passed; an LRS that refuses loses nothing.
"""

from __future__ import annotations

import json
import re
import time
import uuid
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import urlencode

import pytest
from lms_support import launch_data
from playwright.sync_api import expect
from test_lms_scorm import _answer_lesson, _course, _course_frame, _progress, _take_final

pytestmark = pytest.mark.browser

ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
PUBLISHER = "https://example.org/publisher/selling-as-connection/au"
ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "https://lms.example.org", "name": "learner-7"},
    "name": "Okafor, Ada",
}
KEY = "/pkg/.sac:progress"


def _activity_id(lms_packages) -> str:
    with zipfile.ZipFile(lms_packages.zips["cmi5"]) as zf:
        root = ET.fromstring(zf.read("cmi5.xml"))
    ns = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
    return root.find(ns + "au").get("id")


def _prepare(
    cmi5_lms, activity: str, registration: str, actor: dict | None = None, **data
) -> tuple[str, str]:
    """LMS.LaunchData for a new session of ``actor`` (default ACTOR); returns (launch URL,
    session id)."""
    actor = actor or ACTOR
    stub = cmi5_lms["stub"]
    session = str(uuid.uuid4())
    stub.put_state(
        "LMS.LaunchData", activity, actor, registration, launch_data(session, PUBLISHER, **data)
    )
    query = urlencode(
        {
            "endpoint": stub.endpoint,
            "fetch": stub.fetch_url(session),
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": activity,
        }
    )
    return cmi5_lms["package"] + "launch.html?" + query, session


def _all_statements(ralph, registration: str) -> list[dict]:
    """Every statement of the registration, in timestamp order (cmi5 §9.3 orders by it)."""
    mine = [
        s for s in ralph.statements() if s.get("context", {}).get("registration") == registration
    ]
    return sorted(mine, key=lambda s: s["timestamp"])


def _is_defined(statement: dict) -> bool:
    """A "cmi5 defined" statement carries the cmi5 category (§9.6.2.1); "cmi5 allowed" ones
    never do (§7.1.3)."""
    categories = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return any(a.get("id") == CMI5 for a in categories)


def _statements(ralph, registration: str) -> list[dict]:
    """The registration's "cmi5 defined" statements, in order."""
    return [s for s in _all_statements(ralph, registration) if _is_defined(s)]


def _check_allowed(everything: list[dict], activity: str, registration: str, session: str):
    """The "cmi5 allowed" statements of one session (§7.1.3): between its initialized and
    terminated, with the context template (session id, publisher id) and the AU as parent,
    never the cmi5 category; each about a lesson or an assessment below the AU."""
    mine = [s for s in everything if s["context"]["extensions"][SESSION] == session]
    times = [s["timestamp"] for s in mine if _is_defined(s)]
    allowed = [s for s in mine if not _is_defined(s)]
    for s in allowed:
        assert times[0] < s["timestamp"] < times[-1], "§7.1.3: between initialized and terminated"
        assert s["context"]["registration"] == registration
        assert {"id": PUBLISHER, "objectType": "Activity"} in s["context"]["contextActivities"][
            "grouping"
        ], "§10.2.1: the context template in every statement"
        assert s["context"]["contextActivities"]["parent"] == [
            {"id": activity, "objectType": "Activity"}
        ]
        below = r"/(lessons/[a-z0-9-]+/[a-z0-9-]+|assessments/[a-z0-9-]+)"
        assert re.fullmatch(re.escape(activity) + below, s["object"]["id"])
    return allowed


def _verbs(statements: list[dict]) -> list[str]:
    return [s["verb"]["id"].removeprefix(ADL) for s in statements]


def _wait_verbs(ralph, registration: str, expected: list[str], seconds: float = 20) -> list[dict]:
    deadline = time.monotonic() + seconds
    while True:
        found = _statements(ralph, registration)
        if _verbs(found) == expected or time.monotonic() > deadline:
            assert _verbs(found) == expected
            return found
        time.sleep(0.25)


def _page(browser, local=None):
    context = browser.new_context()
    if local is not None:
        value = json.dumps(json.dumps(local))
        context.add_init_script(
            f"(() => {{ if (location.pathname.startsWith('/pkg/') && !localStorage.getItem("
            f"{json.dumps(KEY)})) localStorage.setItem({json.dumps(KEY)}, {value}); }})()"
        )
    page = context.new_page()
    page.page_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    return context, page


def _check_cmi5_rules(statements: list[dict], activity: str, registration: str, session: str):
    """What every cmi5 defined statement of one session must be (§9)."""
    for s in statements:
        verb = s["verb"]["id"].removeprefix(ADL)
        assert s["actor"]["account"] == ACTOR["account"]
        assert s["object"]["id"] == activity
        context = s["context"]
        assert context["registration"] == registration
        assert context["extensions"][SESSION] == session, "§9.6.3.1 session id"
        assert {"id": PUBLISHER, "objectType": "Activity"} in context["contextActivities"][
            "grouping"
        ], "§9.6.2.3 the context template's publisher id"
        categories = [a["id"] for a in context["contextActivities"]["category"]]
        assert CMI5 in categories, "§9.6.2.1"
        assert (MOVEON in categories) == (verb in ("completed", "passed", "failed")), "§9.6.2.2"
        result = s.get("result", {})
        assert ("completion" in result) == (verb == "completed"), "§9.5.3"
        assert ("success" in result) == (verb in ("passed", "failed")), "§9.5.2"
        assert ("score" in result) == (verb in ("passed", "failed")), "§9.5.1"
        assert ("duration" in result) == (verb != "initialized"), "§9.5.4.1"
        if verb in ("passed", "failed"):
            assert context["extensions"][MASTERY] == 0.8, "§9.6.3.2"
    verbs = _verbs(statements)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", "§7.1.1, §7.1.2"
    assert len(verbs) == len(set(verbs)), "§9.3: no verb twice in a session"
    assert len({"passed", "failed"} & set(verbs)) <= 1, "§9.3: one of passed / failed"


def test_a_cmi5_registration_against_ralph(browser, cmi5_lms, lms_packages) -> None:
    ralph, stub = cmi5_lms["ralph"], cmi5_lms["stub"]
    course = _course(lms_packages)
    lessons = list(course["lessons"])
    activity = _activity_id(lms_packages)
    registration = str(uuid.uuid4())
    url, session = _prepare(cmi5_lms, activity, registration)
    context, page = _page(browser, local=_progress(course, lessons[:-1]))
    page.goto(url)
    frame = _course_frame(page)
    _wait_verbs(ralph, registration, ["initialized"])
    assert stub.fetch_calls[session] == 1, "§8.2.1: the fetch URL once"

    frame.goto(cmi5_lms["package"] + course["lessons"][lessons[-1]]["url"])
    frame = _course_frame(page)
    _answer_lesson(frame)
    _wait_verbs(ralph, registration, ["initialized", "completed"])

    frame.goto(cmi5_lms["package"] + course["assessments"]["final"]["url"])
    frame = _course_frame(page)
    _take_final(frame, 9)  # 75 %: below the mastery score, reported when the session ends
    page.wait_for_timeout(1000)
    assert _verbs(_statements(ralph, registration)) == ["initialized", "completed"]
    _take_final(frame, 11)  # 91 %
    found = _wait_verbs(ralph, registration, ["initialized", "completed", "passed"])
    assert found[-1]["result"]["score"] == {"scaled": 0.91, "raw": 91, "min": 0, "max": 100}
    assert found[-1]["result"]["success"] is True

    page.goto("about:blank")  # the learner leaves: pagehide
    found = _wait_verbs(ralph, registration, ["initialized", "completed", "passed", "terminated"])
    _check_cmi5_rules(found, activity, registration, session)
    allowed = _check_allowed(_all_statements(ralph, registration), activity, registration, session)
    done = [s for s in allowed if "/lessons/" in s["object"]["id"]]
    lesson_ids = [s["object"]["id"].removeprefix(activity + "/lessons/") for s in done]
    assert sorted(lesson_ids) == sorted(lessons), "one per lesson, the 19 done before too"
    assert all(s["verb"]["id"] == ADL + "completed" for s in done)
    finals = [s for s in allowed if s["object"]["id"] == activity + "/assessments/final"]
    assert [(s["verb"]["id"].removeprefix(ADL), s["result"]["score"]["raw"]) for s in finals] == [
        ("failed", 9),
        ("passed", 11),
    ], "the final's first and best attempts"
    assert re.fullmatch(r"PT[\d.HMS]+", found[-1]["result"]["duration"])
    assert found[-1]["timestamp"] >= found[-2]["timestamp"]
    own = stub.get_state(
        "https://w3id.org/xapi/cmi5/x/selling-as-connection/au-state", activity, ACTOR, registration
    )
    assert own["sent"] == {"completed": True, "passed": True}
    assert own["suspend"].startswith('["sac1"') and len(own["suspend"]) <= 4000
    assert page.page_errors == []
    context.close()

    # A second session of the registration, on another device: progress comes back from
    # the State API; completed and passed are not sent again (§9.3, per registration).
    url, session2 = _prepare(cmi5_lms, activity, registration)
    context, page = _page(browser)
    page.goto(url)
    frame = _course_frame(page)
    assert frame.url.endswith(course["assessments"]["final"]["url"])
    page.wait_for_function(
        "([k, n]) => { const f = document.querySelector('iframe');"
        " const s = f && f.contentWindow.localStorage.getItem(k);"
        " return s && Object.keys(JSON.parse(s).lessons).length === n; }",
        arg=[KEY, len(lessons)],
    )
    stored = json.loads(frame.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["assessments"]["final"]["best"]["percent"] == 91
    assert stored["learner"]["name"] == "Ada Okafor", "the actor's name fills an empty name"
    page.goto("about:blank")
    everything = _wait_verbs(
        ralph,
        registration,
        ["initialized", "completed", "passed", "terminated", "initialized", "terminated"],
    )
    second = [s for s in everything if s["context"]["extensions"][SESSION] == session2]
    _check_cmi5_rules(second, activity, registration, session2)
    again = _check_allowed(_all_statements(ralph, registration), activity, registration, session2)
    assert again == [], "lessons and attempts reported in this registration are not sent again"
    assert page.page_errors == []
    context.close()


def test_a_failed_session_reports_failed_before_terminated(browser, cmi5_lms, lms_packages):
    ralph = cmi5_lms["ralph"]
    activity = _activity_id(lms_packages)
    registration = str(uuid.uuid4())
    url, session = _prepare(cmi5_lms, activity, registration)
    context, page = _page(browser)
    page.goto(url)
    frame = _course_frame(page)
    _wait_verbs(ralph, registration, ["initialized"])
    frame.goto(cmi5_lms["package"] + _course(lms_packages)["assessments"]["final"]["url"])
    frame = _course_frame(page)
    _take_final(frame, 6)  # 50 %
    page.goto("about:blank")
    found = _wait_verbs(ralph, registration, ["initialized", "failed", "terminated"])
    _check_cmi5_rules(found, activity, registration, session)
    assert found[1]["result"]["score"]["scaled"] == 0.5
    context.close()


def test_an_lrs_that_refuses_loses_nothing(browser, cmi5_lms, lms_packages) -> None:
    ralph, stub = cmi5_lms["ralph"], cmi5_lms["stub"]
    course = _course(lms_packages)
    activity = _activity_id(lms_packages)
    registration = str(uuid.uuid4())
    url, _ = _prepare(cmi5_lms, activity, registration)
    stub.refuse = True
    try:
        context, page = _page(browser, local=_progress(course, list(course["lessons"])[:2]))
        page.goto(url)
        frame = _course_frame(page)
        expect(page.locator("[data-launch-note]")).to_contain_text("did not take")
        stored = json.loads(frame.evaluate("k => localStorage.getItem(k)", KEY))
        assert len(stored["lessons"]) == 2, "progress stays in the browser"
        assert _statements(ralph, registration) == []
    finally:
        stub.refuse = False
    # The LRS is back: the next change sends what was kept, in order.
    frame.goto(cmi5_lms["package"] + course["lessons"][list(course["lessons"])[5]]["url"])
    frame = _course_frame(page)
    _answer_lesson(frame)
    _wait_verbs(ralph, registration, ["initialized"])
    assert page.page_errors == []
    context.close()


def test_a_launch_without_its_parameters_runs_the_course_alone(browser, cmi5_lms) -> None:
    context, page = _page(browser)
    page.goto(cmi5_lms["package"] + "launch.html?endpoint=http%3A%2F%2F127.0.0.1%3A9%2F")
    expect(page.locator("[data-launch-note]")).to_contain_text("could not connect")
    frame = _course_frame(page)
    assert frame.url.endswith("/pkg/index.html")
    page.goto(cmi5_lms["package"] + "launch.html")
    expect(page.locator("[data-launch-note]")).to_contain_text("No learning system was found")
    assert page.page_errors == []
    context.close()
