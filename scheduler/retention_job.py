"""The daily retention run on the scheduler (governance/archive/retention.py decides what goes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from governance.archive.retention import run_retention
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock

log = logging.getLogger(__name__)


@dataclass
class RetentionState:
    last_run_at: datetime | None = None
    last_error: str | None = None


@dataclass
class RetentionJob:
    unit_of_work: UnitOfWorkFactory
    clock: Clock
    state: RetentionState = field(default_factory=RetentionState)

    async def run(self) -> int:
        """One run; returns how many records went. A failure is logged and tried again the next
        day (nothing is half done: the run is one transaction)."""
        try:
            report = await run_retention(self.unit_of_work, self.clock.now())
        except Exception as error:  # the scheduler runs it again tomorrow; say what stopped it
            self.state.last_error = type(error).__name__
            log.exception("retention.failed")
            return 0
        finally:
            self.state.last_run_at = self.clock.now()
        self.state.last_error = None
        counts = " ".join(f"{kind.value}={count}" for kind, count in report.deleted.items())
        kept = " ".join(f"kept_{kind.value}={count}" for kind, count in report.kept_until_exported.items())
        log.info("retention.run %s %s", counts, kept)
        return sum(report.deleted.values())
