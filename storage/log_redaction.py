"""Log records never carry what a database driver says about a query.

SQLAlchemy prints a failed statement's parameters in its exception text, and the drivers quote
the offending value themselves (asyncpg: `invalid input for query argument $3: 'Pasient …'`), so
a logged database error would put a user's text, and with it personal data, in the log
(DESIGN.md §6). Every log record is therefore rewritten as it is made: a database error, as the
record's exception (anywhere in its chain) or as one of its arguments, is shown by its type and
SQLSTATE only; the traceback's frames stay, so the place of the failure is still known.

Installed as the log record factory, not as a handler's filter: it then holds for every handler
and logger, SQLAlchemy's and the drivers' own included, whoever configures the handlers.
"""

from __future__ import annotations

import logging
import sqlite3
import traceback
from collections.abc import Mapping
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

__all__ = ["database_error_summary", "install_log_redaction", "is_database_error", "redact_record"]

# The packages whose exceptions quote statements or values. By module name, so the drivers need
# not be imported (a deployment has one of them).
_DRIVER_PACKAGES = frozenset({"sqlalchemy", "asyncpg", "sqlite3", "aiosqlite", "psycopg", "psycopg2"})

_installed = False


def is_database_error(error: BaseException) -> bool:
    if isinstance(error, SQLAlchemyError | sqlite3.Error):
        return True
    return type(error).__module__.split(".")[0] in _DRIVER_PACKAGES


def _sqlstate(error: BaseException) -> str | None:
    for candidate in (error, getattr(error, "orig", None)):
        if candidate is None:
            continue
        for name in ("sqlstate", "pgcode", "sqlite_errorname"):
            code = getattr(candidate, name, None)
            if isinstance(code, str) and code:
                return code
    return None


def database_error_summary(error: BaseException) -> str:
    """What the log may say of a database error: its type and SQLSTATE, never its text."""
    code = _sqlstate(error)
    return f"{type(error).__name__} sqlstate={code}" if code else type(error).__name__


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or during, oldest first, as tracebacks print."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return chain[::-1]


def _redacted_traceback(error: BaseException) -> str:
    parts: list[str] = []
    chain = _chain(error)
    for index, current in enumerate(chain):
        if index:
            caused = chain[index].__cause__ is chain[index - 1]
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if caused
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        if current.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(current.__traceback__))
        if is_database_error(current):
            parts.append(f"{type(current).__module__}.{database_error_summary(current)} (message withheld)\n")
        else:
            parts.extend(traceback.format_exception_only(type(current), current))
    return "".join(parts).rstrip("\n")


def _redacted_argument(value: Any) -> Any:
    return database_error_summary(value) if isinstance(value, BaseException) and is_database_error(value) else value


def redact_record(record: logging.LogRecord) -> None:
    """Rewrites a record in place so that no database error's text is in it."""
    error = record.exc_info[1] if record.exc_info else None
    if error is not None and any(is_database_error(link) for link in _chain(error)):
        record.exc_text = _redacted_traceback(error)
        record.exc_info = None  # formatters print exc_text as it is when there is no exc_info
    if isinstance(record.msg, BaseException) and is_database_error(record.msg):
        record.msg = database_error_summary(record.msg)
    if isinstance(record.args, Mapping):
        record.args = {key: _redacted_argument(value) for key, value in record.args.items()}
    elif isinstance(record.args, tuple):
        record.args = tuple(_redacted_argument(value) for value in record.args)


def install_log_redaction() -> None:
    """Makes every log record of this process pass `redact_record`; calling it again is harmless."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
