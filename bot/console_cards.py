"""The buttons of an Adaptive Card as the console offers them: each `Action.Execute` with the
inputs Teams would send along with it.

Teams sends with an `Action.Execute` the values of the inputs in the card that holds the button
and in the cards around it (`associatedInputs: auto`), merged into the button's data. An
`Action.ShowCard` only unfolds a form; the console folds it into the button inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Keys under which an element holds other elements of the same card; "actions" and a ShowCard's
# "card" are walked on their own, and "choices" holds no elements.
_NOT_ELEMENTS = frozenset({"actions", "card", "choices", "selectAction", "refresh"})


@dataclass(frozen=True)
class CardInput:
    id: str
    label: str
    kind: str  # "text", "choice" or "toggle"
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (title, value)
    placeholder: str = ""
    on_value: str = "true"  # what a toggle sends when on
    off_value: str = "false"


@dataclass(frozen=True)
class CardButton:
    title: str
    verb: str
    data: dict[str, Any] = field(default_factory=dict)
    inputs: tuple[CardInput, ...] = ()

    def pressed(self, values: dict[str, str]) -> dict[str, Any]:
        """The data Teams sends when the button is pressed: its own, and the inputs' values."""
        return {**self.data, **values}


def card_buttons(card: dict[str, Any]) -> list[CardButton]:
    return list(_buttons(card, (), None))


def _buttons(card: dict[str, Any], outer: tuple[CardInput, ...], unfolded_by: str | None) -> Iterator[CardButton]:
    inputs = outer + tuple(_inputs(card.get("body")))
    actions = list(_listed(card.get("actions"))) + list(_action_sets(card.get("body")))
    executes = [action for action in actions if action.get("type") == "Action.Execute"]
    for action in actions:
        kind = action.get("type")
        title = str(action.get("title") or action.get("verb") or "")
        if kind == "Action.Execute":
            # A lone button in an unfolded form is named by what unfolds it ("Oppdater tiltak 1.1").
            shown = unfolded_by if unfolded_by and len(executes) == 1 else title
            if unfolded_by and len(executes) > 1:
                shown = f"{unfolded_by}: {title}"
            data = action.get("data")
            yield CardButton(shown, str(action.get("verb") or ""), dict(data) if isinstance(data, dict) else {}, inputs)
        elif kind == "Action.ShowCard" and isinstance(action.get("card"), dict):
            yield from _buttons(action["card"], inputs, title)


def _listed(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _children(element: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for key, value in element.items():
        if key in _NOT_ELEMENTS:
            continue
        if isinstance(value, dict):
            yield value
        else:
            yield from _listed(value)


def _elements(body: object) -> Iterator[dict[str, Any]]:
    """Every element of a card body, depth first, without descending into actions."""
    for element in _listed(body):
        yield element
        yield from _elements(list(_children(element)))


def _action_sets(body: object) -> Iterator[dict[str, Any]]:
    for element in _elements(body):
        if element.get("type") == "ActionSet":
            yield from _listed(element.get("actions"))


def _inputs(body: object) -> Iterator[CardInput]:
    for element in _elements(body):
        kind = str(element.get("type") or "")
        if not kind.startswith("Input.") or not element.get("id"):
            continue
        label = str(element.get("label") or element.get("title") or element["id"])
        value = "" if element.get("value") is None else str(element["value"])
        if kind == "Input.ChoiceSet":
            choices = tuple(
                (str(choice.get("title", "")), str(choice.get("value", "")))
                for choice in _listed(element.get("choices"))
            )
            yield CardInput(str(element["id"]), label, "choice", value, choices)
        elif kind == "Input.Toggle":
            on, off = str(element.get("valueOn", "true")), str(element.get("valueOff", "false"))
            yield CardInput(str(element["id"]), label, "toggle", value or off, on_value=on, off_value=off)
        else:
            placeholder = str(element.get("placeholder") or "")
            yield CardInput(str(element["id"]), label, "text", value, placeholder=placeholder)
