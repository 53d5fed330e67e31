"""a case's documents: links and stored files, the bytes in chunks of at most 1 MB

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Files live in the database (one backup covers everything, replicas share it). A file's bytes are
rows of `document_chunks`, so storing and serving a 25 MB file never needs it whole in memory.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "document_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("chunk_count", sa.Integer(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_files")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "document_chunks",
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"], ["document_files.id"], name=op.f("fk_document_chunks_file_id_document_files")
        ),
        sa.PrimaryKeyConstraint("file_id", "seq", name=op.f("pk_document_chunks")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # PDF, Office files and pictures are compressed already: PostgreSQL's attempt to compress
        # each megabyte again only costs CPU that concurrent turns wait for. Stored out of line as is.
        op.execute("ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL")
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("fil", "lenke", name="documentkind"), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("file_type", _enum("pdf", "docx", "xlsx", "pptx", "png", "jpg", name="filetype"), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_documents_case_id_cases")),
        sa.ForeignKeyConstraint(["file_id"], ["document_files.id"], name=op.f("fk_documents_file_id_document_files")),
        sa.ForeignKeyConstraint(["added_by_id"], ["persons.id"], name=op.f("fk_documents_added_by_id_persons")),
        sa.ForeignKeyConstraint(["removed_by_id"], ["persons.id"], name=op.f("fk_documents_removed_by_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("case_id", "number", name="uq_documents_case_number"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_case_id"))
    op.drop_table("documents")
    op.drop_table("document_chunks")
    op.drop_table("document_files")
