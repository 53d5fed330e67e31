"""The tuned connector serializer writes the same request bodies as msrest's own."""

from __future__ import annotations

import copy
import inspect
from datetime import UTC, datetime

import botbuilder.schema as schema
from botbuilder.core import CardFactory, MessageFactory
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import MicrosoftAppCredentials
from msrest.serialization import Model, Serializer

from bot.commands import Reply
from bot.connector import _fast_serializer
from bot.outgoing import card_attachment
from bot.teams import reply_activities
from cards.agenda import agenda_cards
from cards.common import RenderedCard
from tests.unit.test_cards import agenda


def test_no_botbuilder_schema_model_declares_validation_rules() -> None:
    # The tuned serializer skips msrest's body validation walk; that is only free of
    # consequence while no model it could meet has a rule to check.
    models = [c for _, c in inspect.getmembers(schema, inspect.isclass) if issubclass(c, Model)]
    assert len(models) > 50
    assert [m.__name__ for m in models if getattr(m, "_validation", None)] == []


def test_reply_body_is_what_msrest_would_send() -> None:
    client = ConnectorClient(credentials=MicrosoftAppCredentials("", ""), base_url="https://smba.example/emea/")
    stock: Serializer = client._serialize
    tuned = _fast_serializer(stock)
    card = agenda_cards(agenda(cases=12), "nb")[0].card
    activity = MessageFactory.attachment(card_attachment(card), text="Saksliste – møte")
    activity.timestamp = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)
    activity.from_property = schema.ChannelAccount(id="28:bot", name="Helsefellesskap")
    activity.conversation = schema.ConversationAccount(id="19:abc@thread.tacv2", is_group=True)
    activity.entities = [schema.Entity().deserialize({"type": "mention", "text": "<at>x</at>"})]
    assert tuned.body(activity, "Activity") == stock.body(activity, "Activity")
    botbuilders_own = MessageFactory.attachment(CardFactory.adaptive_card(card), text="Saksliste – møte")
    for name in ("timestamp", "from_property", "conversation", "entities"):
        setattr(botbuilders_own, name, getattr(activity, name))
    assert stock.body(activity, "Activity") == stock.body(botbuilders_own, "Activity")


def test_a_copied_reply_shares_its_card_and_keeps_the_rest_apart() -> None:
    card = agenda_cards(agenda(cases=3), "nb")[0].card
    (activity,) = reply_activities(Reply(text=None, cards=[RenderedCard(card=card, text="tekst")]))
    copied = copy.deepcopy(activity)
    assert copied.attachments[0].content is card
    copied.text = "endret"
    assert activity.text != "endret"
