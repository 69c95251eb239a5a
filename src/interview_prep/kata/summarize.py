"""Short, readable summaries of values for failure messages.

Arrays show shape, dtype and (when known) sample rate and duration instead of their
contents; long strings and containers are cut. Works without importing numpy or torch
(array-likes are recognised by their `shape` and `dtype` attributes).
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping, Sequence
from typing import Any

MAX_TEXT = 60
MAX_ITEMS = 4


class Audio:
    """An audio argument: the samples plus their sample rate, for summaries.

    Graders wrap audio arguments in it (`grading.call(fn, Audio(x, 16000))`); the call
    passes the bare samples to the learner's function.
    """

    __slots__ = ("samples", "sr")

    def __init__(self, samples: Any, sr: int):
        self.samples = samples
        self.sr = int(sr)


def _is_array(value: Any) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype") and not isinstance(value, type)


def _array(value: Any, sr: int | None = None) -> str:
    kind = type(value).__name__
    shape = tuple(int(n) for n in value.shape)
    dtype = str(value.dtype).removeprefix("torch.")
    parts = [f"shape={shape}", f"dtype={dtype}"]
    if sr:
        frames = shape[0] if shape else 0
        parts.append(f"sr={sr} Hz ({frames / sr:.2f} s)")
    size = 1
    for n in shape:
        size *= n
    if 0 < size <= 6 and hasattr(value, "tolist"):
        parts.append(f"values={value.tolist()!r}")
    return f"{kind}({', '.join(parts)})"


def _text(value: str, limit: int) -> str:
    """A string cut to `limit`; a path keeps its end (the file's name, not a temporary folder)."""
    if len(value) <= limit:
        return repr(value)
    if "/" in value and "\n" not in value and " " not in value.strip():
        return repr("…" + value[-(limit - 1):])
    return repr(value[: limit - 1] + "…") + f" ({len(value)} chars)"


def summarize(value: Any, *, sr: int | None = None, limit: int = MAX_TEXT) -> str:
    """One-line summary of `value` (arrays: shape, dtype, sample rate; long values cut)."""
    if isinstance(value, Audio):
        return summarize(value.samples, sr=value.sr, limit=limit)
    if _is_array(value):
        return _array(value, sr)
    if isinstance(value, str):
        return _text(value, limit)
    if isinstance(value, bytes | bytearray):
        return f"{type(value).__name__}[{len(value)}]"
    if isinstance(value, Mapping):
        keys = list(value)[:MAX_ITEMS]
        items = ", ".join(f"{summarize(k, limit=20)}: {summarize(value[k], limit=20)}" for k in keys)
        more = ", …" if len(value) > MAX_ITEMS else ""
        return f"{{{items}{more}}}" if len(value) <= MAX_ITEMS else f"dict[{len(value)}] {{{items}{more}}}"
    if isinstance(value, list | tuple) and isinstance(value, Sequence):
        head = ", ".join(summarize(v, limit=20) for v in value[:MAX_ITEMS])
        if len(value) <= MAX_ITEMS:
            return f"[{head}]" if isinstance(value, list) else f"({head}{',' if len(value) == 1 else ''})"
        return f"{type(value).__name__}[{len(value)}] [{head}, …]"
    if isinstance(value, float):
        return repr(round(value, 6)) if abs(value) >= 1e-4 or value == 0 else f"{value:.3e}"
    text = _safe_repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _safe_repr(value: Any) -> str:
    """repr() that never raises or runs for long (learner objects can misbehave)."""
    try:
        return reprlib.repr(value)
    except Exception:
        return f"<{type(value).__name__} object>"


def format_call(name: str, args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None) -> str:
    """`name(arg, kw=value)` with every argument summarized."""
    parts = [summarize(a) for a in args]
    parts += [f"{k}={summarize(v)}" for k, v in (kwargs or {}).items()]
    return f"{name}({', '.join(parts)})"


def describe_type(value: Any) -> str:
    """`numpy.ndarray`, `str`, `torch.Tensor`…: the qualified type name of a value."""
    kind = type(value)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module.split('.')[0]}.{kind.__qualname__}"
