"""What the course needs from ``mkdocs.yml``, read without MkDocs.

``nav`` (the course order), ``docs_dir`` and the ``exclude_docs`` / ``not_in_nav``
patterns. The file is *composed* with PyYAML: custom tags such as ``!ENV`` or
``!!python/name`` are never constructed, so reading it runs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from course.source import LOADER, read_text

__all__ = ["MARKDOWN_EXTENSIONS", "Config", "is_markdown", "load_config", "nav_paths"]

#: What MkDocs renders as a page (``mkdocs.utils.markdown_extensions``; matched
#: case-sensitively, as MkDocs 1.6 does: ``X.MD`` is copied to the site as it is).
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_markdown(src_path: str) -> bool:
    """True when MkDocs renders ``src_path`` as a page (:data:`MARKDOWN_EXTENSIONS`)."""
    return src_path.endswith(MARKDOWN_EXTENSIONS)


@dataclass
class Config:
    """The parts of ``mkdocs.yml`` the course reads.

    Attributes:
        path: The ``mkdocs.yml`` file.
        nav: The ``nav`` value as plain lists/dicts (None when absent or unreadable).
        docs_dir: The docs folder (``docs_dir``, default ``docs``, relative to the file).
        nav_lines: src_path -> 1-based line of its (first) nav entry.
        nav_entries: ``(src_path, line)`` of every nav entry with a path, in order.
        exclude: src_path -> True for files MkDocs leaves out (``exclude_docs``), or None.
        not_in_nav: src_path -> True for pages that may stay out of the nav, or None.
        error: ``(line, kind, detail)`` when the file cannot be read (kind
            ``"unreadable"``) or is not valid YAML (kind ``"yaml"``; detail is
            PyYAML's problem text); None otherwise.
    """

    path: Path
    nav: Any = None
    docs_dir: Path = Path("docs")
    nav_lines: dict[str, int] = field(default_factory=dict)
    nav_entries: list[tuple[str, int]] = field(default_factory=list)
    exclude: Callable[[str], bool] | None = None
    not_in_nav: Callable[[str], bool] | None = None
    error: tuple[int, str, str] | None = None


def load_config(config_file: Path, _depth: int = 0) -> Config:
    """Read ``config_file``; never raises for a content problem (see ``Config.error``).

    A file with ``INHERIT: <parent>`` (MkDocs' config inheritance, the parent's path
    relative to this file) starts from the parent's values; its own keys win (the LMS
    package variant, :mod:`course.package.variant`). At most 5 levels are followed.
    """
    config = Config(path=config_file, docs_dir=config_file.parent / "docs")
    try:
        text = read_text(config_file)
    except (OSError, UnicodeDecodeError) as exc:
        config.error = (1, "unreadable", str(exc))
        return config
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        config.error = (mark.line + 1 if mark else 1, "yaml", yaml_problem(exc))
        return config
    if not isinstance(root, yaml.MappingNode):
        return config
    for key, value in root.value:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode) and _depth < 5:
            parent = load_config(config_file.parent / str(value.value), _depth + 1)
            if parent.error is None:
                config.nav, config.docs_dir = parent.nav, parent.docs_dir
                config.nav_lines, config.nav_entries = parent.nav_lines, parent.nav_entries
                config.exclude, config.not_in_nav = parent.exclude, parent.not_in_nav
    for key, value in root.value:
        if key.value == "docs_dir" and isinstance(value, yaml.ScalarNode):
            config.docs_dir = config_file.parent / value.value
        elif key.value == "nav":
            config.nav_entries, config.nav_lines = [], {}  # not the INHERITed ones
            config.nav = _plain(value, config.nav_entries)
            for src, line in config.nav_entries:
                config.nav_lines.setdefault(src, line)
        elif key.value in ("exclude_docs", "not_in_nav") and isinstance(value, yaml.ScalarNode):
            # gitignore-style patterns, matched with pathspec as MkDocs does (imported
            # only here: it takes a fifth of `course check`'s start-up).
            import pathspec

            spec = pathspec.GitIgnoreSpec.from_lines(str(value.value).splitlines())
            setattr(
                config, "exclude" if key.value == "exclude_docs" else "not_in_nav", spec.match_file
            )
    return config


def yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's error as one line: ``"<context>, <problem>"``."""
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    context = getattr(exc, "context", None)
    return f"{context}, {problem}" if context else str(problem)


def nav_paths(nav: Any) -> list[tuple[str | None, str]]:
    """Flatten an ``mkdocs.yml`` nav into ``(section title, src_path)`` pairs, in order.

    Args:
        nav: The ``nav`` value as YAML loads it (list of str or {title: str | list}).

    Returns:
        Pairs for every local Markdown page; external links are left out.
    """
    pairs: list[tuple[str | None, str]] = []

    def walk(items: Any, section: str | None) -> None:
        for item in items or []:
            if isinstance(item, str):
                pairs.append((section, item))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        if value.endswith(".md"):
                            pairs.append((section, value))
                    else:
                        walk(value, str(title))

    walk(nav, None)
    return pairs


def _plain(node: yaml.Node, entries: list[tuple[str, int]]) -> Any:
    """Build nav's plain value from nodes, recording each path's line in ``entries``."""
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, entries) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _plain(v, entries) for k, v in node.value}
    value = node.value
    if isinstance(value, str):
        entries.append((value, node.start_mark.line + 1))
    return value
