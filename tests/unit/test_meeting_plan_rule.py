"""The spreading rule of `møteplan` (governance/rules/meeting_plan.py): working days only, none in
July or the Christmas week, evenly apart, around meetings already there, at the usual time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from governance.rules.meeting_plan import (
    DEFAULT_START,
    meeting_days_of,
    spread,
    still_to_plan,
    usual_length,
    usual_time,
)

ASCENSION_2027 = date(2027, 5, 6)
CONSTITUTION_DAY_AND_WHIT_MONDAY_2027 = date(2027, 5, 17)
MAUNDY_THURSDAY_2027 = date(2027, 3, 25)


@pytest.mark.parametrize("count", [1, 2, 4, 6, 8, 10, 11, 12, 24])
def test_proposed_days_are_working_days_outside_july_and_the_christmas_week(count: int) -> None:
    days = spread(count, meeting_days_of(2027))
    assert len(days) == count
    for day in days:
        assert day.weekday() < 5, day
        assert day.month != 7, day
        assert not (day.month == 12 and day.day >= 24), day
    assert ASCENSION_2027 not in days
    assert CONSTITUTION_DAY_AND_WHIT_MONDAY_2027 not in days
    assert MAUNDY_THURSDAY_2027 not in days
    assert days == sorted(set(days))


def test_no_candidate_day_is_a_norwegian_public_holiday() -> None:
    days = set(meeting_days_of(2027))
    for holiday in (
        date(2027, 1, 1),
        date(2027, 3, 25),  # Skjærtorsdag
        date(2027, 3, 26),  # Langfredag
        date(2027, 3, 29),  # 2. påskedag
        date(2027, 5, 6),  # Kristi himmelfartsdag
        date(2027, 5, 17),  # Grunnlovsdag and 2. pinsedag
    ):
        assert holiday not in days
    assert date(2027, 5, 18) in days  # the Tuesday after is an ordinary working day


def test_six_meetings_a_year_fall_about_every_second_month() -> None:
    days = spread(6, meeting_days_of(2027))
    assert [day.month for day in days] == [1, 3, 5, 8, 10, 11]
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    assert all(35 <= gap <= 90 for gap in gaps), gaps  # the July gap is the longest


def test_one_meeting_a_year_is_proposed_in_the_middle_of_the_meeting_year() -> None:
    [day] = spread(1, meeting_days_of(2027))
    assert date(2027, 5, 15) <= day <= date(2027, 8, 31)


def test_days_already_taken_are_not_proposed_again() -> None:
    days = meeting_days_of(2027)
    first = spread(4, days)
    again = spread(4, days, taken=first)
    assert not set(first) & set(again)


def test_a_year_partly_gone_gets_its_remaining_share_after_today() -> None:
    today = date(2026, 11, 23)
    left = meeting_days_of(2026, after=today)
    assert left[0] == date(2026, 11, 24)
    assert still_to_plan(6, 0, len(left), len(meeting_days_of(2026))) == 1
    assert still_to_plan(6, 0, len(meeting_days_of(2027)), len(meeting_days_of(2027))) == 6
    assert still_to_plan(6, 4, len(meeting_days_of(2027)), len(meeting_days_of(2027))) == 2
    assert still_to_plan(6, 7, len(meeting_days_of(2027)), len(meeting_days_of(2027))) == 0


def test_more_meetings_than_days_gives_every_day_once() -> None:
    days = [date(2027, 3, 1), date(2027, 3, 2)]
    assert spread(5, days) == days
    assert spread(0, days) == []
    assert spread(3, []) == []


def test_the_usual_time_is_the_most_common_oslo_start_and_nine_without_history() -> None:
    # 08.00 and 07.00 UTC are 09.00 in Oslo in winter and in summer alike.
    winter = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
    summer = datetime(2026, 6, 8, 7, 0, tzinfo=UTC)
    other = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    assert usual_time([winter, summer, other]) == time(9, 0)
    assert usual_time([]) == DEFAULT_START == time(9, 0)
    assert usual_time([other, winter]) == time(9, 0)  # a tie: the earlier time, whatever the order


def test_the_usual_length_is_the_most_common_known_one() -> None:
    start = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
    three = timedelta(hours=3)
    assert (
        usual_length(
            [(start, start + three), (start, start + three), (start, None), (start, start + timedelta(hours=2))]
        )
        == three
    )
    assert usual_length([(start, None)]) is None
