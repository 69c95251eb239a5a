"""Key points in the app's quiz: typed notes are scored, missed points shown with the model answer,
and the proposed self-rating is focused, so Enter accepts it (any other rating can be chosen)."""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import Markdown, Static
from tui_support import BANK, app_for, settle

from interview_prep.progress import reviews as review_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.models import OpenQuestion
from interview_prep.tui.screens.quiz import QuizScreen

pytestmark = pytest.mark.anyio

KEY_POINTS = """    key_points:
      - point: Chunk the audio into 30 s pieces
        accept: [chunk, "30 s"]
      - point: Overlap the chunks with a stride
        patterns: ['stride', 'overlap']
      - point: Merge the pieces with timestamps
        accept: [merge, timestamp]
"""


def bank_with_key_points(tmp_path):
    """The fixture bank, its open question given three key points."""
    folder = tmp_path / "bank"
    shutil.copytree(BANK, folder)
    path = folder / "asr.yaml"
    text = path.read_text()
    anchor = "      Chunk with `chunk_length_s=30` and a stride, batch the chunks, merge with timestamps.\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + KEY_POINTS))
    return folder


def markdown_source(widget: Markdown) -> str:
    return widget.source


@pytest.mark.parametrize(("notes", "proposed", "label"), [
    ("I would chunk it", 2, "Hard"),
    ("chunk it, overlap with a stride", 3, "Good"),
])
async def test_notes_are_scored_and_enter_accepts_the_proposed_rating(tmp_path, notes, proposed, label):
    app = app_for(bank=bank_with_key_points(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        while not isinstance(screen.session.current, OpenQuestion):
            await pilot.press("?", "enter")
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press(*notes, "ctrl+s")
        await pilot.pause()
        assert screen.state == "rating"
        assert f"proposed: {proposed} {label}" in str(screen.query_one("#verdict", Static).render())
        assert pilot.app.focused.id == f"rate-{proposed}"
        body = markdown_source(screen.query_one("#feedback-body", Markdown))
        assert "missed:** Merge the pieces with timestamps" in body and "**Model answer**" in body
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state == "feedback"
        assert "missed:** Merge the pieces" in markdown_source(screen.query_one("#feedback-body", Markdown))
    with open_store() as store:
        [open_review] = [r for r in review_rows.reviews(store) if r.correct is None]
    assert open_review.rating == proposed


async def test_the_learner_can_override_the_proposal_and_empty_notes_propose_nothing(tmp_path):
    app = app_for(bank=bank_with_key_points(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        while not isinstance(screen.session.current, OpenQuestion):
            await pilot.press("?", "enter")
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "proposed" not in str(screen.query_one("#verdict", Static).render())
        assert pilot.app.focused.id == "rate-3"
        await pilot.press("4")
        await pilot.pause()
    with open_store() as store:
        [open_review] = [r for r in review_rows.reviews(store) if r.correct is None]
    assert open_review.rating == 4
