"""Public access (offentleglova) end to end: the secretariat exempts a case and a document of
another case under a legal basis from the list, gives the exempt case a public title, and the
public versions of the notice and the minutes (Word and PDF, read back) show the exempt case by
number, public title and basis only, while the internal versions members read stay whole. Lifting
the exemption makes the case public again; every change is in the audit with before and after."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import timedelta

from pypdf import PdfReader

from governance.rules.clock import FixedClock
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, audit_trail, visible_text
from tests.e2e.test_decisions import approval_cards, click, execute_action, invoke, prepare_case
from tests.e2e.test_minutes import download, links_of, word_text
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]

TITLE = "Avtale med Kari Nordmann om legevakt"
PUBLIC_TITLE = "Avtale med ***** om legevakt"
PROPOSAL = "SSU godkjenner avtalen med Kari Nordmann om legevakt i Drammen."
DECISION = "SSU godkjenner avtalen med Kari Nordmann slik den ble lagt fram."
BASIS = "offl. § 13 jf. fvl. § 13 første ledd nr. 1"
SHAREPOINT = "https://hf.sharepoint.com/sites/ssu/Delte%20dokumenter"


def flat(content: str) -> str:
    return re.sub(r"\s+", " ", content)


def pdf_text(content: bytes) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages))


async def both(bot: BotUnderTest, links: dict[str, str], word: str, pdf: str) -> tuple[str, str]:
    """The Word and the PDF file behind two of a card's buttons, as text."""
    return flat(word_text(await download(bot, links[word]))), pdf_text(await download(bot, links[pdf]))


