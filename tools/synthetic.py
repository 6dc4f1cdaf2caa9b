"""Generate a synthetic course of valid lessons, for benchmarks.

API (``tools.bench`` and ``tools.bench.validation`` import it)::

    from tools.synthetic import write_course

    config = write_course(target, lessons=1000, modules=None, hooks=True,
                          theme="material", repo=ROOT)
    # -> Path of target/mkdocs.yml; target/docs/ holds the course

- ``target``: folder to write into (created; existing files with the same names
  are overwritten, nothing else is touched).
- ``lessons``: number of lessons (>= 1), spread evenly over ``modules`` modules
  (default: one module per 25 lessons, at least 1).
- ``hooks``: include the project's hooks (``hooks/lesson_checks.py`` and
  ``hooks/course_pages.py`` by absolute path) under ``hooks:``; False writes the
  same site without the ``hooks:`` entry (for measuring hook overhead).
- ``theme``: ``"material"`` (like the real site) or ``"mkdocs"`` (faster builds).
- ``repo``: the repository root whose ``hooks/`` are used.

Every lesson follows the lesson anatomy (``make check`` reports nothing): front
matter with title, description, duration, objectives and which objective each quiz
assesses; 300-450 words of prose in two sections; ``## Try it`` (its time first, a
collapsed worked answer after it), ``## Key takeaways`` (three bullets) and
``## Check your understanding`` with two or three choice quizzes, each option
explained. The text is varied deterministically (no randomness) so that runs are
comparable. Raises ``ValueError`` for ``lessons < 1``.

Run as a script: ``python -m tools.synthetic TARGET [LESSONS]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository

__all__ = ["write_course", "lesson_text"]

_PEOPLE = ["Dana", "Omar", "Priya", "Lena", "Tomas", "Aiko", "Bruno", "Keisha", "Ravi", "Sofia"]
_SHOPS = [
    "Pinecrest Tiles",
    "Harbor Bikes",
    "Maple Office Supply",
    "Blue Fern Florists",
    "Northgate Paints",
    "Riverside Books",
    "Summit Coffee Carts",
    "Oakline Rentals",
]
_TOPICS = [
    "open questions",
    "quiet listening",
    "honest follow-up",
    "small favors",
    "clear prices",
    "patient answers",
    "useful advice",
    "kept promises",
]
_SENTENCES = [
    "{person} works at {shop} and talks with customers all day.",
    "A customer arrives with a problem that looks simple at first.",
    "The quick move would be to name a product and a price right away.",
    "{person} asks a question first and listens to the whole answer.",
    "The answer shows that the real need is different from the first request.",
    "Because of that question, the customer leaves with the right thing.",
    "Nobody felt pushed, and the customer remembers how the talk felt.",
    "Next month the same customer comes back and brings a friend.",
    "Trust grows from many small moments like this one, not from one big pitch.",
    "When you practice {topic}, you give before you ask for anything.",
]


def _paragraph(number: int, offset: int, person: str, shop: str, topic: str) -> str:
    words = []
    for index in range(8):
        sentence = _SENTENCES[(number + offset + index) % len(_SENTENCES)]
        words.append(sentence.format(person=person, shop=shop, topic=topic))
    return " ".join(words)


def lesson_text(number: int) -> str:
    """The Markdown of synthetic lesson ``number`` (0-based); valid under every rule."""
    person = _PEOPLE[number % len(_PEOPLE)]
    shop = _SHOPS[(number // 3) % len(_SHOPS)]
    topic = _TOPICS[(number // 7) % len(_TOPICS)]
    paragraphs = 3 + number % 2
    intro = "\n\n".join(_paragraph(number, i * 3, person, shop, topic) for i in range(paragraphs))
    more = _paragraph(number, 5, person, shop, topic)
    quizzes = []
    count = 2 + number % 2
    for q in range(count):
        quizzes.append(
            "<quiz>\n"
            f"{person} meets a customer at {shop}. What should {person} do first (case {q + 1})?\n"
            f"- [x] Ask a question about the customer's need\n"
            f"> The answer shows what would really help.\n"
            f"- [ ] Name the most expensive product\n"
            f"> That is a guess, and it feels like pushing.\n"
            f"- [ ] Talk about {shop} for five minutes\n"
            f"> It makes the talk about {shop}, not about the customer.\n"
            "</quiz>\n"
        )
    return (
        "---\n"
        f'title: "Synthetic lesson {number + 1:04d} on {topic}"\n'
        f"description: A generated lesson for benchmarks about {topic} at {shop}, "
        "written to meet every lesson rule.\n"
        "duration: 7\n"
        "objectives:\n"
        f"  - Practice {topic} with a customer\n"
        "  - Notice when a suggestion comes too early\n"
        f"assesses: [{', '.join(str(1 + q % 2) for q in range(count))}]\n"
        "audience: [sales, service]\n"
        "---\n\n"
        f"{intro}\n\n"
        f"## Why {topic} work\n\n{more}\n\n"
        "## Try it\n\n"
        "**Time:** about 3 minutes.\n\n"
        f"In your next customer conversation, try {topic} once and note what you learn.\n\n"
        '??? example "A worked answer"\n\n'
        f"    {person} asked what the customer needed before naming a product, "
        "and the customer said more than expected.\n\n"
        "## Key takeaways\n\n"
        f"- Start with {topic}, not with a pitch.\n"
        "- Listen to the whole answer before you suggest anything.\n"
        "- Small acts of help build trust that lasts.\n\n"
        "## Check your understanding\n\n" + "\n".join(quizzes)
    )


def write_course(
    target: Path,
    lessons: int,
    modules: int | None = None,
    *,
    hooks: bool = True,
    theme: str = "material",
    repo: Path = ROOT,
) -> Path:
    """Write a synthetic course; see the module docstring. Returns ``target/mkdocs.yml``."""
    if lessons < 1:
        raise ValueError("lessons must be at least 1")
    modules = modules or max(1, lessons // 25)
    docs = Path(target) / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(
        "---\ntitle: Synthetic course\ndescription: A generated course for benchmarks.\n---\n\n"
        "# Synthetic course\n\nA generated course used to measure checks and builds.\n",
        encoding="utf-8",
    )
    nav = ["nav:", "  - Home: index.md"]
    per_module = -(-lessons // modules)
    for m in range(modules):
        folder = f"module-{m + 1:03d}"
        first, last = m * per_module, min(lessons, (m + 1) * per_module)
        if first >= last:
            break
        (docs / folder).mkdir(exist_ok=True)
        (docs / folder / "index.md").write_text(
            f"---\ntitle: Module {m + 1}\ndescription: Generated module {m + 1}.\n---\n\n"
            f"# Module {m + 1}\n\nThe lessons of generated module {m + 1}.\n\n"
            "## Lessons\n\n<!-- lesson-list -->\n",
            encoding="utf-8",
        )
        nav += [f"  - Module {m + 1}:", f"      - {folder}/index.md"]
        for n in range(first, last):
            name = f"lesson-{n + 1:04d}.md"
            (docs / folder / name).write_text(lesson_text(n), encoding="utf-8")
            nav.append(f"      - {folder}/{name}")
    config = [
        "site_name: Synthetic course",
        f"theme:\n  name: {theme}",
        "plugins:\n  - search\n  - mkdocs_quiz",
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - toc:\n      permalink: true",
    ]
    if hooks:
        config.append(
            "hooks:\n"
            f"  - {repo / 'hooks' / 'lesson_checks.py'}\n"
            f"  - {repo / 'hooks' / 'course_pages.py'}"
        )
    path = Path(target) / "mkdocs.yml"
    path.write_text("\n".join(config + nav) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.synthetic TARGET [LESSONS]``: write a course (1000 lessons by
    default), print the path of its mkdocs.yml; exit 2 on wrong arguments (argparse
    says which)."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.synthetic", description=__doc__.strip().splitlines()[0]
    )
    parser.add_argument("target", type=Path, help="folder to write the course into")
    parser.add_argument(
        "lessons", type=int, nargs="?", default=1000, help="number of lessons (default 1000)"
    )
    args = parser.parse_args(argv)
    if args.lessons < 1:
        parser.error("LESSONS must be at least 1")
    print(write_course(args.target, args.lessons))
    return 0


if __name__ == "__main__":
    sys.exit(main())
