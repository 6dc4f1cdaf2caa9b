"""Every generated HTML or Markdown block, rendered from Jinja2 templates with autoescaping.

Titles, descriptions and ids come from contributors' front matter and YAML files, so
they are untrusted text: Jinja2's autoescaping (markupsafe) is the one escaper, for the
HTML templates and the Markdown ones alike (a ``<`` in a title is shown, never parsed).
Links are written as HTML with URLs relative to the page, computed from the course
model (:func:`relative_url`), so no Markdown link syntax ever holds a title.

Templates live in ``templates/`` beside this file:

==========================  =====================================================
``lesson_list.html``        a module's lessons (``<!-- lesson-list -->``)
``module_list.html``        every module and its lessons (``<!-- module-list -->``)
``continue_box.html``       the home page's main action and "Continue where you left off" box
``lesson_intro.html``       the top of a lesson: where it sits, its time, its objectives
``next_step.html``          the "Next step" block at the end of a lesson
``huddle_guides.md``        each module's huddle guide (``<!-- huddle-guides -->``)
``learning_paths.md``       the learning paths page (``<!-- learning-paths -->``)
``builder.html``            the assignment builder form and its result section
``assignment_view.html``    the learner's assignment view (``<!-- assignment-view -->``)
``team_progress.html``      the team progress page (``<!-- team-progress -->``)
==========================  =====================================================
"""

from __future__ import annotations

import json
import os
import pickle
import posixpath
from functools import cache
from pathlib import Path

import jinja2

from course.anatomy import ASSIGNMENT, ASSIGNMENT_KEY, HUDDLE, PROGRESS_KEY, VIEW_HREF, VIEW_KEY
from course.cache import cache_dir
from course.model import Course, Module
from course.paths import LearningPath

__all__ = [
    "PROGRESS_URL",
    "assignment_view",
    "builder",
    "continue_box",
    "huddle_guides",
    "learning_paths",
    "lesson_assignment_script",
    "lesson_intro",
    "lesson_list",
    "module_list",
    "next_step",
    "relative_url",
    "team_progress",
]

#: The progress page's URL (``docs/progress.md``), relative to the site root.
PROGRESS_URL = "progress/"
#: The assignment builder's URL, relative to the site root.
BUILDER_URL = "team-leads/assignment-builder/"


def relative_url(url: str, page_url: str) -> str:
    """``url`` (relative to the site root) as seen from the page at ``page_url``.

    The same result as MkDocs' ``mkdocs.utils.get_relative_url`` for directory URLs:
    ``relative_url("service/x/", "service/")`` is ``"x/"``; the site root is ``"./"``.
    """
    relative = posixpath.relpath("/" + (url or "./"), "/" + (page_url or "."))
    if relative == ".":
        return "./"
    return relative + "/" if (url or "./").endswith("/") else relative


@cache
def _environment() -> jinja2.Environment:
    """One environment for every template: each is compiled once per process, and its
    compiled form kept in the course's cache folder (:func:`course.cache.cache_dir`),
    so a build reads it back instead of compiling it again (about 50 ms of CPU)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_TemplateCache(cache_dir() / "templates"),
    )
    env.filters["rel"] = _rel
    return env


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's bytecode cache in a folder of files, where a folder that cannot be
    created, read or written is no cache (never an error).

    Jinja2 keys each entry by the template's name and checks it against the checksum
    of the template's source and its own and Python's version: a changed template is
    compiled again.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@jinja2.pass_context
def _rel(context: jinja2.runtime.Context, url: str) -> str:
    """The ``rel`` filter: ``url`` relative to the page being rendered (``page_url``)."""
    return relative_url(url, context["page_url"])


def _page(name: str, page_url: str, **context: object) -> str:
    template = _environment().get_template(name)
    return template.render(page_url=page_url, **context).rstrip("\n")


def lesson_list(module: Module, page_url: str) -> str:
    """The module's lessons as an ordered list of links with minutes (HTML)."""
    return _page("lesson_list.html", page_url, lessons=module.lessons) if module.lessons else ""


