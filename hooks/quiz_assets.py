"""MkDocs hook: serve mkdocs-quiz's CSS and JavaScript once, as cacheable files.

mkdocs-quiz 1.7 appends its whole stylesheet, its script and the js-confetti
library inline to every page it processes (its open issue #59): bytes on every
page that no browser could cache. Without forking the plugin, this hook:

- writes those three assets once into the site as ``assets/quiz/quiz.css``,
  ``assets/quiz/confetti.js`` and ``assets/quiz/quiz.js`` (byte for byte what the
  plugin would inline, read from the plugin module itself);
- loads the stylesheet on every page through ``extra_css``, first, so
  ``course.css`` can override it and no quiz is ever unstyled after Material's
  instant navigation (which does not wait for new head stylesheets);
- removes the inlined ``<style>`` and confetti library from each page's content
  (``on_page_content``; hooks run after plugins) and replaces the inlined quiz
  script with ``<script src=".../quiz.js" defer>`` at the same place;
- loads confetti.js only when a learner first earns confetti (a stand-in
  ``JSConfetti`` in ``SCRIPT_WRAPPER``), so no visit pays for it up front, and
  one canvas serves every page (the plugin made a new one per page visit).

The progress sidebar the plugin injects hidden on every page is dropped when
``show_progress`` is off (see ``_without_hidden_sidebar``).

Quizzes are also left out of the search index (``data-search-exclude``, which
Material's search plugin honours): search results showed the options and the
explanation of every answer, and the quiz text was a large part of each lesson's
entry in the index.

The small per-page objects the plugin also writes (``window.mkdocsQuizConfig``
and ``window.mkdocsQuizTranslations``, about 300 bytes) stay inline: they depend
on the page's language and quiz options. A page without a quiz (the home page,
module overviews, the team-lead pages) gets neither them nor quiz.js: the plugin
adds them to every page, and quiz.js then ran its start-up there for nothing.

Instant navigation: quiz.js keeps its state (answers of "the current page") in
one closure, so it must run afresh on every page, exactly as the inline copy did.
Material (9.8) re-creates every ``<script>`` inside the swapped content, inline
or external, in document order, waiting for each external one to load; so the
references stay in the content, and the browser takes the files from its cache.
Material emits ``document$`` for the new page *before* it re-runs those
scripts, so quiz.js's own ``document$`` subscription (made whenever Material's
bundle is already loaded, as it is for a deferred file) would first re-initialise
the new page with the previous page's answers. The served quiz.js is therefore
wrapped so that it does not see ``document$`` (``SCRIPT_WRAPPER``); the plugin's
code inside is unchanged. The same happens with the inline copy from the second
instant navigation on.

If a mkdocs-quiz upgrade changes how the assets are inlined, the build logs a
warning (which fails ``mkdocs build --strict``) instead of serving stale files.

Why, with the figures: tools/decisions/0001-quiz-assets-as-files.md (and 0002 for
the search index).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_quiz import plugin as quiz_plugin

log = get_plugin_logger(__name__)

PLUGIN = "mkdocs_quiz"
CSS = "assets/quiz/quiz.css"
CONFETTI = "assets/quiz/confetti.js"
SCRIPT = "assets/quiz/quiz.js"

# quiz.js runs afresh on every page; it must not also subscribe to document$
# (see the module docstring). Its code is kept byte for byte inside.
SCRIPT_WRAPPER = """\
/* mkdocs-quiz's quiz.js, served once by hooks/quiz_assets.py. Material re-runs
   it on every page. document$ is hidden so it does not also re-run itself with
   the previous page's answers. JSConfetti is a stand-in: the library
   (confetti.js, beside this file) loads the first time a learner earns confetti,
   never under prefers-reduced-motion, and one instance serves every page.
   The plugin's code runs in a task of its own, right after this one: it sets
   up the page's quizzes as it starts, and doing that in the same task as the
   other scripts made one long task while the page loads (Total Blocking Time). */