async def two_cases_on_an_agenda(bot: BotUnderTest) -> None:
    """SSU meets on 24 November 2026 on two cases, each with a SharePoint document: 1/2026 about a
    named person, 2/2026 a routine whose document is a staff note."""
    await prepare_case(bot, TITLE)
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    for number in (1, 2):
        await bot.exchange(CHANNEL, f"sett opp SSU {number}/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, f"forslag SSU 1/2026: {PROPOSAL}", locale="nb-NO")
    await bot.exchange(CHANNEL, "forslag SSU 2/2026: SSU vedtar rutinen.", locale="nb-NO")
    attached = await bot.exchange(
        CHANNEL, f"vedlegg SSU 1/2026 {SHAREPOINT}/Avtale.docx Avtaleutkast Nordmann", locale="nb-NO"
    )
    assert "Avtaleutkast Nordmann" in visible_text(attached)
    await bot.exchange(CHANNEL, f"vedlegg SSU 2/2026 {SHAREPOINT}/Notat.docx Personalnotat utskrivning", locale="nb-NO")


async def test_an_exempt_case_and_document_are_withheld_from_the_public_notice_and_minutes_only(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await two_cases_on_an_agenda(bot)

    # Only the secretariat exempts: a member and the leader are refused, and the refusal audited.
    for aad in (MEMBER_AAD, LEADER_AAD):
        refused = await bot.exchange(PERSONAL, f"unnta SSU 1/2026 {BASIS}", aad_object_id=aad, locale="nb-NO")
        assert "Det krever sekretariatet eller organets sekretær" in visible_text(refused)
    assert [event.actor_aad_object_id for event in await audit_trail(unit_of_work, "refused.exempt_case")] == [
        MEMBER_AAD,
        LEADER_AAD,
    ]
    # A basis not on the list is refused with the list.
    unknown = visible_text(await bot.exchange(CHANNEL, "unnta SSU 1/2026 offl. § 99", locale="nb-NO"))
    assert "«offl. § 99» er ikke en hjemmel for unntak" in unknown
    assert "offl. § 14 (14)" in unknown and f"{BASIS} (13-1)" in unknown and "offl. § 26 femte ledd" in unknown
    assert await audit_trail(unit_of_work, "case.exempted") == []

    exempted = visible_text(await bot.exchange(CHANNEL, f"unnta SSU 1/2026 {BASIS.upper()}", locale="nb-NO"))
    assert exempted == f"Sak 1/2026 er unntatt offentlighet etter {BASIS}. Offentlig tittel: Unntatt offentlighet."
    titled = visible_text(await bot.exchange(CHANNEL, f"offentlig tittel SSU 1/2026: {PUBLIC_TITLE}", locale="nb-NO"))
    assert titled == f"Offentlig tittel på sak 1/2026: {PUBLIC_TITLE}"
    document = visible_text(await bot.exchange(CHANNEL, "unnta vedlegg SSU 2/2026 1 14", locale="nb-NO"))
    assert document == "Vedlegg 1 i sak 2/2026 er unntatt offentlighet etter offl. § 14."
    # A public case has no public title of its own.
    public = visible_text(await bot.exchange(CHANNEL, "offentlig tittel SSU 2/2026: Rutine", locale="nb-NO"))
    assert public.startswith("Sak 2/2026 er offentlig, så tittelen er den offentlige tittelen.")

    # Members read the case whole, told it is exempt and what the public reads.
    shown = visible_text(await bot.exchange(PERSONAL, "sak SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert TITLE in shown and PROPOSAL in shown
    assert f"Unntatt offentlighet: {BASIS}" in shown and f"Offentlig tittel: {PUBLIC_TITLE}" in shown

    # The notice: the card offers the public version besides the internal one.
    card = (await bot.exchange(PERSONAL, "innkalling SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")).cards[0]
    links = links_of(card)
    assert set(links) == {
        "Last ned Word",
        "Last ned PDF",
        "Last ned offentlig versjon (Word)",
        "Last ned offentlig versjon (PDF)",
    }
    for content in await both(bot, links, "Last ned offentlig versjon (Word)", "Last ned offentlig versjon (PDF)"):
        assert "Offentlig versjon." in content
        assert "teams.microsoft.com" not in content  # whoever holds the link could join the meeting
        assert f"Sak 1/2026 {PUBLIC_TITLE} (unntatt offentlighet, {BASIS})" in content
        assert "Sak 2/2026 Felles rutine for utskrivning" in content and "SSU vedtar rutinen." in content
        assert "1. Unntatt offentlighet (offl. § 14)" in content  # the public case's exempt document
        for withheld in ("Kari Nordmann", PROPOSAL, "Avtaleutkast", "Personalnotat"):
            assert withheld not in content
    for content in await both(bot, links, "Last ned Word", "Last ned PDF"):
        assert "Offentlig versjon." not in content
        assert TITLE in content and PROPOSAL in content and "Avtaleutkast Nordmann" in content
        assert "Personalnotat utskrivning" in content
        assert f"Unntatt offentlighet etter {BASIS}." in content  # members see it is withheld

    # The meeting is held and decides the exempt case.
    clock.advance(timedelta(days=1, hours=4))
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {DECISION}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(approval_cards(bot)[0].cards[0], "approve"), LEADER_AAD))
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    minutes_links = links_of(reply.cards[0])
    assert "Last ned offentlig versjon (PDF)" in minutes_links
    public_minutes = await both(
        bot, minutes_links, "Last ned offentlig versjon (Word)", "Last ned offentlig versjon (PDF)"
    )
    for content in public_minutes:
        assert f"Sak 1/2026 {PUBLIC_TITLE} (unntatt offentlighet, {BASIS})" in content
        assert "Saken er unntatt offentlighet." in content
        assert "Kari Nordmann" not in content and DECISION not in content
        assert "Sak 2/2026 Felles rutine for utskrivning" in content
    for content in await both(bot, minutes_links, "Last ned Word", "Last ned PDF"):
        assert TITLE in content and DECISION in content

    # Lifted, the case is public again: the same public link now shows it whole.
    lifted = visible_text(await bot.exchange(CHANNEL, "opphev unntak SSU 1/2026", locale="nb-NO"))
    assert lifted == "Sak 1/2026 er offentlig igjen."
    for content in await both(
        bot, minutes_links, "Last ned offentlig versjon (Word)", "Last ned offentlig versjon (PDF)"
    ):
        assert TITLE in content and DECISION in content and "unntatt offentlighet, offl." not in content
    again = visible_text(await bot.exchange(CHANNEL, "opphev unntak SSU 1/2026", locale="nb-NO"))
    assert again == "Sak 1/2026 er ikke unntatt offentlighet."
    document_lifted = visible_text(await bot.exchange(CHANNEL, "opphev unntak SSU 2/2026 vedlegg 1", locale="nb-NO"))
    assert document_lifted == "Vedlegg 1 i sak 2/2026 er offentlig igjen."

    # The audit has every change with before and after.
    [exempt] = await audit_trail(unit_of_work, "case.exempted")
    assert exempt.actor_aad_object_id == SECRETARIAT_AAD and exempt.subject is not None
    assert exempt.details["before"] == {"exemption_basis": None, "public_title": None}
    assert exempt.details["after"] == {"exemption_basis": BASIS, "public_title": None}
    [title] = await audit_trail(unit_of_work, "case.public_title_set")
    assert title.details["after"] == {"exemption_basis": BASIS, "public_title": PUBLIC_TITLE}
    [lift] = await audit_trail(unit_of_work, "case.exemption_lifted")
    assert lift.details["before"] == {"exemption_basis": BASIS, "public_title": PUBLIC_TITLE}
    assert lift.details["after"] == {"exemption_basis": None, "public_title": None}
    [doc_exempt] = await audit_trail(unit_of_work, "document.exempted")
    assert doc_exempt.details["before"]["exemption_basis"] is None
    assert doc_exempt.details["after"]["exemption_basis"] == "offl. § 14"
    [doc_lift] = await audit_trail(unit_of_work, "document.exemption_lifted")
    assert doc_lift.details["after"]["exemption_basis"] is None


async def test_english_commands_and_a_notice_with_nothing_exempt_offers_no_public_version(
    bot: BotUnderTest, structure: None
) -> None:
    await two_cases_on_an_agenda(bot)
    card = (await bot.exchange(PERSONAL, "notice SSU", aad_object_id=SECRETARIAT_AAD, locale="en-US")).cards[0]
    assert set(links_of(card)) == {"Download Word", "Download PDF"}
    exempted = visible_text(await bot.exchange(CHANNEL, "exempt SSU 1/2026 offl. § 24 andre ledd", locale="en-US"))
    assert exempted == (
        "Case 1/2026 is exempt from public access under offl. § 24 andre ledd. Public title: Exempt from public access."
    )
    same = visible_text(await bot.exchange(CHANNEL, "exempt SSU 1/2026 24-2", locale="en-US"))
    assert same == "Case 1/2026 is already exempt from public access under offl. § 24 andre ledd."
    card = (await bot.exchange(PERSONAL, "notice SSU", aad_object_id=SECRETARIAT_AAD, locale="en-US")).cards[0]
    links = links_of(card)
    content = pdf_text(await download(bot, links["Download public version (PDF)"]))
    assert "Case 1/2026 Exempt from public access, offl. § 24 andre ledd" in content and TITLE not in content


async def test_a_referred_case_stays_exempt_with_its_public_title_and_exempt_documents(
    bot: BotUnderTest, structure: None
) -> None:
    await two_cases_on_an_agenda(bot)
    await bot.exchange(CHANNEL, "unnta SSU 1/2026 13-1", locale="nb-NO")
    await bot.exchange(CHANNEL, f"offentlig tittel SSU 1/2026: {PUBLIC_TITLE}", locale="nb-NO")
    await bot.exchange(CHANNEL, "unnta vedlegg SSU 1/2026 1 offl. § 14", locale="nb-NO")
    referred = visible_text(await bot.exchange(CHANNEL, "send SSU 1/2026 til PM", locale="nb-NO"))
    assert "er sendt til PM og har fått nummer 1/2026 der" in referred
    shown = visible_text(await bot.exchange(PERSONAL, "sak PM 1/2026", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"))
    assert f"Unntatt offentlighet: {BASIS}" in shown and f"Offentlig tittel: {PUBLIC_TITLE}" in shown
    assert "Avtaleutkast Nordmann (lenke) – unntatt offentlighet, offl. § 14" in shown
