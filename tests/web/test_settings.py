"""The settings page and API: every value bounded and checked (a 4xx naming
it, in the page's language, and nothing saved), what is saved is what the
schedule then uses, and the projected workload."""

from __future__ import annotations

import re

import pytest

from byhand.storage import Store
from web_support import PassingGrader, api_headers, csrf_of, make_client, signup

GOOD = {"daily_new_limit": "20", "desired_retention": "0.85", "timezone": "Asia/Seoul", "lang": "en"}
PROBLEMS = re.compile(r'<li><a href="#(\w+)">([^<]*)</a></li>')


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path, PassingGrader()) as c:
        signup(c, "ada", "a-long-passphrase")
        c.db = tmp_path / "progress.db"
        yield c


def stored(client):
    with Store(client.db) as store:
        uid = store.user_by_name("ada").id
        s = store.settings(uid)
        return s.daily_new_limit, s.desired_retention, s.timezone, store.user(uid).lang


def post(client, **fields):
    csrf = csrf_of(client.get("/settings").text)
    return client.post("/settings", data={"csrf": csrf, **GOOD, **fields})


def test_saved_settings_are_kept_and_shown(client):
    page = client.get("/settings")
    assert page.status_code == 200 and 'id="workload"' in page.text
    assert 'data-chosen="0"' in page.text and "Not chosen yet" in page.text  # UTC until chosen
    assert stored(client) == (10, 0.9, None, "en")
    r = post(client)
    assert r.status_code == 200 and "Your settings are saved." in r.text
    assert stored(client) == (20, 0.85, "Asia/Seoul", "en")
    page = client.get("/settings").text
    assert 'value="20"' in page and 'value="0.85"' in page and 'data-chosen="1"' in page
    assert '<option value="Asia/Seoul" selected>' in page and "in Asia/Seoul" in page
    assert "/settings" in client.get("/").text  # linked from every page


def test_choosing_korean_answers_in_korean_and_remembers_it(client):
    r = post(client, lang="ko")
    assert r.status_code == 200 and "설정을 저장했습니다." in r.text and '<html lang="ko">' in r.text
    assert "byhand_lang=ko" in r.headers["set-cookie"]
    assert stored(client)[3] == "ko"
    assert '<html lang="ko">' in client.get("/items").text


BAD = [
    ("daily_new_limit", "101"), ("daily_new_limit", "-1"), ("daily_new_limit", "2.5"), ("daily_new_limit", "ten"),
    ("daily_new_limit", "1e3"), ("daily_new_limit", "0x10"), ("daily_new_limit", ""), ("daily_new_limit", "٣"),
    ("desired_retention", "0.98"), ("desired_retention", "0.69"), ("desired_retention", "NaN"),
    ("desired_retention", "inf"), ("desired_retention", "90"), ("desired_retention", "0.9abc"),
    ("desired_retention", ""), ("desired_retention", "-"),
    ("timezone", "Mars/Olympus_Mons"), ("timezone", "asia/seoul"), ("timezone", "../../etc/passwd"),
    ("timezone", "Asia/Seoul\x00"), ("timezone", ""), ("timezone", "<script>alert(1)</script>"),
    ("lang", "fr"), ("lang", ""),
]
LABELS = {"daily_new_limit": "New items a day", "desired_retention": "Desired retention", "timezone": "Time zone",
          "lang": "Language"}


def test_a_bad_value_is_a_400_naming_it_and_nothing_is_saved(client):
    csrf = csrf_of(client.get("/settings").text)
    for field, value in BAD:
        r = client.post("/settings", data={"csrf": csrf, **GOOD, field: value})
        assert r.status_code == 400, (field, value)
        problems = PROBLEMS.findall(r.text)
        assert [f for f, _ in problems] == [field] and LABELS[field] in problems[0][1], (field, value)
        assert 'aria-invalid="true"' in r.text and "<script>alert" not in r.text
        assert stored(client) == (10, 0.9, None, "en")  # the good values sent with it were not saved either


def test_the_message_is_in_the_pages_language(client):
    post(client, lang="ko")
    r = post(client, lang="ko", daily_new_limit="1000", desired_retention="1.5", timezone="Seoul")
    assert r.status_code == 400
    assert [m for _, m in PROBLEMS.findall(r.text)] == [
        "하루 새 항목 수: 0부터 100까지의 정수를 입력하세요.",
        "목표 기억률: 0.70부터 0.97까지의 수를 입력하세요 (예: 0.90).",
        "시간대: 목록에서 고르세요 (Asia/Seoul, Europe/Berlin 같은 IANA 이름)."]
    assert "아무것도 저장하지 않았습니다" in r.text


