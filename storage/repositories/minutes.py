"""Minutes of meetings, each version."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import Minutes, MinutesStatus
from storage import orm


class MinutesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, minutes_id: int) -> Minutes | None:
        return await self._session.get(Minutes, minutes_id)

    async def latest(self, meeting_id: int) -> Minutes | None:
        """The meeting's newest version of its minutes."""
        query = select(Minutes).where(orm.minutes.c.meeting_id == meeting_id).order_by(orm.minutes.c.number.desc())
        return await self._session.scalar(query.limit(1))

    async def approved(self, meeting_id: int) -> Minutes | None:
        """The meeting's newest approved version."""
        query = (
            select(Minutes)
            .where(orm.minutes.c.meeting_id == meeting_id, orm.minutes.c.status == MinutesStatus.GODKJENT)
            .order_by(orm.minutes.c.number.desc())
        )
        return await self._session.scalar(query.limit(1))

    async def to_approve_at(self, meeting_id: int) -> list[Minutes]:
        """Minutes whose approval was moved to this meeting, the oldest meeting's first."""
        query = (
            select(Minutes)
            .where(orm.minutes.c.approve_at_meeting_id == meeting_id)
            .order_by(orm.minutes.c.meeting_id, orm.minutes.c.number)
        )
        return list(await self._session.scalars(query))

    async def add(self, minutes: Minutes) -> Minutes:
        self._session.add(minutes)
        await self._session.flush()
        return minutes
