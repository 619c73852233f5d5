"""`make draft`: propose actors, quotes, dates and figures from a folder's source texts into drafts.yaml."""
