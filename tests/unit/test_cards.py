"""The Adaptive Cards the bot posts: valid for Teams (1.5, under 80 KB), in bokmål and English.

Every builder is rendered from plain view objects; all cards of this module are validated by
the official `adaptivecards` library in one Node process (a module-scoped fixture).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from bot.commands import CommandSpec
from bot.handlers import example_in, help_entry
from bot.registry import REGISTRY
from cards.agenda import agenda_cards
from cards.attendance import attendance_card
from cards.cases import case_card, case_list_card
from cards.common import MAX_CARD_BYTES, MAX_SUMMARY_CHARS, RenderedCard
from cards.decisions import decision_card, decision_register_card
from cards.handling import handling_card
from cards.help import command_help_card, help_card
from cards.meeting_plan import confirmed_meetings, meeting_plan_card, meeting_plan_outcome_card, year_wheel_card
from cards.member_sync import (
    CANCEL_SYNC_VERB,
    CONFIRM_SYNC_VERB,
    members_sync_cancelled_card,
    members_sync_card,
    members_sync_done_card,
    members_sync_outcome_card,
)
from cards.minutes import minutes_card
from cards.notice import notice_card
from cards.papers import case_search_card, paper_card
from cards.plans import measure_detail_card, measure_list_card, plan_report_cards
from cards.reminders import reminder_policy_card
from cards.structure import bodies_card, meeting_card, meetings_card, members_card
from cards.texts import Language, say
from governance.papers.notice import NoticeView
from governance.reminders.reminder_policy import ReminderPolicyView, UpcomingReminder
from governance.rules.handling import VoteKind
from governance.rules.input_limits import LIMITS, TextField
from governance.rules.model import (
    ApprovalPolicy,
    AttendanceStatus,
    BodyKind,
    CaseStatus,
    CaseType,
    DecisionStatus,
    MeasureStatus,
    MeetingStatus,
    MinutesStatus,
    Role,
    StandardItem,
    Verdict,
)
from governance.rules.reminders import AgendaMode, ReminderKind, ReminderPolicy
from governance.structure.member_sync import (
    IdChange,
    ProposedChange,
    Skipped,
    SyncCancelled,
    SyncConflict,
    SyncOutcome,
    SyncProposal,
)
from governance.views import (
    AgendaItemView,
    AgendaView,
    ApproverState,
    AttendanceLine,
    AttendanceSheet,
    BodyRef,
    BodyView,
    CaseHit,
    CaseListView,
    CaseSearchView,
    CaseView,
    DecisionEntry,
    DecisionRegisterView,
    DecisionView,
    HandlingCardView,
    HandlingView,
    HistoryEntry,
    MeasureDetailView,
    MeasureListView,
    MeetingCalendar,
    MeetingListView,
    MeetingPlanOutcome,
    MeetingPlanProposal,
    MeetingView,
    MembersView,
    MemberView,
    MinutesApprovalView,
    MinutesItem,
    MinutesView,
    PlanReportView,
    ProposalLine,
    ProposedMeeting,
    YearWheel,
    YearWheelEntry,
)
from tests.support.node_validators import card_errors, node_validators_available
from tests.support.plans import plan_report_view

LIMIT = 80 * 1024
LANGS: tuple[Language, ...] = ("nb", "en")

SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")
LSU = BodyRef("LSU-DRAMMEN", "Lokalt samarbeidsutvalg Drammen")

# Tuesday 9 March 2027, 09.00-12.00 in Oslo (winter time, UTC+1).
MARCH_START = datetime(2027, 3, 9, 8, 0, tzinfo=UTC)
MARCH_END = datetime(2027, 3, 9, 11, 0, tzinfo=UTC)
# Tuesday 6 July 2027, 09.00-12.00 in Oslo (summer time, UTC+2).
JULY_START = datetime(2027, 7, 6, 7, 0, tzinfo=UTC)
JULY_END = datetime(2027, 7, 6, 10, 0, tzinfo=UTC)
SUBMITTED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

NB_WHEN = "tirsdag 9. mars 2027 kl. 09.00–12.00"
EN_WHEN = "Tuesday 9 March 2027 at 09:00–12:00"

STANDARD_NB = ["Godkjenning av innkalling og saksliste", "Godkjenning av protokoll fra forrige møte"]
STANDARD_EN = ["Approval of the notice and agenda", "Approval of the minutes of the previous meeting"]

LONG_PHRASE = (
    "Økt samhandling om skrøpelige eldre, pårørende og tjenester på tvers av sykehus og kommuner i Ålesund og Bærum – "
)


def long_title(number: int, length: int) -> str:
    head = f"Sak nr {number}: "
    return (head + LONG_PHRASE * (length // len(LONG_PHRASE) + 1))[:length]


def standard_item_views() -> list[AgendaItemView]:
    return [
        AgendaItemView(1, standard_item=StandardItem.APPROVE_NOTICE),
        AgendaItemView(2, standard_item=StandardItem.APPROVE_MINUTES),
    ]


def agenda(
    *,
    cases: int = 0,
    title_length: int = 60,
    starts_at: datetime = MARCH_START,
    ends_at: datetime | None = MARCH_END,
    changed: bool = False,
    standard: bool = True,
    body: BodyRef = SSU,
) -> AgendaView:
    items = standard_item_views() if standard else []
    for number in range(1, cases + 1):
        items.append(
            AgendaItemView(
                position=len(items) + 1,
                case_reference=f"{number}/2027",
                title=long_title(number, title_length),
                case_type=CaseType.VEDTAKSSAK,
                responsible="Kari Nordmann",
            )
        )
    return AgendaView(
        body, starts_at, ends_at, "Drammen sykehus, møterom 3", MeetingStatus.INNKALT, tuple(items), changed
    )


def agenda_with_papers(cases: int, paper_length: int) -> AgendaView:
    """An agenda whose cases each carry a proposal and a paper of `paper_length` characters."""
    paper = ("Kommunene og helseforetaket har kartlagt behovet. " * (paper_length // 50 + 1))[:paper_length]
    items = tuple(
        replace(item, proposal=f"SSU slutter seg til forslag {item.position}.", background=f"{paper}\n{paper}")
        if item.case_reference
        else item
        for item in agenda(cases=cases).items
    )
    return replace(agenda(cases=cases), items=items, meeting_id=7)


SMALL_AGENDA = AgendaView(
    SSU,
    MARCH_START,
    MARCH_END,
    "Drammen sykehus, møterom 3",
    MeetingStatus.INNKALT,
    (
        *standard_item_views(),
        AgendaItemView(
            3,
            None,
            "12/2026",
            "Felles rutine for utskrivning av skrøpelige eldre",
            CaseType.VEDTAKSSAK,
            "Kari Nordmann",
        ),
        AgendaItemView(4, None, "13/2026", "Status for handlingsplanen", CaseType.ORIENTERINGSSAK, None),
        AgendaItemView(5, None, "2/2027", "Kompetanseløft i Ålesund og Bærum", CaseType.DROFTINGSSAK, "Åse Øvrebø"),
    ),
)

FULL_CASE = CaseView(
    body=SSU,
    reference="12/2026",
    title="Felles rutine for utskrivning av skrøpelige eldre",
    case_type=CaseType.VEDTAKSSAK,
    status=CaseStatus.SATT_OPP,
    responsible="Kari Nordmann",
    submitted_by="Åse Øvrebø",
    submitted_at=SUBMITTED,
    background="Kommunene og sykehuset har ulike rutiner for utskrivning.",
    proposal="SSU slutter seg til den felles rutinen.",
    meeting_at=MARCH_START,
)


def paper_text(length: int) -> str:
    """Paper text of exactly `length` characters: Norwegian sentences in paragraphs, as written."""
    paragraph = (LONG_PHRASE * 3)[:290] + "\n\n"
    return (paragraph * (length // len(paragraph) + 1))[:length].strip().ljust(length, "ø")


# A case with every part of the paper at its longest, a decision and a chain of three bodies.
WHOLE_CASE = replace(
    FULL_CASE,
    title=long_title(12, LIMITS[TextField.CASE_TITLE]),
    case_officer="Åse Øvrebø",
    background=paper_text(LIMITS[TextField.PAPER_BACKGROUND]),
    assessment=paper_text(LIMITS[TextField.PAPER_ASSESSMENT]),
    proposal=paper_text(LIMITS[TextField.PAPER_PROPOSAL]),
    referral_chain=("LSU-DRAMMEN 3/2026", "SSU 12/2026", "PM 1/2027"),
    referred_from="LSU-DRAMMEN 3/2026",
    referred_to="PM 1/2027",
    decision=paper_text(LIMITS[TextField.DECISION_TEXT]),
    decision_status=DecisionStatus.VEDTATT,
    case_id=41,
    version=3,
    paper_fingerprint="5d1f0c2a9b7e4d31",
)
CASE_HITS = CaseSearchView(
    words="ærø legevakt",
    hits=tuple(
        CaseHit("SSU", f"{number}/2026", long_title(number, 200), CaseType.VEDTAKSSAK, CaseStatus.INNMELDT)
        for number in range(1, 31)
    ),
    more=12,
)

BARE_CASE = CaseView(
    body=LSU,
    reference="3/2027",
    title="Legevakt i Drammen",
    case_type=CaseType.ORIENTERINGSSAK,
    status=CaseStatus.INNMELDT,
    responsible=None,
    submitted_by=None,
    submitted_at=SUBMITTED,
)

CASE_LIST = CaseListView(
    SSU,
    queued=[
        CaseView(
            SSU,
            "13/2026",
            "Status for handlingsplanen",
            CaseType.ORIENTERINGSSAK,
            CaseStatus.INNMELDT,
            None,
            "Kari Nordmann",
            SUBMITTED,
        ),
        CaseView(
            SSU,
            "14/2026",
            "Felles kompetanseplan",
            CaseType.DROFTINGSSAK,
            CaseStatus.UTSATT,
            None,
            "Kari Nordmann",
            SUBMITTED,
        ),
    ],
    scheduled=[FULL_CASE],
)
EMPTY_CASE_LIST = CaseListView(LSU, queued=[], scheduled=[])
LARGE_CASE_LIST = CaseListView(
    SSU,
    queued=[
        CaseView(
            SSU,
            f"{n}/2027",
            long_title(n, 200),
            CaseType.VEDTAKSSAK,
            CaseStatus.INNMELDT,
            None,
            "Kari Nordmann",
            SUBMITTED,
        )
        for n in range(1, 151)
    ],
    scheduled=[
        CaseView(
            SSU,
            f"{n}/2026",
            long_title(n, 200),
            CaseType.VEDTAKSSAK,
            CaseStatus.SATT_OPP,
            None,
            "Kari Nordmann",
            SUBMITTED,
            meeting_at=MARCH_START,
        )
        for n in range(1, 51)
    ],
)

BODIES = [
    BodyView("PM", "Partnerskapsmøtet", BodyKind.PARTNERSKAPSMOTE, 1, None, None, False),
    BodyView(
        "SSU",
        "Strategisk samarbeidsutvalg",
        BodyKind.STRATEGISK,
        2,
        "PM",
        MARCH_START,
        True,
        ApprovalPolicy.LEADER_AND_ONE_MEMBER,
        quorum="2/3",
    ),
    BodyView(
        "LSU-DRAMMEN", "Lokalt samarbeidsutvalg Drammen", BodyKind.LOKALT, 3, "SSU", JULY_START, False, quorum="3"
    ),
]
MEMBERS = MembersView(
    SSU,
    [
        MemberView("Kari Nordmann", Role.LEDER, "Øvre Eiker kommune"),
        MemberView("Per Ås", Role.NESTLEDER, "Vestre Viken HF"),
        MemberView("Åse Øvrebø", Role.SEKRETAER, None),
    ],
)
NO_MEMBERS = MembersView(LSU, [])
MEETINGS = MeetingListView(
    SSU,
    [
        MeetingView(SSU, MARCH_START, MARCH_END, "Drammen sykehus", MeetingStatus.INNKALT, 3),
        MeetingView(SSU, JULY_START, None, None, MeetingStatus.PLANLAGT, 0),
    ],
)
ONE_CASE_MEETING = MeetingListView(SSU, [MeetingView(SSU, MARCH_START, MARCH_END, None, MeetingStatus.PLANLAGT, 1)])
# The bot's public address and a body's calendar secret: each meeting card offers the meeting's .ics.
PUBLIC_URL = "https://hfbot.example.no"
NOTICE = NoticeView(
    community="Helsefellesskapet Vestfold",
    meeting_id=7,
    agenda=replace(SMALL_AGENDA, meeting_id=7),
    papers=(FULL_CASE, replace(FULL_CASE, reference="13/2026", proposal=None)),
    documents={},
)
MARCH_ICS = MeetingCalendar("SSU", 7, "Qx3-secret_token")
JULY_ICS = MeetingCalendar("SSU", 8, "Qx3-secret_token")
MARCH_ICS_URL = "https://hfbot.example.no/calendar/SSU/7.ics?token=Qx3-secret_token"
JOIN_URL = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"
MEETINGS_WITH_ICS = MeetingListView(
    SSU,
    [
        replace(MEETINGS.meetings[0], calendar=MARCH_ICS),
        replace(MEETINGS.meetings[1], calendar=JULY_ICS),
    ],
)
NO_MEETINGS = MeetingListView(LSU, [])

HUGE_CASES = 400
HUGE_TITLE = 500

LISE, TIEN, OLA = 11, 12, 13
APPROVED_AT = datetime(2027, 3, 9, 10, 15, tzinfo=UTC)
PENDING_DECISION = DecisionView(
    decision_id=7,
    body=SSU,
    case_reference="12/2026",
    case_title="Felles rutine for utskrivning av skrøpelige eldre",
    text="SSU slutter seg til rutinen. Kommunene og Vestre Viken HF innfører den fra 1. juni.",
    status=DecisionStatus.TIL_GODKJENNING,
    policy=ApprovalPolicy.LEADER_AND_ONE_MEMBER,
    round=1,
    meeting_at=MARCH_START,
    recorded_by="Dave Sekretariat",
    approvers=(
        ApproverState(LISE, "Lise Leder", "29:lise", Verdict.GODKJENT, APPROVED_AT),
        ApproverState(TIEN, "Tien Medlem", None),
        ApproverState(OLA, "Ola Åsmund Ærlig", "29:ola"),
    ),
)
RETURNED_DECISION = replace(
    PENDING_DECISION,
    status=DecisionStatus.UTKAST,
    round=2,
    meeting_at=None,
    approvers=(
        ApproverState(LISE, "Lise Leder", "29:lise"),
        ApproverState(TIEN, "Tien Medlem", None, Verdict.AVVIST, APPROVED_AT, "Datoen må være 1. september"),
    ),
    rejected_by="Tien Medlem",
    rejection_comment="Datoen må være 1. september",
)
FINAL_DECISION = replace(
    PENDING_DECISION,
    status=DecisionStatus.VEDTATT,
    approvers=(
        ApproverState(LISE, "Lise Leder", "29:lise", Verdict.GODKJENT, APPROVED_AT),
        ApproverState(TIEN, "Tien Medlem", None, Verdict.GODKJENT, APPROVED_AT),
        ApproverState(OLA, "Ola Åsmund Ærlig", "29:ola"),
    ),
    final_at=APPROVED_AT,
)
DECISION_REGISTER = DecisionRegisterView(
    "utskrivning",
    True,
    tuple(
        DecisionEntry(
            "SSU",
            f"{n}/2026",
            "Felles rutine for utskrivning",
            "Ø" * 400,
            DecisionStatus.VEDTATT,
            APPROVED_AT,
            APPROVED_AT,
            n % 2 == 0,
        )
        for n in range(1, 31)
    ),
    more=4,
)
ATTENDANCE = AttendanceSheet(
    4,
    SSU,
    MARCH_START,
    (
        AttendanceLine(LISE, "Lise Leder", Role.LEDER, "Vestre Viken HF", AttendanceStatus.TIL_STEDE),
        AttendanceLine(TIEN, "Tien Medlem", Role.MEDLEM, "Øvre Eiker kommune", AttendanceStatus.FORFALL),
        AttendanceLine(OLA, "Ola Vara", Role.VARA, "Øvre Eiker kommune", None),
    ),
)
MINUTES_25 = MinutesView(
    5,
    SSU,
    MARCH_START,
    MARCH_END,
    "Drammen sykehus, møterom «Ærlig Øvre Å»",
    ATTENDANCE.lines + (AttendanceLine(99, "Åse Øvrebø", Role.VARA, "Øvre Eiker kommune", AttendanceStatus.TIL_STEDE),),
    tuple(
        MinutesItem(
            position=n,
            standard_item=None,
            case_reference=f"{n}/2027",
            title=f"Sak om skrøpelige eldre og æ/ø/å nummer {n} " + "x" * 150,
            case_type=CaseType.ORIENTERINGSSAK if n % 3 == 0 else CaseType.VEDTAKSSAK,
            decision=None if n % 3 == 0 else "Vedtak med særnorske bokstaver: ÆØÅ æøå. " * 20,
            decision_status=DecisionStatus.VEDTATT if n % 2 else DecisionStatus.TIL_GODKJENNING,
            disqualified=(("Tien Medlem", "styreverv"),) if n == 7 else (),
        )
        for n in range(1, 26)
    ),
)
MINUTES_PENDING = replace(
    MINUTES_25,
    approval=MinutesApprovalView(
        minutes_id=3,
        number=1,
        status=MinutesStatus.TIL_GODKJENNING,
        policy=ApprovalPolicy.LEADER_AND_ONE_MEMBER,
        round=1,
        approvers=PENDING_DECISION.approvers,
    ),
)
MINUTES_CROWDED = replace(
    MINUTES_PENDING,
    approval=replace(
        MINUTES_PENDING.approval,
        approvers=tuple(ApproverState(100 + n, f"Medlem nummer {n} med et langt navn", f"29:{n}") for n in range(80)),
    ),
)
MINUTES_RETURNED = replace(
    MINUTES_PENDING,
    approval=replace(
        MINUTES_PENDING.approval,
        status=MinutesStatus.UTKAST,
        approvers=RETURNED_DECISION.approvers,
        rejected_by="Tien Medlem",
        rejection_comment="Vara mangler",
    ),
)
MINUTES_DEFERRED = replace(
    MINUTES_PENDING,
    approval=replace(MINUTES_PENDING.approval, status=MinutesStatus.NESTE_MOTE, approve_at=JULY_START),
)
MINUTES_APPROVED_V2 = replace(
    MINUTES_PENDING,
    approval=replace(
        MINUTES_PENDING.approval,
        number=2,
        status=MinutesStatus.GODKJENT,
        correction="Sted rettet til Tønsberg.",
        approved_at=APPROVED_AT,
        approvers=(
            ApproverState(LISE, "Lise Leder", "29:lise", Verdict.GODKJENT, APPROVED_AT),
            ApproverState(TIEN, "Tien Medlem", None, Verdict.GODKJENT, APPROVED_AT),
        ),
    ),
)
DOWNLOADS = {"docx": "https://bot.example.no/minutes/5.docx?sig=x", "pdf": "https://bot.example.no/minutes/5.pdf?sig=x"}


def plan_report(areas: int, measures_per_area: int, title_length: int = 80) -> PlanReportView:
    """Titles of `title_length` ø's: two bytes each, so 80 weigh like a long real title."""
    return plan_report_view(areas, measures_per_area, "ø" * title_length)


