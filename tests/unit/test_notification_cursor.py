"""Watcher internals: cursors that remember skipped ids, the one-watcher lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from isend_tui.notifications.cursors import GAP_TTL_S, Cursor, advance
from isend_tui.notifications.errors import WatcherLocked
from isend_tui.notifications.lock import WatcherLock


def test_ids_skipped_by_the_cursor_are_reread_until_they_expire() -> None:
    cursor = Cursor("order_history", 10)
    advance(cursor, [11, 14, 15], now=0.0)
    assert cursor.value == 15 and sorted(cursor.gaps) == [12, 13]
    advance(cursor, [13, 16], now=1.0)  # 13 committed late: read, no longer a gap
    assert cursor.value == 16 and sorted(cursor.gaps) == [12]
    advance(cursor, [], now=GAP_TTL_S + 1)
    assert cursor.gaps == {} and cursor.dirty


def test_a_huge_jump_keeps_a_bounded_number_of_gaps() -> None:
    cursor = Cursor("customer", 0)
    advance(cursor, [10_000_000], now=0.0)
    assert cursor.value == 10_000_000
    assert 0 < len(cursor.gaps) <= 2000


def test_the_lock_names_the_pid_that_holds_it(tmp_path: Path) -> None:
    import os

    first = WatcherLock(tmp_path / "w.lock")
    first.acquire()
    with pytest.raises(WatcherLocked) as caught:
        WatcherLock(tmp_path / "w.lock").acquire()
    assert caught.value.pid == os.getpid()
    assert str(os.getpid()) in caught.value.message
    first.release()
    WatcherLock(tmp_path / "w.lock").acquire()
