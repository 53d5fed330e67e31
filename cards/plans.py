"""Action plan cards: the status report the secretariat used to write by hand, and lists of
measures whose owners update them on the card."""

from __future__ import annotations

from collections.abc import Sequence

from cards.common import (
    Element,
    RenderedCard,
    adaptive_card,
    container,
    fact_set,
    heading,
    in_parts,
    text_block,
)
from cards.dates import numeric_date, short_date
from cards.texts import Language, label, say, word
from governance.plans.plan_changes import NewMeasure, NewPlan
from governance.rules.model import MeasureStatus
from governance.views import AreaReport, HistoryEntry, MeasureDetailView, MeasureLine, MeasureListView, PlanReportView

UPDATE_MEASURE_VERB = "update_measure"
STATUS_INPUT = "status"
COMMENT_INPUT = "comment"
MARKS = {
    MeasureStatus.IKKE_STARTET: "⚪",
    MeasureStatus.PAGAENDE: "🔵",
    MeasureStatus.FULLFORT: "✅",
    MeasureStatus.UTSATT: "🟡",
    MeasureStatus.AVSLUTTET: "⚫",
}


def measure_text(line: MeasureLine, lang: Language) -> str:
    """'🔵 1.1 Title – Pågående · Owner · frist 31.10.2024 · ⚠️ forfalt'."""
    details = [label(lang, line.status)]
    if line.owner:
        details.append(line.owner)
    if line.due:
        details.append(say(lang, "due_on", date=numeric_date(line.due)))
    if line.overdue:
        details.append(say(lang, "overdue_mark"))
    return f"{MARKS[line.status]} {line.number} {line.title} – {' · '.join(details)}"


def measure_update_text(line: MeasureLine, before: MeasureStatus, lang: Language) -> str:
    reference = f"{line.number}/{line.year}"
    if before is line.status:
        return say(lang, "measure_noted", measure=reference)
    return say(
        lang,
        "measure_updated",
        measure=reference,
        before=word(lang, before),
        after=word(lang, line.status),
    )


def new_plan_text(started: NewPlan, lang: Language) -> str:
    text = say(lang, "plan_started", year=started.year, body=started.owner_key)
    if started.from_year is None:
        return text
    carried = ", ".join(started.carried) or say(lang, "none").lower()
    return (
        text
        + " "
        + say(
            lang,
            "plan_carried",
            from_year=started.from_year,
            areas=started.areas,
            count=len(started.carried),
            measures=carried,
            left=started.left_behind,
        )
    )


def new_measure_text(added: NewMeasure, lang: Language) -> str:
    text = say(lang, "measure_added", measure=f"{added.number}/{added.year}", title=added.title)
    if added.owner:
        text += " " + say(lang, "measure_owner", owner=added.owner)
        if not added.owner_known:
            text += " " + say(lang, "owner_unknown")
    if added.due:
        text += " " + say(lang, "measure_due", date=numeric_date(added.due))
    return text


def plan_report_cards(
    report: PlanReportView, lang: Language, downloads: dict[str, str] | None = None
) -> list[RenderedCard]:
    """One card, or numbered parts when the plan is too large for one; `downloads` maps a file
    format ("xlsx", "csv") to its link, offered on the first card."""
    actions: list[Element] = [
        {"type": "Action.OpenUrl", "title": say(lang, f"download_{fmt}"), "url": url}
        for fmt, url in (downloads or {}).items()
    ]
    return in_parts(
        report.areas,
        lambda areas, part: _report_card(report, lang, areas, part, actions if part is None or part[0] == 1 else []),
    )


def _report_card(
    report: PlanReportView,
    lang: Language,
    areas: Sequence[AreaReport],
    part: tuple[int, int] | None,
    actions: list[Element],
) -> RenderedCard:
    title = say(lang, "plan_title", year=report.year, body=report.owner.key)
    if part is not None:
        title += f" ({part[0]}/{part[1]})"
    facts = [
        (say(lang, "status"), label(lang, report.status)),
        (say(lang, "plan_adopted_by"), report.adopted_by or ""),
        (say(lang, "plan_put_forward_in"), report.put_forward_in or ""),
        (say(lang, "plan_carried_from"), str(report.carried_from_year) if report.carried_from_year else ""),
    ]
    facts += [(f"{MARKS[status]} {label(lang, status)}", str(count)) for status, count in report.counts]
    facts.append((say(lang, "overdue"), str(report.overdue)))
    body: list[Element] = [heading(title, "Medium"), fact_set(facts)]
    lines = [title] + [f"{name}: {value}" for name, value in facts if value]
    for area in areas:
        area_heading = f"{area.number}. {area.title} – {MARKS[area.status]} {label(lang, area.status)}"
        blocks: list[Element] = [text_block(area_heading, bold=True)]
        lines.append(area_heading)
        if area.groups:
            groups = say(lang, "patient_groups", groups=", ".join(area.groups))
            blocks.append(text_block(groups, subtle=True, spacing="None"))
            lines.append(f"  {groups}")
        if not area.measures:
            blocks.append(text_block(say(lang, "no_measures"), subtle=True))
            lines.append(f"  {say(lang, 'no_measures')}")
        for line in area.measures:
            text = measure_text(line, lang)
            block = text_block(text, spacing="Small")
            if line.overdue:
                block["color"] = "Attention"
            blocks.append(block)
            lines.append(f"  {text}")
        body.append(container(blocks, separator=True))
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)


