"""The site's Content-Security-Policy: hashes of its inline scripts, and the ``<meta>`` per page.

The site is static, so the policy cannot carry a per-response nonce: it allows scripts
from the site itself (``'self'``) and the inline scripts the build wrote, by the SHA-256
hash of their text. Every page carries the hashes of *every* inline script of the site,
because Material's instant navigation swaps the next page's content into the current
document and runs its inline scripts there, under the policy of the page the learner
arrived on.

The pipe::

    built *.html ─► scan_html (inline scripts, <style>s, what the policy would block)
                 ─► source_hash per script ─► build_policy ─► with_meta into every page

Sources of the rules:

- CSP Level 3 (W3C Working Draft, w3.org/TR/CSP3/): the directives and their fallbacks
  (§6), hash sources ``'sha256-<base64>'`` matched against an inline script's text
  (§6.7.2.5 "Does element match source list for type and source?", §8.4), inline event
  handlers and ``javascript:`` URLs as inline script (§4.2.3, §4.2.4), and what a policy
  delivered by ``<meta>`` ignores (``frame-ancestors``, ``report-uri``, ``sandbox``;
  §3.3). Only a policy that is parsed before an element applies to it, so the
  ``<meta>`` goes first in ``<head>``, right after ``<meta charset>`` (which must come in
  the first 1024 bytes).
- HTML Living Standard (html.spec.whatwg.org): which ``<script>`` types run (``prepare
  the script element``; a data block such as ``application/json`` never runs, so it
  needs no hash), the JavaScript MIME type essences, the source text of a script (the
  raw text up to ``</script``, no character references decoded, newlines normalised to
  LF by the input stream), and ``method="dialog"``: a form outside a ``<dialog>``
  submits nowhere.

Never imports MkDocs: ``hooks/csp.py`` calls :func:`secure_site` after the build, and
``course csp`` (:mod:`course.cli`) prints the same policy for a server header.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DIRECTIVES",
    "FORMATS",
    "Blocked",
    "InlineScript",
    "PageScan",
    "QUIZ_FORM",
    "QUIZ_FORM_SAFE",
    "SiteReport",
    "build_policy",
    "collect_site",
    "header_text",
    "meta_tag",
    "scan_html",
    "secure_site",
    "source_hash",
    "with_meta",
    "without_quiz_handlers",
]

#: The policy's directives in the order written, with their fixed sources and why
#: (``script-src`` and ``style-src`` also get the site's inline hashes). Anything beyond
#: ``'self'`` is an exception that needs its reason here and in
#: tools/decisions/0012-content-security-policy.md.
DIRECTIVES: tuple[tuple[str, str, str], ...] = (
    ("default-src", "'self'", "anything not named below: the site only"),
    ("script-src", "'self'", "the site's files, plus the hashes of its inline scripts"),
    ("style-src", "'self'", "the site's stylesheets, plus the hashes of any <style> elements"),
    (
        "img-src",
        "'self' data:",
        "data: for Material's icons, which its stylesheet draws as data:image/svg+xml masks",
    ),
    ("font-src", "'self'", "the theme uses the system fonts (font: false); nothing else"),
    ("connect-src", "'self'", "course.json, the search index, instant navigation's fetches"),
    (
        "worker-src",
        "'self'",
        "the offline service worker (sw.js) and Material's search worker: the site's files",
    ),
    ("object-src", "'none'", "no plugins (<object>, <embed>) at all"),
    ("base-uri", "'self'", "a <base> cannot point relative URLs elsewhere"),
    ("form-action", "'self'", "forms submit to the site only (quiz forms submit nowhere)"),
)

#: ``course csp --format`` names -> what they print (see :func:`header_text`).
FORMATS = ("value", "header", "netlify", "nginx", "apache")

# HTML: "JavaScript MIME type essence match" (compared ASCII-case-insensitively, whole
# string: "text/javascript; charset=utf-8" is *not* a match and makes a data block).
_JS_MIME = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
# Types that are not JavaScript but are still inline script under CSP (HTML "prepare
# the script element": the CSP check comes before the type-specific steps). Chromium
# also runs speculation rules.
_OTHER_RUN_TYPES = frozenset({"module", "importmap", "speculationrules"})
# Attributes that hold a URL a browser may navigate to or load (javascript: runs there).
_URL_ATTRIBUTES = frozenset(
    {"action", "background", "cite", "data", "formaction", "href", "poster", "src", "xlink:href"}
)

# One token of the HTML, in document order: a comment, or a start tag (attribute values
# may hold ">" inside quotes). Raw-text elements are skipped to their end tag by hand.
# Each step of the attribute text has one way to go (its first character decides), so
# the possessive quantifiers match what plain ones would, without backtracking into runs.
_TOKEN = re.compile(
    r"<!--.*?-->|<(?P<name>[A-Za-z][^\s/>]*)"
    r"(?P<attrs>(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>",
    re.DOTALL,
)
_ATTR = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?"
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
_END_TAGS = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _RAW_TEXT}
# An attribute name starts after one of these (HTML tokenizer: whitespace, "/", or right
# after a quoted value); with "on" after it, it may be an event handler.
_HANDLER_STARTS = tuple(separator + "on" for separator in " \t\n\f\r/\"'")

#: mkdocs-quiz 1.x renders every quiz's form with both of these (plugin.py, choice and
#: fill-in-the-blank): script in an attribute and a javascript: URL, both inline script.
#: hooks/quiz_assets.py adds data-search-exclude after "<form"; other attributes are kept.
QUIZ_FORM = re.compile(
    r'<form(?P<before>(?: [a-z-]+(?:="[^"]*")?)*?) action="javascript:void\(0\);" '
    r'onsubmit="return false;"(?P<after>(?: [a-z-]+(?:="[^"]*")?)*)>'
)
#: What a quiz form's two attributes become: method="dialog" outside a <dialog> submits
#: nowhere (HTML, "form submission algorithm"), which is what they did; the submit event
#: still fires, and quiz.js handles it (preventDefault) as before.
QUIZ_FORM_SAFE = r'<form\g<before> method="dialog"\g<after>>'

# The tag with_meta wrote, with the line break and indent it wrote before it.
_META = re.compile(r'(?:\n[ \t]*)?<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_META_START = '<meta http-equiv="Content-Security-Policy" content="'
_CHARSET = re.compile(r"<meta charset=[\"']?[A-Za-z0-9_-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


@dataclass(frozen=True)
class InlineScript:
    """One ``<script>`` without ``src`` in a page.

    Attributes:
        text: Its source text, exactly as between its tags (no character references
            decoded; :func:`source_hash` normalises the newlines as the browser does).
        kind: ``"classic"``, ``"module"``, ``"importmap"``, ``"speculationrules"`` (all
            checked against ``script-src``) or ``"data"`` (a data block such as
            ``application/json``: never run, never checked, no hash needed).
        line: 1-based line of its ``<script>`` tag.
    """

    text: str
    kind: str
    line: int

    @property
    def runs(self) -> bool:
        """True when the browser checks it against ``script-src`` (anything but data)."""
        return self.kind != "data"


@dataclass(frozen=True)
class Blocked:
    """Something in a page that the policy blocks by design.

    Attributes:
        line: 1-based line in the page.
        what: Which markup, e.g. ``"onclick= on <button>"``.
        directive: The directive that blocks it (``"script-src"``, ``"style-src"``).
    """

    line: int
    what: str
    directive: str


@dataclass(frozen=True)
class PageScan:
    """What :func:`scan_html` found in one page.

    Attributes:
        scripts: Every inline ``<script>``, in document order (data blocks included).
        styles: The text of every ``<style>`` element (normalised like scripts).
        blocked: Event-handler attributes, ``javascript:`` URLs and ``style=`` attributes:
            a hash cannot allow them (that would take ``'unsafe-hashes'``).
        unsure: Lines of inline scripts whose end a simple scan cannot be sure of
            (``<!--`` inside the script text changes where HTML ends it).
    """

    scripts: tuple[InlineScript, ...] = ()
    styles: tuple[str, ...] = ()
    blocked: tuple[Blocked, ...] = ()
    unsure: tuple[int, ...] = ()


@dataclass
class SiteReport:
    """The policy of a built site and what stands in its way.

    Attributes:
        policy: The policy string (the same for every page).
        pages: How many ``*.html`` files were read.
        script_hashes: Distinct ``'sha256-…'`` sources of the inline scripts that run.
        style_hashes: Distinct ``'sha256-…'`` sources of the ``<style>`` elements.
        rewritten: Quiz forms made safe (:func:`without_quiz_handlers`).
        problems: ``"<page>:<line>: <message>"`` lines, page paths relative to the site
            folder with forward slashes. Empty when every page works under the policy.
    """

    policy: str = ""
    pages: int = 0
    script_hashes: list[str] = field(default_factory=list)
    style_hashes: list[str] = field(default_factory=list)
    rewritten: int = 0
    problems: list[str] = field(default_factory=list)


def source_hash(text: str) -> str:
    """The CSP hash source that allows an inline script or style with ``text``.

    ``text`` is the element's text as it appears between its tags in the HTML (no
    character references decoded: scripts and styles are raw text). The browser hashes
    the UTF-8 bytes of that text after its input stream normalised CRLF and lone CR to
    LF and the tokenizer replaced NUL by U+FFFD, so the same is done here. Returns
    ``"'sha256-<base64>'"`` (CSP3 §2.3.1 hash-source, §8.4). Never raises for a ``str``.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    digest = hashlib.sha256(normalised.encode("utf-8", errors="surrogatepass")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def scan_html(text: str) -> PageScan:
    """Inline scripts, ``<style>`` elements and what the policy blocks in one HTML page.

    ``text`` is the page as written to disk, decoded. A scan of tags, not a full HTML
    parser: enough for the HTML MkDocs, the theme and the plugins write (quoted
    attribute values may hold ``>``; comments are skipped; the text of ``<script>``,
    ``<style>``, ``<textarea>`` and ``<title>`` runs to its end tag). Which scripts run
    follows HTML's "prepare the script element" (the ``type``, then ``language``
    attribute). Never raises for a ``str``; an unclosed ``<script>`` runs to the end of
    the page, as it does in a browser.
    """
    scripts: list[InlineScript] = []
    styles: list[str] = []
    blocked: list[Blocked] = []
    unsure: list[int] = []
    counted, line = 0, 1  # line numbers counted forward, once over the page
    tokens = _TOKEN.finditer(text)
    while (token := next(tokens, None)) is not None:
        name = token["name"]
        if name is None:
            continue  # a comment
        raw = token["attrs"]
        name = name.lower()
        raw_text = name in _RAW_TEXT
        if not raw_text and not _suspect(raw):
            continue
        line += text.count("\n", counted, token.start())
        counted = token.start()
        attributes = _attributes(raw)
        blocked.extend(_blocked(name, attributes, line))
        if not raw_text:
            continue
        # The element's text runs to its end tag; tokens resume after it.
        end = _END_TAGS[name].search(text, token.end())
        stop = end.start() if end else len(text)
        body = text[token.end() : stop]
        tokens = _TOKEN.finditer(text, stop)
        if name == "script" and "src" not in attributes:
            scripts.append(InlineScript(body, _script_kind(attributes), line))
            if "<!--" in body:
                unsure.append(line)
        elif name == "style":
            styles.append(body)
    return PageScan(tuple(scripts), tuple(styles), tuple(blocked), tuple(unsure))


def build_policy(script_hashes: Iterable[str] = (), style_hashes: Iterable[str] = ()) -> str:
    """The policy string: :data:`DIRECTIVES` with the hashes added, ``; ``-separated.

    ``script_hashes`` and ``style_hashes`` are hash sources as :func:`source_hash` returns
    them; duplicates are dropped and they are sorted, so the same site always gives the
    same string (CSP3 §2.2 policy grammar: ``directive-name SP source-list``, directives
    joined by ``;``).

    Raises:
        ValueError: A hash source is not ``'sha256-<base64>'`` (or sha384, sha512).
    """
    sources = {"script-src": sorted(set(script_hashes)), "style-src": sorted(set(style_hashes))}
    for found in sources.values():
        bad = [value for value in found if not _HASH_SOURCE.fullmatch(value)]
        if bad:
            raise ValueError(f"not a CSP hash source: {bad[0]!r}")
    return "; ".join(
        " ".join([name, fixed, *sources.get(name, [])]) for name, fixed, _reason in DIRECTIVES
    )


def meta_tag(policy: str) -> str:
    """``<meta http-equiv="Content-Security-Policy" content="…">`` for ``policy``.

    ``&``, ``<``, ``>`` and ``"`` are escaped for the double-quoted attribute; the single
    quotes of the policy's keywords stay as they are.
    """
    escaped = html.escape(policy, quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{escaped}">'


def with_meta(text: str, policy: str) -> str | None:
    """``text`` (an HTML page) with the policy's ``<meta>`` first in its ``<head>``.

    The tag goes on the line after ``<meta charset>`` when the head starts with it,
    otherwise right after ``<head>``: a ``<meta>`` policy only governs what the parser meets after
    it (CSP3 §3.3). A ``<meta>`` this function wrote before (a ``--dirty`` rebuild) is
    replaced, so running twice gives the same page. Returns None when the page has no
    ``<head>`` tag (nothing is written then).
    """
    head = _HEAD.search(text)
    if head is None:
        return None
    if _META_START in text:  # every match holds it: skip the scan of a page without one
        text = text[: head.end()] + _META.sub("", text[head.end() :], count=1)
    first = re.compile(r"\s*").match(text, head.end())
    charset = _CHARSET.match(text, first.end() if first else head.end())
    if charset is None:
        return text[: head.end()] + meta_tag(policy) + text[head.end() :]
    # On a line of its own, indented like the <meta charset> line.
    line_start = text.rfind("\n", 0, charset.start()) + 1
    indent = re.match(r"[ \t]*", text[line_start : charset.start()]).group()
    return text[: charset.end()] + "\n" + indent + meta_tag(policy) + text[charset.end() :]


def without_quiz_handlers(text: str) -> tuple[str, int]:
    """``text`` with mkdocs-quiz's form attributes replaced; returns (page, forms changed).

    The plugin writes ``action="javascript:void(0);" onsubmit="return false;"`` on every
    quiz form so that submitting never leaves the page; both are inline script under
    CSP3 (§4.2.3 inline handlers, §4.2.4 ``javascript:`` navigation). ``method="dialog"``
    does the same without script (HTML "form submission algorithm": a dialog form with
    no ``<dialog>`` ancestor is not submitted), and the plugin's own ``submit`` listener
    (quiz.js) still receives the event. Other markup is left alone.
    """
    return QUIZ_FORM.subn(QUIZ_FORM_SAFE, text)


def collect_site(site_dir: Path, *, rewrite: bool = False) -> tuple[SiteReport, dict[Path, str]]:
    """Read every ``*.html`` under ``site_dir`` and compute the site's policy.

    With ``rewrite``, quiz forms are made safe first (:func:`without_quiz_handlers`), in
    memory. Returns the report (policy, hashes, problems) and every page's text by path,
    for :func:`secure_site` to write. A page that cannot be read or decoded as UTF-8 is a
    problem, not an exception; a missing folder gives a report with no pages.
    """
    report = SiteReport()
    pages: dict[Path, str] = {}
    scripts: set[str] = set()
    styles: set[str] = set()
    for path in sorted(site_dir.rglob("*.html")) if site_dir.is_dir() else []:
        label = path.relative_to(site_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            report.problems.append(f"{label}:1: cannot be read as UTF-8 ({exc})")
            continue
        if rewrite:
            text, changed = without_quiz_handlers(text)
            report.rewritten += changed
        pages[path] = text
        scan = scan_html(text)
        scripts.update(source_hash(script.text) for script in scan.scripts if script.runs)
        styles.update(source_hash(style) for style in scan.styles)
        for item in scan.blocked:
            report.problems.append(
                f"{label}:{item.line}: {item.what}: the Content-Security-Policy "
                f"({item.directive}) blocks it; use a listener in a script file "
                "(or a class in a stylesheet) instead"
            )
        for line in scan.unsure:
            report.problems.append(
                f"{label}:{line}: inline <script> holds '<!--', so where it ends depends on "
                "the HTML parser's escape states and its hash may not match; remove the '<!--'"
            )
    report.pages = len(pages)
    report.script_hashes = sorted(scripts)
    report.style_hashes = sorted(styles)
    report.policy = build_policy(report.script_hashes, report.style_hashes)
    return report, pages


def secure_site(site_dir: Path) -> SiteReport:
    """Give every page of the built site at ``site_dir`` the site's policy as a ``<meta>``.

    Two passes, because every page must list the inline scripts of every page (instant
    navigation, see the module docstring): :func:`collect_site` reads every page as
    written to disk (so the hashes are of the final bytes, after every other hook), then
    each page is written back with :func:`with_meta`. A page without ``<head>`` or one
    that cannot be written is a problem in the report; nothing raises.
    """
    report, pages = collect_site(site_dir, rewrite=True)
    for path, text in pages.items():
        label = path.relative_to(site_dir).as_posix()
        updated = with_meta(text, report.policy)
        if updated is None:
            report.problems.append(f"{label}:1: has no <head>, so it carries no policy")
            continue
        try:
            path.write_text(updated, encoding="utf-8")
        except OSError as exc:
            report.problems.append(f"{label}:1: cannot be written ({exc})")
    return report


def header_text(policy: str, style: str = "value", *, frame_ancestors: str = "'none'") -> str:
    """``policy`` as a host would be told to send it as an HTTP header.

    ``style`` is one of :data:`FORMATS`: ``value`` (the bare policy, as in the pages'
    ``<meta>``), ``header`` (``Content-Security-Policy: …``), ``netlify`` (a ``_headers``
    file, read by Netlify and Cloudflare Pages), ``nginx`` (``add_header``) or ``apache``
    (``Header always set``, mod_headers). Every style but ``value`` adds
    ``frame-ancestors`` (``frame_ancestors``, e.g. ``'none'`` or ``'self'
    https://lms.example``; empty to leave it out), which only a header can carry
    (CSP3 §3.3, §6.4.2). Returns the text with a final newline.

    Raises:
        ValueError: An unknown ``style``, or a ``frame_ancestors`` that would break the
            header (``;``, ``,``, ``"`` or a control character; CSP3 §2.2).
    """
    if style not in FORMATS:
        raise ValueError(f"unknown format {style!r}; use one of {', '.join(FORMATS)}")
    if style == "value":
        return policy + "\n"
    if _UNSAFE_VALUE.search(frame_ancestors):
        raise ValueError(
            f"frame-ancestors sources must not hold ';', ',', '\"' or controls: {frame_ancestors!r}"
        )
    sources = frame_ancestors.strip()
    full = policy + (f"; frame-ancestors {sources}" if sources else "")
    if style == "header":
        return f"Content-Security-Policy: {full}\n"
    if style == "netlify":
        return f"/*\n  Content-Security-Policy: {full}\n"
    if style == "nginx":
        return f'add_header Content-Security-Policy "{full}" always;\n'
    return f'Header always set Content-Security-Policy "{full}"\n'


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

_HASH_SOURCE = re.compile(r"'sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}'")
_UNSAFE_VALUE = re.compile(r"[;,\"\x00-\x1f\x7f]")


def _suspect(attributes: str) -> bool:
    """False when a start tag's attribute text cannot hold a handler (a name starting
    with "on"), a ``style=`` or a ``javascript:`` URL (a scheme needs ":" or a character
    reference): most tags of a page, skipped without parsing their attributes."""
    if ":" in attributes or "&" in attributes:
        return True
    lowered = attributes.lower()
    if "style" in lowered:
        return True
    return "on" in lowered and any(start in lowered for start in _HANDLER_STARTS)


def _attributes(source: str) -> dict[str, str]:
    """A start tag's attributes: lower-case name -> value with character references
    decoded (the first of a repeated name wins, as in HTML)."""
    found: dict[str, str] = {}
    for match in _ATTR.finditer(source):
        name = match["name"].lower()
        if name in found:
            continue
        value = match["dq"] if match["dq"] is not None else match["sq"]
        if value is None:
            value = match["uq"] or ""
        found[name] = html.unescape(value)
    return found


def _script_kind(attributes: dict[str, str]) -> str:
    """``classic``, ``module``, ``importmap``, ``speculationrules`` or ``data``, per HTML's
    "prepare the script element" (type, else ``text/`` + language, else classic)."""
    kind = attributes.get("type")
    if kind is None or kind == "":
        language = attributes.get("language")
        if kind is None and language:
            kind = "text/" + language
        else:
            return "classic"
    kind = kind.strip(" \t\n\f\r").lower()
    if kind in _JS_MIME:
        return "classic"
    return kind if kind in _OTHER_RUN_TYPES else "data"


def _blocked(tag: str, attributes: dict[str, str], line: int) -> list[Blocked]:
    """What in one start tag the policy blocks: ``on*=`` handlers, ``javascript:`` URLs
    (after URL parsing drops leading controls and spaces and any tab or newline) and
    ``style=`` attributes."""
    found = []
    for name, value in attributes.items():
        if name.startswith("on"):
            found.append(Blocked(line, f"{name}= on <{tag}>", "script-src"))
        elif name in _URL_ATTRIBUTES:
            url = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))
            if url.lower().startswith("javascript:"):
                found.append(Blocked(line, f"javascript: URL in {name}= of <{tag}>", "script-src"))
        elif name == "style" and value.strip():
            found.append(Blocked(line, f"style= on <{tag}>", "style-src"))
    return found
