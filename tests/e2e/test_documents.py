"""Documents (vedlegg) end to end: a file sent to the bot in a personal chat, in the payload shape
Teams uses (tests/fixtures/teams/personal_message_with_file.json: the attachment of contentType
`application/vnd.microsoft.teams.file.download.info` from Microsoft's "Receive files in personal
chat" example; see the README there), fetched from a local file server standing in for OneDrive,
stored with the case, listed on the case and agenda cards, and read back byte for byte through the
signed link. Refusals (size, type, identity numbers, hosts) store nothing."""

from __future__ import annotations

import copy
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document as WordDocument
from fpdf import FPDF

from bot.file_fetch import FetchRefused, inspect_in_child
from governance.rules.documents import FileType
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    FileServer,
    UnitOfWorkFactory,
    audit_trail,
    load_fixture,
    query,
    visible_text,
)
from tests.support.node_validators import card_errors, node_validators_available
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD

WITH_FILE = "personal_message_with_file.json"
MB = 1024 * 1024
IDENTITY_NUMBER = "02013299997"  # passes both checksums: a real-looking fødselsnummer


@pytest.fixture
def bot(file_bot: BotUnderTest) -> BotUnderTest:
    """Every test here may fetch files from the local file server."""
    return file_bot


def pdf_bytes(*lines: str, pages: int = 2) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for page in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, f"{line} (side {page + 1})", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(*paragraphs: str) -> bytes:
    document = WordDocument()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(*rows: tuple[object, ...]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file_activity(
    bot: BotUnderTest, text: str, url: str, name: str, aad: str = MEMBER_AAD, locale: str = "nb-NO"
) -> dict[str, Any]:
    """A personal-chat message with a file, as Teams sends it, its download link pointed at our server."""
    activity = bot.activity(WITH_FILE, text, aad_object_id=aad, locale=locale)
    attachments = copy.deepcopy(load_fixture(WITH_FILE)["attachments"])
    attachments[0]["name"] = name
    attachments[0]["content"]["downloadUrl"] = url
    activity["attachments"] = attachments
    return activity


async def send_file(
    bot: BotUnderTest, text: str, url: str, name: str, aad: str = MEMBER_AAD, locale: str = "nb-NO"
) -> str:
    activity = file_activity(bot, text, url, name, aad, locale)
    response = await bot.post(activity)
    assert 200 <= response.status < 300
    (reply,) = bot.replies_to(activity["id"])
    if node_validators_available():
        assert card_errors(reply.cards) == [[] for _ in reply.cards]
    return visible_text(reply)


async def new_case(bot: BotUnderTest) -> None:
    reply = await bot.exchange(PERSONAL, "ny sak SSU Samhandling om utskrivning", aad_object_id=MEMBER_AAD)
    assert "1/2026" in visible_text(reply)


async def stored(unit_of_work: UnitOfWorkFactory) -> tuple[int, int, int]:
    """How many documents, stored files and stored pieces there are."""
    counts = []
    for table in ("documents", "document_files", "document_chunks"):
        (row,) = await query(unit_of_work, f"SELECT COUNT(*) AS n FROM {table}")
        counts.append(int(row.n))
    return counts[0], counts[1], counts[2]


def buttons(cards: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every Action.OpenUrl on the cards, as (title, url)."""
    found: list[tuple[str, str]] = []

    def walk(element: Any) -> None:
        if isinstance(element, dict):
            if element.get("type") == "Action.OpenUrl":
                found.append((str(element["title"]), str(element["url"])))
            for value in element.values():
                walk(value)
        elif isinstance(element, list):
            for item in element:
                walk(item)

    walk(cards)
    return found


async def download(bot: BotUnderTest, url: str) -> tuple[int, dict[str, str], bytes]:
    path = url.split("/documents/", 1)[1]
    async with bot.session.get(f"{bot.url}/documents/{path}") as response:
        return response.status, dict(response.headers), await response.read()


async def test_a_file_sent_in_a_personal_chat_is_stored_listed_and_downloaded_byte_identical(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    content = pdf_bytes("Saksframlegg: utskrivning av skrøpelige eldre", "Forslag til vedtak: SSU slutter seg til")
    file_server.files["saksframlegg.pdf"] = content

    reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url("saksframlegg.pdf"), "Saksframlegg.pdf")

    assert "Vedlegg 1 til sak 1/2026 er lagret: Saksframlegg.pdf" in reply
    assert file_server.served == ["saksframlegg.pdf"]
    (row,) = await query(unit_of_work, "SELECT number, kind, title, file_type, size, sha256 FROM documents")
    assert (row.number, row.kind, row.title, row.file_type) == (1, "fil", "Saksframlegg.pdf", "pdf")
    assert (row.size, row.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    (attached,) = await audit_trail(unit_of_work, "document.attached")
    assert attached.actor_aad_object_id == MEMBER_AAD
    assert attached.details["before"] is None
    assert attached.details["after"]["sha256"] == hashlib.sha256(content).hexdigest()

    # Listed by `vedlegg` without a file, with a download button that gives the same bytes back.
    listing = await bot.exchange(PERSONAL, "vedlegg SSU 1/2026", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert "1. Saksframlegg.pdf (PDF" in visible_text(listing)
    ((title, url),) = buttons(listing.cards)
    assert title == "Last ned"
    status, headers, body = await download(bot, url)
    assert status == 200
    assert body == content
    assert headers["Content-Type"] == "application/pdf"
    assert "Saksframlegg.pdf" in headers["Content-Disposition"]

    # The case card lists it too, with its button.
    case = await bot.exchange(PERSONAL, "sak SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "1. Saksframlegg.pdf" in visible_text(case)
    assert [title for title, _ in buttons(case.cards)] == ["Last ned"]


async def test_word_excel_and_a_picture_are_taken_and_a_large_file_is_streamed_back_whole(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * (12 * 4096)  # 12 MB and 8 bytes: 13 stored pieces
    file_server.files.update(
        {
            "notat.docx": docx_bytes("Notat om samhandling", "Ingen personopplysninger her."),
            "budsjett.xlsx": xlsx_bytes(("Post", "Beløp"), ("Drift", 120000)),
            "kart.png": png,
        }
    )
    for number, name in enumerate(("notat.docx", "budsjett.xlsx", "kart.png"), start=1):
        reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url(name, "chunked"), name)
        assert f"Vedlegg {number} til sak 1/2026 er lagret: {name}" in reply
    rows = await query(unit_of_work, "SELECT file_type FROM documents ORDER BY number")
    assert [row.file_type for row in rows] == ["docx", "xlsx", "png"]

    listing = await bot.exchange(PERSONAL, "vedlegg SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    url = buttons(listing.cards)[2][1]
    status, headers, body = await download(bot, url)
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert hashlib.sha256(body).digest() == hashlib.sha256(png).digest()
    (pieces,) = await query(
        unit_of_work,
        "SELECT COUNT(*) AS n FROM document_chunks c JOIN documents d ON d.file_id = c.file_id WHERE d.number = 3",
    )
    assert pieces.n == 13  # none held more than 1 MB


@pytest.mark.parametrize("route", ["files", "chunked"])  # with Content-Length, and without
async def test_a_file_over_25_mb_is_refused_naming_the_limit_and_nothing_is_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer, route: str
) -> None:
    await new_case(bot)
    file_server.files["stor.pdf"] = b"%PDF-1.7\n" + b"0" * (26 * MB)

    reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url("stor.pdf", route), "stor.pdf")

    assert "større enn 25 MB" in reply
    assert await stored(unit_of_work) == (0, 0, 0)


async def test_a_renamed_executable_and_a_zip_posing_as_word_are_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    file_server.files["program"] = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 4096  # a Windows executable's start
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "not an Office document")
    file_server.files["arkiv"] = buffer.getvalue()

    for source, name in (("program", "budsjett.pdf"), ("arkiv", "notat.docx")):
        reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url(source), name)
        assert "Denne filtypen tas ikke imot" in reply
        assert "typen leses fra innholdet" in reply
    english = await send_file(bot, "attach SSU 1/2026", file_server.url("program"), "budget.pdf", locale="en-US")
    assert "not accepted" in english
    assert await stored(unit_of_work) == (0, 0, 0)


async def test_a_pdf_or_word_file_holding_an_identity_number_is_refused_and_nothing_is_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    file_server.files["pasient.pdf"] = pdf_bytes("Henvisning", f"Pasient {IDENTITY_NUMBER[:6]} {IDENTITY_NUMBER[6:]}")
    file_server.files["pasient.docx"] = docx_bytes("Henvisning", f"Fnr {IDENTITY_NUMBER}")
    # The other forms people write: ddmmyy.iiikk, and every digit apart.
    file_server.files["skjema.pdf"] = pdf_bytes("Skjema", f"Fnr {IDENTITY_NUMBER[:6]}.{IDENTITY_NUMBER[6:]}")
    file_server.files["skjema.docx"] = docx_bytes("Skjema", "Fnr " + " ".join(IDENTITY_NUMBER))

    for name in ("pasient.pdf", "pasient.docx", "skjema.pdf", "skjema.docx"):
        reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url(name), name)
        assert "inneholder et fødselsnummer" in reply
        assert "ikke lagret" in reply

    assert await stored(unit_of_work) == (0, 0, 0)
    refusals = await audit_trail(unit_of_work, "privacy.identity_number_refused")
    assert len(refusals) == 4
    assert IDENTITY_NUMBER not in str(refusals)


async def test_downloads_only_from_listed_hosts_and_never_through_a_redirect_elsewhere(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    file_server.files["ok.pdf"] = pdf_bytes("Referat")
    unlisted = file_server.url("ok.pdf").replace("127.0.0.1", "localhost")

    reply = await send_file(bot, "vedlegg SSU 1/2026", unlisted, "ok.pdf")
    assert "localhost er ikke blant stedene" in reply

    away = f"{file_server.base}/redirect?to={unlisted}"
    reply = await send_file(bot, "vedlegg SSU 1/2026", away, "ok.pdf")
    assert "localhost er ikke blant stedene" in reply
    assert file_server.served == []
    assert await stored(unit_of_work) == (0, 0, 0)

    # A redirect within the listed hosts is followed.
    within = f"{file_server.base}/redirect?to={file_server.url('ok.pdf')}"
    reply = await send_file(bot, "vedlegg SSU 1/2026", within, "ok.pdf")
    assert "er lagret" in reply


async def test_a_sharepoint_link_is_stored_with_its_title_and_an_unlisted_host_is_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await new_case(bot)
    link = "https://vestreviken.sharepoint.com/sites/SSU/Delte%20dokumenter/Handlingsplan%202027.docx"

    refused = await bot.exchange(
        CHANNEL, "vedlegg SSU 1/2026 https://files.example.com/plan.docx", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )
    assert "files.example.com er ikke blant stedene" in visible_text(refused)
    assert await stored(unit_of_work) == (0, 0, 0)

    titled = await bot.exchange(CHANNEL, f"vedlegg SSU 1/2026 {link} Utkast handlingsplan", locale="nb-NO")
    assert "Lenke 1 til sak 1/2026 er lagret: Utkast handlingsplan" in visible_text(titled)
    untitled = await bot.exchange(CHANNEL, f"vedlegg SSU 1/2026 {link}", locale="nb-NO")
    assert "Lenke 2 til sak 1/2026 er lagret: Handlingsplan 2027.docx" in visible_text(untitled)
    assert buttons(untitled.cards) == [("Åpne", link), ("Åpne", link)]
    if node_validators_available():
        assert card_errors(untitled.cards) == [[]]
    rows = await query(unit_of_work, "SELECT kind, url, file_id FROM documents ORDER BY number")
    assert [(row.kind, row.url, row.file_id) for row in rows] == [("lenke", link, None), ("lenke", link, None)]


async def test_detach_removes_one_document_audited_and_its_link_no_longer_serves_it(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    file_server.files["a.pdf"] = pdf_bytes("Første")
    file_server.files["b.pdf"] = pdf_bytes("Andre")
    await send_file(bot, "vedlegg SSU 1/2026", file_server.url("a.pdf"), "a.pdf")
    await send_file(bot, "vedlegg SSU 1/2026", file_server.url("b.pdf"), "b.pdf")
    listing = await bot.exchange(PERSONAL, "vedlegg SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    first_url = buttons(listing.cards)[0][1]

    # Someone outside the body may neither see nor remove them.
    outsider = await bot.exchange(PERSONAL, "fjern vedlegg SSU 1/2026 1", aad_object_id=OUTSIDER_AAD)
    assert "1/2026" not in visible_text(outsider) or "fjernet" not in visible_text(outsider)
    assert await audit_trail(unit_of_work, "refused.detach_document")

    removed = await bot.exchange(PERSONAL, "fjern vedlegg SSU 1/2026 1", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert "Vedlegg 1 (a.pdf) er fjernet fra sak 1/2026." in visible_text(removed)
    (event,) = await audit_trail(unit_of_work, "document.removed")
    assert event.details["before"]["removed"] is False
    assert event.details["after"]["removed"] is True

    listing = await bot.exchange(PERSONAL, "vedlegg SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "a.pdf" not in visible_text(listing)
    assert "2. b.pdf" in visible_text(listing)  # numbers stay as they were given
    status, _, _ = await download(bot, first_url)
    assert status == 404
    again = await bot.exchange(PERSONAL, "fjern vedlegg SSU 1/2026 1", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert "har ikke noe vedlegg 1" in visible_text(again)
    # The bytes stay until retention removes them.
    assert (await stored(unit_of_work))[1] == 2


async def test_only_the_secretariat_the_chair_and_the_submitter_of_a_queued_case_attach(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    # The leader registers the case; the member (not its submitter) may see but not attach.
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine", aad_object_id=LEADER_AAD)
    file_server.files["x.pdf"] = pdf_bytes("Notat")
    reply = await send_file(bot, "vedlegg SSU 1/2026", file_server.url("x.pdf"), "x.pdf", aad=MEMBER_AAD)
    assert "er lagret" not in reply
    assert await stored(unit_of_work) == (0, 0, 0)
    assert await audit_trail(unit_of_work, "refused.attach_document")
    listing = await bot.exchange(PERSONAL, "vedlegg SSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "Ingen vedlegg ennå" in visible_text(listing)


async def test_the_agenda_lists_each_cases_documents_with_their_buttons(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    file_server.files["saksframlegg.pdf"] = pdf_bytes("Saksframlegg")
    await send_file(bot, "vedlegg SSU 1/2026", file_server.url("saksframlegg.pdf"), "saksframlegg.pdf")
    await bot.exchange(CHANNEL, "nytt møte SSU 12.01.2027 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 1/2026", locale="nb-NO")

    agenda = await bot.exchange(PERSONAL, "saksliste SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")

    text = visible_text(agenda)
    assert re.search(r"Sak 1/2026 Samhandling om utskrivning[\s\S]*1\. saksframlegg\.pdf \(PDF", text), text
    (document_button,) = [url for title, url in buttons(agenda.cards) if title == "Last ned"]
    status, _, body = await download(bot, document_button)
    assert (status, body) == (200, file_server.files["saksframlegg.pdf"])
    if node_validators_available():
        assert card_errors(agenda.cards) == [[] for _ in agenda.cards]


async def test_a_redelivered_upload_is_stored_once_and_leaves_no_stray_bytes(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    # Teams sends an activity again when our answer was late: the file is fetched again, but the
    # turn is claimed, so the second copy of the bytes is not attached and is removed.
    await new_case(bot)
    file_server.files["a.pdf"] = pdf_bytes("Saksframlegg")
    activity = file_activity(bot, "vedlegg SSU 1/2026", file_server.url("a.pdf"), "a.pdf")
    for _ in range(2):
        response = await bot.post(copy.deepcopy(activity))
        assert 200 <= response.status < 300

    assert len(bot.replies_to(activity["id"])) == 1
    (pieces,) = await query(unit_of_work, "SELECT COUNT(*) AS n FROM document_chunks")
    assert await stored(unit_of_work) == (1, 1, pieces.n)


async def test_a_file_whose_reading_does_not_end_is_refused_in_time(tmp_path: Path) -> None:
    # A crafted file that keeps the parser busy is ended by the timeout, not left holding a turn.
    path = tmp_path / "upload"
    path.write_bytes(pdf_bytes("Saksframlegg"))
    with pytest.raises(FetchRefused) as refused:
        await inspect_in_child(path, timeout_s=0.001)
    assert refused.value.code == "document_read_too_long"
    assert await inspect_in_child(path) is FileType.PDF


async def test_a_referred_case_carries_its_documents_to_the_other_body(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, file_server: FileServer
) -> None:
    await new_case(bot)
    content = pdf_bytes("Saksframlegg")
    file_server.files["a.pdf"] = content
    await send_file(bot, "vedlegg SSU 1/2026", file_server.url("a.pdf"), "a.pdf")
    link = "https://vestreviken.sharepoint.com/sites/SSU/Notat.docx"
    await bot.exchange(CHANNEL, f"vedlegg SSU 1/2026 {link}", locale="nb-NO")

    referred = await bot.exchange(CHANNEL, "send SSU 1/2026 til LSU", locale="nb-NO")
    assert "1/2026" in visible_text(referred)

    # The LSU's leader reads the same documents on the LSU's case, the file byte for byte.
    listing = await bot.exchange(PERSONAL, "vedlegg LSU 1/2026", aad_object_id=MEMBER_AAD, locale="nb-NO")
    text = visible_text(listing)
    assert "1. a.pdf (PDF" in text and "2. Notat.docx (lenke)" in text
    download_url = buttons(listing.cards)[0][1]
    status, _, body = await download(bot, download_url)
    assert (status, body) == (200, content)
    (files,) = await query(unit_of_work, "SELECT COUNT(*) AS n FROM document_files")
    assert files.n == 1  # shared, not copied
    (event,) = await audit_trail(unit_of_work, "case.referred")
    assert event.details["documents"] == 2
