"""The workout of a check-in's own day, told in its evening: the next day's check-in takes it as
its workout answer (conversations.checkin), so that morning asks only how walking feels.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("workout_that_day", sa.String(20), nullable=True))
        batch.add_column(sa.Column("intensity_that_day", sa.String(10), nullable=True))
        batch.add_column(sa.Column("overreached_that_day", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("overreached_that_day")
        batch.drop_column("intensity_that_day")
        batch.drop_column("workout_that_day")
