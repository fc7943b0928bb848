"""byhand: learn the mathematics of AI by hand.

Implement an equation in NumPy, and learn at once whether it matches a
trusted reference::

    import byhand
    byhand.check("softmax", my_softmax)          # grade a function
    byhand.grade("softmax", open("s.py").read())  # grade source text
"""

from __future__ import annotations

from .content.loader import load_exercise
from .content.model import Case, Exercise, Fn
from .errors import ByhandError, UnknownItem
from ._public import check, grade
from .grading.result import Failure, GradeResult

__version__ = "0.1.0"

__all__ = [
    "ByhandError",
    "Case",
    "Exercise",
    "Failure",
    "Fn",
    "GradeResult",
    "UnknownItem",
    "check",
    "grade",
    "load_exercise",
]
