"""The application factory: one place that builds the bot and registers every handler."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers, i18n
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.context import BotData, CoachApp, CoachContext
from bot.i18n import DEFAULT, LANGUAGES
from bot.logs import log_salt
from bot.scheduler import TICK_SECONDS, Scheduler
from bot.update_log import CoachApplication, instrument
from conversations import build_dialog, jog, pushes, records, texts
from conversations.keyboards import COMPRESSION_OFF, DELETE, JOG, PAUSE, WEEKLY_OFF, WHY
from storage.db import create_engine, make_session_factory, upgrade
from storage.repository import Repository

GUARD_GROUP = -1
MAIN_GROUP = 0
AFTER_GROUP = 1


def file_url_for(base_url: str) -> str:
    """Bot API servers serve files under /file/bot<token>, next to /bot<token>."""
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return base_url.rstrip("/") + "/file/bot"


def pacer(per_second: float) -> AIORateLimiter:
    """One message every 1/rate seconds, not bursts of `rate` at once: a burst trips Telegram's
    limit, and one 429 pauses every send for its retry_after. Retries a 429 up to 3 times."""
    if per_second <= 0:
        return AIORateLimiter(overall_max_rate=0, max_retries=3)
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / per_second, max_retries=3)


def build_application(
    settings: Settings, *, clock: Clock = system_clock, tick_seconds: float = TICK_SECONDS
) -> CoachApplication:
    engine = create_engine(settings.database_url, settings.sqlite_busy_timeout_ms)
    repo = Repository(make_session_factory(engine))
    app = (
        ApplicationBuilder()
        .application_class(CoachApplication)
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(file_url_for(settings.telegram_base_url))
        .read_timeout(settings.telegram_timeout)
        .write_timeout(settings.telegram_timeout)
        .context_types(ContextTypes(context=CoachContext, bot_data=BotData))
        .rate_limiter(pacer(settings.send_rate_limit))
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    assert isinstance(app, CoachApplication)  # the class given above
    app.bot_data.repo = repo
    app.bot_data.clock = clock
    app.bot_data.engine = engine
    app.bot_data.scheduler = Scheduler(repo, clock)
    app.bot_data.tick_seconds = tick_seconds
    app.bot_data.log_salt = log_salt(settings.telegram_bot_token, settings.log_salt)
    register_handlers(app)
    return app


def register_handlers(app: CoachApp) -> None:
    app.add_handler(TypeHandler(Update, handlers.guard), group=GUARD_GROUP)
    app.bot_data.dialog = build_dialog()
    app.add_handlers(
        [
            app.bot_data.dialog,
            CommandHandler("help", handlers.help_command),
            CommandHandler("cancel", handlers.nothing_to_cancel),
            CallbackQueryHandler(handlers.why, pattern=rf"^{WHY}$"),
            CommandHandler("jog", jog.jog_command),
            CommandHandler("history", records.history),
            CommandHandler("export", records.export),
            CommandHandler("delete", records.delete),
            CallbackQueryHandler(records.delete_answer, pattern=rf"^{DELETE}:(yes|no)$"),
            CommandHandler("pause", pushes.pause),
            CommandHandler("resume", pushes.resume),
            CallbackQueryHandler(pushes.pause_button, pattern=rf"^{PAUSE}$"),
            CallbackQueryHandler(pushes.weekly_off_button, pattern=rf"^{WEEKLY_OFF}$"),
            CallbackQueryHandler(pushes.compression_off_button, pattern=rf"^{COMPRESSION_OFF}$"),
            CallbackQueryHandler(jog.on_start, pattern=rf"^{JOG}:go:"),
            CallbackQueryHandler(jog.on_remind, pattern=rf"^{JOG}:(at|in|snooze):"),
            CallbackQueryHandler(jog.on_skip, pattern=rf"^{JOG}:skip:"),
            CallbackQueryHandler(jog.on_finish, pattern=rf"^{JOG}:end:"),
            CallbackQueryHandler(jog.on_cancel, pattern=rf"^{JOG}:stop:"),
            CallbackQueryHandler(jog.on_feeling, pattern=rf"^{JOG}:feel:"),
            ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.COMMAND, handlers.unknown_command),
            MessageHandler(filters.ALL, handlers.free_text),
            CallbackQueryHandler(handlers.expired_button),
        ],
        group=MAIN_GROUP,
    )
    app.add_handler(TypeHandler(Update, handlers.finish_update), group=AFTER_GROUP)
    app.add_error_handler(handlers.on_error)
    for group in app.handlers.values():
        for handler in group:
            instrument(handler)  # names the handler in each update's log line


async def on_startup(app: CoachApp) -> None:
    # The command menu in every language, English for everyone else.
    for language in LANGUAGES:
        i18n.use(language)
        commands = [BotCommand(name, str(about)) for name, about in texts.COMMANDS]
        code = None if language == DEFAULT else language
        await app.bot.set_my_commands(commands, language_code=code)
    i18n.use(DEFAULT)
    if app.job_queue is not None:
        # One repeating job for everyone: the rows in the database say what is due.
        app.job_queue.run_repeating(dispatch_due, interval=app.bot_data.tick_seconds, first=0)


async def dispatch_due(context: CoachContext) -> None:
    if context.bot_data.scheduler is not None:
        await context.bot_data.scheduler.tick(context.bot)


async def on_shutdown(app: CoachApp) -> None:
    if app.bot_data.engine is not None:
        await app.bot_data.engine.dispose()


async def migrate(database_url: str) -> None:
    """Bring the schema to the newest revision; runs before the application loads its dialogs."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
