"""Link and image rules: link text says where it goes, images have alt text, targets exist.

Sources: WCAG 2.2 SC 2.4.4 Link Purpose (In Context) and SC 1.1.1 Non-text Content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import unquote

from course.anatomy import VAGUE_LINK_TEXT
from course.parse import Page
from course.parse.markdown import attr_lists, html_tags, scheme
from course.report import Problem
from course.rules.headings import norm
from course.rules.registry import Project, check, problem

_ALT_ATTR = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.S)
_SRC_ATTR = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


@check("LINK001")
def link_text(page: Page) -> Iterator[Problem]:
    """Link text names the destination (not "here", "read more"...)."""
    for link in page.links:
        if link.kind != "link":
            continue
        # Emphasis is not parsed (see course.parse.markdown), so its markers are stripped here.
        words = norm(link.text).strip(" .,:;!?\u2026\"'()[]*_~")
        if not words or words in VAGUE_LINK_TEXT:
            yield problem("LINK001", page.path, link.line, text=link.text.strip())


@check("LINK004")
def image_alt(page: Page) -> Iterator[Problem]:
    """Every image, Markdown or ``<img>``, has alt text."""
    for link in page.links:
        if link.kind == "image" and not link.text.strip():
            yield problem("LINK004", page.path, link.line, target=link.url)
    for line, name, attrs in html_tags(page.markup_tokens):
        if name != "img":
            continue
        alt = _ALT_ATTR.search(attrs)
        if not alt or not alt.group(2).strip():
            src = _SRC_ATTR.search(attrs)
            yield problem("LINK004", page.path, line, target=src.group(1) if src else "<img>")


@check("LINK002", "LINK003", scope="course")
def link_targets(project: Project) -> Iterator[Problem]:
    """Relative links and anchors resolve (to a page, a file under docs/, or an id)."""
    pages, docs_dir = project.pages, project.docs_dir
    for page in pages.values():
        if not page.readable:
            continue
        folder = PurePosixPath(page.src_path).parent
        for link in page.links:
            line, href = link.line, link.url
            if not href or scheme(href) or href.startswith(("/", "//")):
                continue  # external, absolute (MkDocs warns) or empty
            target, _, anchor = href.partition("#")
            anchor = unquote(anchor)  # markdown-it percent-encodes; ids are as written
            target = target.split("?", 1)[0]
            if not target:
                target_page: Page | None = page
            else:
                resolved = _normalise(folder / unquote(target))
                if resolved is None or not (docs_dir / resolved).exists():
                    yield problem("LINK002", page.path, line, target=href)
                    continue
                target_page = pages.get(resolved)
            if (
                anchor
                and target_page is not None
                and target_page.readable
                and anchor not in target_page.anchors
            ):
                known = ", ".join(sorted(h.anchor for h in target_page.headings)[:6])
                yield problem(
                    "LINK003",
                    page.path,
                    line,
                    anchor=anchor,
                    page="this page" if target_page is page else target_page.path,
                    known=f" ({known})" if known else "",
                )


def _normalise(path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


@check("LINK005")
def remote_image(page: Page) -> Iterator[Problem]:
    """Images (Markdown or ``<img>``) load from the site itself: no other origin, so no
    third party learns who reads which lesson (the privacy promise in the README)."""
    for link in page.links:
        if link.kind == "image" and is_remote(link.url):
            yield problem("LINK005", page.path, link.line, target=link.url)
    for line, name, attrs in html_tags(page.markup_tokens):
        src = _SRC_ATTR.search(attrs) if name == "img" else None
        if src and is_remote(src.group(1)):
            yield problem("LINK005", page.path, line, target=src.group(1))
    # An attribute list can set an image's src ({ src="https://..." }), in any case.
    for line, attrs in attr_lists(page.markup_tokens):
        for name, value in attrs:
            if name == "src" and is_remote(value):
                yield problem("LINK005", page.path, line, target=value)


def is_remote(url: str) -> bool:
    """True for ``http:``, ``https:`` and protocol-relative (``//host``) URLs."""
    return scheme(url) in ("http", "https") or url.strip().startswith("//")
