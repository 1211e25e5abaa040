"""Models of the documents app (filled in by its own issue)."""
