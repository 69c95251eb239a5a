"""Spoken answers in the mock interview (`mock --voice`), with the real models: our TTS voice
speaks, Whisper tiny.en transcribes, Silero VAD finds the pauses, the rubric scores.

Bound for a spoken model answer: at most one key point may be lost on the way (the rubric gives
the written model answer full marks, test_quiz_rubric). Whisper tiny.en mishears some technical
terms of a synthesized voice ("ONNX" came back as "ong", "n-best" as "and best"); each key point
has several phrasings, so one misheard term rarely costs a point, but one lost point is allowed.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from interview_prep import paths
from interview_prep.audio.io import save_audio
from interview_prep.cli import main
from interview_prep.kata.catalog import load_catalog
from interview_prep.mock.scorecard import history
from interview_prep.mock.session import draw_for
from interview_prep.mock.voice import LONG_PAUSE_S, pieces, speakable_text, transcribe_answer, transcribe_audio
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter
from interview_prep.quiz.rubric import OFF_TOPIC, score_answer

pytestmark = pytest.mark.models

BANK = load_bank()
#: the open question whose model answer is spoken in full (about 55 s of speech: the shortest one)
SPOKEN = "pipe-bypass-pipeline"


def test_speakable_text_reads_markdown_as_sentences():
    text = speakable_text("- **Fix**: pass `chunk_length_s=30` -> done\n  and more\n- Second `x`")
    assert text == "Fix: pass chunk length s=30 to done and more. Second x."


@pytest.fixture(scope="module")
def spoken_model_answer(tts, tmp_path_factory):
    """The model answer read by our voice, as a WAV file."""
    out = tts(speakable_text(BANK.by_id()[SPOKEN].model_answer))
    return save_audio(tmp_path_factory.mktemp("spoken") / "answer.wav", out["audio"], out["sampling_rate"])


def test_spoken_model_answer_scores_near_full_marks_through_the_whole_pipeline(spoken_model_answer, asr):
    question = BANK.by_id()[SPOKEN]
    spoken = transcribe_answer(spoken_model_answer, asr)
    score = score_answer(question, spoken.text)
    assert len(score.missed) <= 1, (score.line(), [p.point for p in score.missed], spoken.text)
    # over 30 s, transcribed whole: cut in its pauses, no piece lost (a lost piece shows as a low rate)
    assert spoken.metrics.duration_s > 40 and 120 < spoken.metrics.wpm < 260, spoken.metrics
    assert "prototyp" in spoken.text.lower()[-300:]


def test_off_topic_spoken_answer_scores_near_zero(tts, asr, tmp_path):
    off = tts(OFF_TOPIC)
    spoken = transcribe_answer(save_audio(tmp_path / "off.wav", off["audio"], off["sampling_rate"]), asr)
    assert "turtle" in spoken.text.lower()
    for question in [q for q in BANK.questions if q.kind == "open"]:
        assert len(score_answer(question, spoken.text).covered) <= 1, question.id


def test_long_speech_is_cut_in_its_pauses_into_pieces_under_30_s():
    from interview_prep.vad import SpeechSegment

    segments = [SpeechSegment(0, 10), SpeechSegment(10.3, 20), SpeechSegment(20.4, 27.5), SpeechSegment(28, 40),
                SpeechSegment(41, 80)]
    assert pieces(segments) == [(0, 27.5), (28, 40), (41, 80)]


def test_speaking_metrics_report_an_inserted_two_second_pause(tts, asr):
    first = tts("Whisper hears the query at sixteen kilohertz.")
    second = tts("Then the catalogue prompt fixes the product names.")
    rate = first["sampling_rate"]
    silence = np.zeros(2 * rate, dtype=np.float32)
    audio = np.concatenate([first["audio"], silence, second["audio"]])
    spoken = transcribe_audio(audio, rate, asr)
    metrics = spoken.metrics
    assert len(metrics.long_pauses) == 1, metrics
    start, end = metrics.long_pauses[0]
    assert abs(start - len(first["audio"]) / rate) < 0.35 and 1.7 < end - start < 2.3
    assert metrics.duration_s == pytest.approx(len(audio) / rate, abs=0.01)
    assert metrics.words >= 14 and metrics.speech_s < metrics.duration_s
    # without the silence: no long pause (the voice's own sentence pause is 0.2 s)
    joined = transcribe_audio(np.concatenate([first["audio"], second["audio"]]), rate, asr)
    assert joined.metrics.long_pauses == [] and LONG_PAUSE_S == 1.5


def test_mock_voice_cli_reads_questions_aloud_and_scores_spoken_answers(monkeypatch, capsys, tts, tmp_path):
    """`mock --voice --answers-dir DIR`: every question read aloud into the mock's audio folder, the open
    question answered by a WAV file, transcribed, scored by its key points, with speaking metrics."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("PATH", str(tmp_path / "no-players"))  # no system player: WAV paths are printed
    seed, minutes = 3, 10
    with open_store() as store:
        draw, _ = draw_for(store, BANK, load_catalog(strict=False), minutes, seed)
    answers = tmp_path / "answers"
    lines = [""]
    for index, question in enumerate(draw.questions, 1):
        if question.kind == "open":
            out = tts(". ".join(point.point for point in question.key_points[:2]) + ".")  # two of its points
            save_audio(answers / f"q{index:02d}.wav", out["audio"], out["sampling_rate"])
            lines.append("")  # Enter accepts the proposed rating
        elif question.kind in ("single", "multi"):
            lines.append(",".join(letter(i) for i in question.correct_indexes))
        else:
            lines.append("?")
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["mock", "--voice", "--answers-dir", str(answers), "--seed", str(seed),
                 "--minutes", str(minutes)]) == 0
    out = capsys.readouterr().out
    assert "no audio player found" in out and "Your spoken answer (Whisper transcript)" in out
    assert "Key points:" in out and "proposed rating" in out and "Speaking" in out and "wpm" in out
    with open_store() as store:
        [(mock_id, card)] = history(store)
    folder = paths.data_dir() / "mock-audio" / str(mock_id)
    assert card.voice and f"Audio: {folder}" in out.replace("\n", "")
    assert not list((paths.data_dir() / "mock-audio").glob("unsaved-*"))
    for q in card.questions:
        assert (folder / q.question_audio).is_file(), q.question_audio
    [open_result] = [q for q in card.questions if q.kind == "open"]
    assert open_result.spoken is not None and (folder / open_result.spoken.audio).is_file()
    assert open_result.spoken.wpm > 0 and open_result.spoken.duration_s > 1
    assert open_result.answer and open_result.key_points >= 3 and open_result.covered_points
    assert open_result.self_rating == open_result.proposed_rating
    stored = json.loads(card.model_dump_json())
    assert "audio_dir" not in stored and stored["questions"][-1]["spoken"]["words"] > 3


