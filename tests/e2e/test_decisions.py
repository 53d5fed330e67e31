"""Decisions end to end: recorded in chat, approved or rejected by replaying the card's own
`Action.Execute` data in the captured invoke payload, and the card updated for everyone."""

from __future__ import annotations

import asyncio
import copy
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    audit_trail,
    card_texts,
    channel_of,
    conversation_of,
    load_fixture,
    query,
    visible_text,
)
from tests.support.fake_connector import ACCEPTED_THEN_500, SentActivity
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
INVOKE = "invoke_adaptivecard_action_execute.json"
CARD_TYPE = "application/vnd.microsoft.card.adaptive"


HANNE_VARA = {"name": "Hanne Vara", "email": "hanne@example.no", "role": "vara", "represents": "Test HF"}
KARI_VARA = {"name": "Kari Vara", "email": "kari@example.no", "role": "vara", "represents": "Testby kommune"}


async def add_ssu_substitutes(unit_of_work: UnitOfWorkFactory, *substitutes: dict[str, str]) -> None:
    data = test_structure()
    data["bodies"][1]["members"] += list(substitutes)
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def prepare_case(bot: BotUnderTest, title: str = "Felles rutine for utskrivning") -> str:
    """SSU linked to the channel, and one case in its queue; returns the case reference."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    reply = await bot.exchange(PERSONAL, f"ny sak SSU {title}", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "Sak 1/2026" in visible_text(reply)
    return "1/2026"


def approval_cards(bot: BotUnderTest) -> list[SentActivity]:
    """Decision cards the bot posted to the SSU channel as new messages."""
    channel = channel_of(CHANNEL)
    return [
        sent
        for sent in bot.connector.to(channel)
        if sent.reply_to_id is None and any("Vedtak" in text for card in sent.cards for text in card_texts(card))
    ]


def execute_action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    return next(action for action in card.get("actions", []) if action.get("verb") == verb)


def invoke(
    bot: BotUnderTest,
    action: dict[str, Any],
    aad: str,
    *,
    comment: str | None = None,
    locale: str = "nb-NO",
    activity_id: str | None = None,
) -> dict[str, Any]:
    """The captured invoke with the card's own action (inputs merged into its data, as Teams does)."""
    payload = copy.deepcopy(load_fixture(INVOKE))
    data = dict(action["data"])
    if comment is not None:
        data["comment"] = comment
    payload["value"]["action"] = {
        "type": "Action.Execute",
        "id": action.get("id"),
        "title": action["title"],
        "verb": action["verb"],
        "data": data,
    }
    payload["id"] = activity_id or uuid.uuid4().hex
    payload["serviceUrl"] = bot.connector_url
    payload["from"]["aadObjectId"] = aad
    payload["locale"] = locale
    # The invoke comes from the channel the card was posted in.
    channel = channel_of(CHANNEL)
    payload["conversation"]["id"] = f"{channel};messageid=1"
    payload["channelData"]["channel"]["id"] = channel
    return payload


async def click(bot: BotUnderTest, payload: dict[str, Any]) -> dict[str, Any]:
    """Posts the invoke and returns the invoke response body, checking its HTTP shape."""
    async with bot.session.post(f"{bot.url}/api/messages", json=payload) as response:
        assert response.status == 200, await response.text()
        assert response.content_type == "application/json"
        body = await response.json()
    await bot.posts_sent()  # the channel's copy is replaced through the outbox, after the commit
    assert body["statusCode"] == 200 and body["type"] == CARD_TYPE
    return body["value"]


async def decision_row(unit_of_work: UnitOfWorkFactory) -> Any:
    [row] = await query(unit_of_work, "SELECT id, status, round, version, meeting_id, rejection_comment FROM decisions")
    return row


async def case_status(unit_of_work: UnitOfWorkFactory) -> str:
    [row] = await query(unit_of_work, "SELECT status FROM cases")
    return str(row.status)


