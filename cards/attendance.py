"""Texts about attendance: the notice to the secretariat and the reply to whoever reported absence."""

from __future__ import annotations

from cards.common import Element, RenderedCard, adaptive_card, heading, text_block
from cards.dates import when_text
from cards.minutes import quorum_sentence
from cards.texts import Language, label, say
from governance.rules.input_limits import LIMITS, TextField
from governance.rules.model import AttendanceStatus, Role
from governance.views import AbsenceNotice, AttendanceSheet


def _who(name: str, represents: str | None) -> str:
    return f"{name} ({represents})" if represents else name


def absence_notice_text(notice: AbsenceNotice, lang: Language) -> str:
    when = when_text(notice.starts_at, None, lang)
    text = say(lang, "absence_notice", who=_who(notice.name, notice.represents), body=notice.body.key, when=when)
    if notice.substitute:
        return text + " " + say(lang, "absence_substitute", who=_who(notice.substitute, notice.substitute_represents))
    return text + " " + say(lang, "absence_no_substitute", body=notice.body.key)


def absence_reply_text(notice: AbsenceNotice, lang: Language) -> str:
    when = when_text(notice.starts_at, None, lang)
    text = say(lang, "absence_recorded", body=notice.body.key, when=when)
    told = "absence_secretariat_told" if notice.notified else "absence_secretariat_not_told"
    return f"{text} {say(lang, told, body=notice.body.key)}"


SAVE_ATTENDANCE_VERB = "save_attendance"
NOT_CALLED_IN = "ikke innkalt"
_INPUT_PREFIX = "attendance_"
_NOTE_PREFIX = "attendance_note_"


def attendance_input_id(person_id: int) -> str:
    return f"{_INPUT_PREFIX}{person_id}"


def attendance_note_id(person_id: int) -> str:
    return f"{_NOTE_PREFIX}{person_id}"


def attendance_notes(data: dict[str, object]) -> dict[int, str]:
    """The free notes an attendance card's note inputs carry back, by person id ("" clears one)."""
    notes: dict[int, str] = {}
    for key, value in data.items():
        rest = key[len(_NOTE_PREFIX) :]
        if key.startswith(_NOTE_PREFIX) and rest.isdigit() and isinstance(value, str):
            notes[int(rest)] = value
    return notes


def attendance_choices(data: dict[str, object]) -> dict[int, AttendanceStatus | None]:
    """The statuses an attendance card's inputs carry back (unknown values are ignored)."""
    values = {status.value: status for status in AttendanceStatus}
    choices: dict[int, AttendanceStatus | None] = {}
    for key, value in data.items():
        if not key.startswith(_INPUT_PREFIX) or not key[len(_INPUT_PREFIX) :].isdigit():
            continue
        if value == NOT_CALLED_IN:
            choices[int(key[len(_INPUT_PREFIX) :])] = None
        elif isinstance(value, str) and value in values:
            choices[int(key[len(_INPUT_PREFIX) :])] = values[value]
    return choices


def attendance_card(sheet: AttendanceSheet, lang: Language, notice: str | None = None) -> RenderedCard:
    title = f"{say(lang, 'attendance_title', body=sheet.body.key)} – {when_text(sheet.starts_at, None, lang)}"
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if notice:
        body.append(text_block(notice, bold=True))
        lines.append(notice)
    for line in sheet.lines:
        called_in = say(lang, "called_in_for", name=line.substitute_for) if line.substitute_for else None
        who = " · ".join(part for part in (line.name, label(lang, line.role), line.represents, called_in) if part)
        options = [AttendanceStatus.TIL_STEDE, AttendanceStatus.FORFALL, AttendanceStatus.FRAVAERENDE]
        choices = [{"title": label(lang, status), "value": status.value} for status in options]
        if line.role is Role.VARA:
            choices.insert(0, {"title": say(lang, "not_called_in"), "value": NOT_CALLED_IN})
        value = line.status.value if line.status is not None else NOT_CALLED_IN
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": attendance_input_id(line.person_id),
                "label": who,
                "style": "compact",
                "value": value,
                "choices": choices,
            }
        )
        body.append(
            {
                "type": "Input.Text",
                "id": attendance_note_id(line.person_id),
                "label": say(lang, "attendance_note_label", name=line.name),
                "placeholder": say(lang, "attendance_note_placeholder"),
                "value": line.note or "",
                "maxLength": LIMITS[TextField.ATTENDANCE_NOTE],
                "spacing": "Small",
            }
        )
        shown = label(lang, line.status) if line.status is not None else say(lang, "not_called_in")
        lines.append(f"{who}: {shown}" + (f" ({line.note})" if line.note else ""))
    # Said before the decisions are recorded: a meeting that is not quorate cannot decide.
    quorum = quorum_sentence(sheet.body.key, sheet.quorum, lang)
    if quorum:
        body.append(text_block(quorum, bold=sheet.quorum is not None and not sheet.quorum.quorate))
        lines.append(quorum)
    actions = [
        {
            "type": "Action.Execute",
            "title": say(lang, "save_attendance"),
            "verb": SAVE_ATTENDANCE_VERB,
            "data": {"meetingId": sheet.meeting_id},
        }
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)
