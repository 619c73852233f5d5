"""Briefing generator: curated YAML facts → validated model → MkDocs Material site and PDF."""
