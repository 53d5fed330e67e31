"""Outlook events through msgraph-sdk, in the organiser's calendar (`users/{organiser}/events`,
application permission Calendars.ReadWrite), each with a Teams online meeting.

The SDK's own retry middleware is turned off: it would sleep inside the call (up to minutes on a
429). The calendar relay reschedules the row instead, after Retry-After, so nothing waits.
"""

from __future__ import annotations

import asyncio
import ssl
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError, ServiceRequestError
from azure.identity.aio import ClientSecretCredential
from kiota_abstractions.api_error import APIError
from kiota_authentication_azure.azure_identity_authentication_provider import AzureIdentityAuthenticationProvider
from kiota_http.middleware.options import RetryHandlerOption
from msgraph import GraphRequestAdapter, GraphServiceClient
from msgraph.generated.models.attendee import Attendee
from msgraph.generated.models.attendee_type import AttendeeType
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.event import Event
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.location import Location
from msgraph.generated.models.online_meeting_provider_type import OnlineMeetingProviderType
from msgraph.generated.users.item.events.item.cancel.cancel_post_request_body import CancelPostRequestBody
from msgraph_core import GraphClientFactory

from governance.rules.outlook_events import OutlookEvent
from scheduler.calendar_gateway import EventGone, EventRef, GraphSettings
from scheduler.sender import Refused, RetryLater, SendFailed, retry_after_seconds


class GraphCalendar:
    def __init__(self, client: GraphServiceClient, http: httpx.AsyncClient, credential: ClientSecretCredential) -> None:
        self._client = client
        self._http = http
        self._credential = credential

    @classmethod
    def connect(cls, settings: GraphSettings) -> GraphCalendar:
        credential = ClientSecretCredential(
            settings.tenant_id,
            settings.client_id,
            settings.client_secret,
            authority=settings.authority_host,
            connection_verify=settings.ca_bundle or True,
            # The sign-in host is the operator's setting (sovereign clouds, tests): used as given.
            disable_instance_discovery=True,
        )
        host = urlsplit(settings.base_url).hostname or ""
        authentication = AzureIdentityAuthenticationProvider(
            OneSignInAtATime(credential),  # type: ignore[arg-type]  # duck-typed: get_token is all it calls
            scopes=[settings.scope],
            allowed_hosts=[host],
        )
        verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=settings.ca_bundle) if settings.ca_bundle else True
        )
        http = GraphClientFactory.create_with_default_middleware(
            client=httpx.AsyncClient(timeout=settings.timeout_s, verify=verify),
            options={RetryHandlerOption.get_key(): RetryHandlerOption(max_retries=0, should_retry=False)},
        )
        adapter = GraphRequestAdapter(authentication, client=http)
        adapter.base_url = settings.base_url.rstrip("/")
        return cls(GraphServiceClient(request_adapter=adapter), http, credential)

    async def create(self, organiser: str, event: OutlookEvent, transaction_id: str) -> EventRef:
        body = _graph_event(event)
        body.transaction_id = transaction_id
        body.is_online_meeting = True
        body.online_meeting_provider = OnlineMeetingProviderType.TeamsForBusiness
        created = await _call(self._client.users.by_user_id(organiser).events.post(body))
        return _reference(created)

    async def update(self, organiser: str, event_id: str, event: OutlookEvent) -> EventRef:
        events = self._client.users.by_user_id(organiser).events
        updated = await _call(events.by_event_id(event_id).patch(_graph_event(event)))
        return _reference(updated, event_id)

    async def cancel(self, organiser: str, event_id: str, comment: str) -> None:
        events = self._client.users.by_user_id(organiser).events
        await _call(events.by_event_id(event_id).cancel.post(CancelPostRequestBody(comment=comment)))

    async def close(self) -> None:
        await self._http.aclose()
        await self._credential.close()


class OneSignInAtATime:
    """The relay calls Graph for several meetings at once; without this, each call of the first
    batch would sign in on its own, as azure-identity only caches a token once it has one."""

    def __init__(self, credential: ClientSecretCredential) -> None:
        self._credential = credential
        self._lock = asyncio.Lock()

    async def get_token(self, *scopes: str, **options: Any) -> AccessToken:
        async with self._lock:
            return await self._credential.get_token(*scopes, **options)


def _graph_event(event: OutlookEvent) -> Event:
    return Event(
        subject=event.subject,
        body=ItemBody(content_type=BodyType.Text, content=event.description),
        start=_graph_time(event.starts_at),
        end=_graph_time(event.ends_at),
        location=Location(display_name=event.place) if event.place else None,
        attendees=[
            Attendee(
                email_address=EmailAddress(address=attendee.email, name=attendee.name),
                type=AttendeeType.Required if attendee.required else AttendeeType.Optional,
            )
            for attendee in event.attendees
        ],
    )


def _graph_time(moment: datetime) -> DateTimeTimeZone:
    # UTC is unambiguous; Outlook shows each reader the time in their own zone.
    return DateTimeTimeZone(date_time=moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"), time_zone="UTC")


def _reference(event: Event | None, known_id: str | None = None) -> EventRef:
    event_id = (event.id if event else None) or known_id
    if not event_id:
        raise RetryLater("no_event_id")  # Graph answered without the event: ask again
    join_url = event.online_meeting.join_url if event and event.online_meeting else None
    return EventRef(event_id, join_url)


async def _call(request: Any) -> Any:
    try:
        return await request
    except Exception as error:
        raise graph_failure(error) from error


def graph_failure(error: BaseException) -> SendFailed:
    """What a failed Graph call means for the calendar relay. Every call may be repeated safely
    (creates carry a transaction id), so doubt is a retry, not a report."""
    if isinstance(error, SendFailed):
        return error
    if isinstance(error, APIError) and error.response_status_code:
        status = error.response_status_code
        code = f"graph_{status}"
        if status == 404:
            return EventGone(code)
        if status == 429 or status >= 500 or status == 412:
            retry_after = retry_after_seconds(_header(error.response_headers, "Retry-After"), datetime.now(UTC))
            return RetryLater(code, retry_after)
        return Refused(code)  # 400, 401, 403: the request or the app's permissions are wrong
    if isinstance(error, httpx.TimeoutException):
        return RetryLater("timeout")
    if isinstance(error, httpx.TransportError):
        return RetryLater("no_connection")
    if isinstance(error, ClientAuthenticationError):
        return RetryLater("sign_in_refused")  # a wrong secret is fixed in the settings, then it goes
    if isinstance(error, ServiceRequestError):
        return RetryLater("sign_in_unreachable")
    return RetryLater(type(error).__name__)


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for key, value in dict(headers).items():
        if key.lower() == name.lower():
            return ", ".join(value) if isinstance(value, list | set | tuple) else str(value)
    return None
