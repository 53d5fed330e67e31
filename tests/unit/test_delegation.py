"""Reading grants of authority from decision texts, and whether a later decision is about one."""

from __future__ import annotations

from governance.delegation import covers, granted


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
