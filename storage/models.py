"""The tables: who the user is, what they answered each morning, and where a dialog stopped."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, NotRequired, TypedDict, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out: SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class MessageKind(StrEnum):
    """What a scheduled row sends."""

    MORNING = "morning"  # the morning push asking for the check-in
    FOLLOW_UP = "follow_up"  # its one reminder, when no check-in came
    WEEKLY = "weekly"  # Sunday's summary
    JOG_REMINDER = "jog_reminder"  # "time for your easy jog", asked for by the user
    JOG_CUE = "jog_cue"  # the jog timer's cues, and the compression-gear cue after it


# Of rows due at the same moment, the order they are claimed and sent in: the day's first
# word first (a jog reminder set for the morning push's minute comes after the push that
# opens the day), then what follows it.
SEND_ORDER: tuple[MessageKind, ...] = (
    MessageKind.MORNING,
    MessageKind.FOLLOW_UP,
    MessageKind.JOG_REMINDER,
    MessageKind.JOG_CUE,
    MessageKind.WEEKLY,
)


def send_rank(kind: str) -> int:
    """A kind's place in SEND_ORDER (an unknown kind last)."""
    return next((n for n, known in enumerate(SEND_ORDER) if known == kind), len(SEND_ORDER))


class MessageStatus(StrEnum):
    """pending -> claimed -> sent | skipped | failed; a claim whose lease ran out is pending
    again, and a send that failed for now is handed back as pending."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


class JogStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    MISSED = "missed"  # the bot was down when time was up


class DayPayload(TypedDict):
    """Morning push, follow-up and weekly summary: the user's local day (ISO date) it is for."""

    date: str


class ReminderPayload(TypedDict):
    """A jog reminder: which session it offers, "jog" or "cross"; one set for the usual run time
    also keeps that wall-clock time ("17:30") and the user's local day (ISO date), so a change
    of zone or run time can plan it anew. Reminders "in an hour" have neither."""

    kind: str
    at: NotRequired[str]
    date: NotRequired[str]


class CuePayload(TypedDict):
    """A timer cue: "go", "halfway", "done" or "compression"."""

    cue: str


Payload = DayPayload | ReminderPayload | CuePayload


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its plain value in a text column (the schema stays as it was)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)


class Base(DeclarativeBase):
    pass


class User(Base):
    """One Telegram user and their onboarding answers (None until answered)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str | None] = mapped_column(String(128))
    language_code: Mapped[str | None] = mapped_column(String(16))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    morning_time: Mapped[time | None] = mapped_column(Time)
    # None after onboarding means "I start runs myself".
    run_time: Mapped[time | None] = mapped_column(Time)
    new_runner: Mapped[bool | None] = mapped_column(Boolean)
    muscle_priority: Mapped[bool | None] = mapped_column(Boolean)
    compression_gear: Mapped[bool | None] = mapped_column(Boolean)
    onboarded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # False once Telegram says the user blocked the bot; True again when they write.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # /pause: no pushes while paused; paused_until None means until /resume.
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    paused_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    weekly_summary: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Quiet hours, local wall-clock times: the bot sends nothing of its own accord in between.
    # Equal start and end mean no quiet hours.
    quiet_start: Mapped[time] = mapped_column(
        Time, default=time(22, 0), server_default=text("'22:00:00'")
    )
    quiet_end: Mapped[time] = mapped_column(
        Time, default=time(6, 0), server_default=text("'06:00:00'")
    )
    # The language the bot speaks to this user (en, ru, es, de); None until /start sets it.
    language: Mapped[str | None] = mapped_column(String(8))
    # The user's local day they said "Not today" (or "Skip today") to its run: that day's
    # pushes say so and offer no reminder (conversations.jog.run_settled).
    run_skipped_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CheckIn(Base):
    """The answers of one morning and the advice given; one row per user and local day."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("user_id", "local_date", name="uq_checkin_user_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    local_date: Mapped[date] = mapped_column(Date)
    workout: Mapped[str] = mapped_column(String(20))
    # The day's other workout, no harder than `workout`, named beside it: a session the bot
    # timed and more training told that evening (coach.advice.Answers.also). None: one workout.
    also_workout: Mapped[str | None] = mapped_column(String(20))
    leg_intensity: Mapped[str | None] = mapped_column(String(10))
    overreached: Mapped[bool | None] = mapped_column(Boolean)
    walking: Mapped[str] = mapped_column(String(20))
    sharp_pain: Mapped[bool | None] = mapped_column(Boolean)
    # A leg day two days before `local_date`, with a rest day between, decided the verdict's
    # rule as a leg day yesterday would (coach.advice.Answers.leg_day_before_rest): looked up
    # in the record when the check-in was given, stored so every screen re-reads the verdict
    # as told. None: from a release before it (read as no).
    leg_day_before_rest: Mapped[bool | None] = mapped_column(Boolean)
    rule: Mapped[int] = mapped_column(Integer)
    advice: Mapped[str] = mapped_column(String(30))
    # The workout of `local_date` itself, told in its evening ("did you train today too?"):
    # the next day's check-in takes it as its workout answer, so a check-in still holds the
    # workout of the day before its own. None: not asked (a check-in before 17:00), or from a
    # release before it was; "rest": nothing that day.
    workout_that_day: Mapped[str | None] = mapped_column(String(20))
    intensity_that_day: Mapped[str | None] = mapped_column(String(10))
    overreached_that_day: Mapped[bool | None] = mapped_column(Boolean)
    # The answers (as of `updated_at`) were given in the evening of `local_date` on the user's
    # clock then, 17:00 until 03:59 the next calendar day (coach.timing.covers_next_day): the
    # verdict covers the next morning. Stored as said, so a later change of zone never
    # re-reads an old check-in's hour in the new zone (migration 0012, issue 13).
    evening: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CheckInDraft(Base):
    """Answers of a check-in in progress, written as each arrives so a crash loses none."""

    __tablename__ = "checkin_drafts"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # A fresh id per check-in; buttons carry it, so a button from an older check-in is recognised.
    run_id: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConversationState(Base):
    """Where each dialog stands, so a restart continues it (PTB persistence, stored here)."""

    __tablename__ = "conversation_states"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    state: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class JogSession(Base):
    """One guided easy run (or cross-training session), from warm-up to how it felt."""

    __tablename__ = "jog_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "jog" or "cross"
    planned_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    run_started_at: Mapped[datetime] = mapped_column(UtcDateTime)  # after the warm-up
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[JogStatus] = mapped_column(EnumText(JogStatus, 10))
    feeling: Mapped[str | None] = mapped_column(String(10))


