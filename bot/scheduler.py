"""Sends what is due: morning pushes, their one follow-up, jog reminders and timer cues.

Nothing lives only in memory: every future message is a row. Each tick claims the due rows in
one UPDATE (so several bot processes never send the same row), sends them, and records the
outcome. A claim is a lease: a process that died holding it loses it after LEASE, and a
process checks each row is still its own (extending the lease) right before sending it.
A row due while the bot was down is sent late within its grace window, else skipped and
logged. Sends go through PTB's rate limiter, which retries a 429 after its retry_after;
a row that still fails to send is handed back and tried on a later tick, up to MAX_ATTEMPTS.
Closing a row and planning what follows it are one unit of work; at start-up and hourly,
`sweep` plans the morning push of anyone who has none ahead.

Several processes share a big morning (storage.claims): each claim takes only what this
process sends in CLAIM_SECONDS at its share of the send rate, SEND_RATE_LIMIT divided by the
number of processes claiming at that moment, and sends it paced at that share; a tick claims
again as long as its claims come back full. So every process takes part, and together they
send at most SEND_RATE_LIMIT a second. A process that joins while another is mid-claim slows
that one down only at its next claim: for at most CLAIM_SECONDS the two may send up to 1.5x
the rate (PTB's rate limiter retries the 429s Telegram may then answer). A process counts as
claiming from its first claim that takes rows to the end of the tick that sent its last; one
that died still counts until its lease runs out: the others are slower for LEASE, never faster
than the limit.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.faults import storage_faults
from conversations import i18n
from conversations.clock import Clock
from conversations.common import KEYBOARDS, Keyboards
from conversations.keyboards import typeable
from conversations.planning import plan_lost_mornings
from conversations.renderers import Renderer
from conversations.typed import chat_key, stored
from storage.claims import new_claimer
from storage.models import MessageKind, MessageStatus, ScheduledMessage, User, send_rank
from storage.repository import Repository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8
PER_CHAT_GAP_SECONDS = 1.0
KEEP_UPDATE_IDS = timedelta(days=2)
SWEEP_EVERY = timedelta(hours=1)
# Seconds of sending one claim takes at this process's share of the rate: small, so that a
# process joining a big morning gets rows within seconds, and shares are recounted as often.
CLAIM_SECONDS = 1.0
CATCH_UP_SECONDS = 0.25

Due = tuple[ScheduledMessage, User]


def _send_order(due: Due) -> tuple[datetime, int, int]:
    """One chat's order of sending: by the minute due, then SEND_ORDER, then as planned."""
    message = due[0]
    return message.due_at.replace(second=0, microsecond=0), send_rank(message.kind), message.id


