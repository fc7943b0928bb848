"""A choice drill on the web (no browser): the drill page offers one radio
button per option letter (a plain form), a wrong letter's verdict says why
that option is wrong at once, in the learner's language, and the API gives
the letters and the same explanation as ``why``."""

from __future__ import annotations

import re

from byhand.content import loader
from byhand.grading.drills import variant
from web_support import PassingGrader, api_headers, csrf_of, make_client, signup, variant_of

DRILL = "gap-within-seed-noise"


def _v(token: str):
    return variant(loader.load_item(DRILL), int(token.split(".")[0]))


def test_the_page_offers_radio_buttons_and_a_wrong_letter_is_told_why(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        signup(client, "ada")
        page = client.get(f"/drills/{DRILL}")
        assert page.status_code == 200
        assert re.findall(r'<input type="radio" name="answer" value="(\w)"', page.text) == ["a", "b", "c", "d"]
        assert 'id="answer"' not in page.text and "<script" not in page.text.split('id="options"')[1].split("</form>")[0]
        token = variant_of(page.text)
        v = _v(token)
        wrong = "a" if v.expected != "a" else "b"
        form = {"variant": token, "csrf": csrf_of(page.text)}
        r = client.post(f"/drills/{DRILL}", data={**form, "answer": "z"})
        assert r.status_code == 400 and "type a letter" in r.text  # not an option: no try spent
        r = client.post(f"/drills/{DRILL}", data={**form, "answer": wrong})
        why = re.search(r'<p id="why-wrong">(.*?)</p>', r.text, re.S)
        assert why and "standard error" in why[1] and 'id="try-again"' in r.text
        r = client.post(f"/drills/{DRILL}", data={**form, "answer": v.expected})
        assert "Correct" in r.text and "2.306" in r.text and 'id="why-wrong"' not in r.text


def test_the_api_gives_the_letters_and_why_in_korean(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        headers = api_headers(client, "ada")
        issued = client.get(f"/api/drills/{DRILL}/variant", headers=headers, params={"lang": "ko"}).json()
        assert issued["answer_kind"] == "choice" and issued["letters"] == ["a", "b", "c", "d"]
        assert "\nd) " in issued["prompt"]
        v = _v(issued["variant"])
        wrong = "c" if v.expected != "c" else "d"
        first = client.post(f"/api/drills/{DRILL}/answers", headers=headers,
                            json={"variant": issued["variant"], "answer": wrong.upper(), "lang": "ko"}).json()
        assert not first["correct"] and not first["ended"] and first["expected"] is None
        assert first["why"] == v.why_wrong(wrong, "ko") and "표준오차" in first["why"]
        second = client.post(f"/api/drills/{DRILL}/answers", headers=headers,
                             json={"variant": issued["variant"], "answer": v.expected}).json()
        assert second["correct"] and second["ended"] and second["why"] is None and second["expected"] == v.expected