PLAN_120 = plan_report(15, 8)
PLAN_HUGE = plan_report(40, 30, title_length=300)
MY_MEASURES = MeasureListView(
    "mine",
    True,
    tuple(
        replace(line, area_title="1. Skrøpelige eldre", can_update=n % 2 == 0)
        for n, line in enumerate(PLAN_120.areas[0].measures)
    ),
)
MEASURE_DETAIL = MeasureDetailView(
    line=replace(PLAN_120.areas[0].measures[0], area_title="1. Skrøpelige eldre", can_update=True),
    description="Felles rutine for utskrivning av skrøpelige eldre fra sykehus til kommune.",
    carried_from="1.1/2026",
    history=(
        HistoryEntry(SUBMITTED, None, None, MeasureStatus.IKKE_STARTET, None, None),
        HistoryEntry(
            SUBMITTED, "Kari Nordmann", MeasureStatus.IKKE_STARTET, MeasureStatus.PAGAENDE, "Første samling holdt", None
        ),
        HistoryEntry(
            SUBMITTED,
            "Lise Leder",
            MeasureStatus.PAGAENDE,
            MeasureStatus.PAGAENDE,
            "vedtatt som del av handlingsplan 2027",
            "SSU 5/2027",
        ),
    ),
)
REMINDER_POLICY = ReminderPolicyView(
    SSU,
    ReminderPolicy(21, 7, AgendaMode.REMIND, False),
    (
        UpcomingReminder(SUBMITTED, ReminderKind.CASE_DEADLINE, MARCH_START),
        UpcomingReminder(SUBMITTED, ReminderKind.APPROVAL, None),
    ),
    changed=True,
)
LARGE_DECISION = replace(
    PENDING_DECISION,
    text="Æ" * 4000,
    approvers=tuple(ApproverState(100 + n, f"Medlem nummer {n} med et langt navn", f"29:{n}") for n in range(80)),
)
LISE_AAD = "c87bdf38-be54-466a-bd67-4029da348cc4"
SYNC_PROPOSAL = SyncProposal(
    body=SSU,
    changes=(
        ProposedChange(IdChange(1, LISE_AAD, "29:lise"), "Lise Leder", "lise@example.no", False),
        ProposedChange(
            IdChange(4, "22222222-3333-4444-8555-666666666666", None), "Per Flyttet", "per@example.no", True
        ),
    ),
    conflicts=(SyncConflict("Per Konflikt", "Dave Sekretariat"),),
    not_in_roster=("Kari Vara",),
    not_members=tuple(f"Gjest nummer {n} med et langt navn" for n in range(3000)),
    already_linked=1,
)
SYNC_OUTCOME = SyncOutcome(
    SSU, "Dave Sekretariat", ("Lise Leder",), ("Tien Medlem",), (("Per Flyttet", Skipped.TAKEN),)
)

