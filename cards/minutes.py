"""The minutes (protokoll) card: meeting header, attendance, and each agenda item with its outcome."""

from __future__ import annotations

from cards.common import Element, RenderedCard, adaptive_card, container, fact_set, heading, text_block
from cards.dates import when_text
from cards.texts import Language, label, say
from governance.model import AttendanceStatus, CaseType, DecisionStatus, Role
from governance.views import AttendanceLine, MinutesItem, MinutesView


def minutes_card(minutes: MinutesView, lang: Language) -> RenderedCard:
    title = f"{say(lang, 'minutes_draft')} – {minutes.body.name} ({minutes.body.key})"
    when = when_text(minutes.starts_at, minutes.ends_at, lang)
    present, substitutes, absent = _attendance(minutes.attendance, lang)
    facts = [
        (say(lang, "meeting"), when),
        (say(lang, "place"), minutes.place or ""),
        (say(lang, "present"), ", ".join(present) or say(lang, "none")),
        (say(lang, "substitutes"), ", ".join(substitutes)),
        (say(lang, "absent"), ", ".join(absent)),
    ]
    body: list[Element] = [heading(title, "Medium"), fact_set(facts)]
    lines = [title] + [f"{name}: {value}" for name, value in facts if value]
    for item in minutes.items:
        blocks, item_lines = _item(item, lang)
        body.append(container(blocks, separator=True))
        lines += item_lines
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def _attendance(lines: tuple[AttendanceLine, ...], lang: Language) -> tuple[list[str], list[str], list[str]]:
    present: list[str] = []
    substitutes: list[str] = []
    absent: list[str] = []
    for line in lines:
        who = f"{line.name} ({line.represents})" if line.represents else line.name
        if line.status is AttendanceStatus.TIL_STEDE:
            (substitutes if line.role is Role.VARA else present).append(who)
        elif line.status is not None:
            absent.append(f"{who} – {label(lang, line.status).lower()}")
    return present, substitutes, absent


def _item(item: MinutesItem, lang: Language) -> tuple[list[Element], list[str]]:
    if item.standard_item is not None or item.case_reference is None:
        heading_text = f"{item.position}. {label(lang, item.standard_item) if item.standard_item else ''}".strip()
        return [text_block(heading_text, bold=True)], [heading_text]
    heading_text = f"{item.position}. {say(lang, 'case')} {item.case_reference} {item.title}"
    outcome = _outcome(item, lang)
    blocks = [text_block(heading_text, bold=True), text_block(outcome)]
    lines = [heading_text, f"  {outcome}"]
    for name, reason in item.disqualified:
        note = say(lang, "minutes_disqualified", name=name) + (f" ({reason})" if reason else "")
        blocks.append(text_block(note, subtle=True, spacing="None"))
        lines.append(f"  {note}")
    return blocks, lines


def _outcome(item: MinutesItem, lang: Language) -> str:
    if item.decision is not None:
        code = "minutes_decision" if item.decision_status is DecisionStatus.VEDTATT else "minutes_decision_pending"
        return say(lang, code, text=item.decision)
    if item.case_type is CaseType.ORIENTERINGSSAK:
        return say(lang, "minutes_noted")
    return say(lang, "minutes_no_decision")
