"""Small helpers for authors of curriculum items (drills' worked solutions)."""

from __future__ import annotations


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
