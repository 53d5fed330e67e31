"""The console offers a card's buttons with the inputs Teams would send along with each."""

from __future__ import annotations

from bot.console_cards import card_buttons
from cards.approvals import APPROVE_VERB, COMMENT_INPUT, REJECT_VERB, verdict_controls
from cards.common import adaptive_card, text_block


def test_approval_buttons_carry_the_comment_and_their_data() -> None:
    comment, actions = verdict_controls({"decisionId": 7, "round": 1}, "nb")
    card = adaptive_card([text_block("Vedtak"), comment], "Vedtak", actions)
    buttons = card_buttons(card)
    assert [(button.title, button.verb) for button in buttons] == [("Godkjenn", APPROVE_VERB), ("Avvis", REJECT_VERB)]
    assert [field.id for field in buttons[1].inputs] == [COMMENT_INPUT]
    pressed = buttons[1].pressed({COMMENT_INPUT: "Mangler budsjett"})
    assert pressed == {"decisionId": 7, "round": 1, COMMENT_INPUT: "Mangler budsjett"}


def test_a_form_behind_a_show_card_is_one_button_with_its_own_inputs_and_the_cards() -> None:
    form = {
        "type": "AdaptiveCard",
        "body": [
            {
                "type": "Input.ChoiceSet",
                "id": "status-3",
                "label": "Status",
                "value": "a",
                "choices": [{"title": "A", "value": "a"}, {"title": "B", "value": "b"}],
            }
        ],
        "actions": [{"type": "Action.Execute", "title": "Lagre", "verb": "update", "data": {"measureId": 3}}],
    }
    body = [
        {"type": "Input.Toggle", "id": "notify", "title": "Varsle", "valueOn": "ja", "valueOff": "nei"},
        {
            "type": "Container",
            "items": [
                {"type": "ActionSet", "actions": [{"type": "Action.ShowCard", "title": "Oppdater 1.1", "card": form}]}
            ],
        },
    ]
    buttons = card_buttons(adaptive_card(body, "Tiltak", [{"type": "Action.OpenUrl", "title": "Last ned", "url": "x"}]))
    assert [button.title for button in buttons] == ["Oppdater 1.1"]  # links cannot be pressed in a terminal
    toggle, status = buttons[0].inputs
    assert (toggle.kind, toggle.value, toggle.on_value) == ("toggle", "nei", "ja")
    assert (status.kind, status.choices) == ("choice", (("A", "a"), ("B", "b")))


def test_inputs_of_one_form_are_not_sent_with_another_forms_button() -> None:
    def form(number: int) -> dict[str, object]:
        return {
            "type": "AdaptiveCard",
            "body": [{"type": "Input.Text", "id": f"comment-{number}"}],
            "actions": [{"type": "Action.Execute", "title": "Lagre", "verb": "update", "data": {"id": number}}],
        }

    sets = [
        {"type": "ActionSet", "actions": [{"type": "Action.ShowCard", "title": f"Oppdater {n}", "card": form(n)}]}
        for n in (1, 2)
    ]
    buttons = card_buttons(adaptive_card(sets, "Tiltak"))
    assert [[field.id for field in button.inputs] for button in buttons] == [["comment-1"], ["comment-2"]]
