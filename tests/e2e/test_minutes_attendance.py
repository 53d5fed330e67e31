"""The attendance list of the minutes and the minutes' approval reminders (issue 17, item 5), end to
end over HTTP: attendance and notes saved on the attendance card, the minutes' table read back
from the card's JSON, from the Word file (python-docx tables) and from the PDF (pypdf text), and
the relay's reminders while the minutes hold an open decision and after they are drafted again."""

from __future__ import annotations

import io
import json
from typing import Any

import docx

from governance.rules.clock import FixedClock
from governance.rules.input_limits import LIMITS, TextField
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    card_texts,
    query,
    table_rows,
)
from tests.e2e.test_case_papers import IDENTITY_NUMBER
from tests.e2e.test_decisions import click, execute_action, invoke
from tests.e2e.test_minutes import download, held_meeting, links_of, minutes_posts, minutes_rows
from tests.e2e.test_minutes_approvers import ANNE_AAD, approval_reminders, import_ssu, meeting_with_tien_away
from tests.e2e.test_minutes_archive import DECISION, decision_posts, pdf_text
from tests.support.structure import LEADER_AAD, SECRETARIAT_AAD

HEADER = ["Navn", "Rolle", "Representerer", "Merknad"]
STEPPED_OUT = (
    "Anne Andersen fratrådte under behandlingen av saken (inhabil: styreverv i leverandøren) "
    "og tiltrådte igjen etter saken."
)


async def attendance_card(bot: BotUnderTest) -> dict[str, Any]:
    [card] = (await bot.exchange(CHANNEL, "fremmøte", locale="nb-NO")).cards
    return card


