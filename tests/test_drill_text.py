"""Drills print mathematics as a teacher writes it: every drill, 200 seeds,
both languages.  Negative numbers in parentheses after an operator or under
a power, one minus sign (−) for every value, fractions with their sign in
front, absolute values that are absolute, Korean particles that fit the word
before them, and answers shown no more precisely than the prompt asks, and
accepted when typed as shown.  Then the two helpers on their own: the
particle chooser and the number formatter."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from byhand.content.loader import ids_of, load_item
from byhand.grading.drills import check_answer, render, variant

SEEDS = range(200)
DRILLS = ids_of("drill")

# what must never appear in a rendered prompt or worked solution
WRONG = {
    "a minus sign right after an operator (write 4·(−4), x − (−3))": re.compile(r"[·×*/^+−-]\s*[-−]\s*[\w(.√]"),
    "a negative number under a power without parentheses (write (−3)²)":
        re.compile(r"(?<![\w)\]|‖])[-−]\d+(?:\.\d+)?[²³^]"),
    "a fraction with a negative denominator (write −5/9)": re.compile(r"/\s*\(?\s*[-−]\s*\d"),
    "an absolute value that is negative": re.compile(r"\|[^|\n]*\|\s*=\s*[-−]"),
    "a negative zero": re.compile(r"(?<![\w.])[-−]0(?:\.0+)?(?![\d.])"),
    "a particle left for the reader to choose": re.compile(r"[은는을를이가과와]\([은는을를이가과와]\)|\(으\)"),
}
# a number's sign is −; the ASCII "-" only where the template itself writes one (typing examples like -2/7)
ASCII_SIGN = re.compile(r"(?<![\w.])-(?=\d)")

KO_ORDINAL = {"첫째": 1, "둘째": 2, "셋째": 3, "넷째": 4}
KO_COUNT = {"한": 1, "두": 2, "세": 3, "네": 4}


def asked_precision(prompt: str, lang: str) -> tuple[str, int] | None:
    """What the prompt asks for: ("round", n) decimals, ("at-most", n)
    decimals of an exact value, ("significant", n) digits, or ("integer", 0)."""
    if lang == "en":
        if m := re.search(r"(\d) significant digits", prompt):
            return "significant", int(m[1])
        if m := re.search(r"at most (\d) decimals?", prompt):
            return "at-most", int(m[1])
        if m := re.search(r"(\d) decimals?", prompt):
            return "round", int(m[1])
        return ("integer", 0) if re.search(r"\bintegers?\b", prompt) else None
    if m := re.search(r"유효숫자 (\S+) 자리", prompt):
        return "significant", KO_COUNT[m[1]]
    if m := re.search(r"소수점 아래 많아야 (\S+) 자리", prompt):
        return "at-most", KO_COUNT[m[1]]
    if m := re.search(r"소수점 (\S+) 자리", prompt):
        return "round", KO_ORDINAL[m[1]]
    return ("integer", 0) if "정수" in prompt else None


def _decimals(text: str) -> int:
    mantissa = text.split("e")[0]
    return len(mantissa.partition(".")[2])


def _significant(text: str) -> int:
    return len(text.split("e")[0].lstrip("−-").replace(".", "").lstrip("0"))


NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?!\d|\.\d)")


def _shows(solution: str, shown: str, kind: str, n: int) -> bool:
    """The solution writes the answer's value, no more precisely than asked."""
    value = float(shown.replace("−", "-"))
    return any(float(t.replace("−", "-")) == value and (kind == "significant" or _decimals(t) <= n)
               for t in NUMBER.findall(solution))


