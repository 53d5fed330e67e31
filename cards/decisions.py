"""The approval card of a decision: the text, who approves and how far they have come, and buttons.

One card serves everyone in the channel; approvers Teams can name get their own view through the
card's refresh (their buttons until they have acted, their verdict afterwards).
"""

from __future__ import annotations

from cards.approvals import CardContent, RoundState, approval_card
from cards.common import (
    Entry,
    RenderedCard,
    headed_entry,
    listing,
    text_block,
)
from cards.dates import short_date, when_text
from cards.texts import Language, excerpt, label, say
from governance.rules.model import DecisionStatus
from governance.views import DecisionRegisterView, DecisionView, DelegationView

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
    wording = [text_block(say(lang, "decision_text"), bold=True), text_block(decision.text)]
    content = CardContent(title, _facts(decision, lang), wording, [f"{say(lang, 'decision_text')}:", decision.text])
    return approval_card(content, _round(decision), lang, viewer_id=viewer_id, notice=notice)


def _round(decision: DecisionView) -> RoundState:
    returned = decision.rejected_by if decision.status is DecisionStatus.UTKAST else None  # who sent the round back
    return RoundState(
        approvers=decision.approvers,
        awaiting=decision.status is DecisionStatus.TIL_GODKJENNING,
        data={"decisionId": decision.decision_id, "round": decision.round},
        rejection=("decision_rejected_by", returned, decision.rejection_comment) if returned else None,
    )


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
    if decision.adopts_plan is not None:
        final = decision.status is DecisionStatus.VEDTATT
        adoption = say(lang, "plan_adopted_fact" if final else "plan_adopts_fact", year=decision.adopts_plan)
        facts.append((say(lang, "action_plan"), adoption))
    if decision.round > 1:
        facts.append((say(lang, "round"), str(decision.round)))
    if decision.final_at is not None:
        facts.append((say(lang, "final_at"), when_text(decision.final_at, None, lang)))
    return facts


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
    scope = excerpt(register.scope) if register.search else register.scope  # search words are the user's
    return listing(say(lang, title_code, scope=scope), entries, say(lang, empty_code))


def delegation_text(delegation: DelegationView, lang: Language) -> str:
    return say(
        lang,
        "delegation_granted_by",
        matter=delegation.matter,
        body=delegation.from_body_key,
        case=delegation.case_reference,
    )
