"""Use cases on the structure: the bodies, their members, and linking a conversation to one."""

from __future__ import annotations

from governance.access import require_manager, require_participant
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.rules.errors import DomainError
from governance.views import BodyRef, BodyView, MembersView, MemberView


async def list_bodies(ctx: Context) -> list[BodyView]:
    bodies = await ctx.uow.bodies.all()
    keys = {body.id: body.key for body in bodies}
    next_meetings = await ctx.uow.meetings.next_for_bodies([b.id for b in bodies if b.id], ctx.now())
    delegated = await ctx.uow.delegations.to_bodies([b.id for b in bodies if b.id])
    return [
        BodyView(
            key=body.key,
            name=body.name,
            kind=body.kind,
            level=body.level,
            parent_key=keys.get(body.parent_id) if body.parent_id else None,
            next_meeting_at=next_meetings[body.id].starts_at if body.id in next_meetings else None,
            linked=body.linked_conversation_id is not None,
            approval=body.approval,
            delegations=tuple(view for view in delegated if view.to_body_key == body.key),
            quorum=body.quorum,
        )
        for body in bodies
    ]


async def list_members(ctx: Context, body_key: str | None) -> MembersView:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "list_members")
    body = admitted.body
    assert body.id is not None
    rows = await ctx.uow.memberships.for_body(body.id)
    return MembersView(
        body=body_ref(body),
        members=[MemberView(name=p.name, role=m.role, represents=m.represents) for m, p in rows],
    )


async def link_conversation(ctx: Context, body_key: str) -> BodyRef:
    """Links this conversation to a body; a conversation serves one body at a time."""
    if not ctx.conversation_id:
        raise DomainError("no_conversation")
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, None, "link")
    body, person = admitted.body, admitted.person
    previous = await ctx.uow.bodies.linked_to(ctx.conversation_id)
    if previous is not None and previous is not body:
        previous.linked_conversation_id = None
    body.linked_conversation_id = ctx.conversation_id
    await ctx.audit(
        "body.linked",
        person,
        f"body:{body.key}",
        conversation=ctx.conversation_id,
        unlinked=previous.key if previous is not None and previous is not body else None,
    )
    return body_ref(body)
