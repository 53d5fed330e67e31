"""Engines and sessions: URL normalisation, SQLite pragmas, the session factory, and the checks of a
database URL that the command line and the settings make (so they need no SQLAlchemy of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import String, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction

from storage.sqlite_driver import OneTripConnection, one_trip_dbapi

# The engine as the composition root holds it: created here, handed to the unit of work, disposed.
Engine = AsyncEngine


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long a turn waits for the database before it is told the database is unavailable.

    A user is answered within 5 s and Teams gives up on an invoke after about 5 s. The longest a
    turn waits on a database that stopped answering is one pool wait and then one statement (the
    pool's ping of a connection it holds, or the turn's first) or one connect: with these defaults
    3.5 s. On SQLite a turn waits for the pool (the turns before it), then for the file's lock.
    """

    connect_s: float = 1.5  # opening a PostgreSQL connection (TCP and start-up)
    # One statement: asyncpg's command timeout and PostgreSQL's statement_timeout; SQLite's
    # busy_timeout (waiting for another connection's lock).
    statement_s: float = 2.0
    pool_s: float = 1.5  # waiting for a free connection of the pool (on SQLite: the turns before)


DEFAULT_TIMEOUTS = DatabaseTimeouts()
# Schema migrations run once at start-up and may rewrite a large table.
MIGRATION_TIMEOUTS = DatabaseTimeouts(connect_s=10.0, statement_s=600.0, pool_s=30.0)
# SQLite's own lower() folds only ASCII ("Åse" stays "Åse"), PostgreSQL's follows Unicode: SQLite
# connections get this function, Python's str.lower, so names and searches match alike on both.
SQLITE_UNICODE_LOWER = "hfbot_lower"


class folded(GenericFunction[str]):  # noqa: N801  # named like SQLAlchemy's own func.* constructs
    """A column lowered for comparisons that ignore case; compare it with `fold(value)`."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(folded)
def _folded_default(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_UNICODE_LOWER}({compiler.process(element.clauses, **kw)})"


def fold(text: str) -> str:
    """What a `folded` column is compared with: the same lowering, in Python."""
    return text.lower()


def _sqlite_lower(value: str | None) -> str | None:
    return fold(value) if isinstance(value, str) else value


def async_url(database_url: str) -> URL:
    """Maps the plain URLs users write onto the async drivers this application uses."""
    url = make_url(database_url)
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        url = url.set(drivername="sqlite+aiosqlite")
    elif url.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        url = url.set(drivername="postgresql+asyncpg")
    return url


def ensure_sqlite_folder(url: URL) -> None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine(database_url: str, timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS, **options: Any) -> AsyncEngine:
    # Bound parameters hold what users typed; keep them out of error messages and so out of logs.
    options.setdefault("hide_parameters", True)
    # Every transaction here ends in a commit or a rollback before its connection goes back (the
    # unit of work rolls back whatever it did not commit, and a Connection closed inside a
    # transaction rolls it back itself), so the pool's own ROLLBACK on return would be a second,
    # empty round trip on every turn.
    options.setdefault("pool_reset_on_return", None)
    url = async_url(database_url)
    ensure_sqlite_folder(url)
    if url.get_backend_name() == "sqlite":
        if url.database not in (None, "", ":memory:"):
            # One connection: every transaction takes the write lock (BEGIN IMMEDIATE) anyway, so
            # more connections would let no second turn work while one holds it; they would only
            # move the queue into SQLite's busy handler (sleeps of up to 100 ms, in no order: p99
            # 2.4 s instead of 0.6 s at 20 concurrent turns, bench/README.md "D"), where a busy
            # timeout of a few seconds then fails turns under mere load. Turns queue in order for
            # the pool on the event loop instead, for at most the pool timeout (then Unavailable,
            # no longer an unexplained error after 30 s); the connection's own wait for a lock held
            # by another process is the busy timeout.
            options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": timeouts.pool_s, **options}
        options.setdefault("module", one_trip_dbapi())
        engine = create_async_engine(url, **options)
        _configure_sqlite(engine, busy_timeout_ms=round(timeouts.statement_s * 1000))
        return engine
    connect_args = {
        "timeout": timeouts.connect_s,
        # asyncpg's own timeout is what ends a statement on a server that does not answer at all
        # (stopped, or the network gone); PostgreSQL's statement_timeout ends one that waits on
        # a lock or runs long, and leaves the connection usable.
        "command_timeout": timeouts.statement_s,
        "server_settings": {"statement_timeout": str(round(timeouts.statement_s * 1000))},
    }
    options.setdefault("pool_timeout", timeouts.pool_s)
    options["connect_args"] = {**connect_args, **options.get("connect_args", {})}
    engine = create_async_engine(url, pool_pre_ping=True, **options)
    _configure_postgresql(engine)
    return engine


def _configure_postgresql(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "invalidate")
    def on_invalidate(dbapi_connection: Any, _record: Any, _error: BaseException | None) -> None:
        # SQLAlchemy closes an invalidated asyncpg connection politely and waits up to 2 s (a fixed
        # timeout) for the server's goodbye; a stopped server never gives one, which made the
        # first turn after a freeze take 4 s instead of 2. The connection is dropped anyway.
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None:
            driver.terminate()


def _configure_sqlite(engine: AsyncEngine, *, busy_timeout_ms: int) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.create_function(SQLITE_UNICODE_LOWER, 1, _sqlite_lower, deterministic=True)

    @event.listens_for(sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at the start, so two writers queue on busy_timeout
        # instead of one failing when it upgrades a read lock ("database is locked").
        adapted = connection.connection.dbapi_connection
        if isinstance(adapted, OneTripConnection):
            adapted.begin_immediate()  # sent with the transaction's first statement
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)


def backend_name(database_url: str) -> str:
    """The database a URL names ("sqlite", "postgresql", ...); "" for what is no URL at all."""
    try:
        return async_url(database_url).get_backend_name()
    except ArgumentError:
        return ""


def shown_url(database_url: str) -> str:
    """The URL as it may be printed: without its password."""
    return make_url(database_url).render_as_string(hide_password=True)


async def database_problem(database_url: str) -> str | None:
    """Why the database cannot be opened, or None."""
    try:
        engine = create_engine(database_url)  # makes a SQLite file's folder
    except OSError as error:
        return error.strerror or str(error)
    try:
        if engine.dialect.name == "sqlite":
            return None  # SQLite creates the file on first use; no need to leave an empty one now
        async with engine.connect():
            return None
    except (OSError, DBAPIError) as error:
        reason = str(error.orig) if isinstance(error, DBAPIError) else (error.strerror or str(error))
        return reason.splitlines()[0] if reason else type(error).__name__
    finally:
        await engine.dispose()
