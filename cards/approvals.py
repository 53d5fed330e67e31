"""The approval card, one builder for whatever is being approved (a decision, a version of the
minutes): its title, facts and content, then the round — who approves and how far they have come,
a rejection, the comment field and the approve/reject buttons — and the refresh that gives each
approver Teams can name their own view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cards.common import Element, RenderedCard, adaptive_card, container, fact_set, heading, text_block
from cards.dates import when_text
from cards.texts import Language, label, say
from governance.rules.approval import ApproverState
from governance.rules.model import Verdict

APPROVE_VERB = "approve"
REJECT_VERB = "reject"
REFRESH_VERB = "refresh"
COMMENT_INPUT = "comment"
MAX_REFRESH_USERS = 60  # Teams refreshes a card for at most 60 named users


@dataclass(frozen=True)
class RoundState:
    """Where the round of an approvable stands, as its card shows it."""

    approvers: tuple[ApproverState, ...]
    awaiting: bool  # the round takes verdicts
    data: dict[str, Any]  # what the buttons and the refresh act on, e.g. {"decisionId": 12, "round": 2}
    # A returned round: the text code of the line saying so, who rejected it and their comment.
    rejection: tuple[str, str, str | None] | None = None

    def awaits(self, person_id: int | None) -> bool:
        """Whether this person still has to approve or reject the round."""
        return self.awaiting and any(state.person_id == person_id and state.verdict is None for state in self.approvers)


@dataclass(frozen=True)
class CardContent:
    """What an approval card shows of the thing approved, above its round."""

    title: str
    facts: list[tuple[str, str]]  # empty values are left out of the fallback text
    blocks: list[Element]
    lines: list[str]  # the blocks as fallback text


def approval_card(
    content: CardContent,
    state: RoundState | None,
    lang: Language,
    *,
    viewer_id: int | None = None,
    notice: str | None = None,
    links: tuple[Element, ...] = (),
) -> RenderedCard:
    """The shared card (viewer_id None) or one person's view of it; without a round (a draft not
    yet sent for approval) it shows the content alone. `links` are actions after the buttons."""
    body: list[Element] = [heading(content.title, "Medium")]
    lines = [content.title]
    if notice:
        body.append(notice_block(notice))
        lines.append(notice)
    body += [fact_set(content.facts), *content.blocks]
    lines += [f"{name}: {value}" for name, value in content.facts if value] + content.lines
    actions: list[Element] = []
    if state is not None:
        if state.rejection is not None:
            block, line = rejection_block(*state.rejection, lang)
            body.append(block)
            lines.append(line)
        block, approver_lines = approvers_block(state.approvers, lang)
        body.append(block)
        lines += approver_lines
        if shows_buttons(state.awaiting, state.awaits(viewer_id), viewer_id):
            comment, actions = verdict_controls(state.data, lang)
            body.append(comment)
    actions += links
    text = "\n".join(lines)
    card = adaptive_card(body, text, actions)
    card_refresh = refresh(state.approvers, state.data) if state and state.awaiting and viewer_id is None else None
    if card_refresh:
        card["refresh"] = card_refresh
    return RenderedCard(card=card, text=text)


def approvers_block(states: tuple[ApproverState, ...], lang: Language) -> tuple[Element, list[str]]:
    """The approvers with their verdicts, as a card container and as fallback text lines."""
    approver_lines = [_approver_line(state, lang) for state in states]
    block = container([text_block(say(lang, "approvers"), bold=True)] + [text_block(line) for line in approver_lines])
    return block, [f"{say(lang, 'approvers')}:"] + [f"- {line}" for line in approver_lines]


def rejection_block(code: str, rejected_by: str, comment: str | None, lang: Language) -> tuple[Element, str]:
    returned = say(lang, code, name=rejected_by, comment=comment or "")
    return {**text_block(returned), "color": "Attention"}, returned


def notice_block(notice: str) -> Element:
    return {**text_block(notice, bold=True), "color": "Attention"}


def verdict_controls(data: dict[str, Any], lang: Language) -> tuple[Element, list[Element]]:
    """The comment input and the approve/reject buttons; `data` names what they act on."""
    comment = {
        "type": "Input.Text",
        "id": COMMENT_INPUT,
        "label": say(lang, "comment_label"),
        "placeholder": say(lang, "comment_placeholder"),
        "isMultiline": True,
        "maxLength": 1000,
    }
    actions = [
        _execute(say(lang, "approve"), APPROVE_VERB, data, "positive"),
        _execute(say(lang, "reject"), REJECT_VERB, data, "destructive"),
    ]
    return comment, actions


def shows_buttons(awaiting: bool, awaits_viewer: bool, viewer_id: int | None) -> bool:
    if not awaiting:
        return False
    # The shared card keeps its buttons for approvers Teams cannot refresh by name.
    return viewer_id is None or awaits_viewer


def refresh(states: tuple[ApproverState, ...], data: dict[str, Any]) -> dict[str, Any] | None:
    """The card's refresh for the approvers Teams knows by id, so each sees their own state."""
    user_ids = [state.teams_user_id for state in states if state.teams_user_id][:MAX_REFRESH_USERS]
    if not user_ids:
        return None
    return {"action": {"type": "Action.Execute", "verb": REFRESH_VERB, "data": data}, "userIds": user_ids}


def _approver_line(state: ApproverState, lang: Language) -> str:
    if state.verdict is None or state.at is None:
        return f"{state.name}: {say(lang, 'awaiting')}"
    line = f"{state.name}: {label(lang, state.verdict)} {when_text(state.at, None, lang)}"
    if state.verdict is Verdict.AVVIST and state.comment:
        line += f" – «{state.comment}»"
    return line


def _execute(title: str, verb: str, data: dict[str, Any], style: str) -> Element:
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": data, "style": style}
