"""The random draws of campaigns (campaigns/draws.py) and the tests the results use
(results/stats.py): fair across a segment, reproducible from the seed, and the
formulas against values computed by hand or from tables."""

from __future__ import annotations

import random
from statistics import NormalDist, mean, variance

import pytest

from isend_tui.campaigns.draws import in_holdout, new_seed, variant_of
from isend_tui.results.stats import Moments, t_quantile, two_proportions, welch_interval


def segment(n: int, rng: random.Random) -> list[str]:
    return [f"336{rng.randrange(10**8):08d}" for _ in range(n)]


def test_the_holdout_share_is_unbiased_over_many_campaigns_and_along_the_segment() -> None:
    rng = random.Random(20251203)
    campaigns, size, pct = 300, 200, 10
    held_first = held_second = 0
    for _ in range(campaigns):
        seed = f"{rng.getrandbits(128):032x}"
        numbers = segment(size, rng)
        draws = [in_holdout(seed, pct, n) for n in numbers]
        held_first += sum(draws[: size // 2])
        held_second += sum(draws[size // 2 :])
    total = campaigns * size
    share = (held_first + held_second) / total
    sd = (0.1 * 0.9 / total) ** 0.5
    assert abs(share - 0.10) < 4 * sd  # wide tolerance: 4 standard deviations
    # The first half of each segment is held out as often as the second half.
    half_sd = (2 * 0.1 * 0.9 / (total / 2)) ** 0.5
    assert abs(held_first - held_second) / (total / 2) < 4 * half_sd


def test_variants_are_equally_likely() -> None:
    rng = random.Random(7)
    counts = [0, 0, 0]
    for _ in range(200):
        seed = f"{rng.getrandbits(128):032x}"
        for number in segment(100, rng):
            counts[variant_of(seed, 3, number)] += 1
    expected = sum(counts) / 3
    chi2 = sum((c - expected) ** 2 / expected for c in counts)
    assert chi2 < 13.8  # 2 degrees of freedom, p = 0.001


def test_a_draw_is_reproducible_from_its_seed() -> None:
    seed = new_seed()
    numbers = segment(1000, random.Random(1))
    first = [n for n in numbers if in_holdout(seed, 25, n)]
    assert first == [n for n in numbers if in_holdout(seed, 25, n)]
    assert first != [n for n in numbers if in_holdout(new_seed(), 25, n)]
    assert not any(in_holdout(seed, 0, n) for n in numbers)


def test_the_t_quantile_matches_the_tables() -> None:
    # Student's t, 97.5 % (two-sided 95 %), from the usual tables.
    for df, table in ((5, 2.571), (10, 2.228), (30, 2.042), (100, 1.984)):
        assert t_quantile(0.975, df) == pytest.approx(table, abs=0.004)


def test_welch_interval_by_hand() -> None:
    treated = [0.0, 0.0, 40.0, 0.0, 55.0, 0.0, 0.0, 12.5]
    control = [0.0, 0.0, 0.0, 30.0, 0.0]
    mt, mc = mean(treated), mean(control)
    a, b = variance(treated) / len(treated), variance(control) / len(control)
    df = (a + b) ** 2 / (a * a / (len(treated) - 1) + b * b / (len(control) - 1))
    half = t_quantile(0.975, df) * (a + b) ** 0.5
    found = welch_interval(
        Moments(len(treated), sum(treated), sum(x * x for x in treated)),
        Moments(len(control), sum(control), sum(x * x for x in control)),
    )
    assert found is not None
    assert found.difference == pytest.approx(mt - mc)
    assert found.low == pytest.approx(mt - mc - half)
    assert found.high == pytest.approx(mt - mc + half)
    assert not found.significant  # so few customers prove nothing


def test_two_proportions_by_hand() -> None:
    pooled = (60 + 40) / 2000
    z = (60 / 1000 - 40 / 1000) / (pooled * (1 - pooled) * (2 / 1000)) ** 0.5
    found = two_proportions(60, 1000, 40, 1000)
    assert found is not None
    assert found.z == pytest.approx(z)
    assert found.p_value == pytest.approx(2 * (1 - NormalDist().cdf(z)))
    assert found.significant
    assert two_proportions(5, 100, 4, 100) is not None
    assert not two_proportions(5, 100, 4, 100).significant  # type: ignore[union-attr]


def test_a_winner_only_when_it_beats_every_other_text_significantly() -> None:
    from datetime import datetime
    from decimal import Decimal

    from isend_tui.results.figures import Attribution, Group

    def campaign(*groups: tuple[int, int]) -> Attribution:
        variants = tuple(Group(recipients=n, buyers=b, revenue=Decimal(b)) for n, b in groups)
        return Attribution(
            campaign_id=1, currency="EUR", window_days=5, window_start=None,
            window_end=None, computed_at=datetime(2025, 1, 1), delivery_known=False,
            sms=sum(n for n, _b in groups), cost=None, variants=variants,
        )  # fmt: skip

    assert campaign((1000, 60), (1000, 30)).winner() == 0
    assert campaign((1000, 30), (1000, 60)).winner() == 1
    assert campaign((1000, 33), (1000, 30)).winner() is None  # not significant
    # 5.5 % against 3.5 % (p = 0.031) wins a two-text test, not a four-text one: corrected
    # for three comparisons, each must reach p < 0.05 / 3.
    assert campaign((1000, 55), (1000, 35)).winner() == 0
    assert campaign((1000, 55), (1000, 35), (1000, 35), (1000, 35)).winner() is None
    assert campaign((1000, 90), (1000, 30), (1000, 40), (1000, 50)).winner() == 0
