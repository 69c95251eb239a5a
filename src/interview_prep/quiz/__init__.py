"""The quiz: question banks, answer checking, FSRS scheduling and UI-independent sessions.

Modules: `models` (typed questions), `bank` (YAML loader with file/line problems) and
`bank_yaml` (parsing that recovers from syntax errors question by question), `checking`
(answers), `shuffle` (choice order per showing) and `choice_checks` (the bank rules it
needs), `rating` (automatic ratings), `scheduler` (FSRS behind our own interface, day
boundary, daily limits), `queue` (what to ask today), `history` (the review log),
`session` (one quiz run, no I/O), `render` (rich renderables) and `terminal` (the
interactive `interview-prep quiz` loop).
"""