def text_problems(drill_id: str, seed: int) -> list[str]:
    drill = load_item(drill_id)
    v = variant(drill, seed)
    problems = []
    asked = {}
    for lang in ("en", "ko"):
        templates = drill.t(lang)
        rendered = {"prompt": v.prompt(lang), "solution": v.solution(lang)}
        whys = {f"wrong.{letter}": v.why_wrong(letter, lang) for letter, _ in v.options(lang)}  # a choice drill's
        for part, text in {**rendered, **whys}.items():
            for what, pattern in WRONG.items():
                for m in pattern.finditer(text):
                    line = text[:m.start()].rpartition("\n")[2] + text[m.start():].partition("\n")[0]
                    problems.append(f"[{lang} {part}] {what}: {line.strip()!r}")
            template = templates.wrong[part[6:]] if part.startswith("wrong.") else getattr(templates, part)
            if len(ASCII_SIGN.findall(text)) > len(ASCII_SIGN.findall(template)):
                problems.append(f"[{lang} {part}] a value printed with an ASCII '-' sign (use −): {text!r}")
        asked[lang] = asked_precision(rendered["prompt"], lang)
        if drill.answer_kind == "choice":  # a letter: nothing to round
            asked[lang] = None
            if not check_answer(v, v.expected, lang).correct:
                problems.append(f"[{lang}] the right letter {v.expected} is not accepted")
            continue
        expected = check_answer(v, "0", lang).expected if drill.answer_kind == "number" else \
            check_answer(v, ", ".join(["0"] * v.answer.size), lang).expected
        shown = [s.strip() for s in expected.strip("()").split(",")]
        kind, n = asked[lang] or ("", 0)
        for s in shown:
            if kind in ("round", "at-most", "integer") and _decimals(s) > n:
                problems.append(f"[{lang}] the answer is shown as {s}, more than the {n} decimals asked for")
            if kind == "significant" and _significant(s) > n:
                problems.append(f"[{lang}] the answer is shown as {s}, more than the {n} significant digits asked")
            if kind and not _shows(rendered["solution"], s, kind, n):
                problems.append(f"[{lang}] the worked solution never shows the answer as asked ({s})")
        if not check_answer(v, expected, lang).correct:
            problems.append(f"[{lang}] the answer typed as shown ({expected}) is not accepted")
    if asked["en"] != asked["ko"]:
        problems.append(f"the prompts ask for different precision: en {asked['en']}, ko {asked['ko']}")
    if drill.answer_kind == "choice":
        return problems
    exact = v.worked["answer"]
    typed = ", ".join(repr(float(x)) for x in (exact if isinstance(exact, (list, tuple)) else [exact]))
    if drill.answer_kind != "shape" and not check_answer(v, typed, "en").correct:
        problems.append(f"the unrounded answer {typed} is not accepted")
    return problems


@pytest.mark.parametrize("drill_id", DRILLS)
def test_drill_prints_mathematics_as_written_by_hand(drill_id):
    found: dict[str, int] = {}
    for seed in SEEDS:
        for p in text_problems(drill_id, seed):
            found.setdefault(p, seed)
    assert not found, "\n".join(f"seed {seed}: {p}" for p, seed in list(found.items())[:12])


def test_there_are_drills_and_the_checks_catch_what_the_issue_names():
    assert len(DRILLS) >= 50
    bad = ["4·-4 − -3²", "√(3² + -2² + -4²)", "|det(A)| = -16", "[[5/-9, 4/-9]]", "-9(으)로 나눕니다",
           "16은(는)", "x을(를)", "2 + −3", "e^-2", "p·−ln p"]
    for text in bad:
        assert any(p.search(text) for p in WRONG.values()), text
    good = ["4·(−4) − (−3)²", "√(3² + (−2)² + (−4)²)", "|det(A)| = 16", "[[−5/9, −4/9]]", "= −3",
            "−ln(0.5)", "(1 − p)", "e^(−x)", "1e-8", "cross-entropy", "x₂ − (−3) = 5", "−x²", "‖x‖₁ = |−3| + 2", "the signs + − +"]
    for text in good:
        assert not any(p.search(text) for p in WRONG.values()), text


# -- the particle chooser -------------------------------------------------------------------


