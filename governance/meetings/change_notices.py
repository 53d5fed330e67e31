"""Members hear of changes to a called meeting: a move, a cancellation, a case added to or
withdrawn from an agenda already published. Before the agenda went out nobody was told of the
meeting's details, so nothing is posted then.

The notice goes to the body's channel and, as a personal message, to each member who has a chat
with the bot, all through the outbox in the change's own transaction. Each post's key names the
change by a counter the change itself advanced (the meeting's calendar sequence, its agenda
revision), so a turn run again after a conflict stores the same keys, and the outbox keeps one.
"""

from __future__ import annotations

from governance.context import Context
from governance.rules.model import Body, Meeting, MeetingStatus, Role
from governance.views import ChangeNotice


def was_called(meeting: Meeting) -> bool:
    """Whether members were given the meeting: its agenda was published and it is still to be held
    (asked before a cancellation changes the status)."""
    return meeting.status is MeetingStatus.INNKALT


async def tell_members(ctx: Context, body: Body, meeting: Meeting, notice: ChangeNotice, change: str) -> int:
    """Stores the notice for the channel and each reachable member; `change` makes the keys stable
    ("moved:3"). Returns how many posts were stored."""
    assert body.id is not None and meeting.id is not None
    post = ctx.drawing.change_notice(notice)
    key = f"meeting:{meeting.id}:{change}"
    stored = 0
    channel = body.linked_conversation_id
    if channel is not None and await ctx.uow.conversations.reference(channel) is not None:
        stored += await ctx.post(body.id, channel, f"{key}:channel", [post])
    called_in = {
        entry.person_id
        for entry in await ctx.uow.attendances.for_meeting(meeting.id)
        if entry.substitute_for_id is not None
    }
    # Members sitting in the body, and the substitutes called in to this meeting; a vara not
    # called in has no part in it.
    people = [
        person
        for membership, person in await ctx.uow.memberships.for_body(body.id)
        if membership.role is not Role.VARA or person.id in called_in
    ]
    chats = await ctx.uow.conversations.personal_for([p.aad_object_id for p in people if p.aad_object_id])
    for person in people:
        chat = chats.get(person.aad_object_id or "")
        if chat is not None:
            stored += await ctx.post(body.id, chat, f"{key}:person:{person.id}", [post])
    return stored
