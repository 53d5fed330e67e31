"""The database away (issue 15, item 4): a PostgreSQL stopped with SIGSTOP and a SQLite file held
under an exclusive lock. Every turn is answered within 5 s with the "database unavailable" sentence,
in a text command and in a card click, `/healthz` says 503 within 2 s, and once the database is
back the next turn works and nothing committed before is lost, all without a restart.

Both run on a database of their own whatever TEST_DATABASE_URL says: a private PostgreSQL cluster
started here (the shared server on 5432 is never stopped) and a SQLite file in tmp_path.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from cards.texts import say
from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.database import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    card_texts,
    e2e_settings,
    query,
    running_bot,
    visible_text,
)
from tests.e2e.test_decisions import approval_cards, execute_action, invoke
from tests.support.fake_connector import FakeConnector, SentActivity
from tests.support.structure import LEADER_AAD, MEMBER_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
UNAVAILABLE_NB = say("nb", "unavailable")
# Generous against a loaded machine, and still what the issue asks: a user answered within 5 s
# (Teams gives up on an invoke after about 5 s), a health check within 2 s.
TURN_LIMIT_S = 5.0
HEALTH_LIMIT_S = 2.0
# The scenario holds the database for 30 s; 9 s keeps the suite fast and is still longer
# than every timeout of a turn, so a turn that waited for the database to come back would fail.
HELD_S = 9.0


# ---------------------------------------------------------------------------- the two databases


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; the cluster then runs as the postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def private_postgres() -> Iterator[tuple[str, Callable[[], list[int]]]]:
    """A throwaway PostgreSQL cluster on a free port: its URL, and a function listing its pids."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start a private PostgreSQL cluster")
    # Not pytest's tmp_path: the postgres user must be able to reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="hfbot-frozen-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    try:
        subprocess.run(
            _as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"
        subprocess.run(
            _as_postgres(
                [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )

        def pids() -> list[int]:
            """The postmaster and every process it started (backends, checkpointer, ...)."""
            postmaster = int((data / "postmaster.pid").read_text().splitlines()[0])
            children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout
            return [postmaster, *(int(pid) for pid in children.split())]

        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", pids
    finally:
        subprocess.run(
            _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def frozen(pids: Callable[[], list[int]]) -> Iterator[None]:
    """Every process of the private cluster stopped, as a hung host or a paused VM looks."""
    stopped = pids()
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another process's connection holding the SQLite file under an exclusive lock."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield
        holder.execute("ROLLBACK")
    finally:
        holder.close()


# ---------------------------------------------------------------------------- the scenario


@asynccontextmanager
async def bot_on(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str]
) -> AsyncIterator[tuple[BotUnderTest, UnitOfWorkFactory]]:
    """The structure imported into a migrated database, and the real app running on it."""
    engine: AsyncEngine = create_engine(database_url)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)

        def unit_of_work() -> SqlUnitOfWork:
            return SqlUnitOfWork(sessions)

        async with unit_of_work() as uow:
            await import_structure(uow, parse_structure(test_structure()))
            await uow.commit()
        fake, connector_url = connector
        async with running_bot(e2e_settings(database_url), clock, fake, connector_url) as bot:
            yield bot, unit_of_work
    finally:
        await engine.dispose()


async def timed(operation: Any) -> tuple[Any, float]:
    started = time.monotonic()
    result = await operation
    return result, time.monotonic() - started


async def text_turn(bot: BotUnderTest, text: str) -> str:
    """A member's command in a personal chat; the text of the bot's single reply."""
    return visible_text(await bot.exchange(PERSONAL, text, aad_object_id=MEMBER_AAD, locale="nb-NO"))


async def card_click(bot: BotUnderTest, payload: dict[str, Any]) -> str:
    """An invoke, answered as Teams needs it (HTTP 200 with a card); the card's text."""
    async with bot.session.post(f"{bot.url}/api/messages", json=payload) as response:
        assert response.status == 200, await response.text()
        body = await response.json()
    assert body["statusCode"] == 200 and body["type"] == CARD_TYPE
    return "\n".join(card_texts(body["value"]))


async def health(bot: BotUnderTest) -> int:
    async with bot.session.get(f"{bot.url}/healthz") as response:
        await response.read()
        return response.status


async def approval_card(bot: BotUnderTest) -> SentActivity:
    """The decision's approval card in the channel (waited for: it may leave through the outbox)."""
    for _ in range(100):
        cards = approval_cards(bot)
        if cards:
            return cards[-1]
        await asyncio.sleep(0.1)
    raise AssertionError("no approval card was posted")


async def database_away(
    bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, away: Callable[[], AbstractContextManager[None]]
) -> None:
    # Committed before the database goes away: a case and a decision waiting for approval.
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    assert "Sak 1/2026" in await text_turn(bot, "ny sak SSU Felles rutine for utskrivning")
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    card = (await approval_card(bot)).cards[0]
    approve = execute_action(card, "approve")
    assert await health(bot) == 200

    with away():
        held_since = time.monotonic()
        rounds = 0
        # Several rounds, so the limits hold for turns that meet the database already away as well
        # as for the first, and for connections the pool has meanwhile given up on.
        while time.monotonic() - held_since < HELD_S or rounds < 2:
            reply, took = await timed(text_turn(bot, f"ny sak SSU Under låsen {rounds}"))
            assert UNAVAILABLE_NB in reply, reply
            assert took < TURN_LIMIT_S, f"text command answered after {took:.1f} s"

            answer, took = await timed(card_click(bot, invoke(bot, approve, LEADER_AAD)))
            assert UNAVAILABLE_NB in answer, answer
            assert took < TURN_LIMIT_S, f"card click answered after {took:.1f} s"

            status, took = await timed(health(bot))
            assert status == 503
            assert took < HEALTH_LIMIT_S, f"/healthz answered after {took:.1f} s"
            rounds += 1

    # Back without a restart: the very next turns work.
    assert "Sak 2/2026" in await text_turn(bot, "ny sak SSU Etter låsen")
    final = await card_click(bot, invoke(bot, approve, LEADER_AAD))
    assert UNAVAILABLE_NB not in final
    assert await health(bot) == 200

    # Nothing committed is lost, and nothing refused was half-stored.
    cases = await query(unit_of_work, "SELECT title FROM cases ORDER BY id")
    assert [row.title for row in cases] == ["Felles rutine for utskrivning", "Etter låsen"]
    [decision] = await query(unit_of_work, "SELECT status FROM decisions")
    assert decision.status == "vedtatt"


async def test_a_postgresql_stopped_with_sigstop_answers_every_turn_within_5_s_and_recovers(
    clock: FixedClock, connector: tuple[FakeConnector, str]
) -> None:
    with private_postgres() as (database_url, pids):
        async with bot_on(database_url, clock, connector) as (bot, unit_of_work):
            await database_away(bot, unit_of_work, lambda: frozen(pids))


async def test_a_sqlite_file_under_an_exclusive_lock_answers_every_turn_within_5_s_and_recovers(
    tmp_path: Path, clock: FixedClock, connector: tuple[FakeConnector, str]
) -> None:
    path = tmp_path / "locked.db"
    async with bot_on(f"sqlite:///{path}", clock, connector) as (bot, unit_of_work):
        await database_away(bot, unit_of_work, lambda: locked(path))
