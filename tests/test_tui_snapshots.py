"""Snapshots of every screen at 80x24 (pytest-textual-snapshot; `--snapshot-update` to accept).

Content, clock and time zone are fixed (fixture bank and katas, 10 March 2025 UTC), the
cursor does not blink, and nothing shown depends on timing.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from tui_support import BANK, KATA, NOW, app_for, kata_content, settle, workspace_for

from interview_prep.progress import katas as kata_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler
from interview_prep.tui.screens.kata_detail import KataDetailScreen

SIZE = (80, 24)


def press(*keys: str):
    """A run_before that presses keys, then waits for workers and a refresh."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def open_kata(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(KataDetailScreen(KATA))
        await settle(pilot)
        await press(*keys)(pilot)

    return run_before


@pytest.fixture
def workspace(tmp_path, isolated_home):
    katas = kata_content(tmp_path)
    return katas, workspace_for(katas, isolated_home)


@pytest.fixture
def history():
    """Two weeks of reviews and a few graded attempts, at fixed times."""
    questions = load_bank(BANK).questions
    with open_store() as store:
        for day in range(10):
            for i, question in enumerate(questions[: 1 + day % 4]):
                right = (day + i) % 3 != 0
                when = NOW - timedelta(days=day, minutes=i)
                record_answer(
                    store, Scheduler(), question, Rating.GOOD if right else Rating.AGAIN,
                    correct=right, answer="a", duration_s=5.0, now=when,
                )
        for seconds, status in [(2.1, "fail"), (1.4, "fail"), (3.2, "error"), (1.8, "pass")]:
            kata_rows.record_attempt(
                store, KATA, started_at=NOW.isoformat(), duration_s=seconds, status=status, results_json="{}"
            )


class TestDashboard:
    def test_dark(self, snap_compare):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press())

    def test_light(self, snap_compare):
        assert snap_compare(app_for(theme="textual-light"), terminal_size=SIZE, run_before=press())

    def test_help(self, snap_compare):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("question_mark"))

    def test_large_terminal_adds_the_review_forecast(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=(200, 50), run_before=press())


class TestQuiz:
    @pytest.fixture(autouse=True)
    def _fixed_choice_order(self, monkeypatch):
        """Choices are shuffled with a fresh seed per session: fix it so the pictures are stable."""
        monkeypatch.setattr("interview_prep.tui.screens.quiz.new_seed", lambda: 1)

    def test_question(self, snap_compare):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("r"))

    def test_open_question_self_rating(self, snap_compare):
        # answer "don't know" until the open question, then show its model answer
        async def run_before(pilot) -> None:
            await press("r")(pilot)
            screen = pilot.app.screen
            while screen.session.current.kind != "open":
                await pilot.press("?", "enter", "enter")
                await settle(pilot)
            await pilot.press(*"chunk it", "enter", *"with a stride", "ctrl+s")
            await settle(pilot)

        assert snap_compare(app_for(), terminal_size=SIZE, run_before=run_before)

    def test_summary(self, snap_compare):
        keys = ["r", "question_mark", "enter", "enter", "question_mark", "enter", "escape"]
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press(*keys))


class TestKatas:
    def test_list(self, snap_compare, workspace):
        assert snap_compare(app_for(*workspace), terminal_size=SIZE, run_before=press("k", "j"))

    def test_list_without_workspace(self, snap_compare, tmp_path, monkeypatch):
        monkeypatch.setenv("INTERVIEW_PREP_HOME", "/tmp/interview-prep-snapshot-home")  # the path is shown
        shutil.rmtree("/tmp/interview-prep-snapshot-home", ignore_errors=True)
        app = app_for(kata_content(tmp_path), workspace=None)
        assert snap_compare(app, terminal_size=SIZE, run_before=press("k"))

    def test_detail(self, snap_compare, workspace):
        assert snap_compare(app_for(*workspace), terminal_size=SIZE, run_before=open_kata())

    def test_detail_light(self, snap_compare, workspace):
        app = app_for(*workspace, theme="textual-light")
        assert snap_compare(app, terminal_size=SIZE, run_before=open_kata())

    def test_hints(self, snap_compare, workspace):
        assert snap_compare(app_for(*workspace), terminal_size=SIZE, run_before=open_kata("h"))

    def test_reset_confirmation(self, snap_compare, workspace):
        assert snap_compare(app_for(*workspace), terminal_size=SIZE, run_before=open_kata("r"))


class TestProgress:
    def test_reviews_per_day(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("p"))

    def test_review_forecast(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("p", "right"))

    def test_retention(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("p", "right", "right"))

    def test_accuracy(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("p", *["right"] * 3))

    def test_grading_times(self, snap_compare, history):
        assert snap_compare(app_for(), terminal_size=SIZE, run_before=press("p", *["right"] * 5))
