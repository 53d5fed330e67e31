"""APScheduler as the relay's clock, and nothing more: it wakes the relay at an interval; what is
due and what was sent lives in the database (DESIGN.md section 5). Runs missed while the process
was busy or down are not made up one by one: the next run sends everything that is due."""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.relay import Relay


def start_relay_clock(relay: Relay, interval_seconds: float) -> AsyncIOScheduler:
    """Runs the relay now and then every `interval_seconds`, one run at a time."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        relay.run_once,
        IntervalTrigger(seconds=interval_seconds),
        id="relay",
        max_instances=1,  # a long run is not overtaken by the next
        coalesce=True,
        misfire_grace_time=None,  # late runs still happen
        next_run_time=datetime.now(UTC),  # at start: whatever fell due while the bot was down
    )
    scheduler.start()
    return scheduler
