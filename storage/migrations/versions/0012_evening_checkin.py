"""Whether a check-in was given in the evening of its day, stored with it: until now every
reader re-read `updated_at` on the user's current zone, so a change of zone changed which past
check-ins covered the next morning (/history's ↑ days, the streak, last night's verdict).

The backfill is best effort: it reads each row's `updated_at` on the user's zone of today (UTC
for a user without one), since the zone a check-in was made in was not kept. A user who moved
since may so see an old check-in's evening differ from what it was; rows written from now on
keep what was true when they were given.

The evening rule is written out here as it stands today (coach.timing.covers_next_day: 17:00
until 03:59 the next calendar day, on the user's clock), so that this migration keeps doing
what it did when the rule changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

from storage.models import UtcDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

EVENING_FROM = time(17, 0)
MORNING_FROM = time(4, 0)


def _evening(zone: str | None, day: date, given_at: datetime) -> bool:
    try:
        local = given_at.astimezone(ZoneInfo(zone or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        local = given_at.astimezone(ZoneInfo("UTC"))
    if local.date() == day:
        return local.time() >= EVENING_FROM
    return local.date() == day + timedelta(days=1) and local.time() < MORNING_FROM


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(
            sa.Column("evening", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    checkins = sa.table(
        "checkins",
        sa.column("id", sa.Integer()),
        sa.column("user_id", sa.Integer()),
        sa.column("local_date", sa.Date()),
        sa.column("updated_at", UtcDateTime()),
        sa.column("evening", sa.Boolean()),
    )
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("time_zone", sa.String()))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            checkins.c.id, checkins.c.local_date, checkins.c.updated_at, users.c.time_zone
        ).join(users, users.c.id == checkins.c.user_id)
    )
    evenings = [
        {"row": row.id}
        for row in rows
        if row.updated_at is not None and _evening(row.time_zone, row.local_date, row.updated_at)
    ]
    if evenings:
        bind.execute(
            checkins.update().where(checkins.c.id == sa.bindparam("row")).values(evening=sa.true()),
            evenings,
        )


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("evening")