async def test_a_decision_between_meetings_is_approved_by_the_leader_and_the_card_updated_for_everyone(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare_case(bot)
    reply = await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    assert "sirkulasjonssak" in visible_text(reply)
    [posted] = approval_cards(bot)
    card = posted.cards[0]
    assert "Vedtak til godkjenning – Sak 1/2026" in card_texts(card)
    assert "Lise Leder: venter" in card_texts(card)

    final = await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))

    texts = card_texts(final)
    assert texts[0] == "Vedtatt – Sak 1/2026"
    assert any(text.startswith("Lise Leder: Godkjent mandag 23. november 2026 kl. 09.00") for text in texts)
    assert "actions" not in final
    [update] = bot.connector.updated
    assert update.reply_to_id == posted.body.get("id") or update.reply_to_id.startswith("sent-")
    assert card_texts(update.cards[0])[0] == "Vedtatt – Sak 1/2026"
    assert (await decision_row(unit_of_work)).status == "vedtatt"
    assert await case_status(unit_of_work) == "behandlet"
    assert [event.action for event in await audit_trail(unit_of_work) if event.action.startswith("decision.")] == [
        "decision.recorded",
        "decision.approved",
        "decision.final",
    ]


async def test_a_rejection_needs_a_comment_and_returns_the_decision_to_draft(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    card = approval_cards(bot)[0].cards[0]
    reject = execute_action(card, "reject")

    asked = await click(bot, invoke(bot, reject, LEADER_AAD, comment="  ", locale="en-US"))
    assert card_texts(asked)[1] == "Write a comment that explains the rejection, and press 'Reject' again."
    assert (await decision_row(unit_of_work)).status == "til godkjenning"

    returned = await click(bot, invoke(bot, reject, LEADER_AAD, comment="Datoen må være 1. september"))
    assert card_texts(returned)[0] == "Vedtak avvist – tilbake til utkast – Sak 1/2026"
    assert any("Avvist av Lise Leder: «Datoen må være 1. september»" in text for text in card_texts(returned))
    row = await decision_row(unit_of_work)
    assert (row.status, row.rejection_comment) == ("utkast", "Datoen må være 1. september")
    assert await case_status(unit_of_work) == "innmeldt"
    assert "avvist" in " ".join(card_texts(bot.connector.updated[-1].cards[0])).lower()

    # A new wording starts round 2 with a fresh card; the old card's buttons no longer count.
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen fra 1. september.", locale="nb-NO")
    stale = await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))
    assert (await decision_row(unit_of_work)).status == "til godkjenning"
    assert "Runde: 2" in card_texts(stale)
    fresh = approval_cards(bot)[-1].cards[0]
    await click(bot, invoke(bot, execute_action(fresh, "approve"), LEADER_AAD))
    row = await decision_row(unit_of_work)
    assert (row.status, row.round) == ("vedtatt", 2)


@pytest.mark.parametrize("who", [MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD])
async def test_only_approvers_can_approve_and_refused_attempts_are_audited(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, who: str
) -> None:
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    card = approval_cards(bot)[0].cards[0]

    refused = await click(bot, invoke(bot, execute_action(card, "approve"), who))

    assert card_texts(refused)[1] == "Du er ikke blant dem som godkjenner i SSU. Forsøket er registrert."
    assert "actions" not in refused
    assert (await decision_row(unit_of_work)).status == "til godkjenning"
    [event] = await audit_trail(unit_of_work, "refused.approve_decision")
    assert event.actor_aad_object_id == who and event.subject is not None and event.subject.startswith("decision:")
    assert bot.connector.updated == []


async def test_a_double_click_or_a_redelivered_invoke_counts_once(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, ssu_policy: Callable[[str], Any]
) -> None:
    await ssu_policy("leader_and_one_member")
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    approve = execute_action(approval_cards(bot)[0].cards[0], "approve")
    payload = invoke(bot, approve, LEADER_AAD)

    first = await click(bot, payload)
    again = await click(bot, payload)  # the same activity redelivered
    second_click = await click(bot, invoke(bot, approve, LEADER_AAD))  # a new activity id

    for card in (first, again, second_click):
        assert "Lise Leder: Godkjent mandag 23. november 2026 kl. 09.00" in card_texts(card)
        assert "actions" not in card  # Lise has acted; her own view has no buttons
    rows = await query(unit_of_work, "SELECT person_id FROM decision_approvals")
    assert len(rows) == 1
    assert (await decision_row(unit_of_work)).status == "til godkjenning"  # one member still needed
    assert len(await audit_trail(unit_of_work, "decision.approved")) == 1


