"""The Adaptive Card validator used by the card tests must pass good cards and fail bad ones.

A validator that passes everything would make every card test meaningless, so
each kind of defect it is trusted to find is shown to be found here.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.support import node_validators
from tests.support.node_validators import card_errors, node_validators_available

pytestmark = pytest.mark.skipif(
    not node_validators_available(), reason="node is not installed, so the Adaptive Card validator cannot run"
)


def _card(
    body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None, version: str = "1.5"
) -> dict[str, Any]:
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": version,
        "body": body,
    }
    if actions is not None:
        card["actions"] = actions
    return card


VALID_CARD = _card(
    body=[
        {"type": "TextBlock", "text": "Sak 12/2026: Felles rutine for utskrivning", "size": "Large", "wrap": True},
        {"type": "FactSet", "facts": [{"title": "Organ", "value": "SSU"}, {"title": "Type", "value": "vedtakssak"}]},
        {"type": "Container", "style": "emphasis", "items": [{"type": "TextBlock", "text": "Forslag til vedtak"}]},
        {
            "type": "ColumnSet",
            "columns": [
                {"type": "Column", "width": "auto", "items": [{"type": "TextBlock", "text": "Frist"}]},
                {"type": "Column", "width": "stretch", "items": [{"type": "TextBlock", "text": "01.03.2026"}]},
            ],
        },
        {
            "type": "ActionSet",
            "actions": [
                # A "type" key inside data is payload, not an element.
                {"type": "Action.Execute", "title": "Godkjenn", "verb": "approve", "data": {"type": "vedtak", "id": 7}}
            ],
        },
    ],
    actions=[
        {"type": "Action.OpenUrl", "title": "Åpne protokollen", "url": "https://hfbot.example.no/protokoll/7"},
        {
            "type": "Action.ShowCard",
            "title": "Kommentar",
            "card": {
                "type": "AdaptiveCard",
                "body": [{"type": "Input.Text", "id": "comment", "label": "Kommentar", "isMultiline": True}],
                "actions": [{"type": "Action.Execute", "title": "Send", "verb": "comment"}],
            },
        },
    ],
)


def _with_body_element(element: dict[str, Any]) -> dict[str, Any]:
    card = copy.deepcopy(VALID_CARD)
    card["body"].append(element)
    return card


def _with_action(action: dict[str, Any]) -> dict[str, Any]:
    card = copy.deepcopy(VALID_CARD)
    card["actions"].append(action)
    return card


def _with_version(version: str) -> dict[str, Any]:
    card = copy.deepcopy(VALID_CARD)
    card["version"] = version
    return card


# (case id, card, a fragment the error list must mention)
BROKEN_CARDS = [
    ("unknown element type", _with_body_element({"type": "Foo", "text": "x"}), "UnknownElementType"),
    ("element newer than 1.5", _with_body_element({"type": "Carousel", "pages": []}), "Carousel"),
    ("unknown action type", _with_action({"type": "Action.Bar", "title": "x"}), "UnknownActionType"),
    ("Action.Execute without verb", _with_action({"type": "Action.Execute", "title": "Godkjenn"}), '"verb"'),
    ("Action.OpenUrl without url", _with_action({"type": "Action.OpenUrl", "title": "Åpne"}), '"url"'),
    ("Action.ShowCard without card", _with_action({"type": "Action.ShowCard", "title": "Vis"}), "card"),
    ("TextBlock with invalid size", _with_body_element({"type": "TextBlock", "text": "x", "size": "gigantic"}), "size"),
    ("TextBlock without text", _with_body_element({"type": "TextBlock", "wrap": True}), '"text"'),
    ("Fact without value", _with_body_element({"type": "FactSet", "facts": [{"title": "Organ"}]}), '"value"'),
    ("input without id", _with_body_element({"type": "Input.Text", "label": "Navn"}), "Id"),
    (
        "duplicate id",
        _with_body_element({"type": "Container", "items": [{"type": "Input.Text", "id": "comment", "label": "x"}]}),
        "Duplicate",
    ),
    ("version 1.6 (not in Teams)", _with_version("1.6"), "not supported by Teams"),
    ("malformed version", _with_version("one"), "version"),
    ("missing card type", {k: v for k, v in VALID_CARD.items() if k != "type"}, "AdaptiveCard"),
]


def test_well_formed_card_passes() -> None:
    assert card_errors([VALID_CARD]) == [[]]


def test_older_versions_pass() -> None:
    assert card_errors([_with_version("1.2"), _with_version("1.4")]) == [[], []]


def test_empty_batch_gives_empty_answer() -> None:
    assert card_errors([]) == []


@pytest.mark.parametrize(("case", "card", "fragment"), BROKEN_CARDS, ids=[case for case, _, _ in BROKEN_CARDS])
def test_broken_card_is_flagged(case: str, card: dict[str, Any], fragment: str) -> None:
    (errors,) = card_errors([card])
    assert errors, f"{case}: the validator passed a broken card"
    assert any(fragment in error for error in errors), errors


def test_one_batch_keeps_the_order_of_cards() -> None:
    broken = [card for _, card, _ in BROKEN_CARDS]
    answers = card_errors([VALID_CARD, *broken, VALID_CARD])
    assert answers[0] == [] and answers[-1] == []
    assert all(answers[1:-1])


def test_missing_node_modules_fails_loudly_instead_of_skipping(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(node_validators, "REPO_ROOT", tmp_path)
    with pytest.raises(RuntimeError, match="npm ci"):
        card_errors([VALID_CARD])
