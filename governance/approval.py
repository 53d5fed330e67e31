"""Who approves a body's decisions, and when their approvals make a decision final.

Pure rules over the body's stored memberships: the approvers are the voting members (leader,
deputy leader, members); the policy says how many of them must approve.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from governance.model import VOTING_ROLES, ApprovalPolicy, Membership, Person, Role


@dataclass(frozen=True)
class Approvers:
    policy: ApprovalPolicy
    persons: tuple[Person, ...]  # who may approve, in membership order
    leaders: frozenset[int]  # person ids of the body's leaders

    def includes(self, person_id: int | None) -> bool:
        return any(person.id == person_id for person in self.persons)

    def met_by(self, approved: Iterable[int]) -> bool:
        """Whether approvals from these person ids make the decision final."""
        eligible = {person.id for person in self.persons}
        approving = set(approved) & eligible
        if self.policy is ApprovalPolicy.LEADER:
            return bool(approving & self.leaders)
        if self.policy is ApprovalPolicy.LEADER_AND_ONE_MEMBER:
            return bool(approving & self.leaders) and bool(approving - self.leaders)
        if self.policy is ApprovalPolicy.ALL_MEMBERS:
            return bool(eligible) and approving == eligible
        return len(approving) * 2 > len(eligible)  # majority


def approvers_of(
    policy: ApprovalPolicy, members: Sequence[tuple[Membership, Person]], disqualified: Iterable[int] = ()
) -> Approvers:
    """The approvers of a decision; members disqualified on its case take no part.

    When the leader is disqualified, the deputy leader stands in as leader.
    """
    excluded = set(disqualified)
    seated = [(membership, person) for membership, person in members if person.id not in excluded]
    leading_role = Role.LEDER if any(m.role is Role.LEDER for m, _ in seated) else Role.NESTLEDER
    leaders = frozenset(person.id for membership, person in seated if membership.role is leading_role and person.id)
    if policy is ApprovalPolicy.LEADER:
        persons = tuple(person for membership, person in seated if membership.role is leading_role)
    else:
        persons = tuple(person for membership, person in seated if membership.role in VOTING_ROLES)
    return Approvers(policy=policy, persons=persons, leaders=leaders)


def can_ever_be_met(approvers: Approvers) -> bool:
    """False when the body lacks the people its policy needs (no leader, or no one else)."""
    if not approvers.persons:
        return False
    return approvers.met_by(person.id for person in approvers.persons if person.id is not None)
