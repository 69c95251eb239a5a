"""The plain-data codec between the grader process and the learner worker (never pickle).

A message is a JSON header followed by raw buffers (array and bytes contents):

    u32 header length | header JSON | for each buffer: u64 length | bytes

Values that cross: None, bool, int, float, str, bytes, list, tuple, dict with str keys,
numpy arrays and scalars of bool/int/uint/float/complex dtypes, `pathlib.Path`, `Ref` (a
handle to a function the worker keeps, e.g. a classifier the learner returned), and a
matplotlib Figure as its plain description (`figures`).
Types are kept exactly (tuple vs list, bool vs int, float32 vs float64); subclasses of
built-in types arrive as their base type, read with the base type's own methods, so a
learner's `__eq__` or `__iter__` never reaches the grader. Anything else, an object
dtype, or a message over the size cap is an `EncodeError`/`DecodeError` with the reason.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, BinaryIO

MAX_BYTES = 1024 * 1024 * 1024  # one message, header and buffers together
MAX_HEADER = 64 * 1024 * 1024
MAX_DEPTH = 64
_NUMERIC_KINDS = "biufc"
SUPPORTED = (
    "None, bool, int, float, str, bytes, list, tuple, dict with str keys, numpy arrays of numbers or bools, "
    "pathlib.Path"
)


class EncodeError(TypeError):
    """A value that cannot cross (unsupported type, object dtype, too large, too deep)."""


class DecodeError(ValueError):
    """A malformed or oversized message."""


@dataclass(frozen=True)
class Ref:
    """A function kept by the worker, called through the proxy by its id."""

    id: int
    name: str


def _numpy():
    import sys

    return sys.modules.get("numpy")


def type_name(value: Any) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


class _Encoder:
    def __init__(self, limit: int, make_ref):
        self.buffers: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.make_ref = make_ref

    def _buffer(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise EncodeError(f"the value is larger than the {self.limit // (1024 * 1024)} MB limit")
        self.buffers.append(data)
        return len(self.buffers) - 1

    def encode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise EncodeError(f"the value is nested more than {MAX_DEPTH} levels deep")
        if value is None or type(value) is bool:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return {"$": "int", "v": str(int.__int__(value))}
        if isinstance(value, float):
            return {"$": "float", "v": float.hex(float.__float__(value))}
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, bytes | bytearray):
            return {"$": "bytes", "b": self._buffer(bytes(memoryview(value)))}
        if isinstance(value, tuple):
            return {"$": "tuple", "v": [self.encode(v, depth + 1) for v in tuple.__iter__(value)]}
        if isinstance(value, list):
            return [self.encode(v, depth + 1) for v in list.__iter__(value)]
        if isinstance(value, dict):
            out = {}
            for key, item in dict.items(value):
                if not isinstance(key, str):
                    raise EncodeError(f"dict keys must be str, got {type_name(key)}")
                out[str.__str__(key)] = self.encode(item, depth + 1)
            return {"$": "dict", "v": out}
        if isinstance(value, PurePath):
            return {"$": "path", "v": str(PurePath(*value.parts))}
        if isinstance(value, Ref):
            return {"$": "ref", "id": value.id, "name": value.name}
        np = _numpy()
        if np is not None and isinstance(value, np.ndarray | np.generic):
            return self._numpy(np, value)
        from interview_prep.kata.sandbox import figures

        if figures.is_figure(value):
            return {"$": "figure", "v": self.encode(figures.describe(value), depth + 1)}
        if callable(value) and self.make_ref is not None:
            return self.encode(self.make_ref(value), depth)
        raise EncodeError(f"got {type_name(value)}, which cannot be sent to the grader (supported: {SUPPORTED})")

    def _numpy(self, np, value) -> dict:
        scalar = isinstance(value, np.generic)
        array = np.array(value, copy=True, subok=False, order="C")
        if array.dtype.kind not in _NUMERIC_KINDS or array.dtype.fields is not None:
            raise EncodeError(f"numpy dtype {array.dtype} cannot be sent (only numbers and bools)")
        return {
            "$": "npscalar" if scalar else "ndarray",
            "dtype": array.dtype.str,
            "shape": list(array.shape),
            "b": self._buffer(array.tobytes()),
        }


def encode(value: Any, *, limit: int = MAX_BYTES, make_ref=None) -> tuple[Any, list[bytes]]:
    """(JSON-able tree, buffers) for `value`; `make_ref(fn) -> Ref` lets callables cross as handles."""
    encoder = _Encoder(limit, make_ref)
    return encoder.encode(value), encoder.buffers


def decode(tree: Any, buffers: list[bytes], *, make_function=None) -> Any:
    """The value encoded as `tree`; `make_function(Ref)` turns handles into callables."""

    def walk(node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH + 1:
            raise DecodeError("nested too deeply")
        if node is None or type(node) in (bool, str):
            return node
        if type(node) is list:
            return [walk(v, depth + 1) for v in node]
        if type(node) is not dict:
            raise DecodeError(f"unexpected JSON {type(node).__name__}")
        tag = node.get("$")
        if tag == "int":
            return int(node["v"])
        if tag == "float":
            return float.fromhex(node["v"])
        if tag == "tuple":
            return tuple(walk(v, depth + 1) for v in node["v"])
        if tag == "dict":
            return {str(k): walk(v, depth + 1) for k, v in node["v"].items()}
        if tag == "bytes":
            return bytes(_buffer(node))
        if tag == "path":
            from pathlib import Path

            return Path(str(node["v"]))
        if tag == "ref":
            ref = Ref(int(node["id"]), str(node["name"]))
            return make_function(ref) if make_function is not None else ref
        if tag == "figure":
            from interview_prep.kata.sandbox.figures import Figure

            return Figure(walk(node["v"], depth + 1))
        if tag in ("ndarray", "npscalar"):
            return _array(node, tag == "npscalar")
        raise DecodeError(f"unknown tag {tag!r}")

    def _buffer(node: dict) -> bytes:
        index = node["b"]
        if type(index) is not int or not 0 <= index < len(buffers):
            raise DecodeError("bad buffer index")
        return buffers[index]

    def _array(node: dict, scalar: bool):
        import numpy as np

        try:
            dtype = np.dtype(str(node["dtype"]))
        except TypeError as exc:
            raise DecodeError(f"bad dtype: {exc}") from None
        if dtype.kind not in _NUMERIC_KINDS or dtype.fields is not None or dtype.subdtype is not None:
            raise DecodeError(f"dtype {dtype} is not allowed")
        shape = tuple(int(n) for n in node["shape"])
        data = _buffer(node)
        count = 1
        for n in shape:
            if n < 0:
                raise DecodeError("negative dimension")
            count *= n
        if count * dtype.itemsize != len(data):
            raise DecodeError("array size does not match its buffer")
        array = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        return array[()] if scalar else array

    try:
        return walk(tree, 0)
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        if isinstance(exc, DecodeError):
            raise
        raise DecodeError(f"malformed message: {type(exc).__name__}: {exc}") from None


# --------------------------------------------------------------------------- framing


def write_message(stream: BinaryIO, header: dict, buffers: list[bytes] = ()) -> None:
    """Write one framed message and flush."""
    head = json.dumps({**header, "nbuf": len(buffers)}, allow_nan=True).encode()
    parts = [struct.pack("<I", len(head)), head]
    for data in buffers:
        parts += [struct.pack("<Q", len(data)), data]
    stream.write(b"".join(parts))
    stream.flush()


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the other process closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_message(stream: BinaryIO, *, limit: int = MAX_BYTES) -> tuple[dict, list[bytes]]:
    """Read one framed message: (header, buffers); EOFError when the sender is gone."""
    (size,) = struct.unpack("<I", _read_exact(stream, 4))
    if size > MAX_HEADER:
        raise DecodeError(f"header of {size} bytes is over the limit")
    try:
        header = json.loads(_read_exact(stream, size))
    except ValueError as exc:
        raise DecodeError(f"header is not JSON: {exc}") from None
    if type(header) is not dict:
        raise DecodeError("header is not an object")
    count = header.get("nbuf", 0)
    if type(count) is not int or count < 0:
        raise DecodeError("bad buffer count")
    buffers, total = [], size
    for _ in range(count):
        (length,) = struct.unpack("<Q", _read_exact(stream, 8))
        total += length
        if total > limit:
            raise DecodeError(f"message over the {limit // (1024 * 1024)} MB limit")
        buffers.append(_read_exact(stream, length))
    return header, buffers
