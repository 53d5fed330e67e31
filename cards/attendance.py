"""Texts about attendance: the notice to the secretariat and the reply to whoever reported absence."""

from __future__ import annotations

from cards.dates import when_text
from cards.texts import Language, say
from governance.views import AbsenceNotice


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
    return (
        text
        + " "
        + say(
            lang,
            "absence_secretariat_told" if notice.notified else "absence_secretariat_not_told",
            body=notice.body.key,
        )
    )
