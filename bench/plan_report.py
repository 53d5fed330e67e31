"""How long the action plan's status report takes to render, for the plan size issue 4 names.

    python -m bench.plan_report            # 15 focus areas, 120 measures
    python -m bench.plan_report --areas 40 --measures 30

The report is built from an in-memory view (what `governance.plans.action_plan.plan_report` returns), so
this times the card rendering alone; the figures are the median and the slowest of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import time

from cards.plans import plan_report_cards
from tests.support.plans import plan_report_view

TARGET_MS = 50.0
REALISTIC_TITLE = "Felles rutine for utskrivning og oppfølging i kommunene og på sykehuset"


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--areas", type=int, default=15)
    arguments.add_argument("--measures", type=int, default=8, help="measures per focus area")
    arguments.add_argument("--runs", type=int, default=200)
    options = arguments.parse_args()
    report = plan_report_view(options.areas, options.measures, REALISTIC_TITLE)
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
