"""Running use cases against the test database as a given user."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from cards.channel_posts import ChannelPosts
from governance.access import Actor
from governance.context import Context
from governance.rules.clock import Clock
from storage.unit_of_work import SqlUnitOfWork

T = TypeVar("T")


async def run_as(
    unit_of_work: Callable[[], SqlUnitOfWork],
    clock: Clock,
    aad_object_id: str | None,
    use_case: Callable[[Context], Awaitable[T]],
    conversation_id: str | None = None,
) -> T:
    """Runs one use case in its own committed transaction, as a Teams turn would."""
    async with unit_of_work() as uow:
        result = await use_case(Context(uow, clock, Actor(aad_object_id), conversation_id, ChannelPosts()))
        await uow.commit()
    return result
