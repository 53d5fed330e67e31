"""What the use cases hand to the presentation layer: plain, already-resolved data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from governance.rules.approval import ApproverState
from governance.rules.documents import DocumentKind, FileType
from governance.rules.handling import VoteKind
from governance.rules.model import (
    ApprovalPolicy,
    AttendanceStatus,
    BodyKind,
    CaseStatus,
    CaseType,
    DecisionStatus,
    MeasureStatus,
    MeetingStatus,
    MinutesApprovers,
    MinutesStatus,
    PlanStatus,
    Role,
    StandardItem,
)
from governance.rules.public_access import Exemption, LegalBasis


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
    delegations: tuple[DelegationView, ...] = ()  # authority other bodies gave this one
    quorum: str = "majority"  # the structure file's `quorum:` rule, as stored


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
class MeetingCalendar:
    """What one meeting's own .ics link is made of: the body's calendar secret (the one
    `kalender` gives its members) and the meeting's id. Only the bot knows its public address, so
    the card is given that and puts the link together."""

    body_key: str
    meeting_id: int
    token: str


@dataclass(frozen=True)
class MeetingView:
    body: BodyRef
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    case_count: int
    calendar: MeetingCalendar | None = None  # None: not stored yet, so no link
    organiser: str | None = None  # in whose Outlook calendar the body's invitations are made
    day_off: bool = False  # on a weekend or a public holiday in Norway: the reply says which
    # At a wall-clock time that occurs twice in the autumn night the clocks go back: the first.
    start_in_repeated_hour: bool = False


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
    referred_from: str | None = None  # "LSU 3/2026": where the case came from
    referred_to: str | None = None  # "SSU 5/2026": where it was sent
    assessment: str | None = None
    case_officer: str | None = None  # a stored person's name, or the name written for someone else
    # Every hop of the case from where it began to where it is now ("LSU 3/2026", "SSU 5/2026",
    # "PM 1/2026"), this case among them; empty for a case that was never referred.
    referral_chain: tuple[str, ...] = ()
    decision: str | None = None
    decision_status: DecisionStatus | None = None
    case_id: int | None = None
    # What the paper card sends back, so a save can tell the paper was changed meanwhile.
    version: int = 0
    paper_fingerprint: str = ""
    exemption: Exemption | None = None  # None: public (offentleglova)


@dataclass(frozen=True)
class CaseHit:
    """One case found by `saker søk`."""

    body_key: str
    reference: str
    title: str
    case_type: CaseType
    status: CaseStatus


@dataclass(frozen=True)
class CaseSearchView:
    words: str
    hits: tuple[CaseHit, ...]
    more: int = 0  # matches beyond those listed


@dataclass(frozen=True)
class CaseListView:
    body: BodyRef
    queued: list[CaseView]
    scheduled: list[CaseView]


@dataclass(frozen=True)
class MeasureState:
    """One measure of a plan as stored, for the brief status of the plan; an area without
    measures comes as one row with the measure fields empty."""

    area_number: int
    area_title: str
    measure_id: int | None
    number: str | None
    status: MeasureStatus | None
    due: date | None


@dataclass(frozen=True)
class AreaSummary:
    number: int
    title: str
    status: MeasureStatus  # rolled up from its measures
    measures: int
    ended: int  # finished or closed


@dataclass(frozen=True)
class PlanSummary:
    """The action plan's status in brief: what the standing agenda item and the minutes show."""

    year: int
    counts: tuple[tuple[MeasureStatus, int], ...]  # every status, in order
    overdue: tuple[str, ...]  # the numbers of the overdue measures
    areas: tuple[AreaSummary, ...]

    @property
    def measures(self) -> int:
        return sum(count for _, count in self.counts)


