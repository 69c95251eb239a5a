"""The timed mock interview: conceptual and scenario questions across topics, then one kata.

Modules: `draw` (what a session of N minutes asks), `session` (the UI-independent,
clock-driven interview), `scorecard` (the result saved in the store), `voice` (questions
read aloud, spoken answers transcribed, speaking metrics), `recording` (the microphone, with
the optional `voice` extra) and `terminal` (the interactive `interview-prep mock`). Open
answers, typed or spoken, are scored by their key points (`quiz.rubric`).

Decision: a mock interview leaves the spaced-repetition schedule and the kata records
alone. Its questions are drawn regardless of due dates and answered under time pressure,
so recording them as FSRS reviews would reschedule cards on atypical evidence (early
reviews, rushed answers rated Hard). Its kata is solved in a fresh copy of the starter,
graded, and kept only in the scorecard, so a rushed mock never turns a passed kata back
to failed. The finished interview itself is saved (`mock_results`): it counts as a study
day for the streak and completes the plan's mock-interview goal.
"""
