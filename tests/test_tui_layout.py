"""The dashboard and plan at 80x24 (cut text ends in "…", nothing is lost off the right edge)
and at 200x50 (the dashboard adds the review forecast), on the real question bank."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tui_support import NOW, app_for, settle

from interview_prep.plan.render import status_label
from interview_prep.progress.plan import set_start
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler
from interview_prep.tui.widgets.dashboard.panels import PlanPanel, TopicTable
from interview_prep.tui.widgets.plan.week import WeekTable

pytestmark = pytest.mark.anyio

BANK = Path(__file__).parents[1] / "quiz"


def lines(widget, count: int) -> list[str]:
    """The first `count` rendered lines of a widget, as plain text."""
    return [widget.render_line(y).text.rstrip() for y in range(count)]


async def test_dashboard_ends_cut_topics_and_plan_lines_with_an_ellipsis():
    with open_store() as store:
        set_start(store, date(2025, 3, 10))
    titles = [load_bank(BANK).titles[t] for t in load_bank(BANK).topics]
    async with app_for(bank=BANK).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(TopicTable)
        rows = lines(table, 1 + len(titles))[1:]
        cut = 0
        for title, row in zip(titles, rows, strict=True):
            assert len(row) <= table.scrollable_content_region.width
            if not row.endswith(title):
                shown = row.split("  ")[-1].strip()
                assert shown.endswith("…") and title.startswith(shown[:-1]) and len(shown) > 10, (title, row)
                cut += 1
        assert cut  # the real bank has titles too long for 80 columns
        plan = pilot.app.screen.query_one(PlanPanel)
        shown = lines(plan, plan.content_size.height)
        assert shown[0].startswith("due today Day 1")
        assert shown[1].endswith("…") and shown[2].startswith("katas 0/")  # the summary is cut, the goals kept


async def test_plan_week_shows_every_status_at_80_columns():
    with open_store() as store:
        set_start(store, date(2025, 3, 10) - timedelta(days=1))
    async with app_for(bank=BANK).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        table = pilot.app.screen.query_one(WeekTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no horizontal scrolling
        view = pilot.app.screen.view
        rows = lines(table, 8)[1:]
        for progress, row in zip(view.status.days, rows, strict=True):
            assert row.endswith(status_label(progress, view.status.today)), row
        assert any("…" in row for row in rows) and any("(moved 1×)" in str(table.get_row_at(i)[2])
                                                       for i in range(table.row_count))


async def test_tall_dashboard_adds_the_review_forecast():
    bank = load_bank(BANK)
    with open_store() as store:
        for i, question in enumerate(bank.questions[:6]):
            record_answer(store, Scheduler(), question, Rating.EASY, correct=True, answer="a", duration_s=3.0,
                          now=NOW - timedelta(minutes=i))
    async with app_for(bank=BANK).run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        forecast = screen.query_one("#forecast")
        assert forecast.display and forecast.region.height >= 15 and forecast.region.width >= 190
        assert sum(day.due for day in screen.data.forecast) == 6
        caption = str(screen.query_one("#forecast-caption").render())
        assert "6 in the next 14 days" in caption
        longest = max(bank.titles.values(), key=len)
        assert longest in "".join(lines(screen.query_one(TopicTable), 1 + len(bank.topics)))  # room for it all
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not forecast.display or forecast.region.height == 0
