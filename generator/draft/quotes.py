"""Propose every direct quotation of a source with the actor it is attributed to.

Quotation marks are paired in one pass over each paragraph ("…", “…”, « … »); a quote left
open at the end of a paragraph continues when the next paragraph opens with a mark, the way
agencies run a quotation over several paragraphs. The speaker is found through a reporting
verb after the quote ("…", a déclaré X / "…," X said) or before it (X said: "…"; selon X),
a pronoun standing for the sentence's subject or the last named speaker. Every window searched
is bounded, so a paragraph of any length is read in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..content.provenance import quote_in
from .actors import Mention
from .languages import Lexicon

_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_CLOSERS = {"”", "»", '"', "“"}
_MARKS = re.compile(r"[\"“”«»„]")
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMr)(?<!\bDr)(?<!\bSt)(?<!\bMs)[.!?](?=\s+[A-ZÀ-Ý\"“«]|\s*$)")
_AFTER_PREPOSITION = re.compile(
    r"(?<![\w-])(?:of|for|at|from|with|to|in|on|by|de|du|des|à|au|aux|avec|chez|par|sur|dans|en)\s+(?:the\s+|la\s+|le\s+|les\s+)?$|\b[dl]['’]$",
    re.IGNORECASE,
)
WINDOW = 400
"""How far before and after a quote the attribution is looked for: one long sentence."""
SHORT = 4
"""Quotes shorter than this many words are kept only with a speaker: otherwise they are names or scare quotes."""


@dataclass(frozen=True)
class Span:
    """A quotation in one paragraph: where its marks are, and where its words are."""

    open: int
    close: int
    """Offset of the closing mark, or the paragraph's end for a quote continued in the next paragraph."""
    start: int
    end: int
    comma: bool = False
    """The quoted words end with a comma (or ! ?) inside the marks, as in '"…," he said'."""


@dataclass
class Quote:
    """A proposed quotation: where it stands, its words, and the actor key of its speaker."""

    source: str
    paragraph: int
    quote: str
    speaker: str | None
    chain: int
    """Quotes of one chain are one quotation run over several paragraphs."""
    at: int
    """Offset of the quote's first word in its paragraph."""


def find_quotes(source_id: str, paragraphs: list[str], mentions: dict[tuple[str, int], list[Mention]], lex: Lexicon) -> list[Quote]:
    """Every quotation of a source, in order, with its speaker where the text says who."""
    verbs = re.compile(rf"(?<![\w-])(?:{lex.reporting})(?![\w-])", re.IGNORECASE)
    according = re.compile(rf"(?<![\w-])(?:{lex.according})(?![\w-])", re.IGNORECASE)
    quotes: list[Quote] = []
    last_speaker: list[str | None] = [None]
    carried = False
    chain = 0
    for number, text in enumerate(paragraphs, 1):
        next_opens = number < len(paragraphs) and paragraphs[number][:1] in _OPENERS
        spans = _pair_marks(text, carried, next_opens)
        masked = _mask(text, spans)
        found = mentions.get((source_id, number), [])
        for index, span in enumerate(spans):
            words = text[span.start : span.end]
            if not (carried and index == 0):
                chain += 1
            speaker = _speaker(index, masked, found, spans, verbs, according, last_speaker)
            if speaker is None and index and quotes[-1].speaker and _runs_on(masked, spans[index - 1], span, found, quotes[-1].speaker):
                speaker = quotes[-1].speaker
            quotes.append(Quote(source_id, number, words, speaker, chain, span.start))
        carried = bool(spans) and spans[-1].close == len(text) and next_opens
    return _keep(_share_speakers(quotes), paragraphs)


def _runs_on(masked: str, previous: Span, span: Span, mentions: list[Mention], speaker: str) -> bool:
    """'"A," X said. "B."': a quote that opens the next sentence, with nobody else named between, goes on with the same speaker."""
    between = masked[previous.close + 1 : span.open]
    named = any(
        previous.close < mention.start < span.open and mention.key not in {None, speaker} and mention.kind in {"person", "group"}
        for mention in mentions
    )
    return len(between) <= 160 and bool(re.search(r"[.!?]\s*$", between)) and not named


