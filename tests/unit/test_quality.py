"""Question quality measures (src/course/quality.py) and ``course stats``."""

from __future__ import annotations

import json
import math

from course import cli
from course.quality import (
    exercise_minutes,
    length_spread,
    longest_is_correct,
    position_wording,
    summary,
)


def test_longest_is_correct_needs_a_strictly_longest_correct_option():
    assert longest_is_correct(["short", "the much longer one", "mid one"], [False, True, False])
    assert not longest_is_correct(["short", "the much longer one"], [True, False])
    # a tie for the longest is no giveaway
    assert not longest_is_correct(["same size", "same size"], [True, False])
    # spacing does not count
    assert not longest_is_correct(["a  b  c  d", "abcdefg"], [True, False])
    assert not longest_is_correct(["only"], [True])


def test_length_spread():
    assert length_spread(["abcd", "ab"]) == 2.0
    assert length_spread(["same", "same"]) == 1.0
    assert length_spread([]) == 1.0
    assert math.isinf(length_spread(["x", ""]))


def test_position_wording_finds_references_to_option_places():
    for text in [
        "As the first option says, ...",
        "The last answer is a trap.",
        "All of the above.",
        "None of the above",
        "Both of the above help.",
        "Option B is better.",
        "the answer above",
        "Unlike the other two options, this one asks.",
    ]:
        assert position_wording(text), text
    for text in [
        "She asks first, then listens.",
        "The last call of the day went well.",
        "Above all, ask.",
        "Choose the option that fits the client.",
        "His second question cut in before her first answer was done.",
    ]:
        assert position_wording(text) is None, text


def test_exercise_minutes_reads_the_time_line():
    assert exercise_minutes(["", "**Time:** about 4 minutes.", "text"]) == 4
    assert exercise_minutes(["**Time:** 1 minute"]) == 1
    assert exercise_minutes(["Take five minutes."]) is None
    assert exercise_minutes(["text", "**Time:** about 4 minutes."]) is None
    assert exercise_minutes([]) is None


def test_stats_of_the_real_course(capsys):
    assert cli.main(["stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["questions"] >= 2 * figures["lessons"]
    assert 0.0 <= figures["longest_correct_share"] <= 1.0
    assert sum(figures["options"].values()) == figures["questions"]
    assert figures["minutes"] == sum(item["duration"] for item in figures["per_lesson"])
    assert cli.main(["stats", "no/such/mkdocs.yml"]) == 2


def test_summary_counts_single_answer_questions_for_the_share():
    from course.quality import QuestionStats

    stats = [
        QuestionStats("a", 1, 4, False, True, 1.2, 0),
        QuestionStats("a", 2, 4, False, False, 1.1, 2),
        QuestionStats("a", 3, 4, True, True, 2.0, 1),
    ]
    figures = summary(stats)
    assert figures["longest_correct"] == 1 and figures["longest_correct_share"] == 0.5
    assert figures["multi"] == 1 and figures["spread_over_limit"] == 1
    assert figures["options"] == {4: 3}
