"""Grading in two processes: the grader (`grader_main`, `reporter`) and the learner worker.

`runner.grade()` is the entry point. The grading process runs pytest and the hidden
grader and never executes learner code; the learner worker (`worker`) imports the
learner's module and runs the calls the grader sends it, confined by bubblewrap where it
can start (`confine`); values cross as plain data (`codec`), never pickled. `warm` keeps a
grading process ready for the next check, forked from a `zygote` (torch, transformers and
pytest imported once) for model-backed katas, its learner worker forked from a
`worker_zygote` inside bubblewrap, each run in namespaces of its own (`worker_zygote_main`).

What this protects: the verdict, expected values and reference computations live in a
process the learner's code cannot reach; confined, the learner's code cannot see the
graders, `solutions/`, the progress database or HOME, cannot write outside its own work
folder, has no network, and every process it starts ends with the run; a forked worker
sees no other run and cannot reach the zygote it came from. What it does not:
a learner who reads the solution in the repository outside a check, and, when
bubblewrap cannot start (the run then says so), the learner's own files and processes.
"""
