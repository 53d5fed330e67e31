"""The pure rules of a case's handling at a meeting (issue 17, item 1): who may be named as voting
against, what counts are possible, which cases are voted on and which noted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from governance.rules.errors import DomainError
from governance.rules.handling import (
    CaseHandling,
    Proposal,
    Statement,
    Vote,
    VoteKind,
    Voter,
    check_vote,
    statement_author,
)
from governance.rules.model import CaseType

AT = datetime(2026, 11, 24, 10, tzinfo=UTC)
PEOPLE = (
    Voter(1, "Lise Leder", "lise@example.no", present=True, attending=True),
    Voter(2, "Tien Medlem", "tien@example.no", present=True, attending=True),
    Voter(3, "Anne Andersen", "anne@example.no", present=True, attending=True),
    Voter(4, "Per Pettersen", "per@example.no", present=False, attending=False),  # sent apologies
    Voter(5, "Kari Vara", "kari@example.no", present=False, attending=True),  # a vara not standing in
)


def counted(votes_for: int, against: int, blank: int = 0, *names: str) -> Vote:
    return Vote(VoteKind.COUNTED, votes_for, against, blank, names)


def refusal(vote: Vote, case_type: CaseType = CaseType.VEDTAKSSAK, disqualified: set[int] | None = None) -> DomainError:
    with pytest.raises(DomainError) as refused:
        check_vote(vote, "1/2026", case_type, PEOPLE, disqualified or set())
    return refused.value


def test_names_against_are_matched_by_name_or_email_whatever_the_case_and_spelt_as_stored() -> None:
    names = check_vote(
        counted(1, 2, 0, "anne ANDERSEN", "TIEN@example.no"), "1/2026", CaseType.VEDTAKSSAK, PEOPLE, set()
    )
    assert names == ("Anne Andersen", "Tien Medlem")


def test_a_disqualified_member_named_against_is_refused_by_name() -> None:
    error = refusal(counted(1, 1, 0, "tien@example.no"), disqualified={2})
    assert (error.code, error.params) == ("handling_voter_disqualified", {"name": "Tien Medlem", "case": "1/2026"})


def test_only_voting_members_present_may_be_named() -> None:
    absent = refusal(counted(1, 1, 0, "Per Pettersen"))
    assert absent.code == "handling_voter_not_present" and absent.params["name"] == "Per Pettersen"
    vara = refusal(counted(1, 1, 0, "Kari Vara"))
    assert vara.code == "handling_voter_not_present"
    unknown = refusal(counted(1, 1, 0, "Ola Nordmann"))
    assert unknown.code == "handling_voter_unknown"
    assert unknown.params == {"name": "Ola Nordmann", "known": "Lise Leder, Tien Medlem, Anne Andersen"}
    twice = refusal(counted(0, 2, 0, "Anne Andersen", "anne@example.no"))
    assert twice.code == "handling_voter_twice"


def test_the_counts_cannot_exceed_the_voters_present_less_the_disqualified() -> None:
    check_vote(counted(2, 1), "1/2026", CaseType.VEDTAKSSAK, PEOPLE, set())  # three present, three votes
    error = refusal(counted(2, 0, 1), disqualified={3})
    assert (error.code, error.params) == ("handling_too_many_votes", {"total": 3, "voters": 2})


def test_no_more_names_than_votes_against() -> None:
    error = refusal(counted(1, 1, 0, "Anne Andersen", "Tien Medlem"))
    assert (error.code, error.params) == ("handling_names_exceed_against", {"names": 2, "against": 1})


def test_an_information_case_is_only_noted_and_a_decision_case_never_merely_noted() -> None:
    assert refusal(Vote(VoteKind.UNANIMOUS), CaseType.ORIENTERINGSSAK).code == "handling_information_case_vote"
    assert refusal(counted(3, 0), CaseType.ORIENTERINGSSAK).code == "handling_information_case_vote"
    assert refusal(Vote(VoteKind.NOTED)).code == "handling_decision_case_noted"
    assert check_vote(Vote(VoteKind.NOTED), "1/2026", CaseType.ORIENTERINGSSAK, PEOPLE, set()) == ()
    assert check_vote(Vote(VoteKind.NOT_DECIDED), "1/2026", CaseType.ORIENTERINGSSAK, PEOPLE, set()) == ()
    assert check_vote(Vote(VoteKind.NOTED), "1/2026", CaseType.DROFTINGSSAK, PEOPLE, set()) == ()


def test_a_vote_carries_when_unanimous_or_with_more_for_than_against() -> None:
    assert Vote(VoteKind.UNANIMOUS).carried
    assert counted(3, 2).carried
    assert not counted(2, 2).carried and not counted(1, 2).carried
    assert not Vote(VoteKind.NOTED).carried and not Vote(VoteKind.NOT_DECIDED).carried


def test_a_statement_comes_from_someone_who_attended() -> None:
    assert statement_author("kari@example.no", PEOPLE) == "Kari Vara"  # attending, though not voting
    with pytest.raises(DomainError) as absent:
        statement_author("Per Pettersen", PEOPLE)
    assert absent.value.code == "handling_statement_not_present"
    with pytest.raises(DomainError) as unknown:
        statement_author("Ola Nordmann", PEOPLE)
    assert unknown.value.code == "handling_statement_unknown"


def test_a_new_vote_replaces_the_last_and_statements_accumulate() -> None:
    handling = CaseHandling(meeting_id=1, case_id=2, recorded_by_id=9, recorded_at=AT)
    handling.add_statement(Statement("Anne Andersen", "Forbehold."), 9, AT)
    handling.record_vote(counted(2, 1, 0, "x"), ("Anne Andersen",), [Proposal("Forslaget.")], 9, AT)
    assert handling.adopted == 0 and handling.against == ["Anne Andersen"]
    handling.record_vote(counted(1, 2), (), [Proposal("Forslaget.")], 9, AT)
    assert handling.adopted is None and handling.against == [] and handling.votes_for == 1
    handling.record_vote(Vote(VoteKind.NOT_DECIDED), (), [], 9, AT)
    snapshot = handling.snapshot()
    assert snapshot["outcome"] == "utsatt" and snapshot["for"] is None and snapshot["proposals"] == []
    assert snapshot["statements"] == [{"name": "Anne Andersen", "text": "Forbehold."}]
