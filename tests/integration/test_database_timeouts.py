"""The waits of the database engine (issue 15, item 4): a turn never waits long for a connection,
and a pool that has none free is "unavailable", not an unexplained error after 30 s; once one is
free again the next turn gets it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from governance.ports import Unavailable
from storage.database import DatabaseTimeouts, create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import on_postgres

# Short, to keep the test fast; what matters is that the wait ends, as "unavailable".
TIMEOUTS = DatabaseTimeouts(connect_s=1.0, statement_s=1.0, pool_s=0.5)


async def test_a_sqlite_pool_with_every_connection_taken_is_unavailable_within_its_timeout(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'pool.db'}", TIMEOUTS)
    await upgrade(engine)
    sessions = session_factory(engine)
    held: list[AsyncConnection] = []
    try:
        while True:  # every connection the pool will give, then one more is asked for below
            try:
                held.append(await engine.connect())
            except Exception:
                break
            if len(held) > 50:
                pytest.fail("the SQLite pool has no limit")
        started = time.monotonic()
        with pytest.raises(Unavailable):
            async with SqlUnitOfWork(sessions) as uow:
                await uow.session.execute(text("SELECT 1"))
        assert time.monotonic() - started < 3.0  # the pool timeout (0.5 s), with room for a loaded machine

        await held.pop().close()
        async with SqlUnitOfWork(sessions) as uow:
            assert (await uow.session.execute(text("SELECT count(*) FROM cases"))).scalar_one() == 0
    finally:
        for connection in held:
            await connection.close()
        await engine.dispose()


@pytest.mark.skipif(not on_postgres(), reason="PostgreSQL's own statement_timeout")
async def test_a_statement_postgresql_cancels_at_its_timeout_is_unavailable(database_url: str) -> None:
    # The server's statement_timeout (SQLSTATE 57014) ends a statement that waits on a lock or runs
    # long; it reached the user as "something went wrong" instead of "briefly unavailable". The
    # driver's own timeout is set longer here, so the server is the one that ends it.
    engine = create_engine(database_url, TIMEOUTS, connect_args={"command_timeout": 30})
    try:
        with pytest.raises(Unavailable):
            async with SqlUnitOfWork(session_factory(engine)) as uow:
                await uow.session.execute(text("SELECT pg_sleep(5)"))
        async with SqlUnitOfWork(session_factory(engine)) as uow:  # the connection is usable again
            assert (await uow.session.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()
