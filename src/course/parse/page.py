"""One course page, parsed: the record every rule reads.

The pipe for one file::

    docs/<module>/<lesson>.md
      -> course.source     text (any UTF-8 variant, ``\\n`` endings), front matter block
      -> front_matter      PyYAML nodes with line marks
      -> quiz              quizzes located by mkdocs-quiz's own parser
      -> markdown          markdown-it tokens with file lines, headings, anchors, words
      -> Page

Lines are 1-based lines of the file as the contributor sees it, front matter
included. Parsing never raises for content: an unreadable file is recorded in
``Page.read_error`` and the rules report it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it.token import Token

from course.anatomy import MAX_FILE_BYTES
from course.parse.front_matter import STR, FrontMatter, node_line, parse_front_matter
from course.parse.limits import Limit, nested_too_deep, render_limits
from course.parse.markdown import (
    Heading,
    Link,
    collect_headings_and_words,
    inline_links,
    markdown_view,
    markup_view,
)
from course.parse.quiz import Quiz, QuizTags, locate_quizzes
from course.source import read_text, split

__all__ = ["Page", "parse_page", "parse_quizzes"]


@dataclass
class Page:
    """One Markdown file, parsed.

    Attributes:
        src_path: Path below ``docs/`` with forward slashes.
        path: Path as reported (``"docs/connection/x.md"``).
        is_lesson: The lesson anatomy applies (``<module>/<name>.md``, see
            :func:`course.model.is_lesson_path`).
        assessment: ``"module"`` for a module check, ``"final"`` for the final
            assessment (:func:`course.model.assessment_kind`), else None.
        is_overview: The page is a module overview (``<module>/index.md`` of a module
            folder, see :func:`course.model.module_folders`).
        text: Whole file, ``\\n`` line endings, no BOM ("" when unreadable).
        read_error: ``("not-utf8", line, detail)``, ``("unreadable", 1, detail)`` or
            ``("too-large", 1, size in bytes)`` when the file was not read; None otherwise.
        front: The front matter.
        body_start: 1-based line where the body starts.
        tokens: markdown-it-py block tokens; ``map`` holds 0-based *file* lines.
        markup: More inline tokens for the markup rules: box and tab titles, Markdown
            inside an HTML block with a ``markdown`` attribute
            (:func:`course.parse.markdown.markup_view`).
        quiz_tags: Quizzes and unpaired quiz tags.
        headings: Headings outside quizzes, in order.
        anchors: Every id a link may target on this page (headings, attr lists, HTML ids).
        words: Prose words (quizzes, code, HTML and front matter excluded).
        links: Every Markdown link and image (line, kind, url, text).
        former_ids: ``(line, id)`` of every string in ``former_ids``.
        limits: What would make the renderer slow or crash (:mod:`course.parse.limits`);
            a paragraph too slow to render is left out of ``tokens``.
    """

    src_path: str
    path: str
    is_lesson: bool
    is_overview: bool = False
    assessment: str | None = None
    text: str = ""
    read_error: tuple[str, int, str] | None = None
    front: FrontMatter = field(default_factory=FrontMatter)
    body_start: int = 1
    tokens: list[Token] = field(default_factory=list)
    markup: list[Token] = field(default_factory=list)
    quiz_tags: QuizTags = field(default_factory=lambda: QuizTags([], set(), [], [], [], []))
    headings: list[Heading] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    words: int = 0
    links: list[Link] = field(default_factory=list)
    former_ids: list[tuple[int, str]] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """False when the file could not be read or decoded."""
        return self.read_error is None

    @property
    def markup_tokens(self) -> list[Token]:
        """Every token the markup rules read: :attr:`tokens`, then :attr:`markup`."""
        return self.tokens + self.markup

    @property
    def quizzes(self) -> list[Quiz]:
        """The page's quizzes, in order."""
        return self.quiz_tags.quizzes

    def slim(self) -> Page:
        """Drop the parser objects (tokens, YAML nodes) once the page rules have run.

        What the course rules need stays: front matter values and key lines,
        headings, anchors, links and former ids. Slim pages pickle cheaply (used
        when checking in several processes).
        """
        self.tokens = []
        self.markup = []
        self.front.nodes = {}
        return self