(function (JSConfetti) {
  window.setTimeout(function () {
(function (document$, JSConfetti) {
%s
})(undefined, JSConfetti);
  }, 0);
})((function (script) {
  var src = new URL("confetti.js", script ? script.src : location.href).href;
  function LazyConfetti() {}
  LazyConfetti.prototype.addConfetti = function (options) {
    // No motion for learners who ask for less (WCAG 2.3.3): nothing is loaded.
    if (window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches) {
      return Promise.resolve();
    }
    if (!window.__quizConfetti) {
      window.__quizConfetti = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () { resolve(new window.JSConfetti()); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return window.__quizConfetti.then(function (confetti) {
      return confetti.addConfetti(options);
    }, function () {});
  };
  return LazyConfetti;
})(document.currentScript));
"""

# Per build: pages the plugin processed, and how many still had the inlined
# assets. Reset in on_config, so `mkdocs serve` rebuilds start clean.
_state: dict[str, int] = {"pages": 0, "replaced": 0}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    _state.update(pages=0, replaced=0)
    if not _enabled(config):
        return None
    if CSS not in config.extra_css:
        config.extra_css.insert(0, CSS)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if not _enabled(config):
        return None
    for path, content in _assets(config).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # The plugin writes window.mkdocsQuizConfig on every page it processes.
    if not _enabled(config) or "window.mkdocsQuizConfig" not in html:
        return None
    _state["pages"] += 1
    if _inline("style") in html and _inline("js_script") in html:
        _state["replaced"] += 1
    html = html.replace(_inline("style"), "")
    html = _without_hidden_sidebar(html, page, config)
    html = QUIZ_BLOCK.sub(r"\g<0> data-search-exclude", html)
    if _inline("confetti_lib_script"):
        html = html.replace(_inline("confetti_lib_script"), "")
    if not QUIZ_BLOCK.search(html):
        # No quiz here (home, overviews, team-lead pages): no quiz script either.
        html = html.replace(_inline("js_script"), "")
        return QUIZ_SETTINGS.sub("", html)
    src = get_relative_url(SCRIPT, page.url)
    html = html.replace(_inline("js_script"), f'<script src="{src}" defer></script>')
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    if not _enabled(config):
        return
    if _state["pages"] and _state["replaced"] < _state["pages"]:
        log.warning(
            "mkdocs-quiz inlined its assets differently on %d of %d pages; "
            "hooks/quiz_assets.py no longer matches the installed mkdocs-quiz "
            "(check its on_page_content and update the hook)",
            _state["pages"] - _state["replaced"],
            _state["pages"],
        )


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _enabled(config: MkDocsConfig) -> bool:
    """True when the mkdocs-quiz plugin is configured and has loaded its assets."""
    return PLUGIN in config.plugins and bool(_inline("js_script"))


def _without_hidden_sidebar(html: str, page: Page, config: MkDocsConfig) -> str:
    """``html`` without the progress sidebar mkdocs-quiz adds hidden when ``show_progress`` is off.

    The plugin appends it to every page for Material (``display: none``); with
    progress off nothing ever shows it, yet its "Quiz Progress / Answered: 0 / 0 /
    Reset" text went into every page's search entry and its ``href="#"`` links and
    ARIA-labelled ``div`` into every audit. The exact markup comes from the plugin,
    so nothing is removed if an upgrade changes it.
    """
    plugin = config.plugins[PLUGIN]
    try:
        if plugin._get_quiz_options(page).get("show_progress", True):
            return html
        translations = plugin._get_translation_manager(page, config)
        sidebar = plugin._get_quiz_progress_sidebar_html(translations)
    except (AttributeError, TypeError, KeyError):
        return html
    return html.replace(sidebar, "")


def _confetti(config: MkDocsConfig) -> bool:
    """The plugin's ``confetti`` option (True by default, as in mkdocs-quiz)."""
    return bool(config.plugins[PLUGIN].config.get("confetti", True))


def _inline(name: str) -> str:
    """The exact block mkdocs-quiz appends (``style``, ``js_script``, ...), or ""."""
    return getattr(quiz_plugin, name, "") or ""


# Opening tags to mark: every quiz block mkdocs-quiz renders (choice and fill-in)
# and the form inside it (Material's indexer resumes after the first nested
# </div>, so the options inside the form need their own mark).
QUIZ_BLOCK = re.compile(r'<div class="quiz(?: [^"]*)?"|<form(?= action="javascript:void\(0\);")')

# The plugin's per-page settings: <script type="text/javascript">
# window.mkdocsQuizConfig = {...}; (and ...Translations) </script>.
QUIZ_SETTINGS = re.compile(
    r'<script type="text/javascript">\s*window\.mkdocsQuiz(?:Config|Translations) = '
    r".*?</script>",
    re.DOTALL,
)

_TAG = re.compile(r"\A<(style|script)[^>]*>(?P<body>.*)</(style|script)>\Z", re.DOTALL)


def _body(block: str) -> str:
    """The text inside one ``<style>``/``<script>`` block, unchanged."""
    match = _TAG.match(block)
    if match is None:
        raise ValueError(f"not a single <style> or <script> element: {block[:60]!r}")
    return match.group("body")


def _assets(config: MkDocsConfig) -> dict[str, str]:
    """Site path -> file content of every quiz asset this build serves."""
    assets = {CSS: _body(_inline("style")), SCRIPT: SCRIPT_WRAPPER % _body(_inline("js_script"))}
    if _confetti(config):
        assets[CONFETTI] = _body(_inline("confetti_lib_script"))
    return assets
