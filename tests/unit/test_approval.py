"""The approval round: who approves a body's decisions and minutes, when that is enough, and how
a verdict settles the round of either."""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from governance.rules.approval import (
    Settled,
    approvers_of,
    can_ever_be_met,
    counts,
    give_verdict,
    minutes_approvers_of,
    present_voters,
    waiting_for,
)
from governance.rules.errors import DomainError
from governance.rules.model import (
    ApprovalPolicy,
    AttendanceStatus,
    Decision,
    DecisionStatus,
    DecisionWording,
    Membership,
    Minutes,
    MinutesApprovers,
    MinutesStatus,
    Person,
    Role,
    Verdict,
)

LEDER, NESTLEDER, MEDLEM_A, MEDLEM_B, VARA, SEKRETAER = 1, 2, 3, 4, 5, 6
BODY = [
    (LEDER, Role.LEDER),
    (NESTLEDER, Role.NESTLEDER),
    (MEDLEM_A, Role.MEDLEM),
    (MEDLEM_B, Role.MEDLEM),
    (VARA, Role.VARA),
    (SEKRETAER, Role.SEKRETAER),
]


def members(roles: list[tuple[int, Role]] = BODY) -> list[tuple[Membership, Person]]:
    return [
        (Membership(body_id=1, person_id=pid, role=role), Person(name=f"P{pid}", email=f"p{pid}@example.no", id=pid))
        for pid, role in roles
    ]


@pytest.mark.parametrize(
    ("policy", "approved", "final"),
    [
        (ApprovalPolicy.LEADER, {LEDER}, True),
        (ApprovalPolicy.LEADER, {NESTLEDER, MEDLEM_A, MEDLEM_B}, False),
        (ApprovalPolicy.LEADER_AND_ONE_MEMBER, {LEDER}, False),
        (ApprovalPolicy.LEADER_AND_ONE_MEMBER, {LEDER, MEDLEM_B}, True),
        (ApprovalPolicy.LEADER_AND_ONE_MEMBER, {LEDER, NESTLEDER}, True),
        (ApprovalPolicy.LEADER_AND_ONE_MEMBER, {LEDER, VARA}, False),  # a deputy is no voting member
        (ApprovalPolicy.LEADER_AND_ONE_MEMBER, {MEDLEM_A, MEDLEM_B}, False),
        (ApprovalPolicy.ALL_MEMBERS, {LEDER, NESTLEDER, MEDLEM_A}, False),
        (ApprovalPolicy.ALL_MEMBERS, {LEDER, NESTLEDER, MEDLEM_A, MEDLEM_B}, True),
        (ApprovalPolicy.MAJORITY, {LEDER, MEDLEM_A}, False),  # 2 of 4 is no majority
        (ApprovalPolicy.MAJORITY, {MEDLEM_A, MEDLEM_B, NESTLEDER}, True),
        (ApprovalPolicy.MAJORITY, {MEDLEM_A, VARA, SEKRETAER}, False),  # only voting members count
    ],
)
def test_a_policy_is_met_by_the_approvals_it_names(policy: ApprovalPolicy, approved: set[int], final: bool) -> None:
    assert approvers_of(policy, members()).met_by(approved) is final


def test_only_the_leader_approves_under_the_leader_policy_and_voting_members_otherwise() -> None:
    assert [p.id for p in approvers_of(ApprovalPolicy.LEADER, members()).persons] == [LEDER]
    everyone = approvers_of(ApprovalPolicy.MAJORITY, members())
    assert [p.id for p in everyone.persons] == [LEDER, NESTLEDER, MEDLEM_A, MEDLEM_B]
    assert not everyone.includes(VARA) and not everyone.includes(SEKRETAER)


def test_a_body_without_the_people_its_policy_needs_is_told_before_anything_is_recorded() -> None:
    without_leader = [(pid, role) for pid, role in BODY if role is not Role.LEDER]
    without_leaders = [(pid, role) for pid, role in without_leader if role is not Role.NESTLEDER]
    assert not can_ever_be_met(approvers_of(ApprovalPolicy.LEADER, members(without_leaders)))
    assert can_ever_be_met(approvers_of(ApprovalPolicy.LEADER, members(without_leader)))  # the deputy leads
    assert not can_ever_be_met(approvers_of(ApprovalPolicy.LEADER_AND_ONE_MEMBER, members([(LEDER, Role.LEDER)])))
    assert can_ever_be_met(approvers_of(ApprovalPolicy.MAJORITY, members(without_leader)))
    assert not can_ever_be_met(approvers_of(ApprovalPolicy.ALL_MEMBERS, members([(VARA, Role.VARA)])))


