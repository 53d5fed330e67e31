"""What the use cases hand to the presentation layer: plain, already-resolved data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.model import ApprovalPolicy, BodyKind, CaseStatus, CaseType, MeetingStatus, Role, StandardItem


@dataclass(frozen=True)
class BodyRef:
    key: str
    name: str


@dataclass(frozen=True)
class BodyView:
    key: str
    name: str
    kind: BodyKind
    level: int
    parent_key: str | None
    next_meeting_at: datetime | None
    linked: bool
    approval: ApprovalPolicy = ApprovalPolicy.LEADER


@dataclass(frozen=True)
class MemberView:
    name: str
    role: Role
    represents: str | None


@dataclass(frozen=True)
class MembersView:
    body: BodyRef
    members: list[MemberView]


@dataclass(frozen=True)
class MeetingView:
    body: BodyRef
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    case_count: int


@dataclass(frozen=True)
class MeetingListView:
    body: BodyRef
    meetings: list[MeetingView]


@dataclass(frozen=True)
class CaseView:
    body: BodyRef
    reference: str
    title: str
    case_type: CaseType
    status: CaseStatus
    responsible: str | None
    submitted_by: str | None
    submitted_at: datetime
    background: str | None = None
    proposal: str | None = None
    meeting_at: datetime | None = None


@dataclass(frozen=True)
class CaseListView:
    body: BodyRef
    queued: list[CaseView]
    scheduled: list[CaseView]


@dataclass(frozen=True)
class AgendaItemView:
    position: int
    standard_item: StandardItem | None = None
    case_reference: str | None = None
    title: str | None = None
    case_type: CaseType | None = None
    responsible: str | None = None


@dataclass(frozen=True)
class MeetingAgenda:
    """A meeting's header and agenda lines as stored, before the body is attached."""

    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    items: tuple[AgendaItemView, ...]


@dataclass(frozen=True)
class AgendaView:
    body: BodyRef
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    items: tuple[AgendaItemView, ...] = ()
    changed: bool = False
