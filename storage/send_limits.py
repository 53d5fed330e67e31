"""The shared pacing rows of all relays (governance/rules/send_rates.py), locked for the claim
transaction that decides on them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.send_rates import SendLimit
from storage import orm
from storage.dialect import _insert, dialect_of


class SendLimitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, keys: Sequence[str]) -> dict[str, SendLimit]:
        """The rows of `keys`, made if missing, locked until the transaction ends.

        One upsert takes every lock, in key order: relays that want overlapping rows queue in the
        same order and cannot deadlock, and a row two relays make at once is made once. The
        no-op update is what makes PostgreSQL lock a row that already exists."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        limits = orm.send_limits
        statement = _insert(self._session, limits).values([{"key": key, "window_count": 0} for key in wanted])
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"key": statement.excluded.key})
        )
        query = select(SendLimit).where(limits.c.key.in_(wanted)).order_by(limits.c.key)
        if dialect_of(self._session) == "postgresql":
            query = query.with_for_update()  # held already by the upsert; says so to the reader
        rows = await self._session.scalars(query.execution_options(populate_existing=True))
        return {row.key: row for row in rows}

    async def tenants_of(self, conversation_ids: Sequence[str]) -> dict[str, str | None]:
        """Each conversation's tenant, from its stored reference."""
        if not conversation_ids:
            return {}
        references = orm.conversation_references.c
        rows = await self._session.execute(
            select(references.conversation_id, references.tenant_id).where(
                references.conversation_id.in_(list(conversation_ids))
            )
        )
        return {conversation_id: tenant_id for conversation_id, tenant_id in rows}
