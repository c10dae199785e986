"""The processes claiming scheduled messages, a row each, and an index for expired claims.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claimers",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("alive_until", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_scheduled_claimed_until", "scheduled_messages", ["status", "claimed_until"])


def downgrade() -> None:
    op.drop_index("ix_scheduled_claimed_until", "scheduled_messages")
    op.drop_table("claimers")