def test_a_disqualified_member_takes_no_part_and_the_deputy_stands_in_for_a_disqualified_leader() -> None:
    majority = approvers_of(ApprovalPolicy.MAJORITY, members(), disqualified=[MEDLEM_A])
    assert not majority.includes(MEDLEM_A)
    assert majority.met_by({LEDER, NESTLEDER}) and not majority.met_by({LEDER, MEDLEM_A})  # 2 of 3
    leader = approvers_of(ApprovalPolicy.LEADER, members(), disqualified=[LEDER])
    assert [p.id for p in leader.persons] == [NESTLEDER]
    assert leader.met_by({NESTLEDER}) and not leader.met_by({LEDER})
    pair = approvers_of(ApprovalPolicy.LEADER_AND_ONE_MEMBER, members(), disqualified=[LEDER])
    assert pair.met_by({NESTLEDER, MEDLEM_B}) and not pair.met_by({MEDLEM_A, MEDLEM_B})


# The round itself, the same for a decision and for a version of the minutes.

AT = datetime(2027, 3, 4, 10, tzinfo=UTC)


def a_decision(policy: ApprovalPolicy) -> Decision:
    return Decision(
        body_id=1, case_id=1, text="Vedtatt.", recorded_by_id=SEKRETAER, recorded_at=AT, policy=policy, id=7
    )


def a_minutes_version(policy: ApprovalPolicy) -> Minutes:
    return Minutes(
        meeting_id=1, body_id=1, number=1, content={}, recorded_by_id=SEKRETAER, recorded_at=AT, policy=policy, id=8
    )


APPROVABLES: list[tuple[Callable[[ApprovalPolicy], Decision | Minutes], str, str]] = [
    (a_decision, DecisionStatus.UTKAST, DecisionStatus.VEDTATT),
    (a_minutes_version, MinutesStatus.UTKAST, MinutesStatus.GODKJENT),
]


@pytest.mark.parametrize(("make", "returned", "final"), APPROVABLES)
def test_verdicts_count_until_the_policy_is_met_and_then_the_round_is_final(
    make: Callable[[ApprovalPolicy], Decision | Minutes], returned: str, final: str
) -> None:
    subject = make(ApprovalPolicy.LEADER_AND_ONE_MEMBER)
    approvers = approvers_of(subject.policy, members())
    assert give_verdict(subject, approvers, MEDLEM_A, Verdict.GODKJENT, None, AT) is Settled.APPROVED
    assert subject.open_for_verdicts and [
        person.id for person in waiting_for(approvers, subject.current_approvals())
    ] == [
        LEDER,
        NESTLEDER,
        MEDLEM_B,
    ]
    assert give_verdict(subject, approvers, LEDER, Verdict.GODKJENT, None, AT) is Settled.FINAL
    assert subject.status == final and not subject.open_for_verdicts
    assert not counts(subject.open_for_verdicts, subject.current_approvals(), MEDLEM_B, None, subject.round)
    with pytest.raises(DomainError) as closed:
        subject.make_final(AT)
    assert closed.value.code == "approval_round_closed"


@pytest.mark.parametrize(("make", "returned", "final"), APPROVABLES)
def test_a_rejection_needs_a_comment_and_returns_the_round_with_it(
    make: Callable[[ApprovalPolicy], Decision | Minutes], returned: str, final: str
) -> None:
    subject = make(ApprovalPolicy.LEADER)
    approvers = approvers_of(subject.policy, members())
    with pytest.raises(DomainError) as silent:
        give_verdict(subject, approvers, LEDER, Verdict.AVVIST, None, AT)
    assert silent.value.code == "rejection_needs_comment" and subject.current_approvals() == []
    assert give_verdict(subject, approvers, LEDER, Verdict.AVVIST, "Mangler frist.", AT) is Settled.RETURNED
    assert (subject.status, subject.rejected_by_id, subject.rejection_comment) == (returned, LEDER, "Mangler frist.")
    assert subject.revision == 1  # the verdict moved the row's version
    with pytest.raises(DomainError) as closed:
        subject.return_to_draft(LEDER, "igjen")
    assert closed.value.code == "approval_round_closed"


def test_a_new_wording_starts_the_next_round_and_a_final_decision_keeps_its_wording() -> None:
    decision = a_decision(ApprovalPolicy.LEADER)
    approvers = approvers_of(decision.policy, members())
    give_verdict(decision, approvers, LEDER, Verdict.AVVIST, "Nei.", AT)
    decision.reword(DecisionWording("Ny tekst.", ApprovalPolicy.LEADER, None, None, NESTLEDER, AT))
    assert (decision.round, decision.status, decision.rejected_by_id) == (2, DecisionStatus.TIL_GODKJENNING, None)
    assert decision.current_approvals() == []
    give_verdict(decision, approvers, LEDER, Verdict.GODKJENT, None, AT)
    with pytest.raises(DomainError) as final:
        decision.reword(DecisionWording("Endret.", ApprovalPolicy.LEADER, None, None, NESTLEDER, AT))
    assert final.value.code == "approval_round_closed" and decision.text == "Ny tekst."


