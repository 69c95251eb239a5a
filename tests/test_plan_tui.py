"""The plan screen, driven with Pilot on fixture content and a fixed clock."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from textual.widgets import Static
from tui_support import NOW, app_for, settle

from interview_prep.plan.schedule import study_date
from interview_prep.progress import katas as kata_rows
from interview_prep.progress import plan as plan_rows
from interview_prep.progress.store import open_store
from interview_prep.tui.screens.plan import PlanScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.plan.week import WeekTable

pytestmark = pytest.mark.anyio

TODAY = study_date(NOW, UTC)  # the test app runs on UTC days


async def open_plan(pilot) -> PlanScreen:
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


def rows(screen: PlanScreen) -> list[list[str]]:
    table = screen.query_one(WeekTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_unstarted_plan_explains_and_starts_on_s():
    app = app_for()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_plan(pilot)
        notice = screen.query_one("#plan-notice", Notice)
        assert notice.display and "has not started" in str(notice.border_title)
        await pilot.press("s")
        await settle(pilot)
        assert not notice.display and screen.view is not None
        table = rows(screen)
        assert len(table) == 7 and "due today" in table[0][-1] and "upcoming" not in table[0][-1]
        assert [r[0] for r in table] == [str(d) for d in range(1, 8)]
    with open_store() as store:
        assert plan_rows.get_start(store) == TODAY


async def test_missed_days_and_progress_are_shown():
    with open_store() as store:
        plan_rows.set_start(store, TODAY - timedelta(days=2))
        kata_rows.record_attempt(store, "asr-03-ctc-greedy-decode", started_at=(NOW - timedelta(hours=1)).isoformat(),
                                 duration_s=1.0, status="pass", results_json="{}")
    app = app_for()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_plan(pilot)
        table = rows(screen)
        assert sum("due today" in r[-1] for r in table) == 1 and "due today" in table[0][-1]
        assert table[0][3] == "1/2"  # asr-03 passed, asr-04 left (the fixture catalog's day-1 katas)
        assert "moved 2×" in table[0][2]
        today = str(screen.query_one("#plan-today", Static).render())
        assert "day 1 missed" in today and "(2 days)" not in today  # runs are shown as date ranges
        assert "asr-04-wer" in today and "asr-03-ctc-greedy-decode" not in today
        assert "moves back one day" in today
        header = str(screen.query_one("#plan-header", Static).render())
        assert "1-day streak" in header


async def test_enter_opens_the_days_next_kata():
    from interview_prep.tui.screens.kata_detail import KataDetailScreen

    with open_store() as store:
        plan_rows.set_start(store, TODAY)
    app = app_for()
    async with app.run_test(size=(110, 40)) as pilot:
        await open_plan(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, KataDetailScreen)
        assert pilot.app.screen.kata_id == "asr-03-ctc-greedy-decode"


async def test_restart_asks_first_and_keeps_work():
    with open_store() as store:
        plan_rows.set_start(store, TODAY - timedelta(days=5))
    app = app_for()
    async with app.run_test(size=(110, 40)) as pilot:
        await open_plan(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        with open_store() as store:
            assert plan_rows.get_start(store) == TODAY - timedelta(days=5)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    with open_store() as store:
        assert plan_rows.get_start(store) == TODAY
