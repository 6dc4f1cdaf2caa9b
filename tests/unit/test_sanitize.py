"""course.sanitize: what the configured Markdown extensions produce passes unchanged;
script, handlers and unsafe URLs are removed and named."""

from __future__ import annotations

import markdown
from material.extensions import emoji

from course.emoji import to_svg_or_text
from course.sanitize import sanitize

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
