"""The `hfbot` command: serve, relay, chat, import, db upgrade, reminders, manifest."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.settings import Settings, UnsafeConfiguration, check_can_serve
from governance.clock import SystemClock
from governance.errors import DomainError
from governance.plan_import import import_plan, parse_plan
from governance.structure import import_structure, parse_structure
from storage.database import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger("hfbot")

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
    from bot.app import serve

    try:
        check_can_serve(settings)
    except UnsafeConfiguration as error:
        print(f"hfbot: refusing to start: {error}", file=sys.stderr)
        return 2
    if settings.dev_no_auth:
        print(dev_mode_banner(settings.port), file=sys.stderr)
        log.warning("authentication.off dev_no_auth=1 host=%s", settings.host)
    serve(settings)
    return 0


async def _db_upgrade(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _import(settings: Settings, path: Path) -> int:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec = parse_structure(data)
    except (OSError, yaml.YAMLError) as error:
        print(f"hfbot import: cannot read {path}: {error}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"hfbot import: {path}: {error.params.get('details')}", file=sys.stderr)
        return 1
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            report = await import_structure(uow, spec, SystemClock().now())
            await uow.commit()
    finally:
        await engine.dispose()
    if not report.changed:
        print(f"{spec.community}: no changes.")
        return 0
    counters = (("created", report.created), ("updated", report.updated), ("removed", report.removed))
    parts = [f"{name} {verb} {count}" for verb, counter in counters for name, count in sorted(counter.items())]
    print(f"{spec.community}: " + ", ".join(parts) + ".")
    return 0


async def _import_plan(settings: Settings, path: Path) -> int:
    try:
        spec = parse_plan(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        print(f"hfbot import-plan: cannot read {path}: {error}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"hfbot import-plan: {path}: {error.params.get('details')}", file=sys.stderr)
        return 1
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            report = await import_plan(uow, spec, SystemClock().now())
            await uow.commit()
    except DomainError as error:
        print(f"hfbot import-plan: {path}: {error.params.get('details')}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
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
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)

        def unit_of_work() -> SqlUnitOfWork:
            return SqlUnitOfWork(sessions)

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

    from bot.app import app_clock, build_relay
    from bot.connector import bot_framework_authentication
    from scheduler.clock import start_relay_clock

    try:
        check_can_serve(settings)
    except UnsafeConfiguration as error:
        print(f"hfbot: refusing to start: {error}", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    authentication = bot_framework_authentication(settings)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)
        relay = build_relay(
            settings, lambda: SqlUnitOfWork(sessions), app_clock(settings), CloudAdapter(authentication)
        )
        try:
            if once:
                sent = await relay.run_once()
                print(f"Relay sent {sent} messages.")
                return 1 if relay.state.last_error else 0
            relay_clock = start_relay_clock(relay, settings.relay_interval or 30.0)
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

    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            lines = await operations_lines(uow, SystemClock().now(), days)
    finally:
        await engine.dispose()
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
    settings = Settings()
    if args.command == "serve":
        return _serve(settings)
    if args.command == "chat":
        return asyncio.run(_chat(settings, args.demo, args.as_email, args.lang))
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
    if args.command == "manifest":
        return _manifest(args, settings.public_url_setting)
    return 1


if __name__ == "__main__":
    sys.exit(main())
