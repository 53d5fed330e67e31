"""The calendar relay: makes each meeting's Outlook event match the meeting, through Graph, from
the job rows that meeting changes leave (governance/calendar/calendar_sync.py). It runs beside the message
relay, never inside a user's turn.

Each pass claims due rows under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), works out what
Graph must do from the meeting as it is now, calls Graph outside any transaction, and records the
result if the lease is still its own. Failures never make a second event:

- a create carries the row's transaction id, so one that timed out or got a 503 is repeated and
  Graph returns the event it may already have made;
- 429, 412 and 5xx wait for Retry-After (or a backoff) in the row, not in a sleeping task, so
  other meetings go on and no user waits;
- a refusal (400, 401, 403), or too many failures, marks the row failed and tells the body's
  channel, once per change.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cards.calendar_documents import cancellation_comment, outlook_event, outlook_trouble_text
from cards.dates import when_text
from governance.meetings.schedule import body_ref
from governance.ports import UnitOfWork
from governance.rules.clock import Clock
from governance.rules.model import MeetingStatus
from governance.rules.outlook_events import (
    CalendarStep,
    CalendarSync,
    CalendarSyncStatus,
    OutlookEvent,
    attendees_of,
    next_step,
)
from governance.rules.reminders import Delivery
from scheduler.calendar_gateway import CalendarGateway, EventGone, EventRef
from scheduler.sender import RetryLater, SendFailed, backoff_seconds

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarRelaySettings:
    batch: int = 20
    lease: timedelta = timedelta(minutes=2)
    # Graph being away (throttled, unavailable, timing out) is waited out, however long: a meeting
    # must not lose its invitation to an outage. After this many attempts the channel is told.
    report_after_attempts: int = 6
    backoff_base_s: float = 5.0
    backoff_cap_s: float = 1800.0


@dataclass
class CalendarRelayState:
    """What the health endpoint reports about this relay."""

    last_run_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class CalendarJob:
    """One claimed row and what Graph must be asked, worked out in the claiming transaction."""

    sync_id: int
    revision: int  # the change this call brings across
    event_id: str | None
    transaction_id: str
    step: CalendarStep
    organiser: str  # whose calendar the call goes to
    event: OutlookEvent | None
    comment: str = ""
    follow_up: bool = False  # more must follow a success before the row is in line

    @classmethod
    def of(
        cls,
        sync: CalendarSync,
        step: CalendarStep,
        organiser: str,
        event: OutlookEvent | None,
        comment: str = "",
        *,
        follow_up: bool = False,
    ) -> CalendarJob:
        """Copied out of the row: the call happens after the claiming transaction has ended."""
        assert sync.id is not None
        return cls(
            sync.id, sync.revision, sync.event_id, sync.transaction_id, step, organiser, event, comment, follow_up
        )


@dataclass
class CalendarRelay:
    unit_of_work: Callable[[], UnitOfWork]
    clock: Clock
    gateway: CalendarGateway
    owner: str
    settings: CalendarRelaySettings = field(default_factory=CalendarRelaySettings)
    state: CalendarRelayState = field(default_factory=CalendarRelayState)
    jitter: Callable[[], float] = random.random

    async def run_once(self) -> int:
        """Works through every due row; returns how many Graph calls succeeded."""
        done = 0
        try:
            while True:
                jobs, claimed = await self._claim()
                if not claimed:
                    break
                outcomes = await asyncio.gather(*(self._call(job) for job in jobs))
                done += await self._record(jobs, outcomes)
            self.state.last_error = None
        except Exception as error:  # the clock runs the relay again; say what stopped it
            self.state.last_error = type(error).__name__
            log.exception("calendar_relay.failed")
        finally:
            self.state.last_run_at = self.clock.now()
        return done

    async def _claim(self) -> tuple[list[CalendarJob], int]:
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            claimed = await uow.calendar_syncs.claim(self.owner, now, now + self.settings.lease, self.settings.batch)
            jobs = []
            for sync in claimed:
                job = await self._job(uow, sync, now)
                if job is None:
                    _settle(sync, now)
                else:
                    jobs.append(job)
            await uow.commit()
        return jobs, len(claimed)

    async def _job(self, uow: UnitOfWork, sync: CalendarSync, now: datetime) -> CalendarJob | None:
        meeting = await uow.meetings.get(sync.meeting_id)
        body = await uow.bodies.get(sync.body_id)
        if meeting is None or body is None:
            return None
        step = next_step(sync, meeting, body.organiser, now)
        if step is CalendarStep.NOTHING:
            return None
        cancelled = meeting.status is MeetingStatus.AVLYST
        ref = body_ref(body)
        if step is CalendarStep.CANCEL:
            assert sync.organiser is not None and sync.event_id is not None
            comment = (
                cancellation_comment(ref, meeting)
                if cancelled
                else "Invitasjonen kommer fra en annen kalender. / The invitation now comes from another calendar."
            )
            # A cancel in the old organiser's calendar is followed by a create in the new one's.
            then_create = not cancelled and body.organiser is not None
            return CalendarJob.of(sync, step, sync.organiser, None, comment, follow_up=then_create)
        # A cancelled meeting's create repeats the uncertain one, in the calendar it went to, and
        # is followed by the cancel.
        organiser = sync.organiser if cancelled else body.organiser
        assert organiser is not None and meeting.id is not None and body.id is not None
        members = [(membership.role, person) for membership, person in await uow.memberships.for_body(body.id)]
        agenda = await uow.read_models.agenda(meeting.id)
        event = outlook_event(ref, meeting, agenda.items, attendees_of(members, organiser))
        return CalendarJob.of(sync, step, organiser, event, follow_up=cancelled)

    async def _call(self, job: CalendarJob) -> EventRef | None | SendFailed:
        try:
            if job.step is CalendarStep.CREATE:
                assert job.event is not None
                return await self.gateway.create(job.organiser, job.event, job.transaction_id)
            assert job.event_id is not None
            if job.step is CalendarStep.UPDATE:
                assert job.event is not None
                return await self.gateway.update(job.organiser, job.event_id, job.event)
            await self.gateway.cancel(job.organiser, job.event_id, job.comment)
            return None
        except SendFailed as failure:
            return failure
        except Exception as error:  # a gateway bug must not stop the other meetings
            log.warning("calendar.call_failed step=%s error=%s", job.step.value, type(error).__name__)
            return RetryLater(type(error).__name__)

    async def _record(self, jobs: list[CalendarJob], outcomes: list[EventRef | None | SendFailed]) -> int:
        succeeded = 0
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            for job, outcome in zip(jobs, outcomes, strict=True):
                sync = await uow.calendar_syncs.get(job.sync_id)
                if sync is None or sync.lease_owner != self.owner:
                    continue  # the lease ran out and another relay took the row: it decides
                sync.lease_owner, sync.lease_until, sync.updated_at = None, None, now
                if isinstance(outcome, SendFailed) and not _event_gone(job, outcome):
                    await self._failed(uow, sync, job, outcome, now)
                    continue
                succeeded += 1
                if job.step is CalendarStep.CANCEL or isinstance(outcome, SendFailed):
                    # Cancelled, or gone already (deleted in Outlook): a later create starts afresh.
                    sync.forget_event()
                else:
                    assert isinstance(outcome, EventRef)
                    sync.event_id, sync.join_url, sync.organiser = outcome.event_id, outcome.join_url, job.organiser
                    sync.create_uncertain = False
                sync.attempts, sync.last_error, sync.next_attempt_at, sync.not_before = 0, None, now, None
                if sync.revision == job.revision and not job.follow_up:
                    sync.status = CalendarSyncStatus.SYNCED  # else a newer change waits its turn
                log.info("calendar.%s sync=%s revision=%d", job.step.value, sync.id, job.revision)
            await uow.commit()
        return succeeded

    async def _failed(
        self, uow: UnitOfWork, sync: CalendarSync, job: CalendarJob, failure: SendFailed, now: datetime
    ) -> None:
        sync.attempts += 1
        sync.last_error = failure.code
        if job.step is CalendarStep.CREATE and isinstance(failure, RetryLater):
            # Graph may have made the event; should the meeting be cancelled before a retry
            # succeeds, the create is repeated (same transaction id) to find it and cancel it.
            sync.create_uncertain, sync.organiser = True, job.organiser
        if isinstance(failure, RetryLater):
            sync.next_attempt_at = now + timedelta(seconds=self._backoff(sync.attempts, failure.retry_after))
            if failure.retry_after is not None:
                # Kept apart from the backoff: a change to the meeting resets the backoff, not this.
                sync.not_before = now + timedelta(seconds=failure.retry_after)
            log.info("calendar.retry sync=%s code=%s attempts=%d", sync.id, failure.code, sync.attempts)
            if sync.attempts == self.settings.report_after_attempts:
                await _report(uow, sync, job, failure, now, still_trying=True)
            return
        sync.status = CalendarSyncStatus.FAILED
        log.warning("calendar.failed sync=%s step=%s code=%s", sync.id, job.step.value, failure.code)
        await _report(uow, sync, job, failure, now, still_trying=False)

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        settings = self.settings
        return backoff_seconds(attempts, retry_after, settings.backoff_base_s, settings.backoff_cap_s, self.jitter())


def _event_gone(job: CalendarJob, outcome: SendFailed) -> bool:
    """An event deleted in Outlook: cancelling it is done, updating it means making it again."""
    return isinstance(outcome, EventGone) and job.step is not CalendarStep.CREATE


def _settle(sync: CalendarSync, now: datetime) -> None:
    """Nothing (more) to ask Graph: the row is in line with the meeting."""
    sync.status = CalendarSyncStatus.SYNCED
    sync.lease_owner, sync.lease_until, sync.updated_at = None, None, now


async def _report(
    uow: UnitOfWork, sync: CalendarSync, job: CalendarJob, failure: SendFailed, now: datetime, *, still_trying: bool
) -> None:
    """Tells the body's channel, once per change, that its Outlook invitation is not right:
    refused for good, or held up by Graph and still being tried."""
    body = await uow.bodies.get(sync.body_id)
    meeting = await uow.meetings.get(sync.meeting_id)
    if body is None or meeting is None or body.linked_conversation_id is None:
        return
    text = outlook_trouble_text(
        body.key, when_text(meeting.starts_at, None, "nb"), job.step, job.organiser, failure.code, still_trying
    )
    await uow.deliveries.add_new(
        [
            Delivery(
                key=f"calendar:{sync.id}:{job.revision}:{'delayed' if still_trying else 'failed'}",
                body_id=sync.body_id,
                conversation_id=body.linked_conversation_id,
                text=text,
                created_at=now,
                next_attempt_at=now,
            )
        ]
    )
