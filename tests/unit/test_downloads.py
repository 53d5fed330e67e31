"""Signed download links, and an access log that keeps their signatures out."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.downloads import DownloadLinks, link_secret
from bot.server import PathOnlyAccessLogger
from governance.rules.clock import FixedClock


def test_a_link_is_valid_for_its_path_and_language_until_it_expires() -> None:
    clock = FixedClock(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    links = DownloadLinks("https://bot.example.no/", b"secret", clock)
    url = urlsplit(links.minutes(7, "pdf", "nb"))
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert (url.scheme, url.netloc, url.path) == ("https", "bot.example.no", "/minutes/7.pdf")
    assert links.valid(url.path, query["expires"], "nb", query["sig"])
    assert not links.valid("/minutes/8.pdf", query["expires"], "nb", query["sig"])
    assert not links.valid(url.path, query["expires"], "en", query["sig"])
    assert not links.valid(url.path, str(int(query["expires"]) + 3600), "nb", query["sig"])
    assert not DownloadLinks("https://bot.example.no", b"other", clock).valid(
        url.path, query["expires"], "nb", query["sig"]
    )
    clock.advance(timedelta(hours=1, seconds=1))
    assert not links.valid(url.path, query["expires"], "nb", query["sig"])


def test_replicas_sharing_the_bot_password_share_the_link_secret() -> None:
    assert link_secret("", "password") == link_secret("", "password") != link_secret("", "other")
    assert link_secret("configured", "password") == b"configured"
    assert link_secret("", "") != link_secret("", "")  # local development: a fresh one per process


def test_the_access_log_leaves_out_query_strings(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.access")
    request = make_mocked_request("GET", "/minutes/7.pdf?expires=1&lang=nb&sig=abcdef0123")
    with caplog.at_level(logging.INFO, logger="test.access"):
        PathOnlyAccessLogger(logger, "").log(request, web.Response(status=200), 0.012)
    assert "/minutes/7.pdf" in caplog.text and "200" in caplog.text
    assert "sig" not in caplog.text and "abcdef" not in caplog.text
