"""The application factory: one place that builds the bot and registers every handler."""

from __future__ import annotations

import gc
import mimetypes
from datetime import datetime

from telegram import BotCommand, MenuButtonWebApp, Update, WebAppInfo
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

from bot import handlers
from bot.config import Settings
from bot.faults import storage_faults
from bot.logs import log_salt
from bot.runtime import CoachApp, RuntimeData, runtime
from bot.scheduler import Scheduler
from bot.update_log import CoachApplication, instrument
from bot.updates import PerUserUpdates
from conversations import (
    activities,
    build_dialog,
    checkin,
    general,
    i18n,
    jog,
    pushes,
    records,
    routine,
    texts,
)
from conversations.clock import TICK_SECONDS, Clock, system_clock
from conversations.context import CoachContext
from conversations.i18n import DEFAULT, LANGUAGES
from conversations.renderers import RENDERERS
from conversations.typed import TypedPresses
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
    storage_faults.forget()
    updates = PerUserUpdates()
    repo = Repository(make_session_factory(engine))
    app = (
        ApplicationBuilder()
        .application_class(CoachApplication)
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(file_url_for(settings.telegram_base_url))
        .read_timeout(settings.telegram_timeout)
        .write_timeout(settings.telegram_timeout)
        .context_types(ContextTypes(context=CoachContext, bot_data=RuntimeData))
        .rate_limiter(pacer(settings.send_rate_limit))
        # Users side by side, each user's updates in order, floods cut off (bot.updates).
        .concurrent_updates(updates)
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    assert isinstance(app, CoachApplication)  # the class given above
    updates.bot = app.bot
    services = runtime(app)
    services.repo = repo
    services.clock = clock
    services.engine = engine
    # What each kind of scheduled message says comes from the dialogs' side: handed in here.
    services.scheduler = Scheduler(repo, clock, RENDERERS, send_rate=settings.send_rate_limit)
    services.tick_seconds = tick_seconds
    services.log_salt = log_salt(settings.telegram_bot_token, settings.log_salt)
    services.webapp_page = settings.webapp_page
    register_handlers(app)
    return app


def register_handlers(app: CoachApp) -> None:
    """Every handler, in one place. Order matters: within a group the first handler that
    matches an update takes it."""
    # First, before any handler: duplicates, edits, groups and the user's language.
    app.add_handler(TypeHandler(Update, handlers.guard), group=GUARD_GROUP)
    dialog = runtime(app).dialog = build_dialog()
    app.add_handlers(
        [
            # An activity file is read whenever it comes, even in the middle of a dialog.
            *activities.handlers(),
            # "/помощь" is text to Telegram, yet a command to the user, in any dialog too.
            *general.before_dialogs(),
            # A typed button label or number goes on as that button's press (conversations.typed).
            # A typed workout or walking answer under a push's check-in buttons starts the
            # check-in with it.
            TypedPresses(opens=checkin.OPENERS),
            # A dialog in progress takes its answers first (free text included).
            dialog,
            # Commands and buttons that work anywhere else, feature by feature.
            *general.handlers(),
            *jog.handlers(),
            *routine.handlers(),
            *records.handlers(),
            *pushes.handlers(),
            # Last: unknown commands, stray input and old buttons.
            *general.fallbacks(),
        ],
        group=MAIN_GROUP,
    )
    # After every handled update: dialog states and the update id written down.
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
    # Before the first tick: users whose morning push was lost get one planned.
    await runtime(app).scheduler.sweep()
    page = runtime(app).webapp_page
    if page:
        # Every chat's menu button opens the record; /history sets it in the user's language.
        await app.bot.set_chat_menu_button(
            menu_button=MenuButtonWebApp(str(texts.OPEN_RECORD), WebAppInfo(page))
        )
    if app.job_queue is not None:
        # One repeating job for everyone: the rows in the database say what is due.
        # A big morning keeps one tick sending for longer than the interval; the run due
        # meanwhile finds it busy and returns at once (Scheduler.tick), where APScheduler
        # would skip it with a warning each time.
        app.job_queue.run_repeating(
            dispatch_due,
            interval=runtime(app).tick_seconds,
            first=0,
            job_kwargs={"max_instances": 2},
        )


async def dispatch_due(context: CoachContext) -> None:
    await runtime(context).scheduler.tick(context.bot)


async def on_shutdown(app: CoachApp) -> None:
    await runtime(app).engine.dispose()


def settle_heap() -> None:
    """Take what start-up made (modules, catalogs, mappers, compiled statements: some 190,000
    objects, kept for the process's life) out of the garbage collector's sight, with
    `gc.freeze`. A full collection walks every tracked object, on the event loop: under the
    Mini App's 50 requests at once they stalled it for 100-300 ms each (bench
    webapp_event_loop_block_ms); with start-up frozen, a full collection walks only what
    requests made. Once per process, after the application is built and before it serves:
    frozen objects are never freed, so tests, which build many applications, do not call it.
    What is otherwise loaded on first use is loaded first (`load_lazy_data`), so that it is
    frozen too."""
    load_lazy_data()
    gc.collect()
    gc.freeze()


def load_lazy_data() -> None:
    """Load now what libraries otherwise load on first use, on the event loop, in the middle of
    the update that first needs it: each language's catalog and Babel's locale data (15-20 ms
    of unpickling per locale: the first /history in a language stalled the loop that long,
    bench history_event_loop_block_ms), and the MIME types table, which the standard library
    reads from /etc when PTB first sends a file (some 30 ms, the first chart). A few tens of
    milliseconds once, before the bot serves."""
    sample = datetime(2026, 1, 15, 7, 30)
    for language in LANGUAGES:
        with i18n.one_update():
            i18n.use(language)
            i18n.translations(language)
            i18n.format_day(sample)
            i18n.format_short_date(sample.date())
            i18n.format_weekday(sample)
            i18n.format_time(sample)
            i18n.format_number(1.5)
    mimetypes.init()


async def migrate(database_url: str) -> None:
    """Bring the schema to the newest revision; runs before the application loads its dialogs."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
