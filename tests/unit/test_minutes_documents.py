"""The minutes as .docx and PDF: they open with real readers and hold the whole text."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
from pypdf import PdfReader

from cards.minutes import minutes_card
from cards.minutes_documents import minutes_docx, minutes_pdf
from tests.unit.test_cards import MINUTES_25, MINUTES_APPROVED_V2

MADE_AT = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)


def test_the_docx_opens_with_python_docx_and_holds_every_item_in_norwegian() -> None:
    document = docx.Document(io.BytesIO(minutes_docx(MINUTES_25, "nb", MADE_AT)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert text.startswith("Utkast til protokoll – Strategisk samarbeidsutvalg (SSU)")
    assert "Sted: Drammen sykehus, møterom «Ærlig Øvre Å»" in text
    assert all(f"{n}. Sak {n}/2027 Sak om skrøpelige eldre og æ/ø/å nummer {n}" in text for n in range(1, 26))
    assert "Tien Medlem erklærte seg inhabil og deltok ikke i behandlingen (styreverv)" in text
    assert text.count("Tatt til orientering.") == 8


def test_the_pdf_text_can_be_extracted_with_its_norwegian_letters() -> None:
    reader = PdfReader(io.BytesIO(minutes_pdf(MINUTES_25, "nb", MADE_AT)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert len(reader.pages) > 1
    assert "Utkast til protokoll – Strategisk samarbeidsutvalg (SSU)" in text  # the dash as written
    assert "Navn Rolle Representerer Merknad" in text  # the attendance table's header, as text
    assert "Tien Medlem Medlem Øvre Eiker kommune Forfall Åse Øvrebø Vara Øvre Eiker kommune" in text
    assert "Sak 25/2027 Sak om skrøpelige eldre og æ/ø/å nummer 25" in text
    assert "ÆØÅ æøå" in text


def test_the_documents_say_what_the_card_says() -> None:
    card_lines = {line.strip() for line in minutes_card(MINUTES_25, "en").text.splitlines() if line.strip()}
    document = docx.Document(io.BytesIO(minutes_docx(MINUTES_25, "en", MADE_AT)))
    doc_lines = {paragraph.text.strip() for paragraph in document.paragraphs if paragraph.text.strip()}
    # The attendance is a Word table; the card's text twin writes each row as one line.
    [table] = document.tables
    doc_lines |= {" · ".join(cell.text for cell in row.cells if cell.text) for row in table.rows}
    assert card_lines == doc_lines


def test_approved_minutes_carry_their_version_approval_and_correction_into_both_documents() -> None:
    document = docx.Document(io.BytesIO(minutes_docx(MINUTES_APPROVED_V2, "nb", MADE_AT)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert text.startswith("Godkjent protokoll (versjon 2) – Strategisk samarbeidsutvalg (SSU)")
    assert "Godkjent: tirsdag 9. mars 2027 kl. 11.15" in text
    assert "Godkjent av: Lise Leder, Tien Medlem" in text
    assert "Rettelse: Sted rettet til Tønsberg." in text
    reader = PdfReader(io.BytesIO(minutes_pdf(MINUTES_APPROVED_V2, "nb", MADE_AT)))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Godkjent av: Lise Leder, Tien Medlem" in pdf_text and "Tønsberg" in pdf_text
