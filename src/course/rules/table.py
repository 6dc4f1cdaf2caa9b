# ruff: noqa: E501  (the rule table keeps one message and one hint per line)
"""The rules as data: one table, one entry per rule, each with a stable id.

Everything that checks (``course check``, the MkDocs hooks) and everything that
documents the rules (the rule reference in CONTRIBUTING.md, written by
``course rule-reference --write``) reads this table. Adding a rule is one entry here,
one check function registered with ``@check("<ID>")`` next to its siblings in the
area's module, and one test case in ``tests/unit/lesson_cases.py`` (or, for a rule one
lesson file cannot show, a test listed in ``DEDICATED`` of
``tests/unit/test_lesson_rules.py``); a unit test fails while any rule has no check or
no test.

Fields: ``id`` (never reused or renumbered), ``name`` (short kebab-case tag), ``area``
(the module of :mod:`course.rules` that checks it), ``message`` and ``hint``
(``str.format`` templates: what is wrong, and one line saying how to fix it).

Id prefixes: FILE (reading the file), FM (front matter), HEAD (headings), BODY
(prose and the closing sections), QUIZ (quizzes), LINK (links and images), SAFE
(raw HTML and URLs that could run code), NAV (the course as a whole), PATH
(learning paths for team leads), CONTENT (what a reviewer would otherwise check
by reading: plain language, worked examples, huddle guides, module overviews),
ASSESS (module checks and the final assessment).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AREAS", "RULES", "Rule", "rule"]

AREAS = (
    "file",
    "front-matter",
    "headings",
    "body",
    "quiz",
    "links",
    "safety",
    "course",
    "paths",
    "content",
    "assessment",
)


@dataclass(frozen=True)
class Rule:
    """One rule; see the module docstring for the fields."""

    id: str
    name: str
    area: str
    message: str
    hint: str

    def format(self, **fields: object) -> tuple[str, str]:
        """Fill the message and hint templates.

        Returns:
            ``(message, hint)``.

        Raises:
            KeyError: A template names a field that was not given.
        """
        return self.message.format(**fields), self.hint.format(**fields)


def _rules(*entries: tuple[str, str, str, str, str]) -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for entry in entries:
        item = Rule(*entry)
        if item.id in table:
            raise ValueError(f"duplicate rule id {item.id}")
        if item.area not in AREAS:
            raise ValueError(f"rule {item.id}: unknown area {item.area!r}")
        table[item.id] = item
    return table


# fmt: off
RULES: dict[str, Rule] = _rules(
    # -- file -----------------------------------------------------------------
    ("FILE001", "not-utf8", "file",
     "file is not UTF-8 text ({detail})",
     "Save the file as UTF-8 (with or without BOM); most editors offer it under 'Save with encoding'."),
    ("FILE002", "unreadable", "file",
     "file cannot be read ({detail})",
     "Check that the file exists and is readable."),
    ("FILE003", "placeholder-left", "file",
     "placeholder text left: '{text}'",
     "Replace every 'TODO:' that make new-lesson wrote, and any other placeholder (TBD, FIXME, XXX, [todo]), with your own words (CONTRIBUTING.md shows a finished lesson)."),
    ("FILE005", "file-too-large", "file",
     "file is {size} KB; a course page is at most {limit} KB",
     "Split the page, or move data out of it (a lesson is about 5 KB)."),
    ("FILE006", "line-too-long", "file",
     "line is {length} characters long; lines are at most {limit}",
     "Break the line: Markdown joins the lines of a paragraph, so the page looks the same."),
    ("FILE007", "file-type", "file",
     "{problem}",
     "{advice}"),
    ("FILE008", "slow-to-render", "file",
     "{problem}",
     "{advice} The build shows this page as a notice until then (course.parse.limits)."),
    ("FILE009", "nesting-too-deep", "file",
     "{problem}",
     "{advice} The build shows this page as a notice until then (course.parse.limits)."),
    ("FILE004", "lesson-file-name", "file",
     "lesson id '{lesson_id}' is not lower-case letters, digits and hyphens; the browser would not keep its progress",
     "Rename the file (and folder) to '{suggestion}' and list the old id under 'former_ids' if it was published."),

    # -- front matter ---------------------------------------------------------
    ("FM001", "missing-front-matter", "front-matter",
     "missing front matter: the file must start with a '---' line on line 1",
     "Start the file with '---', the keys title, description, duration and objectives, then '---'."),
    ("FM002", "unclosed-front-matter", "front-matter",
     "front matter opened on line 1 is never closed",
     "End the front matter with a line that is exactly '---'."),
    ("FM003", "yaml-syntax", "front-matter",
     "front matter is not valid YAML: {problem}",
     "{advice}"),
    ("FM004", "not-a-mapping", "front-matter",
     "front matter must be 'key: value' lines, not {kind}",
     "Write one 'key: value' per line, e.g. 'title: \"Listen first\"'."),
    ("FM005", "unknown-key", "front-matter",
     "unknown front matter key '{key}'{suggestion}",
     "Allowed keys: {allowed}."),
    ("FM006", "missing-key", "front-matter",
     "front matter key '{key}' is missing",
     "Add '{key}: ...' to the front matter ({what})."),
    ("FM007", "not-a-string", "front-matter",
     "{key} must be a string, but YAML reads {raw} as {kind}",
     "Put it in quotes: \"{raw}\" (YAML 1.1 reads no/yes/on/off, dates and numbers such as 1.10 as other types)."),
    ("FM008", "title-length", "front-matter",
     "title is {length} characters long; it must be 5 to 80",
     "Write a short, specific title (5-80 characters)."),
    ("FM009", "description-length", "front-matter",
     "description is {length} characters long; it must be 50 to 160",
     "One or two sentences on what the learner gets, 50-160 characters (used in search results and lesson cards)."),
    ("FM010", "duration-type", "front-matter",
     "duration must be whole minutes, got {raw}",
     "Write the minutes as a plain whole number, e.g. 'duration: 5'."),
    ("FM011", "duration-range", "front-matter",
     "duration is {duration} minutes; a lesson takes 2 to 10",
     "Split a longer lesson in two, or merge a very short one into its neighbor."),
    ("FM012", "duration-too-short", "front-matter",
     "duration is {duration} minutes but the lesson takes {minutes}: {words} words at 200 words per minute{exercise}",
     "Set 'duration: {minutes}' or more, or shorten the prose or the exercise."),
    ("FM013", "objectives", "front-matter",
     "objectives {problem}",
     "List 1-3 objectives, one '- ...' line each, each saying what the learner will be able to do."),
    ("FM014", "audience", "front-matter",
     "audience {problem}",
     "Use a list of: {allowed}, e.g. 'audience: [sales, service]'."),
    ("FM015", "former-ids", "front-matter",
     "former_ids {problem}",
     "List the lesson's old ids ('<module>/<file name without .md>'), e.g. 'former_ids: [connection/old-name]'."),
    ("FM016", "duplicate-key", "front-matter",
     "front matter key '{key}' appears twice (first on line {first}); YAML would silently keep only the last",
     "Keep one '{key}:' line."),
    ("FM018", "yaml-anchor", "front-matter",
     "front matter uses YAML anchors or aliases ({tokens})",
     "Write each value out in full: anchors (&name) and aliases (*name) let a few lines expand to gigabytes, so they are refused."),
    ("FM017", "plain-text-field", "front-matter",
     "{key} holds markup ({markup}); titles and descriptions are shown as plain text everywhere",
     "Write the {key} as plain words: no HTML tags or entities, links, code, emphasis marks, attribute lists or straight double quotes (use “ ” instead)."),
    ("FM019", "objectives-assessed", "front-matter",
     "'assesses' {problem}",
     "Give one objective number per quiz, in quiz order, so that every objective is assessed, e.g. 'assesses: [1, 2, 2]' for three quizzes and two objectives."),
    ("FM020", "page-key", "front-matter",
     "front matter key '{key}' is not one a page may set{suggestion}",
     "A page other than a lesson or an assessment may set: {allowed}. Keys such as 'template' or 'icon' would make the theme load other files, so they are refused (the build ignores them)."),

    # -- headings -------------------------------------------------------------
    ("HEAD001", "no-h1", "headings",
     "level-1 heading '# {text}' in the body; the title comes from the front matter",
     "Remove the '#' heading (move its wording into 'title:') or make it '##'."),
    ("HEAD002", "heading-skip", "headings",
     "heading level jumps from {previous} to {level} ('{text}')",
     "Use a level-{expected} heading here ({marks} {text}); levels go down one step at a time."),
    ("HEAD003", "empty-heading", "headings",
     "empty heading",
     "Give the heading text or remove the '#' marks."),
    ("HEAD004", "duplicate-heading", "headings",
     "duplicate heading '{text}' (also on line {first})",
     "Give each heading its own wording so its link anchor is unique."),

    # -- body -----------------------------------------------------------------
    ("BODY001", "too-short", "body",
     "the prose has {words}; a lesson has 200 to 900 words (quizzes and code not counted)",
     "Add a concrete example or a short scenario."),
    ("BODY002", "too-long", "body",
     "the prose has {words}; a lesson has 200 to 900 words (quizzes and code not counted)",
     "Cut to one idea per lesson, or split this lesson in two."),
    ("BODY003", "closing-sections", "body",
     "the last three '##' sections must be 'Try it', 'Key takeaways', 'Check your understanding'; found {found}",
     "End the lesson with '## Try it', '## Key takeaways' and '## Check your understanding', in that order."),
    ("BODY004", "key-takeaways", "body",
     "'Key takeaways' {problem}",
     "Make 'Key takeaways' a bullet list of 2-4 items ('- ...'), and nothing else."),

    ("BODY005", "list-item-indent", "body",
     "this is indented {spaces} space(s) under the list item on line {item}; MkDocs needs 4, so it ends the list (GitHub shows it inside)",
     "Indent it by 4 spaces to keep it in the step, or write it flush left after the list."),
    ("BODY006", "block-indent", "body",
     "the body of '{marker}' on line {start} is {problem}; MkDocs shows such text outside the box (GitHub shows no box at all)",
     "Indent every line of the box's body by 4 spaces under the '{marker}' line."),
    ("BODY007", "box-title", "body",
     "'{marker} {kind} {rest}' has an unquoted title: MkDocs reads '{rest}' as CSS classes and titles the box '{kind_title}'",
     "Put the title in double quotes: {marker} {kind} \"{rest}\"."),
    ("BODY008", "task-list", "body",
     "'{marker}' outside a quiz shows as the text '{marker}', not as a checkbox",
     "Write a plain list item ('- ...'); choice options belong inside <quiz> ... </quiz>."),
    ("BODY009", "exercise-time", "body",
     "'## Try it' does not open with its time ('**Time:** about N minutes.')",
     "Start the section with a line such as '**Time:** about 3 minutes.', the minutes the exercise takes; the duration counts them."),

    # -- quizzes --------------------------------------------------------------
    ("QUIZ001", "quiz-outside-check", "quiz",
     "quiz outside '## Check your understanding'",
     "Move the quiz into the closing '## Check your understanding' section."),
    ("QUIZ002", "quiz-count", "quiz",
     "'Check your understanding' holds {count} quiz(zes); a lesson has 2 to 4",
     "Write 2-4 quizzes, each a short scenario and a question."),
    ("QUIZ003", "unclosed-quiz", "quiz",
     "<quiz> is never closed",
     "Add a line '</quiz>' after the quiz's last option and explanation."),
    ("QUIZ004", "option-count", "quiz",
     "choice quiz has {count} option(s); it needs 2 to 6",
     "Offer 2-6 options ('- [x] ...' correct, '- [ ] ...' incorrect)."),
    ("QUIZ005", "correct-and-incorrect", "quiz",
     "choice quiz has {correct} correct and {incorrect} incorrect options; it needs at least one of each",
     "Mark correct options '- [x]' and incorrect ones '- [ ]'."),
    ("QUIZ006", "duplicate-option", "quiz",
     "option '{text}' repeats the option on line {first} (ignoring case and spacing)",
     "Make every option different."),
    ("QUIZ007", "missing-explanation", "quiz",
     "option '{text}' has no explanation line directly under it",
     "Put a '> Why ...' line right under the option, with no blank line between."),
    ("QUIZ008", "no-question", "quiz",
     "quiz has no question before its first option",
     "Start the quiz with a short scenario and a question, then the options."),
    ("QUIZ009", "bad-checkbox", "quiz",
     "option marker '[{mark}]' is not valid",
     "Use '- [x]' for a correct option and '- [ ]' for an incorrect one."),
    ("QUIZ010", "blank-in-choice-quiz", "quiz",
     "'[[{blank}]]' in a choice quiz makes mkdocs-quiz render it as a fill-in-the-blank quiz and drop its options",
     "Break the double brackets, e.g. write `{suggestion}`: mkdocs-quiz reads any [[...]] in a quiz as a blank, even inside code."),
    ("QUIZ011", "blank-no-explanation", "quiz",
     "fill-in-the-blank quiz has no explanation",
     "After the question with its [[answer]], add a line '---' and then an explanation."),
    ("QUIZ012", "no-answers", "quiz",
     "quiz has neither options ('- [x] ...') nor blanks ('[[answer]]')",
     "Add 2-6 options with explanations, or a [[blank]] with an explanation."),
    ("QUIZ013", "stray-closing-tag", "quiz",
     "'</quiz>' without a matching '<quiz>'",
     "Remove the extra '</quiz>' or add the missing '<quiz>' line."),

    ("QUIZ014", "old-quiz-syntax", "quiz",
     "'{tag}' is the old mkdocs-quiz syntax, which stops the build",
     "Write the quiz as '<quiz>' ... '</quiz>' (mkdocs-quiz 1.x); the plugin refuses '<?quiz?>' even inside `code`: write it as `<?quiz ?>` in prose."),
    ("QUIZ015", "quiz-tag-case", "quiz",
     "'{tag}' is not a quiz tag: mkdocs-quiz reads only '<quiz>' and '</quiz>', lower-case",
     "Write the tag as '{fixed}'."),
    ("QUIZ016", "stray-line-in-options", "quiz",
     "this line ends the option list: mkdocs-quiz shows it as text and drops the {dropped} option(s) below it",
     "Put the options together, each with its '> ...' explanation right under it, and move other text above the first option."),
    ("QUIZ017", "renderer-disagrees", "quiz",
     "the check counts {counted} option(s) in this quiz but mkdocs-quiz rendered {rendered}",
     "Rewrite the quiz in the plain form the guide shows (CONTRIBUTING.md, 'Check your understanding'), and report the case to a maintainer."),

    ("QUIZ018", "too-many-quiz-tags", "quiz",
     "the page holds {count} quiz tags; a page holds at most {limit} (a lesson has 2-4 quizzes)",
     "Keep the quizzes of 'Check your understanding' only; to show the tag in prose, write it in a fenced code block."),
    ("QUIZ019", "position-wording", "quiz",
     "'{words}' refers to where an option sits; options are shuffled for every learner",
     "Name the idea instead of its place (not 'the first option' or 'all of the above'), or make it an option of its own."),
    ("QUIZ020", "option-length-spread", "quiz",
     "the longest option is {spread}x the shortest ({longest} and {shortest} characters); at most {limit}x",
     "Make the options about the same length: trim the long one or give the short ones the same detail, so length never points at the answer."),
    ("QUIZ021", "longest-is-correct", "quiz",
     "the correct option is the longest here, as in {count} of the course's {total} single-answer questions ({share}); at most {limit}",
     "Rewrite some of these questions so that a wrong option is as long as, or longer than, the correct one."),

    # -- links and images -----------------------------------------------------
    ("LINK001", "link-text", "links",
     "link text '{text}' does not say where the link goes",
     "Name the destination in the link text, e.g. '[the listening lesson](...)' (WCAG 2.2 SC 2.4.4)."),
    ("LINK002", "broken-link", "links",
     "link target '{target}' does not exist",
     "Link to a Markdown file relative to this one, e.g. '../service/help-not-battle.md'."),
    ("LINK003", "broken-anchor", "links",
     "anchor '#{anchor}' does not exist in {page}",
     "Use the id of an existing heading{known}."),
    ("LINK004", "image-alt", "links",
     "image '{target}' has no alt text",
     "Describe the image in the brackets: '![Two people talking at a counter](...)' (WCAG 2.2 SC 1.1.1)."),

    ("LINK005", "remote-image", "links",
     "image '{target}' loads from another site; the course makes no request to other origins",
     "Save the image under docs/ (next to the page or in assets/) and link it relatively, e.g. '![A shop counter](counter.png)'."),

    # -- safety ---------------------------------------------------------------
    ("SAFE001", "raw-html", "safety",
     "raw <{tag}> is not allowed in course pages",
     "Use Markdown instead; the HTML a page may hold is: {allowed}. Ask a maintainer for a hook if you need more."),
    ("SAFE002", "event-attribute", "safety",
     "event-handler attribute '{attribute}=' is not allowed",
     "Remove the attribute; pages must not carry inline scripts."),
    ("SAFE003", "unsafe-url", "safety",
     "{scheme}: URL in {kind} is not allowed",
     "Links and images may be http(s), mailto or relative: link to a page or an image file in the course."),
    ("SAFE004", "html-attribute", "safety",
     "attribute '{attribute}' on <{tag}> is not allowed",
     "Remove it; the attributes a page may use are: {allowed}."),

    ("SAFE006", "page-script", "safety",
     "front matter 'scripts' names {script}, which is not one of the course's page scripts",
     "A page loads only the course's own modules: {allowed}. A new script is site code: a maintainer adds it under docs/assets/js/ and to course.sanitize.PAGE_SCRIPTS."),
    ("SAFE005", "sanitizer-removed", "safety",
     "the HTML sanitizer removed {removed} from the rendered page",
     "The rules should have refused this: remove it from the page, and report the case to a maintainer so a rule can catch it at its line."),

    # -- the course -----------------------------------------------------------
    ("NAV001", "not-in-nav", "course",
     "page is not in the navigation",
     "Add '{src_path}' to the 'nav:' of mkdocs.yml (a lesson goes under its module)."),
    ("NAV002", "nav-missing-file", "course",
     "nav entry '{src_path}' names a file that does not exist",
     "Fix the path in mkdocs.yml or add the file under docs/."),
    ("NAV003", "duplicate-title", "course",
     "title '{title}' is also the title of {other}",
     "Give every lesson its own title."),
    ("NAV004", "former-id-clash", "course",
     "former id '{former}' {problem}",
     "A former id must be an old id that no other lesson uses now or lists."),

    ("NAV006", "module-without-overview", "course",
     "folder '{folder}' holds pages but no index.md, so its pages are not checked as lessons",
     "Add '{folder}/index.md' (the module overview) to the folder and to the nav, or move the pages into a module."),
    ("NAV007", "page-in-module-subfolder", "course",
     "page is in a sub-folder of the module '{module}'; lessons sit directly in their module folder",
     "Move it to '{suggestion}' (and list the old id under 'former_ids' if it was published)."),
    ("NAV008", "duplicate-nav-entry", "course",
     "nav lists '{src_path}' again (first on line {first})",
     "Keep one nav entry per page; a lesson belongs to one place in the course."),
    ("NAV005", "config-file", "course",
     "mkdocs.yml {problem}",
     "{advice}"),

    # -- learning paths (docs/team-leads/learning-paths.yml; course.paths)
    ("PATH001", "unknown-lesson", "paths",
     "learning path '{path_id}' lists '{lesson}', which is not a lesson{suggestion}",
     "Use a lesson id from the nav: '<module>/<file name without .md>', e.g. 'service/help-not-battle'."),
    ("PATH002", "former-lesson-id", "paths",
     "learning path '{path_id}' lists '{lesson}', the former id of '{current}'",
     "Replace it with the lesson's current id '{current}'."),
    ("PATH003", "duplicate-lesson", "paths",
     "learning path '{path_id}' lists '{lesson}' twice (first on line {first})",
     "Keep one entry; a lesson counts once in a path."),
    ("PATH004", "duplicate-path", "paths",
     "learning path id '{path_id}' is used twice (first on line {first})",
     "Give every path its own id; links to the assignment builder use it."),
    ("PATH005", "path-field", "paths",
     "learning path {where}: {problem}",
     "{advice}"),
    ("PATH006", "path-unknown-key", "paths",
     "learning path {where}: unknown key '{key}'",
     "Allowed keys: {allowed}."),
    ("PATH007", "paths-file", "paths",
     "learning paths file {problem}",
     "{advice}"),

    # -- content (course.rules.content) ---------------------------------------
    ("CONTENT001", "reading-ease", "content",
     "Flesch reading ease is {score}; lessons need {minimum} or more (plain English)",
     "Use shorter sentences and everyday words: split any sentence with more than one idea, and swap long words for short ones (use, not utilize)."),
    ("CONTENT002", "worked-example", "content",
     "'## Try it' has no collapsed worked answer (a '??? example \"...\"' line)",
     "Under the exercise, add a line '??? example \"A worked answer\"' and below it the answer, indented by four spaces."),
    ("CONTENT003", "huddle-guide", "content",
     "huddle guide: {problem}",
     "{advice}"),
    ("CONTENT004", "module-overview", "content",
     "module overview: {problem}",
     "{advice}"),

    # -- assessments ----------------------------------------------------------
    ("ASSESS001", "assessment-front-matter", "assessment",
     "{problem}",
     "An assessment page's front matter has title, description, 'assessment: {kind}', 'pass_mark: 80' (a whole percent, 50-100) and 'scripts: [assets/js/assessment.js]'."),
    ("ASSESS002", "assessment-size", "assessment",
     "the {what} has {count} question(s); it needs {needed}",
     "Add or remove questions: a module check has 5-6, the final assessment's bank at least 24 ({per_module} or more per module)."),
    ("ASSESS003", "final-sections", "assessment",
     "{problem}",
     "Put each module's questions under a '## <module title>' heading, one heading per module of the course, in course order; no question outside them."),
    ("ASSESS004", "module-check-placement", "assessment",
     "{problem}",
     "List 'docs/<module>/module-check.md' in the nav right after the module's last lesson, and 'final-assessment.md' after the last module."),
    ("ASSESS005", "copied-question", "assessment",
     "this question repeats a question of {lesson} (line {at})",
     "Write a new scenario for the assessment: a module check or the final bank asks for the lessons' ideas in situations the lessons did not show."),
)
# fmt: on


def rule(rule_id: str) -> Rule:
    """Return the rule with this id.

    Raises:
        KeyError: Unknown rule id.
    """
    return RULES[rule_id]
