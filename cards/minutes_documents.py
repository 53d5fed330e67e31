"""The minutes as Word (.docx) and PDF files, with the same content as the minutes card."""

from __future__ import annotations

import io

from docx import Document
from fpdf import FPDF

from cards.minutes import disqualification_notes, item_body, item_heading, minutes_facts, minutes_title
from cards.printed import DOCX_TYPE, PDF_TYPE
from cards.texts import Language
from governance.views import MinutesView

__all__ = ["DOCX_TYPE", "PDF_TYPE", "minutes_docx", "minutes_pdf"]


def minutes_docx(minutes: MinutesView, lang: Language) -> bytes:
    document = Document()
    document.add_heading(minutes_title(minutes, lang), level=1)
    for name, value in minutes_facts(minutes, lang):
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{name}: ").bold = True
            paragraph.add_run(value)
    for item in minutes.items:
        document.add_heading(item_heading(item, lang), level=2)
        for line in item_body(item, lang):
            document.add_paragraph(line)
        for note in disqualification_notes(item, lang):
            document.add_paragraph().add_run(note).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_pdf(minutes: MinutesView, lang: Language) -> bytes:
    # The PDF core fonts cover Latin-1, which holds æ, ø, å, «» and the other letters Norwegian
    # needs (no TTF font has to ship with the bot); typographic dashes, quotes and ellipses are
    # written in their plain forms, and anything else outside Latin-1 as "?".
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_title(_latin(minutes_title(minutes, lang)))

    def write(text: str, *, size: int = 11, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.5, _latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(minutes_title(minutes, lang), size=15, style="B", gap=3)
    for name, value in minutes_facts(minutes, lang):
        if value:
            write(f"{name}: {value}")
    for item in minutes.items:
        write(item_heading(item, lang), size=12, style="B", gap=1)
        for line in item_body(item, lang):
            write(line)
        for note in disqualification_notes(item, lang):
            write(note, style="I")
    return bytes(pdf.output())


_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", errors="replace").decode("latin-1")
