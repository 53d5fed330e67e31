"""The governance domain: bodies, people, meetings, cases and agendas.

Plain classes with the rules that keep them consistent. Storage maps them to tables
imperatively (storage/orm.py), so nothing here imports a database library.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from governance.rules.errors import DomainError
from governance.rules.oslo_time import oslo_date, oslo_year
from governance.rules.public_access import Exemption, LegalBasis, clean_public_title
from governance.rules.reminders import ReminderPolicy


class BodyKind(StrEnum):
    PARTNERSKAPSMOTE = "partnerskapsmote"
    STRATEGISK = "strategisk"
    LOKALT = "lokalt"
    FAGLIG = "faglig"
    ARBEIDSUTVALG = "arbeidsutvalg"
    FAGRAD = "fagrad"
    ARBEIDSGRUPPE = "arbeidsgruppe"


class Role(StrEnum):
    LEDER = "leder"
    NESTLEDER = "nestleder"
    MEDLEM = "medlem"
    VARA = "vara"
    SEKRETAER = "sekretær"
    OBSERVATOR = "observatør"


class MeetingStatus(StrEnum):
    PLANLAGT = "planlagt"
    INNKALT = "innkalt"
    AVHOLDT = "avholdt"
    AVLYST = "avlyst"


class CaseType(StrEnum):
    VEDTAKSSAK = "vedtakssak"
    DROFTINGSSAK = "drøftingssak"
    ORIENTERINGSSAK = "orienteringssak"


class CaseStatus(StrEnum):
    INNMELDT = "innmeldt"
    SATT_OPP = "satt opp"
    BEHANDLET = "behandlet"
    UTSATT = "utsatt"
    TRUKKET = "trukket"


class ApprovalPolicy(StrEnum):
    """Whose approval makes a body's decision final (the structure file's `approval:`)."""

    LEADER = "leader"
    LEADER_AND_ONE_MEMBER = "leader_and_one_member"
    ALL_MEMBERS = "all_members"
    MAJORITY = "majority"


class MinutesApprovers(StrEnum):
    """Who approves a body's minutes (the structure file's `minutes_approval:`)."""

    PRESENT = "present"  # the voting members present at the meeting, a vara standing in included
    SIGNATORIES = "signatories"  # two members present, chosen at the meeting to sign
    NEXT_MEETING = "next_meeting"  # approved as an item of the next meeting, by its voting members


class DecisionStatus(StrEnum):
    TIL_GODKJENNING = "til godkjenning"  # recorded, waiting for the approvers
    UTKAST = "utkast"  # returned by a rejection; the secretariat words it again
    VEDTATT = "vedtatt"  # approved as the policy demands; final


class MinutesStatus(StrEnum):
    TIL_GODKJENNING = "til godkjenning"  # drafted, waiting for the approvers
    NESTE_MOTE = "godkjennes i neste møte"  # approval is an item of the body's next meeting
    UTKAST = "utkast"  # returned by a rejection; the secretariat drafts it again
    GODKJENT = "godkjent"  # approved as the policy demands; locked


class MeasureStatus(StrEnum):
    IKKE_STARTET = "ikke startet"
    PAGAENDE = "pågående"
    FULLFORT = "fullført"
    UTSATT = "utsatt"
    AVSLUTTET = "avsluttet"


# A measure in one of these is done with: it is not overdue and does not carry over to next year.
ENDED_MEASURE_STATUSES = frozenset({MeasureStatus.FULLFORT, MeasureStatus.AVSLUTTET})


class PlanStatus(StrEnum):
    UTKAST = "utkast"
    VEDTATT = "vedtatt"


# The four patient groups the national health and hospital plan asks every helsefellesskap to
# prioritise; focus areas may name local groups besides.
NATIONAL_PATIENT_GROUPS = (
    "skrøpelige eldre",
    "personer med flere kroniske lidelser",
    "barn og unge",
    "personer med alvorlige psykiske lidelser og rusproblemer",
)


class Verdict(StrEnum):
    GODKJENT = "godkjent"
    AVVIST = "avvist"


# Roles that vote on a body's decisions; deputies (vara) vote only when called in, observers and
# secretaries never.
VOTING_ROLES = frozenset({Role.LEDER, Role.NESTLEDER, Role.MEDLEM})


class AttendanceStatus(StrEnum):
    FORFALL = "forfall"  # reported absence before the meeting
    TIL_STEDE = "til stede"
    FRAVAERENDE = "fraværende"  # absent without notice


class StandardItem(StrEnum):
    """Agenda items that are not numbered cases: every level-1 and level-2 meeting opens with the
    first two, and a level-2 committee hears the action plan's status at every meeting."""

    APPROVE_NOTICE = "approve_notice"
    APPROVE_MINUTES = "approve_minutes"
    PLAN_STATUS = "plan_status"  # "Status handlingsplan <år>", an orientation item
    # "Eventuelt": matters raised at the meeting, last on every agenda of a body that keeps it.
    # It is not stored: it belongs to every meeting alike, and cases set up later go before it.
    ANY_OTHER_BUSINESS = "any_other_business"


