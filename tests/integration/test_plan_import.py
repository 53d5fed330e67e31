"""Importing action plan files: the Vestfold example, idempotence, updates with history, errors."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.errors import DomainError
from governance.rules.model import MeasureStatus
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
async def vestfold(unit_of_work: UnitOfWorkFactory) -> None:
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(load("vestfold.yaml")))
        await uow.commit()


async def run_import(unit_of_work: UnitOfWorkFactory, data: dict[str, Any]) -> Any:
    async with unit_of_work() as uow:
        report = await import_plan(uow, parse_plan(data), NOW)
        await uow.commit()
    return report


async def test_the_vestfold_plan_imports_its_twelve_focus_areas_and_a_second_import_changes_nothing(
    unit_of_work: UnitOfWorkFactory, vestfold: None
) -> None:
    data = load("vestfold-handlingsplan-2024.yaml")
    first = await run_import(unit_of_work, data)
    assert first.created["focus areas"] == 12
    assert first.created["measures"] == sum(len(area["measures"]) for area in data["areas"])
    assert first.unknown_owners == ["4.2: Akuttutvalget", "5.2: Praksiskonsulentene", "9.2: Digitaliseringsgruppen"]
    second = await run_import(unit_of_work, data)
    assert not second.changed
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None
        plan = await uow.plans.for_year(ssu.community_id, 2024)
        assert plan is not None and plan.owner_body_id == ssu.id
        titles = [area.title for area in plan.areas]
        assert titles[0] == "Skrøpelige eldre og multisyke" and titles[11] == "Strategi for helsefellesskapet"
        [measure] = [m for m in plan.areas[0].measures if m.number == "1.2"]
        marianne = await uow.persons.by_email("marianne.storm@example.no")
        assert marianne is not None and measure.owner_person_id == marianne.id


async def test_a_changed_status_updates_in_place_and_is_kept_in_the_measures_history(
    unit_of_work: UnitOfWorkFactory, vestfold: None
) -> None:
    data = load("vestfold-handlingsplan-2024.yaml")
    await run_import(unit_of_work, data)
    changed = copy.deepcopy(data)
    changed["areas"][0]["measures"][0]["status"] = "fullført"
    del changed["areas"][11]["measures"][1]

    report = await run_import(unit_of_work, changed)

    assert report.updated["measures"] == 1 and not report.created
    assert report.not_in_file == ["12.2"]
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None
        plan = await uow.plans.for_year(ssu.community_id, 2024)
        assert plan is not None
        measure = plan.areas[0].measures[0]
        assert measure.status is MeasureStatus.FULLFORT
        history = await uow.plans.notes([measure.id or 0])
        assert [(note.status_before, note.status_after) for note in history] == [
            (None, MeasureStatus.PAGAENDE),
            (MeasureStatus.PAGAENDE, MeasureStatus.FULLFORT),
        ]
        assert len(plan.areas[11].measures) == 2  # left out of the file, but kept


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["areas"][0]["measures"][0].update(status="ferdig"), "areas[0].measures[0].status"),
        (lambda d: d["areas"][0]["measures"][0].update(number="2.1"), "not numbered under focus area 1"),
        (lambda d: d["areas"][0]["measures"][0].update(number="1.x"), "areas[0].measures[0].number"),
        (
            lambda d: d["areas"].append(copy.deepcopy(d["areas"][0])),
            "areas[12].number: focus area 1 is already areas[0]",
        ),
    ],
)
def test_invalid_plans_are_refused_with_the_place_of_the_error(change: Callable[[Any], None], message: str) -> None:
    data = load("vestfold-handlingsplan-2024.yaml")
    change(data)
    with pytest.raises(DomainError) as raised:
        parse_plan(data)
    assert raised.value.code == "plan_invalid"
    assert message in str(raised.value.params["details"])


async def test_a_plan_for_a_body_that_does_not_exist_is_refused(
    unit_of_work: UnitOfWorkFactory, vestfold: None
) -> None:
    data = load("vestfold-handlingsplan-2024.yaml")
    data["owner"] = "XYZ"
    with pytest.raises(DomainError) as raised:
        await run_import(unit_of_work, data)
    assert str(raised.value.params["details"]).startswith("owner: no body has the key 'XYZ'")