@dataclass(frozen=True)
class AgendaItemView:
    position: int
    standard_item: StandardItem | None = None
    case_reference: str | None = None
    title: str | None = None
    case_type: CaseType | None = None
    responsible: str | None = None
    # The case paper as members read it before the meeting: the proposal on the agenda card, the
    # rest behind a toggle.
    proposal: str | None = None
    background: str | None = None
    assessment: str | None = None
    # The standing "Status handlingsplan <år>" item: the year it reports on, and the plan's
    # status in brief (None when the year has no plan yet).
    plan_year: int | None = None
    plan: PlanSummary | None = None
    # Set in the public version of an exempt case (governance/papers/public_versions.py): the
    # title is then the public title, and nothing of the paper is there.
    exemption: Exemption | None = None


@dataclass(frozen=True)
class MeetingAgenda:
    """A meeting's header and agenda lines as stored, before the body is attached."""

    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    items: tuple[AgendaItemView, ...]
    # The measures of the plan the standing plan status item reports on; None: no such plan.
    plan: tuple[MeasureState, ...] | None = None
    meeting_id: int | None = None  # for the meeting's .ics link
    join_url: str | None = None  # the Teams meeting of its Outlook event, once Graph made one


@dataclass(frozen=True)
class AgendaView:
    body: BodyRef
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    status: MeetingStatus
    items: tuple[AgendaItemView, ...] = ()
    changed: bool = False
    calendar: MeetingCalendar | None = None  # the meeting's .ics link; not part of what was published
    join_url: str | None = None  # the Teams meeting link of its Outlook event; not published content
    meeting_id: int | None = None  # for the card's notice button; not published content


@dataclass(frozen=True)
class DecisionView:
    decision_id: int
    body: BodyRef
    case_reference: str
    case_title: str
    text: str
    status: DecisionStatus
    policy: ApprovalPolicy
    round: int
    meeting_at: datetime | None  # None: a decision between meetings (sirkulasjonssak)
    recorded_by: str
    approvers: tuple[ApproverState, ...]
    rejected_by: str | None = None
    rejection_comment: str | None = None
    final_at: datetime | None = None
    authority: DelegationView | None = None  # delegated authority the decision is taken under
    adopts_plan: int | None = None  # the year of the action plan the decision adopts when final

    @property
    def circulation(self) -> bool:
        return self.meeting_at is None


@dataclass(frozen=True)
class DecisionEntry:
    body_key: str
    case_reference: str
    case_title: str
    text: str
    status: DecisionStatus
    recorded_at: datetime
    final_at: datetime | None
    circulation: bool


@dataclass(frozen=True)
class DecisionRegisterView:
    """Decisions of one body and year, or those matching a search across bodies and years."""

    scope: str  # "SSU 2026", or the words searched for
    search: bool
    entries: tuple[DecisionEntry, ...]
    more: int = 0  # matches beyond those listed


@dataclass(frozen=True)
class AbsenceNotice:
    body: BodyRef
    starts_at: datetime
    name: str
    represents: str | None
    substitute: str | None  # the vara to call, if the body has one free
    substitute_represents: str | None
    notified: bool  # whether the secretariat is told in the body's channel (False: it has none)


@dataclass(frozen=True)
class DelegationView:
    delegation_id: int
    to_body_key: str
    from_body_key: str
    case_reference: str  # the case of the decision that granted it
    matter: str


@dataclass(frozen=True)
class AttendanceLine:
    person_id: int
    name: str
    role: Role
    represents: str | None
    status: AttendanceStatus | None  # None: a substitute not called in
    substitute_for: str | None = None  # the member a called-in substitute stands in for
    note: str | None = None  # the secretariat's free note: "Til stede fra kl. 10.30"
    # The cases (references) this person, present, was disqualified on: they stepped down while
    # each was heard. Filled in for the minutes only.
    stepped_out_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuorumStatement:
    """Whether the meeting was quorate (vedtaksført), as the minutes and the attendance card say it."""

    present: int  # voting members present, a vara standing in included
    seats: int  # voting members of the body
    required: int  # present needed by the body's `quorum:` rule
    quorate: bool


