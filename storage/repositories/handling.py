"""How cases were dealt with at meetings: one row per (meeting, case)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.handling import CaseHandling
from storage import orm


class CaseHandlingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, meeting_id: int, case_id: int) -> CaseHandling | None:
        return await self._session.scalar(
            select(CaseHandling).where(
                orm.case_handlings.c.meeting_id == meeting_id, orm.case_handlings.c.case_id == case_id
            )
        )

    async def for_meeting(self, meeting_id: int) -> list[CaseHandling]:
        rows = await self._session.scalars(
            select(CaseHandling).where(orm.case_handlings.c.meeting_id == meeting_id).order_by(orm.case_handlings.c.id)
        )
        return list(rows)

    async def add(self, handling: CaseHandling) -> None:
        self._session.add(handling)
        await self._session.flush()
