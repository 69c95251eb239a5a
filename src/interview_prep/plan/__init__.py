"""The weekly study plan: a shipped YAML week, its loader, scheduling and the study streak.

Modules: `model` (typed plan), `loader` (YAML -> Plan with file/line errors, resolution
against the kata catalog and the question bank), `schedule` (which day is done, due or
upcoming over real dates, rescheduling of missed days, streak) and `render` (rich output).
The week itself is `week.yaml` in this package.
"""
