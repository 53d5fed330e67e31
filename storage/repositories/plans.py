"""Action plans, their focus areas, measures and progress notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import ENDED_MEASURE_STATUSES, ActionPlan, FocusArea, Measure, MeasureStatus, ProgressNote
from storage import orm


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_year(self, community_id: int, year: int) -> ActionPlan | None:
        return await self._session.scalar(
            select(ActionPlan).where(orm.action_plans.c.community_id == community_id, orm.action_plans.c.year == year)
        )

    async def get(self, plan_id: int) -> ActionPlan | None:
        return await self._session.get(ActionPlan, plan_id)

    async def years(self, community_id: int) -> list[int]:
        rows = await self._session.scalars(
            select(orm.action_plans.c.year)
            .where(orm.action_plans.c.community_id == community_id)
            .order_by(orm.action_plans.c.year)
        )
        return list(rows)

    async def add(self, plan: ActionPlan) -> ActionPlan:
        self._session.add(plan)
        await self._session.flush()
        return plan

    async def open_measures_due(self, first: date, last: date) -> list[tuple[int, date, int]]:
        """(measure id, due date, the plan's owning body) of every measure not done with that is
        due between the two days, in every community."""
        measures, areas, plans = orm.measures.c, orm.focus_areas.c, orm.action_plans.c
        rows = await self._session.execute(
            select(measures.id, measures.due, plans.owner_body_id)
            .join(orm.focus_areas, areas.id == measures.area_id)
            .join(orm.action_plans, plans.id == areas.plan_id)
            .where(
                measures.due >= first,
                measures.due <= last,
                measures.status.not_in(sorted(ENDED_MEASURE_STATUSES)),
            )
            .order_by(measures.id)
        )
        return [(measure_id, due, body_id) for measure_id, due, body_id in rows]

    async def owners_of_year(self, year: int) -> list[tuple[int, int]]:
        """(plan id, owning body id) of every community's plan for the year."""
        rows = await self._session.execute(
            select(orm.action_plans.c.id, orm.action_plans.c.owner_body_id).where(orm.action_plans.c.year == year)
        )
        return [(plan_id, body_id) for plan_id, body_id in rows]

    async def put_forward_in(self, case_id: int) -> ActionPlan | None:
        """The plan whose adoption this case was put forward for, if any."""
        return await self._session.scalar(select(ActionPlan).where(orm.action_plans.c.adoption_case_id == case_id))

    async def measure(self, measure_id: int) -> Measure | None:
        return await self._session.get(Measure, measure_id)

    async def area(self, area_id: int) -> FocusArea | None:
        return await self._session.get(FocusArea, area_id)

    async def add_note(self, note: ProgressNote) -> None:
        self._session.add(note)

    async def statuses_at(self, measure_ids: Sequence[int], at: datetime) -> dict[int, MeasureStatus]:
        """Each measure's status at a moment, read from its history; a measure whose history
        starts later did not exist then and is left out."""
        if not measure_ids:
            return {}
        notes = orm.progress_notes
        rows = await self._session.execute(
            select(notes.c.measure_id, notes.c.status_after)
            .where(notes.c.measure_id.in_(list(measure_ids)), notes.c.at <= at)
            .order_by(notes.c.measure_id, notes.c.at, notes.c.id)
        )
        return {measure_id: status for measure_id, status in rows}  # the last note of each wins

    async def notes(self, measure_ids: Sequence[int]) -> list[ProgressNote]:
        """The progress notes of these measures, oldest first."""
        if not measure_ids:
            return []
        query = select(ProgressNote).where(orm.progress_notes.c.measure_id.in_(list(measure_ids)))
        return list(await self._session.scalars(query.order_by(orm.progress_notes.c.id)))
