"""Sends a turn's own reply within the turn's time budget.

Teams gives up on a turn after 10-15 s (DESIGN.md section 5), so the reply is retried on the
answers that mean "not taken, try again" (429, 412, 502, 503, 504) only while the budget lasts,
honouring Retry-After when it fits, and each request waits a few seconds, not the connector
client's 100. A reply the connector may have taken (a timeout, or 500 after accepting it) is
logged as uncertain and neither resent nor followed by an error message: the user may be reading
it. A message the connector refuses as too large (413) is split and resent; a single card that is
too large alone is replaced by a sentence saying so.

The turn's transaction is committed before the reply is sent (bot/pipeline.py), so no database
connection waits on the network here.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.schema import Activity

from bot.outgoing import split_further
from bot.proactive import TOO_LARGE, classify
from cards.texts import language, say
from scheduler.sender import RetryLater, Uncertain

log = logging.getLogger(__name__)

# The whole reply, all its messages and retries: what is left of Teams' 10-15 s once the turn's
# own work is done, with a margin (DESIGN.md section 5).
REPLY_BUDGET_SECONDS = 6.0
# One request to the connector; a sound connector answers in well under a second.
REPLY_TIMEOUT_SECONDS = 3.0
# The first wait before a retry without Retry-After; doubled for each further retry, with jitter.
FIRST_BACKOFF_SECONDS = 0.25


class ReplySender:
    def __init__(
        self,
        budget_seconds: float = REPLY_BUDGET_SECONDS,
        timeout_seconds: float = REPLY_TIMEOUT_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._budget = budget_seconds
        self._timeout = timeout_seconds
        self._monotonic = monotonic

    async def send(self, turn_context: TurnContext, activities: Sequence[Activity]) -> None:
        """Sends the messages in order. The connector's failures are logged by code, not raised:
        there is no better way left to tell the user. Only the bot's own refused credentials
        (PermissionError) are raised, as before."""
        deadline = self._monotonic() + self._budget
        pending = list(activities)
        retries = 0
        told_too_large = False
        while pending:
            remaining = deadline - self._monotonic()
            if remaining <= 0:
                log.warning("reply.not_delivered code=budget messages=%d", len(pending))
                return
            activity = pending[0]
            try:
                await asyncio.wait_for(turn_context.send_activity(activity), timeout=min(self._timeout, remaining))
            except PermissionError:
                # The bot's own credentials were refused: nothing was sent, waiting will not mend
                # it, and the route reports it to the operator as this side's fault (bot/messages.py).
                raise
            except Exception as error:  # the connector's failures come in many types
                failure = classify(error)  # a timeout: Uncertain, it may have been taken
                if isinstance(failure, RetryLater):
                    wait = _backoff(retries, failure.retry_after)
                    # The retry needs time of its own after the wait; without it, give up now.
                    if wait + min(self._timeout, 1.0) > deadline - self._monotonic():
                        log.warning("reply.not_delivered code=%s retries=%d", failure.code, retries)
                        return
                    retries += 1
                    log.info("reply.retry code=%s wait=%.1f", failure.code, wait)
                    await asyncio.sleep(wait)
                    continue
                if failure.code == TOO_LARGE:
                    halves = split_further(activity)
                    if halves is not None:
                        pending[:1] = halves
                        log.info("reply.split code=%s", failure.code)
                        continue
                    # One card too large even alone: said once, however many such cards.
                    pending[:1] = [] if told_too_large else [_too_large(turn_context)]
                    told_too_large = True
                    log.warning("reply.too_large code=%s", failure.code)
                    continue
                if isinstance(failure, Uncertain):
                    # It may be in the chat already: not sent again, and no error message after it.
                    log.warning("reply.uncertain code=%s", failure.code)
                else:
                    log.warning("reply.refused code=%s", failure.code)
                    return
            pending.pop(0)
            retries = 0


def _backoff(retries: int, retry_after: float | None) -> float:
    """Exponential with jitter; never sooner than the connector's Retry-After."""
    delay = FIRST_BACKOFF_SECONDS * 2**retries * (0.5 + random.random() / 2)
    return max(delay, retry_after) if retry_after is not None else delay


def _too_large(turn_context: TurnContext) -> Activity:
    """What the user reads instead of a card that Teams refuses even alone."""
    return MessageFactory.text(say(language(turn_context.activity.locale), "reply_too_large"))
