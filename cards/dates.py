"""Dates and times as people in Norway read them: "tirsdag 12. mars 2027 kl. 09.00–12.00"."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from babel.dates import format_date, format_datetime, format_time
from babel.lists import format_list

from cards.texts import Language, say, word
from governance.rules.input_limits import TextField
from governance.rules.oslo_time import OSLO

_DAY_PATTERN = {"nb": "EEEE d. MMMM y", "en": "EEEE d MMMM y"}
_DATE_PATTERN = {"nb": "d. MMMM y", "en": "d MMMM y"}
_TIME_PATTERN = {"nb": "HH.mm", "en": "HH:mm"}
_AT = {"nb": "kl.", "en": "at"}
_LOCALE = {"nb": "nb_NO", "en": "en_GB"}


def day_text(day: date, lang: Language) -> str:
    return format_date(day, _DAY_PATTERN[lang], locale=_LOCALE[lang])


def date_text(day: date, lang: Language) -> str:
    """The date without its weekday, where the weekday is the point of the sentence: "17. mai 2027"."""
    return format_date(day, _DATE_PATTERN[lang], locale=_LOCALE[lang])


def weekday_text(day: date, lang: Language) -> str:
    return format_date(day, "EEEE", locale=_LOCALE[lang])


def listed(words: list[str], lang: Language) -> str:
    """Words joined as a sentence joins them: "andre pinsedag og grunnlovsdag"."""
    return format_list(words, locale=_LOCALE[lang])


def time_text(instant: datetime, lang: Language) -> str:
    return format_datetime(instant, _TIME_PATTERN[lang], tzinfo=OSLO, locale=_LOCALE[lang])


def when_text(starts_at: datetime, ends_at: datetime | None, lang: Language) -> str:
    """Weekday, date and Oslo wall-clock time, with the end time when there is one."""
    local_day = starts_at.astimezone(OSLO).date()
    span = time_text(starts_at, lang)
    if ends_at is not None:
        span = f"{span}–{time_text(ends_at, lang)}"
    return f"{day_text(local_day, lang)} {_AT[lang]} {span}"


def short_date(instant: datetime) -> str:
    """Compact date for lists: 12.03.2027 in both languages (the format Norwegian users type)."""
    return instant.astimezone(OSLO).strftime("%d.%m.%Y")


def numeric_date(day: date) -> str:
    """A calendar date as users type it: 31.12.2026."""
    return day.strftime("%d.%m.%Y")


def readable(params: dict[str, object], lang: Language) -> dict[str, object]:
    """Message parameters as the user reads them, for `say`: dates and times written out ("torsdag
    26. november 2026", an instant as "torsdag 26. november 2026 kl. 09.00", a wall-clock time as
    "09.00"), free-text fields named ("Sakstittelen") and statuses, roles and types in the user's
    language ("dealt with")."""
    return {key: _readable(value, lang) for key, value in params.items()}


def _readable(value: object, lang: Language) -> object:
    if isinstance(value, datetime):
        return when_text(value, None, lang)
    if isinstance(value, date):
        return day_text(value, lang)
    if isinstance(value, time):
        return format_time(value, _TIME_PATTERN[lang], locale=_LOCALE[lang])
    if isinstance(value, TextField):
        return say(lang, f"field_{value.value}")
    if isinstance(value, StrEnum):
        return word(lang, value)
    return value


def month_text(day: date, lang: Language) -> str:
    """The month and year as a heading reads it: "Mars 2027", "March 2027"."""
    text = format_date(day, "LLLL y", locale=_LOCALE[lang])
    return text[:1].upper() + text[1:]


def clock_text(at: time, lang: Language) -> str:
    """A wall-clock time: "09.00" in bokmål, "09:00" in English."""
    return format_time(at, _TIME_PATTERN[lang], locale=_LOCALE[lang])
