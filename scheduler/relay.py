"""The outbox relay: turns reminders that have fallen due into messages, and sends the messages
once each, with retries, pacing and an honest account of what may not have arrived.

Every step is a short transaction, and the database holds all state, so a relay may die at any
point and another (or the same one restarted) carries on:

1. Due reminders are claimed and resolved into messages (deliveries) in one transaction.
2. Due deliveries are claimed under a lease (CLAIMED). A relay that dies now loses nothing: when
   the lease runs out, the delivery is claimed again.
3. Just before sending, the deliveries are marked SENDING. A relay that dies now leaves them
   SENDING; nobody can know whether they arrived, so they become UNCERTAIN, are not sent again,
   and the secretariat is told.
4. The connector's answer is recorded: SENT with its activity id, or a retry after a backoff (the
   connector's Retry-After when it gives one), or, after the last attempt, FAILED and reported.

On PostgreSQL the claims skip rows another relay holds (FOR UPDATE SKIP LOCKED), so several
processes share the work and none sends a row twice. At most one message per conversation is
sent per round, and a conversation's next one waits `pace` after the answer to the last one
(Teams allows about one a second), and a tenant gets at most `tenant_rate` a second. Both are
kept in rows every relay locks while it claims (governance/rules/send_rates.py), so they hold
across processes. The run waits for a held-back message rather than leaving it to the next run,
while other conversations' messages go in the same rounds.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from cards.reminders import notice_text, reminder_cards, reminder_text
from governance.access import Actor
from governance.context import Context
from governance.ports import Conflict, UnitOfWork
from governance.reminders.reminder_dispatch import ReminderMessage, resolve
from governance.reminders.reminder_planning import plan_time_reminders
from governance.rules.clock import Clock
from governance.rules.reminders import Delivery, DeliveryStatus, Reminder, ReminderStatus
from governance.rules.send_rates import WINDOW, admit, conversation_key, tenant_key
from scheduler.calendar_relay import CalendarRelay
from scheduler.sender import Refused, RetryLater, Sender, SendFailed, Uncertain, backoff_seconds

log = logging.getLogger(__name__)

NOTICE_SUFFIX = ":notice"
# A card update waits this long (at least) for the post it replaces to go out.
_WAIT_FOR_ORIGINAL = timedelta(seconds=1)
_NOT_YET_SENT = frozenset({DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING})


@dataclass(frozen=True)
class RelaySettings:
    batch: int = 50  # deliveries claimed at a time
    lease: timedelta = timedelta(minutes=2)
    pace: timedelta = timedelta(seconds=1)  # between two messages to one conversation
    tenant_rate: int = 30  # messages a second to one tenant, from all relays together; 0: no limit
    max_attempts: int = 6
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 600.0
    send_timeout_s: float = 30.0


@dataclass
class RelayState:
    """What the health endpoint and `hfbot reminders` report about this relay."""

    last_run_at: datetime | None = None
    last_error: str | None = None
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0
    skipped_reminders: int = 0
    expanded_reminders: int = 0


@dataclass
class Relay:
    unit_of_work: Callable[[], UnitOfWork]
    clock: Clock
    sender: Sender
    owner: str  # names this relay in the leases it takes ("host:pid")
    settings: RelaySettings = field(default_factory=RelaySettings)
    state: RelayState = field(default_factory=RelayState)
    jitter: Callable[[], float] = random.random
    # How the relay waits between paced messages; tests pass one that advances their fixed clock.
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    # Tests make a relay process die at a named step ("claimed", "sent") to show nothing is lost.
    failpoint: Callable[[str], None] = lambda step: None
    # The bot's public address, for the .ics button on the agendas it posts; None: no button.
    calendar_base: str | None = None
    # Outlook invitations, when Graph is configured: they go beside the messages, so a slow Graph
    # never holds up a reminder.
    calendar: CalendarRelay | None = None

    async def run_once(self) -> int:
        """One pass of the messages and of the calendar, when there is one (`hfbot relay --once`).
        Returns how many messages were sent. The running relay (scheduler/clock.py) runs the
        two as separate jobs, so a slow Graph never holds up the messages."""
        if self.calendar is None:
            return await self.run_messages()
        sent, _ = await asyncio.gather(self.run_messages(), self.calendar.run_once())
        return sent

    async def close(self) -> None:
        if self.calendar is not None:
            await self.calendar.gateway.close()

    async def run_messages(self) -> int:
        """Expands due reminders, settles abandoned sends, then sends until nothing is due, waiting
        out the pace for messages held back behind another to the same conversation."""
        sent = 0
        before = replace(self.state)
        try:
            await self.plan_time_reminders()
            await self.expand_due()
            await self.settle_abandoned()
            while True:
                batch_sent, claimed = await self.send_due()
                sent += batch_sent
                if claimed == 0 and not await self._wait_for_paced():
                    break
            self.state.last_error = None
        except Exception as error:  # the scheduler runs the relay again; say what stopped it
            self.state.last_error = type(error).__name__
            log.exception("relay.failed")
        finally:
            self.state.last_run_at = self.clock.now()
            self._log_summary(before)
        return sent

    async def deliver_now(self) -> int:
        """Sends what is due now, without planning or expanding reminders: the pass a turn wakes
        after it committed posts, so they go out at once rather than at the relay's next run."""
        sent = 0
        try:
            while True:
                batch_sent, claimed = await self.send_due()
                sent += batch_sent
                if claimed == 0 and not await self._wait_for_paced():
                    return sent
        except Exception as error:  # the periodic run (or the next wake) carries on
            self.state.last_error = type(error).__name__
            log.exception("relay.deliver_now_failed")
            return sent

    async def _wait_for_paced(self) -> bool:
        """Sleeps until the next message falls due if that is within `pace` (one held back for
        pacing, or a retry as soon), so it goes in this run and not a relay interval later.
        False when nothing is due that soon."""
        # A message held back by the tenant's rate is due again within a second.
        horizon = max(self.settings.pace, WINDOW if self.settings.tenant_rate else timedelta(0))
        if not horizon:
            return False
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            upcoming = await uow.deliveries.next_pending_at(now + horizon)
        if upcoming is None:
            return False
        await self.sleep(max(0.0, (upcoming - now).total_seconds()))
        # A clock that stands still (the tests' shared file clock) would never bring it due.
        return self.clock.now() > now

    def _log_summary(self, before: RelayState) -> None:
        """One line for a run that did something; a run with nothing to do logs nothing."""
        state = self.state
        done = {
            "sent": state.sent - before.sent,
            "retried": state.retried - before.retried,
            "failed": state.failed - before.failed,
            "uncertain": state.uncertain - before.uncertain,
            "expanded": state.expanded_reminders - before.expanded_reminders,
            "skipped": state.skipped_reminders - before.skipped_reminders,
        }
        if any(done.values()):
            log.info("relay.run %s", " ".join(f"{name}={count}" for name, count in done.items()))

    # --- reminders into messages ----------------------------------------------------------------

    async def plan_time_reminders(self) -> None:
        try:
            async with self.unit_of_work() as uow:
                await plan_time_reminders(uow, self.clock.now())
                await uow.commit()
        except Conflict:
            log.info("reminders.planned_elsewhere")  # another relay stored the same keys first

    async def expand_due(self, limit: int = 100) -> int:
        expanded = 0
        while True:
            async with self.unit_of_work() as uow:
                now = self.clock.now()
                due = await uow.reminders.claim_due(now, limit)
                ctx = Context(uow, self.clock, Actor(None), None)
                for reminder in due:
                    messages = await resolve(ctx, reminder)
                    outgoing: list[Delivery] = []
                    for index, message in enumerate(messages, start=1):
                        # Keys stay as they are for one message; a digest's several get a number.
                        prefix = f"{index}:" if len(messages) > 1 else ""
                        outgoing += await _deliveries(uow, reminder, message, now, prefix, self.calendar_base)
                    added = await uow.deliveries.add_new(outgoing)
                    reminder.status = ReminderStatus.EXPANDED if added else ReminderStatus.SKIPPED
                    reminder.settled_at = now
                    if added:
                        self.state.expanded_reminders += 1
                    else:
                        self.state.skipped_reminders += 1
                    log.info("reminder.%s key=%s messages=%d", reminder.status.value, reminder.key, added)
                await uow.commit()
            expanded += len(due)
            if len(due) < limit:
                return expanded

    # --- abandoned sends --------------------------------------------------------------------------

    async def settle_abandoned(self) -> int:
        """Deliveries left SENDING by a relay that died: uncertain, reported, never resent."""
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            abandoned = await uow.deliveries.abandoned_while_sending(now, 1000)
            for delivery in abandoned:
                delivery.status = DeliveryStatus.UNCERTAIN
                delivery.last_error = "abandoned_while_sending"
                self.state.uncertain += 1
                await _report(uow, delivery, now, uncertain=True)
                log.warning("delivery.uncertain key=%s reason=abandoned", delivery.key)
            await uow.commit()
        return len(abandoned)

    # --- messages out -----------------------------------------------------------------------------

    async def send_due(self) -> tuple[int, int]:
        """Claims one batch and sends it; returns (sent, claimed)."""
        settings = self.settings
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            claimed = await uow.deliveries.claim(self.owner, now, now + settings.lease, settings.batch)
            ready, replacing = await self._replaced_activities(uow, claimed, now)
            chosen = await self._admitted(uow, ready, now)
            conversations = {delivery.conversation_id for delivery in chosen.values()}
            references = {cid: await uow.conversations.reference(cid) for cid in conversations}
            ids = [delivery.id for delivery in chosen.values() if delivery.id is not None]
            await uow.commit()
        if not chosen:
            return 0, len(claimed)
        self.failpoint("claimed")
        async with self.unit_of_work() as uow:
            await uow.deliveries.mark_sending(ids, self.owner)
            await uow.commit()
        outcomes = await asyncio.gather(
            *(
                self._send_one(references.get(delivery.conversation_id), delivery, replacing.get(delivery.key))
                for delivery in chosen.values()
            )
        )
        self.failpoint("sent")
        sent = 0
        async with self.unit_of_work() as uow:
            now = self.clock.now()
            if settings.pace:
                # The next message to each conversation goes a pace after this answer, not after
                # the claim, so a slow send cannot bring two messages closer than the pace.
                limits = await uow.send_limits.lock([conversation_key(cid) for cid in conversations])
                for limit in limits.values():
                    limit.not_before = now + settings.pace
            stored = {delivery.id: delivery for delivery in await uow.deliveries.get_many(ids)}
            for delivery_id, outcome in zip(ids, outcomes, strict=True):
                delivery = stored[delivery_id]
                if delivery.status is not DeliveryStatus.SENDING or delivery.lease_owner != self.owner:
                    continue  # settled elsewhere meanwhile (its lease ran out): leave it as it is
                sent += await self._record(uow, delivery, outcome, now)
            await uow.commit()
        return sent, len(claimed)

    async def _replaced_activities(
        self, uow: UnitOfWork, claimed: list[Delivery], now: datetime
    ) -> tuple[list[Delivery], dict[str, str]]:
        """The claimed deliveries ready to go, and for the card updates among them the activity id
        of the message each replaces. An update whose post has not gone out yet waits for it (put
        back, no attempt spent); one whose post never arrived (failed, cancelled) is posted as a
        new message, so the channel shows the final state."""
        ready: list[Delivery] = []
        replacing: dict[str, str] = {}
        for delivery in claimed:
            original = await uow.deliveries.by_key(delivery.replaces_key) if delivery.replaces_key else None
            if original is not None and original.status is DeliveryStatus.SENT and original.activity_id:
                replacing[delivery.key] = original.activity_id
            elif original is not None and original.status in _NOT_YET_SENT:
                delivery.status, delivery.lease_owner, delivery.lease_until = DeliveryStatus.PENDING, None, None
                delivery.next_attempt_at = now + max(self.settings.pace, _WAIT_FOR_ORIGINAL)
                continue
            ready.append(delivery)
        return ready, replacing

    async def _admitted(self, uow: UnitOfWork, claimed: list[Delivery], now: datetime) -> dict[str, Delivery]:
        """The claimed deliveries that may go now: one per conversation in a round, and only those
        the shared limits admit; the others go back to PENDING, due when they may go."""
        settings = self.settings
        chosen: dict[str, Delivery] = {}
        held: list[tuple[Delivery, datetime]] = []
        for delivery in claimed:
            if not settings.pace:
                chosen[f"{delivery.conversation_id}#{delivery.id}"] = delivery  # pacing off: all go
            elif delivery.conversation_id in chosen:
                held.append((delivery, now + settings.pace))
            else:
                chosen[delivery.conversation_id] = delivery
        if chosen and (settings.pace or settings.tenant_rate):
            conversation_ids = sorted({delivery.conversation_id for delivery in chosen.values()})
            tenants = await uow.send_limits.tenants_of(conversation_ids)
            keys = [tenant_key(tenants.get(cid)) for cid in conversation_ids] if settings.tenant_rate else []
            if settings.pace:
                keys += [conversation_key(cid) for cid in conversation_ids]
            limits = await uow.send_limits.lock(keys)
            for key, delivery in list(chosen.items()):
                cid = delivery.conversation_id
                retry_at = admit(
                    limits.get(conversation_key(cid)) if settings.pace else None,
                    limits.get(tenant_key(tenants.get(cid))) if settings.tenant_rate else None,
                    now,
                    pace=settings.pace,
                    busy_until=now + settings.lease,
                    tenant_rate=settings.tenant_rate,
                )
                if retry_at is not None:
                    del chosen[key]
                    held.append((delivery, retry_at))
        for delivery, retry_at in held:
            delivery.status, delivery.lease_owner, delivery.lease_until = DeliveryStatus.PENDING, None, None
            delivery.next_attempt_at = max(delivery.next_attempt_at, retry_at)
        return chosen

    async def _send_one(
        self, reference: dict[str, object] | None, delivery: Delivery, replaces: str | None = None
    ) -> str | SendFailed:
        if reference is None:
            return Refused("no_conversation_reference")
        sending = (
            self.sender.replace(reference, replaces, delivery) if replaces else self.sender.send(reference, delivery)
        )
        try:
            return await asyncio.wait_for(sending, self.settings.send_timeout_s)
        except TimeoutError:
            return Uncertain("timeout")
        except SendFailed as failure:
            return failure

    async def _record(self, uow: UnitOfWork, delivery: Delivery, outcome: str | SendFailed, now: datetime) -> int:
        delivery.attempts += 1
        delivery.lease_owner, delivery.lease_until = None, None
        if isinstance(outcome, str):
            delivery.status, delivery.activity_id, delivery.sent_at = DeliveryStatus.SENT, outcome, now
            delivery.last_error = None
            self.state.sent += 1
            log.debug("delivery.sent key=%s attempts=%d", delivery.key, delivery.attempts)  # counted in relay.run
            return 1
        delivery.last_error = outcome.code
        if isinstance(outcome, RetryLater) and delivery.attempts < self.settings.max_attempts:
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now + timedelta(seconds=self._backoff(delivery.attempts, outcome.retry_after))
            self.state.retried += 1
            log.debug("delivery.retry key=%s code=%s attempts=%d", delivery.key, outcome.code, delivery.attempts)
            return 0
        uncertain = isinstance(outcome, Uncertain)
        delivery.status = DeliveryStatus.UNCERTAIN if uncertain else DeliveryStatus.FAILED
        if uncertain:
            self.state.uncertain += 1
        else:
            self.state.failed += 1
        log.warning("delivery.%s key=%s code=%s", delivery.status.value, delivery.key, outcome.code)
        await _report(uow, delivery, now, uncertain=uncertain)
        return 0

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        settings = self.settings
        return backoff_seconds(attempts, retry_after, settings.backoff_base_s, settings.backoff_cap_s, self.jitter())


