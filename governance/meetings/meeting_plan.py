"""The year's meetings of a body (`møteplan`): proposed from its meetings_per_year, adjusted and
confirmed by the secretariat, and planned through the same use case as `nytt møte`; and every
body's meetings of a year, month by month (the årshjul)."""

from __future__ import annotations

from datetime import date, time

from governance.access import require_manager
from governance.context import Context
from governance.meetings.schedule import body_ref, plan_meeting
from governance.rules.errors import DomainError
from governance.rules.meeting_plan import meeting_days_of, spread, still_to_plan, usual_length, usual_time
from governance.rules.model import Body, Meeting, MeetingStatus
from governance.rules.oslo_time import oslo_date, oslo_to_utc, oslo_year
from governance.views import (
    MeetingPlanOutcome,
    MeetingPlanProposal,
    MeetingView,
    ProposedMeeting,
    YearWheel,
    YearWheelEntry,
)


async def _meetings_held_or_planned(ctx: Context, body: Body) -> list[Meeting]:
    assert body.id is not None
    return [m for m in await ctx.uow.meetings.all_for_body(body.id) if m.status is not MeetingStatus.AVLYST]


async def propose_meeting_plan(ctx: Context, body_key: str | None, year: int) -> MeetingPlanProposal:
    """The meetings the body still lacks in `year`, spread over its working days from tomorrow,
    at the time the body usually starts. Nothing is stored: the secretariat confirms on the card."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "plan_meeting")
    body = admitted.body
    if not body.meetings_per_year:
        raise DomainError("no_meetings_per_year", body=body.key)
    today = oslo_date(ctx.now())
    if year < today.year:
        raise DomainError("meeting_plan_year_past", year=year)
    meetings = await _meetings_held_or_planned(ctx, body)
    that_year = sorted(m.starts_at for m in meetings if oslo_year(m.starts_at) == year)
    days = meeting_days_of(year, after=today)
    wanted = still_to_plan(body.meetings_per_year, len(that_year), len(days), len(meeting_days_of(year)))
    proposed = spread(wanted, days, taken={oslo_date(start) for start in that_year})
    length = usual_length((m.starts_at, m.ends_at) for m in meetings)
    at = usual_time(m.starts_at for m in meetings)
    return MeetingPlanProposal(
        body=body_ref(body),
        year=year,
        per_year=body.meetings_per_year,
        proposed=tuple(ProposedMeeting(day, at) for day in proposed),
        already_planned=tuple(that_year),
        length_minutes=int(length.total_seconds() // 60) if length else None,
    )


async def confirm_meeting_plan(
    ctx: Context, body_key: str, year: int, meetings: list[tuple[date, time]], length_minutes: int | None
) -> MeetingPlanOutcome:
    """Plans each confirmed meeting as `nytt møte` would (reminders, Outlook, feed). A meeting
    already there at that time (the card confirmed twice) is counted, not planned again; any
    other refusal refuses the whole plan, so it is never half stored."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, None, "plan_meeting")
    body = admitted.body
    existing = {m.starts_at for m in await _meetings_held_or_planned(ctx, body)}
    planned: list[MeetingView] = []
    already = 0
    for day, start in sorted(set(meetings)):
        if oslo_to_utc(day, start) in existing:
            already += 1
            continue
        if oslo_to_utc(day, start) <= ctx.now():
            # Said here, not as `nytt møte` says it: on the card, "avholdt" is no way out.
            raise DomainError("meeting_plan_date_past", date=day)
        end = _wall_clock_end(start, length_minutes) if length_minutes else None
        planned.append(await plan_meeting(ctx, body.key, day, start, end, None))
    return MeetingPlanOutcome(body=body_ref(body), year=year, planned=tuple(planned), already=already)


def _wall_clock_end(start: time, minutes: int) -> time | None:
    """The end on the same day's wall clock; None when the usual length would run past midnight."""
    total = start.hour * 60 + start.minute + minutes
    return time(total // 60, total % 60) if total < 24 * 60 else None


async def year_wheel(ctx: Context, year: int) -> YearWheel:
    """Every body's meetings of `year` that are not cancelled, in time order."""
    entries = []
    for body in await ctx.uow.bodies.all():
        for meeting in await _meetings_held_or_planned(ctx, body):
            if oslo_year(meeting.starts_at) == year:
                entries.append(YearWheelEntry(body=body_ref(body), starts_at=meeting.starts_at, status=meeting.status))
    entries.sort(key=lambda entry: (entry.starts_at, entry.body.key))
    return YearWheel(year=year, meetings=tuple(entries))
