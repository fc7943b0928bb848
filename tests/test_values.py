"""The wire format carries data only, and conversion never trusts objects."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

from byhand import Fn
from byhand.grading.values import NotPlain, decode, encode, plain_array, plain_outputs

dtypes = st.sampled_from([np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_, np.complex128])


@given(hnp.arrays(dtype=dtypes, shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)))
def test_arrays_round_trip_exactly(arr):
    back = decode(encode(arr))
    assert type(back) is np.ndarray
    assert back.dtype == arr.dtype and back.shape == arr.shape
    np.testing.assert_array_equal(back, arr)


def test_nested_values_round_trip():
    value = (np.arange(3.0), [1, 2.5, "s", None], {"f": Fn("quadratic")}, float("inf"), float("nan"))
    back = decode(encode(value))
    assert back[1] == [1, 2.5, "s", None] and back[2]["f"] == Fn("quadratic")
    assert back[3] == float("inf") and np.isnan(back[4])


@pytest.mark.parametrize("payload", [
    '{"nd": ["|O", [1], "AAAAAAAAAAA="]}',      # object dtype
    '{"nd": ["<f8", [2], "AAAAAAAAAAA="]}',     # bytes do not match shape
    '{"nd": ["<f8", [-1], ""]}',                # negative dimension
    '{"pickle": "gASVAAAA"}',                   # unknown tag
])
def test_decode_refuses_non_data(payload):
    with pytest.raises(ValueError):
        decode(payload)


def test_plain_accepts_numbers_lists_and_numpy_scalars():
    assert plain_array(1.5).shape == ()
    assert plain_array([[1, 2], [3, 4]]).dtype.kind == "i"
    assert plain_array(np.float32(2)).dtype == np.float32
    assert plain_outputs((1.0, np.zeros(2)), 2)[1].shape == (2,)


@pytest.mark.parametrize("value", [
    "text", None, {"a": 1}, [1, "2"], np.array(["a"]), np.array([object()]),
    [[1, 2], [3]], 10**400,
])
def test_plain_rejects_non_numbers(value):
    with pytest.raises(NotPlain):
        plain_array(value)


def test_plain_rejects_wrong_tuple_length():
    with pytest.raises(NotPlain, match="2 values"):
        plain_outputs((1.0, 2.0), 3)