def measure_list_card(listing: MeasureListView, lang: Language, notice: str | None = None) -> RenderedCard:
    """Measures with their status; those the viewer may change have an update form."""
    title = say(lang, "my_measures_title" if listing.mine else "measures_title", scope=listing.title_scope)
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if notice:
        body.append({**text_block(notice, bold=True), "color": "Good"})
        lines.append(notice)
    if not listing.measures:
        empty = say(lang, "no_my_measures" if listing.mine else "no_measures")
        body.append(text_block(empty))
        lines.append(empty)
    for line in listing.measures:
        text = measure_text(line, lang)
        items: list[Element] = [text_block(line.area_title, subtle=True), text_block(text)]
        if line.overdue:
            items[1]["color"] = "Attention"
        lines.append(text)
        if line.can_update:
            items.append({"type": "ActionSet", "actions": [_update_form(line, lang)]})
        body.append(container(items, separator=True))
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def measure_detail_card(detail: MeasureDetailView, lang: Language) -> RenderedCard:
    """One measure: where it stands, where it came from, and its history with the cases and
    decisions it links to; the update form when the viewer may change it."""
    line = detail.line
    title = say(lang, "measure_detail_title", measure=f"{line.number}/{line.year}", title=line.title)
    facts = [
        (say(lang, "focus_area"), line.area_title),
        (say(lang, "status"), f"{MARKS[line.status]} {label(lang, line.status)}"),
        (say(lang, "responsible"), line.owner or ""),
        (
            say(lang, "due"),
            numeric_date(line.due) + (f" {say(lang, 'overdue_mark')}" if line.overdue else "") if line.due else "",
        ),
        (say(lang, "plan_carried_from"), detail.carried_from or ""),
        (say(lang, "description"), detail.description or ""),
    ]
    body: list[Element] = [heading(title, "Medium"), fact_set(facts), text_block(say(lang, "history"), bold=True)]
    lines = [title] + [f"{name}: {value}" for name, value in facts if value] + [f"{say(lang, 'history')}:"]
    for entry in detail.history:
        text = history_text(entry, lang)
        body.append(text_block(text, spacing="Small"))
        lines.append(f"  {text}")
    if line.can_update:
        body.append({"type": "ActionSet", "actions": [_update_form(line, lang)]})
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def history_text(entry: HistoryEntry, lang: Language) -> str:
    """'12.03.2027 · Kari Nordmann: Pågående → Fullført – «Rutinen er i bruk» (SSU 5/2027)'."""
    head = f"{short_date(entry.at)} · {entry.by or say(lang, 'by_import')}"
    if entry.status_before is None:
        change = say(lang, "history_created", status=word(lang, entry.status_after))
    elif entry.status_before is not entry.status_after:
        change = f"{label(lang, entry.status_before)} → {label(lang, entry.status_after)}"
    else:
        change = ""
    text = f"{head}: {change}" if change else head
    if entry.text:
        text += f" – «{entry.text}»"
    if entry.case:
        text += f" ({entry.case})"
    return text


def _update_form(line: MeasureLine, lang: Language) -> Element:
    """A 'show card' with the status choice, a comment and the save button, for one measure."""
    status_id, comment_id = f"{STATUS_INPUT}-{line.measure_id}", f"{COMMENT_INPUT}-{line.measure_id}"
    form = {
        "type": "AdaptiveCard",
        "body": [
            {
                "type": "Input.ChoiceSet",
                "id": status_id,
                "label": say(lang, "status"),
                "value": line.status.value,
                "choices": [{"title": label(lang, status), "value": status.value} for status in MeasureStatus],
            },
            {
                "type": "Input.Text",
                "id": comment_id,
                "label": say(lang, "comment_label"),
                "placeholder": say(lang, "progress_placeholder"),
                "isMultiline": True,
                "maxLength": 2000,
            },
        ],
        "actions": [
            {
                "type": "Action.Execute",
                "title": say(lang, "save"),
                "verb": UPDATE_MEASURE_VERB,
                "data": {"measureId": line.measure_id},
                "associatedInputs": "auto",
            }
        ],
    }
    return {"type": "Action.ShowCard", "title": say(lang, "update_measure", number=line.number), "card": form}
