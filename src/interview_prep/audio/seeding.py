"""Seeds: every generator takes an int seed or a numpy Generator and is deterministic in it."""

from __future__ import annotations

import numpy as np

Seed = int | np.random.Generator


def as_rng(seed: Seed) -> np.random.Generator:
    """A Generator for `seed` (a Generator passes through, so callers can chain draws)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be an int or numpy Generator, got {type(seed).__name__}")
    return np.random.default_rng(int(seed))


def child_seed(rng: np.random.Generator) -> int:
    """Draw an int seed from `rng` (for sub-generators that cache by int seed)."""
    return int(rng.integers(0, 2**31 - 1))
