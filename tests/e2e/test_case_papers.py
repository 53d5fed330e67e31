"""The case paper (saksfremlegg) end to end (issue 16, part 1): written on its card and saved by
replaying the card's own `Action.Execute` in the captured invoke payload, with the inputs Teams
merges into the data; `forslag` and `endre sak` in chat; who may write; the whole case in `sak`."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, UnitOfWorkFactory, audit_trail, card_texts, query
from tests.e2e.test_decisions import click, execute_action, invoke
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD, test_structure

IDENTITY_NUMBER = "02013299997"  # Skatteetaten's example
PER_AAD = "5d0e4a3c-7d8b-4f1e-9a52-3c1f0b6e2a91"  # a plain member of SSU: neither chair nor submitter
PAPER_COLUMNS = "title, case_type, background, assessment, proposal, case_officer_id, case_officer_name, version"


@pytest.fixture
async def papers(unit_of_work: UnitOfWorkFactory) -> None:
    """The test helsefellesskap with one more plain member of SSU, Per."""
    data = test_structure()
    data["bodies"][1]["members"].append(
        {"name": "Per Medlem", "email": "per@example.no", "aad_object_id": PER_AAD, "role": "medlem"}
    )
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def register(bot: BotUnderTest, title: str = "Felles rutine for utskrivning", body: str = "SSU") -> None:
    """A case registered by Tien, a plain member of SSU (and the LSU's leader)."""
    reply = await bot.exchange(PERSONAL, f"ny sak {body} {title}", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "er registrert" in reply.text or "Sak" in reply.text


async def paper_card_of(bot: BotUnderTest, aad: str, reference: str = "SSU 1/2026") -> dict[str, Any]:
    reply = await bot.exchange(PERSONAL, f"saksfremlegg {reference}", aad_object_id=aad, locale="nb-NO")
    [card] = reply.cards
    return card


def inputs(card: dict[str, Any]) -> dict[str, Any]:
    """The card's inputs as they stand, keyed by id (what Teams sends when nothing is typed)."""
    found: dict[str, Any] = {}
    pending: list[Any] = [card]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found[node["id"]] = node.get("value", "")
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def save(bot: BotUnderTest, card: dict[str, Any], aad: str, locale: str = "nb-NO", **typed: str) -> dict[str, Any]:
    """The invoke of the card's save button, with the inputs as the writer left them."""
    payload = invoke(bot, execute_action(card, "save_paper"), aad, locale=locale)
    payload["value"]["action"]["data"] |= inputs(card) | typed
    return payload


async def paper_row(unit_of_work: UnitOfWorkFactory, body: str = "SSU", number: int = 1) -> Any:
    [row] = await query(
        unit_of_work,
        f"SELECT {PAPER_COLUMNS} FROM cases JOIN bodies ON bodies.id = cases.body_id "
        "WHERE bodies.key = :body AND cases.number = :number",
        body=body,
        number=number,
    )
    return row


async def test_the_paper_is_written_on_its_card_audited_and_shown_whole_by_sak(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await register(bot)
    card = await paper_card_of(bot, SECRETARIAT_AAD)
    assert card_texts(card)[0] == "Saksfremlegg – Sak 1/2026"
    assert inputs(card)["paperTitle"] == "Felles rutine for utskrivning"
    assert all(
        element.get("isMultiline")
        for element in card["body"]
        if element.get("id") in ("paperBackground", "paperAssessment", "paperProposal")
    )

    answer = await click(
        bot,
        save(
            bot,
            card,
            SECRETARIAT_AAD,
            paperOfficer="per@example.no",
            paperBackground="Kommunene og sykehuset har ulike rutiner.\n\nDet gir brudd i forløpene.",
            paperAssessment="En felles rutine gir tryggere utskrivning.",
            paperProposal="SSU slutter seg til den felles rutinen.",
        ),
    )

    assert "Saksfremlegget til sak 1/2026 er lagret." in " ".join(card_texts(answer))
    assert inputs(answer)["paperOfficer"] == "Per Medlem"  # found by email: a member, by name
    row = await paper_row(unit_of_work)
    assert row.background == "Kommunene og sykehuset har ulike rutiner.\n\nDet gir brudd i forløpene."
    assert (row.assessment, row.proposal) == (
        "En felles rutine gir tryggere utskrivning.",
        "SSU slutter seg til den felles rutinen.",
    )
    assert row.case_officer_id is not None and row.case_officer_name is None
    [event] = await audit_trail(unit_of_work, "case.paper_written")
    assert event.actor_aad_object_id == SECRETARIAT_AAD
    assert event.details["before"] == {
        "background": None,
        "assessment": None,
        "proposal": None,
        "case_officer_id": None,
    }
    assert event.details["after"]["proposal"] == "SSU slutter seg til den felles rutinen."
    assert event.details["after"]["case_officer_id"] == row.case_officer_id

    shown = card_texts(
        (await bot.exchange(PERSONAL, "sak SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")).cards[0]
    )
    for line in (
        "Saksbehandler: Per Medlem",
        "Bakgrunn",
        "Kommunene og sykehuset har ulike rutiner.\n\nDet gir brudd i forløpene.",
        "Vurdering",
        "En felles rutine gir tryggere utskrivning.",
        "Forslag til vedtak",
        "SSU slutter seg til den felles rutinen.",
    ):
        assert line in shown


async def test_two_edits_of_one_paper_save_one_and_tell_the_other_what_now_stands(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await register(bot)
    # Both open the paper on the same version …
    secretariat_card = await paper_card_of(bot, SECRETARIAT_AAD)
    leader_card = await paper_card_of(bot, LEADER_AAD)
    assert execute_action(secretariat_card, "save_paper")["data"] == execute_action(leader_card, "save_paper")["data"]

    # … and both save at once.
    answers = await asyncio.gather(
        click(bot, save(bot, secretariat_card, SECRETARIAT_AAD, paperProposal="Forslag fra sekretariatet.")),
        click(bot, save(bot, leader_card, LEADER_AAD, paperProposal="Forslag fra lederen.")),
    )

    texts = [" ".join(card_texts(answer)) for answer in answers]
    saved = [index for index, text in enumerate(texts) if "er lagret" in text]
    told = [index for index, text in enumerate(texts) if "Noen andre lagret saksfremlegget" in text]
    assert len(saved) == 1 and len(told) == 1, texts
    winner = ("Forslag fra sekretariatet.", "Forslag fra lederen.")[saved[0]]
    loser = ("Forslag fra sekretariatet.", "Forslag fra lederen.")[told[0]]
    # The one told sees the winner's text on a card drawn from the new version, ready to edit, and
    # their own unsaved text under it to copy from.
    assert inputs(answers[told[0]])["paperProposal"] == winner
    shown = card_texts(answers[told[0]])
    assert shown[shown.index("Din tekst som ikke ble lagret") :] == [
        "Din tekst som ikke ble lagret",
        "Forslag til vedtak",
        loser,
    ]
    stale_version = execute_action(answers[told[0]], "save_paper")["data"]["version"]
    row = await paper_row(unit_of_work)
    assert row.proposal == winner and stale_version == row.version
    assert len(await audit_trail(unit_of_work, "case.paper_written")) == 1

    # Saving again from the card they were shown goes through: nothing was lost, nothing forced.
    loser_aad = (SECRETARIAT_AAD, LEADER_AAD)[told[0]]
    again = await click(bot, save(bot, answers[told[0]], loser_aad, paperProposal="Omforent forslag."))
    assert "er lagret" in " ".join(card_texts(again))
    assert (await paper_row(unit_of_work)).proposal == "Omforent forslag."


async def test_a_case_set_up_on_an_agenda_while_its_paper_is_written_is_no_change_to_the_paper(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await register(bot)
    card = await paper_card_of(bot, SECRETARIAT_AAD)
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")  # the case's row moves on

    answer = await click(bot, save(bot, card, SECRETARIAT_AAD, paperProposal="SSU slutter seg til rutinen."))

    assert "Saksfremlegget til sak 1/2026 er lagret. Endret: forslag til vedtak." in card_texts(answer)
    assert (await paper_row(unit_of_work)).proposal == "SSU slutter seg til rutinen."


async def test_who_may_write_the_paper_and_who_is_refused_and_audited(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await register(bot)

    # The member who registered it, while it waits in the queue.
    reply = await bot.exchange(PERSONAL, "forslag SSU 1/2026: Første utkast.", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert reply.text == "Forslag til vedtak i sak 1/2026 er lagret."

    # A plain member is refused, and the attempt audited.
    refused = await bot.exchange(PERSONAL, "forslag SSU 1/2026: Mitt forslag.", aad_object_id=PER_AAD, locale="nb-NO")
    assert "kan bare skrives av sekretariatet" in refused.text
    assert (await paper_row(unit_of_work)).proposal == "Første utkast."

    # On an agenda, the submitter may no longer write it.
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    late = await bot.exchange(PERSONAL, "forslag SSU 1/2026: Sent forslag.", aad_object_id=MEMBER_AAD, locale="en-US")
    assert late.text.startswith("The case paper of case 1/2026 in SSU can only be written by the secretariat")

    # The leader may, and makes Per the case officer; then Per may.
    edited = await bot.exchange(
        PERSONAL, "endre sak SSU 1/2026 saksbehandler Per Medlem", aad_object_id=LEADER_AAD, locale="nb-NO"
    )
    assert edited.text == "Sak 1/2026 er endret: saksbehandleren er nå «Per Medlem»."
    officer = await bot.exchange(
        PERSONAL, "forslag SSU 1/2026: Per sitt forslag.", aad_object_id=PER_AAD, locale="nb-NO"
    )
    assert officer.text == "Forslag til vedtak i sak 1/2026 er lagret."

    # The secretariat may; someone with no seat is refused without learning anything.
    secretariat = await bot.exchange(CHANNEL, "endre sak SSU 1/2026 tittel Felles utskrivningsrutine", locale="nb-NO")
    assert secretariat.text == "Sak 1/2026 er endret: tittelen er nå «Felles utskrivningsrutine»."
    outsider = await bot.exchange(PERSONAL, "saksfremlegg SSU 1/2026", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    assert outsider.cards == [] and "ikke registrert som medlem av SSU" in outsider.text

    row = await paper_row(unit_of_work)
    assert (row.title, row.proposal) == ("Felles utskrivningsrutine", "Per sitt forslag.")
    refusals = await audit_trail(unit_of_work)
    assert [(event.action, event.actor_aad_object_id) for event in refusals if event.action.startswith("refused.")] == [
        ("refused.write_case_paper", PER_AAD),
        ("refused.write_case_paper", MEMBER_AAD),
        ("refused.write_case_paper", OUTSIDER_AAD),
    ]
    edits = await audit_trail(unit_of_work, "case.edited")
    assert [(event.details["before"], event.details["after"]) for event in edits][-1] == (
        {"title": "Felles rutine for utskrivning"},
        {"title": "Felles utskrivningsrutine"},
    )


@pytest.mark.parametrize("field", ["paperTitle", "paperOfficer", "paperBackground", "paperAssessment", "paperProposal"])
async def test_an_identity_number_in_any_field_of_the_card_is_refused_and_stored_nowhere(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory, field: str
) -> None:
    await register(bot)
    card = await paper_card_of(bot, SECRETARIAT_AAD)
    before = await paper_row(unit_of_work)

    typed = {"paperAssessment": "Ny vurdering.", field: f"Pasient {IDENTITY_NUMBER}"}
    answer = await click(bot, save(bot, card, SECRETARIAT_AAD, **typed))

    assert any("fødselsnummer" in text for text in card_texts(answer))
    assert "99997" not in json.dumps(answer)
    # What else the writer typed is kept on the card, so nothing is lost to the refusal.
    if field != "paperAssessment":
        assert inputs(answer)["paperAssessment"] == "Ny vurdering."
    assert await paper_row(unit_of_work) == before
    stored = await query(unit_of_work, "SELECT details FROM audit_events")
    assert all("99997" not in json.dumps(row.details, default=str) for row in stored)
    assert [event.subject for event in await audit_trail(unit_of_work, "privacy.identity_number_refused")] == [
        f"case:{execute_action(card, 'save_paper')['data']['caseId']}"
    ]


@pytest.mark.parametrize(
    "command",
    [
        f"forslag SSU 1/2026: Gjelder {IDENTITY_NUMBER}",
        f"endre sak SSU 1/2026 tittel Pasient {IDENTITY_NUMBER}",
        f"endre sak SSU 1/2026 saksbehandler {IDENTITY_NUMBER}",
    ],
)
async def test_an_identity_number_in_a_paper_command_is_refused_and_stored_nowhere(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory, command: str
) -> None:
    await register(bot)
    before = await paper_row(unit_of_work)

    reply = await bot.exchange(CHANNEL, command, locale="nb-NO")

    assert "fødselsnummer" in reply.text and "99997" not in reply.text
    assert await paper_row(unit_of_work) == before


async def test_a_case_referred_twice_shows_its_whole_chain_and_carries_its_paper(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    # Tien leads the LSU: registers there, writes the paper and refers it to SSU; the secretariat
    # refers it on to PM.
    await register(bot, "Avtale om legevakt", body="LSU")
    await bot.exchange(PERSONAL, "forslag LSU 1/2026: LSU anbefaler avtalen.", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(
        PERSONAL, "endre sak LSU 1/2026 saksbehandler Kari Utenfor", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    await bot.exchange(PERSONAL, "send LSU 1/2026 til SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "send SSU 1/2026 til PM", locale="nb-NO")

    for reference in ("PM 1/2026", "LSU 1/2026", "SSU 1/2026"):
        shown = card_texts((await bot.exchange(CHANNEL, f"sak {reference}", locale="nb-NO")).cards[0])
        assert "Saksgang: LSU 1/2026 → SSU 1/2026 → PM 1/2026" in shown, reference
    final = card_texts((await bot.exchange(CHANNEL, "sak PM 1/2026", locale="en-US")).cards[0])
    assert "Referral chain: LSU 1/2026 → SSU 1/2026 → PM 1/2026" in final
    assert "LSU anbefaler avtalen." in final and "Case officer: Kari Utenfor" in final
    pm = await paper_row(unit_of_work, "PM")
    assert (pm.proposal, pm.case_officer_name) == ("LSU anbefaler avtalen.", "Kari Utenfor")


async def test_sak_shows_the_meeting_and_the_decision(bot: BotUnderTest, papers: None, clock: FixedClock) -> None:
    await register(bot)
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 26.11.2026 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")
    clock.advance(timedelta(days=3, hours=2))  # Thursday 26 November, 11.00 in Oslo: the meeting is on
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU vedtar rutinen.", locale="nb-NO")

    shown = card_texts((await bot.exchange(CHANNEL, "sak SSU 1/2026", locale="nb-NO")).cards[0])

    assert "Møte: torsdag 26. november 2026 kl. 09.00" in shown
    assert "Vedtak (til godkjenning)" in shown and "SSU vedtar rutinen." in shown


@pytest.mark.parametrize(
    ("command", "locale", "expected"),
    [
        ("saksfremlegg SSU 9/2026", "nb-NO", "Fant ingen sak 9/2026 i SSU."),
        ("case paper SSU 9/2026", "en-US", "No case 9/2026 in SSU."),
        ("forslag SSU 1/2026 uten kolon", "nb-NO", "Det mangler forslaget etter kolon."),
        ("proposal SSU 1/2026:", "en-US", "Missing the proposal after a colon."),
        ("endre sak SSU 1/2026 status behandlet", "nb-NO", "«status» kan ikke endres her."),
        ("edit case SSU 1/2026 type urgent", "en-US", "'urgent' is not a case type."),
        ("endre sak SSU 1/2026 tittel", "nb-NO", "Det mangler hva som skal endres"),
        ("forslag SSU 1/2026: " + "ø" * 4001, "nb-NO", "Forslaget til vedtak kan ha høyst 4000 tegn, men har 4001."),
        ("proposal SSU 1/2026: " + "ø" * 4001, "en-US", "The proposed decision can have at most 4000 characters"),
        ("endre sak SSU 1/2026 tittel " + "x" * 201, "nb-NO", "Sakstittelen kan ha høyst 200 tegn"),
        ("saker søk", "nb-NO", "Det mangler søkeord."),
    ],
)
async def test_bad_input_gets_a_clear_answer_in_the_users_language(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory, command: str, locale: str, expected: str
) -> None:
    await register(bot)
    before = await paper_row(unit_of_work)

    reply = await bot.exchange(CHANNEL, command, locale=locale)

    assert expected in reply.text
    assert await paper_row(unit_of_work) == before


async def test_a_withdrawn_case_and_an_information_case_keep_their_rules(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await register(bot)
    await bot.exchange(CHANNEL, "forslag SSU 1/2026: Et forslag.", locale="nb-NO")
    refused = await bot.exchange(CHANNEL, "endre sak SSU 1/2026 type orienteringssak", locale="nb-NO")
    assert refused.text.startswith("Sak 1/2026 er en orienteringssak, og en orienteringssak har ikke forslag")
    assert (await paper_row(unit_of_work)).case_type == "vedtakssak"

    await bot.exchange(CHANNEL, "trekk SSU 1/2026", locale="nb-NO")
    closed = await bot.exchange(CHANNEL, "endre sak SSU 1/2026 tittel Ny tittel", locale="nb-NO")
    assert closed.text == "Sak 1/2026 er trukket og kan ikke endres."
    card = await bot.exchange(CHANNEL, "case paper SSU 1/2026", locale="en-US")
    assert card.cards == [] and card.text == "Case 1/2026 is withdrawn and cannot be changed."
    assert (await paper_row(unit_of_work)).title == "Felles rutine for utskrivning"


@pytest.mark.parametrize(
    ("locale", "help_word", "usages"),
    [
        (
            "nb-NO",
            "hjelp",
            (
                "saksfremlegg [organ] <nr>/<år>",
                "forslag [organ] <nr>/<år>: <tekst>",
                "endre sak [organ] <nr>/<år> tittel|type|saksbehandler <verdi>",
                "saker søk <ord>",
            ),
        ),
        (
            "en-US",
            "help",
            (
                "case paper [body] <no>/<year>",
                "proposal [body] <no>/<year>: <text>",
                "edit case [body] <no>/<year> title|type|officer <value>",
                "cases search <words>",
            ),
        ),
    ],
)
async def test_the_new_commands_are_in_help_in_both_languages(
    bot: BotUnderTest, papers: None, locale: str, help_word: str, usages: tuple[str, ...]
) -> None:
    listed = "\n".join(card_texts((await bot.exchange(PERSONAL, help_word, locale=locale)).cards[0]))
    for usage in usages:
        assert usage in listed, usage
    explained = "\n".join(
        card_texts((await bot.exchange(PERSONAL, f"{help_word} {usages[0].split(' [')[0]}", locale=locale)).cards[0])
    )
    assert usages[0] in explained and ("saksbehandler" in explained or "case officer" in explained)


@pytest.mark.parametrize(
    ("typed", "locale", "expected"),
    [
        ({"paperBackground": "ø" * 8001}, "nb-NO", "Bakgrunnen kan ha høyst 8000 tegn, men har 8001."),
        ({"paperAssessment": "a" * 8001}, "en-US", "The assessment can have at most 8000 characters, but has 8001."),
        ({"paperTitle": "   "}, "nb-NO", "Saken trenger en tittel."),
        ({"paperOfficer": "x" * 191}, "en-US", "The case officer can have at most 190 characters"),
        (
            {"paperType": "orienteringssak", "paperProposal": "Et forslag."},
            "nb-NO",
            "Sak 1/2026 er en orienteringssak, og en orienteringssak har ikke forslag til vedtak.",
        ),
    ],
)
async def test_a_refused_save_keeps_what_was_typed_on_the_card_and_stores_nothing(
    bot: BotUnderTest, papers: None, unit_of_work: UnitOfWorkFactory, typed: dict[str, str], locale: str, expected: str
) -> None:
    await register(bot)
    card = await paper_card_of(bot, SECRETARIAT_AAD)
    before = await paper_row(unit_of_work)

    answer = await click(
        bot, save(bot, card, SECRETARIAT_AAD, locale=locale, **({"paperAssessment": "Skrevet nå."} | typed))
    )

    assert any(expected in text for text in card_texts(answer)), card_texts(answer)
    assert inputs(answer)["paperAssessment"] == typed.get("paperAssessment", "Skrevet nå.")
    assert await paper_row(unit_of_work) == before
    assert await audit_trail(unit_of_work, "case.paper_written") == []


async def test_the_paper_card_speaks_english_to_an_english_user(bot: BotUnderTest, papers: None) -> None:
    await register(bot)
    reply = await bot.exchange(PERSONAL, "case paper SSU 1/2026", aad_object_id=LEADER_AAD, locale="en-US")
    [card] = reply.cards
    labels = [element.get("label") for element in card["body"] if element.get("id")]
    assert labels == ["Title", "Type", "Case officer", "Background", "Assessment", "Proposed decision"]
    assert execute_action(card, "save_paper")["title"] == "Save"
