"""The lead's team progress page under load, in Chromium (issue 14, item 8).

Three cases, each on a fresh page of the built site, loaded as a lead loads reports:

- ``realistic``: 200 completion reports chosen at once as 200 files. Each learner
  has an assignment of 4 to 10 of the course's lessons, some done (with a date and
  a quiz score out of the lesson's quizzes), some in progress, some not started;
  20 of them have a second report for another assignment (:func:`realistic_reports`).
- ``flood``: 300,000 ``{}`` pasted (600,000 characters) and "Add reports".
- ``unknown``: 195 reports, each listing 40 lessons the course does not have,
  pasted as one JSON array (:func:`unknown_reports`). Before issue 14 this blocked
  the tab for 54 s and made a 23 MB CSV; 300,000 ``{}`` blocked it for 22 s.

Each case is timed inside the page (:data:`MEASURE`): from the change or submit
event to the moment the table is drawn (the page's root loses ``data-busy``), with
the longest main-thread task meanwhile (Long Tasks API: any task over 50 ms; 0
when none was that long), then the CSV is downloaded and its size read. Each case
runs ``runs`` times on a fresh page; the best time counts against the target, the
median is in the note.

The browser tests (tests/browser/test_team_leads.py) use the same generators and
:func:`load_in_page`.
"""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

from tools.bench.common import record
from tools.bench.site import Site, launch_browser

PAGE = "team-leads/team-progress/"
FORMAT = "selling-as-connection/completion-report"
_FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Esra", "Farah", "Goran", "Hana", "Ivan", "Jun"]
_LAST = ["Reyes", "Okafor", "Nguyen", "Schmidt", "Kowalski", "Haddad", "Silva", "Tanaka"]

#: In the page: load files or pasted text, wait until the table is drawn, return figures.
MEASURE = """
async ({files, text}) => {
  const root = document.querySelector("[data-team-progress]");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const input = root.querySelector("[data-team-files]");
  if (files) {
    const chosen = new DataTransfer();
    for (const [name, body] of files) {
      chosen.items.add(new File([body], name, {type: "application/json"}));
    }
    input.files = chosen.files;
  } else {
    // The paste itself (the browser laying out the text in the box) is not the page's work.
    root.querySelector("[data-team-paste]").value = text;
  }
  await frame();
  await frame();
  let longest = 0;
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  tasks.observe({type: "longtask"});
  const drawn = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (!root.hasAttribute("data-busy")) { watch.disconnect(); resolve(performance.now()); }
    });
    watch.observe(root, {attributes: true, attributeFilter: ["data-busy"]});
  });
  const start = performance.now();
  if (files) input.dispatchEvent(new Event("change", {bubbles: true}));
  else root.querySelector("[data-team-form]").requestSubmit();
  const end = await drawn;
  await frame();
  for (const entry of tasks.takeRecords()) longest = Math.max(longest, entry.duration);
  tasks.disconnect();
  const table = root.querySelector("[data-team-table]");
  return {
    ms: end - start,
    longest_ms: longest,
    rows: table.querySelectorAll("tbody tr").length,
    columns: table.querySelectorAll("thead th").length,
    lines: [...root.querySelectorAll("[data-team-messages] li")].map((li) => li.textContent),
  };
}
"""


def report(learner: str, title: str, lessons: list[dict], created: str) -> dict:
    """A completion report as the assignment page writes it (docs/assets/js/assignments.js)."""
    return {
        "format": FORMAT,
        "version": 1,
        "learner": learner,
        "created": created,
        "assignment": {"title": title, "due": "2026-12-04", "lessons": [x["id"] for x in lessons]},
        "lessons": lessons,
        "summary": {
            "complete": sum(1 for x in lessons if x["status"] == "complete"),
            "total": len(lessons),
        },
    }


def realistic_reports(catalogue: dict, count: int = 200) -> list[dict]:
    """``count`` reports from a team (see the module docstring), the same every run."""
    rng = random.Random(14)
    lessons = catalogue.get("lessons", {})
    ids = list(lessons)
    out = []
    for n in range(count):
        first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
        learner = f"{first} {last} {n // 80 + 1}"
        week = 2 if n >= count - 20 else 1
        if week == 2:
            learner = out[n - (count - 20)]["learner"]
        chosen = rng.sample(ids, min(len(ids), rng.randint(4, 10)))
        entries = []
        for i in chosen:
            status = rng.choice(["complete", "complete", "in-progress", "not-started"])
            quizzes = int(lessons[i].get("quizzes") or 3)
            done = status == "complete"
            entries.append(
                {
                    "id": i,
                    "title": lessons[i].get("title", i),
                    "status": status,
                    "completedAt": f"2026-11-{rng.randint(10, 28)}" if done else None,
                    "correct": rng.randint(1, quizzes) if status != "not-started" else 0,
                    "total": quizzes if status != "not-started" else 0,
                }
            )
        created = f"2026-11-{rng.randint(20, 28)}T{rng.randint(8, 17):02d}:00:00.000Z"
        out.append(report(learner, f"Week {week}", entries, created))
    return out


