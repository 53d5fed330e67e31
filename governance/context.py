"""What every use case receives: the open unit of work, the clock, who is asking from where, and
how to draw what it posts. A change and the posts it brings are stored in one transaction; the
relay sends the posts after the commit, so no post exists for a change that was rolled back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.access import Actor
from governance.ports import ChannelPosts, Post, UnitOfWork
from governance.rules.clock import Clock
from governance.rules.model import AuditEvent, Person
from governance.rules.reminders import Delivery


@dataclass
class Context:
    uow: UnitOfWork
    clock: Clock
    actor: Actor
    conversation_id: str | None = None
    posts: ChannelPosts | None = None  # None where nothing is posted (the relay, downloads)
    posted: int = 0  # posts stored in this transaction: the relay is woken after the commit

    def now(self) -> datetime:
        return self.clock.now()

    async def audit(self, action: str, person: Person | None, subject: str, **details: object) -> None:
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