def module_list(course: Course, page_url: str) -> str:
    """Every module with its lesson count, minutes and lessons (HTML)."""
    return _page("module_list.html", page_url, course=course)


def continue_box(course: Course) -> str:
    """The top of the home page's dashboard: the main action ("Start here: <first
    lesson>") and the "Continue where you left off" box, with their inline script (HTML).

    Before the first paint the script shows what progress.js last derived from this
    browser's progress (the view, ``localStorage`` key: the site root's path, a dot and
    ``VIEW_KEY``; docs/assets/js/lib/view-store.js): the main action's words and address
    (an address only when it matches ``VIEW_HREF``, words only as text), which parts
    of the box show, and their words (home.js then draws the same words with links, so
    nothing moves). The view counts only while its stamp matches the progress
    (``PROGRESS_KEY``) and the assignment (``ASSIGNMENT_KEY``) it was derived from;
    without one (progress from before it existed, or changed some other way) the box
    shows when a lesson of this course is in progress or complete in the progress
    store; lessons no longer in the course do not count. Unreadable values
    throw inside the script and are caught. JSON is written with ``</`` escaped, so no
    value can end the script early.
    """
    first = next(iter(course.lessons.values()), None)
    if first is None:
        return ""
    ids = json.dumps(sorted(course.lessons), separators=(",", ":"))
    view_key = json.dumps("." + VIEW_KEY)
    progress_key = json.dumps("." + PROGRESS_KEY)
    assignment_key = json.dumps("." + ASSIGNMENT_KEY)
    href = json.dumps(VIEW_HREF)
    script = (
        "(function(d){try{var k=__md_scope.pathname,"
        "g=function(n){return localStorage.getItem(k+n)},"
        f"b=d.querySelector('.sac-continue'),p=g({progress_key}),v=null;"
        f"try{{v=JSON.parse(g({view_key}));"
        f"if(v.stamp!==(p||'').length+':'+(g({assignment_key})||'').length)v=null}}catch(e){{}}"
        "if(v&&v.home&&typeof v.home=='object'){v=v.home;var a=d.querySelector('[data-sac-main]'),"
        "s=d.querySelector('[data-home-assignment]'),w=v.lines||{};"
        f"if(typeof v.label=='string'&&RegExp({href}).test(v.href))"
        "{a.href=v.href;a.textContent=v.label.slice(0,300)}"
        "b.hidden=!v.box;s.hidden=!v.assignment;"
        "if(v.overdue===true)s.setAttribute('data-overdue','true');"
        "if(typeof w.assignment=='string')s.textContent=w.assignment.slice(0,600);"
        "if(typeof w.where=='string')"
        "d.querySelector('.sac-continue__body').textContent=w.where.slice(0,600)}"
        "else{var l=JSON.parse(p).lessons;"
        f"if({ids}.some(function(i){{return l[i]&&"
        "/^(in-progress|complete)$/.test(l[i].status)}))b.hidden=false}"
        "}catch(e){}})(document.currentScript.previousElementSibling)"
    ).replace("</", "<\\/")
    return _page("continue_box.html", "", first=first, script=jinja2.filters.Markup(script))


def lesson_assignment_script() -> str:
    """The inline script of a lesson's "Lesson 2 of 5 in your assignment" line (JS).

    One script for every lesson page (one hash in the Content-Security-Policy): it reads
    the lesson id from the line's ``data-sac-assignment`` and the open assignment from
    the view (``VIEW_KEY``, docs/assets/js/lib/view-store.js), and shows the line before
    the first paint, in the words of docs/assets/js/lib/dashboard.js assignmentLine().
    """
    return (
        "(function(p){try{var v=JSON.parse(localStorage.getItem(__md_scope.pathname+"
        f"{json.dumps('.' + VIEW_KEY)})).assignment,"
        "i=Array.isArray(v.ids)?v.ids.indexOf(p.getAttribute('data-sac-assignment')):-1;"
        "if(i>=0&&typeof v.title=='string'){p.textContent='Lesson '+(i+1)+' of '+v.ids.length+"
        "' in your assignment \\u201c'+v.title.slice(0,120)+'\\u201d';p.hidden=false}"
        "}catch(e){}})(document.currentScript.previousElementSibling)"
    ).replace("</", "<\\/")