@dataclass(frozen=True)
class AttendanceSheet:
    meeting_id: int
    body: BodyRef
    starts_at: datetime
    lines: tuple[AttendanceLine, ...]
    quorum: QuorumStatement | None = None  # from the lines and the body's rule


@dataclass(frozen=True)
class ProposalLine:
    text: str
    by: str | None = None  # None: the case paper's proposal
    adopted: bool = False


@dataclass(frozen=True)
class HandlingView:
    """How the meeting dealt with a case (behandling, votering, protokolltilførsel); stored in the
    frozen minutes, so every field has a default."""

    outcome: VoteKind | None = None  # None: statements only, no vote recorded
    proposals: tuple[ProposalLine, ...] = ()
    votes_for: int | None = None
    votes_against: int | None = None
    votes_blank: int | None = None
    against: tuple[str, ...] = ()  # names of those voting against, when given
    statements: tuple[tuple[str, str], ...] = ()  # (name, text)


@dataclass(frozen=True)
class HandlingCardView:
    """The handling card of one case at the meeting holding it (`behandling`)."""

    case_id: int
    body: BodyRef
    case_reference: str
    case_title: str
    case_type: CaseType
    proposal: str | None  # what is voted on: the decision worded at the meeting, or the paper's proposal
    voters: tuple[tuple[int, str], ...]  # (person id, name): present with a vote, not disqualified
    attending: tuple[tuple[int, str], ...]  # everyone present, who may put forward or state
    handling: HandlingView | None


@dataclass(frozen=True)
class MinutesItem:
    position: int
    standard_item: StandardItem | None
    case_reference: str | None
    title: str | None
    case_type: CaseType | None
    decision: str | None  # the decision's text, when one was recorded at this meeting
    decision_status: DecisionStatus | None
    disqualified: tuple[tuple[str, str | None], ...] = ()  # (name, reason)
    plan_year: int | None = None  # the standing action plan item, as for the agenda
    plan: PlanSummary | None = None
    # Of the disqualified, those present at the meeting: they stepped down while the case was
    # heard and rejoined after it (older stored minutes have none, and keep their wording).
    stepped_out: tuple[str, ...] = ()
    handling: HandlingView | None = None  # minutes drafted before issue 17 item 1 have none
    # Set in the public version of an exempt case: number, public title and legal basis only.
    exemption: Exemption | None = None


@dataclass(frozen=True)
class MinutesApprovalView:
    """Where a stored version of the minutes stands in its approval."""

    minutes_id: int
    number: int  # the version
    status: MinutesStatus
    policy: ApprovalPolicy
    round: int
    approvers: tuple[ApproverState, ...]
    correction: str | None = None
    approve_at: datetime | None = None  # the meeting that approves them, when moved there
    rejected_by: str | None = None
    rejection_comment: str | None = None
    approved_at: datetime | None = None
    approvers_rule: MinutesApprovers = MinutesApprovers.PRESENT  # the body's `minutes_approval:` as applied


@dataclass(frozen=True)
class MinutesView:
    meeting_id: int
    body: BodyRef
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    attendance: tuple[AttendanceLine, ...]
    items: tuple[MinutesItem, ...]
    approval: MinutesApprovalView | None = None  # None: drafted from the live data, not stored
    community: str = ""  # whose minutes: the author of the Word and PDF files
    # Whether the meeting was quorate; None in minutes stored before quorum was kept, so they load.
    quorum: QuorumStatement | None = None