MEETING_PLAN = MeetingPlanProposal(
    SSU,
    2027,
    8,
    tuple(ProposedMeeting(date(2027, month, 10), time(9, 0)) for month in (1, 3, 4, 5, 8, 9, 10, 12)),
    (),
    180,
)
MEETING_PLAN_PARTLY = replace(
    MEETING_PLAN, proposed=MEETING_PLAN.proposed[:2], already_planned=(MARCH_START, MARCH_START + timedelta(days=60))
)
MEETING_PLAN_FULL = replace(MEETING_PLAN, per_year=2, proposed=(), already_planned=MEETING_PLAN_PARTLY.already_planned)
MEETING_PLAN_OUTCOME = MeetingPlanOutcome(
    SSU, 2027, tuple(replace(MEETINGS_WITH_ICS.meetings[0], starts_at=MARCH_START) for _ in range(3)), 1
)
YEAR_WHEEL = YearWheel(
    2027,
    tuple(
        YearWheelEntry(body, MARCH_START + timedelta(days=30 * n), MeetingStatus.PLANLAGT)
        for n in range(10)
        for body in (SSU, LSU)
    ),
)
ATTENDANCE_CALLED_IN = replace(
    ATTENDANCE,
    lines=ATTENDANCE.lines[:2]
    + (AttendanceLine(OLA, "Ola Vara", Role.VARA, "Øvre Eiker kommune", AttendanceStatus.TIL_STEDE, "Tien Medlem"),),
)


HANDLING_CARD = HandlingCardView(
    case_id=7,
    body=BodyRef("SSU", "Strategisk samarbeidsutvalg"),
    case_reference="7/2027",
    case_title="Felles rutine for utskrivning",
    case_type=CaseType.VEDTAKSSAK,
    proposal="SSU slutter seg til rutinen.",
    voters=((1, "Lise Leder"), (2, "Tien Medlem"), (3, "Åse Øvrebø")),
    attending=((1, "Lise Leder"), (2, "Tien Medlem"), (3, "Åse Øvrebø"), (4, "Dave Sekretariat")),
    handling=HandlingView(
        outcome=VoteKind.COUNTED,
        proposals=(ProposalLine("SSU slutter seg til rutinen.", adopted=True),),
        votes_for=2,
        votes_against=1,
        against=("Tien Medlem",),
        statements=(("Tien Medlem", "Kommunen tar forbehold."),),
    ),
)


def _render_all(lang: Language) -> dict[str, list[RenderedCard]]:
    entries = [help_entry(command, lang) for command in REGISTRY.commands]
    rendered: dict[str, list[RenderedCard]] = {
        "agenda": agenda_cards(SMALL_AGENDA, lang),
        "agenda_july": agenda_cards(agenda(cases=2, starts_at=JULY_START, ends_at=JULY_END), lang),
        "agenda_changed": agenda_cards(agenda(cases=2, changed=True), lang),
        "agenda_empty": agenda_cards(agenda(cases=0), lang),
        "agenda_level3_empty": agenda_cards(agenda(cases=0, standard=False, body=LSU, ends_at=None), lang),
        "agenda_60": agenda_cards(agenda(cases=60, title_length=200), lang),
        "agenda_huge": agenda_cards(agenda(cases=HUGE_CASES, title_length=HUGE_TITLE), lang),
        "case": [case_card(FULL_CASE, lang)],
        "case_bare": [case_card(BARE_CASE, lang)],
        "case_whole": [case_card(WHOLE_CASE, lang)],
        "paper": [paper_card(WHOLE_CASE, lang)],
        "paper_bare": [paper_card(replace(BARE_CASE, case_id=7, version=1), lang)],
        "paper_stale": [
            paper_card(
                WHOLE_CASE,
                lang,
                notice=say(lang, "paper_stale", case="12/2026"),
                unsaved=[("proposal", "SSU ber om en ny runde.")],
            )
        ],
        "paper_stale_long": [
            paper_card(
                WHOLE_CASE,
                lang,
                notice=say(lang, "paper_stale", case="12/2026"),
                unsaved=[
                    ("background", paper_text(8000)),
                    ("assessment", paper_text(8000)),
                    ("proposal", paper_text(4000)),
                ],
            )
        ],
        "case_search": [case_search_card(CASE_HITS, lang)],
        "case_search_none": [case_search_card(CaseSearchView(words="ærø", hits=()), lang)],
        "case_list": [case_list_card(CASE_LIST, lang)],
        "case_list_empty": [case_list_card(EMPTY_CASE_LIST, lang)],
        "case_list_large": [case_list_card(LARGE_CASE_LIST, lang)],
        "bodies": [bodies_card(BODIES, lang)],
        "bodies_none": [bodies_card([], lang)],
        "members": [members_card(MEMBERS, lang)],
        "members_none": [members_card(NO_MEMBERS, lang)],
        "meetings": [meetings_card(MEETINGS, lang)],
        "meetings_one_case": [meetings_card(ONE_CASE_MEETING, lang)],
        "meetings_none": [meetings_card(NO_MEETINGS, lang)],
        "meetings_ics": [meetings_card(MEETINGS_WITH_ICS, lang, PUBLIC_URL)],
        "meeting_planned": [meeting_card(MEETINGS_WITH_ICS.meetings[0], lang, PUBLIC_URL)],
        "agenda_ics": agenda_cards(replace(SMALL_AGENDA, calendar=MARCH_ICS), lang, PUBLIC_URL),
        "agenda_papers": agenda_cards(agenda_with_papers(3, 600), lang),
        "agenda_papers_long": agenda_cards(agenda_with_papers(20, 20_000), lang),
        "notice": [notice_card(NOTICE, lang, {"docx": f"{PUBLIC_URL}/n.docx", "pdf": f"{PUBLIC_URL}/n.pdf"})],
        "notice_console": [notice_card(replace(NOTICE, papers=()), lang, None)],
        "agenda_teams": agenda_cards(replace(SMALL_AGENDA, calendar=MARCH_ICS, join_url=JOIN_URL), lang, PUBLIC_URL),
        "agenda_huge_ics": agenda_cards(
            replace(agenda(cases=HUGE_CASES, title_length=HUGE_TITLE), calendar=MARCH_ICS), lang, PUBLIC_URL
        ),
        "help": [help_card(entries, lang)],
        "decision_pending": [decision_card(PENDING_DECISION, lang)],
        "decision_pending_for_tien": [decision_card(PENDING_DECISION, lang, viewer_id=TIEN)],
        "decision_pending_for_lise": [decision_card(PENDING_DECISION, lang, viewer_id=LISE, notice="Notis")],
        "decision_returned": [decision_card(RETURNED_DECISION, lang)],
        "decision_final": [decision_card(FINAL_DECISION, lang)],
        "decision_adopting_plan": [decision_card(replace(PENDING_DECISION, adopts_plan=2027), lang)],
        "decision_adopted_plan": [decision_card(replace(FINAL_DECISION, adopts_plan=2027), lang)],
        "decision_large": [decision_card(LARGE_DECISION, lang)],
        "decision_register": [decision_register_card(DECISION_REGISTER, lang)],
        "attendance": [attendance_card(ATTENDANCE, lang, notice="Lagret")],
        "minutes_25": [minutes_card(MINUTES_25, lang)],
        "minutes_pending": [minutes_card(MINUTES_PENDING, lang)],
        "plan_120": plan_report_cards(PLAN_120, lang),
        "plan_huge": plan_report_cards(PLAN_HUGE, lang),
        "my_measures": [measure_list_card(MY_MEASURES, lang, notice="Oppdatert")],
        "measures_none": [measure_list_card(MeasureListView("2027", False, ()), lang)],
        "measure_detail": [measure_detail_card(MEASURE_DETAIL, lang)],
        "reminders": [reminder_policy_card(REMINDER_POLICY, lang)],
        "reminders_none": [reminder_policy_card(replace(REMINDER_POLICY, upcoming=(), changed=False), lang)],
        "minutes_pending_for_tien": [minutes_card(MINUTES_PENDING, lang, DOWNLOADS, viewer_id=TIEN, notice="Notis")],
        "minutes_crowded": [minutes_card(MINUTES_CROWDED, lang, DOWNLOADS)],
        "minutes_returned": [minutes_card(MINUTES_RETURNED, lang)],
        "minutes_deferred": [minutes_card(MINUTES_DEFERRED, lang)],
        "minutes_approved_v2": [minutes_card(MINUTES_APPROVED_V2, lang, DOWNLOADS)],
        "decision_search_none": [decision_register_card(DecisionRegisterView("xyz", True, ()), lang)],
        "members_sync": [members_sync_card(SYNC_PROPOSAL, lang)],
        "members_sync_confirmed": [members_sync_outcome_card(SYNC_OUTCOME, lang)],
        "members_sync_again": [members_sync_outcome_card(replace(SYNC_OUTCOME, applied=(), skipped=()), lang)],
        "members_sync_none_stored": [members_sync_outcome_card(replace(SYNC_OUTCOME, applied=()), lang)],
        "members_sync_cancelled": [members_sync_cancelled_card(SyncCancelled(SSU, "Dave Sekretariat"), lang)],
        "members_sync_done": [members_sync_done_card(lang)],
        "meeting_plan": [meeting_plan_card(MEETING_PLAN, lang, lambda data: {**data, "seal": "0" * 64})],
        "meeting_plan_partly": [meeting_plan_card(MEETING_PLAN_PARTLY, lang)],
        "meeting_plan_full": [meeting_plan_card(MEETING_PLAN_FULL, lang)],
        "meeting_plan_planned": [meeting_plan_outcome_card(MEETING_PLAN_OUTCOME, lang)],
        "meeting_plan_nothing": [meeting_plan_outcome_card(replace(MEETING_PLAN_OUTCOME, planned=()), lang)],
        "year_wheel": [year_wheel_card(YEAR_WHEEL, lang)],
        "year_wheel_empty": [year_wheel_card(YearWheel(2031, ()), lang)],
        "attendance_called_in": [attendance_card(ATTENDANCE_CALLED_IN, lang)],
        "handling": [handling_card(HANDLING_CARD, lang, notice=say(lang, "handling_saved", case="7/2027"))],
        "handling_alternative": [
            handling_card(
                replace(
                    HANDLING_CARD,
                    handling=HandlingView(
                        outcome=VoteKind.UNANIMOUS,
                        proposals=(
                            ProposalLine("SSU slutter seg til rutinen."),
                            ProposalLine("SSU utsetter rutinen til 2028.", by="Åse Øvrebø", adopted=True),
                        ),
                    ),
                ),
                lang,
            )
        ],
        "handling_information": [
            handling_card(
                replace(HANDLING_CARD, case_type=CaseType.ORIENTERINGSSAK, proposal=None, handling=None), lang
            )
        ],
    }
    for command, entry in zip(REGISTRY.commands, entries, strict=True):
        rendered[f"help_{command.key}"] = [command_help_card(entry, lang)]
    return rendered


