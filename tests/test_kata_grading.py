"""Grader helpers: strict comparisons that an `__eq__` trick cannot fool, and clear messages."""

from __future__ import annotations

import numpy as np
import pytest

from interview_prep.kata.grading import (
    KataFailure,
    Returned,
    expect,
    expect_array,
    expect_equal,
    expect_type,
)
from interview_prep.kata.summarize import format_call, summarize


def _returned(value) -> Returned:
    return Returned(value, "f(1)")


def _failure(fn, *args, **kwargs) -> str:
    with pytest.raises(KataFailure) as info:
        fn(*args, **kwargs)
    return str(info.value)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class SneakyStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__

    def __str__(self):
        return "expected"


class SneakyList(list):
    def __iter__(self):
        return iter(["expected"])

    def __len__(self):
        return 1


def test_equal_objects_do_not_fool_the_comparison():
    assert "wrong type: expected a str, got" in _failure(expect_equal, _returned(AlwaysEqual()), "expected")
    assert "actual:   'nonsense'" in _failure(expect_equal, _returned(SneakyStr("nonsense")), "expected")
    assert "expected 1 items, got 2" in _failure(expect_equal, _returned(SneakyList(["a", "b"])), ["expected"])
    message = _failure(expect_equal, _returned({SneakyStr("x"): 1}), {"wer": 1})
    assert "dict keys must be plain str" in message


def test_numbers_follow_the_statement_types():
    assert expect_equal(_returned(2), 2.0) == 2.0  # an int where a float is expected is fine
    assert expect_equal(_returned(np.float32(0.5)), 0.5) == 0.5
    assert "expected an int, got float 2.0" in _failure(expect_equal, _returned(2.0), 2)
    assert "expected an int, got bool" in _failure(expect_equal, _returned(True), 1)
    assert expect_equal(_returned(np.int64(3)), 3) == 3
    assert "expected a float, got str" in _failure(expect_equal, _returned("0.5"), 0.5)
    assert expect_equal(_returned(0.1 + 0.2), 0.3) == pytest.approx(0.3)
    assert "wrong result" in _failure(expect_equal, _returned(0.31), 0.3)


def test_messages_show_call_expected_actual_and_first_difference():
    message = _failure(expect_equal, _returned({"wer": 0.5, "n": 2}), {"wer": 0.25, "n": 2}, note="see the table")
    lines = message.splitlines()
    assert lines[0] == "wrong result at result['wer']: expected 0.25, got 0.5"
    assert lines[1] == "  call:     f(1)"
    assert "expected: {'wer': 0.25, 'n': 2}" in message and "actual:   {'wer': 0.5, 'n': 2}" in message
    assert lines[-1] == "  see the table"
    assert "missing keys ['n']" in _failure(expect_type, _returned({"wer": 0.5}), {"wer": 0.0, "n": 0})
    assert "expected a list, got tuple" in _failure(expect_equal, _returned((1,)), [1])
    assert "lost" in _failure(expect, False, _returned(1), "lost")


def test_arrays_are_checked_by_value_shape_and_dtype():
    want = np.linspace(0, 1, 5, dtype=np.float32)
    assert expect_array(_returned(want.copy()), want).dtype == np.float32
    assert "expected a numpy.ndarray, got list" in _failure(expect_array, _returned(want.tolist()), want)
    assert "wrong shape: expected (5,), got (4,)" in _failure(expect_array, _returned(want[:4]), want)
    assert "wrong dtype: expected float32, got float64" in _failure(
        expect_array, _returned(want.astype(np.float64)), want, dtype="float32"
    )
    bad = want.copy()
    bad[3] = 7.0
    message = _failure(expect_array, _returned(bad), want)
    assert "1 of 5 differ" in message and "first at index (3,): expected 0.75, got 7.0" in message
    nan = want.copy()
    nan[0] = np.nan
    assert "1 values are NaN or infinite" in _failure(expect_array, _returned(nan), want)

    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return np.ones(np.shape(other), dtype=bool)

    assert "differ" in _failure(expect_array, _returned(np.zeros(5, dtype=np.float32).view(Sneaky)), want)


def test_summaries_are_short():
    small = np.zeros((2, 3), dtype=np.int16)
    assert summarize(small) == "ndarray(shape=(2, 3), dtype=int16, values=[[0, 0, 0], [0, 0, 0]])"
    assert summarize("x" * 100).endswith("(100 chars)")
    assert summarize(list(range(10))) == "list[10] [0, 1, 2, 3, …]"
    assert format_call("load_audio", ("x.wav",), {"target_sr": 16000}) == "load_audio('x.wav', target_sr=16000)"


def test_long_paths_keep_their_file_name():
    path = "/tmp/pytest-of-root/pytest-12/test_int16_wav_is_scaled0/inbox/tone-4821.wav"
    shown = summarize(path, limit=40)
    assert shown.endswith("tone-4821.wav'") and shown.startswith("'…")
    assert summarize("x" * 100, limit=40).endswith("(100 chars)")  # prose keeps its beginning
