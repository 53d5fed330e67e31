"""The action plan's status in brief, under the standing agenda item "Status handlingsplan <år>"
of level-2 meetings and in their minutes."""

from __future__ import annotations

from cards.common import Element, text_block
from cards.plans import MARKS
from cards.texts import Language, label, say, word
from governance.rules.model import StandardItem
from governance.views import PlanSummary


def plan_status_title(year: int | None, lang: Language) -> str:
    """'Status handlingsplan 2027'."""
    title = label(lang, StandardItem.PLAN_STATUS)
    return f"{title} {year}" if year is not None else title


def summary_line(summary: PlanSummary | None, year: int | None, lang: Language) -> str:
    """'24 tiltak: 10 pågående, 5 fullført, 9 ikke startet · forfalt: 3.2, 5.1', or that the
    year has no plan yet."""
    if summary is None:
        return say(lang, "plan_status_missing", year=year if year is not None else "")
    if not summary.measures:
        return say(lang, "plan_status_no_measures")
    counts = ", ".join(f"{count} {word(lang, status)}" for status, count in summary.counts if count)
    line = say(lang, "plan_status_counts", total=summary.measures, counts=counts)
    if summary.overdue:
        line += " · " + say(lang, "plan_status_overdue", measures=", ".join(summary.overdue))
    return line


def area_lines(summary: PlanSummary | None, lang: Language, *, marks: bool = True) -> list[str]:
    """One line per focus area: '1. Skrøpelige eldre – 🔵 Pågående · 1 av 3 fullført eller
    avsluttet' (without the status mark for documents, whose fonts have no emoji)."""
    if summary is None:
        return []
    return [
        f"{area.number}. {area.title} – {MARKS[area.status] + ' ' if marks else ''}{label(lang, area.status)} · "
        + say(lang, "plan_status_area_done", ended=area.ended, total=area.measures)
        for area in summary.areas
    ]


def agenda_plan_elements(summary: PlanSummary | None, year: int | None, lang: Language) -> list[Element]:
    """Under the agenda item: the counts, and a button that unfolds the status per focus area."""
    elements = [text_block(summary_line(summary, year, lang), subtle=True, spacing="None")]
    lines = area_lines(summary, lang)
    if lines:
        unfolded = [text_block(line, spacing="Small") for line in lines]
        unfolded.append(text_block(say(lang, "plan_status_full_report", year=year), subtle=True))
        elements.append(
            {
                "type": "ActionSet",
                "actions": [
                    {
                        "type": "Action.ShowCard",
                        "title": say(lang, "plan_status_by_area"),
                        "card": {"type": "AdaptiveCard", "body": unfolded},
                    }
                ],
            }
        )
    return elements
