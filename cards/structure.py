"""Cards for the structure: the bodies, a body's members, its upcoming meetings."""

from __future__ import annotations

from cards.common import Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.dates import when_text
from cards.texts import Language, label, say
from governance.views import BodyView, MeetingListView, MembersView


def bodies_card(bodies: list[BodyView], lang: Language) -> RenderedCard:
    title = say(lang, "bodies")
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    for view in bodies:
        name = f"{view.key} – {view.name}"
        details = [say(lang, "level", level=view.level), label(lang, view.kind)]
        if view.parent_key:
            details.append(say(lang, "parent", parent=view.parent_key))
        if view.linked:
            details.append(say(lang, "linked_channel"))
        next_meeting = (
            when_text(view.next_meeting_at, None, lang) if view.next_meeting_at else say(lang, "no_next_meeting")
        )
        next_line = f"{say(lang, 'next_meeting')}: {next_meeting}"
        body.append(
            container(
                [
                    text_block(name, bold=True),
                    text_block(" · ".join(details), subtle=True, spacing="None"),
                    text_block(next_line, subtle=True, spacing="None"),
                ],
                separator=True,
            )
        )
        lines += [name, f"  {' · '.join(details)}", f"  {next_line}"]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def members_card(members: MembersView, lang: Language) -> RenderedCard:
    title = f"{say(lang, 'members')} – {members.body.name} ({members.body.key})"
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if not members.members:
        body.append(text_block(say(lang, "no_members")))
        lines.append(say(lang, "no_members"))
    for member in members.members:
        line = f"{member.name} · {label(lang, member.role)}" + (f" · {member.represents}" if member.represents else "")
        body.append(text_block(line, spacing="Small"))
        lines.append(line)
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def meetings_card(meetings: MeetingListView, lang: Language) -> RenderedCard:
    title = f"{say(lang, 'meetings')} – {meetings.body.name} ({meetings.body.key})"
    body: list[Element] = [heading(title, "Medium")]
    lines = [title]
    if not meetings.meetings:
        body.append(text_block(say(lang, "no_meetings")))
        lines.append(say(lang, "no_meetings"))
    for meeting in meetings.meetings:
        when = when_text(meeting.starts_at, meeting.ends_at, lang)
        count = (
            say(lang, "case_on_agenda")
            if meeting.case_count == 1
            else say(lang, "cases_on_agenda", count=meeting.case_count)
        )
        details = [label(lang, meeting.status), count]
        if meeting.place:
            details.insert(0, meeting.place)
        body.append(
            container(
                [text_block(when, bold=True), text_block(" · ".join(details), subtle=True, spacing="None")],
                separator=True,
            )
        )
        lines.append(f"{when} · {' · '.join(details)}")
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)
