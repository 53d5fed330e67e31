"""Bot Framework authentication, with connector clients cached per service URL.

botbuilder builds a new ConnectorClient (and a user-token client) on every turn; constructing
msrest's retry policy costs about 3 ms each time (DESIGN.md section 5). The clients hold no
per-turn state, so one per service URL and audience serves every turn.

Two more per-reply costs of the stock client are cut, without changing a byte on the wire
(bench/README.md has the measurements):

- msrest serializes a card (an `object` attribute) by walking every key and value of it and
  calling `eval("str")(value)` on each: about 5 ms for a 20-item agenda card, a third of a
  turn. For plain JSON data (dict, list, str, int, float, bool, None and nothing else) that walk
  returns an equal copy, so `_Serializer` hands such data over as it is; anything else still
  goes through msrest.
- msrest's default transport runs `requests` in a thread pool for every reply. The cached
  clients send over one shared aiohttp ClientSession instead. The request is still built by the
  connector client's own operations, so method, URL, body and headers (Accept, Content-Type,
  x-ms-conversation-id, User-Agent, Authorization from the credentials, and requests' defaults)
  are the same; only the transport changes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.skills import BotFrameworkClient
from msrest import Serializer
from msrest.exceptions import ClientRequestError
from msrest.pipeline import AsyncHTTPPolicy, AsyncHTTPSender, AsyncPipeline, Request, Response
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http import AsyncClientResponse, ClientRequest
from multidict import CIMultiDict
from requests.utils import DEFAULT_CA_BUNDLE_PATH
from yarl import URL

from bot.settings import Settings

log = logging.getLogger(__name__)

# What msrest's default transport does (RequestHTTPSenderConfiguration and ClientRetryPolicy with
# urllib3 2): a 100 s connect and read timeout, up to 30 redirects, and up to 3 retries of a
# connection that could not be opened, after 0, 1.6 and 3.2 s. A request that reached the
# connector is never resent: urllib3 retries neither a POST's read errors nor its status codes.
TIMEOUT_SECONDS = 100.0
MAX_REDIRECTS = 30
CONNECT_RETRIES = 3
BACKOFF_FACTOR = 0.8
# The headers requests adds that msrest's own (Accept, User-Agent) do not replace.
_REQUESTS_DEFAULTS = {"Accept": "*/*", "Accept-Encoding": "gzip, deflate", "Connection": "keep-alive"}


def _tls_context() -> ssl.SSLContext:
    """The certificates requests would trust: REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, else certifi's."""
    location = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or DEFAULT_CA_BUNDLE_PATH
    if os.path.isdir(location):
        return ssl.create_default_context(capath=location)
    return ssl.create_default_context(cafile=location)


@dataclass(frozen=True)
class BotFrameworkConfiguration:
    """The attribute names botbuilder's configuration reader looks for."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str
    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: str | None = None
    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER: str | None = None
    TO_CHANNEL_FROM_BOT_LOGIN_URL: str | None = None


def configuration(settings: Settings) -> BotFrameworkConfiguration:
    # In local development mode the app id stays empty: that is what makes botbuilder accept
    # unauthenticated requests, and check_can_serve allows it only on 127.0.0.1.
    app_id = "" if settings.dev_no_auth else settings.app_id
    return BotFrameworkConfiguration(
        APP_ID=app_id,
        APP_PASSWORD="" if settings.dev_no_auth else settings.app_password,
        # Without authentication there is no app to sign in as, whatever its type.
        APP_TYPE="MultiTenant" if settings.dev_no_auth else settings.app_type,
        APP_TENANTID=settings.app_tenant_id,
        TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=settings.openid_metadata_url or None,
        TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=settings.token_issuer or None,
        TO_CHANNEL_FROM_BOT_LOGIN_URL=settings.login_url or None,
    )


class _HeaderCarrier:
    """What msrest credentials sign: they only set (or remove) `headers["Authorization"]`."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


