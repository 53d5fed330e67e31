"""Where a body's calendar is served, and the "Legg i kalender (.ics)" button that every card of
one meeting carries (the agenda, the meeting list, the reply to planning or moving a meeting).

The link holds the body's calendar secret, like the one `kalender` gives: the cards carrying it
go only to the body's participants and to its linked channel, where its agendas are posted anyway.
"""

from __future__ import annotations

from cards.common import Element
from cards.texts import Language, say
from governance.views import MeetingCalendar


def calendar_path(body_key: str, meeting_id: int | None = None) -> str:
    """Where a body's calendar feed (or one of its meetings) is served; the token is the key."""
    return f"/calendar/{body_key}.ics" if meeting_id is None else f"/calendar/{body_key}/{meeting_id}.ics"


def meeting_ics_url(calendar: MeetingCalendar | None, base_url: str | None) -> str | None:
    """The meeting's own .ics download, absolute because Teams opens it outside the bot; None
    where nothing serves it (the console has no web server) or the meeting has no link."""
    if calendar is None or base_url is None:
        return None
    path = calendar_path(calendar.body_key, calendar.meeting_id)
    return f"{base_url.rstrip('/')}{path}?token={calendar.token}"


def calendar_action(url: str, lang: Language) -> Element:
    return {"type": "Action.OpenUrl", "title": say(lang, "add_to_calendar"), "url": url}


def calendar_line(url: str, lang: Language) -> str:
    """The same link in the card's text twin, for clients that show no buttons."""
    return f"{say(lang, 'add_to_calendar')}: {url}"
