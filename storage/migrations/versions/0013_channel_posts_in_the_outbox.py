"""channel posts go through the outbox

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-06

Agenda posts, approval cards, their replacements and absence notices used to be sent from inside
the user's transaction; they are now outbox rows like reminders. A replacement names the post
whose message it replaces, and is sent once that post has its activity id; a long agenda's
further parts travel with its first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("replaces_key", sa.String(300), nullable=True))
        batch.add_column(sa.Column("extra_cards", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("extra_cards")
        batch.drop_column("replaces_key")