CARD_NAMES = [
    "agenda", "agenda_july", "agenda_changed", "agenda_empty", "agenda_level3_empty", "agenda_60", "agenda_huge",
    "case", "case_bare", "case_whole", "paper", "paper_bare", "paper_stale", "paper_stale_long", "case_search", "case_search_none",
    "case_list", "case_list_empty", "case_list_large", "bodies", "bodies_none", "members",
    "members_none", "meetings", "meetings_one_case", "meetings_none", "meetings_ics", "meeting_planned",
    "agenda_ics", "agenda_huge_ics", "agenda_teams", "agenda_papers", "agenda_papers_long", "notice", "notice_console",
    "help", "decision_pending",
    "decision_pending_for_tien", "decision_pending_for_lise", "decision_returned", "decision_final", "decision_adopting_plan", "decision_adopted_plan", "decision_large", "decision_register", "decision_search_none", "attendance", "minutes_25",
    "minutes_pending", "minutes_pending_for_tien", "minutes_crowded", "minutes_returned", "minutes_deferred",
    "minutes_approved_v2", "plan_120", "plan_huge", "my_measures", "measures_none", "measure_detail", "reminders", "reminders_none",
    "members_sync", "members_sync_confirmed", "members_sync_again", "members_sync_none_stored", "members_sync_cancelled",
    "members_sync_done", "meeting_plan", "meeting_plan_partly", "meeting_plan_full", "meeting_plan_planned",
    "meeting_plan_nothing", "year_wheel", "year_wheel_empty", "attendance_called_in", "handling", "handling_alternative", "handling_information",
    *(f"help_{command.key}" for command in REGISTRY.commands),
]  # fmt: skip


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, Language], list[RenderedCard]]:
    return {(name, lang): cards for lang in LANGS for name, cards in _render_all(lang).items()}