OPENING_ITEMS: tuple[StandardItem, ...] = (StandardItem.APPROVE_NOTICE, StandardItem.APPROVE_MINUTES)
# Standing items that stay at the end of the agenda: cases set up later go in before them.
CLOSING_ITEMS: frozenset[StandardItem] = frozenset({StandardItem.PLAN_STATUS})
# Bodies plan a year or two ahead; five years leaves room for any real plan.
PLANNING_HORIZON_YEARS = 5
QUEUED_STATUSES = frozenset({CaseStatus.INNMELDT, CaseStatus.UTSATT})
UPCOMING_STATUSES = frozenset({MeetingStatus.PLANLAGT, MeetingStatus.INNKALT})
CLOSED_CASE_STATUSES = frozenset({CaseStatus.BEHANDLET, CaseStatus.TRUKKET})
CALENDAR_TOKEN_BYTES = 24  # 32 URL-safe characters


def new_calendar_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def level_for(kind: BodyKind, parent_level: int | None) -> int:
    """The national level of a body: 1 partnership, 2 strategic, 3 professional/local.

    A working committee (AU) works on behalf of its parent, so it shares the parent's level.
    """
    if kind is BodyKind.PARTNERSKAPSMOTE:
        return 1
    if kind is BodyKind.STRATEGISK:
        return 2
    if kind is BodyKind.ARBEIDSUTVALG:
        return parent_level if parent_level is not None else 2
    return 3


@dataclass(eq=False)
class Community:
    name: str
    timezone: str = "Europe/Oslo"
    tenants: list[str] = field(default_factory=list)
    id: int | None = None
    # Whether anyone may read the published papers at /innsyn/ (issue 18): the structure file's
    # `public_records: true`. Off by default, so turning a community public is a decision.
    public_records: bool = False
    # How long the bot keeps what it no longer needs (the structure file's `retention:`, every
    # class's length; None: the defaults of governance/rules/retention.py).
    retention: dict[str, int] | None = None


@dataclass(eq=False)
class Person:
    name: str
    email: str
    aad_object_id: str | None = None
    # The Teams user id ("29:..."), learnt when the person first writes to the bot; cards that
    # refresh per user name their viewers by it.
    teams_user_id: str | None = None
    id: int | None = None


@dataclass(eq=False)
class Body:
    community_id: int
    key: str
    name: str
    kind: BodyKind
    level: int
    meetings_per_year: int | None = None
    parent_id: int | None = None
    linked_conversation_id: str | None = None
    approval: ApprovalPolicy = ApprovalPolicy.LEADER
    minutes_approval: MinutesApprovers = MinutesApprovers.PRESENT
    # The structure file's `quorum:` as text ("majority", "5", "2/3"); read by rules/quorum.py.
    quorum: str = "majority"
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    # The secret in the body's calendar feed link (a capability URL); renewing it revokes the old.
    # A body has it from its creation, so that showing its meetings never has to write one.
    calendar_token: str | None = field(default_factory=new_calendar_token)
    # The email of the person in whose Outlook calendar the meetings are created (Graph).
    organiser: str | None = None
    any_other_business: bool = True  # agendas end with "Eventuelt" (the structure file may say no)
    id: int | None = None

    @property
    def reports_on_plan(self) -> bool:
        """A level-2 committee (the SSU and its like) hears the action plan's status at every
        meeting; its working committee (AU) only prepares those meetings, so it does not."""
        return self.level == 2 and self.kind is not BodyKind.ARBEIDSUTVALG

    def renew_calendar_token(self) -> str:
        """A new feed secret: the old link stops working at once."""
        self.calendar_token = new_calendar_token()
        return self.calendar_token


