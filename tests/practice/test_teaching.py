"""A teacher's view of a cohort below the web (services/teaching.py,
storage/teaching.py, migration 0009), on SQLite and PostgreSQL: exact
counts on seeded attempts, the heatmap equal to each learner's own
progress (services/progress.py), what is kept and when it is computed
again, who may look, feedback, pins and the week's agenda, and the
indexes the statistics read (EXPLAIN).  The routes and pages are tested in
tests/web/test_teaching_web.py."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest

from byhand.services import cohorts, progress, scheduling, teaching
from byhand.storage import Store
from byhand.storage.teaching import TeachingStore
from pg_support import fresh_postgres_database
from teaching_support import seed

T0 = datetime(2030, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "p.db")
    else:
        with fresh_postgres_database() as pg:
            yield pg


def attempt(store, uid, item, *, at, passed=False, mistake=None, kind="exercise"):
    store.record_attempt(uid, item, kind, context="web", passed=passed, status="passed" if passed else "failed",
                         mistake=mistake, source="def f(): pass\n", at=at)


class Class:
    """Cohort X (teacher tess; ann, bob, cat, eve) and cohort Y (teacher tom; dan), with known attempts."""

    def __init__(self, store):
        self.store = store
        self.ids = {n: store.user_id(n) for n in ("tess", "tom", "ann", "bob", "cat", "dan", "eve", "ada")}
        for n in ("tess", "tom"):
            store.set_role(n, "teacher")
        store.set_role("ada", "admin")
        self.x = cohorts.create(store, self.ids["tess"], "X", now=T0 - timedelta(days=20))
        self.y = cohorts.create(store, self.ids["tom"], "Y", now=T0 - timedelta(days=20))
        for n in ("ann", "bob", "cat"):
            cohorts.join(store, self.ids[n], self.x.invite_code, T0 - timedelta(days=3))
        cohorts.join(store, self.ids["eve"], self.x.invite_code, T0 - timedelta(days=10))  # never active since
        cohorts.join(store, self.ids["dan"], self.y.invite_code, T0 - timedelta(days=3))
        a, b, c, d, tess = (self.ids[n] for n in ("ann", "bob", "cat", "dan", "tess"))
        s = timedelta(seconds=1)
        # ann: two no-max-shift, a wrong-axis, then a pass 300 s after her first try (4 attempts)
        attempt(store, a, "softmax", at=T0, mistake="no-max-shift")
        attempt(store, a, "softmax", at=T0 + 60 * s, mistake="no-max-shift")
        attempt(store, a, "softmax", at=T0 + 120 * s, mistake="wrong-axis")
        attempt(store, a, "softmax", at=T0 + 300 * s, passed=True)
        attempt(store, a, "matmul", at=T0 + 400 * s, passed=True)  # passed at once: 1 attempt, 0 s
        attempt(store, a, "softmax", at=T0 + 500 * s, mistake="no-keepdims")  # after her pass: still counted
        # bob: a no-max-shift, then a pass 60 s later (2 attempts)
        attempt(store, b, "softmax", at=T0 + 10 * s, mistake="no-max-shift")
        attempt(store, b, "softmax", at=T0 + 70 * s, passed=True)
        # cat: five no-max-shift and no pass: stuck
        for i in range(5):
            attempt(store, c, "softmax", at=T0 + (20 + i) * s, mistake="no-max-shift")
        attempt(store, c, "matmul", at=T0 + 30 * s)  # one failure without a name
        # dan (cohort Y) and tess (the teacher) are not cohort X's learners
        attempt(store, d, "softmax", at=T0, mistake="no-max-shift")
        attempt(store, tess, "softmax", at=T0, mistake="no-max-shift")


def test_the_dashboard_counts_exactly_what_the_cohorts_learners_did(url):
    with Store(url) as store:
        k = Class(store)
        d = teaching.dashboard(store, k.ids["tess"], k.x.id, "en", T0 + timedelta(hours=1))
        assert [l.username for l in d.learners] == ["ann", "bob", "cat", "eve"]
        items = {i.item_id: i for i in d.items}
        assert set(items) == {"softmax", "matmul"}
        soft = items["softmax"]
        assert (soft.attempted, soft.passed, soft.median_attempts, soft.median_seconds) == (3, 2, 3.0, 180.0)
        assert soft.title == "Softmax" and soft.kind == "exercise"
        mat = items["matmul"]
        assert (mat.attempted, mat.passed, mat.median_attempts, mat.median_seconds) == (2, 1, 1.0, 0.0)
        assert [(m.item_id, m.mistake, m.learners, m.attempts) for m in d.mistakes] == [
            ("softmax", "no-max-shift", 3, 8), ("softmax", "no-keepdims", 1, 1), ("softmax", "wrong-axis", 1, 1)]
        assert d.mistakes[0].message.startswith("You exponentiate the raw scores")
        assert [(s.username, s.reason, s.item_id, s.failures) for s in d.stuck] == [
            ("cat", "failing", "softmax", 5), ("eve", "inactive", None, None)]
        # a stricter teacher: two failures already count; a shorter quiet spell: nobody else is quiet yet
        d2 = teaching.dashboard(store, k.ids["tess"], k.x.id, "en", T0 + timedelta(hours=1), failures=1,
                                inactive_days=1)
        assert [(s.username, s.item_id, s.failures) for s in d2.stuck if s.reason == "failing"] == [
            ("cat", "softmax", 5), ("cat", "matmul", 1)]
        # cohort Y sees only dan
        y = teaching.dashboard(store, k.ids["tom"], k.y.id, "ko", T0 + timedelta(hours=1))
        assert [(m.mistake, m.learners, m.attempts) for m in y.mistakes] == [("no-max-shift", 1, 1)]
        assert y.items[0].title == "소프트맥스" and y.columns[0].title == "선형대수"


def test_the_sums_kept_follow_each_learners_changes_as_a_fresh_count_does(url):
    """After a pass, a new mistake, a new learner and one who left, the kept
    sums (updated learner by learner) equal a count from scratch."""
    with Store(url) as store:
        k = Class(store)
        now = T0 + timedelta(hours=1)

        def numbers(st):
            d = teaching.dashboard(st, k.ids["tess"], k.x.id, "en", now)
            return d.items, d.mistakes, d.stuck, d.heatmap

        before = numbers(store)
        attempt(store, k.ids["cat"], "softmax", at=T0 + timedelta(minutes=20), passed=True)  # at last
        attempt(store, k.ids["bob"], "matmul", at=T0 + timedelta(minutes=21), mistake="b-transposed")
        cohorts.leave(store, k.ids["ann"], k.x.id)
        cohorts.join(store, k.ids["dan"], k.x.invite_code, T0)  # dan joins X too
        kept = numbers(store)
        assert kept != before
        with Store(url) as fresh:  # nothing kept for it
            assert kept == numbers(fresh)
        items = {i.item_id: i for i in kept[0]}
        assert (items["softmax"].attempted, items["softmax"].passed, items["softmax"].median_attempts) == (3, 2, 4.0)


def test_the_csv_tables_hold_the_dashboards_numbers_with_a_bom(url):
    with Store(url) as store:
        k = Class(store)
        d = teaching.dashboard(store, k.ids["tess"], k.x.id, "ko", T0 + timedelta(hours=1))
        for table in teaching.CSV_TABLES:
            text = teaching.csv_table(d, table, "ko")
            assert text.startswith("\ufeff") and text.encode("utf-8").startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(teaching.csv_table(d, "mistakes", "ko")[1:])))
        assert rows[0] == ["항목", "제목", "실수", "학습자 수", "제출 수", "피드백"]
        assert rows[1] == ["softmax", "소프트맥스", "no-max-shift", "3", "8", ""]
        items = list(csv.reader(io.StringIO(teaching.csv_table(d, "items", "en")[1:])))
        assert ["softmax", "소프트맥스", "3", "2", "3.0", "180.0"] in items and items[0][0] == "item"
        heat = list(csv.reader(io.StringIO(teaching.csv_table(d, "mastery", "en")[1:])))
        assert [r[0] for r in heat[1:]] == ["ann", "bob", "cat", "eve"] and len(heat[0]) == 1 + len(d.columns)
        with pytest.raises(cohorts.Invalid):
            teaching.csv_table(d, "passwords", "en")
        # nothing a spreadsheet would run: a learner named like a formula, feedback that begins with a list
        store.user_id("-A1+B2")
        cohorts.join(store, store.user_by_name("-A1+B2").id, k.x.invite_code, T0)
        teaching.write_feedback(store, k.ids["tess"], k.x.id, "softmax", "no-max-shift", "- shift\n- then exp", T0)
        d = teaching.dashboard(store, k.ids["tess"], k.x.id, "en", T0 + timedelta(hours=1))
        heat = list(csv.reader(io.StringIO(teaching.csv_table(d, "mastery", "en")[1:])))
        assert heat[1][0] == "'-A1+B2"
        mistakes = list(csv.reader(io.StringIO(teaching.csv_table(d, "mistakes", "en")[1:])))
        assert mistakes[1][5] == "'- shift\n- then exp"


def test_only_the_cohorts_teachers_and_admins_see_its_dashboard(url):
    with Store(url) as store:
        k = Class(store)
        now = T0 + timedelta(hours=1)
        for who in ("ann", "dan", "tom"):  # a learner of it, a learner elsewhere, another cohort's teacher
            with pytest.raises(cohorts.Forbidden):
                teaching.dashboard(store, k.ids[who], k.x.id, "en", now)
            with pytest.raises(cohorts.Forbidden):
                teaching.write_feedback(store, k.ids[who], k.x.id, "softmax", "no-max-shift", "Shift.", now)
            with pytest.raises(cohorts.Forbidden):
                teaching.pin(store, k.ids[who], k.x.id, "softmax", now)
        assert teaching.dashboard(store, k.ids["ada"], k.x.id, "en", now).name == "X"  # an admin, not a member
        with pytest.raises(cohorts.NotFound):
            teaching.dashboard(store, k.ids["tess"], 999, "en", now)
        with pytest.raises(cohorts.Invalid):
            teaching.dashboard(store, k.ids["tess"], k.x.id, "en", now, inactive_days=0)
        with pytest.raises(cohorts.Invalid):
            teaching.dashboard(store, k.ids["tess"], k.x.id, "en", now, area="astrology")


def _review(store, uid, item, rating, at):
    scheduling.review(store, uid, item, "concept" if item == "vector" else "exercise", rating, now=at)


def test_the_heatmap_is_each_learners_own_mastery_and_follows_what_they_do(url):
    """The cohort's heatmap gives each learner exactly what their own
    progress page gives (services/progress.py), per area and per concept
    of an area, through reviews, an Again, a pass never reviewed and
    optimized FSRS parameters; kept while it holds, computed again after a
    review and once another whole day since a review has passed."""
    with Store(url) as store:
        k = Class(store)
        a, b, c = k.ids["ann"], k.ids["bob"], k.ids["cat"]
        _review(store, a, "vector", 3, T0 - timedelta(days=5))
        _review(store, a, "vector", 3, T0 - timedelta(days=2, hours=3))
        _review(store, a, "softmax", 3, T0 + timedelta(minutes=6))
        _review(store, b, "vector", 1, T0 - timedelta(days=1))  # Again: mastery 0
        _review(store, c, "vector", 4, T0 - timedelta(days=4))
        params = list(scheduling.fsrs.Scheduler().parameters)
        params[20] = 0.3  # another forgetting curve
        store.save_settings(c, fsrs_parameters=params)

        def check(now):
            d = teaching.dashboard(store, k.ids["tess"], k.x.id, "en", now)
            areas = [c.id for c in d.columns]
            for l, row in zip(d.learners, d.heatmap):
                mine = progress.compute(store, k.ids[l.username], now)
                assert row.mastery == [mine.areas[x] for x in areas], l.username
            linalg = teaching.dashboard(store, k.ids["tess"], k.x.id, "en", now, area="linalg")
            for l, row in zip(linalg.learners, linalg.heatmap):
                mine = progress.compute(store, k.ids[l.username], now)
                assert row.mastery == [mine.concepts[c.id] for c in linalg.columns], l.username
            return {l.username: dict(zip([c.id for c in linalg.columns], r.mastery))
                    for l, r in zip(linalg.learners, linalg.heatmap)}

        now = T0 + timedelta(hours=1)
        first = check(now)
        assert first["ann"]["vector"] > 0 and first["bob"]["vector"] == 0.0 and first["eve"]["vector"] == 0.0
        by_default = scheduling.fsrs.Scheduler().get_card_retrievability(
            scheduling.to_card(store.card(c, "vector")), now)  # cat's curve is her own
        assert first["cat"]["vector"] != pytest.approx(by_default, abs=1e-6)
        kept = teaching._KEPT[store][a]
        check(now + timedelta(minutes=5))  # nothing happened: the same parts
        assert teaching._KEPT[store][a] is kept
        _review(store, a, "vector", 1, now + timedelta(minutes=10))  # she forgot it
        later = check(now + timedelta(minutes=11))
        assert later["ann"]["vector"] < first["ann"]["vector"] and teaching._KEPT[store][a] is not kept
        kept = teaching._KEPT[store][c]
        check(now + timedelta(days=1))  # another day since cat's review: her recall fell
        assert teaching._KEPT[store][c] is not kept


def test_feedback_is_written_once_per_mistake_and_read_by_members_of_its_cohorts(url):
    with Store(url) as store:
        k = Class(store)
        tess, tom = k.ids["tess"], k.ids["tom"]
        teaching.write_feedback(store, tess, k.x.id, "softmax", "no-max-shift", "Subtract **the max**.", T0)
        teaching.write_feedback(store, tess, k.x.id, "softmax", "no-max-shift", "Subtract $\\max_j x_j$.", T0)
        cohorts.join(store, k.ids["ann"], k.y.invite_code, T0)  # ann is in both cohorts
        teaching.write_feedback(store, tom, k.y.id, "softmax", "no-max-shift", "<script>x()</script>See p. 3", T0)
        seen = teaching.feedback_for(store, k.ids["ann"], "softmax", ["no-max-shift"])
        assert [(f.cohort, f.body) for f in seen] == [("X", "Subtract $\\max_j x_j$."),
                                                      ("Y", "<script>x()</script>See p. 3")]
        assert '<span class="math inline">' in seen[0].html and "<script" not in seen[1].html
        assert [f.cohort for f in teaching.feedback_for(store, k.ids["bob"], "softmax", ["no-max-shift"])] == ["X"]
        assert teaching.feedback_for(store, k.ids["bob"], "softmax", ["wrong-axis", None]) == []
        assert teaching.feedback_for(store, k.ids["dan"], "softmax", ["no-max-shift"])[0].cohort == "Y"
        outsider = store.user_id("zed")
        assert teaching.feedback_for(store, outsider, "softmax", ["no-max-shift"]) == []
        d = teaching.dashboard(store, tess, k.x.id, "en", T0 + timedelta(hours=1))
        assert d.mistakes[0].feedback == "Subtract $\\max_j x_j$."
        for item, mistake, error in (("softmax", "made-up", cohorts.Invalid), ("vector", "no-max-shift", cohorts.Invalid),
                                     ("nothing", "x", cohorts.NotFound)):
            with pytest.raises(error):
                teaching.write_feedback(store, tess, k.x.id, item, mistake, "x", T0)
        with pytest.raises(cohorts.Invalid):
            teaching.write_feedback(store, tess, k.x.id, "softmax", "wrong-axis", "   ", T0)
        with pytest.raises(cohorts.Invalid):
            teaching.write_feedback(store, tess, k.x.id, "softmax", "wrong-axis", "x" * 4001, T0)
        assert teaching.delete_feedback(store, tess, k.x.id, "softmax", "no-max-shift")
        assert [f.cohort for f in teaching.feedback_for(store, k.ids["ann"], "softmax", ["no-max-shift"])] == ["Y"]


def test_pins_are_for_the_cohorts_day_in_its_teachers_time_zone_with_who_finished(url):
    with Store(url) as store:
        k = Class(store)
        tess = k.ids["tess"]
        store.save_settings(tess, timezone="Asia/Seoul")
        late = datetime(2030, 3, 2, 16, 30, tzinfo=timezone.utc)  # 01:30 on March 3 in Seoul
        assert teaching.pin(store, tess, k.x.id, "softmax", late) == date(2030, 3, 3)
        teaching.pin(store, tess, k.x.id, "vector", late)
        teaching.pin(store, tess, k.x.id, "softmax", late)  # twice: once
        attempt(store, k.ids["bob"], "softmax", at=late + timedelta(minutes=5), passed=True)
        attempt(store, k.ids["ann"], "softmax", at=late - timedelta(hours=2), passed=True)  # the day before, there
        _review(store, k.ids["cat"], "vector", 3, late + timedelta(minutes=1))
        day = teaching.today(store, k.ids["ann"], k.x.id, "en", late + timedelta(hours=1))
        assert day.day == date(2030, 3, 3) and day.zone == "Asia/Seoul" and not day.teacher and day.learners == 4
        assert [(p.item_id, p.finished) for p in day.pins] == [("softmax", ["bob"]), ("vector", ["cat"])]
        assert teaching.today(store, tess, k.x.id, "en", late - timedelta(hours=2)).pins == []  # March 2 there
        assert teaching.unpin(store, tess, k.x.id, "vector", late)
        assert [p.item_id for p in teaching.today(store, tess, k.x.id, "en", late).pins] == ["softmax"]
        with pytest.raises(cohorts.Forbidden):
            teaching.today(store, k.ids["dan"], k.x.id, "en", late)
        for i in range(teaching.PINS_MAX - 1):
            teaching.pin(store, tess, k.x.id, ["matmul", "dot-product", "eigenvalue", "vector", "determinant",
                                               "softmax-function", "matrix", "gradient", "layer_norm", "rank"][i],
                         late)
        with pytest.raises(cohorts.Invalid):
            teaching.pin(store, tess, k.x.id, "cross_entropy", late)


def test_a_paper_track_is_not_pinned_its_exercises_are(url):
    """Who finished a pin counts passes of the pinned id, and a track is never
    attempted itself: the picker leaves tracks out and pinning one is refused."""
    with Store(url) as store:
        k = Class(store)
        kinds = {kind for _, _, kind in teaching.pickable_items("en")}
        assert "track" not in kinds and kinds <= set(teaching.PINNABLE_KINDS)
        with pytest.raises(cohorts.Invalid, match="paper track"):
            teaching.pin(store, k.ids["tess"], k.x.id, "attention-is-all-you-need", T0)
        assert teaching.today(store, k.ids["tess"], k.x.id, "en", T0).pins == []
        teaching.pin(store, k.ids["tess"], k.x.id, "transformer_encoder_layer", T0)  # its final exercise may be


def test_the_agenda_is_the_weeks_most_frequent_mistakes(url):
    with Store(url) as store:
        k = Class(store)
        old = T0 - timedelta(days=8)
        for _ in range(9):  # many, but before the week
            attempt(store, k.ids["bob"], "matmul", at=old, mistake="b-transposed")
        day = teaching.today(store, k.ids["bob"], k.x.id, "ko", T0 + timedelta(hours=1))
        assert [(a.item_id, a.mistake, a.learners, a.attempts) for a in day.agenda] == [
            ("softmax", "no-max-shift", 3, 8), ("softmax", "no-keepdims", 1, 1), ("softmax", "wrong-axis", 1, 1)]
        assert day.agenda[0].title == "소프트맥스" and day.agenda[0].message.startswith("점수에 바로 exp")


def test_the_statistics_read_their_indexes(url):
    """EXPLAIN of each statement of the dashboard names an index it reads,
    on a seeded cohort of 40 learners with 30 days of history among 400
    other learners (PostgreSQL chooses by size): no statement reads a whole
    table of attempts or reviews."""
    with Store(url) as store:
        seed(store, 40, 30, T0)  # cohort 1, its learners 2-41
        seed(store, 400, 30, T0, seed_value=2, prefix="other-")
        plans = TeachingStore(store).explain(T0)
    expected = {"learners": ("ix_attempts_user_created", "ix_review_logs_user_time"),
                # PostgreSQL reads a learner's attempts by the smaller of the two indexes led by user_id
                "items": ("ix_attempts_user_item_time|ix_attempts_user_mistake",),
                "mistakes": ("ix_attempts_user_mistake",), "cards": ("ix_review_logs_user_item",),
                "passed": ("ix_attempts_user_item_time",),
                "week": ("ix_attempts_user_created|ix_attempts_user_mistake",)}
    for name, indexes in expected.items():
        for index in indexes:
            assert any(i in plans[name] for i in index.split("|")), (name, plans[name])
    everything = "\n".join(plans.values())
    for table in ("attempts", "review_logs", "review_cards"):
        assert f"Seq Scan on {table}" not in everything and f"SCAN {table}" not in everything, everything
