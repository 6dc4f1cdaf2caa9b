"""Heading rules: no level-1 heading in lessons, no skipped levels, no empty or repeated ones."""

from __future__ import annotations

from collections.abc import Iterator

from course.parse import Page
from course.report import Problem
from course.rules.registry import check, problem


@check("HEAD001", "HEAD002")
def levels(page: Page) -> Iterator[Problem]:
    """HEAD001 a ``#`` heading in a lesson (the title is the level-1 heading);
    HEAD002 a level that jumps down more than one step."""
    previous = 1  # the page title is the level-1 heading
    for heading in page.headings:
        if heading.level == 1 and page.is_lesson:
            yield problem("HEAD001", page.path, heading.line, text=heading.text)
        elif heading.level > previous + 1:
            expected = previous + 1
            yield problem(
                "HEAD002",
                page.path,
                heading.line,
                previous=previous,
                level=heading.level,
                text=heading.text,
                expected=expected,
                marks="#" * expected,
            )
        previous = heading.level


@check("HEAD003")
def empty(page: Page) -> Iterator[Problem]:
    """A heading with no text."""
    for heading in page.headings:
        if not heading.text:
            yield problem("HEAD003", page.path, heading.line)


@check("HEAD004")
def duplicate(page: Page) -> Iterator[Problem]:
    """Two headings with the same words (their anchors would differ only by a number)."""
    seen: dict[str, int] = {}
    for heading in page.headings:
        if not heading.text:
            continue
        key = norm(heading.text)
        if key in seen:
            yield problem("HEAD004", page.path, heading.line, text=heading.text, first=seen[key])
        else:
            seen[key] = heading.line


def norm(text: str) -> str:
    """``text`` with runs of whitespace as one space, case-folded (for comparisons)."""
    return " ".join(text.split()).casefold()
