"""Cache validators for the API: one durable "content changed at" clock that
every write the public could see advances, and the ETag / Last-Modified / 304
handling built on it (cms.caching.middleware). A kernel app: feature apps add
the models their API answers show with `track_changes_of` (cms.caching.clock)."""
