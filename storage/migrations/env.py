"""Alembic environment: runs on the connection the application hands over, or makes its own."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from storage.database import MIGRATION_TIMEOUTS, create_engine
from storage.orm import metadata

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with sqlite_foreign_keys_off(connection):
        with context.begin_transaction():
            context.run_migrations()


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite alters a table by copying it, dropping the old one and renaming the copy. With
    foreign keys enforced, dropping a table that others refer to fails, so migrations run with
    enforcement off, as SQLite's documentation prescribes; a migration that copies tables checks
    the references itself before its transaction commits (PRAGMA foreign_key_check). The pragma
    is ignored inside a transaction, so it goes straight to the driver before Alembic begins one."""
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    _pragma(raw, "PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        _pragma(raw, "PRAGMA foreign_keys=ON")


def _pragma(raw: Any, statement: str) -> None:
    cursor = raw.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


async def run_with_own_engine(url: str) -> None:
    engine = create_engine(url, MIGRATION_TIMEOUTS)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on)
            await connection.commit()
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_with_own_engine(config.get_main_option("sqlalchemy.url") or ""))
