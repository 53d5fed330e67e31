"""Who approves the minutes (issue 17, item 3), end to end over HTTP: the body's `minutes_approval`
decides who is asked on the card and who the relay reminds, and an absent member is neither."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    card_texts,
    channel_of,
    conversation_of,
    query,
    visible_text,
)
from tests.e2e.test_decisions import click, execute_action, invoke, prepare_case
from tests.e2e.test_minutes import minutes_posts, minutes_rows
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD, test_structure

ANNE_AAD = "0b9a7c21-4d3e-4f5a-9b6c-7d8e9fa0b1c2"
KARI_AAD = "5e0f7c11-2a3b-4c5d-8e9f-0a1b2c3d4e5f"
PER_AAD = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"


async def import_ssu(unit_of_work: UnitOfWorkFactory, minutes_approval: str | None) -> None:
    """SSU with a leader, three members and a vara; every member approves decisions alike, so the
    only difference between the tests is who is asked to approve the minutes."""
    data = test_structure()
    ssu = data["bodies"][1]
    ssu["approval"] = "all_members"
    if minutes_approval is not None:
        ssu["minutes_approval"] = minutes_approval
    ssu["members"] += [
        {"name": "Anne Andersen", "email": "anne@example.no", "aad_object_id": ANNE_AAD, "role": "medlem"},
        {"name": "Per Pettersen", "email": "per@example.no", "aad_object_id": PER_AAD, "role": "nestleder"},
        {
            "name": "Kari Vara",
            "email": "kari@example.no",
            "aad_object_id": KARI_AAD,
            "role": "vara",
            "represents": "Testby kommune",
        },
    ]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def meeting_with_tien_away(bot: BotUnderTest, clock: FixedClock) -> None:
    """SSU meets on Tuesday 24 November 2026; Tien sends apologies and Kari Vara stands in for
    him; the clock is then past the meeting."""
    await prepare_case(bot)  # Tien writes first in the personal chat: it is his
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "innkall vara SSU Kari Vara", locale="nb-NO")
    clock.advance(timedelta(days=1, hours=4))


def approve_and_reject_verbs(card: dict[str, Any]) -> list[str]:
    return [action["verb"] for action in card.get("actions", []) if action.get("verb") in ("approve", "reject")]


async def view_of(bot: BotUnderTest, card: dict[str, Any], aad: str) -> dict[str, Any]:
    """The card as Teams refreshes it for one person (the card's refresh invoke, sent as that person)."""
    refresh = dict(execute_action(card, "approve"), verb="refresh", title="refresh")
    return await click(bot, invoke(bot, refresh, aad))


async def approval_reminders(bot: BotUnderTest, clock: FixedClock) -> tuple[list[str], list[str]]:
    """Runs the relay two working days on; the texts of the approval reminders sent to the
    channel and to the personal chat (Tien's)."""
    clock.advance(timedelta(days=5))
    await bot.app[SERVICES].relay.run_once()

    def reminders(conversation: str) -> list[str]:
        return [sent.text for sent in bot.connector.to(conversation) if "Protokollen fra møtet" in (sent.text or "")]

    return reminders(channel_of(CHANNEL)), reminders(conversation_of(PERSONAL))


async def test_with_present_only_the_voting_members_present_are_asked_and_reminded(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, None)  # the default: present
    await meeting_with_tien_away(bot, clock)

    reply = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")

    assert "Fremmøtet er ikke registrert" not in reply.text  # Tien's apologies are recorded
    [posted] = minutes_posts(bot)
    card = posted.cards[0]
    texts = card_texts(card)
    assert (
        "Godkjennes av: de med stemmerett som var til stede: Lise Leder, Anne Andersen, Per Pettersen, Kari Vara"
        in texts
    )
    assert not any(text.startswith("Tien Medlem:") for text in texts)  # not in the approvers' list
    # Tien's own view of the card has no buttons; Kari, standing in for him, has them.
    assert approve_and_reject_verbs(await view_of(bot, card, MEMBER_AAD)) == []
    assert approve_and_reject_verbs(await view_of(bot, card, KARI_AAD)) == ["approve", "reject"]
    refused = await click(bot, invoke(bot, execute_action(card, "approve"), MEMBER_AAD))
    assert any("ikke blant dem som godkjenner" in text for text in card_texts(refused))

    await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))
    channel, personal = await approval_reminders(bot, clock)

    assert personal == []  # Tien is not reminded in his chat
    assert len(channel) == 1 and "Tien" not in channel[0]
    for waiting in ("Anne Andersen", "Per Pettersen", "Kari Vara"):
        assert f"<at>{waiting}</at>" in channel[0]
    assert "Lise Leder" not in channel[0]  # she has approved

    for aad in (ANNE_AAD, PER_AAD, KARI_AAD):
        await click(bot, invoke(bot, execute_action(card, "approve"), aad))
    [row] = await minutes_rows(unit_of_work)
    assert row.status == "godkjent"  # all present approved; Tien's approval was never needed


