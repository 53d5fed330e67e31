"""Where the outbox stands, for the health endpoint and `hfbot reminders`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from governance.ports import UnitOfWork
from governance.rules.oslo_time import OSLO
from governance.rules.outlook_events import CalendarSyncStatus
from governance.rules.reminders import DeliveryStatus

# What the health report counts: only what still needs action (waiting, being sent, or for someone
# to look at). Sent and cancelled messages and synced events grow with every message and meeting,
# so counting them would make the health check slower the longer the bot runs; these statuses are
# few rows each, counted from the status index.
OPEN_MESSAGES = (
    DeliveryStatus.PENDING,
    DeliveryStatus.CLAIMED,
    DeliveryStatus.SENDING,
    DeliveryStatus.FAILED,
    DeliveryStatus.UNCERTAIN,
)
OPEN_EVENTS = (CalendarSyncStatus.PENDING, CalendarSyncStatus.FAILED)

# `hfbot reminders` (not the health check) also says how many messages went out over this last while.
RECENT = timedelta(hours=24)


async def relay_report(uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    """Messages that still need action, per status, and how long the oldest due one has waited
    (seconds)."""
    counts = await uow.deliveries.counts(OPEN_MESSAGES)
    oldest = await uow.deliveries.oldest_due(now)
    return {
        "messages": {status.value: counts.get(status, 0) for status in OPEN_MESSAGES},
        "oldest_due_waiting_s": round((now - oldest).total_seconds(), 1) if oldest else 0.0,
    }


async def operations_lines(uow: UnitOfWork, now: datetime, days: int) -> list[str]:
    """`hfbot reminders`: what falls due in the next days, and what did not get through."""
    bodies = {body.id: body.key for body in await uow.bodies.all()}
    due = await uow.reminders.between(now, now + timedelta(days=days))
    lines = [f"Reminders due in the next {days} days: {len(due)}"]
    lines += [
        f"  {oslo_time(reminder.due_at)}  {bodies.get(reminder.body_id, '?'):<10} {reminder.kind.value:<14} {reminder.key}"
        for reminder in due
    ]
    troubled = await uow.deliveries.with_status([DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN], 50)
    lines.append(f"Messages that failed or may not have arrived: {len(troubled)}")
    lines += [
        f"  {oslo_time(delivery.created_at)}  {bodies.get(delivery.body_id, '?'):<10} {delivery.status.value:<9} "
        f"{delivery.last_error or '':<24} {delivery.key}"
        for delivery in troubled
    ]
    report = await relay_report(uow, now)
    counts = ", ".join(f"{status} {count}" for status, count in report["messages"].items())
    sent = await uow.deliveries.sent_since(now - RECENT)
    lines.append(
        f"Outbox: {counts}; sent in the last {RECENT.total_seconds() / 3600:.0f} h {sent}; "
        f"oldest due message has waited {report['oldest_due_waiting_s']} s"
    )
    events = await calendar_report(uow)
    lines.append("Outlook events: " + ", ".join(f"{status} {count}" for status, count in events.items()))
    lines += [
        f"  {oslo_time(sync.updated_at)}  {bodies.get(sync.body_id, '?'):<10} failed    "
        f"{sync.last_error or '':<24} meeting {sync.meeting_id}"
        for sync in await uow.calendar_syncs.failed(50)
    ]
    return lines


async def calendar_report(uow: UnitOfWork) -> dict[str, int]:
    """Outlook event jobs still to be made or looked at, per status."""
    counts = await uow.calendar_syncs.counts(OPEN_EVENTS)
    return {status.value: counts.get(status, 0) for status in OPEN_EVENTS}


def oslo_time(instant: datetime) -> str:
    return instant.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
