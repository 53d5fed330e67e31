"""Which database a session talks to, and that dialect's INSERT with ON CONFLICT."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_of(session: AsyncSession) -> str:
    """ "postgresql" or "sqlite": the database the session talks to."""
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _insert(session: AsyncSession, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT on both SQLite and PostgreSQL."""
    return postgresql.insert(table) if dialect_of(session) == "postgresql" else sqlite.insert(table)
