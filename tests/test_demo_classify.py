"""The classification demo, run for real: events (at SNRs hard enough for real confusions) and
distinct feedback sentences scored against their truth, no empty classes, plots checked; and the
demo on the learner's own file."""

from __future__ import annotations

import numpy as np
import pytest
from demo_checks import artist, check_pngs, heights

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from interview_prep.demos.classify import run

    demo = run(out_dir=tmp_path_factory.mktemp("classify-demo"), count=4, seed=3)
    yield demo
    demo.close()


def check_stats(stats: dict) -> None:
    """Counts, confusion matrix and accuracy agree with the per-clip results."""
    clips, labels = stats["clips"], stats["labels"]
    truth, predicted = [c["truth"] for c in clips], [c["predicted"] for c in clips]
    matrix = np.array(stats["confusion"])
    assert stats["truth_counts"] == {label: truth.count(label) for label in labels}
    assert stats["predicted_counts"] == {label: predicted.count(label) for label in labels}
    assert matrix.sum(axis=1).tolist() == list(stats["truth_counts"].values())
    assert matrix.sum(axis=0).tolist() == list(stats["predicted_counts"].values())
    for t, p in zip(truth, predicted, strict=True):
        assert matrix[labels.index(t), labels.index(p)] >= 1
    assert stats["accuracy"] == pytest.approx(np.trace(matrix) / len(clips), abs=1e-4)
    assert stats["accuracy"] == pytest.approx(np.mean([t == p for t, p in zip(truth, predicted, strict=True)]),
                                              abs=1e-4)


def test_sound_events_match_their_truth(result):
    from interview_prep.audio.events import EVENT_CLASSES
    from interview_prep.demos.classify import EVENTS_PER_CLASS

    events = result.report["events"]
    check_stats(events)
    assert events["labels"] == list(EVENT_CLASSES)
    assert events["truth_counts"] == dict.fromkeys(EVENT_CLASSES, EVENTS_PER_CLASS)  # a balanced set
    assert EVENTS_PER_CLASS >= 5 and events["snr_db"][1] <= 0  # enough clips, in noise as loud as the event
    assert all(c["predicted"] in EVENT_CLASSES and 0 < c["score"] <= 1 for c in events["clips"])
    assert 0.4 <= events["accuracy"] < 1  # far above chance (1/9), yet real confusions to learn from
    matrix = np.array(events["confusion"])
    assert matrix.sum() - np.trace(matrix) >= 3


def test_feedback_sentiment_matches_its_truth(result):
    from interview_prep.audio.feedback import make_feedback
    from interview_prep.sentiment import text_sentiment

    feedback = result.report["feedback"]
    check_stats(feedback)
    for i, clip in enumerate(feedback["clips"]):
        truth = make_feedback(seed=clip["seed"], sentiment=("positive", "negative")[i % 2])
        assert (clip["truth"], clip["text"]) == (truth.sentiment, truth.text)
        assert clip["predicted"] == text_sentiment(clip["transcript"]).label  # the cascade's own verdict
    assert len({clip["text"] for clip in feedback["clips"]}) == len(feedback["clips"]) == 4  # no sentence twice
    assert feedback["accuracy"] >= 0.75  # clear words survive ASR


def test_classes_that_neither_occur_nor_are_predicted_are_left_out(result):
    from interview_prep.demos.classify import summarize

    for task in ("events", "feedback"):
        stats = result.report[task]
        assert all(stats["truth_counts"][label] or stats["predicted_counts"][label] for label in stats["labels"])
    feedback = result.report["feedback"]
    assert ("neutral" in feedback["labels"]) == any(c["predicted"] == "neutral" for c in feedback["clips"])
    stats = summarize(["positive", "negative"], ["positive", "positive"], ["positive", "negative", "neutral"])
    assert stats["labels"] == ["positive", "negative"] and stats["confusion"] == [[1, 0], [1, 0]]


def test_plots_are_valid_pngs_of_the_reported_numbers(result):
    check_pngs(result)
    assert set(result.pngs) == {"events_distribution", "events_confusion", "feedback_distribution",
                                "feedback_confusion"}
    for task in ("events", "feedback"):
        stats = result.report[task]
        distribution = result.figures[f"{task}_distribution"]
        assert heights(distribution, "truth") == list(stats["truth_counts"].values())
        assert heights(distribution, "predicted") == list(stats["predicted_counts"].values())
        image = artist(result.figures[f"{task}_confusion"], "matrix")
        assert np.asarray(image.get_array()).tolist() == stats["confusion"]
        assert [t.get_text() for t in result.figures[f"{task}_confusion"].axes[0].get_yticklabels()] == stats["labels"]


def test_own_file_gets_events_per_window_and_the_sentiment_of_its_speech(tmp_path):
    import soundfile

    from interview_prep.audio.events import make_event_clip
    from interview_prep.audio.feedback import make_feedback
    from interview_prep.demos.classify import run

    speech = make_feedback(seed=11, sentiment="negative")
    chime = make_event_clip("door_chime", seed=1).audio
    soundfile.write(tmp_path / "shop.ogg", np.concatenate([chime, speech.audio, chime]), 16000)
    demo = run(out_dir=tmp_path / "out", file=tmp_path / "shop.ogg")
    windows = demo.report["windows"]
    seconds = demo.report["audio_seconds"]
    assert windows[0]["start"] == 0 and windows[-1]["start"] == pytest.approx(seconds - 1, abs=0.01)
    assert all(b["start"] - a["start"] <= 0.5 + 1e-6 for a, b in zip(windows, windows[1:], strict=False))
    assert windows[0]["label"] == "door_chime" and windows[-1]["label"] == "door_chime"
    assert "customer_speech" in demo.report["event_counts"]
    assert demo.report["sentiment"] == "negative" and demo.report["transcript"]
    check_pngs(demo)
    image = artist(demo.figures["event_timeline"], "scores")
    assert np.asarray(image.get_array()).shape == (9, len(windows))
