"""The one-trip SQLite cursor behaves as SQLAlchemy's own aiosqlite cursor, in fewer trips."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.database import create_engine


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)"))
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call aiosqlite runs on its database thread."""
    calls: list[str] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, function: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(function, "__name__", repr(function)))
        return await original(self, function, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return calls


async def test_a_query_makes_one_trip_to_the_database_thread(engine: AsyncEngine, trips: list[str]) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))  # opens the pooled connection
        await connection.commit()
        trips.clear()
        rows = (await connection.execute(text("SELECT :a + 1 AS b, 'x' AS c"), {"a": 41})).all()
        assert trips == ["_run_one"]  # BEGIN IMMEDIATE went along with it
        await connection.commit()
    assert [tuple(row) for row in rows] == [(42, "x")]
    assert trips == ["_run_one", "commit"]


async def test_a_transaction_holds_the_write_lock_from_its_first_statement(engine: AsyncEngine, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", timeout=0, isolation_level=None)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT count(*) FROM item"))  # a read, yet IMMEDIATE
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            await connection.execute(text("INSERT INTO item (name) VALUES ('mine')"))
            await connection.commit()
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO item (name) VALUES ('theirs')")
        other.execute("COMMIT")
    finally:
        other.close()
    async with engine.begin():
        pass  # a transaction without statements commits without touching the database
    async with engine.connect() as connection:
        names = (await connection.execute(text("SELECT name FROM item ORDER BY id"))).scalars().all()
    assert names == ["mine", "theirs"]


async def test_inserts_report_row_count_and_new_id_and_rows_read_back(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        first = await connection.execute(text("INSERT INTO item (name) VALUES ('a')"))
        second = await connection.execute(text("INSERT INTO item (name) VALUES ('b')"))
        many = await connection.execute(text("INSERT INTO item (name) VALUES (:name)"), [{"name": "c"}, {"name": "d"}])
        renamed = await connection.execute(text("UPDATE item SET name = name || '!' WHERE name IN ('a', 'b')"))
        returned = (await connection.execute(text("DELETE FROM item WHERE name = 'd' RETURNING id"))).scalar_one()
    assert (first.rowcount, first.lastrowid, second.lastrowid) == (1, 1, 2)
    assert many.rowcount == 2
    assert renamed.rowcount == 2
    assert returned == 4
    async with engine.connect() as connection:
        result = await connection.execute(text("SELECT id, name FROM item ORDER BY id"))
        assert list(result.keys()) == ["id", "name"]
        assert [tuple(row) for row in result] == [(1, "a!"), (2, "b!"), (3, "c")]


async def test_errors_surface_as_sqlalchemy_errors_and_roll_back(engine: AsyncEngine) -> None:
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO item (name) VALUES ('same')"))
            await connection.execute(text("INSERT INTO item (name) VALUES ('same')"))
    with pytest.raises(OperationalError):
        async with engine.connect() as connection:
            await connection.execute(text("SELECT * FROM no_such_table"))
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM item"))).scalar_one() == 0
