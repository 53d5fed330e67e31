"""The agenda (saksliste) card: meeting header and numbered items."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from cards.calendar_links import calendar_action, calendar_line, meeting_ics_url
from cards.common import (
    Element,
    RenderedCard,
    adaptive_card,
    container,
    fact_set,
    heading,
    in_parts,
    paragraphs,
    shorten,
    text_block,
)
from cards.dates import when_text
from cards.documents import AgendaDocuments, LinkedDocument, document_elements, document_lines
from cards.plan_status import agenda_plan_elements, plan_status_title, summary_line
from cards.public_access import exempt_title
from cards.texts import Language, label, say
from governance.rules.model import CaseType, StandardItem
from governance.views import AgendaItemView, AgendaView

NOTICE_VERB = "notice"
RENDERED_AGENDAS_KEPT = 256  # a few per body and language; an agenda card is about 10 KB
# How much of each part of a paper the card carries: the whole paper is in the notice (innkalling),
# and one case's text must leave room for the others in a message Teams accepts.
PAPER_CHARS_ON_CARD = 4000


def item_title(item: AgendaItemView, lang: Language) -> str:
    if item.standard_item is StandardItem.PLAN_STATUS:
        return plan_status_title(item.plan_year, lang)
    if item.standard_item is not None:
        return label(lang, item.standard_item)
    if item.exemption is not None:  # the public version: the public title and the legal basis
        return f"{say(lang, 'case')} {item.case_reference} {exempt_title(item.exemption, lang)}"
    return f"{say(lang, 'case')} {item.case_reference} {item.title}"


def _item_details(item: AgendaItemView, lang: Language) -> str:
    if item.standard_item is StandardItem.PLAN_STATUS:
        return label(lang, CaseType.ORIENTERINGSSAK)
    if item.case_type is None:
        return ""
    details = [label(lang, item.case_type)]
    if item.responsible:
        details.append(f"{say(lang, 'responsible')}: {item.responsible}")
    return " · ".join(details)


def _proposal(item: AgendaItemView) -> str | None:
    """The proposal members are asked to decide on; an orientation is taken note of, not decided."""
    if item.case_type is CaseType.ORIENTERINGSSAK or not (item.proposal or "").strip():
        return None
    return item.proposal


def _item_element(item: AgendaItemView, lang: Language, documents: dict[str, tuple[LinkedDocument, ...]]) -> Element:
    blocks = [text_block(f"{item.position}. {item_title(item, lang)}", bold=True)]
    details = _item_details(item, lang)
    if details:
        blocks.append(text_block(details, subtle=True, spacing="None"))
    proposal = _proposal(item)
    if proposal:
        blocks.append(text_block(f"**{say(lang, 'proposal')}:** {paragraphs(proposal, PAPER_CHARS_ON_CARD)}"))
    if (item.background or "").strip() or (item.assessment or "").strip():
        blocks += _paper_toggle(item, lang)
    if item.standard_item is StandardItem.PLAN_STATUS:
        blocks += agenda_plan_elements(item.plan, item.plan_year, lang)
    blocks += document_elements(documents.get(item.case_reference or "", ()), lang)
    return container(blocks, separator=True)


def _paper_toggle(item: AgendaItemView, lang: Language) -> list[Element]:
    """The rest of the paper, hidden until asked for: an agenda of twenty cases stays readable."""
    target = f"paper-{item.position}"
    parts: list[Element] = []
    for code, text in (("background", item.background), ("assessment", item.assessment)):
        if (text or "").strip():
            parts += [text_block(say(lang, code), bold=True), text_block(paragraphs(text or "", PAPER_CHARS_ON_CARD))]
    paper = container(parts)
    paper.update({"id": target, "isVisible": False})
    toggle = {"type": "Action.ToggleVisibility", "title": say(lang, "show_paper"), "targetElements": [target]}
    return [{"type": "ActionSet", "actions": [toggle]}, paper]


def _header(agenda: AgendaView, lang: Language, part: tuple[int, int] | None) -> list[Element]:
    facts = [
        (say(lang, "meeting"), when_text(agenda.starts_at, agenda.ends_at, lang)),
        (say(lang, "place"), agenda.place or ""),
        (say(lang, "status"), label(lang, agenda.status)),
    ]
    return [heading(_title(agenda, lang, part)), fact_set(facts)]


def _title(agenda: AgendaView, lang: Language, part: tuple[int, int] | None) -> str:
    title = say(lang, "agenda_changed" if agenda.changed else "agenda")
    title = f"{title} – {agenda.body.name} ({agenda.body.key})"
    return f"{title} ({part[0]}/{part[1]})" if part is not None else title


def _text(
    agenda: AgendaView,
    lang: Language,
    items: Sequence[AgendaItemView],
    part: tuple[int, int] | None,
    ics_url: str | None,
    documents: dict[str, tuple[LinkedDocument, ...]],
) -> str:
    lines = [_title(agenda, lang, part), when_text(agenda.starts_at, agenda.ends_at, lang)]
    # As on the card: without it a cancelled meeting's agenda reads like one still to be held.
    lines.append(f"{say(lang, 'status')}: {label(lang, agenda.status)}")
    if agenda.place:
        lines.append(f"{say(lang, 'place')}: {agenda.place}")
    if agenda.join_url:
        lines.append(f"{say(lang, 'join_teams_meeting')}: {agenda.join_url}")
    if ics_url:
        lines.append(calendar_line(ics_url, lang))
    for item in items:
        details = _item_details(item, lang)
        lines.append(f"{item.position}. {item_title(item, lang)}" + (f" ({details})" if details else ""))
        proposal = _proposal(item)
        if proposal:
            lines.append(f"   {say(lang, 'proposal')}: {shorten(proposal, PAPER_CHARS_ON_CARD)}")
        if item.standard_item is StandardItem.PLAN_STATUS:
            lines.append(f"   {summary_line(item.plan, item.plan_year, lang)}")
        lines += [f"   {line}" for line in document_lines(documents.get(item.case_reference or "", ()), lang)]
    if not any(item.case_reference for item in items):
        lines.append(say(lang, "no_items"))
    return "\n".join(lines)


def _card(
    agenda: AgendaView,
    lang: Language,
    items: Sequence[AgendaItemView],
    part: tuple[int, int] | None,
    ics_url: str | None,
    documents: dict[str, tuple[LinkedDocument, ...]],
) -> RenderedCard:
    body = _header(agenda, lang, part) + [_item_element(item, lang, documents) for item in items]
    if not any(item.case_reference for item in agenda.items):
        body.append(text_block(say(lang, "no_items"), subtle=True))
    text = _text(agenda, lang, items, part, ics_url, documents)
    # Every part gets the button: each shows the meeting's header, and any may be the one read.
    actions: list[Element] = []
    if agenda.join_url:
        actions.append({"type": "Action.OpenUrl", "title": say(lang, "join_teams_meeting"), "url": agenda.join_url})
    if ics_url:
        actions.append(calendar_action(ics_url, lang))
    if agenda.meeting_id is not None:
        actions.append(notice_action(agenda.meeting_id, lang))
    return RenderedCard(card=adaptive_card(body, text, actions or None), text=text)


def notice_action(meeting_id: int, lang: Language) -> Element:
    """The meeting notice's button. Not a download link: links expire, and a posted card stays. The
    button answers each reader with fresh links, after checking they have a seat in the body."""
    return {
        "type": "Action.Execute",
        "title": say(lang, "notice_button"),
        "verb": NOTICE_VERB,
        "data": {"meetingId": meeting_id},
    }


def agenda_cards(
    agenda: AgendaView, lang: Language, calendar_base: str | None = None, documents: AgendaDocuments = ()
) -> list[RenderedCard]:
    """One card for the whole agenda, or several numbered parts when one would be too large.

    `calendar_base` is the bot's public address, for the meeting's .ics button; without it (the
    console serves no downloads) the cards have none. `documents` lists each case's documents
    under its item, with their buttons.

    Rendering depends on nothing but the agenda, the language and that address, and the same
    agenda is read again and again before a meeting, so rendered agendas are kept (the cards are
    never changed after rendering; callers share them).
    """
    return list(_rendered(agenda, lang, calendar_base, documents))


@functools.lru_cache(maxsize=RENDERED_AGENDAS_KEPT)
def _rendered(
    agenda: AgendaView, lang: Language, calendar_base: str | None, documents: AgendaDocuments
) -> tuple[RenderedCard, ...]:
    ics_url = meeting_ics_url(agenda.calendar, calendar_base)
    by_case = dict(documents)
    return tuple(in_parts(agenda.items, lambda items, part: _card(agenda, lang, items, part, ics_url, by_case)))
