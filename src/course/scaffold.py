"""Scaffold a new lesson: ``make new-lesson MODULE=<module folder> TITLE="..."``.

Writes ``docs/<module>/<slug>.md`` with the lesson anatomy (front matter, the
section skeleton, the closing sections and a quiz skeleton) and adds the file to
the module's section of ``nav`` in ``mkdocs.yml``, right after the module's last
page. Every part a contributor must write is marked ``TODO:``; the placeholder
rule FILE003 (``course.rules.table``) makes ``make check`` refuse the file until none is
left.

The ``nav`` edit is a one-line text insertion, not a YAML re-dump, so comments,
quoting and tags such as ``!ENV`` in ``mkdocs.yml`` stay exactly as they are. The
edited text is parsed again before anything is written; if the new nav is not
the old nav plus the new lesson in the right place, nothing is written.

Exit codes: 0 done; 2 bad input (empty or unusable title, unknown module,
duplicate title, existing file, a ``mkdocs.yml`` this script cannot edit safely).
On exit 2 nothing has been written.

Usage::

    course new-lesson --module service --title "Ask before you answer"
    course new-lesson --module service --title "..." --config /tmp/x/mkdocs.yml
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from course.anatomy import MODULE_CHECK, PLACEHOLDER, TITLE_CHARS
from course.config import load_config, nav_paths
from course.model import load_course

__all__ = ["Scaffold", "ScaffoldError", "lesson_text", "next_steps", "plan", "slugify", "write"]

#: The marker of every part a contributor still has to write ("TODO"); rule
#: FILE003 (course.rules.file) refuses any line that still holds ``PLACEHOLDER``.
MARKER = PLACEHOLDER.rstrip(":")
USAGE = 'make new-lesson MODULE=<module folder> TITLE="..."'
#: Longest file name (without ``.md``) the slug is cut to, at a word boundary.
SLUG_MAX = 60


class ScaffoldError(Exception):
    """Input the scaffold refuses; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Scaffold:
    """What :func:`write` will write.

    Attributes:
        lesson_path: The new lesson file (absolute).
        lesson_text: Its content.
        config_path: ``mkdocs.yml`` (absolute).
        config_text: Its new content (one nav line added).
        src_path: The lesson's path below ``docs/`` (``"service/ask-first.md"``).
        after: The nav entry the lesson was inserted after.
        nav_line: 1-based line of the new nav entry in ``mkdocs.yml``.
    """

    lesson_path: Path
    lesson_text: str
    config_path: Path
    config_text: str
    src_path: str
    after: str
    nav_line: int


def slugify(title: str) -> str:
    """File name for a title: lower-case ASCII words joined by hyphens.

    Accents are dropped (``"Café"`` -> ``"cafe"``), apostrophes vanish
    (``"Don't"`` -> ``"dont"``), every other run of non-alphanumerics becomes one
    hyphen, and the result is cut at a word boundary to at most ``SLUG_MAX``
    characters. Returns ``""`` when the title has no letters or digits.
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def lesson_text(title: str) -> str:
    """The new lesson's Markdown: the anatomy with ``TODO:`` wherever text is needed.

    The skeleton follows the lesson anatomy in CONTRIBUTING.md: front matter
    (title, description, duration, objectives, assesses, audience), three teaching
    sections (scenario, core idea, technique), then ``## Try it`` with a
    ``??? example`` worked example, ``## Key takeaways`` (2 bullets) and
    ``## Check your understanding`` with two choice quizzes, each option
    followed directly by its ``>`` explanation line.
    """
    t = MARKER
    return f"""---
title: {_yaml_string(title)}
description: "{t}: one or two sentences on what the learner gets (50-160 characters)."
duration: 5
objectives:
  - "{t}: what the learner will be able to do, starting with a verb (1-3 objectives)"
# Which objective (its number in the list above) each quiz below assesses, in quiz order.
assesses: [1, 1]
# Who the lesson is for: any of sales, service, leads (or remove these lines).
audience:
  - sales
  - service
---

## {t}: a heading for the opening scene

{t}: Open with a short, concrete scene. An invented person at an invented company is in a real
moment at work, and something goes wrong (or right). Use names such as Dana Ortiz or Brightline
Internet, never real people or companies.

## {t}: a heading for the core idea

