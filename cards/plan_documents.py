"""The action plan as a spreadsheet (.xlsx) and as CSV, one row per measure, for the partners'
own reporting."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from cards.texts import Language, label, say
from governance.views import PlanReportView

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
_COLUMNS = (
    "col_area",
    "col_area_title",
    "col_groups",
    "col_measure",
    "col_title",
    "col_status",
    "col_owner",
    "col_due",
    "col_overdue",
)


def plan_rows(report: PlanReportView, lang: Language) -> list[list[str]]:
    """The header and one row per measure; an area without measures still has its row."""
    rows = [[say(lang, column) for column in _COLUMNS]]
    for area in report.areas:
        area_cells = [str(area.number), area.title, ", ".join(area.groups)]
        if not area.measures:
            rows.append(area_cells + ["", "", label(lang, area.status), "", "", ""])
        for line in area.measures:
            rows.append(
                area_cells
                + [
                    line.number,
                    line.title,
                    label(lang, line.status),
                    line.owner or "",
                    line.due.isoformat() if line.due else "",
                    say(lang, "yes") if line.overdue else "",
                ]
            )
    return rows


def plan_xlsx(report: PlanReportView, lang: Language) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = say(lang, "plan_title", year=report.year, body=report.owner.key)[:31]  # Excel's limit
    for row in plan_rows(report, lang):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def plan_csv(report: PlanReportView, lang: Language) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark: what Excel in a Norwegian locale opens
    correctly by a double click."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerows(plan_rows(report, lang))
    return ("\ufeff" + output.getvalue()).encode("utf-8")
