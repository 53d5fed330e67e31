"""Status, role and type words follow the user's language in replies, errors and cards: an English
user never reads "behandlet" or "avlyst", a Norwegian user reads bokmål (issue 13.9)."""

from __future__ import annotations

from sqlalchemy import text

from governance.plans.plan_import import import_plan, parse_plan
from tests.e2e.conftest import PERSONAL, BotUnderTest, UnitOfWorkFactory, visible_text
from tests.support.structure import SECRETARIAT_AAD


async def test_a_closed_case_is_refused_in_the_users_words(bot: BotUnderTest, structure: None) -> None:
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "trekk SSU 1/2026", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    english = await bot.exchange(PERSONAL, "postpone SSU 1/2026", aad_object_id=SECRETARIAT_AAD, locale="en-US")
    norwegian = await bot.exchange(PERSONAL, "utsett SSU 1/2026", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    assert english.text == "Case 1/2026 is withdrawn and cannot be changed."
    assert norwegian.text == "Sak 1/2026 er trukket og kan ikke endres."
    card = visible_text(await bot.exchange(PERSONAL, "case SSU 1/2026", aad_object_id=SECRETARIAT_AAD, locale="en-US"))
    assert "Status: Withdrawn" in card and "Type: For decision" in card and "trukket" not in card.lower()


async def test_a_cancelled_meeting_and_an_unchanged_measure_are_named_in_the_users_words(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: object
) -> None:
    await bot.exchange(PERSONAL, "nytt møte SSU 10.02.2027 10:00", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "avlys møte SSU 10.02.2027", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    english = await bot.exchange(
        PERSONAL, "move meeting SSU 10.02.2027 to 11.02.2027 10:00", aad_object_id=SECRETARIAT_AAD, locale="en-US"
    )
    norwegian = await bot.exchange(
        PERSONAL, "flytt møte SSU 10.02.2027 til 11.02.2027 10:00", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )

    assert english.text == "The meeting is cancelled and cannot be changed."
    assert norwegian.text == "Møtet er avlyst og kan ikke endres."

    plan = {"year": 2026, "owner": "SSU", "areas": [{"number": 1, "title": "Eldre", "measures": [
        {"number": "1.1", "title": "Rutine", "status": "pågående"}]}]}  # fmt: skip
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(plan), clock.now())  # type: ignore[attr-defined]
        await uow.commit()
    unchanged = await bot.exchange(PERSONAL, "action 1.1 in progress", aad_object_id=SECRETARIAT_AAD, locale="en-US")
    assert unchanged.text.startswith("Measure 1.1 already has the status in progress.")
    samme = await bot.exchange(PERSONAL, "tiltak 1.1 pågående", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert samme.text.startswith("Tiltak 1.1 har allerede status pågående.")


async def test_an_adopted_plan_is_adopted_in_english_not_final(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: object
) -> None:
    # A decision that is "vedtatt" is final; a plan that is "vedtatt" is adopted: the same Norwegian
    # word, two English ones, so each enum has its own labels.
    plan = {"year": 2026, "owner": "SSU", "areas": [{"number": 1, "title": "Eldre", "measures": []}]}
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(plan), clock.now())  # type: ignore[attr-defined]
        await uow.session.execute(text("UPDATE action_plans SET status = 'vedtatt'"))
        await uow.commit()

    english = visible_text(await bot.exchange(PERSONAL, "plan 2026", aad_object_id=SECRETARIAT_AAD, locale="en-US"))
    norwegian = visible_text(
        await bot.exchange(PERSONAL, "handlingsplan 2026", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    )

    assert "Status: Adopted" in english
    assert "Status: Vedtatt" in norwegian
