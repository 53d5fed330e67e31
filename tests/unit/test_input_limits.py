"""What the bot accepts from users (governance/rules/input_limits.py): text limits below the columns
that store them, characters no text may hold, and dates and years inside the calendar's range."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Column, String

from bot.grammar import ParseError, parse_date, parse_year
from cards.dates import readable
from cards.texts import say
from governance.plans.plan_import import parse_plan
from governance.rules.errors import DomainError
from governance.rules.input_limits import LIMITS, TextField, checked_text, unstorable_character
from storage.orm import (
    attendances,
    case_handlings,
    cases,
    decision_approvals,
    decisions,
    delegations,
    disqualifications,
    focus_areas,
    measures,
    meetings,
    minutes,
    minutes_approvals,
    progress_notes,
)

# Every column each field is stored in.
STORED_IN: dict[TextField, list[Column[object]]] = {
    TextField.CASE_TITLE: [cases.c.title],
    TextField.DECISION_TEXT: [decisions.c.text],
    TextField.DELEGATED_MATTER: [delegations.c.matter],
    TextField.APPROVAL_COMMENT: [
        decision_approvals.c.comment,
        minutes_approvals.c.comment,
        decisions.c.rejection_comment,
        minutes.c.rejection_comment,
    ],
    TextField.MINUTES_CORRECTION: [minutes.c.correction],
    TextField.PLACE: [meetings.c.place],
    TextField.AREA_TITLE: [focus_areas.c.title],
    TextField.MEASURE_TITLE: [measures.c.title],
    TextField.MEASURE_OWNER: [measures.c.owner_label],
    TextField.MEASURE_COMMENT: [progress_notes.c.text],
    TextField.DISQUALIFICATION_REASON: [disqualifications.c.reason],
    TextField.PAPER_BACKGROUND: [cases.c.background],
    TextField.PAPER_ASSESSMENT: [cases.c.assessment],
    TextField.PAPER_PROPOSAL: [cases.c.proposal],
    TextField.CASE_OFFICER: [cases.c.case_officer_name],
    TextField.ATTENDANCE_NOTE: [attendances.c.note],
    TextField.MINUTES_STATEMENT: [case_handlings.c.statements],
}


def test_every_field_has_a_limit_and_a_column() -> None:
    assert set(LIMITS) == set(TextField) == set(STORED_IN)


@pytest.mark.parametrize("field", list(TextField))
def test_each_limit_is_below_the_length_of_every_column_that_stores_it(field: TextField) -> None:
    """PostgreSQL refuses a longer string than the column holds, SQLite stores it: the domain's
    limit must be what decides, on both."""
    for column in STORED_IN[field]:
        length = column.type.length if isinstance(column.type, String) else None
        assert length is None or LIMITS[field] < length, (field, column)


def test_titles_are_short_and_texts_read_whole_are_long() -> None:
    assert 100 <= LIMITS[TextField.CASE_TITLE] <= 300
    assert LIMITS[TextField.DECISION_TEXT] >= 2000


def test_text_at_the_limit_passes_stripped_and_one_more_character_is_refused_with_field_and_limit() -> None:
    limit = LIMITS[TextField.CASE_TITLE]
    assert checked_text(TextField.CASE_TITLE, "  " + "å" * limit + "\n") == "å" * limit
    with pytest.raises(DomainError) as refused:
        checked_text(TextField.CASE_TITLE, "å" * (limit + 1))
    assert refused.value.code == "text_too_long"
    assert refused.value.params == {"field": TextField.CASE_TITLE, "limit": limit, "length": limit + 1}


def test_empty_text_is_none() -> None:
    assert checked_text(TextField.PLACE, None) is None
    assert checked_text(TextField.PLACE, " \t\n") is None


def test_the_message_names_the_field_and_the_limit_in_the_users_language() -> None:
    with pytest.raises(DomainError) as refused:
        checked_text(TextField.CASE_TITLE, "x" * 5400)
    nb = say("nb", refused.value.code, **readable(refused.value.params, "nb"))
    en = say("en", refused.value.code, **readable(refused.value.params, "en"))
    assert nb == "Sakstittelen kan ha høyst 200 tegn, men har 5400. Kort den ned og prøv igjen."
    assert en == "The case title can have at most 200 characters, but has 5400. Shorten it and try again."


@pytest.mark.parametrize("field", list(TextField))
def test_every_field_is_named_in_both_languages(field: TextField) -> None:
    nb, en = (say(lang, f"field_{field.value}") for lang in ("nb", "en"))
    assert nb and en and nb != en


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("a\u0000b", "U+0000"),
        ("\ud800", "U+D800"),
        ("emoji cut in half \udc4d", "U+DC4D"),
        ("bell \x07", "U+0007"),
        ("escape \x1b[31m", "U+001B"),
        ("delete \x7f", "U+007F"),
        ("next \u0085 line", "U+0085"),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused_by_name(text: str, character: str) -> None:
    assert unstorable_character(text) == character
    with pytest.raises(DomainError) as refused:
        checked_text(TextField.DECISION_TEXT, text)
    assert refused.value.code == "text_unstorable" and refused.value.params == {"character": character}
    assert character in say("nb", "text_unstorable", character=character)


@pytest.mark.parametrize(
    "text",
    [
        "Linjer\nog\ttabulator\r\n",
        "\u202eRTL-overstyring\u200f og \u061c",
        "👍🏽 👩‍⚕️ 🇳🇴",
        "Samisk: Sámediggi, čđŋšŧž",
        "'; DROP TABLE cases; --",
    ],
)
def test_real_writing_passes(text: str) -> None:
    assert unstorable_character(text) is None
    assert checked_text(TextField.DECISION_TEXT, text) == text.strip()


@pytest.mark.parametrize("token", ["31.12.9999", "9999-12-31", "01.01.0001", "0001-01-01", "31.12.1999", "1.1.2101"])
def test_a_real_date_outside_the_years_the_bot_keeps_is_refused_with_the_range(token: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_date(token)
    assert refused.value.code == "date_out_of_range"
    assert refused.value.params == {"value": token, "first": 2000, "last": 2100}
    assert say("en", "date_out_of_range", **refused.value.params) == (
        f"The date '{token}' is out of range: the year must be between 2000 and 2100."
    )


def test_the_first_and_last_days_of_the_range_are_dates() -> None:
    assert parse_date("01.01.2000") == date(2000, 1, 1)
    assert parse_date("2100-12-31") == date(2100, 12, 31)


@pytest.mark.parametrize(
    ("word", "code"),
    [("9999", "year_out_of_range"), ("1999", "year_out_of_range"), ("٢٠٢٦", "bad_year"), ("9" * 20, "bad_year")],
)
def test_a_year_outside_the_range_says_so(word: str, code: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_year(word)
    assert refused.value.code == code
    assert parse_year("2026") == 2026


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda plan: plan["areas"][0].update(title="Å" * 201), "areas[0].title"),
        (lambda plan: plan["areas"][0]["measures"][0].update(title="Å" * 301), "areas[0].measures[0].title"),
        # An owner matching nobody is kept as a name in a 200-character column.
        (lambda plan: plan["areas"][0]["measures"][0].update(owner="Å" * 250), "areas[0].measures[0].owner"),
        # Its reminder is planned days before: at year 1 that overflows.
        (lambda plan: plan["areas"][0]["measures"][0].update(due=date(1, 1, 1)), "areas[0].measures[0].due"),
        (lambda plan: plan.update(year=9999), "year"),
    ],
)
def test_a_plan_file_is_held_to_the_same_limits_as_the_chat(change: Callable[[Any], None], place: str) -> None:
    plan: dict[str, Any] = {
        "year": 2027,
        "owner": "SSU",
        "areas": [{"number": 1, "title": "Eldre", "measures": [{"number": "1.1", "title": "Vitality"}]}],
    }
    change(plan)
    with pytest.raises(DomainError) as refused:
        parse_plan(plan)
    assert refused.value.code == "plan_invalid"
    assert place in str(refused.value.params["details"])
