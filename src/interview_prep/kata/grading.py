"""Helpers for grader authors: import the learner's code safely, call it, compare strictly.

A grader is a pytest module; every learner call goes through `call()` and every check
through an `expect_*` helper, so that:

- the learner's file is imported inside a test (never at collection), and a syntax
  error, an exception, `sys.exit()` or `KeyboardInterrupt` while importing becomes one
  clear error;
- a missing function is a friendly failure naming the file and the expected `def`;
- an exception, `sys.exit()`, `pytest.skip()` or running out of memory inside the
  learner's function is reported with the call that caused it;
- results are compared by value after conversion to exact built-in types (or a plain
  `numpy.ndarray`), so an object whose `__eq__` always returns True cannot pass;
- failure messages show the call with summarized arguments, expected and actual;
- inputs are random but seeded: `rng()` prints `seed=N`, and `INTERVIEW_PREP_SEED=N`
  replays a run.

The grading process sets `INTERVIEW_PREP_SOLUTION_DIR` to the folder holding the
learner's files; graders name the file and function they grade.
"""

from __future__ import annotations

import copy
import math
import numbers
import operator
import os
import random
import resource
import secrets
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import pytest

from interview_prep.kata.summarize import Audio, describe_type, format_call, summarize

_PYTEST_OUTCOMES = (pytest.skip.Exception, pytest.fail.Exception, pytest.exit.Exception, pytest.xfail.Exception)
SOLUTION_DIR_ENV = "INTERVIEW_PREP_SOLUTION_DIR"
SEED_ENV = "INTERVIEW_PREP_SEED"

__all__ = [
    "Audio",
    "KataError",
    "KataFailure",
    "Returned",
    "call",
    "expect",
    "expect_array",
    "expect_equal",
    "expect_type",
    "hint",
    "learner_function",
    "learner_module",
    "pyrandom",
    "rng",
    "seed",
]


class KataFailure(AssertionError):
    """The learner's code ran but gave a wrong answer or raised: the test fails."""


class KataError(Exception):
    """The learner's code could not be graded at all (not importable, out of memory)."""


def hint(number: int) -> pytest.MarkDecorator:
    """Mark a test with the hint that helps when it fails (`@hint(2)`)."""
    return pytest.mark.hint(number)


# --------------------------------------------------------------------------- seeds


_state: dict[str, int] = {}


def seed() -> int:
    """The run's seed: `INTERVIEW_PREP_SEED` if set, else a fresh random one (then exported)."""
    if "seed" not in _state:
        value = os.environ.get(SEED_ENV, "").strip()
        _state["seed"] = int(value) if value.isdigit() else secrets.randbelow(1_000_000)
        os.environ[SEED_ENV] = str(_state["seed"])
    return _state["seed"]


def _salted(salt: str) -> list[int]:
    test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
    print(f"seed={seed()}")
    return [seed(), zlib.crc32(f"{test}|{salt}".encode())]


def rng(salt: str = ""):
    """A numpy Generator seeded from the run seed and the current test (prints the seed)."""
    import numpy as np

    return np.random.default_rng(_salted(salt))


def pyrandom(salt: str = "") -> random.Random:
    """A `random.Random` seeded like `rng()`."""
    a, b = _salted(salt)
    return random.Random(a * 2**32 + b)


# --------------------------------------------------------------------------- tamper guard

#: set by the reporter (before any learner code runs) to its tripwire's check and restore
_tripwire_check: Callable[[], list[str]] | None = None
_tripwire_restore: Callable[[], None] | None = None


def _verify(what: str) -> None:
    """Raise KataError if `what` (learner code that just ran) patched the grading machinery."""
    check = _tripwire_check
    changed = check() if check is not None else []
    if changed:
        restore = _tripwire_restore
        if restore is not None:
            restore()
        raise KataError(
            f"{what} changed the grading machinery ({', '.join(changed)}): graded code must only "
            "compute its result, not patch the grader, pytest or the libraries they use"
        )


# --------------------------------------------------------------------------- learner code


def solution_dir() -> Path:
    value = os.environ.get(SOLUTION_DIR_ENV)
    if not value:
        raise KataError(f"{SOLUTION_DIR_ENV} is not set: graders run through `interview-prep check`")
    return Path(value)


_modules: dict[str, ModuleType | KataError] = {}


def learner_module(filename: str) -> ModuleType:
    """Import the learner's `filename` (once per run); import problems become a KataError."""
    cached = _modules.get(filename)
    if cached is None:
        try:
            cached = _import(solution_dir() / filename)
        except KataError as exc:
            cached = exc
        _modules[filename] = cached
    if isinstance(cached, KataError):
        raise KataError(str(cached))
    return cached


