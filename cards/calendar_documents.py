"""A body's meetings as iCalendar: the subscribable feed, and one meeting to add to a calendar.

UIDs are stable per meeting; SEQUENCE counts moves and cancellations, so calendars replace the
event they hold; a cancelled meeting stays in the feed with STATUS:CANCELLED, and its own download
is a CANCEL message.
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from cards.agenda import item_title
from cards.dates import when_text
from governance.calendar.calendar_feed import CalendarEvent, CalendarFeed
from governance.rules.model import Meeting, MeetingStatus
from governance.rules.outlook_events import Attendee, CalendarStep, OutlookEvent, meeting_end
from governance.views import AgendaItemView, BodyRef

ICS_TYPE = "text/calendar"
PRODID = "-//hfbot//Helsefellesskap//NO"
UID_DOMAIN = "hfbot.helsefellesskap"


def event_uid(body_key: str, meeting_id: int) -> str:
    return f"meeting-{meeting_id}-{body_key.lower()}@{UID_DOMAIN}"


def feed_ics(feed: CalendarFeed, now: datetime) -> bytes:
    """Every meeting of the body, for a calendar subscription."""
    calendar = _calendar(feed, "PUBLISH")
    calendar.add("x-wr-calname", f"{feed.body.name} ({feed.body.key})")
    calendar.add("x-wr-timezone", "Europe/Oslo")
    for event in feed.events:
        calendar.add_component(_event(feed, event, now))
    return calendar.to_ical()


def meeting_ics(feed: CalendarFeed, now: datetime) -> bytes:
    """One meeting, to open in a calendar: a CANCEL message once the meeting is cancelled."""
    [event] = feed.events
    calendar = _calendar(feed, "CANCEL" if event.status is MeetingStatus.AVLYST else "PUBLISH")
    calendar.add_component(_event(feed, event, now))
    return calendar.to_ical()


def _calendar(feed: CalendarFeed, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _event(feed: CalendarFeed, event: CalendarEvent, now: datetime) -> Event:
    cancelled = event.status is MeetingStatus.AVLYST
    entry = Event()
    entry.add("uid", event_uid(feed.body.key, event.meeting_id))
    entry.add("dtstamp", now)
    entry.add("dtstart", event.starts_at)
    if event.ends_at is not None:
        entry.add("dtend", event.ends_at)
    title = f"{feed.body.name} ({feed.body.key})"
    entry.add("summary", f"AVLYST: {title}" if cancelled else title)
    if event.place:
        entry.add("location", event.place)
    if event.items:
        entry.add("description", agenda_description(event.items))
    entry.add("sequence", event.sequence)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def agenda_description(items: tuple[AgendaItemView, ...]) -> str:
    return "Saksliste:\n" + "\n".join(f"{item.position}. {item_title(item, 'nb')}" for item in items)


def outlook_event(
    body: BodyRef, meeting: Meeting, items: tuple[AgendaItemView, ...], attendees: tuple[Attendee, ...]
) -> OutlookEvent:
    """The Outlook invitation for a meeting: the same title and agenda as the calendar feed."""
    description = agenda_description(items) if items else "Sakslisten kommer. / The agenda will follow."
    return OutlookEvent(
        subject=f"{body.name} ({body.key})",
        starts_at=meeting.starts_at,
        ends_at=meeting_end(meeting),
        place=meeting.place,
        description=description,
        attendees=attendees,
    )


def cancellation_comment(body: BodyRef, meeting: Meeting) -> str:
    """Sent with Outlook's cancellation to every attendee."""
    return (
        f"Møtet i {body.name} ({body.key}) {when_text(meeting.starts_at, None, 'nb')} er avlyst. / "
        f"The meeting of {body.name} on {when_text(meeting.starts_at, None, 'en')} is cancelled."
    )


def outlook_trouble_text(
    body_key: str, when: str, step: CalendarStep, organiser: str, code: str, still_trying: bool
) -> str:
    """For the body's channel (in bokmål, like the bot's other posts there): an invitation Graph
    refused, or one it has held up for a while and that is still being tried."""
    action = {CalendarStep.CREATE: "lages", CalendarStep.UPDATE: "endres", CalendarStep.CANCEL: "avlyses"}[step]
    where = f"Outlook-invitasjonen til møtet i {body_key} {when}"
    if still_trying:
        return (
            f"Merk: {where} har ennå ikke kunnet {action} i kalenderen til {organiser}: "
            f"Microsoft Graph svarer ikke som det skal ({code}). Boten prøver videre av seg selv."
        )
    return (
        f"Merk: {where} kunne ikke {action} i kalenderen til {organiser} (Microsoft Graph: {code}). "
        "Sjekk at appen har tillatelsen Calendars.ReadWrite og at arrangøren finnes; "
        "invitasjonen prøves igjen ved neste endring av møtet."
    )
