"""The one random source of a demo shop.

Every draw comes from one `random.Random(seed)`, shared by the generator's collaborators,
which draw in the order they write rows. The same seed gives the same shop only while
that order holds: moving a draw moves every value after it.

The collaborators bind these methods once (`self.rnd = draws.random`): a big shop makes
millions of draws.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any


class Draws:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self.bits = self.rng.getrandbits

    def below(self, n: int) -> int:
        """A random int in [0, n) (faster than randrange, and as deterministic)."""
        return int(self.random() * n)

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[tuple[Any, float]]) -> Callable[[], Any]:
        """A fast picker of items by weight (one draw per pick, none to build it)."""
        total = sum(w for _i, w in items)
        cum: list[float] = []
        acc = 0.0
        for _item, w in items:
            acc += w / total
            cum.append(acc)
        values = [i for i, _w in items]
        last = len(values) - 1
        rnd = self.random

        def pick() -> Any:
            return values[min(bisect_right(cum, rnd()), last)]

        return pick
