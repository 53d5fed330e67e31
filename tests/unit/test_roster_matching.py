"""Matching a body's members with a Teams roster (`medlemmer synk`): by email, then by user
principal name, ignoring case; what is proposed, what is a conflict, and who is left over."""

from __future__ import annotations

from cards.member_sync import sync_changes, sync_data
from governance.rules.model import Person
from governance.structure.member_sync import IdChange, RosterAccount, match_roster, propose
from governance.views import BodyRef

SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")
LISE_AAD = "c87bdf38-be54-466a-bd67-4029da348cc4"
TIEN_AAD = "6d415fdd-f97e-4f70-ac45-e69601e4ecb2"
DAVE_AAD = "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4"
OLD_AAD = "00000000-0000-4000-8000-000000000001"


def person(person_id: int, name: str, email: str, aad: str | None = None) -> Person:
    return Person(name=name, email=email, aad_object_id=aad, id=person_id)


def account(name: str, aad: str | None, email: str | None = None, upn: str | None = None) -> RosterAccount:
    return RosterAccount(f"29:{name.split()[0].lower()}", aad, name, email, upn)


LISE = person(1, "Lise Leder", "lise@example.no")
TIEN = person(2, "Tien Medlem", "tien@example.no", TIEN_AAD)
KARI = person(3, "Kari Vara", "kari@example.no")

LISE_IN_TEAMS = account("Lise Leder", LISE_AAD, email="Lise@Example.NO")
TIEN_IN_TEAMS = account("Tien Medlem", TIEN_AAD, upn="TIEN@example.no")
GUEST = account("Ola Gjest", "11111111-2222-4333-8444-555555555555", email="ola@kommune.no")


def test_members_are_matched_by_email_then_by_principal_name_ignoring_case() -> None:
    match = match_roster([LISE, TIEN, KARI], [GUEST, TIEN_IN_TEAMS, LISE_IN_TEAMS])

    assert match.pairs == ((LISE, LISE_IN_TEAMS), (TIEN, TIEN_IN_TEAMS))
    assert match.not_in_roster == (KARI,)
    assert match.not_members == (GUEST,)


def test_email_wins_over_another_accounts_principal_name() -> None:
    by_principal = account("Lise Gammel", OLD_AAD, upn="lise@example.no")
    match = match_roster([LISE], [by_principal, LISE_IN_TEAMS])
    assert match.pairs == ((LISE, LISE_IN_TEAMS),)


def test_accounts_without_an_object_id_are_left_out() -> None:
    bot = account("Helsefellesskap", None, email="lise@example.no")
    match = match_roster([LISE], [bot])
    assert match.pairs == () and match.not_in_roster == (LISE,) and match.not_members == ()


def test_a_member_with_two_roles_is_matched_once() -> None:
    match = match_roster([LISE, LISE], [LISE_IN_TEAMS])
    assert match.pairs == ((LISE, LISE_IN_TEAMS),)


def test_a_missing_or_different_object_id_is_proposed_and_a_matching_one_counted() -> None:
    moved = person(4, "Per Flyttet", "per@example.no", OLD_AAD)
    per_in_teams = account("Per Flyttet", "22222222-3333-4444-8555-666666666666", email="per@example.no")
    proposal = propose(SSU, match_roster([LISE, TIEN, moved], [LISE_IN_TEAMS, TIEN_IN_TEAMS, per_in_teams]), {})

    assert [(item.name, item.change, item.replaces) for item in proposal.changes] == [
        ("Lise Leder", IdChange(1, LISE_AAD, "29:lise"), False),
        ("Per Flyttet", IdChange(4, "22222222-3333-4444-8555-666666666666", "29:per"), True),
    ]
    assert proposal.already_linked == 1
    assert proposal.conflicts == ()


def test_an_object_id_another_person_holds_is_a_conflict_not_a_change() -> None:
    dave = person(9, "Dave Sekretariat", "dave@example.no", DAVE_AAD)
    per = person(5, "Per Konflikt", "per@example.no")
    per_in_teams = account("Per Konflikt", DAVE_AAD, email="per@example.no")

    proposal = propose(SSU, match_roster([per, LISE], [per_in_teams, LISE_IN_TEAMS]), {DAVE_AAD: dave})

    assert [item.name for item in proposal.changes] == ["Lise Leder"]
    assert [(conflict.name, conflict.holder) for conflict in proposal.conflicts] == [
        ("Per Konflikt", "Dave Sekretariat")
    ]


def test_two_members_matched_to_one_account_get_it_only_for_the_first() -> None:
    twin = person(6, "Lise Tvilling", "lise.t@example.no")
    shared = account("Lise Leder", LISE_AAD, email="lise@example.no", upn="lise.t@example.no")

    proposal = propose(SSU, match_roster([LISE, twin], [shared]), {})

    assert [item.name for item in proposal.changes] == ["Lise Leder"]
    assert [(conflict.name, conflict.holder) for conflict in proposal.conflicts] == [("Lise Tvilling", "Lise Leder")]


def test_the_information_lists_name_who_is_missing_on_either_side() -> None:
    proposal = propose(SSU, match_roster([LISE, KARI], [LISE_IN_TEAMS, GUEST]), {})
    assert proposal.not_in_roster == ("Kari Vara",)
    assert proposal.not_members == ("Ola Gjest",)


def test_the_card_data_round_trips_and_foreign_data_is_refused() -> None:
    proposal = propose(SSU, match_roster([LISE], [LISE_IN_TEAMS]), {})
    data = sync_data(proposal)

    assert data == {"body": "SSU", "changes": [{"personId": 1, "aadObjectId": LISE_AAD, "teamsUserId": "29:lise"}]}
    assert sync_changes(data) == [IdChange(1, LISE_AAD, "29:lise")]
    assert sync_changes({"body": "SSU", "changes": []}) is None
    assert sync_changes({"changes": data["changes"]}) is None
    assert sync_changes({"body": "SSU", "changes": [{"personId": "1", "aadObjectId": LISE_AAD}]}) is None
    assert sync_changes({"body": "SSU", "changes": [{"personId": 1, "aadObjectId": "not-a-guid"}]}) is None
    assert sync_changes({"body": "SSU", "changes": [{"personId": True, "aadObjectId": LISE_AAD}]}) is None