class _CredentialsPolicy(AsyncHTTPPolicy):  # type: ignore[misc]
    """Adds the credentials' Authorization header, as msrest's requests credentials policy does.

    Botbuilder's credentials fetch and cache their token synchronously (MSAL); with an app id the
    signing runs in a worker thread so a token refresh does not stall the event loop. Without
    one (local development) there is no token and nothing to wait for.
    """

    def __init__(self, credentials: Any) -> None:
        super().__init__()
        self._credentials = credentials
        self._may_fetch = bool(getattr(credentials, "microsoft_app_id", None))

    def _sign(self) -> str | None:
        carrier = self._credentials.signed_session(_HeaderCarrier())
        return carrier.headers.get("Authorization") if carrier is not None else None

    async def send(self, request: Request, **kwargs: Any) -> Response:
        if self._credentials is not None:
            authorization = await asyncio.to_thread(self._sign) if self._may_fetch else self._sign()
            if authorization:
                request.http_request.headers["Authorization"] = authorization
            else:
                request.http_request.headers.pop("Authorization", None)
        assert self.next is not None  # the pipeline links every policy to the next one
        return await self.next.send(request, **kwargs)


class _AiohttpResponse(AsyncClientResponse):  # type: ignore[misc]
    def __init__(self, request: ClientRequest, response: aiohttp.ClientResponse, body: bytes) -> None:
        super().__init__(request, response)
        self.status_code = response.status
        self.headers = CIMultiDict(response.headers)
        self.reason = response.reason
        self._body = body

    def body(self) -> bytes:
        return self._body

    def raise_for_status(self) -> None:
        self.internal_response.raise_for_status()

    def stream_download(self, chunk_size: Any = None, callback: Any = None) -> Any:
        raise NotImplementedError("responses are read whole")


