"""Cohorts: a teacher's group of learners, and who may read, post and
moderate where.  One rule in one place for the pages and the JSON API:

* a teacher or an admin (``users.role``) creates a cohort and is its first
  teacher; its invite code (:data:`CODE_LENGTH` letters and digits without
  the look-alikes 0, O, 1, I) is what others join with, case-blind, spaces
  and dashes ignored;
* joining with the code: a learner takes one of the cohort's seats
  (``capacity``; none left: :class:`Conflict`); a user whose role is
  teacher or admin joins as one of its teachers and takes no seat; someone
  already in it stays as they were; an unknown code is :class:`NotFound`;
  a learner may be in several cohorts;
* leaving: anyone, except the last teacher of a cohort with others in it;
* a cohort's threads, board and members are its members' only (a member
  of one cohort is :class:`Forbidden` in another); an item's public thread
  (no cohort) is every signed-in user's, whether in a cohort or not;
* moderating (hiding and deleting others' posts, reading reports, seeing
  who wrote an anonymous post) is the cohort's teachers' own; in public
  threads, the admins';
* a post by a teacher of the cohort is the master's; in a public thread, a
  post by a teacher or an admin.

Refusals are :class:`Refused` errors said in the learner's language (i18n
``errors.community``); their class says which kind (the web's status).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from ..errors import ByhandError
from ..storage import Store
from ..storage.community import CommunityStore
from ..storage.records import CohortRecord, MembershipRecord

__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "LIMITS", "Access", "Conflict", "Forbidden", "Invalid", "NotFound",
           "Refused", "CohortView", "access", "create", "join", "leave", "members", "mine", "normal_code",
           "teacher_access", "update", "view"]


class Refused(ByhandError):
    """A community action that is not allowed (errors.community.* in the learner's language)."""


class Forbidden(Refused):
    """Not this user's to do: not a member, not a teacher, not their post (403)."""


class NotFound(Refused):
    """No such cohort, post or invite code (404)."""


class Conflict(Refused):
    """Not now: a full cohort, a question already answered, too early to escalate (409)."""


class Invalid(Refused):
    """What was sent breaks a rule: an empty body, too long a title (422)."""


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 32**10 = 2**50 codes: not guessed, with joins rate-limited

# each setting: (default, lowest, highest)
LIMITS = {"capacity": (100, 1, 1000), "escalate_after_hours": (24, 1, 720), "max_open_escalations": (2, 1, 20)}
NAME_MAX = 100
GLOBAL_TEACHERS = ("teacher", "admin")
MAX_ID = 2**31 - 1  # ids are 32-bit integers on every database
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL text refuses it), lone surrogates (not UTF-8)


def text(value: object) -> str:
    """What a user typed as text that every database can store: NUL and lone
    surrogates replaced by U+FFFD, surrounding whitespace stripped."""
    return _UNSTORABLE.sub("\ufffd", str(value or "")).strip()


@dataclass(frozen=True)
class Access:
    """What a user may do in a cohort (``cohort_id`` None: public threads)."""

    user_id: int
    cohort_id: int | None
    role: str | None  # learner | teacher in the cohort; None in public threads
    moderator: bool  # hides and deletes others' posts, reads reports, sees anonymous authors
    master: bool  # their posts here are the master's

    @property
    def teacher(self) -> bool:
        return self.role == "teacher"


def _global_role(store: Store, user_id: int) -> str:
    user = store.user(user_id)
    return user.role if user is not None else "learner"


def access(store: Store, user_id: int, cohort_id: int | None) -> Access:
    """The user's access to a cohort, or to public threads for None;
    :class:`NotFound` for no such cohort, :class:`Forbidden` for a non-member."""
    if cohort_id is None:
        role = _global_role(store, user_id)
        return Access(user_id, None, None, moderator=role == "admin", master=role in GLOBAL_TEACHERS)
    community = CommunityStore(store)
    if not 0 < cohort_id <= MAX_ID or community.cohort(cohort_id) is None:
        raise NotFound.of("community.no-cohort", id=cohort_id)
    member = community.membership(cohort_id, user_id)
    if member is None:
        raise Forbidden.of("community.not-a-member", id=cohort_id)
    teacher = member.role == "teacher"
    return Access(user_id, cohort_id, member.role, moderator=teacher, master=teacher)


