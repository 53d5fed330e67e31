"""Whom the console acts as: an imported person, found by email.

Rights, approvals and reminders follow a person's Entra object id, and the structure file may
leave it out. Such a person gets a local identity the first time someone chats as them in the
console: `console-` and a UUID derived from their email, so it is the same in every session and
every database, and it is plainly not an Entra id. It is stored as their object id, so every
rule that looks the person up by id (rights, approvals, disqualification) holds in the console
as it will in Teams; `medlemmer synk` replaces it with the real id like any outdated one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from governance.ports import UnitOfWorkFactory

LOCAL_ID_PREFIX = "console-"
# A fixed namespace, so one email always gives the same local identity.
_LOCAL_ID_NAMESPACE = uuid.UUID("5b0c6f0e-3d1a-4f59-9a57-1f3c2d7e8a90")


@dataclass(frozen=True)
class ConsoleUser:
    name: str
    email: str
    aad_object_id: str
    given_local_id: bool = False  # True when this session gave the person their local identity


@dataclass(frozen=True)
class NotFound:
    """No such person; `people` lists "Name <email>" of everyone one can act as."""

    people: list[str]


def local_object_id(email: str) -> str:
    return LOCAL_ID_PREFIX + str(uuid.uuid5(_LOCAL_ID_NAMESPACE, email.strip().lower()))


async def find_console_user(
    unit_of_work: UnitOfWorkFactory, email: str | None, default_aad: str | None = None
) -> ConsoleUser | NotFound:
    """The person with this email (or else with the default object id), given a local identity
    when they have no object id."""
    async with unit_of_work() as uow:
        person = None
        if email:
            person = await uow.persons.by_email(email.strip())
        elif default_aad:
            person = await uow.persons.by_aad_object_id(default_aad)
        if person is None:
            people = await uow.persons.all_by_email()
            return NotFound([f"{someone.name} <{someone.email}>" for someone in people])
        if person.aad_object_id:
            return ConsoleUser(person.name, person.email, person.aad_object_id)
        person.aad_object_id = local_object_id(person.email)
        await uow.commit()
        return ConsoleUser(person.name, person.email, person.aad_object_id, given_local_id=True)
