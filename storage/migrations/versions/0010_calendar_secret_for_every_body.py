"""every body has its calendar secret

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

The secret in a body's calendar feed link used to be made on first use, even by showing an
agenda, so a read wrote to the database. A body now gets it when it is created; the bodies stored
before are given one here, so their agenda cards keep the .ics button.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TOKEN_BYTES = 24  # as governance.rules.model makes them; a migration keeps its own copy of what it writes


def upgrade() -> None:
    connection = op.get_bind()
    bodies = sa.table("bodies", sa.column("id", sa.Integer), sa.column("calendar_token", sa.String))
    missing = connection.execute(sa.select(bodies.c.id).where(bodies.c.calendar_token.is_(None))).scalars().all()
    for body_id in missing:
        connection.execute(
            bodies.update().where(bodies.c.id == body_id).values(calendar_token=secrets.token_urlsafe(TOKEN_BYTES))
        )


def downgrade() -> None:
    pass  # a secret made early is a valid secret under the old code too
