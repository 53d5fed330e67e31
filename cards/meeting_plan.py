"""The year's meetings: the proposal card of `møteplan <organ> <år>` (a date and time input per
meeting, a box to leave one out, one confirm), what it planned, and the årshjul of every body;
and the sentences members are sent when a called meeting changes or a substitute is called in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from itertools import groupby
from typing import Any

from cards.agenda import notice_action
from cards.common import Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.dates import clock_text, month_text, when_text
from cards.texts import Language, say
from governance.rules.oslo_time import OSLO, oslo_to_utc
from governance.views import ChangeNotice, MeetingPlanOutcome, MeetingPlanProposal, SubstituteCall, YearWheel

CONFIRM_MEETING_PLAN_VERB = "confirm_meeting_plan"
# The card's own data sits under this key, sealed; the inputs Teams merges beside it are not.
PLAN_KEY = "plan"
DATE_INPUT = "plan_date_"
TIME_INPUT = "plan_time_"
SKIP_INPUT = "plan_skip_"
# What a plan may hold: the most meetings a year the structure file accepts (its meetings_per_year
# is at most 100), on a card still under Teams' size limit.
MAX_PLANNED = 100


def plan_data(proposal: MeetingPlanProposal) -> dict[str, Any]:
    return {
        "body": proposal.body.key,
        "year": proposal.year,
        "count": len(proposal.proposed),
        "minutes": proposal.length_minutes or 0,
    }


def meeting_plan_card(
    proposal: MeetingPlanProposal, lang: Language, seal: Callable[[dict[str, Any]], dict[str, Any]] | None = None
) -> RenderedCard:
    body_key, year = proposal.body.key, proposal.year
    title = say(lang, "meeting_plan_title", body=body_key, year=year)
    elements: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if proposal.already_planned:
        dates = ", ".join(when_text(start, None, lang) for start in proposal.already_planned)
        already = say(lang, "meeting_plan_already", year=year, dates=dates)
        elements.append(text_block(already, subtle=True))
        lines.append(already)
    if not proposal.proposed:
        full = len(proposal.already_planned) >= proposal.per_year
        code = "meeting_plan_full" if full else "meeting_plan_none_left"
        sentence = say(lang, code, body=body_key, count=len(proposal.already_planned), year=year)
        elements.append(text_block(sentence))
        lines.append(sentence)
        text = "\n".join(lines)
        return RenderedCard(card=adaptive_card(elements, text), text=text)
    at = proposal.proposed[0].start
    intro = say(lang, "meeting_plan_intro", body=body_key, per_year=proposal.per_year, time=clock_text(at, lang))
    elements.append(text_block(intro))
    lines.append(intro)
    for index, meeting in enumerate(proposal.proposed):
        name = say(lang, "meeting_plan_meeting", number=index + 1)
        when = when_text(oslo_to_utc(meeting.day, meeting.start), None, lang)
        inputs: list[Element] = [
            {
                "type": "Input.Date",
                "id": f"{DATE_INPUT}{index}",
                # The label stays true when the date is changed: the date itself is the input.
                "label": name,
                "value": meeting.day.isoformat(),
                "isRequired": True,
                "errorMessage": say(lang, "meeting_plan_bad_input", number=index + 1),
            },
            {
                "type": "Input.Time",
                "id": f"{TIME_INPUT}{index}",
                "label": say(lang, "meeting_plan_time", number=index + 1),
                "value": meeting.start.strftime("%H:%M"),
                "isRequired": True,
                "errorMessage": say(lang, "meeting_plan_bad_input", number=index + 1),
            },
            {
                "type": "Input.Toggle",
                "id": f"{SKIP_INPUT}{index}",
                "title": say(lang, "meeting_plan_leave_out", number=index + 1),
                "value": "false",
                "valueOn": "true",
                "valueOff": "false",
            },
        ]
        elements.append(container(inputs, separator=True))
        lines.append(f"{name}: {when}")
    data = plan_data(proposal)
    actions: list[Element] = [
        {
            "type": "Action.Execute",
            "title": say(lang, "meeting_plan_confirm"),
            "verb": CONFIRM_MEETING_PLAN_VERB,
            "data": {PLAN_KEY: seal(data) if seal else data},
            "style": "positive",
        }
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(elements, text, actions), text=text)


def confirmed_meetings(data: Mapping[str, Any], count: int) -> list[tuple[date, time]] | None:
    """The meetings a confirm brings back, without those ticked to leave out; None when an input
    that is not left out holds no date or time (the card checks, a crafted invoke need not)."""
    chosen = []
    for index in range(count):
        if data.get(f"{SKIP_INPUT}{index}") == "true":
            continue
        day_value, time_value = data.get(f"{DATE_INPUT}{index}"), data.get(f"{TIME_INPUT}{index}")
        try:
            day = date.fromisoformat(day_value) if isinstance(day_value, str) else None
            at = time.fromisoformat(time_value) if isinstance(time_value, str) else None
        except ValueError:
            return None
        if day is None or at is None or at.tzinfo is not None:
            return None
        chosen.append((day, at.replace(second=0, microsecond=0)))
    return chosen


def meeting_plan_outcome_card(outcome: MeetingPlanOutcome, lang: Language) -> RenderedCard:
    title = say(lang, "meeting_plan_title", body=outcome.body.key, year=outcome.year)
    elements: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if outcome.planned:
        sentences = [say(lang, "meeting_plan_planned", count=len(outcome.planned), body=outcome.body.key)]
        sentences += [f"• {when_text(view.starts_at, view.ends_at, lang)}" for view in outcome.planned]
    else:
        sentences = [say(lang, "meeting_plan_nothing")]
    if outcome.already:
        sentences.append(say(lang, "meeting_plan_already_there", count=outcome.already))
    elements += [text_block(sentence) for sentence in sentences]
    lines += sentences
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(elements, text), text=text)


def year_wheel_card(wheel: YearWheel, lang: Language) -> RenderedCard:
    """Every body's meetings of the year under the month they are held in."""
    title = say(lang, "year_wheel_title", year=wheel.year)
    elements: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if not wheel.meetings:
        empty = say(lang, "year_wheel_empty", year=wheel.year)
        elements.append(text_block(empty))
        lines.append(empty)

    def month_of(entry: Any) -> date:
        return entry.starts_at.astimezone(OSLO).date().replace(day=1)

    for month, entries in groupby(wheel.meetings, key=month_of):
        heading_text = month_text(month, lang)
        rows = [f"{entry.body.key}: {when_text(entry.starts_at, None, lang)}" for entry in entries]
        items = [text_block(heading_text, bold=True)] + [text_block(row, spacing="None") for row in rows]
        elements.append(container(items, separator=True))
        lines += [heading_text] + [f"  {row}" for row in rows]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(elements, text), text=text)


