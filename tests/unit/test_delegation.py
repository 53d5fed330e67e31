"""Reading grants of authority from decision texts, and whether a later decision is about one."""

from __future__ import annotations

import pytest

from governance.approvals.delegation import concerns_plan_adoption, covers, granted


def test_a_grant_names_the_body_and_the_matter_up_to_the_end_of_the_sentence() -> None:
    text = "Planen vedtas som utkast. SSU gis myndighet til å vedta endelig handlingsplan. Saken avsluttes."
    assert granted(text) == [("SSU", "vedta endelig handlingsplan")]
    assert granted("PSU GIS MYNDIGHET TIL Å godkjenne mandat for fagråd; ASU orienteres.") == [
        ("PSU", "godkjenne mandat for fagråd")
    ]
    assert granted("SSU slutter seg til forslaget.") == []


def test_a_later_decision_is_under_the_authority_when_it_names_the_matter() -> None:
    matter = "vedta endelig handlingsplan"
    assert covers(matter, "SSU vedtar endelig handlingsplan for 2027 slik den foreligger.")
    assert covers(matter, "Endelig HANDLINGSPLAN vedtas.")
    assert not covers(matter, "SSU vedtar handlingsplanens budsjett.")  # 'endelig' is missing
    assert not covers(matter, "SSU slutter seg til forslaget.")


@pytest.mark.parametrize(
    ("matter", "year", "concerns"),
    [
        ("vedta endelig handlingsplan", 2027, True),
        ("vedta handlingsplanen for helsefellesskapet", 2027, True),
        ("vedta handlingsplan 2027", 2027, True),
        ("vedta handlingsplan 2026", 2027, False),  # names another year's plan
        ("revidere handlingsplan", 2027, False),  # not adopting it
        ("vedta lokal rutine for legevakt", 2027, False),
    ],
)
def test_authority_to_adopt_the_action_plan_is_read_from_the_delegated_matter(
    matter: str, year: int, concerns: bool
) -> None:
    assert concerns_plan_adoption(matter, year) is concerns
