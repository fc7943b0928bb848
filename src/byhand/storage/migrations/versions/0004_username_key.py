"""usernames unique whatever their case: a lower-cased key per user

Existing look-alikes ("Alice" and "alice") both keep their accounts: the
first by id gets the plain key, each later one ``key#id``, so each still
signs in by their exact name, and no new account can take either name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("username_key", sa.String(80), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String),
                     sa.column("username_key", sa.String))
    conn = op.get_bind()
    taken: set[str] = set()
    for uid, name in conn.execute(sa.select(users.c.id, users.c.username).order_by(users.c.id)).all():
        key = name.lower()
        if key in taken:
            key = f"{key}#{uid}"
        taken.add(key)
        conn.execute(users.update().where(users.c.id == uid).values(username_key=key))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("username_key", existing_type=sa.String(80), nullable=False)
        batch.create_unique_constraint("uq_users_username_key", ["username_key"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_username_key", type_="unique")
        batch.drop_column("username_key")
