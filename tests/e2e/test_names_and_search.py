"""In chat, a measure's owner is found by name and decisions by word whatever the case of Æ, Ø, Å
or Sami letters, on both databases (issue 13.11)."""

from __future__ import annotations

from typing import Any

import pytest

from governance.plans.plan_import import import_plan, parse_plan
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, UnitOfWorkFactory, visible_text
from tests.e2e.test_decisions import prepare_case
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD, test_structure


@pytest.fixture
async def nordic_names(unit_of_work: UnitOfWorkFactory, clock: Any) -> None:
    structure = test_structure()
    ssu = next(body for body in structure["bodies"] if body["key"] == "SSU")
    ssu["members"] += [
        {"name": "Åse Bråten", "email": "ase@example.no", "role": "medlem"},
        {"name": "Ánde Čuđe", "email": "ande@example.no", "role": "medlem"},
    ]
    plan = {"year": 2026, "owner": "SSU", "areas": [{"number": 1, "title": "Eldre", "measures": []}]}
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(structure))
        await import_plan(uow, parse_plan(plan), clock.now())
        await uow.commit()


@pytest.mark.parametrize(
    ("written", "name"), [("Åse Bråten", "Åse Bråten"), ("ÅSE BRÅTEN", "Åse Bråten"), ("ÁNDE ČUĐE", "Ánde Čuđe")]
)
async def test_a_measures_owner_is_found_by_a_name_with_nordic_or_sami_letters(
    bot: BotUnderTest, nordic_names: None, written: str, name: str
) -> None:
    added = await bot.exchange(
        PERSONAL, f"nytt tiltak 1: Felles rutine ansvarlig {written}", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )

    assert added.text == f"Tiltak 1.1/2026 «Felles rutine» er lagt til. Ansvarlig: {written}."
    shown = visible_text(await bot.exchange(PERSONAL, "tiltak 1.1", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"))
    assert f"Ansvarlig: {name}" in shown


async def test_decision_search_ignores_the_case_of_nordic_letters(bot: BotUnderTest, structure: None) -> None:
    await prepare_case(bot, "Bemanning i legevakten")
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: Økt bemanning i ÆRØ legevakt fra 2027.", locale="nb-NO")

    for words in ("økt", "ØKT", "ærø", "økt bemanning"):
        reply = await bot.exchange(PERSONAL, f"vedtak søk {words}", aad_object_id=MEMBER_AAD, locale="nb-NO")
        found = visible_text(reply)
        assert "SSU sak 1/2026 Bemanning i legevakten" in found, words
