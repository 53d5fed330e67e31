"""Reminder occurrences and the outbox of messages: stored with the change that causes them, and
claimed by relays so that each is handled once, also with several processes on PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.outlook_events import CalendarSync, CalendarSyncStatus
from governance.rules.reminders import Delivery, DeliveryStatus, Reminder, ReminderStatus
from storage import orm
from storage.dialect import dialect_of


def _locking(session: AsyncSession, query: Any) -> Any:
    """Rows another relay holds are skipped, not waited for (PostgreSQL). SQLite has one writer at
    a time (the transaction's BEGIN IMMEDIATE), so there a claim simply waits its turn."""
    return query.with_for_update(skip_locked=True) if dialect_of(session) == "postgresql" else query


def _settled_before(cutoff: datetime) -> Any:
    """Messages done with before `cutoff`: sent then, or cancelled (never sent) by then: what the
    daily retention deletes."""
    deliveries = orm.deliveries.c
    return or_(
        and_(deliveries.status == DeliveryStatus.SENT, deliveries.sent_at < cutoff),
        and_(deliveries.status == DeliveryStatus.CANCELLED, deliveries.created_at < cutoff),
    )


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_keys(self, keys: Sequence[str]) -> dict[str, Reminder]:
        if not keys:
            return {}
        rows = await self._session.scalars(select(Reminder).where(orm.reminders.c.key.in_(list(keys))))
        return {reminder.key: reminder for reminder in rows}

    async def planned_for_meeting(self, meeting_id: int) -> list[Reminder]:
        return list(
            await self._session.scalars(
                select(Reminder).where(
                    orm.reminders.c.meeting_id == meeting_id, orm.reminders.c.status == ReminderStatus.PLANNED
                )
            )
        )

    async def planned_for_body(self, body_id: int, limit: int) -> list[Reminder]:
        """The body's next planned reminders, soonest first."""
        return list(
            await self._session.scalars(
                select(Reminder)
                .where(orm.reminders.c.body_id == body_id, orm.reminders.c.status == ReminderStatus.PLANNED)
                .order_by(orm.reminders.c.due_at, orm.reminders.c.id)
                .limit(limit)
            )
        )

    async def add(self, reminder: Reminder) -> None:
        self._session.add(reminder)

    async def claim_due(self, now: datetime, limit: int) -> list[Reminder]:
        """Planned reminders whose moment has come, oldest first, locked for this transaction."""
        query = (
            select(Reminder)
            .where(orm.reminders.c.status == ReminderStatus.PLANNED, orm.reminders.c.due_at <= now)
            .order_by(orm.reminders.c.due_at, orm.reminders.c.id)
            .limit(limit)
        )
        return list(await self._session.scalars(_locking(self._session, query)))

    async def between(self, start: datetime, end: datetime) -> list[Reminder]:
        return list(
            await self._session.scalars(
                select(Reminder)
                .where(
                    orm.reminders.c.status == ReminderStatus.PLANNED,
                    orm.reminders.c.due_at >= start,
                    orm.reminders.c.due_at < end,
                )
                .order_by(orm.reminders.c.due_at, orm.reminders.c.id)
            )
        )


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_new(self, deliveries: Sequence[Delivery]) -> int:
        """Adds the deliveries whose keys are not stored yet; returns how many were added."""
        if not deliveries:
            return 0
        known = set(
            await self._session.scalars(
                select(orm.deliveries.c.key).where(orm.deliveries.c.key.in_([d.key for d in deliveries]))
            )
        )
        fresh = [delivery for delivery in deliveries if delivery.key not in known]
        self._session.add_all(fresh)
        await self._session.flush()
        return len(fresh)

    async def claim(self, owner: str, now: datetime, lease_until: datetime, limit: int) -> list[Delivery]:
        """Takes up to `limit` deliveries that are due: pending ones, and claimed ones whose relay
        let its lease run out before it began sending (so they were never sent)."""
        deliveries = orm.deliveries.c
        query = (
            select(Delivery)
            .where(
                or_(
                    (deliveries.status == DeliveryStatus.PENDING) & (deliveries.next_attempt_at <= now),
                    (deliveries.status == DeliveryStatus.CLAIMED) & (deliveries.lease_until < now),
                )
            )
            .order_by(deliveries.next_attempt_at, deliveries.id)
            .limit(limit)
        )
        claimed = list(await self._session.scalars(_locking(self._session, query)))
        for delivery in claimed:
            delivery.status = DeliveryStatus.CLAIMED
            delivery.lease_owner = owner
            delivery.lease_until = lease_until
        await self._session.flush()
        return claimed

    async def abandoned_while_sending(self, now: datetime, limit: int) -> list[Delivery]:
        """Deliveries a relay began to send and never finished (it died, or lost its lease)."""
        deliveries = orm.deliveries.c
        query = (
            select(Delivery)
            .where(deliveries.status == DeliveryStatus.SENDING, deliveries.lease_until < now)
            .order_by(deliveries.id)
            .limit(limit)
        )
        return list(await self._session.scalars(_locking(self._session, query)))

    async def mark_sending(self, ids: Sequence[int], owner: str) -> int:
        """Marks claimed deliveries as being sent, if this relay still holds them."""
        result = await self._session.execute(
            update(orm.deliveries)
            .where(
                orm.deliveries.c.id.in_(list(ids)),
                orm.deliveries.c.status == DeliveryStatus.CLAIMED,
                orm.deliveries.c.lease_owner == owner,
            )
            .values(status=DeliveryStatus.SENDING)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def cancel_unsent_for_meeting(self, meeting_id: int) -> None:
        """Messages of a cancelled meeting's reminders that have not gone out are not sent."""
        of_meeting = select(orm.reminders.c.id).where(orm.reminders.c.meeting_id == meeting_id)
        await self._session.execute(
            update(orm.deliveries)
            .where(
                orm.deliveries.c.reminder_id.in_(of_meeting.scalar_subquery()),
                orm.deliveries.c.status.in_([DeliveryStatus.PENDING, DeliveryStatus.CLAIMED]),
            )
            .values(status=DeliveryStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )

    async def by_key(self, key: str) -> Delivery | None:
        return await self._session.scalar(select(Delivery).where(orm.deliveries.c.key == key))

    async def get_many(self, ids: Sequence[int]) -> list[Delivery]:
        if not ids:
            return []
        return list(await self._session.scalars(select(Delivery).where(orm.deliveries.c.id.in_(list(ids)))))

    async def counts(self, statuses: Sequence[DeliveryStatus]) -> dict[DeliveryStatus, int]:
        """Messages in each of `statuses`, read from the status index. Meant for the statuses that
        still need action: sent and cancelled messages pile up until the retention deletes them."""
        rows = await self._session.execute(
            select(orm.deliveries.c.status, func.count())
            .where(orm.deliveries.c.status.in_(list(statuses)))
            .group_by(orm.deliveries.c.status)
        )
        return {DeliveryStatus(status): int(count) for status, count in rows}

    async def sent_since(self, since: datetime) -> int:
        """Messages sent since `since`; for `hfbot reminders`, not the health check, since it reads
        every sent message still kept."""
        count = await self._session.scalar(
            select(func.count()).where(
                orm.deliveries.c.status == DeliveryStatus.SENT, orm.deliveries.c.sent_at >= since
            )
        )
        return int(count or 0)

    async def forget_settled_before(self, cutoff: datetime) -> int:
        """Deletes messages sent or cancelled before `cutoff`. Pending, failed and uncertain ones
        stay: they still go out, or the secretariat has to see them (`hfbot reminders`)."""
        statement = delete(orm.deliveries).where(_settled_before(cutoff))
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return int(result.rowcount or 0)

    async def with_status(self, statuses: Sequence[DeliveryStatus], limit: int) -> list[Delivery]:
        return list(
            await self._session.scalars(
                select(Delivery)
                .where(orm.deliveries.c.status.in_(list(statuses)))
                .order_by(orm.deliveries.c.id.desc())
                .limit(limit)
            )
        )

    async def next_pending_at(self, until: datetime) -> datetime | None:
        """When the first pending delivery falls due, if it does by `until`."""
        return await self._session.scalar(
            select(func.min(orm.deliveries.c.next_attempt_at)).where(
                orm.deliveries.c.status == DeliveryStatus.PENDING, orm.deliveries.c.next_attempt_at <= until
            )
        )

    async def oldest_due(self, now: datetime) -> datetime | None:
        return await self._session.scalar(
            select(orm.deliveries.c.next_attempt_at)
            .where(orm.deliveries.c.status == DeliveryStatus.PENDING, orm.deliveries.c.next_attempt_at <= now)
            .order_by(orm.deliveries.c.next_attempt_at)
            .limit(1)
        )


class CalendarSyncRepository:
    """The Outlook event jobs: one row per meeting, claimed under a lease like the deliveries."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_meeting(self, meeting_id: int) -> CalendarSync | None:
        return await self._session.scalar(select(CalendarSync).where(orm.calendar_syncs.c.meeting_id == meeting_id))

    async def add(self, sync: CalendarSync) -> None:
        self._session.add(sync)

    async def claim(self, owner: str, now: datetime, lease_until: datetime, limit: int) -> list[CalendarSync]:
        """Pending rows that are due and not held under another relay's live lease. A relay that
        died mid-call leaves its lease to run out; the row is then taken again, which is safe:
        creates carry a transaction id, updates and cancels can be repeated."""
        syncs = orm.calendar_syncs.c
        query = (
            select(CalendarSync)
            .where(
                syncs.status == CalendarSyncStatus.PENDING,
                syncs.next_attempt_at <= now,
                or_(syncs.lease_until.is_(None), syncs.lease_until < now),
            )
            .order_by(syncs.next_attempt_at, syncs.id)
            .limit(limit)
        )
        claimed = list(await self._session.scalars(_locking(self._session, query)))
        for sync in claimed:
            sync.lease_owner, sync.lease_until = owner, lease_until
        await self._session.flush()
        return claimed

    async def get(self, sync_id: int) -> CalendarSync | None:
        return await self._session.get(CalendarSync, sync_id)

    async def counts(self, statuses: Sequence[CalendarSyncStatus]) -> dict[CalendarSyncStatus, int]:
        """Event jobs in each of `statuses`, read from the status index (synced rows, one for every
        meeting ever planned, are meant to be left out)."""
        rows = await self._session.execute(
            select(orm.calendar_syncs.c.status, func.count())
            .where(orm.calendar_syncs.c.status.in_(list(statuses)))
            .group_by(orm.calendar_syncs.c.status)
        )
        return {CalendarSyncStatus(status): int(count) for status, count in rows}

    async def failed(self, limit: int) -> list[CalendarSync]:
        return list(
            await self._session.scalars(
                select(CalendarSync)
                .where(orm.calendar_syncs.c.status == CalendarSyncStatus.FAILED)
                .order_by(orm.calendar_syncs.c.updated_at.desc())
                .limit(limit)
            )
        )
