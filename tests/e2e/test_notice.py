"""The meeting notice (innkalling) end to end: asked for in chat, downloaded as Word and PDF through
its signed links, and read back with python-docx and pypdf."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import docx
from pypdf import PdfReader
from sqlalchemy import text

from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, audit_trail, card_texts, visible_text
from tests.e2e.test_minutes import download, links_of, word_text
from tests.support.structure import MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
SAMI_TITLE = "Samarbeid med Kárášjohka og Porsáŋgu om tolketjenester – 10 € per time"
# About a page of text: with the proposal, each paper runs to two pages.
PAGE = " ".join(["Kommunene og helseforetaket har sammen kartlagt behovet for felles rutiner."] * 60)


def proposal_of(number: int) -> str:
    return f"SSU slutter seg til forslag nummer {number} og ber sekretariatet følge opp innen utgangen av året."


async def meeting_with_papers(bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, count: int) -> None:
    """SSU meets on 8 December 2026 with `count` cases, each with a written paper."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Tromsø", locale="nb-NO")
    for number in range(1, count + 1):
        title = SAMI_TITLE if number == 1 else f"Sak om tjenesteutvikling nummer {number}"
        await bot.exchange(PERSONAL, f"ny sak SSU {title}", aad_object_id=MEMBER_AAD, locale="nb-NO")
        await bot.exchange(CHANNEL, f"sett opp SSU {number}/2026", locale="nb-NO")
    async with unit_of_work() as uow:
        for number in range(1, count + 1):
            await uow.session.execute(
                text("UPDATE cases SET background = :background, proposal = :proposal WHERE number = :number"),
                {"background": f"{PAGE}\n{PAGE}", "proposal": proposal_of(number), "number": number},
            )
        await uow.commit()


def flat(content: str) -> str:
    """Text with every run of whitespace as one space: PDF text comes back broken into lines."""
    return re.sub(r"\s+", " ", content)


async def test_a_notice_of_twenty_papers_holds_every_proposal_in_word_and_pdf(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 20)
    reply = await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    card = reply.cards[0]
    assert card_texts(card)[0] == "Innkalling til møte i Strategisk samarbeidsutvalg (SSU)"
    assert "tirsdag 8. desember 2026 kl. 09.00" in visible_text(reply)
    links = links_of(card)
    assert set(links) == {"Last ned Word", "Last ned PDF"}

    word = docx.Document(io.BytesIO(await download(bot, links["Last ned Word"])))
    word_content = flat(word_text(await download(bot, links["Last ned Word"])))
    pdf = PdfReader(io.BytesIO(await download(bot, links["Last ned PDF"])))
    pdf_content = flat(" ".join(page.extract_text() or "" for page in pdf.pages))
    for number in range(1, 21):
        assert proposal_of(number) in word_content
        assert proposal_of(number) in pdf_content
    # Sami letters, the dash and the euro sign survive in the PDF (its font is embedded).
    assert SAMI_TITLE in pdf_content and SAMI_TITLE in word_content
    assert len(pdf.pages) >= 40  # twenty two-page papers
    assert pdf.metadata is not None and pdf.metadata.author == "Helsefellesskapet Test"
    assert pdf.metadata.title == "Innkalling til møte i Strategisk samarbeidsutvalg (SSU)"
    fonts = {font.get("/BaseFont") for page in pdf.pages[:1] for font in page["/Resources"]["/Font"].values()}
    assert any("SourceSans" in str(name) for name in fonts)
    assert "Side 2 av" in flat(pdf.pages[1].extract_text() or "")
    properties = word.core_properties
    assert properties.author == "Helsefellesskapet Test" and properties.title.startswith("Innkalling til møte")
    assert properties.created is not None and properties.created.year == 2026
    assert "Helsefellesskapet Test" in word.sections[0].header.paragraphs[0].text
    assert "NUMPAGES" in word.sections[0].footer._element.xml


async def test_a_meeting_without_cases_has_a_notice_with_its_standing_items(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 0)
    reply = await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    shown = visible_text(reply)
    assert "1. Godkjenning av innkalling og saksliste" in shown
    content = word_text(await download(bot, links_of(reply.cards[0])["Last ned Word"]))
    assert "Godkjenning av innkalling og saksliste" in content


async def test_the_secretariat_sees_which_decision_cases_lack_a_proposal(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 2)
    async with unit_of_work() as uow:
        await uow.session.execute(text("UPDATE cases SET proposal = NULL WHERE number = 2"))
        await uow.commit()
    reply = await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert "Mangler forslag til vedtak: sak 2/2026." in visible_text(reply)
    english = await bot.exchange(PERSONAL, "notice SSU", aad_object_id=SECRETARIAT_AAD, locale="en-US")
    assert "No proposed decision yet: case 2/2026." in visible_text(english)
    assert card_texts(english.cards[0])[0] == "Notice of meeting: Strategisk samarbeidsutvalg (SSU)"


async def test_someone_outside_the_body_gets_no_notice(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 1)
    reply = await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    assert not reply.cards
    assert "SSU" in visible_text(reply)
    assert await audit_trail(unit_of_work, "refused.show_notice")
