"""Lesson body rules: prose length and the closing sections."""

from __future__ import annotations

from collections.abc import Iterator

from course.anatomy import CLOSING_SECTIONS, PROSE_WORDS, TAKEAWAYS
from course.parse import Page
from course.parse.markdown import inline_text
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
