"""Static versions of the Lighthouse audits the pages once failed (issue 8).

``make bench`` runs Lighthouse itself (slow, needs Node); these checks catch the
same regressions in ``make test`` from the built HTML alone:

- every ``role="dialog"`` has an accessible name (aria-dialog-name; Material's
  search dialog had none, overrides/partials/search.html adds it);
- ``<html lang>``, a ``<title>``, a viewport and a canonical link on every page;
- mkdocs-quiz's CSS and JavaScript are not inlined into pages any more
  (hooks/quiz_assets.py) and our own scripts are minified (hooks/minify.py).
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import BuildResult
from mkdocs_quiz import plugin as quiz_plugin


def _pages(built_site: BuildResult):
    for path in sorted(built_site.site_dir.rglob("*.html")):
        yield path.relative_to(built_site.site_dir), path.read_text(encoding="utf-8")


def test_every_dialog_has_an_accessible_name(built_site: BuildResult) -> None:
    checked = 0
    for rel, html in _pages(built_site):
        soup = BeautifulSoup(html, "html.parser")
        for dialog in soup.find_all(attrs={"role": ["dialog", "alertdialog"]}):
            checked += 1
            name = dialog.get("aria-label", "").strip() or dialog.get("aria-labelledby", "")
            assert name, f"{rel}: <{dialog.name} class={dialog.get('class')}> has no name"
    assert checked > 20  # the search dialog is on every page


def test_every_page_has_lang_title_viewport_and_canonical(built_site: BuildResult) -> None:
    for rel, html in _pages(built_site):
        if rel.name == "404.html":
            continue
        soup = BeautifulSoup(html, "html.parser")
        assert soup.html.get("lang") == "en", rel
        assert soup.title and soup.title.get_text(strip=True), rel
        assert soup.find("meta", attrs={"name": "viewport"}), rel
        canonical = soup.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith(("http://", "https://")), rel


def test_quiz_assets_are_files_not_inlined(built_site: BuildResult) -> None:
    for rel, html in _pages(built_site):
        assert quiz_plugin.js_script not in html, f"{rel}: quiz.js inlined"
        assert quiz_plugin.style not in html, f"{rel}: quiz.css inlined"
        assert quiz_plugin.confetti_lib_script not in html, f"{rel}: confetti inlined"
    assert (built_site.site_dir / "assets" / "quiz" / "quiz.js").is_file()


def test_our_scripts_are_minified_in_the_site(built_site: BuildResult) -> None:
    from conftest import ROOT

    sources = sorted((ROOT / "docs" / "assets" / "js").glob("*.js"))
    assert sources
    for source in sources:
        built = built_site.site_dir / "assets" / "js" / source.name
        text = built.read_text(encoding="utf-8")
        assert len(text) < len(source.read_text(encoding="utf-8")), source.name
        assert "\n  " not in text, f"{source.name}: indentation left in the built file"


def test_search_index_holds_teaching_text_not_answers_or_navigation(
    built_site: BuildResult,
) -> None:
    """Quizzes, worked examples, the Next step block and the generated lesson
    lists stay out of search/search_index.json (hooks/search_scope.py,
    quiz_assets.py, lesson_nav.py, course_pages.py): every search downloads it."""
    import json

    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    course = json.loads((built_site.site_dir / "course.json").read_text("utf-8"))
    checked = 0
    for lesson in course["lessons"].values():
        html = (built_site.site_dir / lesson["url"] / "index.html").read_text("utf-8")
        article = BeautifulSoup(html, "html.parser").find("article")
        # The first paragraph of the lesson's own text (the intro at the top,
        # "Lesson N of M", is left out of the index on purpose).
        first = next(
            p for p in article.find_all("p") if not p.find_parent(attrs={"data-search-exclude": True})
        ).get_text(" ", strip=True)
        assert first[:60] in text, f"{lesson['url']}: the lesson's text is not indexed"
        for selector in ("details.example p", ".quiz-question p", ".sac-next__status"):
            for node in article.select(selector):
                words = node.get_text(" ", strip=True)
                assert words[:60] not in text, f"{lesson['url']}: {selector} {words[:60]!r}"
                checked += 1
    assert checked > 50
    assert "Continue where you left off" not in text
