"""The action plan adopted by a decision, end to end: put forward as a case, decided, approved on
the card, and adopted; under delegated authority; or prepared in one body and referred to the
owner. And the plan's status as the standing item of the SSU's agenda and minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, audit_trail, card_texts, query, visible_text
from tests.e2e.test_decisions import approval_cards, click, execute_action, invoke
from tests.e2e.test_plans import PLAN_2026
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


async def import_plan_owned_by(unit_of_work: UnitOfWorkFactory, clock: FixedClock, owner: str) -> None:
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(PLAN_2026 | {"owner": owner}), clock.now())
        await uow.commit()


@pytest.fixture
async def pm_with_leader(unit_of_work: UnitOfWorkFactory, structure: None) -> None:
    """Lise Leder chairs the Partnerskapsmøte too, so its decisions can be approved."""
    data = test_structure()
    data["bodies"][0]["members"] = [
        {
            "name": "Lise Leder",
            "email": "lise@example.no",
            "aad_object_id": LEADER_AAD,
            "role": "leder",
            "represents": "Test HF",
        }
    ]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def say_in_channel(bot: BotUnderTest, text: str) -> str:
    """The secretariat writes in the SSU channel."""
    return visible_text(await bot.exchange(CHANNEL, text, locale="nb-NO"))


async def approve_latest(bot: BotUnderTest) -> dict[str, Any]:
    """Lise approves the newest decision card in the channel; the final card comes back."""
    card = approval_cards(bot)[-1].cards[0]
    return await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))


async def plan_row(unit_of_work: UnitOfWorkFactory) -> Any:
    [row] = await query(unit_of_work, "SELECT status, adopted_by_decision_id, adoption_case_id FROM action_plans")
    return row


async def test_the_owning_body_adopts_the_plan_by_an_approved_decision_on_the_case_put_forward(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "SSU")
    await say_in_channel(bot, "koble SSU")

    put = await say_in_channel(bot, "legg fram handlingsplan")

    assert "Sak 1/2026 «Handlingsplan 2026» er meldt inn i SSU." in put
    assert "Når vedtaket i saken er endelig, er planen vedtatt." in put
    case = await say_in_channel(bot, "sak 1/2026")
    assert "Forslag til vedtak" in case and "Handlingsplan 2026 vedtas." in case
    report = await say_in_channel(bot, "handlingsplan")
    assert "Status: Utkast" in report and "Lagt fram til vedtak i sak: SSU 1/2026" in report
    again = await say_in_channel(bot, "legg fram handlingsplan 2026")
    assert "Handlingsplan 2026 er allerede lagt fram til vedtak i sak SSU 1/2026." in again

    await say_in_channel(bot, "vedtak 1/2026: Handlingsplan 2026 vedtas.")
    pending = approval_cards(bot)[-1].cards[0]
    assert "Handlingsplan: Når vedtaket er endelig, er handlingsplan 2026 vedtatt" in card_texts(pending)
    assert (await plan_row(unit_of_work)).status == "utkast"  # recorded is not yet final

    final = await approve_latest(bot)

    assert "Handlingsplan: Handlingsplan 2026 er vedtatt" in card_texts(final)
    plan = await plan_row(unit_of_work)
    [decision] = await query(unit_of_work, "SELECT id FROM decisions")
    assert plan.status == "vedtatt" and plan.adopted_by_decision_id == decision.id
    report = await say_in_channel(bot, "handlingsplan")
    assert "Status: Vedtatt" in report and "Vedtatt i sak: SSU 1/2026" in report
    assert "Lagt fram til vedtak i sak" not in report
    [adopted] = await audit_trail(unit_of_work, "plan.adopted")
    assert adopted.details == {"year": 2026, "body": "SSU", "decision": decision.id, "delegated": False}
    assert "Handlingsplan 2026 er allerede vedtatt." in await say_in_channel(bot, "legg fram handlingsplan")
    # Each measure's history links to the decision that adopted it.
    history = await say_in_channel(bot, "tiltak 2.2")
    assert "23.11.2026 · Lise Leder – «vedtatt som del av handlingsplan 2026» (SSU 1/2026)" in history


async def test_a_rejected_decision_leaves_the_plan_a_draft(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "SSU")
    await say_in_channel(bot, "koble SSU")
    await say_in_channel(bot, "legg fram handlingsplan")
    await say_in_channel(bot, "vedtak 1/2026: Handlingsplan 2026 vedtas.")
    card = approval_cards(bot)[-1].cards[0]

    await click(bot, invoke(bot, execute_action(card, "reject"), LEADER_AAD, comment="Mangler tiltak for barn og unge"))

    assert (await plan_row(unit_of_work)).status == "utkast"
    assert await audit_trail(unit_of_work, "plan.adopted") == []


async def test_a_body_given_authority_adopts_the_plan_the_owner_delegated(
    bot: BotUnderTest, pm_with_leader: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "PM")
    await say_in_channel(bot, "koble SSU")
    await say_in_channel(bot, "ny sak PM Handlingsplan 2026 – delegering")
    await say_in_channel(bot, "vedtak PM 1/2026: SSU gis myndighet til å vedta endelig handlingsplan.")
    await approve_latest(bot)

    put = await say_in_channel(bot, "legg fram handlingsplan")  # to SSU, which holds the delegation

    assert "Sak 1/2026 «Handlingsplan 2026» er meldt inn i SSU." in put
    assert "SSU vedtar planen etter myndighet delegert fra PM." in put
    await say_in_channel(bot, "vedtak SSU 1/2026: Handlingsplan 2026 vedtas.")
    pending = approval_cards(bot)[-1].cards[0]
    assert "Delegert myndighet: vedta endelig handlingsplan (gitt av PM i sak 1/2026)" in card_texts(pending)
    final = await approve_latest(bot)
    assert "Handlingsplan: Handlingsplan 2026 er vedtatt" in card_texts(final)
    assert (await plan_row(unit_of_work)).status == "vedtatt"
    report = await say_in_channel(bot, "handlingsplan")
    assert "Handlingsplan 2026 – PM" in report and "Vedtatt i sak: SSU 1/2026" in report
    [adopted] = await audit_trail(unit_of_work, "plan.adopted")
    assert adopted.details["body"] == "SSU" and adopted.details["delegated"] is True


async def test_a_body_without_authority_prepares_the_case_and_the_referral_carries_the_adoption(
    bot: BotUnderTest, pm_with_leader: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "PM")
    await say_in_channel(bot, "koble SSU")

    put = await say_in_channel(bot, "legg fram handlingsplan SSU")

    assert "SSU kan ikke vedta planen selv, for den eies av PM." in put
    assert "send SSU 1/2026 til PM" in put
    assert "SSU anbefaler at PM vedtar handlingsplan 2026." in await say_in_channel(bot, "sak 1/2026")

    await say_in_channel(bot, "send SSU 1/2026 til PM")
    report = await say_in_channel(bot, "handlingsplan")
    assert "Lagt fram til vedtak i sak: PM 1/2026" in report
    await say_in_channel(bot, "vedtak PM 1/2026: Handlingsplan 2026 vedtas.")
    final = await approve_latest(bot)

    assert "Handlingsplan: Handlingsplan 2026 er vedtatt" in card_texts(final)
    assert (await plan_row(unit_of_work)).status == "vedtatt"
    assert "Vedtatt i sak: PM 1/2026" in await say_in_channel(bot, "handlingsplan")


async def test_only_the_secretariat_or_a_leader_puts_the_plan_forward(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "SSU")

    refused = await bot.exchange(CHANNEL, "legg fram handlingsplan", aad_object_id=MEMBER_AAD, locale="nb-NO")

    assert "Du har ikke rettigheter til dette i SSU" in visible_text(refused)
    assert await query(unit_of_work, "SELECT id FROM cases") == []
    assert (await plan_row(unit_of_work)).adoption_case_id is None
    assert len(await audit_trail(unit_of_work, "refused.put_forward_plan")) == 1

    english = await bot.exchange(PERSONAL, "submit plan 2026", aad_object_id=SECRETARIAT_AAD, locale="en-GB")
    assert visible_text(english) == (
        "Case 1/2026 'Handlingsplan 2026' is registered in SSU. Put it on a meeting with 'schedule SSU 1/2026'. "
        "When the decision on the case is final, the plan is adopted."
    )
    missing = await bot.exchange(
        PERSONAL, "legg fram handlingsplan 2031", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )
    assert visible_text(missing).startswith("Det finnes ingen handlingsplan for 2031.")


async def test_the_ssu_agenda_reports_the_plan_and_the_minutes_keep_it_as_it_stood_at_the_meeting(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_plan_owned_by(unit_of_work, clock, "SSU")
    await say_in_channel(bot, "koble SSU")
    await say_in_channel(bot, "nytt møte 24.11.2026 09:00-12:00 Møterom 1")

    agenda = await say_in_channel(bot, "saksliste")

    assert "3. Status handlingsplan 2026" in agenda
    assert "5 tiltak: 1 ikke startet, 1 pågående, 2 fullført, 1 avsluttet · forfalt: 1.1" in agenda
    published = await say_in_channel(bot, "publiser saksliste")
    assert "legges ut i kanalen" in published
    # Tien finishes his measure: the agenda shows it, but it is not a changed agenda to post again.
    await bot.exchange(CHANNEL, "tiltak 1.1 fullført", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "5 tiltak: 1 ikke startet, 3 fullført, 1 avsluttet" in await say_in_channel(bot, "saksliste")
    assert "uendret" in await say_in_channel(bot, "publiser saksliste")

    clock.advance(timedelta(days=1, hours=4))  # past the meeting
    await say_in_channel(bot, "protokoll")
    minutes = [
        sent
        for sent in bot.connector.sent
        if any("Protokoll" in text for card in sent.cards for text in card_texts(card))
    ]
    texts = card_texts(minutes[-1].cards[0])
    assert "3. Status handlingsplan 2026" in texts
    assert "Tatt til orientering." in texts
    assert "5 tiltak: 1 ikke startet, 3 fullført, 1 avsluttet" in texts
    # A change after the meeting does not reach its minutes.
    await bot.exchange(CHANNEL, "tiltak 1.10 pågående", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert "uendret" in (await say_in_channel(bot, "protokoll")).lower()