def _import(path: Path) -> ModuleType:
    import importlib.util

    name = path.stem
    if not path.is_file():
        raise KataError(f"{path.name} is missing from {path.parent}; restore it with `interview-prep reset`")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise KataError(f"{path.name} cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    what = f"importing {path.name}"
    failure: KataError | None = None
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "")
        code = f"\n    {exc.text.rstrip()}" if exc.text else ""
        failure = KataError(f"{path.name} has a syntax error at {where}: {exc.msg}{code}")
    except BaseException as exc:  # noqa: B036 - the learner's code may raise anything, even SystemExit
        failure = KataError(_explain(exc, what, path.name, importing=True))
        _release(exc)
    if failure is not None:
        sys.modules.pop(name, None)
        raise failure
    _verify(what)
    return module


def _release(exc: BaseException) -> None:
    """Drop the locals of the frames an exception holds (a memory bomb's hoard, say)."""
    import traceback

    traceback.clear_frames(exc.__traceback__)  # frames still running (ours) are skipped


def learner_function(filename: str, name: str) -> Callable[..., Any]:
    """The learner's function `name` from `filename`, or a failure saying what to write."""
    module = learner_module(filename)
    fn = module.__dict__.get(name)
    if fn is None:
        raise KataFailure(
            f"{filename} has no function `{name}`: define `def {name}(...)` with the signature "
            f"given in README.md (check the spelling)"
        )
    if not callable(fn):
        raise KataFailure(f"`{name}` in {filename} is a {describe_type(fn)}, not a function")
    return fn


def _memory_limit_mb() -> int | None:
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft // (1024 * 1024)


def _location(tb: TracebackType | None) -> str:
    """`file.py, line N` of the innermost frame in the learner's folder (or '')."""
    try:
        root = solution_dir().resolve()
    except KataError:
        return ""
    found = ""
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename)
        if filename.parent.resolve() == root:
            found = f"{filename.name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: B036 - a learner's exception class may misbehave in __str__
        return "<unprintable>"


def _explain(exc: BaseException, what: str, filename: str = "", importing: bool = False) -> str:
    """One clear sentence for anything the learner's code raised while `what`."""
    where = _location(exc.__traceback__)
    at = f" (at {where})" if where else ""
    kind = type(exc).__name__
    if isinstance(exc, SystemExit):
        return f"{what} called sys.exit({exc.code!r}){at}: your code must not end the process; " + (
            "remove the exit" if importing else "return the result instead"
        )
    if isinstance(exc, KeyboardInterrupt):
        return f"{what} raised KeyboardInterrupt{at}: your code must not interrupt the grader"
    if isinstance(exc, MemoryError):
        limit = _memory_limit_mb()
        cap = f" (limit {limit} MB, from kata.yaml)" if limit else ""
        return f"{what} ran out of memory{cap}{at}"
    if isinstance(exc, RecursionError):
        return f"{what} exceeded Python's recursion limit{at}: look for a recursion without a base case"
    if isinstance(exc, NotImplementedError):
        detail = _safe_str(exc)
        return f"{what} is not implemented yet" + (f": {detail}" if detail else "") + at
    if isinstance(exc, _PYTEST_OUTCOMES):
        return f"{what} called pytest ({kind}){at}: your code must not control the test run"
    detail = _safe_str(exc)
    return f"{what} raised {kind}" + (f": {detail}" if detail else "") + at


# --------------------------------------------------------------------------- calls


class Returned:
    """What a learner call returned, with the call's text for messages."""

    __slots__ = ("value", "call")

    def __init__(self, value: Any, call: str):
        self.value = value
        self.call = call


def _plain(arg: Any, copy_args: bool) -> Any:
    value = arg.samples if isinstance(arg, Audio) else arg
    if not copy_args:
        return value
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def call(fn: Callable[..., Any], *args: Any, copy_args: bool = True, **kwargs: Any) -> Returned:
    """Call a learner function with (deep copies of) the arguments; anything it raises fails.

    Wrap audio arguments in `Audio(samples, sr)` so messages show the sample rate.
    """
    name = str(getattr(fn, "__name__", "function"))
    returned = Returned(None, format_call(name, args, kwargs))
    real_args = [_plain(a, copy_args) for a in args]
    real_kwargs = {k: _plain(v, copy_args) for k, v in kwargs.items()}
    failure: Exception | None = None
    try:
        returned.value = fn(*real_args, **real_kwargs)
    except BaseException as exc:  # noqa: B036 - sys.exit, KeyboardInterrupt, pytest outcomes: all fail
        kind = KataError if isinstance(exc, MemoryError) else KataFailure
        failure = kind(_message(returned, _explain(exc, name)))
        _release(exc)
    if failure is not None:
        raise failure  # outside the except block: no reference to the learner's frames survives
    _verify(returned.call)
    return returned


