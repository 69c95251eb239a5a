"""Reader for CTranslate2 `model.bin` files (binary format versions 1-6), numpy only.

Layout: u32 version; (v>=2) spec name and revision; variables (name, rank, dims, dtype,
byte count, data); (v>=3) aliases such as the tied output projection.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16, 5: "bfloat16"}
_LEGACY_ITEM_DTYPES = {4: np.float32, 2: np.int16, 1: np.int8}


@dataclass
class Ct2Model:
    version: int
    spec: str
    revision: int
    variables: dict[str, np.ndarray]
    aliases: dict[str, str] = field(default_factory=dict)


class _Cursor:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def unpack(self, fmt: str):
        value = struct.unpack_from("<" + fmt, self.data, self.offset)[0]
        self.offset += struct.calcsize("<" + fmt)
        return value

    def string(self) -> str:
        n = self.unpack("H")
        raw = self.data[self.offset : self.offset + n]
        self.offset += n
        return raw[:-1].decode("utf-8")  # NUL-terminated

    def take(self, n: int) -> bytes:
        if self.offset + n > len(self.data):
            raise ValueError("model.bin is truncated")
        raw = self.data[self.offset : self.offset + n]
        self.offset += n
        return raw


def read_ct2_model(path: Path) -> Ct2Model:
    """Parse a CTranslate2 model.bin into numpy arrays (aliases resolved)."""
    cur = _Cursor(Path(path).read_bytes())
    version = cur.unpack("I")
    if not 1 <= version <= 6:
        raise ValueError(f"unsupported CTranslate2 binary version {version}")
    spec, revision = "", 1
    if version >= 2:
        spec, revision = cur.string(), cur.unpack("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(cur.unpack("I")):
        name = cur.string()
        shape = tuple(cur.unpack("I") for _ in range(cur.unpack("B")))
        if version >= 4:
            dtype = _DTYPES[cur.unpack("B")]
            nbytes = cur.unpack("I")
        else:
            item = cur.unpack("B")
            dtype, nbytes = _LEGACY_ITEM_DTYPES[item], item * cur.unpack("I")
        raw = cur.take(nbytes)
        if dtype == "bfloat16":
            array = (np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=dtype)
        variables[name] = array.reshape(shape)
    aliases: dict[str, str] = {}
    if version >= 3:
        for _ in range(cur.unpack("I")):
            alias = cur.string()
            aliases[alias] = cur.string()
    for alias, target in aliases.items():
        variables[alias] = variables[target]
    if cur.offset != len(cur.data):
        raise ValueError(f"model.bin has {len(cur.data) - cur.offset} unexpected trailing bytes")
    return Ct2Model(version, spec, revision, variables, aliases)
