"""What a reminder says and to whom, decided when it falls due: only the people who still have to
act, and nothing at all once there is nothing left to do (the agenda already published, every
approver done, the meeting cancelled or already begun)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from governance import decisions, minutes
from governance.agenda import agenda_view, fingerprint
from governance.calendar import oslo_date
from governance.context import Context
from governance.meetings import body_ref
from governance.model import AttendanceStatus, Body, Meeting, MeetingStatus, Person, Role
from governance.reminders import AgendaMode, Reminder, ReminderKind, case_deadline
from governance.views import AgendaView, BodyRef

# Members who take part in meetings; observers and secretaries are told through the channel.
_ATTENDING_ROLES = frozenset({Role.LEDER, Role.NESTLEDER, Role.MEDLEM})


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    aad_object_id: str | None
    teams_user_id: str | None


@dataclass(frozen=True)
class ReminderMessage:
    """A due reminder, resolved: rendered by cards.reminders, sent by the relay."""

    kind: ReminderKind
    body: BodyRef
    channel_id: str | None  # the body's linked conversation
    recipients: tuple[Recipient, ...]  # people who still have to act; () for a post to the channel
    meeting_at: datetime | None = None
    deadline: date | None = None
    agenda: AgendaView | None = None
    publish: bool = False  # the agenda itself, posted to the channel (the body's agenda_mode)
    subject: str | None = None  # what an approval reminder is about


def _recipients(persons: list[Person]) -> tuple[Recipient, ...]:
    return tuple(
        Recipient(person.id, person.name, person.aad_object_id, person.teams_user_id)
        for person in persons
        if person.id is not None
    )


async def resolve(ctx: Context, reminder: Reminder) -> ReminderMessage | None:
    """The message a due reminder sends now, or None when nobody has anything left to do."""
    body = await ctx.uow.bodies.get(reminder.body_id)
    if body is None:
        return None
    if reminder.kind is ReminderKind.APPROVAL:
        return await _approval(ctx, body, reminder)
    meeting = await ctx.uow.meetings.get(reminder.meeting_id) if reminder.meeting_id else None
    if meeting is None or not meeting.is_upcoming or meeting.starts_at <= ctx.now():
        return None
    if reminder.kind is ReminderKind.CASE_DEADLINE:
        return await _case_deadline(ctx, body, meeting)
    if reminder.kind is ReminderKind.AGENDA:
        return await _agenda(ctx, body, meeting)
    return await _meeting_eve(ctx, body, meeting)


async def _members(ctx: Context, body: Body, meeting: Meeting | None = None) -> list[Person]:
    """The body's attending members, less those who have sent apologies for the meeting."""
    assert body.id is not None
    away: set[int] = set()
    if meeting is not None and meeting.id is not None:
        away = {
            entry.person_id
            for entry in await ctx.uow.attendances.for_meeting(meeting.id)
            if entry.status is AttendanceStatus.FORFALL
        }
    return [
        person
        for membership, person in await ctx.uow.memberships.for_body(body.id)
        if membership.role in _ATTENDING_ROLES and person.id not in away
    ]


async def _case_deadline(ctx: Context, body: Body, meeting: Meeting) -> ReminderMessage | None:
    deadline = case_deadline(meeting.starts_at, body.reminders)
    if oslo_date(ctx.now()) > deadline:
        return None
    return ReminderMessage(
        kind=ReminderKind.CASE_DEADLINE,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=_recipients(await _members(ctx, body)),
        meeting_at=meeting.starts_at,
        deadline=deadline,
    )


async def _agenda(ctx: Context, body: Body, meeting: Meeting) -> ReminderMessage | None:
    """Publishes the agenda if the secretariat has not (the meeting is then called), or reminds
    the secretariat to publish it, as the body prefers."""
    if meeting.published_fingerprint is not None:
        return None
    view = await agenda_view(ctx, body, meeting)
    if body.reminders.agenda_mode is AgendaMode.REMIND or body.linked_conversation_id is None:
        secretariat = await ctx.uow.secretariat.members(body.community_id)
        people = await ctx.uow.persons.by_ids(sorted(member.person_id for member in secretariat))
        return ReminderMessage(
            kind=ReminderKind.AGENDA,
            body=body_ref(body),
            channel_id=body.linked_conversation_id,
            recipients=_recipients(list(people.values())),
            meeting_at=meeting.starts_at,
            agenda=view,
        )
    meeting.published_fingerprint = fingerprint(view)
    meeting.published_at = ctx.now()
    meeting.status = MeetingStatus.INNKALT
    await ctx.audit("agenda.published", None, f"meeting:{meeting.id}", body=body.key, changed=False, automatic=True)
    return ReminderMessage(
        kind=ReminderKind.AGENDA,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=(),
        meeting_at=meeting.starts_at,
        agenda=view,
        publish=True,
    )


async def _meeting_eve(ctx: Context, body: Body, meeting: Meeting) -> ReminderMessage | None:
    return ReminderMessage(
        kind=ReminderKind.MEETING_EVE,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=_recipients(await _members(ctx, body, meeting)),
        meeting_at=meeting.starts_at,
        agenda=await agenda_view(ctx, body, meeting),
    )


async def _approval(ctx: Context, body: Body, reminder: Reminder) -> ReminderMessage | None:
    kind, _, rest = (reminder.subject or "").partition(":")
    round_number = int(reminder.key.split(":round:")[1].split(":")[0])
    if kind == "decision":
        what, waiting = await decisions.still_to_approve(ctx, int(rest), round_number)
    elif kind == "minutes":
        what, waiting = await minutes.still_to_approve(ctx, int(rest), round_number)
    else:
        return None
    if not waiting:
        return None
    return ReminderMessage(
        kind=ReminderKind.APPROVAL,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=_recipients(waiting),
        subject=what,
    )
