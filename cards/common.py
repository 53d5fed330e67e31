"""Building blocks for Adaptive Cards 1.5 (the newest version Teams renders) and their text twin."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

CARD_VERSION = "1.5"
# Teams refuses messages over about 100 KB; staying under 80 KB leaves room for the envelope.
MAX_CARD_BYTES = 80 * 1024

Element = dict[str, Any]
Item = TypeVar("Item")


@dataclass(frozen=True)
class RenderedCard:
    """A card and the same content as plain text, for the console and for clients without cards."""

    card: dict[str, Any]
    text: str

    @property
    def size(self) -> int:
        return len(json.dumps(self.card, ensure_ascii=False).encode())


def adaptive_card(body: list[Element], fallback_text: str, actions: list[Element] | None = None) -> dict[str, Any]:
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "fallbackText": fallback_text,
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
