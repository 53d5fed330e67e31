"""Outgoing messages: cards as attachments, measured whole the way Teams measures a message, and
split into as many messages as keep each under the limit.

Pure (no network): the turn's reply (bot/reply.py) and the relay's sender (bot/proactive.py) build
and split their messages with the same functions, and split further the same way on a 413.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity, Attachment

from cards.common import RenderedCard, summary_line

# DESIGN.md section 5: a message must stay under ~80 KB; Teams refuses one over 100 KB (413).
SAFE_MESSAGE_BYTES = 80 * 1024
# What botbuilder and the connector add to the activity built here (from, recipient,
# conversation, replyToId, serviceUrl, channel data), counted generously.
ENVELOPE_BYTES = 2 * 1024


class CardAttachment(Attachment):  # type: ignore[misc]
    """An Adaptive Card attachment that botbuilder's copy of an outgoing activity shares.

    botbuilder deep-copies every activity it sends, which for an agenda card of a few hundred
    JSON nodes costs more than rendering it. Nothing changes a card once it is rendered, so the
    copy may hold the same attachment. It serializes exactly as botbuilder's own (a test pins it):
    ``text_twin``, the card as plain text for the console, is not one of its serialized fields.
    """

    text_twin: str | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> CardAttachment:
        return self


def card_attachment(card: dict[str, Any], text_twin: str | None = None) -> CardAttachment:
    attachment = CardAttachment(content_type=CardFactory.content_types.adaptive_card, content=card)
    attachment.text_twin = text_twin
    return attachment


def card_message(cards: Sequence[RenderedCard], text: str | None = None) -> Activity:
    """One message of ``cards`` (and ``text``), summarised in notifications and the activity feed
    by its first card's title (the first line of its text, like the card's fallbackText) instead
    of Teams' generic "sent a card"."""
    attachments = [card_attachment(card.card, card.text) for card in cards]
    if len(attachments) == 1:
        activity = MessageFactory.attachment(attachments[0], text=text)
    else:
        activity = MessageFactory.list(attachments, text=text)
    activity.summary = summary_line(cards[0].text)
    return activity


def _sizes(payload: Any) -> tuple[int, int]:
    """``payload`` as JSON: its bytes on the wire (msrest escapes every non-ASCII character) and
    its UTF-16 size unescaped. Which one Teams counts is not documented; the larger one is safe."""
    return len(json.dumps(payload)), len(json.dumps(payload, ensure_ascii=False).encode("utf-16-le"))


def _attachment_payload(attachment: Attachment) -> dict[str, Any]:
    # The attachment's fields as msrest writes them; the card content is measured with json, not
    # walked by msrest, so measuring a large card stays cheap.
    fields = {
        "contentType": attachment.content_type,
        "contentUrl": attachment.content_url,
        "content": attachment.content,
        "name": attachment.name,
        "thumbnailUrl": attachment.thumbnail_url,
    }
    return {key: value for key, value in fields.items() if value is not None}


def message_size(activity: Activity) -> int:
    """The whole message's size as Teams counts it: the serialized activity (text, summary,
    entities and every attachment), with room for the fields added on the way."""
    attachments = activity.attachments or []
    bare = copy.copy(activity)
    bare.attachments = None
    envelope = bare.serialize()  # without the cards: small, so msrest's walk over it is cheap
    envelope["attachments"] = [_attachment_payload(attachment) for attachment in attachments]
    return max(_sizes(envelope)) + ENVELOPE_BYTES


def card_messages(
    cards: Sequence[RenderedCard], text: str | None = None, limit: int = SAFE_MESSAGE_BYTES
) -> list[Activity]:
    """``cards`` and ``text`` in as few messages as stay under ``limit``, in order: the text with
    the first cards, or alone before them when it would push them over. A card too large for any
    message still goes alone (the connector's 413 then decides, see `split_further`)."""
    if not cards:
        return [MessageFactory.text(text or "")]
    messages: list[Activity] = []
    batch: list[RenderedCard] = []
    pending_text = text
    for card in cards:
        if message_size(card_message([*batch, card], pending_text)) <= limit:
            batch.append(card)
            continue
        if batch:
            messages.append(card_message(batch, pending_text))
        elif pending_text:
            messages.append(MessageFactory.text(pending_text))
        pending_text = None
        batch = [card]
    if batch:
        messages.append(card_message(batch, pending_text))
    return messages


def split_further(activity: Activity, text_apart: bool = True) -> list[Activity] | None:
    """The message the connector refused as too large (413) as two smaller ones: half its cards
    each, the text and mentions with the first; with ``text_apart`` a text with one card as the
    text, then the card. None when nothing is left to split (one card, or a text alone)."""
    attachments = list(activity.attachments or [])
    if len(attachments) < 2 and not (text_apart and attachments and activity.text):
        return None
    if len(attachments) == 1:
        first, second = MessageFactory.text(activity.text), _with(attachments, None, activity.summary)
    else:
        middle = len(attachments) // 2
        first = _with(attachments[:middle], activity.text, activity.summary)
        second = _with(attachments[middle:], None, activity.summary)
    first.entities = activity.entities
    return [first, second]


def _with(attachments: Sequence[Attachment], text: str | None, summary: str | None) -> Activity:
    """A message of the attachments (as they are: nothing is rendered again), summarised by its
    first card's title where it is known, else by the summary of the message it was part of."""
    activity = MessageFactory.list(list(attachments), text=text)
    twin = getattr(attachments[0], "text_twin", None)
    activity.summary = summary_line(twin) if twin else summary
    return activity


def fitted(activities: Sequence[Activity], limit: int = SAFE_MESSAGE_BYTES, text_apart: bool = True) -> list[Activity]:
    """The messages, each one over ``limit`` halved (`split_further`) until every part fits or
    cannot be split."""
    result: list[Activity] = []
    pending = list(activities)
    while pending:
        activity = pending.pop(0)
        halves = split_further(activity, text_apart) if message_size(activity) > limit else None
        if halves is None:
            result.append(activity)
        else:
            pending[:0] = halves
    return result