async def test_with_signatories_only_the_two_named_are_asked_and_reminded(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, "signatories")
    await meeting_with_tien_away(bot, clock)

    unnamed = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert "Skriv «protokoll SSU signatarer <navn>, <navn>»" in unnamed.text
    assert await minutes_rows(unit_of_work) == []

    reply = await bot.exchange(CHANNEL, "protokoll SSU signatarer anne andersen, kari@example.no", locale="nb-NO")

    assert "legges ut til godkjenning" in reply.text
    [(stored,)] = await query(unit_of_work, "SELECT signatory_ids FROM minutes")
    signatories = json.loads(stored) if isinstance(stored, str) else stored  # JSON text on SQLite
    names = await query(
        unit_of_work, "SELECT name FROM persons WHERE id IN (:a, :b)", a=signatories[0], b=signatories[1]
    )
    assert sorted(name for (name,) in names) == ["Anne Andersen", "Kari Vara"]
    [posted_audit] = await audit_trail(unit_of_work, "minutes.posted")
    assert posted_audit.details["before"] == {"signatories": None}
    assert posted_audit.details["after"] == {"signatories": signatories}
    [posted] = minutes_posts(bot)
    card = posted.cards[0]
    assert "Godkjennes av: to signatarer valgt i møtet: Anne Andersen, Kari Vara" in card_texts(card)
    for other in (LEADER_AAD, PER_AAD, MEMBER_AAD):
        assert approve_and_reject_verbs(await view_of(bot, card, other)) == []
    assert approve_and_reject_verbs(await view_of(bot, card, ANNE_AAD)) == ["approve", "reject"]
    refused = await click(bot, invoke(bot, execute_action(card, "approve"), LEADER_AAD))
    assert any("ikke blant dem som godkjenner" in text for text in card_texts(refused))

    channel, personal = await approval_reminders(bot, clock)

    assert personal == []
    assert len(channel) == 1
    assert "<at>Anne Andersen</at>" in channel[0] and "<at>Kari Vara</at>" in channel[0]
    assert not any(name in channel[0] for name in ("Lise Leder", "Per Pettersen", "Tien Medlem"))

    await click(bot, invoke(bot, execute_action(card, "approve"), ANNE_AAD))
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["til godkjenning"]
    await click(bot, invoke(bot, execute_action(card, "approve"), KARI_AAD))
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["godkjent"]


