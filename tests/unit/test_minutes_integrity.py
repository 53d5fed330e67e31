"""Minutes can only be approved when every decision in them is final (issue 17, item 4)."""

from __future__ import annotations

import pytest

from governance.rules.errors import DomainError
from governance.rules.minutes_integrity import ensure_all_final, open_decisions
from governance.rules.model import DecisionStatus


def test_a_decision_awaiting_approval_or_sent_back_is_open_and_a_final_one_or_none_is_not() -> None:
    recorded = [
        (None, None),  # a standing item
        ("1/2027", DecisionStatus.VEDTATT),
        ("2/2027", DecisionStatus.UTKAST),
        ("3/2027", None),  # taken note of, or nothing recorded
        ("4/2027", DecisionStatus.TIL_GODKJENNING),
    ]
    assert open_decisions(recorded) == ["2/2027", "4/2027"]


def test_approval_is_refused_naming_every_open_case() -> None:
    with pytest.raises(DomainError) as refused:
        ensure_all_final([("2/2027", DecisionStatus.UTKAST), ("4/2027", DecisionStatus.TIL_GODKJENNING)])
    assert refused.value.code == "minutes_open_decisions"
    assert refused.value.params == {"cases": "2/2027, 4/2027"}
    ensure_all_final([("1/2027", DecisionStatus.VEDTATT), (None, None)])


def test_a_case_not_decided_at_the_meeting_is_settled_whatever_its_decision() -> None:
    """Marked `utsatt` at the meeting, a case with a rejected or pending decision keeps nothing from
    approval: the minutes say it was not decided, and a later meeting decides it."""
    recorded = [("2/2027", DecisionStatus.UTKAST), ("4/2027", DecisionStatus.TIL_GODKJENNING)]
    assert open_decisions(recorded, not_decided={"2/2027"}) == ["4/2027"]
    ensure_all_final(recorded, not_decided={"2/2027", "4/2027"})
    with pytest.raises(DomainError) as refused:
        ensure_all_final(recorded, not_decided={"4/2027"})
    assert refused.value.params == {"cases": "2/2027"}
