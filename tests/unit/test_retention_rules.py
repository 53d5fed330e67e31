"""Retention's pure rules: periods and their cutoffs, the structure file's keys, several
communities, and which detached documents must wait for the archive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from governance.rules.archive import went_out_with_notice
from governance.rules.retention import (
    DetachedDocument,
    Period,
    RetentionClass,
    RetentionPolicy,
    Unit,
    is_due,
    longest,
)

NOW = datetime(2027, 3, 31, 1, 30, tzinfo=UTC)  # 03.30 in Oslo, summer time since 28 March


def test_months_are_calendar_months_in_oslo_and_the_31st_counts_back_to_the_months_last_day() -> None:
    assert Period(1, Unit.MONTHS).cutoff(NOW) == datetime(2027, 2, 28, 2, 30, tzinfo=UTC)  # 03.30 winter time
    assert Period(12, Unit.MONTHS).cutoff(NOW) == datetime(2026, 3, 31, 1, 30, tzinfo=UTC)
    assert Period(14, Unit.MONTHS).cutoff(NOW) == datetime(2026, 1, 31, 2, 30, tzinfo=UTC)
    assert Period(30, Unit.DAYS).cutoff(NOW) == NOW - timedelta(days=30)


def test_a_file_sets_the_classes_it_names_and_the_rest_keep_their_defaults() -> None:
    policy = RetentionPolicy.from_file({"sent_messages_days": 7, "former_members_months": 24})
    assert policy.periods[RetentionClass.SENT_MESSAGES] == Period(7, Unit.DAYS)
    assert policy.periods[RetentionClass.FORMER_MEMBERS] == Period(24, Unit.MONTHS)
    assert policy.periods[RetentionClass.REFUSED_INPUT] == Period(12, Unit.MONTHS)
    assert policy.as_file()["superseded_drafts_days"] == 90
    assert RetentionPolicy.from_file(policy.as_file()) == policy


def test_communities_sharing_an_installation_each_keep_at_least_what_they_asked_for() -> None:
    short = RetentionPolicy.from_file({"sent_messages_days": 7, "activity_ids_days": 60})
    long = RetentionPolicy.from_file({"sent_messages_days": 90})
    both = longest([short, long])
    assert both.periods[RetentionClass.SENT_MESSAGES] == Period(90, Unit.DAYS)
    assert both.periods[RetentionClass.ACTIVITY_IDS] == Period(60, Unit.DAYS)
    assert longest([]) == RetentionPolicy.from_file(None)


def test_a_document_removed_after_the_agenda_was_published_went_out_with_the_notice() -> None:
    published = NOW - timedelta(days=10)
    assert went_out_with_notice(published - timedelta(days=1), published + timedelta(days=1), published)
    assert not went_out_with_notice(published - timedelta(days=2), published - timedelta(days=1), published)
    assert not went_out_with_notice(published + timedelta(hours=1), published + timedelta(days=1), published)
    assert not went_out_with_notice(published - timedelta(days=1), published + timedelta(days=1), None)
    removed = DetachedDocument(1, published - timedelta(days=1), published + timedelta(days=1), (None, published))
    assert removed.belongs_in_archive
    assert not DetachedDocument(2, published - timedelta(days=1), NOW, ()).belongs_in_archive  # on no agenda


def test_only_someone_who_held_a_seat_and_left_long_enough_ago_is_due() -> None:
    cutoff = NOW - timedelta(days=180)
    assert is_due(cutoff - timedelta(seconds=1), cutoff)
    assert not is_due(cutoff + timedelta(days=1), cutoff)
    assert not is_due(None, cutoff)  # never held a seat: a case officer named on a paper