def _pair_marks(text: str, carried: bool, next_opens: bool) -> list[Span]:
    """Pair opening and closing marks in one pass; a quote still open at the end runs on only if the next paragraph opens one."""
    spans: list[Span] = []
    opened: tuple[int, str] | None = (-1, '"') if carried and text[:1] not in _OPENERS else None
    for match in _MARKS.finditer(text):
        at, mark = match.start(), match.group()
        if opened is None:
            if mark in _OPENERS and (mark != '"' or _can_open(text, at)):
                opened = (at, mark)
        elif mark in _CLOSERS and (mark == _OPENERS[opened[1]] or mark == '"' or (opened[1] == '"' and mark == "”")):
            spans.append(_span(text, opened[0], at))
            opened = None
        elif mark == opened[1]:
            opened = (at, mark)  # the earlier mark was never closed: start again here
    if opened is not None and next_opens:
        spans.append(_span(text, opened[0], len(text)))
    return [span for span in spans if span.end > span.start]


def _can_open(text: str, at: int) -> bool:
    """A straight quote opens where a word starts after it."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (not before.isalnum()) and not after.isspace()


def _span(text: str, open_at: int, close_at: int) -> Span:
    """A quote's span with its words trimmed to start and end on whole words."""
    start, end = open_at + 1, close_at
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Span(open_at, close_at, start, end, close_at < len(text) and text[close_at - 1] in ",!?")


def _mask(text: str, spans: list[Span]) -> str:
    """The paragraph with quoted words blanked, so verbs and names inside quotes are never taken for attribution."""
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.open + 1], " " * (span.close - span.open - 1)]
        last = span.close
    return "".join(pieces) + text[last:]


def _sentence(masked: str, span: Span) -> tuple[int, int]:
    """The bounds of the sentence around a quote, at most WINDOW characters on either side."""
    start = max(0, span.open - WINDOW)
    ends = [match.end() for match in _SENTENCE_END.finditer(masked, start, span.open)]
    stop = min(len(masked), span.close + WINDOW)
    after = _SENTENCE_END.search(masked, min(span.close + 1, stop), stop)
    return (ends[-1] if ends else start), (after.end() if after else stop)


def _speaker(
    index: int,
    masked: str,
    mentions: list[Mention],
    spans: list[Span],
    verbs: re.Pattern[str],
    according: re.Pattern[str],
    last: list[str | None],
) -> str | None:
    """The actor key of a quote's speaker: through a reporting verb after it, then before it; None when the text does not say."""
    span = spans[index]
    begin, finish = _sentence(masked, span)
    outside = _outside(mentions, spans, index, begin, finish)
    last_fragment = _last_fragment(masked, spans, index, finish)
    after_close = last_fragment.close + 1
    attributed_after = _attributed_after(masked, last_fragment)
    marker = according.search(masked, after_close, finish) if attributed_after else None
    verb = verbs.search(masked, after_close, finish) if attributed_after else None
    speaker: str | None = None
    if marker and (not verb or marker.start() < verb.start()):
        speaker = _first(outside, marker.end(), finish, begin, outside, last)
    elif verb:
        speaker = _subject(verb, outside, after_close, finish, begin, last)
    if speaker is None:
        before = [*according.finditer(masked, begin, span.open), *verbs.finditer(masked, begin, span.open)]
        if before:
            cue = max(before, key=lambda match: match.start())
            if according.fullmatch(cue.group()):
                speaker = _first(outside, cue.end(), span.open, begin, outside, last)
            else:
                speaker = _subject_before(cue, outside, begin, last)
    if speaker is not None:
        last[0] = speaker
    return speaker


def _last_fragment(masked: str, spans: list[Span], index: int, finish: int) -> Span:
    """'Poutine est "X" qui "Y", a-t-il accusé': fragments of one sentence share the attribution after the last of them."""
    later = index
    while later < len(spans) and spans[later].open < finish:
        if _attributed_after(masked, spans[later]):
            return spans[later]
        later += 1
    return spans[index]


def _attributed_after(masked: str, span: Span) -> bool:
    """An attribution follows a quote only across a comma ('"…", a déclaré X', '"…," X said'), never in a new clause ("while the army said")."""
    inner_comma = span.comma
    after = masked[span.close + 1 : span.close + 80]
    if not (inner_comma or re.match(r"\s*[,;—–-]", after)):
        return False
    return not re.match(r"\s*[,;—–-]?\s*(?:while|whereas|but|and|as|although|alors que|tandis que|mais|et)\b", after, re.IGNORECASE)


def _outside(mentions: list[Mention], spans: list[Span], index: int, begin: int, finish: int) -> list[Mention]:
    """The mentions of a sentence that are not inside a quotation (only the quotes near this one can hold them)."""
    chosen = [mention for mention in _between(mentions, begin, finish)]
    nearby = [span for span in spans[max(0, index - 50) : index + 50] if span.close >= begin and span.open < finish]
    kept = [mention for mention in chosen if not any(span.open < mention.start < span.close for span in nearby)]
    return [mention for mention in kept if mention.kind != "adjective"]


