"""How fast messages may leave (DESIGN.md section 5): one per `pace` to a conversation, and at
most `tenant_rate` a second to one tenant, whichever relay process sends them. The rows these rules
change are shared by all relays and locked while a claim decides, so two relays cannot both
take the same conversation's next slot or the tenant's last one in a second."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(seconds=1)  # Teams counts a tenant's requests per second


@dataclass(eq=False)
class SendLimit:
    """One conversation's or one tenant's state: when its next message may go (a conversation),
    and how many went in the current one-second window (a tenant)."""

    key: str
    not_before: datetime | None = None
    window_start: datetime | None = None
    window_count: int = 0


def conversation_key(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


def tenant_key(tenant_id: str | None) -> str:
    # Conversations stored without a tenant share one budget rather than having none.
    return f"tenant:{tenant_id or ''}"


def window_of(now: datetime) -> datetime:
    return now.replace(microsecond=0)


def admit(
    conversation: SendLimit | None,
    tenant: SendLimit | None,
    now: datetime,
    *,
    pace: timedelta,
    busy_until: datetime,
    tenant_rate: int,
) -> datetime | None:
    """Takes a slot for one message now and returns None, or returns when to ask again.

    While a message is on its way the conversation is held until `busy_until` (the sender's
    lease); when its answer is recorded, `sent` gives the conversation its next slot a pace after
    the answer, so the next message cannot reach Teams less than a pace after this one."""
    if conversation is not None and conversation.not_before is not None and conversation.not_before > now:
        # In flight elsewhere (held until the lease ends): look again a pace on, not a lease on.
        return min(conversation.not_before, now + pace)
    if tenant is not None and tenant_rate > 0:
        window = window_of(now)
        if tenant.window_start != window:
            tenant.window_start, tenant.window_count = window, 0
        if tenant.window_count >= tenant_rate:
            return window + WINDOW
        tenant.window_count += 1
    if conversation is not None:
        conversation.not_before = busy_until
    return None


def sent(conversation: SendLimit, answered_at: datetime, pace: timedelta) -> None:
    """The send's answer came at `answered_at`: the conversation's next message goes a pace later."""
    conversation.not_before = answered_at + pace
