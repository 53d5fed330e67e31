"""What is wrong in a structure or plan file, each problem at its place in the file.

A place is the path to a value, as `bodies[2].parent`; the command line adds the line number.
Pydantic's own errors are reworded here into what the value should have been.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from governance.rules.errors import DomainError
from governance.rules.privacy import contains_identity_number

Place = tuple[str | int, ...]
# What a field with a pattern expects, by the field's name (the pattern itself tells a user nothing).
PATTERNS = {
    "email": "expected an email address",
    "organiser": "expected an email address",
    "key": "expected a short name without spaces, '/' or ':'",
    "number": 'expected a measure number like "1.2", in quotes',
    "tenants": "expected a tenant id (a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47)",
}
SHOWN_LENGTH = 60
# What a value of the wrong type should have been, by pydantic's error type.
EXPECTED_BY_TYPE = {
    "missing": "missing (required)",
    "extra_forbidden": "unknown field",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping (name: value lines)",
    "model_type": "expected a mapping (name: value lines)",
    "model_attributes_type": "expected a mapping (name: value lines)",
    "date_type": "expected a date like 2024-12-31",
    "date_parsing": "expected a date like 2024-12-31",
    "date_from_datetime_parsing": "expected a date like 2024-12-31",
    "date_from_datetime_inexact": "expected a date without a time",
}
# How a bound reads, by pydantic's error type, for a number and for a date.
BOUNDS = {
    "greater_than_equal": ("of at least", "on or after"),
    "less_than_equal": ("of at most", "on or before"),
    "greater_than": ("above", "after"),
    "less_than": ("below", "before"),
}


@dataclass(frozen=True)
class Problem:
    place: Place
    message: str

    def __str__(self) -> str:
        return f"{place_text(self.place)}: {self.message}" if self.place else self.message


class InvalidFile(DomainError):
    """The file is refused as a whole; `details` keeps the one-line summary the chat shows."""

    def __init__(self, code: str, problems: Sequence[Problem]) -> None:
        super().__init__(code, details="; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


def place_text(place: Place) -> str:
    """`bodies[2].parent` for ("bodies", 2, "parent")."""
    text = ""
    for part in place:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def problems_from(error: ValidationError) -> list[Problem]:
    return [Problem(tuple(issue["loc"]), _message(issue)) for issue in error.errors()]


def not_a_mapping(data: object, fields: str) -> list[Problem]:
    """The problem with a file that is empty or not a mapping at its top, if it is either."""
    if data is None:
        return [Problem((), "the file is empty")]
    if not isinstance(data, dict):
        return [Problem((), f"expected a mapping with {fields} at the top (see examples/), not a {_kind(data)}")]
    return []


def identity_number_problems(data: object, place: Place = ()) -> list[Problem]:
    """Every place in a file's raw contents that holds an identity number, keys and unknown
    fields too (the guard chat text passes, DESIGN.md section 6): looked at before the contents
    are validated, so no field escapes it, and the number itself is never repeated."""
    problems: list[Problem] = []
    if isinstance(data, dict):
        for key, value in data.items():
            inner = (*place, str(key))
            if contains_identity_number(str(key)):
                problems.append(Problem(inner, IDENTITY_NUMBER_MESSAGE))
            problems.extend(identity_number_problems(value, inner))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems.extend(identity_number_problems(value, (*place, index)))
    elif isinstance(data, str | int) and not isinstance(data, bool) and contains_identity_number(str(data)):
        problems.append(Problem(place, IDENTITY_NUMBER_MESSAGE))
    return problems


IDENTITY_NUMBER_MESSAGE = "holds an identity number (fødselsnummer, D-, H- or FH-number), which the bot never stores"


def _is_date(limit: object) -> bool:
    """Pydantic gives a date bound as a date or, in its error's context, as its ISO text."""
    if isinstance(limit, date):
        return True
    try:
        date.fromisoformat(str(limit))
    except ValueError:
        return False
    return True


def _kind(data: object) -> str:
    return "list" if isinstance(data, list) else "single value"


def _message(issue: Any) -> str:
    expected = _expected(issue)
    value = issue.get("input")
    if (
        issue["type"] in ("missing", "extra_forbidden")
        or value == ""
        or not isinstance(value, str | int | float | date)
    ):
        return expected
    shown = repr(value) if not isinstance(value, date) else value.isoformat()
    if len(shown) > SHOWN_LENGTH:
        shown = shown[: SHOWN_LENGTH - 4] + "...'"
    return f"{expected}, got {shown}"


def _expected(issue: Any) -> str:
    kind: str = issue["type"]
    context: dict[str, Any] = issue.get("ctx") or {}
    field = next((part for part in reversed(issue["loc"]) if isinstance(part, str)), "")
    if kind in EXPECTED_BY_TYPE:
        return EXPECTED_BY_TYPE[kind]
    if kind in ("enum", "literal_error"):
        return f"expected {context['expected']}"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(field, "not in the expected form")
    if kind == "string_too_short":
        minimum = context.get("min_length")
        return "must not be empty" if minimum == 1 else f"too short (at least {minimum} characters)"
    if kind == "string_too_long":
        return f"too long (at most {context['max_length']} characters)"
    if kind in BOUNDS:
        limit = next(iter(context.values()))
        number_words, date_words = BOUNDS[kind]
        if _is_date(limit):
            return f"expected a date {date_words} {limit}"
        return f"expected a number {number_words} {limit}"
    message: str = issue["msg"]
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]
