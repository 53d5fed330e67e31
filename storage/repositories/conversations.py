"""Teams bookkeeping: stored conversation references and handled activity ids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import _insert, dialect_of
from storage.orm import conversation_references, processed_activities

_CLAIM = {
    name: dialect.insert(processed_activities)
    .values(activity_id=bindparam("activity_id"), received_at=bindparam("received_at"))
    .on_conflict_do_nothing(index_elements=[processed_activities.c.activity_id])
    .returning(processed_activities.c.activity_id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


class ConversationRepository:
    """Where the bot can write back to: one stored reference per conversation."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(
        self,
        conversation_id: str,
        reference: dict[str, Any],
        *,
        conversation_type: str | None,
        tenant_id: str | None,
        service_url: str,
        user_aad_object_id: str | None,
        at: datetime,
    ) -> None:
        values = {
            "conversation_type": conversation_type,
            "tenant_id": tenant_id,
            "service_url": service_url,
            "user_aad_object_id": user_aad_object_id,
            "reference": reference,
            "updated_at": at,
        }
        statement = _insert(self._session, conversation_references).values(conversation_id=conversation_id, **values)
        statement = statement.on_conflict_do_update(
            index_elements=[conversation_references.c.conversation_id], set_=values
        )
        await self._session.execute(statement)

    async def reference(self, conversation_id: str) -> dict[str, Any] | None:
        row = await self._session.scalar(
            select(conversation_references.c.reference).where(
                conversation_references.c.conversation_id == conversation_id
            )
        )
        return dict(row) if row is not None else None

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(conversation_references)) or 0)

    async def personal_for(self, aad_object_ids: Sequence[str]) -> dict[str, str]:
        """Each person's personal chat with the bot, by Entra object id, where the bot has one."""
        if not aad_object_ids:
            return {}
        rows = await self._session.execute(
            select(conversation_references.c.user_aad_object_id, conversation_references.c.conversation_id)
            .where(
                conversation_references.c.conversation_type == "personal",
                conversation_references.c.user_aad_object_id.in_(list(aad_object_ids)),
            )
            .order_by(conversation_references.c.updated_at)
        )
        return {aad: conversation_id for aad, conversation_id in rows}  # the latest chat wins


class ActivityLog:
    """Activity ids already handled, so a redelivered activity has one effect and one reply."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, activity_id: str, at: datetime) -> bool:
        """Records the id; False when it was recorded before (by this or a concurrent turn)."""
        statement = _CLAIM["postgresql" if dialect_of(self._session) == "postgresql" else "sqlite"]
        return await self._session.scalar(statement, {"activity_id": activity_id, "received_at": at}) is not None

    async def release(self, activity_id: str) -> None:
        """Gives a claim back: the turn that made it failed after its claim was committed, and the
        activity has had no effect, so a retry or redelivery must be able to claim it."""
        await self._session.execute(
            delete(processed_activities).where(processed_activities.c.activity_id == activity_id)
        )

    async def forget_before(self, cutoff: datetime) -> int:
        """Drops ids older than any redelivery (Teams retries within minutes), so the log stays small."""
        result = cast(
            CursorResult[Any],
            await self._session.execute(
                delete(processed_activities).where(processed_activities.c.received_at < cutoff)
            ),
        )
        return int(result.rowcount or 0)
