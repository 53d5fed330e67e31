"""The `hfbot` command: serve, relay, chat, import, db upgrade, reminders, audit export, access-review,
manifest."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from bot.settings import (
    InvalidSettings,
    Settings,
    UnsafeConfiguration,
    check_can_serve,
    load_settings,
    unknown_variables,
)
from bot.spec_files import SpecFile, UnreadableFile, read_spec_file
from governance.plans.plan_import import import_plan, parse_plan
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import SystemClock
from governance.rules.file_problems import InvalidFile
from governance.structure.structure_file import import_structure, parse_structure
from storage.database import Engine, create_engine, database_problem, shown_url
from storage.log_redaction import install_log_redaction
from storage.migrate import upgrade_database

log = logging.getLogger("hfbot")
# The commands that open the database (manifest does not).
DATABASE_COMMANDS = frozenset(
    {
        "serve",
        "relay",
        "chat",
        "import",
        "import-plan",
        "db",
        "reminders",
        "audit",
        "access-review",
        "archive",
        "retention",
    }
)

DEV_MODE_WARNING = (
    "HFBOT_DEV_NO_AUTH=1: Bot Framework authentication is OFF.",
    "Anyone who can reach 127.0.0.1:{port} can act as any user.",
    "Local development only. Never run a shared or public server so.",
)


def dev_mode_banner(port: int) -> str:
    lines = [line.format(port=port) for line in DEV_MODE_WARNING]
    width = max(len(line) for line in lines) + 6
    border = "!" * width
    return "\n".join([border, *(f"!  {line.ljust(width - 6)}  !" for line in lines), border])


def _serve(settings: Settings) -> int:
    from bot.server import serve

    try:
        check_can_serve(settings)
    except UnsafeConfiguration as error:
        print(f"hfbot: refusing to start: {error}", file=sys.stderr)
        return 2
    problem = _address_problem(settings.host, settings.port)
    if problem is not None:
        print(f"hfbot: HFBOT_HOST, PORT: cannot listen on {settings.host}:{settings.port}: {problem}", file=sys.stderr)
        return 2
    if settings.dev_no_auth:
        print(dev_mode_banner(settings.port), file=sys.stderr)
        log.warning("authentication.off dev_no_auth=1 host=%s", settings.host)
    serve(settings)
    return 0


def _address_problem(host: str, port: int) -> str | None:
    """Why the server could not listen there (a port in use, a host not of this machine), or None;
    asked before the migrations, as the server itself would only find out after them."""
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return error.strerror
    try:
        with socket.create_server((host, port)):  # with SO_REUSEADDR, as aiohttp binds
            return None
    except OSError as error:
        # socket.create_server adds the address to the system's text; the line names it already.
        return os.strerror(error.errno) if error.errno else str(error)


async def _db_upgrade(settings: Settings) -> None:
    await upgrade_database(settings.database_url)


def _read_file(command: str, path: Path) -> SpecFile | int:
    """The file's contents, or the exit status after saying why it cannot be read."""
    try:
        return read_spec_file(path)
    except UnreadableFile as error:
        return _refused(command, path, [(error.line, error.message)])


def _refused(command: str, path: Path, problems: list[tuple[int | None, str]]) -> int:
    """One line per problem, `file:line: place: what is wrong`, as compilers print them."""
    for line, message in problems:
        where = f"{path}:{line}" if line else str(path)
        print(f"hfbot {command}: {where}: {message}", file=sys.stderr)
    print(f"hfbot {command}: nothing imported.", file=sys.stderr)
    return 2


def _located(source: SpecFile, error: InvalidFile) -> list[tuple[int | None, str]]:
    """The problems in the order of their lines, as a reader goes through the file."""
    located = [(source.line_of(problem.place), str(problem)) for problem in error.problems]
    return sorted(located, key=lambda item: item[0] or 0)


def _unit_of_work(engine: Engine) -> UnitOfWorkFactory:
    # Imported here: the composition root brings botbuilder, which only serving and relaying use.
    from bot.composition import unit_of_work_factory

    return unit_of_work_factory(engine)


@asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[UnitOfWorkFactory]:
    """The database of a one-off command, migrated first; its engine is closed after."""
    await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url, settings.database_timeouts)
    try:
        yield _unit_of_work(engine)
    finally:
        await engine.dispose()


