"""MkDocs hook: Material's bundle loads on first interaction, its search index on first search.

Material's bundle starts every component in one long main-thread task as soon as
the page is parsed, which held up Lighthouse's mobile performance (Total Blocking
Time, Largest Contentful Paint). Nothing a learner needs on arrival depends on it:
the text, links, navigation drawer (a CSS checkbox), skip link, quizzes (quiz.js)
and progress (store.js, progress.js) all work without it. So this hook replaces
the bundle's ``<script>`` tag on every page with a small inline loader
(``lazy_bundle.js``, beside this file) that adds the same script after the first
pointer move, touch, key press, wheel, scroll or focus, when the browser is next
idle ("import on interaction"). Two details make that work:

- Material's ``document$`` waits for ``DOMContentLoaded``, which has passed by
  then; while the bundle starts, the loader calls such a listener at once.
- The loader then fires ``sac:bundle`` on ``window`` (and sets
  ``window.__sacBundle``), so our scripts can follow instant navigation from
  then on (progress.js subscribes to ``document$``).

The loader also holds back the search index (``search/search_index.json``), which
Material requests as soon as it starts: that one XMLHttpRequest is sent when the
learner first opens search (the search field gets focus) or the address asks for
a search (``?q=``, ``?h=``).

Two things the bundle did before the first paint are done inline instead:
``overrides/main.html`` sets the ``js`` class at the top of the page (Material's
CSS hides search for ``no-js``), and ``overrides/partials/javascripts/palette.html``
applies the palette the learner chose or the system prefers and shows the
matching toggle.

A page whose bundle tag is not found is a build warning (``--strict`` fails):
the hook no longer matches the installed Material.

Why, with the figures: tools/decisions/0006-lazy-bundle.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

LOADER = Path(__file__).with_name("lazy_bundle.js")
# Material's base.html: <script src="{{ 'assets/javascripts/bundle.<hash>.min.js' | url }}">
BUNDLE_TAG = re.compile(
    r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"(?: defer)?>'
    r"</script>"
)

_loader: dict[str, str] = {}


def loader_script(src: str) -> str:
    """The inline ``<script>`` that loads the bundle at ``src`` on first interaction.

    ``src`` is the bundle's URL as Material wrote it (relative to the page).
    The loader's source (``lazy_bundle.js``) is minified once per process.
    """
    if "code" not in _loader:
        _loader["code"] = rjsmin.jsmin(LOADER.read_text(encoding="utf-8"))
    # JSON is a JS string literal; "</" is escaped so the script cannot end early.
    url = json.dumps(src).replace("</", "<\\/")
    return "<script>" + _loader["code"].replace("BUNDLE_URL", url) + "</script>"


def with_loader(html: str, name: str) -> str | None:
    """``html`` with the bundle's tag replaced by the loader, or None (and a
    warning naming ``name``, the page's source file or template) when the tag is
    not there."""
    found = BUNDLE_TAG.search(html)
    if found is None:
        log.warning(
            "%s: Material's bundle <script> tag was not found; hooks/lazy_bundle.py "
            "no longer matches the installed mkdocs-material (check base.html's "
            "scripts block and update BUNDLE_TAG)",
            name,
        )
        return None
    return html[: found.start()] + loader_script(found["src"]) + html[found.end() :]


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if config.theme.name != "material":
        return None
    return with_loader(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Theme templates rendered without a page: 404.html (sitemap.xml has no scripts).
    if config.theme.name != "material" or not template_name.endswith(".html"):
        return output_content
    return with_loader(output_content, template_name) or output_content
