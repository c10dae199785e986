"""Whether a leg day two days before a check-in's day, with a rest day between, decided its
verdict (coach.advice.Answers.leg_day_before_rest): looked up in the record when the check-in is
given, and stored so that every screen showing that verdict again reads it as it was told.
Older rows stay NULL, read as no: their verdicts were given without it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("leg_day_before_rest", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("leg_day_before_rest")
