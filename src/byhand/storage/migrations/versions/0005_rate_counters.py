"""rate-limit counters shared by every web process

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("rate_counters",
                    sa.Column("key", sa.String(200), primary_key=True),
                    sa.Column("count", sa.Integer, nullable=False),
                    sa.Column("expires_at", sa.Float, nullable=False))


def downgrade() -> None:
    op.drop_table("rate_counters")
