"""`medlemmer synk` end to end: the roster read from the fake Bot Connector in Teams' own shape
(paged TeamsChannelAccounts), the proposal card, Confirm replayed as Teams' invoke, and the
member then acting by their Entra object id."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import pytest

from governance.structure.structure_file import import_structure, parse_structure
from tests.conftest import on_postgres
from tests.e2e.conftest import (
    CHANNEL,
    GROUP_CHAT,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    card_texts,
    channel_of,
    conversation_of,
    query,
    visible_text,
)
from tests.e2e.test_decisions import approval_cards, click, execute_action, invoke
from tests.support.fake_connector import HANG
from tests.support.structure import (
    LEADER_AAD,
    MEMBER_AAD,
    OUTSIDER_AAD,
    SECRETARIAT_AAD,
    TENANT,
    test_structure,
)

CONFIRM = "confirm_members_sync"
CANCEL = "cancel_members_sync"
LISE_TEAMS_ID = "29:1lise-teams-user-id"


def teams_account(name: str, aad: str, user_id: str, *, email: str | None, upn: str) -> dict[str, Any]:
    """A TeamsChannelAccount as GET /v3/conversations/{id}/pagedmembers lists it."""
    given, surname = name.split(" ", 1)
    return {
        "id": user_id,
        "name": name,
        "aadObjectId": aad,
        "email": email,
        "userPrincipalName": upn,
        "givenName": given,
        "surname": surname,
        "tenantId": TENANT,
        "userRole": "user",
    }


ROSTER = [
    teams_account("Dave Sekretariat", SECRETARIAT_AAD, "29:1dave", email="dave@example.no", upn="dave@example.no"),
    # Lise's address in Teams differs in case from the structure file's.
    teams_account("Lise Leder", LEADER_AAD, LISE_TEAMS_ID, email="Lise@Example.no", upn="lise@example.no"),
    # Tien has no mail attribute in Teams; the principal name matches, and the id is already his.
    teams_account("Tien Medlem", MEMBER_AAD, "29:1tien", email=None, upn="TIEN@example.no"),
    # Per's account carries an object id the LSU's Ola already holds: a conflict, left alone.
    teams_account("Per Konflikt", OUTSIDER_AAD, "29:1per", email="per@example.no", upn="per@example.no"),
    teams_account(
        "Gro Gjest", "7f0c1a52-3e4b-4c5d-8e6f-708192a3b4c5", "29:1gro", email="gro@kommune.no", upn="gro@kommune.no"
    ),
]


@pytest.fixture
async def sync_structure(unit_of_work: UnitOfWorkFactory) -> None:
    """The test structure with the SSU leader known by email only, a substitute Teams does not
    list, and a member whose Teams account another person already holds."""
    data = test_structure()
    ssu, lsu = data["bodies"][1], data["bodies"][2]
    del ssu["members"][0]["aad_object_id"]
    ssu["members"] += [
        {"name": "Kari Vara", "email": "kari@example.no", "role": "vara"},
        {"name": "Per Konflikt", "email": "per@example.no", "role": "medlem"},
    ]
    lsu["members"].append(
        {"name": "Ola Utenfor", "email": "ola@example.no", "aad_object_id": OUTSIDER_AAD, "role": "medlem"}
    )
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def person_ids(unit_of_work: UnitOfWorkFactory, email: str) -> tuple[Any, Any]:
    [row] = await query(unit_of_work, "SELECT aad_object_id, teams_user_id FROM persons WHERE email = :e", e=email)
    return row.aad_object_id, row.teams_user_id


async def proposal(bot: BotUnderTest, fixture: str = CHANNEL, **options: Any) -> dict[str, Any]:
    reply = await bot.exchange(fixture, "medlemmer synk SSU", **{"locale": "nb-NO", **options})
    [card] = reply.cards
    return card


async def test_the_secretariat_confirms_the_proposal_and_the_leader_then_approves_by_her_id(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster, bot.connector.roster_page = ROSTER, 2  # three pages
    refused = await bot.exchange(PERSONAL, "saker SSU", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert "ikke registrert som medlem av SSU" in visible_text(refused)  # Teams' id is not hers yet

    card = await proposal(bot)

    team = channel_of(CHANNEL)  # the captured channel is its team's General channel
    assert bot.connector.roster_requests == [team, team, team]
    texts = card_texts(card)
    assert "Kobles til Teams-kontoen (1)" in texts and "Lise Leder (lise@example.no)" in texts
    assert "Per Konflikt: kontoen er koblet til Ola Utenfor" in texts
    assert "Kari Vara" in texts  # not found in Teams
    assert "Dave Sekretariat, Gro Gjest" in texts  # in Teams, not members of the SSU
    assert "Allerede koblet: 1" in texts  # Tien

    confirmed = await click(bot, invoke(bot, execute_action(card, CONFIRM), SECRETARIAT_AAD))

    assert "Bekreftet av Dave Sekretariat: 1 koblet til Teams-kontoen." in card_texts(confirmed)
    assert "actions" not in confirmed
    assert await person_ids(unit_of_work, "lise@example.no") == (LEADER_AAD, LISE_TEAMS_ID)
    assert await person_ids(unit_of_work, "per@example.no") == (None, None)
    [event] = await audit_trail(unit_of_work, "members.synced")
    assert event.actor_aad_object_id == SECRETARIAT_AAD and event.subject is not None
    assert event.details["applied"] == 1 and event.details["skipped"] == 0 and len(event.details["persons"]) == 1
    assert "Lise" not in json.dumps(event.details)  # ids and counts, no names

    # Lise now acts by her object id: she approves a decision as the SSU's leader.
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    decision = approval_cards(bot)[0].cards[0]
    final = await click(bot, invoke(bot, execute_action(decision, "approve"), LEADER_AAD))
    assert card_texts(final)[0] == "Vedtatt – Sak 1/2026"


async def test_a_second_click_or_a_retried_invoke_changes_nothing_and_says_so(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER
    confirm = execute_action(await proposal(bot), CONFIRM)
    retried = invoke(bot, confirm, SECRETARIAT_AAD, activity_id="invoke-sent-twice")

    await click(bot, retried)
    again = await click(bot, retried)  # Teams redelivered the same invoke
    second = await click(bot, invoke(bot, confirm, SECRETARIAT_AAD, locale="en-US"))  # a second click

    assert "Dette er allerede gjort. Ingenting er endret." in card_texts(again)
    assert "This has already been done. Nothing was changed." in card_texts(second)
    assert len(await audit_trail(unit_of_work, "members.synced")) == 1
    assert await person_ids(unit_of_work, "lise@example.no") == (LEADER_AAD, LISE_TEAMS_ID)


async def test_a_change_that_no_longer_holds_when_confirmed_is_not_stored(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER
    confirm = execute_action(await proposal(bot), CONFIRM)
    async with unit_of_work() as uow:  # meanwhile Lise's account was given to Kari
        kari = await uow.persons.by_email("kari@example.no")
        assert kari is not None
        kari.aad_object_id = LEADER_AAD
        await uow.commit()

    confirmed = await click(bot, invoke(bot, confirm, SECRETARIAT_AAD))

    texts = card_texts(confirmed)
    assert "Bekreftet av Dave Sekretariat, men ingenting kunne lagres." in texts
    assert "Lise Leder: kontoen er koblet til en annen i mellomtiden" in texts
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)
    assert await audit_trail(unit_of_work, "members.synced") == []


async def test_cancel_stores_nothing_and_says_who_cancelled(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER
    cancelled = await click(bot, invoke(bot, execute_action(await proposal(bot), CANCEL), SECRETARIAT_AAD))

    assert "Avbrutt av Dave Sekretariat. Ingenting er endret." in card_texts(cancelled)
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)
    assert await audit_trail(unit_of_work, "members.synced") == []


async def test_a_member_who_is_not_secretariat_or_chair_is_refused_in_chat_and_on_the_card(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER

    refused = await bot.exchange(PERSONAL, "medlemmer synk SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "Du har ikke rettigheter til dette i SSU" in visible_text(refused)
    assert bot.connector.roster_requests == []  # refused before Teams is asked

    card = await proposal(bot)
    pressed = await click(bot, invoke(bot, execute_action(card, CONFIRM), MEMBER_AAD))

    assert "Du har ikke rettigheter til dette i SSU" in " ".join(card_texts(pressed))
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)
    refusals = await audit_trail(unit_of_work, "refused.sync_members")
    assert [event.actor_aad_object_id for event in refusals] == [MEMBER_AAD, MEMBER_AAD]


@pytest.mark.parametrize("failure", ["error", "timeout"])
async def test_teams_not_giving_the_roster_gets_a_clear_answer(
    bot: BotUnderTest,
    sync_structure: None,
    unit_of_work: UnitOfWorkFactory,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER
    if failure == "error":
        bot.connector.roster_status = 503
    else:
        monkeypatch.setattr("bot.roster.ROSTER_TIMEOUT_SECONDS", 0.2)
        bot.connector.roster_delay = 1.0

    nb = await bot.say(CHANNEL, "medlemmer synk", locale="nb-NO")
    en = await bot.say(CHANNEL, "members sync", locale="en-US")

    assert nb == "Teams svarte ikke da jeg ba om medlemslisten til SSU. Ingenting er endret; prøv igjen om litt."
    assert en.startswith("Teams did not answer when I asked for the member list of SSU.")
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)


async def test_a_roster_read_that_hangs_holds_up_no_other_users_turn(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 15: the roster was read inside the turn's transaction, so on SQLite (one connection)
    # every other user waited for Teams, and was then told the database was unavailable.
    monkeypatch.setattr("bot.roster.ROSTER_TIMEOUT_SECONDS", 120.0)  # the test says when Teams answers
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    bot.connector.roster = ROSTER
    bot.connector.roster_faults.append(HANG)
    syncing = asyncio.ensure_future(bot.exchange(CHANNEL, "medlemmer synk SSU", locale="nb-NO"))
    try:
        await bot.connector.roster_asked()  # the roster read has reached Teams, which does not answer

        cases = await bot.exchange(PERSONAL, "saker SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")

        assert not syncing.done()  # answered while the roster read still hangs
        assert "1/2026 Felles rutine for utskrivning" in visible_text(cases)
        if on_postgres():  # there the other turn has a connection of its own: none is held open
            [idle] = await query(
                unit_of_work,
                "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
                " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()",
            )
            assert idle.n == 0
    finally:
        bot.connector.release_hangs()
        await asyncio.wait([syncing])  # the sync turn ends either way, not after the test
    reply = syncing.result()

    [card] = reply.cards
    assert "Lise Leder (lise@example.no)" in card_texts(card)
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)  # proposed, not stored
    assert bot.connector.roster_requests == [channel_of(CHANNEL)]


async def test_a_group_chat_reads_its_own_roster_and_a_personal_chat_the_bodys_channel(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    bot.connector.roster = ROSTER
    unlinked = await bot.say(PERSONAL, "medlemmer synk SSU", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert unlinked.startswith("Skriv «medlemmer synk» i kanalen til SSU")
    assert bot.connector.roster_requests == []

    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    card = await proposal(bot, PERSONAL, aad_object_id=SECRETARIAT_AAD)

    assert bot.connector.roster_requests == [channel_of(CHANNEL)]
    assert "Lise Leder (lise@example.no)" in card_texts(card)

    await proposal(bot, GROUP_CHAT, aad_object_id=SECRETARIAT_AAD)  # a chat with the members, not linked
    assert bot.connector.roster_requests[-1] == conversation_of(GROUP_CHAT)


async def test_when_everything_matches_the_answer_is_plain_text(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER[:3]

    reply = await bot.exchange(CHANNEL, "members sync", locale="en-US")

    assert reply.cards == []
    assert reply.text.startswith("Every member of SSU who is in Teams is already linked to their Teams account.")


async def test_a_confirm_with_ids_the_card_did_not_carry_is_refused_and_stores_nothing(
    bot: BotUnderTest, sync_structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    """A crafted invoke cannot bind a member to another account: the button's data is sealed."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    bot.connector.roster = ROSTER
    confirm = copy.deepcopy(execute_action(await proposal(bot), CONFIRM))
    confirm["data"]["changes"][0]["aadObjectId"] = OUTSIDER_AAD  # someone else's account

    pressed = await click(bot, invoke(bot, confirm, SECRETARIAT_AAD))

    assert "Kortet ble ikke forstått. Det kan være utdatert." in card_texts(pressed)
    assert await person_ids(unit_of_work, "lise@example.no") == (None, None)
    assert await audit_trail(unit_of_work, "members.synced") == []
