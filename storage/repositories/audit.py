"""The audit log."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import AuditEvent


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: AuditEvent) -> None:
        self._session.add(event)
