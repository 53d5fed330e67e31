"""The minutes (protokoll) card: meeting header, attendance, each agenda item with its outcome,
and where the minutes stand in their approval, with the approvers' buttons while they await it."""

from __future__ import annotations

from cards.approvals import CardContent, RoundState, approval_card
from cards.common import Element, RenderedCard, container, text_block
from cards.dates import when_text
from cards.minutes_attendance import attendance_table
from cards.plan_status import area_lines, plan_status_title, summary_line
from cards.public_access import exempt_title
from cards.texts import Language, label, say
from governance.rules.handling import VoteKind
from governance.rules.minutes_integrity import open_decisions
from governance.rules.model import (
    CaseType,
    DecisionStatus,
    MinutesStatus,
    StandardItem,
    Verdict,
)
from governance.views import HandlingView, MinutesItem, MinutesView, QuorumStatement, not_decided_cases

_TITLES = {
    MinutesStatus.TIL_GODKJENNING: "minutes_pending",
    MinutesStatus.NESTE_MOTE: "minutes_deferred",
    MinutesStatus.UTKAST: "minutes_returned",
    MinutesStatus.GODKJENT: "minutes_approved",
}


def minutes_title(minutes: MinutesView, lang: Language) -> str:
    approval = minutes.approval
    title = say(lang, _TITLES[approval.status] if approval else "minutes_draft")
    if approval is not None and approval.number > 1:
        title += f" ({say(lang, 'minutes_version', number=approval.number)})"
    return f"{title} – {minutes.body.name} ({minutes.body.key})"


def minutes_facts(minutes: MinutesView, lang: Language) -> list[tuple[str, str]]:
    """Time, place and the approval, as (label, value); empty values are left out by the
    renderers. The attendance is a table of its own (cards/minutes_attendance.py)."""
    facts = [
        (say(lang, "meeting"), when_text(minutes.starts_at, minutes.ends_at, lang)),
        (say(lang, "place"), minutes.place or ""),
        (say(lang, "quorum"), quorum_sentence(minutes.body.key, minutes.quorum, lang)),
    ]
    approval = minutes.approval
    if approval is not None:
        facts += [
            (say(lang, "status"), label(lang, approval.status)),
            (say(lang, "approval_rule"), label(lang, approval.policy)),
            (say(lang, "minutes_asked"), _asked(minutes, lang)),
            (
                say(lang, "minutes_approve_at"),
                when_text(approval.approve_at, None, lang) if approval.approve_at else "",
            ),
            (say(lang, "approved_at"), when_text(approval.approved_at, None, lang) if approval.approved_at else ""),
            (say(lang, "approved_by"), ", ".join(_approved_by(minutes)) if approval.approved_at else ""),
            (say(lang, "correction"), approval.correction or ""),
        ]
    return facts


def quorum_sentence(body: str, quorum: QuorumStatement | None, lang: Language) -> str:
    """Whether the meeting was quorate; empty for minutes stored before quorum was kept."""
    if quorum is None:
        return ""
    code = "quorum_met" if quorum.quorate else "quorum_not_met"
    return say(lang, code, body=body, present=quorum.present, seats=quorum.seats, required=quorum.required)


def item_heading(item: MinutesItem, lang: Language) -> str:
    if item.standard_item is StandardItem.PLAN_STATUS:
        return f"{item.position}. {plan_status_title(item.plan_year, lang)}"
    if item.standard_item is not None or item.case_reference is None:
        return f"{item.position}. {label(lang, item.standard_item) if item.standard_item else ''}".strip()
    if item.exemption is not None:  # the public version: the public title and the legal basis
        return f"{item.position}. {say(lang, 'case')} {item.case_reference} {exempt_title(item.exemption, lang)}"
    return f"{item.position}. {say(lang, 'case')} {item.case_reference} {item.title}"


def disqualification_notes(item: MinutesItem, lang: Language) -> list[str]:
    """Per declaration: a member present stepped down while the case was heard and rejoined after
    it; one not at the meeting only declared it."""
    notes = []
    for name, reason in item.disqualified:
        if name in item.stepped_out:
            code = "minutes_stepped_out_reason" if reason else "minutes_stepped_out"
            notes.append(say(lang, code, name=name, reason=reason))
        else:
            notes.append(say(lang, "minutes_disqualified", name=name) + (f" ({reason})" if reason else ""))
    return notes


def minutes_card(
    minutes: MinutesView,
    lang: Language,
    downloads: dict[str, str] | None = None,
    *,
    viewer_id: int | None = None,
    notice: str | None = None,
) -> RenderedCard:
    """The minutes: the shared card (viewer_id None) or one person's view of it; `downloads`
    maps a file format ("docx", "pdf") to its download link."""
    blocks, lines = attendance_table(minutes.attendance, lang)
    for item in minutes.items:
        item_blocks, item_lines = _item(item, lang)
        blocks.append(container(item_blocks, separator=True))
        lines += item_lines
    note = open_decisions_note(minutes, lang)
    if note:
        blocks.append(text_block(note, bold=True))
        lines.append(note)
    content = CardContent(minutes_title(minutes, lang), minutes_facts(minutes, lang), blocks, lines)
    links = tuple(
        {"type": "Action.OpenUrl", "title": say(lang, f"download_{fmt}"), "url": url}
        for fmt, url in (downloads or {}).items()
    )
    return approval_card(content, _round(minutes), lang, viewer_id=viewer_id, notice=notice, links=links)


