"""When the bot acts on its own: each body's reminder policy, and the moments its reminders fall
due, by Norwegian practice and on Oslo working days.

Every reminder occurrence has a key that names it for good ("meeting:42:agenda"): it is stored
once, moved when its meeting moves, and cancelled when its meeting is cancelled. Nothing here
sends anything; scheduler/ does, from what storage holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from governance.rules.errors import DomainError
from governance.rules.oslo_time import (
    oslo_date,
    oslo_to_utc,
    working_day_on_or_before,
    working_days_after,
    working_days_before,
)

# Reminders go out at the start of the working day.
SEND_AT = time(8, 0)
# Members are reminded of the deadline for submitting cases this many working days before it.
DEADLINE_NOTICE_WORKING_DAYS = 3
# Approvers who have not acted are reminded after this many working days.
APPROVAL_WAIT_WORKING_DAYS = 2
# An owner hears of a measure this many days before it is due.
MEASURE_NOTICE_DAYS = 7

MAX_DAYS_AHEAD = 60


class AgendaMode(StrEnum):
    PUBLISH = "publish"  # the bot publishes the agenda itself if the secretariat has not
    REMIND = "remind"  # the bot reminds the secretariat to publish it


class ReminderKind(StrEnum):
    CASE_DEADLINE = "case_deadline"  # to the members: the deadline for submitting cases is near
    AGENDA = "agenda"  # the agenda published, or the secretariat reminded to publish it
    MEETING_EVE = "meeting_eve"  # to the members, the working day before, with the agenda
    APPROVAL = "approval"  # to approvers who have not yet approved a decision or minutes
    MEASURE_DUE = "measure_due"  # to a measure's owner, a week before it is due
    OVERDUE_DIGEST = "overdue_digest"  # Mondays: each owner's overdue measures, and a summary


class ReminderStatus(StrEnum):
    PLANNED = "planned"
    EXPANDED = "expanded"  # its messages are in the outbox
    SKIPPED = "skipped"  # nobody had to act any more when it fell due
    CANCELLED = "cancelled"  # its meeting was cancelled, or it was replaced


# The policy's rules in the structure file's own words, for the import's error (the chat's
# sentences, in both languages, are cards/texts.py's under the same codes).
POLICY_RULES = {
    "reminder_days_out_of_range": f"case_deadline_days and agenda_days must be between 1 and {MAX_DAYS_AHEAD}",
    "reminder_agenda_before_deadline": (
        "agenda_days must be less than case_deadline_days, so the agenda goes out after the deadline for cases"
    ),
}


@dataclass(frozen=True)
class ReminderPolicy:
    """A body's reminder policy (the structure file's `reminders:`), with Norwegian defaults."""

    case_deadline_days: int = 14
    agenda_days: int = 7
    agenda_mode: AgendaMode = AgendaMode.PUBLISH
    meeting_eve: bool = True

    def __post_init__(self) -> None:
        """Every policy that exists is consistent: the chat (`påminnelser`), the structure file's
        `reminders:` and the stored row all build one, so each is refused here with its reason."""
        for days in (self.case_deadline_days, self.agenda_days):
            if not 1 <= days <= MAX_DAYS_AHEAD:
                raise DomainError("reminder_days_out_of_range", days=days, limit=MAX_DAYS_AHEAD)
        # The agenda lists the cases submitted by the deadline, so it goes out after that day,
        # never before it or on it (members may still submit until the day ends).
        if self.agenda_days >= self.case_deadline_days:
            raise DomainError(
                "reminder_agenda_before_deadline",
                agenda_days=self.agenda_days,
                case_deadline_days=self.case_deadline_days,
            )


@dataclass(frozen=True)
class Occurrence:
    """One reminder, due at an instant (UTC)."""

    key: str
    kind: ReminderKind
    due_at: datetime


def case_deadline(meeting_starts_at: datetime, policy: ReminderPolicy) -> date:
    """The last day to submit cases for a meeting: a working day."""
    return working_day_on_or_before(oslo_date(meeting_starts_at) - timedelta(days=policy.case_deadline_days))


def meeting_occurrences(meeting_id: int, starts_at: datetime, policy: ReminderPolicy) -> list[Occurrence]:
    """The reminders a meeting brings, by the body's policy. Their keys hold the day they fall on,
    so a moved meeting's reminders are new ones, sent even where the old ones went out."""
    meeting_day = oslo_date(starts_at)
    deadline = case_deadline(starts_at, policy)
    agenda_day = working_day_on_or_before(meeting_day - timedelta(days=policy.agenda_days))
    if agenda_day <= deadline and working_days_after(deadline, 1) < meeting_day:
        # Days off between the two (a weekend, Easter) pulled the agenda back onto the deadline's
        # own day, while cases may still come in: it goes out the working day after instead.
        agenda_day = working_days_after(deadline, 1)
    occurrences = [
        (ReminderKind.CASE_DEADLINE, working_days_before(deadline, DEADLINE_NOTICE_WORKING_DAYS)),
        (ReminderKind.AGENDA, agenda_day),
    ]
    if policy.meeting_eve:
        occurrences.append((ReminderKind.MEETING_EVE, working_days_before(meeting_day, 1)))
    return [
        Occurrence(f"meeting:{meeting_id}:{kind.value}:{day.isoformat()}", kind, oslo_to_utc(day, SEND_AT))
        for kind, day in occurrences
    ]


