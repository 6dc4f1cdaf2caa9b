"""course.sanitize: what the configured Markdown extensions produce passes unchanged;
script, handlers and unsafe URLs are removed and named."""

from __future__ import annotations

import markdown
from material.extensions import emoji

from course.emoji import to_svg_or_text
from course.sanitize import sanitize, sanitize_quiz

EVERY_EXTENSION = """
=== "Phone"

    On the phone :smile: :material-account:.

Term
:   Definition

| left | right |
|:-----|------:|
| 1    | 2     |

```text
code <b>
```

!!! note "A note"
    Body.

??? example "Example"
    Hidden.

Text[^1] and <abbr title="point of sale">POS</abbr>, <kbd>Enter</kbd>.
[A lesson](x.md){ data-lesson="a/b" data-status="not-started" } and ![A tile](t.png).

[^1]: A note.

## A heading { #custom }

"""


def _html(source: str) -> str:
    md = markdown.Markdown(
        extensions=[
            "abbr",
            "admonition",
            "attr_list",
            "md_in_html",
            "def_list",
            "tables",
            "footnotes",
            "toc",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tabbed",
            "pymdownx.emoji",
        ],
        extension_configs={
            "toc": {"permalink": True},
            "pymdownx.tabbed": {"alternate_style": True},
            "pymdownx.emoji": {"emoji_index": emoji.twemoji, "emoji_generator": to_svg_or_text},
        },
    )
    return md.convert(source)


def test_what_the_extensions_produce_passes_unchanged() -> None:
    html = _html(EVERY_EXTENSION)
    for marker in (
        'class="tabbed-set',
        "<dl>",
        'style="text-align: right;"',
        "<details",
        'class="footnote',
        "headerlink",
        'data-lesson="a/b"',
        "<svg",
    ):
        assert marker in html, marker
    assert sanitize(html)[1] == []


def test_script_handlers_and_unsafe_urls_are_removed_and_named() -> None:
    clean, removed = sanitize(
        '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(2)">a</a>'
        '<img src="x.png" alt="x" onerror="y()"><iframe src="https://x.example"></iframe>'
        "<svg><foreignObject><p>z</p></foreignObject></svg><!-- kept --></p>"
    )
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "onerror" not in clean and "iframe" not in clean and "<!-- kept -->" in clean
    assert set(removed) >= {
        "<script>",
        "onclick= on <p>",
        "href= on <a>",
        "onerror= on <img>",
        "<iframe>",
    }


def test_noscript_is_not_kept() -> None:
    """``<noscript>`` is parsed one way with scripting off (nh3) and another in a browser:
    with a ``</noscript>`` inside an attribute, the browser's parse runs the <img> handler."""
    attack = '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'
    clean, removed = sanitize(attack)
    assert "<noscript>" in removed and "noscript" not in clean


def test_a_value_nh3_filters_is_named_and_what_nh3_returns_is_kept() -> None:
    """A ``style`` on a table cell keeps only ``text-align``: the ``url()`` goes, and the
    change is reported as part of the attribute, not thrown away."""
    clean, removed = sanitize(
        '<table><tbody><tr><td style="text-align: right; background: url(https://x.example/a.png)">'
        "1</td></tr></tbody></table>"
    )
    assert "x.example" not in clean and 'style="text-align:right"' in clean
    assert removed == ["part of style= on <td>"]


def test_how_nh3_writes_markup_is_not_a_change() -> None:
    """Quotes, entities, ``<br />``, boolean attributes and the spacing of ``text-align``
    are how nh3 writes the same markup: nothing is reported."""
    html = (
        '<p title="a &amp; b &#39;c&#39;">x<br />y</p>\n<div data-search-exclude>\n'
        '<table><tbody><tr><td style="text-align: right;">1</td></tr></tbody></table></div>\n'
        '<p><span class="twemoji"><svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg">'
        '<path d="M1 2"/></svg></span> &para;</p>'
    )
    clean, removed = sanitize(html)
    assert removed == [] and clean != html


