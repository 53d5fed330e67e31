"""Shared fixtures: a migrated database (SQLite file, or PostgreSQL via TEST_DATABASE_URL), a clock.

CI runs the whole suite twice: once on SQLite and once with TEST_DATABASE_URL pointing at
PostgreSQL. Each test gets an empty, freshly migrated database.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
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


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await upgrade(engine)
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
