"""Stage 3: the site: pages, charts, exports and the feed, built by MkDocs and checked."""
