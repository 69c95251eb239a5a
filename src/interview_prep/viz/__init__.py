"""Figures: matplotlib (Agg backend) builders that save PNG files, one module per figure family.

Importing a module here never imports matplotlib; the builders import it when called.
`progress`: the learner's progress (reviews per day, accuracy per topic, katas per track,
grading times), also drawn in the terminal by the TUI's progress screen.
"""
