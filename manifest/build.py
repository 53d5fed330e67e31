"""Builds the Teams app package (manifest.json, its English translation and two icons, zipped).

The command menus come from the caller (the command registry), so help, the parser and the
Teams command menu never drift apart. Everything Teams would refuse, or that would reach users
as a placeholder, is refused here with a ``ManifestError`` that says what to fix. This module
does no I/O except in ``write_package``.
"""

from __future__ import annotations

import ipaddress
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cards.common import shorten

# The newest schema bundled with @microsoft/app-manifest 1.1.2, so the tests can
# validate offline. Bump both together (see tests/support/validate_manifest.js).
MANIFEST_VERSION = "1.30"
SCHEMA_BASE = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}"
SCHEMA_URL = f"{SCHEMA_BASE}/MicrosoftTeams.schema.json"
# A translation file must name the localization schema of the manifest's own version.
LOCALIZATION_SCHEMA_URL = f"{SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json"

# Schema 1.30 allows three command lists (one per scope) of 12 commands each. Titles and
# descriptions keep the older, tighter limits (32 and 128 characters) that the menu was designed
# for: a title is a command the parser knows, and a cut one would not be.
MAX_COMMANDS = 12
MAX_COMMAND_TITLE = 32
MAX_COMMAND_DESCRIPTION = 128
BOT_SCOPES = ("personal", "team", "groupChat")
# Partners from other tenants meet in shared channels; private channels keep a body's own
# work apart. Standard channels come with the team scope.
SUPPORTED_CHANNEL_TYPES = ("sharedChannels", "privateChannels")

# Language tags as the table of supported languages in Teams' "Localize your app" lists them
# (learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-localization):
# Norwegian (Bokmal) nb-no, English (United States) en-us. The manifest itself is in bokmål;
# English comes from the translation file.
DEFAULT_LANGUAGE = "nb-no"
ENGLISH = "en-us"
ENGLISH_FILE = "en-us.json"

PACKAGE_NAME = "hfbot-teams-app.zip"
ICON_DIR = Path(__file__).resolve().parent
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
ACCENT_COLOR = "#1F4E79"  # the colour icon's background

MAX_DEVELOPER_NAME = 32  # the schema's limit
# The schema's GUID pattern for the app and bot id.
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# A fixed timestamp makes the zip byte-for-byte reproducible for the same input.
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# Domains reserved for examples (RFC 2606) and the like: never a real organisation's page.
_PLACEHOLDER_DOMAINS = ("example.no", "example.com", "example.org", "example.net", "example", "invalid", "test")

NAME_SHORT = "Helsefellesskap"
NAME_FULL = "Helsefellesskapsboten – møter, saker og vedtak"
SHORT_DESCRIPTION = "Møter, saker, vedtak og handlingsplan for helsefellesskapet"
FULL_DESCRIPTION = (
    "Helsefellesskapsboten hjelper sekretariatet og medlemmene i partnerskapsmøtet, "
    "strategisk samarbeidsutvalg og de faglige og lokale samarbeidsutvalgene med det "
    "daglige arbeidet: saker meldes inn og nummereres per organ og år, settes på "
    "sakslisten til neste møte og behandles. Boten kaller inn til møter, publiserer "
    "sakslisten i organets kanal, tar imot vedtak og lar de som skal godkjenne gjøre det "
    "direkte i Teams, lager utkast til protokoll og følger opp tiltakene i handlingsplanen "
    "med påminnelser til dem som fortsatt har noe å gjøre. Skriv «hjelp» for å se "
    "kommandoene. Boten er laget for saker om tjenester og samhandling, aldri om "
    "enkeltpasienter: fødselsnumre avvises."
)
NAME_FULL_EN = "Helsefellesskap bot – meetings, cases and decisions"
SHORT_DESCRIPTION_EN = "Meetings, cases, decisions and the action plan of the health partnership"
FULL_DESCRIPTION_EN = (
    "The Helsefellesskap bot supports the secretariat and the members of a Norwegian health "
    "partnership (the partnership meeting, the strategic cooperation committee and the "
    "professional and local committees) in their daily work: cases are registered and numbered "
    "per body and year, put on the next meeting's agenda and dealt with. The bot calls meetings, "
    "posts the agenda in the body's channel, records decisions and lets those who approve them "
    "do so in Teams, drafts the minutes and follows up the measures of the action plan with "
    "reminders to those who still have something to do. Type 'help' to see the commands. The "
    "bot is made for cases about services and cooperation, never about individual patients: "
    "national identity numbers are refused."
)


class ManifestError(ValueError):
    """A package Teams would refuse, or one that would show users a placeholder; the message
    names the option to fix."""


@dataclass(frozen=True)
class ManifestCommand:
    """One entry of the bot's command menu in Teams, in bokmål and in English."""

    title: str
    description: str
    title_en: str
    description_en: str


@dataclass(frozen=True)
class Developer:
    """Who publishes the app, as Teams shows it on the app's page; every page must exist."""

    name: str
    website_url: str
    privacy_url: str
    terms_url: str


@dataclass(frozen=True)
class AppPackage:
    """The manifest and its translation files, by file name."""

    manifest: dict[str, Any]
    translations: dict[str, dict[str, Any]]