{t}: Say the one idea of this lesson in plain words. Explain why it matters to the learner and
what it costs to get it wrong. Talk to the learner as "you".

## {t}: a heading for the technique

{t}: Give a technique the learner can use today, in two to four numbered steps, each with a short
example of what to say or do.

## Try it

**Time:** about 3 minutes. {t}: A ready-made situation to practice on (a short client scene), then
"If you already handle calls: ..." for the learner's own version. Set the minutes it takes;
the duration counts them.

??? example "{t}: a title for the worked example"
    {t}: Show one good answer to the exercise, so the learner can compare.

## Key takeaways

- {t}: the first thing to remember
- {t}: the second thing to remember

## Check your understanding

<quiz>
{t}: a short scene and a question about the first objective?
- [x] {t}: the correct option
> {t}: why this option is right.
- [ ] {t}: a tempting but wrong option
> {t}: why this option is wrong.
</quiz>

<quiz>
{t}: a short scene and a question about applying the technique?
- [ ] {t}: a wrong option
> {t}: why this option is wrong.
- [x] {t}: the correct option
> {t}: why this option is right.
</quiz>
"""


def _norm_title(title: str) -> str:
    return " ".join(title.casefold().split())


def plan(config_path: Path, module: str, title: str, slug: str | None = None) -> Scaffold:
    """Work out the new lesson file and the edited ``mkdocs.yml`` without writing.

    Args:
        config_path: The ``mkdocs.yml`` to edit; its ``docs_dir`` (default ``docs``)
            is where the lesson goes.
        module: A module folder that has an ``index.md`` in the nav (``"service"``).
        title: The lesson title, 5-80 characters (the FM008 rule).
        slug: File name without ``.md``; derived from the title when None.

    Returns:
        The :class:`Scaffold` to give to :func:`write`.

    Raises:
        ScaffoldError: Empty, too short/long or unusable title; unknown module; a
            lesson with the same title (case and spacing ignored) already exists;
            the file or its nav entry already exists; ``mkdocs.yml`` cannot be read
            or edited safely. The message names the problem and the fix.
    """
    title = " ".join(title.split())
    module = module.strip().strip("/")
    if not module:
        raise ScaffoldError(f"MODULE is empty. Use: {USAGE}")
    if not title:
        raise ScaffoldError(f"TITLE is empty. Use: {USAGE}")
    low, high = TITLE_CHARS
    if not low <= len(title) <= high:
        raise ScaffoldError(
            f"TITLE is {len(title)} characters long; a lesson title has {low} to {high}. "
            "Write a short, specific title."
        )
    if any(unicodedata.category(ch) == "Cc" for ch in title):
        raise ScaffoldError("TITLE contains control characters; write it as one line of text.")
    slug = slugify(title) if slug is None else slug
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug or ""):
        raise ScaffoldError(
            f"cannot make a file name from {slug or title!r}; "
            "use letters or digits in the title (or --slug with lower-case words and hyphens)."
        )
    if slug == "index":
        raise ScaffoldError("'index' is the module overview's file name; choose another --slug.")

    config_path = config_path.resolve()
    try:
        config_text = config_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"cannot read {config_path}: {exc}") from exc
    config = load_config(config_path)
    nav, docs_dir, nav_lines = config.nav, config.docs_dir, config.nav_lines
    if config.error or not nav:
        detail = (
            f"line {config.error[0]}: {config.error[2]}" if config.error else "it has no 'nav:'"
        )
        raise ScaffoldError(f"cannot use {config_path.name}: {detail}")

    course = load_course(docs_dir, nav)
    known = [m.id for m in course.modules]
    if module not in known:
        close = difflib.get_close_matches(module, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ScaffoldError(
            f"unknown module {module!r}.{hint} Modules (folders under docs/ with an index.md "
            f"in the nav): {', '.join(known)}. A new module needs an index.md and a nav "
            "section first (CONTRIBUTING.md, 'A new module')."
        )
    for lesson in course.lessons.values():
        if _norm_title(lesson.title) == _norm_title(title):
            raise ScaffoldError(
                f"a lesson titled {lesson.title!r} already exists: docs/{lesson.src_path}. "
                "Give the new lesson its own title, or edit that lesson instead."
            )

    src_path = f"{module}/{slug}.md"
    lesson_path = docs_dir / src_path
    if lesson_path.exists():
        raise ScaffoldError(
            f"{Path(os.path.relpath(lesson_path, config_path.parent)).as_posix()} already exists; "
            "choose another title (or --slug), or edit that file."
        )
    paths = [src for _, src in nav_paths(nav)]
    if src_path in paths:
        raise ScaffoldError(
            f"{config_path.name} already lists {src_path} in its nav but the file is missing; "
            "remove that nav line or choose another title."
        )

    # After the module's last lesson: before its module check, which stays last.
    module_paths = [
        p for p in paths if p.startswith(module + "/") and p != f"{module}/{MODULE_CHECK}"
    ]
    after = module_paths[-1]
    new_text, nav_line = _insert_nav_line(config_text, nav_lines.get(after), after, src_path)

    expected = list(paths)
    expected.insert(expected.index(after) + 1, src_path)
    with tempfile.TemporaryDirectory(prefix="new-lesson-") as folder:
        check_path = Path(folder) / config_path.name
        check_path.write_text(new_text, encoding="utf-8")
        edited = load_config(check_path)
    if edited.error or [src for _, src in nav_paths(edited.nav)] != expected:
        raise ScaffoldError(
            f"could not add {src_path} to the nav of {config_path.name} safely (the edited file "
            f"did not parse to the old nav plus the new lesson). Check the nav section near "
            f"'{after}'."
        )
    return Scaffold(
        lesson_path=lesson_path,
        lesson_text=lesson_text(title),
        config_path=config_path,
        config_text=new_text,
        src_path=src_path,
        after=after,
        nav_line=nav_line,
    )


def _insert_nav_line(text: str, line: int | None, after: str, src_path: str) -> tuple[str, int]:
    """Insert ``- <src_path>`` after the nav entry ``after`` (at its 1-based ``line``).

    The new line copies the indentation of that entry. An entry of the form
    ``- Title: path.md`` is matched too; a multi-line entry is refused.

    Returns:
        ``(new text, 1-based line of the new entry)``.

    Raises:
        ScaffoldError: The entry is not on a line of its own.
    """
    lines = text.split("\n")
    pattern = re.compile(
        r"^(?P<indent>\s*)-\s+(?:[^:#]+:\s+)?['\"]?" + re.escape(after) + r"['\"]?\s*(?:#.*)?$"
    )
    index = line - 1 if line else -1
    if not (0 <= index < len(lines)) or not pattern.match(lines[index]):
        matches = [i for i, value in enumerate(lines) if pattern.match(value)]
        if len(matches) != 1:
            raise ScaffoldError(
                f"could not find the nav line for {after!r} in mkdocs.yml; add "
                f"'- {src_path}' after it by hand."
            )
        index = matches[0]
    indent = pattern.match(lines[index]).group("indent")  # type: ignore[union-attr]
    lines.insert(index + 1, f"{indent}- {src_path}")
    return "\n".join(lines), index + 2


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)


def write(scaffold: Scaffold) -> None:
    """Write the lesson file (it must not exist yet), then the edited ``mkdocs.yml``.

    Raises:
        FileExistsError: The lesson file appeared since :func:`plan`.
    """
    scaffold.lesson_path.parent.mkdir(parents=True, exist_ok=True)
    with scaffold.lesson_path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(scaffold.lesson_text)
    _atomic_write(scaffold.config_path, scaffold.config_text)


def next_steps(scaffold: Scaffold, root: Path) -> str:
    try:
        shown = scaffold.lesson_path.relative_to(root)
    except ValueError:
        shown = scaffold.lesson_path
    todo = scaffold.lesson_text.count(MARKER + ":")
    url = scaffold.src_path.removesuffix(".md") + "/"
    config = scaffold.config_path.name
    return f"""Created {shown} ({todo} {MARKER}: placeholders)
Added '- {scaffold.src_path}' to the nav in {config} (line {scaffold.nav_line}).

Next:
  1. Replace every '{MARKER}:' in {shown} with your own text
     (CONTRIBUTING.md, "The lesson anatomy", shows a finished example).
  2. make serve    and open http://127.0.0.1:8000/{url} to read it as a learner will.
  3. make check    lists what is left, with line numbers; repeat until it prints nothing.
  4. Commit the lesson and mkdocs.yml together and open a pull request.
"""
