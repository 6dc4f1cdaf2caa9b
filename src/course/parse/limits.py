"""What would make Python-Markdown slow or crash on a page, found in one linear pass.

Python-Markdown recurses once per level of nesting (lists, quotes, boxes, HTML blocks
with a ``markdown`` attribute) and stops with ``RecursionError`` a few hundred levels
down; it reads from every ``[`` to its ``]`` or to the end of the paragraph, and its
inline patterns take time that grows with the square of the markup in a paragraph.
Measured on Python-Markdown 3.11 with the course's extensions: 2,000 ``[`` on one line
take 4 s, 50,000 never finish, 600 list markers on one line or 500 nested
``<div markdown>`` raise ``RecursionError``, 8,000 links in one paragraph take 5 s.

:func:`render_limits` finds such pages with plain string scans (no Markdown parser,
so it is fast on exactly the inputs that are slow to parse). ``course check`` reports
what it finds (rules FILE008 and FILE009, at the line); the build hook shows such a
page as a short notice instead of rendering it (``hooks/lesson_checks.py``), so the
strict build fails with the same messages, quickly and without a traceback. The limits
are far above anything a lesson needs (the course: at most 2 levels of nesting, 4 ``[``
and 60 markup characters in a paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_BRACKET_READ",
    "nested_too_deep",
    "MAX_HTML_NESTING",
    "MAX_INLINE_MARKUP",
    "MAX_NESTING",
    "Limit",
    "render_limits",
]

#: Most levels of nesting on one line: 4 columns of indentation, a ``>`` or a list
#: marker each count one.
MAX_NESTING = 10
#: Most HTML elements open inside one another.
MAX_HTML_NESTING = 20
#: Most markup characters (``[ ] ` < * _ & \``) in one paragraph.
MAX_INLINE_MARKUP = 500
#: Most characters Python-Markdown reads from the page's ``[`` to their ``]`` (or to the
#: end of their paragraph, when there is none), summed over the page.
MAX_BRACKET_READ = 200_000


@dataclass(frozen=True)
class Limit:
    """One limit a page goes past: ``line`` (1-based, in the text given) up to ``end``
    (the line after the paragraph or line concerned), ``rule`` (``"FILE008"`` slow to
    render, ``"FILE009"`` nested too deep) and the ``problem`` and ``advice`` texts of
    the message."""

    line: int
    end: int
    rule: str
    problem: str
    advice: str


def render_limits(text: str, first_line: int = 1) -> list[Limit]:
    """Every limit ``text`` goes past (a page body, ``\\n`` line endings), in order.

    Args:
        text: The text to scan.
        first_line: The file line of the first line of ``text``.

    Returns:
        At most one :class:`Limit` per kind: the first line nested too deep, where HTML
        nests too deep, and the first paragraph with too much markup or too many
        unclosed ``[`` (one per paragraph).
    """
    # The usual page is decided by a few counts, without looking at its lines.
    markup = sum(text.count(char) for char in _MARKUP_CHARACTERS)
    nesting = _DEEP_PREFIX.search(text) is not None
    tags = text.count("<") > MAX_HTML_NESTING
    paragraphs = markup > MAX_INLINE_MARKUP or text.count("[") * len(text) > MAX_BRACKET_READ
    if not (nesting or tags or paragraphs):
        return []
    found: list[Limit] = []
    lines = text.split("\n")
    blocks: list[tuple[int, int]] = []  # (first index, end index) of each paragraph
    fence = ""
    start: int | None = None
    depth = 0
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
        if not line.strip():
            if start is not None:
                blocks.append((start, index))
                start = None
            continue
        if start is None:
            start = index
        if nesting and len(line) > MAX_NESTING:
            levels = _levels(line)
            if levels > MAX_NESTING:
                nesting = False
                found.append(
                    Limit(
                        first_line + index,
                        first_line + index + 1,
                        "FILE009",
                        f"this line is nested {levels} levels deep (indentation, '>' and "
                        f"list markers); at most {MAX_NESTING}",
                        "Flatten the structure: a lesson needs two or three levels at most.",
                    )
                )
        if tags and "<" in line:
            for tag in _HTML_TAG.finditer(line):
                if tag.group(3) or tag.group(2).lower() in _NOT_NESTING:
                    continue
                depth = max(0, depth - 1) if tag.group(1) else depth + 1
                if depth > MAX_HTML_NESTING:
                    tags = False
                    found.append(
                        Limit(
                            first_line + index,
                            first_line + index + 1,
                            "FILE009",
                            f"HTML elements are nested more than {MAX_HTML_NESTING} deep here",
                            "Close each element before the next one opens; a page needs "
                            "two or three levels at most.",
                        )
                    )
                    break
    if start is not None:
        blocks.append((start, len(lines)))
    if paragraphs:
        found += _paragraph_limits(lines, blocks, first_line)
    return sorted(found, key=lambda limit: limit.line)


# A line whose prefix (indentation, ">" and list markers) is long enough to go too deep.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_PREFIX = re.compile(r"^(?:[ \t]+|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+")
_MARKERS = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
# A line that is one HTML tag: the renderer keeps it as raw HTML, it is not inline markup.
_TAG_LINE = re.compile(r"^[ \t]*</?[A-Za-z][^<>]*>[ \t]*$")
# Void elements, and mkdocs-quiz's <quiz> (its own rules, QUIZ003 and QUIZ018).
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "quiz",
    ]
)
_MARKUP_CHARACTERS = "[]`<*_&\\"


def nested_too_deep(line: str) -> bool:
    """Whether ``line`` is nested more than :data:`MAX_NESTING` levels deep."""
    return len(line) > MAX_NESTING and _levels(line) > MAX_NESTING


def _levels(line: str) -> int:
    """Levels of nesting in the line's prefix: each ``>`` and list marker, and each 4
    columns of indentation before the first of them."""
    prefix = _PREFIX.match(line)
    if not prefix:
        return 0
    text = prefix.group(0)
    columns = 0
    for char in text:
        if char == "\t":
            columns += 4 - columns % 4
        elif char == " ":
            columns += 1
        else:
            break
    return len(_MARKERS.findall(text)) + columns // 4


def _paragraph_limits(
    lines: list[str], blocks: list[tuple[int, int]], first_line: int
) -> list[Limit]:
    found: list[Limit] = []
    dense = False
    read = 0
    for start, end in blocks:
        block = "\n".join(lines[start:end])
        if read <= MAX_BRACKET_READ and "[" in block:
            unclosed, cost = _bracket_read(block)
            read += cost
            if read > MAX_BRACKET_READ:
                found.append(
                    Limit(
                        first_line + start,
                        first_line + end,
                        "FILE008",
                        f"this paragraph holds {unclosed} '[' without a matching ']'; the "
                        "build reads from each one to the end of the paragraph, "
                        f"{read} characters in all (at most {MAX_BRACKET_READ})",
                        "Close each '[' with ']', or write a literal one as '\\['.",
                    )
                )
                continue
        if dense:
            continue
        markup = sum(
            line.count(char)
            for line in lines[start:end]
            if not _TAG_LINE.match(line)
            for char in _MARKUP_CHARACTERS
        )
        if markup > MAX_INLINE_MARKUP:
            dense = True
            found.append(
                Limit(
                    first_line + start,
                    first_line + end,
                    "FILE008",
                    f"this paragraph holds {markup} markup characters ([ ] ` < * _ & \\); "
                    f"at most {MAX_INLINE_MARKUP}, or the build slows down",
                    "Split the paragraph with blank lines, or write less markup in it.",
                )
            )
    return found


def _bracket_read(block: str) -> tuple[int, int]:
    """``(unclosed, read)``: the ``[`` without a matching ``]`` in ``block``, and how many
    characters are read from every ``[`` to its ``]`` or to the end of ``block``."""
    stack: list[int] = []
    read = 0
    for match in re.finditer(r"\\.|[\[\]]", block):
        char = match.group(0)
        if char == "[":
            stack.append(match.start())
        elif char == "]" and stack:
            read += match.start() - stack.pop()
    read += sum(len(block) - position for position in stack)
    return len(stack), read
