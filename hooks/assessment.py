"""MkDocs hook: module checks and the final assessment run as assessments (issue 15).

On ``<module>/module-check.md`` and ``final-assessment.md``
(:func:`course.model.assessment_kind`), after mkdocs-quiz has rendered the quizzes,
the questions move into the page's bank (:func:`course.assessment.wrap_bank`) for
docs/assets/js/assessment.js, which the page's front matter ``scripts`` loads. The
table of contents is hidden: its module sections are inside the bank.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.assessment import BankSettings, wrap_bank
from course.model import assessment_kind, course_for_build


def _kind(page: Page, config: MkDocsConfig) -> str | None:
    course = course_for_build(config)  # read once per build, shared by the hooks
    return assessment_kind(page.file.src_uri, {m.id for m in course.modules})


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _kind(page, config):
        hide = page.meta.get("hide")
        page.meta["hide"] = [*(hide if isinstance(hide, list) else []), "toc"]
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = _kind(page, config)
    if kind is None:
        return html
    course = course_for_build(config)
    found = course.assessments.get(
        page.file.src_uri.split("/")[0] if kind == "module" else "final"
    )
    if found is None:  # not in the nav: ASSESS004 reports it
        return html
    settings = BankSettings(
        assessment_id=found.id,
        kind=kind,
        pass_mark=found.pass_mark,
        draw=found.draw,
        module=found.module,
        module_ids={m.title: m.id for m in course.modules},
    )
    return wrap_bank(html, settings)
