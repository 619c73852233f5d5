"""Stage 2: the validated briefing as a model: evidence strength, scales, editions and what changed."""
