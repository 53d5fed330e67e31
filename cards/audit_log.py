"""The log card of `logg`: a body's (or a case's) latest audit events, newest first, each with
when, who, what and what changed, and a button for the older ones.

The audit holds no message text, and the card shows nothing but what the audit holds: values are
cut short, so one long paper does not fill the card.
"""

from __future__ import annotations

import json

from cards.common import Element, RenderedCard, adaptive_card, container, heading, shorten, text_block
from cards.dates import short_date, time_text
from cards.texts import Language, audit_action, audit_field, say
from governance.views import AuditLine, AuditLogView

AUDIT_MORE_VERB = "auditLogMore"
VALUE_CHARS = 40  # one value before or after
CHANGE_CHARS = 200  # the whole before → after line
_ARROW = " → "


def audit_log_card(view: AuditLogView, lang: Language) -> RenderedCard:
    if view.case is not None:
        title = say(lang, "audit_log_case_title", case=view.case, body=view.body.key)
    else:
        title = say(lang, "audit_log_title", name=view.body.name, body=view.body.key)
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if not view.lines:
        body.append(text_block(say(lang, "audit_log_empty")))
        lines.append(say(lang, "audit_log_empty"))
    for event in view.lines:
        first = f"{when(event, lang)} · {who(event, lang)} · {audit_action(lang, event.action)}"
        items = [text_block(first, bold=True)]
        lines.append(first)
        change = change_text(event, lang)
        if change:
            items.append(text_block(change, subtle=True, spacing="None"))
            lines.append(f"  {change}")
        body.append(container(items, separator=True))
    actions: list[Element] = []
    if view.more:
        more = say(lang, "audit_log_more", count=view.more)
        body.append(text_block(more, subtle=True))
        lines.append(more)
        data: dict[str, object] = {"body": view.body.key, "before": view.lines[-1].id}
        if view.case_number is not None:
            data.update(caseNumber=view.case_number, caseYear=view.case_year)
        actions.append(
            {"type": "Action.Execute", "title": say(lang, "audit_log_show_more"), "verb": AUDIT_MORE_VERB, "data": data}
        )
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)


def when(event: AuditLine, lang: Language) -> str:
    """Date and Oslo time as Norwegians write them: 12.03.2027 09.00."""
    return f"{short_date(event.at)} {time_text(event.at, lang)}"


def who(event: AuditLine, lang: Language) -> str:
    if event.actor:
        return event.actor
    if event.details.get("source") == "structure_import":
        return say(lang, "audit_actor_import")
    return say(lang, "audit_actor_unknown")


def change_text(event: AuditLine, lang: Language) -> str:
    """`status: planlagt → gjennomført` for each field that changed, named in the reader's
    language, from the details' before and after; empty when the event holds neither."""
    if "before" not in event.details and "after" not in event.details:
        return ""
    before, after = event.details.get("before"), event.details.get("after")
    if isinstance(before, dict) or isinstance(after, dict):
        old = before if isinstance(before, dict) else {}
        new = after if isinstance(after, dict) else {}
        parts = [
            f"{audit_field(lang, name)}: {_value(old.get(name))}{_ARROW}{_value(new.get(name))}"
            for name in dict.fromkeys([*old, *new])
            if old.get(name) != new.get(name)
        ]
        text = "; ".join(parts)
    else:
        text = f"{_value(before)}{_ARROW}{_value(after)}"
    return shorten(text, CHANGE_CHARS)


def _value(value: object) -> str:
    if value is None or value == "":
        return "–"
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return shorten(shown, VALUE_CHARS)
