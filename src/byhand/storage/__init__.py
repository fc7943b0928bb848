"""Persistence: the progress store (SQLite by default, PostgreSQL by URL)."""

from .store import LOCAL_USER, CardState, Store, current_revision, database_url, head_revision, migrate

__all__ = ["CardState", "LOCAL_USER", "Store", "current_revision", "database_url", "head_revision", "migrate"]
