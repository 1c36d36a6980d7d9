"""The change report: what a revision of the register changes, for reviewers."""
