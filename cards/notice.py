"""The notice card: what the notice holds, which papers are still missing a proposal, and the
Word and PDF downloads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cards.agenda import item_title
from cards.common import Element, RenderedCard, adaptive_card, fact_set, heading, text_block
from cards.dates import when_text
from cards.documents import LinkedDocument, document_elements, document_lines
from cards.notice_documents import notice_title
from cards.texts import Language, say
from governance.papers.notice import NoticeView
from governance.rules.model import CaseType


def notice_card(
    notice: NoticeView,
    lang: Language,
    downloads: dict[str, str] | None,
    documents: Mapping[str, Sequence[LinkedDocument]] | None = None,
) -> RenderedCard:
    """`downloads` maps "docx" and "pdf" to signed links; None where no web server serves them.
    `documents` are the cases' documents with their buttons, by case reference."""
    agenda = notice.agenda
    title = notice_title(notice, lang)
    when = when_text(agenda.starts_at, agenda.ends_at, lang)
    # A decision case without a proposal is what a secretariat chases before sending the notice.
    missing = [
        paper.reference
        for paper in notice.papers
        if paper.case_type is not CaseType.ORIENTERINGSSAK and not (paper.proposal or "").strip()
    ]
    facts = [(say(lang, "meeting"), when), (say(lang, "place"), agenda.place or "")]
    body: list[Element] = [heading(title), fact_set(facts)]
    lines = [title, when]
    for item in agenda.items:
        line = f"{item.position}. {item_title(item, lang)}"
        body.append(text_block(line, spacing="None"))
        lines.append(line)
        attached = (documents or {}).get(item.case_reference or "", ())
        body += document_elements(attached, lang)
        lines += [f"   {text}" for text in document_lines(attached, lang)]
    if missing:
        warning = say(lang, "notice_missing_proposals", cases=", ".join(missing))
        body.append(text_block(warning, subtle=True))
        lines.append(warning)
    if downloads is None:
        body.append(text_block(say(lang, "notice_downloads_in_teams"), subtle=True))
        lines.append(say(lang, "notice_downloads_in_teams"))
    actions: list[Element] = [
        {"type": "Action.OpenUrl", "title": say(lang, f"download_{fmt}"), "url": url}
        for fmt, url in (downloads or {}).items()
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions or None), text=text)