class Scheduler:
    """Claims due rows, renews each claim just before sending, sends, and settles the row;
    what each kind of row says, and what follows it, comes from `renderers` (handed in by the
    application factory: conversations.renderers.RENDERERS)."""

    def __init__(
        self,
        repo: Repository,
        clock: Clock,
        renderers: Mapping[MessageKind, Renderer],
        batch: int = 500,
        send_rate: float = 0.0,
    ) -> None:
        """`batch`: the most rows one claim takes; `send_rate`: SEND_RATE_LIMIT, messages per
        second for the whole bot, shared by every process claiming (0: no cap, claims of
        `batch` rows)."""
        self._repo = repo
        self._clock = clock
        self._renderers = renderers
        self._batch = batch
        self._last_sweep: datetime | None = None
        self._send_rate = send_rate
        self._claimer = new_claimer()
        self._claim_size = batch  # rows the last claim asked for
        self._share = send_rate  # this process's part of the rate, per second (0: no cap)
        self._next_send = 0.0  # the event loop's time at which the next push may leave
        self._handed_back = 0
        self._ticking = asyncio.Lock()

    async def tick(self, bot: Bot) -> int:
        """Claim and send everything due now; returns how many messages went out. Claims
        again while claims come back full (a big morning), and stops at one that is not, or
        that handed rows back for a retry (those wait for a later tick). A tick that finds
        another still running returns 0 at once."""
        if self._ticking.locked():
            return 0
        async with self._ticking:
            total = 0
            while True:
                self._handed_back = 0
                claimed = await self.claim()
                total += await self.send(bot, claimed)
                if len(claimed) < self._claim_size or self._handed_back:
                    if claimed:  # (a claim that found nothing left the count itself)
                        await self._repo.schedule.leave(self._claimer, self._clock())
                    return total

    def _size_for(self, claimers: int) -> int:
        """Rows for one claim when `claimers` processes claim: CLAIM_SECONDS of sending at
        this process's share of the rate, 1 to `batch`."""
        self._share = self._send_rate / claimers
        if self._share <= 0:
            self._claim_size = self._batch
        else:
            self._claim_size = max(1, min(self._batch, math.ceil(self._share * CLAIM_SECONDS)))
        return self._claim_size

    async def claim(self) -> list[Due]:
        """Take the rows due now for this process (no other process sends them)."""
        now = self._clock()
        if self._last_sweep is None or now - self._last_sweep > SWEEP_EVERY:
            await self.sweep()
        claim = await self._repo.schedule.claim(now, LEASE, self._claimer, self._size_for)
        if claim.rows:
            storage_faults.writable()  # it just wrote them
        if claim.taken_over:
            log.info(
                "took over %d scheduled messages whose lease ran out (their process stopped)",
                claim.taken_over,
            )
        return claim.rows

    async def sweep(self) -> None:
        """Start-up and hourly upkeep: forget old update ids, and plan the morning push of
        every active user who has none ahead (conversations.planning.plan_lost_mornings)."""
        now = self._last_sweep = self._clock()
        await self._repo.updates.forget_before(now - KEEP_UPDATE_IDS)
        await plan_lost_mornings(self._repo, now)

    async def send(self, bot: Bot, claimed: list[Due]) -> int:
        """Send what `claim` took; returns how many messages went out."""
        now = self._clock()
        by_chat: dict[int, list[Due]] = defaultdict(list)
        for message, user in claimed:
            by_chat[user.chat_id].append((message, user))
        for rows in by_chat.values():
            # Due the same minute (a reminder set "in an hour" seconds before the morning push's
            # minute): in SEND_ORDER, the morning push first.
            rows.sort(key=_send_order)
        # Chats in parallel, paced at this process's share of the rate (and PTB's rate limiter
        # under the whole rate, replies included), but one chat's messages one at a time, a
        # second apart, as Telegram asks.
        sent = await asyncio.gather(*(self._chat(bot, rows, now) for rows in by_chat.values()))
        return sum(sent)

    async def _pace(self) -> None:
        """Wait for this process's next slot: one push every 1/share seconds. Slots missed
        while claiming (a few database trips between two claims) are made up, up to
        CATCH_UP_SECONDS' worth: over any stretch of time the process sends no more than its
        share plus that, and PTB's rate limiter still spaces the sends themselves."""
        if self._share <= 0:
            return
        loop = asyncio.get_running_loop()
        slot = max(loop.time() - CATCH_UP_SECONDS, self._next_send)
        self._next_send = slot + 1 / self._share
        if slot > loop.time():
            await asyncio.sleep(slot - loop.time())

    async def _chat(self, bot: Bot, rows: list[Due], now: datetime) -> int:
        sent = 0
        for index, (message, user) in enumerate(rows):
            if index:
                await asyncio.sleep(PER_CHAT_GAP_SECONDS)
            sent += await self._handle(bot, message, user, now)
        return sent

    async def _handle(self, bot: Bot, message: ScheduledMessage, user: User, now: datetime) -> int:
        token = message.claim_token or ""
        if not await self._repo.schedule.renew_claim(message.id, token, self._clock(), LEASE):
            # This process was held up past its lease (a long 429 wait, a stalled network)
            # and another one took the row over: sending it here too would send it twice.
            log.info("%s #%d was taken over by another process", message.kind, message.id)
            return 0
        i18n.use(user.language)  # this task speaks the user's language until the next row
        renderer = self._renderers[message.kind]
        outcome = MessageStatus.SKIPPED
        keyboards: Keyboards | None = None  # the chat's latest keyboards, if this sends any
        try:
            late = now - message.due_at
            if late > renderer.grace:
                log.info("skipped %s #%d: %s late", message.kind, message.id, late)
            else:
                content = await renderer.render(self._repo, message, user, now)
                if content is not None:
                    text, markup = content
                    await self._pace()
                    shown = await bot.send_message(user.chat_id, text, reply_markup=markup)
                    outcome = MessageStatus.SENT
                    if markup is not None:  # now the chat's latest: typing may answer it
                        buttons = typeable(markup)
                        keyboards = [(shown.message_id, buttons)] if buttons else []
        except Forbidden:
            log.info("user blocked the bot; marked inactive")
            await self._repo.users.update(user.telegram_user_id, now, active=False)
            outcome = MessageStatus.FAILED
        except BadRequest as exc:
            log.warning("%s #%d refused: %s", message.kind, message.id, exc.message)
            outcome = MessageStatus.FAILED
        except (RetryAfter, NetworkError, TelegramError) as exc:
            # Still limited or unreachable after the rate limiter's retries: try again later.
            log.warning("%s #%d not sent yet: %s", message.kind, message.id, exc)
            retry = message.attempts < MAX_ATTEMPTS
            outcome = MessageStatus.PENDING if retry else MessageStatus.FAILED
        sent = outcome == MessageStatus.SENT
        if outcome == MessageStatus.PENDING:
            self._handed_back += 1
        # Closing the row and planning what follows it (the next morning, the follow-up, ...)
        # commit together: a crash between them would otherwise end the chain for good.
        # If this raises, the row stays claimed and is taken over after its lease.
        async with self._repo.unit_of_work():
            if not await self._repo.schedule.settle(message.id, outcome, now, token):
                log.warning(
                    "%s #%d was taken over while this process sent it", message.kind, message.id
                )
                return int(sent)
            if outcome != MessageStatus.PENDING:
                await renderer.settled(self._repo, message, user, sent, now)
            if keyboards is not None:
                key = chat_key(user.chat_id, user.telegram_user_id)
                await self._repo.dialogs.save(KEYBOARDS, key, stored(keyboards), now)
        return int(sent)
