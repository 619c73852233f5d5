"""Stage 1: read the content files, check them against the schema and the source texts."""
