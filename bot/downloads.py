"""Expiring signed links to the bot's documents (the minutes and the meeting notice as .docx and
PDF, the action plan as .xlsx and CSV, the files stored with a case).

A link is a capability: whoever holds it may fetch that document until it expires, so it is
only ever given to those allowed to see the document, and it is kept out of the logs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlencode

from cards.documents import LinkedDocument
from governance.papers.notice import NoticeView
from governance.papers.public_versions import has_exemptions
from governance.rules.clock import Clock
from governance.rules.documents import DocumentKind
from governance.views import DocumentView

LINK_LIFETIME = timedelta(hours=1)
FORMATS = ("docx", "pdf")
PLAN_FORMATS = ("xlsx", "csv")


class DownloadLinks:
    def __init__(self, base_url: str, secret: bytes, clock: Clock, lifetime: timedelta = LINK_LIFETIME) -> None:
        self.base_url = base_url.rstrip("/")
        self._secret = secret
        self._clock = clock
        self._lifetime = lifetime

    def minutes(self, meeting_id: int, fmt: str, lang: str) -> str:
        return self._link(minutes_path(meeting_id, fmt), lang)

    def notice(self, meeting_id: int, fmt: str, lang: str) -> str:
        return self._link(notice_path(meeting_id, fmt), lang)

    def public_minutes(self, meeting_id: int, fmt: str, lang: str) -> str:
        return self._link(public_minutes_path(meeting_id, fmt), lang)

    def public_notice(self, meeting_id: int, fmt: str, lang: str) -> str:
        return self._link(public_notice_path(meeting_id, fmt), lang)

    def plan(self, plan_id: int, fmt: str, lang: str) -> str:
        return self._link(plan_path(plan_id, fmt), lang)

    def document(self, document_id: int, lang: str) -> str:
        return self._link(document_path(document_id), lang)

    def _link(self, path: str, lang: str) -> str:
        expires = int((self._clock.now() + self._lifetime).timestamp())
        query = {"expires": str(expires), "lang": lang, "sig": self._signature(path, expires, lang)}
        return f"{self.base_url}{path}?{urlencode(query)}"

    def valid(self, path: str, expires: str, lang: str, signature: str) -> bool:
        """A link this server made, for this path and language, that has not expired."""
        if not expires.isdigit() or int(expires) < self._clock.now().timestamp():
            return False
        return hmac.compare_digest(self._signature(path, int(expires), lang), signature)

    def _signature(self, path: str, expires: int, lang: str) -> str:
        message = f"{path}\n{expires}\n{lang}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()


def minutes_path(meeting_id: int, fmt: str) -> str:
    return f"/minutes/{meeting_id}.{fmt}"


def notice_path(meeting_id: int, fmt: str) -> str:
    return f"/notices/{meeting_id}.{fmt}"


def public_minutes_path(meeting_id: int, fmt: str) -> str:
    """The public version (offentleglova): a path of its own, so a link signed for it never
    fetches the internal version, and the innsyn page can serve it by the same route."""
    return f"/minutes/{meeting_id}/offentlig.{fmt}"


def public_notice_path(meeting_id: int, fmt: str) -> str:
    return f"/notices/{meeting_id}/offentlig.{fmt}"


def plan_path(plan_id: int, fmt: str) -> str:
    return f"/plans/{plan_id}.{fmt}"


def document_path(document_id: int) -> str:
    return f"/documents/{document_id}"


def link_secret(configured: str, app_password: str) -> bytes:
    """The configured secret; else one derived from the bot's password, so every replica agrees;
    else (local development) a random one, and links then last until the process stops."""
    if configured:
        return configured.encode()
    if app_password:
        return hashlib.sha256(b"hfbot download links\n" + app_password.encode()).digest()
    return secrets.token_bytes(32)


def linked_documents(
    views: Sequence[DocumentView], links: DownloadLinks | None, lang: str
) -> tuple[LinkedDocument, ...]:
    """Each document with where its button leads: a stored file through a signed link (where a web
    server serves them), a link to itself."""

    def url(view: DocumentView) -> str | None:
        if view.kind is DocumentKind.LINK:
            return view.url
        return links.document(view.document_id, lang) if links else None

    return tuple(LinkedDocument(view, url(view)) for view in views)


def notice_downloads(links: DownloadLinks | None, notice: NoticeView, lang: str) -> dict[str, str] | None:
    """The notice's Word and PDF links; and its public version's, where something in it is exempt
    (otherwise the public version is the one members read)."""
    if links is None:
        return None
    downloads = {fmt: links.notice(notice.meeting_id, fmt, lang) for fmt in FORMATS}
    if has_exemptions(notice):
        downloads |= {f"public_{fmt}": links.public_notice(notice.meeting_id, fmt, lang) for fmt in FORMATS}
    return downloads
