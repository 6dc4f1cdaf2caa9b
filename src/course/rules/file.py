"""Rules on reading the file: encoding, readability, leftover placeholders, the file name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from course.anatomy import MAX_FILE_BYTES, MAX_LINE_CHARS, PLACEHOLDER, is_lesson_id
from course.config import MARKDOWN_EXTENSIONS, is_markdown
from course.model import lesson_id_for
from course.parse import Page
from course.report import Problem
from course.rules.registry import Project, check, problem
from course.sanitize import SITE_CODE_DIRS, SITE_CODE_TYPES


@check("FILE001", "FILE002", "FILE005")
def readable(page: Page) -> Iterator[Problem]:
    """FILE001 not UTF-8 (at the line of the first bad byte); FILE002 cannot be read;
    FILE005 larger than :data:`course.anatomy.MAX_FILE_BYTES` (not read at all)."""
    if page.read_error is None:
        return
    kind, line, detail = page.read_error
    if kind == "too-large":
        yield problem(
            "FILE005", page.path, 1, size=round(int(detail) / 1000), limit=MAX_FILE_BYTES // 1000
        )
        return
    yield problem("FILE001" if kind == "not-utf8" else "FILE002", page.path, line, detail=detail)


@check("FILE006")
def line_length(page: Page) -> Iterator[Problem]:
    """Lines of at most :data:`course.anatomy.MAX_LINE_CHARS` characters."""
    for number, line in enumerate(page.text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            yield problem("FILE006", page.path, number, length=len(line), limit=MAX_LINE_CHARS)


@check("FILE008", "FILE009")
def render_limits(page: Page) -> Iterator[Problem]:
    """FILE008 a paragraph the renderer would take seconds or minutes on (unclosed
    ``[``, dense markup); FILE009 nesting so deep it would crash it (lines, HTML).
    Found by :func:`course.parse.limits.render_limits` when the page was parsed."""
    for limit in page.limits:
        yield problem(limit.rule, page.path, limit.line, problem=limit.problem, advice=limit.advice)


# The scaffold's marker and the usual variants: TODO, TBD, FIXME, XXX, [todo], in any case.
# Every match starts with t, f, x or "[": the lookahead lets the search skip to those
# (three times faster on a page without any; the same matches).
_PLACEHOLDER = re.compile(
    rf"(?=[tfx\[])(?:{re.escape(PLACEHOLDER)}|\b(?:TODO|TBD|FIXME)\b|\bXXX+\b|\[(?:todo|tbd)\])",
    re.IGNORECASE,
)


@check("FILE003")
def placeholders(page: Page) -> Iterator[Problem]:
    """One problem per line that still holds a placeholder (the scaffold's ``TODO:``,
    or TODO, TBD, FIXME, XXX, [todo] written by hand)."""
    if not _PLACEHOLDER.search(page.text):
        return  # a placeholder in any line is one in the whole text
    for number, line in enumerate(page.text.split("\n"), start=1):
        if _PLACEHOLDER.search(line):
            yield problem("FILE003", page.path, number, text=short(line.strip()))


@check("FILE004", scope="lesson")
def lesson_file_name(page: Page) -> Iterator[Problem]:
    """The lesson id (folder + file name) follows the grammar the browser store accepts."""
    lesson_id = lesson_id_for(page.src_path)
    if not is_lesson_id(lesson_id):
        suggestion = "/".join(_slug(part) for part in PurePosixPath(lesson_id).parts) + ".md"
        yield problem("FILE004", page.path, 1, lesson_id=lesson_id, suggestion=suggestion)


def short(text: str, limit: int = 50) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _slug(part: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", ascii_text).lower())
    return "-".join(words)[:60].strip("-") or "lesson"


#: Files besides pages that may sit anywhere in docs/: images.
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
# What an SVG must not hold: script, event handlers, embedded HTML, links to other sites.
_SVG_DANGER = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed)\b|\son[a-z]+\s*="
    r"|(?:href|src)\s*=\s*[\"']?\s*(?!#)(?:javascript|data|https?|//)",
    re.IGNORECASE,
)


@check("FILE007", scope="course")
def file_types(project: Project) -> Iterator[Problem]:
    """Every file MkDocs would render or copy is a ``.md`` page, an image or a site asset.

    Other Markdown extensions (``.markdown``...) are rendered by MkDocs but named
    differently from every other page; ``X.MD`` and unknown types (``.html``...) would be
    published as they are, unchecked; site code (``.js``, ``.css``...) sits only in the
    maintainer-owned folders (:data:`course.sanitize.SITE_CODE_DIRS`). An SVG is an
    image that can carry script: it must hold no script, event handler, embedded HTML
    or link to another site.
    """
    label = project.pages_label
    for src in project.files:
        path = PurePosixPath(src)
        shown = f"{label}/{src}" if label else src
        suffix = path.suffix
        if is_markdown(src) and suffix != ".md":
            yield problem(
                "FILE007",
                shown,
                1,
                problem=f"page uses the extension '{suffix}'",
                advice=f"Rename it to '{path.stem}.md': every page is a .md file.",
            )
        elif suffix.lower() in (".md", *MARKDOWN_EXTENSIONS) and not is_markdown(src):
            yield problem(
                "FILE007",
                shown,
                1,
                problem=f"'{path.name}' would be published as a raw file, not a page",
                advice=f"Rename it to '{path.stem}.md' (lower-case extension).",
            )
        elif suffix.lower() == ".svg":
            yield from _svg(project.docs_dir / src, shown)
        elif is_markdown(src) or suffix.lower() in IMAGE_TYPES:
            continue
        elif suffix.lower() in SITE_CODE_TYPES and not src.startswith(SITE_CODE_DIRS):
            yield problem(
                "FILE007",
                shown,
                1,
                problem=f"'{path.name}' is site code outside the maintainer-owned folders "
                f"({', '.join('docs/' + folder for folder in SITE_CODE_DIRS)})",
                advice="Remove it: site code is reviewed by the maintainers (.github/CODEOWNERS), "
                "who add it under docs/assets/js/ or docs/assets/css/.",
            )
        elif suffix.lower() not in SITE_CODE_TYPES:
            yield problem(
                "FILE007",
                shown,
                1,
                problem=f"'{path.name}' would be published as it is, unchecked",
                advice="Remove it: course pages are .md files and other files are images "
                f"({', '.join(IMAGE_TYPES)}); site code goes under docs/assets/js/ or "
                "docs/assets/css/.",
            )


def _svg(path: Path, shown: str) -> Iterator[Problem]:
    try:
        text = path.read_bytes()[:MAX_FILE_BYTES].decode("utf-8", "replace")
    except OSError as exc:
        yield problem(
            "FILE007",
            shown,
            1,
            problem=f"SVG cannot be read ({exc.strerror or exc})",
            advice="Check that the file exists and is readable.",
        )
        return
    found = _SVG_DANGER.search(text)
    if found:
        line = text[: found.start()].count("\n") + 1
        yield problem(
            "FILE007",
            shown,
            line,
            problem=f"SVG holds '{found.group(0).strip()}'",
            advice="Export the SVG without scripts, event handlers, embedded HTML "
            "or links to other sites (it is published as it is).",
        )
