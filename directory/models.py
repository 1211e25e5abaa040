"""Models of the directory app (filled in by its own issue)."""
