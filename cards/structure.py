"""Cards for the structure: the bodies, a body's members, its upcoming meetings."""

from __future__ import annotations

from cards.calendar_links import calendar_action, calendar_line, meeting_ics_url
from cards.common import Element, Entry, RenderedCard, container, headed_entry, listing, text_block
from cards.dates import date_text, day_text, listed, weekday_text, when_text
from cards.decisions import delegation_text
from cards.texts import Language, label, say
from governance.rules.oslo_time import oslo_date, public_holiday_names
from governance.rules.quorum import parse_quorum
from governance.views import BodyView, MeetingListView, MeetingView, MembersView


def bodies_card(bodies: list[BodyView], lang: Language) -> RenderedCard:
    entries = []
    for view in bodies:
        details = [say(lang, "level", level=view.level), label(lang, view.kind)]
        if view.parent_key:
            details.append(say(lang, "parent", parent=view.parent_key))
        if view.linked:
            details.append(say(lang, "linked_channel"))
        details.append(f"{say(lang, 'approval')}: {label(lang, view.approval)}")
        details.append(f"{say(lang, 'quorum_rule')}: {quorum_rule_text(view.quorum, lang)}")
        next_meeting = (
            when_text(view.next_meeting_at, None, lang) if view.next_meeting_at else say(lang, "no_next_meeting")
        )
        next_line = f"{say(lang, 'next_meeting')}: {next_meeting}"
        authority = [f"{say(lang, 'delegated_authority')}: {delegation_text(d, lang)}" for d in view.delegations]
        entries.append(headed_entry(f"{view.key} – {view.name}", [" · ".join(details), next_line, *authority]))
    return listing(say(lang, "bodies"), entries, say(lang, "none"))


def quorum_rule_text(rule: str, lang: Language) -> str:
    """The body's quorum rule in words: "more than half of those with a vote", "at least 5 …"."""
    parsed = parse_quorum(rule)
    if parsed.at_least is not None:
        return say(lang, "quorum_at_least", count=parsed.at_least)
    if parsed.share is not None:
        return say(lang, "quorum_share", share=parsed.text)
    return say(lang, "quorum_majority")


def members_card(members: MembersView, lang: Language) -> RenderedCard:
    entries: list[Entry] = []
    for member in members.members:
        line = f"{member.name} · {label(lang, member.role)}" + (f" · {member.represents}" if member.represents else "")
        entries.append((text_block(line, spacing="Small"), [line]))
    title = f"{say(lang, 'members')} – {members.body.name} ({members.body.key})"
    return listing(title, entries, say(lang, "no_members"))


def _meeting_entry(meeting: MeetingView, lang: Language, calendar_base: str | None) -> Entry:
    """A meeting's time in bold, its place, status and number of cases under it, and its .ics
    button (in the entry, so each meeting of a list has its own)."""
    count = (
        say(lang, "case_on_agenda")
        if meeting.case_count == 1
        else say(lang, "cases_on_agenda", count=meeting.case_count)
    )
    details = [label(lang, meeting.status), count]
    if meeting.place:
        details.insert(0, meeting.place)
    when = when_text(meeting.starts_at, meeting.ends_at, lang)
    items: list[Element] = [text_block(when, bold=True), text_block(" · ".join(details), subtle=True, spacing="None")]
    lines = [f"{when} · {' · '.join(details)}"]
    ics_url = meeting_ics_url(meeting.calendar, calendar_base)
    if ics_url:
        items.append({"type": "ActionSet", "actions": [calendar_action(ics_url, lang)]})
        lines.append(f"  {calendar_line(ics_url, lang)}")
    return container(items, separator=True), lines


def meetings_card(meetings: MeetingListView, lang: Language, calendar_base: str | None = None) -> RenderedCard:
    """The upcoming meetings; `calendar_base` is the bot's public address, for each meeting's
    .ics button (none without it: the console serves no downloads)."""
    entries = [_meeting_entry(meeting, lang, calendar_base) for meeting in meetings.meetings]
    title = f"{say(lang, 'meetings')} – {meetings.body.name} ({meetings.body.key})"
    return listing(title, entries, say(lang, "no_meetings"))


def meeting_card(meeting: MeetingView, lang: Language, calendar_base: str | None = None) -> RenderedCard:
    """One meeting with its .ics button, under the reply to planning or moving it, so the new
    time can go straight into the reader's calendar."""
    title = f"{say(lang, 'meeting')} – {meeting.body.name} ({meeting.body.key})"
    return listing(title, [_meeting_entry(meeting, lang, calendar_base)], say(lang, "no_meetings"))


def meeting_notes(meeting: MeetingView, lang: Language) -> list[str]:
    """What the secretariat should know about the time just chosen: a public holiday (by its
    name) or a weekend, and a time in the hour that occurs twice when the clocks go back."""
    day = oslo_date(meeting.starts_at)
    notes: list[str] = []
    if meeting.day_off:
        names = public_holiday_names(day, lang)
        if names:
            # Holiday names are common nouns in running Norwegian text: "er grunnlovsdag".
            shown = [name[:1].lower() + name[1:] for name in names] if lang == "nb" else names
            notes.append(say(lang, "meeting_on_holiday", date=date_text(day, lang), names=listed(shown, lang)))
        else:
            notes.append(say(lang, "meeting_on_weekend", weekday=weekday_text(day, lang)))
    if meeting.start_in_repeated_hour:
        notes.append(say(lang, "meeting_in_repeated_hour", date=day_text(day, lang)))
    return notes
