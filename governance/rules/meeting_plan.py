"""The spreading rule of `møteplan`: where a body's meetings of a year fall.

A body with six meetings a year should meet about every second month, not six times in spring.
The rule takes the days a meeting may be held (working days: no weekend, no Norwegian public
holiday; never in July, the summer holiday; never in the Christmas week, when nobody can be
gathered either) and cuts them into equal runs, one per meeting, proposing the middle working day
of each run. Counting working days rather than calendar days keeps Easter and the Christmas
week from pulling a meeting towards them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from governance.rules.oslo_time import OSLO, is_working_day

# The summer holiday: a meeting in July finds nobody.
HOLIDAY_MONTH = 7
# From Christmas Eve to New Year's Eve, offices stand empty whether or not the day is a holiday.
CHRISTMAS_WEEK_FROM = (12, 24)
# When a body has never met: the hour most committees of a helsefellesskap start at.
DEFAULT_START = time(9, 0)


def meeting_days_of(year: int, after: date | None = None) -> list[date]:
    """Every day of `year` a meeting may be proposed for, later than `after` when given."""
    day, last = date(year, 1, 1), date(year, 12, 31)
    days = []
    while day <= last:
        if (
            is_working_day(day)
            and day.month != HOLIDAY_MONTH
            and (day.month, day.day) < CHRISTMAS_WEEK_FROM
            and (after is None or day > after)
        ):
            days.append(day)
        day += timedelta(days=1)
    return days


def still_to_plan(per_year: int, planned: int, days_left: int, days_in_year: int) -> int:
    """How many meetings to propose: the year's number less those already planned, and in a year
    partly gone only its remaining share (a body of six a year asked in November gets one, not six
    in a month)."""
    if days_in_year <= 0:
        return 0
    share = -(-per_year * days_left // days_in_year)  # rounded up: a part of a meeting is a meeting
    return max(0, min(per_year - planned, share))


def spread(count: int, days: Sequence[date], taken: Iterable[date] = ()) -> list[date]:
    """`count` days from `days` (in order), evenly apart: the middle day of each of `count` equal
    runs. Days in `taken` (a meeting already there) are left out before the runs are cut. Fewer
    than `count` days come back only when fewer are free."""
    busy = set(taken)
    free = [day for day in days if day not in busy]
    if count <= 0 or not free:
        return []
    count = min(count, len(free))
    chosen = []
    for index in range(count):
        start, end = len(free) * index // count, len(free) * (index + 1) // count
        chosen.append(free[(start + end - 1) // 2])
    return chosen


def usual_time(starts: Iterable[datetime]) -> time:
    """The Oslo wall-clock time the body starts most of its meetings at; among equally common
    times the earliest, so the proposal does not depend on the order meetings were stored in."""
    counts = Counter(start.astimezone(OSLO).time().replace(second=0, microsecond=0) for start in starts)
    if not counts:
        return DEFAULT_START
    most = max(counts.values())
    return min(at for at, seen in counts.items() if seen == most)


def usual_length(spans: Iterable[tuple[datetime, datetime | None]]) -> timedelta | None:
    """How long the body's meetings usually last, where their end is known; None when none is."""
    counts = Counter(end - start for start, end in spans if end is not None)
    if not counts:
        return None
    most = max(counts.values())
    return min(length for length, seen in counts.items() if seen == most)
