"""course.csp: hashes as the browser computes them, which scripts run, what the policy
blocks, where the <meta> goes, and a whole (tiny) site made safe; no input raises."""

from __future__ import annotations

import pytest

from course import csp
from course.cli import main

# CSP Level 2 and 3 give this example (w3.org/TR/CSP3/, "hash-source" example).
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"

PAGE = """\
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>A <script> in a title is text</title>
    <script>var a = 1;</script>
    <script type="application/json">{"not": "run"}</script>
  </head>
  <body>
    <!-- <script>commented();</script> -->
    <div class="quiz" id="quiz-0"><form data-search-exclude action="javascript:void(0);" \
onsubmit="return false;"><button type="submit">Submit</button></form></div>
    <script type="module">import "./x.js";</script>
    <script src="progress.js" defer></script>
  </body>
</html>
"""


def test_source_hash_is_the_spec_example() -> None:
    assert csp.source_hash(SPEC_SCRIPT) == SPEC_HASH


def test_source_hash_normalises_newlines_as_the_html_input_stream_does() -> None:
    assert csp.source_hash("a();\r\nb();\rc();") == csp.source_hash("a();\nb();\nc();")
    assert csp.source_hash("x\0") == csp.source_hash("x\ufffd")


@pytest.mark.parametrize(
    ("attributes", "kind"),
    [
        ("", "classic"),
        (' type=""', "classic"),
        (' type="text/javascript"', "classic"),
        (' type=" TEXT/JavaScript "', "classic"),
        (' language="javascript"', "classic"),
        (' type="module"', "module"),
        (' type="importmap"', "importmap"),
        (' type="application/json"', "data"),
        (' type="application/ld+json"', "data"),
        # Not an essence match: HTML treats it as a data block.
        (' type="text/javascript; charset=utf-8"', "data"),
        (' language="vbscript"', "data"),
    ],
)
def test_which_scripts_run_follows_prepare_the_script_element(attributes, kind) -> None:
    scan = csp.scan_html(f"<script{attributes}>x()</script>")
    assert [(s.kind, s.text) for s in scan.scripts] == [(kind, "x()")]


def test_scan_finds_scripts_skips_comments_and_raw_text() -> None:
    scan = csp.scan_html(PAGE)
    assert [(s.kind, s.text, s.line) for s in scan.scripts] == [
        ("classic", "var a = 1;", 6),
        ("data", '{"not": "run"}', 7),
        ("module", 'import "./x.js";', 12),
    ]
    assert {(b.what, b.directive) for b in scan.blocked} == {
        ("onsubmit= on <form>", "script-src"),
        ("javascript: URL in action= of <form>", "script-src"),
    }
    assert scan.unsure == ()


def test_scan_finds_everything_the_policy_blocks() -> None:
    html = (
        '<a href=" JAVA\tSCRIPT:alert(1)">x</a>\n'
        "<img src=x OnError='alert(1)'>\n"
        '<p style="color: red">x</p>\n'
        '<a href="javascript&colon;alert(1)">entity</a>\n'
        '<a title="a > b" onclick="x()">quoted ></a>\n'
        '<a href="https://example.org/javascript:">fine</a><p style="">fine</p>\n'
    )
    blocked = [(b.line, b.what) for b in csp.scan_html(html).blocked]
    assert blocked == [
        (1, "javascript: URL in href= of <a>"),
        (2, "onerror= on <img>"),
        (3, "style= on <p>"),
        (4, "javascript: URL in href= of <a>"),
        (5, "onclick= on <a>"),
    ]


def test_scan_never_raises_on_broken_html() -> None:
    for html in ["", "<", "<script>", "<script>unclosed", '<a href="x', "<!-- open", "\0<p\0>"]:
        csp.scan_html(html)
    assert [s.text for s in csp.scan_html("<script>a()").scripts] == ["a()"]
    assert csp.scan_html("<script><!-- x </script>").unsure == (1,)


