"""Importing a helsefellesskap's structure file: bodies, people, memberships, secretariat.

The import is idempotent: importing the same file twice changes nothing, a changed file updates
in place, and members left out of a body's list leave that body. Every change of who belongs
where (a member or secretariat member added or removed, a role or represented party changed) is
audited with what it was before and after, since roles decide who approves and who is reminded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from governance.calendar.calendar_sync import request_body_calendar_sync
from governance.ports import UnitOfWork
from governance.reminders.reminder_planning import plan_meeting_reminders
from governance.rules.errors import DomainError
from governance.rules.file_problems import InvalidFile, identity_number_problems, not_a_mapping, problems_from
from governance.rules.model import (
    ApprovalPolicy,
    AuditEvent,
    Body,
    BodyKind,
    Community,
    Membership,
    MinutesApprovers,
    Person,
    Role,
    SecretariatMember,
    level_for,
)
from governance.rules.quorum import MAJORITY, parse_quorum
from governance.rules.reminders import MAX_DAYS_AHEAD, POLICY_RULES, AgendaMode, ReminderPolicy
from governance.rules.retention import DEFAULTS, LONGEST, MINIMUM, RetentionClass, RetentionPolicy, Unit
from governance.structure.structure_checks import file_problems, stored_problems

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+$"
# Entra ids (tenants, object ids) as Teams sends them.
GUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class PersonSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=320, pattern=EMAIL_PATTERN)
    aad_object_id: str | None = Field(default=None, max_length=64)

    @field_validator("email")
    @classmethod
    def lower_email(cls, value: str) -> str:
        return value.strip().lower()


class MemberSpec(PersonSpec):
    role: Role = Role.MEDLEM
    represents: str | None = Field(default=None, max_length=200)


class RemindersSpec(BaseModel):
    """A body's `reminders:`; what is left out keeps the default."""

    model_config = ConfigDict(extra="forbid")

    case_deadline_days: int = Field(default=14, ge=1, le=MAX_DAYS_AHEAD)
    agenda_days: int = Field(default=7, ge=1, le=MAX_DAYS_AHEAD)
    agenda_mode: AgendaMode = AgendaMode.PUBLISH
    meeting_eve: bool = True

    @model_validator(mode="after")
    def consistent(self) -> RemindersSpec:
        """The policy checks its own consistency (the agenda after the deadline); its refusal is
        reported at this body's `reminders:`, and nothing of the file is imported."""
        try:
            self.policy()
        except DomainError as error:
            values = ", ".join(f"{name} {value}" for name, value in error.params.items())
            raise ValueError(f"{POLICY_RULES[error.code]} ({values})") from None
        return self

    def policy(self) -> ReminderPolicy:
        return ReminderPolicy(self.case_deadline_days, self.agenda_days, self.agenda_mode, self.meeting_eve)


def _retention_length(unit: Unit, default: int) -> Any:
    return Field(default=default, ge=MINIMUM.length, le=LONGEST[unit])


class RetentionSpec(BaseModel):
    """The community's `retention:`, one key per class with its unit in the name; what is left out
    keeps the default (governance/rules/retention.py, stated in the README)."""

    model_config = ConfigDict(extra="forbid")

    sent_messages_days: int = _retention_length(Unit.DAYS, DEFAULTS[RetentionClass.SENT_MESSAGES].length)
    activity_ids_days: int = _retention_length(Unit.DAYS, DEFAULTS[RetentionClass.ACTIVITY_IDS].length)
    refused_input_months: int = _retention_length(Unit.MONTHS, DEFAULTS[RetentionClass.REFUSED_INPUT].length)
    superseded_drafts_days: int = _retention_length(Unit.DAYS, DEFAULTS[RetentionClass.SUPERSEDED_DRAFTS].length)
    detached_documents_days: int = _retention_length(Unit.DAYS, DEFAULTS[RetentionClass.DETACHED_DOCUMENTS].length)
    unattached_uploads_days: int = _retention_length(Unit.DAYS, DEFAULTS[RetentionClass.UNATTACHED_UPLOADS].length)
    former_members_months: int = _retention_length(Unit.MONTHS, DEFAULTS[RetentionClass.FORMER_MEMBERS].length)

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy.from_file(self.model_dump())


