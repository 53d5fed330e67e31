"""The innsyn page (issue 18): what anyone may read, without signing in, of a community that turned
it on in its structure file (`public_records: true`): per body and year its meetings with the
published notice and the approved minutes, and its final decisions, all in their public versions.

Every function here checks again, on each request, that what it hands out is published, approved
or final, and public: the web routes pass only what a reader typed or clicked, never an id of the
database, so no id can be guessed into a draft, an unpublished agenda or an exempt case. Anything
not to be shown is `public_record_not_found`, the same answer as for what does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from governance.approvals.minutes import minutes_of_meeting
from governance.context import Context
from governance.meetings.agenda import fingerprint
from governance.papers.notice import NoticeView, notice_of
from governance.papers.public_versions import public_minutes, public_notice
from governance.rules.errors import DomainError
from governance.rules.model import Body, Community, DecisionStatus, Meeting, MeetingStatus, MinutesStatus
from governance.rules.oslo_time import oslo_date, oslo_day_bounds
from governance.rules.public_access import Exemption
from governance.views import BodyRef, MinutesView


@dataclass(frozen=True)
class PublicBody:
    key: str
    name: str
    years: tuple[int, ...]  # the years with a published meeting or a final decision, newest first


@dataclass(frozen=True)
class PublicIndex:
    community: str
    bodies: tuple[PublicBody, ...]


@dataclass(frozen=True)
class PublicMeeting:
    day: date
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    cancelled: bool
    notice: bool  # the published notice may be downloaded (the agenda is as it was published)
    minutes: bool  # approved minutes exist


@dataclass(frozen=True)
class PublicDecision:
    case_reference: str
    title: str  # the public title of an exempt case
    text: str | None  # None for an exempt case: its decision is withheld
    basis: str | None  # the legal basis of an exempt case
    final_at: datetime | None
    circulation: bool


@dataclass(frozen=True)
class PublicYear:
    community: str
    body: BodyRef
    year: int
    meetings: tuple[PublicMeeting, ...]
    decisions: tuple[PublicDecision, ...]


def _not_found() -> DomainError:
    return DomainError("public_record_not_found")


async def public_community(ctx: Context) -> Community:
    """The community the innsyn page serves; none turned on is the same as a page that is not there."""
    found = await ctx.uow.communities.with_public_records()
    if not found:
        raise _not_found()
    return found[0]


async def _bodies(ctx: Context, community: Community) -> list[Body]:
    return [body for body in await ctx.uow.bodies.all() if body.community_id == community.id]


async def _body(ctx: Context, community: Community, body_key: str) -> Body:
    body = await ctx.uow.bodies.by_key(body_key)
    if body is None or body.community_id != community.id:
        raise _not_found()
    return body


def _published(meeting: Meeting) -> bool:
    """A meeting whose agenda went out (innkalt, held, or cancelled after it was called)."""
    return meeting.published_fingerprint is not None


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return oslo_day_bounds(date(year, 1, 1))[0], oslo_day_bounds(date(year + 1, 1, 1))[0]


async def _final_decisions(ctx: Context, body: Body, year: int) -> list[PublicDecision]:
    assert body.id is not None
    start, end = _year_bounds(year)
    entries = [e for e in await ctx.uow.decisions.register(body.id, start, end) if e.status is DecisionStatus.VEDTATT]
    exempt = await _exemptions(ctx, body, (entry.case_reference for entry in entries))
    decisions = []
    for entry in entries:
        exemption = exempt.get(entry.case_reference)
        if exemption is None:
            decisions.append(
                PublicDecision(
                    entry.case_reference, entry.case_title, entry.text, None, entry.final_at, entry.circulation
                )
            )
        else:
            decisions.append(
                PublicDecision(
                    entry.case_reference,
                    exemption.shown_title,
                    None,
                    exemption.basis.value,
                    entry.final_at,
                    entry.circulation,
                )
            )
    return decisions


async def _exemptions(ctx: Context, body: Body, references: Iterable[str]) -> dict[str, Exemption]:
    """The exemptions as they stand now, by case reference ("12/2026")."""
    assert body.id is not None
    found: dict[str, Exemption] = {}
    for reference in set(references):
        number, _, year = reference.partition("/")
        case = await ctx.uow.cases.get(body.id, int(year), int(number))
        if case is not None and case.exemption is not None:
            found[reference] = case.exemption
    return found


async def public_index(ctx: Context) -> PublicIndex:
    community = await public_community(ctx)
    bodies = []
    for body in await _bodies(ctx, community):
        assert body.id is not None
        years = {oslo_date(m.starts_at).year for m in await ctx.uow.meetings.all_for_body(body.id) if _published(m)}
        bodies.append(PublicBody(body.key, body.name, tuple(sorted(years, reverse=True))))
    return PublicIndex(community.name, tuple(bodies))


async def _notice_as_published(ctx: Context, body: Body, meeting: Meeting) -> NoticeView | None:
    """The notice, only while its agenda is the one that was published: a case set up since, and
    not yet published, must not reach the public before the agenda goes out again."""
    if not _published(meeting):
        return None
    notice = await notice_of(ctx, body, meeting)
    if fingerprint(notice.agenda) != meeting.published_fingerprint:
        return None
    return public_notice(notice)


async def public_year(ctx: Context, body_key: str, year: int) -> PublicYear:
    community = await public_community(ctx)
    body = await _body(ctx, community, body_key)
    assert body.id is not None
    meetings = []
    for meeting in await ctx.uow.meetings.all_for_body(body.id):
        if not _published(meeting) or oslo_date(meeting.starts_at).year != year:
            continue
        assert meeting.id is not None
        meetings.append(
            PublicMeeting(
                day=oslo_date(meeting.starts_at),
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                place=meeting.place,
                cancelled=meeting.status is MeetingStatus.AVLYST,
                notice=await _notice_as_published(ctx, body, meeting) is not None,
                minutes=await ctx.uow.minutes.approved(meeting.id) is not None,
            )
        )
    decisions = await _final_decisions(ctx, body, year)
    if not meetings and not decisions:
        raise _not_found()
    return PublicYear(community.name, BodyRef(body.key, body.name), year, tuple(meetings), tuple(decisions))


async def _meeting_on(ctx: Context, body_key: str, day: date) -> tuple[Body, Meeting]:
    community = await public_community(ctx)
    body = await _body(ctx, community, body_key)
    assert body.id is not None
    for meeting in await ctx.uow.meetings.all_for_body(body.id):
        if oslo_date(meeting.starts_at) == day and _published(meeting):
            return body, meeting
    raise _not_found()


async def public_notice_on(ctx: Context, body_key: str, day: date) -> NoticeView:
    """The public version of the notice of the body's meeting that day, as it was published."""
    body, meeting = await _meeting_on(ctx, body_key, day)
    notice = await _notice_as_published(ctx, body, meeting)
    if notice is None:
        raise _not_found()
    return notice


async def public_minutes_on(ctx: Context, body_key: str, day: date) -> MinutesView:
    """The public version of the approved minutes of the body's meeting that day; a draft or a
    version awaiting approval is never served."""
    body, meeting = await _meeting_on(ctx, body_key, day)
    assert meeting.id is not None
    if await ctx.uow.minutes.approved(meeting.id) is None:
        raise _not_found()
    view = await minutes_of_meeting(ctx, meeting.id)  # the approved version, since there is one
    if view.approval is None or view.approval.status is not MinutesStatus.GODKJENT:
        raise _not_found()
    exempt = await _exemptions(ctx, body, (item.case_reference for item in view.items if item.case_reference))
    return replace(public_minutes(view, exempt), community=view.community)
