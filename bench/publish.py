"""The publish path after posts moved to the outbox (issue 15): how soon the secretariat has its
answer to `publiser saksliste`, and how soon the agenda reaches the connector.

    python -m bench.publish                     # SQLite file in a temporary folder, 30 publications
    python -m bench.publish --rounds 50 --database-url postgresql://postgres@127.0.0.1:5432/hfbot_bench

Seeds the HTTP benchmark's data (bench/run.py: 1,000 cases, SSU's next meeting with 20 on its
agenda, the channel linked), then runs the real app and a local fake Bot Connector in this
process. Each round sets one more case up on the agenda (not measured), so the agenda has
changed, and then publishes it, measuring from the request: the reply's HTTP turn, and the
agenda card's arrival at the connector (the relay is woken when the turn commits). Rounds are a
pace apart, so the channel's one-message-a-second rule does not hold a post back. Prints p50,
p95 and the maximum of both.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from bench.run import (
    FIXTURE,
    ID_PLACEHOLDER,
    _redacted,
    load_payload,
    payload_template,
    percentile,
    prepare_postgres,
    seed,
)
from bot.app import create_app
from bot.settings import Settings
from governance.rules.clock import SystemClock
from tests.support.fake_connector import start_fake_connector


async def turn(session: aiohttp.ClientSession, url: str, template: bytes) -> float:
    """Posts one message; the seconds until the bot answered the HTTP request."""
    body = template.replace(ID_PLACEHOLDER.encode(), uuid.uuid4().hex.encode())
    started = time.perf_counter()
    async with session.post(f"{url}/api/messages", data=body, headers={"Content-Type": "application/json"}) as answer:
        await answer.read()
        if answer.status >= 300:
            raise SystemExit(f"the bot answered {answer.status}")
    return time.perf_counter() - started


async def measure(database_url: str, rounds: int) -> None:
    payload = load_payload(FIXTURE)
    seeded = await seed(database_url, payload)
    year = seeded.agenda_references[0].split("/")[1]
    connector, connector_server = await start_fake_connector()
    connector.clock = SystemClock()  # stamps each message's arrival
    settings = Settings(
        _env_file=None,
        DATABASE_URL=database_url,
        HFBOT_DEV_NO_AUTH=True,
        HFBOT_ALLOWED_TENANTS=payload["conversation"]["tenantId"],
        HFBOT_RELAY_INTERVAL=0,  # only the wake after a turn sends: what is measured
    )
    app = create_app(settings, SystemClock())
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    service_url = str(connector_server.make_url("/"))
    publish = payload_template(payload, "publiser saksliste SSU", service_url)
    replies: list[float] = []
    arrivals: list[float] = []
    try:
        async with aiohttp.ClientSession() as session:
            await turn(session, url, payload_template(payload, "saksliste", service_url))  # stores the channel
            for round_number in range(rounds):
                case = f"{len(seeded.agenda_references) + 1 + round_number}/{year}"
                await turn(session, url, payload_template(payload, f"sett opp SSU {case}", service_url))
                # The channel gets one message a second (HFBOT_RELAY_PACE); waiting it out measures
                # the path itself, not the pacing after the previous round's post.
                await asyncio.sleep(settings.relay_pace + 0.05)
                posted_before = len(connector.sent)
                wall_started = datetime.now(connector.clock.now().tzinfo)
                replies.append(await turn(session, url, publish))
                arrived = await _agenda_arrival(connector, posted_before)
                arrivals.append((arrived - wall_started).total_seconds())
    finally:
        await server.close()
        await connector_server.close()
    print(
        f"seeded {seeded.cases} cases in {seeded.seconds:.1f} s; {rounds} publications of an agenda of "
        f"{len(seeded.agenda_references)}+ cases ({_redacted(database_url)})"
    )
    for name, values in (("reply (HTTP turn)", replies), ("agenda at the connector", arrivals)):
        ordered = sorted(values)
        print(
            f"  {name:<24} p50 {percentile(ordered, 0.5) * 1000:7.1f} ms   "
            f"p95 {percentile(ordered, 0.95) * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
        )


async def _agenda_arrival(connector: Any, posted_before: int, timeout_s: float = 30.0) -> datetime:
    """When the first new channel post with a card arrived (the agenda; replies have a replyToId)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for sent in connector.sent[posted_before:]:
            if sent.reply_to_id is None and sent.cards and sent.at is not None:
                return sent.at
        await asyncio.sleep(0.002)
    raise SystemExit("the agenda did not reach the connector within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reset-database", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hfbot-bench-publish-") as folder:
        database_url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        if database_url.startswith("postgresql"):
            asyncio.run(prepare_postgres(database_url, args.reset_database))
        asyncio.run(measure(database_url, args.rounds))


if __name__ == "__main__":
    main()
