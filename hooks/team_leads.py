# ruff: noqa: E501  (the HTML templates at the end keep one element per line)
"""MkDocs hook: the pages for team leads (learning paths, assignment builder, team progress).

An adapter only: it reads the course (:mod:`course`) and the learning paths
(:mod:`learning_paths`), turns their problems into MkDocs warnings (so ``--strict``
fails the build, naming ``file:line: RULE``), and replaces placeholders with
generated content:

- ``<!-- huddle-guides -->`` (team-leads/index.md): each module's huddle guide, a link
  to the module overview's ``## Team huddle`` section (to the overview itself when the
  section is missing, so a missing section never breaks the build).
- ``<!-- learning-paths -->`` (team-leads/learning-paths.md): every path with its
  lessons, computed total time and an "Assign this path" link to the builder.
- ``<!-- assignment-builder -->`` (team-leads/assignment-builder.md): the builder form
  with every lesson as a checkbox grouped by module (fieldset/legend) and the paths
  as presets; ``assets/js/assignments.js`` enhances it.
- ``<!-- assignment-view -->`` (assignment.md) and ``<!-- team-progress -->``
  (team-leads/team-progress.md): the static containers the scripts fill in.

The pages load their scripts themselves (front matter ``scripts:``, see
``hooks/page_scripts.py``): ``assets/js/assignments.js`` on the builder and the
assignment view, ``assets/js/team-progress.js`` on team progress; lessons stay light.

The HTML is generated here, not written in the pages, so the pages stay plain Markdown
and every title and duration comes from the lessons' own front matter.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.model import Course, course_for_build
from course.paths import LearningPath, load_paths
from course.source import read_text

log = get_plugin_logger(__name__)

HUDDLE_GUIDES = "<!-- huddle-guides -->"
LEARNING_PATHS = "<!-- learning-paths -->"
PATH_COUNT = "<!-- path-count -->"
BUILDER = "<!-- assignment-builder -->"
VIEW = "<!-- assignment-view -->"
TEAM_PROGRESS = "<!-- team-progress -->"

HUDDLE_HEADING = re.compile(r"^##\s+Team huddle\s*(\{[^}]*\})?\s*$", re.MULTILINE)

# Rebuilt in on_config at the start of every build (serve rebuilds included).
_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the course and the learning paths; log every PATH problem as a warning.

    A warning names ``file:line: RULE message`` plus the hint, so ``--strict`` fails the
    build on an unknown lesson id while ``mkdocs serve`` keeps serving.
    """
    docs_dir = Path(config.docs_dir)
    course = course_for_build(config)
    paths, problems = load_paths(Path(config.config_file_path).parent, course)
    for problem in problems:
        log.warning(f"{problem.text()}\n    {problem.hint}")
    _state.clear()
    _state.update(course=course, paths=paths, docs_dir=docs_dir)
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Replace the Markdown placeholders (huddle guides, path count, learning paths)."""
    course = _state.get("course")
    if not isinstance(course, Course):
        return markdown
    paths: list[LearningPath] = _state["paths"]  # type: ignore[assignment]
    if HUDDLE_GUIDES in markdown:
        markdown = markdown.replace(
            HUDDLE_GUIDES, _huddle_guides(course, _state["docs_dir"], page)  # type: ignore[arg-type]
        )
    if PATH_COUNT in markdown:
        markdown = markdown.replace(PATH_COUNT, str(len(paths)))
    if LEARNING_PATHS in markdown:
        markdown = markdown.replace(LEARNING_PATHS, _learning_paths(course, paths, page))
    return markdown


def on_page_content(
    html: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Replace the HTML placeholders (builder, assignment view, team progress).

    Each container carries ``data-site-root`` (the site root relative to this page),
    which the scripts use to build assignment links and fetch ``course.json``.
    """
    course = _state.get("course")
    if not isinstance(course, Course):
        return html
    # The site root relative to this page, for the scripts (see assignments.js siteBase).
    root = "../" * page.url.count("/") or "./"
    if BUILDER in html:
        html = html.replace(BUILDER, _builder(course, _state["paths"], root))  # type: ignore[arg-type]
    if VIEW in html:
        html = html.replace(VIEW, _VIEW_HTML.replace("{root}", root))
    if TEAM_PROGRESS in html:
        html = html.replace(TEAM_PROGRESS, _TEAM_PROGRESS_HTML.replace("{root}", root))
    return html


# -- helpers -------------------------------------------------------------------


def _up(page: Page) -> str:
    return "../" * page.file.src_uri.count("/")


def _huddle_guides(course: Course, docs_dir: Path, page: Page) -> str:
    lines = []
    for module in course.modules:
        src = f"{module.id}/index.md"
        try:
            has_huddle = bool(HUDDLE_HEADING.search(read_text(docs_dir / src)))
        except (OSError, UnicodeDecodeError):
            has_huddle = False
        anchor = "#team-huddle" if has_huddle else ""
        lines.append(
            f"- [{_md(module.title)} huddle guide]({_up(page)}{src}{anchor})"
            f" · {len(module.lessons)} lessons · {module.duration} min"
        )
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def _attr(text: str) -> str:
    return text.replace("\\", "").replace('"', "'")


