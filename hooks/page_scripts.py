"""MkDocs hook: a script that only one page uses loads on that page only.

``extra_javascript`` puts a script on every page, so every learner downloads it
on the first visit to any lesson (issue 8: at most 130 KB in all). A page that
needs its own script names it in its front matter::

    scripts:
      - assets/js/progress-page.js

and this hook appends ``<script type="module" src="<relative URL>"></script>``
to that page's content. Our scripts are native ES modules (docs/assets/js/,
importing docs/assets/js/lib/): deferred, and run once per document.
Material's instant navigation re-inserts the scripts inside the content on
every visit to the page, but a browser never evaluates a module URL twice, so
such a script registers for every page once (``everyPage`` in lib/site.js,
which follows Material's ``document$``) and renders itself when that calls it.
A name that is not a file of the site is a build warning (so ``--strict``
fails), with the page named.

The modules a page script imports (all of them, followed through their own
static ``import ... from "./x.js"`` lines) get ``<link rel="modulepreload">``
tags before it, so they are fetched with it instead of one round trip per
level of imports; modules that ``extra_javascript`` brings to every page (and
overrides/main.html preloads there) are left out. Both carry
``fetchpriority="low"``, the priority a deferred classic script gets (a module
is fetched at High priority otherwise): nothing of this is needed for the
first paint.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = get_plugin_logger(__name__)

# A static import or re-export with a relative specifier (our modules' only kind).
IMPORT = re.compile(r'^\s*(?:import|export)\b[^;]*?\bfrom\s*"(\.{1,2}/[^"]+)"', re.M)


def module_imports(script: str, files: Files) -> list[str]:
    """Site paths of every module ``script`` (a site path) imports, directly or
    through other modules, in first-seen order; files not in the site are skipped."""
    seen: list[str] = []
    pending = [script]
    while pending:
        file = files.get_file_from_path(pending.pop(0))
        if file is None or not file.abs_src_path:
            continue
        with open(file.abs_src_path, encoding="utf-8") as source:
            text = source.read()
        base = posixpath.dirname(file.src_uri)
        for specifier in IMPORT.findall(text):
            path = posixpath.normpath(posixpath.join(base, specifier))
            if path != script and path not in seen and files.get_file_from_path(path):
                seen.append(path)
                pending.append(path)
    return seen


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    scripts = page.meta.get("scripts")
    if not scripts:
        return None
    if isinstance(scripts, str):
        scripts = [scripts]
    every_page = set()
    for entry in config.extra_javascript:
        path = str(getattr(entry, "path", entry))
        every_page.update([path, *module_imports(path, files)])
    tags = []
    for script in scripts:
        if not isinstance(script, str) or files.get_file_from_path(script) is None:
            log.warning(
                "%s: front matter 'scripts' names %r, which is not a file under docs/ "
                "(give a path like assets/js/name.js)",
                page.file.src_uri,
                script,
            )
            continue
        for module in module_imports(script, files):
            if module in every_page:
                continue
            href = escape(get_relative_url(module, page.url))
            tags.append(f'<link rel="modulepreload" href="{href}" fetchpriority="low">')
        src = escape(get_relative_url(script, page.url))
        tags.append(f'<script type="module" src="{src}" fetchpriority="low"></script>')
    return html + "\n" + "\n".join(tags) if tags else None
