"""One Korean term per concept: every Korean text byhand shows follows the
glossary (src/byhand/i18n/glossary.toml), and the glossary is well-formed.

The texts: every string with Hangul in the curriculum's TOML files ([ko]
tables, [ko.cases], mistake messages, drill templates, why-questions and
their plot labels, concepts), Korean string literals in the curriculum's
code (drill solutions, accept() details) and in byhand's own code, the UI
catalog ko.toml, and the Korean in the web templates."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from byhand.i18n import glossary

SRC = Path(glossary.__file__).resolve().parent.parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _toml_strings(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _toml_strings(v, f"{key}.{k}" if key else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _toml_strings(v, f"{key}[{i}]")
    elif isinstance(node, str) and HANGUL.search(node):
        yield key, node


def korean_texts(root: Path = SRC):
    """(file relative to ``root``, key or line, text) for every Korean text under ``root``."""
    for path in sorted(root.rglob("*.toml")):
        if path.name == "glossary.toml" or "migrations" in path.parts:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, text in _toml_strings(data):
            yield str(path.relative_to(root)), key, text
    for path in sorted(root.rglob("*.py")):
        if path.name == "glossary.py":  # the checker's own examples of variants
            continue
        source = path.read_text(encoding="utf-8")
        if not HANGUL.search(source):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and HANGUL.search(node.value):
                yield str(path.relative_to(root)), f"line {node.lineno}", node.value
    for path in sorted((root / "web" / "templates").glob("*.html")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HANGUL.search(line):
                yield str(path.relative_to(root)), f"line {n}", line


def test_the_glossary_is_well_formed():
    assert glossary.problems() == []
    data = glossary.load()
    # the splits issue 12 names are decided here
    for en in ("likelihood", "gradient", "regularization", "normalization", "beam search", "smoothing",
               "reparameterization trick", "Hessian", "Jensen's inequality", "n-gram", "example (a data point)"):
        assert en in data["terms"], en
    assert "경사 하강법" in data["spacing"]["spaced"]


@pytest.mark.parametrize("text, found", [
    ("로그우도를 최대화합니다", ["우도"]),
    ("이 경우도 같습니다", []),  # 경우 + 도 is not likelihood
    ("기울기(그래디언트)를 구합니다", []),  # a gloss in parentheses
    ("그래디언트 클리핑", ["그래디언트"]),
    ("경사하강법으로 L2 정규화를 더한 손실을 줄입니다", ["경사하강법", "L2 정규화를 더한"]),
    ("평균제곱 오차와 표준 편차", ["평균제곱 오차", "표준 편차"]),
    ("n-그램(modified n-gram precision)", []),
    ("n-gram 정밀도", ["n-gram"]),
    ("u보다 엄격하게 큰 가장 작은 i", ["엄격하게 큰"]),
    ("예제 100개", ["예제"]),
    ("가능도, 기울기, 빔 탐색, 레이블 평활화, 헤세 행렬, 옌센 부등식", []),
])
def test_the_checker_finds_variants_and_only_them(text, found):
    assert sorted({f.variant for f in glossary.findings(text)}) == sorted(set(found))


def test_korean_texts_are_found():
    """The collection reaches every kind of Korean text (else the next test proves nothing)."""
    where = {(file.split("/")[0], file.split("/")[1] if "/" in file else "") for file, _, _ in korean_texts()}
    for kind in ("exercises", "concepts", "drills", "why"):
        assert ("curriculum", kind) in where, kind
    files = {file for file, _, _ in korean_texts()}
    assert "i18n/ko.toml" in files
    assert any(f.startswith("web/templates/") for f in files)
    keys = {key for _, key, _ in korean_texts()}
    assert any(".ko" in k or k.startswith("ko.") for k in keys)
    assert any(k.startswith("ko.cases.") for k in keys)
    assert any(k.startswith("mistakes.") and k.endswith(".ko") for k in keys)


def test_korean_text_follows_the_glossary():
    bad = [f"{file} :: {key}: {f}" for file, key, text in korean_texts() for f in glossary.findings(text)]
    assert not bad, f"{len(bad)} Korean texts use a variant the glossary rejects " \
                    f"(src/byhand/i18n/glossary.toml):\n" + "\n".join(bad)
