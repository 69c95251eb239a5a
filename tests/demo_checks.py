"""Checks shared by the demo tests: PNG files that are real images of the figures saved."""

from __future__ import annotations

import struct
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; fails unless the file is a PNG."""
    data = Path(path).read_bytes()
    assert len(data) > 1000, f"{path} is too small to hold a plot ({len(data)} bytes)"
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def check_pngs(result) -> None:
    """Every figure was saved as a valid, non-blank PNG of the figure's size."""
    import matplotlib.image

    assert set(result.pngs) == set(result.figures) and result.pngs
    for name, path in result.pngs.items():
        assert path.parent == result.out_dir and path.name == f"{name}.png"
        figure = result.figures[name]
        width, height = png_size(path)
        expected = figure.get_size_inches() * figure.dpi
        assert (width, height) == (round(expected[0]), round(expected[1]))
        pixels = matplotlib.image.imread(path)
        assert pixels.std() > 0.05, f"{path} looks blank"


def heights(figure, gid: str) -> list[float]:
    """Heights of the bars drawn with `gid`."""
    return [p.get_height() for ax in figure.axes for p in ax.patches if p.get_gid() == gid]


def artist(figure, gid: str):
    """The one line, collection or image drawn with `gid`."""
    found = [a for ax in figure.axes for a in (*ax.lines, *ax.collections, *ax.images) if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist {gid!r}, found {len(found)}"
    return found[0]
