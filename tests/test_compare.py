"""Comparison rules: exact shape, dtype kinds, finiteness, tolerance, signs."""

import numpy as np
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

from byhand.content.model import Compare
from byhand.grading.compare import compare_one

RULE = Compare(rtol=1e-7, atol=1e-12)
finite = hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4),
                    elements=st.floats(-1e6, 1e6, allow_nan=False))


@given(finite)
def test_equal_arrays_match(a):
    assert compare_one(a, a.copy(), RULE) is None


@given(finite)
def test_any_change_beyond_tolerance_is_caught(a):
    b = a.copy()
    b.flat[0] += 1e-3 + 1e-6 * abs(b.flat[0])
    assert compare_one(a, b, RULE).reason == "value"


def test_shape_is_strict():
    assert compare_one(np.zeros(3), np.zeros((3, 1)), RULE).reason == "shape"
    assert compare_one(np.zeros(3), np.zeros(()), RULE).reason == "shape"


def test_dtype_kinds():
    assert compare_one(np.array(3), np.array(3.0), RULE).reason == "dtype"
    assert compare_one(np.array(3.0), np.array(3), RULE) is None
    assert compare_one(np.array(1.0), np.array(1 + 0j), RULE).reason == "dtype"


def test_nan_is_matched_only_where_the_reference_says_nan():
    """An undefined result (nan on purpose, e.g. the correlation of a constant)
    is matched by nan; a nan where a number is expected is wrong, except when
    matching a known mistake that fails the same way."""
    e, g = np.array([np.nan, 1.0]), np.array([np.nan, 1.0])
    assert compare_one(e, g, RULE) is None
    assert compare_one(e, np.array([0.0, 1.0]), RULE).reason == "value"  # 0 is not "undefined"
    assert compare_one(np.array([2.0, 1.0]), g, RULE).reason == "nonfinite"
    assert compare_one(np.array([2.0, 1.0]), g, RULE, equal_nan=True).reason == "value"


def test_infinity_equals_only_the_same_infinity():
    assert compare_one(np.array([np.inf]), np.array([np.inf]), RULE) is None
    assert compare_one(np.array([np.inf]), np.array([-np.inf]), RULE) is not None


def test_sign_equivalence_whole_and_rows():
    v = np.array([0.6, -0.8])
    whole = Compare(sign={0: "whole"})
    assert compare_one(v, -v, whole) is None
    assert compare_one(v, np.array([-0.6, -0.8]), whole) is not None
    rows = Compare(sign={0: "rows"})
    m = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert compare_one(m, np.array([[-1.0, 0.0], [0.0, 1.0]]), rows) is None
    assert compare_one(m, np.array([[-1.0, 0.0], [0.0, -1.0]]), Compare()) is not None


def test_a_mistake_is_matched_whatever_the_kind_the_reference_allows():
    """Matching a mistake: its int output still matches a learner's floats
    when the reference's kind (float) accepts them (issue 12)."""
    rule = Compare()
    mistaken, learner, reference = np.array([5]), np.array([5.0]), np.array([5.5])
    assert compare_one(mistaken, learner, rule).reason == "dtype"  # the mistake's own rule alone
    assert compare_one(mistaken, learner, rule, also=reference.dtype.kind) is None
    assert compare_one(mistaken, np.array([6.0]), rule, also="f").reason == "value"  # the values still decide
    assert compare_one(np.array([5]), np.array([True]), rule, also="f").reason == "dtype"  # bool: no rule takes it


def test_lower_float_precision_is_named_only_where_it_explains_the_error():
    from byhand.grading.compare import compare_outputs

    x = np.random.default_rng(0).normal(size=6)
    m = compare_one(x, x.astype(np.float16), RULE)
    assert m.reason == "value" and m.key == "value-precision"
    assert (m.facts["dtype"], m.facts["digits"]) == ("float16", 3)
    assert compare_one(x, x.astype(np.float32), Compare(rtol=1e-9, atol=0)).facts["digits"] == 7
    # a real error in float16 is a plain wrong value; so is float64 a bit off
    assert compare_one(x, (x + 0.1).astype(np.float16), RULE).key == "value"
    assert compare_one(x, x + 1e-3, RULE).key == "value"
    # the same precision in the reference's dtype is no excuse
    assert compare_one(x.astype(np.float32), (x + 1e-3).astype(np.float32), RULE).key == "value"
    # underflow to 0 and overflow to inf of the learner's dtype
    assert compare_one(np.array([1e-9, 1.0]), np.array([0.0, 1.0], np.float16), RULE).key == "value-precision"
    assert compare_one(np.array([1e300]), np.array([np.inf], np.float32), RULE).key == "nonfinite-precision"
    assert compare_one(np.array([1.0]), np.array([np.inf], np.float32), RULE).key == "nonfinite"
    # of several outputs, precision is named only if it explains every wrong one
    both = compare_outputs((x, x), (x.astype(np.float16), x.astype(np.float16)), RULE)
    assert both.output == 0 and both.key == "value-precision"
    one_wrong = compare_outputs((x, x), (x.astype(np.float16), x + 1), RULE)
    assert one_wrong.output == 0 and one_wrong.key == "value"
