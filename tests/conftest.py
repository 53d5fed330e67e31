"""Shared fixtures: a migrated database (SQLite file, or PostgreSQL via TEST_DATABASE_URL), a clock.

CI runs the whole suite twice: once on SQLite and once with TEST_DATABASE_URL pointing at
PostgreSQL. Each test gets an empty, freshly migrated database.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.database import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.support.structure import test_structure

# Monday 23 November 2026, 09.00 in Oslo.
TEST_NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def on_postgres() -> bool:
    url = os.environ.get("TEST_DATABASE_URL", "")
    return bool(url) and make_url(url).get_backend_name() == "postgresql"


async def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            await connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        await engine.dispose()


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path / 'hfbot-test.db'}"
    await reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file brought to the newest revision by the real Alembic migrations, once per
    run: each test's empty database starts as a copy of it (migrating every test's file again,
    with SQLite's table copies for each altered table, took most of a test's time)."""
    path = tmp_path_factory.mktemp("migrated") / "hfbot.db"

    async def migrate() -> None:
        engine = create_engine(f"sqlite:///{path}")
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    # In a thread of its own: the first test to need it asks from inside its running event loop.
    with ThreadPoolExecutor(1) as worker:
        worker.submit(asyncio.run, migrate()).result()
    return path


def begin_from_migrated_copy(database_url: str, request: pytest.FixtureRequest) -> None:
    """A test's SQLite file not made yet starts as a copy of the migrated one; whoever opens the
    database first (the engine here, or the bot under test) calls it."""
    database = make_url(database_url).database
    if not on_postgres() and database and not Path(database).exists():
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), database)


@pytest.fixture
async def engine(database_url: str, request: pytest.FixtureRequest) -> AsyncIterator[AsyncEngine]:
    begin_from_migrated_copy(database_url, request)
    engine = create_engine(database_url)
    await upgrade(engine)  # a no-op on the copy; still migrates a file something else began
    yield engine
    await engine.dispose()


@pytest.fixture
def unit_of_work(engine: AsyncEngine) -> Callable[[], SqlUnitOfWork]:
    sessions = session_factory(engine)
    return lambda: SqlUnitOfWork(sessions)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TEST_NOW)


@pytest.fixture
async def structure(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    """The test helsefellesskap (tests/support/structure.py) imported into the database."""
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(test_structure()))
        await uow.commit()
