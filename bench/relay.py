"""How fast the outbox relay sends, and how much memory it takes (issue 5 asks for 500 a second).

    python -m bench.relay                      # 10,000 due messages, SQLite
    python -m bench.relay --database-url postgresql://postgres@127.0.0.1:5432/hfbot_bench --reset-database

Stores the messages due now (as the relay's expansion of reminders would), then runs the relay
with pacing and the tenant rate off until none is left: each message is claimed, marked as being sent, sent through
botbuilder's connector client to the fake Bot Connector (in its own process) and recorded. It
prints messages per second, the connector's count (every message exactly once), and the relay
process's peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from botbuilder.integration.aiohttp import CloudAdapter

from bench.run import free_port, prepare_postgres, start_process, wait_ready
from bot.connector import bot_framework_authentication
from bot.proactive import ConnectorSender
from bot.settings import Settings
from governance.rules.clock import SystemClock
from governance.rules.reminders import Delivery
from governance.structure.structure_file import import_structure, parse_structure
from scheduler.relay import Relay, RelaySettings
from storage.database import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.support.structure import test_structure

TARGET_PER_SECOND = 500
CHANNEL = "19:bench-relay@thread.tacv2"


async def seed(database_url: str, connector_url: str, count: int) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            await import_structure(uow, parse_structure(test_structure()))
            body = await uow.bodies.by_key("SSU")
            assert body is not None and body.id is not None
            now = datetime.now(UTC) - timedelta(seconds=1)
            await uow.conversations.save(
                CHANNEL,
                {"conversation": {"id": CHANNEL}, "serviceUrl": connector_url, "channelId": "msteams"},
                conversation_type="channel",
                tenant_id=None,
                service_url=connector_url,
                user_aad_object_id=None,
                at=now,
            )
            await uow.deliveries.add_new(
                [Delivery(f"bench:{n}", body.id, CHANNEL, f"Påminnelse nummer {n}", now, now) for n in range(count)]
            )
            await uow.commit()
    finally:
        await engine.dispose()


async def measure(database_url: str, count: int, batch: int) -> float:
    workdir = Path(tempfile.mkdtemp(prefix="hfbot-relay-bench-"))
    port = free_port()
    connector = start_process(
        "connector", ["-m", "bench.run", "--role", "connector", "--port", str(port)], port, workdir
    )
    try:
        await wait_ready(connector, "/bench/stats", (200,))
        await seed(database_url, connector.url, count)
        engine = create_engine(database_url)
        sessions = session_factory(engine)
        authentication = bot_framework_authentication(Settings(_env_file=None, HFBOT_DEV_NO_AUTH=True))
        relay = Relay(
            lambda: SqlUnitOfWork(sessions),
            SystemClock(),
            ConnectorSender(CloudAdapter(authentication), ""),
            owner="bench",
            settings=RelaySettings(batch=batch, pace=timedelta(0), tenant_rate=0),  # the relay's own speed
        )
        started = time.perf_counter()
        sent = await relay.run_once()
        elapsed = time.perf_counter() - started
        await authentication.close()
        await engine.dispose()
        async with aiohttp.ClientSession() as session, session.get(f"{connector.url}/bench/stats") as response:
            stats = await response.json()
    finally:
        connector.process.terminate()
        connector.process.wait()
    rate = sent / elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"relay sent {sent} of {count} messages in {elapsed:.1f} s: {rate:.0f} per second (target {TARGET_PER_SECOND})"
    )
    once = stats["count"] == count and len(stats["kinds"]) == count  # kinds: one per distinct text
    print(f"connector received {stats['count']} messages (each exactly once: {once})")
    print(f"relay process peak resident memory (seeding included): {peak_mb:.0f} MB (batch {batch})")
    return rate


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--database-url", help="default: a fresh SQLite file")
    arguments.add_argument("--reset-database", action="store_true", help="as for bench.run")
    arguments.add_argument("--messages", type=int, default=10_000)
    arguments.add_argument("--batch", type=int, default=200, help="messages claimed and sent at a time")
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{Path(folder) / 'relay.db'}"
        if url.startswith("postgresql"):
            asyncio.run(prepare_postgres(url, options.reset_database))
        rate = asyncio.run(measure(url, options.messages, options.batch))
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main())
