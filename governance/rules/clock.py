"""The application's one clock: every "now" comes from here so schedules can be tested."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock tests set and advance by hand."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta


class FileClock:
    """Reads the instant from a file (ISO 8601) on every call: one test clock that several
    processes share, so a test can move a whole deployment through a simulated year."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def now(self) -> datetime:
        instant = datetime.fromisoformat(self._path.read_text(encoding="utf-8").strip())
        return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)
