"""Cards for the structure: the bodies, a body's members, its upcoming meetings."""

from __future__ import annotations

from cards.common import Entry, RenderedCard, container, headed_entry, listing, text_block
from cards.dates import when_text
from cards.decisions import delegation_text
from cards.texts import Language, label, say
from governance.views import BodyView, MeetingListView, MembersView


def bodies_card(bodies: list[BodyView], lang: Language) -> RenderedCard:
    entries = []
    for view in bodies:
        details = [say(lang, "level", level=view.level), label(lang, view.kind)]
        if view.parent_key:
            details.append(say(lang, "parent", parent=view.parent_key))
        if view.linked:
            details.append(say(lang, "linked_channel"))
        details.append(f"{say(lang, 'approval')}: {label(lang, view.approval)}")
        next_meeting = (
            when_text(view.next_meeting_at, None, lang) if view.next_meeting_at else say(lang, "no_next_meeting")
        )
        next_line = f"{say(lang, 'next_meeting')}: {next_meeting}"
        authority = [f"{say(lang, 'delegated_authority')}: {delegation_text(d, lang)}" for d in view.delegations]
        entries.append(headed_entry(f"{view.key} – {view.name}", [" · ".join(details), next_line, *authority]))
    return listing(say(lang, "bodies"), entries, say(lang, "none"))


def members_card(members: MembersView, lang: Language) -> RenderedCard:
    entries: list[Entry] = []
    for member in members.members:
        line = f"{member.name} · {label(lang, member.role)}" + (f" · {member.represents}" if member.represents else "")
        entries.append((text_block(line, spacing="Small"), [line]))
    title = f"{say(lang, 'members')} – {members.body.name} ({members.body.key})"
    return listing(title, entries, say(lang, "no_members"))


def meetings_card(meetings: MeetingListView, lang: Language) -> RenderedCard:
    entries: list[Entry] = []
    for meeting in meetings.meetings:
        count = (
            say(lang, "case_on_agenda")
            if meeting.case_count == 1
            else say(lang, "cases_on_agenda", count=meeting.case_count)
        )
        details = [label(lang, meeting.status), count]
        if meeting.place:
            details.insert(0, meeting.place)
        when = when_text(meeting.starts_at, meeting.ends_at, lang)
        block = container(
            [text_block(when, bold=True), text_block(" · ".join(details), subtle=True, spacing="None")], separator=True
        )
        entries.append((block, [f"{when} · {' · '.join(details)}"]))
    title = f"{say(lang, 'meetings')} – {meetings.body.name} ({meetings.body.key})"
    return listing(title, entries, say(lang, "no_meetings"))
