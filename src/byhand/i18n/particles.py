"""Korean particles (조사) that fit the word before them: 로/으로, 은/는,
이/가, 을/를, 과/와.

A text writes the particle as a placeholder right after what it attaches
to, in either form: ``{d}{로} 나눕니다``, ```{fn}`{을} 구현하세요``.  The
choice follows how a Korean reader says the last thing before it:

- a Hangul syllable: its final consonant (받침), if any;
- a number, read in Sino-Korean: the last spoken unit decides (3 삼, 10 십,
  100 백, 1000 천, 10000 만, 10⁸ 억, 10¹² 조); after a decimal point each digit
  is read on its own, so the last digit decides (0.808 … 팔); a fraction a/b
  is read "b분의 a", so the numerator decides (5/9 … 오);
- a Latin letter on its own by its English name (A 에이, L 엘, M 엠), an
  English word by its usual Korean spelling (softmax 소프트맥스, norm 놈);
- closing brackets, quotes and backticks are looked through: ``(3, 4)`` is
  read up to 4.

Vowel-final words take 로/는/가/를/와; ㄹ-final ones take 로 but 은/이/을/과;
other consonant-final ones take 으로/은/이/을/과.
"""

from __future__ import annotations

import re
import string
from typing import Any

__all__ = ["PARTICLES", "ParticleFormatter", "attach", "choose", "final_sound", "fmt"]

# each placeholder name -> (after a consonant, after a vowel, after ㄹ)
_FORMS = {("으로", "로"): ("으로", "로", "로"), ("은", "는"): ("은", "는", "은"), ("이", "가"): ("이", "가", "이"),
          ("을", "를"): ("을", "를", "을"), ("과", "와"): ("과", "와", "과")}
PARTICLES = {name: forms for pair, forms in _FORMS.items() for name in pair}

VOWEL, RIEUL, CONSONANT = "vowel", "rieul", "consonant"

_DIGIT = {"0": CONSONANT, "1": RIEUL, "2": VOWEL, "3": CONSONANT, "4": VOWEL,  # 영 일 이 삼 사
          "5": VOWEL, "6": CONSONANT, "7": RIEUL, "8": RIEUL, "9": VOWEL}  # 오 육 칠 팔 구
_SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# letter names: 엘, 알 end in ㄹ; 엠, 엔 in another consonant; the rest in a vowel
_LETTER = {"l": RIEUL, "r": RIEUL, "m": CONSONANT, "n": CONSONANT}
_GREEK = {"ε": CONSONANT, "ο": CONSONANT, "υ": CONSONANT}  # 엡실론, 오미크론, 입실론; 알파, 베타, 람다 … vowels
_SYMBOL = {"²": CONSONANT, "³": CONSONANT, "%": VOWEL, "°": VOWEL, "∞": VOWEL}  # 제곱, 세제곱, 퍼센트, 도, 무한대
_CLOSING = ")]}>'\"`’”」』 "
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?(?:/(\d+))?(?:[eE][-+−]?(\d+))?$")
_WORD = re.compile(r"[A-Za-z]+$")


def _hangul(ch: str) -> str:
    tail = (ord(ch) - 0xAC00) % 28
    return VOWEL if tail == 0 else RIEUL if tail == 8 else CONSONANT


def _integer(digits: str) -> str:
    """How the last spoken unit of a Sino-Korean number ends."""
    digits = digits.replace(",", "").lstrip("0") or "0"
    if digits == "0":
        return CONSONANT  # 영
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _DIGIT[digits[-1]]
    return VOWEL if 12 <= zeros < 16 else CONSONANT  # 십 백 천 만 … 억 … 조 … 경


def _number(m: re.Match) -> str:
    whole, decimals, _denominator, exponent = m.groups()  # a/b is said "b분의 a": the numerator last
    if exponent:
        return _integer(exponent)
    return _DIGIT[decimals[-1]] if decimals else _integer(whole)


def _english(word: str, single: bool) -> str:
    """The final sound of an English word (or of a letter said by its name)."""
    w = word.lower()
    if single or len(w) == 1 or not re.search(r"[aeiouy]", w) or (word.isupper() and len(w) <= 4):
        return _LETTER.get(w[-1], VOWEL)  # letters said one by one: MSE 엠에스이, DFT 디에프티
    if w.endswith("l"):
        return RIEUL  # pool 풀, model 모델
    if w.endswith(("m", "n", "ng")):
        return CONSONANT  # norm 놈, attention 어텐션, string 스트링
    if w.endswith(("ck", "ic")) or re.search(r"[aeiou][kpbt]$", w):
        return CONSONANT  # stack 스택, logic 로직, step 스텝, web 웹, dot 닷
    return VOWEL  # softmax 소프트맥스, sigmoid 시그모이드, relu 렐루, mse …


def final_sound(text: str) -> str:
    """"vowel", "rieul" or "consonant": how ``text`` ends when read aloud in Korean."""
    t = text.rstrip(_CLOSING)
    if not t:
        return VOWEL
    last = t[-1]
    if "가" <= last <= "힣":
        return _hangul(last)
    if last in _SYMBOL:
        return _SYMBOL[last]
    t = t.translate(_SUBSCRIPT)
    if t[-1].isdigit():
        m = _NUMBER.search(t)
        return _number(m) if m else _DIGIT[t[-1]]
    m = _WORD.search(t)
    if m:
        before = t[:m.start()]
        single = len(m[0]) == 1 or (before[-1:].isdigit())  # x, conv2d: the letter's name
        return _english(m[0], single)
    return _GREEK.get(last.lower(), VOWEL)


def choose(text: str, name: str) -> str:
    """The form of the particle ``name`` (either of its pair) that fits after ``text``."""
    after_consonant, after_vowel, after_rieul = PARTICLES[name]
    sound = final_sound(text)
    return after_vowel if sound == VOWEL else after_rieul if sound == RIEUL else after_consonant


def attach(text: str, name: str) -> str:
    return text + choose(text, name)


_MARK = "\x1f"


class ParticleFormatter(string.Formatter):
    """str.format with particles: ``{로}``, ``{을}`` … become the form that fits
    what the formatted text has just before them."""

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key in PARTICLES:
            return f"{_MARK}{key}{_MARK}"
        return super().get_value(key, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        parts = super().vformat(format_string, args, kwargs).split(_MARK)
        out = parts[0]
        for name, rest in zip(parts[1::2], parts[2::2]):
            out += choose(out, name) + rest
        return out


_FORMATTER = ParticleFormatter()


def fmt(template: str, /, **fields: Any) -> str:
    """``template.format(**fields)``, with its particles chosen."""
    return _FORMATTER.format(template, **fields)
