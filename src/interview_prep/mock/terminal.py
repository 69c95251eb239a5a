"""The interactive `interview-prep mock`: questions with a countdown, then the kata, then the scorecard.

Input is read with `input()`, so the countdown is shown with every prompt (the TUI screen
shows a live one). Ctrl-C or Ctrl-D ends the interview early; the scorecard is still saved.
Every step is checkpointed, so an interview cut off otherwise (a closed terminal) is offered
again by the next `interview-prep mock`.

With `--voice` each question is read aloud by our TTS voice (played by the system's player
when there is one, else its WAV path is printed) and open questions can be answered by voice:
recorded from the microphone (the optional `voice` extra), or a WAV file given at the prompt
or found in `--answers-dir`; the transcript is scored like a typed answer.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from interview_prep.errors import UserError
from interview_prep.mock import render
from interview_prep.mock.scorecard import save_scorecard
from interview_prep.mock.session import (
    Clock,
    MockInterview,
    Phase,
    draw_for,
    kata_root,
    load_unfinished,
    save_unfinished,
)
from interview_prep.progress.days import rollover_hour
from interview_prep.progress.store import Store, open_store
from interview_prep.quiz import render as quiz_render
from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.models import OpenQuestion, Question


def _now() -> datetime:
    return datetime.now(UTC)


def run_mock(minutes: int, seed: int | None = None, console: Console | None = None, clock: Clock = _now,
             *, voice: bool = False, answers_dir: Path | None = None) -> int:
    """Offer to resume an unfinished mock interview, else draw a new one; run it, save it, print its scorecard.

    `voice`: read the questions aloud and take spoken answers (from `answers_dir` when given).
    """
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.quiz.bank import load_bank

    console = console or Console(highlight=False)
    bank = load_bank()
    if not bank.questions:
        raise UserError("the question bank has no valid questions", hint="run `interview-prep dev check`")
    catalog = load_catalog(strict=False)
    with open_store() as store:
        interview, problem = load_unfinished(store, bank, catalog, clock)
        if problem:
            console.print(Text(problem, style="yellow"))
        if interview is not None:
            console.print(Panel(f"An unfinished mock interview: {interview.progress_line()}. "
                                "The clock was paused while you were away.", border_style="cyan"))
            try:
                reply = console.input("[bold]Resume it?[/] [Y/n] (n saves its scorecard as it stands) ")
            except (EOFError, KeyboardInterrupt):
                console.print("\nLeft for later: `interview-prep mock` offers it again.")
                return 0
            if reply.strip().lower() in ("n", "no"):
                _save(console, store, interview, ended_early=True)
                interview = None
        if interview is None:
            draw, seed = draw_for(store, bank, catalog, minutes, seed)
            console.print(render.intro(draw, bank.titles))
            try:
                console.input("[bold]Press Enter to start the clock[/] ")
            except (EOFError, KeyboardInterrupt):
                console.print("\nNo interview started.")
                return 0
            interview = MockInterview(draw, clock, seed, dict(bank.titles), voice=voice or answers_dir is not None)
        ended_early = False
        try:
            save_unfinished(store, interview)
            while interview.phase is Phase.QUESTIONS:
                _ask(console, interview, answers_dir)
                save_unfinished(store, interview)
            if interview.phase is Phase.KATA:
                ended_early = _kata(console, store, interview)
        except (EOFError, KeyboardInterrupt):
            ended_early = True
            console.print("\n[yellow]Interview ended early.[/]")
        if interview.expired:
            console.print("[bold red]Time is up.[/]")
        _save(console, store, interview, ended_early)
    return 0


def _save(console: Console, store: Store, interview: MockInterview, ended_early: bool) -> None:
    """Finish the interview, save its scorecard (dropping the checkpoint) and print it."""
    _wait_for_speakers()
    card = interview.finish(ended_early)
    mock_id = save_scorecard(store, card)
    console.print()
    console.print(render.scorecard(card, mock_id, rollover_hour(store)))
    console.print(f"[dim]Saved as mock interview #{mock_id}: `interview-prep mock show {mock_id}` shows it again.[/]")


def _ask(console: Console, interview: MockInterview, answers_dir: Path | None = None) -> None:
    question = interview.current
    console.print()
    console.print(render.countdown(interview.time_left(), interview.draw.minutes))
    title = interview.titles.get(question.topic, question.topic)
    console.print(quiz_render.question_panel(question, interview.position, len(interview.questions), title))
    spoken = None
    if interview.voice:
        _read_aloud(console, interview)
    if interview.voice and isinstance(question, OpenQuestion):
        answer, spoken = _spoken_answer(console, interview, answers_dir)
    else:
        answer = console.input("[bold cyan]›[/] ")
    while not isinstance(question, OpenQuestion):
        try:
            interview.check(answer)
            break
        except InvalidAnswer as exc:
            console.print(Text(str(exc), style="yellow"))
            answer = console.input("[bold cyan]›[/] ")
    rating = None
    if isinstance(question, OpenQuestion):
        from interview_prep.quiz.rubric_render import proposed_rating_prompt, read_rating, rubric_text

        console.print(quiz_render.model_answer_panel(question, answer))
        score = interview.score(answer)
        if score is not None:
            console.print(rubric_text(score))
        proposed = score.proposed_rating if score is not None else None
        while (rating := read_rating(console.input(proposed_rating_prompt(proposed)), proposed)) is None:
            console.print("[yellow]type 1, 2, 3 or 4[/]")
    result = interview.submit(answer, rating, spoken)
    if not result.answered:
        console.print("[yellow]Time for the questions is up: this answer does not count.[/]")
    elif result.correct is not None:
        verdict = "[green]✓ right[/]" if result.correct else "[red]✗ not quite[/]"
        console.print(verdict, Text(f"answer: {_expected(question)}", style="dim"))


#: questions being read aloud (background threads), one synthesis at a time
_SPEAKERS: list[threading.Thread] = []
_SYNTHESIS = threading.Lock()


def _read_aloud(console: Console, interview: MockInterview) -> None:
    """Synthesize the question (once) and play it, in the background: the question is on screen and
    can be answered meanwhile. Without a player its WAV path is printed."""
    thread = threading.Thread(target=_speak, args=(console, interview, interview.position), daemon=True)
    _SPEAKERS.append(thread)
    thread.start()


def _wait_for_speakers(timeout_s: float = 300.0) -> None:
    """Let every question being synthesized reach its WAV before the mock's audio is moved."""
    while _SPEAKERS:
        _SPEAKERS.pop().join(timeout_s)