def build_package(
    app_id: str,
    menus: Mapping[str, Sequence[ManifestCommand]],
    developer: Developer,
    public_url: str,
    version: str = "1.0.0",
) -> AppPackage:
    """The app package for the bot ``app_id`` (its Microsoft App ID) served at ``public_url``.

    ``menus`` holds each scope's commands by priority: Teams shows at most ``MAX_COMMANDS``
    per scope, so only the first ones make it into that menu.
    """
    if not _GUID.match(app_id.strip()):
        raise ManifestError(
            f"--app-id must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000; got {app_id!r}"
        )
    if not _SEMVER.match(version):
        # Schema 1.30 only limits the length, but Teams rejects anything but MAJOR.MINOR.PATCH.
        raise ManifestError(f"app version must be MAJOR.MINOR.PATCH, got {version!r}")
    if set(menus) != set(BOT_SCOPES):
        raise ManifestError(f"command menus are needed for exactly the scopes {', '.join(BOT_SCOPES)}")
    command_lists = [
        {"scopes": [scope], "commands": [_command_entry(c.title, c.description) for c in menus[scope][:MAX_COMMANDS]]}
        for scope in BOT_SCOPES
    ]
    manifest = {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id.strip(),
        "localizationInfo": {
            "defaultLanguageTag": DEFAULT_LANGUAGE,
            "additionalLanguages": [{"languageTag": ENGLISH, "file": ENGLISH_FILE}],
        },
        "developer": _developer(developer),
        "name": {"short": NAME_SHORT, "full": NAME_FULL},
        "description": {"short": SHORT_DESCRIPTION, "full": FULL_DESCRIPTION},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": ACCENT_COLOR,
        "bots": [
            {
                "botId": app_id.strip(),
                "scopes": list(BOT_SCOPES),
                # `vedlegg` takes a file sent in a personal chat; without this Teams offers no attach button.
                "supportsFiles": True,
                "isNotificationOnly": False,
                "commandLists": command_lists,
            }
        ],
        "supportedChannelTypes": list(SUPPORTED_CHANNEL_TYPES),
        "validDomains": [_public_host(public_url)],
    }
    return AppPackage(manifest=manifest, translations={ENGLISH_FILE: _english(menus)})


def write_package(out_dir: Path, package: AppPackage) -> Path:
    """Writes ``out_dir/manifest.json``, the translations beside it, and the zip Teams installs;
    returns the zip's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"manifest.json": package.manifest, **package.translations}
    texts = {name: json.dumps(content, ensure_ascii=False, indent=2) + "\n" for name, content in files.items()}
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    path = out_dir / PACKAGE_NAME
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in texts.items():
            _add_file(archive, name, text.encode("utf-8"))
        for icon in (COLOR_ICON, OUTLINE_ICON):
            _add_file(archive, icon, (ICON_DIR / icon).read_bytes())
    return path


def _english(menus: Mapping[str, Sequence[ManifestCommand]]) -> dict[str, Any]:
    """The English translation file: names, descriptions and every menu entry, keyed by its
    place in the manifest as the localization schema asks."""
    strings: dict[str, Any] = {
        "$schema": LOCALIZATION_SCHEMA_URL,
        "name.short": NAME_SHORT,
        "name.full": NAME_FULL_EN,
        "description.short": SHORT_DESCRIPTION_EN,
        "description.full": FULL_DESCRIPTION_EN,
    }
    for list_index, scope in enumerate(BOT_SCOPES):
        for index, command in enumerate(menus[scope][:MAX_COMMANDS]):
            entry = _command_entry(command.title_en, command.description_en)
            key = f"bots[0].commandLists[{list_index}].commands[{index}]"
            strings[f"{key}.title"] = entry["title"]
            strings[f"{key}.description"] = entry["description"]
    return strings


def _developer(developer: Developer) -> dict[str, str]:
    name = developer.name.strip()
    if not name or len(name) > MAX_DEVELOPER_NAME:
        raise ManifestError(f"--developer-name must be 1-{MAX_DEVELOPER_NAME} characters; got {developer.name!r}")
    return {
        "name": name,
        "websiteUrl": _public_https_url(developer.website_url, "--website-url"),
        "privacyUrl": _public_https_url(developer.privacy_url, "--privacy-url"),
        "termsOfUseUrl": _public_https_url(developer.terms_url, "--terms-url"),
    }


def _public_https_url(url: str, option: str) -> str:
    """``url`` if it is an https address on the internet, not a placeholder or this machine."""
    url = url.strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "https" or not host:
        raise ManifestError(f"{option} must be a public https:// address; got {url!r}")
    if host == "localhost" or host.endswith(".localhost") or _is_private_address(host):
        raise ManifestError(
            f"{option} must be reachable from Teams, not this machine or a private network; got {url!r}"
        )
    if any(host == domain or host.endswith(f".{domain}") for domain in _PLACEHOLDER_DOMAINS):
        raise ManifestError(f"{option} is a placeholder ({host}); give the real address; got {url!r}")
    return url


def _is_private_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name, not an address
    return not address.is_global


def _public_host(public_url: str) -> str:
    """The bot's host for ``validDomains``, from its public https URL (HFBOT_PUBLIC_URL)."""
    if not public_url.strip():
        raise ManifestError(
            "the package needs the bot's public https address: set HFBOT_PUBLIC_URL or pass --public-url"
        )
    return str(urlsplit(_public_https_url(public_url, "HFBOT_PUBLIC_URL / --public-url")).hostname)


def _command_entry(title: str, description: str) -> dict[str, str]:
    title = title.strip()
    if not title or len(title) > MAX_COMMAND_TITLE:
        # A cut title would put a command into the menu that the parser does not know.
        raise ManifestError(f"command title must be 1-{MAX_COMMAND_TITLE} characters: {title!r}")
    return {"title": title, "description": shorten(description, MAX_COMMAND_DESCRIPTION)}


def _add_file(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
