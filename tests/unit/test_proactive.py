"""How the relay's sends are judged, and how its messages name people."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import aiohttp
import pytest
from msrest.exceptions import ClientRequestError, HttpOperationError

from bot.proactive import classify, delivery_activity, retry_after_seconds
from governance.rules.reminders import Delivery
from scheduler.sender import Refused, RetryLater, Uncertain

NOW = datetime(2026, 12, 23, 7, 0, tzinfo=UTC)


def http_error(status: int, headers: dict[str, str] | None = None) -> HttpOperationError:
    error = HttpOperationError.__new__(HttpOperationError)
    error.response = SimpleNamespace(status=status, headers=headers or {})
    return error


@pytest.mark.parametrize("status", [429, 412, 502, 503, 504])
def test_throttling_and_gateway_errors_are_retried(status: int) -> None:
    failure = classify(http_error(status, {"Retry-After": "7"}))
    assert isinstance(failure, RetryLater) and failure.code == f"http_{status}" and failure.retry_after == 7.0


@pytest.mark.parametrize(("status", "kind"), [(500, Uncertain), (403, Refused), (404, Refused), (400, Refused)])
def test_other_answers_are_uncertain_or_refused(status: int, kind: type) -> None:
    assert isinstance(classify(http_error(status)), kind)


def test_a_connection_never_opened_is_retried_but_one_lost_midway_is_uncertain() -> None:
    never = ClientRequestError("no route")
    never.__cause__ = aiohttp.ClientConnectorError.__new__(aiohttp.ClientConnectorError)
    assert isinstance(classify(never), RetryLater)
    lost = ClientRequestError("reset")
    lost.__cause__ = aiohttp.ServerDisconnectedError()
    assert isinstance(classify(lost), Uncertain)
    assert isinstance(classify(TimeoutError()), Uncertain)
    console = ClientRequestError("console://local")
    console.__cause__ = aiohttp.NonHttpUrlClientError("console://local")
    assert isinstance(classify(console), Refused)  # nothing could be sent there, now or later


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    assert retry_after_seconds("120", NOW) == 120.0
    assert retry_after_seconds("Wed, 23 Dec 2026 07:00:30 GMT", NOW) == 30.0
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def test_people_named_in_the_channel_are_mentioned_where_their_teams_id_is_known() -> None:
    delivery = Delivery(
        key="k", body_id=1, conversation_id="19:c", text="Påminnelse: frist.", created_at=NOW, next_attempt_at=NOW,
        mentions=[{"id": "29:lise", "name": "Lise Leder"}, {"id": "", "name": "Tien Medlem"}],
    )  # fmt: skip

    activity = delivery_activity(delivery)

    assert activity.text == "<at>Lise Leder</at>, Tien Medlem: Påminnelse: frist."
    [mention] = activity.entities
    assert mention.mentioned.id == "29:lise" and mention.text == "<at>Lise Leder</at>"
