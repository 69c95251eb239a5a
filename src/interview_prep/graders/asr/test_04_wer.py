"""Grader of kata asr-04-wer: word error rate and S/D/I counts, checked against jiwer.

`wer` must match `jiwer.process_words` within 1e-9. S, D and I may come from any minimal
alignment (jiwer picks one of several), so counts are accepted when they belong to an
optimal alignment, computed here by dynamic programming.
"""

from __future__ import annotations

import jiwer

from interview_prep.kata.grading import Returned, call, expect_equal, expect_type, hint, learner_function, pyrandom

FILE = "word_error_rate.py"
KEYS = ("substitutions", "deletions", "insertions")
LIKE = {"wer": 0.0, "substitutions": 0, "deletions": 0, "insertions": 0}
WORDS = (
    "where is my order the price of this jacket please return size cart coffee store today "
    "discount receipt open card pay cash bag milk bread"
).split()


def _truth(reference: str, hypothesis: str) -> dict:
    out = jiwer.process_words(reference, hypothesis)
    return {
        "wer": float(out.wer),
        "substitutions": int(out.substitutions),
        "deletions": int(out.deletions),
        "insertions": int(out.insertions),
    }


def _optimal_counts(ref: list[str], hyp: list[str]) -> set[tuple[int, int, int]]:
    """Every (S, D, I) of a minimal word alignment of `ref` to `hyp`."""
    rows, cols = len(ref) + 1, len(hyp) + 1
    cost = [[0] * cols for _ in range(rows)]
    counts: list[list[set[tuple[int, int, int]]]] = [[set() for _ in range(cols)] for _ in range(rows)]
    counts[0][0] = {(0, 0, 0)}
    for i in range(rows):
        for j in range(cols):
            if i == j == 0:
                continue
            options = []
            if i and j:
                sub = ref[i - 1] != hyp[j - 1]
                options.append((cost[i - 1][j - 1] + sub, {(s + sub, d, n) for s, d, n in counts[i - 1][j - 1]}))
            if i:
                options.append((cost[i - 1][j] + 1, {(s, d + 1, n) for s, d, n in counts[i - 1][j]}))
            if j:
                options.append((cost[i][j - 1] + 1, {(s, d, n + 1) for s, d, n in counts[i][j - 1]}))
            best = min(c for c, _ in options)
            cost[i][j] = best
            counts[i][j] = set().union(*(found for c, found in options if c == best))
    return counts[-1][-1]


def _check(reference: str, hypothesis: str) -> None:
    fn = learner_function(FILE, "word_error_rate")
    returned: Returned = call(fn, reference, hypothesis)
    got = expect_type(returned, LIKE)
    expected = _truth(reference, hypothesis)
    mine = tuple(got[k] for k in KEYS)
    note = None
    if mine != tuple(expected[k] for k in KEYS):
        if mine in _optimal_counts(reference.split(), hypothesis.split()):
            expected = {**expected, **dict(zip(KEYS, mine, strict=True))}  # another minimal alignment: fine
        else:
            note = (
                f"S + D + I = {sum(mine)} but the fewest edits is {sum(expected[k] for k in KEYS)}, "
                f"or the counts do not fit the word counts ({len(reference.split())} reference, "
                f"{len(hypothesis.split())} hypothesis words)"
            )
    expect_equal(returned, expected, abs_tol=1e-9, rel_tol=0.0, note=note)


def _edit(words: list[str], gen, edits: int) -> list[str]:
    out = list(words)
    for _ in range(edits):
        kind = gen.choice(["sub", "del", "ins"]) if out else "ins"
        position = gen.randrange(len(out) + (kind == "ins"))
        if kind == "sub":
            out[position] = gen.choice(WORDS)
        elif kind == "del":
            del out[position]
        else:
            out.insert(position, gen.choice(WORDS))
    return out


@hint(1)
def test_identical_sentences_have_zero_wer():
    gen = pyrandom()
    sentence = " ".join(gen.choice(WORDS) for _ in range(6))
    _check(sentence, sentence)


@hint(1)
def test_one_substitution():
    gen = pyrandom()
    words = [gen.choice(WORDS) for _ in range(gen.randint(3, 8))]
    hyp = list(words)
    position = gen.randrange(len(hyp))
    hyp[position] = "pricey" if hyp[position] != "pricey" else "cheap"
    _check(" ".join(words), " ".join(hyp))


@hint(3)
def test_statement_example():
    _check("where is my order", "where is the my border")


@hint(2)
def test_matches_jiwer_on_random_pairs():
    gen = pyrandom()
    for _ in range(30):
        words = [gen.choice(WORDS) for _ in range(gen.randint(1, 12))]
        hyp = _edit(words, gen, gen.randint(0, 5)) if gen.random() < 0.85 else gen.sample(WORDS, gen.randint(0, 8))
        _check(" ".join(words), " ".join(hyp))


@hint(4)
def test_empty_reference():
    gen = pyrandom()
    _check("", " ".join(gen.choice(WORDS) for _ in range(gen.randint(1, 5))))
    _check("", "")


@hint(3)
def test_empty_hypothesis_is_all_deletions():
    gen = pyrandom()
    _check(" ".join(gen.choice(WORDS) for _ in range(gen.randint(2, 7))), "")


@hint(1)
def test_extra_spaces_do_not_count():
    gen = pyrandom()
    words = [gen.choice(WORDS) for _ in range(5)]
    hyp = _edit(words, gen, 2)
    _check("  " + "   ".join(words) + " ", " " + "  ".join(hyp) + "   ")


@hint(1)
def test_case_matters():
    _check("the Price of milk", "the price of milk")


@hint(4)
def test_wer_can_exceed_one():
    gen = pyrandom()
    _check(gen.choice(WORDS), " ".join(gen.choice(WORDS) for _ in range(gen.randint(3, 6))))


def test_result_types():
    fn = learner_function(FILE, "word_error_rate")
    returned = call(fn, "pay by card", "pay by cash")
    expect_type(returned, LIKE, note='return {"wer": float, "substitutions": int, "deletions": int, "insertions": int}')
