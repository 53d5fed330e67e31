"""Cards for one case and for a body's open cases."""

from __future__ import annotations

from collections.abc import Sequence

from cards.common import Element, RenderedCard, adaptive_card, container, fact_set, heading, text_block
from cards.dates import short_date, when_text
from cards.documents import LinkedDocument, document_elements, document_lines
from cards.public_access import public_title_shown
from cards.texts import Language, label, say
from governance.views import CaseListView, CaseView

# With 500-character titles, 2 x 30 lines stay under the 80 KB limit, counted in UTF-16 as
# Teams counts (2 x 40 came to about 97 KB).
MAX_LISTED_CASES = 30


def _case_facts(case: CaseView, lang: Language) -> list[tuple[str, str]]:
    return [
        (say(lang, "type"), label(lang, case.case_type)),
        (say(lang, "status"), label(lang, case.status)),
        (say(lang, "responsible"), case.responsible or ""),
        (say(lang, "case_officer"), case.case_officer or ""),
        (say(lang, "submitted_by"), case.submitted_by or ""),
        (say(lang, "submitted"), short_date(case.submitted_at)),
        (say(lang, "meeting"), when_text(case.meeting_at, None, lang) if case.meeting_at else ""),
        (say(lang, "referred_from"), case.referred_from or ""),
        (say(lang, "referred_to"), case.referred_to or ""),
        # Every hop, first to last, for a case that went further than its neighbours show.
        (say(lang, "referral_chain"), " → ".join(case.referral_chain)),
        # Shown only for an exempt case: every other case is public, and says nothing of it.
        (say(lang, "public_access"), case.exemption.basis.value if case.exemption else ""),
        (say(lang, "public_title"), public_title_shown(case.exemption, lang) if case.exemption else ""),
    ]


def case_card(case: CaseView, lang: Language, documents: Sequence[LinkedDocument] = ()) -> RenderedCard:
    title = f"{say(lang, 'case')} {case.reference} – {case.title}"
    facts = _case_facts(case, lang)
    body: list[Element] = [
        heading(title, "Medium"),
        text_block(f"{case.body.name} ({case.body.key})", subtle=True),
        fact_set(facts),
    ]
    lines = [title, f"{case.body.name} ({case.body.key})"] + [f"{name}: {value}" for name, value in facts if value]
    # The paper (saksfremlegg) in the order members read it.
    for key, value in (("background", case.background), ("assessment", case.assessment), ("proposal", case.proposal)):
        if value:
            body += [text_block(say(lang, key), bold=True), text_block(value)]
            lines += [f"{say(lang, key)}:", value]
    # The documents come after the paper they belong to, before the decision taken on it.
    body += document_elements(documents, lang)
    lines += document_lines(documents, lang)
    if case.decision:
        heading_text = say(lang, "decision_heading")
        if case.decision_status is not None:
            heading_text += f" ({label(lang, case.decision_status).lower()})"
        body += [text_block(heading_text, bold=True), text_block(case.decision)]
        lines += [f"{heading_text}:", case.decision]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def _case_line(case: CaseView, lang: Language) -> str:
    line = f"{case.reference} {case.title} · {label(lang, case.case_type)}"
    if case.meeting_at is not None:
        line += f" · {short_date(case.meeting_at)}"
    elif case.status.value != "innmeldt":
        line += f" · {label(lang, case.status)}"
    return line


def case_list_card(cases: CaseListView, lang: Language) -> RenderedCard:
    """Queued and scheduled cases; each group shows its first MAX_LISTED_CASES so the card fits."""
    title = f"{say(lang, 'cases')} – {cases.body.name} ({cases.body.key})"
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    for key, group in (("queue", cases.queued), ("scheduled", cases.scheduled)):
        heading_text = f"{say(lang, key)} ({len(group)})"
        entries = [_case_line(case, lang) for case in group[:MAX_LISTED_CASES]] or [say(lang, "none")]
        if len(group) > MAX_LISTED_CASES:
            entries.append(say(lang, "truncated", count=len(group) - MAX_LISTED_CASES))
        body.append(
            container(
                [text_block(heading_text, bold=True)] + [text_block(entry, spacing="Small") for entry in entries],
                separator=True,
            )
        )
        lines += [heading_text] + [f"  {entry}" for entry in entries]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)
