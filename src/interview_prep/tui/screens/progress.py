"""Progress: reviews per day, the review forecast, retention, accuracy per topic, katas per track
and grading times, drawn in the terminal; `s` saves the same figures as PNG files (matplotlib,
Agg, in a worker)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.progress.plots import ProgressPlot
from interview_prep.viz.progress import ProgressData

TABS = {
    "reviews": "Reviews/day",
    "forecast": "Forecast",
    "retention": "Retention",
    "accuracy": "Accuracy", "katas": "Katas",
    "grading": "Grading time",
}


def figures_dir() -> Path:
    """Where the PNG figures go: `<data dir>/figures`."""
    from interview_prep import paths

    return paths.data_dir() / "figures"


class ProgressScreen(BaseScreen):
    """Six plots of the learner's progress."""

    TITLE = "Progress"
    HELP = (
        "What you have done, drawn in the terminal: quiz reviews per study day (right and wrong), the "
        "questions falling due in the next 14 days, retention (the share of repeat reviews you got right, "
        "against the scheduler's 90 % target), accuracy per topic, katas passed per track and how long "
        "grading took per kata. **s** saves the same six figures as PNG files (matplotlib) in your data folder."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save PNG", tooltip="Save the six figures as PNG files"),
        Binding("left,h", "tab(-1)", "Previous plot", show=False),
        Binding("right,l", "tab(1)", "Next plot", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: ProgressData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="progress-tabs"):
            for name, title in TABS.items():
                with TabPane(title, id=f"tab-{name}"), Vertical():
                    yield ProgressPlot(name, id=f"plot-{name}")
                    yield Static(id=f"caption-{name}", classes="plot-caption")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        from interview_prep.viz.progress import collect_progress

        ctx = self.ctx
        katas, titles, order = [], {}, []
        try:
            katas = list(ctx.catalog())
        except Exception as exc:
            self.app.call_from_thread(self.notify, describe(exc), title="Katas not loaded", severity="warning")
        try:
            bank = ctx.bank()
            titles, order = dict(bank.titles), bank.topics
        except Exception as exc:
            self.app.call_from_thread(self.notify, describe(exc), title="Quiz bank not loaded", severity="warning")
        try:
            with ctx.open_store() as store:
                data = collect_progress(
                    store, ctx.now(), katas=katas, topic_titles=titles, topic_order=order, tz=ctx.tz
                )
        except Exception as exc:
            self.app.call_from_thread(self.notify, describe(exc), title="Progress not loaded", severity="error")
            return
        self.app.call_from_thread(self.show, data)

    def show(self, data: ProgressData) -> None:
        self.data = data
        for name in TABS:
            caption = self.query_one(f"#plot-{name}", ProgressPlot).set_data(data)
            self.query_one(f"#caption-{name}", Static).update(caption)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{name}" for name in TABS]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_save(self) -> None:
        """Save the figures as PNG (matplotlib is imported in the worker, not at start-up)."""
        if self.data is None:
            self.notify("Still loading; try again in a moment.")
            return
        self.notify("Saving the figures…")
        self.save(self.data)

    @work(thread=True, exclusive=True, group="save-png", exit_on_error=False)
    def save(self, data: ProgressData) -> None:
        from interview_prep.viz.progress import save_progress_figures

        try:
            written = save_progress_figures(data, figures_dir())
        except Exception as exc:
            self.app.call_from_thread(self.notify, describe(exc), title="Saving failed", severity="error")
            return
        names = ", ".join(path.name for path in written)
        self.app.call_from_thread(
            self.notify, f"{names}\nin {written[0].parent}", title=f"Saved {len(written)} PNG figures", markup=False
        )