def _canonical_quorum(value: object) -> str:
    return parse_quorum(value).text


class BodySpec(BaseModel):
    # Unknown keys are accepted, so a file written for a newer version still imports.
    model_config = ConfigDict(extra="allow")

    key: str = Field(min_length=1, max_length=40, pattern=r"^[^\s/:]+$")
    name: str = Field(min_length=1, max_length=200)
    kind: BodyKind
    parent: str | None = None
    meetings_per_year: int | None = Field(default=None, ge=0, le=100)
    approval: ApprovalPolicy = ApprovalPolicy.LEADER
    # Who approves the minutes: those present (default), two signatories, or the next meeting.
    minutes_approval: MinutesApprovers = MinutesApprovers.PRESENT
    # Quorum: `majority` (default, more than half the voting seats), a number, or a share "2/3";
    # kept in its canonical text, so the database and the audit read as the file does.
    quorum: Annotated[str, BeforeValidator(_canonical_quorum)] = MAJORITY
    any_other_business: bool = True  # `any_other_business: false`: agendas without "Eventuelt"
    reminders: RemindersSpec = Field(default_factory=RemindersSpec)
    # In whose Outlook calendar the meetings are created (Microsoft Graph); none: no invitations.
    organiser: str | None = Field(default=None, min_length=3, max_length=320, pattern=EMAIL_PATTERN)
    members: list[MemberSpec] = Field(default_factory=list)

    @field_validator("organiser")
    @classmethod
    def lower_organiser(cls, value: str | None) -> str | None:
        return value.strip().lower() if value else None


class StructureSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    community: str = Field(min_length=1, max_length=200)
    timezone: str = "Europe/Oslo"
    # Compared with the tenant id of each activity: anything but a GUID would never match.
    tenants: list[Annotated[str, Field(pattern=GUID_PATTERN)]] = Field(default_factory=list)
    secretariat: list[PersonSpec] = Field(default_factory=list)
    bodies: list[BodySpec]
    # The innsyn page (/innsyn/): published agendas, approved minutes and final decisions for anyone.
    public_records: bool = False
    retention: RetentionSpec = Field(default_factory=RetentionSpec)

    @field_validator("timezone")
    @classmethod
    def known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected a time zone like Europe/Oslo") from None
        return value


def parse_structure(data: Any) -> StructureSpec:
    """The file's contents checked whole; InvalidFile lists every problem at its place."""
    if problems := not_a_mapping(data, "community: and bodies:"):
        raise InvalidFile("structure_invalid", problems)
    if problems := identity_number_problems(data):
        raise InvalidFile("structure_invalid", problems)
    try:
        spec = StructureSpec.model_validate(data)
    except ValidationError as error:
        raise InvalidFile("structure_invalid", problems_from(error)) from error
    problems = file_problems(spec)
    if problems:
        raise InvalidFile("structure_invalid", problems)
    return spec


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass(frozen=True)
class _ImportAudit:
    """Audit events of one import: the file's operator is not a Teams user, so no actor is named."""

    uow: UnitOfWork
    at: datetime

    async def __call__(self, action: str, subject: str, **details: object) -> None:
        await self.uow.audit.add(
            AuditEvent(at=self.at, action=action, subject=subject, details={"source": "structure_import", **details})
        )


def _place(membership: Membership) -> dict[str, str | None]:
    """What the audit keeps of a membership, before or after a change."""
    return {"role": Role(membership.role).value, "represents": membership.represents}


