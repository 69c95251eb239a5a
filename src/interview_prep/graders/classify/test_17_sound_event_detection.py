"""Grader of kata classify-17-sound-event-detection: window merging, event-based F1, detection.

`merge_windows` and `event_f1` are checked against this module's own implementation of the
statement's rules on random inputs (no input puts a time difference within 1e-3 s of a
collar limit). `detect_events` runs on fresh store scenes and is scored with the statement's
event-based F1 against the scene's truth events.
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
from scipy.optimize import linear_sum_assignment

from interview_prep.audio.events import EVENT_CLASSES
from interview_prep.audio.io import resample
from interview_prep.audio.scenes import make_scene
from interview_prep.kata import evidence
from interview_prep.kata.grading import (
    Audio,
    Returned,
    call,
    expect,
    expect_equal,
    expect_type,
    hint,
    learner_function,
    rng,
)

FILE = "detect.py"
TIME_TOL = 1e-6
MARGIN = 1e-3  # no reference/estimate difference lies this close to a collar limit
SCENE_S, SCENE_SNR_DB = 20.0, 15.0
SCENE_RATES = (16000, 44100)
MIN_SCENE_F1 = 0.75
LABELS = [c for c in EVENT_CLASSES if c != "silence"]

Event = tuple[str, float, float]


# --------------------------------------------------------------------------- truth


def _merge(labels: list[str], hop_s: float, window_s: float, background: str) -> list[Event]:
    start, events, i = (window_s - hop_s) / 2, [], 0
    for label, run in groupby(labels):
        n = len(list(run))
        if label != background:
            events.append((label, start + i * hop_s, start + (i + n) * hop_s))
        i += n
    return events


def _limits(ref: Event, collar_s: float) -> tuple[float, float]:
    return collar_s, max(collar_s, 0.5 * (ref[2] - ref[1]))


def _pairs(reference: list[Event], estimated: list[Event], collar_s: float) -> np.ndarray:
    ok = np.zeros((len(reference), len(estimated)))
    for i, ref in enumerate(reference):
        onset_limit, offset_limit = _limits(ref, collar_s)
        for j, est in enumerate(estimated):
            ok[i, j] = est[0] == ref[0] and abs(est[1] - ref[1]) <= onset_limit and abs(est[2] - ref[2]) <= offset_limit
    return ok


def _f1(reference: list[Event], estimated: list[Event], collar_s: float) -> tuple[float, int]:
    """(F1, true positives) with a maximum one-to-one matching."""
    if not reference and not estimated:
        return 1.0, 0
    ok = _pairs(reference, estimated, collar_s)
    rows, cols = linear_sum_assignment(ok, maximize=True)
    tp = int(ok[rows, cols].sum())
    return 2 * tp / (len(reference) + len(estimated)), tp


def _clear_of_limits(reference: list[Event], estimated: list[Event], collar_s: float) -> bool:
    for ref in reference:
        onset_limit, offset_limit = _limits(ref, collar_s)
        for est in estimated:
            if est[0] != ref[0]:
                continue
            if abs(abs(est[1] - ref[1]) - onset_limit) < MARGIN or abs(abs(est[2] - ref[2]) - offset_limit) < MARGIN:
                return False
    return True


# --------------------------------------------------------------------------- inputs


def _reference(gen: np.random.Generator, count: int, labels: list[str]) -> list[Event]:
    events, t = [], float(gen.uniform(0.0, 2.0))
    for _ in range(count):
        length = float(gen.choice([gen.uniform(0.15, 0.8), gen.uniform(1.0, 4.0)]))
        events.append((str(gen.choice(labels)), round(t, 3), round(t + length, 3)))
        t += length + float(gen.uniform(0.3, 3.0))
    return events


def _estimate(gen: np.random.Generator, reference: list[Event], labels: list[str]) -> list[Event]:
    out = []
    for label, onset, offset in reference:
        roll = gen.random()
        if roll < 0.15:
            continue  # missed
        if roll < 0.25:
            label = str(gen.choice([c for c in labels if c != label]))  # wrong class
        new_onset = onset + float(gen.uniform(-0.9, 0.9))
        new_offset = max(new_onset + 0.05, offset + float(gen.uniform(-1.6, 1.6)))
        out.append((label, round(new_onset, 3), round(new_offset, 3)))
    for _ in range(int(gen.integers(0, 3))):  # false alarms
        t = float(gen.uniform(0.0, 30.0))
        out.append((str(gen.choice(labels)), round(t, 3), round(t + float(gen.uniform(0.2, 2.0)), 3)))
    order = gen.permutation(len(out))
    return [out[i] for i in order]


def _fresh_pair(gen: np.random.Generator, collar_s: float) -> tuple[list[Event], list[Event]]:
    while True:
        reference = _reference(gen, int(gen.integers(4, 9)), LABELS[:4])
        estimated = _estimate(gen, reference, LABELS[:4])
        if _clear_of_limits(reference, estimated, collar_s):
            return reference, estimated


# --------------------------------------------------------------------------- checks


def _check_merge(labels: list[str], hop_s: float, window_s: float, background: str | None = None) -> None:
    fn = learner_function(FILE, "merge_windows")
    if background is None:
        returned = call(fn, labels, hop_s, window_s)
        expected = _merge(labels, hop_s, window_s, "silence")
    else:
        returned = call(fn, labels, hop_s, window_s, background=background)
        expected = _merge(labels, hop_s, window_s, background)
    first = (window_s - hop_s) / 2
    note = (
        f"window i describes [{first:g} + i*{hop_s:g}, {first:g} + (i+1)*{hop_s:g}] s "
        f"(its {hop_s:g} s centre); expected {len(expected)} events"
    )
    expect_equal(returned, expected, abs_tol=TIME_TOL, rel_tol=0.0, note=note)


def _check_f1(reference: list[Event], estimated: list[Event], collar_s: float | None = None) -> Returned:
    assert all(on < off for _, on, off in [*reference, *estimated]), "grader's own events must start before they end"
    fn = learner_function(FILE, "event_f1")
    collar = 0.5 if collar_s is None else collar_s
    returned = call(fn, reference, estimated) if collar_s is None else call(fn, reference, estimated, collar_s=collar_s)
    f1, tp = _f1(reference, estimated, collar)
    note = (
        f"{len(reference)} reference and {len(estimated)} estimated events; the maximum one-to-one matching "
        f"has {tp} true positives -> F1 = 2*{tp}/({len(reference)}+{len(estimated)}) = {f1:.4f}"
    )
    expect_equal(returned, f1, abs_tol=1e-9, rel_tol=0.0, note=note)
    return returned


@hint(1)
def test_merge_windows_runs():
    gen = rng()
    labels = ["silence"] * 2 + ["scanner_beep"] * 3 + ["silence", "door_chime", "door_chime", "cash_drawer"]
    shift = int(gen.integers(0, 4))
    _check_merge(["silence"] * shift + labels, 0.25, 1.0)


@hint(1)
def test_merge_windows_random():
    gen = rng()
    for hop_s, window_s in ((0.25, 1.0), (0.5, 1.0), (0.1, 0.96)):
        runs = [(str(gen.choice(["silence", *LABELS[:3]])), int(gen.integers(1, 6))) for _ in range(8)]
        _check_merge([label for label, n in runs for _ in range(n)], hop_s, window_s)


@hint(1)
def test_merge_windows_other_background():
    gen = rng()
    labels = [str(c) for c in gen.choice(["background_music", "scanner_beep", "door_chime"], size=20)]
    _check_merge(labels, 0.25, 1.0, background="background_music")


@hint(1)
def test_merge_windows_no_windows():
    _check_merge([], 0.25, 1.0)


@hint(2)
def test_f1_identical_and_empty():
    gen = rng()
    reference = _reference(gen, 5, LABELS)
    _check_f1(reference, list(reversed(reference)))
    _check_f1([], [])
    _check_f1(reference, [])
    _check_f1([], reference[:2])


@hint(2)
def test_f1_label_and_onset_collar():
    gen = rng()
    label, other = (str(c) for c in gen.choice(LABELS, size=2, replace=False))
    t = round(float(gen.uniform(1.0, 20.0)), 3)
    reference = [(label, t, t + 0.4), (label, t + 5.0, t + 5.3)]
    # wrong label; onset 0.62 s late (its offset, 0.4 s late, is within the collar)
    estimated = [(other, t + 0.1, t + 0.5), (label, t + 5.0 + 0.62, t + 5.3 + 0.4)]
    _check_f1(reference, estimated)
    _check_f1(reference, [(label, t - 0.45, t + 0.3), (label, t + 5.0 - 0.3, t + 5.3 + 0.45)])  # both inside


@hint(2)
def test_f1_offset_collar_grows_with_length():
    gen = rng()
    label = str(gen.choice(LABELS))
    t = round(float(gen.uniform(1.0, 20.0)), 3)
    reference = [(label, t, t + 4.0)]  # offset collar max(0.5, 2.0) = 2.0 s
    _check_f1(reference, [(label, t + 0.2, t + 4.0 - 1.5)])
    _check_f1(reference, [(label, t + 0.2, t + 4.0 + 2.3)])


@hint(3)
def test_f1_matches_one_to_one():
    gen = rng()
    label = str(gen.choice(LABELS))
    t = round(float(gen.uniform(1.0, 20.0)), 3)
    reference = [(label, t, t + 0.5)]
    _check_f1(reference, [(label, t + 0.1, t + 0.6), (label, t - 0.1, t + 0.4)])  # two estimates, one reference


@hint(3)
def test_f1_needs_the_largest_matching():
    gen = rng()
    label = str(gen.choice(LABELS))
    t = round(float(gen.uniform(1.0, 20.0)), 3)
    # A can match X or Y, B only X; X is A's nearest and first: greedy matching A-X loses B.
    reference = [(label, t, t + 1.0), (label, t + 0.45, t + 1.45)]
    _check_f1(reference, [(label, t + 0.1, t + 1.1), (label, t - 0.3, t + 0.7)])


@hint(2)
def test_f1_random_scenes():
    gen = rng()
    for collar_s in (0.5, 0.5, 0.25):
        reference, estimated = _fresh_pair(gen, collar_s)
        _check_f1(reference, estimated, collar_s=None if collar_s == 0.5 else collar_s)


def _events(returned: Returned) -> list[Event]:
    """The learner's events, checked to be (str, number, number) tuples with onset < offset."""
    value = returned.value
    expect(isinstance(value, list), returned, f"expected a list of (label, onset, offset) tuples, got "
           f"{type(value).__name__}")
    out = []
    for item in value:
        expect(isinstance(item, tuple) and len(item) == 3, returned,
               f"every event must be a (label, onset, offset) tuple, got {item!r}"[:200])
        label, onset, offset = expect_type(Returned(item, returned.call), ("", 0.0, 0.0))
        expect(onset < offset, returned, f"event {item!r} ends before it starts")
        out.append((label, onset, offset))
    return out