class AiohttpSender(AsyncHTTPSender):  # type: ignore[misc]
    """Sends msrest requests with a shared aiohttp ClientSession."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session
        self._proxies: dict[tuple[str, str | None], tuple[URL | None, aiohttp.BasicAuth | None]] = {}

    async def _proxy(self, url: URL) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        """The proxy the environment names for this host (as requests' trust_env), looked up once.

        aiohttp's own trust_env would look it (and ~/.netrc) up in a thread on every request.
        """
        key = (url.scheme, url.host)
        if key not in self._proxies:
            try:
                self._proxies[key] = await asyncio.to_thread(get_env_proxy_for_url, url)
            except LookupError:
                self._proxies[key] = (None, None)
        return self._proxies[key]

    async def __aenter__(self) -> AiohttpSender:
        return self

    async def __aexit__(self, *exc_details: Any) -> None:
        return None  # the session belongs to CachingAuthentication

    def build_context(self) -> None:
        return None

    async def send(self, request: Request, **config: Any) -> Response:
        http_request: ClientRequest = request.http_request
        if http_request.files:
            raise ClientRequestError("multipart uploads are not supported by this transport")
        data = http_request.data
        if isinstance(data, str):
            data = data.encode("utf-8")
        # msrest has quoted the URL already (`19%3A...%40thread.skype`); yarl must not requote it.
        url = URL(http_request.url, encoded=True)
        # requests' default headers that msrest's own do not replace.
        headers = {**_REQUESTS_DEFAULTS, **http_request.headers}
        proxy, proxy_auth = await self._proxy(url)
        for attempt in range(CONNECT_RETRIES + 1):
            try:
                async with self._session.request(
                    http_request.method,
                    url,
                    headers=headers,
                    data=data,
                    proxy=proxy,
                    proxy_auth=proxy_auth,
                    max_redirects=MAX_REDIRECTS,
                ) as response:
                    body = await response.read()
                return Response(request, _AiohttpResponse(http_request, response, body))
            except aiohttp.ClientConnectorError as error:
                # Nothing was sent: the connection was never opened.
                if attempt == CONNECT_RETRIES:
                    raise ClientRequestError(f"Error occurred in request: {error}") from error
                await asyncio.sleep(BACKOFF_FACTOR * (2**attempt) if attempt else 0)
            except (TimeoutError, aiohttp.ClientError) as error:
                raise ClientRequestError(f"Error occurred in request: {error!r}") from error
        raise AssertionError("unreachable")


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})
_MAX_PLAIN_NODES = 100_000  # a bigger (or self-containing) structure takes msrest's own path


def _is_plain_json(value: Any) -> bool:
    """True for data msrest's `serialize_object` would copy unchanged: exact JSON types only."""
    pending = [value]
    budget = _MAX_PLAIN_NODES
    while pending:
        budget -= 1
        if budget < 0:
            return False
        item = pending.pop()
        kind = type(item)
        if kind is dict:
            for key in item:
                if type(key) is not str:
                    return False
            pending.extend(item.values())
        elif kind is list:
            pending.extend(item)
        elif kind not in _PLAIN_SCALARS:
            return False  # subclasses (enums), tuples, dates, models: msrest's own rules apply
    return True


class _Serializer(Serializer):  # type: ignore[misc]
    """msrest's serializer, minus its element-by-element walk over plain JSON data.

    For a dict, list, str, int, float, bool or None whose contents are all of exactly those types,
    `Serializer.serialize_object` builds an equal structure (str(key), str/int/float/bool(value),
    same order); returning the data itself gives the same JSON. The result is only passed to
    json.dumps when the request is built, so nothing sees the sharing.
    """

    def serialize_object(self, attr: Any, **kwargs: Any) -> Any:
        if not kwargs.get("is_xml") and _is_plain_json(attr):
            return attr
        return super().serialize_object(attr, **kwargs)

    def body(self, data: Any, data_type: str, **kwargs: Any) -> Any:
        # msrest validates a body against its models' `_validation` constraints by walking the
        # whole activity; no botbuilder schema model declares any (a test pins this), so the walk
        # can find nothing. URL and header parameters are still validated.
        checking, self.client_side_validation = self.client_side_validation, False
        try:
            return super().body(data, data_type, **kwargs)
        finally:
            self.client_side_validation = checking


def _fast_serializer(serializer: Serializer) -> Serializer:
    fast = _Serializer(serializer.dependencies)
    fast.client_side_validation = serializer.client_side_validation
    fast.key_transformer = serializer.key_transformer
    return fast


def _tune(client: ConnectorClient, session: aiohttp.ClientSession) -> ConnectorClient:
    """Gives the client the plain-JSON serializer and the same pipeline over the shared session."""
    serializer = _fast_serializer(client._serialize)
    client._serialize = serializer
    for operations in (client.conversations, client.attachments):
        operations._serialize = serializer
    config = client.config
    config.pipeline = AsyncPipeline(
        [
            config.user_agent_policy,
            _CredentialsPolicy(config.credentials),
            RawDeserializer(),
            config.http_logger_policy,
        ],
        AiohttpSender(session),
    )
    return client


class _CachingConnectorFactory(ConnectorFactory):
    def __init__(self, inner: ConnectorFactory, owner: CachingAuthentication) -> None:
        self._inner = inner
        self._owner = owner

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        key = (service_url, audience)
        client = self._owner._connectors.get(key)
        if client is None:
            client = _tune(await self._inner.create(service_url, audience), self._owner.session())
            self._owner._connectors[key] = client
        return client


class CachingAuthentication(BotFrameworkAuthentication):
    """Delegates to botbuilder's authentication and reuses the clients it creates."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self._inner = inner
        self._connectors: dict[tuple[str, str | None], ConnectorClient] = {}
        self._user_token_clients: dict[str, UserTokenClient] = {}
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        """The HTTP session of all connector clients, opened on first use (inside the event loop)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=_tls_context()),
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=TIMEOUT_SECONDS, sock_read=TIMEOUT_SECONDS),
            )
        return self._session

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        result = await self._inner.authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = _CachingConnectorFactory(result.connector_factory, self)
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return _CachingConnectorFactory(self._inner.create_connector_factory(claims_identity), self)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        key = str(claims_identity.claims.get("aud") or claims_identity.claims.get("appid") or "")
        client = self._user_token_clients.get(key)
        if client is None:
            client = await self._inner.create_user_token_client(claims_identity)
            self._user_token_clients[key] = client
        return client

    def create_bot_framework_client(self) -> BotFrameworkClient:
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self._inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)

    async def close(self) -> None:
        for client in self._connectors.values():
            await _close(client)
        self._connectors.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _close(client: Any) -> None:
    close = getattr(client, "close", None)
    if close is not None:
        result = close()
        if hasattr(result, "__await__"):
            await result


def bot_framework_authentication(settings: Settings) -> CachingAuthentication:
    return CachingAuthentication(ConfigurationBotFrameworkAuthentication(configuration(settings)))
