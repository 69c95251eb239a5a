"""Helpers for grader authors: call the learner's code in its worker, compare strictly.

A grader is a pytest module running in the grading process, which never imports or
executes learner code. `learner_function()` returns a proxy: calling it sends the
arguments as plain data (`kata.sandbox.codec`) to the learner worker, which runs the
learner's function and sends the result back the same way. Every learner call goes
through `call()` and every check through an `expect_*` helper, so that:

- the learner's file is imported in the worker on first use, and a syntax error, an
  exception, `sys.exit()` or `KeyboardInterrupt` while importing becomes one clear error;
- an exception of the learner's code comes back as its type, message and the learner's
  own frames; a worker that dies (os._exit, a signal, a limit) is an error saying how;
- a missing function is a friendly failure naming the file and the expected `def`;
- an exception, `sys.exit()`, `pytest.skip()` or running out of memory inside the
  learner's function is reported with the call that caused it;
- results arrive as exact built-in types (or plain `numpy.ndarray`), so an object whose
  `__eq__` always returns True cannot pass;
- files the learner must write go to `output_path()` and are read back through
  `fetch_output()`, a private copy that refuses symlinks and special files;
- failure messages show the call with summarized arguments, expected and actual;
- inputs are random but seeded: `rng()` prints `seed=N`, and `INTERVIEW_PREP_SEED=N`
  replays a run.

Graders name the file and function they grade.
"""

from __future__ import annotations

import math
import numbers
import operator
import os
import random
import secrets
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from interview_prep.kata.summarize import Audio, describe_type, format_call, summarize

if TYPE_CHECKING:
    from interview_prep.kata.sandbox.client import WorkerClient

SEED_ENV = "INTERVIEW_PREP_SEED"
MEMORY_ENV = "INTERVIEW_PREP_MEMORY_MB"

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
    "fetch_output",
    "output_path",
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


# --------------------------------------------------------------------------- learner code


_worker: WorkerClient | None = None


def connect(worker: WorkerClient) -> None:
    """Set the run's learner worker (done by the grading process before the tests run)."""
    global _worker
    _worker = worker


def _client() -> WorkerClient:
    if _worker is None:
        raise KataError("no learner worker: graders run through `interview-prep check`")
    return _worker


class LearnerRaised(Exception):
    """An exception of the learner's code, rebuilt from plain data (a subclass of its builtin base)."""

    info: dict[str, Any] = {}


class LearnerAborted(BaseException):
    """The learner's code called sys.exit, raised KeyboardInterrupt, ran out of memory or called pytest."""

    info: dict[str, Any] = {}


_ABORTS = ("exit", "interrupt", "memory", "pytest")
_raised_classes: dict[tuple[str, str], type] = {}


def _rebuild(info: dict[str, Any]) -> BaseException:
    """An exception the grader can inspect: `isinstance(exc, ValueError)` holds if the learner's did."""
    if info.get("kind") in _ABORTS:
        exc: BaseException = LearnerAborted(info.get("message", ""))
    else:
        import builtins

        base = getattr(builtins, str(info.get("builtin", "")), Exception)
        if not (isinstance(base, type) and issubclass(base, Exception)):
            base = Exception
        name = str(info.get("type") or base.__name__)
        if not name.isidentifier():
            name = base.__name__
        cls = _raised_classes.get((name, base.__name__))
        if cls is None:  # named as the learner's class, so messages say LibsndfileError, not RuntimeError
            cls = _raised_classes[(name, base.__name__)] = type(name, (LearnerRaised, base), {})
        exc = cls(info.get("message", ""))
    exc.info = info
    return exc


def _explain_info(info: dict[str, Any], what: str, importing: bool = False) -> str:
    """One clear sentence (and the learner's frames) for an exception of the learner's code."""
    kind = info.get("kind")
    frames = info.get("frames") or []
    at = f" (at {frames[-1][0]}, line {frames[-1][1]})" if frames else ""
    detail = info.get("message", "")
    name = info.get("type", "Exception")
    if kind == "syntax":
        code = f"\n    {info['text']}" if info.get("text") else ""
        column = f", column {info['offset']}" if info.get("offset") else ""
        return f"{info.get('file')} has a syntax error at line {info.get('line')}{column}: {detail}{code}"
    if kind == "exit":
        text = f"{what} called sys.exit({info.get('code', '')}){at}: your code must not end the process; " + (
            "remove the exit" if importing else "return the result instead"
        )
    elif kind == "interrupt":
        text = f"{what} raised KeyboardInterrupt{at}: your code must not interrupt the grader"
    elif kind == "memory":
        limit = os.environ.get(MEMORY_ENV, "")
        cap = f" (limit {limit} MB, from kata.yaml)" if limit else ""
        text = f"{what} ran out of memory{cap}{at}"
    elif kind == "recursion":
        text = f"{what} exceeded Python's recursion limit{at}: look for a recursion without a base case"
    elif kind == "not_implemented":
        text = f"{what} is not implemented yet" + (f": {detail}" if detail else "") + at
    elif kind == "pytest":
        text = f"{what} called pytest ({name}){at}: your code must not control the test run"
    else:
        text = f"{what} raised {name}" + (f": {detail}" if detail else "") + at
    if len(frames) > 1 and kind != "not_implemented":
        trace = [f"    {file}, line {line}, in {fn}" + (f": {src}" if src else "")
                 for file, line, fn, src in frames[-5:]]
        text += "\n  traceback (your code, innermost last):\n" + "\n".join(trace)
    return text


