"""One "private chats only" line per group and day, and one press per message of buttons.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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
    # batch: SQLite cannot add a constraint to a table in place, so the table is rebuilt.
    with op.batch_alter_table("processed_updates") as table:
        table.add_column(sa.Column("pressed_chat_id", sa.BigInteger(), nullable=True))
        table.add_column(sa.Column("pressed_message_id", sa.BigInteger(), nullable=True))
        table.create_unique_constraint(
            "uq_processed_press", ["pressed_chat_id", "pressed_message_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("processed_updates") as table:
        table.drop_constraint("uq_processed_press", type_="unique")
        table.drop_column("pressed_message_id")
        table.drop_column("pressed_chat_id")
    op.drop_table("group_notices")
