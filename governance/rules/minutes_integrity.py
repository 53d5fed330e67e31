"""Minutes record what a meeting decided, so they can only be approved once every decision in
them is final (issue 17, item 4). A decision still awaiting its approvers, or sent back by a
rejection, would otherwise stand in approved, locked minutes as if it had been made.

A case the meeting did not decide (utsatt i møtet) is settled for the minutes whatever became of
a decision recorded on it: the minutes say it was not decided, and it is decided at a later
meeting, whose minutes carry that decision."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from governance.rules.errors import DomainError
from governance.rules.model import DecisionStatus


def open_decisions(
    recorded: Iterable[tuple[str | None, DecisionStatus | None]], not_decided: Collection[str] = ()
) -> list[str]:
    """The cases whose decision in the minutes is not final, from (case reference, decision status)
    per agenda item; an item without a decision (a standing item, a case taken note of) is none,
    nor is a case marked not decided at the meeting (`not_decided`, by reference)."""
    return [
        reference
        for reference, status in recorded
        if reference and reference not in not_decided and status not in (None, DecisionStatus.VEDTATT)
    ]


def ensure_all_final(
    recorded: Iterable[tuple[str | None, DecisionStatus | None]], not_decided: Collection[str] = ()
) -> None:
    """Refuses approval while a decision in the minutes is open, naming its cases: they are
    settled (worded again and approved, or marked not decided at the meeting) and the minutes
    drafted again before they are approved."""
    pending = open_decisions(recorded, not_decided)
    if pending:
        raise DomainError("minutes_open_decisions", cases=", ".join(pending))
