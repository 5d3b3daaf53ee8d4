"""The cold-call rules, without a database: the ladder, the opening to read, sticky and
even variants, the conditional funnel, the Wilson interval and the beats-probability
against known values and a Monte-Carlo estimate."""

import random

import pytest

from eigyo.prospecting.domain import calls as rules


def test_the_ladder_is_fixed_and_ordered():
    assert rules.LADDER == (
        "no_answer",
        "reception",
        "staff",
        "decision_maker",
        "conversation",
        "appointment",
    )
    assert rules.reached("appointment", "staff") and not rules.reached("reception", "staff")


@pytest.mark.parametrize(
    "level,opening",
    [
        (None, "reception"),
        ("no_answer", "reception"),
        ("reception", "reception"),
        ("staff", "staff"),
        ("decision_maker", "decision_maker"),
        ("conversation", "decision_maker"),
    ],
)
def test_the_opening_for_the_level_reached(level, opening):
    assert rules.opening_for(level) == opening


def test_variants_are_given_evenly_and_the_first_on_ties():
    assert rules.assign_variant({}, ["A", "B"]) == "A"
    assert rules.assign_variant({"A": 3, "B": 2}, ["A", "B", "C"]) == "C"
    assert rules.assign_variant({"A": 3, "B": 2, "C": 2}, ["A", "B", "C"]) == "B"
    with pytest.raises(ValueError):
        rules.assign_variant({}, [])


def test_the_funnel_counts_calls_that_got_at_least_so_far():
    f = rules.funnel(["no_answer"] * 5 + ["reception"] * 3 + ["staff", "appointment"])
    assert f.calls == 10
    assert f.at_least == {
        "no_answer": 10,
        "reception": 5,
        "staff": 2,
        "decision_maker": 1,
        "conversation": 1,
        "appointment": 1,
    }
    assert (f.rate("past_reception").k, f.rate("past_reception").n) == (2, 5)
    assert (f.rate("decision_maker").k, f.rate("decision_maker").n) == (1, 2)
    assert (f.rate("appointment").k, f.rate("appointment").n) == (1, 1)
    assert rules.funnel([]).rate("past_reception").value is None


@pytest.mark.parametrize(
    "k,n,low,high",
    [
        (5, 20, 0.111862, 0.468701),  # statsmodels proportion_confint(method="wilson")
        (0, 10, 0.0, 0.277533),
        (10, 10, 0.722467, 1.0),
    ],
)
def test_wilson_against_known_values(k, n, low, high):
    lo, hi = rules.wilson(k, n)
    assert lo == pytest.approx(low, abs=1e-5) and hi == pytest.approx(high, abs=1e-5)


@pytest.mark.parametrize("k,n", [(1, 3), (81, 263), (7, 1000)])
def test_wilson_endpoints_solve_the_score_equation(k, n):
    """The interval is where |p̂ − p| = z·√(p(1−p)/n): checked without the closed form."""
    z, p_hat = rules.Z95, k / n
    for p in rules.wilson(k, n):
        assert (p_hat - p) ** 2 == pytest.approx(z * z * p * (1 - p) / n, abs=1e-12)


def test_wilson_without_trials_says_nothing_and_refuses_nonsense():
    assert rules.wilson(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        rules.wilson(3, 2)


def test_beats_symmetry_and_known_values():
    assert rules.beats(0, 0, 0, 0) == pytest.approx(0.5)
    assert rules.beats(3, 10, 3, 10) == pytest.approx(0.5, abs=1e-9)
    p = rules.beats(10, 100, 20, 100)
    assert p + rules.beats(20, 100, 10, 100) == pytest.approx(1.0, abs=1e-9)
    assert 0.97 < p < 0.99


@pytest.mark.parametrize("a,b", [((12, 40), (19, 41)), ((2, 9), (1, 11)), ((50, 400), (65, 410))])
def test_beats_matches_a_monte_carlo_estimate(a, b):
    rng = random.Random(2026)
    n = 200_000
    (ak, an), (bk, bn) = a, b
    wins = sum(
        rng.betavariate(bk + 1, bn - bk + 1) > rng.betavariate(ak + 1, an - ak + 1)
        for _ in range(n)
    )
    assert rules.beats(ak, an, bk, bn) == pytest.approx(wins / n, abs=0.006)