async def _deliveries(
    uow: UnitOfWork,
    reminder: Reminder,
    message: ReminderMessage,
    now: datetime,
    prefix: str = "",
    calendar_base: str | None = None,
) -> list[Delivery]:
    """The messages a resolved reminder sends: to each recipient's personal chat with the bot, and
    one post in the body's channel naming the recipients the bot cannot write to directly (or,
    for the agenda itself, the agenda in the channel)."""
    assert reminder.id is not None
    text = reminder_text(message)
    cards = reminder_cards(message, calendar_base)

    def delivery(key: str, conversation_id: str, card: dict[str, object] | None, **extra: object) -> Delivery:
        return Delivery(
            key=f"{reminder.key}:{prefix}{key}",
            body_id=reminder.body_id,
            conversation_id=conversation_id,
            text=text,
            card=card,
            created_at=now,
            next_attempt_at=now,
            reminder_id=reminder.id,
            **extra,  # type: ignore[arg-type]
        )

    if message.publish:
        if message.channel_id is None:
            return []
        if not cards:
            return [delivery("channel", message.channel_id, None)]
        return [delivery(f"channel:{part}", message.channel_id, card.card) for part, card in enumerate(cards, 1)]
    first_card = cards[0].card if cards else None
    personal = await uow.conversations.personal_for([r.aad_object_id for r in message.recipients if r.aad_object_id])
    out: list[Delivery] = []
    in_channel = []
    for recipient in message.recipients:
        conversation = personal.get(recipient.aad_object_id or "")
        if conversation is not None:
            out.append(delivery(f"person:{recipient.person_id}", conversation, first_card))
        else:
            in_channel.append(recipient)
    if in_channel and message.channel_id is not None:
        mentions = [{"id": r.mention_id or "", "name": r.name} for r in in_channel]
        out.append(delivery("channel", message.channel_id, first_card, mentions=mentions))
    elif in_channel:
        log.warning("reminder.unreachable key=%s recipients=%d", reminder.key, len(in_channel))
    return out


async def _report(uow: UnitOfWork, delivery: Delivery, now: datetime, *, uncertain: bool) -> None:
    """Tells the body's channel that a reminder did not, or may not, arrive (once per message)."""
    if delivery.key.endswith(NOTICE_SUFFIX):
        return
    body = await uow.bodies.get(delivery.body_id)
    if body is None or body.linked_conversation_id is None:
        return
    if delivery.mentions:
        names = ", ".join(mention["name"] for mention in delivery.mentions)
    elif delivery.conversation_id == body.linked_conversation_id:
        names = "kanalen"
    else:
        names = "et medlem (personlig melding)"
    await uow.deliveries.add_new(
        [
            Delivery(
                key=delivery.key + NOTICE_SUFFIX,
                body_id=delivery.body_id,
                conversation_id=body.linked_conversation_id,
                text=notice_text(body.key, names, uncertain, "En påminnelse" if delivery.reminder_id else "En melding"),
                created_at=now,
                next_attempt_at=now,
            )
        ]
    )
