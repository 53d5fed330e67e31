"""Quorum (vedtaksførhet, issue 17 item 2), end to end over HTTP: a body of eight voting members
decides with five present, not with four; a vara standing in counts. The refusal, the attendance
card, the minutes card and the minutes' Word and PDF files (read back with python-docx and pypdf)
say which it was."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, UnitOfWorkFactory, card_texts, query, visible_text
from tests.e2e.test_decisions import click, execute_action, invoke, prepare_case
from tests.e2e.test_minutes import download, held_meeting, links_of, minutes_posts, minutes_rows, word_text
from tests.e2e.test_minutes_archive import decision_posts, pdf_text
from tests.support.structure import LEADER_AAD, SECRETARIAT_AAD, test_structure

# Six members besides Lise Leder and Tien Medlem of the test structure: eight voting seats.
OTHERS = [
    ("Anne Andersen", "0b9a7c21-4d3e-4f5a-9b6c-7d8e9fa0b1c2"),
    ("Bjørn Berg", "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"),
    ("Cecilie Dahl", "2d3e4f5a-6b7c-4d8e-9f0a-b1c2d3e4f5a6"),
    ("Dag Eriksen", "3e4f5a6b-7c8d-4e9f-8a1b-c2d3e4f5a6b7"),
    ("Eva Fjeld", "4f5a6b7c-8d9e-4f0a-9b2c-d3e4f5a6b7c8"),
    ("Frode Gran", "5a6b7c8d-9e0f-4a1b-8c3d-e4f5a6b7c8d9"),
]
KARI_VARA_AAD = "6b7c8d9e-0f1a-4b2c-9d4e-f5a6b7c8d9e0"
AWAY = OTHERS[:4]  # four of the eight send apologies
DECISION = "SSU slutter seg til rutinen."
NOT_QUORATE = (
    "SSU var ikke vedtaksført: 4 av 8 med stemmerett til stede, 5 kreves. Vedtaket er ikke registrert. "
    "Rett fremmøtet med «fremmøte» om det er feil."
)


async def import_ssu_of_eight(unit_of_work: UnitOfWorkFactory) -> None:
    """SSU with eight voting members and a vara, the quorum rule left to its default (majority)."""
    data = test_structure()
    ssu = data["bodies"][1]
    assert "quorum" not in ssu
    ssu["members"] += [
        {"name": name, "email": f"{name.split()[0].lower()}@example.no", "aad_object_id": aad, "role": "medlem"}
        for name, aad in OTHERS
    ]
    ssu["members"].append(
        {"name": "Kari Vara", "email": "kari@example.no", "aad_object_id": KARI_VARA_AAD, "role": "vara"}
    )
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def meeting_with_four_away(bot: BotUnderTest, clock: FixedClock) -> None:
    """SSU meets on Tuesday 24 November 2026 with case 1/2026 on the agenda; four members send
    apologies the day before."""
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    for _, aad in AWAY:
        reply = await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=aad, locale="nb-NO")
        assert "Forfallet ditt til møtet i SSU" in visible_text(reply)


async def decisions_stored(unit_of_work: UnitOfWorkFactory) -> list[Any]:
    return await query(unit_of_work, "SELECT text, meeting_id FROM decisions")


async def minutes_texts(bot: BotUnderTest) -> tuple[list[str], str, str]:
    """The minutes as the secretariat asks for them: the card's texts, and the Word and PDF text."""
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    links = links_of(reply.cards[0])
    word = word_text(await download(bot, links["Last ned Word"]))
    pdf = pdf_text(await download(bot, links["Last ned PDF"]))
    return card_texts(reply.cards[0]), word, pdf