class ActivityRecord(Base):
    """One activity file the user shared (FIT, TCX, GPX): what was read from it and how it was
    classed. The file itself is not kept. `source_id` is the file's own id (conversations.
    activity_files.Parsed), so the same file sent twice is turned away."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("user_id", "source_id", name="uq_activity_user_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[str] = mapped_column(String(120))
    sport: Mapped[str] = mapped_column(String(10))  # coach.activities.Sport
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The day it started on in the user's zone when it was sent: the check-in of the day after
    # looks it up by this.
    local_date: Mapped[date] = mapped_column(Date)
    moving_seconds: Mapped[int] = mapped_column(Integer)
    distance_metres: Mapped[int | None] = mapped_column(Integer)
    avg_heart_rate: Mapped[int | None] = mapped_column(Integer)
    max_heart_rate: Mapped[int | None] = mapped_column(Integer)
    classification: Mapped[str] = mapped_column(String(20))  # coach.activities.ActivityClass
    legs: Mapped[bool | None] = mapped_column(Boolean)  # the answer for a strength session
    # False for a file more than 7 days old: kept for the history, not used for advice.
    for_advice: Mapped[bool] = mapped_column(Boolean)
    # Why it was classed so, language-neutral: {"why": coach.activities.Reason, and the raw
    # numbers its sentence shows}; NULL for rows stored before it was kept (revision 0008).
    reason: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScheduledMessage(Base):
    """Every future push, reminder and timer cue is a row: a restart re-arms them all, and
    several processes can share the work by claiming rows atomically."""

    __tablename__ = "scheduled_messages"
    __table_args__ = (
        Index("ix_scheduled_due", "status", "due_at"),
        # Claims whose lease ran out are found without reading the live ones (storage.claims).
        Index("ix_scheduled_claimed_until", "status", "claimed_until"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MessageKind] = mapped_column(EnumText(MessageKind, 20))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[MessageStatus] = mapped_column(
        EnumText(MessageStatus, 10), default=MessageStatus.PENDING
    )
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # "morning:<user>:<date>" and the like: the database refuses a second push for the same day.
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    jog_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("jog_sessions.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Claimer(Base):
    """A process claiming scheduled messages at the moment (storage.claims): one row each,
    so counting them reads this small table, not the rows they claimed. `alive_until` is
    the lease of its last claim; a process that died drops out of the count once it ran out."""

    __tablename__ = "claimers"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    alive_until: Mapped[datetime] = mapped_column(UtcDateTime)


class ProcessedUpdate(Base):
    """Telegram update ids already handled: a re-delivered update (after a crash, or a webhook
    answered late) is recognised and not applied twice."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # A button press that acted: the message pressed (chat id, message id). A second press of
    # it (a double tap, two presses racing) does nothing; kept as long as the update id is
    # (KEEP_UPDATE_IDS): the press that acted froze the message, so only a press already on
    # its way comes later. In this row, not a table of its own, so noting it costs nothing
    # beyond the update id's own INSERT.
    pressed_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    pressed_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        UniqueConstraint("pressed_chat_id", "pressed_message_id", name="uq_processed_press"),
    )


class GroupNotice(Base):
    """The last day (UTC) a group was told that the bot talks in private chats only: one
    such line per group and day, however often it is addressed there. One row per group."""

    __tablename__ = "group_notices"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, index=True)
