"""Per-turn cost benchmark: `saksliste` against a stock botbuilder echo bot (DESIGN.md section 5).

    python -m bench.run [--turns 1000] [--database-url URL] [--json results.json]

One run
  1. seeds a database through the project's own use cases: the structure (PM, SSU, LSU), 1,000
     cases, an upcoming SSU meeting with 20 of them on its agenda, and the benchmark channel
     linked to SSU;
  2. starts three processes: a fake Bot Connector (tests/support/fake_connector.py), our bot
     (bot.app.create_app, logging as `hfbot serve` does) and the echo bot (bench/echo_bot.py);
     the load generator is this process;
  3. POSTs the captured Teams payload channel_message_with_mention.json (text "saksliste", a
     fresh activity id per request) to /api/messages, with a warm-up, at concurrency 1 and 20,
     in rounds that alternate between the two bots so both see the same machine;
  4. checks that every turn answered 2xx and that the connector received exactly one reply per
     turn, to that activity, with the expected content (the 20-item agenda card, or "Echo: ...");
  5. prints p50/p99 latency, turns/s and CPU per turn, and the saksliste/echo ratio.

Every loop is bounded by a count and a deadline; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import hashlib
import json
import logging
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "teams" / "channel_message_with_mention.json"
HOST = "127.0.0.1"
ID_PLACEHOLDER = "@@BENCH-ACTIVITY-ID@@"
COMMAND = "saksliste"
AGENDA_CASES = 20
CONCURRENCIES = (1, 20)
REQUEST_TIMEOUT_S = 30.0
START_TIMEOUT_S = 60.0
BENCH_COMMUNITY = "Helsefellesskapet Benchmark"
DATABASE_URL_ENV = "HFBOT_BENCH_DATABASE_URL"  # how the server process gets it (not on its command line)
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# --------------------------------------------------------------------------------------------
# The payload


def load_payload(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def conversation_key(payload: dict[str, Any]) -> str:
    """As bot.teams.conversation_key: the channel without Teams' `;messageid=` suffix."""
    return str(payload["conversation"]["id"]).split(";messageid=")[0]


def payload_template(payload: dict[str, Any], text: str, service_url: str) -> bytes:
    """The captured payload rewritten as tests/e2e/conftest.py does, with an id placeholder."""
    activity = copy.deepcopy(payload)
    mention = next((e["text"] for e in activity.get("entities", []) if e.get("type") == "mention"), None)
    activity["text"] = f"{mention} {text}" if mention else text
    activity["id"] = ID_PLACEHOLDER
    activity["serviceUrl"] = service_url
    activity.pop("attachments", None)  # the captured HTML copy of the original text
    return json.dumps(activity, ensure_ascii=False).encode()


def request_bodies(template: bytes, count: int) -> tuple[list[str], list[bytes]]:
    ids = [uuid.uuid4().hex for _ in range(count)]
    placeholder = ID_PLACEHOLDER.encode()
    return ids, [template.replace(placeholder, activity_id.encode()) for activity_id in ids]


# --------------------------------------------------------------------------------------------
# Seeding, through the project's use cases


def bench_structure(tenant: str, secretariat_aad: str) -> dict[str, Any]:
    """The tests' helsefellesskap, with the captured payload's tenant and sender as secretariat."""
    from tests.support.structure import test_structure

    structure = test_structure()
    structure["community"] = BENCH_COMMUNITY
    structure["tenants"] = [tenant]
    structure["secretariat"][0]["aad_object_id"] = secretariat_aad
    return structure


# 1,000 cases: most in SSU, the rest spread over the other bodies.
CASE_SHARES = (("SSU", 700), ("LSU", 200), ("PM", 100))


