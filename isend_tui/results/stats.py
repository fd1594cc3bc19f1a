"""The two tests the results use, small exact formulas (no statistics package needed):

- the difference of two means (revenue per recipient, treated minus hold-out) with its
  95 % confidence interval by Welch's t (unequal variances; Welch-Satterthwaite degrees
  of freedom, the t quantile by the Cornish-Fisher expansion of the normal one: within
  0.2 % of the exact value from 5 degrees of freedom on, 0.8 % at 3);
- two conversion rates compared by the two-proportion z-test (pooled), two-sided.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

LEVEL = 0.95
_NORMAL = NormalDist()


@dataclass(frozen=True)
class Moments:
    """A group's per-recipient values summed: n, sum and sum of squares."""

    n: int
    total: float
    squares: float

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else 0.0

    @property
    def variance(self) -> float:
        """Unbiased sample variance (0 below two values)."""
        if self.n < 2:
            return 0.0
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))


@dataclass(frozen=True)
class Interval:
    """A difference with its confidence interval; significant when it excludes 0."""

    difference: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return self.low > 0 or self.high < 0


def t_quantile(p: float, df: float) -> float:
    """The p quantile of Student's t with `df` degrees of freedom (Cornish-Fisher)."""
    z = _NORMAL.inv_cdf(p)
    if math.isinf(df):
        return z
    z3, z5, z7 = z**3, z**5, z**7
    return (
        z
        + (z3 + z) / (4 * df)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * df**2)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df**3)
    )


def welch_interval(treated: Moments, control: Moments, level: float = LEVEL) -> Interval | None:
    """mean(treated) - mean(control) with its interval; None when a group has fewer than
    two recipients (no variance to estimate)."""
    if treated.n < 2 or control.n < 2:
        return None
    diff = treated.mean - control.mean
    a, b = treated.variance / treated.n, control.variance / control.n
    se = math.sqrt(a + b)
    if se == 0:
        return Interval(diff, diff, diff)
    df = (a + b) ** 2 / (a * a / (treated.n - 1) + b * b / (control.n - 1))
    half = t_quantile(0.5 + level / 2, df) * se
    return Interval(diff, diff - half, diff + half)


@dataclass(frozen=True)
class ZTest:
    z: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 1 - LEVEL


def two_proportions(x1: int, n1: int, x2: int, n2: int) -> ZTest | None:
    """x1/n1 against x2/n2 (pooled two-proportion z-test, two-sided); None when a group is
    empty or nobody (or everybody) converted in both."""
    if n1 == 0 or n2 == 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None
    z = (x1 / n1 - x2 / n2) / se
    return ZTest(z, 2 * (1 - _NORMAL.cdf(abs(z))))
