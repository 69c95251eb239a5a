"""Grapheme-to-phoneme with the libespeak-ng bundled in the `espeakng-loader` wheel.

Gives the same IPA phonemes as Piper's own phonemizer (no apt, no subprocess).
libespeak-ng keeps global state, so all calls go through one lock.
"""

from __future__ import annotations

import ctypes
import re
import threading
import unicodedata

_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_CHARS_UTF8 = 1
_PHONEMES_IPA = 0x02
# A clause is text up to clause punctuation followed by space or the end.
_CLAUSE = re.compile(r"(.+?)([.,;:!?]+)(?=\s|$)|(.+?)$", re.S)
_SENTENCE_END = ".!?"

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_voice: str | None = None


def _library(voice: str) -> ctypes.CDLL:
    global _lib, _voice
    if _lib is None:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        data = espeakng_loader.get_data_path().encode()
        if lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0) <= 0:
            raise RuntimeError("libespeak-ng failed to initialize (espeakng-loader data path broken?)")
        _lib = lib
    if voice != _voice:
        if _lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise ValueError(f"espeak-ng voice {voice!r} not found")
        _voice = voice
    return _lib


def _clause_phonemes(lib: ctypes.CDLL, text: str) -> str:
    buf = ctypes.c_char_p(text.encode("utf-8"))
    ptr = ctypes.cast(ctypes.pointer(buf), ctypes.POINTER(ctypes.c_char_p))
    parts = []
    while ptr.contents.value:
        out = lib.espeak_TextToPhonemes(ptr, _CHARS_UTF8, _PHONEMES_IPA)
        if out:
            parts.append(out.decode("utf-8"))
    return " ".join(parts)


def phonemize(text: str, voice: str = "en-us") -> list[list[str]]:
    """Text -> sentences, each a list of single-codepoint IPA symbols (Piper's layout).

    Clause punctuation is kept (a comma, colon or semicolon is followed by a space) and
    language-switch markers such as `(en)` are dropped, as Piper does.
    """
    sentences: list[list[str]] = []
    current = ""
    with _lock:
        lib = _library(voice)
        for words, punct, tail in _CLAUSE.findall(text.strip()):
            words = (words or tail).strip()
            if not words:
                continue
            mark = punct[:1]
            current += re.sub(r"\([^)]+\)", "", _clause_phonemes(lib, words)) + mark
            if mark and mark in ",:;":
                current += " "
            elif mark and mark in _SENTENCE_END:
                sentences.append(list(unicodedata.normalize("NFD", current)))
                current = ""
    if current.strip():
        sentences.append(list(unicodedata.normalize("NFD", current.rstrip())))
    return sentences
