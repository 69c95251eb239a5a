"""Reference solution of kata asr-04: word error rate with S/D/I counts."""


def word_error_rate(reference: str, hypothesis: str) -> dict:
    """Return {"wer": float, "substitutions": int, "deletions": int, "insertions": int}."""
    ref, hyp = reference.split(), hypothesis.split()
    rows, cols = len(ref) + 1, len(hyp) + 1
    d = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        d[i][0] = i
    for j in range(cols):
        d[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]))
    s = dels = ins = 0
    i, j = len(ref), len(hyp)
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            s += ref[i - 1] != hyp[j - 1]
            i, j = i - 1, j - 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            dels += 1
            i -= 1
        else:
            ins += 1
            j -= 1
    return {"wer": (s + dels + ins) / max(len(ref), 1), "substitutions": s, "deletions": dels, "insertions": ins}
