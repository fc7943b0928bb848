"""The rules of studying together below the web (services/cohorts.py,
services/posts.py): what counts as a solution hidden before your own pass,
user text every database can store, and every refusal said in both
languages.  The API tests (tests/web/test_community_api.py) cover the rest
through the routes."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from byhand import i18n
from byhand.services import cohorts, posts
from byhand.storage import Store

HIDDEN = "(hidden)"


@pytest.mark.parametrize("body", [
    "Try this:\n\n```python\ndef softmax(x, axis=-1):\n    return x\n```\n\nthen think.",
    "Try this:\n\n    def softmax(x):\n        return x\n\nthen think.",
    "Try this:\n\n~~~\nsoftmax = lambda x: x\n~~~\n\nthen think.",
    "Try this:\n\n- a list\n\n  ```\n  def  softmax (x): pass\n  ```\n\nthen think.",
    "Try this:\n\n`def softmax(x): return x` in one line\n\nthen think.",
])
def test_code_that_defines_the_exercises_function_is_hidden_and_the_rest_kept(body):
    shown, hidden = posts.without_solutions(body, "softmax", HIDDEN)
    assert hidden and HIDDEN in shown and "return x" not in shown and "pass" not in shown
    assert shown.startswith("Try this:") and shown.endswith("then think.")


@pytest.mark.parametrize("body, item", [
    ("```\nx - x.max()\n```", "softmax"),  # a hint, not a solution
    ("```\ndef softmax_grad(x): ...\n```", "softmax"),  # another function
    ("```\ndef softmax(x): ...\n```", "vector"),  # a concept: no function to solve
    ("```\ndef softmax(x): ...\n```", "no-such-item"),
])
def test_other_code_is_shown(body, item):
    assert posts.without_solutions(body, item, HIDDEN) == (body, False)


def test_text_that_no_database_stores_is_replaced():
    assert cohorts.text("  a\x00b\ud800c  ") == "a\ufffdb\ufffdc"
    assert cohorts.normal_code(" ab-cd efgh\tjk ") == "ABCDEFGHJK"


def test_a_learner_creates_no_cohort_and_a_teacher_joins_as_a_teacher(tmp_path):
    now = datetime(2030, 1, 1, tzinfo=timezone.utc)
    with Store(tmp_path / "p.db") as store:
        ann, tess, theo = store.user_id("ann"), store.user_id("tess"), store.user_id("theo")
        with pytest.raises(cohorts.Forbidden) as refused:
            cohorts.create(store, ann, "Mine", now=now)
        assert "관리자" in refused.value.in_lang("ko")
        store.set_role("tess", "teacher")
        store.set_role("theo", "admin")
        c = cohorts.create(store, tess, "Monday", now=now, capacity=1)
        assert set(c.invite_code) <= set(cohorts.CODE_ALPHABET) and len(c.invite_code) == cohorts.CODE_LENGTH
        assert cohorts.join(store, theo, c.invite_code, now)[1] == "teacher"
        assert cohorts.join(store, ann, c.invite_code, now)[1] == "learner"
        assert cohorts.access(store, theo, c.id).moderator and not cohorts.access(store, ann, c.id).moderator
        assert cohorts.access(store, theo, None).moderator and not cohorts.access(store, tess, None).moderator
        with pytest.raises(cohorts.Invalid):
            cohorts.create(store, tess, "Big", now=now, capacity=True)  # a bool is no number of learners


def test_every_refusal_is_said_in_both_languages():
    src = Path(cohorts.__file__).resolve().parent.parent
    keys = {k for path in src.rglob("*.py")
            for k in re.findall(r'\.of\(\s*f?"community\.([a-z0-9{}_.\'()-]+)"', path.read_text(encoding="utf-8"))}
    keys = {k for k in keys if "{" not in k} | {f"bad-{name.replace('_', '-')}" for name in cohorts.LIMITS}
    assert len(keys) > 30
    for lang in i18n.LANGS:
        table = i18n.section("errors.community", lang)
        assert keys <= set(table), (lang, keys - set(table))
