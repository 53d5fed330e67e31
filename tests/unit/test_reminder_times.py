"""When reminders fall due: Oslo wall-clock 08.00 on working days, across daylight-saving changes,
weekends and Norwegian public holidays (Easter, Ascension, Whit Monday)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from governance.rules.errors import DomainError
from governance.rules.oslo_time import (
    exists_in_oslo,
    is_working_day,
    oslo_to_utc,
    public_holiday_names,
    wall_clock_repeats,
    working_day_on_or_before,
    working_days_after,
    working_days_before,
)
from governance.rules.reminders import (
    AgendaMode,
    ReminderKind,
    ReminderPolicy,
    approval_occurrence,
    case_deadline,
    meeting_occurrences,
)
from governance.structure.structure_file import parse_structure
from tests.support.structure import test_structure


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


DEFAULT = ReminderPolicy()


def due(starts_at: datetime, policy: ReminderPolicy = DEFAULT) -> dict[ReminderKind, datetime]:
    return {occurrence.kind: occurrence.due_at for occurrence in meeting_occurrences(42, starts_at, policy)}


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2027, 3, 24), True),  # the Wednesday before Easter
        (date(2027, 3, 25), False),  # Maundy Thursday
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2027, 5, 6), False),  # Ascension Day
        (date(2027, 5, 17), False),  # Constitution Day and Whit Monday
        (date(2027, 5, 1), False),  # a Saturday, and Labour Day
        (date(2027, 12, 24), True),  # Christmas Eve is a working day
        (date(2027, 12, 26), False),
    ],
)
def test_norwegian_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_a_day_off_moves_to_the_working_day_before_and_counting_skips_days_off() -> None:
    assert working_day_on_or_before(date(2027, 3, 29)) == date(2027, 3, 24)  # Easter Monday -> Wednesday
    assert working_days_before(date(2027, 3, 30), 1) == date(2027, 3, 24)
    assert working_days_after(date(2027, 3, 24), 1) == date(2027, 3, 30)
    assert working_days_before(date(2027, 5, 18), 2) == date(2027, 5, 13)  # over the 17 May weekend


def test_a_meeting_after_easter_is_reminded_before_the_holidays() -> None:
    # Tuesday 30 March 2027 at 09.00; Easter runs from Maundy Thursday 25 to Easter Monday 29 March,
    # and summer time begins on Sunday 28 March.
    reminders = due(utc(2027, 3, 30, 7))

    assert reminders[ReminderKind.MEETING_EVE] == utc(2027, 3, 24, 7)  # Wednesday 08.00 winter time
    assert reminders[ReminderKind.AGENDA] == utc(2027, 3, 23, 7)  # a week before, 08.00 winter time
    # The deadline is 16 March; members hear of it three working days before, on Thursday 11 March.
    assert case_deadline(utc(2027, 3, 30, 7), ReminderPolicy()) == date(2027, 3, 16)
    assert reminders[ReminderKind.CASE_DEADLINE] == utc(2027, 3, 11, 7)


def test_summer_time_begins_between_two_reminders_of_one_meeting() -> None:
    # Tuesday 31 March 2026; summer time from Sunday 29 March. 08.00 is 07.00 UTC before, 06.00 after.
    reminders = due(utc(2026, 3, 31, 7), ReminderPolicy(agenda_days=4))

    assert reminders[ReminderKind.AGENDA] == utc(2026, 3, 27, 7)  # Friday, winter time
    assert reminders[ReminderKind.MEETING_EVE] == utc(2026, 3, 30, 6)  # Monday, summer time


def test_summer_time_ends_between_two_reminders_of_one_meeting() -> None:
    # Tuesday 27 October 2026; winter time from Sunday 25 October.
    reminders = due(utc(2026, 10, 27, 8), ReminderPolicy(agenda_days=4))

    assert reminders[ReminderKind.AGENDA] == utc(2026, 10, 23, 6)  # Friday, summer time
    assert reminders[ReminderKind.MEETING_EVE] == utc(2026, 10, 26, 7)  # Monday, winter time


def test_a_reminder_on_a_weekend_moves_to_the_friday_before() -> None:
    reminders = due(utc(2027, 6, 8, 7), ReminderPolicy(agenda_days=10))  # Tuesday 8 June, 10 days: Saturday

    assert reminders[ReminderKind.AGENDA] == utc(2027, 5, 28, 6)


def test_an_agenda_pulled_back_onto_the_case_deadline_by_a_weekend_waits_for_the_next_working_day() -> None:
    # Thursday 10 June 2027; six days before is Friday 4 June, the deadline. Five days before is
    # Saturday 5 June, which would move back onto that Friday.
    starts_at = utc(2027, 6, 10, 7)
    policy = ReminderPolicy(case_deadline_days=6, agenda_days=5)

    assert case_deadline(starts_at, policy) == date(2027, 6, 4)
    assert due(starts_at, policy)[ReminderKind.AGENDA] == utc(2027, 6, 7, 6)  # Monday 08.00


def test_without_the_eve_reminder_a_meeting_brings_two_reminders_keyed_by_their_day() -> None:
    occurrences = meeting_occurrences(42, utc(2027, 6, 8, 7), ReminderPolicy(meeting_eve=False))

    assert [(occurrence.key, occurrence.kind) for occurrence in occurrences] == [
        ("meeting:42:case_deadline:2027-05-20", ReminderKind.CASE_DEADLINE),
        ("meeting:42:agenda:2027-06-01", ReminderKind.AGENDA),
    ]


@pytest.mark.parametrize(
    ("posted_at", "reminded_at"),
    [
        (utc(2027, 6, 4, 12), utc(2027, 6, 9, 6)),  # Friday: Monday and Tuesday pass, Wednesday 08.00
        (utc(2027, 3, 24, 12), utc(2027, 4, 1, 6)),  # before Easter: Tuesday and Wednesday pass
        (utc(2027, 5, 5, 12), utc(2027, 5, 11, 6)),  # before Ascension Day: Friday and Monday pass
    ],
)
def test_approvers_are_reminded_once_two_working_days_have_passed(posted_at: datetime, reminded_at: datetime) -> None:
    occurrence = approval_occurrence("decision:7", 2, posted_at)

    assert occurrence.key == "decision:7:round:2:approval"
    assert occurrence.due_at == reminded_at


@pytest.mark.parametrize("days", [0, 61])
def test_reminder_days_out_of_range_are_refused(days: int) -> None:
    with pytest.raises(DomainError) as refused:
        ReminderPolicy(agenda_days=days, agenda_mode=AgendaMode.REMIND)
    assert refused.value.code == "reminder_days_out_of_range"


@pytest.mark.parametrize(("case_deadline_days", "agenda_days"), [(5, 20), (14, 14), (1, 1)])
def test_a_policy_that_sends_the_agenda_before_or_on_the_case_deadline_is_refused(
    case_deadline_days: int, agenda_days: int
) -> None:
    with pytest.raises(DomainError) as refused:
        ReminderPolicy(case_deadline_days=case_deadline_days, agenda_days=agenda_days)
    assert refused.value.code == "reminder_agenda_before_deadline"
    assert refused.value.params == {"agenda_days": agenda_days, "case_deadline_days": case_deadline_days}


@pytest.mark.parametrize(("case_deadline_days", "agenda_days"), [(14, 7), (2, 1), (60, 59)])
def test_a_policy_with_the_agenda_after_the_case_deadline_is_accepted(
    case_deadline_days: int, agenda_days: int
) -> None:
    policy = ReminderPolicy(case_deadline_days=case_deadline_days, agenda_days=agenda_days)
    assert (policy.case_deadline_days, policy.agenda_days) == (case_deadline_days, agenda_days)


def test_a_structure_file_with_the_agenda_before_the_case_deadline_is_refused_at_the_bodys_reminders() -> None:
    data = test_structure()
    data["bodies"][1]["reminders"] = {"case_deadline_days": 5, "agenda_days": 20}
    with pytest.raises(DomainError) as refused:
        parse_structure(data)
    assert refused.value.code == "structure_invalid"
    assert refused.value.params["details"] == (
        "bodies[1].reminders: agenda_days must be less than case_deadline_days, so the agenda goes out "
        "after the deadline for cases (agenda_days 20, case_deadline_days 5)"
    )


# --- times that need a word: the spring gap, the autumn repeat, holidays --------------------------


@pytest.mark.parametrize(
    ("day", "at", "exists"),
    [
        (date(2028, 3, 26), time(1, 59), True),
        (date(2028, 3, 26), time(2, 0), False),  # the clocks go from 02.00 straight to 03.00
        (date(2028, 3, 26), time(2, 30), False),
        (date(2028, 3, 26), time(3, 0), True),
        (date(2028, 10, 29), time(2, 30), True),  # the autumn repeat exists (twice)
    ],
)
def test_a_wall_clock_time_in_the_spring_gap_does_not_exist_in_oslo(day: date, at: time, exists: bool) -> None:
    assert exists_in_oslo(day, at) is exists


def test_the_hour_the_clocks_go_back_is_read_as_its_first_summer_time_occurrence() -> None:
    first = oslo_to_utc(date(2028, 10, 29), time(2, 30))
    assert first == utc(2028, 10, 29, 0, 30)  # 02.30 at UTC+2
    assert wall_clock_repeats(first) and wall_clock_repeats(utc(2028, 10, 29, 1, 30))
    assert not wall_clock_repeats(oslo_to_utc(date(2028, 10, 29), time(3, 0)))
    assert not wall_clock_repeats(oslo_to_utc(date(2028, 10, 28), time(2, 30)))


def test_public_holidays_are_named_in_both_languages() -> None:
    assert public_holiday_names(date(2027, 5, 17), "nb") == ["Andre pinsedag", "Grunnlovsdag"]
    assert public_holiday_names(date(2026, 12, 25), "en") == ["Christmas Day"]
    assert public_holiday_names(date(2026, 12, 24), "nb") == []  # Christmas Eve is a working day
