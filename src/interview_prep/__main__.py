"""`python -m interview_prep` runs the command-line interface."""

from interview_prep.cli import main

raise SystemExit(main())