def open_decisions_note(minutes: MinutesView, lang: Language) -> str | None:
    """Which cases' decisions keep the minutes from approval: said on the draft and in its files,
    before anyone presses Godkjenn and is refused."""
    pending = open_decisions(
        ((item.case_reference, item.decision_status) for item in minutes.items), not_decided_cases(minutes)
    )
    if not pending or (minutes.approval and minutes.approval.status is MinutesStatus.GODKJENT):
        return None
    return say(lang, "minutes_open_decisions_note", cases=", ".join(pending))


def _round(minutes: MinutesView) -> RoundState | None:
    approval = minutes.approval
    if approval is None:
        return None  # drafted from the live data, not sent for approval
    returned = approval.rejected_by if approval.status is MinutesStatus.UTKAST else None  # who sent the round back
    return RoundState(
        approvers=approval.approvers,
        awaiting=approval.status in (MinutesStatus.TIL_GODKJENNING, MinutesStatus.NESTE_MOTE),
        data={"minutesId": approval.minutes_id, "round": approval.round},
        rejection=("minutes_rejected_by", returned, approval.rejection_comment) if returned else None,
    )


def _asked(minutes: MinutesView, lang: Language) -> str:
    """While the round is open: whom the minutes are sent to, and why them (the body's rule)."""
    approval = minutes.approval
    assert approval is not None
    if approval.status not in (MinutesStatus.TIL_GODKJENNING, MinutesStatus.NESTE_MOTE):
        return ""
    names = ", ".join(state.name for state in approval.approvers)
    return f"{label(lang, approval.approvers_rule)}: {names}"


def _approved_by(minutes: MinutesView) -> list[str]:
    assert minutes.approval is not None
    return [state.name for state in minutes.approval.approvers if state.verdict is Verdict.GODKJENT]


def item_body(item: MinutesItem, lang: Language) -> list[str]:
    """What the minutes say under an item's heading: a case's outcome, or the action plan's status
    as it was reported; nothing for the other standing items."""
    if item.standard_item is StandardItem.PLAN_STATUS:
        return [
            say(lang, "minutes_noted"),
            summary_line(item.plan, item.plan_year, lang),
            *area_lines(item.plan, lang, marks=False),
        ]
    if item.case_reference is None:
        return []
    if item.exemption is not None:  # the public version says nothing of how it was dealt with
        return [say(lang, "exempt_minutes_item")]
    handling = item.handling
    if handling is not None and handling.outcome is VoteKind.NOT_DECIDED:
        # Whatever was worded before, the meeting did not decide the case: the minutes say so.
        return [*handling_lines(handling, lang), say(lang, "handling_not_decided")]
    if handling is not None and handling.outcome is VoteKind.NOTED:
        return [*handling_lines(handling, lang), say(lang, "handling_noted")]
    return [*(handling_lines(handling, lang) if handling else []), item_outcome(item, lang)]


def handling_lines(handling: HandlingView, lang: Language) -> list[str]:
    """Behandling: the proposals voted on, the vote and the statements for the minutes, in the
    order the minutes record them; the decision (or the case's fate) follows."""
    lines: list[str] = []
    if handling.proposals:
        lines.append(say(lang, "handling_heading"))
        for proposal in handling.proposals:
            if proposal.by is None:
                lines.append(say(lang, "handling_paper_proposal", text=proposal.text))
            else:
                lines.append(say(lang, "handling_proposal_from", name=proposal.by, text=proposal.text))
    vote = vote_sentence(handling, lang)
    if vote:
        lines.append(vote)
    lines += [say(lang, "handling_statement", name=name, text=text) for name, text in handling.statements]
    return lines


def blank_words(blank: int | None, lang: Language) -> str:
    if not blank:
        return ""
    return say(lang, "handling_blank" if blank == 1 else "handling_blanks", count=blank)


def vote_sentence(handling: HandlingView, lang: Language) -> str | None:
    """«Enstemmig vedtatt.» or «Forslaget ble vedtatt med 5 mot 2 stemmer (1 blank). Mot stemte: A, B.»"""
    if handling.outcome is VoteKind.UNANIMOUS:
        return say(lang, "handling_unanimous")
    if handling.outcome is not VoteKind.COUNTED:
        return None
    carried = any(proposal.adopted for proposal in handling.proposals)
    sentence = say(
        lang,
        "handling_carried" if carried else "handling_fell",
        votes_for=handling.votes_for or 0,
        against=handling.votes_against or 0,
        blank=blank_words(handling.votes_blank, lang),
    )
    if handling.against:
        sentence += " " + say(lang, "handling_against_names", names=", ".join(handling.against))
    return sentence


def _item(item: MinutesItem, lang: Language) -> tuple[list[Element], list[str]]:
    heading_text = item_heading(item, lang)
    blocks = [text_block(heading_text, bold=True)]
    lines = [heading_text]
    for line in item_body(item, lang):
        blocks.append(text_block(line, spacing="Small"))
        lines.append(f"  {line}")
    for note in disqualification_notes(item, lang):
        blocks.append(text_block(note, subtle=True, spacing="None"))
        lines.append(f"  {note}")
    return blocks, lines


def item_outcome(item: MinutesItem, lang: Language) -> str:
    """What became of a case: its decision, 'noted' for information, or that none was recorded."""
    if item.decision is not None:
        code = {DecisionStatus.VEDTATT: "minutes_decision", DecisionStatus.UTKAST: "minutes_decision_returned"}.get(
            item.decision_status or DecisionStatus.TIL_GODKJENNING, "minutes_decision_pending"
        )
        return say(lang, code, text=item.decision)
    if item.case_type is CaseType.ORIENTERINGSSAK:
        return say(lang, "minutes_noted")
    return say(lang, "minutes_no_decision")
