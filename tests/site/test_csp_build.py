"""The Content-Security-Policy of the built course (hooks/csp.py, course.csp).

Read with BeautifulSoup, a parser of its own (not the scan the hook uses): every page
carries the same policy as its first ``<meta>`` after the charset; every inline script
that runs, on every page, has its hash in ``script-src``, and nothing else is allowed
inline; nothing in the pages needs what the policy refuses. Plus the hook's warnings in a
small strict build. The browser side (zero violations, an injected script blocked):
tests/browser/test_csp.py.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, BuildResult, run_build

from course.cli import main

# HTML: a <script> runs when its type is empty, a JavaScript MIME type, or module.
RUNS = {None, "", "text/javascript", "module"}


def _pages(built_site: BuildResult) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(built_site.site_dir).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(built_site.site_dir.rglob("*.html"))
    }


def _policy(soup: BeautifulSoup) -> str:
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return metas[0]["content"]


def _directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = sources
    return parsed


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def test_every_page_carries_the_same_policy_first_in_head(built_site: BuildResult) -> None:
    pages = _pages(built_site)
    assert "404.html" in pages and "index.html" in pages and len(pages) >= 29
    policies = set()
    for name, soup in pages.items():
        head = soup.find("head")
        first, second = head.find_all(True, recursive=False)[:2]
        assert first.name == "meta" and first.get("charset") == "utf-8", name
        assert second.name == "meta" and second.get("http-equiv") == "Content-Security-Policy", (
            f"{name}: the policy is not the first element after <meta charset>"
        )
        assert soup.body.find("meta", attrs={"http-equiv": True}) is None, name
        policies.add(_policy(soup))
    assert len(policies) == 1, "pages carry different policies"


def test_the_policy_allows_the_site_and_nothing_inline_but_its_own_scripts(
    built_site: BuildResult,
) -> None:
    directives = _directives(_policy(_pages(built_site)["index.html"]))
    hashes = directives.pop("script-src")
    assert hashes[0] == "'self'" and all(h.startswith("'sha256-") for h in hashes[1:])
    assert directives == {
        "default-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The offline service worker and Material's search worker (hooks/offline.py).
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_every_inline_script_of_every_page_has_its_hash_in_the_policy(
    built_site: BuildResult,
) -> None:
    pages = _pages(built_site)
    allowed = set(_directives(_policy(pages["index.html"]))["script-src"][1:])
    needed: dict[str, list[str]] = {}
    data_blocks = 0
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            if script.has_attr("src"):
                continue
            if script.get("type") not in RUNS:
                data_blocks += 1  # application/json: never run, so never checked
                continue
            needed.setdefault(_hash(script.string or ""), []).append(name)
    missing = {h: where[:3] for h, where in needed.items() if h not in allowed}
    assert missing == {}, "inline scripts whose hash is not in the policy"
    assert allowed == set(needed), "the policy lists hashes no page uses"
    assert data_blocks == len(pages)  # Material's __config on every page
    # Few distinct scripts, however many pages: Material's and ours per folder depth.
    assert len(allowed) <= 20


def test_no_page_holds_what_the_policy_blocks(built_site: BuildResult) -> None:
    found = []
    for name, soup in _pages(built_site).items():
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attribute.startswith("on"):
                    found.append(f"{name}: {attribute}= on <{tag.name}>")
                if text.strip().lower().startswith("javascript:"):
                    found.append(f"{name}: javascript: in {attribute}= of <{tag.name}>")
                if attribute == "style" and text.strip():
                    found.append(f"{name}: style= on <{tag.name}>")
        assert soup.find("style") is None, f"{name}: a <style> element"
    assert found == []


def test_quiz_forms_submit_nowhere(built_site: BuildResult) -> None:
    soup = _pages(built_site)["connection/pushing-breaks-connection/index.html"]
    forms = soup.select(".quiz form")
    assert forms and all(
        form.get("method") == "dialog" and not form.has_attr("action") for form in forms
    )


def test_course_csp_prints_the_policy_the_pages_carry(built_site: BuildResult, capsys) -> None:
    policy = _policy(_pages(built_site)["index.html"])
    assert main(["csp", str(built_site.site_dir)]) == 0
    assert capsys.readouterr().out == policy + "\n"
    assert main(["csp", str(built_site.site_dir), "--format", "netlify"]) == 0
    assert capsys.readouterr().out == (
        f"/*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n"
    )


# -- the hook in a small strict build ----------------------------------------------


def _small_site(root: Path, body: str) -> Path:
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(f"# Home\n\n{body}\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: CSP test\ntheme:\n  name: material\n  font: false\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'csp.py'}\n",
        encoding="utf-8",
    )
    return config


def test_the_hook_hashes_the_theme_scripts_of_any_site(tmp_path: Path) -> None:
    result = run_build(_small_site(tmp_path, "Plain text."), tmp_path / "site")
    assert result.ok, result.warnings
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text("utf-8"), "html.parser")
    allowed = _directives(_policy(soup))["script-src"]
    inline = [s for s in soup.find_all("script") if not s.has_attr("src")]
    assert all(_hash(s.string or "") in allowed for s in inline if s.get("type") in RUNS)


def test_markup_the_policy_blocks_fails_the_strict_build(tmp_path: Path) -> None:
    body = '<p onclick="alert(1)">Click</p>\n\n<a href="javascript:alert(2)">Run</a>'
    result = run_build(_small_site(tmp_path, body), tmp_path / "site")
    assert not result.ok
    messages = "\n".join(result.warnings)
    assert "index.html:" in messages
    assert "onclick= on <p>: the Content-Security-Policy (script-src) blocks it" in messages
    assert "javascript: URL in href= of <a>" in messages
