"""Calendar feeds for partners in other tenants: each body's meetings as an iCalendar feed behind a
secret link (`kalender [organ]`), which the secretariat can renew to revoke the old one."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from governance.access import require_manager, require_participant
from governance.context import Context
from governance.ports import UnitOfWork
from governance.rules.model import Body, MeetingStatus
from governance.views import AgendaItemView, BodyRef, MeetingCalendar


@dataclass(frozen=True)
class CalendarLink:
    body_key: str
    token: str
    renewed: bool
    organiser: str | None = None  # in whose Outlook calendar invitations are made, if anyone's


@dataclass(frozen=True)
class CalendarEvent:
    meeting_id: int
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    sequence: int  # moves and cancellations count up, so calendars take the change
    items: tuple[AgendaItemView, ...]


@dataclass(frozen=True)
class CalendarFeed:
    body: BodyRef
    events: tuple[CalendarEvent, ...]


async def calendar_link(ctx: Context, body_key: str | None, renew: bool) -> CalendarLink:
    """The body's feed secret for its members; renewing (secretariat or chair) revokes the old
    link at once. The first request creates it."""
    if renew:
        admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "renew_calendar")
        body = admitted.body
        body.renew_calendar_token()
        await ctx.audit("calendar.renewed", admitted.person, f"body:{body.id}", body=body.key)
    else:
        body = (await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "show_calendar")).body
    return CalendarLink(body.key, ensure_token(body), renew, body.organiser)


def ensure_token(body: Body) -> str:
    """The body's feed secret. Every body gets one when it is created (and migration 0010 gave
    one to the bodies stored before); `kalender` still makes one for a body without, since
    handing out the link is the request for it."""
    return body.calendar_token or body.renew_calendar_token()


def meeting_calendar(body: Body, meeting_id: int | None) -> MeetingCalendar | None:
    """The parts of a meeting's own .ics link, for views shown to the body's participants (or
    posted to its linked channel, where its agendas go anyway); None for a meeting not yet stored,
    or of a body without a feed secret. Showing a view never makes the secret: reads do not write."""
    if meeting_id is None or body.calendar_token is None:
        return None
    return MeetingCalendar(body.key, meeting_id, body.calendar_token)


async def calendar_feed(
    uow: UnitOfWork, body_key: str, token: str, meeting_id: int | None = None
) -> CalendarFeed | None:
    """The body's meetings (or one of them), or None when the link's secret is not the body's."""
    body = await uow.bodies.by_key(body_key)
    if body is None or body.id is None or not body.calendar_token or not token:
        return None
    if not hmac.compare_digest(body.calendar_token.encode(), token.encode()):
        return None
    events = []
    for meeting in await uow.meetings.all_for_body(body.id):
        if meeting.id is None or (meeting_id is not None and meeting.id != meeting_id):
            continue
        agenda = await uow.read_models.agenda(meeting.id)
        events.append(
            CalendarEvent(
                meeting.id,
                meeting.starts_at,
                meeting.ends_at,
                meeting.place,
                meeting.status,
                meeting.calendar_sequence,
                agenda.items,
            )
        )
    if meeting_id is not None and not events:
        return None
    # Not meetings.body_ref: governance.meetings.schedule imports this module for the links on its views.
    return CalendarFeed(BodyRef(key=body.key, name=body.name), tuple(events))
