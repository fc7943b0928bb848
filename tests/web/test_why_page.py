"""The why page without JavaScript, over plain HTTP: every parameter a
labelled control with help in the page's language and the bounds the server
enforces; the form is a GET that answers with the whole page and the new
plot; a value out of range is a 400 that names the parameter by its label in
the page's language; the fragment why.js asks for; the default plots kept on
disk for every process and restart (web/plots.py)."""

import asyncio
import re
from html.parser import HTMLParser

import pytest

from byhand.content import loader
from byhand.web.plots import Plots
from web_support import PassingGrader, make_client, signup

ITEM = "why-softmax-subtracts-max"


class Form(HTMLParser):
    """The parameters form as a browser without JavaScript sees it."""

    def __init__(self, html):
        super().__init__()
        self.action, self.controls, self.labels, self.helps, self._in = None, {}, {}, {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "why-form":
            self.action, self.method = a["action"], a["method"]
        elif tag in ("input", "select") and a.get("id", "").startswith("p-"):
            self.controls[a["name"]] = {"tag": tag, **a}
        elif tag == "label" and a.get("for", "").startswith("p-"):
            self._in = ("label", a["for"][2:])
        elif tag == "p" and a.get("id", "").startswith("h-"):
            self._in = ("help", a["id"][2:])

    def handle_endtag(self, tag):
        if tag in ("label", "p"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            kind, name = self._in
            table = self.labels if kind == "label" else self.helps
            table[name] = table.get(name, "") + data


@pytest.fixture()
def client(tmp_path):
    # the tests ask for every why page (32) within a second or so: make_client leaves the door's budgets off
    with make_client(tmp_path, PassingGrader(), plot_cache=str(tmp_path / "plots")) as c:
        yield c


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_parameter_is_a_labelled_control_with_help_and_bounds(client, lang):
    client.cookies.set("byhand_lang", lang)
    for item_id in loader.ids_of("why"):
        item = loader.load_item(item_id)
        page = client.get(f"/why/{item_id}")
        assert page.status_code == 200
        form = Form(page.text)
        assert form.method == "get" and form.action == f"/why/{item_id}#experiment"
        for p in item.params:
            control = form.controls[p.name]
            assert form.labels[p.name].strip() == p.label[lang] != p.name
            assert p.help[lang] in form.helps[p.name]
            assert control["aria-describedby"] == f"h-{p.name}"
            if p.choices:
                assert control["tag"] == "select"
                for label in p.choice_labels[lang]:
                    assert f">{label}</option>" in page.text
            else:
                assert control["type"] == "number" and float(control["value"]) == p.default
                assert float(control["min"]) == p.low and float(control["max"]) == p.high
                assert control["step"] == ("1" if p.type == "int" else "any")


def test_the_form_without_javascript_redraws_with_a_whole_page(client):
    signup(client, "nojs")
    page = client.get(f"/why/{ITEM}", params={"max_score": "1500", "n_classes": "12"})
    assert page.status_code == 200
    form = Form(page.text)
    assert form.controls["max_score"]["value"] == "1500" and form.controls["n_classes"]["value"] == "12"
    src = re.search(r'<img id="plot" src="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert "max_score=1500.0" in src and "n_classes=12" in src and "lang=en" in src
    svg = client.get(src)
    assert svg.status_code == 200 and b"<svg" in svg.content[:500]


@pytest.mark.parametrize("lang, words", [("en", "parameter Largest logit: 99999.0 is outside [1.0, 5000.0]"),
                                         ("ko", "매개변수 가장 큰 로짓: 99999.0이 [1.0, 5000.0] 범위를 벗어났습니다")])
def test_a_value_out_of_range_is_a_400_in_the_page_language(client, lang, words):
    client.cookies.set("byhand_lang", lang)
    page = client.get(f"/why/{ITEM}", params={"max_score": "99999"})
    assert page.status_code == 400 and words in page.text
    assert Form(page.text).controls["max_score"]["value"] == "99999"  # what was asked, to fix it
    fragment = client.get(f"/why/{ITEM}", params={"max_score": "99999"}, headers={"Byhand-Fragment": "experiment"})
    assert fragment.status_code == 400 and fragment.headers["byhand-fragment"] == "experiment"
    assert words in fragment.text and 'id="plot"' not in fragment.text  # the plot shown stays
    for bad in ("nan", "1e999", "abc", "-1"):
        assert client.get(f"/why/{ITEM}", params={"max_score": bad}).status_code == 400
    assert client.get(f"/why/{ITEM}", params={"n_classes": "2.5"}).status_code == 400


def test_the_fragment_answers_with_the_drawn_plot_or_why_not(client):
    ask = {"headers": {"Byhand-Fragment": "experiment"}}
    default = client.get(f"/why/{ITEM}", **ask)
    assert default.status_code == 200 and "<html" not in default.text and 'id="plot"' in default.text
    assert 'class="plot"' in default.text  # drawn before the answer: no "drawing" placeholder
    refused = client.get(f"/why/{ITEM}", params={"max_score": "1700"}, **ask)
    assert refused.status_code == 401 and "Sign in to redraw" in refused.text and 'id="plot"' not in refused.text
    signup(client, "fragments")
    drawn = client.get(f"/why/{ITEM}", params={"max_score": "1700"}, **ask)
    assert drawn.status_code == 200 and "max_score=1700.0" in drawn.text
    size = re.search(r'width="(\d+)" height="(\d+)"', drawn.text)
    assert size and 300 < int(size.group(1)) < 1200  # the drawn plot's own size: the page does not jump


def test_default_plots_are_kept_on_disk_for_every_process(tmp_path):
    key = Plots.key(ITEM, {p.name: p.default for p in loader.load_item(ITEM).params}, "ko")

    async def first():
        plots = Plots(tmp_path)
        try:
            plots.warm([key])
            await plots.warmed()
            return plots.drawn, plots.kept(key, default=True)
        finally:
            plots.close()

    drawn, svg = asyncio.run(first())
    assert drawn == 1 and b"<svg" in svg[:500]
    again = Plots(tmp_path)  # another process, or a restart
    assert again.kept(key, default=True) == svg and again.drawn == 0
    assert Plots(None).kept(key, default=True) is None
