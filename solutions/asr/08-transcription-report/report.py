"""Reference solution of kata asr-08: a transcription report and a plot of transcription lengths."""

import string
from collections import Counter
from typing import Any

STOP_WORDS = frozenset(
    "a an and are at be but by can do does for from have i in is it me my of on or our "
    "please the this to was we what when where which will with you your".split()
)


def transcription_report(transcripts: list[dict[str, Any]], top_k: int = 5) -> dict[str, Any]:
    """Counts, speaking rates and most frequent terms of `transcripts` (see README.md for the keys)."""
    rows = []
    terms: Counter[str] = Counter()
    for item in transcripts:
        tokens = item["text"].split()
        rows.append(
            {
                "id": item["id"],
                "words": len(tokens),
                "characters": len(item["text"].strip()),
                "words_per_minute": len(tokens) / (item["duration_s"] / 60),
            }
        )
        terms.update(t for t in (tok.lower().strip(string.punctuation) for tok in tokens) if t and t not in STOP_WORDS)
    total_words = sum(r["words"] for r in rows)
    total_duration = sum(float(item["duration_s"]) for item in transcripts)
    return {
        "count": len(rows),
        "total_words": total_words,
        "total_characters": sum(r["characters"] for r in rows),
        "total_duration_s": total_duration,
        "words_per_minute": total_words / (total_duration / 60),
        "per_transcript": rows,
        "top_terms": sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k],
    }


def plot_lengths(report: dict[str, Any], path: str):
    """Bar chart of words per transcript with a line at the mean; saves a PNG at `path`, returns the Figure."""
    from matplotlib.figure import Figure

    rows = report["per_transcript"]
    words = [r["words"] for r in rows]
    fig = Figure(figsize=(max(6.0, 0.8 * len(rows)), 4.0))
    ax = fig.subplots()
    ax.bar([r["id"] for r in rows], words, color="tab:blue")
    ax.axhline(sum(words) / len(words), color="tab:red", linestyle="--", label="mean")
    ax.set_xlabel("transcript")
    ax.set_ylabel("words")
    ax.set_title(f"Transcription lengths ({report['total_words']} words, {report['words_per_minute']:.0f} wpm)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, format="png")
    return fig
