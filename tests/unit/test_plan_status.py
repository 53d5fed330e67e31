"""The action plan's status in brief: rolled up from the measures, under the standing agenda
item of level-2 meetings and in their minutes (card, text twin, Word and PDF)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import docx
import pytest
from pypdf import PdfReader

from cards.agenda import agenda_cards
from cards.common import MAX_CARD_BYTES
from cards.minutes import minutes_card
from cards.minutes_documents import minutes_docx, minutes_pdf
from governance.meetings.agenda import fingerprint
from governance.plans.plan_status import summarise
from governance.rules.model import CaseType, MeasureStatus, MeetingStatus, StandardItem
from governance.views import (
    AgendaItemView,
    AgendaView,
    BodyRef,
    MeasureState,
    MeetingCalendar,
    MinutesItem,
    MinutesView,
)
from tests.support.node_validators import card_errors, node_validators_available

SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")
STARTS = datetime(2027, 3, 9, 8, 0, tzinfo=UTC)
MADE_AT = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
TODAY = date(2027, 3, 9)

STATES = [
    MeasureState(1, "Skrøpelige eldre og multisyke", 11, "1.1", MeasureStatus.FULLFORT, date(2027, 1, 31)),
    MeasureState(1, "Skrøpelige eldre og multisyke", 12, "1.10", MeasureStatus.PAGAENDE, date(2027, 2, 28)),
    MeasureState(1, "Skrøpelige eldre og multisyke", 13, "1.2", MeasureStatus.IKKE_STARTET, date(2027, 12, 31)),
    MeasureState(2, "Barn og unge", 21, "2.1", MeasureStatus.AVSLUTTET, date(2027, 1, 1)),
    MeasureState(2, "Barn og unge", 22, "2.2", MeasureStatus.FULLFORT, None),
    MeasureState(3, "Akuttkjeden", None, None, None, None),
    MeasureState(4, "Fastlegesituasjonen", 41, "4.1", MeasureStatus.UTSATT, date(2027, 3, 1)),
]


def test_the_summary_counts_rolls_up_and_lists_overdue_measures_in_number_order() -> None:
    summary = summarise(2027, STATES, TODAY)

    assert dict(summary.counts) == {
        MeasureStatus.IKKE_STARTET: 1,
        MeasureStatus.PAGAENDE: 1,
        MeasureStatus.FULLFORT: 2,
        MeasureStatus.UTSATT: 1,
        MeasureStatus.AVSLUTTET: 1,
    }
    assert summary.measures == 6
    # Due and not done with; finished or closed measures are never overdue, and 1.2 before 1.10.
    assert summary.overdue == ("1.10", "4.1")
    assert [(area.number, area.status, area.ended, area.measures) for area in summary.areas] == [
        (1, MeasureStatus.PAGAENDE, 1, 3),
        (2, MeasureStatus.FULLFORT, 2, 2),
        (3, MeasureStatus.IKKE_STARTET, 0, 0),
        (4, MeasureStatus.UTSATT, 0, 1),
    ]


def test_statuses_from_an_earlier_moment_replace_the_current_ones_and_leave_out_later_measures() -> None:
    earlier = {11: MeasureStatus.PAGAENDE, 12: MeasureStatus.IKKE_STARTET, 21: MeasureStatus.PAGAENDE}

    summary = summarise(2027, STATES, date(2027, 2, 1), earlier)

    assert summary.measures == 3
    assert dict(summary.counts)[MeasureStatus.FULLFORT] == 0
    assert summary.overdue == ("1.1", "2.1")  # due in January, not done on 1 February
    assert [area.measures for area in summary.areas] == [2, 1, 0, 0]


def plan_agenda(
    summary_states: list[MeasureState] | None, *, cases: int = 1, title: str = "Felles rutine"
) -> AgendaView:
    items = [
        AgendaItemView(1, standard_item=StandardItem.APPROVE_NOTICE),
        AgendaItemView(2, standard_item=StandardItem.APPROVE_MINUTES),
    ]
    for number in range(1, cases + 1):
        items.append(
            AgendaItemView(
                len(items) + 1, None, f"{number}/2027", f"{title} {number}", CaseType.VEDTAKSSAK, "Kari Nordmann"
            )
        )
    summary = summarise(2027, summary_states, TODAY) if summary_states is not None else None
    items.append(AgendaItemView(len(items) + 1, standard_item=StandardItem.PLAN_STATUS, plan_year=2027, plan=summary))
    return AgendaView(SSU, STARTS, None, "Tønsberg", MeetingStatus.PLANLAGT, tuple(items))


def texts_in(node: object) -> list[str]:
    """Every TextBlock's text on a card, shown or folded behind a button, in order."""
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [text for value in node.values() for text in texts_in(value)]
    if isinstance(node, list):
        return [text for value in node for text in texts_in(value)]
    return []


def test_the_agenda_ends_with_the_plan_status_and_its_counts_in_bokmal() -> None:
    [rendered] = agenda_cards(plan_agenda(STATES), "nb")
    texts = texts_in(rendered.card)

    assert "4. Status handlingsplan 2027" in texts
    assert "Orienteringssak" in texts
    assert "6 tiltak: 1 ikke startet, 1 pågående, 2 fullført, 1 utsatt, 1 avsluttet · forfalt: 1.10, 4.1" in texts
    lines = rendered.text.splitlines()
    assert lines[-2:] == [
        "4. Status handlingsplan 2027 (Orienteringssak)",
        "   6 tiltak: 1 ikke startet, 1 pågående, 2 fullført, 1 utsatt, 1 avsluttet · forfalt: 1.10, 4.1",
    ]