def _shown(events: list[Event]) -> str:
    return ", ".join(f"{label} {onset:.2f}-{offset:.2f}" for label, onset, offset in events)


@hint(4)
def test_detect_events_in_store_scenes():
    gen = rng()
    fn = learner_function(FILE, "detect_events")
    tp = n_ref = n_est = 0
    lines, last, beyond, in_gaps = [], None, 0, 0
    for rate in SCENE_RATES:
        scene = make_scene(seed=int(gen.integers(1 << 30)), duration=SCENE_S, snr_db=SCENE_SNR_DB, use_cache=False)
        audio = scene.audio if rate == scene.sample_rate else resample(scene.audio, scene.sample_rate, rate)
        evidence.clip(f"scene-{rate}hz", audio, rate)
        last = call(fn, Audio(audio, rate), rate)
        estimated = _events(last)
        reference = [(e.label, e.onset, e.offset) for e in scene.events]
        f1, hits = _f1(reference, estimated, 0.5)
        evidence.timelines(reference, estimated, duration=SCENE_S,
                           title=f"scene at {rate} Hz: truth vs your events (F1 {f1:.2f})")
        beyond += sum(offset > SCENE_S + 0.5 for _, _, offset in estimated)
        in_gaps += sum(all(offset <= r[1] or onset >= r[2] for r in reference) for _, onset, offset in estimated)
        tp, n_ref, n_est = tp + hits, n_ref + len(reference), n_est + len(estimated)
        lines += [f"scene at {rate} Hz: F1 {f1:.2f}", f"  truth: {_shown(reference)}", f"  yours: {_shown(estimated)}"]
    pooled = 2 * tp / (n_ref + n_est) if n_ref + n_est else 1.0
    print(f"event-based F1 over both scenes: {pooled:.3f}")
    if beyond:
        lines.append(f"{beyond} detected events end after the {SCENE_S:g} s recording: times must be seconds of the "
                     "input; resample it to 16000 Hz before cutting windows")
    elif in_gaps > 2:
        lines.append(f"{in_gaps} detected events lie entirely between true events, where the recording holds only "
                     "store ambience: gate out windows that are not louder than the ambience")
    expect(pooled >= MIN_SCENE_F1, last,
           f"event-based F1 over both scenes is {pooled:.3f} ({tp} matched of {n_ref} true and {n_est} detected "
           f"events); at least {MIN_SCENE_F1} needed", "\n  ".join(lines))
