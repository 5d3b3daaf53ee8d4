"""The warmest path and tie strength, without a database: optimal against brute force
on random small graphs, the hop limit, and how ties grow and fade."""

import datetime as dt
import itertools
import math
import random

import pytest

from eigyo.contacts.domain import paths

TODAY = dt.date(2026, 12, 7)


def test_a_tie_grows_with_meetings_and_fades_with_time():
    assert paths.strength(paths.evidence([TODAY], TODAY)) == pytest.approx(0.5)
    assert paths.strength(paths.evidence([TODAY] * 3, TODAY)) == pytest.approx(0.75)
    half = paths.evidence([TODAY - dt.timedelta(days=180)], TODAY)
    assert half == pytest.approx(0.5) and paths.strength(half) == pytest.approx(1 / 3)
    assert paths.strength(0) == 0.0
    assert paths.combine(0.5, 0.5) == pytest.approx(0.75)


def brute(graph, sources, targets, max_hops):
    best = None
    nodes = list(graph)
    for t in targets:
        for s in sources:
            if s == t:
                return 1.0
    for k in range(1, max_hops + 1):
        for middle in itertools.permutations(nodes, k - 1):
            for s in sources:
                for t in targets:
                    seq = (s, *middle, t)
                    if len(set(seq)) != len(seq):
                        continue
                    w = 1.0
                    for a, b in zip(seq, seq[1:], strict=False):
                        if b not in graph.get(a, {}):
                            break
                        w *= graph[a][b]
                    else:
                        best = w if best is None else max(best, w)
    return best


def random_graph(rng, n, p):
    g = {i: {} for i in range(n)}
    for a, b in itertools.combinations(range(n), 2):
        if rng.random() < p:
            s = round(rng.uniform(0.05, 0.95), 3)
            g[a][b] = g[b][a] = s
    return g


@pytest.mark.parametrize("seed", range(60))
def test_the_warmest_path_is_optimal_on_small_graphs(seed):
    rng = random.Random(seed)
    g = random_graph(rng, rng.randrange(4, 9), rng.uniform(0.2, 0.6))
    nodes = list(g)
    sources = set(rng.sample(nodes, 2))
    targets = {rng.choice([x for x in nodes if x not in sources])}
    hops = rng.choice([1, 2, 3])
    found = paths.warmest(g, sources, targets, hops)
    expected = brute(g, sources, targets, hops)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.warmth == pytest.approx(expected)
        assert found.hops <= hops and found.nodes[0] in sources and found.nodes[-1] in targets
        assert len(set(found.nodes)) == len(found.nodes)
        assert found.warmth == pytest.approx(
            math.prod(g[a][b] for a, b in zip(found.nodes, found.nodes[1:], strict=False))
        )


def test_the_hop_limit_and_a_warmer_long_way_round():
    # us → a → b → c → target is warm (0.9 each) but four hops; the direct 0.1 tie wins.
    g = {
        "us": {"a": 0.9, "t": 0.1},
        "a": {"us": 0.9, "b": 0.9},
        "b": {"a": 0.9, "c": 0.9},
        "c": {"b": 0.9, "t": 0.9},
        "t": {"c": 0.9, "us": 0.1},
    }
    assert paths.warmest(g, {"us"}, {"t"}).nodes == ("us", "t")
    assert paths.warmest(g, {"us"}, {"t"}, max_hops=4).nodes == ("us", "a", "b", "c", "t")
    assert paths.warmest({"us": {}, "t": {}}, {"us"}, {"t"}) is None
