"""One sender per campaign at a time, across processes (the TUI, `campaign resume`, ...).

An exclusive ``flock`` on ``<data dir>/campaign-locks/<id>.lock``, taken without waiting.
The system releases it when the holder dies, even by SIGKILL, so a lock never outlives a
crash: a campaign in state 'sending' whose lock is free was interrupted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from isend_tui.campaigns.errors import CampaignBusy
from isend_tui.store import Store

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock
    fcntl = None  # type: ignore[assignment]


def _lock_path(store: Store, campaign_id: int) -> Path:
    directory = store.path.parent / "campaign-locks"
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"{int(campaign_id)}.lock"


@contextlib.contextmanager
def campaign_lock(store: Store, campaign_id: int) -> Iterator[None]:
    """Hold the campaign's lock, or raise CampaignBusy at once."""
    fd = os.open(_lock_path(store, campaign_id), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise CampaignBusy(campaign_id) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def is_running(store: Store, campaign_id: int) -> bool:
    """Whether a live process holds the campaign's lock."""
    try:
        with campaign_lock(store, campaign_id):
            return False
    except CampaignBusy:
        return True
