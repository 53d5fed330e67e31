"""The case paper's card (saksfremlegg: every field to write, saved with Action.Execute) and the
card of a case search."""

from __future__ import annotations

from collections.abc import Sequence

from cards.common import MAX_CARD_BYTES, Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.texts import Language, label, say
from governance.rules.input_limits import LIMITS, TextField
from governance.rules.model import CaseType
from governance.views import CaseSearchView, CaseView

SAVE_PAPER_VERB = "save_paper"
# The ids of the card's inputs; Teams sends each back in the action's data under its id.
TITLE_INPUT = "paperTitle"
TYPE_INPUT = "paperType"
OFFICER_INPUT = "paperOfficer"
BACKGROUND_INPUT = "paperBackground"
ASSESSMENT_INPUT = "paperAssessment"
PROPOSAL_INPUT = "paperProposal"
PAPER_INPUTS = (TITLE_INPUT, TYPE_INPUT, OFFICER_INPUT, BACKGROUND_INPUT, ASSESSMENT_INPUT, PROPOSAL_INPUT)


def _text_input(input_id: str, caption: str, value: str | None, field: TextField, *, multiline: bool) -> Element:
    element: Element = {
        "type": "Input.Text",
        "id": input_id,
        "label": caption,
        "value": value or "",
        "maxLength": LIMITS[field],
    }
    if multiline:
        element["isMultiline"] = True
    return element


def paper_card(
    case: CaseView, lang: Language, notice: str | None = None, unsaved: Sequence[tuple[str, str]] = ()
) -> RenderedCard:
    """Every field of the paper filled in as it stands, and a save button that carries the version
    the card was drawn from, so a save after someone else's is caught.

    `unsaved` is what a writer typed that was not saved because the paper had changed meanwhile
    (field name code, text), shown under the form for them to copy from, while it fits the card."""
    with_unsaved = _paper_card(case, lang, notice, unsaved)
    if not unsaved or with_unsaved.size <= MAX_CARD_BYTES:
        return with_unsaved
    return _paper_card(case, lang, f"{notice} {say(lang, 'paper_unsaved_too_long')}" if notice else None, ())


def _paper_card(case: CaseView, lang: Language, notice: str | None, unsaved: Sequence[tuple[str, str]]) -> RenderedCard:
    title = f"{say(lang, 'paper_title')} – {say(lang, 'case')} {case.reference}"
    body: list[Element] = [heading(title, "Medium"), text_block(f"{case.body.name} ({case.body.key})", subtle=True)]
    lines = [title, f"{case.body.name} ({case.body.key})"]
    if notice:
        body.append({**text_block(notice), "color": "Attention"})
        lines.append(notice)
    body += [
        _text_input(TITLE_INPUT, say(lang, "paper_field_title"), case.title, TextField.CASE_TITLE, multiline=False),
        {
            "type": "Input.ChoiceSet",
            "id": TYPE_INPUT,
            "label": say(lang, "type"),
            "value": case.case_type.value,
            "choices": [{"title": label(lang, kind), "value": kind.value} for kind in CaseType],
        },
        {
            **_text_input(
                OFFICER_INPUT, say(lang, "case_officer"), case.case_officer, TextField.CASE_OFFICER, multiline=False
            ),
            "placeholder": say(lang, "case_officer_placeholder"),
        },
        _text_input(
            BACKGROUND_INPUT, say(lang, "background"), case.background, TextField.PAPER_BACKGROUND, multiline=True
        ),
        _text_input(
            ASSESSMENT_INPUT, say(lang, "assessment"), case.assessment, TextField.PAPER_ASSESSMENT, multiline=True
        ),
        {
            **_text_input(
                PROPOSAL_INPUT, say(lang, "proposal"), case.proposal, TextField.PAPER_PROPOSAL, multiline=True
            ),
            "placeholder": say(lang, "proposal_placeholder"),
        },
    ]
    for key, value in (
        ("paper_field_title", case.title),
        ("type", label(lang, case.case_type)),
        ("case_officer", case.case_officer),
        ("background", case.background),
        ("assessment", case.assessment),
        ("proposal", case.proposal),
    ):
        lines.append(f"{say(lang, key)}: {value or '–'}")
    if unsaved:
        caption = say(lang, "paper_unsaved")
        items = [text_block(caption, bold=True)]
        lines.append(caption)
        for key, value in unsaved:
            items += [text_block(say(lang, key), subtle=True), text_block(value, spacing="None")]
            lines += [f"{say(lang, key)}:", value]
        body.append(container(items, separator=True, style="emphasis"))
    actions: list[Element] = [
        {
            "type": "Action.Execute",
            "title": say(lang, "save"),
            "verb": SAVE_PAPER_VERB,
            "data": {"caseId": case.case_id, "version": case.version, "paper": case.paper_fingerprint},
            "associatedInputs": "auto",
            "style": "positive",
        }
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)


def case_search_card(found: CaseSearchView, lang: Language) -> RenderedCard:
    title = say(lang, "case_search_title", words=found.words)
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    entries = [
        f"{hit.body_key} {say(lang, 'case').lower()} {hit.reference} {hit.title} · {label(lang, hit.case_type)} · "
        f"{label(lang, hit.status)}"
        for hit in found.hits
    ] or [say(lang, "case_search_none")]
    if found.more:
        entries.append(say(lang, "truncated", count=found.more))
    body += [text_block(entry, spacing="Small") for entry in entries]
    lines += entries
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)
