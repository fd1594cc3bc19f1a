"""Importing the account's blacklist into the suppression list (campaigns/suppression.py).

The watcher imports it daily and every campaign before it is prepared, so an import of a
blacklist already copied must be quick. Prints, for N numbers: the first import (every
number parsed and added), an import of the same list again (what happens daily), and
the reference measured in the same run: every number parsed (the cost without the fast
path for numbers already listed).

    .venv/bin/python bench/blacklist_bench.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from isend_tui.campaigns import suppression
from isend_tui.store import open_store


def main(n: int) -> None:
    numbers = [f"336{i:08d}" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        first = suppression.import_numbers(store, numbers)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again = suppression.import_numbers(store, numbers)
        again_s = time.perf_counter() - started
        started = time.perf_counter()
        for number in numbers:
            suppression.normalise_number(number)
        parse_s = time.perf_counter() - started
        store.close()
    assert first.added == n and again.already == n
    print(f"numbers: {n:,}")
    print(f"first import:                {first_s:6.2f} s")
    print(f"same list again (daily):     {again_s:6.2f} s")
    print(f"reference, parse every one:  {parse_s:6.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
