"""Importing a year's action plan file (`hfbot import-plan`, DESIGN.md section 3).

Idempotent like the structure import: the same file twice changes nothing; a changed file updates
the plan in place, and each changed status is written into the measure's history. Measures left
out of the file are kept, with their history, and reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from governance.ports import UnitOfWork
from governance.rules.file_problems import InvalidFile, Problem, identity_number_problems, not_a_mapping, problems_from
from governance.rules.input_limits import FIRST_YEAR, LAST_YEAR, LIMITS, TextField
from governance.rules.model import ActionPlan, Body, FocusArea, Measure, MeasureStatus, ProgressNote
from governance.structure.structure_file import assign_changed

MEASURE_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,3})$")


class MeasureSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str = Field(pattern=MEASURE_NUMBER.pattern)
    title: str = Field(min_length=1, max_length=LIMITS[TextField.MEASURE_TITLE])
    description: str | None = Field(default=None, max_length=4000)
    status: MeasureStatus = MeasureStatus.IKKE_STARTET
    owner: str | None = Field(default=None, max_length=LIMITS[TextField.MEASURE_OWNER])
    due: date | None = Field(default=None, ge=date(FIRST_YEAR, 1, 1), le=date(LAST_YEAR, 12, 31))

    @field_validator("number", mode="before")
    @classmethod
    def number_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, float | int) else value  # YAML reads 1.2 as a float


class AreaSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, le=99)
    title: str = Field(min_length=1, max_length=LIMITS[TextField.AREA_TITLE])
    groups: list[str] = Field(default_factory=list)
    measures: list[MeasureSpec] = Field(default_factory=list)


class PlanSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    owner: str = Field(min_length=1, max_length=40)
    areas: list[AreaSpec]


def parse_plan(data: Any) -> PlanSpec:
    """The file's contents checked whole; InvalidFile lists every problem at its place."""
    if problems := not_a_mapping(data, "year:, owner: and areas:"):
        raise InvalidFile("plan_invalid", problems)
    if problems := identity_number_problems(data):
        raise InvalidFile("plan_invalid", problems)
    try:
        spec = PlanSpec.model_validate(data)
    except ValidationError as error:
        raise InvalidFile("plan_invalid", problems_from(error)) from error
    problems = [*_duplicate_areas(spec.areas), *_misplaced_measures(spec.areas), *_duplicate_measures(spec.areas)]
    if problems:
        raise InvalidFile("plan_invalid", problems)
    return spec


def _duplicate_areas(areas: list[AreaSpec]) -> Iterator[Problem]:
    first: dict[int, int] = {}
    for index, area in enumerate(areas):
        if area.number in first:
            yield Problem(
                ("areas", index, "number"), f"focus area {area.number} is already areas[{first[area.number]}]"
            )
        else:
            first[area.number] = index


def _misplaced_measures(areas: list[AreaSpec]) -> Iterator[Problem]:
    for area_index, area in enumerate(areas):
        for index, measure in enumerate(area.measures):
            if not measure.number.startswith(f"{area.number}."):
                yield Problem(
                    ("areas", area_index, "measures", index, "number"),
                    f"measure {measure.number} is not numbered under focus area {area.number} ({area.number}.1, {area.number}.2, ...)",
                )


def _duplicate_measures(areas: list[AreaSpec]) -> Iterator[Problem]:
    for area_index, area in enumerate(areas):
        first: dict[str, int] = {}
        for index, measure in enumerate(area.measures):
            if measure.number in first:
                # YAML reads an unquoted 1.10 as the number 1.1.
                yield Problem(
                    ("areas", area_index, "measures", index, "number"),
                    f"measure {measure.number} is already measures[{first[measure.number]}] "
                    '(write numbers in quotes, "1.10", or YAML reads 1.10 as 1.1)',
                )
            else:
                first[measure.number] = index


