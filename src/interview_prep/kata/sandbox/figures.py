"""Matplotlib figures as plain data: described in the worker, inspected in the grader.

A learner's plotting function returns a `matplotlib.figure.Figure`, which cannot cross
to the grader. `describe()` (run by the codec in the worker) draws it and keeps what
graders check: per Axes the title and labels, bar containers (x, width, height), lines,
tick locations and labels, images and texts. The grader gets a `Figure` view with the
same method names as matplotlib's, so grader code reads as before. The description comes
from the learner's process, so graders check it against truth computed in the grader
and read the saved PNG themselves (`grading.fetch_output`).
"""

from __future__ import annotations

from typing import Any


def is_figure(value: Any) -> bool:
    import sys

    module = sys.modules.get("matplotlib.figure")
    return module is not None and isinstance(value, module.Figure)


def describe(fig: Any) -> dict[str, Any]:
    """The figure's checkable content as plain data (draws it first, so ticks are final)."""
    import numpy as np
    from matplotlib.container import BarContainer as MplBars

    fig.canvas.draw()

    def ticks(axis) -> list:
        return [[float(loc), str(label.get_text())] for loc, label in
                zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)]

    axes = []
    for ax in fig.axes:
        axes.append({
            "title": str(ax.get_title()),
            "xlabel": str(ax.get_xlabel()),
            "ylabel": str(ax.get_ylabel()),
            "bars": [[[float(p.get_x()), float(p.get_width()), float(p.get_height())] for p in c.patches]
                     for c in ax.containers if isinstance(c, MplBars)],
            "lines": [[np.asarray(line.get_xdata(), dtype=np.float64), np.asarray(line.get_ydata(), dtype=np.float64)]
                      for line in ax.get_lines()],
            "xticks": ticks(ax.xaxis),
            "yticks": ticks(ax.yaxis),
            "images": [np.ma.filled(np.ma.asarray(image.get_array(), dtype=np.float64), np.nan) for image in ax.images],
            "texts": [[float(t.get_position()[0]), float(t.get_position()[1]), str(t.get_text())] for t in ax.texts],
        })
    return {"axes": axes}


class Rectangle:
    def __init__(self, x: float, width: float, height: float):
        self._x, self._width, self._height = x, width, height

    def get_x(self) -> float:
        return self._x

    def get_width(self) -> float:
        return self._width

    def get_height(self) -> float:
        return self._height


class BarContainer:
    def __init__(self, patches: list[Rectangle]):
        self.patches = patches


class Line2D:
    def __init__(self, xdata, ydata):
        self._x, self._y = xdata, ydata

    def get_xdata(self):
        return self._x

    def get_ydata(self):
        return self._y


class Text:
    def __init__(self, text: str, position: tuple[float, float] = (0.0, 0.0)):
        self._text, self._position = text, position

    def get_text(self) -> str:
        return self._text

    def get_position(self) -> tuple[float, float]:
        return self._position


class AxesImage:
    def __init__(self, array):
        self._array = array

    def get_array(self):
        return self._array


class Axis:
    def __init__(self, ticks: list):
        self._locs = [float(loc) for loc, _ in ticks]
        self._labels = [Text(str(label)) for _, label in ticks]

    def get_ticklocs(self) -> list[float]:
        return list(self._locs)

    def get_ticklabels(self) -> list[Text]:
        return list(self._labels)


class Axes:
    def __init__(self, data: dict[str, Any]):
        self._data = data
        self.containers = [BarContainer([Rectangle(*map(float, bar)) for bar in c]) for c in data["bars"]]
        self.lines = [Line2D(x, y) for x, y in data["lines"]]
        self.images = [AxesImage(a) for a in data["images"]]
        self.texts = [Text(str(t), (float(x), float(y))) for x, y, t in data["texts"]]
        self.xaxis = Axis(data["xticks"])
        self.yaxis = Axis(data["yticks"])

    def get_title(self) -> str:
        return str(self._data["title"])

    def get_xlabel(self) -> str:
        return str(self._data["xlabel"])

    def get_ylabel(self) -> str:
        return str(self._data["ylabel"])

    def get_lines(self) -> list[Line2D]:
        return list(self.lines)

    def get_xticklabels(self) -> list[Text]:
        return self.xaxis.get_ticklabels()


class _Canvas:
    def draw(self) -> None:
        """Drawn in the worker already."""


class Figure:
    """What the grader sees of a learner's figure (matplotlib's method names)."""

    def __init__(self, data: dict[str, Any]):
        self.axes = [Axes(a) for a in data["axes"]]
        self.canvas = _Canvas()