@dataclass(frozen=True)
class MeasureLine:
    measure_id: int
    number: str  # "3.2"
    title: str
    status: MeasureStatus
    owner: str | None  # a person's or body's name, or the name the plan gives
    due: date | None
    overdue: bool
    year: int
    area_title: str = ""
    can_update: bool = False  # the viewer may change it


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of a measure's history: a status change, a progress note, or the decision that
    adopted the plan it belongs to."""

    at: datetime
    by: str | None  # None: an import
    status_before: MeasureStatus | None  # None: the measure was created or carried over
    status_after: MeasureStatus
    text: str | None
    case: str | None  # "SSU 5/2027": the case (and decision) the entry links to


@dataclass(frozen=True)
class MeasureDetailView:
    line: MeasureLine
    description: str | None
    carried_from: str | None  # "3.2/2026": the same measure in last year's plan
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class AreaReport:
    number: int
    title: str
    groups: tuple[str, ...]
    status: MeasureStatus  # rolled up from its measures
    measures: tuple[MeasureLine, ...]


@dataclass(frozen=True)
class PlanReportView:
    plan_id: int
    year: int
    owner: BodyRef
    status: PlanStatus
    adopted_by: str | None  # the case whose decision adopted the plan
    carried_from_year: int | None
    areas: tuple[AreaReport, ...]
    counts: tuple[tuple[MeasureStatus, int], ...]  # every status, in order
    overdue: int
    put_forward_in: str | None = None  # the open case a draft plan awaits adoption in


@dataclass(frozen=True)
class MeasureListView:
    title_scope: str  # "SSU 2026", "mine"
    mine: bool
    measures: tuple[MeasureLine, ...]


@dataclass(frozen=True)
class ProposedMeeting:
    day: date
    start: time


@dataclass(frozen=True)
class MeetingPlanProposal:
    """The meetings `møteplan` proposes for a body's year, for the secretariat to adjust."""

    body: BodyRef
    year: int
    per_year: int  # the body's meetings_per_year
    proposed: tuple[ProposedMeeting, ...]
    already_planned: tuple[datetime, ...]  # the body's meetings of that year already there
    length_minutes: int | None  # how long the body's meetings usually last; None: no end time


@dataclass(frozen=True)
class MeetingPlanOutcome:
    body: BodyRef
    year: int
    planned: tuple[MeetingView, ...]
    already: int  # proposed meetings that were planned before (a second confirm)


@dataclass(frozen=True)
class YearWheelEntry:
    body: BodyRef
    starts_at: datetime
    status: MeetingStatus


@dataclass(frozen=True)
class YearWheel:
    """Every body's meetings of a year (the årshjul), in the order they are held."""

    year: int
    meetings: tuple[YearWheelEntry, ...]


@dataclass(frozen=True)
class ChangeNotice:
    """What members are told when a called meeting changes: moved, cancelled, or its agenda
    changed after it was published. `old_start` is the start before a move."""

    body: BodyRef
    kind: str  # "moved", "cancelled", "case_added", "case_postponed", "case_withdrawn"
    starts_at: datetime
    old_start: datetime | None = None
    case: str | None = None  # "3/2026 Felles rutine", for agenda changes


@dataclass(frozen=True)
class SubstituteCall:
    """A vara called in for a member who sent apologies."""

    body: BodyRef
    starts_at: datetime
    substitute: str
    substitute_for: str
    place: str | None
    messaged: bool  # whether the vara has a chat with the bot and gets the message there
    meeting_id: int | None = None  # for the message's notice button


@dataclass(frozen=True)
class DocumentView:
    """One document of a case as cards list it; `document_id` is what a download link names."""

    case_reference: str
    number: int
    kind: DocumentKind
    title: str
    document_id: int
    file_type: FileType | None = None
    size: int | None = None
    url: str | None = None  # a link's address (a stored file is reached through a signed link)
    exemption_basis: LegalBasis | None = None  # exempt from public access on its own; None: public


@dataclass(frozen=True)
class CaseDocumentsView:
    body: BodyRef
    reference: str
    title: str
    documents: tuple[DocumentView, ...]


@dataclass(frozen=True)
class DocumentChange:
    """An attached or removed document, and the case it belongs to."""

    case: CaseDocumentsView
    document: DocumentView


def not_decided_cases(minutes: MinutesView) -> frozenset[str]:
    """The cases the meeting did not decide (utsatt i møtet): settled for the minutes' approval."""
    return frozenset(
        item.case_reference
        for item in minutes.items
        if item.case_reference and item.handling is not None and item.handling.outcome is VoteKind.NOT_DECIDED
    )