def next_step(course: Course, lesson_id: str, page_url: str, has_progress_page: bool) -> str:
    """The "Next step" block for one lesson (HTML).

    Args:
        course: The course in navigation order.
        lesson_id: The lesson the block ends (must be in ``course.lessons``).
        page_url: The lesson's site-relative URL (``"connection/x/"``); links are
            relative to it, so the site works under any base path.
        has_progress_page: Whether ``docs/progress.md`` exists (linked after the
            last lesson of the course).

    Returns:
        The next lesson of the same module; at a module's end its module check (when
        it has one) and the next module's overview; after the last lesson the final
        assessment (when there is one) and the progress page.
    """
    lesson = course.lessons[lesson_id]
    following = course.next_lesson(lesson_id)
    return _page(
        "next_step.html",
        page_url,
        lesson=lesson,
        following=following,
        module=course.module(lesson.module),
        next_module=course.module(following.module) if following is not None else None,
        module_check=course.assessments.get(lesson.module),
        final=course.assessments.get("final"),
        progress_url=PROGRESS_URL if has_progress_page else "",
    )


def warmup_box(module: Module) -> str:
    """The warm-up box at the top of a module overview (HTML, empty and hidden):
    docs/assets/js/review.js fills it with two review questions from earlier modules."""
    return _page("warmup_box.html", "", module=module)


def lesson_intro(course: Course, lesson_id: str, page_url: str) -> str:
    """The block at the top of a lesson: "Lesson N of M in <module> · X min" and the
    lesson's objectives from its front matter (HTML; plain, no script).

    Args:
        course: The course in navigation order.
        lesson_id: A lesson of ``course.lessons``.
        page_url: The lesson's site-relative URL (links are relative to it).
    """
    lesson = course.lessons[lesson_id]
    module = course.module(lesson.module)
    siblings = module.lessons if module else [lesson]
    return _page(
        "lesson_intro.html",
        page_url,
        lesson=lesson,
        module=module,
        position=siblings.index(lesson) + 1,
        count=len(siblings),
        script=jinja2.filters.Markup(lesson_assignment_script()),
    )


def huddle_guides(course: Course, docs_dir: Path, page_url: str) -> str:
    """Each module's huddle guide for team leads: a link to its page,
    ``docs/team-leads/huddles/<module>.md`` (:data:`course.anatomy.HUDDLE`).

    Links to the module overview when the guide is missing, so a missing page never
    breaks the build (rule CONTENT003 reports it).
    """
    guides = []
    for module in course.modules:
        page = f"{HUDDLE['folder']}/{module.id}"
        url = f"{page}/" if (docs_dir / f"{page}.md").is_file() else module.url
        guides.append((module, url))
    return _page("huddle_guides.md", page_url, guides=guides)


def learning_paths(course: Course, paths: list[LearningPath], page_url: str) -> str:
    """Every learning path: heading, description, totals, lessons, "Assign this path" (Markdown)."""
    return _page("learning_paths.md", page_url, course=course, paths=paths, builder_url=BUILDER_URL)


def builder(course: Course, paths: list[LearningPath], root: str) -> str:
    """The assignment builder form and its result section (HTML).

    Args:
        root: The site root relative to the page (``"../../"``), for the scripts.
    """
    return _page("builder.html", "", course=course, paths=paths, root=root, limits=ASSIGNMENT)


def assignment_view(root: str) -> str:
    """The static container the assignment script fills in (HTML)."""
    return _page("assignment_view.html", "", root=root)


def team_progress(root: str) -> str:
    """The team progress page's form and table container (HTML)."""
    return _page("team_progress.html", "", root=root)
