"""Quiet hours (22:00-06:00 unless changed) and the language the bot speaks to each user.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "quiet_start", sa.Time(), nullable=False, server_default=sa.text("'22:00:00'")
            )
        )
        batch.add_column(
            sa.Column("quiet_end", sa.Time(), nullable=False, server_default=sa.text("'06:00:00'"))
        )
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
        batch.drop_column("quiet_end")
        batch.drop_column("quiet_start")