def _learning_paths(course: Course, paths: list[LearningPath], page: Page) -> str:
    up = _up(page)
    blocks: list[str] = []
    for path in paths:
        count = len(path.lessons)
        audience = f" · For: {', '.join(path.audience)}" if path.audience else ""
        blocks += [
            f"## {path.title} {{ #{path.id} }}",
            "",
            path.description,
            "",
            f"**{count} lesson{'s' if count != 1 else ''} · {path.duration(course)} min**"
            f"{audience}",
            "",
            # progress.js adds "Your progress: n of m" above lists of one module's
            # lessons; a path mixes modules, so its list opts out.
            '<div data-sac-progress="learning-path" markdown>',
            "",
        ]
        for number, lesson_id in enumerate(path.lessons, start=1):
            lesson = course.lessons[lesson_id]
            blocks.append(
                f"{number}. [{_md(lesson.title or lesson.id)}]({up}{lesson.src_path})"
                f'{{ data-lesson="{lesson.id}" data-status="not-started" }}'
                f" · {lesson.duration} min"
            )
        blocks += [
            "",
            "</div>",
            "",
            f"[Assign this path](assignment-builder.md?path={path.id}){{ .md-button "
            f'data-path="{path.id}" aria-label="Assign this path: {_attr(path.title)}" }}',
            "",
        ]
    return "\n".join(blocks)


def _builder(course: Course, paths: list[LearningPath], root: str) -> str:
    """The assignment builder form (HTML). Every value is escaped; ids are slugs."""
    e = escape
    out = [f'<form class="tl-builder" data-assignment-builder data-site-root="{root}" novalidate>']
    out.append(
        '<div class="tl-field"><label for="assignment-path">Start from a learning path'
        '</label><select id="assignment-path" name="path" data-assignment-path>'
        '<option value="">No path: I will choose the lessons</option>'
    )
    for path in paths:
        out.append(
            f'<option value="{e(path.id)}" data-lessons="{e(" ".join(path.lessons))}">'
            f"{e(path.title)} ({len(path.lessons)} lessons, {path.duration(course)} min)"
            "</option>"
        )
    out.append("</select></div>")
    for module in course.modules:
        out.append(
            f'<fieldset class="tl-module" data-module="{e(module.id)}">'
            f"<legend>{e(module.title)} <span class=\"tl-minutes\">· "
            f"{module.duration} min</span></legend>"
        )
        for lesson in module.lessons:
            box = "lesson-" + lesson.id.replace("/", "--")
            out.append(
                f'<div class="tl-check"><input type="checkbox" id="{box}" name="l" '
                f'value="{e(lesson.id)}" data-duration="{lesson.duration}" '
                f'data-title="{e(lesson.title or lesson.id)}">'
                f'<label for="{box}">{e(lesson.title or lesson.id)} '
                f'<span class="tl-minutes">· {lesson.duration} min</span></label></div>'
            )
        out.append("</fieldset>")
    out.append(
        '<p class="tl-total" data-assignment-total aria-live="polite">'
        "Selected: 0 lessons · 0 min</p>"
        '<div class="tl-field"><label for="assignment-title">Assignment title</label>'
        '<input type="text" id="assignment-title" name="t" maxlength="120" '
        'autocomplete="off" required aria-describedby="assignment-title-help">'
        '<p class="tl-help" id="assignment-title-help">For example: "Week 1: pushing '
        'less, listening more". Up to 120 characters.</p></div>'
        '<div class="tl-field"><label for="assignment-due">Due date</label>'
        '<input type="date" id="assignment-due" name="due" required></div>'
        '<div class="tl-field"><label for="assignment-note">Note to the team</label>'
        '<textarea id="assignment-note" name="n" rows="4" maxlength="1000" '
        'aria-describedby="assignment-note-help"></textarea>'
        '<p class="tl-help" id="assignment-note-help">Optional. Plain text, up to 1000 '
        "characters. It travels inside the link, so leave out anything private.</p></div>"
        '<div class="tl-errors" data-assignment-errors role="alert" tabindex="-1" hidden>'
        "</div>"
        '<p><button type="submit" class="md-button md-button--primary">Create link</button>'
        "</p></form>"
    )
    out.append(_RESULT_HTML)
    return "\n".join(out)


