"""Wall-clock time in Europe/Oslo, where every meeting of a helsefellesskap takes place."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def oslo_to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=OSLO).astimezone(UTC)


def oslo_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which an Oslo calendar day starts and ends (23 or 25 hours on DST days)."""
    return oslo_to_utc(day, time(0)), oslo_to_utc(day + timedelta(days=1), time(0))


def oslo_year(instant: datetime) -> int:
    return instant.astimezone(OSLO).year


def oslo_date(instant: datetime) -> date:
    """The calendar day in Oslo at an instant."""
    return instant.astimezone(OSLO).date()
