"""Bringing a database schema up to date with the Alembic migrations shipped in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.database import MIGRATION_TIMEOUTS, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str = "") -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def _upgrade_on(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade(engine: AsyncEngine) -> None:
    """Migrates to the newest revision; safe to call on every start."""
    async with engine.connect() as connection:
        await connection.run_sync(_upgrade_on)
        await connection.commit()


async def upgrade_database(database_url: str) -> None:
    """`upgrade` on an engine of its own: a migration may run longer than the few seconds the
    engine of the turns gives one statement."""
    engine = create_engine(database_url, MIGRATION_TIMEOUTS)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
