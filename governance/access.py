"""Who may do what: roles are looked up by Entra object id, never by display name."""

from __future__ import annotations

from dataclasses import dataclass

from governance.ports import UnitOfWork
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Body, Person, Role, Standing

# "The secretariat or the chair": the community's secretariat, or the body's leader or secretary.
# Every command that changes a body's affairs (meetings, cases, decisions, minutes, its action
# plan, reminders, links) asks this one rule, through `require_manager` or `Management`.
MANAGING_ROLES = frozenset({Role.LEDER, Role.SEKRETAER})


@dataclass(frozen=True)
class Actor:
    """The user behind a turn as the channel identifies them."""

    aad_object_id: str | None


@dataclass(frozen=True)
class Admission:
    """An actor let through to act on a body."""

    body: Body
    person: Person
    manager: bool  # the community's secretariat, or the body's leader or secretary


async def require_participant(
    uow: UnitOfWork, actor: Actor, body_key: str | None, conversation_id: str | None, action: str
) -> Admission:
    """Anyone with a role in the body, and the secretariat."""
    standing = await body_standing(uow, actor, body_key, conversation_id)
    if standing.person is None or (standing.role is None and not standing.in_secretariat):
        raise NotAllowed(action, standing.body.key, needs_membership=True)
    return Admission(standing.body, standing.person, _manages(standing))


async def require_manager(
    uow: UnitOfWork, actor: Actor, body_key: str | None, conversation_id: str | None, action: str
) -> Admission:
    """The secretariat of the body's community, or the body's leader or secretary."""
    standing = await body_standing(uow, actor, body_key, conversation_id)
    if standing.person is None or not _manages(standing):
        raise NotAllowed(action, standing.body.key)
    return Admission(standing.body, standing.person, True)


async def require_secretariat(
    uow: UnitOfWork, actor: Actor, body_key: str | None, conversation_id: str | None, action: str
) -> Admission:
    """The secretariat of the body's community, or the body's secretary; not its leader. For the
    record-keeping judgements a chair does not make alone, such as exempting a case from public
    access under offentleglova."""
    standing = await body_standing(uow, actor, body_key, conversation_id)
    if standing.person is None or not (standing.in_secretariat or standing.role is Role.SEKRETAER):
        raise NotAllowed(action, standing.body.key, code="not_allowed_secretariat")
    return Admission(standing.body, standing.person, True)


def _manages(standing: Standing) -> bool:
    return standing.in_secretariat or standing.role in MANAGING_ROLES


@dataclass(frozen=True)
class Management:
    """The bodies of one community a person manages, read once for commands that touch several
    (an action plan's measures belong to different bodies)."""

    secretariat: bool  # of the community: manages every body in it
    bodies: frozenset[int]  # ids of the bodies where they are leader or secretary

    def manages(self, body_id: int | None) -> bool:
        return self.secretariat or (body_id is not None and body_id in self.bodies)


async def management(uow: UnitOfWork, person_id: int, community_id: int) -> Management:
    secretariat = await uow.secretariat.members(community_id)
    return Management(
        secretariat=any(member.person_id == person_id for member in secretariat),
        bodies=frozenset(await uow.memberships.bodies_with_role(person_id, sorted(MANAGING_ROLES))),
    )


async def body_standing(uow: UnitOfWork, actor: Actor, body_key: str | None, conversation_id: str | None) -> Standing:
    """The body named in the command, or else the one linked to this conversation, with the actor's place in it."""
    if body_key:
        standing = await uow.bodies.standing(actor.aad_object_id, key=body_key)
        if standing is None:
            raise await unknown_body(uow, body_key)
        return standing
    if conversation_id:
        standing = await uow.bodies.standing(actor.aad_object_id, conversation_id=conversation_id)
        if standing is not None:
            return standing
    standing = await _only_body(uow, actor)
    if standing is not None:
        return standing
    raise DomainError("body_required", known=", ".join(await uow.bodies.keys()))


async def _only_body(uow: UnitOfWork, actor: Actor) -> Standing | None:
    """The one body a person sits in, which they need not name. Not for the secretariat, who
    act for every body: for them one membership does not say which body they mean."""
    person = await identify(uow, actor)
    if person is None or person.id is None:
        return None
    body_ids = set(await uow.memberships.bodies_with_role(person.id, list(Role)))
    if len(body_ids) != 1:
        return None
    body = await uow.bodies.get(body_ids.pop())
    standing = await uow.bodies.standing(actor.aad_object_id, key=body.key) if body is not None else None
    return None if standing is None or standing.in_secretariat else standing


async def body_by_key(uow: UnitOfWork, key: str) -> Body:
    """A body named by its key, or the error that lists the keys there are."""
    body = await uow.bodies.by_key(key)
    if body is None:
        raise await unknown_body(uow, key)
    return body


async def unknown_body(uow: UnitOfWork, key: str) -> DomainError:
    return DomainError("unknown_body", body=key, known=", ".join(await uow.bodies.keys()))


async def identify(uow: UnitOfWork, actor: Actor) -> Person | None:
    """The stored person behind the actor, by Entra object id."""
    if not actor.aad_object_id:
        return None
    return await uow.persons.by_aad_object_id(actor.aad_object_id)