def change_notice_text(notice: ChangeNotice, lang: Language) -> str:
    when = when_text(notice.starts_at, None, lang)
    old = when_text(notice.old_start, None, lang) if notice.old_start else ""
    return say(lang, f"change_{notice.kind}", body=notice.body.key, when=when, old=old, case=notice.case or "")


def substitute_call_card(call: SubstituteCall, lang: Language) -> RenderedCard:
    """The vara's message, with the notice button of the agenda card: the notice and its papers as
    they stand when the vara opens them."""
    place = f", {call.place}" if call.place else ""
    when = when_text(call.starts_at, None, lang)
    text = say(
        lang, "substitute_called_message", member=call.substitute_for, body=call.body.key, when=when, place=place
    )
    actions = [notice_action(call.meeting_id, lang)] if call.meeting_id is not None else None
    return RenderedCard(card=adaptive_card([text_block(text)], text, actions), text=text)


def substitute_reply_text(call: SubstituteCall, lang: Language) -> str:
    when = when_text(call.starts_at, None, lang)
    called = say(
        lang, "substitute_called", substitute=call.substitute, member=call.substitute_for, body=call.body.key, when=when
    )
    told = "substitute_messaged" if call.messaged else "substitute_not_messaged"
    return f"{called} {say(lang, told, substitute=call.substitute)}"