@pytest.fixture(scope="module")
def validation(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> dict[tuple[str, Language], list[list[str]]]:
    """All cards of the module through the Node validator at once."""
    if not node_validators_available():
        pytest.skip("node is not installed, so the Adaptive Card validator cannot run")
    keys = list(rendered)
    flat = [card.card for key in keys for card in rendered[key]]
    errors = card_errors(flat)
    result: dict[tuple[str, Language], list[list[str]]] = {}
    index = 0
    for key in keys:
        count = len(rendered[key])
        result[key] = errors[index : index + count]
        index += count
    return result


def cards_of(rendered: dict[tuple[str, Language], list[RenderedCard]], name: str, lang: Language) -> list[RenderedCard]:
    return rendered[(name, lang)]


def one_card(rendered: dict[tuple[str, Language], list[RenderedCard]], name: str, lang: Language) -> RenderedCard:
    cards = rendered[(name, lang)]
    assert len(cards) == 1
    return cards[0]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def shown_texts(card: dict[str, Any]) -> list[str]:
    """What a reader sees on the card, in order: text blocks and 'title: value' of facts."""
    texts: list[str] = []
    for element in _walk(card.get("body", [])):
        if element.get("type") == "TextBlock":
            texts.append(element["text"])
        elif element.get("type") == "FactSet":
            texts += [f"{fact['title']}: {fact['value']}" for fact in element["facts"]]
    return texts


def card_title(card: dict[str, Any]) -> str:
    first = card["body"][0]
    assert first["type"] == "TextBlock"
    return str(first["text"])


def agenda_item_lines(card: dict[str, Any]) -> list[str]:
    """The first (bold) line of every numbered agenda item on the card."""
    return [
        element["items"][0]["text"]
        for element in card["body"]
        if element.get("type") == "Container" and re.match(r"^\d+\. ", element["items"][0]["text"])
    ]


# --- every card: valid, 1.5, small enough, text twin -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CARD_NAMES)
def test_every_card_is_valid_for_teams(
    name: str,
    lang: Language,
    rendered: dict[tuple[str, Language], list[RenderedCard]],
    validation: dict[tuple[str, Language], list[list[str]]],
) -> None:
    cards = cards_of(rendered, name, lang)
    assert cards
    assert validation[(name, lang)] == [[] for _ in cards]
    for card in cards:
        assert card.card["type"] == "AdaptiveCard"
        assert card.card["version"] == "1.5"
        assert card.size < LIMIT
        # Clients without cards, and notifications, get the card's title, not the card again.
        fallback = card.card["fallbackText"]
        assert fallback == card.text.splitlines()[0].strip() or fallback.endswith("…")
        assert fallback and "\n" not in fallback and len(fallback) <= MAX_SUMMARY_CHARS
        assert card.text.strip()


def test_the_card_names_cover_every_rendering(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    assert {name for name, _ in rendered} == set(CARD_NAMES)


def test_size_counts_utf16_bytes_as_teams_does() -> None:
    # Teams counts a bot message in UTF-16: ASCII and æøå/Sami letters take 2 bytes, an emoji 4.
    card = RenderedCard(card={"t": "æøå čđŋšŧž 🙂"}, text="")
    assert card.size == 2 * len('{"t": "æøå čđŋšŧž "}') + 4


# --- the agenda ---------------------------------------------------------------------------------------


def test_agenda_header_in_norwegian(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "agenda", "nb")
    assert card_title(card.card) == "Saksliste – Strategisk samarbeidsutvalg (SSU)"
    texts = shown_texts(card.card)
    assert f"Møte: {NB_WHEN}" in texts
    assert "Sted: Drammen sykehus, møterom 3" in texts
    assert "Status: Innkalt" in texts


def test_agenda_header_in_english(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "agenda", "en")
    assert card_title(card.card) == "Agenda – Strategisk samarbeidsutvalg (SSU)"
    texts = shown_texts(card.card)
    assert f"Meeting: {EN_WHEN}" in texts
    assert "Place: Drammen sykehus, møterom 3" in texts
    assert "Status: Called" in texts


def test_agenda_in_summer_shows_oslo_summer_time(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "agenda_july", "nb")
    en = one_card(rendered, "agenda_july", "en")
    assert "Møte: tirsdag 6. juli 2027 kl. 09.00–12.00" in shown_texts(nb.card)
    assert "Meeting: Tuesday 6 July 2027 at 09:00–12:00" in shown_texts(en.card)
    assert "tirsdag 6. juli 2027 kl. 09.00–12.00" in nb.text.splitlines()
    assert "Tuesday 6 July 2027 at 09:00–12:00" in en.text.splitlines()


def test_agenda_items_are_numbered_with_standard_items_first_norwegian(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "agenda", "nb")
    assert agenda_item_lines(card.card) == [
        f"1. {STANDARD_NB[0]}",
        f"2. {STANDARD_NB[1]}",
        "3. Sak 12/2026 Felles rutine for utskrivning av skrøpelige eldre",
        "4. Sak 13/2026 Status for handlingsplanen",
        "5. Sak 2/2027 Kompetanseløft i Ålesund og Bærum",
    ]
    texts = shown_texts(card.card)
    assert "Vedtakssak · Ansvarlig: Kari Nordmann" in texts
    assert "Orienteringssak" in texts
    assert "Drøftingssak · Ansvarlig: Åse Øvrebø" in texts


def test_agenda_items_in_english(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "agenda", "en")
    assert agenda_item_lines(card.card) == [
        f"1. {STANDARD_EN[0]}",
        f"2. {STANDARD_EN[1]}",
        "3. Case 12/2026 Felles rutine for utskrivning av skrøpelige eldre",
        "4. Case 13/2026 Status for handlingsplanen",
        "5. Case 2/2027 Kompetanseløft i Ålesund og Bærum",
    ]
    texts = shown_texts(card.card)
    assert "For decision · Responsible: Kari Nordmann" in texts
    assert "For information" in texts
    assert "For discussion · Responsible: Åse Øvrebø" in texts
    assert not any("Ansvarlig" in text or "Vedtakssak" in text for text in texts)


def test_agenda_text_twin_carries_the_same_items(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "agenda", "nb").text.splitlines()
    assert nb[0] == "Saksliste – Strategisk samarbeidsutvalg (SSU)"
    assert NB_WHEN in nb
    assert "Sted: Drammen sykehus, møterom 3" in nb
    assert [line for line in nb if re.match(r"^\d+\. ", line)] == [
        f"1. {STANDARD_NB[0]}",
        f"2. {STANDARD_NB[1]}",
        "3. Sak 12/2026 Felles rutine for utskrivning av skrøpelige eldre (Vedtakssak · Ansvarlig: Kari Nordmann)",
        "4. Sak 13/2026 Status for handlingsplanen (Orienteringssak)",
        "5. Sak 2/2027 Kompetanseløft i Ålesund og Bærum (Drøftingssak · Ansvarlig: Åse Øvrebø)",
    ]
    en = one_card(rendered, "agenda", "en").text.splitlines()
    assert en[0] == "Agenda – Strategisk samarbeidsutvalg (SSU)"
    assert EN_WHEN in en
    assert "Place: Drammen sykehus, møterom 3" in en
    assert [line for line in en if re.match(r"^\d+\. ", line)] == [
        f"1. {STANDARD_EN[0]}",
        f"2. {STANDARD_EN[1]}",
        "3. Case 12/2026 Felles rutine for utskrivning av skrøpelige eldre (For decision · Responsible: Kari Nordmann)",
        "4. Case 13/2026 Status for handlingsplanen (For information)",
        "5. Case 2/2027 Kompetanseløft i Ålesund og Bærum (For discussion · Responsible: Åse Øvrebø)",
    ]


def test_changed_agenda_is_titled_as_changed(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "agenda_changed", "nb")
    en = one_card(rendered, "agenda_changed", "en")
    assert card_title(nb.card) == "Endret saksliste – Strategisk samarbeidsutvalg (SSU)"
    assert card_title(en.card) == "Changed agenda – Strategisk samarbeidsutvalg (SSU)"
    assert nb.text.startswith("Endret saksliste – ")
    assert en.text.startswith("Changed agenda – ")
    # The unchanged agenda does not say so.
    assert not card_title(one_card(rendered, "agenda", "nb").card).startswith("Endret")


def test_agenda_without_cases_says_so(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "agenda_empty", "nb")
    en = one_card(rendered, "agenda_empty", "en")
    assert agenda_item_lines(nb.card) == [f"1. {STANDARD_NB[0]}", f"2. {STANDARD_NB[1]}"]
    assert "Ingen saker er satt opp ennå." in shown_texts(nb.card)
    assert "Ingen saker er satt opp ennå." in nb.text
    assert "No cases on the agenda yet." in shown_texts(en.card)
    assert "No cases on the agenda yet." in en.text
    # An agenda with cases does not say it has none.
    assert "Ingen saker er satt opp ennå." not in one_card(rendered, "agenda", "nb").text


def test_level_3_agenda_without_standard_items(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "agenda_level3_empty", "nb")
    assert card_title(card.card) == "Saksliste – Lokalt samarbeidsutvalg Drammen (LSU-DRAMMEN)"
    assert agenda_item_lines(card.card) == []
    assert "Møte: tirsdag 9. mars 2027 kl. 09.00" in shown_texts(card.card)
    assert "Ingen saker er satt opp ennå." in shown_texts(card.card)


@pytest.mark.parametrize("lang", LANGS)
def test_agenda_of_60_long_cases_is_still_one_card(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    card = one_card(rendered, "agenda_60", lang)
    assert card.size < LIMIT
    assert not re.search(r"\(\d+/\d+\)$", card_title(card.card))
    lines = agenda_item_lines(card.card)
    assert len(lines) == 62
    case_word = "Sak" if lang == "nb" else "Case"
    for number in range(1, 61):
        expected = f"{number + 2}. {case_word} {number}/2027 {long_title(number, 200)}"
        assert lines[number + 1] == expected
        assert expected in card.text
    assert "æ" in card.text and "ø" in card.text and "å" in card.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_very_large_agenda_is_split_into_numbered_parts(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    parts = cards_of(rendered, "agenda_huge", lang)
    total = len(parts)
    assert total > 1
    prefix = (
        "Saksliste – Strategisk samarbeidsutvalg (SSU)"
        if lang == "nb"
        else "Agenda – Strategisk samarbeidsutvalg (SSU)"
    )
    when = NB_WHEN if lang == "nb" else EN_WHEN
    for index, part in enumerate(parts, start=1):
        assert part.size < LIMIT
        assert card_title(part.card) == f"{prefix} ({index}/{total})"
        # Every part says which meeting it belongs to.
        assert when in part.text
        assert any(when in text for text in shown_texts(part.card))


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_twin_of_each_part_is_numbered_like_its_card(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    """Clients without cards (and the console) show the text: its parts must be told apart too."""
    parts = cards_of(rendered, "agenda_huge", lang)
    for part in parts:
        assert part.text.splitlines()[0] == card_title(part.card)


@pytest.mark.parametrize("lang", LANGS)
def test_the_parts_together_hold_every_item_exactly_once_in_order(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    parts = cards_of(rendered, "agenda_huge", lang)
    case_word = "Sak" if lang == "nb" else "Case"
    standard = STANDARD_NB if lang == "nb" else STANDARD_EN
    expected = [f"1. {standard[0]}", f"2. {standard[1]}"] + [
        f"{number + 2}. {case_word} {number}/2027 {long_title(number, HUGE_TITLE)}"
        for number in range(1, HUGE_CASES + 1)
    ]
    on_cards = [line for part in parts for line in agenda_item_lines(part.card)]
    assert on_cards == expected
    in_texts = [line for part in parts for line in part.text.splitlines() if re.match(r"^\d+\. ", line)]
    assert len(in_texts) == len(expected)
    for line, item in zip(in_texts, expected, strict=True):
        assert line.startswith(item)
    # No part is empty, and no part claims the agenda has no cases.
    assert all(agenda_item_lines(part.card) for part in parts)
    assert not any(
        "Ingen saker er satt opp ennå." in part.text or "No cases on the agenda yet." in part.text for part in parts
    )


def test_splitting_is_no_finer_than_needed(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    parts = cards_of(rendered, "agenda_huge", "nb")
    whole = sum(part.size for part in parts)
    # Parts are filled: the count is close to the least that fits under the limit.
    assert len(parts) <= whole // LIMIT + 2


# --- cases --------------------------------------------------------------------------------------------


def test_case_card_in_norwegian(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "case", "nb")
    assert card_title(card.card) == "Sak 12/2026 – Felles rutine for utskrivning av skrøpelige eldre"
    texts = shown_texts(card.card)
    for fact in [
        "Type: Vedtakssak",
        "Status: Satt opp",
        "Ansvarlig: Kari Nordmann",
        "Innmeldt av: Åse Øvrebø",
        "Innmeldt: 23.11.2026",
        "Møte: tirsdag 9. mars 2027 kl. 09.00",
    ]:
        assert fact in texts
        assert fact in card.text.splitlines()
    assert "Strategisk samarbeidsutvalg (SSU)" in texts
    background = texts.index("Bakgrunn")
    assert texts[background + 1] == "Kommunene og sykehuset har ulike rutiner for utskrivning."
    proposal = texts.index("Forslag til vedtak")
    assert texts[proposal + 1] == "SSU slutter seg til den felles rutinen."
    assert "SSU slutter seg til den felles rutinen." in card.text


def test_case_card_in_english(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "case", "en")
    assert card_title(card.card) == "Case 12/2026 – Felles rutine for utskrivning av skrøpelige eldre"
    texts = shown_texts(card.card)
    for fact in [
        "Type: For decision",
        "Status: Scheduled",
        "Responsible: Kari Nordmann",
        "Submitted by: Åse Øvrebø",
        "Submitted: 23.11.2026",
        "Meeting: Tuesday 9 March 2027 at 09:00",
    ]:
        assert fact in texts
    assert "Background" in texts
    assert "Proposed decision" in texts


def test_case_card_leaves_out_what_is_unknown(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "case_bare", "nb")
    texts = shown_texts(card.card)
    assert card_title(card.card) == "Sak 3/2027 – Legevakt i Drammen"
    assert "Type: Orienteringssak" in texts
    assert "Status: Innmeldt" in texts
    assert not any(text.startswith(("Ansvarlig", "Innmeldt av", "Møte", "Bakgrunn", "Forslag")) for text in texts)
    assert "None" not in card.text


def test_case_list_in_norwegian(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "case_list", "nb")
    assert card_title(card.card) == "Saker – Strategisk samarbeidsutvalg (SSU)"
    texts = shown_texts(card.card)
    queue = texts.index("I kø (2)")
    assert texts[queue + 1 : queue + 3] == [
        "13/2026 Status for handlingsplanen · Orienteringssak",
        "14/2026 Felles kompetanseplan · Drøftingssak · Utsatt",
    ]
    scheduled = texts.index("Satt opp (1)")
    assert texts[scheduled + 1] == "12/2026 Felles rutine for utskrivning av skrøpelige eldre · Vedtakssak · 09.03.2027"
    for line in ("I kø (2)", "Satt opp (1)", "14/2026 Felles kompetanseplan · Drøftingssak · Utsatt"):
        assert any(line in text_line for text_line in card.text.splitlines())


def test_case_list_in_english(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "case_list", "en")
    texts = shown_texts(card.card)
    assert card_title(card.card) == "Cases – Strategisk samarbeidsutvalg (SSU)"
    assert "In the queue (2)" in texts
    assert "Scheduled (1)" in texts
    assert "14/2026 Felles kompetanseplan · For discussion · Postponed" in texts
    assert "12/2026 Felles rutine for utskrivning av skrøpelige eldre · For decision · 09.03.2027" in texts


def test_empty_case_list(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = shown_texts(one_card(rendered, "case_list_empty", "nb").card)
    assert nb == ["Saker – Lokalt samarbeidsutvalg Drammen (LSU-DRAMMEN)", "I kø (0)", "Ingen", "Satt opp (0)", "Ingen"]
    en = shown_texts(one_card(rendered, "case_list_empty", "en").card)
    assert en == [
        "Cases – Lokalt samarbeidsutvalg Drammen (LSU-DRAMMEN)",
        "In the queue (0)",
        "None",
        "Scheduled (0)",
        "None",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_case_list_stays_under_the_message_limit(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    """200 open cases with long titles (two busy years of an SSU) must still be postable."""
    card = one_card(rendered, "case_list_large", lang)
    assert card.size < LIMIT
    queue_heading = "I kø (150)" if lang == "nb" else "In the queue (150)"
    assert queue_heading in shown_texts(card.card)


# --- structure -----------------------------------------------------------------------------------------


def test_bodies_card_in_norwegian(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    card = one_card(rendered, "bodies", "nb")
    texts = shown_texts(card.card)
    assert texts[0] == "Organer"
    assert texts[1:] == [
        "PM – Partnerskapsmøtet",
        "Nivå 1 · Partnerskapsmøte · vedtak godkjennes av: leder · vedtaksført med: mer enn halvparten med stemmerett til stede",
        "Neste møte: ingen planlagt",
        "SSU – Strategisk samarbeidsutvalg",
        "Nivå 2 · Strategisk samarbeidsutvalg · under PM · koblet til kanal · vedtak godkjennes av: leder og ett medlem"
        " · vedtaksført med: minst 2/3 av dem med stemmerett til stede",
        "Neste møte: tirsdag 9. mars 2027 kl. 09.00",
        "LSU-DRAMMEN – Lokalt samarbeidsutvalg Drammen",
        "Nivå 3 · Lokalt samarbeidsutvalg · under SSU · vedtak godkjennes av: leder"
        " · vedtaksført med: minst 3 med stemmerett til stede",
        "Neste møte: tirsdag 6. juli 2027 kl. 09.00",
    ]
    assert "Neste møte: tirsdag 6. juli 2027 kl. 09.00" in card.text


def test_bodies_card_in_english(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    texts = shown_texts(one_card(rendered, "bodies", "en").card)
    assert texts[0] == "Bodies"
    assert (
        "Level 1 · Partnership meeting · decisions approved by: the chair"
        " · quorate with: more than half with a vote present" in texts
    )
    assert "Next meeting: none planned" in texts
    assert (
        "Level 2 · Strategic committee · under PM · linked to a channel · decisions approved by: the chair and one member"
        " · quorate with: at least 2/3 of those with a vote present" in texts
    )
    assert "Next meeting: Tuesday 9 March 2027 at 09:00" in texts
    assert (
        "Level 3 · Local committee · under SSU · decisions approved by: the chair"
        " · quorate with: at least 3 with a vote present" in texts
    )


def test_members_card(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "members", "nb")
    assert shown_texts(nb.card) == [
        "Medlemmer – Strategisk samarbeidsutvalg (SSU)",
        "Kari Nordmann · Leder · Øvre Eiker kommune",
        "Per Ås · Nestleder · Vestre Viken HF",
        "Åse Øvrebø · Sekretær",
    ]
    assert "Åse Øvrebø · Sekretær" in nb.text.splitlines()
    en = shown_texts(one_card(rendered, "members", "en").card)
    assert en == [
        "Members – Strategisk samarbeidsutvalg (SSU)",
        "Kari Nordmann · Chair · Øvre Eiker kommune",
        "Per Ås · Deputy chair · Vestre Viken HF",
        "Åse Øvrebø · Secretary",
    ]


def test_members_card_without_members(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    assert "Ingen registrerte medlemmer." in shown_texts(one_card(rendered, "members_none", "nb").card)
    assert "No registered members." in shown_texts(one_card(rendered, "members_none", "en").card)


def test_meetings_card(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = one_card(rendered, "meetings", "nb")
    assert shown_texts(nb.card) == [
        "Kommende møter – Strategisk samarbeidsutvalg (SSU)",
        NB_WHEN,
        "Drammen sykehus · Innkalt · 3 saker",
        "tirsdag 6. juli 2027 kl. 09.00",
        "Planlagt · 0 saker",
    ]
    assert f"{NB_WHEN} · Drammen sykehus · Innkalt · 3 saker" in nb.text.splitlines()
    en = shown_texts(one_card(rendered, "meetings", "en").card)
    assert en == [
        "Upcoming meetings – Strategisk samarbeidsutvalg (SSU)",
        EN_WHEN,
        "Drammen sykehus · Called · 3 cases",
        "Tuesday 6 July 2027 at 09:00",
        "Planned · 0 cases",
    ]


def test_meetings_card_counts_one_case_in_the_singular(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    assert "Planlagt · 1 sak" in shown_texts(one_card(rendered, "meetings_one_case", "nb").card)
    assert "Planned · 1 case" in shown_texts(one_card(rendered, "meetings_one_case", "en").card)


def test_meetings_card_without_meetings(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    assert "Ingen kommende møter." in shown_texts(one_card(rendered, "meetings_none", "nb").card)
    assert "No upcoming meetings." in shown_texts(one_card(rendered, "meetings_none", "en").card)


# --- the meeting's own .ics download ---------------------------------------------------------------


def open_urls(card: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, url) of every Action.OpenUrl on the card, in order, wherever it sits."""
    return [(element["title"], element["url"]) for element in _walk(card) if element.get("type") == "Action.OpenUrl"]


def test_each_meeting_of_the_list_has_its_own_ics_button_and_text_link(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    nb = one_card(rendered, "meetings_ics", "nb")
    july_url = "https://hfbot.example.no/calendar/SSU/8.ics?token=Qx3-secret_token"
    assert open_urls(nb.card) == [("Legg i kalender (.ics)", MARCH_ICS_URL), ("Legg i kalender (.ics)", july_url)]
    assert f"  Legg i kalender (.ics): {MARCH_ICS_URL}" in nb.text.splitlines()
    assert shown_texts(nb.card) == shown_texts(one_card(rendered, "meetings", "nb").card)  # nothing else changed
    assert open_urls(one_card(rendered, "meetings_ics", "en").card)[0] == ("Add to calendar (.ics)", MARCH_ICS_URL)
    assert open_urls(one_card(rendered, "meetings", "nb").card) == []  # no link without the parts or the address
    assert open_urls(meetings_card(MEETINGS_WITH_ICS, "nb").card) == []  # the console serves no downloads


def test_the_agenda_and_the_planned_meeting_offer_the_meeting_as_ics(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    agenda_card = one_card(rendered, "agenda_ics", "nb")
    assert agenda_card.card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Legg i kalender (.ics)", "url": MARCH_ICS_URL}
    ]
    assert f"Legg i kalender (.ics): {MARCH_ICS_URL}" in agenda_card.text.splitlines()
    assert "actions" not in one_card(rendered, "agenda", "nb").card
    parts = cards_of(rendered, "agenda_huge_ics", "en")
    assert len(parts) > 1 and all(open_urls(part.card) == [("Add to calendar (.ics)", MARCH_ICS_URL)] for part in parts)
    planned = one_card(rendered, "meeting_planned", "nb")
    assert card_title(planned.card) == "Møte – Strategisk samarbeidsutvalg (SSU)"
    assert open_urls(planned.card) == [("Legg i kalender (.ics)", MARCH_ICS_URL)]
    assert NB_WHEN in shown_texts(planned.card) and MARCH_ICS_URL in planned.text


def test_an_agenda_with_an_outlook_event_offers_its_teams_meeting_first(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    nb = one_card(rendered, "agenda_teams", "nb")
    assert open_urls(nb.card) == [("Bli med i Teams-møtet", JOIN_URL), ("Legg i kalender (.ics)", MARCH_ICS_URL)]
    assert f"Bli med i Teams-møtet: {JOIN_URL}" in nb.text.splitlines()
    assert open_urls(one_card(rendered, "agenda_teams", "en").card)[0] == ("Join the Teams meeting", JOIN_URL)


# --- help ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_help_card_lists_every_command_in_order(
    lang: Language, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    card = one_card(rendered, "help", lang)
    texts = shown_texts(card.card)
    assert texts[0] == ("Hjelp" if lang == "nb" else "Help")
    usages = [command.usage(lang) for command in REGISTRY.commands]
    positions = [texts.index(usage) for usage in usages]
    assert positions == sorted(positions)
    for command in REGISTRY.commands:
        assert texts[texts.index(command.usage(lang)) + 1] == command.describe(lang)
        assert f"{command.usage(lang)} – {command.describe(lang)}" in card.text.splitlines()


def test_help_card_speaks_the_users_language(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    nb = shown_texts(one_card(rendered, "help", "nb").card)
    en = shown_texts(one_card(rendered, "help", "en").card)
    assert "nytt møte [organ] <dato> <tt:mm>[-<tt:mm>] [sted] [avholdt]" in nb
    assert "new meeting [body] <date> <hh:mm>[-<hh:mm>] [place] [held]" in en
    assert "Skriv «hjelp <kommando>» for detaljer." in nb
    assert "Write 'help <command>' for details." in en
    assert not set(nb[1:]) & set(en[1:])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", REGISTRY.commands, ids=[command.key for command in REGISTRY.commands])
def test_command_help_card(
    lang: Language, command: CommandSpec, rendered: dict[tuple[str, Language], list[RenderedCard]]
) -> None:
    card = one_card(rendered, f"help_{command.key}", lang)
    texts = shown_texts(card.card)
    other: Language = "en" if lang == "nb" else "nb"
    also, example = ("Også", "Eksempel") if lang == "nb" else ("Also", "Example")
    assert texts[0] == command.usage(lang)
    assert texts[1] == command.describe(lang)
    assert f"{also}: {command.usage(other)}" in texts
    shown_example = example_in(command, lang)
    assert f"{example}: {shown_example}" in texts
    assert REGISTRY.parse(shown_example, frozenset({"SSU"})).command is command  # the English one works too
    assert card.text.splitlines()[:2] == [command.usage(lang), command.describe(lang)]


def test_a_changed_agenda_never_shows_the_cards_of_the_earlier_one() -> None:
    # Rendered agendas are kept and reused; the key must be everything on the card.
    first = agenda(cases=3)
    assert agenda_cards(agenda(cases=3), "nb")[0].card == agenda_cards(first, "nb")[0].card
    retitled = replace(first, items=(*first.items[:-1], replace(first.items[-1], title="Ny tittel")))
    assert "Ny tittel" in json.dumps(agenda_cards(retitled, "nb")[0].card, ensure_ascii=False)
    assert "Ny tittel" not in json.dumps(agenda_cards(first, "nb")[0].card, ensure_ascii=False)
    moved = replace(first, place="Tønsberg")
    assert "Tønsberg" in agenda_cards(moved, "nb")[0].text and "Tønsberg" not in agenda_cards(first, "nb")[0].text
    assert agenda_cards(first, "en")[0].text != agenda_cards(first, "nb")[0].text


def actions_of(card: dict[str, Any]) -> list[str]:
    return [action["verb"] for action in card.get("actions", [])]


def test_the_shared_approval_card_has_buttons_and_refreshes_for_the_approvers_teams_knows(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "decision_pending", "nb").card
    texts = shown_texts(card)
    assert texts[0] == "Vedtak til godkjenning – Sak 12/2026"
    assert "Organ: SSU – Strategisk samarbeidsutvalg" in texts and "Godkjennes av: leder og ett medlem" in texts
    assert "Lise Leder: Godkjent tirsdag 9. mars 2027 kl. 11.15" in texts  # Oslo time
    assert "Tien Medlem: venter" in texts
    assert actions_of(card) == ["approve", "reject"]
    assert card["actions"][0]["data"] == {"decisionId": 7, "round": 1}
    assert card["refresh"]["action"]["verb"] == "refresh"
    assert card["refresh"]["userIds"] == ["29:lise", "29:ola"]


def test_each_approver_sees_their_own_state(rendered: dict[tuple[str, Language], list[RenderedCard]]) -> None:
    waiting = one_card(rendered, "decision_pending_for_tien", "en").card
    assert actions_of(waiting) == ["approve", "reject"] and "refresh" not in waiting
    done = one_card(rendered, "decision_pending_for_lise", "en").card
    assert actions_of(done) == [] and not any(e.get("type") == "Input.Text" for e in done["body"])
    assert shown_texts(done)[1] == "Notis"


def test_a_final_or_returned_decision_has_no_buttons_and_says_why(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    final = one_card(rendered, "decision_final", "nb").card
    assert shown_texts(final)[0] == "Vedtatt – Sak 12/2026"
    assert actions_of(final) == [] and "refresh" not in final
    returned = one_card(rendered, "decision_returned", "en")
    assert actions_of(returned.card) == []
    assert "Rejected by Tien Medlem: 'Datoen må være 1. september'" in returned.text
    assert "Decided between meetings (by circulation)" in returned.text and "Round: 2" in returned.text


def test_a_decision_card_with_the_longest_text_and_many_approvers_stays_small(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "decision_large", "nb").card
    assert len(json.dumps(card, ensure_ascii=False).encode()) < MAX_CARD_BYTES
    assert len(card["refresh"]["userIds"]) == 60


def test_the_decision_register_lists_each_decision_with_its_state_and_opening(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "decision_register", "nb")
    texts = shown_texts(card.card)
    assert texts[0] == "Vedtak som inneholder «utskrivning»"
    assert texts[1:4] == ["SSU sak 1/2026 Felles rutine for utskrivning", "Vedtatt 09.03.2027", "Ø" * 300 + "…"]
    assert "Vedtatt 09.03.2027 · sirkulasjonssak" in texts
    assert texts[-1] == "… og 4 til. Søk med flere ord for å snevre inn."
    assert len(json.dumps(card.card, ensure_ascii=False).encode()) < MAX_CARD_BYTES
    assert shown_texts(one_card(rendered, "decision_search_none", "en").card)[1] == "No decisions found."


def test_the_attendance_card_offers_each_member_their_status_and_substitutes_not_called_in(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "attendance", "nb")
    inputs = [element for element in card.card["body"] if element.get("type") == "Input.ChoiceSet"]
    assert [(i["label"], i["value"]) for i in inputs] == [
        ("Lise Leder · Leder · Vestre Viken HF", "til stede"),
        ("Tien Medlem · Medlem · Øvre Eiker kommune", "forfall"),
        ("Ola Vara · Vara · Øvre Eiker kommune", "ikke innkalt"),
    ]
    assert [c["title"] for c in inputs[2]["choices"]] == ["Ikke innkalt", "Til stede", "Forfall", "Fraværende"]
    assert card.card["actions"][0]["verb"] == "save_attendance" and card.card["actions"][0]["data"] == {"meetingId": 4}
    assert "Tien Medlem · Medlem · Øvre Eiker kommune: Forfall" in card.text


def test_minutes_of_25_items_in_norwegian_stay_one_card_with_every_outcome(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "minutes_25", "nb")
    texts = shown_texts(card.card)
    assert texts[0] == "Utkast til protokoll – Strategisk samarbeidsutvalg (SSU)"
    [table] = [element for element in card.card["body"] if element.get("type") == "Table"]
    assert [[cell["items"][0]["text"] for cell in row["cells"]] for row in table["rows"]] == [
        ["Navn", "Rolle", "Representerer", "Merknad"],
        ["Lise Leder", "Leder", "Vestre Viken HF", ""],
        ["Tien Medlem", "Medlem", "Øvre Eiker kommune", "Forfall"],
        ["Åse Øvrebø", "Vara", "Øvre Eiker kommune", ""],
    ]
    assert table["firstRowAsHeader"] is True
    assert "Tien Medlem · Medlem · Øvre Eiker kommune · Forfall" in card.text
    assert sum(1 for text in texts if text.startswith(("1", "2")) and "/2027 Sak om" in text) >= 10
    assert "Tatt til orientering." in texts
    assert any(text.startswith("Vedtak (til godkjenning): Vedtak med særnorske bokstaver") for text in texts)
    assert "Tien Medlem erklærte seg inhabil og deltok ikke i behandlingen (styreverv)" in texts
    assert len(json.dumps(card.card, ensure_ascii=False).encode()) < MAX_CARD_BYTES


def test_minutes_awaiting_approval_offer_buttons_to_the_approvers_who_have_not_acted(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    shared = one_card(rendered, "minutes_pending", "nb").card
    assert shown_texts(shared)[0] == "Protokoll til godkjenning – Strategisk samarbeidsutvalg (SSU)"
    assert [action["verb"] for action in shared["actions"]] == ["approve", "reject"]
    assert shared["actions"][0]["data"] == {"minutesId": 3, "round": 1}
    assert shared["refresh"]["userIds"] == ["29:lise", "29:ola"]
    tien = one_card(rendered, "minutes_pending_for_tien", "nb").card
    assert [action.get("verb") or action["title"] for action in tien["actions"]] == [
        "approve",
        "reject",
        "Last ned Word",
        "Last ned PDF",
    ]
    assert "refresh" not in tien
    lise = minutes_card(MINUTES_PENDING, "nb", viewer_id=LISE).card  # she has approved already
    assert "Lise Leder: Godkjent tirsdag 9. mars 2027 kl. 11.15" in shown_texts(lise)
    assert not lise.get("actions")
    crowded = one_card(rendered, "minutes_crowded", "nb").card
    assert len(crowded["refresh"]["userIds"]) == 60


def test_minutes_cards_show_rejection_deferral_and_the_approved_version(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    returned = shown_texts(one_card(rendered, "minutes_returned", "nb").card)
    assert returned[0] == "Protokoll avvist – tilbake til utkast – Strategisk samarbeidsutvalg (SSU)"
    assert any(text.startswith("Avvist av Tien Medlem: «Vara mangler»") for text in returned)
    deferred = one_card(rendered, "minutes_deferred", "en").card
    assert shown_texts(deferred)[0] == "Minutes – approved at the next meeting – Strategisk samarbeidsutvalg (SSU)"
    assert [action["verb"] for action in deferred["actions"]] == ["approve", "reject"]
    approved = one_card(rendered, "minutes_approved_v2", "nb").card
    texts = shown_texts(approved)
    assert texts[0] == "Godkjent protokoll (versjon 2) – Strategisk samarbeidsutvalg (SSU)"
    assert "Godkjent av: Lise Leder, Tien Medlem" in texts
    assert "Rettelse: Sted rettet til Tønsberg." in texts
    assert [action["type"] for action in approved["actions"]] == ["Action.OpenUrl", "Action.OpenUrl"]
    assert "refresh" not in approved


def test_a_plan_of_15_areas_and_120_measures_is_one_card_and_a_larger_one_is_split(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "plan_120", "nb")
    texts = shown_texts(card.card)
    assert texts[0] == "Handlingsplan 2027 – SSU"
    assert "Vedtatt i sak: PM 3/2027" in texts and "Videreført fra: 2026" in texts
    assert sum(1 for text in texts if re.match(r"^\S+ \d+\.\d+ Tiltak", text)) == 120
    assert any(text.endswith("⚠️ forfalt") for text in texts)
    parts = rendered[("plan_huge", "nb")]
    assert len(parts) > 1
    assert all(part.size <= MAX_CARD_BYTES for part in parts)
    assert shown_texts(parts[0].card)[0] == f"Handlingsplan 2027 – SSU (1/{len(parts)})"
    shown = [text for part in parts for text in shown_texts(part.card) if re.match(r"^\S+ \d+\.\d+ Tiltak", text)]
    assert len(shown) == 40 * 30


def test_my_measures_offer_an_update_form_only_where_the_viewer_may_change(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "my_measures", "nb").card
    forms = [
        action
        for element in card["body"]
        for item in element.get("items", [])
        if item.get("type") == "ActionSet"
        for action in item["actions"]
    ]
    assert [form["title"] for form in forms] == ["Oppdater 1.1", "Oppdater 1.3", "Oppdater 1.5", "Oppdater 1.7"]
    status, comment = forms[0]["card"]["body"]
    assert status["id"] == "status-101" and status["value"] == "pågående"
    assert [choice["value"] for choice in status["choices"]] == [s.value for s in MeasureStatus]
    assert comment["id"] == "comment-101"
    assert forms[0]["card"]["actions"][0] == {
        "type": "Action.Execute",
        "title": "Lagre",
        "verb": "update_measure",
        "data": {"measureId": 101},
        "associatedInputs": "auto",
    }


def test_a_measure_shows_its_origin_and_history_with_linked_cases_in_both_languages(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    nb = one_card(rendered, "measure_detail", "nb")
    texts = shown_texts(nb.card)
    assert texts[0].startswith("Tiltak 1.1/2027 Tiltak 1.1")
    assert "Videreført fra: 1.1/2026" in texts
    assert "Frist: 30.06.2027" in texts
    assert texts[texts.index("Historikk") + 1 : texts.index("Historikk") + 4] == [
        "23.11.2026 · import: opprettet som ikke startet",
        "23.11.2026 · Kari Nordmann: Ikke startet → Pågående – «Første samling holdt»",
        "23.11.2026 · Lise Leder – «vedtatt som del av handlingsplan 2027» (SSU 5/2027)",
    ]
    [form] = [element for element in nb.card["body"] if element.get("type") == "ActionSet"]
    assert form["actions"][0]["title"] == "Oppdater 1.1"
    en = one_card(rendered, "measure_detail", "en").text
    assert "Measure 1.1/2027" in en and "History:" in en and "Not started → In progress" in en


def test_a_decision_on_the_plan_says_it_adopts_the_plan_and_once_final_that_it_did(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    pending = shown_texts(one_card(rendered, "decision_adopting_plan", "nb").card)
    assert "Handlingsplan: Når vedtaket er endelig, er handlingsplan 2027 vedtatt" in pending
    final = shown_texts(one_card(rendered, "decision_adopted_plan", "en").card)
    assert "Action plan: The 2027 action plan is adopted" in final
    assert not any(
        text.startswith("Handlingsplan:") for text in shown_texts(one_card(rendered, "decision_final", "nb").card)
    )


def test_the_reminder_policy_card_says_what_happens_when_in_both_languages(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    nb = shown_texts(one_card(rendered, "reminders", "nb").card)
    assert "Saksliste: sekretariatet minnes på å publisere den 7 dager før" in nb
    assert "Påminnelse dagen før møtet: nei" in nb
    assert "mandag 23. november 2026 kl. 09.00 – Godkjenning som venter" in nb
    en = one_card(rendered, "reminders_none", "en").text
    assert "Case deadline: 21 days before the meeting" in en and "None planned." in en


# --- medlemmer synk ----------------------------------------------------------------------------------


def test_the_sync_proposal_lists_the_changes_and_carries_them_on_confirm(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "members_sync", "nb").card
    texts = shown_texts(card)
    assert card_title(card) == "Medlemmer og Teams – Strategisk samarbeidsutvalg (SSU)"
    assert "Kobles til Teams-kontoen (2)" in texts
    assert "Lise Leder (lise@example.no)" in texts
    assert "Per Flyttet (per@example.no) – erstatter en annen Teams-konto" in texts
    assert "Per Konflikt: kontoen er koblet til Dave Sekretariat" in texts
    assert "Kari Vara" in texts and "Allerede koblet: 1" in texts
    strangers = next(text for text in texts if text.startswith("Gjest nummer 0"))
    assert strangers.endswith("og 2960 til")  # a big team's roster is cut short, not the card
    confirm, cancel = card["actions"]
    assert (confirm["title"], confirm["verb"], cancel["title"], cancel["verb"]) == (
        "Bekreft",
        CONFIRM_SYNC_VERB,
        "Avbryt",
        CANCEL_SYNC_VERB,
    )
    assert confirm["data"]["changes"][0] == {"personId": 1, "aadObjectId": LISE_AAD, "teamsUserId": "29:lise"}
    english = one_card(rendered, "members_sync", "en").card
    assert [action["title"] for action in english["actions"]] == ["Confirm", "Cancel"]
    assert "In Teams but not a member of SSU (3000)" in shown_texts(english)


def test_the_confirmed_card_says_who_confirmed_and_what_was_stored_without_buttons(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "members_sync_confirmed", "nb").card
    texts = shown_texts(card)
    assert "Bekreftet av Dave Sekretariat: 1 koblet til Teams-kontoen." in texts
    assert "Per Flyttet: kontoen er koblet til en annen i mellomtiden" in texts
    assert "actions" not in card
    again = shown_texts(one_card(rendered, "members_sync_again", "en").card)
    assert "This has already been done. Nothing was changed." in again
    none_stored = shown_texts(one_card(rendered, "members_sync_none_stored", "en").card)
    assert "Confirmed by Dave Sekretariat, but nothing could be stored." in none_stored
    cancelled = shown_texts(one_card(rendered, "members_sync_cancelled", "nb").card)
    assert "Avbrutt av Dave Sekretariat. Ingenting er endret." in cancelled


def test_the_meeting_plan_card_has_a_date_time_and_leave_out_input_per_meeting(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    card = one_card(rendered, "meeting_plan", "nb").card
    inputs = [element for element in _walk(card) if str(element.get("type", "")).startswith("Input.")]
    assert [element["type"] for element in inputs[:3]] == ["Input.Date", "Input.Time", "Input.Toggle"]
    assert len(inputs) == 3 * 8
    assert inputs[0]["value"] == "2027-01-10" and inputs[1]["value"] == "09:00"
    assert inputs[0]["label"] == "Møte 1"
    assert "Møte 1: søndag 10. januar 2027 kl. 09.00" in one_card(rendered, "meeting_plan", "nb").text
    [confirm] = card["actions"]
    assert confirm["verb"] == "confirm_meeting_plan"
    assert confirm["data"]["plan"] == {"body": "SSU", "year": 2027, "count": 8, "minutes": 180, "seal": "0" * 64}
    assert "kl. 09.00" in one_card(rendered, "meeting_plan", "nb").text
    assert "at 09:00" in one_card(rendered, "meeting_plan", "en").text


def test_the_year_wheel_lists_the_meetings_under_their_month(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    text = one_card(rendered, "year_wheel", "nb").text
    assert text.splitlines()[:4] == [
        "Årshjul 2027",
        "Mars 2027",
        "  SSU: tirsdag 9. mars 2027 kl. 09.00",
        "  LSU-DRAMMEN: tirsdag 9. mars 2027 kl. 09.00",
    ]
    assert "Ingen møter i 2031." in one_card(rendered, "year_wheel_empty", "nb").text
    assert one_card(rendered, "year_wheel", "en").text.splitlines()[1] == "March 2027"


def test_a_called_in_substitute_shows_whom_they_stand_in_for(
    rendered: dict[tuple[str, Language], list[RenderedCard]],
) -> None:
    text = one_card(rendered, "attendance_called_in", "nb").text
    assert "Ola Vara · Vara · Øvre Eiker kommune · innkalt for Tien Medlem: Til stede" in text
    assert "called in for Tien Medlem" in one_card(rendered, "attendance_called_in", "en").text


def test_a_meeting_plan_confirm_reads_each_meeting_and_refuses_what_no_card_sends() -> None:
    data = {
        "plan_date_0": "2027-01-12",
        "plan_time_0": "09:00",
        "plan_date_1": "2027-03-09",
        "plan_time_1": "13:30",
        "plan_skip_1": "true",
        "plan_date_2": "2027-05-11",
        "plan_time_2": "10:00",
        "plan_skip_2": "false",
    }
    assert confirmed_meetings(data, 3) == [(date(2027, 1, 12), time(9, 0)), (date(2027, 5, 11), time(10, 0))]
    assert confirmed_meetings({**data, "plan_date_0": "12.01.2027"}, 3) is None
    assert confirmed_meetings({**data, "plan_time_2": None}, 3) is None
    assert confirmed_meetings({**data, "plan_time_0": "09:00+01:00"}, 3) is None
    assert confirmed_meetings(data, 4) is None  # a meeting the card had, with no inputs back


@pytest.mark.parametrize("lang", LANGS)
def test_a_stale_paper_shows_the_unsaved_text_while_it_fits_and_says_so_when_it_does_not(
    rendered: dict[tuple[str, Language], list[RenderedCard]], lang: Language
) -> None:
    short = shown_texts(one_card(rendered, "paper_stale", lang).card)
    assert short[-2:] == [say(lang, "proposal"), "SSU ber om en ny runde."]
    long = one_card(rendered, "paper_stale_long", lang)
    assert long.size <= MAX_CARD_BYTES
    assert say(lang, "paper_unsaved") not in shown_texts(long.card)
    assert any(say(lang, "paper_unsaved_too_long") in text for text in shown_texts(long.card))


@pytest.mark.parametrize("lang", LANGS)
def test_the_paper_card_holds_every_field_and_saves_against_its_version(
    rendered: dict[tuple[str, Language], list[RenderedCard]], lang: Language
) -> None:
    card = one_card(rendered, "paper", lang).card
    inputs = {element["id"]: element for element in _walk(card) if str(element.get("type")).startswith("Input.")}
    assert list(inputs) == [
        "paperTitle", "paperType", "paperOfficer", "paperBackground", "paperAssessment", "paperProposal"
    ]  # fmt: skip
    assert inputs["paperProposal"]["value"] == WHOLE_CASE.proposal
    assert inputs["paperBackground"]["maxLength"] == LIMITS[TextField.PAPER_BACKGROUND]
    assert [input_id for input_id, element in inputs.items() if element.get("isMultiline")] == [
        "paperBackground", "paperAssessment", "paperProposal"
    ]  # fmt: skip
    [save] = card["actions"]
    assert (save["type"], save["verb"], save["data"]) == (
        "Action.Execute",
        "save_paper",
        {"caseId": 41, "version": 3, "paper": "5d1f0c2a9b7e4d31"},
    )
