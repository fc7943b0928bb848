"""a role for every user: learner (the default), teacher or admin

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="learner"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("role")