@dataclass(eq=False)
class Membership:
    body_id: int
    person_id: int
    role: Role
    represents: str | None = None
    id: int | None = None


@dataclass(eq=False)
class SecretariatMember:
    """A person who serves as secretariat for every body of a community."""

    community_id: int
    person_id: int
    id: int | None = None


@dataclass(eq=False)
class Case:
    body_id: int
    year: int
    number: int
    title: str
    submitted_by_id: int
    submitted_at: datetime
    case_type: CaseType = CaseType.VEDTAKSSAK
    status: CaseStatus = CaseStatus.INNMELDT
    background: str | None = None
    proposal: str | None = None
    responsible_id: int | None = None
    # A case sent to another body lives on there under a new number; both ends keep the link.
    referred_from_id: int | None = None
    referred_to_id: int | None = None
    # The case paper (saksfremlegg) besides background and proposal: the assessment, and the case
    # officer, who is a stored person or, for someone outside the structure, only a name.
    assessment: str | None = None
    case_officer_id: int | None = None
    case_officer_name: str | None = None
    version: int = 1
    id: int | None = None
    # Public access (offentleglova): None is public; an exempt case names its legal basis and may
    # have a public title with the sensitive words replaced by *****.
    exemption_basis: LegalBasis | None = None
    public_title: str | None = None

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def exemption(self) -> Exemption | None:
        if self.exemption_basis is None:
            return None
        return Exemption(self.exemption_basis, self.public_title)

    def public_access(self) -> dict[str, object]:
        """What the audit log keeps of the case's public access, before and after a change."""
        return {
            "exemption_basis": self.exemption_basis.value if self.exemption_basis else None,
            "public_title": self.public_title,
        }

    def exempt(self, basis: LegalBasis) -> None:
        """Exempts the case under `basis`, or names another basis for an exempt one. A closed case
        may be exempted too: public access applies to what is archived."""
        if self.exemption_basis is basis:
            raise DomainError("exemption_unchanged", case=self.reference, basis=basis.value)
        self.exemption_basis = basis

    def lift_exemption(self) -> None:
        """The case is public again; its public title goes with the exemption (the title is public)."""
        if self.exemption_basis is None:
            raise DomainError("case_not_exempt", case=self.reference)
        self.exemption_basis = None
        self.public_title = None

    def set_public_title(self, text: str) -> None:
        """Only an exempt case has a public title besides its own: a public case's title is public."""
        if self.exemption_basis is None:
            raise DomainError("public_title_needs_exemption", case=self.reference)
        self.public_title = clean_public_title(text)

    @property
    def paper(self) -> CasePaper:
        return CasePaper(
            title=self.title,
            case_type=self.case_type,
            background=self.background,
            assessment=self.assessment,
            proposal=self.proposal,
            officer_id=self.case_officer_id,
            officer_name=self.case_officer_name,
        )

    def paper_writable_by(self, person_id: int | None, *, manages_body: bool) -> bool:
        """Who may write the paper: the secretariat or the body's leader or secretary, the case
        officer, and whoever registered the case as long as it waits in the queue (once it is on
        an agenda, what members have been sent is the secretariat's to change)."""
        if manages_body:
            return True
        if person_id is None:
            return False
        return person_id == self.case_officer_id or (person_id == self.submitted_by_id and self.in_queue)

    def rewrite(self, paper: CasePaper) -> dict[str, tuple[object, object]]:
        """Writes the paper; returns each changed field with its value before and after.

        A decided or withdrawn case keeps the paper it was dealt with on, and an orienteringssak
        proposes nothing for decision."""
        self.ensure_open()
        if paper.case_type is CaseType.ORIENTERINGSSAK and paper.proposal:
            raise DomainError("information_case_has_no_proposal", case=self.reference)
        changes: dict[str, tuple[object, object]] = {}
        for name, value in paper.fields().items():
            before = self.paper.fields()[name]
            if before != value:
                changes[name] = (before, value)
        self.title = paper.title
        self.case_type = paper.case_type
        self.background = paper.background
        self.assessment = paper.assessment
        self.proposal = paper.proposal
        self.case_officer_id = paper.officer_id
        self.case_officer_name = paper.officer_name
        return changes

    @property
    def in_queue(self) -> bool:
        return self.status in QUEUED_STATUSES

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_CASE_STATUSES

    def ensure_open(self) -> None:
        if self.closed:
            raise DomainError("case_closed", case=self.reference, status=self.status)

    def set_up(self) -> None:
        """The case is put on an agenda: only from the queue, and only once."""
        if self.status is CaseStatus.SATT_OPP:
            raise DomainError("case_already_scheduled", case=self.reference)
        if not self.in_queue:
            raise DomainError("case_not_in_queue", case=self.reference, status=self.status)
        self.status = CaseStatus.SATT_OPP

    def leave_agenda(self, then: CaseStatus) -> None:
        """Off its agenda: back in the queue, postponed, withdrawn, or dealt with."""
        moves = {
            CaseStatus.INNMELDT: self.return_to_queue,
            CaseStatus.UTSATT: self.postpone,
            CaseStatus.TRUKKET: self.withdraw,
            CaseStatus.BEHANDLET: self.mark_dealt_with,
        }
        if then not in moves:
            # A caller's mistake, not the user's: no case is taken off an agenda to be set up.
            raise ValueError(f"a case does not leave an agenda as {then}")
        moves[then]()

    def return_to_queue(self) -> None:
        """Its meeting was cancelled: the case waits to be set up again."""
        self.ensure_open()
        self.status = CaseStatus.INNMELDT

    def postpone(self) -> None:
        self.ensure_open()
        self.status = CaseStatus.UTSATT

    def take_up_again(self) -> None:
        """Marked not decided at a meeting by mistake: back on that meeting's agenda, where its
        item stayed (the minutes record how a meeting dealt with every case it had)."""
        if self.status is CaseStatus.UTSATT:
            self.status = CaseStatus.SATT_OPP

    def withdraw(self) -> None:
        """Withdrawn for good; its number stays taken so the series has no gaps."""
        self.ensure_open()
        self.status = CaseStatus.TRUKKET

    def mark_dealt_with(self) -> None:
        """Its handling in this body has ended: a final decision, or a referral to another body
        (which checks first that the case is open). A decision that became final stands even on a
        case closed meanwhile, so this one refuses nothing."""
        self.status = CaseStatus.BEHANDLET


