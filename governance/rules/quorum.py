"""Quorum (vedtaksførhet): how many of a body's voting members must be present for the meeting to
decide, as the structure file's `quorum:` says.

The rule is kept as its text ("majority", "5", "2/3") so the file, the database and the audit all
read the same; `parse_quorum` is the one place that reads it. Seats are the memberships with a
vote (leader, deputy leader, members); present are the voting members present, a vara counting
while standing in for an absent member (`present_voters`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from governance.rules.approval import present_voters
from governance.rules.model import VOTING_ROLES, AttendanceStatus, Role

MAJORITY = "majority"
QUORUM_HELP = 'expected majority, a number of voting members like 5, or a share of the seats like "2/3"'
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class QuorumRule:
    """One body's rule: `at_least` members present, or `share` of the seats (majority: more than half)."""

    text: str  # the canonical form stored and shown: "majority", "5", "2/3"
    at_least: int | None = None
    share: Fraction | None = None

    def required(self, seats: int) -> int:
        """How many voting members must be present out of `seats`."""
        if self.at_least is not None:
            return self.at_least
        if self.share is not None:
            # "At least two thirds": 8 seats need 6 (16/3 rounded up), never fewer than one.
            return max(1, math.ceil(self.share * seats))
        return seats // 2 + 1  # more than half


def parse_quorum(value: object) -> QuorumRule:
    """The rule from the file's value; ValueError with what is expected for anything else.

    A bool is refused although Python counts it as an int: `quorum: yes` is a mistake, not 1."""
    if isinstance(value, bool):
        raise ValueError(QUORUM_HELP)
    if isinstance(value, int):
        if value < 1:
            raise ValueError(f"a number of members must be at least 1; {QUORUM_HELP}")
        return QuorumRule(text=str(value), at_least=value)
    if not isinstance(value, str):
        raise ValueError(QUORUM_HELP)
    text = value.strip().lower()
    if text == MAJORITY:
        return QuorumRule(text=MAJORITY)
    if text.isdigit():
        return parse_quorum(int(text))
    match = _FRACTION.match(text)
    if match is None:
        raise ValueError(QUORUM_HELP)
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if denominator == 0 or not 0 < Fraction(numerator, denominator) <= 1:
        raise ValueError("a share of the seats must be more than 0 and at most 1")
    # Kept as written ("2/3", not a reduced "4/6" → "2/3"), so the file and the audit agree.
    return QuorumRule(text=f"{numerator}/{denominator}", share=Fraction(numerator, denominator))


@dataclass(frozen=True)
class Quorum:
    """Whether a meeting could decide: voting members present out of the seats, and how many it took."""

    present: int
    seats: int
    required: int

    @property
    def quorate(self) -> bool:
        return self.present >= self.required


def voting_seats(roles: Iterable[Role]) -> int:
    return sum(1 for role in roles if role in VOTING_ROLES)


def quorum_of(rule: str, lines: Iterable[tuple[int, Role, AttendanceStatus | None, bool]]) -> Quorum:
    """The quorum of a meeting from its attendance lines (person id, role, status, stands in)."""
    facts = list(lines)
    seats = voting_seats(role for _, role, _, _ in facts)
    return Quorum(present=len(present_voters(facts)), seats=seats, required=parse_quorum(rule).required(seats))
