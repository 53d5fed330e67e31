"""The meeting notice (innkalling) end to end: asked for in chat, downloaded as Word and PDF through
its signed links, and read back with python-docx and pypdf. The documents are attached as users
attach them: a file sent in a personal chat (Teams' file-download payload, fetched from a local
file server) and a SharePoint link."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, FileServer, audit_trail, card_texts, visible_text
from tests.e2e.test_decisions import click, execute_action, invoke
from tests.e2e.test_documents import pdf_bytes, send_file
from tests.e2e.test_minutes import download, links_of, word_text
from tests.e2e.test_publishing import channel_posts
from tests.support.structure import MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
SAMI_TITLE = "Samarbeid med Kárášjohka og Porsáŋgu om tolketjenester – 10 € per time"
# About a page of text: with the proposal, each paper runs to two pages.
PAGE = " ".join(["Kommunene og helseforetaket har sammen kartlagt behovet for felles rutiner."] * 60)


@pytest.fixture
def bot(file_bot: BotUnderTest) -> BotUnderTest:
    """Every test here may fetch files from the local file server."""
    return file_bot


def proposal_of(number: int) -> str:
    return f"SSU slutter seg til forslag nummer {number} og ber sekretariatet følge opp innen utgangen av året."


async def meeting_with_papers(bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, count: int) -> None:
    """SSU meets on 8 December 2026 with `count` cases, each with a written paper: the proposal
    written with `forslag`, the two-page background stored as the paper card would store it."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Tromsø", locale="nb-NO")
    for number in range(1, count + 1):
        title = SAMI_TITLE if number == 1 else f"Sak om tjenesteutvikling nummer {number}"
        await bot.exchange(PERSONAL, f"ny sak SSU {title}", aad_object_id=MEMBER_AAD, locale="nb-NO")
        await bot.exchange(CHANNEL, f"sett opp SSU {number}/2026", locale="nb-NO")
        written = await bot.exchange(CHANNEL, f"forslag SSU {number}/2026: {proposal_of(number)}", locale="nb-NO")
        assert visible_text(written) == f"Forslag til vedtak i sak {number}/2026 er lagret."
    async with unit_of_work() as uow:
        await uow.session.execute(text("UPDATE cases SET background = :background"), {"background": f"{PAGE}\n{PAGE}"})
        await uow.commit()


async def two_documents_each(bot: BotUnderTest, files: FileServer, count: int) -> None:
    """A report as a PDF sent in a personal chat, and a SharePoint link, for each case."""
    for number in range(1, count + 1):
        files.files[f"rapport-{number}.pdf"] = pdf_bytes(f"Rapport for sak {number}")
        url = files.url(f"rapport-{number}.pdf")
        sent = await send_file(bot, f"vedlegg SSU {number}/2026", url, f"Rapport {number}.pdf", aad=SECRETARIAT_AAD)
        assert f"Rapport {number}.pdf" in sent
        link = f"https://hf.sharepoint.com/sites/ssu/Delte%20dokumenter/Utredning-{number}.docx"
        linked = await bot.exchange(CHANNEL, f"vedlegg SSU {number}/2026 {link} Utredning {number}", locale="nb-NO")
        assert f"Utredning {number}" in visible_text(linked)


def flat(content: str) -> str:
    """Text with every run of whitespace as one space: PDF text comes back broken into lines."""
    return re.sub(r"\s+", " ", content)


