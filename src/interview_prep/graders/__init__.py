"""Hidden graders: one pytest module per kata, `graders/<track>/test_<NN>_<slug>.py`.

They run only inside the sandboxed grading process started by `kata.runner`.
"""
