"""Preparing the meeting end to end (issue 16, part 4): the year's meetings proposed and
confirmed on a card, the årshjul, a held meeting registered afterwards, members told of changes
to a called meeting, and a substitute called in."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

from governance.rules.clock import FixedClock
from governance.rules.oslo_time import is_working_day
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
    query,
    visible_text,
)
from tests.e2e.test_decisions import click, execute_action, invoke
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
KARI_AAD = "5e0f7c11-2a3b-4c5d-8e9f-0a1b2c3d4e5f"
KARI_VARA = {
    "name": "Kari Vara",
    "email": "kari@example.no",
    "aad_object_id": KARI_AAD,
    "role": "vara",
    "represents": "Testby kommune",
}


async def import_with(unit_of_work: UnitOfWorkFactory, *, ssu_per_year: int = 8, vara: bool = False) -> None:
    data = test_structure()
    data["bodies"][1]["meetings_per_year"] = ssu_per_year
    if vara:
        data["bodies"][1]["members"].append(dict(KARI_VARA))
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


def plan_inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    pending: list[Any] = [card["body"]]
    while pending:
        node = pending.pop(0)
        if isinstance(node, list):
            pending[:0] = node
        elif isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found.append(node)
            pending[:0] = [node.get("items", [])]
    return found


def confirm_payload(bot: BotUnderTest, card: dict[str, Any], entered: dict[str, str], **options: Any) -> dict[str, Any]:
    """The confirm button's invoke, with the card's inputs merged into its data as Teams does."""
    confirm = execute_action(card, "confirm_meeting_plan")
    values = {element["id"]: element["value"] for element in plan_inputs(card)}
    return invoke(bot, {**confirm, "data": {**confirm["data"], **values, **entered}}, SECRETARIAT_AAD, **options)


async def meetings_in_db(unit_of_work: UnitOfWorkFactory) -> list[Any]:
    return await query(unit_of_work, "SELECT id, starts_at, ends_at, status FROM meetings ORDER BY starts_at")


async def test_six_meetings_a_year_are_proposed_on_working_days_and_confirming_twice_plans_them_once(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await import_with(unit_of_work, ssu_per_year=6)
    # The body usually meets at 10.00 for two hours: the proposal follows it.
    await bot.exchange(CHANNEL, "nytt møte SSU 01.12.2026 10:00-12:00", locale="nb-NO")

    reply = await bot.exchange(CHANNEL, "møteplan SSU 2027", locale="nb-NO")
    [card] = reply.cards
    inputs = plan_inputs(card)
    days = [date.fromisoformat(element["value"]) for element in inputs if element["type"] == "Input.Date"]
    assert len(days) == 6
    assert all(day.year == 2027 and is_working_day(day) and day.month != 7 for day in days)
    assert date(2027, 5, 6) not in days and date(2027, 5, 17) not in days  # Ascension; 17 May and Whit Monday
    assert {element["value"] for element in inputs if element["type"] == "Input.Time"} == {"10:00"}
    shown = visible_text(reply)
    assert "Møteplan SSU 2027" in shown
    assert "SSU har 6 møter i året." in shown

    # The secretariat moves the first meeting to 13.00 and leaves the last out.
    entered = {"plan_time_0": "13:00", "plan_skip_5": "true"}
    done = await click(bot, confirm_payload(bot, card, entered))
    assert card_texts(done)[1] == "5 møter i SSU er planlagt:"
    planned = [row for row in await meetings_in_db(unit_of_work) if str(row.starts_at).startswith("2027")]
    assert len(planned) == 5
    reminders = await query(
        unit_of_work,
        "SELECT DISTINCT meeting_id FROM reminders WHERE meeting_id IN ({})".format(
            ", ".join(str(row.id) for row in planned)
        ),
    )
    assert len(reminders) == 5  # each planned meeting has its reminders, as after `nytt møte`
    assert any(f"{days[0].strftime('%-d')}." in line and "kl. 13.00–15.00" in line for line in card_texts(done))

    again = await click(bot, confirm_payload(bot, card, entered))
    assert card_texts(again)[1] == "Ingen nye møter: de var allerede planlagt, eller alle var krysset av for å utgå."
    assert "5 av møtene var planlagt fra før og er ikke planlagt på nytt." in card_texts(again)
    assert len(await meetings_in_db(unit_of_work)) == 6
    assert len(await audit_trail(unit_of_work, "meeting.planned")) == 6

    # A date moved into the past is refused as a whole, in the card's words.
    past = await click(bot, confirm_payload(bot, card, {"plan_date_5": "2026-11-02", "plan_skip_5": "false"}))
    assert card_texts(past) == [
        "mandag 2. november 2026 har allerede vært. Velg en senere dato på kortet, eller kryss av for at møtet utgår."
    ]
    assert len(await meetings_in_db(unit_of_work)) == 6

    # Data the bot did not seal (another body slipped in) plans nothing.
    forged = confirm_payload(bot, card, {})
    forged["value"]["action"]["data"]["plan"]["body"] = "LSU"
    refused = await click(bot, forged)
    assert card_texts(refused) == ["Kortet ble ikke forstått. Det kan være utdatert."]
    assert len(await meetings_in_db(unit_of_work)) == 6


async def test_a_member_is_refused_the_proposal_and_a_body_without_a_number_is_told_what_to_set(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await import_with(unit_of_work, ssu_per_year=0)
    member = visible_text(await bot.exchange(PERSONAL, "møteplan SSU 2027", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "Du har ikke rettigheter til dette i SSU" in member
    none = visible_text(await bot.exchange(CHANNEL, "meeting plan SSU 2027", locale="en-GB"))
    assert "SSU has no number of meetings a year. Set 'meetings_per_year'" in none
    past = visible_text(await bot.exchange(CHANNEL, "møteplan LSU 2025", locale="nb-NO"))
    assert "Året 2025 er over" in past


async def test_the_year_wheel_lists_every_bodys_meetings_month_by_month(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "nytt møte SSU 12.01.2027 09:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte LSU 14.01.2027 13:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte PM 09.03.2027 10:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 16.03.2027 09:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "avlys møte SSU 16.03.2027", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00", locale="nb-NO")  # another year

    reply = await bot.exchange(PERSONAL, "møteplan 2027", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert card_texts(reply.cards[0]) == [
        "Årshjul 2027",
        "Januar 2027",
        "SSU: tirsdag 12. januar 2027 kl. 09.00",
        "LSU: torsdag 14. januar 2027 kl. 13.00",
        "Mars 2027",
        "PM: tirsdag 9. mars 2027 kl. 10.00",
    ]
    english = await bot.exchange(PERSONAL, "meeting plan 2027", aad_object_id=MEMBER_AAD, locale="en-GB")
    assert card_texts(english.cards[0])[:2] == ["Meetings of 2027", "January 2027"]


async def test_help_lists_the_new_commands_in_both_languages(bot: BotUnderTest, structure: None) -> None:
    norwegian = visible_text(await bot.exchange(CHANNEL, "hjelp", locale="nb-NO"))
    assert "møteplan [organ] [<år>]" in norwegian
    assert "innkall vara [organ] [<dato>] <navn>" in norwegian
    assert "[sted] [avholdt]" in norwegian
    english = visible_text(await bot.exchange(CHANNEL, "help call substitute", locale="en-GB"))
    assert "call substitute [body] [<date>] <name>" in english
    assert "Calls a substitute in to the next (or the given) meeting" in english


async def test_a_held_meeting_is_registered_afterwards_without_reminders_and_a_past_date_needs_held(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    refused = visible_text(await bot.exchange(CHANNEL, "nytt møte SSU 10.11.2026 09:00", locale="nb-NO"))
    assert "Møtetidspunktet har allerede passert." in refused
    assert "skriv «avholdt» til slutt" in refused
    assert await meetings_in_db(unit_of_work) == []

    future = visible_text(await bot.exchange(CHANNEL, "new meeting SSU 10.12.2026 09:00 held", locale="en-GB"))
    assert "A meeting that was held must be at a time that has passed." in future

    held = visible_text(await bot.exchange(CHANNEL, "nytt møte SSU 10.11.2026 09:00-11:00 avholdt", locale="nb-NO"))
    assert held == (
        "Møtet i SSU tirsdag 10. november 2026 kl. 09.00–11.00 er registrert som avholdt, uten påminnelser eller "
        "invitasjoner. Nå kan det føres fremmøte og protokoll for det."
    )
    [meeting] = await meetings_in_db(unit_of_work)
    assert meeting.status == "avholdt"
    assert await query(unit_of_work, "SELECT id FROM reminders") == []
    assert await query(unit_of_work, "SELECT id FROM calendar_syncs") == []
    [audit] = await audit_trail(unit_of_work, "meeting.registered_held")
    assert audit.details["body"] == "SSU"

    attendance = await bot.exchange(CHANNEL, "fremmøte SSU 10.11.2026", locale="nb-NO")
    assert "Fremmøte SSU – tirsdag 10. november 2026 kl. 09.00" in card_texts(attendance.cards[0])[0]


async def called_meeting(bot: BotUnderTest) -> None:
    """SSU linked to the channel, a meeting with a case, its agenda published (the meeting called),
    and the member's personal chat with the bot known (the first to write in it)."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "publiser saksliste SSU", locale="nb-NO")


