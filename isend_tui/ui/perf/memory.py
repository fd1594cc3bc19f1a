"""Less of the garbage collector's time on the event loop.

Measured with bench/ui_bench.py: CPython's collector passes took 60-200 ms on the event
loop at random moments (a table refill, a send's progress updates), which was most of the
time a refill of État des campagnes took and the cause of the occasional >100 ms stalls
during a send. Three causes, three remedies:
- Textual's LRUCache keeps its entries in a circular linked list and `clear()` only drops
  the head, so every cleared cache (a DataTable clears its caches on each refill, sort
  or cell update) becomes cyclic garbage holding rendered lines, which only a collector
  pass can free: tens of thousands of objects per 500-row refill. `clear()` now unlinks
  the entries first, and reference counting frees them at once.
- A full pass walks every live container object, ~150,000 once the screens are built:
  `freeze_long_lived()` moves those to a generation the collector never walks. It runs in
  steps, each walking only what is new since the last one: when the app is mounted (what
  start-up made, before the first screen is drawn), then after each screen the warm-up
  builds. Done once at the end of the warm-up, that pass held the event loop 50-150 ms
  (bench/receipts_ui_bench.py).
- The first threshold goes from 700 to 10,000 allocations: fewer, still short, passes.
`release()` undoes the last two when the app stops, so a process that runs several apps
(the tests) does not keep their objects.
"""

from __future__ import annotations

import gc
from typing import Any

from textual.cache import LRUCache

# (young, middle, old); CPython's defaults are (700, 10, 10)
GC_THRESHOLDS = (10_000, 10, 10)

_default_thresholds: tuple[int, int, int] | None = None
_textual_clear = LRUCache.clear


def _clear_unlinking(self: LRUCache[Any, Any]) -> None:
    for link in self._cache.values():  # private names of the pinned Textual version
        link.clear()
    _textual_clear(self)


def install() -> None:
    global _default_thresholds
    # Replacing a method of Textual's class is the point of this patch.
    LRUCache.clear = _clear_unlinking  # type: ignore[method-assign]
    if _default_thresholds is None:
        _default_thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)


def freeze_long_lived() -> None:
    """Hide every object alive now from later passes (its own pass walks only the objects
    made since the last call)."""
    gc.collect()  # never freeze garbage: it would stay for good
    gc.freeze()


def release() -> None:
    """Give the collector back everything, with its default thresholds."""
    global _default_thresholds
    gc.unfreeze()
    if _default_thresholds is not None:
        gc.set_threshold(*_default_thresholds)
        _default_thresholds = None
