"""Where the outbox stands, for the health endpoint and `hfbot reminders`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from governance.ports import UnitOfWork
from governance.reminders import DeliveryStatus


async def relay_report(uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    """Messages per status, and how long the oldest due one has waited (seconds)."""
    counts = await uow.deliveries.counts()
    oldest = await uow.deliveries.oldest_due(now)
    return {
        "messages": {status.value: counts.get(status, 0) for status in DeliveryStatus},
        "oldest_due_waiting_s": round((now - oldest).total_seconds(), 1) if oldest else 0.0,
    }
