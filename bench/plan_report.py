"""How long the action plan's status report takes to render, for the plan size issue 4 names.

    python -m bench.plan_report            # 15 focus areas, 120 measures
    python -m bench.plan_report --areas 40 --measures 30

The report is built from an in-memory view (what `governance.plans.plan_report` returns), so
this times the card rendering alone; the figures are the median and the slowest of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from cards.plans import plan_report_cards
from governance.model import MeasureStatus, PlanStatus
from governance.views import AreaReport, BodyRef, MeasureLine, PlanReportView

TARGET_MS = 50.0


def plan(areas: int, measures_per_area: int) -> PlanReportView:
    statuses = list(MeasureStatus)
    return PlanReportView(
        plan_id=1,
        year=2027,
        owner=BodyRef("SSU", "Strategisk samarbeidsutvalg"),
        status=PlanStatus.VEDTATT,
        adopted_by="PM 3/2027",
        carried_from_year=2026,
        areas=tuple(
            AreaReport(
                number=a,
                title=f"Satsningsområde {a}: skrøpelige eldre og multisyke",
                groups=("skrøpelige eldre", "personer med flere kroniske lidelser"),
                status=MeasureStatus.PAGAENDE,
                measures=tuple(
                    MeasureLine(
                        measure_id=a * 1000 + m,
                        number=f"{a}.{m}",
                        title=f"Felles rutine for utskrivning og oppfølging, del {m}, i kommunene og på sykehuset",
                        status=statuses[m % len(statuses)],
                        owner="Faglig samarbeidsutvalg",
                        due=date(2027, 6, 30),
                        overdue=m % 4 == 0,
                        year=2027,
                    )
                    for m in range(1, measures_per_area + 1)
                ),
            )
            for a in range(1, areas + 1)
        ),
        counts=tuple((status, areas * measures_per_area // len(statuses)) for status in MeasureStatus),
        overdue=areas * measures_per_area // 4,
    )


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--areas", type=int, default=15)
    arguments.add_argument("--measures", type=int, default=8, help="measures per focus area")
    arguments.add_argument("--runs", type=int, default=200)
    options = arguments.parse_args()
    report = plan(options.areas, options.measures)
    plan_report_cards(report, "nb")  # warm up
    timings = []
    for _ in range(options.runs):
        started = time.perf_counter()
        cards = plan_report_cards(report, "nb")
        timings.append((time.perf_counter() - started) * 1000)
    median, slowest = statistics.median(timings), max(timings)
    sizes = ", ".join(f"{card.size / 1024:.1f} KB" for card in cards)
    print(f"plan of {options.areas} areas x {options.measures} measures: {len(cards)} card(s) ({sizes})")
    print(
        f"render: median {median:.2f} ms, slowest {slowest:.2f} ms over {options.runs} runs (target < {TARGET_MS:.0f} ms)"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