async def stored_problems(uow: UnitOfWork, spec: PlanSpec) -> list[Problem]:
    """The owning body must exist, and an owner given by email must be a known person: a mistyped
    address would otherwise leave the measure with an owner nobody is reminded as."""
    problems: list[Problem] = []
    if await uow.bodies.by_key(spec.owner.upper()) is None:
        problems.append(
            Problem(
                ("owner",), f"no body has the key {spec.owner!r}; bodies come from the structure file (hfbot import)"
            )
        )
    for area_index, area in enumerate(spec.areas):
        for index, measure in enumerate(area.measures):
            owner = (measure.owner or "").strip()
            if "@" in owner and await uow.persons.by_email(owner) is None:
                problems.append(
                    Problem(("areas", area_index, "measures", index, "owner"), f"no person has the email {owner}")
                )
    return problems


@dataclass
class PlanImportReport:
    year: int
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    not_in_file: list[str] = field(default_factory=list)  # measures kept although the file left them out
    unknown_owners: list[str] = field(default_factory=list)  # named only: no such person or body

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


async def import_plan(uow: UnitOfWork, spec: PlanSpec, now: datetime) -> PlanImportReport:
    problems = await stored_problems(uow, spec)
    if problems:
        raise InvalidFile("plan_invalid", problems)
    owner = await uow.bodies.by_key(spec.owner.upper())
    assert owner is not None and owner.id is not None
    report = PlanImportReport(year=spec.year)
    plan = await uow.plans.for_year(owner.community_id, spec.year)
    if plan is None:
        plan = await uow.plans.add(ActionPlan(community_id=owner.community_id, year=spec.year, owner_body_id=owner.id))
        report.created["plans"] += 1
    elif plan.owner_body_id != owner.id:
        plan.owner_body_id = owner.id
        report.updated["plans"] += 1
    assert plan.id is not None
    areas = {area.number: area for area in plan.areas}
    for area_spec in spec.areas:
        area = areas.get(area_spec.number)
        if area is None:
            area = FocusArea(plan_id=plan.id, number=area_spec.number, title=area_spec.title, groups=area_spec.groups)
            plan.areas.append(area)
            report.created["focus areas"] += 1
        elif assign_changed(area, {"title": area_spec.title, "groups": list(area_spec.groups)}):
            report.updated["focus areas"] += 1
        await uow.flush()
        await _import_measures(uow, area, area_spec.measures, report, now)
    listed = {(area.number, measure.number) for area in spec.areas for measure in area.measures}
    report.not_in_file = sorted(
        measure.number
        for area in plan.areas
        for measure in area.measures
        if (area.number, measure.number) not in listed
    )
    await uow.flush()
    return report


async def _import_measures(
    uow: UnitOfWork, area: FocusArea, specs: list[MeasureSpec], report: PlanImportReport, now: datetime
) -> None:
    assert area.id is not None
    existing = {measure.number: measure for measure in area.measures}
    for spec in specs:
        person_id, body_id, label = await resolve_owner(uow, spec.owner)
        if label is not None:
            report.unknown_owners.append(f"{spec.number}: {label}")
        values: dict[str, Any] = {
            "title": spec.title,
            "description": spec.description,
            "owner_person_id": person_id,
            "owner_body_id": body_id,
            "owner_label": label,
            "due": spec.due,
        }
        measure = existing.get(spec.number)
        if measure is None:
            measure = Measure(area_id=area.id, number=spec.number, status=spec.status, **values)
            area.measures.append(measure)
            await uow.flush()
            assert measure.id is not None
            await uow.plans.add_note(
                ProgressNote(measure_id=measure.id, at=now, status_before=None, status_after=spec.status)
            )
            report.created["measures"] += 1
            continue
        changed = assign_changed(measure, values)
        if measure.status is not spec.status:
            assert measure.id is not None
            await uow.plans.add_note(
                ProgressNote(measure_id=measure.id, at=now, status_before=measure.status, status_after=spec.status)
            )
            measure.change_status(spec.status)
            changed = True
        if changed:
            report.updated["measures"] += 1


async def resolve_owner(uow: UnitOfWork, owner: str | None) -> tuple[int | None, int | None, str | None]:
    """(person id, body id, label): a member's email or name, or a body key; else kept as a name."""
    if owner is None or not owner.strip():
        return None, None, None
    owner = owner.strip()
    body: Body | None = await uow.bodies.by_key(owner.upper()) if " " not in owner else None
    if body is not None:
        return None, body.id, None
    person = await uow.persons.by_email(owner) if "@" in owner else await uow.persons.by_name(owner)
    if person is not None:
        return person.id, None, None
    return None, None, owner
