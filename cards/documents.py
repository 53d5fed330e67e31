"""A case's documents on a card: one line each, with a button to download the file or open the link.

The case card, the agenda card and the `vedlegg` reply all list documents through
`document_elements` and `document_lines`, so they read alike everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

from cards.common import Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.texts import Language, say
from governance.rules.documents import DocumentKind
from governance.views import CaseDocumentsView, DocumentView

LOCALES = {"nb": "nb_NO", "en": "en_GB"}


@dataclass(frozen=True)
class LinkedDocument:
    """A document and where its button leads: a signed download link for a stored file, the
    address itself for a link; None where nothing serves downloads (the console)."""

    view: DocumentView
    url: str | None


# The documents of the cases on an agenda, by case reference: hashable, as rendered agendas are kept.
AgendaDocuments = tuple[tuple[str, tuple[LinkedDocument, ...]], ...]


def size_text(size: int, lang: Language) -> str:
    """`1,2 MB`, `340 kB`: as people read a file's size, in their language's decimals."""
    if size >= 1024 * 1024:
        return f"{format_decimal(round(size / (1024 * 1024), 1), locale=LOCALES[lang])} MB"
    return f"{max(1, round(size / 1024))} kB"


def document_line(document: DocumentView, lang: Language) -> str:
    line = _plain_line(document, lang)
    if document.exemption_basis is not None:  # members see what the public version withholds
        line += f" – {say(lang, 'exempt_basis', basis=document.exemption_basis.value)}"
    return line


def _plain_line(document: DocumentView, lang: Language) -> str:
    if document.kind is DocumentKind.LINK:
        return f"{document.number}. {document.title} ({say(lang, 'document_link')})"
    details = [document.file_type.value.upper() if document.file_type else ""]
    if document.size is not None:
        details.append(size_text(document.size, lang))
    return f"{document.number}. {document.title} ({', '.join(detail for detail in details if detail)})"


def document_elements(documents: Sequence[LinkedDocument], lang: Language) -> list[Element]:
    """The heading «Vedlegg» and a line with its button per document; nothing for none."""
    if not documents:
        return []
    items: list[Element] = [text_block(say(lang, "documents"), bold=True)]
    for document in documents:
        items.append(text_block(document_line(document.view, lang), spacing="Small"))
        if document.url:
            title = say(lang, "document_open_link" if document.view.kind is DocumentKind.LINK else "document_download")
            items.append(
                {
                    "type": "ActionSet",
                    "spacing": "None",
                    "actions": [{"type": "Action.OpenUrl", "title": title, "url": document.url}],
                }
            )
    return items


def document_lines(documents: Sequence[LinkedDocument], lang: Language) -> list[str]:
    """The same list as text, for the card's text twin: each line with its address."""
    if not documents:
        return []
    lines = [f"{say(lang, 'documents')}:"]
    for document in documents:
        line = document_line(document.view, lang)
        lines.append(f"  {line}: {document.url}" if document.url else f"  {line}")
    return lines


def documents_card(view: CaseDocumentsView, documents: Sequence[LinkedDocument], lang: Language) -> RenderedCard:
    """The answer to `vedlegg <nr>/<år>`: the case's documents, or how to add the first."""
    title = say(lang, "documents_title", case=view.reference, title=view.title)
    body: list[Element] = [heading(title, "Medium"), text_block(f"{view.body.name} ({view.body.key})", subtle=True)]
    lines = [title, f"{view.body.name} ({view.body.key})"]
    if documents:
        body.append(container(document_elements(documents, lang), separator=True))
        lines += document_lines(documents, lang)
        hint = say(lang, "documents_how_to_remove", body=view.body.key, case=view.reference)
    else:
        hint = say(lang, "documents_none", body=view.body.key, case=view.reference)
    body.append(text_block(hint, subtle=True))
    lines.append(hint)
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)
