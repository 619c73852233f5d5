"""How far actors agree: per question, per pair, and the clustering that orders them (pure)."""

from __future__ import annotations

from ...content.schema import Stance, Strength
from ...model import evidence
from ...model.briefing import BriefingModel
from ...model.scales import (
    POSITION_SIDE,
)
from .kit import (
    CHART_MAX_ACTORS,
)


def question_agreement(mine: list[Stance], theirs: list[Stance]) -> float | None:
    """Score two actors' stances on one question: 1 same position, 0.5 same side, 0 otherwise; None on different options only."""
    scores = [score for a in mine for b in theirs if (score := _pair_agreement(a, b)) is not None]
    return max(scores) if scores else None


def _pair_agreement(a: Stance, b: Stance) -> float | None:
    """Score two stances; on different named options (Moscow, Geneva) they neither agree nor disagree: None."""
    if a.option and b.option and a.option != b.option:
        return None  # refusing Moscow is not opposing Geneva
    if a.position == b.position:
        return 1.0
    side = POSITION_SIDE[a.position.value]
    return 0.5 if side and side == POSITION_SIDE[b.position.value] else 0.0


def shared_scores(model: BriefingModel, a: str, b: str) -> dict[str, float]:
    """Each question both actors took a position on, with how far they agree on it."""
    mine = {s.topic for s in model.stances_by_actor.get(a, [])}
    both = [s.topic for s in model.stances_by_actor.get(b, []) if s.topic in mine]
    scores = {t: question_agreement(model.cell(a, t), model.cell(b, t)) for t in dict.fromkeys(both)}
    return {t: score for t, score in scores.items() if score is not None}


def shared_strengths(model: BriefingModel, a: str, b: str) -> dict[str, Strength]:
    """The evidence each shared question's score rests on: the weaker of the two actors' strongest stances there."""
    return {
        t: evidence.weakest(evidence.strongest(model.strength(s).shown for s in model.cell(actor, t)) for actor in (a, b))
        for t in shared_scores(model, a, b)
    }


def weighted_mean(scores: dict[str, float], strengths: dict[str, Strength]) -> float:
    """The agreement over shared questions, each counted by its evidence strength, rounded for stable output."""
    weights = {t: evidence.STRENGTH_WEIGHT[strengths[t]] for t in scores}
    return round(sum(scores[t] * weights[t] for t in scores) / sum(weights.values()), 4)


def actor_distance(model: BriefingModel, a: str, b: str) -> float:
    """How far apart two actors stand, 0 to 1; a question only one of them spoke on counts as half apart."""
    topics_a = {s.topic for s in model.stances_by_actor.get(a, [])}
    topics_b = {s.topic for s in model.stances_by_actor.get(b, [])}
    union = topics_a | topics_b
    if not union:
        return 1.0
    scores = shared_scores(model, a, b)
    return (sum(1 - score for score in scores.values()) + 0.5 * (len(union) - len(scores))) / len(union)


def charted_actors(model: BriefingModel) -> list[str]:
    """The actors the heatmap and alignment charts show: all with a position, or the most active ones."""
    ids = [actor.id for actor in model.matrix_actors]
    if len(ids) <= CHART_MAX_ACTORS:
        return ids
    busiest = sorted(ids, key=lambda a: -len(model.stances_by_actor[a]))[:CHART_MAX_ACTORS]
    keep = set(busiest)
    return [a for a in ids if a in keep]


def order_by_agreement(model: BriefingModel) -> list[str]:
    """Order the charted actors by average-linkage clustering, so actors who agree sit together."""
    ids = charted_actors(model)
    clusters: dict[int, list[str]] = {n: [a] for n, a in enumerate(ids)}
    distance = {(i, j): actor_distance(model, ids[i], ids[j]) for i in clusters for j in clusters if i < j}
    while len(clusters) > 1:
        # Ties go to the pair earliest in content order, so the order is stable.
        (i, j), _ = min(distance.items(), key=lambda item: (round(item[1], 9), item[0]))
        size_i, size_j = len(clusters[i]), len(clusters[j])
        clusters[i] += clusters.pop(j)
        for k in clusters:
            if k != i:
                d_ik, d_jk = distance.pop(_pair_key(i, k)), distance.pop(_pair_key(j, k))
                distance[_pair_key(i, k)] = (size_i * d_ik + size_j * d_jk) / (size_i + size_j)
        del distance[(i, j)]
    return next(iter(clusters.values()), [])


def _pair_key(i: int, j: int) -> tuple[int, int]:
    """The distance table's key for two clusters."""
    return (i, j) if i < j else (j, i)


def mean(scores: dict[str, float]) -> float:
    """The mean agreement over shared questions, rounded for stable output."""
    return round(sum(scores.values()) / len(scores), 4)
