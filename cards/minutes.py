"""The minutes (protokoll) card: meeting header, attendance, and each agenda item with its outcome."""

from __future__ import annotations

from cards.common import Element, RenderedCard, adaptive_card, container, fact_set, heading, text_block
from cards.dates import when_text
from cards.texts import Language, label, say
from governance.model import AttendanceStatus, CaseType, DecisionStatus, Role
from governance.views import AttendanceLine, MinutesItem, MinutesView


def minutes_title(minutes: MinutesView, lang: Language) -> str:
    return f"{say(lang, 'minutes_draft')} – {minutes.body.name} ({minutes.body.key})"


def minutes_facts(minutes: MinutesView, lang: Language) -> list[tuple[str, str]]:
    """Time, place and attendance, as (label, value); empty values are left out by the renderers."""
    present, substitutes, absent = attendance_groups(minutes.attendance, lang)
    return [
        (say(lang, "meeting"), when_text(minutes.starts_at, minutes.ends_at, lang)),
        (say(lang, "place"), minutes.place or ""),
        (say(lang, "present"), ", ".join(present) or say(lang, "none")),
        (say(lang, "substitutes"), ", ".join(substitutes)),
        (say(lang, "absent"), ", ".join(absent)),
    ]


def item_heading(item: MinutesItem, lang: Language) -> str:
    if item.standard_item is not None or item.case_reference is None:
        return f"{item.position}. {label(lang, item.standard_item) if item.standard_item else ''}".strip()
    return f"{item.position}. {say(lang, 'case')} {item.case_reference} {item.title}"


def disqualification_notes(item: MinutesItem, lang: Language) -> list[str]:
    return [
        say(lang, "minutes_disqualified", name=name) + (f" ({reason})" if reason else "")
        for name, reason in item.disqualified
    ]


def minutes_card(minutes: MinutesView, lang: Language, downloads: dict[str, str] | None = None) -> RenderedCard:
    """The draft minutes; `downloads` maps a file format ("docx", "pdf") to its download link."""
    title = minutes_title(minutes, lang)
    facts = minutes_facts(minutes, lang)
    body: list[Element] = [heading(title, "Medium"), fact_set(facts)]
    lines = [title] + [f"{name}: {value}" for name, value in facts if value]
    for item in minutes.items:
        blocks, item_lines = _item(item, lang)
        body.append(container(blocks, separator=True))
        lines += item_lines
    actions: list[Element] = [
        {"type": "Action.OpenUrl", "title": say(lang, f"download_{fmt}"), "url": url}
        for fmt, url in (downloads or {}).items()
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)


def attendance_groups(lines: tuple[AttendanceLine, ...], lang: Language) -> tuple[list[str], list[str], list[str]]:
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
    heading_text = item_heading(item, lang)
    if item.case_reference is None:
        return [text_block(heading_text, bold=True)], [heading_text]
    outcome = item_outcome(item, lang)
    blocks = [text_block(heading_text, bold=True), text_block(outcome)]
    lines = [heading_text, f"  {outcome}"]
    for note in disqualification_notes(item, lang):
        blocks.append(text_block(note, subtle=True, spacing="None"))
        lines.append(f"  {note}")
    return blocks, lines


def item_outcome(item: MinutesItem, lang: Language) -> str:
    """What became of a case: its decision, 'noted' for information, or that none was recorded."""
    if item.decision is not None:
        code = "minutes_decision" if item.decision_status is DecisionStatus.VEDTATT else "minutes_decision_pending"
        return say(lang, code, text=item.decision)
    if item.case_type is CaseType.ORIENTERINGSSAK:
        return say(lang, "minutes_noted")
    return say(lang, "minutes_no_decision")
