"""The body's secretary (sekretær) manages the body's affairs as its leader does, its action plan
included; a plain member does not. "Secretariat or chair" is one rule (issue 13.10)."""

from __future__ import annotations

from typing import Any

import pytest

from governance.plans.plan_import import import_plan, parse_plan
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import PERSONAL, BotUnderTest, UnitOfWorkFactory, audit_trail
from tests.support.structure import MEMBER_AAD, test_structure

SECRETARY_AAD = "3f9e6a51-0000-4000-8000-00000000c0de"  # SSU's sekretær, not in the community's secretariat

PLAN = {"year": 2026, "owner": "SSU", "areas": [{"number": 1, "title": "Eldre", "measures": [
    {"number": "1.1", "title": "Rutine", "status": "pågående", "owner": "Lise Leder"}]}]}  # fmt: skip


@pytest.fixture
async def with_secretary(unit_of_work: UnitOfWorkFactory, clock: Any) -> None:
    structure = test_structure()
    ssu = next(body for body in structure["bodies"] if body["key"] == "SSU")
    ssu["members"].append(
        {"name": "Siri Sekretær", "email": "siri@example.no", "aad_object_id": SECRETARY_AAD, "role": "sekretær"}
    )
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(structure))
        await import_plan(uow, parse_plan(PLAN), clock.now())
        await uow.commit()


@pytest.mark.parametrize(
    ("command", "done"),
    [
        ("nytt satsningsområde Akuttkjeden", "Satsningsområde 2 «Akuttkjeden» er lagt til i handlingsplan 2026."),
        ("nytt tiltak 1: Felles legevakt", "Tiltak 1.2/2026 «Felles legevakt» er lagt til."),
        ("tiltak 1.1 fullført", "Tiltak 1.1/2026 er oppdatert: pågående → fullført."),
        ("ny handlingsplan 2027", "Handlingsplan 2027 er startet, eid av SSU."),
        ("legg fram handlingsplan", "Sak 1/2026 «Handlingsplan 2026» er meldt inn i SSU."),
    ],
)
async def test_the_bodys_secretary_maintains_its_action_plan_and_a_member_may_not(
    bot: BotUnderTest, with_secretary: None, unit_of_work: UnitOfWorkFactory, command: str, done: str
) -> None:
    refused = await bot.exchange(PERSONAL, command, aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert refused.text.startswith(("Bare ", "Du har ikke rettigheter")), refused.text
    refusals = [event for event in await audit_trail(unit_of_work) if event.action.startswith("refused.")]
    assert [event.actor_aad_object_id for event in refusals] == [MEMBER_AAD]

    allowed = await bot.exchange(PERSONAL, command, aad_object_id=SECRETARY_AAD, locale="nb-NO")

    assert allowed.text.startswith(done), allowed.text


@pytest.mark.parametrize(
    ("command", "done"),
    [
        ("nytt møte SSU 10.02.2027 10:00", "Møte i SSU"),
        ("ny sak SSU Felles rutine", "Sak 1/2026"),
    ],
)
async def test_the_bodys_secretary_plans_meetings_as_before(
    bot: BotUnderTest, with_secretary: None, command: str, done: str
) -> None:
    allowed = await bot.exchange(PERSONAL, command, aad_object_id=SECRETARY_AAD, locale="nb-NO")
    assert allowed.text.startswith(done) or done in allowed.text
