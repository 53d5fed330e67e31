"""The relay's sender through botbuilder's connector client to a fake Bot Connector that refuses
messages over a size (413): a message of several cards is split and resent until all of it
arrives; a card too large alone is refused for good."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from botbuilder.integration.aiohttp import CloudAdapter

from bot.connector import bot_framework_authentication
from bot.outgoing import card_message
from bot.proactive import ConnectorSender
from bot.settings import Settings
from cards.common import RenderedCard, adaptive_card, text_block
from governance.rules.reminders import Delivery
from scheduler.sender import Refused, Uncertain
from tests.support.fake_connector import FakeConnector

CHANNEL = "19:kanal@thread.tacv2"
NOW = datetime(2026, 12, 23, 7, 0, tzinfo=UTC)


@dataclass
class Teams:
    connector: FakeConnector
    sender: ConnectorSender
    reference: dict[str, Any]


@pytest.fixture
async def teams() -> AsyncIterator[Teams]:
    connector = FakeConnector()
    server = TestServer(connector.app(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    authentication = bot_framework_authentication(Settings(_env_file=None, HFBOT_DEV_NO_AUTH=True))  # type: ignore[call-arg]
    reference = {"conversation": {"id": CHANNEL}, "serviceUrl": url, "channelId": "msteams"}
    yield Teams(connector, ConnectorSender(CloudAdapter(authentication), ""), reference)
    await authentication.close()
    await server.close()


def card(title: str, filler_chars: int) -> RenderedCard:
    text = f"{title}\n" + "x" * filler_chars
    return RenderedCard(card=adaptive_card([text_block(title), text_block("x" * filler_chars)], text), text=text)


def arrived_titles(connector: FakeConnector) -> list[str]:
    return [content["body"][0]["text"] for sent in connector.sent for content in sent.cards]


async def test_a_message_of_several_cards_refused_as_too_large_is_split_and_resent_until_all_arrives(
    teams: Teams,
) -> None:
    titles = [f"Del {n}" for n in range(1, 6)]
    teams.connector.max_body_bytes = 25_000  # about two of these cards in one message

    first_id = await teams.sender.send_activities(
        teams.reference, [card_message([card(title, 10_000) for title in titles], "Sakslisten")]
    )

    assert arrived_titles(teams.connector) == titles  # every card, once, in order
    assert teams.connector.refused  # the connector did refuse the whole first
    assert len(teams.connector.sent) >= 3
    assert teams.connector.sent[0].text == "Sakslisten"
    assert first_id == "sent-1"


async def test_a_delivery_whose_card_is_too_large_even_alone_is_refused_for_good(teams: Teams) -> None:
    teams.connector.max_body_bytes = 5_000
    delivery = Delivery(
        key="k", body_id=1, conversation_id=CHANNEL, text="Påminnelse", created_at=NOW, next_attempt_at=NOW,
        card=card("Stort kort", 10_000).card,
    )  # fmt: skip

    with pytest.raises(Refused) as refused:
        await teams.sender.send(teams.reference, delivery)

    assert refused.value.code == "http_413"
    assert teams.connector.sent == []


async def test_a_failure_after_part_of_a_delivery_went_out_is_uncertain_so_it_is_not_sent_again(
    teams: Teams,
) -> None:
    teams.connector.answers = [(200, {}), (503, {})]

    with pytest.raises(Uncertain) as uncertain:
        await teams.sender.send_activities(
            teams.reference, [card_message([card("Del 1", 100)]), card_message([card("Del 2", 100)])]
        )

    assert uncertain.value.code == "partly_sent_http_503"
    assert arrived_titles(teams.connector) == ["Del 1"]
