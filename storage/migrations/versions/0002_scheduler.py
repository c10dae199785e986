"""Pushes, reminders and timer cues as rows; jog sessions; pausing pushes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("paused_until", UtcDateTime()))
    op.create_table(
        "jog_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("run_started_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime()),
        sa.Column("actual_minutes", sa.Integer()),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("feeling", sa.String(10)),
    )
    op.create_index("ix_jog_sessions_user_id", "jog_sessions", ["user_id"])
    op.create_table(
        "scheduled_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("claim_token", sa.String(32)),
        sa.Column("claimed_until", UtcDateTime()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sa.String(80), unique=True),
        sa.Column(
            "jog_session_id",
            sa.Integer(),
            sa.ForeignKey("jog_sessions.id", ondelete="CASCADE"),
        ),
        sa.Column("sent_at", UtcDateTime()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_scheduled_due", "scheduled_messages", ["status", "due_at"])
    op.create_index("ix_scheduled_messages_user_id", "scheduled_messages", ["user_id"])
    op.create_index(
        "ix_scheduled_messages_jog_session_id", "scheduled_messages", ["jog_session_id"]
    )


def downgrade() -> None:
    op.drop_table("scheduled_messages")
    op.drop_table("jog_sessions")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("paused_until")
        batch.drop_column("paused")
