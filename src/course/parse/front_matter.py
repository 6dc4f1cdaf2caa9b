"""Front matter with line marks: PyYAML nodes, so every rule can name the exact line.

PyYAML follows YAML 1.1's implicit types: yes/no/on/off/true/false are booleans
(yaml.org/type/bool.html), 2024-05-01 is a date (yaml.org/type/timestamp.html),
1.10 is the float 1.1 (yaml.org/type/float.html). The rules read the tag PyYAML's
resolver gives each scalar node, so such values are refused, never coerced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from course.config import yaml_problem
from course.source import LOADER, split

__all__ = [
    "FrontMatter",
    "anchors_and_aliases",
    "INT",
    "NULL",
    "STR",
    "kind",
    "node_line",
    "parse_front_matter",
    "raw",
]

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
NULL = "tag:yaml.org,2002:null"
_YAML_TYPES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}


@dataclass
class FrontMatter:
    """The YAML block at the top of a page.

    Attributes:
        present: A ``---`` line opens the file.
        closed_at: 1-based line of the closing ``---``/``...`` (0 when absent/unclosed).
        ok: The block parsed into a mapping (or is empty).
        values: Key -> constructed value (keys whose value failed to construct are absent).
        nodes: Key -> PyYAML value node (its ``start_mark.line`` gives the line).
        key_lines: Key -> 1-based line of the key.
        syntax_error: ``(line, problem, advice)`` when the block is not valid YAML.
        not_mapping: ``(line, "a list" | "plain text")`` when it is not ``key: value`` lines.
        duplicates: ``(key, line, first line)`` for every key written twice.
        bad_values: ``(key, line, error)`` for values that parse but cannot be built.
        anchors: ``(line, "&name" | "*name")`` of every YAML anchor and alias; when there
            is one, the block is not built at all (``ok`` stays False).
    """

    present: bool = False
    closed_at: int = 0
    ok: bool = False
    values: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    syntax_error: tuple[int, str, str] | None = None
    not_mapping: tuple[int, str] | None = None
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    bad_values: list[tuple[str, int, str]] = field(default_factory=list)
    anchors: list[tuple[int, str]] = field(default_factory=list)


def parse_front_matter(text: str) -> tuple[FrontMatter, int]:
    """Parse the front matter of ``text`` (as :func:`course.source.read_text` returns it).

    Returns:
        ``(front, body_start)``: the facts found, and the 1-based line where the
        body starts (after the block, even when its YAML is broken; 1 when unclosed).
    """
    block = split(text)
    front = FrontMatter(present=block.opened, closed_at=block.closed_at)
    if not block.closed_at:
        return front, 1
    body_start = block.body_start
    try:
        front.anchors = anchors_and_aliases(block.yaml)
        if front.anchors:
            return front, body_start
        node = yaml.compose(block.yaml, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 2
        front.syntax_error = (line, yaml_problem(exc), _yaml_advice(exc, text.split("\n"), line))
        return front, body_start
    if node is None:
        front.ok = True
        return front, body_start
    if not isinstance(node, yaml.MappingNode):
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "plain text"
        front.not_mapping = (node.start_mark.line + 2, shape)
        return front, body_start
    front.ok = True
    constructor = LOADER("")
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in front.key_lines:
            front.duplicates.append((key, line, front.key_lines[key]))
            continue
        front.key_lines[key] = line
        front.nodes[key] = value_node
        try:
            front.values[key] = constructor.construct_document(value_node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            front.bad_values.append((key, node_line(value_node), str(exc)))
    return front, body_start


def anchors_and_aliases(text: str) -> list[tuple[int, str]]:
    """``(file line, "&name" | "*name")`` of every anchor and alias in a front matter block.

    Read from PyYAML's event stream, so nothing is built: a few hundred bytes of nested
    aliases ("billion laughs") would otherwise expand to gigabytes in whatever walks the
    value. Raises ``yaml.YAMLError`` for text that does not parse.
    """
    found: list[tuple[int, str]] = []
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            found.append((event.start_mark.line + 2, f"*{event.anchor}"))
        elif getattr(event, "anchor", None):
            found.append((event.start_mark.line + 2, f"&{event.anchor}"))
    return found


def kind(node: yaml.Node) -> str:
    """What YAML read the node as, in words (``"a boolean"``, ``"a date"``...)."""
    return _YAML_TYPES.get(node.tag, "a non-string value")


def raw(node: yaml.Node) -> str:
    """The value roughly as written: ``no``, ``Do this: that`` (a mapping), ``[a, b]``."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(raw(item) for item in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return ", ".join(f"{raw(k)}: {raw(v)}" for k, v in node.value)
    return "?"


def node_line(node: yaml.Node) -> int:
    """The 1-based file line of a front matter node (the block starts on line 2)."""
    return node.start_mark.line + 2


def _yaml_advice(exc: yaml.YAMLError, lines: list[str], line: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    match = re.match(r"^(\s*[\w-]+):\s+(.+?)\s*$", text)
    if match and "mapping values" in (getattr(exc, "problem", "") or ""):
        value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
        return (
            f'Quote the whole value because it contains ": ": {match.group(1).strip()}: "{value}"'
        )
    return (
        "Check the indentation, and quote values that contain ': ' or ' #' or start "
        "with [ { * & ! | > ' \" % @ or `."
    )
