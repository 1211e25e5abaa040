"""Models of the news app (filled in by its own issue)."""
