"""The relay's messages through the Bot Connector, with each failure sorted by what it means:
worth retrying (and when), may have arrived, or refused for good (scheduler/sender.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiohttp
from botbuilder.core import BotAdapter, MessageFactory, TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationReference, Mention
from msrest.exceptions import ClientRequestError, HttpOperationError

from bot.outgoing import card_message, fitted, split_further
from cards.common import RenderedCard
from governance.rules.reminders import Delivery
from scheduler.sender import RETRYABLE_STATUSES, Refused, RetryLater, SendFailed, Uncertain, retry_after_seconds

log = logging.getLogger(__name__)

# The connector's answer to a message over Teams' size limit.
TOO_LARGE = "http_413"

# What aiohttp raises for a service URL it cannot send to (its classes differ between versions).
_NOT_A_URL: tuple[type[Exception], ...] = tuple(
    kind for kind in (getattr(aiohttp, "InvalidURL", None), getattr(aiohttp, "NonHttpUrlClientError", None)) if kind
)


def classify(error: BaseException) -> SendFailed:
    """What a failed send means for the relay."""
    if isinstance(error, SendFailed):
        return error
    response = getattr(error, "response", None) if isinstance(error, HttpOperationError) else None
    if response is not None:
        # msrest's own response has `status_code`; the aiohttp one it may carry has `status`.
        status = int(getattr(response, "status_code", None) or getattr(response, "status", 0) or 0)
        code = f"http_{status}"
        if status in RETRYABLE_STATUSES:
            headers = getattr(response, "headers", {}) or {}
            return RetryLater(code, retry_after_seconds(headers.get("Retry-After"), datetime.now(UTC)))
        if 400 <= status < 500:
            return Refused(code)
        return Uncertain(code)  # 500 and the like: the connector may have taken it
    if isinstance(error, ClientRequestError):
        if isinstance(error.__cause__, _NOT_A_URL):
            return Refused("invalid_service_url")  # not a URL to send to (the console's own chat)
        if isinstance(error.__cause__, aiohttp.ClientConnectorError):
            return RetryLater("no_connection")  # the connection never opened: nothing was sent
        return Uncertain("connection_lost")
    if isinstance(error, TimeoutError):
        return Uncertain("timeout")
    if isinstance(error, PermissionError):
        return RetryLater("bot_token_refused")  # no token, so no request was made
    return Uncertain(type(error).__name__)


def stored_card(card: dict[str, Any]) -> RenderedCard:
    """A card from the outbox: the stored card is all there is, so its one-line fallback stands in
    for the text twin (the notification's summary)."""
    return RenderedCard(card=card, text=str(card.get("fallbackText") or ""))


def delivery_activity(delivery: Delivery) -> Activity:
    """The message: its text with the people it names @mentioned where Teams ids are known, and
    its card."""
    text = delivery.text
    entities = []
    if delivery.mentions:
        named = []
        for person in delivery.mentions:
            if person.get("id"):
                tag = f"<at>{person['name']}</at>"
                entities.append(
                    Mention(mentioned=ChannelAccount(id=person["id"], name=person["name"]), text=tag, type="mention")
                )
                named.append(tag)
            else:
                named.append(person["name"])
        text = f"{', '.join(named)}: {text}"
    if delivery.card:
        activity = card_message([stored_card(delivery.card)], text)
    else:
        activity = MessageFactory.text(text)
    if entities:
        activity.entities = entities
    return activity


class ConnectorSender:
    """Sends a delivery as a new message in its stored conversation."""

    def __init__(self, adapter: BotAdapter, app_id: str) -> None:
        self._adapter = adapter
        self._app_id = app_id

    async def send(self, reference: dict[str, Any], delivery: Delivery) -> str:
        """Posts the delivery, and a post in parts (a long agenda) part after part, in order; the
        first message's id stands for the post."""
        activities = [delivery_activity(delivery)] + [
            card_message([stored_card(card)]) for card in delivery.extra_cards or []
        ]
        return await self.send_activities(reference, activities)

    async def send_activities(self, reference: dict[str, Any], activities: Sequence[Activity]) -> str:
        """Sends the messages in order, each under Teams' size limit (bot/outgoing.py), and
        returns the id of the first. A message of several cards the connector refuses as too large
        (413) is split and its halves resent; one card (with its text: they belong together, the
        text names who it is for) is refused for good ("http_413").

        Raises SendFailed. Once one message has gone, a later failure is Uncertain: sending the
        whole delivery again would repeat what already arrived.
        """
        pending = fitted(activities, text_apart=False)
        sent: list[str] = []
        while pending:
            activity = pending[0]
            try:
                sent.append(await self._post(reference, activity))
            except Exception as error:  # the connector's failures come in many types
                failure = classify(error)
                halves = split_further(activity, text_apart=False) if failure.code == TOO_LARGE else None
                if halves is not None:
                    log.info("delivery.split code=%s", failure.code)
                    pending[:1] = halves
                    continue
                if sent and not isinstance(failure, Uncertain):
                    failure = Uncertain(f"partly_sent_{failure.code}")
                log.info("delivery.send_failed code=%s error=%s", failure.code, type(error).__name__)
                raise failure from error
            pending.pop(0)
        return sent[0] if sent else ""

    async def _post(self, reference: dict[str, Any], activity: Activity) -> str:
        sent: list[str] = []

        async def post(context: TurnContext) -> None:
            context.activity.id = None  # a new message, not a reply to the continuation
            response = await context.send_activity(activity)
            sent.append(getattr(response, "id", "") or "")

        await self._adapter.continue_conversation(ConversationReference().deserialize(reference), post, self._app_id)
        return sent[0] if sent else ""

    async def replace(self, reference: dict[str, Any], activity_id: str, delivery: Delivery) -> str:
        """Replaces a posted message (an approval card whose round ended) with the delivery's card."""
        activity = delivery_activity(delivery)
        activity.id = activity_id

        async def update(context: TurnContext) -> None:
            await context.update_activity(activity)

        try:
            await self._adapter.continue_conversation(
                ConversationReference().deserialize(reference), update, self._app_id
            )
        except Exception as error:  # the connector's failures come in many types
            failure = classify(error)
            log.info("delivery.replace_failed code=%s error=%s", failure.code, type(error).__name__)
            raise failure from error
        return activity_id