def test_policy_lists_sorted_unique_hashes_and_every_directive() -> None:
    policy = csp.build_policy([SPEC_HASH, SPEC_HASH, "'sha256-AAAA'"])
    assert policy == (
        "default-src 'self'; script-src 'self' 'sha256-AAAA' " + SPEC_HASH + "; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert "unsafe" not in policy
    with pytest.raises(ValueError, match="not a CSP hash source"):
        csp.build_policy(["'unsafe-inline'"])


def test_style_hashes_go_to_style_src() -> None:
    policy = csp.build_policy([], [SPEC_HASH])
    assert f"style-src 'self' {SPEC_HASH};" in policy


def test_meta_goes_right_after_charset_and_is_replaced_on_a_second_run() -> None:
    once = csp.with_meta(PAGE, "default-src 'self'")
    assert once is not None
    head = once.split("<head>", 1)[1].lstrip()
    assert head.startswith(
        '<meta charset="utf-8">\n    '
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">\n    <title>'
    )
    again = csp.with_meta(once, "default-src 'none'")
    assert again == once.replace("default-src 'self'", "default-src 'none'")
    assert again.count("Content-Security-Policy") == 1


def test_meta_without_charset_goes_right_after_head_and_no_head_is_none() -> None:
    page = csp.with_meta('<html><head lang="en"><title>x</title></head></html>', "a")
    assert page == (
        '<html><head lang="en"><meta http-equiv="Content-Security-Policy" content="a">'
        "<title>x</title></head></html>"
    )
    assert csp.with_meta(page, "b") == page.replace('content="a"', 'content="b"')
    assert csp.with_meta("<p>no head</p>", "a") is None
    assert csp.meta_tag('a "b" <c> & d') == (
        '<meta http-equiv="Content-Security-Policy" content="a &quot;b&quot; &lt;c&gt; &amp; d">'
    )


def test_quiz_forms_submit_nowhere_without_inline_script() -> None:
    page, count = csp.without_quiz_handlers(PAGE)
    assert count == 1
    assert '<form data-search-exclude method="dialog"><button' in page
    assert csp.scan_html(page).blocked == ()
    plain = '<form action="javascript:void(0);" onsubmit="return false;">'
    assert csp.without_quiz_handlers(plain) == ('<form method="dialog">', 1)
    # Anything else is left alone (and the scan reports it).
    other = '<form onsubmit="go()">'
    assert csp.without_quiz_handlers(other) == (other, 0)


def test_secure_site_hashes_every_page_and_writes_one_policy(tmp_path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "deep" / "page").mkdir(parents=True)
    (tmp_path / "deep" / "page" / "index.html").write_text(
        f"<html><head><meta charset=utf-8></head><body><script>{SPEC_SCRIPT}</script>",
        encoding="utf-8",
    )
    report = csp.secure_site(tmp_path)
    assert report.pages == 2 and report.rewritten == 1 and report.problems == []
    assert report.script_hashes == sorted(
        [csp.source_hash("var a = 1;"), csp.source_hash('import "./x.js";'), SPEC_HASH]
    )
    for path in (tmp_path / "index.html", tmp_path / "deep" / "page" / "index.html"):
        assert csp.meta_tag(report.policy) in path.read_text(encoding="utf-8")
    # Running again (a --dirty rebuild) changes nothing.
    before = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert csp.secure_site(tmp_path).policy == report.policy
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == before


def test_secure_site_reports_instead_of_raising(tmp_path) -> None:
    (tmp_path / "binary.html").write_bytes(b"\xff\xfe<html>")
    (tmp_path / "fragment.html").write_text("<p>no head</p>", encoding="utf-8")
    (tmp_path / "handler.html").write_text(
        "<html><head></head><body>\n<button onclick='x()'>x</button>", encoding="utf-8"
    )
    report = csp.secure_site(tmp_path)
    assert report.pages == 2
    assert [p.split(": ")[0] for p in report.problems] == [
        "binary.html:1",
        "handler.html:2",
        "fragment.html:1",
    ]
    assert "onclick= on <button>" in report.problems[1]
    assert csp.secure_site(tmp_path / "missing").pages == 0


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("value", "P\n"),
        ("header", "Content-Security-Policy: P; frame-ancestors 'none'\n"),
        ("netlify", "/*\n  Content-Security-Policy: P; frame-ancestors 'none'\n"),
        ("nginx", "add_header Content-Security-Policy \"P; frame-ancestors 'none'\" always;\n"),
        ("apache", "Header always set Content-Security-Policy \"P; frame-ancestors 'none'\"\n"),
    ],
)
def test_header_text_for_each_host(style, expected) -> None:
    assert csp.header_text("P", style) == expected


def test_header_text_frame_ancestors_and_bad_input() -> None:
    assert csp.header_text("P", "header", frame_ancestors="") == "Content-Security-Policy: P\n"
    assert csp.header_text("P", "header", frame_ancestors="'self' https://lms.example") == (
        "Content-Security-Policy: P; frame-ancestors 'self' https://lms.example\n"
    )
    with pytest.raises(ValueError, match="unknown format"):
        csp.header_text("P", "iis")
    with pytest.raises(ValueError, match="frame-ancestors"):
        csp.header_text("P", "nginx", frame_ancestors="'self'; script-src *")


def test_cli_prints_the_policy_of_a_built_site(tmp_path, capsys) -> None:
    built, _ = csp.without_quiz_handlers(PAGE)
    (tmp_path / "index.html").write_text(built, encoding="utf-8")
    assert main(["csp", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert csp.source_hash("var a = 1;") in out
    # Read-only: the page is not touched.
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == built
    assert main(["csp", str(tmp_path), "--format", "nginx", "--frame-ancestors", "'self'"]) == 0
    assert capsys.readouterr().out.startswith('add_header Content-Security-Policy "default-src')


def test_cli_refuses_a_folder_without_pages_and_bad_values(tmp_path, capsys) -> None:
    assert main(["csp", str(tmp_path / "missing")]) == 2
    assert "no built pages" in capsys.readouterr().err
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    assert main(["csp", str(tmp_path), "--format", "nginx", "--frame-ancestors", "a;b"]) == 2
    assert "frame-ancestors" in capsys.readouterr().err
    assert main(["csp", str(tmp_path), "--format", "iis"]) == 2
    # A page the policy would break: the policy is printed, the problem named, exit 1.
    capsys.readouterr()
    assert main(["csp", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("default-src 'self'")
    assert "index.html:11: onsubmit= on <form>" in captured.err
