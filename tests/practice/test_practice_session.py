"""`byhand practice` asks the review session's queue (services/review.py) what
comes next after every item, on a clock the test moves: a card rated Again
comes back after its learning step once the items due before it are done,
or early, with a note, when nothing else is left (Anki's learn-ahead); a
skipped item does not come back in the session."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from rich.console import Console

from byhand.content import loader
from byhand.practice.tui import Session
from byhand.services import review, scheduling
from byhand.services.plan import new_item_order
from byhand.storage import Store
from clock_support import midday

# the curriculum's first new items: concepts (vector, span, linear-independence)
# the first three concepts a new learner meets; the drills the order puts among them (issue 16 wrote
# drills of the first concepts alone) are done days ago by the learner of these sessions
ORDER = [p.item_id for p in new_item_order()]
FIRST = [i for i in ORDER if loader.kind_of(i) == "concept"][:3]
DONE_BEFORE = [i for i in ORDER[:ORDER.index(FIRST[-1])] if loader.kind_of(i) != "concept"]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "progress.db") as s:
        yield s


def term(item_id: str, lang: str = "en") -> str:
    return loader.load_item(item_id).t(lang).term


def practise(store, new_limit: int, script: list[tuple[str, int]], lang: str = "en", *,
             now: datetime | None = None, scratch_dir=None) -> str:
    """A session whose learner types each answer of ``script`` after the
    clock has moved by its seconds; what the terminal showed.  The clock
    starts at ``now``, by default noon of today."""
    for item in DONE_BEFORE if new_limit >= 3 else ():  # reached from the third new item on
        scheduling.review(store, store.user_id(), item, loader.kind_of(item), 4,
                          now=datetime.now(timezone.utc) - timedelta(days=3))
    now = [now or midday()]
    answers = iter(script)
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)

    def typed(prompt: str) -> str:
        text, seconds = next(answers)
        now[0] += timedelta(seconds=seconds)
        console.print(f"{prompt}{text}")
        return text

    console.input = typed
    Session(store, store.user_id(), lang, console, scratch_dir=scratch_dir, new_limit=new_limit,
            clock=lambda: now[0]).run(new_limit)
    assert next(answers, None) is None, "the session ended before the script"
    return out.getvalue()


def headers(screen: str) -> list[str]:
    return [line.strip("─ ") for line in screen.splitlines() if line.lstrip("─ ").startswith("[")]


def test_a_card_rated_again_comes_back_after_the_others_and_early_when_nothing_else_is_left(store):
    vector, span = FIRST[:2]
    screen = practise(store, 2, [("", 5), ("1", 5),    # vector: Again, due in 1 min
                                 ("", 5), ("4", 5),    # span (new) first; Easy
                                 ("", 5), ("3", 5),    # vector again, 40 s early: Good, due in 10 min
                                 ("", 5), ("4", 5)])   # early again, nothing else left: Easy, graduated
    assert headers(screen) == [f"[1/2] card (new): {term(vector)}", f"[2/2] card (new): {term(span)}",
                               f"[3/3] card: {term(vector)}", f"[4/4] card: {term(vector)}"]
    notes = [line for line in screen.splitlines() if "Nothing else is left" in line]
    assert notes == ["Nothing else is left, so this one comes 1 min early: you are still learning it.",
                     "Nothing else is left, so this one comes 10 min early: you are still learning it."]
    assert "Session over: 4 items (2 new). Ratings: Again 1, Easy 2, Good 1." in screen
    assert "still learning come back later" not in screen  # nothing left in its learning steps
    logs = store.review_logs(store.user_id())
    assert [(l.item_id, l.rating) for l in logs] == [(vector, 1), (span, 4), (vector, 3), (vector, 4)]
    assert review.queue(store, store.user_id(), logs[-1].reviewed_at).later == ()


def test_once_due_the_card_comes_back_before_the_new_items_left(store):
    vector, span, third = FIRST
    screen = practise(store, 3, [("", 5), ("1", 5),    # vector: Again, due in 1 min
                                 ("", 60), ("4", 5),   # span takes the learner over a minute
                                 ("", 5), ("4", 5),    # vector is due: back, with no note, before the third
                                 ("", 5), ("4", 5)])   # the third
    assert headers(screen) == [f"[1/3] card (new): {term(vector)}", f"[2/3] card (new): {term(span)}",
                               f"[3/4] card: {term(vector)}", f"[4/4] card (new): {term(third)}"]
    assert "Nothing else is left" not in screen


def test_quitting_at_a_returning_card_keeps_what_was_done(store):
    vector = FIRST[0]
    screen = practise(store, 1, [("", 5), ("1", 5), ("", 5), ("q", 5)], lang="ko")
    assert headers(screen) == [f"[1/1] 카드 (새 항목): {term(vector, 'ko')}", f"[2/2] 카드: {term(vector, 'ko')}"]
    assert "남은 항목이 없어서 아직 익히는 중인 이 항목을 1분 일찍 보여 드립니다." in screen
    assert "연습 끝: 1개 항목 (새 항목 1개)" in screen
    assert len(store.review_logs(store.user_id())) == 1


def test_a_skipped_exercise_is_not_shown_again_in_the_session(store, tmp_path):
    start = midday()
    user = store.user_id()
    scheduling.review(store, user, "softmax", "exercise", 1, now=start - timedelta(hours=1))  # due again
    screen = practise(store, 0, [("s", 5)], now=start, scratch_dir=tmp_path / "scratch")
    assert headers(screen) == [f"[1/1] code: {loader.load_item('softmax').t('en').title}"]
    assert "skipped" in screen and "Session over: 0 items" in screen
    assert (tmp_path / "scratch" / "softmax.py").exists()  # a fresh stub to write it in, from memory