def _reply(header: dict, buffers: list[bytes]) -> dict:
    """Send a request to the worker; print the learner's output; a dead worker is a KataError."""
    from interview_prep.kata.sandbox.client import WorkerGone

    try:
        reply, out = _client().request(header, buffers)
    except WorkerGone as exc:
        raise KataError(
            f"your code ended the learner process: it {exc}; graded functions must return normally"
        ) from None
    output = reply.get("output")
    if output:
        print(output, end="" if output.endswith("\n") else "\n")
    if "protocol_error" in reply:
        raise KataError(f"the learner process broke the grading protocol: {reply['protocol_error']}")
    reply["_buffers"] = out
    return reply


class LearnerFunction:
    """A function of the learner's code, run in the learner worker: `fn(*args)` returns plain data."""

    def __init__(self, name: str, *, filename: str = "", ref: int | None = None):
        self.__name__ = name
        self.filename = filename
        self.ref = ref

    def __repr__(self) -> str:
        return f"<learner function {self.__name__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from interview_prep.kata.sandbox import codec

        args_tree, buffers = codec.encode([_plain(a) for a in args])
        kwargs_tree, more = codec.encode({k: _plain(v) for k, v in kwargs.items()})
        kwargs_tree = _shift(kwargs_tree, len(buffers))
        target = {"ref": self.ref} if self.ref is not None else {"file": self.filename, "name": self.__name__}
        reply = _reply({"op": "call", **target, "args": args_tree, "kwargs": kwargs_tree}, buffers + more)
        if "error" in reply:
            raise _rebuild(reply["error"])
        if "unsendable" in reply:
            raise KataFailure(f"wrong type: {self.__name__} returned a {reply.get('type')}: {reply['unsendable']}")
        try:
            return codec.decode(reply["value"], reply["_buffers"], make_function=_remote)
        except codec.DecodeError as exc:
            raise KataError(f"the result of {self.__name__} could not be read: {exc}") from None


def _remote(ref) -> LearnerFunction:
    return LearnerFunction(ref.name, ref=ref.id)


def _shift(tree: Any, offset: int) -> Any:
    """Renumber buffer indexes of an encoded tree (two trees share one buffer list)."""
    if isinstance(tree, list):
        return [_shift(v, offset) for v in tree]
    if isinstance(tree, dict):
        out = {k: _shift(v, offset) for k, v in tree.items()}
        if "b" in tree and tree.get("$") in ("bytes", "ndarray", "npscalar"):
            out["b"] = tree["b"] + offset
        return out
    return tree


_import_failed: dict[str, str] = {}


def learner_function(filename: str, name: str) -> LearnerFunction:
    """The learner's function `name` from `filename`, or a failure saying what to write.

    The learner's file is imported in the learner worker on first use (never in this
    process); an import problem is a KataError.
    """
    if filename in _import_failed:  # said in full once, by the first test that imported the file
        raise KataError(f"not graded: {filename} could not be imported ({_import_failed[filename]}; "
                        "see the first test)")
    reply = _reply({"op": "lookup", "file": filename, "name": name}, [])
    if "import_error" in reply:
        info = reply["import_error"]
        if info.get("kind") == "missing_file":
            _import_failed[filename] = "it is missing"
            raise KataError(f"{filename} is missing from your kata folder; restore it with `interview-prep reset`")
        _import_failed[filename] = "a syntax error" if info.get("kind") == "syntax" else f"it raised {info.get('type')}"
        raise KataError(_explain_info(info, f"importing {filename}", importing=True))
    if reply.get("kind") == "missing":
        raise KataFailure(
            f"{filename} has no function `{name}`: define `def {name}(...)` with the signature "
            f"given in README.md (check the spelling)"
        )
    if reply.get("kind") == "not_callable":
        raise KataFailure(f"`{name}` in {filename} is a {reply.get('type')}, not a function")
    return LearnerFunction(name, filename=filename)


