"""How fast the calendar relay brings meetings to Outlook through the real msgraph-sdk.

    python -m bench.outlook                    # 300 meetings, SQLite
    python -m bench.outlook --meetings 1000 --database-url postgresql://postgres@127.0.0.1:5432/hfbot_bench --reset-database

Plans the meetings through the use case (each leaves a job row, as in a user's turn), then runs
the calendar relay until every row is synced against the local fake Graph and sign-in server
(tests/support/fake_graph.py, HTTPS, in this process, so it shares the CPU with the relay). Prints
planning turns per second, events created per second, and the fake's count (each meeting once).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

from bench.run import prepare_postgres
from governance.access import Actor
from governance.context import Context
from governance.meetings import schedule
from governance.rules.clock import SystemClock
from governance.structure.structure_file import import_structure, parse_structure
from scheduler.calendar_relay import CalendarRelay
from scheduler.graph_calendar import GraphCalendar
from storage.database import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.support.fake_graph import start_fake_graph
from tests.support.structure import SECRETARIAT_AAD, test_structure


async def bench(database_url: str, count: int, workdir: Path) -> None:
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    clock = SystemClock()
    fake, server = await start_fake_graph(workdir)
    try:
        await upgrade(engine)
        data = test_structure()
        data["bodies"][1]["organiser"] = "dave@example.no"
        async with SqlUnitOfWork(sessions) as uow:
            await import_structure(uow, parse_structure(data))
            await uow.commit()

        first_day = clock.now().date() + timedelta(days=30)
        started = time.perf_counter()
        for n in range(count):
            day = first_day + timedelta(days=n // 4)
            await _plan(sessions, clock, day, clock_time(8 + 2 * (n % 4)))
        planning = time.perf_counter() - started

        gateway = GraphCalendar.connect(fake.settings(timeout_s=30.0))
        relay = CalendarRelay(lambda: SqlUnitOfWork(sessions), clock, gateway, owner="bench")
        started = time.perf_counter()
        created = await relay.run_once()
        syncing = time.perf_counter() - started
        await gateway.close()
    finally:
        await server.close()
        await engine.dispose()
    print(f"meetings planned: {count} in {planning:.2f} s ({count / planning:.0f} turns/s, no Graph call among them)")
    print(f"Outlook events created: {created} in {syncing:.2f} s ({created / syncing:.0f} events/s)")
    print(
        f"fake Graph: {len(fake.calls('POST', '/events'))} creates, {len(fake.events)} events, {fake.tokens_issued} token(s)"
    )


async def _plan(sessions: object, clock: SystemClock, day: date, start: clock_time) -> None:
    async with SqlUnitOfWork(sessions) as uow:  # type: ignore[arg-type]
        await schedule.plan_meeting(Context(uow, clock, Actor(SECRETARIAT_AAD)), "SSU", day, start, None, None)
        await uow.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=300)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reset-database", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        url = args.database_url or f"sqlite:///{workdir}/bench-outlook.db"
        if url.startswith("postgresql"):
            asyncio.run(prepare_postgres(url, args.reset_database))
        asyncio.run(bench(url, args.meetings, Path(workdir)))


if __name__ == "__main__":
    main()
