"""Database errors in the words of the unit-of-work port (`governance.ports.Conflict`, `Unavailable`)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError

from governance.ports import Conflict, StoreError, Unavailable

# A concurrent transaction won the race: a row's version moved on (optimistic locking), or a
# unique key (a case number, an activity id, a reminder key) was inserted first.
_CONFLICTS = (StaleDataError, IntegrityError)
# A database that is briefly away: refused or dropped connections, lock time-outs. The drivers
# raise OSError and TimeoutError themselves while connecting, not wrapped by SQLAlchemy; asyncpg's
# command timeout is a TimeoutError too. Every connection of the pool busy past its timeout (turns
# stuck behind a locked or frozen database) is SQLAlchemy's own TimeoutError, no DBAPI error.
_UNAVAILABLE = (OperationalError, InterfaceError, OSError, TimeoutError, PoolTimeout)
# PostgreSQL ending a statement itself: its statement_timeout (a statement that waited on a lock
# or ran long: 57014, query_canceled) or a lock it could not get (55P03). asyncpg's errors reach
# SQLAlchemy as a plain DBAPIError, so they are known by their SQLSTATE.
_UNAVAILABLE_SQLSTATES = frozenset({"57014", "55P03"})


def translated(error: BaseException | None) -> StoreError | None:
    """The port's exception for a database error; None for anything else (passed on unchanged)."""
    if isinstance(error, StoreError):
        return None  # already translated by an inner unit of work
    if isinstance(error, _CONFLICTS):
        return Conflict(type(error).__name__)
    if isinstance(error, _UNAVAILABLE):
        return Unavailable(type(error).__name__)
    if isinstance(error, DBAPIError) and _sqlstate(error) in _UNAVAILABLE_SQLSTATES:
        return Unavailable(type(error).__name__)
    return None


def _sqlstate(error: DBAPIError) -> str | None:
    code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return code if isinstance(code, str) else None
