"""Lesson body rules: prose length and the closing sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from course.anatomy import CLOSING_SECTIONS, PROSE_WORDS, TAKEAWAYS
from course.parse import Page
from course.parse.markdown import inline_text
from course.quality import exercise_minutes
from course.report import Problem
from course.rules.registry import check, problem


@check("BODY001", "BODY002", scope="lesson")
def prose_length(page: Page) -> Iterator[Problem]:
    """200-900 prose words (:data:`course.anatomy.PROSE_WORDS`), reported at the first text."""
    words = page.words
    lines = page.text.split("\n")
    first_text = next(
        (n for n in range(page.body_start, len(lines) + 1) if lines[n - 1].strip()), page.body_start
    )
    counted = f"{words} word{'' if words == 1 else 's'}"
    if words < PROSE_WORDS[0]:
        yield problem("BODY001", page.path, first_text, words=counted)
    elif words > PROSE_WORDS[1]:
        yield problem("BODY002", page.path, first_text, words=counted)


@check("BODY003", scope="lesson")
def closing_sections(page: Page) -> Iterator[Problem]:
    """The last three ``##`` sections are Try it, Key takeaways, Check your understanding."""
    h2 = [h for h in page.headings if h.level == 2]
    last = [h.text for h in h2[-3:]]
    if tuple(last) == CLOSING_SECTIONS:
        return
    found = ", ".join(f"'{t}'" for t in last) if last else "no '##' sections"
    # Point at the first of the last three '##' headings that is not what it should be.
    expected = CLOSING_SECTIONS[-len(last) :] if last else ()
    wrong = next((h for h, want in zip(h2[-3:], expected, strict=True) if h.text != want), None)
    line = wrong.line if wrong else (h2[-len(last)].line if h2 else page.body_start)
    yield problem("BODY003", page.path, line, found=found)


@check("BODY004", scope="lesson")
def key_takeaways(page: Page) -> Iterator[Problem]:
    """'Key takeaways' is a bullet list of 2-4 items and nothing else."""
    found = sections(page).get("Key takeaways")
    if found is None:
        return
    index, line, _ = found
    items = 0
    other: int | None = None
    for token in page.tokens[index + 3 :]:
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            break
        if token.level == 0 and token.nesting >= 0 and token.map:
            if token.type == "bullet_list_open":
                continue
            if other is None:
                other = token.map[0] + 1
        if token.type == "list_item_open" and token.level == 1:
            items += 1
    if other is not None:
        yield problem("BODY004", page.path, other, problem="must contain only a bullet list")
    if not TAKEAWAYS[0] <= items <= TAKEAWAYS[1]:
        yield problem(
            "BODY004", page.path, line, problem=f"has {items} bullet item(s); it needs 2 to 4"
        )


def sections(page: Page) -> dict[str, tuple[int, int, int]]:
    """Level-2 sections: text -> (first token index, heading line, last line of the section)."""
    result: dict[str, tuple[int, int, int]] = {}
    h2 = [
        (i, t)
        for i, t in enumerate(page.tokens)
        if t.type == "heading_open"
        and t.tag == "h2"
        and t.map
        and t.map[0] + 1 not in page.quiz_tags.lines
    ]
    total = page.text.count("\n") + 1
    for number, (index, token) in enumerate(h2):
        text = inline_text(page.tokens[index + 1]).strip()
        end = h2[number + 1][1].map[0] if number + 1 < len(h2) else total
        result.setdefault(text, (index, token.map[0] + 1, end))
    return result


_LIST_ITEM = re.compile(r"^(?P<indent> {0,3})(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_BOX = re.compile(r"^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?|===)[ \t]*(?P<rest>.*)$")
_BOX_HEAD = re.compile(r"^(?P<kind>[\w-]+)(?:[ \t]+(?P<title>.*))?$")
_TASK = re.compile(r"^[ \t]*[-*+][ \t]+(?P<marker>\[[ xX]\])[ \t]")


