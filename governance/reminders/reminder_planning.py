"""Storing reminder occurrences in the same transaction as the change that brings them: planning,
moving or cancelling a meeting, a new reminder policy, a decision or minutes put to approval."""

from __future__ import annotations

from datetime import datetime, timedelta

from governance.ports import UnitOfWork
from governance.rules.model import Body, Meeting
from governance.rules.oslo_time import oslo_date, oslo_year
from governance.rules.reminders import (
    MEASURE_NOTICE_DAYS,
    Occurrence,
    Reminder,
    approval_occurrence,
    measure_occurrence,
    meeting_occurrences,
    next_digest_occurrence,
)


async def plan_meeting_reminders(uow: UnitOfWork, body: Body, meeting: Meeting, now: datetime) -> None:
    """Brings a meeting's planned reminders in line with the meeting and the body's policy: new
    moments are stored, planned ones no longer wanted (a moved or cancelled meeting) cancelled.
    A moment already past when the meeting is planned or moved is left out: its time is gone."""
    assert meeting.id is not None and body.id is not None
    wanted: list[Occurrence] = []
    if meeting.is_upcoming:
        wanted = [o for o in meeting_occurrences(meeting.id, meeting.starts_at, body.reminders) if o.due_at > now]
    keys = {occurrence.key for occurrence in wanted}
    for reminder in await uow.reminders.planned_for_meeting(meeting.id):
        if reminder.key not in keys:
            reminder.cancel(now)
    stored = await uow.reminders.by_keys(sorted(keys))
    for occurrence in wanted:
        if occurrence.key not in stored:
            await uow.reminders.add(_reminder(occurrence, body.id, now, meeting_id=meeting.id))
    if not meeting.is_upcoming:
        await uow.deliveries.cancel_unsent_for_meeting(meeting.id)


async def plan_approval_reminder(
    uow: UnitOfWork, body_id: int, subject: str, round_number: int, posted_at: datetime
) -> None:
    """The reminder to approvers who have not acted on this round of a decision or minutes."""
    occurrence = approval_occurrence(subject, round_number, posted_at)
    if occurrence.key not in await uow.reminders.by_keys([occurrence.key]):
        await uow.reminders.add(_reminder(occurrence, body_id, posted_at, subject=subject))


async def plan_time_reminders(uow: UnitOfWork, now: datetime) -> None:
    """Reminders that time, not a change, brings: a week before a measure is due, and the next
    Monday digest of each plan's overdue measures. Planned ahead of their moment (the relay runs
    every few seconds), so one that falls while the bot is down still goes out afterwards."""
    today = oslo_date(now)
    # A day more than the notice, so the reminder is stored before its moment comes.
    due_soon = await uow.plans.open_measures_due(today, today + timedelta(days=MEASURE_NOTICE_DAYS + 1))
    wanted = [(measure_occurrence(measure_id, due, now), body_id, measure_id) for measure_id, due, body_id in due_soon]
    digests = [
        (next_digest_occurrence(plan_id, now), body_id, plan_id)
        for plan_id, body_id in await uow.plans.owners_of_year(oslo_year(now))
    ]
    stored = await uow.reminders.by_keys([occurrence.key for occurrence, _, _ in wanted + digests])
    for occurrence, body_id, measure_id in wanted:
        if occurrence.key not in stored:
            await uow.reminders.add(_reminder(occurrence, body_id, now, subject=f"measure:{measure_id}"))
    for occurrence, body_id, plan_id in digests:
        if occurrence.key not in stored:
            await uow.reminders.add(_reminder(occurrence, body_id, now, subject=f"plan:{plan_id}"))


def _reminder(
    occurrence: Occurrence, body_id: int, now: datetime, *, meeting_id: int | None = None, subject: str | None = None
) -> Reminder:
    return Reminder(
        key=occurrence.key,
        kind=occurrence.kind,
        due_at=occurrence.due_at,
        body_id=body_id,
        created_at=now,
        meeting_id=meeting_id,
        subject=subject,
    )
