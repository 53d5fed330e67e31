"""Bodies, the acting user's standing in one, and their memberships."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import Body, Membership, Person, Role, Standing
from storage import orm
from storage.database import fold, folded

# A body with the acting user's place in it: their person row (matched by Entra object id), their
# role in the body and whether they are in its community's secretariat; one query for every turn.
_STANDING = (
    select(
        Body,
        Person,
        orm.memberships.c.role,
        exists()
        .where(
            orm.secretariat_members.c.community_id == orm.bodies.c.community_id,
            orm.secretariat_members.c.person_id == orm.persons.c.id,
        )
        .label("in_secretariat"),
    )
    .select_from(orm.bodies)
    .outerjoin(orm.persons, orm.persons.c.aad_object_id == bindparam("aad", type_=orm.persons.c.aad_object_id.type))
    .outerjoin(
        orm.memberships,
        and_(orm.memberships.c.body_id == orm.bodies.c.id, orm.memberships.c.person_id == orm.persons.c.id),
    )
)
_STANDING_BY_KEY = _STANDING.where(folded(orm.bodies.c.key) == bindparam("key"))
_STANDING_LINKED_TO = (
    _STANDING.where(orm.bodies.c.linked_conversation_id == bindparam("conversation_id"))
    .order_by(orm.bodies.c.id)
    .limit(1)
)
_BODY_BY_KEY = select(Body).where(folded(orm.bodies.c.key) == bindparam("key"))
_BODY_LINKED_TO = (
    select(Body)
    .where(orm.bodies.c.linked_conversation_id == bindparam("conversation_id"))
    .order_by(orm.bodies.c.id)
    .limit(1)
)
_BODY_KEYS = select(orm.bodies.c.key).order_by(orm.bodies.c.key)


class BodyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_key(self, key: str) -> Body | None:
        return await self._session.scalar(_BODY_BY_KEY, {"key": fold(key)})

    async def get(self, body_id: int) -> Body | None:
        return await self._session.get(Body, body_id)

    async def linked_to(self, conversation_id: str) -> Body | None:
        return await self._session.scalar(_BODY_LINKED_TO, {"conversation_id": conversation_id})

    async def standing(
        self, aad_object_id: str | None, *, key: str | None = None, conversation_id: str | None = None
    ) -> Standing | None:
        """The body by key, or else the one linked to the conversation, with the actor's place in it."""
        if key:
            rows = await self._session.execute(_STANDING_BY_KEY, {"aad": aad_object_id, "key": fold(key)})
        else:
            rows = await self._session.execute(
                _STANDING_LINKED_TO, {"aad": aad_object_id, "conversation_id": conversation_id}
            )
        row = rows.first()
        if row is None:
            return None
        body, person, role, in_secretariat = row
        return Standing(body=body, person=person, role=role, in_secretariat=bool(in_secretariat))

    async def all(self) -> list[Body]:
        return list(await self._session.scalars(select(Body).order_by(orm.bodies.c.level, orm.bodies.c.key)))

    async def keys(self) -> list[str]:
        return list(await self._session.scalars(_BODY_KEYS))

    async def add(self, body: Body) -> Body:
        self._session.add(body)
        await self._session.flush()
        return body


class MembershipRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_body(self, body_id: int) -> list[tuple[Membership, Person]]:
        rows = await self._session.execute(
            select(Membership, Person)
            .join(Person, orm.persons.c.id == orm.memberships.c.person_id)
            .where(orm.memberships.c.body_id == body_id)
            .order_by(orm.memberships.c.id)
        )
        return [(membership, person) for membership, person in rows]

    async def bodies_with_role(self, person_id: int, roles: Sequence[Role]) -> list[int]:
        """Ids of the bodies where the person holds one of these roles."""
        rows = await self._session.scalars(
            select(orm.memberships.c.body_id).where(
                orm.memberships.c.person_id == person_id, orm.memberships.c.role.in_(list(roles))
            )
        )
        return list(rows)

    async def add(self, membership: Membership) -> None:
        self._session.add(membership)
        await self._session.flush()

    async def remove(self, membership: Membership) -> None:
        await self._session.delete(membership)
