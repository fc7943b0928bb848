"""Rate-limit counters in the application's database, as a storage backend
of the `limits` library: every web process of one deployment shares them
(SQLite or PostgreSQL), with no Redis needed.  ``limits`` supplies the
strategies; this supplies an atomic counter per key with an expiry.

Memory and rows stay bounded: a counter lives until its window ends, and
expired rows are deleted as new ones come (every ``SWEEP_EVERY`` increments).
"""

from __future__ import annotations

import time

from limits.storage import Storage
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from .schema import RateCounter

__all__ = ["DatabaseLimitStorage"]

SWEEP_EVERY = 500
MAX_KEY = 200  # keys are "user:<id>" or "ip:<address>"; a longer one is cut (and so shared), never stored whole


class DatabaseLimitStorage(Storage):
    STORAGE_SCHEME = ["byhand+db"]  # built with an engine, not from a URL

    def __init__(self, store, **options):
        super().__init__(None, **options)
        self.store = store  # its writes take turns with the store's own (one SQLite writer per process)
        self.engine = store.engine
        self._since_sweep = 0

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def _insert(self):
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(RateCounter.__table__)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the key's counter, or start it at ``amount`` with a
        window of ``expiry`` seconds if it has none or it ran out: one atomic
        upsert, so that processes racing on a key never lose a hit."""
        key, now = key[:MAX_KEY], time.time()
        t = RateCounter.__table__
        stmt = self._insert().values(key=key, count=amount, expires_at=now + expiry)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
            "count": _case(t.c.expires_at <= now, stmt.excluded.count, t.c.count + stmt.excluded.count),
            "expires_at": _case(t.c.expires_at <= now, stmt.excluded.expires_at, t.c.expires_at),
        }).returning(t.c.count)
        with self.store.write() as s:
            count = s.execute(stmt).scalar_one()
            self._since_sweep += 1
            if self._since_sweep >= SWEEP_EVERY:
                self._since_sweep = 0
                s.execute(delete(t).where(t.c.expires_at <= now))
        return int(count)

    def _row(self, key: str):
        t = RateCounter.__table__
        with self.engine.connect() as conn:
            return conn.execute(select(t.c.count, t.c.expires_at).where(t.c.key == key[:MAX_KEY])).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return int(row.count) if row is not None and row.expires_at > time.time() else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return float(row.expires_at) if row is not None and row.expires_at > time.time() else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.store.write() as s:
            return s.execute(delete(RateCounter.__table__)).rowcount

    def clear(self, key: str) -> None:
        t = RateCounter.__table__
        with self.store.write() as s:
            s.execute(delete(t).where(t.c.key == key[:MAX_KEY]))


def _case(condition, then, otherwise):
    from sqlalchemy import case

    return case((condition, then), else_=otherwise)
