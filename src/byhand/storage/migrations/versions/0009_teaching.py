"""a teacher's view of a cohort: feedback written once on a named mistake,
items pinned for a cohort's day, and the indexes its statistics read
(an item's attempts in order, a learner's mistakes, an item's last rating)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-11
"""
import sqlalchemy as sa
from alembic import op

from byhand.storage.schema import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cohort_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.String(128), nullable=False),
        sa.Column("mistake", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("cohort_id", "item_id", "mistake", name="uq_cohort_feedback_mistake"),
    )
    op.create_table(
        "cohort_pins",
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("item_id", sa.String(128), primary_key=True),
        sa.Column("pinned_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    # (user_id, item_id) is a prefix of the new index: it replaces the old one
    op.create_index("ix_attempts_user_item_time", "attempts", ["user_id", "item_id", "created_at", "passed"])
    op.drop_index("ix_attempts_user_item", table_name="attempts")
    op.create_index("ix_attempts_user_mistake", "attempts", ["user_id", "mistake", "item_id", "created_at"])
    op.create_index("ix_review_logs_user_item", "review_logs", ["user_id", "item_id", "id", "rating"])


def downgrade() -> None:
    op.drop_index("ix_review_logs_user_item", table_name="review_logs")
    op.drop_index("ix_attempts_user_mistake", table_name="attempts")
    op.create_index("ix_attempts_user_item", "attempts", ["user_id", "item_id"])
    op.drop_index("ix_attempts_user_item_time", table_name="attempts")
    op.drop_table("cohort_pins")
    op.drop_table("cohort_feedback")
