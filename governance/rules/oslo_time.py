"""Wall-clock time in Europe/Oslo, where every meeting of a helsefellesskap takes place."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

OSLO = ZoneInfo("Europe/Oslo")


def oslo_to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=OSLO).astimezone(UTC)


def exists_in_oslo(day: date, at: time) -> bool:
    """False for a wall-clock time in the hour skipped when the clocks go forward for summer time
    (02.00–03.00 on the last Sunday of March): zoneinfo would quietly read it an hour off."""
    local = datetime.combine(day, at, tzinfo=OSLO)
    return local.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) == local.replace(tzinfo=None)


def wall_clock_repeats(instant: datetime) -> bool:
    """True when the Oslo wall-clock time at this instant occurs twice that night (the hour the
    clocks go back, 02.00–03.00 on the last Sunday of October)."""
    local = instant.astimezone(OSLO).replace(tzinfo=None)
    return local.replace(tzinfo=OSLO, fold=0).utcoffset() != local.replace(tzinfo=OSLO, fold=1).utcoffset()


def oslo_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which an Oslo calendar day starts and ends (23 or 25 hours on DST days)."""
    return oslo_to_utc(day, time(0)), oslo_to_utc(day + timedelta(days=1), time(0))


def oslo_year(instant: datetime) -> int:
    return instant.astimezone(OSLO).year


def oslo_date(instant: datetime) -> date:
    """The calendar day in Oslo at an instant."""
    return instant.astimezone(OSLO).date()


# Norway's public holidays, Easter and Whit Monday included, from the maintained `holidays`
# package; it works out each year's dates when first asked.
_PUBLIC_HOLIDAYS = holidays.country_holidays("NO")


# The same holidays named for readers: bokmål ("Grunnlovsdag") and English ("Constitution Day").
_HOLIDAY_NAMES = {
    "nb": holidays.country_holidays("NO", language="no"),
    "en": holidays.country_holidays("NO", language="en_US"),
}


def public_holiday_names(day: date, language: Literal["nb", "en"]) -> list[str]:
    """The names of the Norwegian public holidays on a day (17 May 2027 has two), or none."""
    return _HOLIDAY_NAMES[language].get_list(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    return day.weekday() < 5 and day not in _PUBLIC_HOLIDAYS


def working_day_on_or_before(day: date) -> date:
    """The day itself when it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (1: the working day before)."""
    for _ in range(count):
        day = working_day_on_or_before(day - timedelta(days=1))
    return day


def working_days_after(day: date, count: int) -> date:
    """The working day `count` working days after `day` (1: the next working day)."""
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day
