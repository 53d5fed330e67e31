"""Asking for a meeting's Outlook invitation to follow the meeting.

A change to a meeting (planned, moved, cancelled, its agenda called) stores a wish in the same
transaction: the meeting's sync row counts up its `revision`. The calendar relay
(scheduler/calendar_relay.py) later makes Graph match the meeting, outside any user's turn. What
the calendar should hold and which call comes next are rules, in governance/rules/outlook_events.py.
"""

from __future__ import annotations

from datetime import datetime

from governance.ports import UnitOfWork
from governance.rules.model import Body, Meeting
from governance.rules.outlook_events import CalendarSync, new_transaction_id


async def request_calendar_sync(uow: UnitOfWork, body: Body, meeting: Meeting, now: datetime) -> None:
    """Asks for the meeting's Outlook event to be brought in line with the meeting. A body without
    an organiser gets no events, unless it had one: then the old event is cancelled."""
    assert meeting.id is not None and body.id is not None
    sync = await uow.calendar_syncs.for_meeting(meeting.id)
    if sync is None:
        if body.organiser is None:
            return
        await uow.calendar_syncs.add(
            CalendarSync(
                meeting_id=meeting.id,
                body_id=body.id,
                transaction_id=new_transaction_id(),
                next_attempt_at=now,
                updated_at=now,
            )
        )
        return
    sync.request(now)


async def request_body_calendar_sync(uow: UnitOfWork, body: Body, now: datetime) -> int:
    """The body's organiser or members changed: every upcoming meeting's event follows."""
    assert body.id is not None
    upcoming = await uow.meetings.upcoming(body.id, now)
    for meeting in upcoming:
        await request_calendar_sync(uow, body, meeting, now)
    return len(upcoming)
