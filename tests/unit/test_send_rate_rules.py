"""The send limits as rules: a tenant's one-second window and a conversation's pace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from governance.rules.send_rates import SendLimit, admit, sent

T0 = datetime(2027, 1, 5, 7, 0, 0, 200_000, tzinfo=UTC)
PACE = timedelta(seconds=1)
LEASE = timedelta(minutes=2)


def take(conversation: SendLimit | None, tenant: SendLimit, at: datetime, rate: int = 3) -> datetime | None:
    return admit(conversation, tenant, at, pace=PACE, busy_until=at + LEASE, tenant_rate=rate)


def test_a_tenant_gets_its_rate_in_a_second_and_the_rest_wait_for_the_next_second() -> None:
    tenant = SendLimit("tenant:a")
    answers = [take(SendLimit(f"conversation:{n}"), tenant, T0 + timedelta(milliseconds=n)) for n in range(5)]

    next_second = datetime(2027, 1, 5, 7, 0, 1, tzinfo=UTC)
    assert answers == [None, None, None, next_second, next_second]
    # In the next second the window starts afresh.
    assert take(SendLimit("conversation:9"), tenant, next_second) is None
    assert tenant.window_start == next_second and tenant.window_count == 1


def test_a_message_refused_by_the_tenant_does_not_take_the_conversations_slot() -> None:
    tenant = SendLimit("tenant:a", window_start=T0.replace(microsecond=0), window_count=3)
    conversation = SendLimit("conversation:1")

    assert take(conversation, tenant, T0) is not None
    assert conversation.not_before is None


def test_a_conversation_is_held_while_its_message_is_on_its_way_and_a_pace_after_the_answer() -> None:
    tenant = SendLimit("tenant:a")
    conversation = SendLimit("conversation:1")
    assert take(conversation, tenant, T0) is None

    # Another relay asks while the first message is still being sent: it looks again a pace on.
    assert take(conversation, tenant, T0 + timedelta(milliseconds=300)) == T0 + timedelta(milliseconds=1300)

    answered = T0 + timedelta(seconds=2)  # a slow connector
    sent(conversation, answered, PACE)
    assert take(conversation, tenant, answered + timedelta(milliseconds=999)) == answered + PACE
    assert take(conversation, tenant, answered + PACE) is None


def test_a_tenant_rate_of_zero_is_no_limit() -> None:
    tenant = SendLimit("tenant:a")
    assert all(take(None, tenant, T0, rate=0) is None for _ in range(100))
