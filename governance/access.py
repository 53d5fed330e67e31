"""Who may do what: roles are looked up by Entra object id, never by display name."""

from __future__ import annotations

from dataclasses import dataclass

from governance.errors import DomainError, NotAllowed
from governance.model import Body, Person, Role
from governance.ports import UnitOfWork

MANAGING_ROLES = frozenset({Role.LEDER, Role.SEKRETAER})


@dataclass(frozen=True)
class Actor:
    """The user behind a turn as the channel identifies them."""

    aad_object_id: str | None


async def identify(uow: UnitOfWork, actor: Actor) -> Person | None:
    if not actor.aad_object_id:
        return None
    return await uow.persons.by_aad_object_id(actor.aad_object_id)


async def is_manager(uow: UnitOfWork, person: Person, body: Body) -> bool:
    """Secretariat of the community, or leader or secretary of the body itself."""
    assert person.id is not None and body.id is not None
    if await uow.secretariat.includes(body.community_id, person.id):
        return True
    membership = await uow.memberships.find(body.id, person.id)
    return membership is not None and membership.role in MANAGING_ROLES


async def require_manager(uow: UnitOfWork, actor: Actor, body: Body, action: str) -> Person:
    person = await identify(uow, actor)
    if person is None or not await is_manager(uow, person, body):
        raise NotAllowed(action, body.key)
    return person


async def require_participant(uow: UnitOfWork, actor: Actor, body: Body, action: str) -> Person:
    """Anyone with a role in the body, and the secretariat (one query)."""
    assert body.id is not None
    person = (
        await uow.persons.participant(actor.aad_object_id, body.id, body.community_id) if actor.aad_object_id else None
    )
    if person is None:
        raise NotAllowed(action, body.key, needs_membership=True)
    return person


async def resolve_body(uow: UnitOfWork, key: str | None, conversation_id: str | None) -> Body:
    """The body named in the command, or else the one linked to this conversation."""
    if key:
        body = await uow.bodies.by_key(key)
        if body is None:
            raise DomainError("unknown_body", body=key, known=", ".join(await uow.bodies.keys()))
        return body
    if conversation_id:
        linked = await uow.bodies.linked_to(conversation_id)
        if linked is not None:
            return linked
    raise DomainError("body_required", known=", ".join(await uow.bodies.keys()))
