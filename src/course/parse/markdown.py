"""The markdown-it view of a page: block tokens with file lines, headings, prose words.

The text markdown-it sees keeps every line in place: the front matter is blanked,
quiz tags are blanked (their content parses as plain paragraphs), and admonition
and tab bodies are dedented so they read as prose, not code. ``token.map`` then
holds 0-based *file* lines.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from markdown.extensions.toc import unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pymdownx.slugs import slugify

from course.parse.quiz import QuizTags

__all__ = [
    "Heading",
    "child_lines",
    "collect_headings_and_words",
    "heading_slug",
    "html_pieces",
    "html_tags",
    "Link",
    "inline_links",
    "inline_text",
    "link_text",
    "markdown_view",
    "prose_text",
    "scheme",
]

_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")
_QUIZ_MARKER = re.compile(r"^\s*(?:[-*]\s*\[[^\]]?\]\s?|>\s?)")
_ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?|===)\s")
_ATTR_LIST = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
_ATTR_ID = re.compile(r"#([\w-]+)")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


_SLUGIFY = slugify(case="lower")


def heading_slug(text: str, separator: str) -> str:
    """The id of a heading: pymdownx.slugs' Unicode slugify, lower-case.

    ``mkdocs.yml`` names this function as the ``toc`` extension's ``slugify``, so the
    anchors the site renders and the ones the link rules check are one computation.
    Non-ASCII letters are kept (``## Café talk`` -> ``café-talk``), not dropped.
    """
    return _SLUGIFY(text, separator)


class Heading:
    """A Markdown heading: ``level`` 1-6, ``text``, ``line`` (1-based), ``anchor`` id."""

    __slots__ = ("anchor", "level", "line", "text")

    def __init__(self, level: int, text: str, line: int, anchor: str) -> None:
        self.level, self.text, self.line, self.anchor = level, text, line, anchor


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Emphasis does not change any rule (words, links, headings are the same
    # either way) and is a third of the inline parsing time.
    md.disable(["emphasis", "balance_pairs", "fragments_join"], ignoreInvalid=True)
    # Python-Markdown (the renderer) does not refuse any scheme, so the check must
    # see javascript:/data: links as links, not as text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _markdown()
# Headings are few: their text is read with emphasis parsed, as the renderer does,
# so "## Use **one** question" gets the anchor "use-one-question".
_MD_HEADING = MarkdownIt("commonmark", {"html": True})


def markdown_view(lines: list[str], body_start: int, quizzes: QuizTags) -> list[Token]:
    """Block tokens of the page body, with ``map`` in 0-based file lines.

    Args:
        lines: The whole file's lines.
        body_start: 1-based line where the body starts.
        quizzes: Where the quizzes are (their tags are blanked, their option and
            explanation markers dropped: the quiz reads as plain paragraphs, which
            keeps links and HTML on their lines for the rules).
    """
    start = body_start - 1
    view = [""] * start + lines[start:]
    for quiz in quizzes.quizzes:
        for index in (quiz.line - 1, quiz.end_line - 1):
            if 0 <= index < len(view):
                view[index] = view[index].replace("<quiz>", "").replace("</quiz>", "")
        for index in range(quiz.line, quiz.end_line - 1):
            view[index] = _QUIZ_MARKER.sub("", view[index])
    _dedent_blocks(view)
    return _MD.parse("\n".join(view))


def _dedent_blocks(view: list[str]) -> None:
    """Turn ``!!! note``/``??? tip``/``=== "Tab"`` bodies into top-level text, in place."""
    for _ in range(4):  # nesting depth
        changed = False
        index = 0
        while index < len(view):
            match = _ADMONITION.match(view[index])
            if not match:
                index += 1
                continue
            changed = True
            inner = len(match.group("indent")) + 4
            view[index] = ""
            index += 1
            while index < len(view):
                line = view[index]
                if line.strip() and len(line) - len(line.lstrip(" ")) < inner:
                    break
                view[index] = line[4:] if line.startswith("    ") else line.lstrip(" ")
                index += 1
        if not changed:
            return


def inline_text(token: Token, *, code: bool = True) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "text_special") or (child.type == "code_inline" and code):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def collect_headings_and_words(
    tokens: list[Token], quiz_lines: set[int]
) -> tuple[list[Heading], set[str], int]:
    """Headings (outside quizzes), every id a link may target, and the prose word count.

    Returns:
        ``(headings, anchors, words)``: anchors are heading ids (Python-Markdown's
        ``toc`` slugs, made unique the same way), attr-list ``{ #id }`` and HTML ``id=``
        values; words are counted in text outside quizzes, code and HTML.
    """
    headings: list[Heading] = []
    anchors: set[str] = set()
    ids: set[str] = set()
    words = 0
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if line in quiz_lines:
            continue
        if token.type == "heading_open":
            inline = tokens[index + 1]
            raw = (
                inline_text(_MD_HEADING.parseInline(inline.content)[0])
                if ("*" in inline.content or "_" in inline.content)
                else inline_text(inline)
            )
            anchor = ""
            attrs = _ATTR_LIST.search(raw)
            if attrs:
                custom = _ATTR_ID.search(attrs.group(1))
                raw = raw[: attrs.start()]
                anchor = custom.group(1) if custom else ""
            text = raw.strip()
            anchor = anchor or unique(heading_slug(text, "-"), ids)
            ids.add(anchor)
            headings.append(Heading(int(token.tag[1]), text, line, anchor))
        elif token.type == "inline":
            braces = "{" in token.content
            for child in token.children or []:
                if child.type in ("text", "text_special"):
                    content = _ATTR_LIST.sub("", child.content) if braces else child.content
                    words += len(_WORD.findall(content))
                elif child.type == "html_inline":
                    anchors.update(_HTML_ID.findall(child.content))
            if braces:
                for found in re.finditer(r"\{[^}]*\}", token.content):
                    anchors.update(_ATTR_ID.findall(found.group(0)))
        elif token.type == "html_block":
            anchors.update(_HTML_ID.findall(token.content))
    anchors.update(ids)
    return headings, anchors, words


def prose_text(tokens: list[Token], quiz_lines: set[int]) -> str:
    """A page's reading prose as plain text, one block per line, for readability scores.

    Keeps the text of paragraphs, list items, table cells and admonition bodies;
    leaves out headings, quizzes (blocks starting on a line in ``quiz_lines``), code
    (fenced, indented and inline), raw HTML and HTML comments, images, admonition
    markers and emphasis marks. Every block ends with a sentence mark (a full stop
    is added when it ends without ``.!?:;"')``), so a list item without one is not
    merged with the next block into one long sentence.

    Args:
        tokens: The page's block tokens (:func:`markdown_view`).
        quiz_lines: 1-based lines inside quizzes (``QuizTags.lines``).

    Returns:
        Plain text, one block per line ("" when the page has no prose).
    """
    blocks: list[str] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading:
            if token.map and token.map[0] + 1 in quiz_lines:
                continue
            children = token.children or []
            if "*" in token.content or "_" in token.content:
                # _MD leaves emphasis unparsed; read it as the renderer does.
                children = _MD_HEADING.parseInline(token.content)[0].children or []
            parts = []
            for child in children:
                if child.type == "text":
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            if text:
                blocks.append(text if text[-1] in ".!?:;\"')" else text + ".")
    return "\n".join(blocks)


def child_lines(token: Token) -> list[tuple[int, Token]]:
    """Inline children with their 1-based file line."""
    line = token.map[0] + 1 if token.map else 1
    out: list[tuple[int, Token]] = []
    for child in token.children or []:
        out.append((line, child))
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type in ("text", "code_inline", "html_inline"):
            line += child.content.count("\n")
    return out


def link_text(children: list[tuple[int, Token]]) -> str:
    parts: list[str] = []
    depth = 1
    for _, child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        elif child.type in ("text", "code_inline", "text_special", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def html_pieces(tokens: list[Token]) -> list[tuple[int, str]]:
    """``(1-based line, markup)`` of every raw HTML block and inline HTML piece."""
    pieces: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            pieces.append((token.map[0] + 1, token.content))
        elif token.type == "inline":
            pieces += [
                (line, child.content)
                for line, child in child_lines(token)
                if child.type == "html_inline"
            ]
    return pieces


def scheme(url: str) -> str:
    """The URL's scheme, lower-case, as a browser reads it: character references
    decoded (``&#106;avascript:``) and tabs, newlines and control characters removed
    (WHATWG URL standard), so disguised ``javascript:`` URLs are caught."""
    # markdown-it percent-encodes what it decoded from the source (``java&#9;script:``
    # becomes ``java%09script:``), so percent-escapes are decoded as well.
    match = _SCHEME.match(_CONTROL.sub("", unquote(html.unescape(url))))
    return match.group(1).lower() if match else ""


class Link:
    """A Markdown link or image: ``line`` (1-based), ``kind`` ("link" | "image"), ``url``,
    and ``text`` (the link text, or the image's alt text)."""

    __slots__ = ("kind", "line", "text", "url")

    def __init__(self, line: int, kind: str, url: str, text: str) -> None:
        self.line, self.kind, self.url, self.text = line, kind, url, text


def inline_links(tokens: list[Token]) -> list[Link]:
    """Every Markdown link and image of the page, in order."""
    out: list[Link] = []
    for token in tokens:
        if token.type != "inline":
            continue
        children = child_lines(token)
        for index, (line, child) in enumerate(children):
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                out.append(Link(line, "link", href, link_text(children[index + 1 :])))
            elif child.type == "image":
                out.append(Link(line, "image", str(child.attrGet("src") or ""), child.content))
    return out


_TAG = re.compile(r"<\s*(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)


def html_tags(tokens: list[Token]) -> list[tuple[int, str, str]]:
    """``(1-based line, tag name lower-case, attribute text)`` of every raw HTML start tag.

    Lines are counted as the scan goes, so a page of many tags costs one pass.
    """
    found: list[tuple[int, str, str]] = []
    for first_line, markup in html_pieces(tokens):
        line, position = first_line, 0
        for tag in _TAG.finditer(markup):
            line += markup.count("\n", position, tag.start())
            position = tag.start()
            found.append((line, tag.group("name").lower(), tag.group("attrs") or ""))
    return found
