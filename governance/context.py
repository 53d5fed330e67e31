"""What every use case receives: the open unit of work, the clock, who is asking from where, and
how to draw what it posts. A change and the posts it brings are stored in one transaction; the
relay sends the posts after the commit, so no post exists for a change that was rolled back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from governance.access import Actor
from governance.ports import ChannelPosts, Post, UnitOfWork
from governance.rules.clock import Clock
from governance.rules.model import AuditEvent, Person
from governance.rules.reminders import Delivery

T = TypeVar("T")


@dataclass
class Context:
    uow: UnitOfWork
    clock: Clock
    actor: Actor
    conversation_id: str | None = None
    posts: ChannelPosts | None = None  # None where nothing is posted (the relay, downloads)
    posted: int = 0  # posts stored in this transaction: the relay is woken after the commit
    audited: int = 0  # changes audited in this unit of work (every change is audited)
    # The unit of work was committed partway to wait on the network (`away_from_the_database`),
    # so the turn's claim of its activity is stored already: a turn that fails after this
    # must give the claim back, or its retry and its refusal would find it taken.
    stepped_away: bool = False

    def now(self) -> datetime:
        return self.clock.now()

    async def away_from_the_database(self, call: Callable[[], Awaitable[T]]) -> T:
        """Runs a network call (Teams, not the outbox's posts) with no database connection held.

        What the transaction holds so far is committed, so its connection goes back to the pool
        (on SQLite the only one: a call of seconds would otherwise hold up every other turn), and
        the use case carries on in a new transaction when it next reads (loaded objects keep their
        state: nothing expires on commit). The price: what is read before and after the call is
        not one consistent snapshot, and the commit is not undone by a later failure, so only a
        use case that has changed nothing yet may step away. Then the commit stores no more than
        the turn's claim of its activity, which the pipeline gives back if the turn fails.
        """
        assert not self.posted and not self.audited, "a change would be committed apart from the rest of the turn"
        await self.uow.commit()
        self.stepped_away = True
        return await call()

    async def audit(self, action: str, person: Person | None, subject: str, **details: object) -> None:
        self.audited += 1
        await self.uow.audit.add(
            AuditEvent(
                at=self.now(),
                action=action,
                actor_person_id=person.id if person else None,
                actor_aad_object_id=self.actor.aad_object_id,
                subject=subject,
                details=dict(details),
            )
        )

    @property
    def drawing(self) -> ChannelPosts:
        assert self.posts is not None, "this context posts nothing"
        return self.posts

    async def post(
        self, body_id: int, conversation_id: str, key: str, posts: list[Post], replaces: str | None = None
    ) -> int:
        """Stores posts in the outbox as one message row, sent by the relay once this transaction
        commits (the parts of a long agenda in order, one after the other). `key` names it for
        good, so a retried turn stores it once. `replaces` is the key of an earlier post whose
        message this one replaces in place. Returns 1 if it was new, else 0."""
        now = self.now()
        first, *rest = posts
        added = await self.uow.deliveries.add_new(
            [
                Delivery(
                    key=key,
                    body_id=body_id,
                    conversation_id=conversation_id,
                    text=first.text,
                    card=first.card,
                    extra_cards=[post.card for post in rest if post.card is not None] or None,
                    created_at=now,
                    next_attempt_at=now,
                    replaces_key=replaces,
                )
            ]
        )
        self.posted += added
        return added
