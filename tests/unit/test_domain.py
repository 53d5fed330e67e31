"""The rules of the governance domain on plain objects: levels, agendas, cases, meetings."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from governance.rules.errors import DomainError
from governance.rules.model import (
    ActionPlan,
    Body,
    BodyKind,
    Case,
    CaseStatus,
    CaseType,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingStatus,
    PlanStatus,
    StandardItem,
    level_for,
    planning_horizon,
    postpone,
    refer_away,
    withdraw,
)

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
STARTS = datetime(2027, 3, 9, 8, 0, tzinfo=UTC)
ENDS = datetime(2027, 3, 9, 11, 0, tzinfo=UTC)

_numbers = iter(range(1, 10_000))


def make_case(status: CaseStatus = CaseStatus.INNMELDT, number: int | None = None, year: int = 2026) -> Case:
    number = number if number is not None else next(_numbers)
    return Case(
        body_id=1,
        year=year,
        number=number,
        title=f"Sak nummer {number}",
        submitted_by_id=1,
        submitted_at=NOW,
        status=status,
    )


def make_meeting(level: int | None = 2, status: MeetingStatus = MeetingStatus.PLANLAGT) -> Meeting:
    meeting = Meeting(body_id=1, starts_at=STARTS, ends_at=ENDS, place="Drammen sykehus")
    if level is not None:
        meeting.open_agenda(level)
    meeting.status = status
    return meeting


def positions(meeting: Meeting) -> list[int]:
    return [item.position for item in meeting.items]


def standard_items(meeting: Meeting) -> list[StandardItem | None]:
    return [item.standard_item for item in meeting.items if item.case is None]


def raises_domain(code: str) -> AbstractContextManager[pytest.ExceptionInfo[DomainError]]:
    return pytest.raises(DomainError, match=f"^{code}$")


# --- levels and the standard items ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "parent_level", "level"),
    [
        (BodyKind.PARTNERSKAPSMOTE, None, 1),
        (BodyKind.STRATEGISK, 1, 2),
        (BodyKind.STRATEGISK, None, 2),
        (BodyKind.ARBEIDSUTVALG, 1, 1),
        (BodyKind.ARBEIDSUTVALG, 2, 2),
        (BodyKind.ARBEIDSUTVALG, 3, 3),
        (BodyKind.LOKALT, 2, 3),
        (BodyKind.FAGLIG, 2, 3),
        (BodyKind.FAGRAD, 2, 3),
        (BodyKind.ARBEIDSGRUPPE, 3, 3),
        (BodyKind.LOKALT, None, 3),
    ],
)
def test_level_for(kind: BodyKind, parent_level: int | None, level: int) -> None:
    assert level_for(kind, parent_level) == level


@pytest.mark.parametrize("level", [1, 2])
def test_level_1_and_2_meetings_open_with_the_two_standard_items(level: int) -> None:
    meeting = Meeting(body_id=1, starts_at=STARTS)
    meeting.open_agenda(level)
    assert [(item.position, item.standard_item, item.case) for item in meeting.items] == [
        (1, StandardItem.APPROVE_NOTICE, None),
        (2, StandardItem.APPROVE_MINUTES, None),
    ]


def test_level_3_meetings_have_no_standard_items() -> None:
    meeting = Meeting(body_id=1, starts_at=STARTS)
    meeting.open_agenda(3)
    assert meeting.items == []


@pytest.mark.parametrize(("parent_kind", "expected_items"), [(BodyKind.STRATEGISK, 2), (BodyKind.LOKALT, 0)])
def test_working_committee_agenda_follows_its_parents_level(parent_kind: BodyKind, expected_items: int) -> None:
    meeting = Meeting(body_id=1, starts_at=STARTS)
    meeting.open_agenda(level_for(BodyKind.ARBEIDSUTVALG, level_for(parent_kind, 1)))
    assert len(meeting.items) == expected_items


def test_opening_an_agenda_twice_does_not_duplicate_the_standard_items() -> None:
    meeting = make_meeting(level=2)
    case = make_case()
    meeting.add_case(case)
    meeting.open_agenda(2)
    assert standard_items(meeting) == [StandardItem.APPROVE_NOTICE, StandardItem.APPROVE_MINUTES]
    assert positions(meeting) == [1, 2, 3]


def test_with_the_plan_status_the_agenda_ends_with_it_and_cases_go_in_before_it() -> None:
    meeting = Meeting(body_id=1, starts_at=STARTS)
    meeting.open_agenda(2, plan_status=True)
    assert standard_items(meeting) == [
        StandardItem.APPROVE_NOTICE,
        StandardItem.APPROVE_MINUTES,
        StandardItem.PLAN_STATUS,
    ]
    first, second = make_case(), make_case()
    meeting.add_case(first)
    meeting.add_case(second)
    assert [item.case or item.standard_item for item in meeting.items] == [
        StandardItem.APPROVE_NOTICE,
        StandardItem.APPROVE_MINUTES,
        first,
        second,
        StandardItem.PLAN_STATUS,
    ]
    assert positions(meeting) == [1, 2, 3, 4, 5]
    meeting.remove_case(first, CaseStatus.UTSATT)
    assert [item.case or item.standard_item for item in meeting.items][2:] == [second, StandardItem.PLAN_STATUS]
    assert positions(meeting) == [1, 2, 3, 4]


def test_the_plan_status_reports_on_the_oslo_year_of_the_meeting_and_follows_a_move() -> None:
    meeting = Meeting(
        body_id=1, starts_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    )  # 00.30 on New Year's Day in Oslo
    meeting.open_agenda(2, plan_status=True)
    assert meeting.items[-1].plan_year == 2027
    meeting.move(datetime(2026, 12, 15, 8, 0, tzinfo=UTC), None, NOW)
    assert meeting.items[-1].plan_year == 2026


def test_reopening_an_agenda_with_the_plan_status_adds_nothing() -> None:
    meeting = Meeting(body_id=1, starts_at=STARTS)
    meeting.open_agenda(2, plan_status=True)
    meeting.add_case(make_case())
    meeting.open_agenda(2, plan_status=True)
    assert standard_items(meeting).count(StandardItem.PLAN_STATUS) == 1


@pytest.mark.parametrize(
    ("kind", "level", "reports"),
    [
        (BodyKind.STRATEGISK, 2, True),
        (BodyKind.ARBEIDSUTVALG, 2, False),  # the SSU's working committee prepares, it does not report
        (BodyKind.PARTNERSKAPSMOTE, 1, False),
        (BodyKind.LOKALT, 3, False),
    ],
)
def test_level_2_committees_report_on_the_action_plan(kind: BodyKind, level: int, reports: bool) -> None:
    assert Body(community_id=1, key="X", name="X", kind=kind, level=level).reports_on_plan is reports


# --- putting cases on the agenda --------------------------------------------------------------------


def test_add_case_puts_it_last_with_the_next_position_and_marks_it_scheduled() -> None:
    meeting = make_meeting(level=2)
    first, second = make_case(), make_case()
    meeting.add_case(first)
    meeting.add_case(second)
    assert positions(meeting) == [1, 2, 3, 4]
    assert meeting.items[2].case is first
    assert meeting.items[3].case is second
    assert meeting.cases == [first, second]
    assert first.status is CaseStatus.SATT_OPP
    assert second.status is CaseStatus.SATT_OPP


def test_on_a_level_3_agenda_the_first_case_is_item_1() -> None:
    meeting = make_meeting(level=3)
    case = make_case()
    meeting.add_case(case)
    assert positions(meeting) == [1]
    assert meeting.items[0].case is case


def test_a_postponed_case_can_be_put_on_an_agenda_again() -> None:
    meeting = make_meeting()
    case = make_case(CaseStatus.UTSATT)
    meeting.add_case(case)
    assert meeting.cases == [case]
    assert case.status is CaseStatus.SATT_OPP


def test_a_scheduled_case_cannot_be_added_again() -> None:
    meeting, other = make_meeting(), make_meeting()
    case = make_case(number=12, year=2026)
    meeting.add_case(case)
    for target in (meeting, other):
        with raises_domain("case_already_scheduled") as caught:
            target.add_case(case)
        assert caught.value.code == "case_already_scheduled"
        assert caught.value.params == {"case": "12/2026"}
    assert meeting.cases == [case]
    assert other.cases == []
    assert positions(meeting) == [1, 2, 3]


@pytest.mark.parametrize("status", [CaseStatus.BEHANDLET, CaseStatus.TRUKKET])
def test_a_closed_case_cannot_be_added(status: CaseStatus) -> None:
    meeting = make_meeting()
    case = make_case(status, number=4, year=2027)
    with raises_domain("case_not_in_queue") as caught:
        meeting.add_case(case)
    assert caught.value.code == "case_not_in_queue"
    assert caught.value.params == {"case": "4/2027", "status": status.value}
    assert meeting.cases == []
    assert case.status is status


@pytest.mark.parametrize("status", [MeetingStatus.AVLYST, MeetingStatus.AVHOLDT])
def test_cases_cannot_be_added_to_a_meeting_that_is_not_upcoming(status: MeetingStatus) -> None:
    meeting = make_meeting(status=status)
    case = make_case()
    with raises_domain("meeting_not_upcoming") as caught:
        meeting.add_case(case)
    assert caught.value.params == {"status": status.value}
    assert case.status is CaseStatus.INNMELDT
    assert meeting.cases == []


def test_cases_can_be_added_to_a_called_meeting() -> None:
    meeting = make_meeting(status=MeetingStatus.INNKALT)
    case = make_case()
    meeting.add_case(case)
    assert meeting.cases == [case]


def test_remove_case_renumbers_contiguously() -> None:
    meeting = make_meeting(level=2)
    cases = [make_case() for _ in range(4)]
    for case in cases:
        meeting.add_case(case)
    meeting.remove_case(cases[1], CaseStatus.UTSATT)
    assert positions(meeting) == [1, 2, 3, 4, 5]
    assert meeting.cases == [cases[0], cases[2], cases[3]]
    assert [item.position for item in meeting.items if item.case is cases[3]] == [5]
    assert cases[1].status is CaseStatus.UTSATT
    assert standard_items(meeting) == [StandardItem.APPROVE_NOTICE, StandardItem.APPROVE_MINUTES]

    meeting.remove_case(cases[0], CaseStatus.TRUKKET)
    assert positions(meeting) == [1, 2, 3, 4]
    assert meeting.cases == [cases[2], cases[3]]


def test_after_removal_a_new_case_goes_last_without_a_gap_or_duplicate() -> None:
    meeting = make_meeting(level=3)
    first, second, third = make_case(), make_case(), make_case()
    meeting.add_case(first)
    meeting.add_case(second)
    meeting.remove_case(first, CaseStatus.UTSATT)
    meeting.add_case(third)
    assert [(item.position, item.case) for item in meeting.items] == [(1, second), (2, third)]


# --- cancelling and moving meetings -----------------------------------------------------------------


def test_cancel_returns_the_cases_to_the_queue() -> None:
    meeting = make_meeting(level=2, status=MeetingStatus.INNKALT)
    cases = [make_case() for _ in range(3)]
    for case in cases:
        meeting.add_case(case)
    returned = meeting.cancel()
    assert returned == cases
    assert all(case.status is CaseStatus.INNMELDT for case in cases)
    assert all(case.in_queue for case in cases)
    assert meeting.status is MeetingStatus.AVLYST
    assert not meeting.is_upcoming
    assert meeting.cases == []
    assert [(item.position, item.standard_item) for item in meeting.items] == [
        (1, StandardItem.APPROVE_NOTICE),
        (2, StandardItem.APPROVE_MINUTES),
    ]


def test_cancelled_cases_can_be_scheduled_on_another_meeting() -> None:
    meeting, other = make_meeting(), make_meeting()
    case = make_case()
    meeting.add_case(case)
    meeting.cancel()
    other.add_case(case)
    assert other.cases == [case]


def test_cancel_a_meeting_without_cases() -> None:
    meeting = make_meeting(level=3)
    assert meeting.cancel() == []
    assert meeting.status is MeetingStatus.AVLYST
    assert meeting.items == []


@pytest.mark.parametrize("status", [MeetingStatus.AVLYST, MeetingStatus.AVHOLDT])
def test_a_meeting_that_is_not_upcoming_cannot_be_cancelled(status: MeetingStatus) -> None:
    meeting = make_meeting(status=status)
    with raises_domain("meeting_not_upcoming") as caught:
        meeting.cancel()
    assert caught.value.params == {"status": status.value}
    assert meeting.status is status


def test_cancelling_twice_is_refused() -> None:
    meeting = make_meeting()
    meeting.cancel()
    with raises_domain("meeting_not_upcoming") as caught:
        meeting.cancel()
    assert caught.value.params == {"status": "avlyst"}


def test_move_sets_the_new_times() -> None:
    meeting = make_meeting()
    new_start, new_end = STARTS + timedelta(days=7), ENDS + timedelta(days=7, hours=1)
    meeting.move(new_start, new_end, NOW)
    assert (meeting.starts_at, meeting.ends_at) == (new_start, new_end)
    meeting.move(new_start, None, NOW)
    assert (meeting.starts_at, meeting.ends_at) == (new_start, None)


@pytest.mark.parametrize("status", [MeetingStatus.AVLYST, MeetingStatus.AVHOLDT])
def test_a_meeting_that_is_not_upcoming_cannot_be_moved(status: MeetingStatus) -> None:
    meeting = make_meeting(status=status)
    with raises_domain("meeting_not_upcoming") as caught:
        meeting.move(STARTS + timedelta(days=7), None, NOW)
    assert caught.value.params == {"status": status.value}
    assert meeting.starts_at == STARTS


@pytest.mark.parametrize("starts_at", [NOW - timedelta(days=1), NOW - timedelta(minutes=1), NOW])
def test_a_meeting_cannot_be_moved_into_the_past(starts_at: datetime) -> None:
    meeting = make_meeting()
    with raises_domain("meeting_in_past"):
        meeting.move(starts_at, None, NOW)
    assert (meeting.starts_at, meeting.ends_at) == (STARTS, ENDS)


@pytest.mark.parametrize("ends_at", [STARTS - timedelta(hours=1), STARTS])
def test_a_meeting_cannot_end_before_it_starts(ends_at: datetime) -> None:
    meeting = make_meeting()
    new_start = STARTS + timedelta(days=1)
    with raises_domain("meeting_ends_before_start"):
        meeting.move(new_start, ends_at + timedelta(days=1), NOW)
    assert (meeting.starts_at, meeting.ends_at) == (STARTS, ENDS)


def test_a_move_to_the_times_the_meeting_already_has_is_refused_and_changes_nothing() -> None:
    meeting = make_meeting()
    with raises_domain("meeting_not_moved") as caught:
        meeting.move(STARTS, ENDS, NOW)
    assert caught.value.params == {"when": STARTS}
    assert (meeting.starts_at, meeting.ends_at, meeting.calendar_sequence) == (STARTS, ENDS, 0)
    meeting.move(STARTS, ENDS + timedelta(hours=1), NOW)  # a new end alone is a move
    assert (meeting.ends_at, meeting.calendar_sequence) == (ENDS + timedelta(hours=1), 1)


def test_a_meeting_cannot_be_moved_more_than_five_years_ahead() -> None:
    meeting = make_meeting()
    meeting.move(datetime(2031, 11, 23, 8, 0, tzinfo=UTC), None, NOW)  # five years from Monday 23 November 2026
    with raises_domain("meeting_too_far_ahead") as caught:
        meeting.move(datetime(2031, 11, 24, 8, 0, tzinfo=UTC), None, NOW)
    assert caught.value.params == {"limit": date(2031, 11, 23)}
    assert meeting.starts_at == datetime(2031, 11, 23, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("today", "limit"),
    [(date(2026, 11, 23), date(2031, 11, 23)), (date(2028, 2, 29), date(2033, 2, 28))],
)
def test_the_planning_horizon_is_five_years_from_today(today: date, limit: date) -> None:
    assert planning_horizon(today) == limit


# --- postponing and withdrawing ---------------------------------------------------------------------


def test_postpone_from_an_agenda() -> None:
    meeting = make_meeting(level=2)
    first, second = make_case(), make_case()
    meeting.add_case(first)
    meeting.add_case(second)
    postpone(first, meeting)
    assert first.status is CaseStatus.UTSATT
    assert first.in_queue
    assert meeting.cases == [second]
    assert positions(meeting) == [1, 2, 3]


def test_postpone_from_the_queue() -> None:
    case = make_case()
    postpone(case, None)
    assert case.status is CaseStatus.UTSATT
    assert case.in_queue


def test_withdraw_from_an_agenda() -> None:
    meeting = make_meeting(level=3)
    first, second = make_case(number=1), make_case(number=2)
    meeting.add_case(first)
    meeting.add_case(second)
    withdraw(first, meeting)
    assert first.status is CaseStatus.TRUKKET
    assert not first.in_queue
    assert [(item.position, item.case) for item in meeting.items] == [(1, second)]
    # The number stays taken.
    assert first.reference == "1/2026"


def test_withdraw_from_the_queue() -> None:
    case = make_case(CaseStatus.UTSATT)
    withdraw(case, None)
    assert case.status is CaseStatus.TRUKKET
    assert not case.in_queue


@pytest.mark.parametrize("status", [CaseStatus.BEHANDLET, CaseStatus.TRUKKET])
@pytest.mark.parametrize("action", [postpone, withdraw], ids=["postpone", "withdraw"])
def test_a_closed_case_cannot_be_postponed_or_withdrawn(
    action: Callable[[Case, Meeting | None], None], status: CaseStatus
) -> None:
    case = make_case(status, number=12, year=2026)
    for upcoming in (None, make_meeting()):
        with raises_domain("case_closed") as caught:
            action(case, upcoming)
        assert caught.value.code == "case_closed"
        assert caught.value.params == {"case": "12/2026", "status": status.value}
        assert case.status is status
        if upcoming is not None:
            assert positions(upcoming) == [1, 2]


def test_a_withdrawn_case_cannot_be_scheduled() -> None:
    case = make_case()
    withdraw(case, None)
    with raises_domain("case_not_in_queue"):
        make_meeting().add_case(case)


def test_referring_a_case_away_takes_it_off_the_agenda_and_ends_its_handling_here() -> None:
    meeting = make_meeting(level=3)
    first, second = make_case(), make_case()
    meeting.add_case(first)
    meeting.add_case(second)
    refer_away(first, meeting)
    assert first.status is CaseStatus.BEHANDLET
    assert [(item.position, item.case) for item in meeting.items] == [(1, second)]
    queued = make_case(CaseStatus.UTSATT)
    refer_away(queued, None)
    assert queued.status is CaseStatus.BEHANDLET


def test_a_closed_or_already_referred_case_is_not_referred() -> None:
    closed = make_case(CaseStatus.TRUKKET, number=3, year=2026)
    with raises_domain("case_closed"):
        refer_away(closed, None)
    referred = make_case(number=4, year=2026)
    referred.referred_to_id = 99
    with raises_domain("case_already_referred") as caught:
        refer_away(referred, None)
    assert caught.value.params == {"case": "4/2026"}
    assert (closed.status, referred.status) == (CaseStatus.TRUKKET, CaseStatus.INNMELDT)


def test_a_final_decision_deals_with_its_case_whatever_became_of_it() -> None:
    for status in CaseStatus:
        case = make_case(status)
        case.mark_dealt_with()
        assert case.status is CaseStatus.BEHANDLET


def test_a_case_leaves_an_agenda_only_for_a_state_a_case_can_go_to() -> None:
    meeting = make_meeting(level=3)
    case = make_case()
    meeting.add_case(case)
    with pytest.raises(ValueError):
        case.leave_agenda(CaseStatus.SATT_OPP)


# --- the meeting's own transitions ------------------------------------------------------------------


def test_calling_a_meeting_keeps_the_digest_and_refuses_a_past_or_cancelled_meeting() -> None:
    meeting = make_meeting()
    meeting.mark_called("digest", NOW)
    assert (meeting.status, meeting.published_fingerprint, meeting.published_at) == (
        MeetingStatus.INNKALT,
        "digest",
        NOW,
    )
    for status in (MeetingStatus.AVHOLDT, MeetingStatus.AVLYST):
        done = make_meeting(status=status)
        with raises_domain("meeting_not_upcoming"):
            done.mark_called("digest", NOW)
        assert (done.status, done.published_fingerprint) == (status, None)


def test_a_meeting_is_held_once_it_has_begun_and_a_cancelled_one_never() -> None:
    meeting = make_meeting(status=MeetingStatus.INNKALT)
    meeting.mark_held(STARTS - timedelta(minutes=1))
    assert meeting.status is MeetingStatus.INNKALT
    meeting.mark_held(STARTS)
    assert meeting.status is MeetingStatus.AVHOLDT
    meeting.mark_held(STARTS + timedelta(days=1))
    assert meeting.status is MeetingStatus.AVHOLDT
    with raises_domain("meeting_not_upcoming"):
        make_meeting(status=MeetingStatus.AVLYST).mark_held(STARTS)


# --- measures, plans and bodies ---------------------------------------------------------------------


def test_a_measure_changes_status_or_takes_a_comment_but_not_neither() -> None:
    measure = Measure(area_id=1, number="3.2", title="Felles rutiner")
    assert measure.change_status(MeasureStatus.PAGAENDE) is MeasureStatus.IKKE_STARTET
    assert measure.change_status(MeasureStatus.PAGAENDE, commented=True) is MeasureStatus.PAGAENDE
    with raises_domain("measure_unchanged") as caught:
        measure.change_status(MeasureStatus.PAGAENDE)
    assert caught.value.params == {"measure": "3.2", "status": MeasureStatus.PAGAENDE}
    assert measure.status is MeasureStatus.PAGAENDE


def test_a_plan_is_adopted_once() -> None:
    plan = ActionPlan(community_id=1, year=2027, owner_body_id=1)
    assert not plan.adopted
    plan.adopt(7)
    assert (plan.status, plan.adopted_by_decision_id, plan.adopted) == (PlanStatus.VEDTATT, 7, True)
    with raises_domain("plan_already_adopted") as caught:
        plan.adopt(8)
    assert caught.value.params == {"year": 2027}
    assert plan.adopted_by_decision_id == 7


def test_a_body_has_its_own_calendar_secret_from_creation_and_renewing_replaces_it() -> None:
    first, second = (Body(community_id=1, key=key, name=key, kind=BodyKind.LOKALT, level=3) for key in ("LSU", "AU"))
    assert first.calendar_token and second.calendar_token and first.calendar_token != second.calendar_token
    old = first.calendar_token
    assert first.renew_calendar_token() == first.calendar_token != old


# --- cases --------------------------------------------------------------------------------------------


def test_case_reference() -> None:
    assert make_case(number=12, year=2026).reference == "12/2026"
    assert make_case(number=1, year=2027).reference == "1/2027"


@pytest.mark.parametrize(
    ("status", "queued"),
    [
        (CaseStatus.INNMELDT, True),
        (CaseStatus.UTSATT, True),
        (CaseStatus.SATT_OPP, False),
        (CaseStatus.BEHANDLET, False),
        (CaseStatus.TRUKKET, False),
    ],
)
def test_in_queue(status: CaseStatus, queued: bool) -> None:
    assert make_case(status).in_queue is queued


def test_a_new_case_is_a_submitted_decision_case() -> None:
    case = make_case()
    assert case.status is CaseStatus.INNMELDT
    assert case.case_type is CaseType.VEDTAKSSAK


def test_domain_error_carries_code_and_params() -> None:
    error = DomainError("case_closed", case="12/2026", status="trukket")
    assert (error.code, error.params) == ("case_closed", {"case": "12/2026", "status": "trukket"})
    assert str(error) == "case_closed"


# --- the case paper (issue 16) ------------------------------------------------------------------


def test_rewriting_the_paper_returns_each_changed_field_before_and_after() -> None:
    case = make_case()
    case.background = "Gammel bakgrunn."

    changes = case.rewrite(replace(case.paper, background="Ny bakgrunn.", assessment="Vurdering.", officer_name="Kari"))

    assert changes == {
        "background": ("Gammel bakgrunn.", "Ny bakgrunn."),
        "assessment": (None, "Vurdering."),
        "case_officer_name": (None, "Kari"),
    }
    assert (case.background, case.assessment, case.case_officer_name) == ("Ny bakgrunn.", "Vurdering.", "Kari")
    assert case.rewrite(case.paper) == {}  # the same paper again changes nothing


@pytest.mark.parametrize("status", [CaseStatus.BEHANDLET, CaseStatus.TRUKKET])
def test_a_decided_or_withdrawn_case_keeps_its_paper(status: CaseStatus) -> None:
    case = make_case(status)
    with raises_domain("case_closed"):
        case.rewrite(replace(case.paper, title="Ny tittel"))
    assert case.title != "Ny tittel"


def test_an_information_case_has_no_proposal() -> None:
    case = make_case()
    with raises_domain("information_case_has_no_proposal"):
        case.rewrite(replace(case.paper, case_type=CaseType.ORIENTERINGSSAK, proposal="Et forslag."))
    assert case.case_type is CaseType.VEDTAKSSAK and case.proposal is None


@pytest.mark.parametrize(
    ("status", "person", "manages", "may"),
    [
        (CaseStatus.SATT_OPP, 99, True, True),  # the secretariat, the leader or secretary
        (CaseStatus.SATT_OPP, 7, False, True),  # the case officer, on an agenda too
        (CaseStatus.INNMELDT, 1, False, True),  # the submitter while it waits in the queue
        (CaseStatus.UTSATT, 1, False, True),  # postponed is back in the queue
        (CaseStatus.SATT_OPP, 1, False, False),  # the submitter once it is on an agenda
        (CaseStatus.INNMELDT, 99, False, False),  # any other member
        (CaseStatus.INNMELDT, None, False, False),  # someone unknown
    ],
)
def test_who_may_write_the_paper(status: CaseStatus, person: int | None, manages: bool, may: bool) -> None:
    case = make_case(status)
    case.submitted_by_id, case.case_officer_id = 1, 7
    assert case.paper_writable_by(person, manages_body=manages) is may


def test_the_papers_fingerprint_follows_what_it_says_and_nothing_else() -> None:
    case = make_case()
    before = case.paper.fingerprint()
    case.set_up()  # the row changes, the paper does not
    assert case.paper.fingerprint() == before
    case.rewrite(replace(case.paper, assessment="Vurdering."))
    assert case.paper.fingerprint() != before
