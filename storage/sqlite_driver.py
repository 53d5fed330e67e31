"""SQLAlchemy's aiosqlite adapter, with one trip to the database thread per statement.

aiosqlite runs every call on its own thread and wakes the event loop for each result. SQLAlchemy's
adapter makes four such trips per statement (open a cursor, execute, fetch all rows, close), and
each trip costs more event-loop CPU than SQLite takes to answer the small queries of a chat turn.
This cursor does the same four steps in a single trip: it creates a sqlite3 cursor on the database
thread, runs the statement, reads every row and the cursor's attributes, and closes it.

A transaction's `BEGIN IMMEDIATE` goes along with its first statement, in the same trip
(`OneTripConnection.begin_immediate`). Only plain (buffered) cursors change; server-side cursors, transactions and connection handling
are SQLAlchemy's own. The whole test suite runs on it on SQLite.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT

Outcome = tuple[list[Any], Any, int, int | None]


def _run_one(connection: sqlite3.Connection, operation: str, parameters: Any, begin: bool) -> Outcome:
    """Runs on aiosqlite's thread: the statement, its rows and what a DBAPI cursor reports."""
    cursor = connection.cursor()
    try:
        if begin:
            cursor.execute("BEGIN IMMEDIATE")
        cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else []
        return rows, cursor.description, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def _run_many(connection: sqlite3.Connection, operation: str, parameters: Sequence[Any], begin: bool) -> Outcome:
    cursor = connection.cursor()
    try:
        if begin:
            cursor.execute("BEGIN IMMEDIATE")
        cursor.executemany(operation, parameters)
        return [], cursor.description, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_outcome_description", "_outcome_rowcount", "_outcome_lastrowid")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # Deliberately not the parent's __init__: it opens an aiosqlite cursor (a trip) up front.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._outcome_description: Any = None
        self._outcome_rowcount = -1
        self._outcome_lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._outcome_description

    @property
    def rowcount(self) -> int:
        return self._outcome_rowcount

    @property
    def lastrowid(self) -> int | None:  # type: ignore[override]
        return self._outcome_lastrowid

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        await self._trip(_run_one, operation, parameters)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> None:
        await self._trip(_run_many, operation, seq_of_parameters)

    async def _trip(self, function: Any, operation: Any, parameters: Any) -> None:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        async with adapted._execute_mutex:
            begin, adapted.begin_pending = adapted.begin_pending, False
            rows, description, rowcount, lastrowid = await connection._execute(
                function, connection._conn, operation, parameters, begin
            )
        self._rows = collections.deque(rows)
        self._outcome_description = description
        self._outcome_rowcount = rowcount
        self._outcome_lastrowid = lastrowid

    async def _async_soft_close(self) -> None:
        return None  # nothing is open between trips

    def close(self) -> None:
        self._rows.clear()


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("begin_pending",)
    _cursor_cls = OneTripCursor  # type: ignore[assignment]  # a subclass; SQLAlchemy declares the base

    def __init__(self, dbapi: Any, connection: Any) -> None:  # an aiosqlite.Connection
        super().__init__(dbapi, connection)
        self.begin_pending = False

    def begin_immediate(self) -> None:
        """Starts a write transaction with the next statement, in that statement's trip."""
        self.begin_pending = True

    def commit(self) -> None:
        if self.begin_pending:
            self.begin_pending = False  # no statement ran, so no transaction was started
            return
        super().commit()

    def rollback(self) -> None:
        if self.begin_pending:
            self.begin_pending = False
            return
        super().rollback()


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """Pass as `module=` to create_async_engine: SQLAlchemy's aiosqlite module with the cursor above."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
