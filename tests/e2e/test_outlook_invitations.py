"""Outlook invitations end to end: the running bot, configured with GRAPH_* settings that point at
a local fake Graph and sign-in server, answers the chat at once and leaves Graph to its relay;
without the settings it says plainly that the integration is off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    e2e_settings,
    running_bot,
    visible_text,
)
from tests.support.fake_connector import FakeConnector
from tests.support.fake_graph import Answer, FakeGraph, start_fake_graph
from tests.support.structure import MEMBER_AAD, test_structure

ORGANISER = "dave@example.no"


@pytest.fixture
async def fake_graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    fake, server = await start_fake_graph(tmp_path)
    yield fake
    await server.close()


@pytest.fixture
async def graph_bot(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str], fake_graph: FakeGraph
) -> AsyncIterator[BotUnderTest]:
    fake, connector_url = connector
    settings = e2e_settings(database_url, **fake_graph.env(timeout_s=5.0))
    async with running_bot(settings, clock, fake, connector_url) as running:
        yield running


@pytest.fixture
async def organised(structure: None, unit_of_work: UnitOfWorkFactory) -> None:
    data = test_structure()
    data["bodies"][1]["organiser"] = ORGANISER
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()


async def run_relay(bot: BotUnderTest) -> int:
    assert bot.app is not None
    return await bot.app[SERVICES].relay.run_once()


@pytest.mark.usefixtures("organised")
async def test_a_meeting_planned_in_chat_reaches_outlook_through_the_relay(
    graph_bot: BotUnderTest, fake_graph: FakeGraph
) -> None:
    await graph_bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    reply = visible_text(
        await graph_bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00 Møterom 1", locale="nb-NO")
    )

    assert "Outlook-invitasjonen med Teams-møte sendes fra kalenderen til dave@example.no om litt." in reply
    assert fake_graph.requests == []  # the turn did not wait on Graph

    await run_relay(graph_bot)
    [create] = fake_graph.calls("POST", "/events")
    assert create.path == "/v1.0/users/dave@example.no/events"
    assert (create.body or {})["start"] == {"dateTime": "2027-01-12T08:00:00", "timeZone": "UTC"}
    assert {a["emailAddress"]["name"] for a in (create.body or {})["attendees"]} == {"Lise Leder", "Tien Medlem"}

    # The agenda now offers the event's Teams meeting.
    [event] = fake_graph.live_events()
    agenda = await graph_bot.exchange(PERSONAL, "saksliste SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert {"type": "Action.OpenUrl", "title": "Bli med i Teams-møtet", "url": event["onlineMeeting"]["joinUrl"]} in (
        agenda.cards[0]["actions"]
    )

    async with graph_bot.session.get(f"{graph_bot.url}/healthz") as response:
        health = await response.json()
    assert health["calendar"]["enabled"] is True
    # Nothing left to do: a synced event is not counted (there is one for every meeting ever planned).
    assert health["calendar"]["events"] == {"pending": 0, "failed": 0}

    reply = visible_text(await graph_bot.exchange(PERSONAL, "kalender SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "Outlook-invitasjoner med Teams-møte, fra kalenderen til dave@example.no" in reply


@pytest.mark.usefixtures("organised")
async def test_a_slow_graph_holds_up_no_one_in_the_chat(graph_bot: BotUnderTest, fake_graph: FakeGraph) -> None:
    await graph_bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await graph_bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00", locale="nb-NO")
    fake_graph.answers = [Answer(slow_s=2.0)]  # Graph takes its time over the create
    relay = asyncio.ensure_future(run_relay(graph_bot))
    while not fake_graph.requests:
        await asyncio.sleep(0.01)

    reply = visible_text(await graph_bot.exchange(PERSONAL, "møter SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))

    assert "12. januar 2027" in reply
    assert not relay.done()  # the member was answered while Graph was still busy
    await relay
    assert len(fake_graph.live_events()) == 1


@pytest.mark.usefixtures("organised")
async def test_without_graph_settings_the_bot_says_outlook_invitations_are_off(bot: BotUnderTest) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    planned = visible_text(await bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00", locale="nb-NO"))
    assert "Outlook-invitasjoner er av (Microsoft Graph er ikke satt opp for boten)" in planned

    english = visible_text(await bot.exchange(PERSONAL, "calendar SSU", aad_object_id=MEMBER_AAD, locale="en-US"))
    assert "Outlook invitations are off (Microsoft Graph is not set up for the bot)" in english

    async with bot.session.get(f"{bot.url}/healthz") as response:
        assert (await response.json())["calendar"]["enabled"] is False
