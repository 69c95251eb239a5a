"""Grader of kata asr-03-ctc-greedy-decode: greedy CTC decoding of random logits.

Inputs are built from a known transcript: every token lasts 1-3 frames, blanks appear
between tokens (always between a double letter), and the chosen token beats every other
token of its frame by a clear margin. The expected answer is that transcript.
"""

from __future__ import annotations

import numpy as np

from interview_prep.kata.grading import call, expect_equal, hint, learner_function, rng

FILE = "ctc_decode.py"
# The wav2vec2-base-960h vocabulary, in its order: <pad> (index 0) is the CTC blank.
VOCAB = (
    "<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", "A", "O", "N", "I", "H", "S", "R", "D", "L",
    "U", "M", "W", "C", "F", "G", "Y", "P", "B", "V", "K", "'", "X", "J", "Q", "Z",
)  # fmt: skip
WORDS = ("CART", "PRICE", "STORE", "RETURN", "SIZE", "ORDER", "RECEIPT", "DISCOUNT", "TODAY", "WHERE", "IS", "MY")
DOUBLES = ("COFFEE", "APPLE", "BOTTLE", "DOLLAR", "BAGGAGE", "SHOPPING", "CHEESE", "BOOK", "ADDRESS", "TOMORROW")


def _logits(
    text: str,
    vocab: tuple[str, ...],
    blank: int,
    gen: np.random.Generator,
    *,
    max_repeat: int = 3,
    extra_delimiters: bool = False,
) -> tuple[np.ndarray, list[str]]:
    """Logits whose best path spells `text`; also returns the best token of every frame."""
    index = {token: i for i, token in enumerate(vocab)}
    tokens = ["|" if ch == " " else ch for ch in text]
    if extra_delimiters:
        tokens = ["|", *tokens, "|"]
    path: list[int] = [blank] * int(gen.integers(0, 3))
    previous = None
    for token in tokens:
        if token == previous or gen.random() < 0.35:
            path += [blank] * int(gen.integers(1, 3))
        if extra_delimiters and token == "|" and gen.random() < 0.5:
            path += [index["|"], blank]  # "| <blank> |" decodes to two spaces before normalizing
        path += [index[token]] * int(gen.integers(1, max_repeat + 1))
        previous = token
    path += [blank] * int(gen.integers(0, 3) if tokens else gen.integers(3, 8))
    logits = gen.normal(0.0, 1.0, size=(len(path), len(vocab))).astype(np.float32)
    rows = np.arange(len(path))
    logits[rows, path] = logits.max(axis=1) + gen.uniform(1.0, 3.0, size=len(path)).astype(np.float32)
    return logits, [vocab[i] for i in path]


def _check(text: str, vocab: tuple[str, ...], blank: int, gen: np.random.Generator, **options) -> None:
    decode = learner_function(FILE, "greedy_decode")
    logits, path = _logits(text, vocab, blank, gen, **options)
    vocab = list(vocab)  # the statement promises a list
    shown = " ".join(path)
    note = f"best token per frame: {shown if len(shown) <= 240 else shown[:239] + '…'}"
    if blank == 0:
        expect_equal(call(decode, logits, vocab), text, note=note)
    else:
        expect_equal(call(decode, logits, vocab, blank=blank), text, note=note)


@hint(1)
def test_decodes_one_word():
    gen = rng()
    _check(str(gen.choice(WORDS[:4])), VOCAB, 0, gen, max_repeat=1)


@hint(2)
def test_collapses_repeated_frames():
    gen = rng()
    _check(str(gen.choice(WORDS)), VOCAB, 0, gen, max_repeat=4)


@hint(2)
def test_blank_separates_double_letters():
    gen = rng()
    _check(str(gen.choice(DOUBLES)), VOCAB, 0, gen)


@hint(4)
def test_word_delimiter_becomes_space():
    gen = rng()
    words = [str(w) for w in gen.choice(WORDS + DOUBLES, size=4, replace=False)]
    _check(" ".join(words), VOCAB, 0, gen)


@hint(4)
def test_spacing_is_normalized():
    gen = rng()
    words = [str(w) for w in gen.choice(WORDS, size=3, replace=False)]
    _check(" ".join(words), VOCAB, 0, gen, extra_delimiters=True)


@hint(3)
def test_blank_is_not_always_index_zero():
    gen = rng()
    vocab = (*VOCAB[1:], "<blank>")
    _check(" ".join(str(w) for w in gen.choice(DOUBLES, size=2, replace=False)), vocab, len(vocab) - 1, gen)


@hint(2)
def test_all_blank_frames_give_empty_string():
    gen = rng()
    _check("", VOCAB, 0, gen)


@hint(2)
def test_random_sentences():
    gen = rng()
    for _ in range(5):
        words = [str(w) for w in gen.choice(WORDS + DOUBLES, size=int(gen.integers(1, 6)))]
        _check(" ".join(words), VOCAB, 0, gen)