def unknown_reports(count: int = 195, lessons: int = 40) -> list[dict]:
    """``count`` reports, each listing ``lessons`` lessons no course has (all different)."""
    return [
        report(
            f"Learner {r}",
            "Old assignment",
            [
                {
                    "id": f"retired{r}/lesson-{i}",
                    "title": f"Retired lesson {r}-{i}",
                    "status": "complete",
                    "completedAt": "2026-11-21",
                    "correct": 3,
                    "total": 3,
                }
                for i in range(lessons)
            ],
            "2026-11-22T10:00:00.000Z",
        )
        for r in range(count)
    ]


def flood_text(count: int = 300_000) -> str:
    """``count`` empty objects, one after another."""
    return "{}" * count


def open_page(page, url: str) -> None:
    """Go to the team progress page at ``url`` (the site's base) and wait for its script."""
    page.goto(url + PAGE)
    page.wait_for_selector("[data-team-progress][data-ready]", state="attached")


def load_in_page(page, *, files: list[dict] | None = None, text: str | None = None) -> dict:
    """Load reports into the open team progress page as a lead would: ``files`` (reports,
    one file each, chosen at once) or ``text`` (pasted, then "Add reports").

    Returns what :data:`MEASURE` measured: ``ms`` (event to table drawn), ``longest_ms``
    (longest main-thread task meanwhile, 0 when none reached 50 ms), ``rows``,
    ``columns`` (header cells, "Learner" and "Lessons done" included) and ``lines``
    (the messages shown).
    """
    named = [[f"report-{i}.json", json.dumps(r)] for i, r in enumerate(files)] if files else None
    return page.evaluate(MEASURE, {"files": named, "text": text})


def csv_download(page) -> str:
    """Download the CSV from the open page; its text (UTF-8, byte-order mark kept)."""
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    return Path(info.value.path()).read_bytes().decode("utf-8")


def measure_team(site: Site, measures: dict, runs: int = 3) -> dict:
    """The three cases, ``runs`` times each on a fresh page; records ``team_200_reports``
    and ``team_flood`` (best seconds), ``team_read_task`` (the longest task while reading
    the flood, seconds), ``team_longest_task`` (the longest task of any run, seconds) and
    ``team_unknown_csv`` (bytes); returns every run."""
    cases = {
        "realistic": {"files": realistic_reports(site.catalogue())},
        "flood": {"text": flood_text()},
        "unknown": {"text": json.dumps(unknown_reports())},
    }
    out: dict = {}
    playwright, browser = launch_browser(site)
    try:
        for name, load in cases.items():
            out[name] = []
            for _ in range(max(1, runs)):
                context = browser.new_context(accept_downloads=True)
                page = context.new_page()
                open_page(page, site.url)
                result = load_in_page(page, **load)
                if result["rows"]:
                    result["csv_bytes"] = len(csv_download(page).encode("utf-8"))
                    # The click loads Material's bundle (hooks/lazy_bundle.py): let it arrive,
                    # so that closing the page cuts off no response.
                    page.wait_for_function("() => !!window.__sacBundle", timeout=15000)
                    page.wait_for_load_state("networkidle")
                result["lines"] = result["lines"][:5]
                out[name].append(result)
                context.close()
    finally:
        browser.close()
        playwright.stop()

    def seconds(case: str) -> list[float]:
        return [run["ms"] / 1000 for run in out[case]]

    def note(case: str) -> str:
        times = seconds(case)
        return f"median {statistics.median(times):.2f} s of {len(times)} runs"

    real = out["realistic"][0]
    record(
        measures,
        "team_200_reports",
        round(min(seconds("realistic")), 3),
        f"200 files, {real['rows']} rows x {real['columns'] - 2} lesson columns; "
        + note("realistic"),
    )
    record(measures, "team_flood", round(min(seconds("flood")), 3), note("flood"))
    reading = max(run["longest_ms"] for run in out["flood"])
    record(
        measures,
        "team_read_task",
        round(reading / 1000, 3),
        "Long Tasks API (0: none over 50 ms), worst run; the reading runs in 12 ms slices",
    )
    worst = max((run["longest_ms"], case) for case in out for run in out[case])
    record(
        measures,
        "team_longest_task",
        round(worst[0] / 1000, 3),
        f"worst run, in the {worst[1]} case (the browser laying out the drawn table)",
    )
    unknown = out["unknown"][0]
    record(
        measures,
        "team_unknown_csv",
        unknown.get("csv_bytes"),
        f"{unknown['columns'] - 2} lesson columns (23 MB before issue 14); read and drawn in "
        + note("unknown"),
    )
    return out
