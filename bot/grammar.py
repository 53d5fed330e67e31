"""Reading the arguments of a chat command: bodies, dates, times, case numbers, free text.

Pure functions over a token list. Errors carry a message code (cards/texts.py) and the
offending value, so the user is told exactly what was wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from cards.texts import excerpt
from governance.rules.input_limits import FIRST_YEAR, LAST_YEAR
from governance.rules.model import CaseType

_DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_LIKE = re.compile(r"^\d{1,4}[.\-]\d{1,2}([.\-]\d{1,4})?\.?$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TIME_LIKE = re.compile(r"^\d{1,2}[:.]\d{2}")
_CASE_NUMBER = re.compile(r"^(\d{1,5})/(\d{2}|\d{4})$")
# Body keys cannot hold a slash (the structure file refuses them), so any word with one is
# meant as a case number and gets the case-number message when it is not a valid one.
_CASE_LIKE = re.compile(r"^[^/\s]*/")
# Teams marks every @mention in the text as `<at>Name</at>`; a mention of someone else than the
# bot keeps the name it shows (it may be a measure's owner) and loses only the markup.
_MENTION_MARKUP = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_TIME_PREFIXES = {"kl", "kl.", "at"}
_TO_WORDS = {"til", "to"}

CASE_TYPE_WORDS: dict[str, CaseType] = {
    "vedtakssak": CaseType.VEDTAKSSAK,
    "decision": CaseType.VEDTAKSSAK,
    "drøftingssak": CaseType.DROFTINGSSAK,
    "discussion": CaseType.DROFTINGSSAK,
    "orienteringssak": CaseType.ORIENTERINGSSAK,
    "information": CaseType.ORIENTERINGSSAK,
}


# Parameters of a parse error that the bot supplies (a text code, the body keys it knows); every
# other one is something the user wrote and is quoted back only as an excerpt.
_BOT_PARAMS = frozenset({"what", "known"})


class ParseError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {
            key: excerpt(value) if isinstance(value, str) and key not in _BOT_PARAMS else value
            for key, value in params.items()
        }


def strip_mentions(text: str, bot_mentions: list[str] | None = None) -> str:
    """The command text: the bot's own @mentions removed, other mentions kept as the names they
    show, and the HTML spacing Teams adds around mentions made plain.

    `bot_mentions` are the exact markups (`<at>Name</at>`) of the mentions of the bot, as the
    activity's mention entities mark them. Only those are removed: the bot's name may also be a
    word of the command ("ny sak Helsefellesskapets årsplan").
    """
    for mention in bot_mentions or []:
        if mention:
            text = text.replace(mention, " ")
    text = _MENTION_MARKUP.sub(lambda match: f" {match[1]} ", text)
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ")
    return " ".join(text.split())


def parse_date(token: str) -> date:
    match = _DATE_DMY.match(token)
    try:
        if match:
            day = date(int(match[3]), int(match[2]), int(match[1]))
        elif match := _DATE_ISO.match(token):
            day = date(int(match[1]), int(match[2]), int(match[3]))
        else:
            raise ParseError("bad_date", value=token)
    except ValueError:
        raise ParseError("bad_date", value=token) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # A real calendar date, but at the calendar's ends (9999, 0001) turning Oslo time into
        # UTC overflows, and nothing the bot keeps lies that far off.
        raise ParseError("date_out_of_range", value=token, first=FIRST_YEAR, last=LAST_YEAR)
    return day


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isascii() and word.isdigit() and FIRST_YEAR <= int(word) <= LAST_YEAR


def year_error(word: str) -> ParseError:
    """Why `word` is not a year argument: not a year at all, or one outside the range."""
    if len(word) == 4 and word.isascii() and word.isdigit() and not is_year(word):
        return ParseError("year_out_of_range", value=word, first=FIRST_YEAR, last=LAST_YEAR)
    return ParseError("bad_year", value=word)


def parse_year(word: str) -> int:
    if not is_year(word):
        raise year_error(word)
    return int(word)


def looks_like_date(token: str) -> bool:
    return bool(_DATE_LIKE.match(token))


def parse_time(token: str) -> time:
    match = _TIME.match(token)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise ParseError("bad_time", value=token)


def parse_case_number(token: str) -> tuple[int, int]:
    """`12/2026` or `12/26` -> (12, 2026)."""
    match = _CASE_NUMBER.match(token)
    if not match or int(match[1]) == 0:
        raise ParseError("bad_case_number", value=token)
    year = int(match[2])
    return int(match[1]), year + 2000 if year < 100 else year


def looks_like_case_number(token: str) -> bool:
    return bool(_CASE_LIKE.match(token))


@dataclass
class Tokens:
    """The words after the command name, consumed from the left."""

    words: list[str]
    known_bodies: frozenset[str]

    def peek(self) -> str | None:
        return self.words[0] if self.words else None

    def pop(self) -> str:
        return self.words.pop(0)

    def at_end(self) -> bool:
        return not self.words

    def expect_end(self) -> None:
        if self.words:
            raise ParseError("unexpected_argument", value=" ".join(self.words))

    def is_body(self, token: str) -> bool:
        return token.upper() in self.known_bodies

    def body(self) -> str:
        """A required body key that must exist."""
        if not self.words:
            raise ParseError("missing_argument", what="what_body")
        token = self.pop()
        if not self.is_body(token):
            raise ParseError("unknown_body", body=token, known=", ".join(sorted(self.known_bodies)))
        return token.upper()

    def body_unless(self, is_next_argument: Callable[[str], bool]) -> str | None:
        """The optional leading [organ]: absent when the first word is already the next argument."""
        token = self.peek()
        if token is None:
            return None
        if self.is_body(token):
            return self.body()
        # Body keys start with a letter; a word starting with a digit is a mistyped date or
        # case number, and its own parser gives the more precise message.
        if is_next_argument(token) or token[0].isdigit():
            return None
        return self.body()

    def day(self) -> date:
        if not self.words:
            raise ParseError("missing_argument", what="what_date")
        return parse_date(self.pop())

    def optional_day(self) -> date | None:
        return None if self.at_end() else self.day()

    def time_span(self) -> tuple[time, time | None]:
        """`09:00`, `09:00-12:00`, `kl. 09.00 - 12.00`."""
        if self.words and self.words[0].lower() in _TIME_PREFIXES:
            self.pop()
        if not self.words:
            raise ParseError("missing_argument", what="what_time")
        first = self.pop()
        following = self.words[0] if self.words else ""
        if first.endswith(("-", "–")) and _TIME_LIKE.match(following):
            first += self.pop()  # "09:00- 12:00"
        elif following in ("-", "–") and len(self.words) > 1:
            self.pop()
            first += "-" + self.pop()  # "09:00 - 12:00"
        elif following[:1] in ("-", "–") and _TIME_LIKE.match(following[1:]):
            first += self.pop()  # "09:00 -12:00"
        start_text, _, end_text = first.replace("–", "-").partition("-")
        start = parse_time(start_text)
        return start, parse_time(end_text) if end_text else None

    def case_number(self) -> tuple[int, int]:
        if not self.words:
            raise ParseError("missing_argument", what="what_case")
        return parse_case_number(self.pop())

    def to_word(self) -> None:
        """The `til`/`to` between the old and the new date of a moved meeting."""
        if not self.words or self.words[0].lower() not in _TO_WORDS:
            raise ParseError("missing_argument", what="what_target_date")
        self.pop()

    def case_type(self) -> CaseType | None:
        """A leading type word, when it is written as one: in lower case or with a colon
        ("orienteringssak", "Vedtakssak:"). A capitalised type word begins the title
        ("Information sharing between …"). A type word alone is a type without a title."""
        token = self.peek()
        if token is None or token.lower().rstrip(":") not in CASE_TYPE_WORDS:
            return None
        if len(self.words) > 1 and not (token.islower() or token.endswith(":")):
            return None
        return CASE_TYPE_WORDS[self.pop().lower().rstrip(":")]

    def rest(self) -> str:
        text = " ".join(self.words)
        self.words = []
        return text