async def test_a_notice_of_twenty_papers_with_two_documents_each_holds_every_proposal_in_word_and_pdf(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await meeting_with_papers(bot, unit_of_work, 20)
    await two_documents_each(bot, file_server, 20)
    reply = await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    card = reply.cards[0]
    # The card gives each document its button: the stored report through a signed link.
    buttons = [action for set_ in elements_of(card, "ActionSet") for action in set_["actions"]]
    assert len([b for b in buttons if b["title"] == "Last ned"]) == 20
    report = await download(bot, next(b["url"] for b in buttons if b["title"] == "Last ned"))
    assert report == file_server.files["rapport-1.pdf"]
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
        for document in (f"Rapport {number}.pdf", f"Utredning {number}"):
            assert document in word_content and document in pdf_content
    # Sami letters, the dash and the euro sign survive in the PDF (its font is embedded).
    assert SAMI_TITLE in pdf_content and SAMI_TITLE in word_content
    assert len(pdf.pages) >= 40  # twenty two-page papers
    # A PDF/A file says who and what in its XMP metadata (fpdf2 writes no Info dictionary then).
    assert pdf.xmp_metadata is not None and pdf.xmp_metadata.dc_creator == ["Helsefellesskapet Test"]
    assert pdf.xmp_metadata.dc_title == {"x-default": "Innkalling til møte i Strategisk samarbeidsutvalg (SSU)"}
    assert "<pdfaid:part>2</pdfaid:part>" in pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
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


def elements_of(element: Any, kind: str) -> list[dict[str, Any]]:
    """Every element of a type anywhere on a card, in order."""
    found: list[dict[str, Any]] = []
    if isinstance(element, dict):
        if element.get("type") == kind:
            found.append(element)
        for value in element.values():
            found.extend(elements_of(value, kind))
    elif isinstance(element, list):
        for item in element:
            found.extend(elements_of(item, kind))
    return found


async def test_the_published_agenda_shows_each_proposal_with_the_paper_behind_a_toggle_and_gives_the_notice(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 20)
    await bot.exchange(CHANNEL, "publiser saksliste SSU", locale="nb-NO")
    posts = channel_posts(bot)
    assert posts and all(len(json.dumps(post.body, ensure_ascii=False).encode("utf-16-le")) < 100_000 for post in posts)
    cards = [card for post in posts for card in post.cards]
    shown = [text for card in cards for text in card_texts(card)]
    for number in range(1, 21):
        assert f"**Forslag til vedtak:** {proposal_of(number)}" in shown
    # The paper is on the card, hidden until the reader asks for it.
    hidden = [
        element for card in cards for element in elements_of(card, "Container") if element.get("isVisible") is False
    ]
    toggles = [action for card in cards for action in elements_of(card, "Action.ToggleVisibility")]
    assert len(hidden) == 20 and {toggle["targetElements"][0] for toggle in toggles} == {e["id"] for e in hidden}
    assert all(toggle["title"] == "Vis saksfremlegg" for toggle in toggles)
    last_lines = [text for text in card_texts(cards[-1]) if re.match(r"^\d+\. ", text)]
    # Two opening items, twenty cases, the action plan's status, then Eventuelt.
    assert last_lines[-2:] == ["23. Status handlingsplan 2026", "24. Eventuelt"]

    button = execute_action(cards[0], "notice")
    assert button["title"] == "Innkalling (Word og PDF)"
    answer = await click(bot, invoke(bot, button, MEMBER_AAD))
    links = links_of(answer)
    assert set(links) == {"Last ned Word", "Last ned PDF"}
    assert proposal_of(20) in flat(word_text(await download(bot, links["Last ned Word"])))

    refused = await click(bot, invoke(bot, button, OUTSIDER_AAD))
    assert not links_of(refused)
    assert await audit_trail(unit_of_work, "refused.show_notice")


async def test_a_body_that_keeps_no_eventuelt_has_none_on_its_agenda(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await meeting_with_papers(bot, unit_of_work, 1)
    shown = visible_text(await bot.exchange(CHANNEL, "saksliste SSU", locale="nb-NO"))
    assert "5. Eventuelt" in shown
    # The structure file turns it off for the SSU.
    spec = test_structure()
    next(body for body in spec["bodies"] if body["key"] == "SSU")["any_other_business"] = False
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(spec))
        await uow.commit()
    shown = visible_text(await bot.exchange(CHANNEL, "saksliste SSU", locale="nb-NO"))
    assert "Eventuelt" not in shown
