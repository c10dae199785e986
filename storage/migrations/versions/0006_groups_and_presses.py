"""One "private chats only" line per group and day, and one press per message of buttons.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_notices",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("day", sa.Date(), nullable=False),
    )
    op.create_index("ix_group_notices_day", "group_notices", ["day"])
    op.create_table(
        "pressed_messages",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("message_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("pressed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_pressed_messages_pressed_at", "pressed_messages", ["pressed_at"])


def downgrade() -> None:
    op.drop_table("pressed_messages")
    op.drop_table("group_notices")
