"""Evidence of a failed test: the clips it used and one PNG that shows what went wrong.

Grader side (the grading process). While a test runs, a grader hands over what it has:

    from interview_prep.kata import evidence

    evidence.clip("query-1", audio, 16000)                       # an input clip (WAV)
    evidence.clip("output", audio, rate, role="output")          # what the learner's code returned
    evidence.waveforms(expected, actual, 16000)                  # waveform + log-mel, expected vs actual
    evidence.asr_alignment(references, hypotheses)               # word alignment (jiwer): S, D, I marked
    evidence.class_scores(truth, expected_scores, actual_scores) # per-class scores against the truth
    evidence.timelines(truth_events, predicted_events)           # event timelines, truth vs prediction

Recording only keeps references (arrays are copied); nothing is written while the test
runs. The reporter calls `begin()` when a test starts and `finish(keep)` when it ended:
for a test that did not pass, the clips are written as WAV (16-bit PCM), the panels are
drawn into one `evidence.png` (matplotlib, Agg, only now) and their data into
`evidence.json`, in `<run evidence folder>/<test>/`; a passing test's records are dropped.
`expected` may be a function of no arguments (a reference synthesis, say): it is called
only when the picture is drawn. Pictures are budgeted: the first failed test of a run
always gets one; a later one only while evidence stays within `SHARE` (10 %) of the
check's time (plus `ALLOWANCE_S`), else the test keeps its clips and `evidence.json`, with
a note. Evidence never changes a verdict: any problem while writing
it is noted in `evidence.json` and otherwise ignored. The run's evidence folder comes
from the runner in `INTERVIEW_PREP_EVIDENCE_DIR`; without it every call does nothing.

App side. `grading_env(run_dir)` is what the runner adds to the grading process's
environment (nothing when `INTERVIEW_PREP_EVIDENCE=off`); after the run, `store()` copies
the files the verdict lists into `paths.data_dir() / "evidence" / <kata-id> / <stamp>`,
keeps the newest `KEEP` attempts per kata and rewrites each test's `evidence` to the stored
paths. `latest()`, `clips()` and `print_folder()` serve `interview-prep play` and `check`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interview_prep.kata.results import Results

DIR_ENV = "INTERVIEW_PREP_EVIDENCE_DIR"  # grading process: the run's evidence folder
SWITCH_ENV = "INTERVIEW_PREP_EVIDENCE"  # app: "off" (or 0, no, false) turns evidence off
KEEP = 5  # attempts kept per kata
MAX_CLIPS = 12  # per test
MAX_PANELS = 6  # per PNG
MAX_CLIP_S = 120.0
SHARE = 0.10  # of the check's time, at most, for pictures after the first
ALLOWANCE_S = 1.0
FILE_CAP = 64 * 1024 * 1024
PNG_NAME = "evidence.png"
DATA_NAME = "evidence.json"
_SAFE = re.compile(r"[^A-Za-z0-9_.=+-]+")


# --------------------------------------------------------------------------- grader side


@dataclass
class _Pending:
    test: str = ""
    clips: list[tuple[str, Any, int, str]] = field(default_factory=list)
    panels: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_pending = _Pending()
_clock: dict[str, Any] = {"start": None, "spent": 0.0, "drawn": []}  # this run: first test, evidence time, pictures


def _root() -> Path | None:
    value = os.environ.get(DIR_ENV, "")
    return Path(value) if value else None


def active() -> bool:
    """True in a grading run that keeps evidence."""
    return _root() is not None


def begin(test: str) -> None:
    """A test starts: forget anything recorded before (called by the reporter)."""
    global _pending
    _pending = _Pending(test=test)
    if _clock["start"] is None:
        _clock["start"] = time.perf_counter()


def _audio(audio: Any) -> Any:
    """A float32 copy, (samples,) or (samples, channels); None if it is not audio-like."""
    import numpy as np

    try:
        array = np.array(audio, copy=True, subok=False)
    except Exception:  # noqa: BLE001 - whatever the learner returned
        return None
    if array.dtype.kind not in "fiub" or array.ndim not in (1, 2) or array.size == 0:
        return None
    if array.dtype.kind in "iu":
        array = array.astype(np.float64) / float(2 ** (8 * array.dtype.itemsize - 1))
    array = np.nan_to_num(array.astype(np.float32), nan=0.0, posinf=1.0, neginf=-1.0)
    if array.ndim == 2 and array.shape[0] < array.shape[1] and array.shape[0] <= 8:
        array = array.T
    return array


def _rate(rate: Any) -> int | None:
    try:
        value = int(rate)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if 1000 <= value <= 384000 else None


def clip(name: str, audio: Any, rate: int, *, role: str = "input") -> None:
    """Keep `audio` at `rate` Hz as `<name>.wav` if the test fails (`role`: input, output, expected)."""
    if not active():
        return
    if len(_pending.clips) >= MAX_CLIPS:
        _pending.notes.append(f"clip {name} not kept: at most {MAX_CLIPS} clips per test")
        return
    if any(kept[0] == _safe(name) for kept in _pending.clips):
        return  # the same clip again (a helper and a test both keep it)
    samples, sample_rate = _audio(audio), _rate(rate)
    if samples is None or sample_rate is None:
        _pending.notes.append(f"clip {name} not kept: not audio at a usable rate ({rate!r})")
        return
    _pending.clips.append((_safe(name), samples, sample_rate, role))


def waveforms(
    expected: Any,
    actual: Any,
    rate: int,
    *,
    actual_rate: int | None = None,
    title: str = "",
    labels: tuple[str, str] = ("expected", "actual"),
    name: str = "",
) -> None:
    """Waveform and log-mel of `expected` (at `rate`) against `actual` (at `actual_rate`, default `rate`).

    `expected` may be a function of no arguments returning the audio (called only on a
    failure). Both clips are also kept as WAV (`<name>-expected.wav`, `<name>-actual.wav`).
    """
    if not active():
        return
    _panel("waveforms", title=title, labels=list(labels), name=_safe(name or f"clip{len(_pending.panels) + 1}"),
           expected=expected if callable(expected) else _audio(expected), actual=_audio(actual), rate=rate,
           actual_rate=actual_rate or rate)


def asr_alignment(reference: str | list[str], hypothesis: str | list[str], *, title: str = "") -> None:
    """Word alignment of reference and hypothesis sentences (jiwer): substitutions, deletions, insertions."""
    if not active():
        return
    references = [reference] if isinstance(reference, str) else [str(r) for r in reference]
    hypotheses = [hypothesis] if isinstance(hypothesis, str) else [str(h) for h in hypothesis]
    _panel("asr_alignment", title=title, references=references, hypotheses=hypotheses)


def class_scores(
    truth: str,
    expected: dict[str, float],
    actual: dict[str, float] | list[tuple[str, float]],
    *,
    predicted: str | None = None,
    title: str = "",
) -> None:
    """Scores per class: `expected` (the truth's scores) against the learner's `actual`; `truth` the true class."""
    if not active():
        return
    pairs = actual.items() if isinstance(actual, dict) else actual
    try:
        mine = {str(label): float(score) for label, score in pairs}
    except (TypeError, ValueError):
        mine = {}
    _panel("class_scores", title=title, truth=str(truth), predicted=None if predicted is None else str(predicted),
           expected={str(k): float(v) for k, v in expected.items()}, actual=mine)


def timelines(
    truth: list[tuple[str, float, float]],
    predicted: list[tuple[str, float, float]],
    *,
    duration: float | None = None,
    title: str = "",
) -> None:
    """Event timelines: the true (label, onset, offset) events against the predicted ones."""
    if not active():
        return

    def events(items) -> list[list]:
        out = []
        for item in items:
            try:
                label, onset, offset = item
                out.append([str(label), float(onset), float(offset)])
            except (TypeError, ValueError):
                continue
        return out

    _panel("timelines", title=title, truth=events(truth), predicted=events(predicted), duration=duration)


def _panel(kind: str, **data: Any) -> None:
    if len(_pending.panels) >= MAX_PANELS:
        _pending.notes.append(f"{kind} panel not drawn: at most {MAX_PANELS} panels per test")
        return
    _pending.panels.append({"kind": kind, **data})


def _safe(name: str) -> str:
    return _SAFE.sub("-", str(name)).strip("-.")[:80] or "item"


def finish(keep: bool) -> list[str]:
    """The test ended: write its evidence if `keep` (it did not pass); the files, relative to the run folder."""
    global _pending
    pending, _pending = _pending, _Pending()
    root = _root()
    if not keep or root is None or not (pending.clips or pending.panels):
        return []
    started = time.perf_counter()
    folder = root / _safe(pending.test or "test")
    written: list[Path] = []
    summary: dict[str, Any] = {"test": pending.test, "clips": [], "panels": [], "notes": list(pending.notes)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, samples, rate, role in pending.clips:
            _keep_clip(folder, name, samples, rate, role, written, summary)
        if pending.panels and _may_draw(started):
            _draw(pending.panels, folder, written, summary)
        elif pending.panels:
            for panel in pending.panels:  # the clips of the panels still, but no lazy work
                if panel["kind"] == "waveforms":
                    _keep_panel_clips(panel, folder, written, summary)
            summary["notes"].append(
                f"no picture for this test: evidence already took {_clock['spent']:.1f} s of this check, and a picture "
                f"costs about {min(_clock['drawn']):.1f} s (at most {SHARE:.0%} of the check's time goes to evidence; "
                "the first failed test always gets its picture)")
    except Exception as exc:  # noqa: BLE001 - evidence never changes a verdict
        summary["notes"].append(f"evidence incomplete: {type(exc).__name__}: {exc}")
    summary["seconds"] = round(time.perf_counter() - started, 3)  # what keeping this evidence cost
    _clock["spent"] += time.perf_counter() - started
    try:
        (folder / DATA_NAME).write_text(json.dumps(summary, indent=1, default=str), encoding="utf-8")
        written.append(folder / DATA_NAME)
    except OSError:
        pass
    return [str(path.relative_to(root)) for path in written if path.is_file()]


def _may_draw(now: float) -> bool:
    """Whether drawing one more picture keeps evidence within SHARE of the check's time (+ ALLOWANCE_S).

    The first failed test always gets its picture; the cost of the next is predicted from
    the cheapest one drawn so far (matplotlib's import, paid once, left out).
    """
    if not _clock["drawn"]:
        return True
    tests_s = max(0.0, now - _clock["start"] - _clock["spent"])
    return _clock["spent"] + min(_clock["drawn"]) <= ALLOWANCE_S + SHARE * tests_s


def _draw(records: list[dict[str, Any]], folder: Path, written: list[Path], summary: dict) -> None:
    started = time.perf_counter()
    import matplotlib.backends.backend_agg  # noqa: F401 - once per run; not part of a picture's predicted cost

    from interview_prep.viz import evidence as figures

    imported = time.perf_counter() - started
    panels = []
    for panel in records:
        try:
            panels.append(_resolve(panel, folder, written, summary))
        except Exception as exc:  # noqa: BLE001 - evidence never changes a verdict
            summary["notes"].append(f"{panel['kind']} panel left out: {type(exc).__name__}: {exc}")
    summary["panels"] = [figures.describe(panel) for panel in panels]
    if panels:
        summary["png_size"] = list(figures.render(panels, folder / PNG_NAME))
        written.append(folder / PNG_NAME)
    _clock["drawn"].append(time.perf_counter() - started - imported)


def _keep_clip(folder: Path, name: str, samples: Any, rate: int, role: str, written: list[Path],
               summary: dict) -> None:
    path = _write_clip(folder, name, samples, rate)
    written.append(path)
    summary["clips"].append({"file": path.name, "role": role, "rate": rate, "seconds": round(len(samples) / rate, 4)})


def _write_clip(folder: Path, name: str, samples: Any, rate: int) -> Path:
    import numpy as np
    import soundfile as sf

    samples = samples[: int(MAX_CLIP_S * rate)]
    path = folder / f"{name}.wav"
    index = 2
    while path.exists():
        path, index = folder / f"{name}-{index}.wav", index + 1
    sf.write(str(path), np.clip(samples, -1.0, 1.0), rate, subtype="PCM_16")
    return path


def _keep_panel_clips(panel: dict[str, Any], folder: Path, written: list[Path], summary: dict) -> None:
    """Write a waveforms panel's clips (those that are arrays by now) as WAV."""
    for which, rate in (("expected", panel["rate"]), ("actual", panel["actual_rate"])):
        if _rate(rate) is not None and panel[which] is not None and not callable(panel[which]):
            _keep_clip(folder, f"{panel['name']}-{which}", panel[which], int(rate), which, written, summary)


def _resolve(panel: dict[str, Any], folder: Path, written: list[Path], summary: dict) -> dict[str, Any]:
    """A panel with its lazy values computed and its clips written."""
    panel = dict(panel)
    if panel["kind"] != "waveforms":
        return panel
    expected = panel["expected"]
    if callable(expected):
        _keep_panel_clips(dict(panel, expected=None), folder, written, summary)  # yours, even if ours fails
        value = expected()
        expected, rate = value if isinstance(value, tuple) else (value, panel["rate"])
        panel["rate"], panel["expected"] = int(rate), _audio(expected)
        _keep_panel_clips(dict(panel, actual=None), folder, written, summary)
    else:
        _keep_panel_clips(panel, folder, written, summary)
    if panel["expected"] is None or panel["actual"] is None:
        raise ValueError("no audio to compare")
    return panel


# --------------------------------------------------------------------------- app side


def enabled() -> bool:
    """Evidence is kept unless `INTERVIEW_PREP_EVIDENCE` is off/0/no/false."""
    return os.environ.get(SWITCH_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def grading_env(run_dir: Path) -> dict[str, str]:
    """Environment for the grading process of a run in `run_dir` (empty when evidence is off)."""
    return {DIR_ENV: str(Path(run_dir) / "evidence")} if enabled() else {}


def kata_folder(kata_id: str) -> Path:
    from interview_prep import paths

    return paths.data_dir() / "evidence" / _safe(kata_id)


def store(kata_id: str, source: Path, results: Results, *, seed: int | None = None, keep: int = KEEP) -> Path | None:
    """Copy the evidence files listed in `results` from the run's `source` folder into the data dir.

    Only plain files the verdict lists are copied (never a symlink, at most FILE_CAP bytes
    each). Each test's `evidence` becomes the stored paths; old attempts beyond `keep` are
    removed. Returns the attempt's folder, or None when no test kept evidence.
    """
    try:
        return _store(kata_id, Path(source), results, seed, keep)
    except Exception:  # noqa: BLE001 - evidence never costs a result
        return None


def _store(kata_id: str, source: Path, results: Results, seed: int | None, keep: int) -> Path | None:
    listed = [(test, list(test.evidence)) for test in results.tests if test.evidence]
    for test, _ in listed:
        test.evidence = []
    if not listed or not Path(source).is_dir():
        return None
    base = kata_folder(kata_id)
    seed = results.seed if seed is None else seed
    now = time.time()  # UTC, to the millisecond: names sort in time order
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}" + (
        f"-seed{seed}" if seed is not None else "")
    target, index = base / stamp, 2
    try:
        base.mkdir(parents=True, exist_ok=True)
        while target.exists():
            target, index = base / f"{stamp}-{index}", index + 1
        target.mkdir()
        (target / "tests.json").write_text(json.dumps([_safe(test.name) for test, _ in listed]), encoding="utf-8")
        for test, files in listed:
            for relative in files:
                copied = _copy_listed(Path(source), relative, target)
                if copied is not None:
                    test.evidence.append(str(copied))
        if not any(test.evidence for test, _ in listed):
            shutil.rmtree(target, ignore_errors=True)
            return None
        prune(kata_id, keep)
    except OSError:
        return None
    return target


def _copy_listed(source: Path, relative: str, target: Path) -> Path | None:
    parts = Path(relative).parts
    if len(parts) != 2 or any(part in ("", ".", "..") or _safe(part) != part for part in parts):
        return None
    try:
        fd = os.open(source / parts[0] / parts[1], os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > FILE_CAP:
            return None
        (target / parts[0]).mkdir(exist_ok=True)
        destination = target / parts[0] / parts[1]
        with os.fdopen(os.dup(fd), "rb") as reader, open(destination, "wb") as writer:
            shutil.copyfileobj(reader, writer)
        return destination
    except OSError:
        return None
    finally:
        os.close(fd)


def attempts(kata_id: str) -> list[Path]:
    """The kata's stored attempts, oldest first."""
    base = kata_folder(kata_id)
    if not base.is_dir():
        return []
    return sorted((p for p in base.iterdir() if p.is_dir() and not p.is_symlink()), key=lambda p: p.name)


def prune(kata_id: str, keep: int = KEEP) -> None:
    """Remove the oldest attempts of a kata beyond the newest `keep`."""
    found = attempts(kata_id)
    for old in found[: max(0, len(found) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def latest(kata_id: str) -> Path | None:
    """The folder of the kata's last failed attempt with evidence, or None."""
    found = attempts(kata_id)
    return found[-1] if found else None


def clips(folder: Path) -> list[Path]:
    """The WAV files of an attempt, in test order (the order `play KATA N` numbers them)."""
    order = {}
    try:
        for index, test in enumerate(json.loads((folder / "tests.json").read_text(encoding="utf-8"))):
            order[_safe(test)] = index
    except (OSError, ValueError, TypeError):
        pass
    tests = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: (order.get(p.name, len(order)), p.name))
    return [wav for test in tests for wav in sorted(test.glob("*.wav"))]


def describe(results: Results) -> str | None:
    """One line naming the evidence folder of a run, or None (for the CLI and the TUI)."""
    folder = getattr(results, "evidence_dir", None)
    if not folder:
        return None
    count = sum(1 for t in results.tests if t.evidence)
    return (f"evidence of {count} failed test{'s' if count != 1 else ''}: {folder} "
            f"(listen: interview-prep play {results.kata_id} N)")


def print_folder(console: Any, results: Results) -> None:
    """Print the evidence line of a run, if it kept evidence (`check` calls it after the results)."""
    line = describe(results)
    if line:
        from rich.text import Text

        console.print(Text(line, style="cyan"), soft_wrap=True)  # the path stays whole, to copy