def assign_changed(target: object, values: dict[str, Any]) -> bool:
    """Sets the attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed


async def _upsert_person(uow: UnitOfWork, spec: PersonSpec, report: ImportReport) -> Person:
    person = await uow.persons.by_email(spec.email)
    if person is None:
        report.created["persons"] += 1
        return await uow.persons.add(Person(name=spec.name, email=spec.email, aad_object_id=spec.aad_object_id))
    values: dict[str, Any] = {"name": spec.name}
    # A file without an object id keeps the one learnt earlier (from Teams or an earlier file).
    if spec.aad_object_id:
        values["aad_object_id"] = spec.aad_object_id
    if assign_changed(person, values):
        report.updated["persons"] += 1
    return person


async def _upsert_community(
    uow: UnitOfWork, spec: StructureSpec, report: ImportReport, audit: _ImportAudit
) -> Community:
    community = await uow.communities.by_name(spec.community)
    if community is None:
        report.created["communities"] += 1
        community = await uow.communities.add(
            Community(
                name=spec.community,
                timezone=spec.timezone,
                tenants=list(spec.tenants),
                public_records=spec.public_records,
                retention=spec.retention.policy().as_file(),
            )
        )
        if spec.public_records:
            await _audit_public_records(audit, community, False)
        await _audit_retention(audit, community, None)
        return community
    public_before, retention_before = community.public_records, community.retention
    values = {
        "timezone": spec.timezone,
        "tenants": list(spec.tenants),
        "public_records": spec.public_records,
        "retention": spec.retention.policy().as_file(),
    }
    if assign_changed(community, values):
        report.updated["communities"] += 1
    if community.public_records != public_before:
        await _audit_public_records(audit, community, public_before)
    await _audit_retention(audit, community, retention_before)
    return community


async def _audit_retention(audit: _ImportAudit, community: Community, before: dict[str, int] | None) -> None:
    """How long records are kept before they are deleted is a decision the audit keeps, when it
    differs from what held before (a community stored before retention existed had the defaults)."""
    before_policy, after_policy = RetentionPolicy.from_file(before), RetentionPolicy.from_file(community.retention)
    if before_policy == after_policy:
        return
    await audit(
        "structure.retention_changed",
        f"community:{community.id}",
        before=before_policy.as_file(),
        after=after_policy.as_file(),
    )


async def _audit_public_records(audit: _ImportAudit, community: Community, before: bool) -> None:
    """Whether anyone may read the community's papers at /innsyn/ is a decision the audit keeps."""
    await audit(
        "structure.public_records_changed",
        f"community:{community.id}",
        before={"public_records": before},
        after={"public_records": community.public_records},
    )


async def _sync_secretariat(
    uow: UnitOfWork, community: Community, people: list[Person], report: ImportReport, audit: _ImportAudit
) -> None:
    assert community.id is not None
    subject = f"community:{community.id}"
    wanted = {person.id for person in people}
    current = await uow.secretariat.members(community.id)
    for member in current:
        if member.person_id not in wanted:
            await uow.secretariat.remove(member)
            report.removed["secretariat"] += 1
            await audit("structure.secretariat_removed", subject, person=member.person_id)
    present = {member.person_id for member in current}
    for person in people:
        if person.id not in present:
            assert person.id is not None
            await uow.secretariat.add(SecretariatMember(community_id=community.id, person_id=person.id))
            report.created["secretariat"] += 1
            await audit("structure.secretariat_added", subject, person=person.id)


async def _sync_members(
    uow: UnitOfWork, body: Body, specs: list[MemberSpec], report: ImportReport, audit: _ImportAudit
) -> bool:
    """Brings the body's memberships in line with the file; True when any changed."""
    assert body.id is not None
    subject = f"body:{body.key}"
    changed = False
    current = {membership.person_id: membership for membership, _ in await uow.memberships.for_body(body.id)}
    seen: set[int] = set()
    for spec in specs:
        persons_changed = report.created["persons"] + report.updated["persons"]
        person = await _upsert_person(uow, spec, report)
        # A new or renamed person changes the invitations' attendees too.
        changed |= report.created["persons"] + report.updated["persons"] != persons_changed
        assert person.id is not None
        seen.add(person.id)
        membership = current.get(person.id)
        if membership is None:
            added = Membership(body_id=body.id, person_id=person.id, role=spec.role, represents=spec.represents)
            await uow.memberships.add(added)
            report.created["memberships"] += 1
            changed = True
            await audit("structure.member_added", subject, person=person.id, after=_place(added))
            continue
        before = _place(membership)
        if assign_changed(membership, {"role": spec.role, "represents": spec.represents}):
            report.updated["memberships"] += 1
            changed = True
            # A demotion (leder to medlem, medlem to vara) takes approval rights away: audited as
            # any change, with both sides, so the log shows who lost which right when.
            await audit("structure.member_changed", subject, person=person.id, before=before, after=_place(membership))
    for person_id, membership in current.items():
        if person_id not in seen:
            await uow.memberships.remove(membership)
            report.removed["memberships"] += 1
            changed = True
            await audit("structure.member_removed", subject, person=person_id, before=_place(membership))
    return changed


