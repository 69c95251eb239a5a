"""The learner's workspace: init never overwrites, reset keeps a backup, lookup rules."""

from __future__ import annotations

import pytest
from kata_helpers import demo_catalog

from interview_prep.errors import UserError
from interview_prep.kata.workspace import MARKER, find_workspace, init_workspace, kata_dir, reset_kata


@pytest.fixture
def catalog(tmp_path):
    return demo_catalog(tmp_path / "content")


def test_init_copies_statements_and_starters(catalog, tmp_path):
    report = init_workspace(catalog, tmp_path / "ws")
    assert (tmp_path / "ws" / MARKER).is_file()
    for kata in catalog:
        folder = kata_dir(tmp_path / "ws", kata)
        assert (folder / "README.md").read_bytes() == kata.statement_path.read_bytes()
        for name in kata.files:
            assert (folder / name).read_bytes() == kata.starter(name).read_bytes()
    assert len(report.created) == sum(1 + len(k.files) for k in catalog)
    assert report.kept == [] and report.missing == []


def test_init_reports_missing_content_instead_of_crashing(catalog, tmp_path):
    kata = catalog.get("asr-04-wer")
    kata.statement_path.unlink()
    report = init_workspace(catalog, tmp_path / "ws")
    assert report.missing == [kata.statement_path]
    assert (kata_dir(tmp_path / "ws", kata) / "word_error_rate.py").is_file()


def test_init_never_overwrites_learner_edits(catalog, tmp_path):
    root = tmp_path / "ws"
    init_workspace(catalog, root)
    kata = catalog.get("asr-03-ctc-greedy-decode")
    edited = kata_dir(root, kata) / "ctc_decode.py"
    edited.write_text("# my work in progress\n")
    deleted = kata_dir(root, catalog.get("asr-04-wer")) / "word_error_rate.py"
    deleted.unlink()

    report = init_workspace(catalog, root)

    assert edited.read_text() == "# my work in progress\n"
    assert edited in report.kept
    assert report.created == [deleted]
    assert deleted.read_bytes() == catalog.get("asr-04-wer").starter("word_error_rate.py").read_bytes()


def test_reset_restores_starter_and_keeps_backup(catalog, tmp_path):
    root = tmp_path / "ws"
    init_workspace(catalog, root)
    kata = catalog.get("asr-03-ctc-greedy-decode")
    target = kata_dir(root, kata) / "ctc_decode.py"
    target.write_text("def greedy_decode(*a):\n    return 'mine'\n")

    [(path, backup)] = reset_kata(root, kata)

    assert path == target
    assert target.read_bytes() == kata.starter("ctc_decode.py").read_bytes()
    assert backup is not None and backup.name.startswith("ctc_decode.py.bak-")
    assert backup.read_text() == "def greedy_decode(*a):\n    return 'mine'\n"
    # a second reset has nothing to back up
    assert reset_kata(root, kata) == [(target, None)]
    # a second edit gets its own backup even within the same second
    target.write_text("# second try\n")
    [(_, second)] = reset_kata(root, kata)
    assert second is not None and second != backup and second.read_text() == "# second try\n"
    assert backup.read_text() == "def greedy_decode(*a):\n    return 'mine'\n"


def test_find_workspace_order(catalog, tmp_path):
    explicit, remembered, default = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for root in (explicit, remembered, default):
        init_workspace(catalog, root)
    inside = kata_dir(remembered, catalog.get("asr-04-wer"))
    assert find_workspace(explicit, str(remembered), default, cwd=inside) == explicit.resolve()
    assert find_workspace(None, str(default), default, cwd=inside) == remembered  # the one we are in
    assert find_workspace(None, str(remembered), default, cwd=tmp_path) == remembered
    assert find_workspace(None, None, default, cwd=tmp_path) == default


def test_missing_workspace_says_how_to_create_it(tmp_path):
    with pytest.raises(UserError) as info:
        find_workspace(None, None, tmp_path / "nowhere", cwd=tmp_path)
    assert "no kata workspace" in info.value.message
    assert "interview-prep init" in info.value.hint
