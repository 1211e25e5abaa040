"""Caching: one durable "content changed at" clock that every write the public
could see advances (cms.caching.clock), the API's ETag / Last-Modified / 304
(cms.caching.middleware), the shared page cache keyed on that clock
(cms.caching.pages), the front cache's surrogate keys (cms.caching.keys) and
its purges (cms.caching.purge). A kernel app: feature apps add the models
their pages and API answers show with `track_changes_of` and the columns that
hold the moments their content changes by the clock alone with the
`cache_time_boundary_fields` hook (computed moments: `cache_time_boundaries`)."""