def measure_occurrence(measure_id: int, due: date, now: datetime) -> Occurrence:
    """The owner hears of a measure at 08.00 a week before it is due (on a working day); a measure
    that gets its due date later than that hears of it at once."""
    moment = oslo_to_utc(working_day_on_or_before(due - timedelta(days=MEASURE_NOTICE_DAYS)), SEND_AT)
    return Occurrence(f"measure:{measure_id}:due:{due.isoformat()}", ReminderKind.MEASURE_DUE, max(moment, now))


def next_digest_occurrence(plan_id: int, now: datetime) -> Occurrence:
    """The next Monday digest of a plan's overdue measures after `now`: 08.00 on Monday, or on the
    working day before when Monday is a holiday (Easter Monday, Whit Monday)."""
    monday = oslo_date(now) - timedelta(days=oslo_date(now).weekday())
    while True:
        moment = oslo_to_utc(working_day_on_or_before(monday), SEND_AT)
        if moment > now:
            key = f"plan:{plan_id}:overdue_digest:{monday.isoformat()}"
            return Occurrence(key, ReminderKind.OVERDUE_DIGEST, moment)
        monday += timedelta(days=7)


def approval_occurrence(subject: str, round_number: int, posted_at: datetime) -> Occurrence:
    """The reminder to approvers of a decision or minutes ("decision:7") who have not acted:
    at 08.00 once two whole working days have passed since the round was posted."""
    day = working_days_after(oslo_date(posted_at), APPROVAL_WAIT_WORKING_DAYS + 1)
    return Occurrence(f"{subject}:round:{round_number}:approval", ReminderKind.APPROVAL, oslo_to_utc(day, SEND_AT))


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its moment (or its next attempt)
    CLAIMED = "claimed"  # taken by a relay, not yet being sent; back to pending if that relay dies
    SENDING = "sending"  # handed to the connector; if the relay dies now, nobody knows if it arrived
    SENT = "sent"
    UNCERTAIN = "uncertain"  # may or may not have arrived: not sent again, the secretariat is told
    FAILED = "failed"  # given up after the last attempt, or refused for good; the secretariat is told
    CANCELLED = "cancelled"  # its meeting was cancelled before it went out


@dataclass(eq=False)
class Reminder:
    """A reminder occurrence as stored: planned, then expanded into messages when it falls due."""

    key: str
    kind: ReminderKind
    due_at: datetime
    body_id: int
    created_at: datetime
    status: ReminderStatus = ReminderStatus.PLANNED
    meeting_id: int | None = None
    subject: str | None = None  # "decision:7", "minutes:3": what an approval reminder is about
    settled_at: datetime | None = None
    id: int | None = None

    def cancel(self, now: datetime) -> None:
        """No longer wanted (its meeting moved or was cancelled); only a planned one is still ours
        to cancel, the others have gone out or been settled."""
        if self.status is not ReminderStatus.PLANNED:
            raise ValueError(f"reminder {self.key} is {self.status}, not planned")
        self.status, self.settled_at = ReminderStatus.CANCELLED, now


@dataclass(eq=False)
class Delivery:
    """One message in the outbox, to one conversation, sent exactly once or reported."""

    key: str  # the reminder's key and the recipient: sent at most once
    body_id: int
    conversation_id: str
    text: str
    created_at: datetime
    next_attempt_at: datetime
    card: dict[str, object] | None = None
    mentions: list[dict[str, str]] | None = None  # [{"id": "29:...", "name": "Kari Nordmann"}]
    reminder_id: int | None = None
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    lease_owner: str | None = None
    lease_until: datetime | None = None
    sent_at: datetime | None = None
    activity_id: str | None = None
    last_error: str | None = None  # a short code ("http_429", "timeout"), never message text
    # A card update: the key of the post whose message this one replaces in place (an approval
    # card whose round ended); sent once that post has its activity id.
    replaces_key: str | None = None
    # The further cards of a post in parts (a long agenda): each its own message, right after
    # the first, in order.
    extra_cards: list[dict[str, object]] | None = None
    id: int | None = None