@pytest.mark.anyio
async def test_tui_mock_voice_toggle_reads_aloud_and_scores_a_wav_answer(monkeypatch, tts, asr, tmp_path):
    """The app's mock screen: `v` turns voice on; questions are read aloud (no player here: the WAV is
    named in a notification); a WAV path typed as an open answer is transcribed in a worker, shown with
    its metrics and scored; Enter accepts the proposed rating; the scorecard has the Speaking table."""
    from datetime import UTC

    from test_mock_tui import FakeClock, right_answer, text
    from test_tui_rubric import bank_with_key_points
    from tui_support import TUI_CONTENT, notifications, settle, wait_until

    from interview_prep.quiz.models import OpenQuestion
    from interview_prep.tui.app import make_app
    from interview_prep.tui.screens.mock import MockScreen

    monkeypatch.setenv("PATH", str(tmp_path / "no-players"))
    answer = tts("I would chunk the call into thirty second pieces with a stride, then merge them.")
    wav = save_audio(tmp_path / "spoken.wav", answer["audio"], answer["sampling_rate"])
    app = make_app(bank_dir=bank_with_key_points(tmp_path), katas_root=TUI_CONTENT / "katas", clock=FakeClock(),
                   tz=UTC, cursor_blink=False, theme="textual-dark")
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MockScreen)
        for _ in range(7):
            await pilot.press("minus")  # 10 minutes: questions only
        await pilot.press("v")
        await settle(pilot)
        assert "Voice: on" in text(screen, "#mock-intro")
        await pilot.press("s")
        await settle(pilot)
        spoken_seen = players_checked = False
        while screen.state == "asking":
            question = screen.interview.current
            await wait_until(pilot, lambda q=question: q.id in screen.interview.question_audio, timeout=300)
            if not players_checked:  # no player on PATH: the question's WAV is named instead
                await wait_until(pilot, lambda: any("no audio player found" in n.lower()
                                                    for n in notifications(pilot.app)), timeout=60)
                players_checked = True
            if isinstance(question, OpenQuestion):
                await pilot.press(*str(wav), "enter")
                await wait_until(pilot, lambda: screen.state == "rating", timeout=300)
                assert "Your spoken answer" in text(screen, "#mock-last") and "wpm" in text(screen, "#mock-last")
                assert pilot.app.focused.id.startswith("rate-")
                await pilot.press("enter")
                spoken_seen = True
            else:
                await pilot.press(*right_answer(question), "enter")
            await settle(pilot)
        assert spoken_seen and screen.state == "scorecard"
        card_text = text(screen, "#mock-card")
        assert "Speaking" in card_text and "key points" in card_text
    card = screen.card
    [spoken] = [q for q in card.questions if q.spoken]
    assert spoken.key_points == 3 and len(spoken.covered_points) >= 2 and spoken.self_rating == spoken.proposed_rating
    folder = paths.data_dir() / "mock-audio" / str(screen.mock_id)
    assert (folder / spoken.spoken.audio).is_file()
    assert all((folder / q.question_audio).is_file() for q in card.questions)
