"""What the standing "Status handlingsplan" item costs the SSU agenda, in process.

    python -m bench.agenda_plan_status                       # SQLite file in a temporary folder
    python -m bench.agenda_plan_status --database-url postgresql://postgres@127.0.0.1:5432/hfbot_bench

Seeds the HTTP benchmark's data (1,000 cases, the SSU's next meeting with 20 on its agenda),
then times the `saksliste` use case and its card (`governance.meetings.agenda.show_agenda` and
`cards.agenda.agenda_cards`), one unit of work each, first while the meeting's year has no action
plan and then with a plan of 15 focus areas and 120 measures. It prints CPU and wall time per
call; without HTTP and the other process the figures are steadier than `bench.run`'s.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench.run import FIXTURE, load_payload, prepare_postgres, seed
from cards.agenda import agenda_cards
from governance.access import Actor
from governance.context import Context
from governance.meetings import agenda
from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.clock import SystemClock
from governance.rules.model import MeasureStatus
from governance.rules.oslo_time import oslo_year
from storage.database import create_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork


def plan_of(year: int, areas: int, measures: int) -> dict[str, object]:
    statuses = [status.value for status in MeasureStatus]
    return {
        "year": year,
        "owner": "SSU",
        "areas": [
            {
                "number": a,
                "title": f"Satsningsområde {a}: samhandling om skrøpelige eldre",
                "measures": [
                    {
                        "number": f"{a}.{m}",
                        "title": f"Tiltak {a}.{m} for felles pasientforløp",
                        "status": statuses[m % len(statuses)],
                        "due": date(year, 1 + m % 12, 1).isoformat(),
                    }
                    for m in range(1, measures + 1)
                ],
            }
            for a in range(1, areas + 1)
        ],
    }


async def measure(database_url: str, runs: int, areas: int, measures: int, reset: bool) -> None:
    if database_url.startswith("postgresql"):
        await prepare_postgres(database_url, reset)  # an earlier benchmark's data is cleared
    payload = load_payload(FIXTURE)
    seeded = await seed(database_url, payload)
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    actor = Actor(payload["from"]["aadObjectId"])

    async def one_turn() -> int:
        async with SqlUnitOfWork(sessions) as uow:
            view = await agenda.show_agenda(Context(uow, SystemClock(), actor, None), "SSU", None)
            agenda_cards(view, "nb")
            await uow.commit()
        return len(view.items)

    async def timed(label: str) -> None:
        for _ in range(runs // 10):
            await one_turn()
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(runs):
            items = await one_turn()
        cpu_ms = (time.process_time() - cpu) * 1000 / runs
        wall_ms = (time.perf_counter() - wall) * 1000 / runs
        print(f"{label:<34} {items:>3} items  CPU {cpu_ms:.3f} ms  wall {wall_ms:.3f} ms per call")

    try:
        await timed("no plan for the meeting's year")
        year = oslo_year(datetime.fromisoformat(seeded.meeting_day).replace(tzinfo=UTC))
        async with SqlUnitOfWork(sessions) as uow:
            await import_plan(uow, parse_plan(plan_of(year, areas, measures // areas)), SystemClock().now())
            await uow.commit()
        await timed(f"plan of {areas} areas, {measures} measures")
    finally:
        await engine.dispose()


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--database-url", help="default: a fresh SQLite file")
    arguments.add_argument("--runs", type=int, default=2000)
    arguments.add_argument("--areas", type=int, default=15)
    arguments.add_argument("--measures", type=int, default=120, help="measures in all")
    arguments.add_argument("--reset-database", action="store_true", help="as for bench.run")
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(measure(url, options.runs, options.areas, options.measures, options.reset_database))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
