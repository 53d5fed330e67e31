"""The help card: every command with its usage, or one command in detail."""

from __future__ import annotations

from dataclasses import dataclass

from cards.common import Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.texts import Language, say


@dataclass(frozen=True)
class HelpEntry:
    usage: str
    summary: str
    aliases: str = ""
    example: str = ""


def help_card(entries: list[HelpEntry], lang: Language) -> RenderedCard:
    title = say(lang, "help")
    body: list[Element] = [heading(title, "Medium"), text_block(say(lang, "help_intro"), subtle=True)]
    lines = [title, say(lang, "help_intro")]
    for entry in entries:
        body.append(
            container([text_block(entry.usage, bold=True), text_block(entry.summary, spacing="None")], separator=True)
        )
        lines.append(f"{entry.usage} – {entry.summary}")
    body.append(text_block(say(lang, "help_more"), subtle=True))
    lines.append(say(lang, "help_more"))
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def command_help_card(entry: HelpEntry, lang: Language) -> RenderedCard:
    body: list[Element] = [heading(entry.usage, "Medium"), text_block(entry.summary)]
    lines = [entry.usage, entry.summary]
    for key, value in (("also", entry.aliases), ("example", entry.example)):
        if value:
            body.append(text_block(f"{say(lang, key)}: {value}", subtle=True))
            lines.append(f"{say(lang, key)}: {value}")
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)
