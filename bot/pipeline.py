"""The one boundary every inbound turn passes, text command or card action alike.

It claims the activity (so a redelivered activity has one effect), runs the turn's work in one
transaction, runs it again when a concurrent change won a race, audits a refused right, and
words every failure the same way. What a turn does and how its answer looks (a chat reply or a
card) stay with `bot/dispatch.py` and `bot/card_actions.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from cards.dates import readable
from cards.texts import Language, say
from governance.access import Actor, identify
from governance.context import Context
from governance.ports import ChannelPosts, Conflict, Unavailable, UnitOfWork, UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import unstorable_character
from governance.rules.privacy import contains_identity_number

log = logging.getLogger(__name__)

# Retries after a lost race, for text commands and card actions alike. The stronger of the two
# former policies: three approvers clicking at once need up to three reruns for every verdict to
# count, and a unique key taken first (a case number, the activity id of a redelivered turn) is a
# race as well: rerun, it finds the number taken or the activity claimed instead of failing.
CONFLICT_RETRIES = 3

# What answers "the database is briefly away": the store's own `Unavailable`, and the network
# errors a turn meets outside a unit of work.
UNAVAILABLE = (Unavailable, OSError, TimeoutError)

T = TypeVar("T")


@dataclass(frozen=True)
class Turn:
    """Who acts, in which conversation, on which activity, in which language."""

    activity_id: str | None
    aad_object_id: str | None
    conversation_id: str
    lang: Language


@dataclass(frozen=True)
class Refusal:
    """A turn the domain (or the boundary) refused, with what the audit log keeps of it."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    audit_action: str | None = None  # None: nothing to audit

    @classmethod
    def of(cls, error: DomainError) -> Refusal:
        # Only a missing right is audited: it is who tried what; other refusals are the user's typos.
        action = f"refused.{error.action}" if isinstance(error, NotAllowed) else None
        return cls(error.code, error.params, action)

    def text(self, lang: Language) -> str:
        return say(lang, self.code, **readable(dict(self.params), lang))


# The refusal of text holding an identity number: audited (without the number, DESIGN.md §6).
IDENTITY_NUMBER_REFUSED = Refusal("identity_number_refused", {}, "privacy.identity_number_refused")


def text_refusal(texts: Iterable[str]) -> Refusal | None:
    """Why the typed texts of a turn may not go further, or None when they may.

    One rule for chat messages and card inputs alike, checked before anything is stored, echoed
    or posted, and before a query carries the text: an identity number anywhere refuses the whole
    turn (checked first, so a text with both is refused as personal data), then a character no
    database stores.
    """
    texts = list(texts)
    if any(contains_identity_number(text) for text in texts):
        return IDENTITY_NUMBER_REFUSED
    for text in texts:
        character = unstorable_character(text)
        if character is not None:
            return Refusal("text_unstorable", {"character": character})
    return None


def unavailable_text(lang: Language) -> str:
    return say(lang, "unavailable")


@dataclass(frozen=True)
class Posting:
    """How turns post to channels: `posts` draws them for the outbox, and `after_commit` wakes the
    relay once a turn that stored posts has committed, so they go out at once, not at its next run."""

    posts: ChannelPosts
    after_commit: Callable[[], None] = lambda: None


class TurnPipeline:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock, posting: Posting | None = None) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._posting = posting

    async def run(self, turn: Turn, work: Callable[[Context], Awaitable[T]]) -> T | None:
        """The work's result, committed with the claim; None when this activity was handled before.

        Raises the work's `DomainError`, `DomainError("conflict")` after the last lost race, or
        `Unavailable`.
        """
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                return await self._once(turn, work)
            except Conflict:
                # The rollback undid ours; the next run sees the winner's state.
                if attempt == CONFLICT_RETRIES:
                    log.info("turn.conflict activity=%s", turn.activity_id)
                    raise DomainError("conflict") from None
                log.info("turn.retry_after_conflict activity=%s attempt=%d", turn.activity_id, attempt + 1)
        raise AssertionError("unreachable")  # the loop returns or raises

    async def read(self, turn: Turn, query: Callable[[Context], Awaitable[T]]) -> T:
        """A read outside any claim: what a redelivered or refused turn shows as it stands."""
        async with self._unit_of_work() as uow:
            return await query(self._context(uow, turn))

    async def refuse(
        self, turn: Turn, refusal: Refusal, subject: str, details: Mapping[str, object], *, claim: bool
    ) -> str | None:
        """The refusal in the user's words, audited when it is a missing right.

        With `claim` the activity is claimed in the same (fresh) transaction, so a redelivered
        refused message is answered once; None then means it was answered before.
        """
        if claim or refusal.audit_action is not None:
            async with self._unit_of_work() as uow:
                if claim and not await self._claim(uow, turn):
                    return None
                if refusal.audit_action is not None:
                    context = self._context(uow, turn)
                    person = await identify(uow, context.actor)
                    await context.audit(refusal.audit_action, person, subject, **details)
                await uow.commit()
        log.info("turn.refused activity=%s reason=%s", turn.activity_id, refusal.code)
        return refusal.text(turn.lang)

    async def _once(self, turn: Turn, work: Callable[[Context], Awaitable[T]]) -> T | None:
        context: Context | None = None
        try:
            async with self._unit_of_work() as uow:
                if not await self._claim(uow, turn):
                    return None
                context = self._context(uow, turn)
                result = await work(context)
                await uow.commit()
        except Exception:
            if context is not None and context.stepped_away:
                await self._release(turn)
            raise
        if context.posted and self._posting is not None:
            self._posting.after_commit()
        return result

    async def _release(self, turn: Turn) -> None:
        """Gives back the claim a failed turn committed before it stepped away from the database
        (nothing else was committed with it), so the refusal is answered and a rerun runs."""
        if turn.activity_id is None:
            return
        try:
            async with self._unit_of_work() as uow:
                await uow.activities.release(turn.activity_id)
                await uow.commit()
        except UNAVAILABLE as error:
            # The database went away during the turn: the user is told so, and a redelivery of
            # this activity is taken as handled (it changed nothing).
            log.warning("turn.claim_not_released activity=%s error=%s", turn.activity_id, type(error).__name__)

    async def _claim(self, uow: UnitOfWork, turn: Turn) -> bool:
        if turn.activity_id is None:
            return True
        claimed = await uow.activities.claim(turn.activity_id, self._clock.now())
        if not claimed:
            log.info("turn.duplicate activity=%s", turn.activity_id)
        return claimed

    def _context(self, uow: UnitOfWork, turn: Turn) -> Context:
        posts = self._posting.posts if self._posting is not None else None
        return Context(uow, self._clock, Actor(turn.aad_object_id), turn.conversation_id, posts)
