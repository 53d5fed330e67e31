"""Minutes end to end: drafted with `protokoll`, approved or rejected on their card by replaying the
card's own `Action.Execute` data in the captured invoke, locked once approved, corrected as a new
version, moved to the next meeting, and downloaded as Word and PDF."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import docx
from pypdf import PdfReader

from cards.minutes_documents import DOCX_TYPE, PDF_TYPE
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
    query,
    table_rows,
    visible_text,
)
from tests.e2e.test_decisions import (
    KARI_VARA,
    approval_cards,
    click,
    execute_action,
    invoke,
    prepare_case,
)
from tests.support.fake_connector import SentActivity
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


def minutes_posts(bot: BotUnderTest) -> list[SentActivity]:
    """Minutes approval cards the bot posted to the SSU channel as new messages."""
    return [
        sent
        for sent in bot.connector.to(channel_of(CHANNEL))
        if sent.reply_to_id is None and any(card_texts(card)[0].startswith("Protokoll") for card in sent.cards)
    ]


async def held_meeting(bot: BotUnderTest, clock: FixedClock, title: str = "Felles rutine for utskrivning") -> None:
    """SSU meets on Tuesday 24 November 2026 with one case; the clock is then past the meeting."""
    await prepare_case(bot, title)
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    clock.advance(timedelta(days=1, hours=4))


async def minutes_rows(unit_of_work: UnitOfWorkFactory) -> list[Any]:
    return await query(unit_of_work, "SELECT id, number, status, round, content FROM minutes ORDER BY number")


async def download(bot: BotUnderTest, url: str) -> bytes:
    parts = urlsplit(url)  # the link names HFBOT_PUBLIC_URL; the test server listens elsewhere
    async with bot.session.get(f"{bot.url}{parts.path}?{parts.query}") as response:
        assert response.status == 200, await response.text()
        return await response.read()


def links_of(card: dict[str, Any]) -> dict[str, str]:
    return {action["title"]: action["url"] for action in card.get("actions", []) if action["type"] == "Action.OpenUrl"}


def word_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


async def test_draft_minutes_gather_attendance_decisions_and_disqualifications(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    # Tien sends apologies and no vara stands in: of SSU's two voting members one is present,
    # which the default rule (more than half) does not let decide; this SSU's file lets one do.
    data = test_structure()
    data["bodies"][1]["members"].append(KARI_VARA)
    data["bodies"][1]["quorum"] = 1
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    await prepare_case(bot, "Felles rutine for utskrivning")
    await bot.exchange(
        PERSONAL, "ny sak SSU orienteringssak Status for legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 2/2026", locale="nb-NO")
    await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "inhabil SSU 1/2026 styreverv", aad_object_id=MEMBER_AAD, locale="nb-NO")
    clock.advance(timedelta(days=1, hours=1))
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(approval_cards(bot)[0].cards[0], "approve"), LEADER_AAD))

    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    minutes = visible_text(reply)

    assert (
        "Protokollen fra møtet i SSU tirsdag 24. november 2026 kl. 09.00 legges ut til godkjenning "
        "(de med stemmerett som var til stede: Lise Leder)" in minutes
    )
    assert "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)" in minutes
    assert "Møte: tirsdag 24. november 2026 kl. 09.00–12.00" in minutes and "Sted: Drammen sykehus" in minutes
    attendance = table_rows(reply.cards[0])
    assert ["Lise Leder", "Leder", "Test HF", ""] in attendance
    assert ["Tien Medlem", "Medlem", "Testby kommune", "Forfall"] in attendance
    assert "Vedtaksførhet: SSU var vedtaksført (1 av 2 med stemmerett til stede)." in minutes
    assert "1. Godkjenning av innkalling og saksliste" in minutes
    assert "3. Sak 1/2026 Felles rutine for utskrivning\nVedtak: SSU slutter seg til rutinen." in minutes
    assert "Tien Medlem erklærte seg inhabil og deltok ikke i behandlingen (styreverv)" in minutes
    assert "4. Sak 2/2026 Status for legevakt\nTatt til orientering." in minutes
    # The channel gets the shared card for the approvers; the secretary is no approver, so no buttons.
    [posted] = minutes_posts(bot)
    assert card_texts(posted.cards[0])[0] == "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)"
    assert [action["verb"] for action in posted.cards[0]["actions"]] == ["approve", "reject"]
    assert not any(action.get("verb") for action in reply.cards[0]["actions"])
    member = visible_text(await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "krever sekretariatet eller organets leder" in member


async def test_minutes_wait_for_their_meeting_to_begin(bot: BotUnderTest, structure: None, clock: FixedClock) -> None:
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen", locale="nb-NO")
    early = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert (
        early.text
        == "Møtet tirsdag 24. november 2026 har ikke begynt ennå. Protokollen lages når møtet er i gang eller holdt."
    )
    await bot.exchange(CHANNEL, "avlys møte SSU 24.11.2026", locale="nb-NO")
    cancelled = await bot.exchange(CHANNEL, "protokoll 24.11.2026", locale="nb-NO")
    assert cancelled.text == "Møtet tirsdag 24. november 2026 er avlyst og får ingen protokoll."
    assert minutes_posts(bot) == []


async def test_minutes_are_approved_on_their_card_then_locked_and_a_correction_makes_a_new_version(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock)
    reply = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert (
        "legges ut til godkjenning (de med stemmerett som var til stede: Lise Leder, Tien Medlem)" in reply.text
        and not reply.cards
    )  # the channel has the card
    [first] = minutes_posts(bot)

    rejected = await click(
        bot, invoke(bot, execute_action(first.cards[0], "reject"), LEADER_AAD, comment="Stedet er feil")
    )
    assert card_texts(rejected)[0] == "Protokoll avvist – tilbake til utkast – Strategisk samarbeidsutvalg (SSU)"
    assert any("Avvist av Lise Leder: «Stedet er feil»" in text for text in card_texts(rejected))
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["utkast"]

    again = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert "lagt ut til godkjenning igjen" in again.text
    second = minutes_posts(bot)[-1]
    stale = await click(bot, invoke(bot, execute_action(first.cards[0], "approve"), LEADER_AAD))
    assert card_texts(stale)[0].startswith("Protokoll til godkjenning")  # the old card's round no longer counts
    approve = invoke(bot, execute_action(second.cards[0], "approve"), LEADER_AAD)
    approved = await click(bot, approve)
    assert card_texts(approved)[0] == "Godkjent protokoll – Strategisk samarbeidsutvalg (SSU)"
    assert "Godkjent av: Lise Leder" in card_texts(approved)
    assert not [action for action in approved.get("actions", []) if action["type"] == "Action.Execute"]
    assert card_texts(bot.connector.updated[-1].cards[0])[0].startswith("Godkjent protokoll")
    await click(bot, approve)  # Teams redelivers the invoke
    [row] = await minutes_rows(unit_of_work)
    assert (row.number, row.status, row.round) == (1, "godkjent", 2)
    assert len(await query(unit_of_work, "SELECT id FROM minutes_approvals WHERE verdict = 'godkjent'")) == 1

    # Approved minutes are locked: asking again changes nothing, and the download serves them.
    locked = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert "er godkjent og låst" in locked.text
    approved_word = links_of(locked.cards[0])["Last ned Word"]

    # A declaration made afterwards changes what the minutes would say: that is a new version.
    await bot.exchange(PERSONAL, "inhabil SSU 1/2026 styreverv", aad_object_id=MEMBER_AAD, locale="nb-NO")
    corrected = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert "er låst. Rettelsen er versjon 2" in corrected.text
    version_two = minutes_posts(bot)[-1].cards[0]
    assert card_texts(version_two)[0] == "Protokoll til godkjenning (versjon 2) – Strategisk samarbeidsutvalg (SSU)"
    rows = await minutes_rows(unit_of_work)
    assert [(row.number, row.status) for row in rows] == [(1, "godkjent"), (2, "til godkjenning")]
    assert "inhabil" not in word_text(await download(bot, approved_word))  # still the approved version 1

    await click(bot, invoke(bot, execute_action(version_two, "approve"), LEADER_AAD))
    # Tien was at the meeting: he stepped down while the case was heard and came back after it.
    assert (
        "Tien Medlem fratrådte under behandlingen av saken (inhabil: styreverv) og tiltrådte igjen etter saken."
        in word_text(await download(bot, approved_word))
    )

    # A correction in the secretariat's words, with nothing else changed, is version 3.
    noted = await bot.exchange(CHANNEL, "protokoll rettelse: Møtet ble holdt i Tønsberg.", locale="nb-NO")
    assert "versjon 3" in noted.text
    assert "Rettelse: Møtet ble holdt i Tønsberg." in card_texts(minutes_posts(bot)[-1].cards[0])
    actions = [event.action for event in await audit_trail(unit_of_work) if event.action.startswith("minutes.")]
    assert actions == [
        "minutes.posted",
        "minutes.rejected",
        "minutes.new_round",
        "minutes.approved",
        "minutes.final",
        "minutes.new_version",
        "minutes.approved",
        "minutes.final",
        "minutes.new_version",
    ]


async def test_minutes_approval_moved_to_the_next_meeting_waits_for_its_day(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock)
    no_next = await bot.exchange(CHANNEL, "protokoll neste møte", locale="nb-NO")
    assert "ikke noe neste møte planlagt" in no_next.text
    assert await minutes_rows(unit_of_work) == []  # nothing half-done
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Drammen", locale="nb-NO")

    reply = await bot.exchange(CHANNEL, "protokoll neste møte", locale="nb-NO")

    assert "godkjennes i neste møte, tirsdag 8. desember 2026 kl. 09.00" in reply.text
    [posted] = minutes_posts(bot)
    texts = card_texts(posted.cards[0])
    assert texts[0] == "Protokoll – godkjennes i neste møte – Strategisk samarbeidsutvalg (SSU)"
    assert "Godkjennes i møtet: tirsdag 8. desember 2026 kl. 09.00" in texts
    agenda = visible_text(await bot.exchange(CHANNEL, "saksliste", locale="nb-NO"))
    assert "Godkjenning av protokoll fra forrige møte" in agenda

    early = await click(bot, invoke(bot, execute_action(posted.cards[0], "approve"), LEADER_AAD))
    assert any(text.startswith("Protokollen godkjennes i møtet tirsdag 8. desember 2026") for text in card_texts(early))
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["godkjennes i neste møte"]

    clock.advance(timedelta(days=14))
    done = await click(bot, invoke(bot, execute_action(posted.cards[0], "approve"), LEADER_AAD))
    assert card_texts(done)[0].startswith("Godkjent protokoll")
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["godkjent"]


async def test_minutes_approval_moved_to_the_next_meeting_of_a_body_without_standard_items_adds_the_item(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await bot.exchange(PERSONAL, "nytt møte LSU 24.11.2026 13:00", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "nytt møte LSU 15.12.2026 13:00", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak LSU Legevaktsamarbeid", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(PERSONAL, "sett opp LSU 1/2026 15.12.2026", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    clock.advance(timedelta(days=1, hours=6))

    await bot.exchange(PERSONAL, "protokoll LSU neste møte", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    agenda = visible_text(await bot.exchange(PERSONAL, "saksliste LSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert agenda.index("1. Godkjenning av protokoll fra forrige møte") < agenda.index(
        "2. Sak 1/2026 Legevaktsamarbeid"
    )


async def test_only_approvers_approve_minutes_and_two_at_once_both_count(
    bot: BotUnderTest,
    structure: None,
    unit_of_work: UnitOfWorkFactory,
    clock: FixedClock,
    ssu_policy: Callable[[str], Any],
) -> None:
    await ssu_policy("all_members")
    await held_meeting(bot, clock)
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [posted] = minutes_posts(bot)
    approve = execute_action(posted.cards[0], "approve")

    refused = await click(bot, invoke(bot, approve, OUTSIDER_AAD))
    assert any("ikke blant dem som godkjenner" in text for text in card_texts(refused))
    assert len(await audit_trail(unit_of_work, "refused.approve_minutes")) == 1

    await asyncio.gather(click(bot, invoke(bot, approve, LEADER_AAD)), click(bot, invoke(bot, approve, MEMBER_AAD)))
    [row] = await minutes_rows(unit_of_work)
    assert row.status == "godkjent"
    assert len(await query(unit_of_work, "SELECT id FROM minutes_approvals")) == 2


async def test_minutes_download_as_word_and_pdf_through_an_expiring_signed_link(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await held_meeting(bot, clock, "Felles rutine for utskrivning av skrøpelige eldre")
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    links = links_of(reply.cards[0])
    assert set(links) == {"Last ned Word", "Last ned PDF"}

    def local(url: str) -> str:
        parts = urlsplit(url)
        return f"{bot.url}{parts.path}?{parts.query}"

    async with bot.session.get(local(links["Last ned Word"])) as response:
        assert response.status == 200
        assert response.content_type == DOCX_TYPE
        assert 'filename="protokoll-SSU-2026-11-24.docx"' in response.headers["Content-Disposition"]
        text = word_text(await response.read())
    assert "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)" in text
    assert "3. Sak 1/2026 Felles rutine for utskrivning av skrøpelige eldre" in text
    async with bot.session.get(local(links["Last ned PDF"])) as response:
        assert response.status == 200 and response.content_type == PDF_TYPE
        pdf_text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(await response.read())).pages)
    assert "skrøpelige eldre" in pdf_text

    tampered = local(links["Last ned PDF"]).replace("/minutes/", "/minutes/9")
    async with bot.session.get(tampered) as response:
        assert response.status == 403
    clock.advance(timedelta(hours=2))
    async with bot.session.get(local(links["Last ned Word"])) as response:
        assert response.status == 403
        assert await response.text() == "Lenken er utløpt eller ugyldig. Skriv «protokoll» til boten for en ny."
