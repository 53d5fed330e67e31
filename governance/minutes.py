"""Minutes (protokoll) of a meeting, drafted from what the bot already holds: attendance, the
agenda, the decisions recorded at the meeting and the declarations of disqualification."""

from __future__ import annotations

from datetime import date

from governance.access import require_manager
from governance.attendance import meeting_for_record, sheet_for
from governance.context import Context
from governance.errors import DomainError
from governance.meetings import body_ref
from governance.model import Body, Meeting
from governance.views import MinutesItem, MinutesView


async def draft_minutes(ctx: Context, body_key: str | None, day: date | None) -> MinutesView:
    """The draft minutes of the latest meeting that has begun, or of the meeting on the given day."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "draft_minutes")
    return await _minutes(ctx, admitted.body, await meeting_for_record(ctx, admitted.body, day))


async def minutes_of_meeting(ctx: Context, meeting_id: int) -> MinutesView:
    """The draft minutes of a meeting, for a download link whose signature already vouches for it."""
    meeting = await ctx.uow.meetings.get(meeting_id)
    body = await ctx.uow.bodies.get(meeting.body_id) if meeting is not None else None
    if meeting is None or body is None:
        raise DomainError("unknown_meeting")
    return await _minutes(ctx, body, meeting)


async def _minutes(ctx: Context, body: Body, meeting: Meeting) -> MinutesView:
    assert meeting.id is not None
    sheet = await sheet_for(ctx, body, meeting)
    # Decisions recorded at this meeting; one decided between meetings or elsewhere is not its own.
    decided = {decision.case_id: decision for decision in await ctx.uow.decisions.for_meeting(meeting.id)}
    case_ids = [item.case.id for item in meeting.items if item.case is not None and item.case.id is not None]
    declarations = await ctx.uow.disqualifications.for_cases(case_ids)
    names = await ctx.uow.persons.by_ids(sorted({entry.person_id for entry in declarations}))
    items = []
    for item in meeting.items:
        case = item.case
        if case is None or case.id is None:
            items.append(MinutesItem(item.position, item.standard_item, None, None, None, None, None))
            continue
        decision = decided.get(case.id)
        items.append(
            MinutesItem(
                position=item.position,
                standard_item=None,
                case_reference=case.reference,
                title=case.title,
                case_type=case.case_type,
                decision=decision.text if decision else None,
                decision_status=decision.status if decision else None,
                disqualified=tuple(
                    (names[entry.person_id].name, entry.reason)
                    for entry in declarations
                    if entry.case_id == case.id and entry.person_id in names
                ),
            )
        )
    return MinutesView(
        meeting_id=meeting.id,
        body=body_ref(body),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        attendance=sheet.lines,
        items=tuple(items),
    )
