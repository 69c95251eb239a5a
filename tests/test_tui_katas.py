"""Kata browser and kata screen with the real kata engine: real workspace, real grading runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Static, TabbedContent
from tui_support import KATA, KATA_FILE, app_for, kata_content, notifications, settle, wait_until, workspace_for

from interview_prep.progress import katas as kata_rows
from interview_prep.progress.katas import WORKSPACE_KEY
from interview_prep.progress.store import open_store
from interview_prep.tui.screens.kata_detail import KataDetailScreen, editor_command
from interview_prep.tui.screens.katas import KataBrowserScreen
from interview_prep.tui.widgets.katas.kata_table import KataTable
from interview_prep.tui.widgets.katas.results import ResultsView

pytestmark = pytest.mark.anyio

HANGS = "def greedy_decode(logits, vocab, blank=0):\n    while True:\n        pass\n"


@pytest.fixture
def content(tmp_path, isolated_home):
    katas = kata_content(tmp_path)
    return katas, workspace_for(katas, isolated_home)


def solve(katas, workspace):
    shutil.copyfile(katas.parent / "solutions" / KATA_FILE, workspace / KATA_FILE)


async def open_browser(pilot) -> KataBrowserScreen:
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)
    assert isinstance(pilot.app.screen, KataBrowserScreen)
    return pilot.app.screen


async def open_kata(pilot, kata_id: str = KATA) -> KataDetailScreen:
    await settle(pilot)
    pilot.app.push_screen(KataDetailScreen(kata_id))
    await settle(pilot)
    return pilot.app.screen


def shown_ids(screen) -> list[str]:
    table = screen.query_one(KataTable)
    return [row.key.value for row in table.ordered_rows]


def summary(screen) -> str:
    return str(screen.query_one("#results-summary", Static).render())


def attempt_count(kata_id: str = KATA) -> int:
    with open_store() as store:
        return len(kata_rows.attempts(store, kata_id))


async def check(pilot, screen) -> None:
    """Press `c` and wait until the run is recorded and shown (a fast run may end before the next frame)."""
    before = attempt_count()
    await pilot.press("c")
    await wait_until(pilot, lambda: attempt_count() == before + 1 and not screen.grading)
    await settle(pilot)


async def test_list_filters_search_and_keys(content):
    katas, workspace = content
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        assert shown_ids(screen) == ["asr-03-ctc-greedy-decode", "asr-04-wer", "classify-15-features"]
        table = screen.query_one(KataTable)
        await pilot.press("j", "j")
        assert table.selected_id == "classify-15-features"
        await pilot.press("k", "g")
        assert table.selected_id == "asr-03-ctc-greedy-decode"
        await pilot.press("G")
        assert table.selected_id == "classify-15-features"
        await pilot.press("t")  # track: asr
        assert shown_ids(screen) == ["asr-03-ctc-greedy-decode", "asr-04-wer"]
        await pilot.press("t", "t", "t")  # tts (none), classify, all
        assert len(shown_ids(screen)) == 3
        await pilot.press("slash", *"error rate", "enter")
        assert shown_ids(screen) == ["asr-04-wer"]
        assert screen.query_one("#kata-search", Input).value == "error rate"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, KataDetailScreen)
        assert pilot.app.screen.kata_id == "asr-04-wer"


async def test_check_fails_then_passes_and_unlocks_the_solution(content):
    katas, workspace = content
    app = app_for(katas, workspace)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_kata(pilot)
        statement = screen.query_one("#statement", Markdown).source
        assert statement.startswith("# Greedy CTC decoding")
        await pilot.press("s")  # locked before a pass
        assert any("opens after you pass" in n for n in notifications(app))
        await check(pilot, screen)
        assert screen.query_one(TabbedContent).active == "tab-results"
        assert "tests passed" in summary(screen) and "All" not in summary(screen)
        table = screen.query_one(ResultsView).query_one("#results-table")
        assert table.row_count >= 5
        detail = str(screen.query_one("#result-detail", Static).render())
        assert "not implemented yet" in detail
        solve(katas, workspace)
        await check(pilot, screen)
        assert "All" in summary(screen) and "passed" in summary(screen)
        assert any(n.startswith("Passed!") for n in notifications(app))
        await pilot.press("s")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "tab-solution"
        assert "def greedy_decode" in screen.query_one("#solution", Markdown).source
        await pilot.press("n")  # the next unsolved kata
        await settle(pilot)
        assert app.screen.kata_id == "asr-04-wer"
    with open_store() as store:
        state = kata_rows.state(store, KATA)
        attempts = kata_rows.attempts(store, KATA)
    assert state.status == "passed" and state.solution_viewed and not state.solution_forced
    assert [a.status for a in attempts] == ["pass", "fail"]


async def test_hints_are_revealed_one_at_a_time(content):
    katas, workspace = content
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        screen = await open_kata(pilot)
        hints = screen.kata.hints
        await pilot.press("h")
        await settle(pilot)
        shown = screen.query_one("#hints", Markdown).source
        assert screen.query_one(TabbedContent).active == "tab-hints"
        assert hints[0].strip()[:40] in shown and hints[1].strip()[:40] not in shown
        await pilot.press("h")
        await settle(pilot)
        assert hints[1].strip()[:40] in screen.query_one("#hints", Markdown).source
    with open_store() as store:
        assert kata_rows.state(store, KATA).hints_seen == 2


async def test_reveal_keys_bring_their_tab_to_the_front_wherever_the_focus_is(content):
    """After moving to Results (right arrow) and into it (Tab), `h` and `s` still show their tab."""
    katas, workspace = content
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        screen = await open_kata(pilot)
        tabs = screen.query_one(TabbedContent)
        for key, tab in (("h", "tab-hints"), ("s", "tab-solution")):
            tabs.active = "tab-statement"
            await pilot.press("right", "tab")
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert tabs.active == tab, (key, tabs.active)
        assert screen.kata.hints[0].strip()[:40] in screen.query_one("#hints", Markdown).source
    with open_store() as store:
        assert kata_rows.state(store, KATA).hints_seen == 1  # one press, one hint, and it was shown


async def test_reset_asks_first_and_keeps_a_backup(content):
    katas, workspace = content
    mine = workspace / KATA_FILE
    mine.write_text("# my attempt\n")
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        screen = await open_kata(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is screen and mine.read_text() == "# my attempt\n"
        await pilot.press("r", "y")
        await settle(pilot)
    assert mine.read_text() == (katas / KATA_FILE).read_text()
    (backup,) = mine.parent.glob("ctc_decode.py.bak-*")
    assert backup.read_text() == "# my attempt\n"


async def test_cancel_stops_grading_and_records_nothing(content):
    katas, workspace = content
    (workspace / KATA_FILE).write_text(HANGS)
    async with app_for(katas, workspace).run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_kata(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: "cancels" in str(screen.query_one("#grading-line", Static).render()))
        await pilot.pause(0.5)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.grading, timeout=10)
        await settle(pilot)
        assert "Cancelled" in summary(screen)
    with open_store() as store:
        assert kata_rows.attempts(store, KATA) == []


async def test_grader_timeout_is_shown_not_raised(tmp_path, isolated_home):
    katas = kata_content(tmp_path, timeout_s=2)
    workspace = workspace_for(katas, isolated_home)
    (workspace / KATA_FILE).write_text(HANGS)
    app = app_for(katas, workspace)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_kata(pilot)
        await check(pilot, screen)
        assert "timed out after 2 s" in str(screen.query_one("#result-detail", Static).render())
        assert any(n.startswith("Grading error") for n in notifications(app))
    with open_store() as store:
        assert [a.status for a in kata_rows.attempts(store, KATA)] == ["error"]


async def test_watch_regrades_on_save(content):
    katas, workspace = content
    async with app_for(katas, workspace).run_test(size=(80, 24)) as pilot:
        screen = await open_kata(pilot)
        await pilot.press("w")
        await pilot.pause(1)  # not settle(): the watcher runs until stopped
        assert screen.watching
        assert "watching" in str(screen.query_one("#kata-status", Static).render())
        solve(katas, workspace)
        await wait_until(pilot, lambda: screen.state.status == "passed")
        assert "All" in summary(screen)
        await pilot.press("w")
        await settle(pilot)
        assert not screen.watching
        await pilot.press("w")  # watching again when the app quits: quitting must not hang
        await pilot.pause(0.5)
        assert screen.watching


async def test_missing_workspace_is_a_panel_and_can_be_created(tmp_path, isolated_home):
    katas = kata_content(tmp_path)
    app = app_for(katas)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_browser(pilot)
        notice = screen.query_one("#kata-notice")
        assert notice.display and notice.border_title == "No kata workspace"
        await pilot.press("enter")
        await settle(pilot)
        detail = pilot.app.screen
        assert detail.check_action("check", ()) is None  # shown greyed out: nothing to grade
        await pilot.press("c")
        assert not detail.grading
        await pilot.press("escape", "i")
        await settle(pilot)
        assert not notice.display
        assert any(n.startswith("Workspace ready") for n in notifications(app))
    created = isolated_home / "workspace"
    assert (created / KATA_FILE).is_file()
    with open_store() as store:
        assert store.get_meta(WORKSPACE_KEY) == str(created)


async def test_edit_without_a_real_terminal_says_so(content, monkeypatch):
    katas, workspace = content
    monkeypatch.setenv("EDITOR", "true")
    app = app_for(katas, workspace)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_kata(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any(str(workspace / KATA_FILE) in n for n in notifications(app))
        assert not screen.grading


def test_editor_command_prefers_visual_then_editor(monkeypatch, tmp_path):
    target = tmp_path / "x.py"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "code --wait")
    assert editor_command(target) == ["code", "--wait", str(target)]
    monkeypatch.setenv("VISUAL", "nvim")
    assert editor_command(target) == ["nvim", str(target)]


async def test_broken_kata_yaml_is_listed_and_the_other_katas_still_work(tmp_path, isolated_home):
    katas = kata_content(tmp_path)
    path = katas / "asr" / "04-wer" / "kata.yaml"
    path.write_text(path.read_text().replace("difficulty: 2", "difficulty: 9"))
    async with app_for(katas, workspace_for(katas, isolated_home)).run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        assert shown_ids(screen) == ["asr-03-ctc-greedy-decode", "classify-15-features"]
        notice = screen.query_one("#kata-notice")
        assert notice.display
        assert "difficulty" in str(notice.render()) and "04-wer/kata.yaml" in str(notice.render())


async def test_a_failed_audio_test_shows_its_picture_and_plays_its_clips(tmp_path, isolated_home, monkeypatch):
    """A wrong load_audio (no resampling): the Results tab shows the evidence picture; `p` plays a clip
    through the system player (here a fake one on PATH that records what it was given)."""
    from interview_prep import paths
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.kata.workspace import init_workspace
    from interview_prep.tui.widgets.katas.evidence import EvidenceView

    played = tmp_path / "played.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    player = bin_dir / "paplay"
    player.write_text(f"#!/bin/sh\necho \"$@\" >> {played}\n")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    kata_id = "asr-01-load-audio"
    workspace = init_workspace(load_catalog(), isolated_home / "workspace").root
    variant = Path(__file__).parent / "fixtures" / "wrong_variants" / kata_id / "no_resample" / "load_audio.py"
    shutil.copyfile(variant, workspace / "asr" / "01-load-audio" / "load_audio.py")
    async with app_for(paths.katas_dir(), workspace).run_test(size=(120, 50)) as pilot:
        screen = await open_kata(pilot, kata_id)
        await pilot.press("c")
        await wait_until(pilot, lambda: attempt_count(kata_id) == 1 and not screen.grading, timeout=300)
        await settle(pilot)
        view = screen.query_one(ResultsView)
        failed = next(name for name in view.messages if view.evidence.get(name))
        view.query_one("#results-table").move_cursor(row=list(view.messages).index(failed))
        await settle(pilot)
        evidence = screen.query_one(EvidenceView)
        assert evidence.display and evidence.query(".evidence-picture"), "no picture shown"
        assert evidence.clips and all(clip.suffix == ".wav" for clip in evidence.clips)
        first = evidence.clips[0]
        await pilot.press("p")
        await wait_until(pilot, lambda: played.is_file(), timeout=30)
    assert played.read_text().split() == [str(first)]


async def test_the_full_catalog_fits_80_columns(isolated_home):
    """At 80x24 every column of the kata list is whole (the scrollbar takes its share from the titles)."""
    from interview_prep import paths

    async with app_for(paths.katas_dir(), None).run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        table = screen.query_one(KataTable)
        await settle(pilot)
        assert table.row_count > 20 and table.show_vertical_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width, (
            table.virtual_size.width, table.scrollable_content_region.width)
