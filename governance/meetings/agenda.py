"""The agenda (saksliste) of a meeting: view it, and publish it to the body's channel."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import date

from governance.access import require_manager, require_participant
from governance.calendar.calendar_feed import meeting_calendar
from governance.calendar.calendar_sync import request_calendar_sync
from governance.context import Context
from governance.meetings.schedule import body_ref, next_or_given_meeting
from governance.plans.plan_status import summary_as_of
from governance.rules.errors import DomainError
from governance.rules.model import UPCOMING_STATUSES, Body, Meeting, MeetingStatus, Person, StandardItem
from governance.views import AgendaItemView, AgendaView, MeetingAgenda


def _agenda_view(body: Body, stored: MeetingAgenda) -> AgendaView:
    items = stored.items
    if body.any_other_business:
        items += (AgendaItemView(position=len(items) + 1, standard_item=StandardItem.ANY_OTHER_BUSINESS),)
    return AgendaView(
        body=body_ref(body),
        starts_at=stored.starts_at,
        ends_at=stored.ends_at,
        place=stored.place,
        status=stored.status,
        items=items,
        # The .ics button on the agenda card, with the secret the body got when it was created:
        # showing an agenda writes nothing.
        calendar=meeting_calendar(body, stored.meeting_id),
        join_url=stored.join_url if stored.status in UPCOMING_STATUSES else None,
        meeting_id=stored.meeting_id,
    )


async def agenda_view(ctx: Context, body: Body, meeting: Meeting) -> AgendaView:
    assert meeting.id is not None
    await ctx.uow.flush()  # the query below reads the tables, so pending changes go first
    return _agenda_view(body, await _with_plan_status(ctx, await ctx.uow.read_models.agenda(meeting.id)))


async def _with_plan_status(ctx: Context, stored: MeetingAgenda) -> MeetingAgenda:
    """Fills in the standing "Status handlingsplan <år>" item from the plan's measures, read with
    the agenda: as the plan stands now, or, for a meeting that has begun, as it stood then."""
    if stored.plan is None:
        return stored  # no item, or no plan for its year yet (the card says so)
    now = ctx.now()
    items = []
    for item in stored.items:
        if item.standard_item is StandardItem.PLAN_STATUS and item.plan_year is not None:
            summary = await summary_as_of(ctx.uow, item.plan_year, stored.plan, min(now, stored.starts_at), now)
            item = replace(item, plan=summary)
        items.append(item)
    return replace(stored, items=tuple(items))


def fingerprint(agenda: AgendaView) -> str:
    """A digest of what members read on the agenda; equal digests mean nothing new to post.

    The action plan's status shown under its standing item is left out: measures changing
    status do not make the agenda a changed one.
    """
    # "Eventuelt" is left out too: agendas published before it was shown are not changed by it.
    items = tuple(
        replace(item, plan=None) for item in agenda.items if item.standard_item is not StandardItem.ANY_OTHER_BUSINESS
    )
    content = asdict(replace(agenda, status=MeetingStatus.PLANLAGT, changed=False, items=items))
    # The .ics link is not agenda content: digests stored before it existed must still match,
    # and a renewed calendar secret is no reason to post the agenda again.
    del content["calendar"]
    del content["join_url"]  # arrives when Graph has made the event; the agenda is the same
    del content["meeting_id"]
    encoded = json.dumps(content, default=str, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


async def show_agenda(ctx: Context, body_key: str | None, day: date | None) -> AgendaView:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "show_agenda")
    body = admitted.body
    if day is None:
        # The common case, read in one query without loading the meeting aggregate.
        assert body.id is not None
        found = await ctx.uow.read_models.next_agenda(body.id, ctx.now())
        if found is None:
            raise DomainError("no_upcoming_meeting", body=body.key)
        return _agenda_view(body, await _with_plan_status(ctx, found))
    meeting = await next_or_given_meeting(ctx, body, day)
    return await agenda_view(ctx, body, meeting)


@dataclass(frozen=True)
class Publication:
    agenda: AgendaView
    posted: bool
    changed: bool


async def publish_agenda(ctx: Context, body_key: str | None, day: date | None, *, again: bool = False) -> Publication:
    """Stores the agenda's post to the body's linked channel and marks the meeting called; the
    relay posts it after the commit, so a failed commit posts nothing.

    An agenda identical to the one last published is not posted again, unless asked (`again`: the
    secretariat was told the post may not have arrived, and has checked); a changed one is posted
    marked as changed.
    """
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "publish_agenda")
    body, person = admitted.body, admitted.person
    channel = body.linked_conversation_id
    if channel is None or await ctx.uow.conversations.reference(channel) is None:
        raise DomainError("body_not_linked", body=body.key)
    meeting = await next_or_given_meeting(ctx, body, day)
    meeting.ensure_changeable()
    agenda = await agenda_view(ctx, body, meeting)
    digest = fingerprint(agenda)
    unchanged = meeting.published_fingerprint == digest
    if unchanged and not again:
        return Publication(agenda=agenda, posted=False, changed=False)
    changed = meeting.published_fingerprint is not None and not unchanged
    agenda = replace(agenda, status=MeetingStatus.INNKALT, changed=changed)
    assert body.id is not None
    # The key holds the agenda's digest: a retried turn stores the post once, a changed agenda is a
    # new post, and one asked for again is new by its moment.
    key = f"meeting:{meeting.id}:agenda:{digest[:16]}" + (f":again:{ctx.now().isoformat()}" if unchanged else "")
    await ctx.post(body.id, channel, key, ctx.drawing.agenda(agenda))
    await mark_called(ctx, body, meeting, digest, person, changed=changed, again=unchanged)
    return Publication(agenda=agenda, posted=True, changed=changed)


async def mark_called(
    ctx: Context, body: Body, meeting: Meeting, digest: str, person: Person | None, **details: object
) -> None:
    """Records that the agenda went out, by the secretariat or by the bot itself: the meeting is
    called, and the digest kept so that only a changed agenda goes out again."""
    meeting.mark_called(digest, ctx.now())
    # The invitation's text carries the agenda, so the called agenda goes to Outlook too.
    await request_calendar_sync(ctx.uow, body, meeting, ctx.now())
    await ctx.audit("agenda.published", person, f"meeting:{meeting.id}", body=body.key, **details)
