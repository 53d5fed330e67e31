"""What the calendar relay asks Graph for, whom it invites, and how it reads Graph's failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from kiota_abstractions.api_error import APIError

from bot.settings import Settings
from governance.rules.model import Meeting, MeetingStatus, Person, Role
from governance.rules.outlook_events import CalendarStep, CalendarSync, attendees_of, next_step
from scheduler.calendar_gateway import EventGone
from scheduler.graph_calendar import graph_failure
from scheduler.sender import Refused, RetryLater

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ORGANISER = "dave@example.no"


def meeting(status: MeetingStatus = MeetingStatus.PLANLAGT, days: int = 30) -> Meeting:
    return Meeting(body_id=1, starts_at=NOW + timedelta(days=days), status=status, id=7)


def sync(event_id: str | None = None, organiser: str | None = None) -> CalendarSync:
    return CalendarSync(
        meeting_id=7, body_id=1, transaction_id="t-1", next_attempt_at=NOW, updated_at=NOW,
        event_id=event_id, organiser=organiser,
    )  # fmt: skip


def uncertain() -> CalendarSync:
    row = sync(organiser=ORGANISER)
    row.create_uncertain = True
    return row


@pytest.mark.parametrize(
    ("row", "the_meeting", "organiser", "step"),
    [
        (sync(), meeting(), ORGANISER, CalendarStep.CREATE),
        (sync("e1", ORGANISER), meeting(), ORGANISER, CalendarStep.UPDATE),
        (sync("e1", ORGANISER), meeting(MeetingStatus.AVLYST), ORGANISER, CalendarStep.CANCEL),
        (sync(), meeting(MeetingStatus.AVLYST), ORGANISER, CalendarStep.NOTHING),  # never sent
        (uncertain(), meeting(MeetingStatus.AVLYST), ORGANISER, CalendarStep.CREATE),  # find it, then cancel
        (sync("e1", ORGANISER), meeting(MeetingStatus.AVHOLDT, days=-1), ORGANISER, CalendarStep.NOTHING),
        (sync("e1", ORGANISER), meeting(days=-1), ORGANISER, CalendarStep.NOTHING),  # begun: left as it was
        (sync("e1", ORGANISER), meeting(), "lise@example.no", CalendarStep.CANCEL),  # another organiser
        (sync("e1", ORGANISER), meeting(), None, CalendarStep.CANCEL),  # organiser removed
        (sync(), meeting(), None, CalendarStep.NOTHING),
    ],
)
def test_the_next_step_follows_the_meeting(
    row: CalendarSync, the_meeting: Meeting, organiser: str | None, step: CalendarStep
) -> None:
    assert next_step(row, the_meeting, organiser, NOW) is step


def test_members_with_a_seat_are_invited_once_and_observers_optionally() -> None:
    tien = Person("Tien Medlem", "tien@example.no")
    members = [
        (Role.LEDER, Person("Lise Leder", "Lise@Example.no")),
        (Role.MEDLEM, tien),
        (Role.NESTLEDER, tien),  # two roles, one invitation
        (Role.VARA, Person("Vera Vara", "vera@example.no")),  # called in when needed
        (Role.OBSERVATOR, Person("Olav Observatør", "olav@example.no")),
        (Role.SEKRETAER, Person("Dave Sekretariat", "DAVE@example.no")),  # the organiser sends it
    ]
    invited = attendees_of(members, ORGANISER)
    assert [(a.email, a.required) for a in invited] == [
        ("Lise@Example.no", True),
        ("olav@example.no", False),
        ("tien@example.no", True),
    ]


def api_error(status: int, headers: dict[str, str] | None = None) -> APIError:
    return APIError("fake", response_status_code=status, response_headers=headers or {})


def test_graph_failures_are_sorted_by_what_the_relay_should_do() -> None:
    throttled = graph_failure(api_error(429, {"retry-after": "120"}))
    assert isinstance(throttled, RetryLater) and throttled.retry_after == 120.0 and throttled.code == "graph_429"
    assert isinstance(graph_failure(api_error(503)), RetryLater)
    assert isinstance(graph_failure(api_error(500)), RetryLater)  # the transaction id makes a retry safe
    assert isinstance(graph_failure(api_error(404)), EventGone)
    forbidden = graph_failure(api_error(403))
    assert isinstance(forbidden, Refused) and not isinstance(forbidden, EventGone)
    timeout = graph_failure(httpx.ReadTimeout("slow"))
    assert isinstance(timeout, RetryLater) and timeout.code == "timeout"
    assert graph_failure(httpx.ConnectError("down")).code == "no_connection"


def test_calendar_integration_is_off_without_tenant_client_and_secret() -> None:
    assert Settings(_env_file=None).graph is None  # type: ignore[call-arg]
    partial = Settings(_env_file=None, GRAPH_TENANT_ID="t", GRAPH_CLIENT_ID="c")  # type: ignore[call-arg]
    assert partial.graph is None
    full = Settings(_env_file=None, GRAPH_TENANT_ID="t", GRAPH_CLIENT_ID="c", GRAPH_CLIENT_SECRET="hemmelig-42")  # type: ignore[call-arg]
    assert full.graph is not None
    assert full.graph.scope == "https://graph.microsoft.com/.default"
    assert "hemmelig-42" not in repr(full) and "hemmelig-42" not in repr(full.graph)  # never in logs
