"""Tables, and the imperative mapping of the domain classes onto them.

The domain classes stay plain (governance/rules/model.py); this module is the only place that knows
how they are stored. Alembic migrations (storage/migrations) create these tables.

Every table that hands out ids is declared `sqlite_autoincrement=True`: SQLite otherwise gives a
deleted newest row's id to the next record, and cards and links that carry the old id would then
point at the new one. PostgreSQL's sequences never go back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import composite, registry, relationship
from sqlalchemy.types import TypeDecorator

from governance.rules.documents import Document, DocumentKind, FileType
from governance.rules.handling import CaseHandling, VoteKind
from governance.rules.model import (
    ActionPlan,
    AgendaItem,
    Approval,
    ApprovalPolicy,
    Attendance,
    AttendanceStatus,
    AuditEvent,
    Body,
    BodyKind,
    Case,
    CaseStatus,
    CaseType,
    Community,
    Decision,
    DecisionStatus,
    Delegation,
    Disqualification,
    FocusArea,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesApproval,
    MinutesApprovers,
    MinutesStatus,
    Person,
    PlanStatus,
    ProgressNote,
    Role,
    SecretariatMember,
    StandardItem,
    Verdict,
)
from governance.rules.outlook_events import CalendarSync, CalendarSyncStatus
from governance.rules.public_access import LegalBasis
from governance.rules.reminders import (
    AgendaMode,
    Delivery,
    DeliveryStatus,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    ReminderStatus,
)
from governance.rules.send_rates import SendLimit

# Stable constraint names so migrations can refer to them on every database.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
mapper_registry = registry(metadata=metadata)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[StrEnum]) -> Enum:
    # Stored as the Norwegian value in a VARCHAR: readable in SQL and no native enum to migrate.
    return Enum(
        enum,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=False,
        length=32,
    )


def legal_basis_column() -> Enum:
    # The provision as registers write it ("offl. § 13 jf. fvl. § 13 første ledd nr. 1") is longer
    # than enum_column's 32 characters.
    return Enum(
        LegalBasis,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=False,
        length=64,
    )


communities = Table(
    "communities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("timezone", String(64), nullable=False),
    # Entra tenants whose users may talk to the bot, from the structure file.
    Column("tenants", JSON, nullable=False),
    # The innsyn page (/innsyn/) is served for this community: the structure file's public_records.
    Column("public_records", Boolean, nullable=False, server_default=false()),
    # The structure file's `retention:` (governance/rules/retention.py); NULL: the defaults.
    Column("retention", JSON),
    sqlite_autoincrement=True,
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False, unique=True),
    Column("aad_object_id", String(64), unique=True),
    Column("teams_user_id", String(200)),
    sqlite_autoincrement=True,
)

bodies = Table(
    "bodies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("community_id", ForeignKey("communities.id"), nullable=False),
    Column("key", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("kind", enum_column(BodyKind), nullable=False),
    Column("level", Integer, nullable=False),
    Column("meetings_per_year", Integer),
    Column("parent_id", ForeignKey("bodies.id")),
    Column("linked_conversation_id", String(400), index=True),
    Column("approval", enum_column(ApprovalPolicy), nullable=False, server_default=ApprovalPolicy.LEADER.value),
    Column(
        "minutes_approval",
        enum_column(MinutesApprovers),
        nullable=False,
        server_default=MinutesApprovers.PRESENT.value,
    ),
    Column("quorum", String(16), nullable=False, server_default="majority"),
    Column("any_other_business", Boolean, nullable=False, server_default=true()),
    Column("reminder_case_deadline_days", Integer, nullable=False, server_default="14"),
    Column("reminder_agenda_days", Integer, nullable=False, server_default="7"),
    Column("reminder_agenda_mode", enum_column(AgendaMode), nullable=False, server_default=AgendaMode.PUBLISH.value),
    Column("reminder_meeting_eve", Boolean, nullable=False, server_default=true()),
    Column("calendar_token", String(64)),
    Column("organiser", String(320)),
    # A unique index rather than a constraint: SQLite adds those to an existing table.
    Index("uq_bodies_calendar_token", "calendar_token", unique=True),
    sqlite_autoincrement=True,
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("role", enum_column(Role), nullable=False),
    Column("represents", String(200)),
    UniqueConstraint("body_id", "person_id", name="uq_memberships_body_person"),
    sqlite_autoincrement=True,
)

secretariat_members = Table(
    "secretariat_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("community_id", ForeignKey("communities.id"), nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    UniqueConstraint("community_id", "person_id", name="uq_secretariat_members_community_person"),
    sqlite_autoincrement=True,
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body_id", ForeignKey("bodies.id"), nullable=False, index=True),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
    Column("place", String(300)),
    Column("status", enum_column(MeetingStatus), nullable=False),
    Column("published_fingerprint", String(64)),
    Column("published_at", UTCDateTime),
    Column("agenda_revision", Integer, nullable=False),
    Column("calendar_sequence", Integer, nullable=False, server_default="0"),
    Column("version", Integer, nullable=False),
    sqlite_autoincrement=True,
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", String(500), nullable=False),
    Column("case_type", enum_column(CaseType), nullable=False),
    Column("status", enum_column(CaseStatus), nullable=False),
    Column("background", Text),
    Column("proposal", Text),
    Column("responsible_id", ForeignKey("persons.id")),
    Column("submitted_by_id", ForeignKey("persons.id"), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("referred_from_id", ForeignKey("cases.id")),
    Column("referred_to_id", ForeignKey("cases.id")),
    Column("assessment", Text),
    Column("case_officer_id", ForeignKey("persons.id")),
    Column("case_officer_name", String(200)),
    Column("version", Integer, nullable=False),
    Column("exemption_basis", legal_basis_column()),  # offentleglova; NULL: public
    Column("public_title", String(500)),
    # The guarantee behind "Sak 12/2026" being one case only, whatever the allocator does.
    UniqueConstraint("body_id", "year", "number", name="uq_cases_body_year_number"),
    sqlite_autoincrement=True,
)

# One row per body and year holding the last number given out. Allocation increments it in the
# same transaction that inserts the case, so a rolled-back case gives its number back (no gaps).
case_counters = Table(
    "case_counters",
    metadata,
    Column("body_id", ForeignKey("bodies.id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_number", Integer, nullable=False),
)

agenda_items = Table(
    "agenda_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("case_id", ForeignKey("cases.id"), index=True),
    Column("standard_item", enum_column(StandardItem)),
    Column("plan_year", Integer),
    sqlite_autoincrement=True,
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body_id", ForeignKey("bodies.id"), nullable=False, index=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False, unique=True),  # one decision per case
    Column("meeting_id", ForeignKey("meetings.id")),
    Column("text", Text, nullable=False),
    Column("policy", enum_column(ApprovalPolicy), nullable=False),
    Column("status", enum_column(DecisionStatus), nullable=False),
    Column("round", Integer, nullable=False),
    Column("recorded_by_id", ForeignKey("persons.id"), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("rejected_by_id", ForeignKey("persons.id")),
    Column("rejection_comment", Text),
    Column("final_at", UTCDateTime),
    Column("card_conversation_id", String(400)),
    Column("card_activity_id", String(200)),
    # A delegations.id. No foreign key: delegations point back at the decision that made them.
    Column("under_delegation_id", Integer),
    Column("revision", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    sqlite_autoincrement=True,
)

delegations = Table(
    "delegations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("from_body_id", ForeignKey("bodies.id"), nullable=False),
    Column("to_body_id", ForeignKey("bodies.id"), nullable=False, index=True),
    Column("matter", String(500), nullable=False),
    Column("decision_id", ForeignKey("decisions.id"), nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

decision_approvals = Table(
    "decision_approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("decision_id", ForeignKey("decisions.id"), nullable=False, index=True),
    Column("round", Integer, nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("verdict", enum_column(Verdict), nullable=False),
    Column("comment", Text),
    Column("at", UTCDateTime, nullable=False),
    # A double click or a retried invoke cannot count twice.
    UniqueConstraint("decision_id", "round", "person_id", name="uq_decision_approvals_decision_round_person"),
    sqlite_autoincrement=True,
)

minutes = Table(
    "minutes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id"), nullable=False),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("content", JSON, nullable=False),
    Column("status", enum_column(MinutesStatus), nullable=False),
    Column("policy", enum_column(ApprovalPolicy), nullable=False),
    Column("round", Integer, nullable=False),
    Column("correction", Text),
    Column("approve_at_meeting_id", ForeignKey("meetings.id"), index=True),
    Column("recorded_by_id", ForeignKey("persons.id"), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("rejected_by_id", ForeignKey("persons.id")),
    Column("rejection_comment", Text),
    Column("approved_at", UTCDateTime),
    Column("card_conversation_id", String(400)),
    Column("card_activity_id", String(200)),
    Column("revision", Integer, nullable=False),
    Column("signatory_ids", JSON),
    Column("version", Integer, nullable=False),
    # Two secretaries drafting at once cannot both make version 2.
    UniqueConstraint("meeting_id", "number", name="uq_minutes_meeting_number"),
    sqlite_autoincrement=True,
)

minutes_approvals = Table(
    "minutes_approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("minutes_id", ForeignKey("minutes.id"), nullable=False, index=True),
    Column("round", Integer, nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("verdict", enum_column(Verdict), nullable=False),
    Column("comment", Text),
    Column("at", UTCDateTime, nullable=False),
    UniqueConstraint("minutes_id", "round", "person_id", name="uq_minutes_approvals_minutes_round_person"),
    sqlite_autoincrement=True,
)

action_plans = Table(
    "action_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("community_id", ForeignKey("communities.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("owner_body_id", ForeignKey("bodies.id"), nullable=False),
    Column("status", enum_column(PlanStatus), nullable=False),
    Column("adopted_by_decision_id", ForeignKey("decisions.id")),
    Column("adoption_case_id", ForeignKey("cases.id")),
    Column("carried_from_id", ForeignKey("action_plans.id")),
    Column("version", Integer, nullable=False),
    UniqueConstraint("community_id", "year", name="uq_action_plans_community_year"),
    sqlite_autoincrement=True,
)

focus_areas = Table(
    "focus_areas",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("action_plans.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("groups", JSON, nullable=False),
    UniqueConstraint("plan_id", "number", name="uq_focus_areas_plan_number"),
    sqlite_autoincrement=True,
)

measures = Table(
    "measures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("area_id", ForeignKey("focus_areas.id"), nullable=False),
    Column("number", String(20), nullable=False),
    Column("title", String(500), nullable=False),
    Column("description", Text),
    Column("status", enum_column(MeasureStatus), nullable=False),
    Column("owner_person_id", ForeignKey("persons.id"), index=True),
    Column("owner_body_id", ForeignKey("bodies.id")),
    Column("owner_label", String(200)),
    Column("due", Date),
    Column("carried_from_id", ForeignKey("measures.id")),
    Column("version", Integer, nullable=False),
    UniqueConstraint("area_id", "number", name="uq_measures_area_number"),
    sqlite_autoincrement=True,
)

progress_notes = Table(
    "progress_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("measure_id", ForeignKey("measures.id"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("person_id", ForeignKey("persons.id")),
    Column("status_before", enum_column(MeasureStatus)),
    Column("status_after", enum_column(MeasureStatus), nullable=False),
    Column("text", Text),
    Column("case_id", ForeignKey("cases.id")),
    Column("decision_id", ForeignKey("decisions.id")),
    sqlite_autoincrement=True,
)

attendances = Table(
    "attendances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id"), nullable=False, index=True),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("status", enum_column(AttendanceStatus), nullable=False),
    Column("substitute_for_id", ForeignKey("persons.id")),
    Column("noted_at", UTCDateTime, nullable=False),
    Column("note", Text),
    UniqueConstraint("meeting_id", "person_id", name="uq_attendances_meeting_person"),
    sqlite_autoincrement=True,
)

disqualifications = Table(
    "disqualifications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False, index=True),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("reason", Text),
    Column("declared_at", UTCDateTime, nullable=False),
    UniqueConstraint("case_id", "person_id", name="uq_disqualifications_case_person"),
    sqlite_autoincrement=True,
)

# How a case was dealt with at a meeting (issue 17): one row per (meeting, case). The proposals,
# the names against and the statements are short lists read and written whole, so JSON.
case_handlings = Table(
    "case_handlings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id"), nullable=False),
    Column("case_id", ForeignKey("cases.id"), nullable=False, index=True),
    Column("outcome", enum_column(VoteKind)),
    Column("votes_for", Integer),
    Column("votes_against", Integer),
    Column("votes_blank", Integer),
    Column("against", JSON, nullable=False),
    Column("proposals", JSON, nullable=False),
    Column("adopted", Integer),
    Column("statements", JSON, nullable=False),
    Column("recorded_by_id", ForeignKey("persons.id"), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("meeting_id", "case_id", name="uq_case_handlings_meeting_case"),
    sqlite_autoincrement=True,
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("action", String(80), nullable=False),
    Column("actor_person_id", ForeignKey("persons.id")),
    Column("actor_aad_object_id", String(64)),
    Column("subject", String(200)),
    Column("details", JSON, nullable=False),
    sqlite_autoincrement=True,
)

# Transport records: where the bot can write back to, and which activities it has handled.
conversation_references = Table(
    "conversation_references",
    metadata,
    Column("conversation_id", String(400), primary_key=True),
    Column("conversation_type", String(32)),
    Column("tenant_id", String(64)),
    Column("service_url", String(400), nullable=False),
    Column("user_aad_object_id", String(64), index=True),
    Column("reference", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

processed_activities = Table(
    "processed_activities",
    metadata,
    Column("activity_id", String(200), primary_key=True),
    Column("received_at", UTCDateTime, nullable=False, index=True),
)


reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", enum_column(ReminderKind), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("status", enum_column(ReminderStatus), nullable=False),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("meeting_id", ForeignKey("meetings.id"), index=True),
    Column("subject", String(100)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("settled_at", UTCDateTime),
    Index("ix_reminders_status_due_at", "status", "due_at"),
    sqlite_autoincrement=True,
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("reminder_id", ForeignKey("reminders.id")),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("conversation_id", String(400), nullable=False),
    Column("text", Text, nullable=False),
    Column("card", JSON),
    Column("mentions", JSON),
    Column("status", enum_column(DeliveryStatus), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_until", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("activity_id", String(200)),
    Column("last_error", String(100)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("replaces_key", String(300)),
    Column("extra_cards", JSON),
    Index("ix_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    sqlite_autoincrement=True,
)

# One row per meeting with an Outlook event (governance/calendar/calendar_sync.py): pending until the
# calendar shows the latest change (`revision`), then synced.
calendar_syncs = Table(
    "calendar_syncs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id"), nullable=False, unique=True),
    Column("body_id", ForeignKey("bodies.id"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("status", enum_column(CalendarSyncStatus), nullable=False),
    Column("transaction_id", String(64), nullable=False),
    Column("organiser", String(320)),
    Column("event_id", String(400)),
    Column("join_url", Text),
    Column("create_uncertain", Boolean, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_until", UTCDateTime),
    Column("last_error", String(100)),
    Column("updated_at", UTCDateTime, nullable=False),
    # Graph's Retry-After: no call before then, whatever the meeting does meanwhile.
    Column("not_before", UTCDateTime),
    Index("ix_calendar_syncs_status_next_attempt_at", "status", "next_attempt_at"),
    sqlite_autoincrement=True,
)

# The relays' shared pacing: a row per conversation and per tenant (governance/rules/send_rates.py).
send_limits = Table(
    "send_limits",
    metadata,
    Column("key", String(420), primary_key=True),
    Column("not_before", UTCDateTime),
    Column("window_start", UTCDateTime),
    Column("window_count", Integer, nullable=False),
)


# A case's documents (governance/rules/documents.py): a link, or a stored file whose bytes are kept
# in `document_chunks` rows of at most 1 MB, so neither storing nor serving a file needs it whole
# in memory. A removed document keeps its row and its bytes until retention removes them.
document_files = Table(
    "document_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("chunk_count", Integer, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

document_chunks = Table(
    "document_chunks",
    metadata,
    Column("file_id", ForeignKey("document_files.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# What each arkivuttrekk carried (governance/archive/): a record's kind and id, the systemID it
# went out under and its file's checksum, one row per export; retention reads the latest.
archive_exports = Table(
    "archive_exports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_kind", String(20), nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("system_id", String(36), nullable=False),
    Column("exported_at", UTCDateTime, nullable=False),
    Column("sha256", String(64)),
    Index("ix_archive_exports_record", "record_kind", "record_id"),
    sqlite_autoincrement=True,
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("kind", enum_column(DocumentKind), nullable=False),
    Column("title", String(200), nullable=False),
    Column("url", Text),
    Column("file_id", ForeignKey("document_files.id")),
    Column("file_type", enum_column(FileType)),
    Column("size", BigInteger),
    Column("sha256", String(64)),
    Column("added_by_id", ForeignKey("persons.id"), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("removed_at", UTCDateTime),
    Column("removed_by_id", ForeignKey("persons.id")),
    Column("exemption_basis", legal_basis_column()),  # offentleglova; NULL: public
    # Two attaches to one case at once race for the same number: the loser reruns (Conflict).
    UniqueConstraint("case_id", "number", name="uq_documents_case_number"),
    sqlite_autoincrement=True,
)


def _map() -> None:
    mapper_registry.map_imperatively(Community, communities)
    mapper_registry.map_imperatively(Person, persons)
    mapper_registry.map_imperatively(
        Body,
        bodies,
        properties={
            "reminders": composite(
                ReminderPolicy,
                bodies.c.reminder_case_deadline_days,
                bodies.c.reminder_agenda_days,
                bodies.c.reminder_agenda_mode,
                bodies.c.reminder_meeting_eve,
            )
        },
    )
    mapper_registry.map_imperatively(Membership, memberships)
    mapper_registry.map_imperatively(SecretariatMember, secretariat_members)
    mapper_registry.map_imperatively(Case, cases, version_id_col=cases.c.version)
    mapper_registry.map_imperatively(
        AgendaItem,
        agenda_items,
        properties={"case": relationship(Case, lazy="joined", innerjoin=False)},
    )
    mapper_registry.map_imperatively(
        Meeting,
        meetings,
        version_id_col=meetings.c.version,
        properties={
            "items": relationship(
                AgendaItem,
                order_by=agenda_items.c.position,
                cascade="all, delete-orphan",
                lazy="selectin",
            )
        },
    )
    mapper_registry.map_imperatively(AuditEvent, audit_events)
    mapper_registry.map_imperatively(Approval, decision_approvals)
    mapper_registry.map_imperatively(Disqualification, disqualifications)
    mapper_registry.map_imperatively(CaseHandling, case_handlings, version_id_col=case_handlings.c.version)
    mapper_registry.map_imperatively(Attendance, attendances)
    mapper_registry.map_imperatively(Delegation, delegations)
    mapper_registry.map_imperatively(
        Decision,
        decisions,
        version_id_col=decisions.c.version,
        properties={
            "approvals": relationship(
                Approval, order_by=decision_approvals.c.id, cascade="all, delete-orphan", lazy="selectin"
            )
        },
    )
    mapper_registry.map_imperatively(MinutesApproval, minutes_approvals)
    mapper_registry.map_imperatively(
        Minutes,
        minutes,
        version_id_col=minutes.c.version,
        properties={
            "approvals": relationship(
                MinutesApproval, order_by=minutes_approvals.c.id, cascade="all, delete-orphan", lazy="selectin"
            )
        },
    )
    mapper_registry.map_imperatively(ProgressNote, progress_notes)
    mapper_registry.map_imperatively(Reminder, reminders)
    mapper_registry.map_imperatively(Delivery, deliveries)
    mapper_registry.map_imperatively(CalendarSync, calendar_syncs)
    mapper_registry.map_imperatively(SendLimit, send_limits)
    mapper_registry.map_imperatively(Document, documents)
    mapper_registry.map_imperatively(Measure, measures, version_id_col=measures.c.version)
    mapper_registry.map_imperatively(
        FocusArea,
        focus_areas,
        properties={
            "measures": relationship(Measure, order_by=measures.c.id, cascade="all, delete-orphan", lazy="selectin")
        },
    )
    mapper_registry.map_imperatively(
        ActionPlan,
        action_plans,
        version_id_col=action_plans.c.version,
        properties={
            "areas": relationship(
                FocusArea, order_by=focus_areas.c.number, cascade="all, delete-orphan", lazy="selectin"
            )
        },
    )


_map()
