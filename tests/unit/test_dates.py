"""Dates and times as the bot shows them: Oslo wall-clock time, bokmål and English.

Instants are stored in UTC; the user must see Europe/Oslo time, also on and around the two
daylight-saving changes of 2027 (last Sunday of March: 28 March, 02.00 -> 03.00; last Sunday of
October: 31 October, 03.00 -> 02.00; both at 01:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cards.dates import day_text, readable, short_date, time_text, when_text
from cards.texts import Language, say

OSLO = ZoneInfo("Europe/Oslo")

NB_WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NB_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

SPRING_CHANGE = date(2027, 3, 28)
AUTUMN_CHANGE = date(2027, 10, 31)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_the_change_days_are_the_last_sundays() -> None:
    # The premise of the tests below, checked independently of the code under test.
    for change in (SPRING_CHANGE, AUTUMN_CHANGE):
        assert change.weekday() == 6
        assert (change + timedelta(days=7)).month != change.month
    assert datetime(2027, 3, 28, 12, tzinfo=OSLO).utcoffset() == timedelta(hours=2)
    assert datetime(2027, 3, 27, 12, tzinfo=OSLO).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("day", "nb", "en"),
    [
        (date(2027, 3, 9), "tirsdag 9. mars 2027", "Tuesday 9 March 2027"),
        (SPRING_CHANGE, "søndag 28. mars 2027", "Sunday 28 March 2027"),
        (AUTUMN_CHANGE, "søndag 31. oktober 2027", "Sunday 31 October 2027"),
        (date(2027, 5, 17), "mandag 17. mai 2027", "Monday 17 May 2027"),
        (date(2028, 1, 1), "lørdag 1. januar 2028", "Saturday 1 January 2028"),
        (date(2028, 2, 29), "tirsdag 29. februar 2028", "Tuesday 29 February 2028"),
    ],
)
def test_day_text(day: date, nb: str, en: str) -> None:
    assert day_text(day, "nb") == nb
    assert day_text(day, "en") == en


def test_day_text_has_the_right_weekday_and_month_every_day_of_2027() -> None:
    day = date(2027, 1, 1)
    while day.year == 2027:
        assert day_text(day, "nb") == f"{NB_WEEKDAYS[day.weekday()]} {day.day}. {NB_MONTHS[day.month - 1]} 2027"
        assert day_text(day, "en") == f"{EN_WEEKDAYS[day.weekday()]} {day.day} {EN_MONTHS[day.month - 1]} 2027"
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("instant", "nb", "en"),
    [
        # Winter time (UTC+1)
        (utc(2027, 3, 9, 8), "09.00", "09:00"),
        (utc(2027, 3, 27, 8), "09.00", "09:00"),
        (utc(2027, 11, 1, 8), "09.00", "09:00"),
        (utc(2027, 1, 15, 13, 5), "14.05", "14:05"),
        # Summer time (UTC+2)
        (utc(2027, 7, 6, 7), "09.00", "09:00"),
        (utc(2027, 3, 29, 7), "09.00", "09:00"),
        (utc(2027, 10, 30, 7), "09.00", "09:00"),
        # The same UTC hour reads an hour later in summer
        (utc(2027, 3, 29, 8), "10.00", "10:00"),
        # Around the spring change: 01.59 is followed by 03.00
        (utc(2027, 3, 28, 0, 59), "01.59", "01:59"),
        (utc(2027, 3, 28, 1, 0), "03.00", "03:00"),
        # Around the autumn change: 02.30 happens twice
        (utc(2027, 10, 31, 0, 30), "02.30", "02:30"),
        (utc(2027, 10, 31, 1, 0), "02.00", "02:00"),
        (utc(2027, 10, 31, 1, 30), "02.30", "02:30"),
        # Midnight in Oslo is 23:00 UTC the evening before in winter
        (utc(2027, 12, 31, 23), "00.00", "00:00"),
    ],
)
def test_time_text_is_oslo_wall_clock(instant: datetime, nb: str, en: str) -> None:
    assert time_text(instant, "nb") == nb
    assert time_text(instant, "en") == en


def test_time_text_converts_from_any_time_zone() -> None:
    same = [
        utc(2027, 3, 9, 8),
        datetime(2027, 3, 9, 9, tzinfo=OSLO),
        datetime(2027, 3, 9, 13, tzinfo=timezone(timedelta(hours=5))),
        datetime(2027, 3, 9, 3, tzinfo=ZoneInfo("America/New_York")),
    ]
    assert {time_text(instant, "nb") for instant in same} == {"09.00"}


@pytest.mark.parametrize(
    ("starts", "ends", "nb", "en"),
    [
        (
            utc(2027, 3, 9, 8),
            utc(2027, 3, 9, 11),
            "tirsdag 9. mars 2027 kl. 09.00–12.00",
            "Tuesday 9 March 2027 at 09:00–12:00",
        ),
        (utc(2027, 3, 9, 8), None, "tirsdag 9. mars 2027 kl. 09.00", "Tuesday 9 March 2027 at 09:00"),
        (
            utc(2027, 7, 6, 7),
            utc(2027, 7, 6, 10),
            "tirsdag 6. juli 2027 kl. 09.00–12.00",
            "Tuesday 6 July 2027 at 09:00–12:00",
        ),
        (utc(2027, 7, 6, 7), None, "tirsdag 6. juli 2027 kl. 09.00", "Tuesday 6 July 2027 at 09:00"),
        # The Friday before and the Monday after the spring change: both 09.00 local.
        (
            utc(2027, 3, 26, 8),
            utc(2027, 3, 26, 11),
            "fredag 26. mars 2027 kl. 09.00–12.00",
            "Friday 26 March 2027 at 09:00–12:00",
        ),
        (
            utc(2027, 3, 29, 7),
            utc(2027, 3, 29, 10),
            "mandag 29. mars 2027 kl. 09.00–12.00",
            "Monday 29 March 2027 at 09:00–12:00",
        ),
        # The Friday before and the Monday after the autumn change.
        (
            utc(2027, 10, 29, 7),
            utc(2027, 10, 29, 10),
            "fredag 29. oktober 2027 kl. 09.00–12.00",
            "Friday 29 October 2027 at 09:00–12:00",
        ),
        (utc(2027, 11, 1, 8), None, "mandag 1. november 2027 kl. 09.00", "Monday 1 November 2027 at 09:00"),
        # A one-hour meeting across the spring gap reads 01.30–03.30.
        (
            utc(2027, 3, 28, 0, 30),
            utc(2027, 3, 28, 1, 30),
            "søndag 28. mars 2027 kl. 01.30–03.30",
            "Sunday 28 March 2027 at 01:30–03:30",
        ),
        # A one-hour meeting across the autumn fold starts and ends at 02.30.
        (
            utc(2027, 10, 31, 0, 30),
            utc(2027, 10, 31, 1, 30),
            "søndag 31. oktober 2027 kl. 02.30–02.30",
            "Sunday 31 October 2027 at 02:30–02:30",
        ),
        # The day is the Oslo day, not the UTC day.
        (utc(2027, 3, 27, 23, 30), None, "søndag 28. mars 2027 kl. 00.30", "Sunday 28 March 2027 at 00:30"),
        (utc(2027, 10, 30, 22, 30), None, "søndag 31. oktober 2027 kl. 00.30", "Sunday 31 October 2027 at 00:30"),
        (utc(2027, 12, 31, 23, 30), None, "lørdag 1. januar 2028 kl. 00.30", "Saturday 1 January 2028 at 00:30"),
    ],
)
def test_when_text(starts: datetime, ends: datetime | None, nb: str, en: str) -> None:
    assert when_text(starts, ends, "nb") == nb
    assert when_text(starts, ends, "en") == en


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_when_text_shows_the_same_local_hour_all_year(lang: Language) -> None:
    """A meeting at 09.00 Oslo time every Tuesday of 2027 always reads 09.00, whatever the offset."""
    day = date(2027, 1, 5)
    expected = "kl. 09.00" if lang == "nb" else "at 09:00"
    while day.year == 2027:
        starts = datetime(day.year, day.month, day.day, 9, tzinfo=OSLO).astimezone(UTC)
        text = when_text(starts, None, lang)
        assert text == f"{day_text(day, lang)} {expected}"
        day += timedelta(days=7)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (utc(2027, 3, 9, 8), "09.03.2027"),
        (utc(2027, 3, 27, 23, 30), "28.03.2027"),
        (utc(2027, 10, 30, 22, 30), "31.10.2027"),
        (utc(2027, 12, 31, 23, 30), "01.01.2028"),
    ],
)
def test_short_date_is_the_oslo_date(instant: datetime, expected: str) -> None:
    assert short_date(instant) == expected


def test_dates_in_messages_are_written_out_in_the_readers_language() -> None:
    params = readable({"body": "SSU", "date": date(2026, 11, 26)}, "nb")
    assert say("nb", "no_meeting_on_date", **params) == "SSU har ikke noe møte torsdag 26. november 2026."
    english = readable({"body": "SSU", "date": date(2026, 11, 26)}, "en")
    assert say("en", "no_meeting_on_date", **english) == "SSU has no meeting on Thursday 26 November 2026."
