"""Names and search words match whatever their case, also beyond ASCII, on SQLite as on
PostgreSQL: Æ, Ø, Å and Sami letters (issue 13.11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.support.structure import test_structure

NAMES = ["Åse Bråten", "Ørjan Ødegård", "Æsa Ærø", "Ánde Čuđe Ŋuolja"]


@pytest.fixture
async def people(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    structure = test_structure()
    ssu = next(body for body in structure["bodies"] if body["key"] == "SSU")
    ssu["members"] += [
        {"name": name, "email": f"person{index}@example.no", "role": "medlem"} for index, name in enumerate(NAMES)
    ]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(structure))
        await uow.commit()


@pytest.mark.parametrize("name", NAMES)
async def test_a_person_is_found_by_name_in_any_case(
    unit_of_work: Callable[[], SqlUnitOfWork], people: None, name: str
) -> None:
    async with unit_of_work() as uow:
        for written in (name, name.upper(), name.lower()):
            found = await uow.persons.by_name(written)
            assert found is not None and found.name == name, written


async def test_a_body_key_is_found_in_any_case_beyond_ascii(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    structure = {
        "community": "Test",
        "bodies": [{"key": "ØSU", "name": "Østre samarbeidsutvalg", "kind": "strategisk"}],
    }
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(structure))
        await uow.commit()
    async with unit_of_work() as uow:
        found = await uow.bodies.by_key("øsu")
        assert found is not None and found.key == "ØSU"