async def test_signatories_that_are_not_two_present_members_are_refused_in_both_languages(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, "signatories")
    await meeting_with_tien_away(bot, clock)
    present = "Lise Leder, Anne Andersen, Per Pettersen, Kari Vara"

    async def answer(names: str, locale: str = "nb-NO") -> str:
        return (await bot.exchange(CHANNEL, f"protokoll SSU signatarer {names}", locale=locale)).text

    one = await answer("Anne Andersen")
    assert one == f"Skriv to ulike signatarer, skilt med komma (du skrev 1). Til stede med stemmerett: {present}."
    three = await answer("Anne Andersen, Lise Leder, Per Pettersen")
    assert "(du skrev 3)" in three
    same = await answer("Anne Andersen, anne andersen")
    assert "Skriv to ulike signatarer" in same
    absent = await answer("Anne Andersen, Tien Medlem")
    assert absent == (
        "Tien Medlem var ikke til stede med stemmerett i møtet og kan ikke signere protokollen. "
        f"Til stede med stemmerett: {present}."
    )
    unknown = await answer("Anne Andersen, Ola Nordmann")
    assert unknown == f"«Ola Nordmann» er ikke medlem av SSU. Til stede med stemmerett: {present}."
    english = (await bot.exchange(CHANNEL, "minutes SSU signatories Anne Andersen", locale="en-US")).text
    assert (
        english == f"Name two different signatories, separated by a comma (you gave 1). Present with a vote: {present}."
    )
    english_absent = (
        await bot.exchange(CHANNEL, "minutes SSU signatories Anne Andersen, Tien Medlem", locale="en-US")
    ).text
    assert english_absent.startswith("Tien Medlem was not present with a vote at the meeting")
    assert await minutes_rows(unit_of_work) == []  # nothing stored by a refusal


async def test_signatories_are_refused_for_a_body_that_does_not_choose_them(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, "present")
    await meeting_with_tien_away(bot, clock)

    reply = await bot.exchange(CHANNEL, "protokoll SSU signatarer Anne Andersen, Kari Vara", locale="nb-NO")

    assert reply.text == ("SSU velger ikke signatarer: protokollen godkjennes etter regelen «present» i strukturfilen.")
    assert await minutes_rows(unit_of_work) == []


async def test_with_next_meeting_the_minutes_go_on_the_next_agenda_as_with_neste_mote(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, "next_meeting")
    await meeting_with_tien_away(bot, clock)
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Drammen", locale="nb-NO")

    reply = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")

    assert "godkjennes i neste møte, tirsdag 8. desember 2026 kl. 09.00" in reply.text
    [row] = await minutes_rows(unit_of_work)
    assert row.status == "godkjennes i neste møte"
    [posted] = minutes_posts(bot)
    texts = card_texts(posted.cards[0])
    assert texts[0] == "Protokoll – godkjennes i neste møte – Strategisk samarbeidsutvalg (SSU)"
    # The next meeting's voting members approve, as with `neste møte`: Tien too, the vara not.
    assert "Godkjennes av: neste møte: Lise Leder, Tien Medlem, Anne Andersen, Per Pettersen" in texts
    agenda = visible_text(await bot.exchange(CHANNEL, "saksliste", locale="nb-NO"))
    assert "Godkjenning av protokoll fra forrige møte" in agenda


async def test_without_recorded_attendance_everyone_with_a_vote_is_asked_and_the_reply_says_why(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, None)
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00", locale="nb-NO")
    clock.advance(timedelta(days=1, hours=4))

    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    assert "Fremmøtet er ikke registrert, så alle medlemmer står som til stede" in reply.text
    assert "Registrer fremmøtet med «fremmøte», og kjør «protokoll» igjen." in reply.text
    texts = card_texts(reply.cards[0])
    assert (
        "Godkjennes av: de med stemmerett som var til stede: Lise Leder, Tien Medlem, Anne Andersen, Per Pettersen"
        in texts
    )
    english = await bot.exchange(PERSONAL, "minutes SSU", aad_object_id=SECRETARIAT_AAD, locale="en-US")
    assert "No attendance has been recorded" in english.text


async def test_a_body_with_signatories_may_still_move_the_approval_to_the_next_meeting(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, "signatories")
    await meeting_with_tien_away(bot, clock)
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Drammen", locale="nb-NO")

    reply = await bot.exchange(CHANNEL, "protokoll neste møte", locale="nb-NO")

    assert "godkjennes i neste møte, tirsdag 8. desember 2026 kl. 09.00" in reply.text
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["godkjennes i neste møte"]