@dataclass(frozen=True)
class CasePaper:
    """What a case says, as one value: title, type, the paper's three texts and the officer."""

    title: str
    case_type: CaseType
    background: str | None = None
    assessment: str | None = None
    proposal: str | None = None
    officer_id: int | None = None
    officer_name: str | None = None  # only when the officer is no stored person

    def fingerprint(self) -> str:
        """A short digest of what the paper says: a card carries it, so a save can tell a paper
        someone changed from a case whose row moved for another reason (set up on an agenda)."""
        canonical = json.dumps(self.fields(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def fields(self) -> dict[str, object]:
        return {
            "title": self.title,
            "case_type": self.case_type.value,
            "background": self.background,
            "assessment": self.assessment,
            "proposal": self.proposal,
            "case_officer_id": self.officer_id,
            "case_officer_name": self.officer_name,
        }


@dataclass(eq=False)
class AgendaItem:
    position: int
    case: Case | None = None
    standard_item: StandardItem | None = None
    plan_year: int | None = None  # "Status handlingsplan <år>": the year of the meeting, in Oslo
    meeting_id: int | None = None
    case_id: int | None = None
    id: int | None = None


@dataclass(eq=False)
class Meeting:
    body_id: int
    starts_at: datetime
    ends_at: datetime | None = None
    place: str | None = None
    status: MeetingStatus = MeetingStatus.PLANLAGT
    published_fingerprint: str | None = None
    published_at: datetime | None = None
    items: list[AgendaItem] = field(default_factory=list)
    # Counts agenda changes. It lives on the meeting's own row, so two people changing the same
    # agenda at once collide on the meeting's version instead of both appending at one position.
    agenda_revision: int = 0
    # Counts changes calendars must see (moved, cancelled): the iCalendar SEQUENCE of the event.
    calendar_sequence: int = 0
    version: int = 1
    id: int | None = None

    @property
    def is_upcoming(self) -> bool:
        return self.status in UPCOMING_STATUSES

    @property
    def cases(self) -> list[Case]:
        return [item.case for item in self.items if item.case is not None]

    def open_agenda(self, body_level: int, *, plan_status: bool = False) -> None:
        """Level-1 and level-2 meetings open with approval of the notice and the previous minutes;
        with `plan_status` the agenda ends with the action plan's status report."""
        if self.items:
            return
        standing = list(OPENING_ITEMS) if body_level <= 2 else []
        if plan_status:
            standing.append(StandardItem.PLAN_STATUS)
        for position, standard in enumerate(standing, start=1):
            self.items.append(AgendaItem(position=position, standard_item=standard))
        self._date_plan_status()

    def _date_plan_status(self) -> None:
        """The plan status item reports on the plan of the year the meeting is held in."""
        for item in self.items:
            if item.standard_item is StandardItem.PLAN_STATUS:
                item.plan_year = oslo_year(self.starts_at)

    def ensure_changeable(self) -> None:
        if not self.is_upcoming:
            raise DomainError("meeting_not_upcoming", status=self.status)

    def add_case(self, case: Case) -> None:
        self.ensure_changeable()
        case.set_up()
        closing = [index for index, item in enumerate(self.items) if item.standard_item in CLOSING_ITEMS]
        at = closing[0] if closing else len(self.items)
        self.items.insert(at, AgendaItem(position=at + 1, case=case))
        self._renumber()
        self.agenda_revision += 1

    def remove_case(self, case: Case, then: CaseStatus) -> None:
        """Takes a case off this agenda and closes the gap in the numbering; the case moves on to
        `then` by its own rules."""
        self.items[:] = [item for item in self.items if item.case is not case]
        self._renumber()
        self.agenda_revision += 1
        case.leave_agenda(then)

    def _renumber(self) -> None:
        for position, item in enumerate(self.items, start=1):
            item.position = position

    def move(self, starts_at: datetime, ends_at: datetime | None, now: datetime) -> None:
        self.ensure_changeable()
        ensure_future(starts_at, now)
        ensure_within_horizon(oslo_date(starts_at), oslo_date(now))
        ensure_ends_after_start(starts_at, ends_at)
        if starts_at == self.starts_at and ends_at == self.ends_at:
            # A move to where it is would tell members, calendars and reminders of a change that
            # is none; refusing it leaves all of them as they were.
            raise DomainError("meeting_not_moved", when=self.starts_at)
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.calendar_sequence += 1
        self._date_plan_status()

    def cancel(self) -> list[Case]:
        """Cancels the meeting; its cases go back to the queue so they can be set up again."""
        self.ensure_changeable()
        returned = self.cases
        for case in returned:
            self.remove_case(case, CaseStatus.INNMELDT)
        self.status = MeetingStatus.AVLYST
        self.calendar_sequence += 1
        return returned

    def mark_called(self, digest: str, at: datetime) -> None:
        """The agenda went out: the meeting is called, and the digest kept so that only a changed
        agenda goes out again."""
        self.ensure_changeable()
        self.published_fingerprint = digest
        self.published_at = at
        self.status = MeetingStatus.INNKALT

    def mark_held(self, now: datetime) -> None:
        """A meeting that has begun is held; before its start, or once held, nothing changes."""
        if self.status is MeetingStatus.AVLYST:
            raise DomainError("meeting_not_upcoming", status=self.status)
        if self.status is not MeetingStatus.AVHOLDT and self.starts_at <= now:
            self.status = MeetingStatus.AVHOLDT


def ensure_future(starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise DomainError("meeting_in_past")


def planning_horizon(today: date) -> date:
    """The last day a meeting may be planned for: five years from today. A later date (the year
    3000, 9999) is a typing mistake, not a plan."""
    try:
        return today.replace(year=today.year + PLANNING_HORIZON_YEARS)
    except ValueError:  # 29 February, in a year five on that has none
        return today.replace(year=today.year + PLANNING_HORIZON_YEARS, day=28)


def ensure_within_horizon(day: date, today: date) -> None:
    if day > planning_horizon(today):
        raise DomainError("meeting_too_far_ahead", limit=planning_horizon(today))


def ensure_ends_after_start(starts_at: datetime, ends_at: datetime | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError("meeting_ends_before_start")


def postpone(case: Case, upcoming: Meeting | None) -> None:
    """Postpones a case: off any upcoming agenda, back in the queue marked postponed."""
    case.ensure_open()
    if upcoming is not None:
        upcoming.ensure_changeable()
        upcoming.remove_case(case, CaseStatus.UTSATT)
    else:
        case.postpone()


def withdraw(case: Case, upcoming: Meeting | None) -> None:
    """Withdraws a case for good; its number stays taken so the series has no gaps."""
    case.ensure_open()
    if upcoming is not None:
        upcoming.ensure_changeable()
        upcoming.remove_case(case, CaseStatus.TRUKKET)
    else:
        case.withdraw()


def refer_away(case: Case, upcoming: Meeting | None) -> None:
    """A case sent to another body: off any upcoming agenda here, and its handling here ends."""
    if case.referred_to_id is not None:
        raise DomainError("case_already_referred", case=case.reference)
    case.ensure_open()
    if upcoming is not None:
        upcoming.remove_case(case, CaseStatus.BEHANDLET)
    else:
        case.mark_dealt_with()


@dataclass(eq=False)
class AuditEvent:
    at: datetime
    action: str
    actor_person_id: int | None = None
    actor_aad_object_id: str | None = None
    subject: str | None = None
    details: dict[str, object] = field(default_factory=dict)
    id: int | None = None


@dataclass(frozen=True)
class Standing:
    """A body and the acting user's place in it, as stored (read together, in one query)."""

    body: Body
    person: Person | None  # the actor, when a stored person carries their Entra object id
    role: Role | None  # their role in the body, if they are a member
    in_secretariat: bool  # of the body's community


CastT = TypeVar("CastT", bound="Approval | MinutesApproval")


class RoundOfApproval(Generic[CastT]):
    """The rounds of approval a decision and a version of the minutes go through alike: verdicts
    are recorded on the current round; a rejection returns it, the policy met makes it final
    (governance.rules.approval says when). Each names its own statuses and verdict records."""

    round: int
    revision: int
    recorded_by_id: int
    recorded_at: datetime
    rejected_by_id: int | None
    rejection_comment: str | None
    approvals: list[CastT]

    @property
    def open_for_verdicts(self) -> bool:
        raise NotImplementedError

    def current_approvals(self) -> list[CastT]:
        return [approval for approval in self.approvals if approval.round == self.round]

    def add_verdict(self, person_id: int, verdict: Verdict, at: datetime, comment: str | None) -> None:
        self.approvals.append(self._verdict_record(person_id, verdict, at, comment))
        self.revision += 1  # every verdict moves the row's version, so simultaneous ones collide

    def return_to_draft(self, person_id: int, comment: str | None) -> None:
        """A rejection ends the round; the secretariat words or drafts it again."""
        if not self.open_for_verdicts:
            raise DomainError("approval_round_closed")
        self._returned()
        self.rejected_by_id, self.rejection_comment = person_id, comment

    def make_final(self, at: datetime) -> None:
        if not self.open_for_verdicts:
            raise DomainError("approval_round_closed")
        self._finalised(at)

    def _start_round(self, person_id: int, at: datetime) -> None:
        """A new recording starts the next round; the last one's rejection no longer stands."""
        self.round += 1
        self.recorded_by_id, self.recorded_at = person_id, at
        self.rejected_by_id = self.rejection_comment = None
        self.revision += 1

    def _verdict_record(self, person_id: int, verdict: Verdict, at: datetime, comment: str | None) -> CastT:
        raise NotImplementedError

    def _returned(self) -> None:
        raise NotImplementedError

    def _finalised(self, at: datetime) -> None:
        raise NotImplementedError


@dataclass(eq=False)
class Approval:
    """One approver's verdict on one round of a decision."""

    decision_id: int
    round: int
    person_id: int
    verdict: Verdict
    at: datetime
    comment: str | None = None
    id: int | None = None


@dataclass(eq=False)
class Decision(RoundOfApproval["Approval"]):
    """A body's decision (vedtak) on a case, from recording through approval to final."""

    body_id: int
    case_id: int
    text: str
    recorded_by_id: int
    recorded_at: datetime
    policy: ApprovalPolicy
    meeting_id: int | None = None  # None: decided between meetings (sirkulasjonssak)
    status: DecisionStatus = DecisionStatus.TIL_GODKJENNING
    # A rejection ends a round; the next recording of the text starts a new one.
    round: int = 1
    rejected_by_id: int | None = None
    rejection_comment: str | None = None
    final_at: datetime | None = None
    card_conversation_id: str | None = None
    card_activity_id: str | None = None
    under_delegation_id: int | None = None  # taken under authority another body delegated
    # Counts changes (the recording, each verdict), so every change rewrites the decision's row
    # and moves its version: two approvers acting at once collide there, and the retried turn
    # counts both.
    revision: int = 0
    approvals: list[Approval] = field(default_factory=list)
    version: int = 1
    id: int | None = None

    @property
    def circulation(self) -> bool:
        return self.meeting_id is None

    @property
    def open_for_verdicts(self) -> bool:
        return self.status is DecisionStatus.TIL_GODKJENNING

    def _verdict_record(self, person_id: int, verdict: Verdict, at: datetime, comment: str | None) -> Approval:
        assert self.id is not None
        return Approval(self.id, self.round, person_id, verdict, at, comment)

    def _returned(self) -> None:
        self.status = DecisionStatus.UTKAST

    def _finalised(self, at: datetime) -> None:
        self.status, self.final_at = DecisionStatus.VEDTATT, at

    def reword(self, wording: DecisionWording) -> None:
        """A new wording starts a new round of approval; a final decision stays as it is."""
        if self.status is DecisionStatus.VEDTATT:
            raise DomainError("approval_round_closed")
        self.text, self.policy, self.meeting_id = wording.text, wording.policy, wording.meeting_id
        self.under_delegation_id = wording.under_delegation_id
        self.status = DecisionStatus.TIL_GODKJENNING
        self._start_round(wording.recorded_by_id, wording.recorded_at)


@dataclass(frozen=True)
class DecisionWording:
    """What the secretariat records as a decision's text, and under which terms it is approved."""

    text: str
    policy: ApprovalPolicy
    meeting_id: int | None
    under_delegation_id: int | None
    recorded_by_id: int
    recorded_at: datetime


@dataclass(eq=False)
class Disqualification:
    """A member's declaration of being disqualified (inhabil) on a case; it goes into the minutes."""

    case_id: int
    person_id: int
    declared_at: datetime
    reason: str | None = None
    id: int | None = None


@dataclass(eq=False)
class Attendance:
    """A person's attendance at a meeting: absence reported, present, or absent; a substitute names whom they stand in for."""

    meeting_id: int
    person_id: int
    status: AttendanceStatus
    noted_at: datetime
    substitute_for_id: int | None = None
    id: int | None = None
    # The secretariat's own word on it, for the minutes: "Forlot møtet etter sak 3/2026".
    note: str | None = None

    def record(self, status: AttendanceStatus, at: datetime) -> None:
        """A new word on the person's attendance replaces the old, and is dated."""
        self.status, self.noted_at = status, at


@dataclass(eq=False)
class Delegation:
    """Authority one body gave another for a named matter, by a final decision."""

    from_body_id: int
    to_body_id: int
    matter: str  # "vedta endelig handlingsplan"
    decision_id: int
    granted_at: datetime
    id: int | None = None


@dataclass(eq=False)
class MinutesApproval:
    """One approver's verdict on one round of a version of the minutes."""

    minutes_id: int
    round: int
    person_id: int
    verdict: Verdict
    at: datetime
    comment: str | None = None
    id: int | None = None


@dataclass(eq=False)
class Minutes(RoundOfApproval["MinutesApproval"]):
    """One version of a meeting's minutes (protokoll): its content frozen when drafted, then approved.

    Approved minutes are locked; a correction is a new version with the next number.
    """

    meeting_id: int
    body_id: int
    number: int  # the version: 1, then 2 for the first correction
    content: dict[str, Any]  # the minutes as drafted (governance.approvals.minutes serialises them)
    recorded_by_id: int
    recorded_at: datetime
    policy: ApprovalPolicy
    status: MinutesStatus = MinutesStatus.TIL_GODKJENNING
    round: int = 1
    correction: str | None = None  # what a corrected version changes, in the secretariat's words
    approve_at_meeting_id: int | None = None  # set when approval was moved to the next meeting
    rejected_by_id: int | None = None
    rejection_comment: str | None = None
    approved_at: datetime | None = None
    card_conversation_id: str | None = None
    card_activity_id: str | None = None
    revision: int = 0  # moves the row's version on every change, as for decisions
    # The two members chosen at the meeting to sign, for a body whose minutes are approved so.
    signatory_ids: list[int] | None = None
    approvals: list[MinutesApproval] = field(default_factory=list)
    version: int = 1
    id: int | None = None

    @property
    def open_for_verdicts(self) -> bool:
        return self.status in (MinutesStatus.TIL_GODKJENNING, MinutesStatus.NESTE_MOTE)

    def _verdict_record(self, person_id: int, verdict: Verdict, at: datetime, comment: str | None) -> MinutesApproval:
        assert self.id is not None
        return MinutesApproval(self.id, self.round, person_id, verdict, at, comment)

    def _returned(self) -> None:
        self.status = MinutesStatus.UTKAST

    def _finalised(self, at: datetime) -> None:
        """Approved minutes are locked: a later change is a new version."""
        self.status, self.approved_at = MinutesStatus.GODKJENT, at

    def redraft(
        self, content: dict[str, Any], policy: ApprovalPolicy, correction: str | None, person_id: int, at: datetime
    ) -> None:
        """New content for a version not yet approved starts a new round; a returned version goes
        back for approval, a deferred one keeps waiting for its meeting."""
        if self.status is MinutesStatus.GODKJENT:
            raise DomainError("approval_round_closed")
        self.content, self.policy = content, policy
        self.correction = correction or self.correction
        if self.status is MinutesStatus.UTKAST:
            self.status = MinutesStatus.TIL_GODKJENNING
        self._start_round(person_id, at)

    def defer_to(self, meeting_id: int) -> None:
        """Approval becomes an item of a later meeting."""
        if self.status is MinutesStatus.GODKJENT:
            raise DomainError("approval_round_closed")
        self.status, self.approve_at_meeting_id = MinutesStatus.NESTE_MOTE, meeting_id
        self.revision += 1


@dataclass(eq=False)
class ProgressNote:
    """One change to a measure, kept as its history: the status before and after, and why."""

    measure_id: int
    at: datetime
    status_before: MeasureStatus | None  # None: the measure was created (or carried over)
    status_after: MeasureStatus
    person_id: int | None = None  # None: an import
    text: str | None = None
    case_id: int | None = None  # the case or decision that created or changed the measure
    decision_id: int | None = None
    id: int | None = None


@dataclass(eq=False)
class Measure:
    """A measure (tiltak) under a focus area, numbered within it ("3.2")."""

    area_id: int
    number: str
    title: str
    status: MeasureStatus = MeasureStatus.IKKE_STARTET
    description: str | None = None
    # The owner is a person or a body (a working group); or only named, when the plan names
    # someone the bot does not know (such a measure is changed by the secretariat).
    owner_person_id: int | None = None
    owner_body_id: int | None = None
    owner_label: str | None = None
    due: date | None = None
    carried_from_id: int | None = None  # the same measure in the previous year's plan
    version: int = 1
    id: int | None = None

    @property
    def ended(self) -> bool:
        return self.status in ENDED_MEASURE_STATUSES

    def overdue(self, today: date) -> bool:
        return is_overdue(self.due, self.status, today)

    def change_status(self, status: MeasureStatus, *, commented: bool = False) -> MeasureStatus:
        """A new status, or a comment on the one it has (kept in its history); returns the status
        before. Neither is no change at all."""
        before = self.status
        if status is before and not commented:
            raise DomainError("measure_unchanged", measure=self.number, status=status)
        self.status = status
        return before


def is_overdue(due: date | None, status: MeasureStatus, today: date) -> bool:
    """A measure is overdue when its due date has passed and it is not done with."""
    return due is not None and due < today and status not in ENDED_MEASURE_STATUSES


@dataclass(eq=False)
class FocusArea:
    """A numbered focus area (satsningsområde) of a year's plan, tied to patient groups."""

    plan_id: int
    number: int
    title: str
    groups: list[str] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    id: int | None = None


@dataclass(eq=False)
class ActionPlan:
    """A community's action plan (handlingsplan) for a year, owned by one body."""

    community_id: int
    year: int
    owner_body_id: int
    status: PlanStatus = PlanStatus.UTKAST
    adopted_by_decision_id: int | None = None
    # The case put forward to adopt the plan; the final decision on it adopts the plan.
    adoption_case_id: int | None = None
    carried_from_id: int | None = None  # the previous year's plan it was started from
    areas: list[FocusArea] = field(default_factory=list)
    version: int = 1
    id: int | None = None

    @property
    def adopted(self) -> bool:
        return self.status is PlanStatus.VEDTATT

    def adopt(self, decision_id: int | None) -> None:
        """The final decision on the case it was put forward in adopts the plan, once."""
        if self.adopted:
            raise DomainError("plan_already_adopted", year=self.year)
        self.status = PlanStatus.VEDTATT
        self.adopted_by_decision_id = decision_id
