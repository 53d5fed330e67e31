"""APScheduler as the relay's clock, and nothing more: it wakes the relay at an interval; what is
due and what was sent lives in the database (DESIGN.md section 5). Runs missed while the process
was busy or down are not made up one by one: the next run sends everything that is due."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.relay import Relay

STOP_WAIT_SECONDS = 5.0
# APScheduler logs two INFO lines for every run ("Running job", "executed successfully"), which at
# a 30 s interval would be most of the log; the relay logs what a run did (scheduler/relay.py).
APSCHEDULER_LOG_LEVEL = logging.WARNING


class RelayClock:
    """Runs the relay now and then every `interval_seconds`, one run at a time."""

    def __init__(self, relay: Relay, interval_seconds: float) -> None:
        logging.getLogger("apscheduler").setLevel(APSCHEDULER_LOG_LEVEL)
        self._relay = relay
        self._running: asyncio.Task[int] | None = None
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=interval_seconds),
            id="relay",
            max_instances=1,  # a long run is not overtaken by the next
            coalesce=True,
            misfire_grace_time=None,  # late runs still happen
            next_run_time=datetime.now(UTC),  # at start: whatever fell due while the bot was down
        )

    async def _run(self) -> None:
        self._running = asyncio.ensure_future(self._relay.run_once())
        try:
            await self._running
        finally:
            self._running = None

    def start(self) -> None:
        self._scheduler.start()

    async def stop(self) -> None:
        """No new runs; a run in progress is cancelled. Its transactions roll back, and what it
        claimed or began to send is settled by the next relay (scheduler/relay.py)."""
        self._scheduler.shutdown(wait=False)
        running = self._running
        if running is not None:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(running, STOP_WAIT_SECONDS)


def start_relay_clock(relay: Relay, interval_seconds: float) -> RelayClock:
    clock = RelayClock(relay, interval_seconds)
    clock.start()
    return clock
