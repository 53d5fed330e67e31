"""Attendance at meetings: members report absence (forfall), and the secretariat learns whom to call."""

from __future__ import annotations

from datetime import date

from governance.access import body_standing
from governance.context import Context
from governance.errors import DeliveryFailed, DomainError, NotAllowed
from governance.meetings import body_ref, next_or_given_meeting
from governance.model import Attendance, AttendanceStatus, Membership, Person, Role
from governance.ports import Notices
from governance.views import AbsenceNotice


async def report_absence(ctx: Context, body_key: str | None, day: date | None, notices: Notices) -> AbsenceNotice:
    """Records the member's absence from the next (or given) meeting and tells the secretariat
    in the body's channel which substitute to call: a vara for the same party if there is one."""
    standing = await body_standing(ctx.uow, ctx.actor, body_key, ctx.conversation_id)
    body, person = standing.body, standing.person
    if person is None or standing.role is None:
        raise NotAllowed("report_absence", body.key, needs_membership=True)
    meeting = await next_or_given_meeting(ctx, body, day)
    if not meeting.is_upcoming or meeting.starts_at <= ctx.now():
        raise DomainError("meeting_not_upcoming", status=meeting.status.value)
    assert meeting.id is not None and person.id is not None and body.id is not None
    recorded = await ctx.uow.attendances.for_meeting(meeting.id)
    mine = next((entry for entry in recorded if entry.person_id == person.id), None)
    if mine is None:
        await ctx.uow.attendances.add(
            Attendance(meeting_id=meeting.id, person_id=person.id, status=AttendanceStatus.FORFALL, noted_at=ctx.now())
        )
    else:
        mine.status, mine.noted_at = AttendanceStatus.FORFALL, ctx.now()
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
    reference = (
        await ctx.uow.conversations.reference(body.linked_conversation_id) if body.linked_conversation_id else None
    )
    notified = False
    if reference is not None:
        try:
            await notices.post(reference, notice)
            notified = True
        except DeliveryFailed:
            notified = False  # the absence stands; the reply says the secretariat was not told
    await ctx.audit("attendance.absence_reported", person, f"meeting:{meeting.id}", body=body.key)
    return AbsenceNotice(**{**notice.__dict__, "notified": notified})


def _substitute(
    members: list[tuple[Membership, Person]], represents: str | None, unavailable: set[int | None]
) -> tuple[Membership, Person] | None:
    deputies = [(m, p) for m, p in members if m.role is Role.VARA and p.id not in unavailable]
    same_party = [(m, p) for m, p in deputies if represents and m.represents == represents]
    candidates = same_party or deputies
    return candidates[0] if candidates else None
