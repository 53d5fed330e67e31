"""The handling card (`behandling`): how the meeting dealt with one case, recorded on a form. An
alternative proposal and who put it forward, the vote (with the members present to pick those
voting against), and a statement for the minutes; saved by one `Action.Execute`."""

from __future__ import annotations

from cards.common import Element, RenderedCard, adaptive_card, heading, text_block
from cards.minutes import handling_lines
from cards.texts import Language, label, say
from governance.rules.handling import VoteKind
from governance.rules.input_limits import LIMITS, TextField
from governance.rules.model import CaseType
from governance.views import HandlingCardView

SAVE_HANDLING_VERB = "save_handling"
OUTCOME_INPUT = "outcome"
FOR_INPUT = "votesFor"
AGAINST_INPUT = "votesAgainst"
BLANK_INPUT = "votesBlank"
AGAINST_NAMES_INPUT = "againstIds"
ALTERNATIVE_INPUT = "alternative"
ALTERNATIVE_BY_INPUT = "alternativeBy"
ADOPTED_INPUT = "adopted"  # "alternative" or "paper"
STATEMENT_BY_INPUT = "statementBy"
STATEMENT_INPUT = "statement"
NO_VOTE = "ingen"  # no vote recorded now: only a statement is saved
MAX_VOTES = 9999  # as the chat grammar: no body has more members


def _outcomes(case_type: CaseType) -> list[VoteKind]:
    """The outcomes the case's type allows, as the rules do: an information case is only noted."""
    if case_type is CaseType.ORIENTERINGSSAK:
        return [VoteKind.NOTED, VoteKind.NOT_DECIDED]
    if case_type is CaseType.VEDTAKSSAK:
        return [VoteKind.UNANIMOUS, VoteKind.COUNTED, VoteKind.NOT_DECIDED]
    return list(VoteKind)


def _people(people: tuple[tuple[int, str], ...]) -> list[dict[str, str]]:
    return [{"title": name, "value": str(person_id)} for person_id, name in people]


def _number(input_id: str, caption: str, value: int | None) -> Element:
    element: Element = {"type": "Input.Number", "id": input_id, "label": caption, "min": 0, "max": MAX_VOTES}
    if value is not None:
        element["value"] = value
    return element


def handling_card(view: HandlingCardView, lang: Language, notice: str | None = None) -> RenderedCard:
    title = say(lang, "handling_card_title", case=view.case_reference, title=view.case_title, body=view.body.key)
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if notice:
        body.append(text_block(notice, bold=True))
        lines.append(notice)
    if view.proposal:
        proposal = say(lang, "handling_paper_proposal", text=view.proposal)
        body.append(text_block(proposal))
        lines.append(proposal)
    recorded = handling_lines(view.handling, lang) if view.handling else []
    for line in recorded:
        body.append(text_block(line, subtle=True, spacing="None"))
    lines += recorded
    current = view.handling
    vote_kinds = _outcomes(view.case_type)
    outcome = current.outcome.value if current and current.outcome in vote_kinds else NO_VOTE
    # Saving again records the vote again: the alternative already recorded is shown, so it stays.
    put_forward = next((p for p in current.proposals if p.by is not None), None) if current else None
    by_id = next((person_id for person_id, name in view.attending if put_forward and name == put_forward.by), None)
    paper_adopted = bool(current and any(p.adopted and p.by is None for p in current.proposals) and put_forward)
    body += [
        {
            "type": "Input.Text",
            "id": ALTERNATIVE_INPUT,
            "label": say(lang, "handling_card_alternative"),
            "isMultiline": True,
            "maxLength": LIMITS[TextField.DECISION_TEXT],
            "value": put_forward.text if put_forward else "",
        },
        {
            "type": "Input.ChoiceSet",
            "id": ALTERNATIVE_BY_INPUT,
            "label": say(lang, "handling_card_alternative_by"),
            "style": "compact",
            "value": str(by_id) if by_id is not None else "",
            "choices": _people(view.attending),
        },
        {
            "type": "Input.ChoiceSet",
            "id": ADOPTED_INPUT,
            "label": say(lang, "handling_card_adopted"),
            "style": "expanded",
            "value": "paper" if paper_adopted else "alternative",
            "choices": [
                {"title": say(lang, "handling_card_adopted_alternative"), "value": "alternative"},
                {"title": say(lang, "handling_card_adopted_paper"), "value": "paper"},
            ],
        },
        {
            "type": "Input.ChoiceSet",
            "id": OUTCOME_INPUT,
            "label": say(lang, "handling_card_outcome"),
            "style": "compact",
            "value": outcome,
            "choices": [{"title": say(lang, "handling_card_no_vote"), "value": NO_VOTE}]
            + [{"title": label(lang, kind), "value": kind.value} for kind in vote_kinds],
        },
    ]
    if VoteKind.COUNTED in vote_kinds:
        counted = current if current and current.outcome is VoteKind.COUNTED else None
        names = {name: person_id for person_id, name in view.voters}
        chosen = [str(names[name]) for name in (counted.against if counted else ()) if name in names]
        body += [
            _number(FOR_INPUT, say(lang, "handling_card_for"), counted.votes_for if counted else None),
            _number(AGAINST_INPUT, say(lang, "handling_card_against"), counted.votes_against if counted else None),
            _number(BLANK_INPUT, say(lang, "handling_card_blank"), counted.votes_blank if counted else None),
            {
                "type": "Input.ChoiceSet",
                "id": AGAINST_NAMES_INPUT,
                "label": say(lang, "handling_card_against_names"),
                "isMultiSelect": True,
                "style": "expanded",
                "value": ",".join(chosen),
                "choices": _people(view.voters),
            },
        ]
    body += [
        {
            "type": "Input.ChoiceSet",
            "id": STATEMENT_BY_INPUT,
            "label": say(lang, "handling_card_statement_by"),
            "style": "compact",
            "choices": _people(view.attending),
        },
        {
            "type": "Input.Text",
            "id": STATEMENT_INPUT,
            "label": say(lang, "handling_card_statement"),
            "isMultiline": True,
            "maxLength": LIMITS[TextField.MINUTES_STATEMENT],
        },
    ]
    actions: list[Element] = [
        {
            "type": "Action.Execute",
            "title": say(lang, "handling_card_save"),
            "verb": SAVE_HANDLING_VERB,
            "data": {"caseId": view.case_id},
        }
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)
