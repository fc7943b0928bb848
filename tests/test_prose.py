"""The prose renderer (content/prose.py): Markdown with math, sanitized HTML
for the web, Markdown with Unicode math for the terminal, plain text; hostile
input stays text and is bounded."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from byhand.content.prose import (MAX_CHARS, math_spans, tex_to_unicode, to_html, to_inline_html, to_plain,
                                  to_terminal)


def test_markdown_emphasis_code_and_lists():
    html = to_html("**The step.** Adam is *adaptive*; call `np.linalg.norm`.\n\n- one\n- two")
    assert "<strong>The step.</strong>" in html and "<em>adaptive</em>" in html
    assert "<code>np.linalg.norm</code>" in html
    assert "<ul>" in html and html.count("<li>") == 2


def test_math_reaches_katex_untouched():
    html = to_html("The mean $\\bar x_i^2 = \\frac{1}{n}\\sum_i x_i^2$ and *not* $a_i * b_i$.")
    assert '<span class="math inline">$\\bar x_i^2 = \\frac{1}{n}\\sum_i x_i^2$</span>' in html
    assert "$a_i * b_i$" in html  # no emphasis inside math
    assert html.count("<em>") == 1


def test_display_math_on_its_own_lines_and_inside_a_paragraph():
    block = to_html("Before.\n\n$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$\n\nAfter.")
    assert '<div class="math display">$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$</div>' in block
    inline = to_html("Unrolling,\n$$m_t = \\sum_{i=1}^{t} g_i$$\nso the mean")
    assert '<span class="math display">$$m_t = \\sum_{i=1}^{t} g_i$$</span>' in inline
    assert inline.startswith("<p>") and inline.endswith("</p>") and inline.count("<p>") == 1


def test_math_keeps_html_special_characters_escaped():
    html = to_html("$a < b \\text{ and } c > d$ & $x_{i<j}$")
    assert "$a &lt; b \\text{ and } c &gt; d$" in html and "$x_{i&lt;j}$" in html


def test_korean_particles_after_math():
    assert to_html("$a_k$를 $q_j$에 사영합니다") == (
        '<p><span class="math inline">$a_k$</span>를 <span class="math inline">$q_j$</span>에 사영합니다</p>')


def test_money_and_lone_dollars_are_text_that_katex_cannot_pair():
    html = to_html("It costs $5 and $6; a lone $ and a \\\\(backslash.")
    assert "math" not in html.replace("no-math", "")
    # every $ and \ outside math sits in an element of its own, so auto-render never pairs them
    alone = re.sub(r'<span class="no-math">[$\\]</span>', "", html)
    assert "$" not in alone and "\\" not in alone
    assert html.count('<span class="no-math">$</span>') == 3


@pytest.mark.parametrize("evil", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil></iframe>",
    "<style>body{display:none}</style>",
])
def test_raw_html_is_text(evil):
    html = to_html(f"before {evil} after")
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<style" not in html
    assert "onerror=alert" not in html or "&lt;img" in html  # shown as text, never as an attribute
    assert "&lt;" in html


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "<javascript:alert(1)>", "[x](java\tscript:alert(1))",
])
def test_dangerous_links_are_not_links(link):
    assert "href" not in to_html(link)


def test_safe_links_open_without_referrer():
    html = to_html("[KaTeX](https://katex.org) and [the map](/progress)")
    assert '<a href="https://katex.org" rel="noopener noreferrer nofollow">KaTeX</a>' in html
    assert 'href="/progress"' in html


def test_headings_and_images_stay_text():
    html = to_html("# Big\n\n![pixel](https://tracker.example/p.png)")
    assert "<h1" not in html and "<img" not in html and "# Big" in html


def test_math_cannot_smuggle_markup():
    html = to_html("$</span><script>alert(1)</script>$")
    assert "<script" not in html


def test_input_is_bounded():
    html = to_html("a" * (MAX_CHARS * 5))
    assert len(html) < MAX_CHARS + 100 and html.endswith("…</p>")
    deep = to_html("> " * 10_000 + "x")  # nesting bounded by the parser
    assert deep.count("<blockquote>") <= 20
    assert len(to_html("*" * 100_000)) < MAX_CHARS + 100


def test_lone_surrogates_do_not_break_the_renderer():
    assert to_html("a\ud800b") == "<p>a\ufffdb</p>" and "\ufffd" in to_terminal("x\udfff")


def test_inline_has_no_paragraphs():
    assert to_inline_html("Use *keepdims* with $x_i$.") == (
        'Use <em>keepdims</em> with <span class="math inline">$x_i$</span>.')


def test_math_spans():
    text = "a $x_i$ b `np.x_y` c $$y^2$$ d $5 and $6"
    assert [k for _, _, k in math_spans(text)] == ["math", "code", "display"]


def test_the_terminal_reads_unicode_math_and_keeps_markdown():
    md = to_terminal("**The step.** $\\sigma_i^2 + \\sqrt{d_k} \\le \\frac{a}{b+1}$ and `x_i`.")
    assert md.startswith("**The step.**")
    assert "σᵢ²" in md and "√dₖ" in md and "≤" in md and "`x_i`" in md
    assert "$" not in md


def test_plain_text_has_math_as_unicode_and_no_markdown_marks():
    text = to_plain("**The step.** Use `np.sum` over *all* $x_i$,\nsee [the docs](https://numpy.org).\n\n"
                    "- one $\\sigma^2$\n- two\n\n1. first\n\n$$\\sqrt{d_k}$$\n\nThen \\*stars\\*, $5 and $6, <b>x</b>.")
    assert text == ("The step. Use np.sum over all xᵢ, see the docs (https://numpy.org).\n\n"
                    "- one σ²\n- two\n\n1. first\n\n√dₖ\n\nThen *stars*, $5 and $6, <b>x</b>.")


def test_tex_to_unicode():
    assert tex_to_unicode("\\operatorname{softmax}(z)_i = e^{z_i} / \\sum_j e^{z_j}") == "softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)"
    assert tex_to_unicode("QK^\\top/\\sqrt{d_k}") == "QKᵀ/√dₖ"
    assert tex_to_unicode("\\mathbb{E}[x] \\in \\mathbb R") == "𝔼[x] ∈ ℝ"
    assert tex_to_unicode("\\hat m_t") == "m̂ₜ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab $\\`*_[]()<>&\"'\n#-:/jv")) | st.characters(), max_size=200))
def test_any_text_renders_to_allowed_tags_only(text):
    html = to_html(text) + to_inline_html(text)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html))
    assert tags <= {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "hr", "span", "div"}
    assert "javascript:" not in html.lower() or "href" not in html
    to_terminal(text)


@pytest.mark.parametrize("tex, text", [
    ("A^{-1}", "A⁻¹"), ("h_{t-1}", "hₜ₋₁"), ("\\varepsilon = 10^{-8}", "ε = 10⁻⁸"),
    ("\\partial L/\\partial x", "∂L/∂x"), ("\\lambda I", "λI"), ("\\nabla f(x) \\cdot d", "∇f(x) · d"),
    ("a \\bmod b", "a mod b"), ("\\log p(x)", "log p(x)"),
    ("\\det\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} = ad - bc", "det(a b; c d) = ad − bc"),
    ("|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}", "|x| = {x, x ≥ 0; −x, otherwise"),
    ("\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}^\\top", "[1; 2]ᵀ"), ("a \\\\ b", "a b"),
])
def test_tex_to_unicode_minus_scripts_letters_and_matrices(tex, text):
    assert tex_to_unicode(tex) == text