async def prepare_postgres(database_url: str, reset: bool) -> None:
    """Creates the database if missing and empties one an earlier benchmark run filled.

    A database holding anything else is left alone unless --reset-database says to drop its
    public schema.
    """
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    connect = {"host": url.host or HOST, "port": url.port or 5432, "user": url.username, "password": url.password}
    try:
        connection = await asyncpg.connect(database=url.database, **connect)
    except asyncpg.InvalidCatalogNameError:
        admin = await asyncpg.connect(database="postgres", **connect)
        try:
            await admin.execute(f'CREATE DATABASE "{url.database}"')
        finally:
            await admin.close()
        return
    try:
        tables = await connection.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        if not tables:
            return
        communities: list[str] = []
        if await connection.fetchval("SELECT to_regclass('public.communities') IS NOT NULL"):
            communities = [row[0] for row in await connection.fetch("SELECT name FROM communities")]
        if communities not in ([], [BENCH_COMMUNITY]) and not reset:
            raise SystemExit(
                f"bench: database {url.database} holds other data (communities: {', '.join(communities)}); "
                "use an empty database, or --reset-database to drop and recreate its public schema."
            )
        await connection.execute("DROP SCHEMA public CASCADE")
        await connection.execute("CREATE SCHEMA public")
    finally:
        await connection.close()


@dataclass
class Seeded:
    cases: int
    agenda_references: list[str]
    meeting_day: str
    seconds: float


async def seed(database_url: str, payload: dict[str, Any]) -> Seeded:
    from governance.access import Actor
    from governance.context import Context
    from governance.meetings import cases, schedule
    from governance.rules.clock import FixedClock
    from governance.rules.model import CaseType
    from governance.rules.oslo_time import OSLO
    from governance.structure import bodies
    from governance.structure.structure_file import import_structure, parse_structure
    from storage.database import create_engine, session_factory
    from storage.migrate import upgrade
    from storage.unit_of_work import SqlUnitOfWork

    started = time.perf_counter()
    tenant = payload["conversation"]["tenantId"]
    secretariat = payload["from"]["aadObjectId"]
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)
        now = datetime.now(UTC)
        clock = FixedClock(now)  # the seed's "now"; the server runs on the system clock
        actor = Actor(secretariat)
        async with SqlUnitOfWork(sessions) as uow:
            await import_structure(uow, parse_structure(bench_structure(tenant, secretariat)))
            await bodies.link_conversation(Context(uow, clock, actor, conversation_key(payload)), "SSU")
            await uow.commit()
        types = [CaseType.VEDTAKSSAK, CaseType.DROFTINGSSAK, CaseType.ORIENTERINGSSAK]
        registered: dict[str, list[tuple[int, int]]] = {key: [] for key, _ in CASE_SHARES}
        serial = 0
        batch = 250
        for key, count in CASE_SHARES:
            for start in range(0, count, batch):
                async with SqlUnitOfWork(sessions) as uow:
                    context = Context(uow, clock, actor, None)
                    for _ in range(start, min(start + batch, count)):
                        serial += 1
                        title = f"Benchmark-sak {serial}: samarbeid om pasientforløp for skrøpelige eldre"
                        view = await cases.register_case(context, key, title, types[serial % len(types)])
                        number, year = (int(part) for part in view.reference.split("/"))
                        registered[key].append((number, year))
                    await uow.commit()
        day = (now.astimezone(OSLO) + timedelta(days=14)).date()
        async with SqlUnitOfWork(sessions) as uow:
            context = Context(uow, clock, actor, None)
            await schedule.plan_meeting(context, "SSU", day, clock_time(9, 0), clock_time(12, 0), "Drammen sykehus")
            references = []
            for number, year in registered["SSU"][:AGENDA_CASES]:
                view, _ = await cases.schedule_case(context, "SSU", number, year, day)
                references.append(view.reference)
            await uow.commit()
        return Seeded(serial, references, day.isoformat(), time.perf_counter() - started)
    finally:
        await engine.dispose()


# --------------------------------------------------------------------------------------------
# The processes: fake connector, our bot, the echo bot


