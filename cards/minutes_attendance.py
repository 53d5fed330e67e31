"""The attendance list of the minutes (issue 17, item 5): one row per person with Navn, Rolle,
Representerer and Merknad, drawn the same on the card, in the Word file and in the PDF.

Who is listed: every member (present, or with their forfall or absence in the note) and the vara
who attended or were called in. A vara who was not called in was never expected at the meeting,
so listing them (even as absent) would misread as an absence; they are left out, as in practice.
"""

from __future__ import annotations

from collections.abc import Sequence

from cards.common import Element, json_size, text_block
from cards.texts import Language, label, say
from governance.rules.model import AttendanceStatus, Role
from governance.views import AttendanceLine

Row = tuple[str, str, str, str]
# The most the table may take of the minutes card (UTF-16, as Teams measures): about 25 rows
# with notes, more than most bodies have members; the rest of the card's 76 KB is the cases'.
TABLE_BUDGET = 20 * 1024


def listed(line: AttendanceLine) -> bool:
    """Whether the person belongs in the minutes' attendance list (see the module's note on vara)."""
    if line.role is not Role.VARA:
        return True
    return line.status is AttendanceStatus.TIL_STEDE or line.substitute_for is not None


def attendance_note(line: AttendanceLine, lang: Language) -> str:
    """The Merknad: forfall or absence, whom a vara stood in for, the cases a present member
    stepped down from as disqualified, and the secretariat's own note, in that order."""
    parts: list[str] = []
    if line.status in (AttendanceStatus.FORFALL, AttendanceStatus.FRAVAERENDE):
        parts.append(label(lang, line.status))
    if line.substitute_for:
        parts.append(say(lang, "attendance_substitute_for", name=line.substitute_for))
    if line.status is AttendanceStatus.TIL_STEDE:
        parts += [say(lang, "attendance_stepped_out", case=case) for case in line.stepped_out_of]
    if line.note:
        parts.append(line.note)
    return "; ".join(parts)


def attendance_header(lang: Language) -> Row:
    return (
        say(lang, "attendance_column_name"),
        say(lang, "attendance_column_role"),
        say(lang, "attendance_column_represents"),
        say(lang, "attendance_column_note"),
    )


def attendance_rows(lines: Sequence[AttendanceLine], lang: Language) -> list[Row]:
    """The table's rows below its header, in the body's order of members."""
    return [
        (line.name, label(lang, line.role), line.represents or "", attendance_note(line, lang))
        for line in lines
        if listed(line)
    ]


def attendance_table(lines: Sequence[AttendanceLine], lang: Language) -> tuple[list[Element], list[str]]:
    """The list as card elements (a heading and an Adaptive Card Table, header row first) and
    as the card's text twin, one line a person."""
    rows = attendance_rows(lines, lang)
    title = say(lang, "minutes_attendance")
    header = attendance_header(lang)

    def row(cells: Row) -> Element:
        # Only what each cell needs: the table is repeated on every copy of the card, and the
        # card has to stay within Teams' message size with a large body.
        return {"type": "TableRow", "cells": [{"type": "TableCell", "items": [_cell(text)]} for text in cells]}

    table: Element = {
        "type": "Table",
        "columns": [{"width": 3}, {"width": 2}, {"width": 3}, {"width": 4}],
        "firstRowAsHeader": True,
        "rows": [row(header), *(row(cells) for cells in rows)],
    }
    text = [title] + [" · ".join(cell for cell in cells if cell) for cells in (header, *rows)]
    if json_size(table) > TABLE_BUDGET:
        # A table costs some 800 bytes a row in Teams' measure; a very large body's would crowd
        # the cases out of the one card the minutes are, so it is listed line by line instead
        # (the Word and PDF files always have the table).
        return [text_block(title, bold=True), text_block("\n\n".join(text[1:]))], text
    return [text_block(title, bold=True), table], text


def _cell(text: str) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True}
