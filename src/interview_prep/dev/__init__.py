"""Content-author tooling behind `interview-prep dev` (see `checks`)."""