def _literal_lines(page: Page) -> set[int]:
    """1-based lines inside quizzes, fenced and indented code and HTML blocks."""
    lines = set(page.quiz_tags.lines)
    for token in page.tokens:
        if token.type in ("fence", "code_block", "html_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    lines.update(range(1, page.body_start))
    return lines


@check("BODY005")
def list_item_indent(page: Page) -> Iterator[Problem]:
    """Text or a fence after a blank line under a list item, indented 1-3 spaces.

    Python-Markdown (MkDocs) needs 4 spaces to keep a paragraph or fence in a list
    item after a blank line; CommonMark (GitHub) accepts less, so the author sees a
    nested step while MkDocs splits the list.
    """
    literal = _literal_lines(page)
    fence_starts = {t.map[0] + 1 for t in page.tokens if t.type == "fence" and t.map}
    item: tuple[int, int] | None = None  # (line, indent) of the list item above
    blank = False
    for number, line in enumerate(page.text.split("\n"), start=1):
        if number in page.quiz_tags.lines:
            item, blank = None, False
            continue
        if not line.strip():
            blank = True
            continue
        if number in literal and number not in fence_starts:
            continue
        spaces = len(line) - len(line.lstrip(" "))
        marker = _LIST_ITEM.match(line)
        if marker:
            item, blank = (number, len(marker.group("indent"))), False
            continue
        if item and blank and item[1] < spaces < item[1] + 4:
            yield problem("BODY005", page.path, number, spaces=spaces - item[1], item=item[0])
        elif item and blank and spaces <= item[1]:
            item = None  # a flush paragraph after a blank line ends the list
        blank = False


@check("BODY006", "BODY007")
def boxes(page: Page) -> Iterator[Problem]:
    """BODY006 the body of an admonition, collapsible (``???``) or tab (``===``) block is
    not indented 4 spaces; BODY007 its title is not quoted (``??? example Worked answer``)."""
    lines = page.text.split("\n")
    literal = _literal_lines(page)
    for index, line in enumerate(lines):
        number = index + 1
        found = _BOX.match(line)
        if number in literal or not found:
            continue
        marker, indent, rest = (
            found.group("marker"),
            len(found.group("indent")),
            found.group("rest"),
        )
        head = _BOX_HEAD.match(rest) if marker != "===" else None
        title = head.group("title") if head else None
        if head and title and not title.startswith(('"', "'")):
            kind = head.group("kind")
            yield problem(
                "BODY007",
                page.path,
                number,
                marker=marker,
                kind=kind,
                rest=title,
                kind_title=kind.replace("-", " ").title(),
            )
        body = next(
            (
                (n, text)
                for n, text in enumerate(lines[index + 1 :], start=number + 1)
                if text.strip()
            ),
            None,
        )
        if body is None:
            continue
        body_line, text = body
        spaces = len(text) - len(text.lstrip(" "))
        if spaces <= indent:
            yield problem(
                "BODY006", page.path, body_line, marker=marker, start=number, problem="not indented"
            )
        elif spaces < indent + 4:
            yield problem(
                "BODY006",
                page.path,
                body_line,
                marker=marker,
                start=number,
                problem=f"indented {spaces - indent} space(s)",
            )


@check("BODY008")
def task_list(page: Page) -> Iterator[Problem]:
    """``- [ ] item`` outside a quiz: GitHub draws a checkbox, MkDocs shows the brackets."""
    literal = _literal_lines(page)
    for number, line in enumerate(page.text.split("\n"), start=1):
        found = _TASK.match(line)
        if found and number not in literal:
            yield problem("BODY008", page.path, number, marker=found.group("marker"))


@check("BODY009", scope="lesson")
def exercise_time(page: Page) -> Iterator[Problem]:
    """'## Try it' opens with ``**Time:** about N minutes.`` (the duration counts N)."""
    found = sections(page).get("Try it")
    if found is None:
        return
    _, line, end = found
    if exercise_minutes(page.text.split("\n")[line:end]) is None:
        yield problem("BODY009", page.path, line)
