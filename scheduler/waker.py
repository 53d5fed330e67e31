"""Wakes the relay when a turn has committed posts, so they go out at once rather than at the
relay's next run. One pass at a time; a wake during a pass asks for one more."""

from __future__ import annotations

import asyncio
import contextlib

from scheduler.relay import Relay


class RelayWaker:
    def __init__(self, relay: Relay) -> None:
        self._relay = relay
        self._pass: asyncio.Task[None] | None = None
        self._again = False

    def wake(self) -> None:
        if self._pass is not None and not self._pass.done():
            self._again = True
            return
        self._pass = asyncio.ensure_future(self._deliver())

    async def _deliver(self) -> None:
        while True:
            self._again = False
            await self._relay.deliver_now()  # logs and keeps its own failures
            if not self._again:
                return

    async def idle(self) -> None:
        """Returns once the posts woken for have gone (or have been given up for now)."""
        while self._pass is not None and not self._pass.done():
            await asyncio.shield(self._pass)

    async def close(self) -> None:
        """Cancels a pass in progress; what it claimed is settled by the next relay run."""
        if self._pass is not None and not self._pass.done():
            self._pass.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pass
