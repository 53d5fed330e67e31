"""`hfbot chat --demo`: the demo's meetings and deadlines fall on days a helsefellesskap works,
whatever day it is loaded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import holidays
import pytest
from sqlalchemy import select

from bot.demo import load_demo
from governance.rules.clock import FixedClock
from governance.rules.oslo_time import oslo_date
from storage import orm
from storage.unit_of_work import SqlUnitOfWork

NORWAY = holidays.country_holidays("NO")


def _off(day: date) -> str | None:
    """Why nobody would meet on `day`, or None."""
    if day.weekday() >= 5:
        return "weekend"
    if (day.month, day.day) in {(12, 24), (12, 31)}:
        return "julaften/nyttårsaften"
    return NORWAY.get(day)


# Each "today" is one on which the demo, scheduling by weekday alone, used to plan a meeting on a
# day off: 24 December (reported), 31 December, Maundy Thursday, 26 December and 17 May.
@pytest.mark.parametrize(
    "today", [date(2026, 12, 5), date(2026, 12, 12), date(2027, 3, 5), date(2028, 12, 8), date(2033, 2, 5)]
)
async def test_the_demo_plans_no_meeting_or_deadline_on_a_day_off(
    unit_of_work: Callable[[], SqlUnitOfWork], today: date
) -> None:
    clock = FixedClock(datetime(today.year, today.month, today.day, 9, 0, tzinfo=UTC))
    assert await load_demo(unit_of_work, clock, "console")
    async with unit_of_work() as uow:
        starts = list(await uow.session.scalars(select(orm.meetings.c.starts_at)))
        dues = [due for due in await uow.session.scalars(select(orm.measures.c.due)) if due is not None]
    meeting_days = [oslo_date(start if start.tzinfo else start.replace(tzinfo=UTC)) for start in starts]
    assert len(meeting_days) == 4
    assert [(day, _off(day)) for day in meeting_days if _off(day)] == []
    assert dues and [(day, _off(day)) for day in dues if _off(day)] == []