def test_an_image_from_another_origin_loses_its_src() -> None:
    """The course makes no request to other origins (LINK005 in the check): the sanitizer
    drops such a ``src`` however it is written; links to other sites stay."""
    for src in (
        "https://x.example/a.png",
        " //x.example/a.png",
        "/\\x.example/a.png",
        "HT&#x09;TP://x",
    ):
        clean, removed = sanitize(
            f'<p><img src="{src}" alt="A tile"> <a href="https://x.example">x</a></p>'
        )
        assert removed == ["src= on <img>"] and "<img alt" in clean, src
    assert sanitize('<img src="counter.svg" alt="A counter">')[1] == []


QUIZ = (
    '<div class="quiz" data-show-correct="true" data-auto-submit="true" '
    'data-disable-after-submit="true" id="quiz-0">\n'
    '    <a href="#quiz-0" class="quiz-header-link">#</a>\n'
    '    <div class="quiz-question" id="quiz-0-question">\n        <p>{question}</p>\n    </div>\n'
    '    <form action="javascript:void(0);" onsubmit="return false;">\n'
    '        <fieldset aria-labelledby="quiz-0-question"><div><input type="radio" name="answer" '
    'value="0" id="quiz-0-0" data-correct="true"><label for="quiz-0-0">{option}</label>'
    '<div class="answer-feedback hidden">{feedback}</div></div></fieldset>\n'
    '        <div class="quiz-feedback hidden"></div>\n'
    '        <button type="submit" class="quiz-button">Submit</button>\n    </form>\n'
    '    <section class="content hidden"></section>\n</div>'
)


def test_a_quiz_keeps_its_own_markup_and_loses_what_its_text_carries() -> None:
    """mkdocs-quiz renders the quiz text after the page was sanitized: the quiz pass
    keeps the plugin's box, form (as it is: course.csp makes it safe on every page),
    inputs and button, and removes script, handlers and remote images from the
    question, options and explanations, naming each; a form of the text's own loses
    its action and handler."""
    plain = QUIZ.format(question="Why ask?", option="To <em>learn</em>", feedback="Right.")
    clean, removed = sanitize_quiz(plain)
    assert removed == [] and clean.count("<input") == 1 and 'data-correct="true"' in clean
    assert '<form action="javascript:void(0);" onsubmit="return false;">' in clean
    forged = QUIZ.format(question="Q", option="A", feedback='<form action="javascript:x()">')
    clean, removed = sanitize_quiz(forged)
    assert "javascript:x" not in clean and "action= on <form>" in removed
    hostile = QUIZ.format(
        question='Why <img src="https://x.example/q.png" alt="q">?',
        option="<b onclick=alert(1)>To learn</b>",
        feedback="<script>alert(2)</script>Right.",
    )
    clean, removed = sanitize_quiz(hostile)
    assert "alert" not in clean and "x.example" not in clean and 'data-correct="true"' in clean
    assert sorted(removed) == ["<script>", "onclick= on <b>", "src= on <img>"]


def test_the_quiz_marks_hold_the_whole_quiz_whatever_its_text_writes() -> None:
    """The marks around each quiz hold a token made anew in every process: a quiz that
    writes a closing mark of its own cannot end its region early."""
    from course.parse.quiz import mark_quizzes, replace_marked_quizzes

    marked = mark_quizzes("<p>Before.</p>\n<!-- MKDOCS_QUIZ_PLACEHOLDER_0 -->\n<p>After.</p>")
    forged = "<!--/sac-quiz:0123456789abcdef01234567-->"
    quiz = QUIZ.format(question="Q", option=f"{forged}<b onclick=x>A</b>", feedback="F")
    rendered = marked.replace("<!-- MKDOCS_QUIZ_PLACEHOLDER_0 -->", quiz)
    seen: list[int] = []

    def clean(index: int, html: str) -> str:
        seen.append(index)
        return sanitize_quiz(html)[0]

    out = replace_marked_quizzes(rendered, clean)
    assert seen == [0] and "onclick" not in out and "sac-quiz:" not in out.replace(forged, "")
    assert out.startswith("<p>Before.</p>") and out.endswith("<p>After.</p>")
