"""A message is measured whole, as it goes over the wire, and split into messages under the limit
(bot/outgoing.py): the reply and the relay split the same way, and again on a 413."""

from __future__ import annotations

import json

from botbuilder.core import MessageFactory
from botbuilder.schema import Activity, ChannelAccount, Mention

from bot.outgoing import SAFE_MESSAGE_BYTES, card_message, card_messages, fitted, message_size, split_further
from cards.common import MAX_CARD_BYTES, RenderedCard, adaptive_card, text_block

LIMIT_KB = 80  # DESIGN.md section 5: a message must stay under ~80 KB


def card(title: str, filler_chars: int, letter: str = "a") -> RenderedCard:
    text = f"{title}\n" + letter * filler_chars
    return RenderedCard(card=adaptive_card([text_block(title), text_block(letter * filler_chars)], text), text=text)


def on_the_wire(activity: Activity) -> int:
    """What the connector client sends: msrest's JSON, every non-ASCII character escaped."""
    return len(json.dumps(activity.serialize()).encode())


def in_utf16(activity: Activity) -> int:
    return len(json.dumps(activity.serialize(), ensure_ascii=False).encode("utf-16-le"))


def titles(messages: list[Activity]) -> list[str]:
    return [a.content["body"][0]["text"] for message in messages for a in message.attachments or []]


def test_the_limit_is_80_kb_and_every_card_the_bot_draws_fits_in_a_message_with_room_to_spare() -> None:
    assert SAFE_MESSAGE_BYTES == LIMIT_KB * 1024
    assert MAX_CARD_BYTES < SAFE_MESSAGE_BYTES


def test_a_message_is_measured_at_least_as_large_as_it_is_on_the_wire_and_in_utf16() -> None:
    mention = Mention(mentioned=ChannelAccount(id="29:lise", name="Lise Leder"), text="<at>Lise</at>", type="mention")
    for activity in (
        card_message([card("Norsk", 5000, "ø")], "Sakslisten – skrøpelige eldre"),  # escaped: 6 bytes a letter
        card_message([card("Ascii", 5000), card("Mer", 3000)], "plain"),  # UTF-16: 2 bytes a letter
        MessageFactory.text("Påminnelse 🧭 " * 200),
    ):
        activity.entities = [mention]
        assert message_size(activity) >= max(on_the_wire(activity), in_utf16(activity))
        # ...and not wildly more: the margin is for what the connector adds, a few KB.
        assert message_size(activity) <= max(on_the_wire(activity), in_utf16(activity)) + 4 * 1024


def test_cards_of_one_reply_go_in_as_few_messages_as_stay_under_the_limit_in_order() -> None:
    cards = [card(f"Kort {n}", 9000, "å") for n in range(1, 8)]  # ~55 KB each on the wire

    messages = card_messages(cards, "Her er sakene.")

    assert titles(messages) == [f"Kort {n}" for n in range(1, 8)]
    assert all(max(on_the_wire(m), in_utf16(m)) < SAFE_MESSAGE_BYTES for m in messages)
    assert [m.text for m in messages] == ["Her er sakene."] + [None] * (len(messages) - 1)
    assert len(messages) == 7  # two would be over 80 KB together


def test_small_cards_share_a_message_and_a_text_alone_is_one_message() -> None:
    (message,) = card_messages([card("En", 100), card("To", 100)], "Tekst")
    assert titles([message]) == ["En", "To"] and message.text == "Tekst"
    (text_only,) = card_messages([], "Bare tekst")
    assert text_only.text == "Bare tekst" and not text_only.attachments


def test_a_text_that_would_push_the_first_card_over_goes_alone_before_it() -> None:
    big = card("Stor", 38_000)  # ~76 KB in UTF-16
    first, second = card_messages([big], "x" * 3000)
    assert first.text == "x" * 3000 and not first.attachments
    assert titles([second]) == ["Stor"] and second.text is None


def test_a_message_refused_as_too_large_splits_in_halves_with_the_text_and_mentions_first() -> None:
    message = card_message([card(f"Kort {n}", 100) for n in range(1, 6)], "Tekst")
    message.entities = [Mention(mentioned=ChannelAccount(id="29:x", name="X"), text="<at>X</at>", type="mention")]

    halves = split_further(message)

    assert halves is not None
    first, second = halves
    assert titles([first]) == ["Kort 1", "Kort 2"] and titles([second]) == ["Kort 3", "Kort 4", "Kort 5"]
    assert first.text == "Tekst" and second.text is None
    assert first.entities == message.entities and not second.entities
    assert first.summary == "Kort 1" and second.summary == "Kort 3"  # each previews its own first card


def test_a_text_with_one_card_splits_into_the_text_then_the_card_and_one_card_alone_cannot_split() -> None:
    halves = split_further(card_message([card("Eneste", 100)], "Tekst"))
    assert halves is not None
    text, alone = halves
    assert text.text == "Tekst" and not text.attachments
    assert titles([alone]) == ["Eneste"] and alone.summary == "Eneste"
    assert split_further(card_message([card("Eneste", 100)])) is None
    # The relay keeps a reminder's text (who it is for) with its card.
    assert split_further(card_message([card("Eneste", 100)], "Tekst"), text_apart=False) is None
    assert split_further(MessageFactory.text("Bare tekst")) is None


def test_messages_over_the_limit_are_halved_until_every_part_fits() -> None:
    oversized = card_message([card(f"Kort {n}", 12_000) for n in range(1, 7)], "Tekst")  # ~150 KB in UTF-16
    assert message_size(oversized) > SAFE_MESSAGE_BYTES

    parts = fitted([oversized, MessageFactory.text("etter")])

    assert titles(parts) == [f"Kort {n}" for n in range(1, 7)]
    assert all(message_size(part) <= SAFE_MESSAGE_BYTES for part in parts)
    assert parts[0].text == "Tekst" and parts[-1].text == "etter"
