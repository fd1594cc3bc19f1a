"""Building local copies without making anyone wait: the screens count on the shop while
a big shop's copy is built in a thread, which the App owns (`ISendApp.copy_builder`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from isend_tui.shop.info import open_shop

if TYPE_CHECKING:  # the App creates a builder at start: the compiler loads with the first count
    from isend_tui.segments.local_copy.copy import LocalCopy

log = logging.getLogger(__name__)

#: After a failed build, counts go to the shop for this long before the next try (a build
#: reads the whole shop: it must not start again at every count).
RETRY_AFTER_S = 600.0


class BackgroundBuilder:
    """Builds copies in daemon threads named "shop-copy", each on its own connection to
    the shop: one build at a time per copy, and none for RETRY_AFTER_S after one failed."""

    def __init__(
        self,
        *,
        retry_after_s: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._building: set[Path] = set()
        self._failed_at: dict[Path, float] = {}

    def start(self, copy: LocalCopy) -> threading.Thread | None:
        """Build the copy in a thread, unless one is already building it or its last build
        failed less than `retry_after_s` ago; the thread, or None."""
        with self._lock:
            failed = self._failed_at.get(copy.path)
            if copy.path in self._building or (
                failed is not None and self._clock() - failed < self.retry_after_s
            ):
                return None
            self._building.add(copy.path)
        thread = threading.Thread(target=self._build, args=(copy,), name="shop-copy", daemon=True)
        thread.start()
        return thread

    def _build(self, copy: LocalCopy) -> None:
        try:
            with open_shop(copy.dsn) as conn:
                copy.build(conn)
        except Exception:  # the counts go on on the shop; a count tries again later
            log.exception("building the local copy of the shop failed")
            with self._lock:
                self._failed_at[copy.path] = self._clock()
        finally:
            with self._lock:
                self._building.discard(copy.path)
