"""Every prose field of the curriculum reads as its author meant it once
rendered (content/prose.py): no raw ``_`` or ``^`` outside math and code (math
is LaTeX in ``$...$``, identifiers such as ``np.linalg.norm`` or ``ddof=0`` are
code in backticks), every ``$`` opens or closes math, no Markdown left as
literal ``**`` or backticks, and the math is LaTeX with balanced braces."""

from __future__ import annotations

import html
import re

import pytest

from byhand.content import loader
from byhand.content.prose import to_html
from byhand.validate import braces_balanced

# what is shown as Markdown (docs/authoring.md, "Prose"), per kind of item
FIELDS = {"concept": ("definition", "where_used"), "exercise": ("explanation", "where_used", "hint"),
          "why": ("answer", "derivation"), "track": ("introduction",)}
MATH_OR_CODE = re.compile(r'<code>.*?</code>|<(span|div) class="math [a-z]+">.*?</\1>', re.S)


def prose_fields():
    for kind, names in FIELDS.items():
        for item_id in loader.ids_of(kind):
            item = loader.load_item(item_id)
            for lang in ("en", "ko"):
                text = item.t(lang)
                for name in names:
                    yield f"{item_id} [{lang}] {name}", getattr(text, name)
            for m in getattr(item, "mistakes", ()):
                for lang in ("en", "ko"):
                    yield f"{item_id} mistake {m.id} [{lang}]", m.message[lang]


FIELDS_ALL = list(prose_fields())


def outside_math(text: str) -> str:
    """What the learner reads as plain text: the HTML without code and math, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", MATH_OR_CODE.sub(" ", to_html(text))))


def test_there_is_prose_to_check():
    assert len(FIELDS_ALL) > 1500


def test_no_raw_subscript_or_superscript_outside_math_and_code():
    bad = [f"{where}: {re.findall(r'[^ ]*[_^][^ ]*', outside_math(text))[:3]}"
           for where, text in FIELDS_ALL if re.search(r"[_^]", outside_math(text))]
    assert not bad, f"{len(bad)} fields write _ or ^ outside $math$ or `code`:\n" + "\n".join(bad[:40])


# mathematics written in Unicode: scripts, Greek letters, operators, relations, arrows, norms
UNICODE_MATH = re.compile(r"[\u2070-\u209f\u1d2c-\u1d6a\u00b2\u00b3\u00b9\u0370-\u03ff∑∏√∂∇⋅·×÷≤≥≠≈∈∉⊂⊆∪∩→←↦⇒⇔∞∫‖∝"
                          r"∼⊙⊗⊕−±ℝ𝔼𝟙]")


def test_concept_definitions_write_their_mathematics_as_latex():
    """A concept's definition and where_used: every formula and symbol is
    $LaTeX$, typeset on the web and turned into Unicode for the terminal by
    one renderer.  (A Korean list's 가운뎃점, as in 정밀도·재현율, is punctuation.)"""
    bad = []
    for item_id in loader.ids_of("concept"):
        item = loader.load_item(item_id)
        for lang in ("en", "ko"):
            for name in ("definition", "where_used"):
                plain = outside_math(getattr(item.t(lang), name))
                found = UNICODE_MATH.findall(plain.replace("·", "") if lang == "ko" else plain)
                if found:
                    bad.append(f"{item_id} [{lang}] {name}: {''.join(found[:12])}")
    assert not bad, f"{len(bad)} fields write mathematics in Unicode outside $...$:\n" + "\n".join(bad[:40])


def test_every_dollar_is_math_and_no_markdown_is_left_literal():
    bad = []
    for where, text in FIELDS_ALL:
        rendered = to_html(text)
        plain = outside_math(text)
        if 'class="no-math">$' in rendered:
            bad.append(f"{where}: a $ that opens no math (a space inside the dollars, or a digit after?)")
        if "**" in plain or "`" in plain:
            bad.append(f"{where}: Markdown shown literally: {plain[:80]!r}")
    assert not bad, "\n".join(bad[:40])


def test_math_braces_are_balanced():
    spans = re.compile(r'<(?:span|div) class="math [a-z]+">\$+(.*?)\$+</(?:span|div)>', re.S)
    bad = [f"{where}: {tex}" for where, text in FIELDS_ALL
           for tex in spans.findall(to_html(text)) if not braces_balanced(html.unescape(tex))]
    assert not bad, "\n".join(bad[:40])


def test_the_unicode_check_itself():
    assert UNICODE_MATH.findall(outside_math("cos θ = x·y / (‖x‖₂‖y‖₂) in [−1, 1]")) == list("θ·‖‖₂‖‖₂−")
    assert UNICODE_MATH.findall(outside_math("$\\cos\\theta$ in $[-1, 1]$, image–text, `x·y`")) == []


@pytest.mark.parametrize("text, left", [
    ("the weight W_q of", ["W_q"]), ("e^x grows", ["e^x"]), ("call np.linalg_norm", ["np.linalg_norm"]),
    ("$W_q$ and `ddof_0` and $$e^x$$", []), ("a **bold** x_i", ["x_i"]),
])
def test_the_check_itself(text, left):
    assert re.findall(r"[^ ]*[_^][^ ]*", outside_math(text)) == left


# a code span that swallowed the Korean particle after it: `np.linalg.norm를`
PARTICLE_IN_CODE = re.compile(r"`([^`\n]*[A-Za-z0-9_)\]=.][가-힣]{1,3})`")


def test_korean_particles_stay_outside_code_spans():
    """`np.linalg.norm`를, not `np.linalg.norm를`: a particle inside the
    backticks is shown as code (and an English reader of the code sees a
    name that does not exist)."""
    files = sorted(loader.BUILTIN_ROOT.rglob("*.toml"))
    assert len(files) > 300
    bad = [f"{f.relative_to(loader.BUILTIN_ROOT)}:{n}: `{m}`" for f in files
           for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
           for m in PARTICLE_IN_CODE.findall(line)]
    assert not bad, "\n".join(bad[:40])


def test_the_particle_check_itself():
    assert PARTICLE_IN_CODE.findall("`zero_division=0처럼`, `np.sum`을 `x`") == ["zero_division=0처럼"]
