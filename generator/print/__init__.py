"""Stage 4: the printed briefing (PDF)."""
