"""Documents meant to be read on paper or kept: one plain model, written as Word (.docx) and PDF.

A document says who made it (the community, as author), what it is (title, subject), when it was
made and in which language, in the file's own metadata as well as on every page (a header with
the community and body, a footer with page numbers). The PDF embeds a Unicode font (Source Sans
Pro, SIL Open Font License, installed as a Python package), so Norwegian and Sami names, dashes
and the euro sign come out as written; its only gap that matters here is Skolt Sami's ǯ.

The PDF is PDF/A-2U, the archive's form: every font embedded with its Unicode map (so every word
can be searched and copied), an sRGB output intent (fpdf2's own sRGB2014 profile, shipped with
the package), and XMP metadata saying the same as the document information dictionary, as the
standard demands, plus the language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from importlib.resources import files
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from fpdf import FPDF
from fpdf.enums import DocumentCompliance

from cards.texts import Language, say

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
_FONT = "SourceSans"
_FONT_FILES = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf", "I": "SourceSansPro-It.ttf"}
_LANGUAGE_TAGS = {"nb": "nb-NO", "en": "en-GB"}
_PRODUCER = "hfbot with fpdf2"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section (a case), 2: a part of one (Bakgrunn, Vurdering)


@dataclass(frozen=True)
class Text:
    """A paragraph; line breaks in it start new paragraphs, as the writer typed them."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Facts:
    """Labelled lines: «Tid: tirsdag 12. mars 2027 kl. 09.00». Empty values are left out."""

    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row: the minutes' attendance list (Navn, Rolle, Representerer, Merknad).
    Written as a real table in both files, so it can be read, copied and edited as one."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths in the PDF; equal when empty


Block = Heading | Text | Facts | Bullets | Table


@dataclass(frozen=True)
class Printed:
    title: str
    author: str  # the community: whose document it is
    subject: str  # what kind of document: «Innkalling», «Protokoll»
    created: datetime
    lang: Language
    running_head: str  # on top of every page: the community and the body
    blocks: tuple[Block, ...] = field(default=())


def printed_file(document: Printed, fmt: str) -> tuple[bytes, str]:
    """The document as a download: "docx" or "pdf", with its content type."""
    return (docx_bytes(document), DOCX_TYPE) if fmt == "docx" else (pdf_bytes(document), PDF_TYPE)


def docx_bytes(document: Printed) -> bytes:
    word = Document()
    properties = word.core_properties
    # python-docx's template carries its own author and a 2013 date; every field is set here.
    properties.author = document.author
    properties.last_modified_by = document.author
    properties.title = document.title
    properties.subject = document.subject
    properties.created = document.created
    properties.modified = document.created
    properties.language = _LANGUAGE_TAGS[document.lang]
    properties.revision = 1
    properties.comments = ""
    properties.keywords = document.subject
    properties.category = document.subject
    section = word.sections[0]
    section.header.paragraphs[0].text = document.running_head
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_numbers(footer, document.lang)
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Text):
            for line in _lines(block.text):
                word.add_paragraph().add_run(line).italic = block.italic
        elif isinstance(block, Facts):
            for name, value in block.lines:
                if value:
                    paragraph = word.add_paragraph()
                    paragraph.add_run(f"{name}: ").bold = True
                    paragraph.add_run(value)
        elif isinstance(block, Table):
            _word_table(word, block)
        else:
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _word_table(word: DocxDocument, block: Table) -> None:
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"  # python-docx's template has it: visible lines, as on paper
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    word.add_paragraph()  # the next heading or paragraph does not stick to the table


