"""An action plan report of any size, built in memory, for card tests and the render benchmark."""

from __future__ import annotations

from collections import Counter
from datetime import date

from governance.rules.model import MeasureStatus, PlanStatus
from governance.views import AreaReport, BodyRef, MeasureLine, PlanReportView

SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")


def plan_report_view(areas: int, measures_per_area: int, title_tail: str) -> PlanReportView:
    """A 2027 plan whose measures cycle through the statuses, every fourth overdue; each
    measure's title is "Tiltak <a>.<m> " followed by `title_tail`."""
    statuses = list(MeasureStatus)
    area_reports = tuple(
        AreaReport(
            number=a,
            title=f"Satsningsområde {a} for skrøpelige eldre og æøå",
            groups=("skrøpelige eldre", "barn og unge"),
            status=MeasureStatus.PAGAENDE,
            measures=tuple(
                MeasureLine(
                    measure_id=a * 100 + m,
                    number=f"{a}.{m}",
                    title=f"Tiltak {a}.{m} {title_tail}",
                    status=statuses[m % len(statuses)],
                    owner="Kari Nordmann",
                    due=date(2027, 6, 30),
                    overdue=m % 4 == 0,
                    year=2027,
                )
                for m in range(1, measures_per_area + 1)
            ),
        )
        for a in range(1, areas + 1)
    )
    lines = [line for area in area_reports for line in area.measures]
    counts = Counter(line.status for line in lines)
    return PlanReportView(
        plan_id=4,
        year=2027,
        owner=SSU,
        status=PlanStatus.VEDTATT,
        adopted_by="PM 3/2027",
        carried_from_year=2026,
        areas=area_reports,
        counts=tuple((status, counts[status]) for status in MeasureStatus),
        overdue=sum(1 for line in lines if line.overdue),
    )
