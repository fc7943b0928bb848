"""The why-questions' plots in Korean: Korean words ([ko.plot]) and a font
that has Hangul (matplotlib's own DejaVu Sans has none: Korean would be
drawn as boxes, with a "Glyph ... missing from font" warning)."""

from __future__ import annotations

import re
import shutil
import warnings

import pytest

from byhand import experiments
from byhand.content.items import parse_why
from byhand.content.loader import ids_of, load_item
from byhand.errors import CurriculumError

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _texts(why, lang, **overrides):
    """Every text drawn on the plot of ``why`` in ``lang`` (and the warnings drawing it raised)."""
    import matplotlib.text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with experiments._figure(lang) as fig:
            experiments._draw(why, fig, experiments.resolve_params(why, overrides), lang)
            fig.canvas.draw()  # lays out every glyph, as saving does
            texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
            fonts = {t.get_text(): t.get_fontfamily() for t in fig.findobj(matplotlib.text.Text)}
    return texts, fonts, [str(w.message) for w in caught]


def test_a_korean_plot_is_set_in_a_font_with_hangul():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    family = experiments.korean_font()
    assert family is not None, "no font with Hangul: pylopdf-fonts-ko is a dependency"
    with_hangul = experiments.plot_style("ko")
    path = font_manager.findfont(font_manager.FontProperties(family=with_hangul["font.family"]))
    assert 0xAC00 in FT2Font(path).get_charmap(), path  # 가

    texts, fonts, caught = _texts(load_item("why-softmax-subtracts-max"), "ko")
    assert "가장 큰 로짓" in texts
    assert fonts["가장 큰 로짓"][0] == family
    assert not [m for m in caught if "missing from" in m or "Glyph" in m], caught


def test_the_saved_korean_plot_draws_hangul_glyphs(tmp_path):
    run = experiments.run_why(load_item("why-softmax-subtracts-max"), out_dir=tmp_path, formats=("svg",), lang="ko")
    svg = run.files[0].read_text(encoding="utf-8")
    assert "NotoSansKR" in svg.replace(" ", "") or experiments.korean_font() != "Noto Sans KR"
    english = experiments.run_why(load_item("why-softmax-subtracts-max"), out_dir=tmp_path / "en",
                                  formats=("svg",), lang="en").files[0].read_text(encoding="utf-8")
    assert "NotoSansKR" not in english.replace(" ", "")  # English plots keep matplotlib's font


# words that stay as they are in a Korean plot: symbols, code and names
KEPT = {"exp", "max", "min", "log", "float", "NaN", "inf", "nat", "softmax", "argmax", "RMS", "MSE", "Var", "fan", "He",
        "Xavier", "LeCun", "relu", "tanh", "full", "lr", "mask", "ROC", "AUC"}


@pytest.mark.slow
@pytest.mark.parametrize("why_id", ids_of("why"))
def test_every_why_plot_speaks_korean(why_id):
    texts, _, caught = _texts(load_item(why_id), "ko")
    assert any(HANGUL.search(t) for t in texts), texts
    english = [t for t in texts if not t.startswith("$")  # mathtext: the ticks of log axes
               and set(re.findall(r"[A-Za-z]{3,}", t)) - KEPT]
    assert not english, f"{why_id}: English words in the Korean plot: {english}"
    assert not [m for m in caught if "missing from" in m or "Glyph" in m], caught


def test_plot_words_must_match_across_languages(tmp_path):
    folder = tmp_path / "why" / "demo" / "why-demo"
    shutil.copytree(load_item("why-softmax-subtracts-max").path, folder)
    item = folder / "item.toml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace('xlabel = "가장 큰 로짓"', 'x_label = "가장 큰 로짓"'), encoding="utf-8")
    with pytest.raises(CurriculumError, match="different keys"):
        parse_why(folder)
    item.write_text(text.replace('xlabel = "가장 큰 로짓"', 'xlabel = "가장 큰 로짓 {n}"'), encoding="utf-8")
    with pytest.raises(CurriculumError, match="placeholders"):
        parse_why(folder)
