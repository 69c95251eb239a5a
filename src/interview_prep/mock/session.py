"""One mock interview, independent of any UI and driven by a clock (`clock() -> aware datetime`).

Phases: questions, then the kata, then finished. The questions have a soft budget (the
session's minutes minus the kata's estimate): once it is spent, the remaining questions
are skipped and the kata begins. The session's end is hard: answers and grading runs
started after it do not count. `finish()` builds the scorecard and the caller saves it
(see `mock.__init__` for why answers are not FSRS reviews).

An interview left without finishing (the app quit, the terminal closed) is not lost: the
callers checkpoint it with `save_unfinished()` after every step, and `load_unfinished()`
resumes it with the clock paused while the learner was away.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep.errors import UserError
from interview_prep.kata.results import Results, Status
from interview_prep.mock.draw import MockDraw
from interview_prep.mock.scorecard import KataResult, QuestionResult, Scorecard, Spoken, TopicResult
from interview_prep.progress.mocks import UNFINISHED_KEY
from interview_prep.quiz.checking import CheckResult, check_answer, expected_answer
from interview_prep.quiz.models import OpenQuestion, Question
from interview_prep.quiz.rating import Rating

if TYPE_CHECKING:
    from interview_prep.kata.catalog import Catalog
    from interview_prep.mock.voice import SpokenAnswer
    from interview_prep.progress.store import Store
    from interview_prep.quiz.bank import Bank
    from interview_prep.quiz.rubric import RubricScore

Clock = Callable[[], datetime]
TITLE_CHARS = 70


class Phase(StrEnum):
    QUESTIONS = "questions"
    KATA = "kata"
    FINISHED = "finished"


@dataclass(frozen=True)
class KataRun:
    """One grading run of the mock's kata, started at `at`."""

    at: datetime
    results: Results


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def question_title(question: Question) -> str:
    """A question's name in lists: its prompt's first paragraph, plain text, at most 70 characters."""
    paragraph = re.split(r"\n\s*\n|\n```", question.prompt.strip(), maxsplit=1)[0] or question.id
    text = " ".join(re.sub(r"[*`#>]|\[([^\]]*)\]\([^)]*\)", r"\1", paragraph).split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def _described(question: Question, **fields: object) -> QuestionResult:
    """A question's result with what the scorecard transcript shows: title, prompt, right answer."""
    return QuestionResult(id=question.id, topic=question.topic, kind=question.kind, title=question_title(question),
                          prompt=question.prompt, expected=expected_answer(question), **fields)


class MockInterview:
    """A running mock interview; `clock` is read for every timing decision."""

    def __init__(self, draw: MockDraw, clock: Clock, seed: int, titles: dict[str, str] | None = None,
                 voice: bool = False):
        self.draw = draw
        self.clock = clock
        self.seed = seed
        self.titles = titles or {}
        self.started_at = clock()
        self.deadline = self.started_at + timedelta(minutes=draw.minutes)
        self.question_deadline = self.started_at + timedelta(minutes=draw.question_minutes)
        self.answers: list[QuestionResult] = []
        self.kata_dir: Path | None = None
        self.kata_started_at: datetime | None = None
        self.kata_runs: list[KataRun] = []
        self.finished_at: datetime | None = None
        self._shown_at = self.started_at
        self._skipped_to_kata = False
        #: `mock --voice`: questions read aloud, spoken answers; audio kept in `audio_dir`
        self.voice = voice
        self.audio_dir: Path | None = None
        if voice:
            from interview_prep.mock.voice import staging_dir

            self.audio_dir = staging_dir(self.started_at)
        self.question_audio: dict[str, str] = {}

    # time -----------------------------------------------------------------------------

    def time_left(self) -> timedelta:
        """Time until the hard end (never negative)."""
        return max(timedelta(0), self.deadline - self.clock())

    @property
    def expired(self) -> bool:
        return self.clock() >= self.deadline

    @property
    def questions(self) -> list[Question]:
        return self.draw.questions

    @property
    def phase(self) -> Phase:
        if self.finished_at is not None or self.expired:
            return Phase.FINISHED
        if (
            len(self.answers) < len(self.questions)
            and not self._skipped_to_kata
            and self.clock() < self.question_deadline
        ):
            return Phase.QUESTIONS
        return Phase.KATA if self.draw.kata is not None else Phase.FINISHED

    # questions ------------------------------------------------------------------------

    @property
    def current(self) -> Question | None:
        """The question to answer now (None outside the question phase)."""
        return self.questions[len(self.answers)] if self.phase is Phase.QUESTIONS else None

    @property
    def position(self) -> int:
        """1-based number of the current question."""
        return len(self.answers) + 1

    def check(self, answer: str) -> CheckResult:
        """Check an answer to the current question (raises InvalidAnswer for unreadable input)."""
        if self.current is None:
            raise RuntimeError("no question is open")
        return check_answer(self.current, answer)

    def score(self, answer: str) -> RubricScore | None:
        """The current open question's key points covered and missed by `answer` (None for other
        questions, an open question without key points, or an empty answer)."""
        from interview_prep.quiz.rubric import has_rubric, score_answer

        question = self.current
        if not answer.strip() or not has_rubric(question):
            return None
        return score_answer(question, answer)

    def read_question(self, tts=None, position: int | None = None) -> Path:
        """Question `position` (default: the current one) read aloud by our voice: its WAV in the
        mock's audio folder (made once)."""
        from interview_prep.mock.voice import question_wav_name, read_aloud, spoken_question

        position = self.position if position is None else position
        question = self.questions[position - 1] if 0 < position <= len(self.questions) else None
        if question is None or self.audio_dir is None:
            raise RuntimeError("no such question, or this is not a voice interview")
        name = question_wav_name(position, question.id)
        path = read_aloud(spoken_question(question), self.audio_dir / name, tts=tts)
        self.question_audio[question.id] = name
        return path

    def submit(self, answer: str, self_rating: Rating | None = None, spoken: SpokenAnswer | None = None
               ) -> QuestionResult:
        """Answer the current question. Past the question budget the answer does not count.

        An open answer is scored against the question's key points (covered, missed, proposed
        rating). A `spoken` answer (its transcript is `answer`) keeps its recording, copied into
        the mock's audio folder, and its speaking metrics.
        """
        if len(self.answers) >= len(self.questions) or self._skipped_to_kata or self.finished_at is not None:
            raise RuntimeError("no question is open")
        question = self.questions[len(self.answers)]
        now = self.clock()
        in_time = now < self.question_deadline and now < self.deadline
        correct: bool | None = None
        if in_time:
            correct = check_answer(question, answer).correct
            if isinstance(question, OpenQuestion) and self_rating is None:
                raise ValueError("open questions need a self-rating")
        extra: dict = {}
        if in_time and (score := self.score(answer)) is not None:
            extra.update(covered_points=[p.point for p in score.covered], missed_points=[p.point for p in score.missed],
                         proposed_rating=int(score.proposed_rating))
        if spoken is not None:
            extra["spoken"] = self._spoken(question, spoken)
        result = _described(
            question,
            answered=in_time,
            correct=correct if in_time else None,
            self_rating=int(self_rating) if in_time and isinstance(question, OpenQuestion) else None,
            answer=answer,
            duration_s=round((now - self._shown_at).total_seconds(), 1),
            question_audio=self.question_audio.get(question.id) or self._question_wav(question),
            **extra,
        )
        self.answers.append(result)
        self._shown_at = now
        return result

    def _question_wav(self, question: Question) -> str:
        """The name of the question's WAV in a voice interview (it may still be being synthesized)."""
        from interview_prep.mock.voice import question_wav_name

        return question_wav_name(self.position, question.id) if self.voice else ""

    def _spoken(self, question: Question, spoken: SpokenAnswer) -> Spoken:
        from interview_prep.mock.voice import answer_wav_name, keep_answer

        name = ""
        if spoken.path is not None and self.audio_dir is not None:
            name = keep_answer(spoken.path, self.audio_dir, answer_wav_name(self.position, question.id))
        m = spoken.metrics
        return Spoken(audio=name, duration_s=m.duration_s, speech_s=m.speech_s, words=m.words, wpm=m.wpm,
                      long_pauses=list(m.long_pauses), long_pause_s=m.long_pause_s)

    def skip_to_kata(self) -> None:
        """Leave the remaining questions unanswered and move on to the kata."""
        self._skipped_to_kata = True

    # kata -----------------------------------------------------------------------------

    def prepare_kata(self, root: Path) -> Path:
        """Copy the kata's statement and starter into `root` (fresh); returns the kata's folder."""
        from interview_prep.kata.catalog import Catalog
        from interview_prep.kata.workspace import init_workspace, kata_dir

        kata = self.draw.kata
        if kata is None:
            raise RuntimeError("this mock interview has no kata")
        if self.kata_dir is None:
            init_workspace(Catalog([kata]), root)
            self.kata_dir = kata_dir(Path(root).expanduser().resolve(), kata)
            self.kata_started_at = self.clock()
        return self.kata_dir

    def grade_kata(
        self, *, on_progress: Callable | None = None, cancel_event: threading.Event | None = None
    ) -> Results:
        """Grade the learner's kata files now (refused once time is up)."""
        from interview_prep.kata.sandbox.runner import grade

        if self.draw.kata is None or self.kata_dir is None:
            raise RuntimeError("prepare the kata first")
        if self.phase is not Phase.KATA:
            raise UserError("time is up: the kata can no longer be graded in this mock interview")
        started = self.clock()
        results = grade(self.draw.kata, self.kata_dir, on_progress=on_progress, cancel_event=cancel_event)
        self.kata_runs.append(KataRun(started, results))
        return results

    # result ---------------------------------------------------------------------------

    def _kata_result(self) -> KataResult | None:
        kata = self.draw.kata
        if kata is None:
            return None
        runs = [run for run in self.kata_runs if run.at < self.deadline]
        if not runs:
            return KataResult(id=kata.id, title=kata.title, status="not attempted")

        def rank(run: KataRun) -> tuple[bool, int, datetime]:
            return run.results.passed, run.results.counts()[Status.PASS], run.at

        best = max(runs, key=rank)
        return KataResult(
            id=kata.id,
            title=kata.title,
            status=str(best.results.status),
            tests_passed=best.results.counts()[Status.PASS],
            tests_total=len(best.results.tests),
            runs=len(runs),
            time_s=round((best.at - (self.kata_started_at or self.started_at)).total_seconds(), 1),
            message=best.results.message or "",
        )

    def finish(self, ended_early: bool = False) -> Scorecard:
        """End the interview (idempotent) and build its scorecard; unanswered questions score 0."""
        if self.finished_at is None:
            self.finished_at = self.clock()
        answered = {a.id: a for a in self.answers}
        results = [answered.get(q.id) or _described(q, answered=False) for q in self.questions]
        topics: dict[str, list[QuestionResult]] = {}
        for result in results:
            topics.setdefault(result.topic, []).append(result)
        return Scorecard(
            seed=self.seed,
            started_at=_iso(self.started_at),
            finished_at=_iso(self.finished_at),
            minutes=self.draw.minutes,
            time_used_s=round((self.finished_at - self.started_at).total_seconds(), 1),
            ended_early=ended_early,
            topics=[
                TopicResult(
                    topic=topic,
                    title=self.titles.get(topic, topic),
                    asked=len(items),
                    answered=sum(r.answered for r in items),
                    credited=sum(r.credit for r in items),
                )
                for topic, items in topics.items()
            ],
            questions=results,
            kata=self._kata_result(),
            voice=self.voice,
            audio_dir=str(self.audio_dir) if self.audio_dir is not None else "",
        )

    # checkpoint -----------------------------------------------------------------------

    def snapshot(self) -> dict:
        """The interview as JSON-ready data; times are seconds of interview time, so resuming
        later continues where the learner left (the time away does not count)."""
        now = min(self.clock(), self.deadline)

        def offset(moment: datetime) -> float:
            return round((moment - self.started_at).total_seconds(), 1)

        return {
            "seed": self.seed,
            "minutes": self.draw.minutes,
            "questions": [q.id for q in self.questions],
            "kata": self.draw.kata.id if self.draw.kata else None,
            "left_at": _iso(self.clock()),
            "used_s": offset(now),
            "shown_s": offset(self._shown_at),
            "answers": [a.model_dump() for a in self.answers],
            "skipped_to_kata": self._skipped_to_kata,
            "kata_dir": str(self.kata_dir) if self.kata_dir else None,
            "kata_started_s": offset(self.kata_started_at) if self.kata_started_at else None,
            "kata_runs": [{"at_s": offset(run.at), "results": run.results.to_dict()} for run in self.kata_runs],
            "voice": self.voice,
            "audio_dir": str(self.audio_dir) if self.audio_dir is not None else None,
            "question_audio": self.question_audio.copy(),  # a reading-aloud thread may add to it
        }

    @classmethod
    def resume(cls, data: dict, bank: Bank, catalog: Catalog, clock: Clock) -> MockInterview:
        """The interview of a `snapshot()`, its clock running again from now (ValueError if its
        questions or kata are no longer installed, or the data is damaged)."""
        by_id = {q.id: q for q in bank.questions}
        missing = [qid for qid in data["questions"] if qid not in by_id]
        if missing or (data["kata"] and data["kata"] not in catalog.ids()):
            raise ValueError(f"its content is no longer installed: {', '.join(missing) or data['kata']}")
        kata = catalog.get(data["kata"]) if data["kata"] else None
        draw = MockDraw(int(data["minutes"]), [by_id[qid] for qid in data["questions"]], kata)
        base = clock() - timedelta(seconds=float(data["used_s"]))
        interview = cls(draw, lambda: base, int(data["seed"]), dict(bank.titles))
        interview.clock = clock
        interview.answers = [QuestionResult.model_validate(a) for a in data["answers"]]
        interview._shown_at = base + timedelta(seconds=float(data["shown_s"]))
        interview._skipped_to_kata = bool(data["skipped_to_kata"])
        interview.kata_dir = Path(data["kata_dir"]) if data["kata_dir"] else None
        if data["kata_started_s"] is not None:
            interview.kata_started_at = base + timedelta(seconds=float(data["kata_started_s"]))
        interview.kata_runs = [
            KataRun(base + timedelta(seconds=float(run["at_s"])), Results.from_dict(run["results"]))
            for run in data["kata_runs"]
        ]
        interview.voice = bool(data.get("voice", False))
        interview.audio_dir = Path(data["audio_dir"]) if data.get("audio_dir") else None
        interview.question_audio = dict(data.get("question_audio") or {})
        return interview

    def progress_line(self) -> str:
        """'3 of 8 questions answered, kata not graded yet, 31:10 left' (for the resume offer)."""
        if self.kata_runs:
            kata = "kata passed" if any(r.results.passed for r in self.kata_runs) else "kata not passed yet"
        else:
            kata = "kata not graded yet" if self.draw.kata else "no kata"
        left = int(self.time_left().total_seconds())
        return (f"{len(self.answers)} of {len(self.questions)} questions answered, {kata}, "
                f"{left // 60:02d}:{left % 60:02d} left")


def save_unfinished(store: Store, interview: MockInterview) -> None:
    """Checkpoint a running interview (one transaction); saving its scorecard drops the checkpoint."""
    store.set_meta(UNFINISHED_KEY, json.dumps(interview.snapshot()))


def load_unfinished(store: Store, bank: Bank, catalog: Catalog, clock: Clock) -> tuple[MockInterview | None, str]:
    """(the unfinished interview or None, why it cannot be resumed). An unreadable checkpoint is dropped."""
    raw = store.get_meta(UNFINISHED_KEY)
    if raw is None:
        return None, ""
    try:
        return MockInterview.resume(json.loads(raw), bank, catalog, clock), ""
    except (ValueError, KeyError, TypeError) as exc:
        with store.transaction() as db:
            db.execute("DELETE FROM meta WHERE key = ?", (UNFINISHED_KEY,))
        return None, f"an unfinished mock interview could not be resumed ({exc}) and was dropped"


def draw_for(
    store: Store, bank: Bank, catalog: Catalog, minutes: int, seed: int | None = None
) -> tuple[MockDraw, int]:
    """Draw a mock interview for the learner in `store` (unsolved katas preferred): (draw, seed)."""
    import secrets

    from interview_prep.mock.draw import draw_mock
    from interview_prep.progress.katas import states

    passed = {kata_id for kata_id, state in states(store).items() if state.ever_passed}
    seed = secrets.randbelow(1_000_000) if seed is None else int(seed)
    return draw_mock(bank, catalog, minutes, passed, seed), seed


def kata_root(store: Store, started_at: datetime) -> Path:
    """Where the mock's kata copy goes: `mock/<time>` in the learner's workspace (or the data dir)."""
    from interview_prep import paths
    from interview_prep.kata.practice import Practice

    stamp = started_at.astimezone().strftime("%Y%m%d-%H%M%S")
    try:
        base = Practice(store).workspace()
    except UserError:
        base = paths.data_dir()
    return base / "mock" / stamp
