"""One "today" everywhere: at 01:12 the study day is still the evening before (days start 04:00).

The dashboard, the plan (TUI and `plan` text), the reviews plot and `mock list` all date
with `progress.days`, and say when the day starts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from rich.console import Console
from textual.widgets import Static
from tui_support import app_for, settle

from interview_prep.mock.render import history_table, scorecard
from interview_prep.mock.scorecard import Scorecard
from interview_prep.progress import days
from interview_prep.progress import plan as plan_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.stats import reviews_per_day

pytestmark = pytest.mark.anyio

AT_0112 = datetime(2026, 12, 4, 1, 12, tzinfo=UTC)  # a Friday, 01:12
THURSDAY = date(2026, 12, 3)


def plain(renderable) -> str:
    console = Console(width=160, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_the_study_day_at_0112_is_the_day_before_and_follows_the_setting():
    with open_store() as store:
        assert days.today(store, AT_0112, UTC) == THURSDAY
        assert reviews_per_day(store, AT_0112, 3, UTC)[-1].day == THURSDAY  # the plot's last bar
        store.set_meta(days.ROLLOVER_KEY, "0")
        assert days.today(store, AT_0112, UTC) == date(2026, 12, 4)
        assert days.day_starts(days.rollover_hour(store)) == "day starts 00:00"


async def test_dashboard_and_plan_say_thursday_at_0112():
    with open_store() as store:
        plan_rows.set_start(store, date(2026, 12, 1))
    app = app_for(now=AT_0112)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert app.screen.sub_title == "Thursday 3 December · day starts 04:00"
        await pilot.press("w")
        await settle(pilot)
        header = str(app.screen.query_one("#plan-header", Static).render())
        assert "today Thu 3 Dec (day starts 04:00)" in header


def test_mock_list_and_scorecard_date_by_study_day():
    card = Scorecard(seed=1, started_at=AT_0112.isoformat(), finished_at=AT_0112.isoformat(), minutes=20,
                     time_used_s=0, topics=[], questions=[])
    listed = plain(history_table([(1, card)], 4, UTC))
    assert "Thu 03 Dec" in listed and "01:12" in listed and "Fri" not in listed
    assert "Dates are study days (day starts 04:00)" in listed
    assert "Mock interview #1 · Thu 03 Dec, 01:12" in plain(scorecard(card, 1, 4, UTC))