def disturb_random(n: int) -> None:
    """Draw `n` numbers from the learner process's global generators (random, numpy, torch), as other
    code running between two calls would: a function that relies on a seed set earlier is caught."""
    _reply({"op": "disturb_random", "n": int(n)}, [])


# --------------------------------------------------------------------------- files the learner writes


_outputs: list[int] = []


def output_path(name: str, *, folder: bool = False) -> Path:
    """A fresh path in the learner's work folder for a file (or, with `folder`, an existing
    empty folder) the learner must write."""
    root = _client().outputs
    _outputs.append(0)
    parent = f"{len(_outputs):03d}"
    fd = _outputs_fd(root)
    os.mkdir(parent, dir_fd=fd)
    if folder:
        inner = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        try:
            os.mkdir(name, dir_fd=inner)
        finally:
            os.close(inner)
    return root / parent / name


_fds: dict[Path, int] = {}


def _outputs_fd(root: Path) -> int:
    """A descriptor of the outputs folder opened once: renaming or swapping it later changes nothing."""
    if root not in _fds:
        _fds[root] = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    return _fds[root]


OUTPUT_FILE_CAP = 256 * 1024 * 1024


def fetch_output(path: str | Path) -> Path | None:
    """Copy a file or folder the learner wrote (at a path from `output_path`) into a private folder.

    Symlinks, devices and other special files are refused (a KataFailure), so reading the
    copy with Pillow, soundfile, JSON or safetensors can never be pointed elsewhere.
    Returns the private copy, or None if nothing is there.
    """
    root = _client().outputs
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        raise KataFailure(f"{path} is not the path the grader gave you to write to") from None
    fd = os.dup(_outputs_fd(root))
    private = Path(tempfile.mkdtemp(prefix="output-", dir=_client().inbox.parent / "private"))
    try:
        parts = relative.parts
        for part in parts[:-1]:
            fd = _open_dir(part, fd)
        if fd is None:
            return None
        target = private / parts[-1]
        return target if _copy_entry(parts[-1], fd, target) else None
    finally:
        if fd is not None:
            os.close(fd)


def _open_dir(name: str, parent: int | None) -> int | None:
    if parent is None:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
    except FileNotFoundError:
        fd = None
    except OSError as exc:
        raise KataFailure(f"{name} in your output path is not a plain folder ({exc.strerror})") from None
    finally:
        os.close(parent)
    return fd


def _copy_entry(name: str, parent: int, target: Path) -> bool:
    """Copy `name` (relative to the folder `parent`) to `target`; False if it does not exist."""
    try:
        info = os.stat(name, dir_fd=parent, follow_symlinks=False)
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(info.st_mode):
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
        try:
            target.mkdir()
            for entry in os.listdir(fd):
                _copy_entry(entry, fd, target / entry)
        finally:
            os.close(fd)
        return True
    if not stat.S_ISREG(info.st_mode):
        raise KataFailure(f"{name} is a symlink or a special file; write plain files only")
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=parent)
    try:
        with os.fdopen(fd, "rb", closefd=False) as source, open(target, "wb") as sink:
            copied = 0
            while chunk := source.read(1 << 20):
                copied += len(chunk)
                if copied > OUTPUT_FILE_CAP:
                    raise KataFailure(f"{name} is larger than {OUTPUT_FILE_CAP // (1024 * 1024)} MB")
                sink.write(chunk)
    finally:
        os.close(fd)
    return True


# --------------------------------------------------------------------------- calls


class Returned:
    """What a learner call returned, with the call's text for messages."""

    __slots__ = ("value", "call")

    def __init__(self, value: Any, call: str):
        self.value = value
        self.call = call


def _plain(arg: Any) -> Any:
    return arg.samples if isinstance(arg, Audio) else arg


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Returned:
    """Call a learner function (or a grader function that calls one); anything the learner's
    code raised fails the test with the call in the message.

    Wrap audio arguments in `Audio(samples, sr)` so messages show the sample rate.
    """
    name = str(getattr(fn, "__name__", "function"))
    returned = Returned(None, format_call(name, args, kwargs))
    try:
        returned.value = fn(*args, **kwargs)
    except (LearnerRaised, LearnerAborted) as exc:
        kind = KataError if exc.info.get("kind") == "memory" else KataFailure
        raise kind(_message(returned, _explain_info(exc.info, name))) from None
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
    try:
        actual = _canonical(returned.value, like, "")
    except _Mismatch as exc:
        where = f" at result{exc.path}" if exc.path else ""
        raise KataFailure(_message(returned, f"wrong type{where}: {exc.why}", note=note)) from None
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
    actual = np.array(value, copy=True, subok=False)
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