async def test_two_approvers_clicking_at_the_same_moment_both_count(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, ssu_policy: Callable[[str], Any]
) -> None:
    await ssu_policy("all_members")
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    approve = execute_action(approval_cards(bot)[0].cards[0], "approve")
    before = (await decision_row(unit_of_work)).version

    await asyncio.gather(
        click(bot, invoke(bot, approve, LEADER_AAD)),
        click(bot, invoke(bot, approve, MEMBER_AAD)),
    )

    rows = await query(unit_of_work, "SELECT person_id FROM decision_approvals ORDER BY person_id")
    assert len(rows) == 2
    row = await decision_row(unit_of_work)
    assert row.status == "vedtatt"
    assert row.version == before + 2  # one step per approval, none lost
    assert len(bot.connector.updated) == 1


async def test_a_decision_waits_for_its_meeting_day_and_then_belongs_to_the_meeting(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "nytt møte SSU 26.11.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")

    early = await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    assert "står på sakslisten til møtet torsdag 26. november 2026" in visible_text(early)
    assert await query(unit_of_work, "SELECT id FROM decisions") == []

    clock.advance(timedelta(days=3, hours=2))  # Thursday 26 November, 11.00 in Oslo: the meeting is on
    reply = await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    assert "sirkulasjonssak" not in visible_text(reply)
    card = approval_cards(bot)[0].cards[0]
    assert "Møte: torsdag 26. november 2026 kl. 09.00" in card_texts(card)
    [meeting] = await query(unit_of_work, "SELECT status FROM meetings")
    assert meeting.status == "avholdt"