def test_the_status_per_focus_area_unfolds_from_a_button_in_english() -> None:
    [rendered] = agenda_cards(plan_agenda(STATES), "en")
    [show] = [action for action in _actions(rendered.card) if action["type"] == "Action.ShowCard"]

    assert show["title"] == "Status per focus area"
    assert texts_in(show["card"]) == [
        "1. Skrøpelige eldre og multisyke – 🔵 In progress · 1 of 3 measures completed or closed",
        "2. Barn og unge – ✅ Completed · 2 of 2 measures completed or closed",
        "3. Akuttkjeden – ⚪ Not started · 0 of 0 measures completed or closed",
        "4. Fastlegesituasjonen – 🟡 Postponed · 0 of 1 measures completed or closed",
        "The full status report: write 'plan 2027'.",
    ]
    assert "4. Action plan status 2027" in texts_in(rendered.card)


def test_a_year_without_a_plan_says_so_and_offers_no_button() -> None:
    [rendered] = agenda_cards(plan_agenda(None), "nb")

    assert "Ingen handlingsplan for 2027 er registrert ennå." in texts_in(rendered.card)
    assert not any(action["type"] == "Action.ShowCard" for action in _actions(rendered.card))


def test_a_measure_changing_status_does_not_make_the_agenda_a_changed_one() -> None:
    before = plan_agenda(STATES)
    after = plan_agenda([replace(STATES[1], status=MeasureStatus.FULLFORT), *STATES[2:]])

    assert fingerprint(before) == fingerprint(after)
    assert fingerprint(before) != fingerprint(plan_agenda(STATES, cases=2))


def test_the_meetings_ics_link_is_not_agenda_content() -> None:
    # Digests stored before agendas had the link must still match, and a renewed secret is no change.
    agenda = plan_agenda(STATES)
    linked = replace(agenda, calendar=MeetingCalendar("SSU", 7, "first"))

    assert fingerprint(linked) == fingerprint(agenda)
    assert fingerprint(replace(agenda, calendar=MeetingCalendar("SSU", 7, "renewed"))) == fingerprint(linked)


def fifteen_areas() -> list[MeasureState]:
    statuses = list(MeasureStatus)
    return [
        MeasureState(
            a,
            f"Satsningsområde {a} om samhandling for skrøpelige eldre og æøå",
            a * 100 + m,
            f"{a}.{m}",
            statuses[m % 5],
            date(2027, 1, m),
        )
        for a in range(1, 16)
        for m in range(1, 9)
    ]


def test_a_long_agenda_with_a_plan_of_15_areas_and_120_measures_stays_one_card_under_the_limit() -> None:
    agenda = plan_agenda(
        fifteen_areas(), cases=40, title="Sak om skrøpelige eldre og samhandling på tvers av nivåene " * 2
    )

    [rendered] = agenda_cards(agenda, "nb")

    assert rendered.size < MAX_CARD_BYTES
    assert "43. Status handlingsplan 2027" in texts_in(rendered.card)


@pytest.mark.skipif(not node_validators_available(), reason="node is not installed")
def test_agenda_and_minutes_with_the_plan_status_validate_as_adaptive_cards() -> None:
    cards = [
        agenda_cards(plan_agenda(states), lang)[0].card
        for states in (STATES, None, fifteen_areas())
        for lang in ("nb", "en")
    ] + [minutes_card(plan_minutes(), lang).card for lang in ("nb", "en")]

    assert card_errors(cards) == [[] for _ in cards]


def plan_minutes() -> MinutesView:
    summary = summarise(2027, STATES, TODAY)
    items = (
        MinutesItem(1, StandardItem.APPROVE_NOTICE, None, None, None, None, None),
        MinutesItem(2, None, "1/2027", "Felles rutine", CaseType.VEDTAKSSAK, "Rutinen vedtas.", None),
        MinutesItem(3, StandardItem.PLAN_STATUS, None, None, None, None, None, plan_year=2027, plan=summary),
    )
    return MinutesView(7, SSU, STARTS, None, "Tønsberg", (), items)


def test_the_minutes_record_the_plan_status_as_noted_on_the_card_and_in_both_documents() -> None:
    card_text = minutes_card(plan_minutes(), "nb").text
    document = docx.Document(io.BytesIO(minutes_docx(plan_minutes(), "nb", MADE_AT)))
    doc_text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    reader = PdfReader(io.BytesIO(minutes_pdf(plan_minutes(), "nb", MADE_AT)))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)

    for text in (card_text, doc_text):
        assert re.search(r"3\. Status handlingsplan 2027\n\s*Tatt til orientering\.\n\s*6 tiltak: ", text)
        assert "1. Skrøpelige eldre og multisyke – Pågående · 1 av 3 tiltak fullført eller avsluttet" in text
    assert "3. Status handlingsplan 2027 Tatt til orientering. 6 tiltak:" in pdf_text
    assert "forfalt: 1.10, 4.1" in pdf_text
    assert "?" not in pdf_text  # no emoji mark the PDF's fonts cannot show


def _actions(card: object) -> list[dict[str, object]]:
    if isinstance(card, dict):
        own = [card] if str(card.get("type", "")).startswith("Action.") else []
        return own + [action for value in card.values() for action in _actions(value)]
    if isinstance(card, list):
        return [action for value in card for action in _actions(value)]
    return []