@pytest.mark.parametrize("before, particle, expected", [
    ("3", "로", "3으로"), ("1", "로", "1로"), ("2", "으로", "2로"), ("10", "로", "10으로"),
    ("7", "로", "7로"), ("8", "으로", "8로"), ("6", "로", "6으로"), ("0", "로", "0으로"),
    ("100", "로", "100으로"), ("1000", "로", "1000으로"), ("10000", "로", "10000으로"), ("20", "로", "20으로"),
    ("5/9", "로", "5/9로"), ("−5/9", "로", "−5/9로"), ("3/4", "로", "3/4으로"), ("0.808", "로", "0.808로"),
    ("2.50", "로", "2.50으로"), ("√64", "로", "√64로"), ("−9", "으로", "−9로"), ("−16", "은", "−16은"),
    ("16", "은", "16은"), ("2", "은", "2는"), ("16", "이", "16이"), ("2", "가", "2가"), ("5", "과", "5와"),
    ("3", "와", "3과"), ("(3, 4)", "을", "(3, 4)를"), ("(3, −1)", "을", "(3, −1)을"), ("A", "을", "A를"),
    ("A", "은", "A는"), ("L", "로", "L로"), ("M", "로", "M으로"), ("x₁", "로", "x₁로"), ("x₃", "을", "x₃을"),
    ("`softmax`", "을", "`softmax`를"), ("layer_norm", "이", "layer_norm이"), ("행렬", "을", "행렬을"),
    ("벡터", "을", "벡터를"), ("길", "으로", "길로"), ("집", "로", "집으로"), ("'nan'", "은", "'nan'은"),
    ("x²", "이", "x²이"), ("1.5e-4", "로", "1.5e-4로"), ("100000000", "은", "100000000은"), ("sigmoid", "을", "sigmoid를"),
])
def test_a_particle_fits_the_word_before_it(before, particle, expected):
    from byhand.i18n.particles import attach

    assert attach(before, particle) == expected


def test_particles_are_placeholders_in_templates_and_catalog_texts():
    from byhand import i18n

    assert render("{d}{로} 나누면", {"d": -9}) == "−9로 나누면"
    assert render("√{d}{로} 나누기", {"d": 64}) == "√64로 나누기"
    assert render("b = ({b1}, {b2}){을} 정사영", {"b1": 3, "b2": 6}) == "b = (3, 6)을 정사영"
    assert render("{x:.3f}{이} 나오고 {y}{와} {z}{는}", {"x": 0.8, "y": 3, "z": "A"}) == "0.800이 나오고 3과 A는"
    said = i18n.t("errors.param-out-of-range", "ko", name="lr", value=2, low=0, high=1)
    assert "2가 " in said and "(가)" not in said
    assert "(" not in i18n.t("workspace.still-a-stub", "ko", function="softmax", area="nn").split(":")[0]


# -- the number formatter ---------------------------------------------------------------------


@pytest.mark.parametrize("template, fields, expected", [
    ("{a}·{b:()} − {c:()}²", {"a": 4, "b": -4, "c": -3}, "4·(−4) − (−3)²"),
    ("{a:()}·{b:()}", {"a": 2, "b": 5}, "2·5"),
    ("{x:(.3f)}", {"x": -0.25}, "(−0.250)"),
    ("{x:.3f}", {"x": -0.0001}, "0.000"),
    ("{x}", {"x": -0.0}, "0"),
    ("{x}", {"x": -2.5}, "−2.5"),
    ("{x:.4g}", {"x": -2.5e-5}, "−2.5e-05"),
    ("{f}", {"f": Fraction(5, -9)}, "−5/9"),
    ("{f}", {"f": Fraction(4, -8)}, "−1/2"),
    ("{f}", {"f": Fraction(6, 3)}, "2"),
    ("{f:()}", {"f": Fraction(-5, 9)}, "(−5/9)"),
    ("({v})", {"v": [1, -2.5]}, "((1, −2.5))"),
    ("{s}", {"s": "x − 3"}, "x − 3"),
])
def test_numbers_are_formatted_by_one_rule(template, fields, expected):
    assert render(template, fields) == expected


def test_the_formatter_is_the_one_solve_uses():
    from byhand.content.authoring import num

    assert num(-3) == "−3" and num(-3, paren=True) == "(−3)" and num(3, paren=True) == "3"
    assert num(Fraction(-10, 4)) == "−5/2" and num(-1.26, ".1f") == "−1.3" and num(2.0) == "2"
