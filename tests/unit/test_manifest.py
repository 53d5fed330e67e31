"""The Teams app package: its files, icons, command menu, and schema validity."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from manifest.build import (
    MAX_COMMAND_DESCRIPTION,
    MAX_COMMAND_TITLE,
    MAX_COMMANDS,
    PACKAGE_NAME,
    ManifestCommand,
    build_manifest,
    write_package,
)
from tests.support.node_validators import manifest_errors, node_validators_available

APP_ID = "3f6c2a1e-8b4d-4c7a-9e12-5d0b7a6f4c21"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SAMPLE_COMMANDS = [
    ManifestCommand("hjelp", "Viser kommandoene, eller forklarer én"),
    ManifestCommand("saksliste", "Sakslisten til neste møte"),
    ManifestCommand("ny sak", "Melder inn en sak til organets kø og svarer med saksnummeret"),
    ManifestCommand("saker", "Åpne saker: i køen og satt opp"),
    ManifestCommand("møter", "Kommende møter"),
    ManifestCommand("nytt møte", "Planlegger et møte: nytt møte [organ] <dato> <hh:mm>[-<hh:mm>] [sted]"),
    ManifestCommand("vedtak", "Registrerer et vedtak og ber om godkjenning på kort. " * 5),
    ManifestCommand("protokoll", "Lager utkast til protokoll fra siste møte"),
    ManifestCommand("handlingsplan", "Statusrapport for handlingsplanen"),
    ManifestCommand("mine tiltak", "Tiltakene du er ansvarlig for"),
    ManifestCommand("organer", "Organene med nivå, overordnet organ og neste møte"),
    ManifestCommand("medlemmer", "Medlemmene med rolle og hvem de representerer"),
]

needs_node = pytest.mark.skipif(
    not node_validators_available(), reason="node is not installed, so the Teams manifest validator cannot run"
)


@pytest.fixture
def manifest() -> dict[str, Any]:
    return build_manifest(APP_ID, SAMPLE_COMMANDS, version="1.2.3", bot_domain="https://hfbot.example.no/")


@pytest.fixture
def package(tmp_path: Path, manifest: dict[str, Any]) -> Path:
    return write_package(tmp_path, manifest)


def test_package_holds_exactly_the_manifest_and_two_icons(package: Path) -> None:
    assert package.name == PACKAGE_NAME
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]


def test_zipped_manifest_is_the_one_written_beside_it(package: Path, manifest: dict[str, Any]) -> None:
    with zipfile.ZipFile(package) as archive:
        zipped = json.loads(archive.read("manifest.json").decode("utf-8"))
    beside = json.loads((package.parent / "manifest.json").read_text(encoding="utf-8"))
    assert zipped == beside == manifest


def test_package_is_reproducible(tmp_path: Path, manifest: dict[str, Any]) -> None:
    first = write_package(tmp_path / "a", manifest).read_bytes()
    second = write_package(tmp_path / "b", manifest).read_bytes()
    assert first == second


def test_colour_icon_is_192_square(package: Path) -> None:
    width, height, _bit_depth, colour_type = _png_header(_zipped(package, "color.png"))
    assert (width, height) == (192, 192)
    assert colour_type in (2, 6)  # truecolour, with or without alpha


def test_outline_icon_is_32_square_white_on_transparent(package: Path) -> None:
    data = _zipped(package, "outline.png")
    width, height, bit_depth, colour_type = _png_header(data)
    assert (width, height, bit_depth, colour_type) == (32, 32, 8, 6)
    pixels = _rgba_pixels(data, width, height)
    assert {pixel[:3] for pixel in pixels} == {(255, 255, 255)}
    alphas = {pixel[3] for pixel in pixels}
    assert 0 in alphas and 255 in alphas  # a transparent background and a visible mark


def test_bot_entry(manifest: dict[str, Any]) -> None:
    (bot,) = manifest["bots"]
    assert bot["botId"] == manifest["id"] == APP_ID
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is False
    assert bot["isNotificationOnly"] is False
    assert manifest["validDomains"] == ["hfbot.example.no"]


def test_command_lists_respect_teams_limits(manifest: dict[str, Any]) -> None:
    command_lists = manifest["bots"][0]["commandLists"]
    assert sorted(scope for entry in command_lists for scope in entry["scopes"]) == [
        "groupChat",
        "personal",
        "team",
    ]
    for entry in command_lists:
        commands = entry["commands"]
        assert len(commands) == MAX_COMMANDS
        # The caller's priority order is kept: the first ten, in order.
        assert [c["title"] for c in commands] == [c.title for c in SAMPLE_COMMANDS[:MAX_COMMANDS]]
        for command in commands:
            assert 0 < len(command["title"]) <= MAX_COMMAND_TITLE
            assert 0 < len(command["description"]) <= MAX_COMMAND_DESCRIPTION


def test_long_description_is_cut_at_a_word_with_an_ellipsis(manifest: dict[str, Any]) -> None:
    commands = {c["title"]: c["description"] for c in manifest["bots"][0]["commandLists"][0]["commands"]}
    cut = commands["vedtak"]
    assert cut.endswith("…")
    assert SAMPLE_COMMANDS[6].description.startswith(cut[:-1])
    assert not cut[:-1].endswith(" ")


def test_too_long_command_title_is_refused() -> None:
    with pytest.raises(ValueError, match="command title"):
        build_manifest(APP_ID, [ManifestCommand("x" * (MAX_COMMAND_TITLE + 1), "for lang")])


def test_non_semver_app_version_is_refused() -> None:
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        build_manifest(APP_ID, SAMPLE_COMMANDS, version="1.0")


def test_names_and_descriptions_fit_the_schema(manifest: dict[str, Any]) -> None:
    assert manifest["name"]["short"] == "Helsefellesskap"
    assert manifest["name"]["full"] == "Helsefellesskapsboten – møter, saker og vedtak"
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000


@needs_node
def test_manifest_passes_the_official_schema(package: Path) -> None:
    assert manifest_errors(package.parent / "manifest.json") == []


@needs_node
def test_manifest_validator_reports_a_broken_manifest(tmp_path: Path, manifest: dict[str, Any]) -> None:
    manifest["bots"][0]["scopes"] = ["nowhere"]
    manifest["id"] = "not-a-guid"
    write_package(tmp_path, manifest)
    errors = manifest_errors(tmp_path / "manifest.json")
    assert any("/bots/0/scopes/0" in error for error in errors), errors
    assert any(error.startswith("/id ") for error in errors), errors


@needs_node
def test_manifest_validator_refuses_a_schema_it_would_have_to_download(
    tmp_path: Path, manifest: dict[str, Any]
) -> None:
    manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json"
    write_package(tmp_path, manifest)
    errors = manifest_errors(tmp_path / "manifest.json")
    assert len(errors) == 1 and "not bundled" in errors[0]


def _zipped(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE
    chunks: list[tuple[bytes, bytes]] = []
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        chunks.append((kind, data[offset + 8 : offset + 8 + length]))
        offset += 12 + length  # length, type, data, CRC
    return chunks


def _png_header(data: bytes) -> tuple[int, int, int, int]:
    kind, body = _png_chunks(data)[0]
    assert kind == b"IHDR"
    width, height, bit_depth, colour_type = struct.unpack(">IIBB", body[:10])
    return width, height, bit_depth, colour_type


def _rgba_pixels(data: bytes, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Decodes an 8-bit, non-interlaced RGBA PNG, enough to check the outline icon without Pillow."""
    chunks = _png_chunks(data)
    assert chunks[0][1][12] == 0, "interlaced PNGs are not decoded here"
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * 4
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous)
        rows.append(row)
        previous = row
    flat = b"".join(rows)
    return [tuple(flat[i : i + 4]) for i in range(0, len(flat), 4)]  # type: ignore[misc]


def _unfilter(filter_type: int, row: bytearray, previous: bytes, bpp: int = 4) -> bytes:
    """Reverses one PNG scanline filter (None, Sub, Up, Average, Paeth)."""
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        up_left = previous[i - bpp] if i >= bpp else 0
        if filter_type == 1:
            row[i] = (row[i] + left) & 0xFF
        elif filter_type == 2:
            row[i] = (row[i] + up) & 0xFF
        elif filter_type == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif filter_type == 4:
            row[i] = (row[i] + _paeth(left, up, up_left)) & 0xFF
    return bytes(row)


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
    if distances[0] <= distances[1] and distances[0] <= distances[2]:
        return left
    return up if distances[1] <= distances[2] else up_left
