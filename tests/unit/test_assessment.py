"""Module checks and the final assessment: the rules ASSESS001-ASSESS005, the model and
the bank the build writes (src/course/rules/assessment.py, src/course/model.py,
src/course/assessment.py; issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import fixture_bytes, write_case_course

from course.assessment import BankSettings, wrap_bank
from course.config import load_config
from course.model import load_course
from course.rules import check_course

SCENES = [
    ("Ada runs a tile shop. A builder asks for the cheapest grout she has.", "grout"),
    ("Ben sells phones. A caller wants the newest model before a trip abroad.", "phone"),
    ("Cleo answers chats for an internet company. A customer is angry about outages.", "chat"),
    ("Dev calls a bakery about a new oven. The owner says she is busy today.", "oven"),
    ("Eli serves a couple at a furniture store. One of them asks all the questions.", "sofa"),
    ("Fay takes over a client list. A client says the last rep oversold them.", "list"),
]


def quiz(n: int) -> str:
    scene, word = SCENES[n % len(SCENES)]
    return (
        "<quiz>\n"
        f"{scene} Question {n} about the {word}: what should happen next?\n"
        f"- [x] Ask one open question about the {word} first\n"
        "> The client explains what the job needs, so the answer fits.\n"
        f"- [ ] Name the best-selling {word} and its full price tag\n"
        "> The client hears a guess and stops telling the story.\n"
        f"- [ ] Offer a discount on the {word} right away\n"
        "> The client wonders what the real price is now.\n"
        f"- [ ] Send a brochure about the {word} by email\n"
        "> The client gets paper instead of an answer today.\n"
        "</quiz>\n"
    )


def module_check(count: int = 6, front: str = "") -> str:
    head = front or (
        "title: 'Module check: Practice'\n"
        "description: Six questions that mix the lessons of the practice module, pass mark 80.\n"
        "assessment: module\npass_mark: 80\nscripts:\n  - assets/js/assessment.js\n"
    )
    body = "\n".join(quiz(n) for n in range(count))
    return f"---\n{head}---\n\nSix new questions.\n\n{body}"


def final(sections: dict[str, int] | None = None, before: int = 0) -> str:
    head = (
        "---\ntitle: Final assessment\n"
        "description: Twelve questions drawn from a bank of all the modules, pass mark 80.\n"
        "assessment: final\npass_mark: 80\nscripts:\n  - assets/js/assessment.js\n---\n\n"
        "Twelve of the bank's questions per attempt.\n\n"
    )
    body = "".join(quiz(100 + n) + "\n" for n in range(before))
    n = 0
    for title, count in (sections or {"Practice": 24}).items():
        body += f"## {title}\n\n"
        for _ in range(count):
            body += quiz(n + 10) + "\n"
            n += 1
    return head + body


def course(
    root: Path, *, check: str | None = None, final_text: str | None = None, nav: str | None = None
) -> list[tuple[str, str, int]]:
    extra = {
        "practice/module-check.md": check or module_check(),
        "final-assessment.md": final_text or final(),
    }
    config = write_case_course(
        root,
        fixture_bytes("good-lesson").decode(),
        extra=extra,
        nav=nav
        if nav is not None
        else "      - practice/module-check.md\n  - Final: final-assessment.md\n",
    )
    facts = load_config(config)
    problems, _ = check_course(facts.docs_dir, facts)
    return sorted((p.rule_id, p.path.rsplit("/", 1)[-1], p.line) for p in problems)


def test_a_course_with_its_checks_and_final_passes(tmp_path: Path) -> None:
    assert course(tmp_path) == []
    config = load_config(tmp_path / "mkdocs.yml")
    model = load_course(config.docs_dir, config.nav)
    assert list(model.lessons) == ["practice/case"], "a module check is not a lesson"
    data = model.to_json()["assessments"]
    assert data["practice"] == {
        "kind": "module",
        "module": "practice",
        "title": "Module check: Practice",
        "url": "practice/module-check/",
        "passMark": 80,
        "questions": 6,
        "draw": 6,
    }
    assert data["final"]["draw"] == 12 and data["final"]["questions"] == 24


def test_assess001_front_matter(tmp_path: Path) -> None:
    bad = module_check(
        front="title: 'Module check: Practice'\n"
        "description: Six questions that mix the lessons of the practice module, pass mark 80.\n"
        "assessment: final\npass_mark: 120\nduration: 5\n"
    )
    found = [p for p in course(tmp_path, check=bad) if p[0] == "ASSESS001"]
    assert found == [
        ("ASSESS001", "module-check.md", 1),  # scripts missing: reported at the block
        ("ASSESS001", "module-check.md", 4),  # assessment: final
        ("ASSESS001", "module-check.md", 5),  # pass_mark: 120
        ("ASSESS001", "module-check.md", 6),  # duration is not a key of an assessment
    ]


def test_assess002_sizes(tmp_path: Path) -> None:
    assert ("ASSESS002", "module-check.md", 12) in course(tmp_path / "a", check=module_check(3))
    found = course(tmp_path / "b", final_text=final({"Practice": 10}))
    assert [p for p in found if p[0] == "ASSESS002"] == [("ASSESS002", "final-assessment.md", 14)]


def test_assess003_final_sections(tmp_path: Path) -> None:
    found = course(tmp_path / "a", final_text=final({"Practise": 24}))
    assert [p[0] for p in found] == ["ASSESS003"]
    found = course(tmp_path / "b", final_text=final({"Practice": 24}, before=1))
    assert [p for p in found if p[0] == "ASSESS003"] == [("ASSESS003", "final-assessment.md", 12)]
    # A section of a module the course does not have, and one with too few questions.
    found = course(tmp_path / "c", final_text=final({"Practice": 2, "Other": 22}))
    assert [p for p in found if p[0] == "ASSESS003"] == [
        ("ASSESS003", "final-assessment.md", 12)
    ] * 2


def test_assess004_placement(tmp_path: Path) -> None:
    # The module check before the module's last lesson; no final assessment in the nav.
    nav = "  - Check:\n      - practice/module-check.md\n"
    found = course(tmp_path / "a", nav=nav)
    assert ("ASSESS004", "mkdocs.yml", 1) in found  # no final assessment
    # A course without any assessment page is not asked for one.
    found = course(tmp_path / "b", nav="")
    assert not [p for p in found if p[0] == "ASSESS004"]


def test_assess005_a_question_copied_from_a_lesson(tmp_path: Path) -> None:
    lesson_quiz = (
        "<quiz>\n"
        'A customer asks for "a stronger tile." What should you do first?\n'
        "- [x] Ask what happened to the old tile first\n> The customer explains.\n"
        "- [ ] Point to the strongest tile on the shelf\n> A guess.\n"
        "- [ ] Offer a discount on the strongest tile\n> A price cut.\n"
        "- [ ] Hand over the brochure about the tiles\n> Paper.\n"
        "</quiz>\n"
    )
    check = module_check(5) + "\n" + lesson_quiz
    found = course(tmp_path, check=check)
    assert [p for p in found if p[0] == "ASSESS005"] == [("ASSESS005", "module-check.md", 72)]


def test_the_bank_moves_into_a_template_with_each_question_s_module() -> None:
    html = (
        "<p>Intro.</p>\n<h2 id='a'>Practice</h2>\n"
        '<div class="quiz" id="quiz-0"><div class="quiz-question"><p>Q?</p></div>'
        "<form><fieldset><div><input></div></fieldset></form></div>\n"
        "<h2 id='b'>Other &amp; more</h2>\n"
        '<div class="quiz" id="quiz-1"><div><div></div></div></div>\n'
    )
    out = wrap_bank(
        html,
        BankSettings(
            "final", "final", 80, 12, module_ids={"Practice": "practice", "Other & more": "other"}
        ),
    )
    intro, rest = out.split('<div class="sac-assessment"', 1)
    assert intro == "<p>Intro.</p>\n"
    assert 'data-assessment="final"' in rest and 'data-pass-mark="80"' in rest
    bank = rest.split('<template id="sac-bank" data-search-exclude>', 1)[1]
    assert bank.count('data-sac-module="practice"') == 1
    assert bank.count('data-sac-module="other"') == 1
    assert bank.rstrip().endswith("</template>") and "<h2" not in bank
    assert (
        wrap_bank("<p>No quiz.</p>", BankSettings("x", "module", 80, 6, "x")) == "<p>No quiz.</p>"
    )


def test_the_real_course_has_a_check_per_module_and_a_final_bank() -> None:
    from conftest import ROOT

    config = load_config(ROOT / "mkdocs.yml")
    model = load_course(config.docs_dir, config.nav)
    data = json.loads(json.dumps(model.to_json()))["assessments"]
    assert set(data) == {m.id for m in model.modules} | {"final"}
    assert all(5 <= a["questions"] <= 6 for k, a in data.items() if k != "final")
    assert data["final"]["questions"] >= 24 and data["final"]["passMark"] == 80