async def _import(settings: Settings, path: Path) -> int:
    source = _read_file("import", path)
    if isinstance(source, int):
        return source
    try:
        spec = parse_structure(source.data)
    except InvalidFile as error:
        return _refused("import", path, _located(source, error))
    try:
        async with _database(settings) as unit_of_work, unit_of_work() as uow:
            report = await import_structure(uow, spec, SystemClock().now())
            await uow.commit()
    except InvalidFile as error:  # against what is stored; nothing was committed
        return _refused("import", path, _located(source, error))
    if not report.changed:
        print(f"{spec.community}: no changes.")
        return 0
    counters = (("created", report.created), ("updated", report.updated), ("removed", report.removed))
    parts = [f"{name} {verb} {count}" for verb, counter in counters for name, count in sorted(counter.items())]
    print(f"{spec.community}: " + ", ".join(parts) + ".")
    return 0


async def _import_plan(settings: Settings, path: Path) -> int:
    source = _read_file("import-plan", path)
    if isinstance(source, int):
        return source
    try:
        spec = parse_plan(source.data)
    except InvalidFile as error:
        return _refused("import-plan", path, _located(source, error))
    try:
        async with _database(settings) as unit_of_work, unit_of_work() as uow:
            report = await import_plan(uow, spec, SystemClock().now())
            await uow.commit()
    except InvalidFile as error:  # against what is stored; nothing was committed
        return _refused("import-plan", path, _located(source, error))
    counters = (("created", report.created), ("updated", report.updated))
    parts = [f"{name} {verb} {count}" for verb, counter in counters for name, count in sorted(counter.items())]
    print(f"Handlingsplan {report.year}: " + (", ".join(parts) + "." if parts else "no changes."))
    if report.unknown_owners:
        print("Owners not found as a person or body, kept as names: " + "; ".join(report.unknown_owners))
    if report.not_in_file:
        print("Measures not in the file, kept: " + ", ".join(report.not_in_file))
    return 0


async def _chat(settings: Settings, demo: bool, as_email: str | None, lang: str) -> int:
    from bot.console import CONSOLE_CONVERSATION, ConsoleAdapter, console_bot
    from bot.console_identity import ConsoleUser, NotFound, find_console_user
    from bot.console_input import LineReader
    from bot.console_session import ConsoleSession, people_text, user_line
    from bot.demo import DEMO_SECRETARIAT_ID, load_demo
    from cards.texts import Language

    language: Language = "en" if lang == "en" else "nb"
    clock = SystemClock()
    await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url, settings.database_timeouts)
    try:
        unit_of_work = _unit_of_work(engine)

        async def find_user(email: str | None) -> ConsoleUser | NotFound:
            return await find_console_user(unit_of_work, email)

        if demo and await load_demo(unit_of_work, clock, CONSOLE_CONVERSATION):
            print("Demo loaded: Helsefellesskapet Demo with PM, SSU and LSU-ELV; this chat is linked to SSU.")
        # Without --as the demo's secretariat, when the demo is there.
        user = await find_console_user(unit_of_work, as_email, None if as_email else DEMO_SECRETARIAT_ID)
        if isinstance(user, NotFound):
            print(f"hfbot chat: {people_text(user, as_email, language)}", file=sys.stderr)
            return 1
        adapter = ConsoleAdapter(sys.stdout, language)
        bot = console_bot(adapter, unit_of_work, clock)
        locale = "en-GB" if language == "en" else "nb-NO"
        print(user_line(user, language, "console_chatting_as"))
        await ConsoleSession(adapter, bot, user, locale, LineReader(sys.stdin, sys.stdout), find_user).run()
    finally:
        await engine.dispose()
    return 0


async def _relay(settings: Settings, once: bool) -> int:
    """Runs the outbox relay without the HTTP endpoint: once, or on its clock until stopped."""
    from botbuilder.integration.aiohttp import CloudAdapter

    from bot.composition import app_clock, build_relay, start_clocks
    from bot.connector import bot_framework_authentication

    try:
        check_can_serve(settings)
    except UnsafeConfiguration as error:
        print(f"hfbot: refusing to start: {error}", file=sys.stderr)
        return 2
    await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url, settings.database_timeouts)
    authentication = bot_framework_authentication(settings)
    try:
        relay = build_relay(settings, _unit_of_work(engine), app_clock(settings), CloudAdapter(authentication))
        try:
            if once:
                sent = await relay.run_once()
                print(f"Relay sent {sent} messages.")
                return 1 if relay.state.last_error else 0
            relay_clock = start_clocks(settings, relay, settings.relay_interval or 30.0)
            try:
                await asyncio.Event().wait()  # until the process is stopped
            finally:
                await relay_clock.stop()
            return 0
        finally:
            await relay.close()
    finally:
        await authentication.close()
        await engine.dispose()


