"""The markdown-it view of a page: block tokens with file lines, headings, prose words.

The text markdown-it sees keeps every line in place: the front matter is blanked,
quiz tags are blanked (their content parses as plain paragraphs), and admonition
and tab bodies are dedented so they read as prose, not code. ``token.map`` then
holds 0-based *file* lines.

What Python-Markdown renders as markup and markdown-it does not see as such is added
by :func:`markup_view`: the titles of boxes and tabs, and the Markdown inside an HTML
block with a ``markdown`` attribute. Raw inline HTML is read with Python-Markdown's own
pattern as well (:func:`html_pieces`), which takes more than CommonMark does
(``<span on&#x63;lick=...>``, ``\\<b onclick=...>``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

from markdown import inlinepatterns
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.toc import unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pymdownx.slugs import slugify

from course.parse.quiz import QuizTags

__all__ = [
    "Heading",
    "attr_lists",
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
    "markup_view",
    "plain_text_markup",
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


# A box or tab marker with its quoted title, as admonition, pymdownx.details and
# pymdownx.tabbed read it: the title runs to the last double quote of the line.
_BOX_TITLE = re.compile(r'^[ ]*(?:!!!|\?\?\?\+?|===[!+]*)[ ]*[\w ,-]*?"(?P<title>.*)"[ ]*$')
# Any start or end tag (blanked before the Markdown inside an HTML block is parsed).
_ANY_TAG = re.compile(r"</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?", re.S)
# A start tag carrying md_in_html's ``markdown`` attribute.
_MARKDOWN_ATTRIBUTE = re.compile(r"<[A-Za-z][^>]*?\smarkdown(?:\s*=\s*[\"']?\w*[\"']?)?[\s/>]")


def markup_view(lines: list[str], body_start: int, tokens: list[Token]) -> list[Token]:
    """Inline tokens for what Python-Markdown renders and :func:`markdown_view` reads as
    something else, with ``map`` in 0-based file lines.

    - The quoted title of a box or tab (``!!! note "..."``, ``??? example "..."``,
      ``=== "..."``): the view blanks the marker line, the renderer shows the title with
      its inline Markdown and HTML.
    - The Markdown inside an HTML block whose tag has a ``markdown`` attribute and no
      blank line after it: markdown-it reads the block as raw HTML, md_in_html renders
      its content as Markdown. The content is parsed with every tag blanked (the tags
      themselves are read from the HTML block).

    These tokens are for the markup rules (raw HTML, URLs, images); headings, words and
    prose are read from :func:`markdown_view` alone.
    """
    code = {
        number
        for token in tokens
        if token.type in ("fence", "code_block") and token.map
        for number in range(token.map[0], token.map[1])
    }
    out: list[Token] = []
    for index in range(body_start - 1, len(lines)):
        line = lines[index]
        if '"' not in line or index in code:
            continue
        found = _BOX_TITLE.match(line)
        if found and found.group("title").strip():
            (inline,) = [t for t in _MD.parseInline(found.group("title")) if t.type == "inline"]
            inline.map = [index, index + 1]
            out.append(inline)
    for token in tokens:
        if token.type != "html_block" or not token.map or "markdown" not in token.content:
            continue
        if not _MARKDOWN_ATTRIBUTE.search(token.content):
            continue
        blanked = _ANY_TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), token.content)
        offset = token.map[0]
        for inner in _MD.parse(blanked):
            if inner.map:
                inner.map = [inner.map[0] + offset, inner.map[1] + offset]
            out.append(inner)
    return out


# Markup that would not stay plain text: HTML tags and entities, Markdown links and
# images, code, emphasis and attribute lists.
_MARKUP = re.compile(
    r"<[A-Za-z/!?][^>]*>?"
    r"|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
    r"|!?\[[^\]]*\]\([^)]*\)"
    r"|`"
    r"|\*\*|__|(?<![\w*])\*(?=\S)[^*]*(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)[^_]*(?<=\S)_(?!\w)"
    r"|\{:?[ \t]*[#.]"
)


def plain_text_markup(text: str, *, quotes: bool = False, braces: bool = False) -> str | None:
    """The first piece of markup in ``text`` that would not stay plain text, or None.

    Markup is HTML tags and entities, Markdown links and images, code, emphasis and
    attribute lists (``{ #id }``, ``{ .class }``). ``quotes``: a straight double quote
    counts too (a value Material writes into ``content="..."`` unescaped); ``braces``:
    any ``{`` or ``}`` counts (text that goes into a Markdown heading, where an
    attribute list ``{ onclick=... }`` would be read).
    """
    found = _MARKUP.search(text)
    candidates = [(found.start(), found.group(0))] if found else []
    for mark, counts in (('"', quotes), ("{", braces), ("}", braces)):
        if counts and mark in text:
            candidates.append((text.index(mark), mark))
    return min(candidates)[1] if candidates else None


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


# Python-Markdown's own inline patterns: raw HTML, and what it reads before raw HTML
# (code spans, autolinks), so the check takes as HTML exactly what the renderer does.
_PM_HTML = re.compile(inlinepatterns.HTML_RE, re.DOTALL | re.UNICODE)
_PM_NOT_HTML = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            inlinepatterns.BACKTICK_RE,
            inlinepatterns.AUTOLINK_RE,
            inlinepatterns.AUTOMAIL_RE,
        )
    ),
    re.DOTALL | re.UNICODE,
)


def html_pieces(tokens: list[Token]) -> list[tuple[int, str]]:
    """``(1-based line, markup)`` of every raw HTML block and inline HTML piece.

    Inline HTML is what markdown-it reads as HTML together with what Python-Markdown's
    pattern reads as HTML in the same text (outside code spans and autolinks): the
    renderer takes ``<span on&#x63;lick=...>`` and ``\\<b onclick=...>`` as raw HTML,
    CommonMark does not. A piece both read is listed once.
    """
    pieces: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            pieces.append((token.map[0] + 1, token.content))
        elif token.type == "inline":
            found = [
                (line, child.content)
                for line, child in child_lines(token)
                if child.type == "html_inline"
            ]
            if "<" in token.content:
                found = _union(found, _pm_html(token))
            pieces += found
    return pieces


def _pm_html(token: Token) -> list[tuple[int, str]]:
    """Raw HTML in an inline token's text as Python-Markdown's pattern finds it."""
    text = _PM_NOT_HTML.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), token.content)
    first = token.map[0] + 1 if token.map else 1
    return [(first + text.count("\n", 0, m.start()), m.group(0)) for m in _PM_HTML.finditer(text)]


def _union(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Every piece of ``a``, then the pieces of ``b`` that ``a`` does not already hold
    (as many times as ``b`` holds them more often)."""
    counts: dict[tuple[int, str], int] = {}
    for piece in a:
        counts[piece] = counts.get(piece, 0) + 1
    out = list(a)
    for piece in b:
        if counts.get(piece, 0) > 0:
            counts[piece] -= 1
        else:
            out.append(piece)
    return out


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


# Attribute lists, read as Python-Markdown's attr_list reads them (its own patterns):
# after an inline element (a link, image, code, emphasis, HTML), at the end of a heading
# or table cell, or on the last line of a block. The list runs to the last ``}`` of its
# line, so ``{ title="}" onclick=... }`` holds an onclick.
_PM_INLINE = AttrListTreeprocessor.INLINE_RE
_PM_HEADER = AttrListTreeprocessor.HEADER_RE
_PM_BLOCK = AttrListTreeprocessor.BLOCK_RE
_AFTER_ELEMENT = ")]*_`>"
# Any { ... key=value ... } on a line (a superset for lists of key=value pairs).
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*=[^{}\n]*)\}")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def attr_lists(tokens: list[Token]) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """``(1-based line, [(name lower-case, value)])`` of every attribute list in the text.

    Attributes are read with attr_list's own reader (:func:`get_attrs_and_remainder`):
    ``key=value`` pairs, and bare words, which it sets as ``word="word"``; ``#id`` and
    ``.class`` are left out. Code spans are skipped.
    """
    for index, token in enumerate(tokens):
        if token.type != "inline" or "{" not in token.content or not token.map:
            continue
        text = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), token.content)
        before = tokens[index - 1].type if index else ""
        found: dict[int, tuple[int, str]] = {}  # position of "{" -> (end, body)
        pattern = _PM_HEADER if before in ("heading_open", "th_open", "td_open") else _PM_BLOCK
        end = pattern.search(text)
        if end:
            found[text.rindex("{", 0, end.start(1))] = (end.end(), end.group(1))
        for brace in re.finditer(r"\{", text):
            start = brace.start()
            if start and text[start - 1] in _AFTER_ELEMENT:
                inline = _PM_INLINE.match(text, start)
                if inline:
                    found.setdefault(start, (inline.end(), inline.group(1)))
        for loose in _ATTR_LIST.finditer(text):
            if not any(s <= loose.start() < e for s, (e, _) in found.items()):
                found[loose.start()] = (loose.end(), loose.group("body"))
        first = token.map[0] + 1
        for start, (_, body) in sorted(found.items()):
            attrs, _ = get_attrs_and_remainder(body)
            named = [(k.lower(), v) for k, v in attrs if k not in (".", "id")]
            if named:
                yield first + text.count("\n", 0, start), named
