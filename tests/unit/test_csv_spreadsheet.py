"""The team progress CSV read by a real CSV parser, in the dialects spreadsheets use.

Node runs the page's own modules (docs/assets/js/lib/report.js, team.js, csv.js) on
hostile reports and prints the CSV the lead downloads; Python's csv module parses it
as Excel does in a comma locale (``,``) and in a semicolon locale (``;``: DE, FR, NL,
ES, IT...), and as a careless consumer would that ignores quotes and splits at every
separator. In none of them may a cell start with a formula trigger: = + - @ tab or
carriage return (OWASP "CSV Injection"), leading spaces ignored.

Without Node the test is skipped, except where browser tests must run
(REQUIRE_BROWSER=1, as in .ci/run), as in tests/unit/test_js.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Learner names and assignment titles from hostile reports.
HOSTILE = [
    "x;=SUM(2",
    "3);=1+1",
    '=HYPERLINK("http://evil.test","click")',
    "\t=1",
    "\r=1",
    "+1",
    "-1+1",
    "@SUM(A1)",
    "a,=1",
    "a\t=1",
    "a;+1",
    'a"=1',
    'a"";=1',
    "x; =1",
    ";;=cmd|' /C calc'!A0",
    "\uff1d1+1",  # full-width equals: NFKC makes it "="
    "\u202e=1",  # a bidi override before it: removed
    "Week 1; -2",
    "=1;=2,=3\t=4",
]

SCRIPT = r"""
import { validateReport, REPORT_FORMAT } from "./docs/assets/js/lib/report.js";
import { createTeam, keep, tableModel, csvRows } from "./docs/assets/js/lib/team.js";
import { csvText, formulaSafe } from "./docs/assets/js/lib/csv.js";
const hostile = JSON.parse(process.argv[1]);
const team = createTeam();
const catalogue = { modules: [{ id: "m", title: "M", lessons: ["m/a"] }],
  lessons: { "m/a": { title: "=Lesson; -A" } }, aliases: {}, order: ["m/a"] };
hostile.forEach(function (text, i) {
  const result = validateReport({
    format: REPORT_FORMAT, version: 1, learner: text, created: "2026-11-20T10:00:00.000Z",
    assignment: { title: hostile[(i + 3) % hostile.length], due: "2026-11-27",
      lessons: ["m/a", "gone/x" + i] },
    lessons: [
      { id: "m/a", title: "t", status: "complete", completedAt: "2026-11-21",
        correct: 2, total: 3 },
      { id: "gone/x" + i, title: text, status: "complete", completedAt: "2026-11-21",
        correct: 1, total: 1 },
    ],
  });
  if (result.error) throw new Error(text + ": " + result.error);
  keep(team, result.report, "r" + i);
});
const rows = csvRows(tableModel(team.reports, catalogue));
process.stdout.write(JSON.stringify({
  csv: csvText(rows),
  // The same values straight into csv.js, with no report cleaning (tabs and line breaks kept).
  raw: csvText(hostile.map(function (v) { return ["Name", v, v + ";" + v]; })),
  expected: rows.map(function (r) {
    return r.map(function (v) { return formulaSafe(String(v)); });
  }),
}));
"""


@pytest.fixture(scope="module")
def exported() -> dict:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("node is not installed (apt-get install nodejs)")
        pytest.skip("node is not installed: the CSV export cannot be run")
    run = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, json.dumps(HOSTILE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _starts_a_formula(cell: str) -> bool:
    return cell.lstrip(" ").startswith(TRIGGERS)


def _rows(text: str, **dialect) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), **dialect))


def test_the_comma_dialect_reads_every_field_back(exported):
    rows = _rows(exported["csv"])
    assert rows == exported["expected"]
    assert len(rows) == len(HOSTILE) + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    # Every field is quoted: each line is "...","...",... (no bare field).
    for line in exported["csv"].split("\r\n")[:-1]:
        assert line.startswith('"') and line.endswith('"'), line


@pytest.mark.parametrize(
    "dialect",
    [
        {},
        {"delimiter": ";"},
        {"delimiter": ";", "skipinitialspace": True},
        {"delimiter": "\t"},
        {"delimiter": ";", "quoting": csv.QUOTE_NONE},
        {"delimiter": ",", "quoting": csv.QUOTE_NONE},
    ],
    ids=[
        "comma",
        "semicolon",
        "semicolon-skip-spaces",
        "tab",
        "semicolon-no-quotes",
        "comma-no-quotes",
    ],
)
@pytest.mark.parametrize("which", ["csv", "raw"])
def test_no_cell_starts_a_formula_in_any_dialect(exported, dialect, which):
    cells = [cell for row in _rows(exported[which], **dialect) for cell in row]
    assert cells
    bad = [cell for cell in cells if _starts_a_formula(cell)]
    assert bad == [], bad[:5]


@pytest.mark.parametrize("which", ["csv", "raw"])
def test_no_segment_starts_a_formula_for_a_parser_that_ignores_quotes(exported, which):
    # Split at every separator a locale or a careless parser might use, quotes included.
    segments = re.split(r'[,;\t\r\n"]', exported[which])
    bad = [s for s in segments if _starts_a_formula(s)]
    assert bad == [], bad[:5]


def test_raw_values_read_back_in_the_comma_dialect(exported):
    rows = _rows(exported["raw"])
    assert [row[1] for row in rows][:5] == [
        "x;'=SUM(2",
        "3);'=1+1",
        '\'=HYPERLINK("http://evil.test","click")',
        "'\t'=1",
        "'\r'=1",
    ]


def test_the_hostile_values_are_there_as_text(exported):
    text = exported["csv"]
    assert "x;'=SUM(2" in text
    assert "3);'=1+1" in text
    assert "'=HYPERLINK(" in text
    assert "'=1+1" in text  # the full-width equals, after NFKC
    assert "\t" not in text  # names and titles are single lines: tabs are spaces
    assert "\u202e" not in text