_RESULT_HTML = """<section class="tl-result" data-assignment-result aria-labelledby="assignment-result-heading" hidden>
<h2 id="assignment-result-heading" tabindex="-1">Your assignment is ready</h2>
<h3 id="assignment-link-heading">Shareable link</h3>
<div class="tl-field"><label for="assignment-link">Link for your team</label>
<input type="url" id="assignment-link" data-assignment-link readonly>
<button type="button" class="md-button" data-copy="assignment-link">Copy link</button></div>
<p><a data-assignment-open href="#" target="_self">Open the assignment as your team will see it</a></p>
<h3 id="assignment-message-heading">Message for email or chat</h3>
<div class="tl-field"><label for="assignment-message">Ready-to-send message</label>
<textarea id="assignment-message" data-assignment-message rows="12" readonly></textarea>
<button type="button" class="md-button" data-copy="assignment-message">Copy message</button></div>
<h3 id="assignment-calendar-heading">Calendar</h3>
<p>Put the due date in your calendar, or attach the file to your message so your team can add it too.</p>
<p><a class="md-button" data-assignment-ics href="#" download="assignment.ics">Add to calendar (.ics file)</a></p>
<h3 id="assignment-checklist-heading">Printable checklist</h3>
<div class="tl-checklist" id="assignment-checklist" data-assignment-checklist></div>
<p><button type="button" class="md-button" data-print-checklist>Print the checklist</button></p>
<p class="tl-status" data-assignment-status role="status"></p>
</section>"""

_VIEW_HTML = """<div class="tl-assignment" data-assignment-view data-site-root="{root}">
<p class="tl-notice" data-assignment-empty>This page shows an assignment from your team lead. Open it with the link your lead sent you; the assignment travels inside that link, and this page needs JavaScript to read it.</p>
<div data-assignment-body hidden>
<h2 id="assignment-heading" data-assignment-title></h2>
<p class="tl-due" data-assignment-due></p>
<div data-assignment-note-wrap hidden><h3 id="assignment-note-heading">Note from your lead</h3>
<p class="tl-note" data-assignment-note></p></div>
<h3 id="assignment-lessons-heading">Lessons</h3>
<ol class="tl-lessons" data-assignment-lessons data-sac-progress="assignment" aria-labelledby="assignment-lessons-heading"></ol>
<p class="tl-warning" data-assignment-warnings hidden></p>
<p class="tl-progress-line"><label for="assignment-progress">Overall progress</label>
<progress id="assignment-progress" data-assignment-progress max="1" value="0"></progress>
<span data-assignment-progress-text></span></p>
<h3 id="completion-report-heading">Completion report</h3>
<p>When you finish, copy your report and send it to your lead, or download it as a file. It is built here in your browser from your own progress; nothing is sent anywhere unless you send it.</p>
<div class="tl-field"><label for="report-learner">Your name</label>
<input type="text" id="report-learner" data-report-name maxlength="80" autocomplete="name"></div>
<div class="tl-report" data-completion-report>
<h4 id="report-text-heading">Report as text</h4>
<pre class="tl-report__text" id="report-text" data-report-text></pre>
<p><button type="button" class="md-button" data-copy="report-text">Copy text report</button></p>
<h4 id="report-json-heading">Report as JSON (for your lead's team progress page)</h4>
<details class="tl-report__details"><summary>Show the JSON report</summary>
<pre class="tl-report__json" id="report-json" data-report-json></pre>
</details>
<p><button type="button" class="md-button" data-copy="report-json">Copy JSON report</button>
<a class="md-button" data-report-download href="#" download="completion-report.json">Download JSON report</a></p>
</div>
<p class="tl-status" data-assignment-status role="status"></p>
</div>
</div>"""

_TEAM_PROGRESS_HTML = """<div class="tl-team" data-team-progress data-site-root="{root}">
<form class="tl-team__form" data-team-form novalidate>
<div class="tl-field"><label for="team-files">Report files (.json)</label>
<input type="file" id="team-files" data-team-files multiple accept=".json,application/json,text/plain" aria-describedby="team-files-help">
<p class="tl-help" id="team-files-help">Choose several files at once. They are read here in your browser and never uploaded.</p></div>
<div class="tl-field"><label for="team-paste">Or paste reports</label>
<textarea id="team-paste" data-team-paste rows="6" aria-describedby="team-paste-help"></textarea>
<p class="tl-help" id="team-paste-help">Paste the JSON reports your team sent you, one after another.</p></div>
<p><button type="submit" class="md-button md-button--primary">Add reports</button>
<button type="button" class="md-button" data-team-clear>Clear the table</button></p>
</form>
<div class="tl-team__messages" data-team-messages role="status"></div>
<div data-team-output hidden>
<h2 id="team-table-heading">Team progress</h2>
<p data-team-summary></p>
<div class="tl-table-wrap" role="region" aria-labelledby="team-table-heading" tabindex="0">
<table class="tl-team__table" data-team-table><caption>One row per learner, one column per assigned lesson.</caption><thead></thead><tbody></tbody><tfoot></tfoot></table>
</div>
<p><a class="md-button" data-team-csv href="#" download="team-progress.csv">Download CSV</a></p>
</div>
</div>"""
