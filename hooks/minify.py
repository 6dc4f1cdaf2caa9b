"""MkDocs hook: minify the site's own JavaScript and CSS in the built site.

Our scripts and styles (``docs/assets/``, and the quiz assets written by
``hooks/quiz_assets.py``) are written to be read: long comments, docstrings,
indentation. Learners only download them. After the build, every ``.js`` and
``.css`` file that does not come from the theme and is not already ``*.min.*``
is minified in place with rJSmin / rCSSmin (comments and whitespace only; names
are kept, so error messages stay readable).

``mkdocs serve`` is left alone, so the preview serves the files as written.
The sources in ``docs/`` never change.

Templates get a ``jsmin`` filter for the small scripts that must sit inline in
every page (``{% filter jsmin %}...{% endfilter %}``): written to be read in
``overrides/``, sent minified.

Why, with the figures: tools/decisions/0003-minify-own-assets.md.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

log = get_plugin_logger(__name__)

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}

# The command this process runs ("build", "serve", "gh-deploy"; None when a
# build is started through the Python API, as the tests do).
_command: dict[str, str | None] = {"name": None}
# Output paths to minify in this build; refilled by on_files.
_targets: list[str] = []


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.filters["jsmin"] = rjsmin.jsmin


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    theme_dirs = [Path(folder).resolve() for folder in config.theme.dirs]
    _targets[:] = [
        file.dest_uri
        for file in files
        if Path(file.dest_uri).suffix in MINIFIERS
        and ".min." not in file.dest_uri
        and not _from_theme(file, theme_dirs)
    ]


def on_post_build(*, config: MkDocsConfig) -> None:
    if _command["name"] == "serve":
        return
    site = Path(config.site_dir)
    for dest in _targets:
        path = site / dest
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(minify(text, path.suffix), encoding="utf-8")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def minify(text: str, suffix: str) -> str:
    """``text`` of a ``.js`` or ``.css`` file without comments and extra whitespace.

    Licence comments (``/*! ... */``) are kept. Raises ``KeyError`` for another
    suffix.
    """
    minifier = MINIFIERS[suffix]
    return minifier(text, keep_bang_comments=True).strip() + "\n"


def _from_theme(file: File, theme_dirs: list[Path]) -> bool:
    """True when ``file`` is one of the theme's files (Material ships them minified)."""
    if not file.abs_src_path:
        return False
    source = Path(file.abs_src_path).resolve()
    return any(source.is_relative_to(folder) for folder in theme_dirs)
