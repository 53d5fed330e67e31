"""Builds the Teams app package (manifest.json + two icons, zipped) for the bot.

The command list comes from the caller (the command registry), so help, the
parser and the Teams command menu never drift apart. This module does no I/O
except in ``write_package``.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The newest schema bundled with @microsoft/app-manifest 1.1.2, so the tests can
# validate offline. Bump both together (see tests/support/validate_manifest.js).
MANIFEST_VERSION = "1.30"
SCHEMA_URL = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"

# Teams' long-standing command-menu limits. Schema 1.30 is looser (12 commands,
# 128-character titles), but the menu was designed for these and older clients
# and schemas (<= 1.20) enforce them, so a manifest that keeps them is valid everywhere.
MAX_COMMANDS = 10
MAX_COMMAND_TITLE = 32
MAX_COMMAND_DESCRIPTION = 128
BOT_SCOPES = ("personal", "team", "groupChat")

PACKAGE_NAME = "hfbot-teams-app.zip"
ICON_DIR = Path(__file__).resolve().parent
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
ACCENT_COLOR = "#1F4E79"  # the colour icon's background

# A fixed timestamp makes the zip byte-for-byte reproducible for the same input.
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_ELLIPSIS = "…"

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


@dataclass(frozen=True)
class ManifestCommand:
    """One entry of the bot's command menu in Teams."""

    title: str
    description: str


def build_manifest(
    app_id: str,
    commands: Sequence[ManifestCommand],
    version: str = "1.0.0",
    bot_domain: str | None = None,
) -> dict[str, Any]:
    """The manifest as a dict; ``app_id`` is the bot's Microsoft App ID (a GUID, not checked here).

    The caller orders ``commands`` by priority: Teams shows at most
    ``MAX_COMMANDS``, so only the first ones make it into the menu.
    """
    if not _SEMVER.match(version):
        # Schema 1.30 only limits the length, but Teams rejects anything but MAJOR.MINOR.PATCH.
        raise ValueError(f"app version must be MAJOR.MINOR.PATCH, got {version!r}")
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "localizationInfo": {"defaultLanguageTag": "nb-NO"},
        "developer": _developer(),
        "name": {"short": "Helsefellesskap", "full": "Helsefellesskapsboten – møter, saker og vedtak"},
        "description": {"short": SHORT_DESCRIPTION, "full": FULL_DESCRIPTION},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": ACCENT_COLOR,
        "bots": [_bot(app_id, commands)],
        "validDomains": [_domain_of(bot_domain)] if bot_domain else [],
    }


def write_package(out_dir: Path, manifest: dict[str, Any]) -> Path:
    """Writes ``out_dir/manifest.json`` and the zip Teams installs; returns the zip's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out_dir / "manifest.json").write_text(manifest_text, encoding="utf-8")
    package = out_dir / PACKAGE_NAME
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add_file(archive, "manifest.json", manifest_text.encode("utf-8"))
        for icon in (COLOR_ICON, OUTLINE_ICON):
            _add_file(archive, icon, (ICON_DIR / icon).read_bytes())
    return package


def _developer() -> dict[str, str]:
    # Placeholders until the hosting organisation publishes real pages.
    return {
        "name": "Helsefellesskapet",
        "websiteUrl": "https://www.example.no/helsefellesskap",
        "privacyUrl": "https://www.example.no/helsefellesskap/personvern",
        "termsOfUseUrl": "https://www.example.no/helsefellesskap/vilkar",
    }


def _bot(app_id: str, commands: Sequence[ManifestCommand]) -> dict[str, Any]:
    menu = [_command_entry(command) for command in commands[:MAX_COMMANDS]]
    return {
        "botId": app_id,
        "scopes": list(BOT_SCOPES),
        "supportsFiles": False,
        "isNotificationOnly": False,
        # The schema asks for a separate command list per scope.
        "commandLists": [{"scopes": [scope], "commands": menu} for scope in BOT_SCOPES],
    }


def _command_entry(command: ManifestCommand) -> dict[str, str]:
    title = command.title.strip()
    if not title or len(title) > MAX_COMMAND_TITLE:
        # A cut title would put a command into the menu that the parser does not know.
        raise ValueError(f"command title must be 1-{MAX_COMMAND_TITLE} characters: {command.title!r}")
    return {"title": title, "description": _shorten(command.description, MAX_COMMAND_DESCRIPTION)}


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + _ELLIPSIS


def _domain_of(bot_domain: str) -> str:
    """Accepts a bare host name or a URL (as in HFBOT_PUBLIC_URL); validDomains wants the host."""
    if "://" in bot_domain:
        host = urlsplit(bot_domain).hostname
        if not host:
            raise ValueError(f"no host name in {bot_domain!r}")
        return host
    return bot_domain.strip().rstrip("/")


def _add_file(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
