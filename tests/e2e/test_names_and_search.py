"""In chat, a measure's owner is found by name and decisions by word whatever the case of Æ, Ø, Å
or Sami letters, on both databases (issue 13.11); so are cases, by their titles and papers, in the
bodies where the user has a seat (issue 16.5)."""

from __future__ import annotations

from typing import Any

import pytest

from governance.plans.plan_import import import_plan, parse_plan
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, UnitOfWorkFactory, visible_text
from tests.e2e.test_decisions import prepare_case
from tests.support.structure import MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD, test_structure


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


async def test_case_search_finds_titles_and_papers_whatever_the_case_of_nordic_letters_in_the_users_bodies(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    # Tien sits in SSU and leads the LSU; the PM's cases are the secretariat's to see, not Tien's.
    await bot.exchange(PERSONAL, "ny sak SSU Bemanning i legevakten", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(
        PERSONAL, "forslag SSU 1/2026: Økt bemanning på ÆRØ legevakt fra 2027.", aad_object_id=MEMBER_AAD
    )
    await bot.exchange(PERSONAL, "ny sak LSU Avtale om Ærø legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak PM Beredskap på Ærø", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak SSU Rutiner for 50% stilling", aad_object_id=MEMBER_AAD, locale="nb-NO")

    async def found(aad: str, words: str, locale: str = "nb-NO") -> str:
        return visible_text(await bot.exchange(PERSONAL, f"saker søk {words}", aad_object_id=aad, locale=locale))

    for words in ("ærø", "ÆRØ", "Ærø"):
        mine = await found(MEMBER_AAD, words)
        assert "SSU sak 1/2026 Bemanning i legevakten" in mine, words  # found in its proposal
        assert "LSU sak 1/2026 Avtale om Ærø legevakt" in mine, words
        assert "Beredskap på Ærø" not in mine, words  # no seat in the PM
        assert "PM sak 1/2026 Beredskap på Ærø" in await found(SECRETARIAT_AAD, words), words
    # Every word must match, each in the title or the paper.
    both = await found(MEMBER_AAD, "ØKT legevakten")
    assert "SSU sak 1/2026" in both and "LSU sak 1/2026" not in both
    # A % is looked for as itself, not as a wildcard.
    percent = await found(MEMBER_AAD, "50%")
    assert "SSU sak 2/2026 Rutiner for 50% stilling" in percent and "legevakt" not in percent
    assert "No cases found." in await found(MEMBER_AAD, "5%0", locale="en-US")
    # Someone with no seat anywhere is told so.
    outsider = await bot.exchange(PERSONAL, "cases search ærø", aad_object_id=OUTSIDER_AAD, locale="en-US")
    assert outsider.text == "You are not registered in any body, so you cannot search the cases."


async def test_case_search_lists_thirty_and_says_how_many_more(bot: BotUnderTest, structure: None) -> None:
    for number in range(1, 34):
        await bot.exchange(PERSONAL, f"ny sak SSU Ålesund avtale {number}", aad_object_id=SECRETARIAT_AAD)

    reply = await bot.exchange(PERSONAL, "saker søk ålesund", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    shown = visible_text(reply)
    assert shown.count("SSU sak ") == 30
    assert "SSU sak 33/2026 Ålesund avtale 33" in shown  # newest first
    assert "… og 3 til." in shown