def parse_page(
    docs_dir: Path,
    src_path: str,
    *,
    is_lesson: bool,
    label: str = "docs",
    is_overview: bool = False,
    assessment: str | None = None,
) -> Page:
    """Read and parse one page; never raises for content problems.

    Args:
        docs_dir: The docs folder.
        src_path: Path below it, forward slashes.
        is_lesson: Whether the lesson anatomy applies.
        label: How the docs folder is shown in problem paths ("" for none).
        is_overview: Whether the page is a module overview (the overview rules apply).
        assessment: ``"module"`` or ``"final"`` for an assessment page (its rules apply).
    """
    page = Page(
        src_path=src_path,
        path=f"{label}/{src_path}" if label else src_path,
        is_lesson=is_lesson,
        is_overview=is_overview,
        assessment=assessment,
    )
    try:
        size = (docs_dir / src_path).stat().st_size
        if size > MAX_FILE_BYTES:
            page.read_error = ("too-large", 1, str(size))
            return page
        page.text = read_text(docs_dir / src_path)
    except UnicodeDecodeError as exc:
        data = exc.object if isinstance(exc.object, bytes) else b""
        line = data[: exc.start].count(b"\n") + 1
        detail = f"byte 0x{data[exc.start]:02x}" if exc.start < len(data) else exc.reason
        page.read_error = ("not-utf8", line, detail)
        return page
    except OSError as exc:
        page.read_error = ("unreadable", 1, str(exc.strerror or exc))
        return page
    lines = page.text.split("\n")
    page.front, page.body_start = parse_front_matter(page.text)
    former = page.front.nodes.get("former_ids")
    if isinstance(former, yaml.SequenceNode):
        page.former_ids = [
            (node_line(item), item.value)
            for item in former.value
            if isinstance(item, yaml.ScalarNode) and item.tag == STR
        ]
    start = page.body_start - 1
    body = "\n".join(lines[start:])
    page.limits = render_limits(body, page.body_start)
    # What goes past a limit is not read further: markdown-it is slow on a paragraph
    # FILE008 reports, and stops reading the page at a line nested too deep.
    for limit in page.limits:
        if limit.rule == "FILE008":
            for index in range(limit.line - 1, limit.end - 1):
                lines[index] = ""
        elif limit.problem.startswith("this line"):
            for index in range(start, len(lines)):
                if nested_too_deep(lines[index]):
                    lines[index] = ""
    if page.limits:
        body = "\n".join(lines[start:])
    page.quiz_tags = locate_quizzes(body, start)
    page.tokens = markdown_view(lines, page.body_start, page.quiz_tags)
    page.headings, page.anchors, page.words = collect_headings_and_words(
        page.tokens, page.quiz_tags.lines
    )
    page.markup = markup_view(lines, page.body_start, page.tokens)
    page.links = inline_links(page.markup_tokens)
    return page


def parse_quizzes(docs_dir: Path, src_path: str, *, label: str = "docs") -> Page:
    """Only what the quiz rules of the build need: the text and the quizzes.

    About ten times cheaper than :func:`parse_page` (no markdown-it pass); the build
    uses it to compare each page's quizzes with what mkdocs-quiz rendered.
    """
    page = Page(
        src_path=src_path, path=f"{label}/{src_path}" if label else src_path, is_lesson=False
    )
    try:
        page.text = read_text(docs_dir / src_path)
    except (OSError, UnicodeDecodeError) as exc:
        page.read_error = ("unreadable", 1, str(exc))
        return page
    page.body_start = split(page.text).body_start  # where the body starts; YAML not read
    start = page.body_start - 1
    page.quiz_tags = locate_quizzes("\n".join(page.text.split("\n")[start:]), start)
    return page
