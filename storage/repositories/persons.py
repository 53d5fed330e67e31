"""Persons, found by Entra object id, email or name."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import Person
from storage import orm
from storage.database import fold, folded

# Statements of the per-turn path, built once: building a select() and its cache key costs
# about 0.2 ms a query on the benchmark machine, as much as running it on SQLite.
_PERSON_BY_AAD = select(Person).where(orm.persons.c.aad_object_id == bindparam("aad"))


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_aad_object_id(self, aad_object_id: str) -> Person | None:
        return await self._session.scalar(_PERSON_BY_AAD, {"aad": aad_object_id})

    async def remember_teams_user_id(self, aad_object_id: str, teams_user_id: str) -> None:
        await self._session.execute(
            update(orm.persons)
            .where(orm.persons.c.aad_object_id == aad_object_id)
            .where(or_(orm.persons.c.teams_user_id.is_(None), orm.persons.c.teams_user_id != teams_user_id))
            .values(teams_user_id=teams_user_id)
        )

    async def communities_of(self, person_id: int) -> list[int]:
        """The communities where the person has a seat in a body or in the secretariat."""
        through_bodies = (
            select(orm.bodies.c.community_id)
            .join(orm.memberships, orm.memberships.c.body_id == orm.bodies.c.id)
            .where(orm.memberships.c.person_id == person_id)
        )
        through_secretariat = select(orm.secretariat_members.c.community_id).where(
            orm.secretariat_members.c.person_id == person_id
        )
        rows = await self._session.scalars(through_bodies.union(through_secretariat))
        return sorted(set(rows))

    async def by_email(self, email: str) -> Person | None:
        return await self._session.scalar(select(Person).where(folded(orm.persons.c.email) == fold(email)))

    async def all_by_email(self) -> list[Person]:
        """Every person, ordered by email: the console lists whom one can act as."""
        return list(await self._session.scalars(select(Person).order_by(func.lower(orm.persons.c.email))))

    async def by_name(self, name: str) -> Person | None:
        """The one person with this name (ignoring case); None when there are none or several."""
        found = list(
            await self._session.scalars(select(Person).where(folded(orm.persons.c.name) == fold(name)).limit(2))
        )
        return found[0] if len(found) == 1 else None

    async def by_ids(self, ids: Sequence[int]) -> dict[int, Person]:
        if not ids:
            return {}
        rows = await self._session.scalars(select(Person).where(orm.persons.c.id.in_(set(ids))))
        return {person.id: person for person in rows if person.id is not None}

    async def add(self, person: Person) -> Person:
        self._session.add(person)
        await self._session.flush()
        return person
