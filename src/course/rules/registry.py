"""The check registry: every rule id has exactly one check function, found by its id.

A check is a plain function registered with the rule ids it reports::

    @check("FM008")
    def title_length(page: Page) -> Iterator[Problem]:
        ...
        yield problem("FM008", page.path, line, length=length)

Scopes say what a check receives:

- ``"page"``: every page under ``docs/`` (a :class:`course.parse.Page`);
- ``"lesson"``: lesson pages only;
- ``"overview"``: module overviews only (``<module>/index.md``, ``Page.is_overview``);
- ``"assessment"``: module checks and the final assessment (``Page.assessment``);
- ``"course"``: the whole course once (a :class:`Project`: every parsed page, the
  nav, the config, the course model);
- ``"converted"``: a page and the HTML Python-Markdown made of it, before plugins and
  hooks add their own markup (a :class:`Rendered`); run by the build hooks only;
- ``"rendered"``: a page and its finished content HTML, plugins' markup included (a
  :class:`Rendered`); run by the build hooks only.

A check may report only the ids it was registered with (a programming error
otherwise, raised as ``AssertionError``); a unit test fails when a rule of the
table has no check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.config import Config
from course.parse import Page
from course.report import Problem
from course.rules.table import RULES

__all__ = ["CHECKS", "Check", "Project", "Rendered", "check", "checks_for", "problem", "run"]

SCOPES = ("page", "lesson", "overview", "assessment", "course", "converted", "rendered")


@dataclass(frozen=True)
class Check:
    """One registered check: the rule ``ids`` it reports, its ``scope`` and function."""

    ids: tuple[str, ...]
    scope: str
    function: Callable[[Any], Iterable[Problem]]

    @property
    def name(self) -> str:
        """``module.function`` of the check, for messages."""
        return f"{self.function.__module__}.{self.function.__name__}"


@dataclass
class Project:
    """What the course-scope checks read.

    Attributes:
        docs_dir: The docs folder.
        pages: Every parsed page by src_path (slimmed: no tokens or YAML nodes).
        config: The ``mkdocs.yml`` facts (None when checking a bare docs folder).
        config_label: How ``mkdocs.yml`` is named in problems.
        root: The folder holding ``mkdocs.yml`` (None for a bare docs folder).
        paths_label: How the learning paths file is named in problems.
        check_paths: Whether the learning-path rules run.
        files: Every file below ``docs_dir`` that MkDocs would render or copy (src paths).
        pages_label: How ``docs_dir`` is shown in problem paths (``"docs"``).
    """

    docs_dir: Path
    pages: dict[str, Page]
    config: Config | None = None
    config_label: str = "mkdocs.yml"
    root: Path | None = None
    paths_label: str = "docs/team-leads/learning-paths.yml"
    check_paths: bool = True
    files: list[str] = field(default_factory=list)
    pages_label: str = "docs"


@dataclass
class Rendered:
    """A parsed page and its rendered HTML content (``page.content`` in MkDocs terms).

    ``reported``: lines where the page's own rules already report a problem in this
    build (the ``converted`` rules report only what those rules missed).
    """

    page: Page
    html: str
    reported: frozenset[int] = frozenset()


CHECKS: list[Check] = []


def check(*rule_ids: str, scope: str = "page") -> Callable[[Callable], Callable]:
    """Register the decorated function as the check for ``rule_ids``.

    Raises:
        ValueError: An id is not in the rule table, already has a check, or the
            scope is unknown.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    for rule_id in rule_ids:
        if rule_id not in RULES:
            raise ValueError(f"{rule_id} is not in the rule table (course/rules/table.py)")
        if any(rule_id in c.ids for c in CHECKS):
            raise ValueError(f"{rule_id} already has a check")

    def register(function: Callable) -> Callable:
        CHECKS.append(Check(tuple(rule_ids), scope, function))
        return function

    return register


def problem(rule_id: str, path: str, line: int, **fields: object) -> Problem:
    """A :class:`Problem` with the rule's message and hint filled from ``fields``.

    Raises:
        KeyError: Unknown rule id or a field the templates need is missing (a
            programming error, not a content problem).
    """
    message, hint = RULES[rule_id].format(**fields)
    return Problem(path=path, line=max(1, int(line)), rule_id=rule_id, message=message, hint=hint)


def checks_for(scope: str) -> list[Check]:
    """The registered checks of one scope, in registration order."""
    return [c for c in CHECKS if c.scope == scope]


def run(found: Check, subject: Any) -> list[Problem]:
    """Run one check and make sure it reported only its own rule ids.

    Raises:
        AssertionError: The check reported a rule id it is not registered for.
    """
    out = list(found.function(subject))
    for item in out:
        if item.rule_id not in found.ids:
            raise AssertionError(f"{found.name} reported {item.rule_id}, not one of {found.ids}")
    return out


def run_scope(scope: str, subject: Any) -> Iterator[Problem]:
    """Every problem the checks of ``scope`` find in ``subject``."""
    for found in checks_for(scope):
        yield from run(found, subject)
