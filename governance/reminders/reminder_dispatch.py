"""What a reminder says and to whom, decided when it falls due: only the people who still have to
act, and nothing at all once there is nothing left to do (the agenda already published, every
approver done, the meeting cancelled or already begun)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from governance.approvals import decisions, minutes
from governance.context import Context
from governance.meetings.agenda import agenda_view, fingerprint, mark_called
from governance.meetings.schedule import body_ref
from governance.plans.action_plan import measure_order
from governance.rules.model import AttendanceStatus, Body, Measure, Meeting, MeetingStatus, Person, Role
from governance.rules.oslo_time import oslo_date
from governance.rules.reminders import AgendaMode, Reminder, ReminderKind, case_deadline
from governance.views import AgendaView, BodyRef

# Members who take part in meetings; observers and secretaries are told through the channel.
_ATTENDING_ROLES = frozenset({Role.LEDER, Role.NESTLEDER, Role.MEDLEM})


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    aad_object_id: str | None
    teams_user_id: str | None

    @property
    def mention_id(self) -> str | None:
        """The id a Teams @mention of this person carries: their Teams user id, or else their
        Entra object id, which Teams also accepts (and notifies) in a mention entity; None when
        neither is known, and the name is written out plainly."""
        return self.teams_user_id or self.aad_object_id


@dataclass(frozen=True)
class DueMeasure:
    number: str
    year: int
    title: str
    due: date
    owner: str | None


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
    publish: bool = False  # for the channel itself: the agenda, or the digest's summary
    subject: str | None = None  # what an approval reminder is about
    measures: tuple[DueMeasure, ...] = ()  # a measure due soon, or the overdue ones of a digest


def _recipients(persons: list[Person]) -> tuple[Recipient, ...]:
    return tuple(
        Recipient(person.id, person.name, person.aad_object_id, person.teams_user_id)
        for person in persons
        if person.id is not None
    )


async def resolve(ctx: Context, reminder: Reminder) -> list[ReminderMessage]:
    """The messages a due reminder sends now; none when nobody has anything left to do."""
    body = await ctx.uow.bodies.get(reminder.body_id)
    if body is None:
        return []
    if reminder.kind is ReminderKind.APPROVAL:
        return _some(await _approval(ctx, body, reminder))
    if reminder.kind is ReminderKind.MEASURE_DUE:
        return _some(await _measure_due(ctx, body, reminder))
    if reminder.kind is ReminderKind.OVERDUE_DIGEST:
        return await _overdue_digest(ctx, body, reminder)
    meeting = await ctx.uow.meetings.get(reminder.meeting_id) if reminder.meeting_id else None
    if meeting is None or not meeting.is_upcoming or meeting.starts_at <= ctx.now():
        return []
    if reminder.kind is ReminderKind.CASE_DEADLINE:
        return _some(await _case_deadline(ctx, body, meeting))
    if reminder.kind is ReminderKind.AGENDA:
        return _some(await _agenda(ctx, body, meeting))
    return _some(await _meeting_eve(ctx, body, meeting))


def _some(message: ReminderMessage | None) -> list[ReminderMessage]:
    return [message] if message is not None else []


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
    await mark_called(ctx, body, meeting, fingerprint(view), None, changed=False, automatic=True)
    return ReminderMessage(
        kind=ReminderKind.AGENDA,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=(),
        meeting_at=meeting.starts_at,
        agenda=replace(view, status=MeetingStatus.INNKALT),
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


async def _owners(ctx: Context, body: Body, measure: Measure) -> list[Person]:
    """Who answers for a measure: its owner; for a body, its leaders; else the secretariat."""
    if measure.owner_person_id is not None:
        return list((await ctx.uow.persons.by_ids([measure.owner_person_id])).values())
    if measure.owner_body_id is not None:
        return [
            person
            for membership, person in await ctx.uow.memberships.for_body(measure.owner_body_id)
            if membership.role in (Role.LEDER, Role.NESTLEDER)
        ]
    secretariat = await ctx.uow.secretariat.members(body.community_id)
    return list((await ctx.uow.persons.by_ids(sorted(member.person_id for member in secretariat))).values())


async def _measure_due(ctx: Context, body: Body, reminder: Reminder) -> ReminderMessage | None:
    measure_id = int((reminder.subject or "measure:0").split(":")[1])
    measure = await ctx.uow.plans.measure(measure_id)
    area = await ctx.uow.plans.area(measure.area_id) if measure else None
    plan = await ctx.uow.plans.get(area.plan_id) if area else None
    if measure is None or plan is None or measure.ended or measure.due is None:
        return None
    if reminder.key != f"measure:{measure_id}:due:{measure.due.isoformat()}" or measure.due < oslo_date(ctx.now()):
        return None  # its due date changed (that date has a reminder of its own), or it has passed
    owners = await _owners(ctx, body, measure)
    return ReminderMessage(
        kind=ReminderKind.MEASURE_DUE,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=_recipients(owners),
        measures=(DueMeasure(measure.number, plan.year, measure.title, measure.due, None),),
    )


async def _overdue_digest(ctx: Context, body: Body, reminder: Reminder) -> list[ReminderMessage]:
    """Each owner's overdue measures, to that owner, and the whole list to the plan's channel."""
    plan = await ctx.uow.plans.get(int((reminder.subject or "plan:0").split(":")[1]))
    if plan is None:
        return []
    today = oslo_date(ctx.now())
    by_owner: dict[int, tuple[Person, list[DueMeasure]]] = {}
    everything: list[DueMeasure] = []
    for area in plan.areas:
        for measure in sorted(area.measures, key=lambda m: measure_order(m.number)):
            if not measure.overdue(today) or measure.due is None:
                continue
            owners = await _owners(ctx, body, measure)
            names = ", ".join(person.name for person in owners) or measure.owner_label
            entry = DueMeasure(measure.number, plan.year, measure.title, measure.due, names)
            everything.append(entry)
            for person in owners:
                assert person.id is not None
                by_owner.setdefault(person.id, (person, []))[1].append(entry)
    if not everything:
        return []
    messages = [
        ReminderMessage(
            kind=ReminderKind.OVERDUE_DIGEST,
            body=body_ref(body),
            channel_id=body.linked_conversation_id,
            recipients=_recipients([person]),
            measures=tuple(entries),
        )
        for person, entries in by_owner.values()
    ]
    summary = ReminderMessage(
        kind=ReminderKind.OVERDUE_DIGEST,
        body=body_ref(body),
        channel_id=body.linked_conversation_id,
        recipients=(),
        measures=tuple(everything),
        publish=True,
    )
    return [*messages, summary]