async def _reminders(settings: Settings, days: int) -> int:
    from scheduler.report import operations_lines

    async with _database(settings) as unit_of_work, unit_of_work() as uow:
        lines = await operations_lines(uow, SystemClock().now(), days)
    print("\n".join(lines))
    return 0


async def _audit_export(settings: Settings, args: argparse.Namespace) -> int:
    from bot.audit_export import BadDate, export_audit, export_window, parse_day

    try:
        since = parse_day("--since", args.since)
        until = parse_day("--until", args.until) if args.until else None
    except BadDate as error:
        print(f"hfbot audit export: {error}", file=sys.stderr)
        return 2
    if until is not None and until < since:
        print("hfbot audit export: --until is before --since", file=sys.stderr)
        return 2
    start, end = export_window(since, until)
    async with _database(settings) as unit_of_work:
        if args.output is None:
            written = await export_audit(unit_of_work, sys.stdout, start, end, args.format)
        else:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                written = await export_audit(unit_of_work, out, start, end, args.format)
    if args.output is not None:
        print(f"{written} audit events written to {args.output}.")
    return 0


async def _access_review(settings: Settings, file_format: str) -> int:
    from bot.audit_export import access_review_report

    async with _database(settings) as unit_of_work:
        report = await access_review_report(unit_of_work, SystemClock().now(), file_format)
    sys.stdout.write(report)
    return 0


