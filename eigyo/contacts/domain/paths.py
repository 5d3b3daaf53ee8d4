"""Who knows whom, as rules (pure): how strong a tie is, and the warmest way in.

A tie between one of our people and one of theirs grows with each meeting and fades
with time: every meeting counts 0.5^(age / half-life), and the evidence e becomes a
strength e / (e + 1) — one meeting today is 0.5, three recent ones 0.75, a meeting a
year ago (half-life 180 days) about 0.2. A path's warmth is the product of its ties'
strengths; the warmest path is the shortest on −ln(strength), at most three hops.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

HALF_LIFE_DAYS = 180
MAX_HOPS = 3
# Ties that are not counted in meetings.
REPORTING_LINE = 0.6  # 上司と部下: they talk daily, but it is not our tie
CARD = 0.3  # a business card exchanged once


def evidence(meetings: Iterable[dt.date], today: dt.date, half_life: int = HALF_LIFE_DAYS) -> float:
    """Σ 0.5^(age / half-life) over the days met (a day in the future counts as today)."""
    return sum(0.5 ** (max(0, (today - d).days) / half_life) for d in meetings)


def strength(evidence_value: float) -> float:
    """From evidence to a strength in [0, 1)."""
    return evidence_value / (evidence_value + 1) if evidence_value > 0 else 0.0


def combine(*strengths: float) -> float:
    """Two independent ways to know someone (met and swapped cards): 1 − Π(1 − s)."""
    out = 1.0
    for s in strengths:
        out *= 1 - s
    return 1 - out


Node = Hashable


@dataclass(frozen=True)
class Path:
    """Nodes from one of ours to the target, and the strength of each step."""

    nodes: tuple[Node, ...]
    strengths: tuple[float, ...]

    @property
    def warmth(self) -> float:
        return math.prod(self.strengths)

    @property
    def hops(self) -> int:
        return len(self.strengths)


def warmest(
    graph: Mapping[Node, Mapping[Node, float]],
    sources: Iterable[Node],
    targets: Iterable[Node],
    max_hops: int = MAX_HOPS,
) -> Path | None:
    """The path from any source to any target whose strengths multiply to the most,
    with at most `max_hops` ties (undirected `graph`: node → {neighbour: strength});
    ties broken by fewer hops, then by node order. None when there is none."""
    sources, targets = set(sources), set(targets)
    # best[node] = (cost, hops, path) of the best path found from a target to node with
    # exactly k hops, layer by layer (a bounded Bellman-Ford: k ≤ 3 keeps it tiny).
    layer = {t: (0.0, (t,)) for t in targets if t in graph or t in sources}
    best: tuple[float, int, tuple] | None = None
    for t in targets & sources:
        best = (0.0, 0, (t,))  # the target is one of ours
    for hops in range(1, max_hops + 1):
        nxt: dict[Node, tuple[float, tuple]] = {}
        for node, (cost, path) in layer.items():
            for neighbour, s in graph.get(node, {}).items():
                if s <= 0 or neighbour in path:
                    continue
                c = cost - math.log(s)
                if neighbour not in nxt or (c, path + (neighbour,)) < nxt[neighbour]:
                    nxt[neighbour] = (c, path + (neighbour,))
        for node, (cost, path) in nxt.items():
            if node in sources:
                key = (cost, hops, path)
                if best is None or key < best:
                    best = key
        layer = {n: v for n, v in nxt.items() if n not in sources}  # a path ends at ours
        if not layer:
            break
    if best is None:
        return None
    _cost, _hops, path = best
    nodes = tuple(reversed(path))
    return Path(nodes, tuple(graph[a][b] for a, b in zip(nodes, nodes[1:], strict=False)))


def reach(
    graph: Mapping[Node, Mapping[Node, float]], targets: Iterable[Node], max_hops: int
) -> dict:
    """The warmest product from any target to each node within `max_hops` (walks: an
    upper bound for paths, which is what pruning needs)."""
    best = {t: 1.0 for t in targets}
    layer = dict(best)
    for _ in range(max_hops):
        nxt: dict = {}
        for node, w in layer.items():
            for neighbour, s in graph.get(node, {}).items():
                v = w * s
                if v > nxt.get(neighbour, 0.0):
                    nxt[neighbour] = v
        for node, v in nxt.items():
            if v > best.get(node, 0.0):
                best[node] = v
        layer = nxt
    return best
