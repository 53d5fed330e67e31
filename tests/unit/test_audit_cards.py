"""The log card (`logg`) and the access card (`tilganger`): valid Adaptive Cards within Teams' size
limit at their largest, readable labels for every action the code audits, and before → after cut
short."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cards.access_review import access_cards, access_csv, access_text
from cards.audit_log import AUDIT_MORE_VERB, audit_log_card, change_text
from cards.common import MAX_CARD_BYTES
from cards.texts import AUDIT_ACTIONS, Language, audit_action
from governance.rules.model import Role
from governance.views import AccessHolder, AccessReview, AuditLine, AuditLogView, BodyAccess, BodyRef, RoleChange
from tests.support.node_validators import card_errors, node_validators_available

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
LANGS: tuple[Language, ...] = ("nb", "en")
SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")
LONG = "Ærlig talt er dette en svært lang bakgrunn om utskrivning av skrøpelige eldre. " * 40


def _line(index: int, details: dict[str, object]) -> AuditLine:
    return AuditLine(index, AT - timedelta(minutes=index), "Åse Øvrebø", "case.paper_written", "case:1", details)


def _largest_log() -> AuditLogView:
    """Thirty events each with long texts before and after, and more to come."""
    details: dict[str, object] = {
        "body": "SSU",
        "before": {"background": LONG, "assessment": LONG, "title": "Tittel"},
        "after": {"background": LONG + "!", "assessment": LONG + "?", "title": "Ny tittel"},
    }
    return AuditLogView(SSU, 12, 2026, tuple(_line(100 - i, details) for i in range(30)), more=4711)


def _largest_review() -> AccessReview:
    holders = tuple(
        AccessHolder(f"Person {i} Ødegård", Role.MEDLEM, "Øvre Eiker kommune", i % 2 == 0) for i in range(40)
    )
    bodies = tuple(BodyAccess(BodyRef(f"B{i}", f"Organ nummer {i}"), holders) for i in range(8))
    changes = tuple(
        RoleChange(AT, "SSU", f"Person {i}", "changed", "medlem (Øvre Eiker kommune)", "leder (Øvre Eiker kommune)")
        for i in range(60)
    )
    return AccessReview(bodies, holders[:5], changes, AT - timedelta(days=90), 90)


@pytest.mark.parametrize("lang", LANGS)
def test_the_largest_cards_are_valid_and_fit_in_a_teams_message(lang: Language) -> None:
    access = access_cards(_largest_review(), lang)
    assert len(access) > 1  # too much for one card: numbered parts
    title = "Tilganger" if lang == "nb" else "Access review"
    assert [card.text.splitlines()[0] for card in access] == [
        f"{title} ({n}/{len(access)})" for n in range(1, len(access) + 1)
    ]
    cards = [
        audit_log_card(_largest_log(), lang),
        audit_log_card(AuditLogView(SSU, None, None, (), 0), lang),
        *access,
        *access_cards(AccessReview((), (), (), AT, 90), lang),
    ]
    for card in cards:
        assert card.size <= MAX_CARD_BYTES
    if not node_validators_available():
        pytest.skip("node is not installed, so the Adaptive Card validator cannot run")
    assert card_errors([card.card for card in cards]) == [[] for _ in cards]


def test_show_more_carries_the_body_the_case_and_the_oldest_event_shown() -> None:
    card = audit_log_card(_largest_log(), "en").card
    [action] = card["actions"]
    assert action["verb"] == AUDIT_MORE_VERB and action["title"] == "Show more"
    assert action["data"] == {"body": "SSU", "before": 71, "caseNumber": 12, "caseYear": 2026}
    assert "… and 4711 more." in audit_log_card(_largest_log(), "en").text


def test_before_and_after_are_shown_per_field_named_in_the_readers_language_and_cut_short() -> None:
    text = change_text(
        _line(1, {"before": {"status": "planlagt", "x": 1}, "after": {"status": "igangsatt", "x": 1}}), "nb"
    )
    assert text == "status: planlagt → igangsatt"
    long = change_text(_largest_log().lines[0], "nb")
    assert len(long) <= 200 and long.count("…") == 4  # each long value cut to 40 characters
    assert change_text(_line(1, {"before": None, "after": {"title": "Budsjett"}}), "nb") == "tittel: – → Budsjett"
    assert change_text(_line(1, {"before": None, "after": {"title": "Budsjett"}}), "en") == "title: – → Budsjett"
    role = {"before": {"role": "medlem", "represents": None}, "after": {"role": "leder", "represents": "Test HF"}}
    assert change_text(_line(1, role), "nb") == "rolle: medlem → leder; representerer: – → Test HF"
    assert change_text(_line(1, {"before": {"odd_key": 1}, "after": {"odd_key": 2}}), "en") == "odd_key: 1 → 2"
    assert change_text(_line(1, {"body": "SSU"}), "nb") == ""  # an event without a change


def test_every_action_the_code_audits_by_name_has_a_label_in_both_languages() -> None:
    written = set()
    for path in [*ROOT.glob("governance/**/*.py"), *ROOT.glob("bot/*.py")]:
        source = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'audit\(\s*"([a-z_]+\.[a-z_]+)"', source))
        written |= set(re.findall(r'"((?:structure|members)\.[a-z_]+)"', source)) & set(AUDIT_ACTIONS)
    assert written, "the pattern found no audit call"
    assert written - set(AUDIT_ACTIONS) == set()
    assert audit_action("nb", "case.registered") == "Sak meldt inn"
    assert audit_action("en", "case.registered") == "Case registered"
    assert audit_action("nb", "refused.audit_log") == "Avvist: audit_log"
    assert audit_action("en", "something.new") == "something.new"  # a code without a label, as written


def test_the_access_review_as_text_and_csv() -> None:
    review = AccessReview(
        (BodyAccess(SSU, (AccessHolder("Lise Leder", Role.LEDER, "Test HF", True),)),),
        (AccessHolder("Dave Sekretariat", None, None, False),),
        (RoleChange(AT, "", "Dave Sekretariat", "added", None, None),),
        AT - timedelta(days=90),
        90,
    )
    assert access_text(review, "nb").splitlines() == [
        "Tilganger",
        "",
        "Strategisk samarbeidsutvalg (SSU)",
        "  Lise Leder · Leder · Test HF · Entra-ID kjent",
        "",
        "Sekretariatet",
        "  Dave Sekretariat · Entra-ID mangler",
        "",
        "Rolleendringer siste 90 dager",
        "  23.11.2026 · Sekretariatet · Dave Sekretariat · lagt til",
    ]
    assert access_csv(review).splitlines() == [
        "body,name,role,represents,entra_id_known",
        "SSU,Lise Leder,leder,Test HF,yes",
        ",Dave Sekretariat,sekretariat,,no",
    ]
