"""What the bot's own reminders say. They go to channels and personal chats in bokmål, the
language of the partnership, like the agenda posts."""

from __future__ import annotations

from cards.agenda import agenda_cards
from cards.approvals import notice_block
from cards.common import Element, RenderedCard, adaptive_card, fact_set, heading, text_block
from cards.dates import day_text, numeric_date, when_text
from cards.texts import Language, label, say
from governance.reminders.reminder_dispatch import ReminderMessage
from governance.reminders.reminder_policy import ReminderPolicyView, UpcomingReminder
from governance.rules.reminders import AgendaMode, ReminderKind

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
    if message.kind is ReminderKind.MEASURE_DUE and message.measures:
        measure = message.measures[0]
        return (
            f"Påminnelse: Tiltak {measure.number}/{measure.year} «{measure.title}» har frist "
            f"{day_text(measure.due, LANG)}. Oppdater status med «tiltak {measure.number} <status> [kommentar]»."
        )
    if message.kind is ReminderKind.OVERDUE_DIGEST:
        lines = [
            f"• {m.number}/{m.year} {m.title} – frist {numeric_date(m.due)}"
            + (f" – {m.owner}" if message.publish and m.owner else "")
            for m in message.measures
        ]
        head = (
            f"Forfalte tiltak i handlingsplanen ({len(lines)}):"
            if message.publish
            else "Påminnelse: Disse tiltakene du er ansvarlig for, har passert fristen. Oppdater status med «tiltak <nr> <status> [kommentar]»."
        )
        return "\n".join([head, *lines])
    return (
        f"Påminnelse: {_sentence_start(message.subject or '')} i {key} venter på din godkjenning. "
        "Godkjenn eller avvis på kortet i kanalen."
    )


def reminder_cards(message: ReminderMessage, calendar_base: str | None = None) -> list[RenderedCard]:
    """The agenda, for the agenda post and the eve reminder; no card for the others.
    `calendar_base` is the bot's public address, for the meeting's .ics button."""
    if message.agenda is None or message.kind not in (ReminderKind.AGENDA, ReminderKind.MEETING_EVE):
        return []
    if message.kind is ReminderKind.AGENDA and not message.publish:
        return []
    return agenda_cards(message.agenda, LANG, calendar_base)


def notice_text(body_key: str, recipient: str, uncertain: bool, what: str = "En påminnelse") -> str:
    """For the secretariat, when a reminder or a post (`what`) could not be delivered, or may not
    have been."""
    if uncertain:
        return (
            f"Merk: {what} fra {body_key} til {recipient} kan ha gått tapt, eller kan allerede være der "
            "(forbindelsen brøt underveis). "
            "Den sendes ikke på nytt av seg selv, for ikke å komme to ganger; sjekk med mottakeren."
        )
    return f"Merk: {what} fra {body_key} til {recipient} kunne ikke leveres etter flere forsøk."


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def reminder_policy_card(view: ReminderPolicyView, lang: Language) -> RenderedCard:
    """A body's reminder policy and its next reminders (in the reader's language)."""
    policy = view.policy
    title = say(lang, "reminders_title", body=view.body.key)
    mode = "reminders_agenda_publish" if policy.agenda_mode is AgendaMode.PUBLISH else "reminders_agenda_remind"
    facts = [
        (say(lang, "reminders_deadline"), say(lang, "reminders_days_before", days=policy.case_deadline_days)),
        (say(lang, "agenda"), say(lang, mode, days=policy.agenda_days)),
        (say(lang, "reminders_eve"), say(lang, "yes" if policy.meeting_eve else "no")),
    ]
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if view.changed:
        notice = say(lang, "reminders_changed", body=view.body.key)
        body.append(notice_block(notice))
        lines.append(notice)
    body.append(fact_set(facts))
    lines += [f"{name}: {value}" for name, value in facts]
    body.append(text_block(say(lang, "reminders_next"), bold=True))
    lines.append(say(lang, "reminders_next") + ":")
    entries = [_upcoming_line(entry, lang) for entry in view.upcoming] or [say(lang, "reminders_none")]
    for entry in entries:
        body.append(text_block(entry, spacing="Small"))
        lines.append(f"  {entry}")
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def _upcoming_line(entry: UpcomingReminder, lang: Language) -> str:
    line = f"{when_text(entry.due_at, None, lang)} – {label(lang, entry.kind)}"
    if entry.meeting_at is not None:
        line += " " + say(lang, "reminders_for_meeting", when=when_text(entry.meeting_at, None, lang))
    return line