def _in_parent_order(specs: list[BodySpec]) -> list[BodySpec]:
    """Bodies sorted so every parent comes before its children (levels depend on parents)."""
    by_key = {spec.key.upper(): spec for spec in specs}
    ordered: list[BodySpec] = []
    visiting: set[str] = set()

    def visit(spec: BodySpec) -> None:
        key = spec.key.upper()
        if spec in ordered:
            return
        if key in visiting:
            raise DomainError("structure_invalid", details=f"parent cycle at {spec.key}")
        visiting.add(key)
        if spec.parent:
            visit(by_key[spec.parent.upper()])
        ordered.append(spec)

    for spec in specs:
        visit(spec)
    return ordered


async def import_structure(uow: UnitOfWork, spec: StructureSpec, now: datetime | None = None) -> ImportReport:
    """Imports the file, updating in place. With `now`, a body whose reminder policy changed has
    its upcoming meetings' reminders planned again, as `påminnelser` does."""
    problems = await stored_problems(uow, spec)
    if problems:
        raise InvalidFile("structure_invalid", problems)
    report = ImportReport()
    audit = _ImportAudit(uow, now or datetime.now(UTC))
    community = await _upsert_community(uow, spec, report, audit)
    assert community.id is not None
    secretariat = [await _upsert_person(uow, person, report) for person in spec.secretariat]
    await _sync_secretariat(uow, community, secretariat, report, audit)
    imported: dict[str, Body] = {}
    for body_spec in _in_parent_order(spec.bodies):
        parent = imported.get(body_spec.parent.upper()) if body_spec.parent else None
        values: dict[str, Any] = {
            "community_id": community.id,
            "key": body_spec.key,
            "name": body_spec.name,
            "kind": body_spec.kind,
            "level": level_for(body_spec.kind, parent.level if parent else None),
            "meetings_per_year": body_spec.meetings_per_year,
            "parent_id": parent.id if parent else None,
            "approval": body_spec.approval,
            "minutes_approval": body_spec.minutes_approval,
            "quorum": body_spec.quorum,
            "any_other_business": body_spec.any_other_business,
            "reminders": body_spec.reminders.policy(),
            "organiser": body_spec.organiser,
        }
        body = await uow.bodies.by_key(body_spec.key)
        organiser_before: str | None = None
        if body is None:
            body = await uow.bodies.add(Body(**values))
            report.created["bodies"] += 1
        else:
            policy_before, organiser_before = body.reminders, body.organiser
            quorum_before = body.quorum
            if assign_changed(body, values):
                report.updated["bodies"] += 1
            if body.quorum != quorum_before:
                # Quorum decides whether a meeting may decide at all: the log keeps each change.
                await audit(
                    "structure.quorum_changed",
                    f"body:{body.key}",
                    before={"quorum": quorum_before},
                    after={"quorum": body.quorum},
                )
            if now is not None and body.reminders != policy_before and body.id is not None:
                for meeting in await uow.meetings.upcoming(body.id, now):
                    await plan_meeting_reminders(uow, body, meeting, now)
        imported[body_spec.key.upper()] = body
        members_changed = await _sync_members(uow, body, body_spec.members, report, audit)
        if now is not None and (members_changed or body.organiser != organiser_before):
            # The invitations' organiser or attendees changed: upcoming events follow.
            await request_body_calendar_sync(uow, body, now)
    await uow.flush()
    return report
