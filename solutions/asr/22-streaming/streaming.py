"""Reference solution of kata asr-22-streaming: streaming Whisper with the LocalAgreement-2 policy."""

import re
from collections.abc import Callable

import numpy as np
import soxr

from interview_prep import models

WHISPER_RATE = 16000
MIN_NEW_S = 1.0  # decode again once this much new audio has arrived
TRIM_S = 10.0  # past this buffer length, drop the audio of fully committed segments


def _key(word: str) -> str:
    """A word as the agreement compares it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", word.lower())


class LocalAgreementStreamer:
    """Rolling buffer, re-decoded as audio arrives; commits the prefix two consecutive decodes agree on."""

    def __init__(self, sampling_rate: int):
        self.rate = sampling_rate
        self.buffer = np.zeros(0, dtype=np.float32)  # 16 kHz audio not yet dropped
        self.new_samples = 0  # arrived since the last decode
        self.committed: list[str] = []  # every committed word, in order
        self.in_buffer = 0  # how many committed words the current buffer's audio holds
        self.tentative: list[str] = []  # the previous decode's words after the committed ones

    def _decode(self) -> list[tuple[float | None, list[str]]]:
        """Whisper's segments of the buffer as (end time in the buffer, words)."""
        out = models.asr_pipeline()(self.buffer, return_timestamps=True)
        return [(chunk["timestamp"][1], chunk["text"].split()) for chunk in out["chunks"]]

    def push(self, chunk: np.ndarray) -> str:
        """Add a chunk; return everything committed so far."""
        x = np.asarray(chunk, dtype=np.float32)
        if self.rate != WHISPER_RATE:
            x = soxr.resample(x, self.rate, WHISPER_RATE).astype(np.float32)
        self.buffer = np.concatenate([self.buffer, x])
        self.new_samples += len(x)
        if self.new_samples >= MIN_NEW_S * WHISPER_RATE:
            self.new_samples = 0
            self._step()
        return " ".join(self.committed)

    def _step(self) -> None:
        segments = self._decode()
        words = [w for _, seg in segments for w in seg]
        hypothesis = words[self.in_buffer :]
        agreed = 0
        while (
            agreed < min(len(hypothesis), len(self.tentative))
            and _key(hypothesis[agreed]) == _key(self.tentative[agreed])
        ):
            agreed += 1
        self.committed += hypothesis[:agreed]
        self.in_buffer += agreed
        self.tentative = hypothesis[agreed:]
        self._trim(segments)

    def _trim(self, segments: list[tuple[float | None, list[str]]]) -> None:
        """Drop the audio of leading segments whose words are all committed (never the last segment)."""
        if len(self.buffer) < TRIM_S * WHISPER_RATE:
            return
        count, cut = 0, None
        for end, seg in segments[:-1]:
            if end is None or count + len(seg) > self.in_buffer:
                break
            count += len(seg)
            cut = (end, count)
        if cut is not None:
            end, count = cut
            self.buffer = self.buffer[int(end * WHISPER_RATE) :]
            self.in_buffer -= count

    def finish(self) -> str:
        """The stream ended: commit what the last decode of the buffer says, return the whole transcript."""
        if len(self.buffer) and self.new_samples:
            words = [w for _, seg in self._decode() for w in seg]
            self.committed += words[self.in_buffer :]
        elif self.tentative:
            self.committed += self.tentative
        self.buffer = self.buffer[:0]
        self.tentative = []
        return " ".join(self.committed)


def open_stream(sampling_rate: int) -> tuple[Callable[[np.ndarray], str], Callable[[], str]]:
    """Start a stream of mono audio at `sampling_rate`; return its (push, finish) functions."""
    streamer = LocalAgreementStreamer(sampling_rate)
    return streamer.push, streamer.finish
