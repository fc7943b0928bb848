"""The community tables (migration 0008) on SQLite and PostgreSQL: the
migrations give exactly the models (columns, types, nullability, indexes,
keys), and what must hold under races holds with two stores on one
database (standing for two web processes): a cohort never takes more
learners than its capacity, one vote per user and post, a learner never
has more open escalations than allowed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from byhand.storage import Store, database_url
from byhand.storage.community import CommunityStore
from byhand.storage.schema import Base
from pg_support import fresh_postgres_database

NOW = datetime(2030, 3, 1, 9, 0, tzinfo=timezone.utc)


def _migrations_match_the_models(url: str) -> None:
    with Store(url) as store, store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diffs == []


def _races(url: str) -> None:
    with Store(url) as a, Store(url) as b:
        ca, cb = CommunityStore(a), CommunityStore(b)
        teacher = a.user_id("teacher")
        learners = [a.user_id(f"learner{i}") for i in range(12)]
        cohort = ca.create_cohort("Monday", "ABCDEFGHJK", capacity=5, escalate_after_hours=24,
                                  max_open_escalations=2, teacher_id=teacher, at=NOW)
        assert ca.create_cohort("Tuesday", "ABCDEFGHJK", capacity=5, escalate_after_hours=24,
                                max_open_escalations=2, teacher_id=teacher, at=NOW) is None  # the code is taken
        assert ca.membership(cohort.id, teacher).role == "teacher"

        with ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(lambda i: (ca if i % 2 else cb).join(cohort.id, learners[i], "learner", NOW),
                                     range(12)))
        assert outcomes.count("joined") == 5 and outcomes.count("full") == 7, outcomes
        assert ca.seats_taken(cohort.id) == 5
        joined = [u for u, o in zip(learners, outcomes) if o == "joined"]
        assert ca.join(cohort.id, joined[0], "learner", NOW) == "member"  # already in: fine, even when full
        assert ca.join(cohort.id, a.user_id("second-teacher"), "teacher", NOW) == "joined"  # teachers take no seat
        assert ca.seats_taken(cohort.id) == 5 and len(ca.members(cohort.id)) == 7

        question = ca.add_post(item_id="softmax", cohort_id=cohort.id, author_id=joined[0], kind="question",
                               body="why subtract the max?", anonymous=False, master=False, accepted=False,
                               created_at=NOW)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: (ca if i % 2 else cb).vote(question.id, joined[1 + i % 4], 1 if i % 4 else -1,
                                                                   NOW), range(12)))
        assert ca.votes(question.id) == 3 - 1  # four voters, three times each: one vote each
        assert ca.unvote(question.id, joined[1]) == ca.votes(question.id)

        asker = joined[2]
        questions = [ca.add_post(item_id="softmax", cohort_id=cohort.id, author_id=asker, kind="question",
                                 body=f"question {i}", anonymous=False, master=False, accepted=False,
                                 created_at=NOW - timedelta(days=2)) for i in range(6)]
        with ThreadPoolExecutor(6) as pool:
            escalated = list(pool.map(lambda i: (ca if i % 2 else cb).escalate(questions[i], NOW, 2), range(6)))
        assert escalated.count(True) == 2 and ca.open_escalations(asker, cohort.id) == 2
        assert not ca.escalate(questions[escalated.index(True)], NOW, 5)  # already escalated


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def url(request, tmp_path):
    """A fresh database of each kind (PostgreSQL: one of its own on the test server)."""
    if request.param == "sqlite":
        yield database_url(tmp_path / "p.db")
    else:
        with fresh_postgres_database() as pg:
            yield pg


def test_the_migrations_give_exactly_the_models(url):
    _migrations_match_the_models(url)


def test_capacity_votes_and_escalations_hold_under_races(url):
    _races(url)
