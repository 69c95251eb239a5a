"""The learner worker: imports the learner's module and runs the calls the grader sends.

Started by the grader process (inside bubblewrap where it can) as
`python -I -B -m interview_prep.kata.sandbox.worker WORK_DIR`, with the request channel
on stdin and the reply channel on stdout. Before any learner code runs, both channels
move to private descriptors, stdin becomes /dev/null and stdout/stderr go to a capture
file whose new text is returned with each reply (the learner's prints). Nothing here
holds a verdict, an expected value or a key: the worker only computes what it is asked.

Requests (framed by `codec`): `lookup` (file, name), `call` (file and name, or ref;
args, kwargs), `preload` (model names, library modules to import), `disturb_random` (draw from the global random
generators, as other code would between two calls). Replies: `value`, or `error` (an exception of
the learner's code, described as plain data), plus `output`.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from interview_prep.kata.sandbox import codec

OUTPUT_CAP = 16 * 1024


class _Capture:
    """fd 1 and 2 redirected to one unlinked file; `take()` returns what was written since."""

    def __init__(self) -> None:
        handle = tempfile.TemporaryFile(prefix="output-")
        self.fd = os.dup(handle.fileno())
        handle.close()
        os.dup2(self.fd, 1)
        os.dup2(self.fd, 2)
        self.offset = 0

    def take(self) -> str:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - the learner may have replaced or closed them
                pass
        try:
            end = os.fstat(self.fd).st_size
            start = max(self.offset, end - OUTPUT_CAP) if end >= self.offset else 0
            data = os.pread(self.fd, end - start, start) if end > start else b""
        except OSError:
            return ""
        dropped = start - self.offset if start > self.offset else 0
        self.offset = end
        text = data.decode("utf-8", "replace")
        return f"[{dropped} earlier bytes of output cut]\n{text}" if dropped else text


def _learner_frames(tb, root: Path) -> list[list]:
    frames = []
    for frame, line in traceback.walk_tb(tb):
        path = Path(frame.f_code.co_filename)
        if path.parent == root:
            frames.append([path.name, line, frame.f_code.co_name])
    return frames


def _source_line(root: Path, name: str, line: int) -> str:
    try:
        return (root / name).read_text(encoding="utf-8", errors="replace").splitlines()[line - 1].strip()
    except (OSError, IndexError):
        return ""


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: B036 - a learner's exception class may misbehave in __str__
        return "<unprintable>"


def describe(exc: BaseException, root: Path) -> dict[str, Any]:
    """The learner's exception as plain data: kind, class, builtin base, message, learner frames."""
    if isinstance(exc, SystemExit):
        kind = "exit"
    elif isinstance(exc, KeyboardInterrupt):
        kind = "interrupt"
    elif isinstance(exc, MemoryError):
        kind = "memory"
    elif isinstance(exc, RecursionError):
        kind = "recursion"
    elif isinstance(exc, NotImplementedError):
        kind = "not_implemented"
    elif any(c.__name__ in ("OutcomeException", "Exit") for c in type(exc).__mro__):  # pytest.skip/fail/exit
        kind = "pytest"
    elif isinstance(exc, SyntaxError) and exc.filename and Path(exc.filename).parent == root:
        kind = "syntax"
    else:
        kind = "raised"
    builtin = next((c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins"), "Exception")
    info: dict[str, Any] = {
        "kind": kind,
        "type": type(exc).__name__,
        "builtin": builtin,
        "message": _safe_str(exc)[:2000],
        "frames": [[n, line, fn, _source_line(root, n, line)]
                   for n, line, fn in _learner_frames(exc.__traceback__, root)],
    }
    if kind == "exit":
        info["code"] = repr(exc.code)[:200]
    if kind == "syntax":
        info.update(file=Path(exc.filename).name, line=exc.lineno, offset=exc.offset, text=(exc.text or "").rstrip())
    return info


class Worker:
    """The request loop (one request at a time)."""

    def __init__(self, root: Path, requests, replies):
        self.root = root
        self.requests = requests
        self.replies = replies
        self.modules: dict[str, ModuleType | dict] = {}
        self.refs: dict[int, Any] = {}
        self.capture = _Capture()

    def _ref(self, fn: Any) -> codec.Ref:
        ref = codec.Ref(len(self.refs) + 1, str(getattr(fn, "__name__", type(fn).__name__))[:100])
        self.refs[ref.id] = fn
        return ref

    def module(self, filename: str) -> ModuleType | dict:
        """The learner's module, imported once; an import failure is remembered as its description."""
        if filename not in self.modules:
            self.modules[filename] = self._import(self.root / filename)
        return self.modules[filename]

    def _import(self, path: Path) -> ModuleType | dict:
        import importlib.util

        if path.parent != self.root or not path.is_file():
            return {"kind": "missing_file", "type": "", "builtin": "", "message": path.name, "frames": []}
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: B036 - the learner's code may raise anything, even SystemExit
            sys.modules.pop(path.stem, None)
            info = describe(exc, self.root)
            traceback.clear_frames(exc.__traceback__)
            return info
        return module

    def handle(self, header: dict, buffers: list[bytes]) -> tuple[dict, list[bytes]]:
        op = header.get("op")
        if op == "preload":
            from interview_prep import models

            for name in header.get("models", []):
                getattr(models, f"{name}_pipeline")()
            for name in header.get("imports", []):
                try:
                    importlib.import_module(str(name))
                except Exception:  # noqa: BLE001 - a missing library is reported when the learner's code imports it
                    pass
            return {"ok": True}, []
        if op == "disturb_random":  # other code drawing from the global generators between two calls
            import random

            n = int(header.get("n", 1))
            random.random()
            if "numpy" in sys.modules:
                sys.modules["numpy"].random.random(n)
            if "torch" in sys.modules:
                sys.modules["torch"].rand(n)
            return {"ok": True}, []
        if op == "lookup":
            module = self.module(str(header["file"]))
            if isinstance(module, dict):
                return {"import_error": module}, []
            fn = module.__dict__.get(str(header["name"]), None)
            kind = "missing" if fn is None else "function" if callable(fn) else "not_callable"
            return {"kind": kind, "type": codec.type_name(fn)}, []
        if op == "call":
            return self._call(header, buffers)
        return {"protocol_error": f"unknown op {op!r}"}, []

    def _call(self, header: dict, buffers: list[bytes]) -> tuple[dict, list[bytes]]:
        if "ref" in header:
            fn = self.refs.get(int(header["ref"]))
        else:
            module = self.module(str(header["file"]))
            fn = None if isinstance(module, dict) else module.__dict__.get(str(header["name"]))
        if fn is None or not callable(fn):
            return {"protocol_error": "no such function"}, []
        args = codec.decode(header["args"], buffers, make_function=lambda ref: self.refs.get(ref.id))
        kwargs = codec.decode(header["kwargs"], buffers, make_function=lambda ref: self.refs.get(ref.id))
        failure = None
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: B036 - sys.exit, KeyboardInterrupt, pytest outcomes: all reported
            failure = describe(exc, self.root)
            traceback.clear_frames(exc.__traceback__)
        if failure is not None:
            return {"error": failure}, []
        try:
            tree, out = codec.encode(result, make_ref=self._ref)
        except BaseException as exc:  # noqa: B036 - converting ran the learner's own methods
            message = str(exc) if isinstance(exc, codec.EncodeError) else f"{type(exc).__name__}: {_safe_str(exc)}"
            return {"unsendable": message[:500], "type": codec.type_name(result)}, []
        return {"value": tree}, out

    def serve(self) -> None:
        codec.write_message(self.replies, {"ready": True, "pid": os.getpid()})
        while True:
            try:
                header, buffers = codec.read_message(self.requests)
            except EOFError:
                return
            try:
                reply, out = self.handle(header, buffers)
            except codec.DecodeError as exc:
                reply, out = {"protocol_error": str(exc)}, []
            reply["output"] = self.capture.take()
            codec.write_message(self.replies, reply, out)


#: caches the grading process filled (read-only here) -> the variable naming this worker's writable copy
SEEDS = {"INTERVIEW_PREP_MPL_SEED": "MPLCONFIGDIR", "INTERVIEW_PREP_NUMBA_SEED": "NUMBA_CACHE_DIR"}


def _copy_seeds() -> None:
    """Start from the grading process's matplotlib font cache and the published numba kernels (no
    rebuild per run); a copy that fails is removed whole (a partial numba cache can crash)."""
    import shutil

    for seed_var, target_var in SEEDS.items():
        seed, target = os.environ.pop(seed_var, ""), os.environ.get(target_var)
        if seed and os.path.isdir(seed) and target:
            try:
                shutil.copytree(seed, target, dirs_exist_ok=True)
            except (OSError, shutil.Error):
                shutil.rmtree(target, ignore_errors=True)


def main(argv: list[str]) -> None:
    root = Path(argv[0]).resolve()
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - the process's stdin for its whole life
    _copy_seeds()
    os.chdir(root)
    worker = Worker(root, requests, replies)
    worker.serve()


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(0)
