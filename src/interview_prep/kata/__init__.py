"""The kata engine: catalog, learner workspace, sandboxed grading, results and watch mode.

Importing the engine is cheap (no numpy, torch or transformers): graders import what
they need inside the grading process. Entry points: `catalog.load_catalog()`,
`workspace.init_workspace()`, `runner.grade()` and `watch.watch_workspace()`.
"""
