"""Rules on reading the file: encoding, readability, leftover placeholders, the file name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath

from course.anatomy import MAX_FILE_BYTES, MAX_LINE_CHARS, PLACEHOLDER, is_lesson_id
from course.model import lesson_id_for
from course.parse import Page
from course.report import Problem
from course.rules.registry import check, problem


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


@check("FILE003")
def placeholders(page: Page) -> Iterator[Problem]:
    """One problem per line that still holds the scaffold's ``TODO:`` marker."""
    for number, line in enumerate(page.text.split("\n"), start=1):
        if PLACEHOLDER in line:
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
