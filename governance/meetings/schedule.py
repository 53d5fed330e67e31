"""Use cases on meetings: plan, move, cancel, list."""

from __future__ import annotations

from datetime import date, datetime, time

from governance.access import require_manager, require_participant
from governance.calendar.calendar_feed import meeting_calendar
from governance.calendar.calendar_sync import request_calendar_sync
from governance.context import Context
from governance.meetings.change_notices import tell_members, was_called
from governance.reminders.reminder_planning import plan_meeting_reminders
from governance.rules.errors import DomainError
from governance.rules.input_limits import TextField, checked_text
from governance.rules.model import (
    Body,
    Meeting,
    MeetingStatus,
    ensure_ends_after_start,
    ensure_within_horizon,
)
from governance.rules.oslo_time import (
    exists_in_oslo,
    is_working_day,
    oslo_date,
    oslo_day_bounds,
    oslo_to_utc,
    wall_clock_repeats,
)
from governance.views import BodyRef, ChangeNotice, MeetingListView, MeetingView


def body_ref(body: Body) -> BodyRef:
    return BodyRef(key=body.key, name=body.name)


def meeting_view(body: Body, meeting: Meeting) -> MeetingView:
    return MeetingView(
        body=body_ref(body),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        status=meeting.status,
        case_count=len(meeting.cases),
        # Every card of one meeting offers it as an .ics download; the first makes the body's
        # secret, as `kalender` would (every command's turn is committed, reads included).
        calendar=meeting_calendar(body, meeting.id),
        organiser=body.organiser,
        day_off=not is_working_day(oslo_date(meeting.starts_at)),
        start_in_repeated_hour=wall_clock_repeats(meeting.starts_at),
    )


def _span(day: date, start: time, end: time | None, now: datetime) -> tuple[datetime, datetime | None]:
    """Oslo wall-clock times on a day as instants. The day is checked against the planning
    horizon first, as a day near year 9999 cannot be converted at all; a time in the hour skipped
    in spring is refused, and one in the hour repeated in autumn is its first (summer time)
    occurrence, which the reply points out (MeetingView.start_in_repeated_hour)."""
    ensure_within_horizon(day, oslo_date(now))
    for at in (start, end):
        if at is not None and not exists_in_oslo(day, at):
            raise DomainError("time_skipped_in_spring", date=day, time=at)
    return oslo_to_utc(day, start), oslo_to_utc(day, end) if end is not None else None


async def plan_meeting(
    ctx: Context,
    body_key: str | None,
    day: date,
    start: time,
    end: time | None,
    place: str | None,
    *,
    held: bool = False,
) -> MeetingView:
    """Plans a meeting ahead; with `held`, registers one that was held without being planned, so
    that it can be minuted: only in the past, and with no reminders or invitations for it."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "plan_meeting")
    body, person = admitted.body, admitted.person
    place = checked_text(TextField.PLACE, place)
    starts_at, ends_at = _span(day, start, end, ctx.now())
    if held and starts_at > ctx.now():
        raise DomainError("held_meeting_in_future")
    if not held and starts_at <= ctx.now():
        # A past date is most often a meeting held and not registered: the answer says how.
        raise DomainError("meeting_in_past_use_held")
    ensure_ends_after_start(starts_at, ends_at)
    assert body.id is not None
    same_day = await ctx.uow.meetings.starting_between(body.id, *oslo_day_bounds(day))
    if any(m.starts_at == starts_at and m.status is not MeetingStatus.AVLYST for m in same_day):
        raise DomainError("meeting_exists", body=body.key)
    meeting = Meeting(body_id=body.id, starts_at=starts_at, ends_at=ends_at, place=place)
    meeting.open_agenda(body.level, plan_status=body.reports_on_plan)
    if held:
        meeting.mark_held(ctx.now())
    await ctx.uow.meetings.add(meeting)
    if not held:
        await plan_meeting_reminders(ctx.uow, body, meeting, ctx.now())
        await request_calendar_sync(ctx.uow, body, meeting, ctx.now())
    await ctx.audit(
        "meeting.registered_held" if held else "meeting.planned",
        person,
        f"meeting:{meeting.id}",
        body=body.key,
        starts_at=starts_at.isoformat(),
    )
    return meeting_view(body, meeting)


async def meeting_on(ctx: Context, body: Body, day: date) -> Meeting:
    """The body's meeting on an Oslo calendar day, preferring one that is still upcoming."""
    assert body.id is not None
    found = await ctx.uow.meetings.starting_between(body.id, *oslo_day_bounds(day))
    if not found:
        raise DomainError("no_meeting_on_date", body=body.key, date=day)
    upcoming = [meeting for meeting in found if meeting.is_upcoming]
    return upcoming[0] if upcoming else found[0]


async def next_or_given_meeting(ctx: Context, body: Body, day: date | None) -> Meeting:
    if day is not None:
        return await meeting_on(ctx, body, day)
    assert body.id is not None
    meeting = await ctx.uow.meetings.next_upcoming(body.id, ctx.now())
    if meeting is None:
        raise DomainError("no_upcoming_meeting", body=body.key)
    return meeting


async def move_meeting(
    ctx: Context, body_key: str | None, from_day: date, to_day: date, start: time, end: time | None
) -> tuple[MeetingView, datetime]:
    """Moves a meeting; without a new end time it keeps its length. Returns the old start too."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "move_meeting")
    body, person = admitted.body, admitted.person
    meeting = await meeting_on(ctx, body, from_day)
    old_start = meeting.starts_at
    starts_at, ends_at = _span(to_day, start, end, ctx.now())
    if ends_at is None and meeting.ends_at is not None:
        ends_at = starts_at + (meeting.ends_at - meeting.starts_at)
    called = was_called(meeting)
    meeting.move(starts_at, ends_at, ctx.now())
    await plan_meeting_reminders(ctx.uow, body, meeting, ctx.now())
    await request_calendar_sync(ctx.uow, body, meeting, ctx.now())
    if called:
        notice = ChangeNotice(body_ref(body), "moved", starts_at, old_start=old_start)
        await tell_members(ctx, body, meeting, notice, f"moved:{meeting.calendar_sequence}")
    await ctx.audit(
        "meeting.moved",
        person,
        f"meeting:{meeting.id}",
        body=body.key,
        old_start=old_start.isoformat(),
        new_start=starts_at.isoformat(),
    )
    return meeting_view(body, meeting), old_start


async def cancel_meeting(ctx: Context, body_key: str | None, day: date) -> tuple[MeetingView, list[str]]:
    """Cancels a meeting and returns the references of the cases that went back to the queue."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "cancel_meeting")
    body, person = admitted.body, admitted.person
    meeting = await meeting_on(ctx, body, day)
    called = was_called(meeting)
    returned = [case.reference for case in meeting.cancel()]
    await plan_meeting_reminders(ctx.uow, body, meeting, ctx.now())
    await request_calendar_sync(ctx.uow, body, meeting, ctx.now())
    if called:
        notice = ChangeNotice(body_ref(body), "cancelled", meeting.starts_at)
        await tell_members(ctx, body, meeting, notice, f"cancelled:{meeting.calendar_sequence}")
    await ctx.audit("meeting.cancelled", person, f"meeting:{meeting.id}", body=body.key, returned_cases=returned)
    return meeting_view(body, meeting), returned


async def list_meetings(ctx: Context, body_key: str | None) -> MeetingListView:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "list_meetings")
    body = admitted.body
    assert body.id is not None
    upcoming = await ctx.uow.meetings.upcoming(body.id, ctx.now())
    return MeetingListView(body=body_ref(body), meetings=[meeting_view(body, m) for m in upcoming])
