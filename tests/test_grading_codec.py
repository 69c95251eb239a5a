"""The plain-data codec between grader and learner worker: exact types, no pickle, caps."""

from __future__ import annotations

import io

import numpy as np
import pytest

from interview_prep.kata.grading import LearnerAborted, _explain_info, _rebuild
from interview_prep.kata.sandbox import codec


def _round_trip(value):
    tree, buffers = codec.encode(value)
    stream = io.BytesIO()
    codec.write_message(stream, {"value": tree}, buffers)
    stream.seek(0)
    header, out = codec.read_message(stream)
    return codec.decode(header["value"], out)


def test_types_survive_exactly():
    value = {
        "t": (1, 2.5, True, None, "x"),
        "l": [1, [2, (3,)]],
        "b": b"\x00\xff",
        "f32": np.arange(6, dtype=np.float32).reshape(2, 3),
        "i16": np.array([-1, 2], dtype=np.int16),
        "bool": np.array([True, False]),
        "scalar": np.float32(0.25),
        "nan": float("nan"),
        "neg0": -0.0,
        "big": 2**80,
    }
    back = _round_trip(value)
    assert type(back["t"]) is tuple and [type(v) for v in back["t"]] == [int, float, bool, type(None), str]
    assert type(back["l"]) is list and type(back["l"][1][1]) is tuple
    assert back["b"] == b"\x00\xff"
    assert back["f32"].dtype == np.float32 and back["f32"].shape == (2, 3)
    assert np.array_equal(back["f32"], value["f32"])
    assert back["i16"].dtype == np.int16 and back["bool"].dtype == np.bool_
    assert type(back["scalar"]) is np.float32 and back["scalar"] == np.float32(0.25)
    assert back["nan"] != back["nan"] and str(back["neg0"]) == "-0.0" and back["big"] == 2**80


def test_subclasses_arrive_as_their_base_type_without_running_their_methods():
    calls = []

    class Sneaky(str):
        def __eq__(self, other):
            calls.append("eq")
            return True

        def __str__(self):
            calls.append("str")
            return "forged"

        __hash__ = str.__hash__

    class Many(list):
        def __iter__(self):
            calls.append("iter")
            return iter(["forged"])

    back = _round_trip([Sneaky("real"), Many([1, 2])])
    assert back == ["real", [1, 2]] and type(back[0]) is str and type(back[1]) is list
    assert calls == []


@pytest.mark.parametrize(
    "value, why",
    [
        (np.array([object()], dtype=object), "dtype object"),
        (object(), "cannot be sent"),
        ({1: "x"}, "keys must be str"),
        (print, "cannot be sent"),
    ],
)
def test_refuses_what_cannot_cross(value, why):
    with pytest.raises(codec.EncodeError, match=why):
        codec.encode(value)


def test_caps_size_and_depth():
    with pytest.raises(codec.EncodeError, match="larger than"):
        codec.encode(np.zeros(1024 * 1024, dtype=np.float64), limit=1024 * 1024)
    nested: list = []
    for _ in range(codec.MAX_DEPTH + 5):
        nested = [nested]
    with pytest.raises(codec.EncodeError, match="nested"):
        codec.encode(nested)


def test_malformed_messages_are_refused_not_executed():
    with pytest.raises(codec.DecodeError):
        codec.decode({"$": "ndarray", "dtype": "|O", "shape": [1], "b": 0}, [b"\x00" * 8])
    with pytest.raises(codec.DecodeError):
        codec.decode({"$": "ndarray", "dtype": "<f4", "shape": [3], "b": 0}, [b"\x00" * 8])
    with pytest.raises(codec.DecodeError):
        codec.decode({"$": "pickle", "v": "gASVAAAAAAAAAAA="}, [])
    stream = io.BytesIO((10**9).to_bytes(4, "little"))
    with pytest.raises(codec.DecodeError, match="over the limit"):
        codec.read_message(stream)


def test_learner_exceptions_are_rebuilt_for_inspection():
    raised = _rebuild({"kind": "raised", "type": "BadFile", "builtin": "ValueError", "message": "x.wav", "frames": []})
    assert isinstance(raised, ValueError) and str(raised) == "x.wav" and type(raised).__name__ == "BadFile"
    aborted = _rebuild({"kind": "exit", "type": "SystemExit", "builtin": "SystemExit", "message": "", "code": "3"})
    assert isinstance(aborted, LearnerAborted) and not isinstance(aborted, Exception)
    frames = [["f.py", 3, "outer", "inner()"], ["f.py", 7, "inner", "1 / 0"]]
    text = _explain_info({"kind": "raised", "type": "ZeroDivisionError", "message": "division by zero",
                          "frames": frames}, "f")
    assert text.startswith("f raised ZeroDivisionError: division by zero (at f.py, line 7)")
    assert "f.py, line 3, in outer: inner()" in text
