"""The approval round, as pure rules: who approves, which verdicts count, and how a verdict
settles the round of whatever is being approved (a decision, a version of the minutes).

The approvers are the voting members of the body (leader, deputy leader, members); the policy
says how many of them must approve. What is approved changes its own status (`Round`); the use
cases around a round are in governance.approvals.approval_round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from governance.rules.errors import DomainError
from governance.rules.input_limits import TextField, checked_text
from governance.rules.model import (
    VOTING_ROLES,
    ApprovalPolicy,
    AttendanceStatus,
    Membership,
    MinutesApprovers,
    Person,
    Role,
    Verdict,
)


@dataclass(frozen=True)
class ApproverState:
    person_id: int
    name: str
    teams_user_id: str | None
    verdict: Verdict | None = None  # None: not yet acted in this round
    at: datetime | None = None
    comment: str | None = None


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


def minutes_approvers_of(
    policy: ApprovalPolicy,
    how: MinutesApprovers,
    members: Sequence[tuple[Membership, Person]],
    present: Iterable[int],
    signatories: Sequence[int] | None,
) -> Approvers:
    """The approvers of one version of the minutes, as the body's `minutes_approval` says.

    `present`: the person ids the minutes list as present, a vara among them only when standing in
    for a member. Absent members are never approvers, so they are neither asked nor reminded.
    With `present`, every voting member present is asked and the body's `approval:` rule, counted
    among them, says when the minutes are approved; two signatories must both approve; minutes
    approved at the next meeting are approved as a decision is, by the body's voting members.
    """
    if how is MinutesApprovers.SIGNATORIES and signatories:
        chosen = {person.id: person for _, person in members if person.id in set(signatories)}
        persons = tuple(chosen[person_id] for person_id in signatories if person_id in chosen)
        return Approvers(policy=ApprovalPolicy.ALL_MEMBERS, persons=persons, leaders=frozenset())
    if how is MinutesApprovers.NEXT_MEETING:
        return approvers_of(policy, members)
    there = set(present)
    seated = [(membership, person) for membership, person in members if person.id in there]
    leading_role = Role.LEDER if any(m.role is Role.LEDER for m, _ in seated) else Role.NESTLEDER
    leaders = frozenset(person.id for membership, person in seated if membership.role is leading_role and person.id)
    return Approvers(policy=policy, persons=tuple(person for _, person in seated), leaders=leaders)


def present_voters(lines: Iterable[tuple[int, Role, AttendanceStatus | None, bool]]) -> list[int]:
    """From attendance lines (person id, role, status, stands in for someone): the voting members
    present, a vara counting only while standing in for an absent member."""
    return [
        person_id
        for person_id, role, status, stands_in in lines
        if status is AttendanceStatus.TIL_STEDE and (role in VOTING_ROLES or (role is Role.VARA and stands_in))
    ]


def can_ever_be_met(approvers: Approvers) -> bool:
    """False when the body lacks the people its policy needs (no leader, or no one else)."""
    if not approvers.persons:
        return False
    return approvers.met_by(person.id for person in approvers.persons if person.id is not None)


class Cast(Protocol):
    """One approver's verdict in one round (of a decision or of minutes)."""

    @property
    def person_id(self) -> int: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def at(self) -> datetime: ...
    @property
    def comment(self) -> str | None: ...


def counts(
    open_for_verdicts: bool, current: Sequence[Cast], person_id: int, round_seen: int | None, round: int
) -> bool:
    """Whether a verdict changes anything: not on a closed round, not a second time from the same
    person, not from a card showing an earlier round."""
    already = any(cast.person_id == person_id for cast in current)
    return open_for_verdicts and not already and not shows_earlier_round(round_seen, round)


def shows_earlier_round(round_seen: int | None, round: int) -> bool:
    """Whether the card acted on showed an earlier round, whose text may not be the one that
    stands now (a new wording, a new version of the minutes): its verdict never counts."""
    return round_seen is not None and round_seen != round


def verdict_comment(verdict: Verdict, comment: str | None) -> str | None:
    """The comment as stored; a rejection must say why."""
    comment = checked_text(TextField.APPROVAL_COMMENT, comment)
    if verdict is Verdict.AVVIST and comment is None:
        raise DomainError("rejection_needs_comment")
    return comment


def approving(current: Sequence[Cast]) -> list[int]:
    return [cast.person_id for cast in current if cast.verdict is Verdict.GODKJENT]


def approver_states(approvers: Approvers, current: Sequence[Cast]) -> tuple[ApproverState, ...]:
    """Each approver with their verdict in the current round, if given."""
    verdicts = {cast.person_id: cast for cast in current}
    states = []
    for person in approvers.persons:
        assert person.id is not None
        given = verdicts.get(person.id)
        states.append(
            ApproverState(
                person_id=person.id,
                name=person.name,
                teams_user_id=person.teams_user_id,
                verdict=given.verdict if given else None,
                at=given.at if given else None,
                comment=given.comment if given else None,
            )
        )
    return tuple(states)


class Round(Protocol):
    """Something that goes through rounds of approval; it guards its own status changes."""

    @property
    def round(self) -> int: ...
    @property
    def open_for_verdicts(self) -> bool: ...
    def current_approvals(self) -> Sequence[Cast]: ...
    def add_verdict(self, person_id: int, verdict: Verdict, at: datetime, comment: str | None) -> None: ...
    def return_to_draft(self, person_id: int, comment: str | None) -> None: ...
    def make_final(self, at: datetime) -> None: ...


class Settled(StrEnum):
    """What one verdict did to its round."""

    RETURNED = "rejected"  # a rejection ended the round
    APPROVED = "approved"  # counted; the policy is not met yet
    FINAL = "final"  # the policy is met: the round ended in approval


def give_verdict(
    subject: Round, approvers: Approvers, person_id: int, verdict: Verdict, comment: str | None, at: datetime
) -> Settled:
    """Records a counting verdict (see `counts`) and settles the round by the policy."""
    comment = verdict_comment(verdict, comment)
    subject.add_verdict(person_id, verdict, at, comment)
    if verdict is Verdict.AVVIST:
        subject.return_to_draft(person_id, comment)
        return Settled.RETURNED
    if approvers.met_by(approving(subject.current_approvals())):
        subject.make_final(at)
        return Settled.FINAL
    return Settled.APPROVED


def waiting_for(approvers: Approvers, current: Sequence[Cast]) -> list[Person]:
    """The approvers who have not acted on the current round."""
    acted = {cast.person_id for cast in current}
    return [person for person in approvers.persons if person.id not in acted]


View = TypeVar("View")


@dataclass(frozen=True)
class Outcome(Generic[View]):
    """What a card action leaves behind, for the acting user's card and the channel's copy."""

    subject: View
    viewer_id: int | None  # the acting person, when known
    changed: bool  # False: a repeated click or a stale card; nothing was recorded
    # The card acted on showed an earlier round: nothing was recorded, and the user is told why,
    # so nobody presses again on a text they have not read.
    earlier_round: bool = False
