"""interview-prep: an offline terminal coach for speech and audio ML interviews.

Importing this package is cheap: heavy libraries (torch, transformers, librosa,
matplotlib) are imported only inside the components that need them.
"""

__version__ = "0.1.0"
