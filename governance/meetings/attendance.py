"""Attendance at meetings: members report absence (forfall), and the secretariat learns whom to call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from governance.access import body_standing, require_manager
from governance.context import Context
from governance.meetings.schedule import body_ref, meeting_on, next_or_given_meeting
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, checked_text
from governance.rules.model import Attendance, AttendanceStatus, Body, Meeting, Membership, Person, Role
from governance.rules.quorum import quorum_of
from governance.views import AbsenceNotice, AttendanceLine, AttendanceSheet, QuorumStatement, SubstituteCall


async def report_absence(ctx: Context, body_key: str | None, day: date | None) -> AbsenceNotice:
    """Records the member's absence from the next (or given) meeting and tells the secretariat
    in the body's channel which substitute to call: a vara for the same party if there is one."""
    standing = await body_standing(ctx.uow, ctx.actor, body_key, ctx.conversation_id)
    body, person = standing.body, standing.person
    if person is None or standing.role is None:
        raise NotAllowed("report_absence", body.key, needs_membership=True)
    meeting = await next_or_given_meeting(ctx, body, day)
    if not meeting.is_upcoming or meeting.starts_at <= ctx.now():
        raise DomainError("meeting_not_upcoming", status=meeting.status)
    assert meeting.id is not None and person.id is not None and body.id is not None
    recorded = await ctx.uow.attendances.for_meeting(meeting.id)
    mine = next((entry for entry in recorded if entry.person_id == person.id), None)
    if mine is not None and mine.status is AttendanceStatus.FORFALL:
        # The channel was told the first time; a second notice would read as news to the
        # secretariat, who may already have called the substitute.
        raise DomainError("absence_already_registered", body=body.key, when=meeting.starts_at)
    if mine is None:
        await ctx.uow.attendances.add(
            Attendance(meeting_id=meeting.id, person_id=person.id, status=AttendanceStatus.FORFALL, noted_at=ctx.now())
        )
    else:
        mine.record(AttendanceStatus.FORFALL, ctx.now())
    members = await ctx.uow.memberships.for_body(body.id)
    unavailable: set[int | None] = {entry.person_id for entry in recorded if entry.status is AttendanceStatus.FORFALL}
    unavailable |= {entry.person_id for entry in recorded if entry.substitute_for_id is not None}
    represents = next((m.represents for m, p in members if p.id == person.id), None)
    substitute = _substitute(members, represents, unavailable | {person.id})
    notice = AbsenceNotice(
        body=body_ref(body),
        starts_at=meeting.starts_at,
        name=person.name,
        represents=represents,
        substitute=substitute[1].name if substitute else None,
        substitute_represents=substitute[0].represents if substitute else None,
        notified=False,
    )
    channel = body.linked_conversation_id
    if channel is not None and await ctx.uow.conversations.reference(channel) is not None:
        # The relay posts the notice after the commit; the reply says the channel will be told.
        notice = replace(notice, notified=True)
        assert body.id is not None
        await ctx.post(
            body.id,
            channel,
            f"meeting:{meeting.id}:absence:{person.id}:{ctx.now().isoformat()}",
            [ctx.drawing.absence_notice(notice)],
        )
    await ctx.audit("attendance.absence_reported", person, f"meeting:{meeting.id}", body=body.key)
    return notice


def _substitute(
    members: list[tuple[Membership, Person]], represents: str | None, unavailable: set[int | None]
) -> tuple[Membership, Person] | None:
    deputies = [(m, p) for m, p in members if m.role is Role.VARA and p.id not in unavailable]
    same_party = [(m, p) for m, p in deputies if represents and m.represents == represents]
    candidates = same_party or deputies
    return candidates[0] if candidates else None