def inputs_by_label(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {element["label"]: element for element in card["body"] if element.get("type", "").startswith("Input.")}


async def save_attendance(bot: BotUnderTest, card: dict[str, Any], typed: dict[str, str]) -> dict[str, Any]:
    """Presses «Lagre fremmøte» as the secretariat, with every input as shown except `typed`
    (input label → value), as Teams sends the card's inputs."""
    inputs = inputs_by_label(card)
    entered = {element["id"]: element.get("value", "") for element in inputs.values()}
    entered |= {inputs[label]["id"]: value for label, value in typed.items()}
    save = execute_action(card, "save_attendance")
    return await click(bot, invoke(bot, {**save, "data": {**save["data"], **entered}}, SECRETARIAT_AAD))


async def stored_notes(unit_of_work: UnitOfWorkFactory) -> list[tuple[str, str | None, str | None]]:
    rows = await query(
        unit_of_work,
        "SELECT persons.name, attendances.status, attendances.note FROM attendances "
        "JOIN persons ON persons.id = attendances.person_id ORDER BY persons.name",
    )
    return [(row.name, row.status, row.note) for row in rows]


async def test_the_minutes_list_attendance_as_a_table_on_the_card_in_word_and_in_the_pdf(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, None)
    await meeting_with_tien_away(bot, clock)  # Tien sent apologies, Kari Vara stands in for him
    await bot.exchange(PERSONAL, "inhabil SSU 1/2026 styreverv i leverandøren", aad_object_id=ANNE_AAD, locale="nb-NO")
    card = await attendance_card(bot)
    saved = await save_attendance(
        bot,
        card,
        {
            "Per Pettersen · Nestleder": "fraværende",
            "Merknad for Lise Leder": "Til stede fra kl. 10.30",
            "Merknad for Anne Andersen": "Forlot møtet etter sak 1/2026",
        },
    )
    assert card_texts(saved)[1] == "Fremmøtet er lagret."
    assert inputs_by_label(saved)["Merknad for Lise Leder"]["value"] == "Til stede fra kl. 10.30"
    [recorded] = await audit_trail(unit_of_work, "attendance.recorded")
    lise = next(key for key, state in recorded.details["after"].items() if state["note"] == "Til stede fra kl. 10.30")
    assert recorded.details["before"][lise] == {"status": None, "note": None}

    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [posted] = minutes_posts(bot)
    expected = [
        HEADER,
        ["Lise Leder", "Leder", "Test HF", "Til stede fra kl. 10.30"],
        ["Tien Medlem", "Medlem", "Testby kommune", "Forfall"],
        ["Anne Andersen", "Medlem", "", "Fratrådte under sak 1/2026 (inhabil); Forlot møtet etter sak 1/2026"],
        ["Per Pettersen", "Nestleder", "", "Fraværende"],
        ["Kari Vara", "Vara", "Testby kommune", "Vara for Tien Medlem"],
    ]
    assert table_rows(posted.cards[0]) == expected
    assert STEPPED_OUT in card_texts(posted.cards[0])
    assert not any(text.startswith(("Til stede:", "Ikke til stede:")) for text in card_texts(posted.cards[0]))

    draft = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    links = links_of(draft.cards[0])
    word = docx.Document(io.BytesIO(await download(bot, links["Last ned Word"])))
    [table] = word.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == expected
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert STEPPED_OUT in "\n".join(paragraph.text for paragraph in word.paragraphs)
    pdf = pdf_text(await download(bot, links["Last ned PDF"]))
    assert "Fremmøte Navn Rolle Representerer Merknad Lise Leder Leder Test HF Til stede fra kl. 10.30" in pdf
    assert "Per Pettersen Nestleder Fraværende Kari Vara Vara Testby kommune Vara for Tien Medlem" in pdf
    assert STEPPED_OUT in pdf


async def test_a_note_is_cleared_when_emptied_and_refused_when_too_long_or_holding_an_identity_number(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_ssu(unit_of_work, None)
    await meeting_with_tien_away(bot, clock)
    card = await attendance_card(bot)
    await save_attendance(bot, card, {"Merknad for Lise Leder": "Til stede fra kl. 10.30"})
    before = await stored_notes(unit_of_work)
    assert ("Lise Leder", "til stede", "Til stede fra kl. 10.30") in before

    private = await save_attendance(bot, card, {"Merknad for Lise Leder": f"Pasient {IDENTITY_NUMBER}"})
    assert any("fødselsnummer" in text for text in card_texts(private))
    assert "99997" not in json.dumps(private)
    long = await save_attendance(bot, card, {"Merknad for Lise Leder": "x" * (LIMITS[TextField.ATTENDANCE_NOTE] + 1)})
    assert any("Merknaden" in text and "300" in text for text in card_texts(long))
    assert await stored_notes(unit_of_work) == before

    cleared = await save_attendance(bot, card, {"Merknad for Lise Leder": "  "})
    assert inputs_by_label(cleared)["Merknad for Lise Leder"]["value"] == ""
    assert ("Lise Leder", "til stede", None) in await stored_notes(unit_of_work)
    last = (await audit_trail(unit_of_work, "attendance.recorded"))[-1]
    assert list(last.details["before"].values()) == [{"status": "til stede", "note": "Til stede fra kl. 10.30"}]
    assert list(last.details["after"].values()) == [{"status": "til stede", "note": None}]
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [posted] = minutes_posts(bot)
    assert ["Lise Leder", "Leder", "Test HF", ""] in table_rows(posted.cards[0])


async def test_approvers_are_not_reminded_of_minutes_holding_an_open_decision_until_drafted_again(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock)
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    [decision_card] = decision_posts(bot)
    await click(
        bot, invoke(bot, execute_action(decision_card.cards[0], "reject"), LEADER_AAD, comment="Beløpet er feil")
    )
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")

    channel, personal = await approval_reminders(bot, clock)
    assert channel == [] and personal == []  # Godkjenn would be refused: nobody is asked to press it

    # Worded again and approved, the decision is final; drafted again, the minutes may be approved
    # and their approvers are reminded as usual.
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(decision_posts(bot)[-1].cards[0], "approve"), LEADER_AAD))
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert [row.round for row in await minutes_rows(unit_of_work)] == [2]
    channel, personal = await approval_reminders(bot, clock)
    assert any("Protokollen fra møtet" in text and "Lise Leder" in text for text in channel + personal)


async def test_minutes_approved_before_the_attendance_table_are_not_made_a_new_version_by_it(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock)
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [posted] = minutes_posts(bot)
    await click(bot, invoke(bot, execute_action(posted.cards[0], "approve"), LEADER_AAD))
    # As minutes approved before notes and steps out were recorded were stored: without those keys.
    [row] = await minutes_rows(unit_of_work)
    async with unit_of_work() as uow:
        minutes = await uow.minutes.get(row.id)
        assert minutes is not None
        content = json.loads(json.dumps(minutes.content))
        for line in content["attendance"]:
            del line["note"], line["stepped_out_of"]
        for item in content["items"]:
            del item["stepped_out"]
        minutes.content = content
        await uow.commit()

    again = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")

    assert "er godkjent og låst" in again.text
    assert [(row.number, row.status) for row in await minutes_rows(unit_of_work)] == [(1, "godkjent")]
