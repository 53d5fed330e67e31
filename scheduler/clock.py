"""APScheduler as the relay's clock, and nothing more: it wakes the relay at an interval; what is
due and what was sent lives in the database (DESIGN.md section 5). Runs missed while the process
was busy or down are not made up one by one: the next run sends everything that is due."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from governance.rules.oslo_time import OSLO
from scheduler.relay import Relay
from scheduler.retention_job import RetentionJob

STOP_WAIT_SECONDS = 5.0
# APScheduler logs two INFO lines for every run ("Running job", "executed successfully"), which at
# a 30 s interval would be most of the log; the relay logs what a run did (scheduler/relay.py).
APSCHEDULER_LOG_LEVEL = logging.WARNING


class RelayClock:
    """Runs the relay now and then every `interval_seconds`, one run at a time. The calendar relay
    (Graph) is a job of its own beside the messages: a Graph call that hangs until its timeout
    holds up only the next calendar run, never a reminder. Retention, when given, runs once a day
    at `retention_at` (hour, minute) Oslo time."""

    def __init__(
        self,
        relay: Relay,
        interval_seconds: float,
        retention: RetentionJob | None = None,
        retention_at: tuple[int, int] = (3, 30),
    ) -> None:
        logging.getLogger("apscheduler").setLevel(APSCHEDULER_LOG_LEVEL)
        self._relay = relay
        self._running: dict[str, asyncio.Task[int]] = {}
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        jobs: dict[str, Callable[[], Awaitable[int]]] = {"relay": relay.run_messages}
        if relay.calendar is not None:
            jobs["calendar"] = relay.calendar.run_once
        for name, run in jobs.items():
            self._scheduler.add_job(
                self._run,
                IntervalTrigger(seconds=interval_seconds),
                args=(name, run),
                id=name,
                max_instances=1,  # a long run is not overtaken by the next of its own kind
                coalesce=True,
                misfire_grace_time=None,  # late runs still happen
                next_run_time=datetime.now(UTC),  # at start: whatever fell due while the bot was down
            )
        if retention is not None:
            hour, minute = retention_at
            self._scheduler.add_job(
                self._run,
                CronTrigger(hour=hour, minute=minute, timezone=OSLO),
                args=("retention", retention.run),
                id="retention",
                max_instances=1,
                coalesce=True,
                misfire_grace_time=3600,  # a run delayed by a busy process still happens that night
            )

    def next_run_at(self, job: str) -> datetime | None:
        found = self._scheduler.get_job(job)
        return found.next_run_time if found is not None else None

    async def _run(self, name: str, run: Callable[[], Awaitable[int]]) -> None:
        self._running[name] = asyncio.ensure_future(run())
        try:
            await self._running[name]
        finally:
            del self._running[name]

    def start(self) -> None:
        self._scheduler.start()

    async def stop(self) -> None:
        """No new runs; runs in progress are cancelled. Their transactions roll back, and what they
        claimed or began to send is settled by the next relay (scheduler/relay.py)."""
        self._scheduler.shutdown(wait=False)
        running = list(self._running.values())
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, STOP_WAIT_SECONDS)


def start_relay_clock(
    relay: Relay,
    interval_seconds: float,
    retention: RetentionJob | None = None,
    retention_at: tuple[int, int] = (3, 30),
) -> RelayClock:
    clock = RelayClock(relay, interval_seconds, retention, retention_at)
    clock.start()
    return clock
