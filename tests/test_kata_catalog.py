"""The kata catalog: typed loading, errors with file/line/field, lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep.errors import UserError
from interview_prep.kata.catalog import CatalogError, load_catalog, load_kata

GOOD = """\
id: asr-07-demo
title: A demo kata
track: asr
day: 2
difficulty: 1
minutes: 10
files: [demo.py]
functions: [demo]
hints:
  - Read the statement once more.
  - Then read it again slowly.
limits:
  timeout_s: 10
  memory_mb: 512
tags: [demo]
"""


def _write(tmp_path: Path, text: str, track: str = "asr", folder: str = "07-demo") -> Path:
    path = tmp_path / "katas" / track / folder / "kata.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _problems(path: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_kata(path)
    return info.value.problems


def test_valid_kata_loads_with_derived_paths(tmp_path):
    kata = load_kata(_write(tmp_path, GOOD))
    assert (kata.id, kata.track, kata.number, kata.slug) == ("asr-07-demo", "asr", 7, "demo")
    assert kata.hints == ("Read the statement once more.", "Then read it again slowly.")
    assert kata.limits.timeout_s == 10 and kata.limits.memory_mb == 512
    assert kata.solution_dir == tmp_path / "solutions" / "asr" / "07-demo"
    assert kata.grader_path.name == "test_07_demo.py"
    assert kata.models == ()


@pytest.mark.parametrize(
    ("old", "new", "needle", "field"),
    [
        ("difficulty: 1", "difficulty: hard", "difficulty:", "difficulty"),
        ("  timeout_s: 10", "  timeout_s: -1", "timeout_s:", "limits.timeout_s"),
        ("tags: [demo]", "tags: [demo]\ntoleranse: 3", "toleranse:", "toleranse"),
        ("  - Then read it again slowly.", '  - ""', '- ""', "hints.1"),
        ("track: asr", "track: speech", "track:", "track"),
        ("files: [demo.py]", "files: [../escape.py]", "files:", "files.0"),
    ],
)
def test_bad_field_names_file_line_and_field(tmp_path, old, new, needle, field):
    text = GOOD.replace(old, new)
    problems = _problems(_write(tmp_path, text))
    expected = f"katas/asr/07-demo/kata.yaml:{_line_of(text, needle)}: {field}:"
    assert any(expected in p for p in problems), problems


def test_missing_field_is_named(tmp_path):
    text = GOOD.replace("minutes: 10\n", "")
    problems = _problems(_write(tmp_path, text))
    assert any(": minutes: Field required" in p for p in problems), problems


def test_yaml_syntax_error_has_its_line(tmp_path):
    text = GOOD.replace("title: A demo kata", "title: [unclosed")
    problems = _problems(_write(tmp_path, text))
    assert len(problems) == 1 and "invalid YAML" in problems[0]
    line = int(problems[0].split(":")[1])
    assert line >= _line_of(text, "title:")


def test_id_must_match_folder(tmp_path):
    text = GOOD.replace("id: asr-07-demo", "id: asr-08-demo")
    problems = _problems(_write(tmp_path, text))
    line = _line_of(text, "id:")
    expected = f"katas/asr/07-demo/kata.yaml:{line}: id: 'asr-08-demo' must be 'asr-07-demo' (<track>-<folder>)"
    assert problems == [expected]


def test_catalog_collects_every_problem(tmp_path):
    _write(tmp_path, GOOD.replace("day: 2", "day: 9"))
    _write(tmp_path, GOOD.replace("asr-07-demo", "asr-08-other"), folder="08-other")
    _write(
        tmp_path, GOOD.replace("asr-07-demo", "asr-09-third").replace("minutes: 10", "minutes: 0"), folder="09-third"
    )
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path / "katas")
    assert len(info.value.problems) == 2
    assert "katas/asr/07-demo/kata.yaml" in info.value.message
    assert "katas/asr/09-third/kata.yaml" in info.value.message
    assert [k.id for k in load_catalog(tmp_path / "katas", strict=False)] == ["asr-08-other"]


def test_lookup_by_id_slug_prefix(tmp_path):
    _write(tmp_path, GOOD)
    _write(tmp_path, GOOD.replace("asr-07-demo", "asr-08-other").replace("day: 2", "day: 1"), folder="08-other")
    catalog = load_catalog(tmp_path / "katas")
    assert catalog.ids() == ["asr-08-other", "asr-07-demo"]  # study order: day first
    assert catalog.get("asr-07-demo").id == "asr-07-demo"
    assert catalog.get("other").id == "asr-08-other"
    assert catalog.get("asr-08").id == "asr-08-other"
    assert catalog.get("asr/07-demo").id == "asr-07-demo"
    with pytest.raises(UserError, match="matches several katas"):
        catalog.get("asr-0")
    with pytest.raises(UserError, match="no kata 'nope'"):
        catalog.get("nope")


def test_shipped_catalog_loads():
    catalog = load_catalog()
    assert {"asr-03-ctc-greedy-decode", "asr-04-wer"} <= set(catalog.ids())
    assert catalog.get("asr-03-ctc-greedy-decode").files == ("ctc_decode.py",)


def test_validated_katas_load_without_pydantic_or_yaml(tmp_path):
    """After one validation, loading a kata (CLI and TUI start-up) needs neither pydantic nor yaml."""
    import os
    import subprocess
    import sys

    path = _write(tmp_path, GOOD)
    load_kata(path)  # validates and caches
    code = (
        "import sys\n"
        "from interview_prep.kata.catalog import load_kata\n"
        f"kata = load_kata(__import__('pathlib').Path({str(path)!r}))\n"
        "print(kata.id, 'pydantic' in sys.modules, 'yaml' in sys.modules)\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": src}
    )
    assert out.stdout.split() == ["asr-07-demo", "False", "False"], out.stderr
    path.write_text(GOOD.replace("difficulty: 1", "difficulty: 9"))  # an edit is validated again
    with pytest.raises(CatalogError):
        load_kata(path)
