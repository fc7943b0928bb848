"""Persistence: the progress store (SQLite by default, PostgreSQL by URL)."""

from .store import LOCAL_USER, CardState, Store, database_url, migrate

__all__ = ["CardState", "LOCAL_USER", "Store", "database_url", "migrate"]
