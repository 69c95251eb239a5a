"""The app as a whole: dashboard data, navigation, palette, help, theme, errors, relaunch."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from textual.widgets import Static
from tui_support import (
    FIXTURES,
    KATA,
    KATA_FILE,
    app_for,
    kata_content,
    notifications,
    settle,
    wait_until,
    workspace_for,
)

from interview_prep.progress.plan import set_start
from interview_prep.progress.store import DB_NAME, open_store
from interview_prep.tui.app import make_app, screen_commands
from interview_prep.tui.screens import REGISTRY
from interview_prep.tui.screens.dashboard import DashboardScreen
from interview_prep.tui.screens.kata_detail import KataDetailScreen

pytestmark = pytest.mark.anyio


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_dashboard_shows_reviews_katas_plan_and_next_step():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "0 due · 9 new today" in text(screen, "#reviews-summary")
        assert screen.query_one("#topics").row_count == 2
        assert "0/3 passed" in text(screen, "#katas-summary")
        assert [row.track.track for row in screen.query("TrackRow")] == ["asr", "classify"]
        assert "not set up" in text(screen, "#plan")
        assert f"Kata {KATA}" in text(screen, "#next-step")


async def test_started_plan_shows_todays_item_and_streak():
    with open_store() as store:
        set_start(store, date(2025, 3, 10))
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Day 1" in text(app.screen, "#plan") and "due today" in text(app.screen, "#plan")
        assert "in a row" in text(app.screen, "#streak")
        label, target, _ = app.screen.next_step()
        assert label.startswith("Plan day 1") and target in ("kata", "quiz")


async def test_every_registered_screen_opens_and_escape_goes_back():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for name in ("quiz", "katas", "progress"):
            await pilot.press(REGISTRY[name].key)
            await settle(pilot)
            assert type(app.screen).__name__ == REGISTRY[name].target.split(":")[1]
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)


async def test_palette_has_a_command_for_every_screen_and_action():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for entry in REGISTRY.values():
            assert entry.palette_title in titles and entry.palette_title.startswith(f"Open {entry.title}")
        assert "Dashboard: Continue" in titles and "Help (keys)" in titles
        pilot.app.push_screen(KataDetailScreen(KATA))
        await settle(pilot)
        kata_titles = [c.title for c in screen_commands(app.screen)]
        for action in ("Edit", "Check", "Watch", "Hint", "Reset", "Solution"):
            assert f"Kata: {action}" in kata_titles
        assert "Kata: Cancel" not in kata_titles  # only while grading
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Kata: Hint")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.state.hints_seen == 1  # a screen action, run from the palette
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open Progress")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgressScreen"


async def test_palette_finds_screens_by_alias_and_lists_each_command_once():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles  # Textual's key panel: the same as our "Help (keys)"
        assert not [t for t in titles if t.startswith("Dashboard: ") and t != "Dashboard: Continue"]
        assert titles.count("Quit") == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quiz")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "QuizScreen"


async def test_help_lists_the_current_screens_keys():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert type(help_screen).__name__ == "HelpScreen"
        source = help_screen.query_one("Markdown").source
        assert "## Katas" in source and "Cycle the track filter" in source and "Command palette" in source
        await pilot.press("escape")
        assert type(app.screen).__name__ == "KataBrowserScreen"


async def test_theme_toggle_is_remembered():
    async with make_app(cursor_blink=False).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not pilot.app.current_theme.dark
    async with make_app(cursor_blink=False).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-light"


async def test_broken_question_file_is_a_notification_not_a_crash():
    app = app_for(bank=FIXTURES / "quiz" / "broken")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        warned = [n for n in notifications(app) if "problem(s) in the question bank" in n]
        assert len(warned) == 1 and "toleranse" in warned[0]
        assert "new today" in text(app.screen, "#reviews-summary")  # the valid questions still load


async def test_missing_question_bank_is_a_panel(tmp_path):
    app = app_for(bank=tmp_path / "nowhere")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "could not be loaded" in text(app.screen, "#reviews-summary")
        await pilot.press("r")
        await settle(pilot)
        notice = app.screen.query_one("#quiz-notice")
        assert app.screen.state == "empty" and "could not be loaded" in notice.border_title
        assert "quiz bank folder not found" in str(notice.render())


async def test_unreadable_progress_database_is_moved_aside_and_reported(isolated_home):
    with open_store():
        pass
    (isolated_home / "data" / DB_NAME).write_bytes(b"this is not a database" * 100)
    for side in ("-wal", "-shm"):
        (isolated_home / "data" / f"{DB_NAME}{side}").unlink(missing_ok=True)
    app = app_for()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert any(n.startswith("Progress database") and "moved it to" in n for n in notifications(app))
    assert list((isolated_home / "data").glob(f"{DB_NAME}.corrupt-*"))


async def test_quit_and_relaunch_keeps_progress(tmp_path, isolated_home):
    katas = kata_content(tmp_path)
    workspace = workspace_for(katas, isolated_home)
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("?", "enter")  # "I don't know": a recorded review
        await pilot.pause()
        pilot.app.push_screen(KataDetailScreen(KATA))
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("h", "c")
        await wait_until(pilot, lambda: not screen.grading)
        await pilot.press("ctrl+q")
    shutil.copyfile(katas.parent / "solutions" / KATA_FILE, workspace / KATA_FILE)
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pilot.app.screen
        assert "8 new today" in text(dashboard, "#reviews-summary")
        pilot.app.push_screen(KataDetailScreen(KATA))
        await settle(pilot)
        status = text(pilot.app.screen, "#kata-status")
        assert "failing" in status and "tries 1" in status and "hints 1/" in status


async def test_progress_screen_plots_and_saves_the_same_figures_as_png(isolated_home):
    app = app_for()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("?", "enter", "enter")  # one wrong review today
        await settle(pilot)
        await pilot.press("escape", "escape", "p")
        await settle(pilot)
        screen = app.screen
        assert screen.data.days[-1].reviews == 1 and screen.data.days[-1].right == 0
        assert "1 review(s) in the last 14 study days (day starts 04:00)" in text(screen, "#caption-reviews")
        assert text(screen, "#caption-grading") == "No katas graded yet."
        await pilot.press("s")
        await settle(pilot)
        assert any(n.startswith("Saved 6 PNG figures") for n in notifications(app))
    figures = sorted(p.name for p in (isolated_home / "data" / "figures").glob("*.png"))
    assert figures == ["accuracy_by_topic.png", "grading_times.png", "katas_by_track.png", "retention_per_day.png",
                       "review_forecast.png", "reviews_per_day.png"]
