"""Small helpers for authors of curriculum items (drills' worked solutions).

``num`` is the one rule for printing a number in a worked solution; drill
templates use it through their placeholders (``{x}``, ``{x:.3f}``, ``{x:()}``
in ``byhand.grading.drills``), and a ``solve`` that builds a piece of text
itself uses it directly.
"""

from __future__ import annotations

import numbers
import re
from fractions import Fraction

MINUS = "−"  # U+2212, the minus sign of every printed number, as of every operator in the templates


def num(value, spec: str = "", paren: bool = False) -> str:
    """A number as a worked solution prints it.

    - the sign is the minus sign −, never a hyphen, and a value that prints
      as zero has none (−0.000 is 0.000);
    - a Fraction is reduced with its sign in front (−5/9, never 5/−9), an
      integer if its denominator is 1;
    - ``spec`` is a format spec (``.3f``, ``.4g``); without it an integer is
      printed whole and a float with 4 significant digits;
    - ``paren``: a negative value in parentheses, for a number after an
      operator or under a power: 4·(−4), (−3)².
    """
    if isinstance(value, Fraction) and not spec:
        text = str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    elif isinstance(value, numbers.Integral):
        text = format(int(value), spec)
    elif isinstance(value, numbers.Real):
        text = format(float(value), spec or ".4g")
    else:
        raise TypeError(f"not a number: {value!r}")
    if text.startswith("-"):
        if not re.search(r"[1-9]", text.split("e")[0]):
            text = text[1:]
        else:
            text = MINUS + text[1:]
            return f"({text})" if paren else text
    return text


def poly(terms) -> str:
    """'3x² − x + 2' from [(coefficient, monomial), ...]; zero terms are left out."""
    out = ""
    for coef, mono in terms:
        if coef == 0:
            continue
        mag = abs(coef)
        body = mono if mag == 1 and mono else f"{mag}{mono}"
        if not out:
            out = ("−" if coef < 0 else "") + body
        else:
            out += (" − " if coef < 0 else " + ") + body
    return out or "0"