def _page_numbers(paragraph: DocxParagraph, lang: Language) -> None:
    """«Side 2 av 5» from Word's own PAGE and NUMPAGES fields, so it stays right when edited."""
    paragraph.add_run(f"{say(lang, 'page_word')} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {say(lang, 'page_of_word')} ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until Word updates the field
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


class _Pages(FPDF):
    def __init__(self, running_head: str, lang: Language) -> None:
        # fpdf2 then refuses anything PDF/A forbids (a core font, encryption) and adds the sRGB
        # output intent itself.
        super().__init__(format="A4", enforce_compliance=DocumentCompliance.PDFA_2U)
        self._running_head = running_head
        self._lang = lang

    def header(self) -> None:
        self.set_font(_FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 5, self._running_head, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FONT, size=8)
        self.set_text_color(90)
        page, of = say(self._lang, "page_word"), say(self._lang, "page_of_word")
        self.cell(0, 8, f"{page} {self.page_no()} {of} {self.str_alias_nb_pages}", align="C")
        self.set_text_color(0)


def pdf_bytes(document: Printed) -> bytes:
    pdf = _Pages(document.running_head, document.lang)
    for style, path in _font_paths().items():
        pdf.add_font(_FONT, style=style, fname=str(path))
    pdf.set_title(document.title)
    pdf.set_author(document.author)
    pdf.set_subject(document.subject)
    pdf.set_keywords(document.subject)
    pdf.set_creator("hfbot")
    pdf.set_creation_date(document.created)
    pdf.set_lang(_LANGUAGE_TAGS[document.lang])
    pdf.set_producer(_PRODUCER)
    pdf.set_xmp_metadata(_xmp(document, _PRODUCER))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()

    def write(text: str, *, size: float = 11, style: str = "", gap: float = 1.5, indent: str = "") -> None:
        pdf.set_font(_FONT, style=style, size=size)
        for line in _wrapped(pdf, indent + text):
            pdf.cell(0, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(document.title, size=16, style="B", gap=4)
    for block in document.blocks:
        if isinstance(block, Heading):
            pdf.ln(2 if block.level == 1 else 0.5)
            write(block.text, size=13 if block.level == 1 else 11.5, style="B", gap=1)
        elif isinstance(block, Text):
            for line in _lines(block.text):
                write(line, style="I" if block.italic else "")
        elif isinstance(block, Facts):
            for name, value in block.lines:
                if value:
                    pdf.set_font(_FONT, style="B", size=11)
                    pdf.write(5.5, f"{name}: ")
                    pdf.set_font(_FONT, size=11)
                    pdf.multi_cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT")  # short: fpdf2 wraps it
            pdf.ln(1.5)
        elif isinstance(block, Table):
            _pdf_table(pdf, block)
        else:
            for item in block.items:
                write(item, gap=0.5, indent="•  ")
            pdf.ln(1)
    return bytes(pdf.output())


def _pdf_table(pdf: FPDF, block: Table) -> None:
    """fpdf2's own table: the header row bold and repeated on a new page, cells wrapped, and the
    text written as text, so it stays searchable in the archive."""
    pdf.set_font(_FONT, size=10)
    widths = block.widths or tuple(1 for _ in block.header)
    with pdf.table(col_widths=widths, first_row_as_headings=True, line_height=5, text_align="LEFT") as table:
        for values in (block.header, *block.rows):
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.ln(3)


def _xmp(document: Printed, producer: str) -> str:
    """The XMP packet: fpdf2 writes one for PDF/A too, but without the language and with a
    modification time of its own; the archive wants both dates to be the document's."""
    created = (document.created if document.created.tzinfo else document.created.astimezone()).astimezone(UTC)
    when = created.isoformat(timespec="seconds")

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    return "\n".join(
        (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '  <rdf:Description rdf:about=""',
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
            '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
            "   <pdfaid:part>2</pdfaid:part>",
            "   <pdfaid:conformance>U</pdfaid:conformance>",
            f"   <dc:title>{alt(document.title)}</dc:title>",
            f"   <dc:description>{alt(document.subject)}</dc:description>",
            f"   <dc:creator><rdf:Seq><rdf:li>{escape(document.author)}</rdf:li></rdf:Seq></dc:creator>",
            f"   <dc:language><rdf:Bag><rdf:li>{_LANGUAGE_TAGS[document.lang]}</rdf:li></rdf:Bag></dc:language>",
            f"   <pdf:Keywords>{escape(document.subject)}</pdf:Keywords>",
            f"   <pdf:Producer>{escape(producer)}</pdf:Producer>",
            "   <xmp:CreatorTool>hfbot</xmp:CreatorTool>",
            f"   <xmp:CreateDate>{when}</xmp:CreateDate>",
            f"   <xmp:ModifyDate>{when}</xmp:ModifyDate>",
            f"   <xmp:MetadataDate>{when}</xmp:MetadataDate>",
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
        )
    )


def _wrapped(pdf: FPDF, text: str) -> list[str]:
    """The paragraph broken into lines that fit the page, measuring each word once.

    fpdf2's own multi_cell measures the growing line again for every character, which made a
    notice of thirty two-page papers take 25 s of CPU; this takes a fraction of a second. A word
    wider than a line (a long link) is cut where it reaches the margin."""
    room = pdf.w - pdf.l_margin - pdf.r_margin - 2 * pdf.c_margin
    space = pdf.get_string_width(" ")
    widths: dict[str, float] = {}
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        width = widths.get(word)
        if width is None:
            width = widths[word] = pdf.get_string_width(word)
        if line and used + space + width > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
        while width > room:  # a word longer than a line: as much as fits, then the rest
            cut = len(word)
            while cut > 1 and pdf.get_string_width(word[:cut]) > room:
                cut = cut * 3 // 4
            lines.append(word[:cut])
            word = word[cut:]
            width = pdf.get_string_width(word)
        used = used + space + width if line else width
        line.append(word)
    if line or not lines:
        lines.append(" ".join(line))
    return lines


def _lines(text: str) -> Sequence[str]:
    return [line for line in text.splitlines() if line.strip()] or [""]


def _font_paths() -> dict[str, Path]:
    folder = files("font_source_sans_pro").joinpath("files")
    return {style: Path(str(folder.joinpath(name))) for style, name in _FONT_FILES.items()}
