"""Users, daily check-ins, check-in drafts and dialog states.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("first_name", sa.String(128)),
        sa.Column("language_code", sa.String(16)),
        sa.Column("time_zone", sa.String(64)),
        sa.Column("morning_time", sa.Time()),
        sa.Column("run_time", sa.Time()),
        sa.Column("new_runner", sa.Boolean()),
        sa.Column("muscle_priority", sa.Boolean()),
        sa.Column("compression_gear", sa.Boolean()),
        sa.Column("onboarded_at", sa.DateTime(timezone=True)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("workout", sa.String(20), nullable=False),
        sa.Column("leg_intensity", sa.String(10)),
        sa.Column("overreached", sa.Boolean()),
        sa.Column("walking", sa.String(20), nullable=False),
        sa.Column("sharp_pain", sa.Boolean()),
        sa.Column("rule", sa.Integer(), nullable=False),
        sa.Column("advice", sa.String(30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "local_date", name="uq_checkin_user_day"),
    )
    op.create_index("ix_checkins_user_id", "checkins", ["user_id"])
    op.create_table(
        "checkin_drafts",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("run_id", sa.String(16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "conversation_states",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("state", sa.JSON()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conversation_states")
    op.drop_table("checkin_drafts")
    op.drop_index("ix_checkins_user_id", table_name="checkins")
    op.drop_table("checkins")
    op.drop_table("users")
