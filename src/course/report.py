"""Problems found in course files, and the one reporter that prints them.

The pipe ends here::

    file -> source -> parse -> rules -> Problem(...) -> Reporter -> text | GitHub | JSON

Output for people, one problem per line and an indented one-line hint::

    docs/connection/x.md:3: FM007 title must be a string, but YAML reads no as a boolean
        Quote the value: title: "no" (...)

Under GitHub Actions each problem is also a workflow command (``::error file=…,line=…``)
so it lands on the pull request diff (docs.github.com/actions, "Workflow commands").
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TextIO

__all__ = ["Problem", "Reporter"]


@dataclass(frozen=True, order=True)
class Problem:
    """One rule broken at one place.

    Attributes:
        path: The file as the contributor sees it from the repository root, forward
            slashes (``"docs/connection/x.md"``, ``"mkdocs.yml"``).
        line: 1-based line in that file, front matter included (1 for whole-file problems).
        rule_id: An id of the rule table (``"FM003"``).
        message: What is wrong (one line); compared too, so two links on one line are
            two problems.
        hint: How to fix it (one line).
    """

    path: str
    line: int
    rule_id: str
    message: str
    hint: str = field(compare=False, default="")

    def text(self) -> str:
        """``"<path>:<line>: <RULE-ID> <message>"``."""
        return f"{self.path}:{self.line}: {self.rule_id} {self.message}"

    def annotation(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the pull request diff.

        Values are escaped as GitHub's toolkit does (``%``, CR, LF; plus ``,`` and ``:``
        in properties).
        """
        props = (
            f"file={_escape_property(self.path)},line={self.line},"
            f"title={_escape_property(self.rule_id)}"
        )
        return f"::error {props}::{_escape_data(self.message)}"


class Reporter:
    """Collects problems and prints them sorted by file, then line."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        """Add one problem."""
        self._problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add every problem of an iterable."""
        self._problems.extend(problems)

    @property
    def problems(self) -> list[Problem]:
        """All problems, sorted by path, line, rule id and message, without exact repeats."""
        return sorted(set(self._problems))

    @property
    def has_errors(self) -> bool:
        """True when there is at least one problem (every rule is an error)."""
        return bool(self._problems)

    def lines(self, github: bool = False) -> list[str]:
        """The report as lines: each problem, its indented hint, and optionally its annotation."""
        out: list[str] = []
        for problem in self.problems:
            out.append(problem.text())
            if problem.hint:
                out.append(f"    {problem.hint}")
            if github:
                out.append(problem.annotation())
        return out

    def json_lines(self) -> list[str]:
        """One JSON object per problem: ``{"path", "line", "rule_id", "message", "hint"}``."""
        return [json.dumps(asdict(p), ensure_ascii=False) for p in self.problems]

    def print(self, stream: TextIO | None = None, github: bool | None = None) -> int:
        """Print the report (and a summary line when there are problems).

        Args:
            stream: Where to write; ``sys.stdout`` by default.
            github: Add workflow annotations; None means ``GITHUB_ACTIONS == "true"``.

        Returns:
            The number of problems.
        """
        stream = stream or sys.stdout
        if github is None:
            github = os.environ.get("GITHUB_ACTIONS") == "true"
        for line in self.lines(github=github):
            print(line, file=stream)
        problems = self.problems
        if problems:
            files = len({p.path for p in problems})
            print(f"{len(problems)} problem(s) in {files} file(s).", file=stream)
        return len(problems)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
