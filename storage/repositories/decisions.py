"""Decisions, the decision register and search, and delegations made by decision."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from governance.rules.model import Decision, Delegation
from governance.views import DecisionEntry, DelegationView
from storage import orm
from storage.database import fold, folded


class DecisionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, decision_id: int) -> Decision | None:
        return await self._session.get(Decision, decision_id)

    async def for_case(self, case_id: int) -> Decision | None:
        return await self._session.scalar(select(Decision).where(orm.decisions.c.case_id == case_id))

    async def for_meeting(self, meeting_id: int) -> list[Decision]:
        return list(await self._session.scalars(select(Decision).where(orm.decisions.c.meeting_id == meeting_id)))

    async def add(self, decision: Decision) -> Decision:
        self._session.add(decision)
        await self._session.flush()
        return decision

    async def register(self, body_id: int, start: datetime, end: datetime) -> list[DecisionEntry]:
        """The body's decisions recorded in [start, end), oldest first."""
        return await self._entries(
            and_(
                orm.decisions.c.body_id == body_id,
                orm.decisions.c.recorded_at >= start,
                orm.decisions.c.recorded_at < end,
            ),
            limit=None,
        )

    async def search(self, community_ids: Sequence[int], words: Sequence[str], limit: int) -> list[DecisionEntry]:
        """Decisions in these communities whose text or case title holds every word, newest first."""
        conditions: list[ColumnElement[bool]] = [orm.bodies.c.community_id.in_(list(community_ids))]
        for word in words:
            pattern = f"%{fold(word)}%"
            conditions.append(or_(folded(orm.decisions.c.text).like(pattern), folded(orm.cases.c.title).like(pattern)))
        return await self._entries(and_(*conditions), limit=limit, newest_first=True)

    async def _entries(self, condition: Any, *, limit: int | None, newest_first: bool = False) -> list[DecisionEntry]:
        order = orm.decisions.c.recorded_at.desc() if newest_first else orm.decisions.c.recorded_at
        statement = (
            select(
                orm.bodies.c.key,
                orm.cases.c.number,
                orm.cases.c.year,
                orm.cases.c.title,
                orm.decisions.c.text,
                orm.decisions.c.status,
                orm.decisions.c.recorded_at,
                orm.decisions.c.final_at,
                orm.decisions.c.meeting_id,
            )
            .join(orm.cases, orm.cases.c.id == orm.decisions.c.case_id)
            .join(orm.bodies, orm.bodies.c.id == orm.decisions.c.body_id)
            .where(condition)
            .order_by(order, orm.decisions.c.id)
        )
        if limit is not None:
            statement = statement.limit(limit)
        rows = (await self._session.execute(statement)).all()
        return [
            DecisionEntry(
                body_key=row.key,
                case_reference=f"{row.number}/{row.year}",
                case_title=row.title,
                text=row.text,
                status=row.status,
                recorded_at=row.recorded_at,
                final_at=row.final_at,
                circulation=row.meeting_id is None,
            )
            for row in rows
        ]


class DelegationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, delegation: Delegation) -> None:
        self._session.add(delegation)
        await self._session.flush()

    async def to_bodies(self, body_ids: Sequence[int]) -> list[DelegationView]:
        return await self._views(orm.delegations.c.to_body_id.in_(list(body_ids)))

    async def from_body(self, body_id: int) -> list[DelegationView]:
        return await self._views(orm.delegations.c.from_body_id == body_id)

    async def get(self, delegation_id: int) -> DelegationView | None:
        found = await self._views(orm.delegations.c.id == delegation_id)
        return found[0] if found else None

    async def _views(self, condition: Any) -> list[DelegationView]:
        giver, receiver = orm.bodies.alias("giver"), orm.bodies.alias("receiver")
        rows = await self._session.execute(
            select(
                orm.delegations.c.id,
                receiver.c.key.label("to_key"),
                giver.c.key.label("from_key"),
                orm.cases.c.number,
                orm.cases.c.year,
                orm.delegations.c.matter,
            )
            .join(giver, giver.c.id == orm.delegations.c.from_body_id)
            .join(receiver, receiver.c.id == orm.delegations.c.to_body_id)
            .join(orm.decisions, orm.decisions.c.id == orm.delegations.c.decision_id)
            .join(orm.cases, orm.cases.c.id == orm.decisions.c.case_id)
            .where(condition)
            .order_by(orm.delegations.c.id)
        )
        return [
            DelegationView(row.id, row.to_key, row.from_key, f"{row.number}/{row.year}", row.matter) for row in rows
        ]
