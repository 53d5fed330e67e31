"""`logg` and `tilganger` (issue 18), end to end over HTTP: the secretariat and the leader read a
body's changes newest first with before → after, 30 at a time with a button for the rest; the
secretariat reads who holds which role; an ordinary member is refused both, and the refusal is
audited."""

from __future__ import annotations

import re
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
)
from tests.e2e.test_decisions import click, execute_action, invoke, prepare_case
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD, test_structure

MORE = "auditLogMore"
# A line's first row: "23.11.2026 09.00 · Dave Sekretariat · Sak endret"
FIRST_ROW = re.compile(r"^\d{2}\.\d{2}\.\d{4} \d{2}\.\d{2} · ")


async def log_card(bot: BotUnderTest, text: str, fixture: str = CHANNEL, **options: Any) -> dict[str, Any]:
    reply = await bot.exchange(fixture, text, locale="nb-NO", **options)
    [card] = reply.cards
    return card


def event_rows(card: dict[str, Any]) -> list[str]:
    """The first row of each event on the log card, in the order shown."""
    return [text for text in card_texts(card) if FIRST_ROW.match(text)]


async def test_the_log_shows_the_latest_changes_newest_first_with_before_and_after(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await prepare_case(bot)  # the channel linked to SSU; Tien registers case 1/2026
    clock.advance(timedelta(minutes=5))
    await bot.exchange(CHANNEL, "endre sak SSU 1/2026 tittel Felles utskrivningsrutine", locale="nb-NO")
    clock.advance(timedelta(minutes=5))
    await bot.exchange(CHANNEL, "nytt møte SSU 24.11.2026 09:00-12:00 Drammen", locale="nb-NO")

    card = await log_card(bot, "logg SSU")

    texts = card_texts(card)
    assert texts[0] == "Logg – Strategisk samarbeidsutvalg (SSU)"
    # Oslo time (UTC+1 in November): the clock started at 08.00 UTC. Under the bot's changes, the
    # structure file's import of SSU's two members (stored at the time the test ran).
    rows = event_rows(card)
    assert rows[:4] == [
        "23.11.2026 09.10 · Dave Sekretariat · Møte planlagt",
        "23.11.2026 09.05 · Dave Sekretariat · Sak endret",
        "23.11.2026 09.00 · Tien Medlem · Sak meldt inn",
        "23.11.2026 09.00 · Dave Sekretariat · Kanal koblet til organet",
    ]
    assert [row.split(" · ", 1)[1] for row in rows[4:]] == ["strukturfil · Medlem lagt til (strukturfil)"] * 2
    assert "tittel: Felles rutine for utskrivning → Felles utskrivningsrutine" in texts
    assert "rolle: – → leder; representerer: – → Test HF" in texts
    assert not any("og" in text and "til." in text for text in texts)  # nothing more to show
    assert card.get("actions", []) == []

    # One case's log: its own changes only, not the meeting's.
    case = await log_card(bot, "log SSU 1/2026", aad_object_id=LEADER_AAD)
    assert card_texts(case)[0] == "Logg – sak 1/2026 i SSU"
    assert event_rows(case) == [
        "23.11.2026 09.05 · Dave Sekretariat · Sak endret",
        "23.11.2026 09.00 · Tien Medlem · Sak meldt inn",
    ]


async def test_the_log_pages_30_at_a_time_and_show_more_gives_the_rest(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await prepare_case(bot)  # two events: the link and case 1, after the import's two members
    for number in range(2, 33):  # 31 more cases: 35 events in all
        clock.advance(timedelta(minutes=1))
        await bot.exchange(CHANNEL, f"ny sak SSU Sak nummer {number}", locale="nb-NO")

    card = await log_card(bot, "logg SSU")

    rows = event_rows(card)
    assert len(rows) == 30
    assert rows[0] == "23.11.2026 09.31 · Dave Sekretariat · Sak meldt inn"
    assert rows[-1] == "23.11.2026 09.02 · Dave Sekretariat · Sak meldt inn"
    assert "… og 5 til." in card_texts(card)
    more = execute_action(card, MORE)
    assert more["title"] == "Vis flere"

    rest = await click(bot, invoke(bot, more, SECRETARIAT_AAD))

    assert event_rows(rest)[:3] == [
        "23.11.2026 09.01 · Dave Sekretariat · Sak meldt inn",
        "23.11.2026 09.00 · Tien Medlem · Sak meldt inn",
        "23.11.2026 09.00 · Dave Sekretariat · Kanal koblet til organet",
    ]
    assert [row.split(" · ", 1)[1] for row in event_rows(rest)[3:]] == [
        "strukturfil · Medlem lagt til (strukturfil)"
    ] * 2
    assert rest.get("actions", []) == []

    # The button pressed by a member is refused as `logg` is, and audited.
    refused = await click(bot, invoke(bot, more, MEMBER_AAD))
    assert card_texts(refused) == ["Loggen for SSU kan bare sekretariatet og organets leder se."]


async def test_an_ordinary_member_is_refused_the_log_and_the_refusal_is_audited(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await bot.exchange(PERSONAL, "logg SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")

    assert reply.text == "Loggen for SSU kan bare sekretariatet og organets leder se."
    assert reply.cards == []
    [refusal] = await audit_trail(unit_of_work, "refused.audit_log")
    assert refusal.actor_aad_object_id == MEMBER_AAD
    # Tien leads LSU: there, the log is his to read.
    lsu = await log_card(bot, "logg LSU", PERSONAL, aad_object_id=MEMBER_AAD)
    assert card_texts(lsu)[0] == "Logg – Lokalt samarbeidsutvalg Testby (LSU)"


async def test_access_lists_roles_entra_ids_and_the_role_changes_of_the_last_90_days(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    data = test_structure()
    ssu = data["bodies"][1]
    ssu["members"][1]["role"] = "nestleder"  # Tien moves up
    ssu["members"].append({"name": "Nina Ny", "email": "nina@example.no", "role": "medlem"})  # no Entra id yet
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()

    reply = await bot.exchange(CHANNEL, "tilganger SSU", locale="nb-NO")

    [card] = reply.cards
    texts = card_texts(card)
    assert texts[0] == "Tilganger"
    assert texts[1:5] == [
        "Strategisk samarbeidsutvalg (SSU)",
        "Lise Leder · Leder · Test HF · Entra-ID kjent",
        "Tien Medlem · Nestleder · Testby kommune · Entra-ID kjent",
        "Nina Ny · Medlem · Entra-ID mangler",
    ]
    assert "Dave Sekretariat · Entra-ID kjent" in texts
    assert "Rolleendringer siste 90 dager" in texts
    assert "23.11.2026 · SSU · Tien Medlem · endret: medlem (Testby kommune) → nestleder (Testby kommune)" in texts
    assert "23.11.2026 · SSU · Nina Ny · lagt til: – → medlem" in texts

    everything = card_texts((await bot.exchange(PERSONAL, "access", aad_object_id=SECRETARIAT_AAD)).cards[0])
    assert "Partnerskapsmøtet (PM)" in everything and "Lokalt samarbeidsutvalg Testby (LSU)" in everything

    refused = await bot.exchange(PERSONAL, "tilganger SSU", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert refused.text == "Tilgangsoversikten kan bare sekretariatet se."
    assert [event.actor_aad_object_id for event in await audit_trail(unit_of_work, "refused.access_review")] == [
        LEADER_AAD
    ]


async def test_identity_numbers_in_every_written_form_are_refused_in_chat_and_dates_and_phones_pass(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    # Skatteetaten's published example number, never a real person's.
    for written in ("020132-99997", "020132.99997", "0 2 0 1 3 2 9 9 9 9 7"):
        reply = await bot.exchange(PERSONAL, f"ny sak SSU Pasient {written}", aad_object_id=MEMBER_AAD, locale="nb-NO")
        assert "fødselsnummer" in reply.text and "99997" not in reply.text and "9 9 9" not in reply.text
    assert len(await audit_trail(unit_of_work, "privacy.identity_number_refused")) == 3
    assert await audit_trail(unit_of_work, "case.registered") == []

    passed = await bot.exchange(
        PERSONAL, "ny sak SSU Møte 12.03.2027, ring 22 33 44 55", aad_object_id=MEMBER_AAD, locale="nb-NO"
    )
    assert "Sak 1/2026" in " ".join([passed.text, *(t for card in passed.cards for t in card_texts(card))])
