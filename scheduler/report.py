"""Where the outbox stands, for the health endpoint and `hfbot reminders`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from governance.ports import UnitOfWork
from governance.rules.oslo_time import OSLO
from governance.rules.outlook_events import CalendarSyncStatus
from governance.rules.reminders import DeliveryStatus

# Sent and cancelled messages are counted over this last while; the rest (waiting, being sent,
# failed, uncertain) are counted however old, since they still go out or need someone to look.
RECENT = timedelta(hours=24)


async def relay_report(uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    """Messages per status (sent and cancelled: in the last `RECENT`), and how long the oldest due
    one has waited (seconds)."""
    counts = await uow.deliveries.counts(now - RECENT)
    oldest = await uow.deliveries.oldest_due(now)
    return {
        "messages": {status.value: counts.get(status, 0) for status in DeliveryStatus},
        "settled_counted_for_s": RECENT.total_seconds(),
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
    lines.append(
        f"Outbox: {counts} (sent and cancelled: last {RECENT.total_seconds() / 3600:.0f} h); "
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
    """Outlook event jobs per status."""
    counts = await uow.calendar_syncs.counts()
    return {status.value: counts.get(status, 0) for status in CalendarSyncStatus}


def oslo_time(instant: datetime) -> str:
    return instant.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
