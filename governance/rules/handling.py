"""How a case was dealt with at a meeting (behandling): the proposals voted on, the vote, the
statements members asked to have in the minutes (protokolltilførsel) and which proposal was
adopted (issue 17, item 1). One `CaseHandling` per (meeting, case); pure rules, nothing async.

The decision itself stays a `Decision`: the adopted proposal is recorded through the same path as
`vedtak`, so it is approved as every decision is. This aggregate keeps what the minutes say about
how the meeting came to it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from governance.rules.errors import DomainError
from governance.rules.model import CaseType


class VoteKind(StrEnum):
    UNANIMOUS = "enstemmig"
    COUNTED = "votering"  # counts for, against and blank
    NOTED = "orientering"  # an orienteringssak "tatt til orientering", no vote
    NOT_DECIDED = "utsatt"  # not decided at the meeting: back in the queue as postponed


@dataclass(frozen=True)
class Vote:
    """The vote as the secretariat reports it; names against as written, resolved by `check_vote`."""

    kind: VoteKind
    votes_for: int | None = None
    votes_against: int | None = None
    votes_blank: int = 0
    against_names: tuple[str, ...] = ()

    @property
    def carried(self) -> bool:
        """The proposal voted on was adopted: unanimously, or by more for than against."""
        if self.kind is VoteKind.UNANIMOUS:
            return True
        return self.kind is VoteKind.COUNTED and (self.votes_for or 0) > (self.votes_against or 0)


@dataclass(frozen=True)
class Voter:
    """A person on the meeting's attendance, as the rules need them to match a name."""

    person_id: int
    name: str
    email: str
    present: bool  # present with a vote (a vara only while standing in)
    attending: bool  # present at all: a statement may come from anyone who was there


@dataclass(frozen=True)
class Proposal:
    text: str
    by: str | None = None  # None: the case paper's "Forslag til vedtak"


@dataclass(frozen=True)
class Statement:
    name: str
    text: str


def _match(name: str, people: Sequence[Voter]) -> Voter | None:
    """By name or email, case-insensitively, as the minutes' signatories are matched."""
    key = name.strip().casefold()
    return next((person for person in people if key in (person.name.casefold(), person.email.casefold())), None)


def _known(people: Sequence[Voter], disqualified: Collection[int]) -> str:
    return ", ".join(p.name for p in people if p.present and p.person_id not in disqualified) or "–"


def check_vote(
    vote: Vote,
    case_reference: str,
    case_type: CaseType,
    people: Sequence[Voter],
    disqualified: Collection[int],
) -> tuple[str, ...]:
    """Checks a vote against the case and the meeting's attendance; returns the names of those
    voting against as the attendance spells them. Refuses what could not have happened: a vote on
    an orienteringssak, a vedtakssak merely noted, more votes than voters present (the disqualified
    do not vote), more names than votes against, a name not present with a vote, a disqualified
    member voting."""
    if case_type is CaseType.ORIENTERINGSSAK and vote.kind in (VoteKind.UNANIMOUS, VoteKind.COUNTED):
        raise DomainError("handling_information_case_vote", case=case_reference)
    if case_type is CaseType.VEDTAKSSAK and vote.kind is VoteKind.NOTED:
        raise DomainError("handling_decision_case_noted", case=case_reference)
    if vote.kind is not VoteKind.COUNTED:
        return ()
    known = _known(people, disqualified)
    names: list[str] = []
    for written in vote.against_names:
        person = _match(written, people)
        if person is None:
            raise DomainError("handling_voter_unknown", name=written, known=known)
        if person.person_id in disqualified:
            raise DomainError("handling_voter_disqualified", name=person.name, case=case_reference)
        if not person.present:
            raise DomainError("handling_voter_not_present", name=person.name, known=known)
        if person.name in names:
            raise DomainError("handling_voter_twice", name=person.name)
        names.append(person.name)
    votes_for, against, blank = vote.votes_for or 0, vote.votes_against or 0, vote.votes_blank
    voters = sum(1 for person in people if person.present and person.person_id not in disqualified)
    if votes_for + against + blank > voters:
        raise DomainError("handling_too_many_votes", total=votes_for + against + blank, voters=voters)
    if len(names) > against:
        raise DomainError("handling_names_exceed_against", names=len(names), against=against)
    return tuple(names)


def statement_author(name: str, people: Sequence[Voter]) -> str:
    """A protokolltilførsel comes from someone who attended; returns their name as stored."""
    person = _match(name, people)
    known = ", ".join(p.name for p in people if p.attending) or "–"
    if person is None:
        raise DomainError("handling_statement_unknown", name=name, known=known)
    if not person.attending:
        raise DomainError("handling_statement_not_present", name=person.name, known=known)
    return person.name


@dataclass(eq=False)
class CaseHandling:
    """What the minutes say of one case at one meeting besides its decision. Lists are stored as
    JSON; each change assigns a new list, so the mapping sees it."""

    meeting_id: int
    case_id: int
    recorded_by_id: int
    recorded_at: datetime
    outcome: VoteKind | None = None  # None: only statements so far
    votes_for: int | None = None
    votes_against: int | None = None
    votes_blank: int | None = None
    against: list[str] = field(default_factory=list)
    proposals: list[dict[str, Any]] = field(default_factory=list)  # {"text", "by"}
    adopted: int | None = None  # index into proposals
    statements: list[dict[str, Any]] = field(default_factory=list)  # {"name", "text"}
    version: int = 1
    id: int | None = None

    def record_vote(
        self,
        vote: Vote,
        against: tuple[str, ...],
        proposals: Sequence[Proposal],
        person_id: int,
        at: datetime,
        adopted: int = 0,
    ) -> None:
        """A new vote replaces the last: the secretariat corrects what it reported. `adopted` is
        the proposal a vote carried adopts (the paper's, first, unless an alternative won)."""
        self.outcome = vote.kind
        counted = vote.kind is VoteKind.COUNTED
        self.votes_for = vote.votes_for if counted else None
        self.votes_against = vote.votes_against if counted else None
        self.votes_blank = vote.votes_blank if counted else None
        self.against = list(against)
        voted = vote.kind in (VoteKind.UNANIMOUS, VoteKind.COUNTED)
        self.proposals = [{"text": p.text, "by": p.by} for p in proposals] if voted else []
        self.adopted = min(adopted, len(proposals) - 1) if voted and vote.carried and proposals else None
        self.recorded_by_id, self.recorded_at = person_id, at

    def add_statement(self, statement: Statement, person_id: int, at: datetime) -> None:
        self.statements = [*self.statements, {"name": statement.name, "text": statement.text}]
        self.recorded_by_id, self.recorded_at = person_id, at

    def snapshot(self) -> dict[str, object]:
        """What the audit records before and after a change."""
        return {
            "outcome": self.outcome.value if self.outcome else None,
            "for": self.votes_for,
            "against": self.votes_against,
            "blank": self.votes_blank,
            "against_names": list(self.against),
            "proposals": [dict(p) for p in self.proposals],
            "adopted": self.adopted,
            "statements": [dict(s) for s in self.statements],
        }
