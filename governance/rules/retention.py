"""Retention (issue 18): how long each class of record the bot no longer needs is kept, and which
records must wait for the archive before they may go.

The periods come from the structure file's `retention:`; what is left out keeps the default in
`DEFAULTS` (stated in the README). A record that belongs in the archive is never deleted before an
arkivuttrekk has carried it (`governance/rules/archive.py` names what the export carries)."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from governance.rules.archive import went_out_with_notice
from governance.rules.oslo_time import OSLO


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"


class RetentionClass(StrEnum):
    """What retention deletes; the value is the class's key in the structure file and the audit."""

    SENT_MESSAGES = "sent_messages"  # outbox rows sent or cancelled (failed and uncertain stay)
    ACTIVITY_IDS = "activity_ids"  # ids of handled Teams activities, kept against redeliveries
    REFUSED_INPUT = "refused_input"  # audit events of refusals: a missing right, a tenant, an identity number
    SUPERSEDED_DRAFTS = "superseded_drafts"  # minutes versions never approved and drafted again since
    DETACHED_DOCUMENTS = "detached_documents"  # the stored bytes of documents taken off their case
    UNATTACHED_UPLOADS = "unattached_uploads"  # stored bytes no document holds (an upload that failed)
    FORMER_MEMBERS = "former_members"  # contact ids of people who hold no seat any more


@dataclass(frozen=True)
class Period:
    length: int
    unit: Unit

    def cutoff(self, now: datetime) -> datetime:
        """The instant before which a record of this class is due: months are calendar months
        in Oslo (the 31st counts back to the month's last day)."""
        if self.unit is Unit.DAYS:
            return now - timedelta(days=self.length)
        local = now.astimezone(OSLO)
        month_index = local.year * 12 + local.month - 1 - self.length
        year, month = divmod(month_index, 12)
        day = min(local.day, monthrange(year, month + 1)[1])
        return datetime.combine(date(year, month + 1, day), local.timetz()).astimezone(now.tzinfo)

    @property
    def text(self) -> str:
        return f"{self.length} {self.unit.value}"


# The structure file's keys name their unit, so a file says what it means: `sent_messages_days: 30`.
DEFAULTS: dict[RetentionClass, Period] = {
    RetentionClass.SENT_MESSAGES: Period(30, Unit.DAYS),
    RetentionClass.ACTIVITY_IDS: Period(30, Unit.DAYS),
    RetentionClass.REFUSED_INPUT: Period(12, Unit.MONTHS),
    RetentionClass.SUPERSEDED_DRAFTS: Period(90, Unit.DAYS),
    RetentionClass.DETACHED_DOCUMENTS: Period(90, Unit.DAYS),
    RetentionClass.UNATTACHED_UPLOADS: Period(1, Unit.DAYS),
    RetentionClass.FORMER_MEMBERS: Period(6, Unit.MONTHS),
}
# The shortest a file may set: a redelivered activity must still be recognised, and a failed upload
# may be in the middle of being stored.
MINIMUM = Period(1, Unit.DAYS)
LONGEST = {Unit.DAYS: 3650, Unit.MONTHS: 120}


def file_key(retention_class: RetentionClass) -> str:
    return f"{retention_class.value}_{DEFAULTS[retention_class].unit.value}"


@dataclass(frozen=True)
class RetentionPolicy:
    """Every class's period; built from the stored `retention:` of a community."""

    periods: Mapping[RetentionClass, Period]

    @classmethod
    def from_file(cls, values: Mapping[str, int] | None) -> RetentionPolicy:
        """From the structure file's keys (`sent_messages_days: 30`); a key left out keeps its default."""
        given = values or {}
        return cls(
            {
                kind: Period(int(given.get(file_key(kind), default.length)), default.unit)
                for kind, default in DEFAULTS.items()
            }
        )

    def as_file(self) -> dict[str, int]:
        return {file_key(kind): period.length for kind, period in self.periods.items()}

    def cutoffs(self, now: datetime) -> dict[RetentionClass, datetime]:
        return {kind: period.cutoff(now) for kind, period in self.periods.items()}


def longest(policies: Iterable[RetentionPolicy]) -> RetentionPolicy:
    """Several communities in one installation share its tables: each class keeps the longest
    period any of them sets, so no community loses a record earlier than it asked for."""
    chosen = dict(RetentionPolicy.from_file(None).periods)
    found = list(policies)
    if found:
        for kind in chosen:
            chosen[kind] = max((policy.periods[kind] for policy in found), key=lambda period: period.length)
    return RetentionPolicy(chosen)


@dataclass(frozen=True)
class DetachedDocument:
    """A stored file taken off its case, with the publishing instants of the meetings (not
    cancelled) whose agenda held the case: whether the notice carried it."""

    document_id: int
    added_at: datetime
    removed_at: datetime
    agenda_published_at: tuple[datetime | None, ...]

    @property
    def belongs_in_archive(self) -> bool:
        """The members got it with a notice: the arkivuttrekk carries it (export.py), so its bytes
        wait for that."""
        return any(went_out_with_notice(self.added_at, self.removed_at, at) for at in self.agenda_published_at)


@dataclass(frozen=True)
class FormerMember:
    """A person who holds no seat in any body or secretariat and still has contact ids stored."""

    person_id: int
    left_at: datetime | None  # the last removal the audit log holds; None: never held a seat


def is_due(left_at: datetime | None, cutoff: datetime) -> bool:
    """Contact ids go once the person has been out for the class's period; someone who never held
    a seat (a case officer named on a paper) is not a former member."""
    return left_at is not None and left_at < cutoff
