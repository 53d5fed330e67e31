"""The audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import AuditEvent
from storage import orm


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: AuditEvent) -> None:
        self._session.add(event)

    async def tally(self, event: AuditEvent, since: datetime) -> int:
        table = orm.audit_events.c
        # Locked on PostgreSQL so two refusals at once both count; SQLite serialises writers.
        stored = await self._session.scalar(
            select(AuditEvent)
            .where(table.action == event.action, table.subject == event.subject, table.at >= since)
            .order_by(table.id)
            .limit(1)
            .with_for_update()
        )
        if stored is None:
            event.details = {**event.details, "count": 1, "last_at": event.at.isoformat()}
            self._session.add(event)
            return 1
        count = int(str(stored.details.get("count", 1))) + 1
        # A new dict, not a change inside the old one: the JSON column only notices assignment.
        stored.details = {**stored.details, "count": count, "last_at": event.at.isoformat()}
        return count

    async def count_since(self, action: str, since: datetime) -> int:
        table = orm.audit_events.c
        found = await self._session.scalar(
            select(func.count()).select_from(orm.audit_events).where(table.action == action, table.at >= since)
        )
        return int(found or 0)

    async def for_subjects(self, subjects: Sequence[str]) -> list[AuditEvent]:
        if not subjects:
            return []
        table = orm.audit_events.c
        events: list[AuditEvent] = []
        wanted = sorted(set(subjects))
        for start in range(0, len(wanted), 400):  # statements cap their parameters
            found = await self._session.scalars(
                select(AuditEvent).where(table.subject.in_(wanted[start : start + 400])).order_by(table.id)
            )
            events.extend(found)
        return sorted(events, key=lambda event: event.id or 0)