def _speak(console: Console, interview: MockInterview, position: int) -> None:
    from interview_prep.audio import playback

    try:
        with _SYNTHESIS:
            path = interview.read_question(position=position)
    except Exception as exc:  # the voice is a convenience: a failure never ends the interview
        console.print(Text(f"The question could not be read aloud: {exc}", style="yellow"))
        return
    if playback.players():
        if position == interview.position:  # not answered already
            playback.play(path)
    else:
        console.print(Text(f"🔊 no audio player found (paplay, aplay, afplay or ffplay); the question is at "
                           f"{path}", style="dim"))


def _spoken_answer(console: Console, interview: MockInterview, answers_dir: Path | None):
    """(transcript, SpokenAnswer) of a spoken answer, or (typed text, None)."""
    from interview_prep.audio.io import AudioError
    from interview_prep.mock.recording import microphone
    from interview_prep.mock.voice import find_answer_file

    question = interview.current
    found = find_answer_file(answers_dir, interview.position, question.id) if answers_dir else None
    if found is not None:
        console.print(Text(f"Your answer: {found}", style="dim"))
        try:
            return _transcribed(console, found)
        except AudioError as exc:
            console.print(Text(str(exc), style="yellow"))
    mic, why = microphone()
    how = "Enter records from the microphone (Enter again stops), " if mic else f"[dim]({why})[/] "
    console.print(f"[dim]Answer aloud: {how}or give a WAV file path; or type your answer.[/]")
    while True:
        reply = console.input("[bold cyan]›[/] ").strip()
        if not reply and mic:
            path = _record(console, interview)
            if path is None:
                continue
        elif not reply:
            console.print("[yellow]give a WAV file path, or type your answer[/]")
            continue
        else:
            path = Path(reply.strip("'\"")).expanduser()
            if not path.is_file():
                if path.suffix.lower() in (".wav", ".flac", ".ogg"):
                    console.print(f"[yellow]no file {path}[/]")
                    continue
                return reply, None
        try:
            return _transcribed(console, path)
        except AudioError as exc:
            console.print(Text(str(exc), style="yellow"))


def _record(console: Console, interview: MockInterview) -> Path | None:
    from interview_prep.mock.recording import Recorder
    from interview_prep.mock.voice import answer_wav_name

    recorder = Recorder()
    try:
        recorder.start()
    except Exception as exc:
        console.print(Text(f"The microphone could not start: {exc}", style="yellow"))
        return None
    console.input("[bold red]● recording[/] [dim]Enter stops[/] ")
    audio = recorder.stop()
    if len(audio) < recorder.sample_rate // 2:
        console.print("[yellow]that recording is too short; try again[/]")
        return None
    folder = interview.audio_dir
    return recorder.save(audio, folder / answer_wav_name(interview.position, interview.current.id))


def _transcribed(console: Console, path: Path):
    from interview_prep.mock.voice import transcribe_answer

    with console.status("transcribing your answer (Whisper tiny.en)…"):
        spoken = transcribe_answer(path)
    console.print(render.spoken_answer(spoken.text, spoken.metrics))
    return spoken.text, spoken


def _expected(question: Question) -> str:
    from interview_prep.quiz.checking import expected_answer

    return expected_answer(question)


def _kata(console: Console, store: Store, interview: MockInterview) -> bool:
    """The coding part; True when the learner gave up (q) before a pass and before time was up."""
    from interview_prep.kata.render import print_results
    from interview_prep.kata.workspace import learner_files

    kata = interview.draw.kata
    folder = interview.prepare_kata(kata_root(store, interview.started_at))
    save_unfinished(store, interview)
    files = ", ".join(str(f) for f in learner_files(folder.parents[1], kata))
    console.print()
    console.print(Panel(
        Text.assemble(("Statement: ", "bold"), str(folder / "README.md"), "\n", ("Edit: ", "bold"), files, "\n\n",
                      ("Press Enter to grade (as often as you like); type q and Enter to finish.", "dim")),
        title=f"Coding · {kata.title}", title_align="left", border_style="cyan"))
    while interview.phase is Phase.KATA:
        left = render.clock_text(interview.time_left())
        command = console.input(f"[bold cyan]⏱ {left}[/] grade [Enter] · finish [q] › ").strip().lower()
        if command in ("q", "quit", "finish"):
            return True
        if interview.phase is not Phase.KATA:
            break
        with console.status(f"grading {kata.id}…"):
            results = interview.grade_kata()
        save_unfinished(store, interview)
        print_results(console, kata, results, hints=False)  # hints and replays act on the normal workspace
        if results.passed:
            console.print("[bold green]Solved under the clock.[/]")
            return False
    return False
