"""The approval policies: who approves a body's decisions and when that is enough."""

from __future__ import annotations

import pytest

from governance.approval import approvers_of, can_ever_be_met
from governance.model import ApprovalPolicy, Membership, Person, Role

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