def serve_connector(port: int) -> None:
    """The fake Bot Connector of the e2e tests, plus two routes for the benchmark's checks."""
    from aiohttp import web

    from tests.support.fake_connector import FakeConnector

    fake = FakeConnector()
    app = fake.app()

    def summary(body: dict[str, Any]) -> str:
        cards = [
            a.get("content")
            for a in body.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]
        digest = hashlib.sha256(json.dumps(cards, sort_keys=True).encode()).hexdigest()[:12] if cards else "-"
        text = str(body.get("text") or "")
        return f"type={body.get('type')} cards={len(cards)}:{digest} text={text[:24]!r}"

    async def stats(request: web.Request) -> web.Response:
        sent = fake.sent
        return web.json_response(
            {
                "count": len(sent),
                "reply_to_ids": [s.reply_to_id for s in sent],
                "kinds": Counter(summary(s.body) for s in sent),
                "sample": sent[0].body if sent else None,
            }
        )

    async def reset(request: web.Request) -> web.Response:
        fake.sent.clear()
        return web.json_response({"count": 0})

    app.router.add_get("/bench/stats", stats)
    app.router.add_post("/bench/reset", reset)
    web.run_app(app, host=HOST, port=port, print=None, access_log=None)


def serve_saksliste(port: int, database_url: str, tenant: str) -> None:
    """Our bot as `hfbot serve` runs it (INFO logging to stderr), in development mode on loopback."""
    from bot.server import serve
    from bot.settings import Settings, check_can_serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "HFBOT_DEV_NO_AUTH": True,
        "HFBOT_ALLOWED_TENANTS": tenant,
        "PORT": port,
        "HFBOT_HOST": HOST,
    }
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    check_can_serve(settings)
    serve(settings)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def cpu_seconds(self) -> float | None:
        return process_cpu_seconds(self.process.pid)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # aiohttp's run_app shuts down cleanly on SIGINT
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and all its threads, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def start_process(name: str, argv: list[str], port: int, workdir: Path, env: dict[str, str] | None = None) -> Server:
    log_path = workdir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, *argv],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    return Server(name, process, f"http://{HOST}:{port}", log_path)


