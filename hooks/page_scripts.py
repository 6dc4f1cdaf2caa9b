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
Only the course's own page modules load (:data:`course.sanitize.PAGE_SCRIPTS`, the
one allowlist, maintainer-owned): any other name loads nothing, and the lesson checks
report it at its line (SAFE006), in ``course check`` and in the build alike. An allowed
name that is not a file of the site is a build warning (so ``--strict`` fails), with
the page named.

The tag carries ``fetchpriority="low"``, the priority a deferred classic
script gets (a module is fetched at High priority otherwise): nothing of it is
needed for the first paint. Its imports are not preloaded (see
overrides/main.html: preloads cost more first-paint time than they saved). Why page scripts:
tools/decisions/0007-page-scripts.md.
"""

from __future__ import annotations

from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course.sanitize import PAGE_SCRIPTS

log = get_plugin_logger(__name__)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    scripts = page.meta.get("scripts")
    if not scripts:
        return None
    if isinstance(scripts, str):
        scripts = [scripts]
    tags = []
    for script in scripts:
        if not isinstance(script, str) or script not in PAGE_SCRIPTS:
            continue  # SAFE006, reported by the lesson checks
        if files.get_file_from_path(script) is None:
            log.warning(
                "%s: front matter 'scripts' names %r, which is not a file under docs/ "
                "(give a path like assets/js/name.js)",
                page.file.src_uri,
                script,
            )
            continue
        src = escape(get_relative_url(script, page.url))
        tags.append(f'<script type="module" src="{src}" fetchpriority="low"></script>')
    return html + "\n" + "\n".join(tags) if tags else None
