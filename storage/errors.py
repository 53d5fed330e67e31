"""Database errors in the words of the unit-of-work port (`governance.ports.Conflict`, `Unavailable`)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
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


def translated(error: BaseException | None) -> StoreError | None:
    """The port's exception for a database error; None for anything else (passed on unchanged)."""
    if isinstance(error, StoreError):
        return None  # already translated by an inner unit of work
    if isinstance(error, _CONFLICTS):
        return Conflict(type(error).__name__)
    if isinstance(error, _UNAVAILABLE):
        return Unavailable(type(error).__name__)
    return None
