"""Sends what is due: morning pushes, their one follow-up, jog reminders and timer cues.

Nothing lives only in memory: every future message is a row. Each tick claims the due rows in
one UPDATE (so several bot processes never send the same row), sends them, and records the
outcome. A claim is a lease: a process that died holding it loses it after LEASE, and a
process checks each row is still its own (extending the lease) right before sending it.
A row due while the bot was down is sent late within its grace window, else skipped and
logged. Sends go through PTB's rate limiter, which retries a 429 after its retry_after;
a row that still fails to send is handed back and tried on a later tick, never dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import i18n
from bot.advice import render_advice
from bot.clock import Clock
from bot.history import describe_evidence, describe_week, evidence, records, week
from bot.timing import (
    FOLLOW_UP_AFTER,
    QUIET_KINDS,
    grace_for,
    plan_next_morning,
    plan_weekly,
    quiet_now,
)
from conversations import jog, texts
from conversations.checkin import advice_for
from conversations.keyboards import (
    Button,
    checkin_now_row,
    inline,
    push_controls,
    weekly_controls,
)
from storage.models import JogStatus, MessageKind, MessageStatus, ScheduledMessage, User
from storage.repository import Repository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8
PER_CHAT_GAP_SECONDS = 1.0
KEEP_UPDATE_IDS = timedelta(days=2)

Content = tuple[str, InlineKeyboardMarkup | None]
Due = tuple[ScheduledMessage, User]


def pushes_paused(user: User, now: datetime) -> bool:
    return user.paused and (user.paused_until is None or user.paused_until > now)


class Scheduler:
    def __init__(self, repo: Repository, clock: Clock, batch: int = 500) -> None:
        self._repo = repo
        self._clock = clock
        self._batch = batch
        self._last_cleanup: datetime | None = None

    async def tick(self, bot: Bot) -> int:
        """Claim and send everything due now; returns how many messages went out."""
        return await self.send(bot, await self.claim())

    async def claim(self) -> list[Due]:
        """Take the rows due now for this process (no other process sends them)."""
        now = self._clock()
        if self._last_cleanup is None or now - self._last_cleanup > timedelta(hours=1):
            self._last_cleanup = now
            await self._repo.forget_processed(now - KEEP_UPDATE_IDS)
        return await self._repo.claim_due(now, LEASE, self._batch)

    async def send(self, bot: Bot, claimed: list[Due]) -> int:
        """Send what `claim` took; returns how many messages went out."""
        now = self._clock()
        by_chat: dict[int, list[Due]] = defaultdict(list)
        for message, user in claimed:
            by_chat[user.chat_id].append((message, user))
        # Chats in parallel (PTB's rate limiter keeps the overall pace under Telegram's limit),
        # but one chat's messages one at a time, a second apart, as Telegram asks.
        sent = await asyncio.gather(*(self._chat(bot, rows, now) for rows in by_chat.values()))
        return sum(sent)

    async def _chat(self, bot: Bot, rows: list[Due], now: datetime) -> int:
        sent = 0
        for index, (message, user) in enumerate(rows):
            if index:
                await asyncio.sleep(PER_CHAT_GAP_SECONDS)
            sent += await self._handle(bot, message, user, now)
        return sent

    async def _handle(self, bot: Bot, message: ScheduledMessage, user: User, now: datetime) -> int:
        token = message.claim_token or ""
        if not await self._repo.renew_claim(message.id, token, self._clock(), LEASE):
            # This process was held up past its lease (a long 429 wait, a stalled network)
            # and another one took the row over: sending it here too would send it twice.
            log.info("%s #%d was taken over by another process", message.kind, message.id)
            return 0
        i18n.use(user.language)  # this task speaks the user's language until the next row
        outcome = MessageStatus.SKIPPED
        try:
            late = now - message.due_at
            if late > grace_for(message.kind):
                log.info("skipped %s #%d: %s late", message.kind, message.id, late)
                if message.kind == MessageKind.JOG_CUE and message.payload.get("cue") == "done":
                    # The bot was down through the end of the run: close it, unguided.
                    await self._repo.end_jog(
                        message.jog_session_id or 0, JogStatus.MISSED, now, None
                    )
            else:
                content = await self._render(message, user, now)
                if content is not None:
                    text, markup = content
                    await bot.send_message(user.chat_id, text, reply_markup=markup)
                    outcome = MessageStatus.SENT
                    await self._after_cue(message, user)
        except Forbidden:
            log.info("user blocked the bot; marked inactive")
            await self._repo.update_user(user.telegram_user_id, now, active=False)
            outcome = MessageStatus.FAILED
        except BadRequest as exc:
            log.warning("%s #%d refused: %s", message.kind, message.id, exc.message)
            outcome = MessageStatus.FAILED
        except (RetryAfter, NetworkError, TelegramError) as exc:
            # Still limited or unreachable after the rate limiter's retries: try again later.
            log.warning("%s #%d not sent yet: %s", message.kind, message.id, exc)
            outcome = (
                MessageStatus.PENDING if message.attempts < MAX_ATTEMPTS else MessageStatus.FAILED
            )
        if not await self._repo.settle(message.id, outcome, now, token):
            log.warning(
                "%s #%d was taken over while this process sent it", message.kind, message.id
            )
            return 1 if outcome == MessageStatus.SENT else 0
        if message.kind == MessageKind.MORNING and outcome != MessageStatus.PENDING:
            await self._after_morning(message, user, sent=outcome == MessageStatus.SENT, now=now)
        if message.kind == MessageKind.WEEKLY and outcome != MessageStatus.PENDING:
            await plan_weekly(self._repo, user, message.due_at + timedelta(minutes=1))
        return 1 if outcome == MessageStatus.SENT else 0

    async def _after_cue(self, message: ScheduledMessage, user: User) -> None:
        """Time's up closes the session, once the user has been told (a failed send retries)."""
        if message.kind != MessageKind.JOG_CUE or message.payload.get("cue") != "done":
            return
        session = await self._repo.get_jog(user.telegram_user_id, message.jog_session_id or 0)
        if session is not None:
            await jog.time_up(self._repo, user.telegram_user_id, session, message.due_at)

    async def _after_morning(
        self, message: ScheduledMessage, user: User, sent: bool, now: datetime
    ) -> None:
        day = date.fromisoformat(message.payload["date"])
        if sent and await self._repo.get_checkin(user.telegram_user_id, day) is None:
            await self._repo.schedule(
                user.telegram_user_id,
                MessageKind.FOLLOW_UP,
                message.due_at + FOLLOW_UP_AFTER,
                now,
                {"date": day.isoformat()},
                f"follow_up:{user.telegram_user_id}:{day.isoformat()}",
            )
        await plan_next_morning(self._repo, user, day, now)

    async def _pushable(self, user: User, now: datetime) -> bool:
        if not user.active:
            return False
        if user.paused and user.paused_until is not None and user.paused_until <= now:
            await self._repo.update_user(
                user.telegram_user_id, now, paused=False, paused_until=None
            )
            return True  # a pause for N days ended by itself
        return not pushes_paused(user, now)

    async def _weekly(self, user: User, last_day: date) -> str:
        uid = user.telegram_user_id
        days, runs = records(
            await self._repo.list_checkins(uid),
            await self._repo.list_jogs(uid),
            user.time_zone or "UTC",
        )
        figures = describe_week(week(days, runs, last_day))
        return f"{figures}\n\n{describe_evidence(evidence(days, runs))}"

    async def _render(self, message: ScheduledMessage, user: User, now: datetime) -> Content | None:
        """What to send for this row, or None when it no longer makes sense to send it."""
        kind, payload = message.kind, message.payload
        # The compression cue is the one timer cue that comes hours after the run: after a
        # late run it would wake the user for something that can wait until morning.
        compression = kind == MessageKind.JOG_CUE and payload.get("cue") == "compression"
        if (kind in QUIET_KINDS or compression) and quiet_now(user, now):
            log.info("%s #%d falls in quiet hours: not sent", kind, message.id)
            return None
        if kind in (MessageKind.MORNING, MessageKind.FOLLOW_UP):
            if not await self._pushable(user, now):
                return None
            day = date.fromisoformat(payload["date"])
            done = await self._repo.get_checkin(user.telegram_user_id, day)
            # Every push ends with one tap to pause it or change its time.
            checkin_now: list[list[Button]] = [checkin_now_row(), push_controls()]
            if kind == MessageKind.FOLLOW_UP:
                return None if done else (str(texts.FOLLOW_UP), inline(checkin_now))
            if done is None:
                return str(texts.MORNING_PUSH), inline(checkin_now)
            text = f"{texts.MORNING_DONE}\n\n{render_advice(advice_for(done, user))}"
            offer = jog.advice_rows(done.advice, user, now)
            return text, inline([*offer, push_controls()])
        if kind == MessageKind.WEEKLY:
            if not user.weekly_summary or not await self._pushable(user, now):
                return None
            summary = await self._weekly(user, date.fromisoformat(payload["date"]))
            return summary, inline([weekly_controls()])
        if not user.active:
            return None
        if kind == MessageKind.JOG_REMINDER:
            return str(texts.REMINDER[payload["kind"]]), jog.reminder_keyboard(payload["kind"])
        if kind == MessageKind.JOG_CUE and message.jog_session_id is not None:
            session = await self._repo.get_jog(user.telegram_user_id, message.jog_session_id)
            cue = payload["cue"]
            if session is None:
                return None
            if cue in ("go", "halfway", "done") and session.status != JogStatus.RUNNING:
                return None  # finished early or cancelled
            return jog.cue_message(session, cue)
        log.warning("unknown scheduled message %s #%d", kind, message.id)
        return None
