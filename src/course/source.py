"""The one reader of course files: text and front matter, the same way everywhere.

The model (:mod:`course.model`), the rules (:mod:`course.parse`) and the hooks all
read a page through this module, so they never disagree about where its front matter
ends or what it holds.

A front matter block is what MkDocs reads as one (``mkdocs.utils.meta``): a first
line ``---`` (trailing spaces or tabs allowed), then YAML, then a line ``---`` or
``...`` (trailing spaces or tabs allowed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Block", "LOADER", "front_matter", "read_text", "split"]

#: libyaml's safe loader when PyYAML was built with it (the same safe rules, about
#: ten times faster), else PyYAML's own; both keep line marks on nodes.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCES = ("---", "...")


@dataclass(frozen=True)
class Block:
    """Where a page's front matter sits.

    Attributes:
        opened: Line 1 is a ``---`` line.
        closed_at: 1-based line of the closing ``---``/``...``; 0 when not opened
            or never closed.
        yaml: The text between the two lines, ``\\n``-terminated ("" when none).
        body_start: 1-based line where the body starts (1 without a closed block).
    """

    opened: bool
    closed_at: int
    yaml: str
    body_start: int


def read_text(path: Path) -> str:
    """Read a course file as text, the same way for every encoding variant we accept.

    UTF-8 with or without a byte-order mark, LF, CRLF or lone CR line endings all
    give the same string with ``\\n`` line endings.

    Raises:
        OSError: The file cannot be read.
        UnicodeDecodeError: The file is not UTF-8.
    """
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Block:
    """Locate the front matter of ``text`` (as :func:`read_text` returns it)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip(" \t") != "---":
        return Block(False, 0, "", 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") in _FENCES:
            return Block(True, index + 1, "\n".join(lines[1:index]) + "\n", index + 2)
    return Block(True, 0, "", 1)


def front_matter(text: str) -> tuple[dict[str, Any], int]:
    """The front matter mapping of ``text`` and the body's first line.

    Returns:
        ``(meta, body_start)``: the constructed mapping (empty when there is no
        block, it is not closed, does not parse, is not a mapping or uses YAML aliases; the rules
        report why, with the line) and the 1-based line where the body starts.
    """
    block = split(text)
    if not block.closed_at:
        return {}, block.body_start
    try:
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(block.yaml, Loader=LOADER)):
            return {}, block.body_start  # refused by rule FM018; never built
        meta = yaml.load(block.yaml, Loader=LOADER)
    except yaml.YAMLError:
        return {}, block.body_start
    return (meta if isinstance(meta, dict) else {}), block.body_start
