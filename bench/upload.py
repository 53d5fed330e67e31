"""A 25 MB upload while `saksliste` turns run: do the other turns notice, and how much memory
does the server take for it? (issue 16: p99 of the concurrent turns under 100 ms, the server's
peak RSS growth under 40 MB.)

    python -m bench.upload                       # SQLite file in a temporary folder
    python -m bench.upload --database-url postgresql://postgres@127.0.0.1:5432/hfbot_bench

Seeds the HTTP benchmark's data (bench/run.py: 1,000 cases, SSU's next meeting with 20 on its
agenda), and starts the fake Bot Connector and our bot as processes of their own, as bench/run.py
does (the bot with `HFBOT_FILE_HOSTS=127.0.0.1`, dev mode, so it fetches from this process's
local file server over http). The file is a real PDF just under 25 MB: a few pages of text and a
large picture of noise (which no compression shrinks), so the bot reads its text for identity
numbers as it would a scanned case paper's.

Three phases, each with `--concurrency` `saksliste` turns in flight all along: a baseline for
`--baseline-s` seconds; then the upload (the personal-chat payload with the file attached, in
Teams' file-download-info shape) while the turns go on until the upload's HTTP turn is answered;
then the check that the file was stored whole. The server's RSS is sampled from /proc every
10 ms. Prints p50/p99 of the turns in the baseline and during the upload, the upload's own time,
and the server's RSS before and at its peak during the upload.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bench.run import (
    DATABASE_URL_ENV,
    FIXTURE,
    HOST,
    ID_PLACEHOLDER,
    REPO,
    Server,
    _redacted,
    free_port,
    load_payload,
    payload_template,
    percentile,
    prepare_postgres,
    seed,
    start_process,
    wait_ready,
)

FILE_FIXTURE = REPO / "tests" / "fixtures" / "teams" / "personal_message_with_file.json"
MB = 1024 * 1024
TARGET_BYTES = 25 * MB - 64 * 1024  # just under the limit


def big_pdf() -> bytes:
    """A PDF of a few text pages and one picture of random noise, just under 25 MB."""
    from fpdf import FPDF
    from PIL import Image

    def build(side: int) -> bytes:
        noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        for page in range(5):
            pdf.add_page()
            for line in range(40):
                pdf.cell(0, 6, f"Saksframlegg side {page + 1}, linje {line + 1}: samhandling om utskrivning.")
                pdf.ln()
        pdf.add_page()
        pdf.image(noise, x=10, y=10, w=190)
        return bytes(pdf.output())

    side = 2800
    content = build(side)
    # The picture's bytes grow with its area: one correction lands just under the target.
    side = int(side * (TARGET_BYTES / len(content)) ** 0.5)
    content = build(side)
    while len(content) > 25 * MB:
        side -= 20
        content = build(side)
    return content


def serve_bot(port: int, database_url: str, tenant: str) -> None:
    """Our bot as `hfbot serve` runs it, fetching documents from this machine (dev mode)."""
    from bot.server import serve
    from bot.settings import Settings, check_can_serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "HFBOT_DEV_NO_AUTH": True,
        "HFBOT_ALLOWED_TENANTS": tenant,
        "HFBOT_FILE_HOSTS": HOST,
        "PORT": port,
        "HFBOT_HOST": HOST,
    }
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    check_can_serve(settings)
    serve(settings)


def serve_file(port: int, path: Path) -> None:
    """Stands in for OneDrive: the file with its length, in pieces as the client reads."""
    content = path.read_bytes()

    async def whole(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/pdf"})
        response.content_length = len(content)
        await response.prepare(request)
        if request.method == "GET":
            for start in range(0, len(content), 256 * 1024):
                await response.write(content[start : start + 256 * 1024])
        return response

    app = web.Application()
    app.router.add_get("/onedrive/file.pdf", whole)
    web.run_app(app, host=HOST, port=port, print=None, access_log=None)


def rss_bytes(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class Load:
    """`concurrency` saksliste turns in flight until stopped; latencies kept per phase."""

    def __init__(self, url: str, template: bytes, concurrency: int) -> None:
        self.url = url
        self.template = template
        self.concurrency = concurrency
        self.phase = "warmup"
        self.latencies: dict[str, list[float]] = {}
        self.failures = 0
        self._running = True

    async def run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=30)
        connector = aiohttp.TCPConnector(limit=self.concurrency)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await asyncio.gather(*(self._worker(session) for _ in range(self.concurrency)))

    async def _worker(self, session: aiohttp.ClientSession) -> None:
        headers = {"Content-Type": "application/json"}
        while self._running:
            body = self.template.replace(ID_PLACEHOLDER.encode(), uuid.uuid4().hex.encode())
            phase = self.phase  # a turn counts in the phase it began in, however long it waits
            began = time.perf_counter()
            async with session.post(f"{self.url}/api/messages", data=body, headers=headers) as response:
                await response.read()
                if response.status >= 300:
                    self.failures += 1
            self.latencies.setdefault(phase, []).append(time.perf_counter() - began)

    def stop(self) -> None:
        self._running = False


def upload_body(personal: dict[str, Any], actor: str, text: str, service_url: str, download_url: str) -> bytes:
    activity = copy.deepcopy(personal)
    activity["id"] = uuid.uuid4().hex
    activity["text"] = text
    activity["serviceUrl"] = service_url
    activity["from"]["aadObjectId"] = actor
    activity["locale"] = "nb-NO"
    activity["attachments"][0]["name"] = "Saksframlegg med vedlegg.pdf"
    activity["attachments"][0]["content"]["downloadUrl"] = download_url
    return json.dumps(activity).encode()


async def stored_document(database_url: str) -> tuple[int, str] | None:
    from sqlalchemy import text

    from storage.database import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            row = (await connection.execute(text("SELECT size, sha256 FROM documents ORDER BY id DESC"))).first()
    finally:
        await engine.dispose()
    return (int(row[0]), str(row[1])) if row else None


async def measure(args: argparse.Namespace, workdir: Path) -> int:
    payload = load_payload(FIXTURE)
    tenant = payload["conversation"]["tenantId"]
    secretariat = payload["from"]["aadObjectId"]
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    if database_url.startswith("postgresql"):
        await prepare_postgres(database_url, args.reset_database)
    seeded = await seed(database_url, payload)
    content = big_pdf()
    print(
        f"seeded {seeded.cases} cases in {seeded.seconds:.1f} s ({_redacted(database_url)}); "
        f"the file: a PDF of {len(content) / MB:.2f} MB",
        flush=True,
    )

    pdf_path = workdir / "file.pdf"
    pdf_path.write_bytes(content)
    servers: dict[str, Server] = {}
    try:
        connector_port, bot_port, files_port = free_port(), free_port(), free_port()
        # The file server is a process of its own, as OneDrive is elsewhere: sending 25 MB must not
        # slow the load generator's own measuring.
        servers["files"] = start_process(
            "files",
            ["-m", "bench.upload", "--role", "files", "--port", str(files_port), "--file", str(pdf_path)],
            files_port,
            workdir,
        )
        servers["connector"] = start_process(
            "connector",
            ["-m", "bench.run", "--role", "connector", "--port", str(connector_port)],
            connector_port,
            workdir,
        )
        servers["bot"] = start_process(
            "bot",
            ["-m", "bench.upload", "--role", "bot", "--port", str(bot_port), "--tenant", tenant],
            bot_port,
            workdir,
            {DATABASE_URL_ENV: database_url},
        )
        await wait_ready(servers["connector"], "/bench/stats", (200,))
        await wait_ready(servers["bot"], "/healthz", (200,))
        await wait_ready(servers["files"], "/onedrive/file.pdf", (200,))
        bot = servers["bot"]
        service_url = servers["connector"].url + "/"
        load = Load(bot.url, payload_template(payload, "saksliste", service_url), args.concurrency)
        running = asyncio.create_task(load.run())

        await asyncio.sleep(args.warmup_s)
        load.phase = "baseline"
        await asyncio.sleep(args.baseline_s)

        rss_before = rss_bytes(bot.process.pid) or 0
        peak = rss_before
        load.phase = "upload"
        body = upload_body(
            load_payload(FILE_FIXTURE),
            secretariat,
            f"vedlegg SSU {seeded.agenda_references[0]}",
            service_url,
            f"{servers['files'].url}/onedrive/file.pdf",
        )
        began = time.perf_counter()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
            upload = asyncio.create_task(
                session.post(f"{bot.url}/api/messages", data=body, headers={"Content-Type": "application/json"})
            )
            while not upload.done():
                peak = max(peak, rss_bytes(bot.process.pid) or 0)
                await asyncio.sleep(0.01)
            response = upload.result()
            status = response.status
            response.release()
        upload_s = time.perf_counter() - began
        load.phase = "after"
        load.stop()
        await running
    finally:
        for server in servers.values():
            server.stop()

    stored = await stored_document(database_url)
    whole_and_same = stored == (len(content), hashlib.sha256(content).hexdigest())
    print(f"upload: HTTP {status} in {upload_s * 1000:.0f} ms; stored whole and byte-identical: {whole_and_same}")
    for phase in ("baseline", "upload"):
        ordered = sorted(load.latencies.get(phase, []))
        if not ordered:
            print(f"  {phase:<9} no turns")
            continue
        print(
            f"  saksliste during {phase:<9} turns {len(ordered):5d}   p50 {percentile(ordered, 0.5) * 1000:6.1f} ms   "
            f"p99 {percentile(ordered, 0.99) * 1000:6.1f} ms   max {ordered[-1] * 1000:6.1f} ms"
        )
    print(
        f"  server RSS: {rss_before / MB:.1f} MB before, {peak / MB:.1f} MB at the peak during the upload "
        f"(growth {(peak - rss_before) / MB:.1f} MB); failed turns: {load.failures}"
    )
    return 0 if whole_and_same and 200 <= status < 300 and not load.failures else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--role", choices=("bench", "bot", "files"), default="bench", help=argparse.SUPPRESS)
    parser.add_argument("--file", default="", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--tenant", default="", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reset-database", action="store_true")
    parser.add_argument("--concurrency", type=int, default=4, help="saksliste turns in flight (4)")
    parser.add_argument("--warmup-s", type=float, default=3.0)
    parser.add_argument("--baseline-s", type=float, default=10.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs)")
    args = parser.parse_args(argv)
    if args.role == "bot":
        serve_bot(args.port, os.environ[DATABASE_URL_ENV], args.tenant)
        return 0
    if args.role == "files":
        serve_file(args.port, Path(args.file))
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="hfbot-bench-upload-"))
    try:
        return asyncio.run(measure(args, workdir))
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
