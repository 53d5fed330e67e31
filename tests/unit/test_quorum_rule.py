"""The quorum rule (vedtaksførhet): how many voting members a meeting needs, and what counts."""

from __future__ import annotations

import pytest

from governance.rules.model import AttendanceStatus, Role
from governance.rules.quorum import parse_quorum, quorum_of

PRESENT, AWAY = AttendanceStatus.TIL_STEDE, AttendanceStatus.FORFALL


Line = tuple[int, Role, AttendanceStatus | None, bool]


def lines(present: int, away: int, *, vara_in: int = 0, vara_out: int = 0) -> list[Line]:
    """A leader and members: `present` of them there, `away` sent apologies; vara called in or not."""
    facts: list[Line] = [(1, Role.LEDER, PRESENT if present else AWAY, False)]
    facts += [(10 + i, Role.MEDLEM, PRESENT if i < present - 1 else AWAY, False) for i in range(present + away - 1)]
    facts += [(100 + i, Role.VARA, PRESENT, True) for i in range(vara_in)]
    facts += [(200 + i, Role.VARA, None, False) for i in range(vara_out)]
    return facts


@pytest.mark.parametrize(("seats", "required"), [(1, 1), (2, 2), (3, 2), (4, 3), (7, 4), (8, 5), (9, 5)])
def test_majority_needs_more_than_half_of_the_seats(seats: int, required: int) -> None:
    assert parse_quorum("majority").required(seats) == required


def test_eight_seats_four_present_is_not_quorate_and_five_is() -> None:
    four = quorum_of("majority", lines(4, 4, vara_out=1))
    assert (four.present, four.seats, four.required, four.quorate) == (4, 8, 5, False)
    five = quorum_of("majority", lines(5, 3, vara_out=1))
    assert (five.present, five.seats, five.quorate) == (5, 8, True)


def test_a_vara_standing_in_counts_and_one_not_called_in_does_not() -> None:
    standing_in = quorum_of("majority", lines(4, 4, vara_in=1))
    assert (standing_in.present, standing_in.seats, standing_in.quorate) == (5, 8, True)
    # A vara present without standing in for anyone has no vote and is no seat.
    facts = [*lines(4, 4), (300, Role.VARA, PRESENT, False)]
    assert quorum_of("majority", facts).present == 4


def test_secretaries_and_observers_are_no_seats() -> None:
    facts = [*lines(2, 1), (400, Role.SEKRETAER, PRESENT, False)]
    assert quorum_of("majority", facts).seats == 3


def test_a_number_needs_at_least_that_many() -> None:
    assert parse_quorum(3).required(8) == 3
    assert parse_quorum("3").text == "3"
    assert quorum_of("3", lines(3, 5)).quorate
    assert not quorum_of("3", lines(2, 6)).quorate


@pytest.mark.parametrize(
    ("rule", "seats", "required"),
    [("2/3", 8, 6), ("2/3", 9, 6), ("1/2", 8, 4), ("1/2", 7, 4), ("1/1", 5, 5), ("1/3", 1, 1), ("1/3", 0, 1)],
)
def test_a_share_needs_at_least_that_share_of_the_seats_rounded_up(rule: str, seats: int, required: int) -> None:
    assert parse_quorum(rule).required(seats) == required


def test_rules_are_read_in_their_canonical_text() -> None:
    assert parse_quorum(" Majority ").text == "majority"
    assert parse_quorum("2 / 3").text == "2/3"
    assert parse_quorum(5).text == "5"


@pytest.mark.parametrize("value", [0, -1, "0", "3/2", "0/3", "1/0", "half", "0.5", 0.5, True, None, "", "2/3/4"])
def test_bad_values_are_refused_with_what_is_expected(value: object) -> None:
    with pytest.raises(ValueError, match="majority|share of the seats|at least 1"):
        parse_quorum(value)
