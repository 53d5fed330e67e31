"""Building blocks for Adaptive Cards 1.5 (the newest version Teams renders) and their text twin."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

CARD_VERSION = "1.5"
# Teams measures a bot message whole (text, cards, mentions) in UTF-16, where every character of
# æøå or Sami takes 2 bytes and an emoji 4; its limit is about 100 KB, answered with 413
# MessageSizeTooBig, and it advises keeping a message within 80 KB to be sure it is delivered
# ("Format your bot messages", learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages).
MAX_MESSAGE_BYTES = 80 * 1024
# A card must fit in a message together with the activity around it (its text, summary and the
# connector's fields); the whole message is measured again when it is sent (bot/outgoing.py).
MAX_CARD_BYTES = MAX_MESSAGE_BYTES - 4 * 1024
# The one-line summary a card carries as its fallbackText, and its message as the notification
# preview: a title, not the card again.
MAX_SUMMARY_CHARS = 150
ELLIPSIS = "…"

Element = dict[str, Any]
Item = TypeVar("Item")


@dataclass(frozen=True)
class RenderedCard:
    """A card and the same content as plain text, for the console and for clients without cards."""

    card: dict[str, Any]
    text: str

    @property
    def size(self) -> int:
        return json_size(self.card)


def utf16_size(text: str) -> int:
    """``text``'s size as Teams counts it: UTF-16 code units, two bytes each."""
    # surrogatepass: a lone surrogate a user typed still has a size instead of an error.
    return len(text.encode("utf-16-le", errors="surrogatepass"))


def json_size(payload: Any) -> int:
    """The UTF-16 size of ``payload`` written as JSON, the way Teams measures a message."""
    return utf16_size(json.dumps(payload, ensure_ascii=False))


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters at a word boundary, marked with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else _cut(text, limit)


def paragraphs(text: str, limit: int) -> str:
    """Text as written, its paragraphs kept (a card's TextBlock needs a blank line between them),
    cut at a word boundary after ``limit`` characters and marked with an ellipsis."""
    kept = "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return kept if len(kept) <= limit else _cut(kept, limit)


def _cut(text: str, limit: int) -> str:
    cut = text[: limit - len(ELLIPSIS)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-\n") + ELLIPSIS


def summary_line(text: str) -> str:
    """The first non-empty line of a card's text twin (its title), short enough for a preview."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return shorten(first, MAX_SUMMARY_CHARS)


def adaptive_card(body: list[Element], text: str, actions: list[Element] | None = None) -> dict[str, Any]:
    """A card whose ``fallbackText`` is the first line of its text twin ``text``.

    Clients without cards show the fallback; repeating the whole card there would nearly double
    the message Teams measures, so it names the card instead."""
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "fallbackText": summary_line(text),
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        card["actions"] = actions
    return card


def heading(text: str, size: str = "Large") -> Element:
    return {"type": "TextBlock", "text": text, "size": size, "weight": "Bolder", "wrap": True, "style": "heading"}


def text_block(text: str, *, subtle: bool = False, bold: bool = False, spacing: str | None = None) -> Element:
    block: Element = {"type": "TextBlock", "text": text, "wrap": True}
    if subtle:
        block["isSubtle"] = True
        block["size"] = "Small"
    if bold:
        block["weight"] = "Bolder"
    if spacing:
        block["spacing"] = spacing
    return block


def fact_set(facts: list[tuple[str, str]]) -> Element:
    return {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in facts if value]}


def container(items: list[Element], *, separator: bool = False, style: str | None = None) -> Element:
    element: Element = {"type": "Container", "items": items}
    if separator:
        element["separator"] = True
    if style:
        element["style"] = style
    return element


Entry = tuple[Element, list[str]]


def listing(title: str, entries: list[Entry], when_empty: str) -> RenderedCard:
    """A titled list of entries, or a sentence saying there are none."""
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if not entries:
        body.append(text_block(when_empty))
        lines.append(when_empty)
    for element, entry_lines in entries:
        body.append(element)
        lines += entry_lines
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def headed_entry(first: str, details: list[str]) -> Entry:
    """A bold first line with subtle detail lines under it."""
    blocks = [text_block(first, bold=True)] + [text_block(line, subtle=True, spacing="None") for line in details]
    return container(blocks, separator=True), [first] + [f"  {line}" for line in details]


def in_parts(
    items: Sequence[Item], render: Callable[[Sequence[Item], tuple[int, int] | None], RenderedCard]
) -> list[RenderedCard]:
    """One card of all the items, or as few numbered parts (part, of how many) as keep every
    card under the size limit; a single item too large for a card still gets its own."""
    whole = render(items, None)
    if whole.size <= MAX_CARD_BYTES:
        return [whole]
    parts = 2
    while True:
        chunk = -(-len(items) // parts)
        slices = [items[start : start + chunk] for start in range(0, len(items), chunk)]
        cards = [render(part, (index, len(slices))) for index, part in enumerate(slices, start=1)]
        if all(card.size <= MAX_CARD_BYTES for card in cards) or chunk == 1:
            return cards
        parts += 1
