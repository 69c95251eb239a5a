"""Levels and degradations, each checked by measuring the output."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import welch

from interview_prep.audio import degrade, levels


def _sine(freq=1000.0, sr=16000, seconds=1.0, amp=1.0):
    t = np.arange(int(sr * seconds)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_levels_of_known_signals():
    assert levels.rms_dbfs(_sine()) == pytest.approx(-3.0103, abs=1e-3)
    assert levels.peak_dbfs(_sine(amp=0.5)) == pytest.approx(-6.0206, abs=1e-3)
    assert levels.rms_dbfs(np.ones(100, np.float32)) == pytest.approx(0.0, abs=1e-9)
    assert levels.rms_dbfs(np.zeros(100, np.float32)) == levels.SILENCE_DB
    assert levels.rms_dbfs(levels.normalize_rms(_sine(), -23.0)) == pytest.approx(-23.0, abs=1e-4)
    assert levels.peak_dbfs(levels.normalize_peak(_sine(), -1.0)) == pytest.approx(-1.0, abs=1e-4)


def test_trim_drops_quiet_ends_only():
    x = np.concatenate([np.zeros(100), 0.001 * np.ones(5), _sine(seconds=0.1), np.zeros(50)]).astype(
        np.float32
    )
    y = levels.trim(x, -40.0)
    assert np.abs(y[0]) >= 0.01 and np.abs(y[-1]) >= 0.01
    assert len(y) <= 1600 and len(y) > 1500


@pytest.mark.parametrize("snr", [-5.0, 0.0, 5.0, 10.0, 20.0, 37.5])
@pytest.mark.parametrize("color", ["white", "pink", "brown"])
def test_add_noise_hits_the_requested_snr(snr, color):
    clean = _sine(440) * 0.3
    noisy = degrade.add_noise(clean, snr, seed=7, color=color)
    measured = levels.snr_db(clean, noisy.astype(np.float64) - clean)
    assert measured == pytest.approx(snr, abs=0.1)


def test_mix_at_snr_over_a_span():
    sr = 16000
    event = np.zeros(sr, np.float32)
    event[4000:6000] = _sine(seconds=2000 / sr)
    noise = degrade.colored_noise(sr, seed=1, color="pink")
    mix = degrade.mix_at_snr(event, noise, 3.0, span=(4000, 6000))
    residual = mix.astype(np.float64) - event
    assert levels.snr_db(event[4000:6000], residual[4000:6000]) == pytest.approx(3.0, abs=0.1)


def test_colored_noise_slopes_and_determinism():
    def slope_db_per_octave(x):
        f, p = welch(x, fs=16000, nperseg=4096)
        band = (f > 100) & (f < 4000)
        return np.polyfit(np.log2(f[band]), 10 * np.log10(p[band]), 1)[0]

    white, pink, brown = (degrade.colored_noise(16000 * 4, 3, c) for c in ("white", "pink", "brown"))
    assert abs(slope_db_per_octave(white)) < 1.0
    assert slope_db_per_octave(pink) == pytest.approx(-3.0, abs=1.0)
    assert slope_db_per_octave(brown) == pytest.approx(-6.0, abs=1.0)
    assert levels.rms(pink) == pytest.approx(1.0, abs=1e-4)
    assert degrade.colored_noise(1000, 3).tobytes() == degrade.colored_noise(1000, 3).tobytes()
    assert degrade.colored_noise(1000, 3).tobytes() != degrade.colored_noise(1000, 4).tobytes()


def test_telephone_band_and_rate():
    noise = degrade.colored_noise(16000 * 2, 5, "white")
    tel, sr = degrade.telephone(noise, 16000)
    assert sr == 8000 and len(tel) == 16000
    f, p = welch(tel, fs=sr, nperseg=1024)
    in_band = p[(f > 500) & (f < 3000)].mean()
    assert 10 * np.log10(p[f < 150].mean() / in_band) < -25
    assert 10 * np.log10(p[f > 3800].mean() / in_band) < -25
    # zero phase: a click stays where it was
    click = np.zeros(16000, np.float32)
    click[8000] = 1.0
    out, _ = degrade.telephone(click, 16000)
    assert abs(int(np.argmax(np.abs(out))) - 4000) <= 2


def test_clip_gain_stereo_and_rate_change():
    x = _sine(amp=0.5)
    clipped = degrade.clip(x, drive_db=12.0)
    assert np.abs(clipped).max() == pytest.approx(1.0)
    assert 0.5 < degrade.clipped_fraction(clipped) < 0.9
    assert degrade.clipped_fraction(x) == 0.0
    assert levels.rms_dbfs(degrade.gain(x, -6.0)) - levels.rms_dbfs(x) == pytest.approx(-6.0, abs=1e-4)

    st = degrade.to_stereo(x, pan=0.5)
    assert st.shape == (len(x), 2)
    assert (st**2).sum(axis=1).mean() == pytest.approx((x**2).mean(), rel=1e-4)  # constant-power pan
    assert levels.rms(st[:, 1]) / levels.rms(st[:, 0]) == pytest.approx(np.tan(3 * np.pi / 8), rel=1e-4)
    click = np.zeros(1000, np.float32)
    click[100] = 1.0
    delayed = degrade.to_stereo(click, delay_ms=2.0, sample_rate=16000)
    assert np.argmax(delayed[:, 0]) == 100 and np.argmax(delayed[:, 1]) == 132  # 2 ms = 32 samples
    centered = degrade.to_stereo(x)
    np.testing.assert_array_equal(centered[:, 0], centered[:, 1])

    y, sr = degrade.change_rate(x, 16000, 44100)
    assert sr == 44100 and len(y) == 44100
