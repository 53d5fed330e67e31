"""`tilganger` and `hfbot access-review`: who holds which role in which body, whether the bot
knows each person's Entra object id, and the role changes of the last 90 days.

An access review is how the IT department checks that only the right people hold rights; the
roles decide who approves, who is reminded and who may read the log.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from governance.access import body_standing, identify
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.ports import UnitOfWork
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Body, Person, Role
from governance.views import AccessHolder, AccessReview, AuditLine, BodyAccess, RoleChange

REVIEW_DAYS = 90
ACCESS_ACTION = "access_review"
# Roles in the order a body lists them: who leads first.
_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
_CHANGE_OF_ACTION = {
    "structure.member_added": "added",
    "structure.member_changed": "changed",
    "structure.member_removed": "removed",
    "structure.secretariat_added": "added",
    "structure.secretariat_removed": "removed",
    "members.synced": "linked",
}


async def access_review(ctx: Context, body_key: str | None) -> AccessReview:
    """The review of one body (named, or linked to this conversation), or of every body when
    neither; the secretariat only."""
    linked = await ctx.uow.bodies.linked_to(ctx.conversation_id) if ctx.conversation_id else None
    if body_key is None and linked is None:
        person = await identify(ctx.uow, ctx.actor)
        bodies = await ctx.uow.bodies.all()
        if not bodies:
            raise DomainError("body_required", known="")
        if person is None or person.id is None or not await _in_secretariat(ctx.uow, person, bodies[0]):
            raise NotAllowed(ACCESS_ACTION, bodies[0].key, code="access_not_allowed")
        return await review_of(ctx.uow, bodies, ctx.now())
    standing = await body_standing(ctx.uow, ctx.actor, body_key, ctx.conversation_id)
    if standing.person is None or not standing.in_secretariat:
        raise NotAllowed(ACCESS_ACTION, standing.body.key, code="access_not_allowed")
    return await review_of(ctx.uow, [standing.body], ctx.now())


async def _in_secretariat(uow: UnitOfWork, person: Person, body: Body) -> bool:
    members = await uow.secretariat.members(body.community_id)
    return any(member.person_id == person.id for member in members)


async def review_of(uow: UnitOfWork, bodies: list[Body], now: datetime) -> AccessReview:
    """The review of these bodies (of one community) as it stands at `now`; no right checked:
    the command line's operator has the database already."""
    reviewed: list[BodyAccess] = []
    for body in sorted(bodies, key=lambda body: (body.level, body.key)):
        assert body.id is not None
        held = sorted(
            await uow.memberships.for_body(body.id), key=lambda pair: (_ROLE_ORDER[pair[0].role], pair[1].name)
        )
        holders = tuple(
            AccessHolder(person.name, membership.role, membership.represents, bool(person.aad_object_id))
            for membership, person in held
        )
        reviewed.append(BodyAccess(body_ref(body), holders))
    community_ids = sorted({body.community_id for body in bodies})
    members = [member for community in community_ids for member in await uow.secretariat.members(community)]
    since = now - timedelta(days=REVIEW_DAYS)
    events = await uow.read_models.role_changes(since)
    keys = {body.key for body in bodies}
    ids = {str(body.id): body.key for body in bodies}
    events = [event for event in events if _where(event, ids) in keys or _where(event, ids) == ""]
    persons = await uow.persons.by_ids(
        sorted({member.person_id for member in members} | {pid for event in events for pid in _persons(event)})
    )
    secretariat = tuple(
        sorted(
            (
                AccessHolder(persons[m.person_id].name, None, None, bool(persons[m.person_id].aad_object_id))
                for m in members
                if m.person_id in persons
            ),
            key=lambda holder: holder.name,
        )
    )
    changes = tuple(change for event in events for change in _changes(event, _where(event, ids), persons))
    return AccessReview(tuple(reviewed), secretariat, changes, since, REVIEW_DAYS)


def _where(event: AuditLine, ids: dict[str, str]) -> str:
    """The body key an event concerns, or "" for the secretariat (subject `community:<id>`)."""
    body = event.details.get("body")
    if isinstance(body, str):
        return body
    subject = event.subject or ""
    if subject.startswith("community:"):
        return ""
    named = subject.removeprefix("body:")
    return ids.get(named, named)


def _persons(event: AuditLine) -> list[int]:
    if isinstance(event.details.get("person"), int):
        return [int(str(event.details["person"]))]
    listed = event.details.get("persons")
    return [pid for pid in listed if isinstance(pid, int)] if isinstance(listed, list) else []


def _place(value: object) -> str | None:
    """A membership as the audit keeps it ({"role": …, "represents": …}) in a few words."""
    if not isinstance(value, dict) or not value.get("role"):
        return None
    represents = value.get("represents")
    return f"{value['role']} ({represents})" if represents else str(value["role"])


def _changes(event: AuditLine, where: str, persons: dict[int, Person]) -> list[RoleChange]:
    change = _CHANGE_OF_ACTION.get(event.action)
    if change is None:
        return []
    before, after = _place(event.details.get("before")), _place(event.details.get("after"))
    return [
        RoleChange(event.at, where, persons[pid].name if pid in persons else f"#{pid}", change, before, after)
        for pid in _persons(event)
    ]