def test_approved_minutes_are_locked_against_a_new_draft_and_a_deferral() -> None:
    minutes = a_minutes_version(ApprovalPolicy.LEADER)
    minutes.defer_to(2)
    assert (minutes.status, minutes.approve_at_meeting_id, minutes.open_for_verdicts) == (
        MinutesStatus.NESTE_MOTE,
        2,
        True,
    )
    minutes.redraft({"changed": True}, ApprovalPolicy.LEADER, None, SEKRETAER, AT)
    assert (minutes.round, minutes.status) == (2, MinutesStatus.NESTE_MOTE)  # still waits for its meeting
    give_verdict(minutes, approvers_of(minutes.policy, members()), LEDER, Verdict.GODKJENT, None, AT)
    for change in (
        lambda: minutes.redraft({}, ApprovalPolicy.LEADER, None, SEKRETAER, AT),
        lambda: minutes.defer_to(3),
    ):
        with pytest.raises(DomainError) as locked:
            change()
        assert locked.value.code == "approval_round_closed"
    assert minutes.content == {"changed": True}


ROUND_FIELDS = {"status", "round", "rejected_by_id", "rejection_comment", "final_at", "approved_at"}
PRODUCTION = ("bot", "cards", "governance", "scheduler", "storage")


def _round_changes_outside_the_model(path: Path) -> list[str]:
    """Assignments to a decision's or minutes' round state: by the variable's name, or by the
    status assigned."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Assign | ast.AugAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        flat = [t for target in targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
        value = ast.unparse(node.value)
        for target in flat:
            if not isinstance(target, ast.Attribute) or target.attr not in ROUND_FIELDS:
                continue
            owner = ast.unparse(target.value).lower()
            if "decision" in owner or "minutes" in owner or "DecisionStatus" in value or "MinutesStatus" in value:
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_decisions_and_minutes_change_their_round_only_through_their_own_methods() -> None:
    root = Path(__file__).resolve().parents[2]
    model = root / "governance" / "rules" / "model.py"
    sources = [path for package in PRODUCTION for path in sorted((root / package).rglob("*.py")) if path != model]
    assert [change for path in sources for change in _round_changes_outside_the_model(path)] == []


# Who approves the minutes (issue 17, item 3)


def attendance(
    present: set[int], stands_in: frozenset[int] = frozenset()
) -> list[tuple[int, Role, AttendanceStatus | None, bool]]:
    """Attendance lines of BODY: the ids in `present` were there, the others sent apologies."""
    return [
        (pid, role, AttendanceStatus.TIL_STEDE if pid in present else AttendanceStatus.FORFALL, pid in stands_in)
        for pid, role in BODY
    ]


def test_only_voting_members_present_and_a_vara_standing_in_are_present_voters() -> None:
    assert present_voters(attendance({LEDER, MEDLEM_A, VARA, SEKRETAER})) == [LEDER, MEDLEM_A]
    assert present_voters(attendance({LEDER, MEDLEM_A, VARA}, stands_in=frozenset({VARA}))) == [LEDER, MEDLEM_A, VARA]


def test_minutes_with_present_ask_those_present_and_count_the_body_rule_among_them() -> None:
    present = present_voters(attendance({NESTLEDER, MEDLEM_A, VARA}, stands_in=frozenset({VARA})))
    asked = minutes_approvers_of(ApprovalPolicy.LEADER, MinutesApprovers.PRESENT, members(), present, None)
    assert [p.id for p in asked.persons] == [NESTLEDER, MEDLEM_A, VARA]
    assert not asked.includes(LEDER) and not asked.includes(MEDLEM_B)  # absent: never asked
    assert asked.met_by({NESTLEDER}) and not asked.met_by({MEDLEM_A, VARA})  # the deputy leads


def test_minutes_with_signatories_need_both_and_only_them() -> None:
    present = present_voters(attendance({LEDER, MEDLEM_A, MEDLEM_B}))
    signed = minutes_approvers_of(
        ApprovalPolicy.LEADER, MinutesApprovers.SIGNATORIES, members(), present, [MEDLEM_B, MEDLEM_A]
    )
    assert [p.id for p in signed.persons] == [MEDLEM_B, MEDLEM_A]
    assert not signed.met_by({MEDLEM_A, LEDER}) and signed.met_by({MEDLEM_A, MEDLEM_B})


def test_minutes_approved_at_the_next_meeting_are_approved_as_a_decision() -> None:
    present = present_voters(attendance({LEDER}))
    later = minutes_approvers_of(ApprovalPolicy.MAJORITY, MinutesApprovers.NEXT_MEETING, members(), present, None)
    assert [p.id for p in later.persons] == [LEDER, NESTLEDER, MEDLEM_A, MEDLEM_B]