async def attendance_sheet(ctx: Context, body_key: str | None, day: date | None) -> AttendanceSheet:
    """The attendance of the meeting on the given day, or else the latest meeting that has begun
    (or, before any has, the next one): stored entries, reported absences, members present by default."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "record_attendance")
    meeting = await meeting_for_record(ctx, admitted.body, day)
    return await sheet_for(ctx, admitted.body, meeting)


async def record_attendance(
    ctx: Context,
    meeting_id: int,
    choices: dict[int, AttendanceStatus | None],
    notes: dict[int, str] | None = None,
) -> AttendanceSheet:
    """Stores the secretariat's attendance for each member named in `choices` (None: not there as
    substitute), and the free note given for each in `notes` (empty: none), for the minutes."""
    meeting = await ctx.uow.meetings.get(meeting_id)
    body = await ctx.uow.bodies.get(meeting.body_id) if meeting is not None else None
    if meeting is None or body is None or meeting.id is None or body.id is None:
        raise DomainError("unknown_meeting")
    admitted = await require_manager(ctx.uow, ctx.actor, body.key, None, "record_attendance")
    typed = {person_id: checked_text(TextField.ATTENDANCE_NOTE, text) for person_id, text in (notes or {}).items()}
    recorded = {entry.person_id: entry for entry in await ctx.uow.attendances.for_meeting(meeting.id)}
    seated = {person.id for _, person in await ctx.uow.memberships.for_body(body.id)}
    before: dict[str, dict[str, str | None]] = {}
    after: dict[str, dict[str, str | None]] = {}
    for person_id, status in choices.items():
        if person_id not in seated:
            continue  # a stale card naming someone no longer in the body
        entry = recorded.get(person_id)
        # A vara not called in is not in the minutes, so a note on them has nowhere to go.
        note = (typed.get(person_id) or None) if status is not None else None
        was = _state(entry)
        if status is None:
            if entry is not None:
                await ctx.uow.attendances.remove(entry)
        elif entry is None:
            await ctx.uow.attendances.add(
                Attendance(meeting_id=meeting.id, person_id=person_id, status=status, noted_at=ctx.now(), note=note)
            )
        else:
            if entry.status is not status:
                entry.record(status, ctx.now())
            if person_id in typed:
                entry.note = note
        kept_note = note if entry is None else entry.note
        now = {"status": status.value, "note": kept_note} if status is not None else _state(None)
        if was != now:  # the audit names only the people whose attendance changed
            before[str(person_id)], after[str(person_id)] = was, now
    await ctx.audit(
        "attendance.recorded", admitted.person, f"meeting:{meeting.id}", body=body.key, before=before, after=after
    )
    return await sheet_for(ctx, body, meeting)


def _state(entry: Attendance | None) -> dict[str, str | None]:
    """What the audit records of one person's attendance: the stored status and note."""
    return {"status": entry.status.value if entry else None, "note": entry.note if entry else None}


async def meeting_attendance(ctx: Context, meeting_id: int) -> AttendanceSheet:
    """The stored attendance of a meeting, for its body's secretariat or leader."""
    meeting = await ctx.uow.meetings.get(meeting_id)
    body = await ctx.uow.bodies.get(meeting.body_id) if meeting is not None else None
    if meeting is None or body is None:
        raise DomainError("unknown_meeting")
    await require_manager(ctx.uow, ctx.actor, body.key, None, "record_attendance")
    return await sheet_for(ctx, body, meeting)


async def meeting_for_record(ctx: Context, body: Body, day: date | None) -> Meeting:
    if day is not None:
        return await meeting_on(ctx, body, day)
    assert body.id is not None
    begun = await ctx.uow.meetings.latest_begun(body.id, ctx.now())
    if begun is not None:
        return begun
    # Nothing held yet: the next meeting, whose attendance may be noted ahead and whose minutes
    # wait for it to begin; with none planned either, say that none was held, not only that none
    # is coming.
    upcoming = await ctx.uow.meetings.next_upcoming(body.id, ctx.now())
    if upcoming is None:
        raise DomainError("no_meeting_held", body=body.key)
    return upcoming


async def sheet_for(ctx: Context, body: Body, meeting: Meeting) -> AttendanceSheet:
    assert body.id is not None and meeting.id is not None
    entries = await ctx.uow.attendances.for_meeting(meeting.id)
    recorded = {entry.person_id: entry.status for entry in entries}
    notes = {entry.person_id: entry.note for entry in entries if entry.note}
    members = await ctx.uow.memberships.for_body(body.id)
    names = {person.id: person.name for _, person in members}
    stands_in = {entry.person_id: names.get(entry.substitute_for_id) for entry in entries if entry.substitute_for_id}
    lines = []
    for membership, person in members:
        assert person.id is not None
        default = None if membership.role is Role.VARA else AttendanceStatus.TIL_STEDE
        lines.append(
            AttendanceLine(
                person_id=person.id,
                name=person.name,
                role=membership.role,
                represents=membership.represents,
                status=recorded.get(person.id, default),
                substitute_for=stands_in.get(person.id),
                note=notes.get(person.id),
            )
        )
    return AttendanceSheet(
        meeting_id=meeting.id,
        body=body_ref(body),
        starts_at=meeting.starts_at,
        lines=tuple(lines),
        quorum=quorum_statement(body, lines),
    )