async def _archive_export(settings: Settings, body: str | None, year: int | None, folder: Path, force: bool) -> int:
    from bot.archive_export import export_archive
    from governance.rules.errors import DomainError

    # An arkivuttrekk is one export: files of an earlier one left beside it would be listed nowhere.
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not force)):
        print(f"hfbot archive export: {folder}: not an empty folder (use --force to write into it)", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    try:
        async with _database(settings) as unit_of_work:
            result = await export_archive(unit_of_work, SystemClock(), body, year, folder)
    except DomainError as error:
        print(f"hfbot archive export: unknown body {error.params.get('body', body)}", file=sys.stderr)
        return 2
    report = result.report
    print(f"Arkivuttrekk skrevet til {folder}: {result.meetings} møter, {result.records} registreringer.")
    print(f"{report.new} nye, {report.before} eksportert før.")
    return 0


async def _retention(settings: Settings, dry_run: bool) -> int:
    from bot.composition import app_clock
    from bot.retention_command import retention_now

    async with _database(settings) as unit_of_work:
        lines = await retention_now(unit_of_work, app_clock(settings), dry_run)
    print("\n".join(lines))
    return 0


def _manifest(args: argparse.Namespace, public_url_setting: str) -> int:
    from bot.manifest_commands import manifest_menus
    from manifest.build import Developer, ManifestError, build_package, write_package

    developer = Developer(args.developer_name, args.website_url, args.privacy_url, args.terms_url)
    try:
        package = build_package(args.app_id, manifest_menus(), developer, args.public_url or public_url_setting)
    except ManifestError as error:
        # A package Teams would refuse is not written at all.
        print(f"hfbot manifest: {error}", file=sys.stderr)
        return 2
    path = write_package(args.out, package)
    print(f"Teams app package written to {path}")
    return 0


async def _database_problem(database_url: str) -> str | None:
    """Why the database cannot be opened, or None; asked before a command starts its work, so a
    database that is not there is one line, not a traceback from the middle of a migration."""
    return await database_problem(database_url)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="hfbot", description="Helsefellesskap governance bot for Microsoft Teams.")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the bot's HTTP endpoint (POST /api/messages, GET /healthz)")
    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--demo", action="store_true", help="first load a demo helsefellesskap with meetings and cases")
    chat.add_argument("--as", dest="as_email", help="act as the person with this email")
    chat.add_argument("--lang", choices=["nb", "en"], default="nb", help="reply language (default nb)")
    importer = commands.add_parser("import", help="import a structure file (bodies and members)")
    importer.add_argument("file", type=Path)
    plan = commands.add_parser("import-plan", help="import a year's action plan (handlingsplan)")
    plan.add_argument("file", type=Path)
    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"])
    relay = commands.add_parser("relay", help="send due reminders without serving HTTP (another process serves)")
    relay.add_argument("--once", action="store_true", help="one pass, then exit")
    reminders = commands.add_parser("reminders", help="list the reminders due soon and the messages that failed")
    reminders.add_argument("--days", type=int, default=14, help="how many days ahead (default 14)")
    audit = commands.add_parser("audit", help="the audit log for the IT department")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_commands.add_parser("export", help="write the log (UTC times, actor, action, before/after)")
    export.add_argument("--since", required=True, help="first day, 31.12.2026 or 2026-12-31 (Oslo time)")
    export.add_argument("--until", help="last day, included (default: up to now)")
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="default jsonl")
    export.add_argument("--output", type=Path, help="a file to write (default: standard output)")
    access = commands.add_parser(
        "access-review", help="who holds which role in every body, Entra ids known, role changes of 90 days"
    )
    access.add_argument("--format", choices=["text", "csv"], default="text", help="default text")
    archive = commands.add_parser("archive", help="the archive (Noark 5 arkivuttrekk)")
    archive_commands = archive.add_subparsers(dest="archive_command", required=True)
    export = archive_commands.add_parser("export", help="write an arkivuttrekk of the meetings to a folder")
    export.add_argument("--body", help="only this body (its key, e.g. SSU)")
    export.add_argument("--year", type=int, help="only meetings held this year")
    export.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    export.add_argument("folder", type=Path)
    retention = commands.add_parser(
        "retention", help="delete what is past its retention period (the structure file's retention:)"
    )
    retention.add_argument("--dry-run", action="store_true", help="count what is due, delete nothing")
    manifest = commands.add_parser("manifest", help="build the Teams app package")
    manifest.add_argument("--app-id", required=True, help="the bot's Microsoft App ID (a GUID)")
    manifest.add_argument("--public-url", default="", help="the bot's public https address (default HFBOT_PUBLIC_URL)")
    manifest.add_argument("--developer-name", required=True, help="who publishes the app, as Teams shows it")
    manifest.add_argument("--website-url", required=True, help="the publisher's support page (https)")
    manifest.add_argument("--privacy-url", required=True, help="the app's privacy statement (https)")
    manifest.add_argument("--terms-url", required=True, help="the app's terms of use (https)")
    manifest.add_argument("--out", type=Path, default=Path("dist"))
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command in ("serve", "relay") else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    install_log_redaction()  # a database error's text quotes the query's values: never logged
    try:
        settings = load_settings()
    except InvalidSettings as error:
        # Before anything runs: no migration, no server, no import on settings that are wrong.
        for line in error.lines:
            print(f"hfbot: {line}", file=sys.stderr)
        return 2
    for line in unknown_variables(os.environ):
        print(f"hfbot: warning: {line}", file=sys.stderr)
    if args.command in DATABASE_COMMANDS:
        problem = asyncio.run(_database_problem(settings.database_url))
        if problem is not None:
            print(f"hfbot: DATABASE_URL: cannot open {shown_url(settings.database_url)}: {problem}", file=sys.stderr)
            return 2
    if args.command == "serve":
        return _serve(settings)
    if args.command == "chat":
        try:
            return asyncio.run(_chat(settings, args.demo, args.as_email, args.lang))
        except InvalidFile as error:  # the demo's bodies clash with a structure imported before
            print(f"hfbot chat: cannot load the demo: {error.params['details']}", file=sys.stderr)
            return 2
    if args.command == "import":
        return asyncio.run(_import(settings, args.file))
    if args.command == "import-plan":
        return asyncio.run(_import_plan(settings, args.file))
    if args.command == "db":
        asyncio.run(_db_upgrade(settings))
        print("Database is up to date.")
        return 0
    if args.command == "relay":
        try:
            return asyncio.run(_relay(settings, args.once))
        except KeyboardInterrupt:
            return 0
    if args.command == "reminders":
        return asyncio.run(_reminders(settings, args.days))
    if args.command == "audit":
        return asyncio.run(_audit_export(settings, args))
    if args.command == "access-review":
        return asyncio.run(_access_review(settings, args.format))
    if args.command == "archive":
        return asyncio.run(_archive_export(settings, args.body, args.year, args.folder, args.force))
    if args.command == "retention":
        return asyncio.run(_retention(settings, args.dry_run))
    if args.command == "manifest":
        return _manifest(args, settings.public_url_setting)
    return 1


if __name__ == "__main__":
    sys.exit(main())
