"""Problems found in lessons, and the one reporter that prints them.

The pipe::

    file -> parsed lesson (lines) -> rule checks -> Problem(...) -> Reporter

API (stable; other modules import it)::

    from problems import Problem, Reporter, make_problem

    Problem(path, line, rule_id, message, hint)
        path:    the file as the contributor sees it from the repository root,
                 forward slashes ("docs/connection/x.md", "mkdocs.yml")
        line:    1-based line in that file, front matter included (1 for whole-file problems)
        rule_id: an id from rules.RULES ("FM003")
        message: what is wrong (one line)
        hint:    how to fix it (one line)
        .severity          "error" | "warning" (from the rule table)
        .text()            "docs/x.md:12: FM003 message"
        .annotation()      "::error file=docs/x.md,line=12,title=FM003::message"

    make_problem(rule_id, path, line, **fields) -> Problem
        fills the rule's message and hint templates (KeyError for a missing field
        or an unknown rule id: a programming error, not a content problem).

    reporter = Reporter()
    reporter.extend(problems)            # or .add(problem)
    reporter.problems -> list[Problem]   # sorted by path, then line, then rule id
    reporter.has_errors -> bool
    reporter.lines(github=False) -> list[str]
    reporter.print(stream=sys.stdout, github=None) -> int   # number of errors;
        github=None means "as the environment says": GITHUB_ACTIONS=true adds
        workflow annotations (docs.github.com/actions, "Workflow commands").

Output for people, one problem per line and an indented one-line hint::

    docs/connection/x.md:3: FM007 title must be a string, but YAML reads no as a boolean
        Quote the value: title: "no" (...)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from rules import rule

__all__ = ["Problem", "Reporter", "make_problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One rule broken at one place. See the module docstring for the fields."""

    path: str
    line: int
    rule_id: str
    message: str  # compared too: two links on one line are two problems
    hint: str = field(compare=False, default="")

    @property
    def severity(self) -> str:
        """``"error"`` or ``"warning"``, from the rule table."""
        return rule(self.rule_id).severity

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
        return f"::{self.severity} {props}::{_escape_data(self.message)}"


def make_problem(rule_id: str, path: str, line: int, **fields: object) -> Problem:
    """Build a :class:`Problem` from the rule table's templates.

    Raises:
        KeyError: Unknown rule id or a field the templates need is missing.
    """
    message, hint = rule(rule_id).format(**fields)
    return Problem(path=path, line=max(1, int(line)), rule_id=rule_id, message=message, hint=hint)


class Reporter:
    """Collects problems and prints them sorted by file, then line."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        """Add one problem."""
        self._problems.append(problem)

    def extend(self, problems: object) -> None:
        """Add every problem of an iterable."""
        for problem in problems:  # type: ignore[attr-defined]
            self.add(problem)

    @property
    def problems(self) -> list[Problem]:
        """All problems, sorted by path, line, rule id and message, without exact repeats."""
        return sorted(set(self._problems))

    @property
    def has_errors(self) -> bool:
        """True when at least one problem has severity ``error``."""
        return any(p.severity == "error" for p in self._problems)

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

    def print(self, stream: TextIO | None = None, github: bool | None = None) -> int:
        """Print the report (and a summary line when there are problems).

        Args:
            stream: Where to write; ``sys.stdout`` by default.
            github: Add workflow annotations; None means ``GITHUB_ACTIONS == "true"``.

        Returns:
            The number of problems with severity ``error``.
        """
        stream = stream or sys.stdout
        if github is None:
            github = os.environ.get("GITHUB_ACTIONS") == "true"
        for line in self.lines(github=github):
            print(line, file=stream)
        problems = self.problems
        errors = sum(1 for p in problems if p.severity == "error")
        if problems:
            files = len({p.path for p in problems})
            print(f"{len(problems)} problem(s) in {files} file(s).", file=stream)
        return errors


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
