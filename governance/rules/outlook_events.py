"""Outlook invitations as rules: the job row that tracks one meeting's event (its revision, its
lease, what Graph last said), what the organiser's calendar should hold, and which call brings it
there next. The use cases that ask for a sync are in governance.calendar.calendar_sync; the relay
that calls Graph is scheduler/calendar_relay.py."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from governance.rules.model import Meeting, MeetingStatus, Person, Role

# Graph needs an end; a meeting planned without one is shown as two hours long.
DEFAULT_LENGTH = timedelta(hours=2)
# Deputies (vara) are called in when a member sends apologies, so they are not invited up front;
# observers are welcome but not expected.
INVITED_ROLES = {Role.LEDER, Role.NESTLEDER, Role.MEDLEM, Role.SEKRETAER, Role.OBSERVATOR}
OPTIONAL_ROLES = {Role.OBSERVATOR}


class CalendarSyncStatus(StrEnum):
    PENDING = "pending"  # the calendar does not yet show the latest revision
    SYNCED = "synced"
    FAILED = "failed"  # Graph refused for good; the secretariat was told


class CalendarStep(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    CANCEL = "cancel"
    NOTHING = "nothing"


@dataclass(eq=False)
class CalendarSync:
    meeting_id: int
    body_id: int
    transaction_id: str
    next_attempt_at: datetime
    updated_at: datetime
    revision: int = 1  # counts the changes asked for; a call records success only for the one it carried
    status: CalendarSyncStatus = CalendarSyncStatus.PENDING
    organiser: str | None = None  # whose calendar holds `event_id`
    event_id: str | None = None
    join_url: str | None = None
    # A create went out and its answer never came (a timeout, a 5xx): Graph may hold the event.
    create_uncertain: bool = False
    attempts: int = 0
    lease_owner: str | None = None
    lease_until: datetime | None = None
    last_error: str | None = None
    # Graph asked (Retry-After) not to be called before then; a change to the meeting waits too.
    not_before: datetime | None = None
    id: int | None = None

    def forget_event(self) -> None:
        """The event is gone (cancelled, or deleted in Outlook): a later create starts afresh,
        with a new transaction id so Graph does not hand back the old event."""
        self.event_id, self.join_url, self.organiser = None, None, None
        self.create_uncertain = False
        self.transaction_id = new_transaction_id()

    def request(self, now: datetime) -> None:
        """The meeting changed again: one more revision for the relay to carry, tried afresh."""
        self.revision += 1
        self.status = CalendarSyncStatus.PENDING
        self.attempts, self.updated_at, self.last_error = 0, now, None
        # Tried afresh, but not before Graph said it could take calls again.
        self.next_attempt_at = max(now, self.not_before) if self.not_before is not None else now


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str
    required: bool


@dataclass(frozen=True)
class OutlookEvent:
    """What the organiser's calendar should show for a meeting."""

    subject: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    description: str
    attendees: tuple[Attendee, ...] = field(default_factory=tuple)


def new_transaction_id() -> str:
    return str(uuid.uuid4())


def next_step(sync: CalendarSync, meeting: Meeting, organiser: str | None, now: datetime) -> CalendarStep:
    """What Graph must be asked next to make the calendar match the meeting."""
    if meeting.status is MeetingStatus.AVLYST:
        if sync.event_id:
            return CalendarStep.CANCEL
        # A create that may have gone through is repeated with its transaction id to learn the
        # event Graph made, so it can be cancelled; attendees must not keep a cancelled meeting.
        return CalendarStep.CREATE if sync.create_uncertain and sync.organiser else CalendarStep.NOTHING
    if not meeting.is_upcoming or meeting.starts_at <= now:
        return CalendarStep.NOTHING  # held or begun: the calendar keeps it as it was
    if sync.event_id is not None and sync.organiser != organiser:
        return CalendarStep.CANCEL  # another calendar now holds the meetings; the old event goes
    if organiser is None:
        return CalendarStep.NOTHING
    return CalendarStep.UPDATE if sync.event_id else CalendarStep.CREATE


def attendees_of(members: list[tuple[Role, Person]], organiser: str) -> tuple[Attendee, ...]:
    """The body's members with a seat, each once, the organiser (who sends it) left out."""
    seen = {organiser.lower()}
    out: list[Attendee] = []
    for role, person in sorted(members, key=lambda member: member[1].name):
        email = person.email.lower()
        if role not in INVITED_ROLES or email in seen:
            continue
        seen.add(email)
        out.append(Attendee(person.name, person.email, role not in OPTIONAL_ROLES))
    return tuple(out)


def meeting_end(meeting: Meeting) -> datetime:
    return meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
