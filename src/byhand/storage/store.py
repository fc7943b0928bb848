"""The progress store: attempts, review state and settings, on SQLite or
PostgreSQL through SQLAlchemy, migrated by Alembic on open.

Durability: every write is one short transaction.  On SQLite the database
runs in WAL mode with ``synchronous=FULL``, so a committed attempt survives
the process being killed at any instant (tests kill a writer mid-stream), and
an uncommitted one leaves no trace.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, event, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ByhandError
from .records import AttemptRecord, ReviewRecord, SessionRecord, SettingsRecord, UserRecord, plain
from .schema import (DEFAULT_SETTINGS, ROLES, Attempt, Notification, ReviewCard, ReviewLog, User, UserSettings,
                     WebSession, utcnow)

LOCAL_USER = "local"


def database_url(path_or_url: str | Path) -> str:
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


ANY_TIME = object()  # save_review: apply whatever the card's state


def session_id(token_hash: str) -> str:
    """How a session is named to its owner (for revoking): a prefix of its hash."""
    return token_hash[:16]


def username_key(username: str) -> str:
    """What makes two usernames the same name: their lower-case form."""
    return username.lower()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()


_MIGRATION_LOCK = 0x62796861  # a PostgreSQL advisory lock key ("byha")


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("byhand.storage") / "migrations"))
    return cfg


@functools.lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration this version of byhand ships (read once)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _sqlite_migration_lock(engine: Engine) -> Iterator[None]:
    """A lock file beside the database: processes opening it take turns."""
    import fcntl

    db = engine.url.database
    if not db or db == ":memory:":
        yield
        return
    with open(f"{db}.migrate-lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest Alembic revision, once: a database at
    head is only checked; otherwise concurrent processes take turns (an
    advisory lock on PostgreSQL, a lock file on SQLite) and the second finds
    the work done.  Returns whether this call upgraded anything."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    head = head_revision()
    if current_revision(engine) == head:
        return False
    cfg = _alembic_config()
    lock = _sqlite_migration_lock(engine) if engine.dialect.name == "sqlite" else nullcontext()
    with lock, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        if MigrationContext.configure(conn).get_current_revision() == head:
            return False  # another process did it while we waited
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True


@dataclass(frozen=True)
class CardState:
    """One item's review state, as plain data (rebuilt into an fsrs Card by
    :mod:`byhand.services.scheduling`)."""

    item_id: str
    item_kind: str
    card_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


def _card_state(row: ReviewCard) -> CardState:
    return CardState(row.item_id, row.item_kind, row.card_id, row.state, row.step, row.stability,
                     row.difficulty, row.due, row.last_review)


class Store:
    def __init__(self, url: str | Path, *, create: bool = True):
        self.url = database_url(url)
        if self.url.startswith("sqlite:///"):
            db_path = Path(self.url[len("sqlite:///"):])
            if not db_path.parent.is_dir():
                if not create:
                    raise ByhandError.of("no-database-folder", path=db_path.parent)
                db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(self.url, future=True)
        except Exception as exc:  # noqa: BLE001 - a bad URL is the user's to fix
            raise ByhandError.of("cannot-use-database", url=self.url, reason=exc) from None
        if self.engine.dialect.name == "sqlite":
            _sqlite_pragmas(self.engine)
        migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def session(self) -> Session:
        return self._session()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one transaction, for writing.  On SQLite the writes of
        this process take turns (one writer, as SQLite allows): waiting on a
        lock is cheap, while SQLite's own busy-retry sleeps and, under load,
        fails with "database is locked"."""
        with self._write_lock, self.session() as s, s.begin():
            yield s

    # --- users ----------------------------------------------------------------

    def _insert(self, table):
        """INSERT for this database's dialect (with ON CONFLICT)."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    def user_id(self, username: str = LOCAL_USER, *, lang: str = "en") -> int:
        """The id of ``username``, created (without a password) if new; safe
        when several processes ask at once (insert-or-nothing, then read)."""
        with self.write() as s:
            found = s.scalar(select(User.id).where(User.username == username))
            if found is not None:
                return found
            s.execute(self._insert(User.__table__).values(username=username, username_key=username_key(username),
                                                          lang=lang, password_hash=None, created_at=utcnow())
                      .on_conflict_do_nothing())
            uid = s.scalar(select(User.id).where(User.username == username))
            s.execute(self._insert(UserSettings.__table__).values(user_id=uid, updated_at=utcnow(),
                                                                  **DEFAULT_SETTINGS)
                      .on_conflict_do_nothing(index_elements=["user_id"]))
            return uid

    def create_user(self, username: str, password_hash: str, lang: str = "en") -> int | None:
        """A new account; None if the name is taken."""
        from sqlalchemy.exc import IntegrityError

        try:
            with self.write() as s:
                user = User(username=username, username_key=username_key(username), password_hash=password_hash,
                             lang=lang)
                s.add(user)
                s.flush()
                s.add(UserSettings(user_id=user.id, **DEFAULT_SETTINGS))
                return user.id
        except IntegrityError:
            return None

    def user(self, user_id: int) -> UserRecord | None:
        with self.session() as s:
            row = s.get(User, user_id)
            return None if row is None else plain(UserRecord, row)

    def user_by_name(self, username: str) -> UserRecord | None:
        """The account of this name, whatever its case (an exact match first:
        look-alikes made before names were case-blind keep their own)."""
        with self.session() as s:
            row = (s.scalar(select(User).where(User.username == username))
                   or s.scalar(select(User).where(User.username_key == username_key(username))))
            return None if row is None else plain(UserRecord, row)

    def set_role(self, username: str, role: str) -> UserRecord:
        """Give ``username`` a role (learner, teacher or admin)."""
        if role not in ROLES:
            raise ByhandError.of("unknown-role", role=role, roles=", ".join(ROLES))
        found = self.user_by_name(username)
        with self.write() as s:
            user = s.get(User, found.id) if found is not None else None
            if user is None:
                raise ByhandError.of("no-such-user", username=username)
            user.role = role
            return plain(UserRecord, user)

    def set_user_fields(self, user_id: int, **fields: Any) -> None:
        with self.write() as s:
            user = s.get(User, user_id)
            for k, v in fields.items():
                setattr(user, k, v)

    # --- sessions -------------------------------------------------------------

    def create_session(self, user_id: int, token_hash: str, csrf_token: str, kind: str,
                       expires_at: datetime) -> None:
        with self.write() as s:
            s.add(WebSession(token_hash=token_hash, user_id=user_id, kind=kind, csrf_token=csrf_token,
                             expires_at=expires_at))

    SEEN_EVERY = timedelta(hours=1)  # how finely a session's last use is kept (one write an hour at most)

    def session_user(self, token_hash: str, kind: str, now: datetime | None = None,
                     idle: timedelta | None = None, unread: bool = False) -> tuple | None:
        """(user id, username, lang, CSRF token, role, unread) of a live session,
        in one query: every page asks this.  Live: not expired, and used within
        ``idle`` (when given).  ``unread``: count the user's unread
        notifications (the header shows it; else None).  Its last use is
        written at most once an hour."""
        now = now or datetime.now(timezone.utc)
        columns = [User.id, User.username, User.lang, WebSession.csrf_token, User.role, WebSession.seen_at]
        if unread:
            columns.append(select(func.count()).select_from(Notification)  # on ix_notifications_user_unread
                           .where(Notification.user_id == User.id, Notification.read_at.is_(None))
                           .correlate(User).scalar_subquery().label("unread"))
        q = (select(*columns)
             .join(User, User.id == WebSession.user_id)
             .where(WebSession.token_hash == token_hash, WebSession.kind == kind, WebSession.expires_at > now))
        if idle is not None:
            q = q.where(WebSession.seen_at > now - idle)
        with self.engine.connect() as c:
            row = c.execute(q).first()
        if row is None:
            return None
        if row.seen_at is None or row.seen_at < now - self.SEEN_EVERY:
            with self.write() as s:
                s.execute(update(WebSession).where(WebSession.token_hash == token_hash).values(seen_at=now))
        return (*tuple(row)[:5], row.unread if unread else None)

    def delete_session(self, token_hash: str) -> None:
        with self.write() as s:
            row = s.get(WebSession, token_hash)
            if row is not None:
                s.delete(row)

    def sessions_of(self, user_id: int, now: datetime | None = None) -> list[SessionRecord]:
        """The user's live browser sessions and API tokens, newest first."""
        now = now or datetime.now(timezone.utc)
        q = (select(WebSession).where(WebSession.user_id == user_id, WebSession.expires_at > now)
             .order_by(WebSession.created_at.desc()))
        with self.session() as s:
            return [SessionRecord(id=session_id(r.token_hash), kind=r.kind, created_at=r.created_at,
                                  expires_at=r.expires_at) for r in s.scalars(q)]

    def revoke_sessions(self, user_id: int, *, only: str | None = None, keep: str | None = None) -> int:
        """End the user's sessions and tokens: the one whose id is ``only``, or
        all but the one whose hash is ``keep``.  Returns how many ended."""
        with self.write() as s:
            return self._revoke(s, user_id, only=only, keep=keep)

    def _revoke(self, s: Session, user_id: int, *, only: str | None, keep: str | None) -> int:
        rows = s.scalars(select(WebSession).where(WebSession.user_id == user_id)).all()
        ended = [r for r in rows if (session_id(r.token_hash) == only if only is not None else r.token_hash != keep)]
        for r in ended:
            s.delete(r)
        return len(ended)

    def set_password(self, user_id: int, password_hash: str, *, keep: str | None = None) -> None:
        """A new password hash, and every other session and token ended with
        it (in one transaction: a stolen token dies with the old password)."""
        with self.write() as s:
            s.get(User, user_id).password_hash = password_hash
            self._revoke(s, user_id, only=None, keep=keep)

    def accepted_source(self, user_id: int, item_id: str) -> str | None:
        """The learner's latest passing code for an exercise: their block."""
        q = (select(Attempt.source).where(Attempt.user_id == user_id, Attempt.item_id == item_id,
                                          Attempt.passed.is_(True), Attempt.item_kind == "exercise")
             .order_by(Attempt.created_at.desc(), Attempt.id.desc()).limit(1))
        with self.session() as s:
            return s.scalar(q)

    def settings(self, user_id: int) -> SettingsRecord:
        with self.session() as s:
            row = s.get(UserSettings, user_id)
            if row is None:
                return SettingsRecord(user_id=user_id, fsrs_parameters=None, updated_at=None, **DEFAULT_SETTINGS)
            return plain(SettingsRecord, row)

    def save_settings(self, user_id: int, **fields: Any) -> None:
        """Set some settings (the others keep their value, or the default):
        one statement, so two first saves at once never collide on the key."""
        unknown = set(fields) - set(UserSettings.__table__.c.keys())
        if unknown:
            raise TypeError(f"no such settings: {sorted(unknown)}")
        changes = {**fields, "updated_at": utcnow()}
        with self.write() as s:
            s.execute(self._insert(UserSettings.__table__)
                      .values(user_id=user_id, **{**DEFAULT_SETTINGS, **changes})
                      .on_conflict_do_update(index_elements=["user_id"], set_=changes))

    # --- attempts -------------------------------------------------------------

    def record_attempt(self, user_id: int, item_id: str, item_kind: str, *, context: str,
                       passed: bool, status: str, message: str = "", mistake: str | None = None,
                       failure: dict | None = None, source: str | None = None, seed: int | None = None,
                       duration_ms: int | None = None, at: datetime | None = None) -> int:
        with self.write() as s:
            row = Attempt(user_id=user_id, item_id=item_id, item_kind=item_kind, context=context,
                          passed=passed, status=status, message=message, mistake=mistake,
                          failure=failure, source=source, seed=seed, duration_ms=duration_ms,
                          created_at=at or utcnow())
            s.add(row)
            s.flush()
            return row.id

    def attempts(self, user_id: int, item_id: str | None = None, limit: int | None = None) -> list[AttemptRecord]:
        q = select(Attempt).where(Attempt.user_id == user_id)
        if item_id is not None:
            q = q.where(Attempt.item_id == item_id)
        q = q.order_by(Attempt.created_at.desc(), Attempt.id.desc())
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return [plain(AttemptRecord, r) for r in s.scalars(q)]

    def attempts_since(self, user_id: int, item_id: str, since: datetime) -> list[tuple[datetime, bool, int | None]]:
        """(created_at, passed, seed) of the attempts at an item since ``since``,
        oldest first: what rating rules count, without loading any source."""
        q = (select(Attempt.created_at, Attempt.passed, Attempt.seed)
             .where(Attempt.user_id == user_id, Attempt.item_id == item_id, Attempt.created_at >= since)
             .order_by(Attempt.created_at, Attempt.id))
        with self.engine.connect() as c:
            return [tuple(r) for r in c.execute(q)]

    def recent_outcomes(self, user_id: int, item_id: str, limit: int) -> list[bool]:
        """Whether each of the last ``limit`` attempts at an item passed,
        newest first (the hint rule's count, without loading any source)."""
        q = (select(Attempt.passed).where(Attempt.user_id == user_id, Attempt.item_id == item_id)
             .order_by(Attempt.created_at.desc(), Attempt.id.desc()).limit(limit))
        with self.engine.connect() as c:
            return [bool(r[0]) for r in c.execute(q)]

    def answers_to_variant(self, user_id: int, drill_id: str, seed: int) -> list[bool]:
        """Whether each answer to one variant of a drill (its seed) was right, oldest first."""
        q = (select(Attempt.passed)
             .where(Attempt.user_id == user_id, Attempt.item_id == drill_id, Attempt.seed == seed)
             .order_by(Attempt.created_at, Attempt.id))
        with self.engine.connect() as c:
            return [bool(r[0]) for r in c.execute(q)]

    def failures_with_source(self, user_id: int, item_id: str, source: str, since: datetime) -> int:
        """How many failed attempts at an item since ``since`` had exactly this source."""
        q = (select(func.count()).select_from(Attempt)
             .where(Attempt.user_id == user_id, Attempt.item_id == item_id, Attempt.created_at >= since,
                    Attempt.passed.is_(False), Attempt.source == source))
        with self.engine.connect() as c:
            return int(c.execute(q).scalar() or 0)

    def passed_items(self, user_id: int) -> set[str]:
        q = select(Attempt.item_id).where(Attempt.user_id == user_id, Attempt.passed.is_(True)).distinct()
        with self.session() as s:
            return set(s.scalars(q))

    def mistake_counts(self, user_id: int, limit: int = 10) -> list[tuple[str, str, int]]:
        q = (select(Attempt.item_id, Attempt.mistake, func.count())
             .where(Attempt.user_id == user_id, Attempt.mistake.is_not(None))
             .group_by(Attempt.item_id, Attempt.mistake)
             .order_by(func.count().desc()).limit(limit))
        with self.session() as s:
            return [(i, m, int(n)) for i, m, n in s.execute(q)]

    def activity_times(self, user_id: int, since: datetime | None = None) -> list[datetime]:
        """When the user attempted or reviewed anything (aware UTC), at or after
        ``since`` if given, newest first: the days of the streak are these
        instants' dates in the learner's time zone (services/days.py)."""
        a = select(Attempt.created_at.label("t")).where(Attempt.user_id == user_id)
        r = select(ReviewLog.reviewed_at.label("t")).where(ReviewLog.user_id == user_id)
        if since is not None:
            a, r = a.where(Attempt.created_at >= since), r.where(ReviewLog.reviewed_at >= since)
        with self.session() as s:
            times = [*s.scalars(a), *s.scalars(r)]
        return sorted(times, reverse=True)

    def first_reviewed_since(self, user_id: int, since: datetime) -> set[str]:
        """Items whose first review happened at or after ``since``."""
        q = (select(ReviewLog.item_id).where(ReviewLog.user_id == user_id).group_by(ReviewLog.item_id)
             .having(func.min(ReviewLog.reviewed_at) >= since))
        with self.session() as s:
            return set(s.scalars(q))

    def reviews_since(self, user_id: int, since: datetime) -> list[tuple[str, datetime]]:
        """(item, its first review at or after ``since``) for each item
        reviewed since then, earliest first: what today's session has done."""
        first = func.min(ReviewLog.reviewed_at)
        q = (select(ReviewLog.item_id, first).where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since)
             .group_by(ReviewLog.item_id).order_by(first, ReviewLog.item_id))
        with self.session() as s:
            return [(i, t) for i, t in s.execute(q)]  # min() keeps the column type: aware UTC

    def last_ratings(self, user_id: int) -> dict[str, int]:
        latest = (select(func.max(ReviewLog.id)).where(ReviewLog.user_id == user_id)
                  .group_by(ReviewLog.item_id).scalar_subquery())
        q = select(ReviewLog.item_id, ReviewLog.rating).where(ReviewLog.id.in_(latest))
        with self.session() as s:
            return {i: r for i, r in s.execute(q)}

    # --- review state ---------------------------------------------------------

    def card(self, user_id: int, item_id: str) -> CardState | None:
        with self.session() as s:
            row = s.scalar(select(ReviewCard).where(ReviewCard.user_id == user_id,
                                                    ReviewCard.item_id == item_id))
            return None if row is None else _card_state(row)

    def cards(self, user_id: int) -> list[CardState]:
        with self.session() as s:
            return [_card_state(r) for r in s.scalars(select(ReviewCard).where(ReviewCard.user_id == user_id))]

    def due_cards(self, user_id: int, now: datetime | None = None) -> list[CardState]:
        now = now or datetime.now(timezone.utc)
        q = (select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.due <= now)
             .order_by(ReviewCard.due))
        with self.session() as s:
            return [_card_state(r) for r in s.scalars(q)]

    def save_review(self, user_id: int, card: CardState, rating: int, reviewed_at: datetime,
                    duration_ms: int | None = None, *, reviewed_since=ANY_TIME) -> bool:
        """Store the card's new state and the review log in one transaction.

        With ``reviewed_since`` (the card's ``last_review`` as read before this
        review was computed, None for a card not yet made) it is applied only
        if nobody reviewed the card meanwhile: a double click, or two web
        processes, give one review, not two.  Returns whether it was applied."""
        fields = {name: getattr(card, name) for name in ("item_kind", "card_id", "state", "step", "stability",
                                                          "difficulty", "due", "last_review")}
        t = ReviewCard.__table__
        with self.write() as s:
            insert = self._insert(t).values(user_id=user_id, item_id=card.item_id, **fields)
            if reviewed_since is ANY_TIME:
                # insert or update in one statement: two first reviews at once never collide on the key
                s.execute(insert.on_conflict_do_update(index_elements=["user_id", "item_id"], set_=fields))
            elif reviewed_since is None:
                made = s.execute(insert.on_conflict_do_nothing(index_elements=["user_id", "item_id"])
                                 .returning(t.c.item_id)).first()
                if made is None:
                    return False  # another first review won
            elif s.execute(t.update().where(t.c.user_id == user_id, t.c.item_id == card.item_id,
                                            t.c.last_review == reviewed_since).values(**fields)).rowcount != 1:
                return False  # reviewed meanwhile
            s.add(ReviewLog(user_id=user_id, item_id=card.item_id, card_id=card.card_id, rating=rating,
                            reviewed_at=reviewed_at, duration_ms=duration_ms))
        return True

    def review_logs(self, user_id: int) -> list[ReviewRecord]:
        q = select(ReviewLog).where(ReviewLog.user_id == user_id).order_by(ReviewLog.reviewed_at, ReviewLog.id)
        with self.session() as s:
            return [plain(ReviewRecord, r) for r in s.scalars(q)]

    def reviewed_today(self, user_id: int, since: datetime, kinds: Iterable[str] | None = None) -> int:
        """How many distinct items were reviewed for the first time since ``since``."""
        with self.session() as s:
            q = select(func.count(func.distinct(ReviewLog.item_id))).where(
                ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since)
            return int(s.scalar(q) or 0)