def test_oversize_input_is_refused_whole_and_not_echoed(client):
    huge = "9" * 100_000
    for field in ("daily_new_limit", "desired_retention", "timezone", "lang"):
        r = post(client, **{field: huge})
        assert r.status_code == 400 and [f for f, _ in PROBLEMS.findall(r.text)] == [field]
        assert "9" * 65 not in r.text  # what was typed comes back cut to the field's size, at most
    assert stored(client) == (10, 0.9, None, "en")


def test_a_missing_field_keeps_its_value(client):
    post(client)
    csrf = csrf_of(client.get("/settings").text)
    r = client.post("/settings", data={"csrf": csrf, "daily_new_limit": "0"})
    assert r.status_code == 200 and stored(client) == (0, 0.85, "Asia/Seoul", "en")


def test_the_form_needs_its_csrf_token_and_a_learner(client, tmp_path):
    r = client.post("/settings", data={**GOOD, "csrf": "forged"})
    assert r.status_code == 403 and stored(client) == (10, 0.9, None, "en")
    client.cookies.clear()
    assert client.get("/settings").status_code == 303  # sign in first
    assert client.get("/settings/workload?desired_retention=0.9&daily_new_limit=1").status_code == 401


def test_the_local_user_has_settings_too(tmp_path):
    with make_client(tmp_path, PassingGrader(), local=True) as c:
        page = c.get("/settings")
        assert page.status_code == 200 and 'href="/settings"' in page.text
        r = c.post("/settings", data={"csrf": csrf_of(page.text), **GOOD, "timezone": "Europe/Berlin"})
        assert r.status_code == 200
        with Store(tmp_path / "progress.db") as store:
            assert store.settings(store.user_id()).timezone == "Europe/Berlin"


def test_the_workload_follows_the_retention(client):
    low = client.get("/settings/workload?desired_retention=0.80&daily_new_limit=10").json()
    high = client.get("/settings/workload?desired_retention=0.95&daily_new_limit=10").json()
    assert high["mean"] > low["mean"] > 0 and len(high["per_day"]) == high["days"] == 30
    assert set(high["by_kind"]) == {"concept", "drill", "exercise"}
    r = client.get("/settings/workload?desired_retention=0.5&daily_new_limit=10")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "desired_retention"]
    r = client.get("/settings/workload?desired_retention=" + "1" * 5000 + "&daily_new_limit=10")
    assert r.status_code == 422


def test_the_api_reads_and_changes_settings(tmp_path):
    with make_client(tmp_path, PassingGrader()) as c:
        h = api_headers(c, "bob")
        s = c.get("/api/settings", headers=h).json()
        assert (s["daily_new_limit"], s["desired_retention"], s["timezone"], s["timezone_chosen"]) == (10, 0.9, "UTC", False)
        assert s["workload"]["days"] == 30
        r = c.put("/api/settings", headers=h, json={"timezone": "Asia/Seoul", "desired_retention": 0.8})
        assert r.status_code == 200 and r.json()["timezone"] == "Asia/Seoul" and r.json()["daily_new_limit"] == 10
        for body, field in [({"timezone": "Asia/Nowhere"}, "timezone"), ({"desired_retention": 0.99}, "desired_retention"),
                            ({"daily_new_limit": 101}, "daily_new_limit"), ({"daily_new_limit": True}, "daily_new_limit"),
                            ({"timezone": "x" * 65}, "timezone"), ({"lang": "fr"}, "lang"), ({"theme": "dark"}, "theme")]:
            r = c.put("/api/settings", headers=h, json=body)
            assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", field], body
        c.put("/api/settings", headers=h, json={"lang": "ko"})
        r = c.put("/api/settings", headers=h, json={"timezone": "Asia/Nowhere"})
        assert r.json()["detail"][0]["msg"].startswith("시간대:")  # in the learner's language
        assert c.get("/api/settings", headers=h).json()["timezone"] == "Asia/Seoul"  # nothing saved
        r = c.get("/api/settings/workload?desired_retention=0.9&daily_new_limit=5", headers=h)
        assert r.status_code == 200 and r.json()["new_per_day"] == 5
        assert c.get("/api/settings/workload?desired_retention=0.99&daily_new_limit=5", headers=h).status_code == 422
        assert c.get("/api/settings").status_code == 401