async def test_four_of_eight_present_cannot_decide_and_five_can(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu_of_eight(unit_of_work)
    bodies = visible_text(await bot.exchange(CHANNEL, "organer", locale="nb-NO"))
    assert "vedtaksført med: mer enn halvparten med stemmerett til stede" in bodies  # the default rule
    await meeting_with_four_away(bot, clock)
    clock.advance(timedelta(days=1, hours=1))  # the meeting has begun

    refused = await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")

    assert refused.text == NOT_QUORATE
    english = await bot.exchange(CHANNEL, f"decide SSU 1/2026: {DECISION}", locale="en-US")
    assert english.text.startswith("SSU was not quorate: 4 of 8 with a vote present, 5 required.")
    assert await decisions_stored(unit_of_work) == []  # nothing stored by the refusal
    assert decision_posts(bot) == []  # and no approval card posted
    [(status,)] = await query(unit_of_work, "SELECT status FROM meetings")
    assert status != "avholdt"  # the refused decision did not mark the meeting held either

    texts, word, pdf = await minutes_texts(bot)
    not_quorate = "SSU var ikke vedtaksført (4 av 8 med stemmerett til stede; 5 kreves)."
    assert f"Vedtaksførhet: {not_quorate}" in texts
    assert f"Vedtaksførhet: {not_quorate}" in word
    assert not_quorate in pdf
    assert "Ingen vedtak registrert." in texts

    # The attendance card says it too; one of the four turns out to have come after all.
    [card] = (await bot.exchange(CHANNEL, "fremmøte", locale="nb-NO")).cards
    assert not_quorate in card_texts(card)
    inputs = {element["label"]: element for element in card["body"] if element.get("type") == "Input.ChoiceSet"}
    save = execute_action(card, "save_attendance")
    entered = {element["id"]: element["value"] for element in inputs.values()}
    entered[inputs[f"{AWAY[0][0]} · Medlem"]["id"]] = "til stede"
    saved = await click(bot, invoke(bot, {**save, "data": {**save["data"], **entered}}, SECRETARIAT_AAD))
    assert "SSU var vedtaksført (5 av 8 med stemmerett til stede)." in card_texts(saved)

    recorded = await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")

    assert "Vedtak i sak 1/2026 er registrert" in visible_text(recorded)
    [(text, meeting_id)] = await decisions_stored(unit_of_work)
    assert text == DECISION and meeting_id is not None  # decided at the meeting
    assert len(decision_posts(bot)) == 1
    texts, word, pdf = await minutes_texts(bot)
    quorate = "SSU var vedtaksført (5 av 8 med stemmerett til stede)."
    for written in (texts, word):
        assert f"Vedtaksførhet: {quorate}" in written
        assert "ikke vedtaksført" not in str(written)
    assert quorate in pdf and "ikke vedtaksført" not in pdf
    assert f"Vedtak (til godkjenning): {DECISION}" in texts


async def test_a_vara_standing_in_for_an_absent_member_makes_four_and_one_quorate(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu_of_eight(unit_of_work)
    await meeting_with_four_away(bot, clock)
    await bot.exchange(CHANNEL, "innkall vara SSU Kari Vara", locale="nb-NO")
    clock.advance(timedelta(days=1, hours=1))

    recorded = await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")

    assert "Vedtak i sak 1/2026 er registrert" in visible_text(recorded)
    assert [row.text for row in await decisions_stored(unit_of_work)] == [DECISION]
    texts, word, pdf = await minutes_texts(bot)
    quorate = "SSU var vedtaksført (5 av 8 med stemmerett til stede)."
    assert f"Vedtaksførhet: {quorate}" in texts and f"Vedtaksførhet: {quorate}" in word and quorate in pdf
    row = texts.index("Kari Vara")  # the attendance table: Navn, Rolle, Representerer, Merknad
    assert texts[row + 1] == "Vara" and texts[row + 3].startswith("Vara for ")


async def test_a_decision_between_meetings_follows_its_approval_rule_whatever_the_last_attendance(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu_of_eight(unit_of_work)
    await meeting_with_four_away(bot, clock)
    clock.advance(timedelta(days=1, hours=1))
    await bot.exchange(PERSONAL, "ny sak SSU Sirkulasjonssak om rutinen", aad_object_id=AWAY[0][1], locale="nb-NO")

    # Case 2/2026 is in the queue, on no meeting's agenda: a circulation decision, no quorum asked.
    recorded = await bot.exchange(CHANNEL, f"vedtak SSU 2/2026: {DECISION}", locale="nb-NO")

    assert "Vedtak i sak 2/2026 er registrert" in visible_text(recorded)
    [(text, meeting_id)] = await decisions_stored(unit_of_work)
    assert text == DECISION and meeting_id is None
    assert minutes_posts(bot) == []


async def test_minutes_stored_before_quorum_was_kept_still_load_and_are_not_made_new_again(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock)  # SSU's two members, both present by default
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(decision_posts(bot)[0].cards[0], "approve"), LEADER_AAD))
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [draft] = minutes_posts(bot)
    assert "Vedtaksførhet: SSU var vedtaksført (2 av 2 med stemmerett til stede)." in card_texts(draft.cards[0])
    await click(bot, invoke(bot, execute_action(draft.cards[0], "approve"), LEADER_AAD))
    # As approved minutes stored before the bot kept quorum: their content has no statement.
    [row] = await minutes_rows(unit_of_work)
    async with unit_of_work() as uow:
        stored = await uow.minutes.get(row.id)
        assert stored is not None and "quorum" in stored.content
        stored.content = {key: value for key, value in stored.content.items() if key != "quorum"}
        await uow.commit()

    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    texts = card_texts(reply.cards[0])
    assert texts[0] == "Godkjent protokoll – Strategisk samarbeidsutvalg (SSU)"  # they load as approved
    assert not any("vedtaksført" in text for text in texts)  # and say nothing they did not say
    assert [(r.number, r.status) for r in await minutes_rows(unit_of_work)] == [(1, "godkjent")]  # no version 2