def new_posts(bot: BotUnderTest, conversation: str, before: int) -> list[str]:
    return [sent.text for sent in bot.connector.to(conversation)[before:] if sent.reply_to_id is None]


async def test_moving_a_called_meeting_tells_the_channel_and_each_member_with_a_chat_once(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await called_meeting(bot)
    channel, personal = channel_of(CHANNEL), conversation_of(PERSONAL)
    in_channel, in_chat = len(bot.connector.to(channel)), len(bot.connector.to(personal))

    move = bot.activity(CHANNEL, "flytt møte SSU 10.12.2026 til 17.12.2026 09:00", locale="nb-NO")
    await bot.post(move)
    await bot.post(copy.deepcopy(move))  # the same activity again, as Teams retries it

    notice = (
        "Endring: møtet i SSU er flyttet fra torsdag 10. desember 2026 kl. 09.00 "
        "til torsdag 17. desember 2026 kl. 09.00."
    )
    assert new_posts(bot, channel, in_channel) == [notice]
    assert new_posts(bot, personal, in_chat) == [notice]
    rows = await query(unit_of_work, "SELECT key, conversation_id FROM deliveries WHERE key LIKE '%:moved:%'")
    assert sorted(row.conversation_id for row in rows) == sorted([channel, personal])


async def test_cancelling_and_changing_a_called_agenda_tell_members_and_an_uncalled_meeting_tells_nobody(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await called_meeting(bot)
    channel = channel_of(CHANNEL)
    await bot.exchange(PERSONAL, "ny sak SSU Legevaktsamarbeid", aad_object_id=MEMBER_AAD, locale="nb-NO")
    before = len(bot.connector.to(channel))

    await bot.exchange(CHANNEL, "sett opp SSU 2/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "utsett SSU 2/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "trekk SSU 1/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "avlys møte SSU 10.12.2026", locale="nb-NO")

    assert new_posts(bot, channel, before) == [
        "Endring i sakslisten til møtet i SSU torsdag 10. desember 2026 kl. 09.00: sak 2/2026 Legevaktsamarbeid er satt opp.",
        "Endring i sakslisten til møtet i SSU torsdag 10. desember 2026 kl. 09.00: sak 2/2026 Legevaktsamarbeid er utsatt.",
        "Endring i sakslisten til møtet i SSU torsdag 10. desember 2026 kl. 09.00: sak 1/2026 Felles rutine for utskrivning er trukket.",
        "Endring: møtet i SSU torsdag 10. desember 2026 kl. 09.00 er avlyst.",
    ]

    # A meeting whose agenda never went out: members were not given it, so nobody is told.
    await bot.exchange(CHANNEL, "nytt møte SSU 14.01.2027 09:00", locale="nb-NO")
    quiet = len(bot.connector.to(channel))
    await bot.exchange(CHANNEL, "flytt møte SSU 14.01.2027 til 21.01.2027 09:00", locale="nb-NO")
    assert new_posts(bot, channel, quiet) == []


async def test_a_substitute_is_called_in_messaged_and_shown_on_the_attendance_card(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_with(unit_of_work, vara=True)
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 17.12.2026 09:00", locale="nb-NO")
    none = visible_text(await bot.exchange(CHANNEL, "innkall vara SSU Kari Vara", locale="nb-NO"))
    assert "Ingen har meldt forfall til møtet i SSU torsdag 10. desember 2026 kl. 09.00" in none

    # The personal chat of the captures is Kari's: the bot keeps the first sender's reference.
    await bot.exchange(PERSONAL, "hjelp", aad_object_id=KARI_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "forfall SSU 10.12.2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    personal = conversation_of(PERSONAL)
    before = len(bot.connector.to(personal))

    reply = visible_text(await bot.exchange(CHANNEL, "innkall vara SSU 10.12.2026 kari vara", locale="nb-NO"))
    assert reply == (
        "Kari Vara er innkalt som vara for Tien Medlem til møtet i SSU torsdag 10. desember 2026 kl. 09.00. "
        "Kari Vara har fått en personlig melding."
    )
    assert new_posts(bot, personal, before) == [
        "Du er innkalt som vara for Tien Medlem til møtet i SSU torsdag 10. desember 2026 kl. 09.00. "
        "Innkallingen med sakspapirene får du med knappen under."
    ]
    # The button gives the vara the notice, with fresh download links.
    [message] = [sent for sent in bot.connector.to(personal)[before:] if sent.reply_to_id is None]
    answer = await click(bot, invoke(bot, execute_action(message.cards[0], "notice"), KARI_AAD))
    assert {action["title"] for action in answer["actions"]} == {"Last ned Word", "Last ned PDF"}
    again = visible_text(await bot.exchange(CHANNEL, "innkall vara SSU 10.12.2026 Kari Vara", locale="nb-NO"))
    assert "Kari Vara er allerede innkalt til møtet i SSU" in again
    assert len(new_posts(bot, personal, before)) == 1

    [card] = (await bot.exchange(CHANNEL, "fremmøte SSU 10.12.2026", locale="nb-NO")).cards
    inputs = {element["label"]: element for element in card["body"] if element.get("type") == "Input.ChoiceSet"}
    assert inputs["Kari Vara · Vara · Testby kommune · innkalt for Tien Medlem"]["value"] == "til stede"
    assert inputs["Tien Medlem · Medlem · Testby kommune"]["value"] == "forfall"
    [audit] = await audit_trail(unit_of_work, "attendance.substitute_called")
    assert audit.details["before"] == {"status": None, "substitute_for": None}
    assert audit.details["after"]["status"] == "til stede"

    leader = visible_text(await bot.exchange(CHANNEL, "innkall vara SSU Lise Leder", locale="nb-NO"))
    assert "Lise Leder er ikke vara i SSU. Varaer: Kari Vara." in leader
    english = visible_text(await bot.exchange(CHANNEL, "call substitute SSU Nobody", locale="en-GB"))
    assert "Nobody is not a substitute in SSU. Substitutes: Kari Vara." in english
    long = visible_text(await bot.exchange(CHANNEL, "innkall vara SSU " + "Ola " * 30, locale="nb-NO"))
    assert "Ola Ola Ola Ola Ola Ola Ola Ola Ola Ola…" in long and "Ola " * 12 not in long
    member = visible_text(
        await bot.exchange(PERSONAL, "innkall vara SSU Kari Vara", aad_object_id=MEMBER_AAD, locale="nb-NO")
    )
    assert "Du har ikke rettigheter til dette i SSU" in member
