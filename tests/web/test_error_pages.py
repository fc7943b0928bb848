"""Every error page says what happened, per status, in the viewer's language;
the API answers JSON; nothing shows a traceback."""

from __future__ import annotations

import pytest

from byhand.web.i18n import UI, status_message
from web_support import make_client


def test_every_status_message_exists_in_both_languages():
    assert set(UI["en"]["status"]) == set(UI["ko"]["status"])
    for lang in ("en", "ko"):
        assert all(text.strip() for text in UI[lang]["status"].values())
    assert status_message("ko", 418) == UI["ko"]["status"][400]  # an unlisted 4xx: the general one


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_error_pages_per_status_and_language(tmp_path, grader, lang):
    with make_client(tmp_path, grader) as client:
        client.cookies.set("byhand_lang", lang)
        cases = [
            (client.get("/no-such-page"), 404),
            (client.get("/drills/bayes-test-posterior?seed=notanumber"), 422),
            (client.put("/signin"), 405),
        ]
        for response, status in cases:
            assert response.status_code == status, (response.status_code, response.text[:200])
            assert status_message(lang, status) in response.text, (status, lang)
            assert "Traceback" not in response.text
        api = client.get("/api/items/no-such-item")
        assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
