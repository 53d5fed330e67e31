"""How each case was dealt with at the meeting (issue 17, item 1), end to end over HTTP through the
real adapter: `votering` and `protokolltilførsel` in chat, the vote's decision going to approval as
`vedtak` does, and the minutes card, Word file (python-docx) and PDF (pypdf) reading back the
proposal, the split vote with the names against and the statement."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    card_texts,
    query,
    visible_text,
)
from tests.e2e.test_decisions import click, execute_action, invoke, prepare_case
from tests.e2e.test_minutes import download, links_of, minutes_posts, minutes_rows, word_text
from tests.e2e.test_minutes_archive import decision_posts, pdf_text
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD, test_structure

PROPOSAL = "SSU slutter seg til den felles rutinen for utskrivning."
STATEMENT = "Testby kommune tar forbehold om finansieringen – 20 000 € i 2027."
MORE_MEMBERS = ("Anne Andersen", "Per Pettersen", "Ola Hansen", "Berit Berg", "Jon Johansen")


async def import_seven_voters(unit_of_work: UnitOfWorkFactory) -> None:
    """SSU with seven voting members (Lise Leder, Tien Medlem and five more); with no attendance
    recorded, every one of them counts as present."""
    data = test_structure()
    ssu = data["bodies"][1]
    for index, name in enumerate(MORE_MEMBERS):
        first = name.split()[0].lower()
        aad = f"00000000-0000-4000-8000-00000000000{index}"
        ssu["members"].append({"name": name, "email": f"{first}@example.no", "aad_object_id": aad, "role": "medlem"})
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def meeting_with_the_case(bot: BotUnderTest, clock: FixedClock, *, begun: bool = True) -> None:
    """Case 1/2026 with its proposal, on the agenda of SSU's meeting on 24 November 2026; the
    clock is then past the meeting's start unless `begun` is False."""
    await prepare_case(bot)
    await bot.exchange(CHANNEL, f"forslag SSU 1/2026: {PROPOSAL}", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    if begun:
        clock.advance(timedelta(days=1, hours=4))


async def handling_rows(unit_of_work: UnitOfWorkFactory) -> list[object]:
    return await query(unit_of_work, "SELECT outcome, votes_for, votes_against, against FROM case_handlings")


async def test_a_split_vote_with_named_dissent_and_a_statement_stand_in_the_card_the_word_file_and_the_pdf(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_seven_voters(unit_of_work)
    await meeting_with_the_case(bot, clock)

    voted = await bot.exchange(CHANNEL, "votering SSU 1/2026 5 mot 2 (anne andersen, per@example.no)", locale="nb-NO")
    stated = await bot.exchange(CHANNEL, f"protokolltilførsel SSU 1/2026 Anne Andersen: {STATEMENT}", locale="nb-NO")

    assert voted.text == (
        "Sak 1/2026 i SSU: forslaget ble vedtatt med 5 mot 2 stemmer. Mot stemte: Anne Andersen, Per Pettersen. "
        "Vedtaket er sendt til godkjenning (i kanalen til SSU)."
    )
    assert stated.text == "Protokolltilførsel fra Anne Andersen er ført i sak 1/2026 i SSU."
    # The carried proposal went to approval as a decision, as `vedtak` sends it.
    [decision_card] = decision_posts(bot)
    assert PROPOSAL in card_texts(decision_card.cards[0])
    assert await query(unit_of_work, "SELECT text, status FROM decisions") == [(PROPOSAL, "til godkjenning")]
    [vote_audit] = await audit_trail(unit_of_work, "case.vote_recorded")
    assert vote_audit.details["before"] is None
    assert vote_audit.details["after"]["for"] == 5 and vote_audit.details["after"]["against"] == 2
    assert vote_audit.details["after"]["against_names"] == ["Anne Andersen", "Per Pettersen"]
    [statement_audit] = await audit_trail(unit_of_work, "case.statement_recorded")
    assert statement_audit.details["after"]["statements"] == [{"name": "Anne Andersen", "text": STATEMENT}]

    vote_line = "Votering: Forslaget ble vedtatt med 5 mot 2 stemmer. Mot stemte: Anne Andersen, Per Pettersen."
    expected = [
        "Behandling",
        f"Forslag til vedtak: {PROPOSAL}",
        vote_line,
        f"Protokolltilførsel fra Anne Andersen: {STATEMENT}",
        f"Vedtak (til godkjenning): {PROPOSAL}",
    ]
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    [posted] = minutes_posts(bot)
    shared = card_texts(posted.cards[0])
    start = shared.index("Behandling")
    assert shared[start : start + len(expected)] == expected  # in this order, under the case

    links = links_of(reply.cards[0])
    word = word_text(await download(bot, links["Last ned Word"]))
    assert "\n".join(expected) in word
    pdf = pdf_text(await download(bot, links["Last ned PDF"]))
    for line in expected:
        assert line in pdf, line

    english = await bot.exchange(PERSONAL, "minutes SSU", aad_object_id=SECRETARIAT_AAD, locale="en-US")
    english_texts = card_texts(english.cards[0])
    assert (
        "Vote: The proposal was carried by 5 votes to 2. Voting against: Anne Andersen, Per Pettersen." in english_texts
    )
    assert f"Statement for the minutes from Anne Andersen: {STATEMENT}" in english_texts
    english_pdf = pdf_text(await download(bot, links_of(english.cards[0])["Download PDF"]))
    assert "Voting against: Anne Andersen, Per Pettersen." in english_pdf

    # The decision recorded by the vote stands: reported afterwards as defeated, the vote is refused.
    fell = await bot.exchange(CHANNEL, "votering SSU 1/2026 2 mot 5", locale="nb-NO")
    assert fell.text.startswith(
        "Et vedtak i sak 1/2026 er alt ført i dette møtet, så forslaget kan ikke føres som falt."
    )
    [(votes_for,)] = await query(unit_of_work, "SELECT votes_for FROM case_handlings")
    assert votes_for == 5


async def test_a_vote_that_could_not_have_happened_is_refused_and_nothing_is_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_seven_voters(unit_of_work)
    await meeting_with_the_case(bot, clock, begun=False)
    early = await bot.exchange(CHANNEL, "votering SSU 1/2026 enstemmig", locale="nb-NO")
    assert early.text.startswith("Sak 1/2026 står ikke på sakslisten til et møte i SSU som har begynt.")
    await bot.exchange(PERSONAL, "inhabil SSU 1/2026 styreverv", aad_object_id=MEMBER_AAD, locale="nb-NO")
    clock.advance(timedelta(days=1, hours=4))

    async def answer(text: str, locale: str = "nb-NO") -> str:
        return (await bot.exchange(CHANNEL, text, locale=locale)).text

    disqualified = await answer("votering SSU 1/2026 4 mot 1 (Tien Medlem)")
    assert disqualified == "Tien Medlem er inhabil i saken og kan ikke stemme."
    in_english = await answer("vote SSU 1/2026 4 against 1 (tien@example.no)", locale="en-US")
    assert in_english == "Tien Medlem is disqualified on the case and cannot vote."
    # Seven voting members, Tien disqualified: six votes at most.
    assert await answer("votering SSU 1/2026 5 mot 2") == (
        "Det er ført 7 stemmer, men bare 6 med stemmerett var til stede (inhabile ikke medregnet)."
    )
    assert await answer("votering SSU 1/2026 4 mot 1 (Anne Andersen, Per Pettersen)") == (
        "Du nevnte 2 som stemte mot, men bare 1 stemmer er ført mot."
    )
    unknown = await answer("votering SSU 1/2026 4 mot 1 (Kari Nordmann)")
    assert unknown.startswith("«Kari Nordmann» er ikke blant medlemmene i møtet. Til stede med stemmerett: Lise Leder")
    assert "Tien Medlem" not in unknown
    assert "Jeg forstod ikke voteringen «fire mot en»" in await answer("votering SSU 1/2026 fire mot en")
    assert "Det mangler voteringen" in await answer("votering SSU 1/2026")
    assert await answer("votering SSU 9/2026 enstemmig") == "Fant ingen sak 9/2026 i SSU."
    assert (await answer("protokolltilførsel SSU 1/2026 Kari Nordmann: Noe")).startswith(
        "«Kari Nordmann» er ikke blant medlemmene i møtet."
    )

    assert await handling_rows(unit_of_work) == []
    assert await query(unit_of_work, "SELECT id FROM decisions") == []
    assert decision_posts(bot) == []
    assert await audit_trail(unit_of_work, "case.vote_recorded") == []

    # A proposal voted down is recorded as such, and no decision goes to approval.
    fell = await answer("votering SSU 1/2026 2 mot 3, 1 blank (Anne Andersen)")
    assert fell == (
        "Sak 1/2026 i SSU: forslaget falt med 2 mot 3 stemmer (1 blank). Mot stemte: Anne Andersen. "
        "Ingen vedtak er sendt til godkjenning."
    )
    assert await query(unit_of_work, "SELECT id FROM decisions") == []
    assert decision_posts(bot) == []


async def test_a_unanimous_vote_sends_the_proposal_for_approval_and_keeps_a_decision_worded_already(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await meeting_with_the_case(bot, clock)

    reply = await bot.exchange(CHANNEL, "votering SSU 1/2026 enstemmig", locale="nb-NO")

    assert reply.text == ("Sak 1/2026 i SSU: enstemmig vedtatt. Vedtaket er sendt til godkjenning (i kanalen til SSU).")
    [decision_card] = decision_posts(bot)
    await click(bot, invoke(bot, execute_action(decision_card.cards[0], "approve"), LEADER_AAD))
    assert await query(unit_of_work, "SELECT text, status FROM decisions") == [(PROPOSAL, "vedtatt")]
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    texts = card_texts(minutes_posts(bot)[0].cards[0])
    assert "Votering: Enstemmig vedtatt." in texts and f"Vedtak: {PROPOSAL}" in texts
    # A count corrected after the decision became final changes the minutes, not the decision.
    corrected = await bot.exchange(CHANNEL, "votering SSU 1/2026 2 mot 0", locale="nb-NO")
    assert corrected.text == (
        "Sak 1/2026 i SSU: forslaget ble vedtatt med 2 mot 0 stemmer. "
        "Vedtaket som alt er ført, er endelig og står som det er."
    )
    assert await query(unit_of_work, "SELECT text, status, round FROM decisions") == [(PROPOSAL, "vedtatt", 1)]

    # A second case, its decision worded with `vedtak` first: the vote is on that text, which stands.
    await bot.exchange(PERSONAL, "ny sak SSU Felles legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Drammen", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 2/2026", locale="nb-NO")
    clock.advance(timedelta(days=14))
    await bot.exchange(CHANNEL, "vedtak SSU 2/2026: SSU etablerer felles legevakt.", locale="nb-NO")
    kept = await bot.exchange(CHANNEL, "vote SSU 2/2026 unanimous", locale="en-US")
    assert kept.text == (
        "Case 2/2026 in SSU: carried unanimously. The decision already recorded stands and goes to approval as before."
    )
    assert len(decision_posts(bot)) == 2  # no second card for the same wording
    [(text, round_number)] = await query(unit_of_work, "SELECT text, round FROM decisions WHERE text LIKE '%legevakt%'")
    assert (text, round_number) == ("SSU etablerer felles legevakt.", 1)


async def test_an_information_case_is_noted_without_a_vote(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await prepare_case(bot)
    await bot.exchange(
        PERSONAL, "ny sak SSU orienteringssak Status for legevakt", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 2/2026", locale="nb-NO")
    clock.advance(timedelta(days=1, hours=4))

    voted = await bot.exchange(CHANNEL, "votering SSU 2/2026 enstemmig", locale="nb-NO")
    assert voted.text.startswith("Sak 2/2026 er en orienteringssak og voteres ikke over.")
    merely_noted = await bot.exchange(CHANNEL, "votering SSU 1/2026 orientering", locale="nb-NO")
    assert merely_noted.text.startswith("Sak 1/2026 er en vedtakssak og kan ikke bare tas til orientering.")
    assert await handling_rows(unit_of_work) == []

    noted = await bot.exchange(CHANNEL, "votering SSU 2/2026 orientering", locale="nb-NO")

    assert noted.text == "Sak 2/2026 i SSU er ført som tatt til orientering."
    assert await query(unit_of_work, "SELECT status FROM cases WHERE number = 2") == [("behandlet",)]
    assert await query(unit_of_work, "SELECT id FROM decisions") == []
    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert "Sak 2/2026 Status for legevakt\nSaken ble tatt til orientering." in visible_text(reply)


async def test_a_case_not_decided_at_the_meeting_lets_the_minutes_be_approved_though_its_decision_was_rejected(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await meeting_with_the_case(bot, clock)
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {PROPOSAL}", locale="nb-NO")
    [decision_card] = decision_posts(bot)
    await click(bot, invoke(bot, execute_action(decision_card.cards[0], "reject"), LEADER_AAD, comment="Ikke klart"))

    postponed = await bot.exchange(CHANNEL, "votering SSU 1/2026 utsatt", locale="nb-NO")

    assert postponed.text == "Sak 1/2026 i SSU er ført som ikke avgjort i møtet og ligger i køen som utsatt."
    assert await query(unit_of_work, "SELECT status FROM cases WHERE number = 1") == [("utsatt",)]
    await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    [draft] = minutes_posts(bot)
    texts = card_texts(draft.cards[0])
    assert "Saken ble ikke avgjort i møtet (utsatt)." in texts
    assert not any(text.startswith("Ikke endelig vedtak") for text in texts)
    assert not any(PROPOSAL in text for text in texts)  # the rejected wording is not in the minutes

    approved = await click(bot, invoke(bot, execute_action(draft.cards[0], "approve"), LEADER_AAD))

    assert card_texts(approved)[0] == "Godkjent protokoll – Strategisk samarbeidsutvalg (SSU)"
    assert [row.status for row in await minutes_rows(unit_of_work)] == ["godkjent"]


def choices_of(card: dict[str, Any], input_id: str) -> dict[str, str]:
    """A choice input's options on the card, by the name shown."""
    [element] = [element for element in card["body"] if element.get("id") == input_id]
    return {choice["title"]: choice["value"] for choice in element["choices"]}


async def test_the_handling_card_records_an_alternative_the_vote_with_those_against_and_a_statement(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await import_seven_voters(unit_of_work)
    await meeting_with_the_case(bot, clock)
    await bot.exchange(PERSONAL, "inhabil SSU 1/2026 styreverv", aad_object_id=MEMBER_AAD, locale="nb-NO")
    alternative = "SSU ber om en ny utredning før rutinen vedtas."

    [card] = (await bot.exchange(CHANNEL, "behandling SSU 1/2026", locale="nb-NO")).cards
    assert card_texts(card)[0] == "Behandling av sak 1/2026 Felles rutine for utskrivning (SSU)"
    assert f"Forslag til vedtak: {PROPOSAL}" in card_texts(card)
    voters = choices_of(card, "againstIds")
    assert "Tien Medlem" not in voters and set(voters) == {"Lise Leder", *MORE_MEMBERS}  # disqualified: no vote
    attending = choices_of(card, "alternativeBy")
    save = execute_action(card, "save_handling")
    entered = {
        **save["data"],
        "alternative": alternative,
        "alternativeBy": attending["Berit Berg"],
        "adopted": "alternative",
        "outcome": "votering",
        "votesFor": "4",
        "votesAgainst": "2",
        "votesBlank": "0",
        "againstIds": f"{voters['Anne Andersen']},{voters['Per Pettersen']}",
        "statementBy": attending["Anne Andersen"],
        "statement": STATEMENT,
    }

    refused = await click(bot, invoke(bot, {**save, "data": entered}, MEMBER_AAD))
    assert "krever sekretariatet eller organets leder" in card_texts(refused)[0]
    assert await handling_rows(unit_of_work) == []
    saved = await click(bot, invoke(bot, {**save, "data": entered}, SECRETARIAT_AAD))

    texts = card_texts(saved)
    assert "Behandlingen av sak 1/2026 er lagret." in texts
    assert f"Forslag fra Berit Berg: {alternative}" in texts
    assert "Votering: Forslaget ble vedtatt med 4 mot 2 stemmer. Mot stemte: Anne Andersen, Per Pettersen." in texts
    assert f"Protokolltilførsel fra Anne Andersen: {STATEMENT}" in texts
    # The alternative carried, so it is the decision sent for approval.
    assert await query(unit_of_work, "SELECT text, status FROM decisions") == [(alternative, "til godkjenning")]
    assert len(decision_posts(bot)) == 1

    reply = await bot.exchange(PERSONAL, "protokoll SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    minutes = card_texts(reply.cards[0])
    start = minutes.index("Behandling")
    assert minutes[start : start + 6] == [
        "Behandling",
        f"Forslag til vedtak: {PROPOSAL}",
        f"Forslag fra Berit Berg: {alternative}",
        "Votering: Forslaget ble vedtatt med 4 mot 2 stemmer. Mot stemte: Anne Andersen, Per Pettersen.",
        f"Protokolltilførsel fra Anne Andersen: {STATEMENT}",
        f"Vedtak (til godkjenning): {alternative}",
    ]

    # Counts left out are asked for; a disqualified member's id sent in crafted data is refused as in chat.
    missing = await click(bot, invoke(bot, {**save, "data": {**entered, "votesFor": ""}}, SECRETARIAT_AAD))
    assert card_texts(missing)[0] == "Skriv stemmene for og mot."
    tien = attending["Tien Medlem"]
    crafted = await click(bot, invoke(bot, {**save, "data": {**entered, "againstIds": tien}}, SECRETARIAT_AAD))
    assert "Tien Medlem er inhabil i saken og kan ikke stemme." in card_texts(crafted)[0]