async def test_only_the_secretariat_or_the_leader_records_decisions(bot: BotUnderTest, structure: None) -> None:
    await prepare_case(bot)
    reply = await bot.exchange(PERSONAL, "vedtak SSU 1/2026: Vi vedtar selv.", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "krever sekretariatet eller organets leder" in visible_text(reply)
    assert approval_cards(bot) == []


async def test_the_register_lists_the_year_and_search_finds_decisions_across_bodies(
    bot: BotUnderTest, structure: None
) -> None:
    await prepare_case(bot, "Felles rutine for utskrivning")
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen for utskrivning.", locale="nb-NO")
    card = approval_cards(bot)[0].cards[0]
    await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))
    await bot.exchange(
        PERSONAL, "ny sak LSU Lokal oppfølging av fastlegeordningen", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    await bot.exchange(
        PERSONAL, "vedtak LSU 1/2026: LSU ber kommunen følge opp.", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )

    register = visible_text(await bot.exchange(CHANNEL, "vedtak", locale="nb-NO"))  # the linked body, this year
    assert "Vedtak – SSU 2026" in register
    assert (
        "SSU sak 1/2026 Felles rutine for utskrivning" in register
        and "Vedtatt 23.11.2026 · sirkulasjonssak" in register
    )
    assert "LSU" not in register
    assert "Ingen vedtak er registrert." in visible_text(await bot.exchange(CHANNEL, "vedtak SSU 2025", locale="nb-NO"))

    found = visible_text(
        await bot.exchange(PERSONAL, "decisions search follow", aad_object_id=MEMBER_AAD, locale="en-US")
    )
    assert "Decisions containing 'follow'" in found
    assert "No decisions found." in found  # the texts are Norwegian
    found = visible_text(await bot.exchange(PERSONAL, "vedtak søk FØLGE opp", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "LSU sak 1/2026 Lokal oppfølging av fastlegeordningen" in found and "Til godkjenning" in found
    assert "SSU sak" not in found
    refused = visible_text(
        await bot.exchange(PERSONAL, "vedtak søk rutine", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    )
    assert "ikke registrert i noe organ" in refused


async def test_a_case_sent_to_another_body_gets_its_next_number_and_both_link_to_each_other(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(PERSONAL, "ny sak SSU Første sak", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak LSU Felles journalløsning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak LSU Avtale om legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO")

    # Tien leads LSU, so Tien may send its cases on; the case becomes SSU's second of the year.
    reply = visible_text(
        await bot.exchange(PERSONAL, "send LSU 2/2026 til SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    )
    assert "Sak 2/2026 i LSU er sendt til SSU og har fått nummer 2/2026 der." in reply
    assert "Sendt fra: LSU 2/2026" in reply

    source = visible_text(await bot.exchange(PERSONAL, "sak LSU 2/2026", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "Sendt til: SSU 2/2026" in source and "Status: Behandlet" in source
    again = visible_text(
        await bot.exchange(PERSONAL, "send LSU 2/2026 til SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    )
    assert "allerede sendt videre" in again
    refused = visible_text(
        await bot.exchange(PERSONAL, "send SSU 1/2026 til LSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    )
    assert "krever sekretariatet eller organets leder" in refused  # Tien is only a member of SSU
    rows = await query(unit_of_work, "SELECT title FROM cases ORDER BY id")
    assert [row.title for row in rows] == [
        "Første sak",
        "Felles journalløsning",
        "Avtale om legevakt",
        "Avtale om legevakt",
    ]
    [event] = await audit_trail(unit_of_work, "case.referred")
    assert event.details["to_reference"] == "2/2026" and event.details["to_body"] == "SSU"


async def test_a_disqualified_member_cannot_approve_and_the_declaration_is_kept(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, ssu_policy: Callable[[str], Any]
) -> None:
    await ssu_policy("majority")  # SSU's voting members: Lise (leder) and Tien (medlem)
    await prepare_case(bot)
    declared = visible_text(
        await bot.exchange(
            PERSONAL, "inhabil SSU 1/2026 styreverv i leverandøren", aad_object_id=MEMBER_AAD, locale="nb-NO"
        )
    )
    assert "Du er registrert som inhabil i sak 1/2026 i SSU" in declared
    outsider = visible_text(
        await bot.exchange(PERSONAL, "inhabil SSU 1/2026", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    )
    assert "ikke registrert som medlem av SSU" in outsider

    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    card = approval_cards(bot)[0].cards[0]
    assert "Tien Medlem: venter" not in card_texts(card)  # not among the approvers
    refused = await click(bot, invoke(bot, execute_action(card, "approve"), MEMBER_AAD))
    assert "Du er ikke blant dem som godkjenner i SSU" in card_texts(refused)[1]
    await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))  # 1 of 1 eligible
    assert (await decision_row(unit_of_work)).status == "vedtatt"
    [row] = await query(unit_of_work, "SELECT reason FROM disqualifications")
    assert row.reason == "styreverv i leverandøren"


async def test_a_reported_absence_tells_the_secretariat_which_substitute_to_call(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await add_ssu_substitutes(unit_of_work, HANNE_VARA, KARI_VARA)
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(PERSONAL, "nytt møte LSU 11.12.2026 09:00", aad_object_id=MEMBER_AAD, locale="nb-NO")
    posted_before = len(bot.connector.to(channel_of(CHANNEL)))

    reply = visible_text(await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))

    assert "Forfallet ditt til møtet i SSU torsdag 10. desember 2026 kl. 09.00 er registrert." in reply
    assert "Sekretariatet får beskjed i kanalen til SSU nå." in reply
    [notice] = [sent for sent in bot.connector.to(channel_of(CHANNEL))[posted_before:] if sent.reply_to_id is None]
    assert notice.text == (
        "Forfall: Tien Medlem (Testby kommune) kommer ikke på møtet i SSU torsdag 10. desember 2026 kl. 09.00. "
        "Vara som kan kalles inn: Kari Vara (Testby kommune)."
    )
    [row] = await query(unit_of_work, "SELECT status FROM attendances")
    assert row.status == "forfall"

    unlinked = visible_text(await bot.exchange(PERSONAL, "forfall LSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "kunne ikke varsles, fordi LSU ikke er koblet til en kanal" in unlinked
    outsider = visible_text(await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=OUTSIDER_AAD, locale="nb-NO"))
    assert "ikke registrert som medlem av SSU" in outsider


async def test_delegated_authority_is_shown_on_the_receiving_body_and_named_by_its_later_decision(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare_case(bot, "Legevaktsamarbeid")
    await bot.exchange(
        CHANNEL, "vedtak SSU 1/2026: LSU gis myndighet til å vedta lokal rutine for legevakt.", locale="nb-NO"
    )
    await click(bot, invoke(bot, execute_action(approval_cards(bot)[0].cards[0], "approve"), LEADER_AAD))

    bodies = visible_text(await bot.exchange(CHANNEL, "organer", locale="nb-NO"))
    assert "Delegert myndighet: vedta lokal rutine for legevakt (gitt av SSU i sak 1/2026)" in bodies

    await bot.exchange(PERSONAL, "ny sak LSU Lokal rutine for legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(
        PERSONAL, "vedtak LSU 1/2026: LSU vedtar lokal rutine for legevakt.", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    # LSU has no channel, so its card is posted where the decision was recorded.
    personal = bot.connector.to(conversation_of(PERSONAL))
    [lsu_card] = [sent for sent in personal if sent.reply_to_id is None and sent.cards]
    authority = "Delegert myndighet: vedta lokal rutine for legevakt (gitt av SSU i sak 1/2026)"
    assert authority in card_texts(lsu_card.cards[0])
    [grant] = await audit_trail(unit_of_work, "delegation.granted")
    assert grant.details == {"body": "SSU", "to_body": "LSU"}


async def test_the_secretariat_records_attendance_on_a_card_with_reported_absences_filled_in(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await add_ssu_substitutes(unit_of_work, KARI_VARA)
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    clock.advance(timedelta(days=1, hours=1))  # the meeting has begun

    [card] = (await bot.exchange(CHANNEL, "fremmøte", locale="nb-NO")).cards
    inputs = {element["label"]: element for element in card["body"] if element.get("type") == "Input.ChoiceSet"}
    assert inputs["Lise Leder · Leder · Test HF"]["value"] == "til stede"
    assert inputs["Tien Medlem · Medlem · Testby kommune"]["value"] == "forfall"
    assert inputs["Kari Vara · Vara · Testby kommune"]["value"] == "ikke innkalt"

    save = execute_action(card, "save_attendance")
    entered = {element["id"]: element["value"] for element in inputs.values()}
    entered[inputs["Kari Vara · Vara · Testby kommune"]["id"]] = "til stede"
    refused = await click(bot, invoke(bot, {**save, "data": {**save["data"], **entered}}, MEMBER_AAD))
    assert "krever sekretariatet eller organets leder" in card_texts(refused)[0]
    saved = await click(bot, invoke(bot, {**save, "data": {**save["data"], **entered}}, SECRETARIAT_AAD))

    assert card_texts(saved)[1] == "Fremmøtet er lagret."
    rows = await query(
        unit_of_work,
        "SELECT persons.name, attendances.status FROM attendances JOIN persons ON persons.id = attendances.person_id ORDER BY persons.name",
    )
    assert [(row.name, row.status) for row in rows] == [
        ("Kari Vara", "til stede"),
        ("Lise Leder", "til stede"),
        ("Tien Medlem", "forfall"),
    ]
    assert len(await audit_trail(unit_of_work, "refused.record_attendance")) == 1


async def test_a_card_the_connector_took_before_failing_acts_only_on_the_wording_it_shows(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    # Issue 15: the card was posted inside the transaction, the connector took it and answered 500,
    # the decision was rolled back, and approving that orphan card made a later wording final.
    await prepare_case(bot)
    bot.connector.post_faults.append(ACCEPTED_THEN_500)
    first_reply = await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU godkjenner avtalen.", locale="nb-NO")
    assert "er registrert" in visible_text(first_reply)  # the decision stands: the card is after the commit
    [first] = approval_cards(bot)
    [notice] = [sent for sent in bot.connector.to(channel_of(CHANNEL)) if "kan allerede være der" in sent.text]
    assert notice.reply_to_id is None

    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU godkjenner avtalen med endringene.", locale="nb-NO")
    [_, second] = approval_cards(bot)
    assert "SSU godkjenner avtalen med endringene." in card_texts(second.cards[0])

    # The leader presses Godkjenn on the first card: it shows a wording that is no longer the
    # decision's, so nothing is approved.
    stale = await click(bot, invoke(bot, execute_action(first.cards[0], "approve"), LEADER_AAD))
    assert (await decision_row(unit_of_work)).status != "vedtatt"
    assert "SSU godkjenner avtalen med endringene." in card_texts(stale)  # the card shows what stands
    assert any("tidligere utgave av teksten" in text for text in card_texts(stale))  # and says why
    await click(bot, invoke(bot, execute_action(second.cards[0], "approve"), LEADER_AAD))
    row = await decision_row(unit_of_work)
    assert row.status == "vedtatt" and row.round == 2
    [stored] = await query(unit_of_work, "SELECT text FROM decisions")
    assert stored.text == "SSU godkjenner avtalen med endringene."
