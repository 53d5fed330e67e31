"""public access (offentleglova): a case's and a document's exemption and legal basis, and an
exempt case's public title

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0021"
branch_labels = None
depends_on = None

# Stored as the provision's text, as storage/orm.py legal_basis_column declares it.
BASIS = sa.Enum(
    "offl. § 13 jf. fvl. § 13 første ledd nr. 1",
    "offl. § 13 jf. fvl. § 13 første ledd nr. 2",
    "offl. § 14",
    "offl. § 15 første ledd",
    "offl. § 15 andre ledd",
    "offl. § 23 første ledd",
    "offl. § 24 andre ledd",
    "offl. § 26 femte ledd",
    name="legalbasis",
    native_enum=False,
    length=64,
)


def upgrade() -> None:
    # Every case and document stored so far is public: NULL says so.
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exemption_basis", BASIS, nullable=True))
        batch_op.add_column(sa.Column("public_title", sa.String(length=500), nullable=True))
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exemption_basis", BASIS, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("exemption_basis")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("public_title")
        batch_op.drop_column("exemption_basis")