async def wait_ready(server: Server, path: str, accept: tuple[int, ...]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
            try:
                async with session.get(server.url + path) as response:
                    if response.status in accept:
                        return
            except (TimeoutError, aiohttp.ClientError):
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{server.name} not ready after {START_TIMEOUT_S:.0f} s:\n{server.log_tail()}")


# --------------------------------------------------------------------------------------------
# Load generation and checks


@dataclass
class Cell:
    bot: str
    concurrency: int
    turns: int
    seconds: float
    p50_ms: float
    p99_ms: float
    turns_per_s: float
    server_cpu_ms_per_turn: float | None
    cpu_percent: dict[str, float | None]
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


async def drive(
    url: str, bodies: list[bytes], concurrency: int, deadline_s: float
) -> tuple[list[float], Counter[int], float, int]:
    """POSTs every body once, `concurrency` at a time; returns latencies, statuses, wall time, errors."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors = 0
    queue = iter(range(len(bodies)))
    headers = {"Content-Type": "application/json"}
    stop_at = time.monotonic() + deadline_s
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def worker() -> None:
            nonlocal errors
            for index in queue:  # one shared iterator: each body is sent exactly once
                if time.monotonic() > stop_at:
                    return
                began = time.perf_counter()
                try:
                    async with session.post(url, data=bodies[index], headers=headers) as response:
                        await response.read()
                        statuses[response.status] += 1
                except (TimeoutError, aiohttp.ClientError):
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - began)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, statuses, wall, errors


async def connector_stats(session: aiohttp.ClientSession, connector_url: str) -> dict[str, Any]:
    async with session.get(connector_url + "/bench/stats") as response:
        response.raise_for_status()
        return dict(await response.json())


async def connector_reset(session: aiohttp.ClientSession, connector_url: str) -> None:
    async with session.post(connector_url + "/bench/reset") as response:
        response.raise_for_status()


def check_replies(bot: str, ids: list[str], stats: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """One reply per turn, each to its own activity, all with the expected content."""
    failures = []
    if stats["count"] != len(ids):
        failures.append(f"connector received {stats['count']} replies for {len(ids)} turns")
    missing = Counter(ids) - Counter(stats["reply_to_ids"])
    if missing:
        failures.append(f"{sum(missing.values())} turns got no reply to their activity id")
    kinds = stats["kinds"]
    if len(kinds) != 1:
        failures.append(f"replies differ: {kinds}")
    sample = stats.get("sample") or {}
    if bot == "echo":
        if not str(sample.get("text") or "").startswith(f"Echo: {expected['text']}"):
            failures.append(f"unexpected echo reply: {sample.get('text')!r}")
    else:
        cards = [
            a.get("content")
            for a in sample.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]
        card_text = json.dumps(cards, ensure_ascii=False)
        absent = [ref for ref in expected["references"] if f" {ref} " not in card_text]
        if not cards or absent:
            failures.append(f"agenda card missing or incomplete (cases absent: {absent[:5]})")
    return failures


@dataclass
class Tally:
    """What one bot at one concurrency has measured so far, over several rounds."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu: dict[str, float | None] = field(default_factory=lambda: {"server": 0.0, "connector": 0.0, "load": 0.0})
    failures: list[str] = field(default_factory=list)

    def cell(self, bot: str, concurrency: int) -> Cell:
        latencies = sorted(self.latencies)
        turns = len(latencies)
        cpu_percent = {
            name: None if used is None or not self.seconds else 100.0 * used / self.seconds
            for name, used in self.cpu.items()
        }
        server_cpu = self.cpu["server"]
        return Cell(
            bot=bot,
            concurrency=concurrency,
            turns=turns,
            seconds=self.seconds,
            p50_ms=1000 * percentile(latencies, 0.50),
            p99_ms=1000 * percentile(latencies, 0.99),
            turns_per_s=turns / self.seconds if self.seconds else 0.0,
            server_cpu_ms_per_turn=None if server_cpu is None or not turns else 1000.0 * server_cpu / turns,
            cpu_percent=cpu_percent,
            failures=list(dict.fromkeys(self.failures)),
        )


async def warm_up(server: Server, template: bytes, concurrency: int, turns: int, deadline_s: float) -> None:
    if turns:
        _, bodies = request_bodies(template, turns)
        await drive(server.url + "/api/messages", bodies, concurrency, deadline_s)


async def measure_round(
    bot: str,
    server: Server,
    connector: Server,
    template: bytes,
    concurrency: int,
    turns: int,
    expected: dict[str, Any],
    deadline_s: float,
    tally: Tally,
) -> None:
    """Sends `turns` fresh activities, then checks the connector got exactly their replies."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as control:
        await connector_reset(control, connector.url)
        ids, bodies = request_bodies(template, turns)
        before = {"server": server.cpu_seconds(), "connector": connector.cpu_seconds(), "load": _own_cpu()}
        latencies, statuses, wall, errors = await drive(server.url + "/api/messages", bodies, concurrency, deadline_s)
        after = {"server": server.cpu_seconds(), "connector": connector.cpu_seconds(), "load": _own_cpu()}
        stats = await connector_stats(control, connector.url)
        await connector_reset(control, connector.url)
    sent = sum(statuses.values()) + errors
    if sent < turns:
        tally.failures.append(f"deadline of {deadline_s:.0f} s reached after {sent} of {turns} turns")
        ids = ids[:sent]
    bad = {status: count for status, count in statuses.items() if not 200 <= status < 300}
    if bad or errors:
        tally.failures.append(f"non-2xx answers {bad}, transport errors {errors}")
    tally.failures += check_replies(bot, ids, stats, expected)
    tally.latencies += latencies
    tally.seconds += wall
    for name in tally.cpu:
        used, start, stop = tally.cpu[name], before[name], after[name]
        tally.cpu[name] = None if used is None or start is None or stop is None else used + stop - start


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


# --------------------------------------------------------------------------------------------
# Reporting


def table(cells: list[Cell]) -> str:
    header = ("bot", "conc", "turns", "p50 ms", "p99 ms", "turns/s", "srv CPU ms/turn", "CPU% srv/conn/load", "check")
    rows = [header]
    for cell in cells:
        cpu = "/".join(
            "-" if cell.cpu_percent[k] is None else f"{cell.cpu_percent[k]:.0f}"
            for k in ("server", "connector", "load")
        )
        rows.append(
            (
                cell.bot,
                str(cell.concurrency),
                str(cell.turns),
                f"{cell.p50_ms:.2f}",
                f"{cell.p99_ms:.2f}",
                f"{cell.turns_per_s:.0f}",
                "-" if cell.server_cpu_ms_per_turn is None else f"{cell.server_cpu_ms_per_turn:.2f}",
                cpu,
                "ok" if cell.ok else "FAILED",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(value.rjust(widths[i]) if i else value.ljust(widths[i]) for i, value in enumerate(row))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def ratios(cells: list[Cell]) -> dict[int, float | None]:
    by_key = {(cell.bot, cell.concurrency): cell for cell in cells}
    result: dict[int, float | None] = {}
    for concurrency in CONCURRENCIES:
        ours, echo = by_key.get(("saksliste", concurrency)), by_key.get(("echo", concurrency))
        result[concurrency] = ours.turns_per_s / echo.turns_per_s if ours and echo and echo.turns_per_s else None
    return result


# --------------------------------------------------------------------------------------------
# The run


def round_sizes(turns: int, rounds: int) -> list[int]:
    rounds = max(1, min(rounds, turns))
    return [turns // rounds + (1 if index < turns % rounds else 0) for index in range(rounds)]


async def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    payload = load_payload(args.fixture)
    tenant = payload["conversation"]["tenantId"]
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    if database_url.startswith(("postgresql", "postgres")):
        await prepare_postgres(database_url, args.reset_database)
    seeded = await seed(database_url, payload)
    print(
        f"seeded {seeded.cases} cases, SSU meeting on {seeded.meeting_day} with {len(seeded.agenda_references)} "
        f"on its agenda, in {seeded.seconds:.1f} s ({_redacted(database_url)})",
        flush=True,
    )
    expected = {
        "references": seeded.agenda_references,
        "text": next(
            (f"{e['text']} {COMMAND}" for e in payload.get("entities", []) if e.get("type") == "mention"), COMMAND
        ),
    }
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

    servers: dict[str, Server] = {}
    tallies: dict[tuple[str, int], Tally] = {}
    started = time.perf_counter()
    try:
        connector_port = free_port()
        servers["connector"] = start_process(
            "connector",
            ["-m", "bench.run", "--role", "connector", "--port", str(connector_port)],
            connector_port,
            workdir,
        )
        ready: dict[str, tuple[str, tuple[int, ...]]] = {"connector": ("/bench/stats", (200,))}
        for bot in args.bots:
            port = free_port()
            if bot == "saksliste":
                argv = ["-m", "bench.run", "--role", "saksliste", "--port", str(port), "--tenant", tenant]
                ready[bot] = ("/healthz", (200,))
            else:
                argv = ["-m", "bench.echo_bot", "--port", str(port)]
                ready[bot] = ("/api/messages", (405,))  # the sample serves only POST /api/messages
            env = {DATABASE_URL_ENV: database_url} if bot == "saksliste" else None
            servers[bot] = start_process(bot, argv, port, workdir, env)
        await asyncio.gather(*(wait_ready(servers[name], *ready[name]) for name in servers))
        connector = servers["connector"]
        template = payload_template(payload, COMMAND, connector.url + "/")

        # Both bots run side by side (one idles while the other is measured) and take turns in
        # rounds, alternating who goes first, so a slower minute of a shared machine hits both.
        for concurrency in CONCURRENCIES:
            for bot in args.bots:
                await warm_up(servers[bot], template, concurrency, args.warmup, args.cell_deadline)
            sizes = round_sizes(args.turns, args.rounds)
            for index, size in enumerate(sizes):
                order = args.bots if index % 2 == 0 else list(reversed(args.bots))
                for bot in order:
                    tally = tallies.setdefault((bot, concurrency), Tally())
                    await measure_round(
                        bot,
                        servers[bot],
                        connector,
                        template,
                        concurrency,
                        size,
                        expected,
                        args.cell_deadline,
                        tally,
                    )
                    if servers[bot].process.poll() is not None:
                        raise RuntimeError(f"{bot} died:\n{servers[bot].log_tail()}")
            for bot in args.bots:
                cell = tallies[(bot, concurrency)].cell(bot, concurrency)
                status = "ok" if cell.ok else "FAILED: " + "; ".join(cell.failures)
                print(
                    f"  {bot:9} c={concurrency:<2} {cell.turns} turns in {cell.seconds:.1f} s: "
                    f"{cell.turns_per_s:.0f} turns/s, p50 {cell.p50_ms:.2f} ms, p99 {cell.p99_ms:.2f} ms  [{status}]",
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.stop()

    cells = [tallies[(bot, c)].cell(bot, c) for c in CONCURRENCIES for bot in args.bots if (bot, c) in tallies]
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    print()
    print(
        f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; database {_redacted(database_url).split(':')[0]}; "
        f"{args.turns} turns per cell in {len(round_sizes(args.turns, args.rounds))} alternating rounds, "
        f"{args.warmup} warm-up; load average {_load(load_before)} -> {_load(load_after)}; "
        f"measuring took {time.perf_counter() - started:.0f} s"
    )
    print(table(cells))
    found = ratios(cells)
    print()
    for concurrency, ratio in found.items():
        if ratio is not None:
            verdict = "meets" if ratio >= 2.0 else "BELOW"
            print(f"saksliste/echo turns/s at concurrency {concurrency}: {ratio:.2f}x ({verdict} the 2x target)")
    if args.json:
        document = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
            "database": _redacted(database_url).split(":")[0],
            "seed": asdict(seeded),
            "turns_per_cell": args.turns,
            "rounds": len(round_sizes(args.turns, args.rounds)),
            "warmup_per_cell": args.warmup,
            "load_average": {"before": load_before, "after": load_after},
            "cells": [asdict(cell) for cell in cells],
            "ratio_turns_per_s": {str(k): v for k, v in found.items()},
        }
        Path(args.json).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {args.json}")
    return 0 if cells and all(cell.ok for cell in cells) else 1


def _load(load: tuple[float, float, float] | None) -> str:
    return "-" if load is None else f"{load[0]:.2f}"


def _redacted(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--turns", type=int, default=1000, help="measured turns per bot and concurrency (default 1000)")
    p.add_argument(
        "--warmup", type=int, default=None, help="warm-up turns before each cell (default turns/10, at most 100)"
    )
    p.add_argument(
        "--database-url",
        default=None,
        help="database for our bot (default: a fresh SQLite file in a temporary folder); "
        "e.g. postgresql://postgres@127.0.0.1:5432/hfbot_bench (created if missing)",
    )
    p.add_argument(
        "--reset-database",
        action="store_true",
        help="PostgreSQL: drop and recreate the public schema even if it holds other data",
    )
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    p.add_argument("--bots", nargs="+", choices=("saksliste", "echo"), default=["saksliste", "echo"])
    p.add_argument("--fixture", type=Path, default=FIXTURE, help=argparse.SUPPRESS)
    p.add_argument("--rounds", type=int, default=4, help="alternating rounds each cell is split into (default 4)")
    p.add_argument(
        "--cell-deadline", type=float, default=60.0, help="seconds after which a round stops sending (default 60)"
    )
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    # Internal: the child processes.
    p.add_argument("--role", choices=("connector", "saksliste"), help=argparse.SUPPRESS)
    p.add_argument("--port", type=int, help=argparse.SUPPRESS)
    p.add_argument("--tenant", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.role == "connector":
        serve_connector(args.port)
        return 0
    if args.role == "saksliste":
        serve_saksliste(args.port, os.environ[DATABASE_URL_ENV], args.tenant)
        return 0
    if args.turns < 1 or args.turns > 100_000:
        raise SystemExit("bench: --turns must be between 1 and 100000")
    if args.warmup is None:
        args.warmup = min(100, args.turns // 10)
    workdir = Path(tempfile.mkdtemp(prefix="hfbot-bench-"))
    try:
        return asyncio.run(benchmark(args, workdir))
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
