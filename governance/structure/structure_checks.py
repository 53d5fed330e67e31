"""The rules a structure file must keep across its entries, each broken rule at its place.

Field by field the file is checked by its pydantic models (governance/structure/structure_file.py); these are
the rules between entries (keys, parents, people), and those against what is stored already.
All are checked before anything is written, so a refused file imports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from governance.ports import UnitOfWork
from governance.rules.file_problems import Place, Problem, place_text
from governance.rules.quorum import parse_quorum, voting_seats

if TYPE_CHECKING:
    from governance.structure.structure_file import BodySpec, PersonSpec, StructureSpec


def file_problems(spec: StructureSpec) -> list[Problem]:
    return [
        *_duplicate_keys(spec.bodies),
        *_unknown_parents(spec.bodies),
        *_parent_cycles(spec.bodies),
        *_members_listed_twice(spec.bodies),
        *_people_who_disagree(spec),
        *_quorum_out_of_reach(spec.bodies),
    ]


def _quorum_out_of_reach(bodies: list[BodySpec]) -> Iterator[Problem]:
    """A number larger than the body's voting seats could never be met: every decision at its
    meetings would be refused, so the file is refused now rather than at the first meeting."""
    for index, body in enumerate(bodies):
        needed = parse_quorum(body.quorum).at_least
        seats = voting_seats(member.role for member in body.members)
        if needed is not None and needed > seats:
            yield Problem(
                ("bodies", index, "quorum"),
                f"quorum {needed} is more than the {seats} voting members listed for {body.key}; it could never be met",
            )


def _duplicate_keys(bodies: list[BodySpec]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, body in enumerate(bodies):
        key = body.key.upper()
        if key in first:
            yield Problem(("bodies", index, "key"), f"{body.key} is already the key of bodies[{first[key]}]")
        else:
            first[key] = index


def _unknown_parents(bodies: list[BodySpec]) -> Iterator[Problem]:
    keys = {body.key.upper() for body in bodies}
    for index, body in enumerate(bodies):
        if body.parent is not None and body.parent.upper() not in keys:
            yield Problem(("bodies", index, "parent"), f"no body in the file has the key {body.parent!r}")


def _parent_cycles(bodies: list[BodySpec]) -> Iterator[Problem]:
    """Each cycle once, at the first of its bodies in the file, with the whole round named."""
    parents = {body.key.upper(): body.parent.upper() for body in bodies if body.parent is not None}
    names = {body.key.upper(): body.key for body in bodies}
    reported: set[str] = set()
    for index, body in enumerate(bodies):
        round_ = _cycle_from(body.key.upper(), parents)
        if round_ and not reported & set(round_):
            reported |= set(round_)
            text = " → ".join(names[key] for key in [*round_, round_[0]])
            yield Problem(
                ("bodies", index, "parent"), f"the parents go round in a circle: {text} (each is under the next)"
            )


def _cycle_from(start: str, parents: dict[str, str]) -> list[str]:
    """The keys of the cycle `start` is on, starting at `start`; empty when it is on none."""
    path: list[str] = []
    key: str | None = start
    while key is not None and key not in path:
        path.append(key)
        key = parents.get(key)
    return path if key == start else []


def _people(spec: StructureSpec) -> Iterator[tuple[Place, PersonSpec]]:
    for index, person in enumerate(spec.secretariat):
        yield ("secretariat", index), person
    for body_index, body in enumerate(spec.bodies):
        for index, member in enumerate(body.members):
            yield ("bodies", body_index, "members", index), member


def _members_listed_twice(bodies: list[BodySpec]) -> Iterator[Problem]:
    # One membership per person and body: a second entry could only contradict the first.
    for body_index, body in enumerate(bodies):
        first: dict[str, int] = {}
        for index, member in enumerate(body.members):
            if member.email in first:
                yield Problem(
                    ("bodies", body_index, "members", index, "email"),
                    f"{member.email} is already members[{first[member.email]}] of {body.key}",
                )
            else:
                first[member.email] = index


def _people_who_disagree(spec: StructureSpec) -> Iterator[Problem]:
    """One email is one person: the same name and object id wherever the file lists them, and an
    object id belongs to one email only (each would otherwise overwrite the other on import)."""
    by_email: dict[str, tuple[Place, PersonSpec]] = {}
    by_object_id: dict[str, tuple[Place, str]] = {}
    for place, person in _people(spec):
        earlier = by_email.setdefault(person.email, (place, person))
        earlier_place, earlier_person = earlier
        if earlier_place != place and earlier_person.name != person.name:
            yield Problem(
                (*place, "name"), f"{person.email} is called {earlier_person.name!r} in {place_text(earlier_place)}"
            )
        if (
            earlier_place != place
            and None not in (earlier_person.aad_object_id, person.aad_object_id)
            and (earlier_person.aad_object_id != person.aad_object_id)
        ):
            yield Problem(
                (*place, "aad_object_id"),
                f"{person.email} has another object id in {place_text(earlier_place)}",
            )
        if person.aad_object_id:
            holder = by_object_id.setdefault(person.aad_object_id.lower(), (place, person.email))
            if holder[1] != person.email:
                yield Problem(
                    (*place, "aad_object_id"),
                    f"the object id of {person.email} is also given to {holder[1]} in {place_text(holder[0])}",
                )


async def stored_problems(uow: UnitOfWork, spec: StructureSpec) -> list[Problem]:
    """What the file would take from another helsefellesskap or another person in the database."""
    community = await uow.communities.by_name(spec.community)
    community_id = community.id if community is not None else None
    problems: list[Problem] = []
    for index, body_spec in enumerate(spec.bodies):
        body = await uow.bodies.by_key(body_spec.key)
        if body is not None and body.community_id != community_id:
            owner = await uow.communities.get(body.community_id)
            name = owner.name if owner is not None else "another helsefellesskap"
            problems.append(
                Problem(
                    ("bodies", index, "key"),
                    f"{body_spec.key} is a body of {name} already "
                    "(body keys are unique in a database; use another DATABASE_URL for another helsefellesskap)",
                )
            )
    for place, person in _people(spec):
        if person.aad_object_id:
            holder = await uow.persons.by_aad_object_id(person.aad_object_id)
            if holder is not None and holder.email != person.email:
                problems.append(Problem((*place, "aad_object_id"), f"this object id belongs to {holder.email} already"))
    return problems
