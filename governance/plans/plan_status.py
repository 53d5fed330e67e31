"""The action plan's status in brief, as level-2 committees hear it at every meeting: the
standing agenda item "Status handlingsplan <år>" and the same item in the minutes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from governance.plans.action_plan import measure_order, rolled_up
from governance.ports import UnitOfWork
from governance.rules.model import ENDED_MEASURE_STATUSES, MeasureStatus, is_overdue
from governance.rules.oslo_time import oslo_date
from governance.views import AreaSummary, MeasureState, PlanSummary


@dataclass
class _Area:
    title: str
    measures: list[tuple[str, MeasureStatus, date | None]] = field(default_factory=list)


def summarise(
    year: int, states: Sequence[MeasureState], today: date, statuses: dict[int, MeasureStatus] | None = None
) -> PlanSummary:
    """The brief status of a plan from its measures; with `statuses` (the statuses at an earlier
    moment) a measure missing from them did not exist yet and is left out."""
    areas: dict[int, _Area] = {}
    for state in states:
        area = areas.setdefault(state.area_number, _Area(state.area_title))
        if state.measure_id is None or state.number is None or state.status is None:
            continue  # an area without measures
        status = state.status if statuses is None else statuses.get(state.measure_id)
        if status is not None:
            area.measures.append((state.number, status, state.due))
    counts: Counter[MeasureStatus] = Counter()
    overdue: list[str] = []
    summaries = []
    for area_number in sorted(areas):
        area = areas[area_number]
        statuses_here = [status for _, status, _ in area.measures]
        counts.update(statuses_here)
        late = [number for number, status, due in area.measures if is_overdue(due, status, today)]
        overdue += sorted(late, key=measure_order)
        summaries.append(
            AreaSummary(
                number=area_number,
                title=area.title,
                status=rolled_up(statuses_here),
                measures=len(area.measures),
                ended=sum(1 for status in statuses_here if status in ENDED_MEASURE_STATUSES),
            )
        )
    return PlanSummary(
        year=year,
        counts=tuple((status, counts[status]) for status in MeasureStatus),
        overdue=tuple(overdue),
        areas=tuple(summaries),
    )


async def summary_as_of(
    uow: UnitOfWork, year: int, states: Sequence[MeasureState], as_of: datetime, now: datetime
) -> PlanSummary:
    """The plan as it stood at `as_of`: now, for a meeting still to come; the meeting's start,
    for one that has begun (its measures' statuses then are read from their history)."""
    statuses = None
    if as_of < now:
        statuses = await uow.plans.statuses_at([s.measure_id for s in states if s.measure_id is not None], as_of)
    return summarise(year, states, oslo_date(as_of), statuses)


async def plan_summary(
    uow: UnitOfWork, community_id: int, year: int, as_of: datetime, now: datetime
) -> PlanSummary | None:
    """The community's plan for the year as it stood at `as_of`; None when the year has no plan."""
    states = await uow.read_models.measure_states(community_id, year)
    return None if states is None else await summary_as_of(uow, year, states, as_of, now)