# --------------------------------------------------------------------------- comparisons


class _Mismatch(Exception):
    def __init__(self, path: str, why: str):
        super().__init__(why)
        self.path = path
        self.why = why


_PLAIN_TYPES = (str, int, float, bool, type(None))


def _is_plain(value: Any) -> bool:
    """True if `value` is made of exact built-in types only (converting it runs no learner code)."""
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return True
    if kind is list or kind is tuple:
        return all(map(_is_plain, value))
    if kind is dict:
        return all(type(k) is str and _is_plain(v) for k, v in value.items())
    return False


def _canonical(actual: Any, expected: Any, path: str) -> Any:
    """Convert `actual` to exact built-in types shaped like `expected`, or raise _Mismatch.

    Only built-in methods are used on the learner's objects, so overriding `__eq__`,
    `__iter__` or `__len__` in a subclass changes nothing.
    """
    if expected is None:
        if actual is not None:
            raise _Mismatch(path, f"expected None, got {describe_type(actual)}")
        return None
    if isinstance(expected, bool):
        if type(actual) is bool:
            return actual
        if type(actual) is _numpy_bool():
            return bool(actual)
        raise _Mismatch(path, f"expected a bool, got {describe_type(actual)}")
    if isinstance(expected, numbers.Integral):
        if isinstance(actual, bool) or not isinstance(actual, numbers.Integral):
            raise _Mismatch(path, f"expected an int, got {describe_type(actual)} {_safe_summary(actual)}")
        return int(operator.index(actual))
    if isinstance(expected, float):
        if isinstance(actual, bool) or not isinstance(actual, numbers.Real):
            raise _Mismatch(path, f"expected a float, got {describe_type(actual)} {_safe_summary(actual)}")
        return float(actual)
    if isinstance(expected, str):
        if not isinstance(actual, str):
            raise _Mismatch(path, f"expected a str, got {describe_type(actual)} {_safe_summary(actual)}")
        return str.__str__(actual)
    if isinstance(expected, list | tuple):
        kind = type(expected)
        if not isinstance(actual, kind):
            raise _Mismatch(path, f"expected a {kind.__name__}, got {describe_type(actual)}")
        items = list(kind.__iter__(actual))
        if len(items) != len(expected):
            raise _Mismatch(path, f"expected {len(expected)} items, got {len(items)}")
        return kind(_canonical(a, e, f"{path}[{i}]") for i, (a, e) in enumerate(zip(items, expected, strict=True)))
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            raise _Mismatch(path, f"expected a dict, got {describe_type(actual)}")
        pairs = list(dict.items(actual))
        keys = [k for k, _ in pairs]
        if any(type(k) is not str for k in keys):
            raise _Mismatch(path, "dict keys must be plain str")
        missing = [k for k in expected if k not in set(keys)]
        extra = [k for k in keys if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing keys {missing}")
            if extra:
                parts.append(f"unexpected keys {extra}")
            raise _Mismatch(path, "; ".join(parts))
        got = dict(pairs)
        return {k: _canonical(dict.__getitem__(got, k), v, f"{path}[{k!r}]") for k, v in expected.items()}
    raise TypeError(f"expect_equal cannot compare {type(expected).__name__} values; use expect_array")


def _numpy_bool() -> type:
    numpy = sys.modules.get("numpy")
    return numpy.bool_ if numpy is not None else bool


def _safe_summary(value: Any) -> str:
    try:
        return summarize(value)
    except BaseException:  # noqa: B036 - learner objects can misbehave
        return ""


def _differs(actual: Any, expected: Any, rel_tol: float, abs_tol: float, path: str) -> tuple[str, Any, Any] | None:
    """First difference between two canonical values as (path, actual, expected), or None."""
    if isinstance(expected, float):
        if math.isnan(expected) and math.isnan(actual):
            return None
        return None if math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol) else (path, actual, expected)
    if isinstance(expected, list | tuple):
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            found = _differs(a, e, rel_tol, abs_tol, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(expected, dict):
        for key, e in expected.items():
            found = _differs(actual[key], e, rel_tol, abs_tol, f"{path}[{key!r}]")
            if found:
                return found
        return None
    return None if type(actual) is type(expected) and actual == expected else (path, actual, expected)


def _message(returned: Returned, headline: str, details: list[str] = (), note: str | None = None) -> str:
    """`headline`, then the call, the details (expected/actual…) and an optional note."""
    lines = [headline, f"  call:     {returned.call}", *(f"  {line}" for line in details)]
    if note:
        lines.append(f"  {note}")
    return "\n".join(lines)


def expect(condition: bool, returned: Returned, problem: str, note: str | None = None) -> None:
    """Fail with `problem` (and the call) unless `condition` holds."""
    if not condition:
        raise KataFailure(_message(returned, problem, note=note))


def expect_type(returned: Returned, like: Any, note: str | None = None) -> Any:
    """Check that the returned value is built like `like` (same types, keys and lengths).

    Returns it converted to exact built-in types, safe to compare and compute with.
    """
    plain = _is_plain(returned.value)
    try:
        actual = _canonical(returned.value, like, "")
    except _Mismatch as exc:
        where = f" at result{exc.path}" if exc.path else ""
        raise KataFailure(_message(returned, f"wrong type{where}: {exc.why}", note=note)) from None
    except BaseException as exc:  # noqa: B036 - conversion ran the learner's __float__/__index__
        raise KataFailure(_message(returned, _explain(exc, "converting the result"), note=note)) from None
    if not plain:  # converting ran methods of the learner's own types
        _verify(f"converting the result of {returned.call}")
    return actual


def expect_equal(
    returned: Returned,
    expected: Any,
    *,
    rel_tol: float = 1e-9,
    abs_tol: float = 1e-9,
    note: str | None = None,
) -> Any:
    """Check a returned value against `expected` (str, int, float, bool, None, list, tuple, dict).

    Types must match the statement (an int where a float is expected is accepted; a
    float where an int is expected is not). Floats compare with `math.isclose`.
    Returns the value converted to built-in types.
    """
    actual = expect_type(returned, expected, note)
    found = _differs(actual, expected, rel_tol, abs_tol, "")
    if found:
        path, got, want = found
        lines = [f"expected: {summarize(expected, limit=200)}", f"actual:   {summarize(actual, limit=200)}"]
        headline = "wrong result"
        if path:
            headline = f"wrong result at result{path}: expected {summarize(want)}, got {summarize(got)}"
        raise KataFailure(_message(returned, headline, lines, note))
    return actual


def expect_array(
    returned: Returned,
    expected: Any,
    *,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    dtype: str | None = None,
    note: str | None = None,
):
    """Check a returned `numpy.ndarray` against `expected`: shape, dtype, finite, allclose.

    `dtype` ('float32', …) is required exactly when given; otherwise the kind (float,
    int, bool) must match `expected`. Returns the value as a plain ndarray.
    """
    import numpy as np

    value = returned.value
    if not isinstance(value, np.ndarray):
        raise KataFailure(
            _message(returned, f"wrong type: expected a numpy.ndarray, got {describe_type(value)}", note=note)
        )
    try:
        actual = np.array(value, copy=True, subok=False)
    except BaseException as exc:  # noqa: B036 - an ndarray subclass can run learner code
        raise KataFailure(_message(returned, _explain(exc, "converting the result"), note=note)) from None
    if type(value) is not np.ndarray:
        _verify(f"converting the result of {returned.call}")
    expected = np.asarray(expected)
    if actual.dtype == object:
        raise KataFailure(_message(returned, "wrong type: expected a numeric array, got dtype=object", note=note))
    if dtype is not None and actual.dtype != np.dtype(dtype):
        raise KataFailure(_message(returned, f"wrong dtype: expected {dtype}, got {actual.dtype}", note=note))
    kinds = {"u": "i"}
    if dtype is None and kinds.get(actual.dtype.kind, actual.dtype.kind) != kinds.get(
        expected.dtype.kind, expected.dtype.kind
    ):
        raise KataFailure(
            _message(returned, f"wrong dtype: expected a {expected.dtype} array, got {actual.dtype}", note=note)
        )
    if actual.shape != expected.shape:
        raise KataFailure(_message(returned, f"wrong shape: expected {expected.shape}, got {actual.shape}", note=note))
    if actual.dtype.kind == "f" and not np.all(np.isfinite(actual)):
        bad = int(np.size(actual) - np.count_nonzero(np.isfinite(actual)))
        raise KataFailure(_message(returned, f"{bad} values are NaN or infinite", note=note))
    close = np.isclose(actual.astype(np.float64), expected.astype(np.float64), atol=atol, rtol=rtol)
    if not np.all(close):
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        diff = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
        headline = (
            f"wrong values: {int(np.size(close) - np.count_nonzero(close))} of {np.size(close)} differ "
            f"(atol={atol:g}, rtol={rtol:g}); max abs difference {float(diff.max()):.4g}"
        )
        lines = [
            f"first at index {index}: expected {expected[index].item()!r}, got {actual[index].item()!r}",
            f"expected: {summarize(expected)}",
            f"actual:   {summarize(actual)}",
        ]
        raise KataFailure(_message(returned, headline, lines, note))
    return actual
