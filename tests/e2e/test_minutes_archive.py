"""Minutes fit for the archive, and minutes that cannot be approved around an open decision
(issue 17, items 4 and 6), end to end: commands and card presses over HTTP through the real
adapter, the Word and PDF files fetched through their signed links and read back with
python-docx and pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from governance.rules.clock import FixedClock
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, card_texts, channel_of, query
from tests.e2e.test_decisions import click, execute_action, invoke
from tests.e2e.test_minutes import download, held_meeting, links_of, minutes_posts, minutes_rows, word_text
from tests.support.fake_connector import SentActivity
from tests.support.structure import LEADER_AAD, SECRETARIAT_AAD

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]

TITLE = "Kárášjohka, Porsáŋgu og Unjárga – felles rutine"
DECISION = "SSU gir 20 000 € til rutinen – fordelt likt."
COMMUNITY = "Helsefellesskapet Test"


def decision_posts(bot: BotUnderTest) -> list[SentActivity]:
    """The decision approval cards the bot posted to the SSU channel (not the minutes' cards)."""
    return [
        sent
        for sent in bot.connector.to(channel_of(CHANNEL))
        if sent.reply_to_id is None and sent.cards and card_texts(sent.cards[0])[0].startswith("Vedtak")
    ]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages)


def fonts_of(reader: PdfReader) -> list[DictionaryObject]:
    """Every font the pages use, with the font that carries the glyphs for a composite one."""
    found: list[DictionaryObject] = []
    for page in reader.pages:
        for font in page["/Resources"].get_object()["/Font"].get_object().values():
            font = font.get_object()
            found += [child.get_object() for child in font.get("/DescendantFonts", [])] or [font]
    return found


async def test_minutes_holding_a_rejected_decision_cannot_be_approved_until_it_is_settled(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await held_meeting(bot, clock, TITLE)
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    [decision_card] = decision_posts(bot)
    await click(
        bot, invoke(bot, execute_action(decision_card.cards[0], "reject"), LEADER_AAD, comment="Beløpet er feil")
    )

    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [draft] = minutes_posts(bot)
    draft_texts = card_texts(draft.cards[0])
    assert any(text.startswith("Ikke endelig vedtak i sak 1/2026.") for text in draft_texts)
    assert f"Forslag til vedtak (avvist, ikke endelig): {DECISION}" in draft_texts

    refused = await click(bot, invoke(bot, execute_action(draft.cards[0], "approve"), LEADER_AAD))
    assert any(
        text.startswith("Protokollen kan ikke godkjennes ennå. Ikke endelig vedtak i sak 1/2026:")
        for text in card_texts(refused)
    )
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["til godkjenning"]
    assert await query(unit_of_work, "SELECT verdict FROM minutes_approvals") == []  # the press counted nothing

    # Worded again and approved, the decision is final; the draft still holds the old wording,
    # so approving it is refused until the minutes are drafted again.
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(decision_posts(bot)[-1].cards[0], "approve"), LEADER_AAD))
    still = await click(bot, invoke(bot, execute_action(draft.cards[0], "approve"), LEADER_AAD))
    assert any(text.startswith("Protokollen kan ikke godkjennes ennå") for text in card_texts(still))

    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    redrafted = minutes_posts(bot)[-1]
    assert not any(text.startswith("Ikke endelig vedtak") for text in card_texts(redrafted.cards[0]))
    approved = await click(bot, invoke(bot, execute_action(redrafted.cards[0], "approve"), LEADER_AAD))
    assert card_texts(approved)[0] == "Godkjent protokoll – Strategisk samarbeidsutvalg (SSU)"
    assert f"Vedtak: {DECISION}" in card_texts(approved)

    locked = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    links = links_of(locked.cards[0])
    word = word_text(await download(bot, links["Last ned Word"]))
    pdf = pdf_text(await download(bot, links["Last ned PDF"]))
    for text in (word, pdf):
        assert f"Vedtak: {DECISION}" in text
        assert "til godkjenning" not in text.lower() and "ikke endelig" not in text.lower()


async def test_the_minutes_pdf_is_pdfa_with_embedded_fonts_and_the_word_file_names_the_community(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await held_meeting(bot, clock, TITLE)
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    links = links_of(reply.cards[0])

    content = await download(bot, links["Last ned PDF"])
    reader = PdfReader(io.BytesIO(content))
    text = pdf_text(content)
    for exact in ("Kárášjohka", "Porsáŋgu", "Unjárga", "20 000 €", "rutinen – fordelt", "Unjárga – felles rutine"):
        assert exact in text, exact
    assert "Helsefellesskapet Test · Strategisk samarbeidsutvalg (SSU)" in text  # the running head
    assert "Side 1 av 1" in text
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>U</pdfaid:conformance>" in raw
    assert xmp.dc_creator == [COMMUNITY]
    assert xmp.dc_language == ["nb-NO"]
    assert xmp.dc_title == {"x-default": "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)"}
    assert xmp.xmp_create_date is not None
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent.get_object()
    fonts = fonts_of(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]

    word = docx.Document(io.BytesIO(await download(bot, links["Last ned Word"])))
    properties = word.core_properties
    assert properties.author == COMMUNITY
    assert properties.title == "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)"
    assert properties.subject == "Protokoll" and properties.language == "nb-NO"
    assert properties.created is not None and properties.created.year == 2026
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert word.sections[0].header.paragraphs[0].text == f"{COMMUNITY} · Strategisk samarbeidsutvalg (SSU)"
    body = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert TITLE in body and f"Vedtak (til godkjenning): {DECISION}" in body
