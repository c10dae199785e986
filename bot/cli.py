"""`legday-bot`: run the bot, chat with it in the terminal, or upgrade the database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

from pydantic import ValidationError
from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.config import Settings, token_looks_valid
from bot.logs import setup_logging
from bot.startup import EXIT_FAULT, EXIT_SETTING, StartupFault, prepare_database
from conversations.clock import clock_for

REFUSED_TOKEN = (
    "Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?). Copy it again from @BotFather "
    "(/mybots > API Token), or try the bot without a token: legday-bot console"
)
NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is missing or malformed. Create a bot with @BotFather in Telegram "
    "(/newbot), put its token in TELEGRAM_BOT_TOKEN (environment or .env), "
    "or try the bot without a token: legday-bot console"
)


def _version() -> str:
    """The installed package's version (its metadata), e.g. '0.1.0'."""
    try:
        return version("legday-coach")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="legday-bot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="run the bot with long polling, or --webhook (needs TELEGRAM_BOT_TOKEN)"
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on a web server instead of polling (needs WEBHOOK_URL)",
    )
    run.add_argument("--url", help="public base URL Telegram posts to (WEBHOOK_URL)")
    run.add_argument("--listen", help="address to listen on (WEBHOOK_LISTEN, default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port to listen on (WEBHOOK_PORT, default 8080)")
    run.add_argument("--path", help="path of the updates (WEBHOOK_PATH, default /telegram)")
    console = commands.add_parser(
        "console", help="chat with the bot in this terminal, no token needed"
    )
    console.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="run the bot's clock this many times faster, e.g. 60 to see a 20-minute jog "
        "timer in 20 seconds",
    )
    console.add_argument(
        "--start",
        type=datetime.fromisoformat,
        help="start the bot's clock at this instant (CLOCK_START), e.g. 2026-03-29T06:00+02:00",
    )
    console.add_argument(
        "--name",
        help="your first name in the chat (default: your login name, capitalised, or "
        "'Runner' when you are root or a service account)",
    )
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply the database migrations")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]).upper()
        message = str(error["msg"]).removeprefix("Value error, ")
        print(f"Configuration error: {where}: {message}", file=sys.stderr)
        return EXIT_SETTING
    level = settings.log_level
    if args.command == "console" and "LOG_LEVEL" not in os.environ:
        level = "WARNING"  # the terminal is the chat: keep start-up chatter out of it
    webhook = None
    if args.command == "run" and args.webhook:
        from bot.webhook import WebhookConfigError, webhook_config

        try:
            webhook = webhook_config(
                args.url if args.url is not None else settings.webhook_url,
                args.listen if args.listen is not None else settings.webhook_listen,
                args.port if args.port is not None else settings.webhook_port,
                args.path if args.path is not None else settings.webhook_path,
                settings.webhook_secret,
                settings.trusted_proxies,
            )
        except WebhookConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
    secrets = [settings.telegram_bot_token, webhook.secret if webhook else ""]
    setup_logging(level, secrets=secrets, log_format=settings.log_format)

    from bot.app import build_application, settle_heap

    clock = clock_for(settings.clock_speed, settings.clock_start)
    if args.command == "db":
        try:
            where = asyncio.run(
                prepare_database(settings.database_url, clock["clock"](), probe=False)
            )
        except StartupFault as fault:
            print(fault.message, file=sys.stderr)
            return fault.code
        print(f"Database is up to date: {where}")
        return 0
    if args.command == "console":
        from bot.console import run_console

        speed = args.speed if args.speed != 1.0 else settings.clock_speed
        start = args.start if args.start is not None else settings.clock_start
        if start is not None and start.utcoffset() is None:
            print("Configuration error: --start: give the offset too, e.g. ...Z", file=sys.stderr)
            return 2
        return run_console(settings, speed=max(speed, 0.001), start=start, name=args.name)
    if not token_looks_valid(settings.telegram_bot_token):
        print(NO_TOKEN, file=sys.stderr)
        return 2
    try:
        where = asyncio.run(prepare_database(settings.database_url, clock["clock"]()))
    except StartupFault as fault:
        print(fault.message, file=sys.stderr)
        return fault.code
    logging.getLogger(__name__).info("Database: %s", where)
    app = build_application(settings, **clock)
    settle_heap()
    try:
        if webhook is not None:
            from bot.webhook import WebhookConfigError, run_webhook

            try:
                run_webhook(app, webhook)
            except WebhookConfigError as exc:
                print(exc, file=sys.stderr)
                return 2
            return 0
        # run_polling needs an event loop it can own; asyncio.run above closed its own.
        asyncio.set_event_loop(asyncio.new_event_loop())
        if settings.webapp_url:
            from bot.webapp import bind, serve_when_polling

            listen = args.listen if args.listen is not None else settings.webhook_listen
            port = args.port if args.port is not None else settings.webhook_port
            try:
                sockets = bind(listen, port)
            except OSError as exc:  # taken, or not an address of this machine
                print(
                    f"Cannot serve the Mini App (WEBAPP_URL) on {listen}:{port}: "
                    f"{exc.strerror or exc}. Set WEBHOOK_LISTEN and WEBHOOK_PORT.",
                    file=sys.stderr,
                )
                return 2
            serve_when_polling(app, sockets)
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:  # its message quotes the token: never print it
        print(REFUSED_TOKEN, file=sys.stderr)
        return EXIT_SETTING
    except NetworkError as exc:  # only start-up gets here: polling retries once it runs
        # The base URL alone: the token is appended to it, and never printed.
        print(
            f"Cannot reach the Bot API at {settings.telegram_base_url}: {exc.message}",
            file=sys.stderr,
        )
        return EXIT_FAULT
    return 0
