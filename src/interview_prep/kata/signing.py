"""Per-run HMAC signing of the results file (shared by the runner and the reporter).

Kept apart from the reporter so that the runner (the app's process) can verify a
results file without importing pytest.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

Signer = Callable[[bytes], str]


def make_signer(key: bytes) -> Signer:
    """An HMAC-SHA256 signer holding `key` in a closure."""

    def sign(data: bytes) -> str:
        return hmac.new(key, data, hashlib.sha256).hexdigest()

    return sign


def verify(key: bytes, data: bytes, mac: str) -> bool:
    """True if `mac` is the signature of `data` with `key`."""
    return hmac.compare_digest(make_signer(key)(data), mac)
