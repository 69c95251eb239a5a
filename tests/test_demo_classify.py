"""The classification demo, run for real: events and feedback scored against their truth, plots checked."""

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
    assert all(c["predicted"] in EVENT_CLASSES and 0 < c["score"] <= 1 for c in events["clips"])
    assert events["accuracy"] >= 0.5  # far above chance (1/9): the real trained classifier


def test_feedback_sentiment_matches_its_truth(result):
    from interview_prep.audio.feedback import make_feedback
    from interview_prep.sentiment import text_sentiment

    feedback = result.report["feedback"]
    check_stats(feedback)
    for i, clip in enumerate(feedback["clips"]):
        truth = make_feedback(seed=3000 + i, sentiment=("positive", "negative")[i % 2])
        assert (clip["truth"], clip["text"]) == (truth.sentiment, truth.text)
        assert clip["predicted"] == text_sentiment(clip["transcript"]).label  # the cascade's own verdict
    assert feedback["accuracy"] >= 0.75  # clear words survive ASR


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
