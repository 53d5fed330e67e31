"""The approval card of a decision: the text, who approves and how far they have come, and buttons.

One card serves everyone in the channel; approvers Teams can name get their own view through the
card's refresh (their buttons until they have acted, their verdict afterwards).
"""

from __future__ import annotations

from typing import Any

from cards.common import (
    Element,
    Entry,
    RenderedCard,
    adaptive_card,
    container,
    fact_set,
    headed_entry,
    heading,
    listing,
    text_block,
)
from cards.dates import short_date, when_text
from cards.texts import Language, label, say
from governance.model import DecisionStatus, Verdict
from governance.views import ApproverState, DecisionRegisterView, DecisionView, DelegationView

APPROVE_VERB = "approve"
REJECT_VERB = "reject"
REFRESH_VERB = "refresh"
COMMENT_INPUT = "comment"
MAX_REFRESH_USERS = 60  # Teams refreshes a card for at most 60 named users

_HEADINGS = {
    DecisionStatus.TIL_GODKJENNING: "decision_pending",
    DecisionStatus.UTKAST: "decision_returned",
    DecisionStatus.VEDTATT: "decision_final",
}


def decision_card(
    decision: DecisionView, lang: Language, *, viewer_id: int | None = None, notice: str | None = None
) -> RenderedCard:
    """The shared card (viewer_id None) or one person's view of it."""
    title = f"{say(lang, _HEADINGS[decision.status])} – {say(lang, 'case')} {decision.case_reference}"
    facts = _facts(decision, lang)
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if notice:
        body.append({**text_block(notice, bold=True), "color": "Attention"})
        lines.append(notice)
    body += [fact_set(facts), text_block(say(lang, "decision_text"), bold=True), text_block(decision.text)]
    lines += [f"{name}: {value}" for name, value in facts if value] + [f"{say(lang, 'decision_text')}:", decision.text]
    if decision.status is DecisionStatus.UTKAST and decision.rejected_by:
        returned = say(
            lang, "decision_rejected_by", name=decision.rejected_by, comment=decision.rejection_comment or ""
        )
        body.append({**text_block(returned), "color": "Attention"})
        lines.append(returned)
    approver_lines = [_approver_line(state, lang) for state in decision.approvers]
    body.append(
        container([text_block(say(lang, "approvers"), bold=True)] + [text_block(line) for line in approver_lines])
    )
    lines += [f"{say(lang, 'approvers')}:"] + [f"- {line}" for line in approver_lines]
    actions: list[Element] = []
    if _shows_buttons(decision, viewer_id):
        body.append(
            {
                "type": "Input.Text",
                "id": COMMENT_INPUT,
                "label": say(lang, "comment_label"),
                "placeholder": say(lang, "comment_placeholder"),
                "isMultiline": True,
                "maxLength": 1000,
            }
        )
        data = {"decisionId": decision.decision_id, "round": decision.round}
        actions = [
            _execute(say(lang, "approve"), APPROVE_VERB, data, "positive"),
            _execute(say(lang, "reject"), REJECT_VERB, data, "destructive"),
        ]
    text = "\n".join(lines)
    card = adaptive_card(body, text, actions)
    refresh = _refresh(decision) if viewer_id is None else None
    if refresh:
        card["refresh"] = refresh
    return RenderedCard(card=card, text=text)


def _facts(decision: DecisionView, lang: Language) -> list[tuple[str, str]]:
    if decision.meeting_at is not None:
        meeting = when_text(decision.meeting_at, None, lang)
    else:
        meeting = say(lang, "circulation")
    facts = [
        (say(lang, "body"), f"{decision.body.key} – {decision.body.name}"),
        (say(lang, "case"), f"{decision.case_reference} {decision.case_title}"),
        (say(lang, "meeting"), meeting),
        (say(lang, "status"), label(lang, decision.status)),
        (say(lang, "approval_rule"), label(lang, decision.policy)),
        (say(lang, "recorded_by"), decision.recorded_by),
    ]
    if decision.authority is not None:
        facts.append((say(lang, "delegated_authority"), delegation_text(decision.authority, lang)))
    if decision.round > 1:
        facts.append((say(lang, "round"), str(decision.round)))
    if decision.final_at is not None:
        facts.append((say(lang, "final_at"), when_text(decision.final_at, None, lang)))
    return facts


def _approver_line(state: ApproverState, lang: Language) -> str:
    if state.verdict is None or state.at is None:
        return f"{state.name}: {say(lang, 'awaiting')}"
    line = f"{state.name}: {label(lang, state.verdict)} {when_text(state.at, None, lang)}"
    if state.verdict is Verdict.AVVIST and state.comment:
        line += f" – «{state.comment}»"
    return line


def _shows_buttons(decision: DecisionView, viewer_id: int | None) -> bool:
    if decision.status is not DecisionStatus.TIL_GODKJENNING:
        return False
    # The shared card keeps its buttons for approvers Teams cannot refresh by name.
    return viewer_id is None or decision.awaits(viewer_id)


def _execute(title: str, verb: str, data: dict[str, Any], style: str) -> Element:
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": data, "style": style}


def _refresh(decision: DecisionView) -> dict[str, Any] | None:
    if decision.status is not DecisionStatus.TIL_GODKJENNING:
        return None
    user_ids = [state.teams_user_id for state in decision.approvers if state.teams_user_id][:MAX_REFRESH_USERS]
    if not user_ids:
        return None
    data = {"decisionId": decision.decision_id, "round": decision.round}
    return {"action": {"type": "Action.Execute", "verb": REFRESH_VERB, "data": data}, "userIds": user_ids}


REGISTER_TEXT_CHARS = 300  # each listed decision shows its opening; `sak <nr>/<år>` shows the case


def decision_register_card(register: DecisionRegisterView, lang: Language) -> RenderedCard:
    entries: list[Entry] = []
    for entry in register.entries:
        first = f"{entry.body_key} {say(lang, 'case').lower()} {entry.case_reference} {entry.case_title}"
        when = short_date(entry.final_at or entry.recorded_at)
        state = f"{label(lang, entry.status)} {when}"
        if entry.circulation:
            state += f" · {say(lang, 'circulation_short')}"
        text = entry.text if len(entry.text) <= REGISTER_TEXT_CHARS else entry.text[:REGISTER_TEXT_CHARS] + "…"
        entries.append(headed_entry(first, [state, text]))
    if register.more:
        entries.append(
            (
                text_block(say(lang, "more_matches", count=register.more), subtle=True),
                [say(lang, "more_matches", count=register.more)],
            )
        )
    title_code = "decision_search_title" if register.search else "decision_register_title"
    empty_code = "no_decisions_found" if register.search else "no_decisions"
    return listing(say(lang, title_code, scope=register.scope), entries, say(lang, empty_code))


def delegation_text(delegation: DelegationView, lang: Language) -> str:
    return say(
        lang,
        "delegation_granted_by",
        matter=delegation.matter,
        body=delegation.from_body_key,
        case=delegation.case_reference,
    )