def teacher_access(store: Store, user_id: int, cohort_id: int) -> Access:
    """The user's access to a cohort they teach; else :class:`Forbidden` (or NotFound)."""
    a = access(store, user_id, cohort_id)
    if not a.teacher:
        raise Forbidden.of("community.not-a-teacher", id=cohort_id)
    return a


def normal_code(code: str) -> str:
    """An invite code as typed, in the form it is stored: upper case, without spaces or dashes."""
    return "".join(c for c in str(code).upper() if c not in " -\t")


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _settings(fields: dict, *, defaults: bool) -> dict:
    """The cohort settings given (checked against LIMITS), the defaults for those not given with ``defaults``."""
    out = {}
    for name, (default, low, high) in LIMITS.items():
        value = fields.get(name)
        if value is None:
            if defaults:
                out[name] = default
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid.of(f"community.bad-{name.replace('_', '-')}", low=low, high=high)
        out[name] = value
    if fields.get("name") is not None or defaults:
        name = text(fields.get("name"))
        if not name:
            raise Invalid.of("community.empty-name")
        if len(name) > NAME_MAX:
            raise Invalid.of("community.name-too-long", n=len(name), max=NAME_MAX)
        out["name"] = name
    return out


def create(store: Store, user_id: int, name: str, *, now: datetime, **settings) -> CohortRecord:
    """A new cohort taught by ``user_id`` (a teacher or an admin), with a fresh invite code."""
    if _global_role(store, user_id) not in GLOBAL_TEACHERS:
        raise Forbidden.of("community.only-teachers-create")
    fields = _settings({**settings, "name": name}, defaults=True)
    community = CommunityStore(store)
    for _ in range(5):  # a taken code (one chance in 2**50 per cohort) is drawn again
        made = community.create_cohort(fields["name"], _new_code(), teacher_id=user_id, at=now,
                                       **{k: fields[k] for k in LIMITS})
        if made is not None:
            return made
    raise RuntimeError("no free invite code after 5 draws")


def update(store: Store, user_id: int, cohort_id: int, **fields) -> CohortRecord:
    """Change a cohort's name or settings (its teachers only)."""
    teacher_access(store, user_id, cohort_id)
    changes = _settings(fields, defaults=False)
    community = CommunityStore(store)
    return community.update_cohort(cohort_id, **changes) if changes else community.cohort(cohort_id)


def join(store: Store, user_id: int, code: str, now: datetime) -> tuple[CohortRecord, str]:
    """Join the cohort of an invite code: (the cohort, the user's role in it)."""
    community = CommunityStore(store)
    code = normal_code(code)
    cohort = community.cohort_by_code(code) if code.isascii() and code.isalnum() and len(code) <= 32 else None
    if cohort is None:
        raise NotFound.of("community.no-invite-code")
    role = "teacher" if _global_role(store, user_id) in GLOBAL_TEACHERS else "learner"
    outcome = community.join(cohort.id, user_id, role, now)
    if outcome == "full":
        raise Conflict.of("community.cohort-full", name=cohort.name, capacity=cohort.capacity)
    return cohort, community.membership(cohort.id, user_id).role


def leave(store: Store, user_id: int, cohort_id: int) -> None:
    a = access(store, user_id, cohort_id)
    community = CommunityStore(store)
    if a.teacher and community.teacher_ids(cohort_id) == [user_id] and len(community.members(cohort_id)) > 1:
        raise Conflict.of("community.last-teacher")
    community.leave(cohort_id, user_id)


def mine(store: Store, user_id: int) -> list[tuple[CohortRecord, str]]:
    """The user's cohorts with their role in each."""
    return CommunityStore(store).cohorts_of(user_id)


@dataclass(frozen=True)
class CohortView:
    """A cohort as one of its members sees it (the invite code: its teachers only)."""

    id: int
    name: str
    role: str
    invite_code: str | None
    capacity: int
    learners: int
    escalate_after_hours: int
    max_open_escalations: int


def view(store: Store, user_id: int, cohort_id: int) -> CohortView:
    a = access(store, user_id, cohort_id)
    community = CommunityStore(store)
    c = community.cohort(cohort_id)
    return CohortView(c.id, c.name, a.role, c.invite_code if a.teacher else None, c.capacity,
                      community.seats_taken(cohort_id), c.escalate_after_hours, c.max_open_escalations)


def members(store: Store, user_id: int, cohort_id: int) -> list[tuple[MembershipRecord, str]]:
    """Everyone in the cohort with their username (its teachers only)."""
    teacher_access(store, user_id, cohort_id)
    return CommunityStore(store).members(cohort_id)
