"""What the bot's own reminders say. They go to channels and personal chats in bokmål, the
language of the partnership, like the agenda posts."""

from __future__ import annotations

from cards.agenda import agenda_cards
from cards.common import RenderedCard
from cards.dates import day_text, when_text
from cards.texts import Language
from governance.reminder_dispatch import ReminderMessage
from governance.reminders import ReminderKind

LANG: Language = "nb"


def reminder_text(message: ReminderMessage) -> str:
    key = message.body.key
    when = when_text(message.meeting_at, None, LANG) if message.meeting_at else ""
    if message.kind is ReminderKind.CASE_DEADLINE:
        deadline = day_text(message.deadline, LANG) if message.deadline else ""
        return (
            f"Påminnelse: Fristen for å melde inn saker til møtet i {key} {when} er {deadline}. "
            f"Meld inn en sak med «ny sak {key} <tittel>»."
        )
    if message.kind is ReminderKind.AGENDA:
        if message.publish:
            return f"Sakslisten til møtet i {key} {when} er publisert."
        return (
            f"Påminnelse: Sakslisten til møtet i {key} {when} er ikke publisert ennå. "
            f"Publiser den med «publiser saksliste {key}»."
        )
    if message.kind is ReminderKind.MEETING_EVE:
        return f"Påminnelse: {key} har møte {when}. Sakslisten følger."
    return (
        f"Påminnelse: {_sentence_start(message.subject or '')} i {key} venter på din godkjenning. "
        "Godkjenn eller avvis på kortet i kanalen."
    )


def reminder_cards(message: ReminderMessage) -> list[RenderedCard]:
    """The agenda, for the agenda post and the eve reminder; no card for the others."""
    if message.agenda is None or message.kind not in (ReminderKind.AGENDA, ReminderKind.MEETING_EVE):
        return []
    if message.kind is ReminderKind.AGENDA and not message.publish:
        return []
    return agenda_cards(message.agenda, LANG)


def notice_text(body_key: str, recipient: str, uncertain: bool) -> str:
    """For the secretariat, when a reminder could not be delivered, or may not have been."""
    if uncertain:
        return (
            f"Merk: En påminnelse fra {body_key} til {recipient} kan ha gått tapt (forbindelsen brøt underveis). "
            "Den sendes ikke på nytt av seg selv, for ikke å komme to ganger; sjekk med mottakeren."
        )
    return f"Merk: En påminnelse fra {body_key} til {recipient} kunne ikke leveres etter flere forsøk."


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]
