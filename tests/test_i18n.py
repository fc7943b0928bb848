"""byhand's own words: every key in both languages, with the same
placeholders, none empty; every word a template asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from byhand import i18n
from byhand.i18n.particles import PARTICLES

TEMPLATES = Path(i18n.__file__).resolve().parent.parent / "web" / "templates"


def _leaves(node, prefix=""):
    for k, v in node.items():
        if isinstance(v, dict):
            yield from _leaves(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def _fields(text: str) -> set[str]:
    """The placeholders a text needs filled (a Korean particle, {은}, is chosen, not filled)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name and name not in PARTICLES}


CATALOGS = {lang: dict(_leaves(i18n.catalog(lang))) for lang in i18n.LANGS}


def test_both_languages_have_the_same_keys():
    assert set(CATALOGS["en"]) == set(CATALOGS["ko"])
    assert len(CATALOGS["en"]) > 150  # the grader, the web, the terminal session and the CLI


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_every_key_in_every_language(key):
    texts = {lang: CATALOGS[lang][key] for lang in i18n.LANGS}
    for lang, text in texts.items():
        assert isinstance(text, str) and text.strip(), (lang, key)
    assert _fields(texts["en"]) == _fields(texts["ko"]), key
    if key not in ("web.language", "web.lang_code") and re.search(r"[가-힣]", texts["en"]):
        pytest.fail(f"{key}: Korean in the English catalog")


def test_every_word_a_template_uses_exists():
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\.([a-z_]+)", path.read_text(encoding="utf-8")))
    assert used and used <= set(i18n.section("web", "en")), used - set(i18n.section("web", "en"))


def test_every_error_raised_by_key_exists_in_both_languages():
    src = Path(i18n.__file__).resolve().parent.parent
    keys = {k for path in src.rglob("*.py") for k in re.findall(r'ByhandError\.of\(\s*"([a-z0-9-]+)"',
                                                             path.read_text(encoding="utf-8"))}
    assert len(keys) > 20
    for lang in i18n.LANGS:
        assert {k for k in keys if not i18n.has(f"errors.{k}", lang)} == set(), lang


def test_t_formats_and_falls_back_to_english():
    assert i18n.t("grader.passed", "ko", n=3) == "3개 케이스를 모두 통과했습니다."
    assert i18n.t("grader.passed", "fr", n=3) == "Passed all 3 cases."
