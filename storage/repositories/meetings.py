"""Meetings, their agendas and who attended."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import UPCOMING_STATUSES, AgendaItem, Attendance, Case, Meeting, MeetingStatus
from storage import orm


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, meeting_id: int) -> Meeting | None:
        return await self._session.get(Meeting, meeting_id)

    async def add(self, meeting: Meeting) -> Meeting:
        self._session.add(meeting)
        await self._session.flush()
        return meeting

    async def upcoming(self, body_id: int, now: datetime, limit: int | None = None) -> list[Meeting]:
        query = (
            select(Meeting)
            .where(
                orm.meetings.c.body_id == body_id,
                orm.meetings.c.status.in_(UPCOMING_STATUSES),
                orm.meetings.c.starts_at > now,
            )
            .order_by(orm.meetings.c.starts_at)
        )
        if limit is not None:
            query = query.limit(limit)
        return list(await self._session.scalars(query))

    async def all_for_body(self, body_id: int) -> list[Meeting]:
        return list(
            await self._session.scalars(
                select(Meeting).where(orm.meetings.c.body_id == body_id).order_by(orm.meetings.c.starts_at)
            )
        )

    async def next_upcoming(self, body_id: int, now: datetime) -> Meeting | None:
        found = await self.upcoming(body_id, now, limit=1)
        return found[0] if found else None

    async def next_for_bodies(self, body_ids: Sequence[int], now: datetime) -> dict[int, Meeting]:
        """The next upcoming meeting of each body, in one query."""
        rows = await self._session.scalars(
            select(Meeting)
            .where(
                orm.meetings.c.body_id.in_(list(body_ids)),
                orm.meetings.c.status.in_(UPCOMING_STATUSES),
                orm.meetings.c.starts_at > now,
            )
            .order_by(orm.meetings.c.starts_at)
        )
        first: dict[int, Meeting] = {}
        for meeting in rows:
            first.setdefault(meeting.body_id, meeting)
        return first

    async def starting_between(self, body_id: int, start: datetime, end: datetime) -> list[Meeting]:
        return list(
            await self._session.scalars(
                select(Meeting)
                .where(
                    orm.meetings.c.body_id == body_id, orm.meetings.c.starts_at >= start, orm.meetings.c.starts_at < end
                )
                .order_by(orm.meetings.c.starts_at)
            )
        )

    async def upcoming_holding(self, case: Case) -> Meeting | None:
        """The upcoming meeting whose agenda holds the case (at most one, by the rules)."""
        return await self._session.scalar(
            select(Meeting)
            .join(AgendaItem, orm.agenda_items.c.meeting_id == orm.meetings.c.id)
            .where(orm.agenda_items.c.case_id == case.id, orm.meetings.c.status.in_(UPCOMING_STATUSES))
            .limit(1)
        )

    async def latest_begun(self, body_id: int, now: datetime) -> Meeting | None:
        """The body's most recent meeting that has started and was not cancelled."""
        return await self._session.scalar(
            select(Meeting)
            .where(
                orm.meetings.c.body_id == body_id,
                orm.meetings.c.starts_at <= now,
                orm.meetings.c.status != MeetingStatus.AVLYST,
            )
            .order_by(orm.meetings.c.starts_at.desc())
            .limit(1)
        )

    async def holding(self, case: Case) -> Meeting | None:
        """The latest meeting, held or upcoming but not cancelled, whose agenda holds the case."""
        return await self._session.scalar(
            select(Meeting)
            .join(AgendaItem, orm.agenda_items.c.meeting_id == orm.meetings.c.id)
            .where(orm.agenda_items.c.case_id == case.id, orm.meetings.c.status != MeetingStatus.AVLYST)
            .order_by(orm.meetings.c.starts_at.desc())
            .limit(1)
        )

    async def meeting_dates_for_cases(self, case_ids: Sequence[int]) -> dict[int, Meeting]:
        """For each scheduled case, the upcoming meeting it is set up for."""
        if not case_ids:
            return {}
        rows = await self._session.execute(
            select(orm.agenda_items.c.case_id, Meeting)
            .join(Meeting, orm.meetings.c.id == orm.agenda_items.c.meeting_id)
            .where(orm.agenda_items.c.case_id.in_(list(case_ids)), orm.meetings.c.status.in_(UPCOMING_STATUSES))
        )
        return {case_id: meeting for case_id, meeting in rows}


class AttendanceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_meeting(self, meeting_id: int) -> list[Attendance]:
        rows = await self._session.scalars(
            select(Attendance).where(orm.attendances.c.meeting_id == meeting_id).order_by(orm.attendances.c.id)
        )
        return list(rows)

    async def add(self, attendance: Attendance) -> None:
        self._session.add(attendance)
        await self._session.flush()

    async def remove(self, attendance: Attendance) -> None:
        await self._session.delete(attendance)
        await self._session.flush()
