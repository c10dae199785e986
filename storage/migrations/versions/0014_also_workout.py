"""The day's other workout beside the one the rules go by (coach.advice.Answers.also): a session
the bot timed and more training told that evening ("I trained more") both count, and the
verdict's reason names both. Older rows stay NULL: one workout.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("also_workout", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("also_workout")