def _between(mentions: list[Mention], begin: int, finish: int) -> list[Mention]:
    """The mentions starting between two offsets, found by bisection (mentions are sorted)."""
    low = bisect.bisect_left(mentions, begin, key=lambda mention: mention.start)
    high = bisect.bisect_left(mentions, finish, key=lambda mention: mention.start)
    return mentions[low:high]


def _subject(verb: re.Match[str], outside: list[Mention], after_close: int, finish: int, begin: int, last: list[str | None]) -> str | None:
    """The speaker of a verb after the quote: a name between quote and verb, an inverted pronoun, or the name after the verb."""
    if re.search(r"-(?:t-)?(?:il|elle|ils|elles)\b", verb.group(), re.IGNORECASE):
        return _resolve_pronoun(begin, outside, last)
    between = [mention for mention in outside if after_close <= mention.start < verb.start()]
    if between:
        return _named(between[-1], begin, outside, last)
    return _first(outside, verb.end(), finish, begin, outside, last)


def _subject_before(cue: re.Match[str], outside: list[Mention], begin: int, last: list[str | None]) -> str | None:
    """The speaker of a verb before the quote: an inverted pronoun, or the closest name before the verb."""
    if re.search(r"-(?:t-)?(?:il|elle|ils|elles)\b", cue.group(), re.IGNORECASE):
        return _resolve_pronoun(begin, outside, last)
    subjects = [mention for mention in outside if begin <= mention.start < cue.start()]
    if not subjects:
        return None
    # "Tim Mitchell, president of the Royal College, said": a name after a preposition is not the subject
    free = [mention for mention in subjects if not _AFTER_PREPOSITION.search(masked_before(cue.string, mention.start))]
    return _named((free or subjects)[-1], begin, outside, last)


def masked_before(text: str, at: int) -> str:
    """The few characters before an offset."""
    return text[max(0, at - 16) : at]


def _first(mentions: list[Mention], start: int, stop: int, begin: int, outside: list[Mention], last: list[str | None]) -> str | None:
    """The first mention between two offsets, a pronoun resolved."""
    found = next((mention for mention in mentions if start <= mention.start < stop), None)
    return _named(found, begin, outside, last) if found else None


def _named(mention: Mention, begin: int, outside: list[Mention], last: list[str | None]) -> str | None:
    """A mention's actor; a pronoun's is the sentence's subject, else the last named speaker."""
    if mention.key:
        return mention.key
    before = [m for m in outside if m.start < mention.start]
    if mention.kind == "spokesperson":
        return _resolve_spokesperson(before, last)
    return _resolve_pronoun(begin, before, last)


def _resolve_spokesperson(before: list[Mention], last: list[str | None]) -> str | None:
    """ "a spokeswoman said": the organisation (or state) named last in the sentence, else the last speaker if it is one."""
    bodies = [mention.key for mention in before if mention.key and mention.kind in {"organisation", "state", "group", "coalition"}]
    if bodies:
        return bodies[-1]
    return last[0] if last[0] and last[0].split(":")[0] in {"org", "state", "known"} else None


def _resolve_pronoun(begin: int, outside: list[Mention], last: list[str | None]) -> str | None:
    """A pronoun stands for the first person named in its sentence, else for the last named speaker."""
    named = [mention for mention in outside if mention.key and mention.start >= begin and mention.kind in {"person", "group"}]
    return named[0].key if named else last[0]


def _share_speakers(quotes: list[Quote]) -> list[Quote]:
    """A quotation run over several paragraphs has one speaker, wherever the text names them."""
    speakers: dict[int, str] = {}
    for quote in quotes:
        if quote.speaker and quote.chain not in speakers:
            speakers[quote.chain] = quote.speaker
    for quote in quotes:
        quote.speaker = quote.speaker or speakers.get(quote.chain)
    return quotes


def _keep(quotes: list[Quote], paragraphs: list[str]) -> list[Quote]:
    """Drop short unattributed quotes (names, scare quotes) and anything not verbatim in its paragraph."""
    kept = []
    for quote in quotes:
        if not quote.speaker and len(quote.quote.split()) < SHORT:
            continue
        text, at = paragraphs[quote.paragraph - 1], quote.at
        # The quote is a slice of the paragraph; checking its neighbourhood is the same check, in bounded time.
        if quote_in(quote.quote, text[max(0, at - 1) : at + len(quote.quote) + 1]):
            kept.append(quote)
    return kept