def quorum_statement(body: Body, lines: Iterable[AttendanceLine]) -> QuorumStatement:
    """Whether the attendance makes the meeting quorate by the body's `quorum:` rule."""
    facts = [(line.person_id, line.role, line.status, line.substitute_for is not None) for line in lines]
    quorum = quorum_of(body.quorum, facts)
    return QuorumStatement(quorum.present, quorum.seats, quorum.required, quorum.quorate)


async def ensure_quorate(ctx: Context, body: Body, meeting: Meeting) -> None:
    """Refuses what only a quorate meeting may do (recording a decision at it), from the
    attendance as it stands: members without an entry present, a vara only when called in."""
    quorum = (await sheet_for(ctx, body, meeting)).quorum
    if quorum is not None and not quorum.quorate:
        raise DomainError(
            "meeting_not_quorate",
            body=body.key,
            present=quorum.present,
            seats=quorum.seats,
            required=quorum.required,
        )


async def call_substitute(ctx: Context, body_key: str | None, day: date | None, name: str) -> SubstituteCall:
    """Calls a vara of the body in to the next (or given) meeting for a member who sent apologies:
    one of the same party when there is one, else the first not yet covered. The vara is sent a
    personal message through the outbox, and the attendance card shows them called in."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "call_substitute")
    body, person = admitted.body, admitted.person
    meeting = await next_or_given_meeting(ctx, body, day)
    if not meeting.is_upcoming or meeting.starts_at <= ctx.now():
        raise DomainError("meeting_not_upcoming", status=meeting.status)
    assert body.id is not None and meeting.id is not None
    members = await ctx.uow.memberships.for_body(body.id)
    deputies = [(m, p) for m, p in members if m.role is Role.VARA]
    wanted = name.strip().casefold()
    found = next((pair for pair in deputies if wanted in (pair[1].name.casefold(), pair[1].email.casefold())), None)
    if found is None:
        known = ", ".join(p.name for _, p in deputies) or "–"
        raise DomainError("not_a_substitute", name=name.strip(), body=body.key, known=known)
    deputy, vara = found
    recorded = await ctx.uow.attendances.for_meeting(meeting.id)
    mine = next((entry for entry in recorded if entry.person_id == vara.id), None)
    if mine is not None and mine.substitute_for_id is not None:
        raise DomainError("substitute_already_called", name=vara.name, body=body.key, when=meeting.starts_at)
    seated = {p.id: (m, p) for m, p in members if m.role is not Role.VARA}
    covered = {entry.substitute_for_id for entry in recorded if entry.substitute_for_id is not None}
    away = [seated[e.person_id] for e in recorded if e.status is AttendanceStatus.FORFALL and e.person_id in seated]
    if not away:
        raise DomainError("no_apologies", body=body.key, when=meeting.starts_at)
    open_seats = [(m, p) for m, p in away if p.id not in covered]
    if not open_seats:
        raise DomainError("apologies_all_covered", body=body.key, when=meeting.starts_at)
    same_party = [(m, p) for m, p in open_seats if deputy.represents and m.represents == deputy.represents]
    absent = (same_party or open_seats)[0][1]
    before = mine.status.value if mine is not None else None
    if mine is None:
        assert vara.id is not None
        await ctx.uow.attendances.add(
            Attendance(
                meeting_id=meeting.id,
                person_id=vara.id,
                status=AttendanceStatus.TIL_STEDE,
                noted_at=ctx.now(),
                substitute_for_id=absent.id,
            )
        )
    else:
        mine.record(AttendanceStatus.TIL_STEDE, ctx.now())
        mine.substitute_for_id = absent.id
    call = SubstituteCall(
        body=body_ref(body),
        starts_at=meeting.starts_at,
        substitute=vara.name,
        substitute_for=absent.name,
        place=meeting.place,
        messaged=False,
        meeting_id=meeting.id,
    )
    chats = await ctx.uow.conversations.personal_for([vara.aad_object_id] if vara.aad_object_id else [])
    chat = chats.get(vara.aad_object_id or "")
    if chat is not None:
        call = replace(call, messaged=True)
        # One call per vara and meeting (a second is refused above), so the key names it for good.
        await ctx.post(body.id, chat, f"meeting:{meeting.id}:substitute:{vara.id}", [ctx.drawing.substitute_call(call)])
    await ctx.audit(
        "attendance.substitute_called",
        person,
        f"meeting:{meeting.id}",
        body=body.key,
        substitute=vara.id,
        substitute_for=absent.id,
        before={"status": before, "substitute_for": None},
        after={"status": AttendanceStatus.TIL_STEDE.value, "substitute_for": absent.id},
    )
    return call
