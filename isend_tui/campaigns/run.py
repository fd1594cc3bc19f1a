"""What every run of the campaign engine shares: sending, exporting, settling.

Store work runs in one dedicated worker thread, never on the event loop (a UI on the same
loop stays responsive); failures where nothing was sent are retried by `RetryPolicy`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from isend_tui.campaigns.campaign_store import Campaign
from isend_tui.campaigns.errors import CampaignStateError
from isend_tui.i18n import _
from isend_tui.store import Store

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class StopRequest:
    """A stop asked from outside the engine (the merchant quits the app): no batch is
    claimed after it, the batches in flight finish and their outcome is recorded, and the
    campaign stays resumable, as after a stop on the sending window."""

    reason: str | None = None

    def request(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of a request that certainly sent nothing (connection refused, HTTP 503)."""

    attempts: int = 5
    """Retries after the first try; then the campaign stops."""
    base_delay: float = 1.0
    max_delay: float = 30.0
    unknown_limit: int = 3
    """Consecutive batches with an unknown outcome before the campaign stops."""

    def delay(self, retry: int) -> float:
        return float(min(self.max_delay, self.base_delay * (2 ** (retry - 1))))


class StoreThread:
    """Runs blocking store work in one dedicated thread, awaited from the event loop."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="campaign-store")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def _close_connection(self) -> None:
        if not self.store.db.is_closed():
            self.store.db.close()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.run(self._close_connection)
        self._executor.shutdown(wait=False)


def tracker_of(campaign_id: int, recipient_id: int) -> str:
    """The tracker sent with each SMS: finds it again in reports and delivery callbacks."""
    return f"C{campaign_id}R{recipient_id}"


def check_prepared(campaign: Campaign) -> None:
    """A draft whose preparation died is never sent (its recipients are incomplete)."""
    if not campaign.prepared:
        raise CampaignStateError(
            _(
                "La préparation de la campagne {id} a été interrompue : rien n'a été envoyé. "
                "Créez la campagne à nouveau."
            ).format(id=campaign.id)
        )
